"""Dates as authors write them: ISO ``yyyy``, ``yyyy-mm`` or ``yyyy-mm-dd``; shown in Dutch.

Partial dates order totally: a date sorts by year, then month, then day, where a missing month
or day counts as 0. So ``2025`` comes before ``2025-01`` and ``2025-12`` before ``2025-12-01``
(a period sorts before everything inside it), and two dates are equal only when they are written
alike.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from babel.dates import get_month_names

MONTHS_NL: dict[int, str] = dict(get_month_names("wide", context="stand-alone", locale="nl"))
"""Dutch month names (lower case, as Dutch writes them): 1 → januari … 12 → december."""
_DATE_RE = re.compile(r"^([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?$")


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A calendar date whose month and day may be unknown (letters are dated by month).

    Compared by ``_key`` only (see the module's ordering rule); a day needs a month.
    """

    year: int = field(compare=False)
    month: int | None = field(default=None, compare=False)
    day: int | None = field(default=None, compare=False)
    # (year, month or 0, day or 0): the total order, made once as the dates are sorted often.
    _key: tuple[int, int, int] = field(init=False, repr=False)
    # As shown (``iso``, ``dutch``): made once, a letter's date is printed on many pages.
    _iso: str = field(init=False, compare=False, repr=False)
    _dutch: str = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        day = self.day if self.month else None
        object.__setattr__(self, "_key", (self.year, self.month or 0, day or 0))
        if not self.month:
            iso = dutch = f"{self.year:04d}"
        else:
            month = MONTHS_NL.get(self.month, str(self.month))  # parse_date lets no other month through
            iso = f"{self.year:04d}-{self.month:02d}" + (f"-{day:02d}" if day else "")
            dutch = f"{day} {month} {self.year}" if day else f"{month} {self.year}"
        object.__setattr__(self, "_iso", iso)
        object.__setattr__(self, "_dutch", dutch)

    def as_date(self) -> dt.date:
        """The first day it stands for (month and day 1 when unknown)."""
        return dt.date(self.year, self.month or 1, (self.day or 1) if self.month else 1)

    def iso(self) -> str:
        """``2025``, ``2025-12`` or ``2025-12-05``."""
        return self._iso

    def dutch(self) -> str:
        """``2025``, ``december 2025`` or ``5 december 2025``."""
        return self._dutch

    def month_name(self) -> str:
        """The Dutch month (``december``), or ``""`` for a year."""
        return MONTHS_NL.get(self.month, "") if self.month else ""


class DateError(ValueError):
    """A value that is not a valid date; the message is Dutch and names the value."""


def parse_date(value: object) -> PartialDate:
    """Parse a frontmatter date value.

    Accepts ``datetime.date``, ``"yyyy"`` (text or a whole number), ``"yyyy-mm"`` and ``"yyyy-mm-dd"``.

    Raises:
        DateError: when the value is not a real calendar date.
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, bool):
        value = None
    text = str(value).strip() if value is not None else ""
    match = _DATE_RE.match(text)
    if not match:
        raise DateError(f"'{text[:40]}' is geen datum (verwacht jjjj, jjjj-mm of jjjj-mm-dd)")
    year = int(match[1])
    month = int(match[2]) if match[2] else None
    day = int(match[3]) if match[3] else None
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        raise DateError(f"'{text}' is geen bestaande datum") from None
    if month == 0 or day == 0:
        raise DateError(f"'{text}' is geen bestaande datum")
    return PartialDate(year, month, day)
