"""Reading source files: bytes → text → frontmatter (python-frontmatter) → plain values.

YAML guesses types (``NO`` → False, ``2025-09-01`` → date, ``2025-13-01`` → crash).
We normalise in one place: our loader resolves only ``true``/``false`` as booleans
and never resolves timestamps, so dates stay text until :mod:`klantbeleving.dates`
parses them with a clear message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import frontmatter
import yaml

from .problems import Problem

MAX_SOURCE_BYTES = 2_000_000
"""Larger Markdown sources are refused: no letter or chapter is that long."""
MAX_FOOTNOTES = 1_000
"""More footnote definitions than this in one page is refused (no chapter has that many)."""
_FOOTNOTE_DEF = re.compile(r"^\[\^[^\]\n]+\]:", re.MULTILINE)


_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available


class _Loader(_Base):
    """SafeLoader with YAML 1.2-like scalars: no yes/no/on/off booleans, no timestamps."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


class _Handler(frontmatter.YAMLHandler):
    """python-frontmatter finds and splits the frontmatter; ``_load_with_node`` loads it."""


def _load_with_node(text: str) -> tuple[Any, yaml.Node | None]:
    """The YAML document and its root node (for the keys' line numbers), parsed once."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return (_construct(loader, node) if node is not None else None), node
    finally:
        loader.dispose()


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


def _construct(loader: _Loader, node: yaml.Node) -> Any:
    """The value of a document node. A mapping of text values and lists of text (what a letter's
    or a term's frontmatter is) is read straight from the nodes: PyYAML's constructor is Python
    code that spends several calls per value. Anything else goes to that constructor."""
    if type(node) is not yaml.MappingNode or node.tag != _MAP:
        return loader.construct_document(node)
    data: dict[str, Any] = {}
    for key, value in node.value:
        if type(key) is not yaml.ScalarNode or key.tag != _STR:
            return loader.construct_document(node)
        if type(value) is yaml.ScalarNode and value.tag == _STR:
            data[key.value] = value.value
        elif type(value) is yaml.SequenceNode and value.tag == _SEQ and all(
                type(item) is yaml.ScalarNode and item.tag == _STR for item in value.value):
            data[key.value] = [item.value for item in value.value]
        else:
            return loader.construct_document(node)
    return data


def load_yaml(text: str) -> Any:
    """Load YAML with the project's normalising loader (used for ``.authors.yml``)."""
    return yaml.load(text, Loader=_Loader)


@dataclass
class Source:
    """One Markdown source after reading: its frontmatter and body.

    Attributes:
        path: path used in messages (relative to the project, e.g. ``docs/…``).
        meta: the frontmatter mapping (empty when there is none).
        body: the Markdown after the frontmatter.
        lines: line number of each top-level frontmatter key.
        body_line: line number where the body starts.
    """

    path: str
    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    lines: dict[str, int] = field(default_factory=dict)
    body_line: int = 1

    def line_of(self, key: str) -> int | None:
        """Line of a frontmatter key, or of the frontmatter's start when it is absent."""
        return self.lines.get(key, 1 if self.lines or self.meta else None)


def decode_source(path: str, data: bytes) -> tuple[str | None, list[Problem]]:
    """Bytes → text, refusing binary, oversized and non-UTF-8 files with a message."""
    if len(data) > MAX_SOURCE_BYTES:
        size = len(data) // 1_000_000
        return None, [Problem(path, None, f"bestand is te groot ({size} MB; maximaal 2 MB)")]
    if b"\x00" in data:
        return None, [Problem(path, None, "bestand is binair, geen tekst")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Problem(path, line, "bestand is geen geldige UTF-8-tekst")]
    return text.removeprefix("\ufeff"), []


def parse_source(path: str, text: str) -> tuple[Source, list[Problem]]:
    """Split frontmatter from body and load it; problems carry file and line."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    stripped = text.lstrip()
    lead_lines = text.count("\n", 0, len(text) - len(stripped))
    handler = _Handler()
    if not handler.detect(stripped):
        plain = Source(path, body=text)
        return plain, check_body(plain)
    try:
        fm, body = handler.split(stripped)
    except ValueError:
        return Source(path, body=text), [
            Problem(path, lead_lines + 1, "frontmatter is niet afgesloten met '---'")
        ]
    try:
        data, node = _load_with_node(fm)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = lead_lines + (mark.line + 1 if mark else 1)
        reason = exc.problem or "ongeldige YAML"
        return Source(path, body=body), [Problem(path, line, f"YAML-fout in frontmatter: {reason}")]
    except yaml.YAMLError as exc:
        return Source(path, body=body), [Problem(path, lead_lines + 1, f"YAML-fout in frontmatter: {exc}")]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        kind = type(data).__name__
        return Source(path, body=body), [
            Problem(path, lead_lines + 1, f"frontmatter moet een mapping (sleutel: waarde) zijn, geen {kind}")
        ]
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _value in node.value:
            lines[str(key_node.value)] = lead_lines + key_node.start_mark.line + 1
    body_line = _body_start_line(stripped) + lead_lines
    meta = {str(k): v for k, v in data.items()}
    source = Source(path, meta=meta, body=body.lstrip("\n"), lines=lines, body_line=body_line)
    return source, check_body(source)


def _body_start_line(text: str) -> int:
    """1-based line where the body starts: after the closing '---' and any empty lines.

    Reads ``text`` line by line only as far as that line (a letter's body can be long)."""
    count = text.count("\n") + 1  # lines, as text.split("\n") counts them ...
    if count > 1 and text.endswith("\n"):
        count -= 1  # ... without the empty piece after a final newline
    lines = _lines(text)
    next(lines)  # the opening '---'
    closing = count - 1
    for i in range(1, count):
        if _BOUNDARY.match(next(lines)):
            closing = i
            break
    i = closing + 1
    while i < count - 1 and next(lines) == "":
        i += 1
    return i + 1


_BOUNDARY = re.compile(r"^-{3,}\s*$")


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` (as ``text.split("\\n")`` would give them), one at a time."""
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


def check_body(source: Source) -> list[Problem]:
    """Limits on the body that protect the build (footnote count)."""
    if "[^" not in source.body:
        return []
    notes = list(_FOOTNOTE_DEF.finditer(source.body))
    if len(notes) > MAX_FOOTNOTES:
        line = source.body_line + source.body.count("\n", 0, notes[MAX_FOOTNOTES].start())
        return [Problem(source.path, line, f"te veel voetnoten ({len(notes)}; maximaal {MAX_FOOTNOTES} per pagina)")]
    return []


def read_source(path: str, data: bytes) -> tuple[Source | None, list[Problem]]:
    """Bytes of a Markdown file → :class:`Source`, or ``None`` with problems."""
    text, problems = decode_source(path, data)
    if text is None:
        return None, problems
    return parse_source(path, text)
