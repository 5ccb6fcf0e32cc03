"""Benchmark (`make bench`, not part of `make test`): our hooks versus a plain Material build.

Generates synthetic corpora (200 and 2,000 letters nested by edition; 20 and 300 terms), builds each
in a fresh process with our hooks and with a plain Material configuration of the same pages
(interleaved, the fastest of ``--repeat`` builds counts), and
prints wall time, peak memory, ratios (also of builds run side by side) and the size of a letter page.
Our build runs without its search index (Pagefind, after the build: ``bench_search`` measures it);
plain Material keeps its lunr search, as shipped, unless ``--bare`` (then neither has search). The corpora and sites live on a RAM disk where there is one (``scratch``).
Method and current figures: ``tests/bench/README.md``.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
WORDS = ("klant organisatie beleving strategie leiderschap medewerker cultuur waarde verandering proces "
         "team directie keuze ervaring vertrouwen gedrag resultaat belofte relatie inzicht").split()
AUTHORS = ["wim-rampen", "jan-hein-pierik", "rien-brus"]
CITIES = {"wim-rampen": "Helmond", "jan-hein-pierik": "Zeist", "rien-brus": "Santpoort-Zuid"}


def term_names(count: int) -> list[str]:
    return [f"begripsnaam{i:03d}" for i in range(count)]


def write_corpus(docs: Path, letters: int, terms: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    names = term_names(terms)
    (docs / "begrippen").mkdir(parents=True)
    (docs / "index.md").write_text("---\ntitle: Start\n---\n\nSynthetische site.\n", encoding="utf-8")
    (docs / ".authors.yml").write_text(
        "authors:\n" + "".join(f"  {a}:\n    name: {a.replace('-', ' ').title()}\n    city: {CITIES[a]}\n" for a in AUTHORS),
        encoding="utf-8")
    for i, name in enumerate(names):
        (docs / "begrippen" / f"{name}.md").write_text(
            f"---\nterm: {name}\nforms: [{name}s]\n---\n\nDefinitie nummer {i} van een synthetisch begrip.\n", encoding="utf-8")
    editions = (letters + 2) // 3
    n = 0
    for e in range(editions):
        year, month = 2025 - e // 12, 12 - e % 12
        folder = docs / "brieven" / f"{year}-{month:02d}-editie-{e:04d}"
        folder.mkdir(parents=True)
        stelling = f"Stelling {e}: " + " ".join(rng.choice(WORDS) for _ in range(6)) + "."
        (folder / "index.md").write_text(f"---\ntitle: Editie {e}\nstelling: \"{stelling}\"\ndate: {year}-{month:02d}\n---\n\nLead.\n",
                                         encoding="utf-8")
        for pos in range(3):
            if n >= letters:
                break
            author = AUTHORS[(e + pos) % 3]
            paragraphs = []
            for _ in range(5):
                words = [rng.choice(WORDS) for _ in range(60)]
                for _ in range(3):
                    words[rng.randrange(60)] = rng.choice(names)
                paragraphs.append(" ".join(words).capitalize() + ".")
            body = "\n\n".join(paragraphs)
            (folder / f"{pos + 1:02d}-{author}.md").write_text(
                f"---\nauthor: {author}\ncity: {CITIES[author]}\ndate: {year}-{month:02d}\nnumber: {n + 1}\n---\n\n{body}\n", encoding="utf-8")
            n += 1


PLAIN = """site_name: Bench
site_url: https://bench.example/
theme:
  name: material
  language: nl
  font: false
  features: [navigation.prune]
plugins:
  - search:
      lang: nl
markdown_extensions: [abbr, admonition, attr_list, footnotes, md_in_html, toc]
"""


def without_search(config: str) -> str:
    """A config without Material's search plugin."""
    return config.replace("plugins:\n  - search:\n      lang: nl\n", "plugins: []\n")


def hooked_config() -> str:
    """Our hooks and templates without the search index (Pagefind indexes after the build)."""
    hooks = "".join(f"\n  - {ROOT / 'hooks' / name}" for name in ("content.py",))
    return without_search(PLAIN.replace("site_name: Bench", f"site_name: Bench\nhooks:{hooks}").replace(
        "  font: false", f"  font: false\n  custom_dir: {ROOT / 'overrides'}"))


def build_env() -> dict[str, str]:
    """The environment of a measured build: Python may cache bytecode, as in a normal install.

    Every installed package (MkDocs, Material, Markdown …) comes with its bytecode; our package is
    installed editable, so with ``PYTHONDONTWRITEBYTECODE`` set (as on some machines) its modules
    would be compiled again in every build and the comparison would measure that, not the build.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def count_instructions(project: Path, config: str) -> int:
    """Build once under valgrind's callgrind; return the instructions the build executed.

    Unlike seconds this count does not depend on what else the (shared) machine is doing: the
    same sources and code give the same count, so a small change in cost shows. A build without
    valgrind goes first, so both configurations are counted with their bytecode cached.
    """
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=build_env(),
                   capture_output=True, check=True)
    shutil.rmtree(project / "site", ignore_errors=True)
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                          sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project,
                         env=build_env(), capture_output=True, text=True)
    found = re.search(r"Collected\s*:\s*(\d+)", out.stderr)
    if out.returncode != 0 or not found:
        raise SystemExit(f"callgrind build failed in {project}: {out.stderr[-2000:]}")
    return int(found.group(1))


def measure_instructions(letters: int, terms: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        runs = ("plain", "hooks")
        for name in runs:
            write_corpus(project / name / "docs", letters, terms)
        configs = {"plain": plain_config(project / "plain" / "docs"), "hooks": hooked_config()}
        with ThreadPoolExecutor(max_workers=2) as pool:  # the counts do not depend on sharing the cores
            counts = dict(zip(runs, pool.map(lambda name: count_instructions(project / name, configs[name]), runs),
                              strict=True))
        g = {name: count / 1e9 for name, count in counts.items()}
        return {"letters": letters, "terms": terms, **g, "ratio": g["hooks"] / g["plain"]}


def scratch() -> str | None:
    """Where the corpora and their sites go: a RAM disk when the machine has one (``/dev/shm``),
    so the comparison measures the builds, not the disk; elsewhere the system's temporary folder."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def _start(project: Path, config: str) -> tuple[subprocess.Popen[bytes], float]:
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.rmtree(project / "site", ignore_errors=True)
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=build_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return proc, time.perf_counter()


def _finish(project: Path, proc: subprocess.Popen[bytes], start: float) -> tuple[float, int]:
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"build failed in {project}: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
    return seconds, usage.ru_maxrss // 1024


def run_build(project: Path, config: str) -> tuple[float, int]:
    """Build in a child process; return (seconds, peak RSS in MB) of that child."""
    return _finish(project, *_start(project, config))


def run_pair(plain: tuple[Path, str], hooks: tuple[Path, str]) -> float:
    """Both builds at once, one per core; hooks' seconds over plain's. The two share whatever
    the machine does meanwhile, so their ratio is steadier than that of builds one after another."""
    started = [(project, *_start(project, config)) for project, config in (plain, hooks)]
    (plain_s, _), (hooks_s, _) = [_finish(*s) for s in started]
    return hooks_s / plain_s


def plain_config(docs: Path) -> str:
    """Plain Material with the same pages and the same (nested) navigation our hooks build,
    so the comparison measures our hooks' work, not a different navigation shape."""
    import yaml

    from klantbeleving.generate import render_generated_pages
    from klantbeleving.load import list_sources, load_site
    from klantbeleving.navigation import build_nav, escape_section_titles

    site, _ = load_site(docs)
    for page in render_generated_pages(site, set()):  # same generated pages, as static files
        path = docs / page.src
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page.markdown, encoding="utf-8")
    nav = escape_section_titles(build_nav(site, set(list_sources(docs))))
    return PLAIN + yaml.safe_dump({"nav": nav}, allow_unicode=True, sort_keys=False)


def measure(letters: int, terms: int, repeat: int, pairs: int, bare: bool = False) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(dir=scratch()) as tmp:
        project = Path(tmp)
        write_corpus(project / "plain" / "docs", letters, terms)
        write_corpus(project / "hooks" / "docs", letters, terms)
        plain = plain_config(project / "plain" / "docs")
        configs = {"plain": without_search(plain) if bare else plain, "hooks": hooked_config()}
        runs: dict[str, list[tuple[float, int]]] = {"plain": [], "hooks": []}
        run_build(project / "hooks", configs["hooks"])  # a first build: bytecode cached
        for _ in range(repeat):  # interleaved, so a slow spell of the machine hits all alike
            runs["plain"].append(run_build(project / "plain", configs["plain"]))
            runs["hooks"].append(run_build(project / "hooks", configs["hooks"]))
        paired = sorted(run_pair((project / "plain", configs["plain"]), (project / "hooks", configs["hooks"]))
                        for _ in range(pairs))
        plain, hooked = min(runs["plain"]), min(runs["hooks"])
        project = project / "hooks"
        site = project / "site"
        letter_page = next(site.glob("brieven/*/01-*/index.html"))
        return {"letters": letters, "terms": terms, "plain_s": plain[0], "plain_mb": plain[1],
                "hooks_s": hooked[0], "hooks_mb": hooked[1], "ratio": hooked[0] / plain[0],
                "paired": paired[len(paired) // 2], "pairs": paired,
                "page_kb": letter_page.stat().st_size / 1024}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="builds per configuration (the fastest counts)")
    parser.add_argument("--pairs", type=int, default=5, help="builds side by side (the median counts)")
    parser.add_argument("--quick", action="store_true", help="only the small corpus")
    parser.add_argument("--only", metavar="LETTERS,TERMS", help="only this corpus, e.g. 2000,300")
    parser.add_argument("--bare", action="store_true", help="plain Material without its lunr search too")
    parser.add_argument("--instructions", type=int, metavar="LETTERS", default=0,
                        help="count instructions with valgrind (callgrind) instead of timing, for this many letters")
    parser.add_argument("--terms", type=int, default=20, help="terms of the corpus whose instructions are counted")
    args = parser.parse_args()
    if args.instructions:
        r = measure_instructions(args.instructions, args.terms)
        print("| letters | terms | plain G instructions | hooks G | hooks/plain |")
        print("|---:|---:|---:|---:|---:|")
        print(f"| {r['letters']} | {r['terms']} | {r['plain']:.2f} | {r['hooks']:.2f} | {r['ratio']:.3f} |")
        return 0
    sizes = [(200, 20), (200, 300)] if args.quick else [(200, 20), (2000, 20), (2000, 300)]
    if args.only:
        letters, terms = (int(x) for x in args.only.split(","))
        sizes = [(letters, terms)]
    rows = [measure(n, t, args.repeat, args.pairs, args.bare) for n, t in sizes]
    print("| letters | terms | plain s | plain MB | hooks s | hooks MB | hooks/plain | hooks/plain paired "
          "| letter page KB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['letters']} | {r['terms']} | {r['plain_s']:.2f} | {r['plain_mb']} | {r['hooks_s']:.2f} | {r['hooks_mb']} | "
              f"{r['ratio']:.2f} | {r['paired']:.2f} | {r['page_kb']:.0f} |")
    print("\nhooks/plain: fastest of the builds one after another; paired: the median of builds side by side (one per core)")
    for r in rows:
        print(f"paired, {r['letters']} letters / {r['terms']} terms: " + " ".join(f"{x:.3f}" for x in r["pairs"]))
    by = {(r["letters"], r["terms"]): r for r in rows}
    if (2000, 20) in by and (200, 20) in by and (2000, 300) in by:
        print(f"\n10x pages: {by[(2000, 20)]['hooks_s'] / by[(200, 20)]['hooks_s']:.2f}x time (target <= 10.5; "
              f"plain Material {by[(2000, 20)]['plain_s'] / by[(200, 20)]['plain_s']:.2f}x)")
        print(f"300/20 terms: {by[(2000, 300)]['hooks_s'] / by[(2000, 20)]['hooks_s']:.3f}x time "
              f"(includes 280 more term pages; plain Material: {by[(2000, 300)]['plain_s'] / by[(2000, 20)]['plain_s']:.3f}x)")
        print(f"300/20 terms, our share: {by[(2000, 300)]['ratio'] / by[(2000, 20)]['ratio']:.3f}x one after another, "
              f"{by[(2000, 300)]['paired'] / by[(2000, 20)]['paired']:.3f}x paired (target <= 1.03)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
