"""Problems found in sources, returned as values (never logged or raised here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a source file.

    Attributes:
        path: the file, relative to the project (e.g. ``docs/brieven/x/01-a.md``).
        line: 1-based line number in that file, or ``None`` when unknown.
        message: what is wrong, in Dutch, for an author.
        severity: ``error`` stops a build; ``warning`` fails only a strict build.
    """

    path: str
    line: int | None
    message: str
    severity: Severity = "error"

    def format(self) -> str:
        """Render as ``path:line: message`` (the line part only when known)."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


def has_errors(problems: list[Problem]) -> bool:
    """True when any problem is an error."""
    return any(p.severity == "error" for p in problems)
