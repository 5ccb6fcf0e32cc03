"""The guarded YAML entry point: limits are checked on the event stream, before anything is composed."""

from __future__ import annotations

import time

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from klantbeleving.sources import (
    MAX_FRONTMATTER_CHARS,
    MAX_NUMBER_DIGITS,
    MAX_YAML_DEPTH,
    YAMLLimitError,
    check_yaml,
    find_unsafe_char,
    load_yaml_with_node,
    parse_source,
)


def _nested_block(depth: int) -> str:
    return "".join(" " * i + "a:\n" for i in range(depth)) + " " * depth + "b\n"


BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)

# (id, YAML text, 0-based line of the refusal, start of the message)
REFUSED = [
    ("flow-25000", "x: " + "[" * 25_000 + "]" * 25_000, 0, "te diep genest"),
    ("flow-mappings", "x: " + "{a: " * 500 + "1" + "}" * 500, 0, "te diep genest"),
    ("block-mappings", _nested_block(200), MAX_YAML_DEPTH, "te diep genest"),
    ("block-sequences", "x:\n" + "- " * 2_000 + "y\n", 1, "te diep genest"),
    ("indented-sequences", "".join(" " * (2 * i) + "-\n" for i in range(60)), MAX_YAML_DEPTH, "te diep genest"),
    ("billion-laughs", BILLION_LAUGHS, 0, "ankers"),
    ("alias-only", "title: *x\n", 0, "verwijzingen"),
    ("anchor-on-scalar", "title: &t Titel\n", 0, "ankers"),
    ("int-5000-digits", "x: " + "1" * 5_000, 0, "getal met te veel cijfers"),
    ("int-underscores", "x: " + "1_" * 40 + "1", 0, "getal met te veel cijfers"),
    ("int-tagged", "x: !!int " + "9" * 5_000, 0, "getal met te veel cijfers"),
    ("int-sexagesimal", "x: 1" + ":59" * 40, 0, "getal met te veel cijfers"),
    ("int-in-key", "1" * 5_000 + ": x", 0, "getal met te veel cijfers"),
    ("float-long", "x: 0." + "1" * 400, 0, "getal met te veel cijfers"),
    ("float-overflow", "x: 1.0e+400", 0, "getal is te groot"),
    ("float-overflow-negative", "x: -2.5E+999", 0, "getal is te groot"),
    ("timestamp-tag", "date: !!timestamp 2025-13-01", 0, "'!!timestamp'"),
    ("escape-esc", 'city: "Zeist\\e"', 0, "teken U+001B"),
    ("escape-nul", 'city: "\\0"', 0, "teken U+0000"),
    ("escape-c1", 'city: "a\\x9bb\\x85"', 0, "teken U+009B"),
    ("escape-fffe", 'city: "\\uFFFE"', 0, "teken U+FFFE"),
    ("raw-control", "a: b\ncity: Zeist\x01\n", 1, "teken U+0001"),
    ("raw-in-key", "ci\x1bty: Zeist\n", 0, "teken U+001B"),
    ("too-long", "x: " + "a" * MAX_FRONTMATTER_CHARS, None, "te lang"),
    ("duplicate-key", "city: Zeist\ntitle: T\ncity: Elders\n", 2, "sleutel 'city' staat er twee keer in"),
    ("duplicate-nested", "search: {boost: 2, boost: 3}\n", 0, "sleutel 'boost' staat er twee keer in"),
    ("duplicate-in-list", "a:\n  - {x: 1, x: 2}\n", 1, "sleutel 'x' staat er twee keer in"),
]


@pytest.mark.parametrize(("text", "line", "message"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_yaml_beyond_the_limits_is_refused_with_its_line(text: str, line: int | None, message: str) -> None:
    start = time.perf_counter()
    with pytest.raises(YAMLLimitError) as info:
        load_yaml_with_node(text)[0]
    assert time.perf_counter() - start < 2
    assert info.value.problem.startswith(message)
    mark = info.value.problem_mark
    assert (mark.line if mark else None) == line


ACCEPTED = [
    "title: Brief\naliases: [CX, Customer Experience]\n",
    "a: {b: {c: [1, 2, {d: e}]}}\n",
    _nested_block(MAX_YAML_DEPTH - 1),
    "geonames: " + "9" * MAX_NUMBER_DIGITS + "\n",
    "x: 1.5e+300\nn: .inf\n",
    "quoted: '" + "1" * 5_000 + "'\n",  # text, not a number
    "email: a*b&c@example.org\ntab: \"a\\tb\"\n",
    "date: 2025-12-05\n",
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_ordinary_yaml_within_the_limits_loads_as_before(text: str) -> None:
    from klantbeleving.sources import _Loader

    assert load_yaml_with_node(text)[0] == yaml.load(text, Loader=_Loader)  # noqa: S506 (a safe loader)


def test_a_broken_document_is_still_a_yaml_error_with_its_line() -> None:
    with pytest.raises(yaml.MarkedYAMLError) as info:
        load_yaml_with_node("a: b\nc: [d\n")
    assert info.value.problem_mark is not None


def test_the_frontmatter_line_of_a_refusal_is_the_file_line() -> None:
    text = "\n---\ntitle: Brief\nx: " + "[" * 1_000 + "]" * 1_000 + "\n---\nTekst.\n"
    _source, problems = parse_source("docs/x.md", text)
    assert [p.format() for p in problems] == ["docs/x.md:4: YAML-fout in frontmatter: te diep genest (meer dan 20 niveaus)"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("abc", None), ("a\tb\nc\r\n", None), ("a\nb\x1bc", 2), ("\x7f", 1), ("x\n\n\ufffe", 3), ("\ud800", 1),
     ("\x0c", 1), ("\x9f", 1), ("é€😀\u2028", None)],
)
def test_unsafe_characters_are_found_with_their_line(text: str, expected: int | None) -> None:
    found = find_unsafe_char(text)
    assert (found[0] if found else None) == expected


@given(st.text())
def test_what_passes_the_character_check_is_xml_compatible(text: str) -> None:
    from lxml import etree

    if find_unsafe_char(text) is None:
        etree.Element("x").text = text  # lxml refuses what XML cannot hold


MORE_REFUSED = [
    ("hex-5000", "chapter: 0x" + "F" * 5_000, "getal met te veel cijfers"),
    ("binary-long", "chapter: 0b" + "1" * 100, "getal met te veel cijfers"),
    ("octal-long", "chapter: 0" + "7" * 100, "getal met te veel cijfers"),
]


@pytest.mark.parametrize(("text", "message"), [c[1:] for c in MORE_REFUSED], ids=[c[0] for c in MORE_REFUSED])
def test_numbers_in_other_bases_are_limited_too(text: str, message: str) -> None:
    with pytest.raises(YAMLLimitError, match=message):
        load_yaml_with_node(text)[0]


YAMLISH = st.text(alphabet="ab01e+-?:[]{}&*!\\\"' \n\t.x_", max_size=60)


@given(YAMLISH)
def test_the_quick_count_never_lets_through_what_the_events_refuse(text: str) -> None:
    from klantbeleving.sources import _check_events, _plainly_within_limits

    if _plainly_within_limits(text):
        try:
            _check_events(text)
        except YAMLLimitError as exc:  # pragma: no cover - the failure this test looks for
            pytest.fail(f"the quick count passed {text!r}, the events refuse it: {exc.problem}")
        except yaml.YAMLError:
            pass  # invalid YAML: the composer reports it


@given(st.integers(min_value=1, max_value=60), st.sampled_from(["- ", "[", "{a: ", "? ", "a:\n"]))
def test_nesting_just_over_the_limit_is_refused_and_at_the_limit_accepted(depth: int, opener: str) -> None:
    closer = {"[": "]", "{a: ": "}"}.get(opener, "")
    if opener == "a:\n":
        text = "".join(" " * i + "a:\n" for i in range(depth)) + " " * depth + "x\n"
    else:
        text = "k: " + opener * depth + "x" + closer * depth + "\n" if opener not in ("- ", "? ") else "k:\n  " + opener * depth + "x\n"
    total = depth if opener == "a:\n" else depth + 1  # with the root mapping "k:"
    if total > MAX_YAML_DEPTH:
        with pytest.raises(YAMLLimitError, match="te diep genest"):
            check_yaml(text)
    else:
        check_yaml(text)  # (a key that is a mapping is unhashable later: the composer's concern)
