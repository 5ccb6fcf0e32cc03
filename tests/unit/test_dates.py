from __future__ import annotations

import datetime as dt

import pytest

from klantbeleving.dates import DateError, PartialDate, parse_date


@pytest.mark.parametrize(
    ("value", "expected", "dutch"),
    [
        ("2025-12", PartialDate(2025, 12), "december 2025"),
        ("2025-09", PartialDate(2025, 9), "september 2025"),
        ("2025-3", PartialDate(2025, 3), "maart 2025"),
        ("2025-10-24", PartialDate(2025, 10, 24), "24 oktober 2025"),
        (dt.date(2024, 8, 1), PartialDate(2024, 8, 1), "1 augustus 2024"),
    ],
)
def test_parse_and_show_in_dutch(value: object, expected: PartialDate, dutch: str) -> None:
    parsed = parse_date(value)
    assert parsed == expected
    assert parsed.dutch() == dutch


@pytest.mark.parametrize("value", ["2025-13-01", "2025-02-30", "2025-13", "december 2025", "", None, "2025/12", 2025])
def test_bad_dates_raise_a_dutch_message(value: object) -> None:
    with pytest.raises(DateError, match="datum"):
        parse_date(value)
