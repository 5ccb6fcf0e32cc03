"""Reading sources: the body's first line without splitting the whole file, frontmatter values as PyYAML gives them."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from klantbeleving.sources import _body_start_line, _Loader, load_yaml_with_node, parse_source


def _reference(lines: list[str]) -> int:
    """The body's first line as it was computed before (from the whole text split into lines)."""
    boundary = re.compile(r"^-{3,}\s*$")
    if len(lines) > 1 and lines[-1] == "":
        lines = lines[:-1]
    closing = next((i for i in range(1, len(lines)) if boundary.match(lines[i])), len(lines) - 1)
    i = closing + 1
    while i < len(lines) - 1 and lines[i] == "":
        i += 1
    return i + 1


LINE = st.sampled_from(["---", "--- ", "----", "", "  ", "title: x", "tekst", "-- -"])


@given(st.lists(LINE, max_size=12), st.booleans())
def test_body_start_line_equals_the_split_version(lines: list[str], final_newline: bool) -> None:
    text = "\n".join(["---", *lines]) + ("\n" if final_newline else "")
    assert _body_start_line(text) == _reference(text.split("\n"))


def test_body_line_of_a_letter() -> None:
    source, problems = parse_source("docs/x.md", "\n\n---\nauthor: a\ncity: b\n---\n\n\nEerste regel.\n[^1]: voetnoot\n")
    assert problems == []
    assert source.body_line == 9  # two empty lines before the frontmatter, two after it
    assert source.lines == {"author": 4, "city": 5}
    assert source.body.startswith("Eerste regel.")


FRONTMATTERS = [
    "author: wim\ncity: Helmond\ndate: 2025-12\n", "forms: [a, b]\nterm: x\n", "a: 1\nb: true\n",
    "<<: {a: 1}\nb: c\n", "a: 'q'\nb: \"r\"\nc: |\n  block\n",
    "a: null\nb: ~\n", "a: [x, [y]]\n", "a: 2025-02-30\n", "a: NO\nb: yes\n", "- a\n- b\n",
    "just text\n", "a: {b: c}\n", "a: !!str 12\n", "a: 12\n", "a: []\n", "12: x\n", "a: [x, 1]\n",
]


@pytest.mark.parametrize("text", FRONTMATTERS)
def test_frontmatter_values_equal_pyyaml(text: str) -> None:
    """The short cut for text values gives what PyYAML's constructor gives, types included."""
    ours, _node = load_yaml_with_node(text)
    reference = yaml.load(text, Loader=_Loader)
    assert ours == reference
    assert type(ours) is type(reference)
    if isinstance(ours, dict):
        assert [type(k) for k in ours] == [type(k) for k in reference]
        assert [type(v) for v in ours.values()] == [type(v) for v in reference.values()]
