"""The concept map of the glossary: the related-terms graph laid out for an inline SVG.

klantbeleving.conceptmap
Every term is a node, every ``related`` pair (in either direction) one edge. Each connected group
of terms is laid out left to right with grandalf's Sugiyama layout (layers by distance from the
group's most connected term, so the central concept stands at the left); groups are stacked top to
bottom, the largest first, and terms without relations flow in rows below them. Everything is
sorted before it reaches the layout and every coordinate is rounded, so the same sources give the
same drawing. The markup is ``overrides/kb/conceptmap.html``; this module only computes geometry.
Never imports MkDocs.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass

from grandalf.graphs import Edge, Vertex, graph_core
from grandalf.layouts import SugiyamaLayout

from .model import Term
from .text import term_sort_key

CORPUS_BOTH = "beide"
CORPUS_BOOK_ONLY = "boek"
CORPUS_LETTERS_ONLY = "brieven"
CORPUS_NONE = "geen"

#: What a reader reads for each marker, in the legend's order.
CORPUS_LABELS = {
    CORPUS_BOOK_ONLY: "alleen in het boek",
    CORPUS_LETTERS_ONLY: "alleen in de brieven",
    CORPUS_BOTH: "in het boek en de brieven",
    CORPUS_NONE: "nog nergens genoemd",
}

FONT_SIZE = 14  # user units; the SVG scales with its box, so these are pixels at full size
LINE_HEIGHT = 17
PAD_X = 9
PAD_Y = 6
MARGIN = 12
ROW_GAP = 10  # between two nodes of one column
COLUMN_GAP = 40  # between two columns (room for the edges' curves)
GROUP_GAP = 28  # between two groups of related terms, and above the unrelated terms
SPLIT_AT = 14  # a label longer than this, with a space in it, takes two lines
CROSSING_PASSES = 8  # grandalf's rounds of crossing reduction

# Advance widths in em of a common sans-serif (generous: the site uses the reader's system font).
_NARROW = set("fijlrt.,:;'’!|() -")
_WIDE = set("mwMW")
_CAPITAL_EM, _NARROW_EM, _WIDE_EM, _OTHER_EM = 0.70, 0.34, 0.90, 0.60


def corpus_marker(book: int, letters: int) -> str:
    """Where a term lives, from its mention counts in the book and the letters."""
    if book and letters:
        return CORPUS_BOTH
    if book:
        return CORPUS_BOOK_ONLY
    return CORPUS_LETTERS_ONLY if letters else CORPUS_NONE


@dataclass(frozen=True)
class MapNode:
    """A term on the map: its box (centre ``x``, ``y``; size ``w``, ``h``; corner radius ``rx``) and
    its label's lines as (text, x, baseline y)."""

    slug: str
    term: str
    corpus: str
    x: float
    y: float
    w: float
    h: float
    rx: float
    lines: tuple[tuple[str, float, float], ...]

    @property
    def left(self) -> float:
        return round(self.x - self.w / 2, 1)

    @property
    def top(self) -> float:
        return round(self.y - self.h / 2, 1)


@dataclass(frozen=True)
class MapEdge:
    """One relation, drawn as a path from the left term's box to the right one's."""

    source: str
    target: str
    path: str


@dataclass(frozen=True)
class ConceptMap:
    nodes: tuple[MapNode, ...]  # in glossary order
    edges: tuple[MapEdge, ...]  # sorted by slugs
    width: float
    height: float
    neighbours: Mapping[str, tuple[str, ...]]  # slug → related slugs (both directions), in glossary order


def relation_pairs(terms: Mapping[str, Term]) -> list[tuple[str, str]]:
    """Every related pair once, as sorted slugs (``related`` read in both directions; a slug that
    is no term, or the term itself, is left out)."""
    pairs = {tuple(sorted((slug, other))) for slug, term in terms.items() for other in term.related
             if other in terms and other != slug}
    return sorted((a, b) for a, b in pairs)


def split_label(text: str) -> tuple[str, ...]:
    """A label on one line, or on two at the space that balances them best."""
    if len(text) <= SPLIT_AT or " " not in text:
        return (text,)
    spaces = [i for i, c in enumerate(text) if c == " "]
    at = min(spaces, key=lambda i: (max(i, len(text) - i - 1), i))
    return (text[:at], text[at + 1:])


def text_width(text: str) -> float:
    """An estimate of the width of ``text`` at ``FONT_SIZE`` (no font metrics at build time)."""
    ems = sum(_NARROW_EM if c in _NARROW else _WIDE_EM if c in _WIDE else _CAPITAL_EM if c.isupper() else _OTHER_EM
              for c in text)
    return ems * FONT_SIZE


def _box(text: str) -> tuple[tuple[str, ...], float, float]:
    lines = split_label(text)
    w = max(text_width(line) for line in lines) + 2 * PAD_X
    h = len(lines) * LINE_HEIGHT + 2 * PAD_Y
    return lines, round(w, 1), float(h)


class _View:
    """The size grandalf reads (``w`` across a layer, ``h`` along the layers) and the place it writes."""

    def __init__(self, w: float, h: float) -> None:
        self.w = w
        self.h = h
        self.xy: tuple[float, float] = (0.0, 0.0)


def _groups(slugs: list[str], adjacent: Mapping[str, list[str]]) -> list[list[str]]:
    """Connected groups of terms; each in glossary order, the largest group first."""
    order = {s: i for i, s in enumerate(slugs)}
    seen: set[str] = set()
    groups: list[list[str]] = []
    for slug in slugs:
        if slug in seen:
            continue
        group, todo = [], [slug]
        seen.add(slug)
        while todo:
            here = todo.pop()
            group.append(here)
            for other in adjacent[here]:
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        groups.append(sorted(group, key=order.__getitem__))
    return sorted(groups, key=lambda g: -len(g))  # stable: equal sizes keep glossary order


def _curve(points: list[tuple[float, float]]) -> str:
    """An SVG path through ``points`` (left to right), leaving and reaching each horizontally."""
    (x0, y0), rest = points[0], points[1:]
    d = [f"M{x0:.1f} {y0:.1f}"]
    for (px, py), (qx, qy) in zip(points, rest, strict=False):
        mid = (qx - px) / 2
        d.append(f"C{px + mid:.1f} {py:.1f} {qx - mid:.1f} {qy:.1f} {qx:.1f} {qy:.1f}")
    return "".join(d)


def _layout_group(group: list[str], adjacent: Mapping[str, list[str]], sizes: Mapping[str, tuple[float, float]]
                  ) -> tuple[dict[str, tuple[float, float]], list[tuple[str, str, list[tuple[float, float]]]]]:
    """Centres of a group's terms and its edges' points (left to right), where grandalf put them
    (the caller moves the group into place)."""
    rank = {s: i for i, s in enumerate(group)}
    root = min(group, key=lambda s: (-len(adjacent[s]), rank[s]))
    depth = {root: 0}
    todo = deque([root])
    while todo:
        here = todo.popleft()
        for other in adjacent[here]:
            if other not in depth:
                depth[other] = depth[here] + 1
                todo.append(other)
    place = {s: (depth[s], rank[s]) for s in group}  # edges point away from the root: no cycles
    vertices = {}
    for s in group:
        w, h = sizes[s]
        vertex = vertices[s] = Vertex(s)
        vertex.view = _View(h, w)  # grandalf stacks layers top to bottom; the map reads left to right
    arcs = sorted({(a, b) if place[a] < place[b] else (b, a) for a in group for b in adjacent[a]},
                  key=lambda ab: (place[ab[0]], place[ab[1]]))
    edges = [Edge(vertices[a], vertices[b]) for a, b in arcs]
    # One connected group: grandalf's core graph keeps vertices and edges in the order given (its
    # ``Graph`` gathers a component's edges in a set, whose order changes from run to run).
    layout = SugiyamaLayout(graph_core(list(vertices.values()), edges))
    layout.xspace, layout.yspace = ROW_GAP, COLUMN_GAP
    layout.init_all(roots=[vertices[root]])
    layout.draw(CROSSING_PASSES)
    centre = {s: (v.view.xy[1], v.view.xy[0]) for s, v in vertices.items()}
    routes = []
    for (a, b), edge in zip(arcs, edges, strict=True):
        ra, rb = layout.grx[vertices[a]].rank, layout.grx[vertices[b]].rank
        dummies = layout.ctrls.get(edge, {})
        via = [(dummies[r].view.xy[1], dummies[r].view.xy[0]) for r in range(ra + 1, rb)]
        (ax, ay), (bx, by) = centre[a], centre[b]
        start = (ax + sizes[a][0] / 2, ay)
        end = (bx - sizes[b][0] / 2, by)
        routes.append((a, b, [start, *via, end]))
    return centre, routes


def build_concept_map(terms: Mapping[str, Term], corpora: Mapping[str, str]) -> ConceptMap:
    """The map of ``terms`` (slug → Term); ``corpora``: slug → ``corpus_marker`` (default: none)."""
    slugs = sorted(terms, key=lambda s: (term_sort_key(terms[s].term), s))
    order = {s: i for i, s in enumerate(slugs)}
    pairs = relation_pairs(terms)
    adjacent: dict[str, list[str]] = {s: [] for s in slugs}
    for a, b in pairs:
        adjacent[a].append(b)
        adjacent[b].append(a)
    for s in slugs:
        adjacent[s].sort(key=order.__getitem__)
    labels = {s: _box(terms[s].term) for s in slugs}
    sizes = {s: (w, h) for s, (_, w, h) in labels.items()}

    centres: dict[str, tuple[float, float]] = {}
    routes: list[tuple[str, str, list[tuple[float, float]]]] = []
    top = float(MARGIN)
    width = 0.0
    groups = _groups(slugs, adjacent)
    for group in (g for g in groups if len(g) > 1):
        centre, paths = _layout_group(group, adjacent, sizes)
        points = [p for _, _, pts in paths for p in pts]
        left = min([x - sizes[s][0] / 2 for s, (x, _) in centre.items()] + [x for x, _ in points])
        high = min([y - sizes[s][1] / 2 for s, (_, y) in centre.items()] + [y for _, y in points])
        dx, dy = MARGIN - left, top - high

        def moved(p: tuple[float, float], dx: float = dx, dy: float = dy) -> tuple[float, float]:
            return (p[0] + dx, p[1] + dy)

        centres.update({s: moved(p) for s, p in centre.items()})
        routes += [(a, b, [moved(p) for p in pts]) for a, b, pts in paths]
        width = max(width, max([centres[s][0] + sizes[s][0] / 2 for s in group] + [x + dx for x, _ in points]) + MARGIN)
        top = max([centres[s][1] + sizes[s][1] / 2 for s in group] + [y + dy for _, y in points]) + GROUP_GAP
    alone = [g[0] for g in groups if len(g) == 1]
    if alone:
        width = max(width, max(sizes[s][0] for s in alone) + 2 * MARGIN, 480.0)
        x, row = float(MARGIN), 0.0
        for s in alone:
            w, h = sizes[s]
            if x + w > width - MARGIN and x > MARGIN:
                x, top = float(MARGIN), top + row + ROW_GAP
                row = 0.0
            centres[s] = (x + w / 2, top + h / 2)
            x += w + ROW_GAP
            row = max(row, h)
        top += row + GROUP_GAP
    height = top - GROUP_GAP + MARGIN if slugs else 0.0

    nodes = []
    for s in slugs:
        lines, w, h = labels[s]
        cx, cy = round(centres[s][0], 1), round(centres[s][1], 1)
        first = cy - (len(lines) - 1) * LINE_HEIGHT / 2 + FONT_SIZE * 0.35
        corpus = corpora.get(s, CORPUS_NONE)
        rx = h / 2 if corpus in (CORPUS_LETTERS_ONLY, CORPUS_NONE) else 3.0
        nodes.append(MapNode(s, terms[s].term, corpus, cx, cy, w, h, rx,
                             tuple((line, cx, round(first + i * LINE_HEIGHT, 1)) for i, line in enumerate(lines))))
    edges = sorted((MapEdge(a, b, _curve(pts)) for a, b, pts in routes), key=lambda e: tuple(sorted((e.source, e.target))))
    return ConceptMap(tuple(nodes), tuple(edges), round(width, 1), round(height, 1),
                      {s: tuple(adjacent[s]) for s in slugs})



@dataclass(frozen=True)
class MapLink:
    """A term as the map's template links it."""

    slug: str
    term: str
    url: str | None
    corpus: str
    label: str  # where it lives, in words


@dataclass(frozen=True)
class MapView:
    """What ``kb/conceptmap.html`` draws: the geometry, each term's link and the text alternative."""

    drawing: ConceptMap
    links: Mapping[str, MapLink]  # slug → link
    legend: tuple[tuple[str, str, int], ...]  # (marker, label, number of terms), markers in use only
    relations: tuple[tuple[MapLink, tuple[MapLink, ...]], ...]  # every term with its related terms

    @property
    def nodes(self) -> tuple[tuple[MapNode, MapLink], ...]:
        return tuple((n, self.links[n.slug]) for n in self.drawing.nodes)


def concept_map_view(terms: Mapping[str, Term], counts: Mapping[str, tuple[int, int]],
                     urls: Mapping[str, str | None]) -> MapView:
    """The map of the glossary. ``counts``: slug → (mentions in the book, in the letters);
    ``urls``: slug → the term page's URL as printed on the page that shows the map."""
    corpora = {s: corpus_marker(*counts.get(s, (0, 0))) for s in terms}
    drawing = build_concept_map(terms, corpora)
    links = {n.slug: MapLink(n.slug, n.term, urls.get(n.slug), n.corpus, CORPUS_LABELS[n.corpus]) for n in drawing.nodes}
    used = [c for c in corpora.values()]
    legend = tuple((c, label, used.count(c)) for c, label in CORPUS_LABELS.items() if c in used)
    relations = tuple((links[n.slug], tuple(links[s] for s in drawing.neighbours[n.slug])) for n in drawing.nodes)
    return MapView(drawing, links, legend, relations)
