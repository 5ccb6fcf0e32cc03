"""The glossary's concept map: nodes, edges, corpus markers, a layout that does not move."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from klantbeleving.conceptmap import (
    CORPUS_BOOK_ONLY,
    CORPUS_BOTH,
    CORPUS_LETTERS_ONLY,
    CORPUS_NONE,
    ConceptMap,
    build_concept_map,
    concept_map_view,
    corpus_marker,
    relation_pairs,
    split_label,
)
from klantbeleving.model import Term

ROOT = Path(__file__).resolve().parents[2]

RELATED = {
    "cx": ["cxm", "klant", "ex", "sx"],
    "cxm": ["cx", "cultuur"],  # both directions: still one edge
    "klant": ["klantgericht"],
    "klantgericht": [],  # related only from the other side
    "ex": ["px", "sx", "onbekend", "ex"],  # an unknown slug and the term itself are no edges
    "px": ["sx"],
    "sx": [],
    "cultuur": ["cult", "verandermanagement"],
    "cult": [],
    "verandermanagement": ["cxm"],
    "nps": ["ces"],  # a second group
    "ces": [],
    "iso-23592": [],  # no relation at all
    "transformatief-leiderschap": [],
}
NAMES = {"cx": "CX", "cxm": "CXM", "ex": "EX", "px": "PX", "sx": "SX", "nps": "NPS", "ces": "CES",
         "iso-23592": "ISO 23592", "transformatief-leiderschap": "transformatief leiderschap"}


def terms() -> dict[str, Term]:
    return {slug: Term(f"begrippen/{slug}.md", slug, NAMES.get(slug, slug), related=list(rel), definition="Iets.")
            for slug, rel in RELATED.items()}


def drawn() -> ConceptMap:
    return build_concept_map(terms(), {})


def drawn_big() -> ConceptMap:
    """A glossary of 60 terms with 100 relations, made the same way every time."""
    rng = random.Random(23)
    related: dict[str, list[str]] = {f"t{i:02d}": [] for i in range(60)}
    for _ in range(100):
        a, b = rng.sample(sorted(related), 2)
        related[a].append(b)
    return build_concept_map({s: Term(f"begrippen/{s}.md", s, f"begrip {s}", related=r) for s, r in related.items()}, {})


def test_every_term_is_a_node() -> None:
    assert sorted(n.slug for n in drawn().nodes) == sorted(RELATED)


def test_every_related_pair_is_one_edge() -> None:
    expected = {frozenset((a, b)) for a, rel in RELATED.items() for b in rel if b in RELATED and b != a}
    edges = [frozenset((e.source, e.target)) for e in drawn().edges]
    assert len(edges) == len(set(edges))
    assert set(edges) == expected
    assert relation_pairs(terms()) == sorted(tuple(sorted(p)) for p in expected)


def test_neighbours_read_both_directions() -> None:
    m = drawn()
    assert set(m.neighbours["klantgericht"]) == {"klant"}
    assert set(m.neighbours["cxm"]) == {"cx", "cultuur", "verandermanagement"}
    assert m.neighbours["iso-23592"] == ()


def overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_boxes_do_not_overlap_and_stay_inside_the_drawing() -> None:
    m = drawn()
    boxes = [(n.x - n.w / 2, n.y - n.h / 2, n.x + n.w / 2, n.y + n.h / 2) for n in m.nodes]
    for i, a in enumerate(boxes):
        assert 0 <= a[0] and a[2] <= m.width and 0 <= a[1] and a[3] <= m.height
        for b in boxes[i + 1:]:
            assert not overlaps(a, b)


def test_edges_run_from_box_to_box_left_to_right() -> None:
    m = drawn()
    by_slug = {n.slug: n for n in m.nodes}
    for e in m.edges:
        start, end = e.path[1:].split("C")[0].split(), e.path.rsplit(" ", 2)[-2:]
        a, b = by_slug[e.source], by_slug[e.target]
        assert float(start[0]) == pytest.approx(a.x + a.w / 2, abs=0.11)
        assert float(end[0]) == pytest.approx(b.x - b.w / 2, abs=0.11)
        assert a.x < b.x


def test_the_most_connected_term_stands_at_the_left_of_its_group() -> None:
    m = drawn()
    by_slug = {n.slug: n for n in m.nodes}
    group = ["cx", "cxm", "klant", "klantgericht", "ex", "px", "sx", "cultuur", "cult", "verandermanagement"]
    assert min(group, key=lambda s: by_slug[s].x) == "cx"


def test_layout_is_the_same_every_time() -> None:
    assert drawn() == drawn()
    first = drawn_big()
    assert all(drawn_big() == first for _ in range(5))  # whatever the objects' addresses
    assert build_concept_map(dict(reversed(list(terms().items()))), {}) == drawn()


def test_layout_is_the_same_in_another_process() -> None:
    """Nothing may depend on hashing or on where objects live in memory."""
    code = "from tests.unit.test_conceptmap import drawn_big; print(repr(drawn_big()))"
    runs = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": f"{ROOT / 'hooks'}{os.pathsep}{ROOT}"}
        runs.add(subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True,
                                check=True).stdout)
    assert runs == {repr(drawn_big()) + "\n"}


def test_coordinates_are_rounded() -> None:
    for n in drawn().nodes:
        for value in (n.x, n.y, n.w, n.h, *(c for _, x, y in n.lines for c in (x, y))):
            assert round(value, 1) == value


@pytest.mark.parametrize(("book", "letters", "marker"), [
    (3, 2, CORPUS_BOTH),
    (1, 0, CORPUS_BOOK_ONLY),
    (0, 4, CORPUS_LETTERS_ONLY),
    (0, 0, CORPUS_NONE),
])
def test_corpus_marker(book: int, letters: int, marker: str) -> None:
    assert corpus_marker(book, letters) == marker


def test_view_marks_each_term_and_counts_the_legend() -> None:
    counts = {"cx": (5, 3), "cxm": (2, 0), "hx": (0, 0), "nps": (0, 1)}
    view = concept_map_view(terms(), counts, {s: f"../{s}/" for s in RELATED})
    marker = {n.slug: n.corpus for n, _ in view.nodes}
    assert (marker["cx"], marker["cxm"], marker["nps"], marker["ces"]) == (CORPUS_BOTH, CORPUS_BOOK_ONLY, CORPUS_LETTERS_ONLY, CORPUS_NONE)
    assert view.legend == (
        ("boek", "alleen in het boek", 1),
        ("brieven", "alleen in de brieven", 1),
        ("beide", "in het boek en de brieven", 1),
        ("geen", "nog nergens genoemd", len(RELATED) - 3),
    )
    assert all(link.url == f"../{n.slug}/" for n, link in view.nodes)
    related = {t.slug: [r.slug for r in rel] for t, rel in view.relations}
    assert related["ex"] == ["cx", "px", "sx"]  # glossary order
    assert related["sx"] == ["cx", "ex", "px"]
    assert set(related) == set(RELATED)


def test_a_glossary_without_terms_draws_nothing() -> None:
    m = build_concept_map({}, {})
    assert (m.nodes, m.edges, m.width, m.height) == ((), (), 0.0, 0.0)


@pytest.mark.parametrize(("label", "lines"), [
    ("CX", ("CX",)),
    ("verandermanagement", ("verandermanagement",)),  # one word stays whole
    ("transformatief leiderschap", ("transformatief", "leiderschap")),
    ("Customer Experience Management", ("Customer Experience", "Management")),
])
def test_long_labels_take_two_lines(label: str, lines: tuple[str, ...]) -> None:
    assert split_label(label) == lines
