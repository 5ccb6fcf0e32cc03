"""Micro benchmark: does term linking cost the same with 300 terms as with 20?

Not a test (pytest collects ``test_*.py`` only). Run it with::

    .venv/bin/python -m tests.bench.bench_termlink [--pages 2000] [--repeat 5]

It builds a synthetic corpus of ``--pages`` pages (Dutch-looking filler words, mentions of the first
20 terms, near-misses of all 300) and links it with a matcher of 20 and one of 300 synthetic terms.
The first 20 terms are the same in both, so both runs make exactly the same links; only the size of
the vocabulary differs. Three figures, each the best of ``--repeat`` interleaved runs:

    scan   Matcher.finditer over every paragraph's plain text (the matching alone)
    tree   the tree processor over ready-made element trees (matching + link insertion)
    render a full Markdown conversion with the site's extensions plus term linking
"""

from __future__ import annotations

import argparse
import copy
import gc
import random
import time
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field

import markdown
from markdown.treeprocessors import Treeprocessor

from klantbeleving.termlink import Matcher, TermLinkExtension, build_matcher

SITE_EXTENSIONS = ["abbr", "admonition", "attr_list", "footnotes", "md_in_html", "tables", "toc",
                   "pymdownx.details", "pymdownx.superfences", "pymdownx.smartsymbols"]
SITE_CONFIGS = {"toc": {"permalink": True}}
SYLLABLES = ["kla", "ant", "be", "le", "ving", "stra", "te", "gie", "cul", "tuur", "mer", "ke", "dien", "st",
             "ver", "an", "der", "or", "ga", "ni", "sa", "tie", "waar", "de", "pro", "ces", "ket", "en"]


@dataclass
class SyntheticTerm:
    slug: str
    term: str
    aliases: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)


def make_terms(rng: random.Random, count: int) -> list[SyntheticTerm]:
    """``count`` distinct terms: lowercase words with forms, acronyms, two-word proper names."""
    terms: list[SyntheticTerm] = []
    used: set[str] = set()
    while len(terms) < count:
        kind = len(terms) % 3
        if kind == 0:
            name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
            forms = [name + "en", name + "heid"]
            aliases: list[str] = []
        elif kind == 1:
            name = "".join(rng.choice("ABCDEFGHKLMNPRSTVX") for _ in range(rng.randint(2, 4)))
            forms, aliases = [], []
        else:
            name = " ".join("".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize() for _ in range(2))
            forms, aliases = [], [name.split()[0] + " " + name.split()[1] + " Management"]
        if name in used or any(f in used for f in forms):
            continue
        used.update([name, *forms, *aliases])
        terms.append(SyntheticTerm(f"t{len(terms):03d}", name, aliases, forms))
    return terms


def make_corpus(rng: random.Random, terms: list[SyntheticTerm], pages: int) -> list[str]:
    """Markdown pages: headings, paragraphs, a list, code; mentions of the first 20 terms only."""
    mentioned = [n for t in terms[:20] for n in (t.term, *t.forms, *t.aliases)]
    near = [t.term.replace(" ", "") + "achtig" for t in terms] + [t.term.lower().replace(" ", "") + "x" for t in terms]
    filler = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))) for _ in range(400)]
    filler = [w for w in filler if w not in {n.lower() for t in terms for n in (t.term, *t.forms)}]

    def sentence() -> str:
        words = []
        for _ in range(rng.randint(8, 18)):
            r = rng.random()
            words.append(rng.choice(mentioned) if r < 0.06 else rng.choice(near) if r < 0.10 else rng.choice(filler))
        text = " ".join(words)
        return text[0].upper() + text[1:] + rng.choice([".", ".", "!", "?"])

    def paragraph() -> str:
        return " ".join(sentence() for _ in range(rng.randint(2, 5)))

    out = []
    for p in range(pages):
        parts = [f"# Pagina {p}", paragraph(), paragraph(), f"## Deel {p}.1", paragraph(),
                 "- " + sentence() + "\n- " + sentence(), f"`{rng.choice(mentioned)}` in code en " + paragraph(),
                 f"## Deel {p}.2", paragraph(), paragraph()]
        out.append("\n\n".join(parts) + "\n")
    return out


class Capture(Treeprocessor):
    trees: list[etree.Element]

    def run(self, root: etree.Element) -> None:
        self.trees.append(copy.deepcopy(root))


def prepared_trees(pages: list[str]) -> list[etree.Element]:
    """Element trees as the term linker would receive them (inline processing done)."""
    md = markdown.Markdown(extensions=SITE_EXTENSIONS, extension_configs=SITE_CONFIGS)
    capture = Capture(md)
    capture.trees = []
    md.treeprocessors.register(capture, "capture", 6)
    for page in pages:
        md.reset()
        md.convert(page)
    return capture.trees


def url_for(slug: str) -> str:
    return f"../begrippen/{slug}.md"


def timed(fn: Callable[[], int]) -> tuple[float, int]:
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        result = fn()
        return time.perf_counter() - start, result
    finally:
        gc.enable()


def bench_scan(matcher: Matcher, paragraphs: list[str]) -> Callable[[], int]:
    return lambda: sum(1 for text in paragraphs for _ in matcher.findall(text))


def bench_tree(matcher: Matcher, trees: list[etree.Element]) -> Callable[[], int]:
    md = markdown.Markdown(extensions=[TermLinkExtension(matcher=matcher, url_for=url_for)])
    proc = md.treeprocessors["kb-termlink"]
    copies: list[etree.Element] = []

    def run() -> int:
        for tree in copies:
            proc.run(tree)
        return len(proc.state.html)  # links made (as placeholders in the text)

    def prepare() -> None:
        copies[:] = [copy.deepcopy(t) for t in trees]
        proc.state.html, proc.state.links = [], {}

    run.prepare = prepare  # type: ignore[attr-defined]
    return run


def bench_render(matcher: Matcher, pages: list[str]) -> Callable[[], int]:
    ext = TermLinkExtension(matcher=matcher, url_for=url_for)
    md = markdown.Markdown(extensions=[*SITE_EXTENSIONS, ext], extension_configs=SITE_CONFIGS)

    def run() -> int:
        links = 0
        for page in pages:
            md.reset()
            links += md.convert(page).count('class="kb-term"')
        return links

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=23592)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    terms = make_terms(rng, 300)
    pages = make_corpus(rng, terms, args.pages)
    paragraphs = [block for page in pages for block in page.split("\n\n")]
    words = sum(len(p.split()) for p in pages)
    trees = prepared_trees(pages)
    matchers = {20: build_matcher(terms[:20]), 300: build_matcher(terms)}
    print(f"corpus: {len(pages)} pages, {words} words; terms: 20 and 300 (first 20 shared)")

    for label, factory, data in (("scan", bench_scan, paragraphs), ("tree", bench_tree, trees),
                                 ("render", bench_render, pages)):
        runs = {n: factory(m, data) for n, m in matchers.items()}
        best = {n: float("inf") for n in runs}
        counts: dict[int, int] = {}
        for _ in range(args.repeat):
            for n, run in runs.items():  # interleaved, so drift hits both sides alike
                if hasattr(run, "prepare"):
                    run.prepare()
                seconds, counts[n] = timed(run)
                best[n] = min(best[n], seconds)
        assert counts[20] == counts[300], f"{label}: different work ({counts})"
        print(f"{label:6s}  20 terms {best[20]:7.3f} s   300 terms {best[300]:7.3f} s   "
              f"ratio {best[300] / best[20]:.3f}   ({counts[20]} matches/links)")


if __name__ == "__main__":
    main()
