"""Properties of term linking over generated Markdown (hypothesis).

1. Linking changes no visible text.
2. Linking twice equals linking once.
3. Never an `<a>` inside an `<a>`.
"""

from __future__ import annotations

import copy
import functools
import re
import xml.etree.ElementTree as etree

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html
from markdown.treeprocessors import Treeprocessor

from tests.unit.test_termlink import SITE_CONFIGS, SITE_EXTENSIONS, TERMS, make_md

NAMES = sorted({name for t in TERMS for name in (t.term, *t.aliases, *t.forms)})
CAPITALISED = ["Klant", "Klantgericht", "Cultuur", "Klanten"]
NEAR_MISSES = ["cultuur", "culturele", "cultus", "CXM-achtig", "CX-professionals", "KLANT", "product-klant",
               "klant.example", "CX'ers", "ISO 23592-1", "customer experience", "cx", "Klantgerichtheden"]
FILLER = ["de", "het", "een", "werkt", "goed", "en", "wij", "zien", "café", "één", "2025", "dat"]
PUNCTUATION = [",", ".", "!", "?", ";", ":", "(", ")", " -", "- ", "–", "’", '"', "&", "<", ">", "(c)", "1/2", "-->"]
WORDS = NAMES + CAPITALISED + NEAR_MISSES + FILLER

word = st.sampled_from(WORDS)
glued = st.tuples(word, st.sampled_from(PUNCTUATION)).map("".join)
plain_phrase = st.lists(st.one_of(word, glued), min_size=1, max_size=8).map(" ".join)

code_span = plain_phrase.map(lambda s: "`" + s.replace("`", "") + "`")
link = st.tuples(plain_phrase, st.sampled_from(["https://voorbeeld.nl/klant", "../begrippen/cx.md", "#klant"])).map(
    lambda t: f"[{t[0]}]({t[1]})")
emphasis = plain_phrase.map(lambda s: f"*{s}*")
url = st.sampled_from(["https://klant.example/cx", "www.klant.example", "info@klant.example", "<https://cx.example>"])
image = plain_phrase.map(lambda s: f"![{s}](klant.png)")
explicit = st.sampled_from(["[[klant]]", "[[CXM]]", "[[klant|de klanten]]", "[[!klant]]", "[[onbekend]]"])

inline = st.one_of(plain_phrase, plain_phrase, code_span, link, emphasis, url, image)
inline_explicit = st.one_of(inline, explicit, st.tuples(explicit, plain_phrase).map(lambda t: f"[{t[1]} {t[0]}](x.md)"))


def blocks(parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    line = st.lists(parts, min_size=1, max_size=6).map(" ".join)
    block = st.one_of(
        line,
        line,
        line.map(lambda s: "## " + s.replace("\n", " ")),
        line.map(lambda s: "- " + s),
        line.map(lambda s: "> " + s),
        line.map(lambda s: '!!! note "' + s.replace('"', "").replace("\n", " ") + '"\n    ' + s),
        line.map(lambda s: "```\n" + s + "\n```"),
    )
    return st.lists(block, min_size=1, max_size=6).map("\n\n".join)


def visible_text(html: str) -> str:
    return lxml_html.fragment_fromstring(html or "<p></p>", create_parent="div").text_content()


class Capture(Treeprocessor):
    """Keep a copy of the tree right after term linking."""

    tree: etree.Element | None = None

    def run(self, root: etree.Element) -> None:
        self.tree = copy.deepcopy(root)


@functools.cache
def _instances() -> tuple[markdown.Markdown, markdown.Markdown, Capture]:
    """One Markdown with and one without term linking, reused (``convert`` resets them)."""
    md = make_md()
    capture = Capture(md)
    md.treeprocessors.register(capture, "capture", 5.9)
    plain = markdown.Markdown(extensions=SITE_EXTENSIONS, extension_configs=SITE_CONFIGS)
    return md, plain, capture


def linked(source: str) -> tuple[markdown.Markdown, etree.Element | None, str]:
    md, _, capture = _instances()
    capture.tree = None
    md.reset()
    html = md.convert(source)
    return md, capture.tree, html


def unlinked(source: str) -> str:
    _, plain, _ = _instances()
    plain.reset()
    return plain.convert(source)


@settings(max_examples=200, deadline=None)
@given(blocks(inline))
def test_visible_text_is_unchanged(source: str) -> None:
    without = unlinked(source)
    _, _, html = linked(source)
    assert visible_text(html) == visible_text(without)


@settings(max_examples=200, deadline=None)
@given(blocks(inline_explicit))
def test_linking_twice_equals_linking_once(source: str) -> None:
    md, tree, _ = linked(source)
    if tree is None:  # empty document
        return
    once = etree.tostring(tree, encoding="unicode")
    md.treeprocessors["kb-termlink"].run(tree)
    assert etree.tostring(tree, encoding="unicode") == once


@settings(max_examples=200, deadline=None)
@given(blocks(inline_explicit))
def test_no_link_inside_a_link(source: str) -> None:
    _, tree, html = linked(source)
    if tree is None:
        return
    for a in tree.iter("a"):
        assert not [x for x in a.iter("a") if x is not a], etree.tostring(a, encoding="unicode")
    assert not any(re.search(r"<a[\s>]", inner) for inner in _inner_of_links(html))


def _inner_of_links(html: str) -> list[str]:
    """The raw HTML between each `<a ...>` and the next `</a>` (what a browser would see nested)."""
    return [m.group(1) for m in re.finditer(r"<a[\s>][^>]*>?(.*?)</a>", html, re.DOTALL)]


# 4. The fast scan (only the words a name can start with, collected by findall and located by find) finds exactly
#    what cutting the text into words and looking each one up finds.
GLUE = st.sampled_from([" ", "  ", "\n", "-", "--", "'", "’", ".", "_", "\u00ad", "\u0301", "x", "é", "1", "/", ""])
raw_text = st.lists(st.tuples(st.one_of(word, st.text(max_size=3)), GLUE), max_size=12).map(
    lambda parts: "".join(w + g for w, g in parts))


@functools.cache
def _matchers() -> tuple[object, object]:
    from klantbeleving.termlink import build_matcher

    fast, slow = build_matcher(TERMS), build_matcher(TERMS)
    assert fast._first is not None  # the test terms take the fast path
    slow._first = None  # word by word: no first words, so no automaton of them either
    slow._automaton = None
    return fast, slow


@settings(max_examples=500, deadline=None)
@given(raw_text)
def test_fast_scan_equals_word_by_word(text: str) -> None:
    fast, slow = _matchers()
    assert fast.findall(text) == slow.findall(text)  # type: ignore[attr-defined]


# 5. A snippet is what the plain definition gives: the context cut at whole words, whitespace of
#    any kind (as str.isspace sees it) collapsed.
def _snippet_by_definition(text: str, start: int, end: int, context: int) -> str:
    left_from = max(0, start - context)
    left = text[left_from:start]
    cut_left = bool(text[:left_from].strip())
    if cut_left and not text[left_from - 1].isspace():
        first_space = next((i for i, ch in enumerate(left) if ch.isspace()), -1)
        left = left[first_space + 1:] if first_space >= 0 else ""
    right_to = min(len(text), end + context)
    right = text[end:right_to]
    cut_right = bool(text[right_to:].strip())
    if cut_right and not text[right_to].isspace():
        last_space = max((i for i, ch in enumerate(right) if ch.isspace()), default=-1)
        right = right[:last_space] if last_space >= 0 else ""
    body = " ".join((left + text[start:end] + right).split())
    return ("…" if cut_left else "") + body + ("…" if cut_right else "")


SPACES = st.sampled_from([" ", "  ", "\n", "\t", "\u00a0", "\u2003", "\u3000", "\x1c", "\u200b", ""])
spaced_text = st.lists(st.tuples(st.text(alphabet="abké.,-", max_size=6), SPACES), max_size=40).map(
    lambda parts: "".join(w + g for w, g in parts))


@settings(max_examples=500, deadline=None)
@given(spaced_text, st.data(), st.integers(min_value=0, max_value=12))
def test_snippet_is_the_plain_definition(text: str, data: st.DataObject, context: int) -> None:
    from klantbeleving.termlink import snippet as _snippet

    start = data.draw(st.integers(min_value=0, max_value=len(text)))
    end = data.draw(st.integers(min_value=start, max_value=len(text)))
    assert _snippet(text, start, end, context) == _snippet_by_definition(text, start, end, context)
