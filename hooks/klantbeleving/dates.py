"""Dates as authors write them: ISO ``yyyy-mm-dd`` or ``yyyy-mm``; shown in Dutch."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from babel.dates import get_month_names

MONTHS_NL: dict[int, str] = dict(get_month_names("wide", context="stand-alone", locale="nl"))
"""Dutch month names (lower case, as Dutch writes them): 1 → januari … 12 → december."""
_DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A calendar date whose day may be unknown (letters are dated by month)."""

    year: int
    month: int
    day: int | None = None
    # As shown (``iso``, ``dutch``): made once, a letter's date is printed on many pages.
    _iso: str = field(init=False, compare=False, repr=False)
    _dutch: str = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        base = f"{self.year:04d}-{self.month:02d}"
        month = MONTHS_NL.get(self.month, str(self.month))  # parse_date lets no other month through
        object.__setattr__(self, "_iso", f"{base}-{self.day:02d}" if self.day else base)
        object.__setattr__(self, "_dutch", f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}")

    def as_date(self) -> dt.date:
        """The first moment it stands for (day 1 when the day is unknown)."""
        return dt.date(self.year, self.month, self.day or 1)

    def iso(self) -> str:
        """``2025-12`` or ``2025-12-05``."""
        return self._iso

    def dutch(self) -> str:
        """``december 2025`` or ``5 december 2025``."""
        return self._dutch


class DateError(ValueError):
    """A value that is not a valid date; the message is Dutch and names the value."""


def parse_date(value: object) -> PartialDate:
    """Parse a frontmatter date value.

    Accepts ``datetime.date``, ``"yyyy-mm"`` and ``"yyyy-mm-dd"``.

    Raises:
        DateError: when the value is not a real calendar date.
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    text = str(value).strip() if value is not None else ""
    match = _DATE_RE.match(text)
    if not match:
        raise DateError(f"'{text}' is geen datum (verwacht jjjj-mm of jjjj-mm-dd)")
    year, month = int(match[1]), int(match[2])
    day = int(match[3]) if match[3] else None
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        raise DateError(f"'{text}' is geen bestaande datum") from None
    return PartialDate(year, month, day)
