"""Where terms occur: mentions per section as the linker counts them, the index per corpus,
unknown explicit links, unused terms."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from klantbeleving.load import load_site
from klantbeleving.model import Term
from klantbeleving.termlink import SNIPPET_CONTEXT, SectionMentions, TermLinkExtension, build_matcher
from klantbeleving.termlink import snippet as snippet_around
from klantbeleving.xref import (
    MKDOCS_BUILTIN_EXTENSIONS,
    SNIPPETS_PER_CORPUS,
    SnippetBudget,
    build_index,
    collect_mentions,
    page_sources,
    site_extensions,
    unused_terms,
)
from tests.sitekit import ROOT, small_site
from tests.unit.test_termlink import SITE_CONFIGS, SITE_EXTENSIONS

TERMS = [
    Term("begrippen/cult.md", "cult", "cult", definition="x"),
    Term("begrippen/cultuur.md", "cultuur", "cultuur", forms=["bedrijfscultuur"], definition="x"),
    Term("begrippen/cx.md", "cx", "CX", aliases=["Customer Experience"], definition="x"),
    Term("begrippen/cxm.md", "cxm", "CXM", aliases=["Customer Experience Management"], definition="x"),
    Term("begrippen/klant.md", "klant", "klant", forms=["klanten"], definition="x"),
]
MATCHER = build_matcher(TERMS)


def sections(source: str, *, own: str = "") -> list[SectionMentions]:
    """Convert like the site does and return what the linker counted."""
    found: list[list[SectionMentions]] = []
    ext = TermLinkExtension(matcher=MATCHER, url_for=lambda slug: f"#{slug}", current_slug=own, on_mentions=found.append)
    markdown.Markdown(extensions=[*SITE_EXTENSIONS, ext], extension_configs=SITE_CONFIGS).convert(source)
    (only,) = found
    return only


def slugs(source: str) -> list[list[str]]:
    return [list(s.counts) for s in sections(source)]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("De cultuur is geen cult.", [["cultuur", "cult"]]),
        ("Customer Experience Management en CX.", [["cxm", "cx"]]),
        ("Code: `CX` en\n\n```\nCXM\n```\n\nnu CX.", [["cx"]]),
        ("Een [link over cult](https://cult.example/cx) hier.", [["cult"]]),
        ("![CX in beeld](cx.png) en klanten", [["klant"]]),
        ("Een [[!klant]] die geen term is, en een [[klant|klantje]].", [["klant"]]),
        ("*[CX]: Customer Experience\n\nIets over cult.", [["cult"]]),
        ("!!! kader \"CX\"\n    Over de klant.", [["klant"]]),
        ("| CX | cult |\n|----|------|\n| klant | x |", [["cx", "cult", "klant"]]),
        ("Tekst <em>CX</em> en <span title=\"cult\">x</span>", [["cx"]]),
        ("Tekst <kbd>CX</kbd> en <code>klant</code>", []),
        ("Een voetnoot[^1].\n\n[^1]: Over bedrijfscultuur.", [["cultuur"]]),
        ("# Over CX\n\nGeen vermelding hier.", []),
        ("<div markdown>\nIn HTML: klant.\n</div>", [["klant"]]),
    ],
)
def test_mentions_are_what_the_reader_sees(source: str, expected: list[list[str]]) -> None:
    assert slugs(source) == expected


def test_every_mention_counts_not_only_the_linked_one() -> None:
    (section,) = sections("De klant, de klanten en nog een [[klant]]; CX en CX.")
    assert section.counts == {"klant": 3, "cx": 2}


def test_own_page_mentions_do_not_count() -> None:
    assert slugs("De klant en CX.") == [["klant", "cx"]]
    (section,) = sections("De klant en CX.", own="klant")
    assert section.counts == {"cx": 1}


def test_sections_carry_the_anchor_toc_gives_them() -> None:
    found = sections(
        "Voor de kop: CX.\n\n## Waarom de klant telt\n\nDe klant.\n\n## Waarom de klant telt\n\nNog eens klant.\n\n"
        "### Eigen anker {#eigen}\n\nCX.\n\n## Efficiënte *CX*\n\nCult.\n\n## Zonder begrip\n\nNiets."
    )
    assert [(s.title, s.anchor) for s in found] == [
        ("", ""),
        ("Waarom de klant telt", "waarom-de-klant-telt"),
        ("Waarom de klant telt", "waarom-de-klant-telt_1"),
        ("Eigen anker", "eigen"),
        ("Efficiënte CX", "efficiente-cx"),
    ]


def first_snippet(section: SectionMentions, slug: str) -> str:
    text, start, end = section.firsts[slug]
    return snippet_around(text, start, end, SNIPPET_CONTEXT)


@pytest.mark.parametrize(
    ("source", "slug", "snippet"),
    [
        ("Eerst een *nadruk* en dan de klant, in één alinea.\n\nEen andere alinea.", "klant",
         "Eerst een nadruk en dan de klant, in één alinea."),
        ("Kop en `code` voor de\nklant.[^1]\n\n[^1]: Een voetnoot.", "klant", "Kop en code voor de\nklant."),
        ("Een [link met klant](https://x.example/) en later de klant.", "klant",
         "Een link met klant en later de klant."),
        ("- lijst met cult\n- en CX", "cx", "en CX"),
        ("Ontsnapt \\*sterretje\\* en <b>vet</b> bij CX.", "cx", "Ontsnapt *sterretje* en vet bij CX."),
    ],
)
def test_snippet_is_the_text_of_the_block_around_the_first_mention(source: str, slug: str, snippet: str) -> None:
    (section,) = sections(source)
    text, start, end = section.firsts[slug]
    assert text == snippet
    assert text[start:end].lower().startswith(slug[:2])
    assert first_snippet(section, slug) == " ".join(snippet.split())


def test_snippet_centres_on_the_first_mention() -> None:
    words = " ".join(f"woord{i}" for i in range(40))
    (section,) = sections(f"{words} klant {words} klant.")
    shown = first_snippet(section, "klant")
    assert shown.startswith("…woord3") and "woord39 klant woord0" in shown


def test_site_extensions_come_from_mkdocs_yml(tmp_path: Path) -> None:
    names, configs = site_extensions(ROOT / "mkdocs.yml")
    assert names == [*MKDOCS_BUILTIN_EXTENSIONS, *[n for n in SITE_EXTENSIONS if n not in MKDOCS_BUILTIN_EXTENSIONS]]
    assert configs == SITE_CONFIGS
    assert site_extensions(tmp_path / "ontbreekt.yml") == (list(MKDOCS_BUILTIN_EXTENSIONS), {})
    broken = tmp_path / "mkdocs.yml"
    broken.write_text("markdown_extensions:\n  - bestaat.niet\n  - pymdownx.emoji:\n      emoji_index: !!python/name:x.y\n")
    assert site_extensions(broken) == (list(MKDOCS_BUILTIN_EXTENSIONS), {})


def small(tmp_path: Path, extra: dict[str, str]) -> Path:
    files = {**small_site(), **extra}
    for rel, text in files.items():
        path = tmp_path / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path / "docs"


def test_index_splits_book_and_letters_and_counts(tmp_path: Path) -> None:
    ed = "brieven/2025-12-proef"
    docs = small(tmp_path, {
        f"{ed}/01-jan-hein-pierik.md": "---\ntitle: B\nauthor: jan-hein-pierik\ncity: Zeist\ndate: 2025-12\nnumber: 1\n---\n\nCXM en nog eens CXM.\n",
        "boek/inleiding.md": "---\ntitle: Inleiding\n---\n\n## Opbouw\n\nHier CXM.\n",
    })
    site, problems = load_site(docs)
    assert problems == []
    index = build_index(site, collect_mentions(site))
    assert [(o.corpus, o.src, o.anchor, o.mentions) for o in index.of("cxm")] == [
        ("boek", "boek/inleiding.md", "opbouw", 1),
        ("brieven", f"{ed}/01-jan-hein-pierik.md", "", 2),
    ]
    assert index.count("cxm", "boek") == 1
    assert index.count("cxm", "brieven") == 2
    assert "CXM" in index.of("cxm")[1].snippet


def test_drafts_leave_no_backlinks(tmp_path: Path) -> None:
    ed = "brieven/2025-12-proef"
    docs = small(tmp_path, {
        f"{ed}/03-wim-rampen.md": "---\ntitle: B\nauthor: wim-rampen\ncity: Helmond\ndate: 2025-12\ndraft: true\n---\n\nOver CXM.\n",
    })
    site, _ = load_site(docs)
    assert build_index(site, collect_mentions(site)).of("cxm") == []
    site, _ = load_site(docs, include_drafts=True)
    assert len(build_index(site, collect_mentions(site)).of("cxm")) == 1


def test_unused_terms_are_the_ones_no_page_mentions(tmp_path: Path) -> None:
    docs = small(tmp_path, {
        "begrippen/klant.md": "---\nterm: klant\n---\n\nWie iets afneemt; zie ook CXM.\n",
        "begrippen/wees.md": "---\nterm: weesbegrip\n---\n\nNiemand noemt dit.\n",
    })
    site, _ = load_site(docs)
    assert [t.slug for t in unused_terms(site, collect_mentions(site))] == ["klant", "wees"]


def monthly_letters(count: int, body: str = "Brief {n} over CXM.\n") -> dict[str, str]:
    """One edition of one letter per month, from January 2000."""
    extra: dict[str, str] = {}
    for n in range(count):
        ed = f"brieven/{2000 + n // 12}-{n % 12 + 1:02d}-proef-{n}"
        extra[f"{ed}/index.md"] = f"---\ntitle: E{n}\nstelling: Stelling {n}\ndate: {2000 + n // 12}-{n % 12 + 1:02d}\n---\n\nLead.\n"
        extra[f"{ed}/01-wim-rampen.md"] = (f"---\ntitle: B{n}\nauthor: wim-rampen\ncity: Helmond\n"
                                           f"date: {2000 + n // 12}-{n % 12 + 1:02d}\nnumber: {1000 + n}\n---\n\n" + body.format(n=n))
    return extra


def test_term_page_quotes_the_first_places_and_lists_the_rest(tmp_path: Path) -> None:
    from klantbeleving.views import mentions_view

    site, problems = load_site(small(tmp_path, monthly_letters(SNIPPETS_PER_CORPUS + 5)))
    assert problems == []
    view = mentions_view(site, build_index(site, collect_mentions(site)), "cxm", lambda src: src)
    places = [p for g in view["brieven"] for p in g.places]
    assert len(places) == SNIPPETS_PER_CORPUS + 5  # every place is listed
    assert all("CXM" in p.snippet for p in places[:SNIPPETS_PER_CORPUS])
    assert [p.snippet for p in places[SNIPPETS_PER_CORPUS:]] == [""] * 5
    assert view["places"]["brieven"] == SNIPPETS_PER_CORPUS + 5 and view["snippets"] == SNIPPETS_PER_CORPUS


@pytest.mark.parametrize("order", ["reading", "reversed", "shuffled", "twice"])
def test_snippet_sources_are_made_only_for_places_a_term_page_quotes(tmp_path: Path, order: str) -> None:
    """With the budget the build uses, pages converted in any order (twice, as a rebuild may)
    give the same term pages as with every snippet source made, and far fewer sources."""
    import random

    from klantbeleving.views import mentions_view

    body = "Brief {n} over CXM en de klant.\n\n## Verder\n\nWeer CXM, voor klanten.\n"
    extra = {**monthly_letters(2 * SNIPPETS_PER_CORPUS + 5, body),
             "begrippen/klant.md": "---\nterm: klant\nforms: [klanten]\n---\n\nWie koopt of gebruikt.\n"}
    site, problems = load_site(small(tmp_path, extra))
    assert problems == []
    matcher = build_matcher(site.terms.values())
    budget = SnippetBudget(site)
    found: dict[str, list[SectionMentions]] = {}
    current = [""]
    ext = TermLinkExtension(matcher=matcher, url_for=lambda slug: "#" + slug,
                            on_mentions=lambda sections: found.__setitem__(current[0], sections))
    md = markdown.Markdown(extensions=[*MKDOCS_BUILTIN_EXTENSIONS, ext])
    pages = page_sources(site)
    if order == "reversed":
        pages.reverse()
    elif order == "shuffled":
        random.Random(7).shuffle(pages)
    elif order == "twice":
        pages = pages + pages
    for src, source, own in pages:
        current[0] = src
        ext.setConfig("current_slug", own)
        ext.setConfig("wants_snippet", budget.page(src))
        md.reset()
        md.convert(source)

    everything = collect_mentions(site)
    assert found.keys() == everything.keys()
    for slug in ("cxm", "klant"):
        full = mentions_view(site, build_index(site, everything), slug, lambda src: src)
        budgeted = mentions_view(site, build_index(site, found), slug, lambda src: src)
        assert budgeted == full
        assert sum(bool(p.snippet) for g in full["brieven"] for p in g.places) == SNIPPETS_PER_CORPUS
    made = sum(len(section.firsts) for sections in found.values() for section in sections)
    listed = sum(len(section.counts) for sections in everything.values() for section in sections)
    if order in ("reading", "twice"):  # in reading order: the quoted places' sources and no more
        assert made == 2 * SNIPPETS_PER_CORPUS + sum(
            len(section.firsts) for src, _, _ in page_sources(site) if not src.startswith("brieven/")
            for section in found.get(src, []))
    assert made < listed if order != "reversed" else made == listed  # newest first: each place is the first so far


def test_unknown_explicit_link_is_reported_with_its_file_line(tmp_path: Path) -> None:
    body = "Eerste regel.\n\nMet [[CXM]] en [[customer experience management|dat]].\n\nEn [[Onbekend ding]] hier.\n\n`[[ook onbekend]]` in code.\n"
    docs = small(tmp_path, {"boek/x.md": "---\ntitle: X\n---\n\n" + body})
    _, problems = load_site(docs)
    unknown = [p for p in problems if "onbekend begrip" in p.message]
    assert [(p.path, p.line, p.severity) for p in unknown] == [("docs/boek/x.md", 9, "warning")]
    assert "Onbekend ding" in unknown[0].message
