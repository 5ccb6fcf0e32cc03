"""Search benchmark (`make bench`, not part of `make test`): Pagefind with our dialog versus Material's lunr.

For 200 and 2,000 synthetic letters (``bench_build``'s corpus plus a CXM term that every tenth letter
mentions) it builds the site as shipped (our hooks, Pagefind indexing after the build, Material's
search off) and plain Material with its lunr search over the same pages, and reports

- the seconds of each whole build (one after another, the fastest counts, wall clock and CPU; and paired,
  both at once, one per core, as in ``bench_build``) and of Pagefind's indexing on its own (run again
  on the built site);
- in headless Chromium, for the query "CXM" typed key by key: the bytes fetched for search (Pagefind:
  from opening the dialog to the first results, glossary table included; lunr: its worker, scripts and
  index, which Material fetches when the page loads) and the milliseconds from the last key to the
  first result on screen. Each measurement starts with an empty browser cache; the site is served on
  127.0.0.1 without compression (Pagefind's files are gzipped already; lunr's index is also given gzipped).
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from klantbeleving.searchindex import write_search_index
from tests.bench.bench_build import PLAIN, ROOT, _start, plain_config, run_pair, scratch, write_corpus

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
QUERY = "CXM"
CXM = "---\nterm: CXM\naliases: [Customer Experience Management]\n---\n\nSturen op klantbeleving, als synthetisch begrip.\n"

#: Marks the moment of the last key, of the glossary card and of the first listed result added after it.
PROBE = """
window.__kb = {};
document.addEventListener('keydown', () => { window.__kb = {key: performance.now()}; }, true);
const MARKS = {card: '.kb-search-pin__link', first: '[data-kb-result], .md-search-result__item'};
new MutationObserver((mutations) => {
  if (!window.__kb.key) return;
  for (const m of mutations) for (const n of m.addedNodes) for (const [name, selector] of Object.entries(MARKS))
    if (!window.__kb[name] && n.nodeType === 1 && (n.matches(selector) || n.querySelector(selector)))
      window.__kb[name] = performance.now();
}).observe(document, {subtree: true, childList: true});
"""


def add_cxm(docs: Path) -> None:
    """The CXM term, mentioned in every tenth letter, so "CXM" has a card and results at every size."""
    (docs / "begrippen" / "cxm.md").write_text(CXM, encoding="utf-8")
    for i, path in enumerate(sorted((docs / "brieven").glob("*/0*.md"))):
        if i % 10 == 0:
            with path.open("a", encoding="utf-8") as out:
                out.write("\nHier gaat het over CXM en wat het vraagt van een organisatie.\n")


def site_config() -> str:
    """The site as shipped: our hooks (indexing included) and templates, Material's search off."""
    hooks = "".join(f"\n  - {ROOT / 'hooks' / name}" for name in ("content.py", "search_index.py"))
    config = PLAIN.replace("site_name: Bench", f"site_name: Bench\nhooks:{hooks}").replace(
        "  font: false", f"  font: false\n  custom_dir: {ROOT / 'overrides'}")
    return config.replace("plugins:\n  - search:\n      lang: nl\n", "plugins: []\n")


def browse(site: Path, letter: str, *, pagefind: bool) -> dict[str, float]:
    """Bytes fetched for search and ms from the last key to the first result, in a fresh browser."""
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import serve

    server = serve(site)
    base = next(server)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            page.add_init_script(PROBE)
            fetched: list[tuple[float, str, int]] = []

            def finished(request: Any) -> None:
                sizes = request.sizes()
                fetched.append((time.perf_counter(), request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

            page.on("requestfinished", finished)
            page.goto(base + letter)
            page.wait_for_load_state("networkidle")
            opened = time.perf_counter()
            if pagefind:
                page.keyboard.press("/")
                box = page.locator("[data-kb-search-input]")
            else:
                box = page.locator("input.md-search__input")
                box.click()
            box.press_sequentially(QUERY, delay=60)
            page.wait_for_function("window.__kb.first", timeout=60_000)
            marks = page.evaluate("window.__kb")
            done = time.perf_counter()
            if pagefind:
                used = [size for when, url, size in fetched if opened <= when <= done]
            else:  # Material fetches its worker, lunr and the index as the page loads
                used = [size for _, url, size in fetched if "/search/" in url or "/workers/" in url or "/lunr/" in url]
            browser.close()
    finally:
        server.close()
    return {"kb": sum(used) / 1024, "requests": len(used), "ms": marks["first"] - marks["key"],
            "card_ms": marks["card"] - marks["key"] if marks.get("card") else float("nan")}


def run_build(project: Path, config: str) -> tuple[float, float]:
    """Build in a child process; return its wall-clock and CPU seconds (user + system). On a shared
    machine the wall clock swings with the load; the CPU seconds show the work itself."""
    proc, start = _start(project, config)
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"build failed in {project}: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def index_alone(site: Path) -> tuple[float, float]:
    """Pagefind once more over a built site: wall-clock seconds, and the CPU seconds of its process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    _, problems = write_search_index(site)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if problems:
        raise SystemExit("\n".join(p.format() for p in problems))
    return seconds, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def measure(letters: int, terms: int, repeat: int, pairs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(dir=scratch()) as tmp:
        project = Path(tmp)
        for name in ("plain", "site"):
            write_corpus(project / name / "docs", letters, terms)
            add_cxm(project / name / "docs")
        configs = {"plain": plain_config(project / "plain" / "docs"), "site": site_config()}
        run_build(project / "site", configs["site"])  # bytecode and compiled templates cached, as in bench_build
        runs: dict[str, list[tuple[float, float]]] = {"plain": [], "site": []}
        for _ in range(repeat):  # interleaved, so a slow spell of the machine hits both alike
            for name in runs:
                runs[name].append(run_build(project / name, configs[name]))
        paired = sorted(run_pair((project / "plain", configs["plain"]), (project / "site", configs["site"]))
                        for _ in range(pairs))
        built = project / "site" / "site"
        (plain_s, plain_cpu), (site_s, site_cpu) = min(runs["plain"]), min(runs["site"])
        index_s, index_cpu = min(index_alone(built) for _ in range(repeat))
        letter = next(built.glob("brieven/*/02-*/index.html")).relative_to(built)
        url = letter.parent.as_posix() + "/"
        lunr_index = project / "plain" / "site" / "search" / "search_index.json"
        found = {"pagefind": browse(built, url, pagefind=True), "lunr": browse(project / "plain" / "site", url, pagefind=False)}
        return {"letters": letters, "terms": terms, "plain_s": plain_s, "site_s": site_s, "ratio": site_s / plain_s,
                "paired": paired[len(paired) // 2], "pairs": paired, "plain_cpu": plain_cpu, "site_cpu": site_cpu, "ratio_cpu": site_cpu / plain_cpu,
                "index_s": index_s, "index_cpu": index_cpu,
                **{f"{k}_{m}": v for k, r in found.items() for m, v in r.items()},
                "lunr_index_kb": lunr_index.stat().st_size / 1024,
                "lunr_index_gz_kb": len(gzip.compress(lunr_index.read_bytes())) / 1024}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=2, help="builds per configuration (the fastest counts)")
    parser.add_argument("--pairs", type=int, default=3, help="builds side by side, one per core (the median counts)")
    parser.add_argument("--letters", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--terms", type=int, default=20)
    args = parser.parse_args()
    if not shutil.which("chromium") and not Path("/usr/bin/chromium").exists():
        raise SystemExit("Chromium ontbreekt: installeer het met 'apt-get install chromium'")
    rows = [measure(n, args.terms, args.repeat, args.pairs) for n in args.letters]
    print("| letters | plain+lunr s (CPU) | site+Pagefind s (CPU) | site/plain (CPU) | **paired** | indexing s (CPU) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['letters']} | {r['plain_s']:.2f} ({r['plain_cpu']:.2f}) | {r['site_s']:.2f} ({r['site_cpu']:.2f}) | "
              f"{r['ratio']:.2f} ({r['ratio_cpu']:.2f}) | **{r['paired']:.2f}** | {r['index_s']:.2f} ({r['index_cpu']:.2f}) |")
    for r in rows:
        print(f"paired, {r['letters']} letters: " + " ".join(f"{x:.3f}" for x in r["pairs"]))
    print('\n| letters | Pagefind KB (requests) | card ms | first result ms | lunr KB (requests) | lunr first result ms '
          '| lunr index KB (gzip) |')
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['letters']} | {r['pagefind_kb']:.0f} ({r['pagefind_requests']}) | {r['pagefind_card_ms']:.0f} | "
              f"{r['pagefind_ms']:.0f} | {r['lunr_kb']:.0f} ({r['lunr_requests']}) | {r['lunr_ms']:.0f} | "
              f"{r['lunr_index_kb']:.0f} ({r['lunr_index_gz_kb']:.0f}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
