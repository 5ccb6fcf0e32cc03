from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klantbeleving.dates import DateError, PartialDate, parse_date


@pytest.mark.parametrize(
    ("value", "expected", "dutch"),
    [
        ("2025-12", PartialDate(2025, 12), "december 2025"),
        ("2025-09", PartialDate(2025, 9), "september 2025"),
        ("2025-3", PartialDate(2025, 3), "maart 2025"),
        ("2025-10-24", PartialDate(2025, 10, 24), "24 oktober 2025"),
        (dt.date(2024, 8, 1), PartialDate(2024, 8, 1), "1 augustus 2024"),
        ("2025", PartialDate(2025), "2025"),
        (2025, PartialDate(2025), "2025"),
    ],
)
def test_parse_and_show_in_dutch(value: object, expected: PartialDate, dutch: str) -> None:
    parsed = parse_date(value)
    assert parsed == expected
    assert parsed.dutch() == dutch


@pytest.mark.parametrize("value", ["2025-13-01", "2025-02-30", "2025-13", "december 2025", "", None, "2025/12", 202,
                                   True, "2025-00", "2025-12-00", "0000", "２０２５", "2025-12-05\n1", "12025"])
def test_bad_dates_raise_a_dutch_message(value: object) -> None:
    with pytest.raises(DateError, match="datum"):
        parse_date(value)


# -- the total order of partial dates ------------------------------------------------------------

YEARS = st.integers(min_value=1990, max_value=2030)
PARTIAL = st.one_of(
    YEARS.map(lambda y: f"{y:04d}"),
    st.tuples(YEARS, st.integers(1, 12)).map(lambda t: f"{t[0]:04d}-{t[1]:02d}"),
    st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)).map(dt.date.isoformat),
)


def _rank(text: str) -> tuple[int, ...]:
    """The documented rule, from the text: a year before its months, a month before its days."""
    return tuple(int(part) for part in text.split("-"))


@given(st.lists(PARTIAL, max_size=30))
def test_any_mix_of_partial_dates_sorts_by_the_documented_rule(texts: list[str]) -> None:
    dates = [parse_date(t) for t in texts]
    assert [d.iso() for d in sorted(dates)] == sorted(texts, key=_rank)
    assert max(dates, default=None) == (max(dates, key=lambda d: _rank(d.iso())) if dates else None)


@given(PARTIAL, PARTIAL, PARTIAL)
def test_the_order_is_total_antisymmetric_and_transitive(x: str, y: str, z: str) -> None:
    a, b, c = parse_date(x), parse_date(y), parse_date(z)
    assert sum([a < b, a == b, a > b]) == 1  # total: exactly one holds, never a TypeError
    assert (a <= b and b <= a) == (a == b) == (x == y)  # antisymmetric; equal only when written alike
    assert (a == b) <= (hash(a) == hash(b))
    if a <= b and b <= c:
        assert a <= c


@pytest.mark.parametrize(
    ("earlier", "later"),
    [("2025", "2025-01"), ("2025-12", "2025-12-01"), ("2025-12-31", "2026"), ("2024-12-31", "2025"),
     ("2025-11-30", "2025-12"), ("2025-01", "2025-01-01")],
)
def test_a_period_sorts_before_what_it_contains_and_after_what_came_before(earlier: str, later: str) -> None:
    assert parse_date(earlier) < parse_date(later)
    assert sorted([parse_date(later), parse_date(earlier)]) == [parse_date(earlier), parse_date(later)]


def test_a_year_shows_and_serves_as_a_date() -> None:
    year = parse_date("2025")
    assert (year.iso(), year.dutch(), year.month_name(), year.as_date()) == ("2025", "2025", "", dt.date(2025, 1, 1))
    assert parse_date("2025-12").month_name() == "december"
