"""Term linking: Dutch matching rules, the tree walk, the explicit syntax and golden files."""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from pathlib import Path

import markdown
import pytest
import yaml
from lxml import html as lxml_html
from markdown.treeprocessors import Treeprocessor

from klantbeleving.model import Term
from klantbeleving.termlink import (
    TermLinkExtension,
    build_matcher,
    find_explicit,
    makeExtension,
    snippet,
)
from tests.sitekit import ROOT

GOLDEN = ROOT / "tests" / "golden" / "termlink"

#: The site's Markdown extensions, as in mkdocs.yml (checked by ``test_site_extensions_match``).
SITE_EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.smartsymbols",
]
SITE_CONFIGS = {"toc": {"permalink": True, "permalink_title": "Link naar deze sectie"},
                "footnotes": {"BACKLINK_TITLE": "Terug naar voetnoot {} in de tekst"}}


def term(slug: str, name: str, definition: str, *, aliases: tuple[str, ...] = (), forms: tuple[str, ...] = ()) -> Term:
    return Term(src=f"begrippen/{slug}.md", slug=slug, term=name, aliases=list(aliases), forms=list(forms),
                definition=definition)


#: A small glossary of our own (definitions written for these tests).
TERMS = [
    term("cult", "cult", "Een aanpak die in één hoek van de organisatie blijft steken."),
    term("cultuur", "cultuur", "Wat mensen in een organisatie vanzelf doen als niemand kijkt.",
         aliases=("organisatiecultuur",), forms=("culturen",)),
    term("cx", "CX", "Hoe een klant alle contacten met een organisatie samen ervaart.",
         aliases=("Customer Experience", "klantbeleving")),
    term("cxm", "CXM", "Het stelselmatig sturen op betere klantbeleving.",
         aliases=("Customer Experience Management",)),
    term("klant", "klant", "Wie koopt, gebruikt of betaalt.", forms=("klanten",)),
    term("klantgericht", "klantgericht", "Werken vanuit wat de klant nodig heeft.",
         forms=("klantgerichte", "klantgerichtheid")),
    term("klantreis", "klantreis", "De reeks stappen die een klant zet.",
         aliases=("customer journey",), forms=("klantreizen",)),
    term("cx-strategie", "CX-strategie", "Een plan om klantbeleving richting te geven.", forms=("CX-strategieën",)),
    term("nps", "NPS", 'Een score op de vraag "zou je ons aanraden?" & niets meer.',
         aliases=("Net Promoter Score",)),
    term("service-excellence", "Service Excellence", "Dienstverlening die steeds net iets beter is."),
    term("iso-23592", "ISO 23592", "Een internationale norm voor service excellence.", aliases=("ISO-norm 23592",)),
    term("buy-in", "buy-in", "Steun van wie mee moet doen.", aliases=("draagvlak",)),
]
SLUGS = {t.slug for t in TERMS}
MATCHER = build_matcher(TERMS)


def url_for(slug: str) -> str | None:
    return f"../begrippen/{slug}.md" if slug in SLUGS else None


def tooltip_for(slug: str) -> str | None:
    found = next((t for t in TERMS if t.slug == slug), None)
    return found.first_sentence if found else None


def make_md(*, current_slug: str | None = None, url: Callable[[str], str | None] = url_for,
            extensions: list[str] | None = None, per_section: bool = False, section_terms: tuple[str, ...] = (),
            titles: tuple[str, ...] = ()) -> markdown.Markdown:
    """A Markdown instance with the site's extensions plus term linking."""
    options: dict = {"matcher": MATCHER, "url_for": url, "tooltip_for": tooltip_for, "current_slug": current_slug,
                     "per_section": per_section, "section_terms": frozenset(section_terms), "titles": titles}
    ext = TermLinkExtension(**options)
    return markdown.Markdown(extensions=[*(extensions or SITE_EXTENSIONS), ext], extension_configs=SITE_CONFIGS)


def render(source: str, **kwargs) -> str:
    return make_md(**kwargs).convert(source)


def links(html: str) -> list[tuple[str, str]]:
    """(data-term, text) of every term link, in document order."""
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    return [(a.get("data-term"), a.text_content()) for a in root.iter("a") if "kb-term" in (a.get("class") or "").split()]


def found(text: str) -> list[tuple[str, str]]:
    return [(m.slug, m.text) for m in MATCHER.findall(text)]


# --- Matching rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # whole words only
        ("Een cult in de marketing.", [("cult", "cult")]),
        ("Onze cultuur verandert.", [("cultuur", "cultuur")]),
        ("Culturele verschillen tellen.", []),
        ("Een cultus rond het product.", []),
        ("Zij werken aan organisatiecultuur.", [("cultuur", "organisatiecultuur")]),
        ("Twee culturen botsen.", [("cultuur", "culturen")]),
        # acronyms, hyphens
        ("CX en CXM", [("cx", "CX"), ("cxm", "CXM")]),
        ("Een CXM-achtig programma.", []),
        ("De CX-professionals vergaderen.", []),
        ("Een CX-strategie schrijven.", [("cx-strategie", "CX-strategie")]),
        ("Twee CX-strategieën naast elkaar.", [("cx-strategie", "CX-strategieën")]),
        ("Zowel CX- als EX-beleid.", [("cx", "CX")]),
        ("Beleving (CX) telt.", [("cx", "CX")]),
        ("Is dit CX?", [("cx", "CX")]),
        ("De CX'ers van het bedrijf.", []),
        ("Een product-klant relatie.", []),
        ("De klant- en medewerkersbeleving.", [("klant", "klant")]),
        ("Een -klant hier.", [("klant", "klant")]),
        # case
        ("Klantgericht werken loont.", [("klantgericht", "Klantgericht")]),
        ("KLANT centraal.", []),
        ("De kLant.", []),
        ("Wat is cx eigenlijk?", []),
        ("Wat is Cx eigenlijk?", []),
        ("De Klanten zijn tevreden.", [("klant", "Klanten")]),
        ("Een customer experience zonder hoofdletters.", []),
        ("Customer journey en customer journey.", [("klantreis", "Customer journey"), ("klantreis", "customer journey")]),
        ("De Customer Journey.", []),
        ("Buy-in nodig, draagvlak ook.", [("buy-in", "Buy-in"), ("buy-in", "draagvlak")]),
        ("Service Excellence is een norm; service excellence niet.", [("service-excellence", "Service Excellence")]),
        # forms
        ("Een klantgerichte houding.", [("klantgericht", "klantgerichte")]),
        ("Over klantgerichtheid.", [("klantgericht", "klantgerichtheid")]),
        ("Alle klanten.", [("klant", "klanten")]),
        ("Lange klantreizen.", [("klantreis", "klantreizen")]),
        # longest match wins; aliases map to the slug; whitespace runs
        ("Customer Experience Management is een vak.", [("cxm", "Customer Experience Management")]),
        ("Customer Experience is beleving.", [("cx", "Customer Experience")]),
        ("Customer\nExperience   Management.", [("cxm", "Customer\nExperience   Management")]),
        ("Customer Experience, Management.", [("cx", "Customer Experience")]),
        ("Customer Experience Managementteam.", [("cx", "Customer Experience")]),
        ("Volgens ISO 23592 en de ISO-norm 23592.", [("iso-23592", "ISO 23592"), ("iso-23592", "ISO-norm 23592")]),
        ("Volgens ISO 23592-1.", []),
        ("Alleen ISO.", []),
        ("Een NPS-score en de NPS.", [("nps", "NPS")]),
        ("De Net Promoter Score.", [("nps", "Net Promoter Score")]),
        # Unicode letters count as letters; digits too
        ("éklant en klanté en klant", [("klant", "klant")]),
        ("2klant of klant2", []),
        ("klant_x", []),
        # URLs, e-mail addresses, domains
        ("Zie https://voorbeeld.nl/klant/cx voor meer.", []),
        ("Zie www.klant.nl of klant.nl.", []),
        ("Mail info@klant.nl of CX@voorbeeld.nl.", []),
        ("Het eind van de zin is klant.", [("klant", "klant")]),
        ("Over de klant.Daarna (a dot glues, as in klant.nl)", []),
    ],
)
def test_matching_rules(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_matcher_resolves_names_case_insensitively() -> None:
    assert MATCHER.resolve("customer experience  management") == "cxm"
    assert MATCHER.resolve("KLANTEN") == "klant"
    assert MATCHER.resolve("cx-strategie") == "cx-strategie"
    assert MATCHER.resolve("iso-23592") == "iso-23592"  # the slug itself
    assert MATCHER.resolve("onbekend") is None


def test_a_name_claimed_by_two_terms_belongs_to_the_first() -> None:
    matcher = build_matcher([term("a", "beleving", "A."), term("b", "belevenis", "B.", aliases=("beleving",))])
    assert found_with(matcher, "beleving") == [("a", "beleving")]


def test_capitalised_variant_never_overrides_a_name_written_that_way() -> None:
    matcher = build_matcher([term("gewoon", "kano", "Een boot."), term("model", "Kano", "Een model.")])
    assert found_with(matcher, "kano en Kano") == [("gewoon", "kano"), ("model", "Kano")]


def test_names_with_punctuation() -> None:
    matcher = build_matcher([term("cpp", "C++", "Een taal."), term("b2b", "B2B/B2C", "Markten.")])
    assert found_with(matcher, "C++ en C+ en B2B/B2C en B2B") == [("cpp", "C++"), ("b2b", "B2B/B2C")]


def test_empty_matcher_finds_nothing() -> None:
    assert list(build_matcher([]).findall("klant CX")) == []


def found_with(matcher, text: str) -> list[tuple[str, str]]:
    return [(m.slug, m.text) for m in matcher.findall(text)]


# --- The tree walk -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Een klant en `klant` in code.", [("klant", "klant")]),
        ("Eerst `klant` in code, dan klant.", [("klant", "klant")]),
        ("Een [klant](https://voorbeeld.nl) als link, dan CX.", [("cx", "CX")]),
        ("<https://voorbeeld.nl/klant> en CX.", [("cx", "CX")]),
        ("## De klant\n\nGeen link in de kop.", []),
        ("![Een klant aan de balie](balie.png)", []),
        ("Een CX[^cx] met voetnoot.\n\n[^cx]: Over klanten.", [("cx", "CX"), ("klant", "klanten")]),
        ("Het NPS cijfer.\n\n*[NPS]: Net Promoter Score", []),
        ("*[NPS]: Net Promoter Score\n\nHet NPS cijfer en CX.", [("cx", "CX")]),
        ("Een *klant*{.kb-noterm} en CX.", [("cx", "CX")]),
        ("!!! note \"De klant\"\n    De klant is tevreden.", [("klant", "klant")]),
        ("??? note \"De klant\"\n    Binnen de klant.", [("klant", "klant")]),
        ("```\nklant\n```\n\nDaarna de klant.", [("klant", "klant")]),
        ("    klant in inspringcode\n\nNu CX.", [("cx", "CX")]),
        ("| Begrip | Uitleg |\n| --- | --- |\n| CX | De klant |", [("cx", "CX"), ("klant", "klant")]),
        ('<div markdown="1">\nDe klant binnen een div.\n</div>', [("klant", "klant")]),
        ("<div>\nDe klant in ruwe HTML.\n</div>", []),
        ("Het CX\\_team en CX\\-team, daarna *CX*.", [("cx", "CX")]),
        ("Een klant (c) en 1/2 CX.", [("klant", "klant"), ("cx", "CX")]),
        ("Een <kbd>klant</kbd> en <code>CX</code>.", []),
        ("Ook **klantgerichte** en _CX_ in nadruk.", [("klantgericht", "klantgerichte"), ("cx", "CX")]),
        ("Zie https://voorbeeld.nl/klant of mail klant@voorbeeld.nl.", []),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_where_links_go(source: str, expected: list[tuple[str, str]]) -> None:
    assert links(render(source)) == expected


SECTIONS = "De klant.\n\nDe klant weer.\n\n## Deel twee\n\nDe klant opnieuw.\n\n### Sub\n\nEn de klant en CX."


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("De klant en nog eens de klant.", [("klant", "klant")]),
        ("Klanten, een klant en de klanten.", [("klant", "Klanten")]),
        ("CX en Customer Experience en klantbeleving.", [("cx", "CX")]),
        (SECTIONS, [("klant", "klant"), ("cx", "CX")]),
        ("# Titel\n\nDe klant.\n\n## Deel\n\nDe klant.", [("klant", "klant")]),
        ("De klant.[^1]\n\n[^1]: Weer de klant.", [("klant", "klant")]),
        ("- de klant\n- de klant\n\nen CX", [("klant", "klant"), ("cx", "CX")]),
    ],
)
def test_first_mention_per_page(source: str, expected: list[tuple[str, str]]) -> None:
    assert links(render(source)) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("De klant en nog eens de klant.", [("klant", "klant")]),
        (SECTIONS, [("klant", "klant"), ("klant", "klant"), ("klant", "klant"), ("cx", "CX")]),
        ("# Titel\n\nDe klant.\n\n## Deel\n\nDe klant.", [("klant", "klant"), ("klant", "klant")]),
        ("De klant.[^1]\n\n[^1]: Weer de klant.", [("klant", "klant"), ("klant", "klant")]),
        ("- de klant\n- de klant\n\nen CX", [("klant", "klant"), ("cx", "CX")]),
    ],
)
def test_first_mention_per_section_where_the_page_asks(source: str, expected: list[tuple[str, str]]) -> None:
    assert links(render(source, per_section=True)) == expected


def test_first_mention_per_section_where_the_term_asks() -> None:
    source = "De klant en CX.\n\n## Twee\n\nDe klant en CX.\n\n## Drie\n\nCX en de klant."
    assert links(render(source, section_terms=("cx",))) == [("klant", "klant"), ("cx", "CX"), ("cx", "CX"), ("cx", "CX")]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # the titles given, exactly as written, wherever they stand; the next mention is linked
        ("Welkom op Klantbeleving, over klantbeleving.", [("cx", "klantbeleving")]),
        ("Het boek *Customer Experience* gaat over CX.", [("cx", "CX")]),
        ("Over Customer Experience Management en CX.", [("cxm", "Customer Experience Management"), ("cx", "CX")]),
        ("Klantbelevingsonderzoek is geen titel; klantbeleving wel een begrip.", [("cx", "klantbeleving")]),
        # an author's title: class titel or <cite>; an epigraph
        ("Het boek *Service Excellence*{.titel} en Service Excellence.", [("service-excellence", "Service Excellence")]),
        ("Het boek <cite>De klant centraal</cite> en de klant.", [("klant", "klant")]),
        ('Een <span class="titel">klant</span>, <kbd>CX</kbd> en CX.', [("cx", "CX")]),
        ("<cite>De <kbd>klant</kbd> en CX</cite>, de klant en CX.", [("klant", "klant"), ("cx", "CX")]),
        ("<cite>Een klant</cite> en <cite>nog een klant</cite>, dan de klant.", [("klant", "klant")]),
        ('<blockquote class="kb-epigraph" markdown>\nDe klant telt.\n</blockquote>\n\nDe klant.', [("klant", "klant")]),
        ("> De klant telt.\n{: .kb-epigraph }\n\nDe klant.", [("klant", "klant")]),
        # an explicit link is the author's wish, also in a title
        ("*Over [[klant]]*{.titel} en de klant.", [("klant", "klant")]),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_titles_of_works_and_epigraphs_are_not_linked(source: str, expected: list[tuple[str, str]]) -> None:
    assert links(render(source, titles=("Klantbeleving", "Customer Experience"))) == expected


def test_own_page_does_not_link_itself() -> None:
    html = render("De klant en de klanten willen CX. [[klant]]", current_slug="klant")
    assert links(html) == [("cx", "CX")]


def test_link_markup() -> None:
    html = render("De NPS.")
    assert '<a class="kb-term" data-term="nps" href="../begrippen/nps.md" title=' in html
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    (a,) = root.iter("a")
    assert a.get("title") == 'Een score op de vraag "zou je ons aanraden?" & niets meer.'
    assert a.text == "NPS"


@pytest.mark.parametrize(
    ("name", "aliases", "forms", "definition", "expected"),
    [
        ("CX", ["Customer Experience"], [], "CX, voluit Customer Experience, is de beleving.", "CX, voluit Customer Experience, is de beleving."),
        ("klant", [], ["klanten"], "Een klant is wie afneemt.", "Een klant is wie afneemt."),
        ("klant", [], ["klanten"], "Klanten zijn wie afnemen.", "Klanten zijn wie afnemen."),
        ("CXM", ["Customer Experience Management"], [], "Customer Experience Management is sturen.",
         "Customer Experience Management is sturen."),
        ("belevingseconomie", [], [], "De economie van belevenissen.", "belevingseconomie: De economie van belevenissen."),
        ("CX", [], [], "CX-professionals werken eraan.", "CX: CX-professionals werken eraan."),
        ("cult", [], [], "Cultuur die niet beklijft.", "cult: Cultuur die niet beklijft."),
    ],
)
def test_tooltip_names_the_term_only_when_the_definition_does_not(
        name: str, aliases: list[str], forms: list[str], definition: str, expected: str) -> None:
    assert Term("begrippen/x.md", "x", name, aliases, forms, definition=definition).tooltip == expected


def test_mentions_in_titles_and_epigraphs_are_counted() -> None:
    counted: list = []
    ext = makeExtension(matcher=MATCHER, url_for=url_for, titles=("Klantbeleving",), on_mentions=counted.append)
    source = ('<blockquote class="kb-epigraph" markdown>\nDe klant eerst.\n</blockquote>\n\n'
              "Op Klantbeleving, *Over de klant*{.titel} en <cite>CX</cite>: de klant en CX.")
    html = markdown.Markdown(extensions=["attr_list", "md_in_html", ext]).convert(source)
    assert links(html) == [("klant", "klant"), ("cx", "CX")]
    assert "<cite>CX</cite>" in html
    [section] = counted[0]
    assert section.counts == {"klant": 3, "cx": 3}


def test_no_url_means_no_link() -> None:
    html = render("De klant en CX.", url=lambda slug: None if slug == "klant" else url_for(slug))
    assert links(html) == [("cx", "CX")]


def test_image_alt_and_urls_unchanged() -> None:
    html = render("![De klant](klant.png) [CX](https://voorbeeld.nl/cx 'over CX')")
    assert 'alt="De klant"' in html and 'src="klant.png"' in html
    assert 'href="https://voorbeeld.nl/cx"' in html and 'title="over CX"' in html
    assert links(html) == []


def test_footnote_reference_untouched() -> None:
    html = render("Over CX.[^klant]\n\n[^klant]: Een voetnoot over CX.")
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    (sup,) = root.iter("sup")
    assert [a.get("class") for a in sup.iter("a")] == ["footnote-ref"]
    assert links(html) == [("cx", "CX")]


def test_headings_keep_their_ids_and_permalinks() -> None:
    html = render("## Over CX\n\nDe CX.")
    assert '<h2 id="over-cx">Over CX<a class="headerlink" href="#over-cx"' in html
    assert links(html) == [("cx", "CX")]


# --- Explicit syntax -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Zie [[CXM]].", [("cxm", "CXM")]),
        ("Zie [[cxm]].", [("cxm", "cxm")]),
        ("Eerst CXM, dan toch [[CXM]].", [("cxm", "CXM"), ("cxm", "CXM")]),
        ("Eerst [[CXM]], dan CXM.", [("cxm", "CXM")]),
        ("Zie [[klant|de klanten]].", [("klant", "de klanten")]),
        ("Zie [[klant|*de* klanten]].", [("klant", "de klanten")]),
        ("Zie [[customer experience management]].", [("cxm", "customer experience management")]),
        ("Zie [[klantgerichte]].", [("klantgericht", "klantgerichte")]),
        ("Zie [[cx-strategie]].", [("cx-strategie", "cx-strategie")]),
        ("Geen link: [[!klant]], wel: klant.", [("klant", "klant")]),
        ("Geen link: [[!klant|de klant]].", []),
        ("`[[klant]]` blijft code.", []),
        ("\\[[klant]] blijft tekst.", [("klant", "klant")]),
        ("## Over [[klant]]\n\nTekst.", [("klant", "klant")]),
        ("Een [link met [[CX]]](https://voorbeeld.nl).", []),
    ],
)
def test_explicit_syntax(source: str, expected: list[tuple[str, str]]) -> None:
    assert links(render(source)) == expected


def test_suppression_renders_a_noterm_span() -> None:
    assert "<span class=\"kb-noterm\">klant</span>" in render("Een [[!klant]].")


def unknown_explicit(source: str) -> list[tuple[str, int]]:
    """(name, 1-based line) of the explicit links to no term, as ``klantbeleving check`` finds them."""
    return [(link.name, index + 1) for index, link in find_explicit(source)
            if not link.keep_plain and MATCHER.resolve(link.name) is None]


def test_explicit_unknown_is_marked_and_found_with_its_line() -> None:
    source = "Eerste regel.\n\nTweede [[Onbekend  begrip]]\nen [[klant]] en\n[[Nog een]]."
    html = render(source)
    assert unknown_explicit(source) == [("Onbekend begrip", 3), ("Nog een", 5)]
    assert '<span class="kb-term-unknown">Onbekend  begrip</span>' in html
    assert links(html) == [("klant", "klant")]


def test_explicit_unknown_line_in_a_list_and_twice() -> None:
    assert unknown_explicit("- [[x]]\n- iets\n\n> [[x]]\n") == [("x", 1), ("x", 4)]


def test_explicit_links_in_code_are_not_found() -> None:
    source = "`[[x]]` en ``a [[y]] b``\n\n```\n[[z]]\n```\n\n[[w]]\n"
    assert unknown_explicit(source) == [("w", 7)]
    assert render(source).count("kb-term-unknown") == 1


def test_unknown_explicit_text_is_never_autolinked() -> None:
    assert links(render("[[klant van CX]]")) == []


def test_explicit_link_to_own_page_is_plain_text() -> None:
    html = render("Over [[klant]].", current_slug="klant")
    assert links(html) == [] and "klant" in html


# --- The tree processor on its own ---------------------------------------------------------------


class Capture(Treeprocessor):
    """Keep a copy of the tree right after term linking."""

    tree: etree.Element | None = None

    def run(self, root: etree.Element) -> None:
        self.tree = copy.deepcopy(root)


def linked_tree(md: markdown.Markdown, source: str) -> etree.Element:
    capture = Capture(md)
    md.treeprocessors.register(capture, "capture", 5.9)
    md.convert(source)
    assert capture.tree is not None
    return capture.tree


def test_linking_twice_equals_linking_once() -> None:
    md = make_md(per_section=True)
    tree = linked_tree(md, "De klant en CX.\n\n## Kop\n\nKlanten, [[CXM]] en CXM en [zie [[CX]]](x.md).")
    once = etree.tostring(tree, encoding="unicode")
    # explicit links are elements; the linker's own links are raw HTML placeholders in the text
    assert once.count('class="kb-term"') + len(re.findall("\x02kbterm:[0-9]+\x03", once)) == 4
    md.treeprocessors["kb-termlink"].run(tree)
    assert etree.tostring(tree, encoding="unicode") == once


def test_extension_instance_can_serve_many_pages() -> None:
    ext = makeExtension(matcher=MATCHER, url_for=url_for)
    md = markdown.Markdown(extensions=[ext])
    assert links(md.convert("De klant.")) == [("klant", "klant")]
    ext.setConfig("current_slug", "klant")
    md.reset()
    assert links(md.convert("De klant.")) == []
    ext.setConfig("current_slug", None)
    md.reset()
    assert links(md.convert("De klant.")) == [("klant", "klant")]


def test_a_link_made_once_follows_the_url_and_tooltip_set_later() -> None:
    """The extension keeps each link's HTML (per URL and text); a new url_for or tooltip_for
    gives new links, and the URL the page asks for is always the one linked."""
    page = {"root": ""}
    ext = makeExtension(matcher=MATCHER, url_for=lambda slug: page["root"] + f"{slug}/", tooltip_for=lambda slug: "oud")
    md = markdown.Markdown(extensions=[ext])

    def link() -> tuple[str | None, str | None]:
        md.reset()
        a = lxml_html.fragment_fromstring(md.convert("De klant."), create_parent="div").find(".//a")
        return a.get("href"), a.get("title")

    assert link() == ("klant/", "oud")
    page["root"] = "../"  # the same url_for, a page one level down
    assert link() == ("../klant/", "oud")
    ext.setConfig("tooltip_for", lambda slug: "nieuw")
    assert link() == ("../klant/", "nieuw")
    ext.setConfig("url_for", lambda slug: f"/begrippen/{slug}/")
    assert link() == ("/begrippen/klant/", "nieuw")


def test_defaults_link_nothing_and_do_not_crash() -> None:
    md = markdown.Markdown(extensions=[TermLinkExtension()])
    assert md.convert("De klant [[klant]].") == '<p>De klant <span class="kb-term-unknown">klant</span>.</p>'


def test_site_extensions_match_mkdocs_yml() -> None:
    class Tolerant(yaml.SafeLoader):
        pass

    Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Tolerant)
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert names == SITE_EXTENSIONS


# --- Mentions for backlinks ----------------------------------------------------------------------


def mentions_with_snippets(text: str, context: int = 60) -> list[tuple[str, int, int, str]]:
    return [(m.slug, m.start, m.end, snippet(text, m.start, m.end, context)) for m in MATCHER.findall(text)]


def test_snippets_of_a_short_text() -> None:
    assert mentions_with_snippets("De klant wil CX.") == [
        ("klant", 3, 8, "De klant wil CX."),
        ("cx", 13, 15, "De klant wil CX."),
    ]


def test_snippets_cut_at_whole_words() -> None:
    left = "Aan het begin staat een lange inleiding over allerlei zaken zonder enig begrip erin "
    right = " en daarna volgt nog een lange uitloop met woorden die niets betekenen voor ons"
    text = left + "klantgerichtheid" + right
    ((slug, start, end, shown),) = mentions_with_snippets(text)
    assert slug == "klantgericht"
    assert text[start:end] == "klantgerichtheid"
    assert shown.startswith("…") and shown.endswith("…")
    inner = shown.strip("…")
    assert inner in " ".join(text.split())
    first, *_, last = inner.split()
    assert first in left.split() and last in right.split()  # no half words at the cuts
    assert len(inner) <= 60 + len("klantgerichtheid") + 60


def test_snippets_collapse_whitespace() -> None:
    found = mentions_with_snippets("klant\n\nklant", context=3)
    assert [(slug, start, end) for slug, start, end, _ in found] == [("klant", 0, 5), ("klant", 7, 12)]
    assert found[0][3] == "klant…"
    assert found[1][3] == "…klant"


# --- Golden files --------------------------------------------------------------------------------

CASES = sorted(GOLDEN.glob("*.md"))


def test_there_are_enough_golden_cases() -> None:
    assert len(CASES) >= 8


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_golden(case: Path, update_golden: bool) -> None:
    options_file = case.with_suffix(".json")
    options = json.loads(options_file.read_text(encoding="utf-8")) if options_file.exists() else {}
    source = case.read_text(encoding="utf-8")
    html = render(source, current_slug=options.get("current_slug"), per_section=options.get("per_section", False),
                  section_terms=tuple(options.get("section_terms", ())), titles=tuple(options.get("titles", ())))
    unknown = [f"{name}:{line}" for name, line in unknown_explicit(source)]
    if unknown:
        html += "\n<!-- unknown: " + ", ".join(unknown) + " -->"
    html += "\n"
    expected = case.with_suffix(".html")
    if update_golden:
        expected.write_text(html, encoding="utf-8")
    assert expected.exists(), f"{expected.name} missing: run pytest --update-golden"
    assert html == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("text", ["a & b", "a &amp; b", "x < y > z", 'say "hi"', "&#38; &#x26; &eacute;", "plain"])
def test_link_html_is_what_the_serializer_writes(text: str) -> None:
    from klantbeleving.termlink import render_link, render_link_html

    element = render_link("s&l", f"../{text}/", text, text)
    assert render_link_html("s&l", f"../{text}/", text, text) == markdown.serializers.to_html_string(element)
