"""Reading source files: bytes → text → frontmatter (python-frontmatter) → plain values.

YAML guesses types (``NO`` → False, ``2025-09-01`` → date, ``2025-13-01`` → crash).
We normalise in one place: our loader resolves only ``true``/``false`` as booleans
and never resolves timestamps, so dates stay text until :mod:`klantbeleving.dates`
parses them with a clear message.

All YAML we read (frontmatter, ``.authors.yml``, ``.places.yml``) goes through
:func:`check_yaml` first: its event stream (libyaml's parser keeps no call stack, unlike the
composer) is checked for nesting depth, anchors and aliases (refused: no author needs them, and
they make alias bombs), overlong numbers and characters XML cannot hold, so the composer only
ever sees small, shallow documents.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import frontmatter
import yaml

from .problems import Problem

MAX_SOURCE_BYTES = 2_000_000
"""Larger Markdown sources are refused: no letter or chapter is that long."""
MAX_BRACKETS = 2_000
"""More ``[`` than this in one paragraph is refused: Python-Markdown's link parsing takes time that
grows with their square (no paragraph of a letter or chapter has that many)."""
MAX_FOOTNOTES = 1_000
"""More footnote definitions than this in one page is refused (no chapter has that many)."""
_FOOTNOTE_DEF = re.compile(r"^\[\^[^\]\n]+\]:", re.MULTILINE)
MAX_FRONTMATTER_CHARS = 64_000
"""Longer frontmatter is refused (a letter's is a few hundred characters)."""
MAX_REGISTRY_CHARS = 1_000_000
"""Larger ``.authors.yml``/``.places.yml`` files are refused (hundreds of authors take far less)."""
MAX_YAML_DEPTH = 20
"""Deeper nesting of lists and mappings is refused (frontmatter needs two levels, ``.authors.yml`` three)."""
MAX_NUMBER_DIGITS = 30
"""A number with more digits is refused (a GeoNames id has at most nine)."""
UNSAFE_CHAR = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
_UNSAFE_CHAR = re.compile(UNSAFE_CHAR)
"""Control characters (all but tab and newline; carriage returns are normalised before this check),
lone surrogates and the non-characters U+FFFE/U+FFFF: XML cannot hold them, a reader never sees them.
Also the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): unseen, they
reverse the text after them (a name in the navigation, a title in the feed)."""
_BIDI_BYTES = re.compile(b"\xe2(?:\x80[\xaa-\xae]|\x81[\xa6-\xa9])")
"""Those bidirectional controls in UTF-8."""
_PLAIN_BYTES = bytes([9, 10, 13, *range(0x20, 0x7F), *range(0x80, 0x100)])
"""UTF-8 bytes that are never (part of) such a character, except after the bytes with which C1
controls (``c2``), surrogates (``ed``) and U+FFFE/U+FFFF (``ef bf``) begin."""


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


class YAMLLimitError(yaml.MarkedYAMLError):
    """YAML that is well-formed but beyond our limits; ``problem`` is Dutch, ``problem_mark`` the place."""

    def __init__(self, problem: str, mark: yaml.Mark | None) -> None:
        super().__init__(problem=problem, problem_mark=mark)


def find_unsafe_char(text: str) -> tuple[int, str] | None:
    """The first character no text may hold (see ``_UNSAFE_CHAR``): its 1-based line and the
    Dutch message about it, or ``None``."""
    data = text.encode("utf-8", "surrogatepass")
    if (not data.translate(None, _PLAIN_BYTES) and b"\xc2" not in data and b"\xed" not in data and b"\xef\xbf" not in data
            and _BIDI_BYTES.search(data) is None):
        return None  # the quick answer for nearly every text: the search below runs at a tenth of the speed
    match = _UNSAFE_CHAR.search(text)
    if match is None:
        return None
    return text.count("\n", 0, match.start()) + 1, describe_char(match[0])


def describe_char(char: str) -> str:
    """What a message says about a character no text may hold (it cannot be shown itself)."""
    return f"teken U+{ord(char):04X} is niet toegestaan (een stuurteken of ongeldig teken): haal het weg"


def check_yaml(text: str, *, max_chars: int = MAX_FRONTMATTER_CHARS) -> None:
    """Refuse YAML beyond our limits before anything is composed or constructed.

    Raises:
        YAMLLimitError: too long, too deep, an anchor or alias, a number with too many digits, or
            a character XML cannot hold (also when written as an escape like ``"\\e"``).
        yaml.YAMLError: the text is not valid YAML.
    """
    if len(text) > max_chars:
        raise YAMLLimitError(f"te lang ({len(text):,} tekens; maximaal {max_chars:,})".replace(",", "."), None)
    unsafe = find_unsafe_char(text)
    if unsafe is not None:  # libyaml would refuse it too, without a line and in English
        line, char = unsafe
        raise YAMLLimitError(char, _line_mark(line))
    if not _plainly_within_limits(text):
        _check_events(text)


def _check_events(text: str) -> None:
    """The limits on nesting, anchors, aliases and scalars, read from the parser's events."""
    loader = _Loader(text)
    depth = 0
    try:
        while (event := loader.get_event()) is not None:
            kind = type(event)
            if kind is yaml.ScalarEvent:
                _check_scalar(loader, event)
            elif kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    raise YAMLLimitError(f"te diep genest (meer dan {MAX_YAML_DEPTH} niveaus)", event.start_mark)
            elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                depth -= 1
            elif kind is yaml.AliasEvent:
                raise YAMLLimitError("verwijzingen (*naam) worden niet ondersteund: schrijf de waarde uit", event.start_mark)
            if getattr(event, "anchor", None) is not None:
                raise YAMLLimitError("ankers (&naam) worden niet ondersteund: schrijf de waarde uit", event.start_mark)
    finally:
        loader.dispose()


def _plainly_within_limits(text: str) -> bool:
    """True when counting characters proves the limits hold, so the events need not be read.

    Every list or mapping opens with one of ``-?:[{`` (a ``:`` also for an implicit one), so the
    nesting is at most their number; a number's digits are at most all digits; anchors, aliases,
    tags and escapes need ``&*!\\``; an overflowing float an exponent of three digits; only
    hexadecimal and binary numbers (``0x``, ``0b``) have digits other than 0-9."""
    return (
        sum(map(text.count, "-?:[{")) <= MAX_YAML_DEPTH
        and sum(map(text.count, "0123456789")) <= MAX_NUMBER_DIGITS
        and _NEEDS_EVENTS.search(text) is None
    )


_NEEDS_EVENTS = re.compile(r"[&*!\\]|[eE][-+]?[0-9]{3}|0[xXbB]")
_INT, _FLOAT = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_NUMBER_START = frozenset("0123456789+-.")


def _check_scalar(loader: _Loader, event: yaml.ScalarEvent) -> None:
    value = event.value
    unsafe = find_unsafe_char(value)
    if unsafe is not None:
        raise YAMLLimitError(unsafe[1], event.start_mark)
    if event.tag == _TIMESTAMP:  # our loader reads dates as text; an explicit tag would bypass that
        raise YAMLLimitError("'!!timestamp' wordt niet ondersteund: schrijf de datum als jjjj-mm-dd", event.start_mark)
    if not value or value[0] not in _NUMBER_START:
        return
    tag = event.tag if event.tag not in (None, "!") else loader.resolve(yaml.ScalarNode, value, event.implicit)
    if tag not in (_INT, _FLOAT):
        return
    if len(value) - value.count("_") > MAX_NUMBER_DIGITS:  # hexadecimal digits too
        raise YAMLLimitError(f"getal met te veel cijfers (maximaal {MAX_NUMBER_DIGITS})", event.start_mark)
    if tag == _FLOAT and "e" in value.lower() and not math.isfinite(_float(value)):
        raise YAMLLimitError("getal is te groot", event.start_mark)


def _float(text: str) -> float:
    try:
        return float(text.replace("_", ""))
    except ValueError:
        return 0.0  # not plain decimal notation: PyYAML's constructor reports it


def _line_mark(line: int) -> yaml.Mark:
    return yaml.Mark("<tekst>", 0, line - 1, 0, None, None)


class _Handler(frontmatter.YAMLHandler):
    """python-frontmatter finds and splits the frontmatter; ``load_yaml_with_node`` loads it."""


def load_yaml_with_node(text: str, *, max_chars: int = MAX_FRONTMATTER_CHARS) -> tuple[Any, yaml.Node | None]:
    """The YAML document and its root node (for the keys' line numbers), within our limits.

    Raises:
        yaml.YAMLError: invalid YAML, or :class:`YAMLLimitError` (see :func:`check_yaml`).
    """
    check_yaml(text, max_chars=max_chars)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_duplicate_keys(node)
        return (_construct(loader, node) if node is not None else None), node
    finally:
        loader.dispose()


def _check_duplicate_keys(root: yaml.Node) -> None:
    """Refuse a mapping that names a key twice (YAML would silently keep the last value)."""
    todo = [root]
    while todo:
        node = todo.pop()
        if isinstance(node, yaml.MappingNode):
            seen: set[tuple[str, str]] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if (key.tag, key.value) in seen:
                        raise YAMLLimitError(f"sleutel '{key.value[:40]}' staat er twee keer in", key.start_mark)
                    seen.add((key.tag, key.value))
                todo.append(value)
        elif isinstance(node, yaml.SequenceNode):
            todo.extend(node.value)


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
    unsafe = find_unsafe_char(text)
    if unsafe is not None:
        return Source(path, body=text), [Problem(path, unsafe[0], unsafe[1])]
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
        data, node = load_yaml_with_node(fm)
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
    """Limits on the body that protect the build (brackets per paragraph, footnote count)."""
    problems = _check_brackets(source)
    if "[^" not in source.body:
        return problems
    notes = list(_FOOTNOTE_DEF.finditer(source.body))
    if len(notes) > MAX_FOOTNOTES:
        line = source.body_line + source.body.count("\n", 0, notes[MAX_FOOTNOTES].start())
        problems.append(Problem(source.path, line, f"te veel voetnoten ({len(notes)}; maximaal {MAX_FOOTNOTES} per pagina)"))
    return problems


_PARAGRAPH_BREAK = re.compile(r"\n(?:[ \t]*\n)+")


def _check_brackets(source: Source) -> list[Problem]:
    body = source.body
    if body.count("[") <= MAX_BRACKETS:
        return []
    start = 0
    for match in [*_PARAGRAPH_BREAK.finditer(body), None]:
        end = match.start() if match else len(body)
        count = body.count("[", start, end)
        if count > MAX_BRACKETS:
            line = source.body_line + body.count("\n", 0, start)
            return [Problem(source.path, line,
                            f"te veel haken '[' in één alinea ({count}; maximaal {MAX_BRACKETS}): zet er witregels tussen")]
        start = match.end() if match else end
    return []


def read_source(path: str, data: bytes) -> tuple[Source | None, list[Problem]]:
    """Bytes of a Markdown file → :class:`Source`, or ``None`` with problems."""
    text, problems = decode_source(path, data)
    if text is None:
        return None, problems
    return parse_source(path, text)
