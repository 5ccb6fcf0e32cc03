"""Reading time and glossary order (klantbeleving.text)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from klantbeleving.dates import PartialDate
from klantbeleving.text import reading_minutes, term_initial, term_sort_key


def words(n: int) -> str:
    return " ".join(f"woord{i}" for i in range(n))


@pytest.mark.parametrize(("text", "minutes"), [
    ("", 1),
    (words(100), 1),
    (words(550), 2),  # 2.5 rounds to even
    (words(660), 3),
    (words(2200), 10),
    # paragraphs, wrapped lines and double spaces count as gaps between words, not as words
    ("\n\n".join(words(110) for _ in range(10)), 5),
    ("\n".join(words(11) for _ in range(200)), 10),
    (words(1100).replace(" ", "  "), 5),
])
def test_reading_minutes(text: str, minutes: int) -> None:
    assert reading_minutes(text) == minutes


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 40), st.sampled_from([" ", "\n", "  ", "\n\n", " \n", "\n\n\n", "\t"])), max_size=300))
def test_reading_minutes_counts_every_word_once(pieces: list[tuple[int, str]]) -> None:
    """Words between any whitespace (spaces, line ends, tabs, runs of them) count once each: a
    chapter of 977 words is 4 minutes, not 5 (a count of gaps between words said 992)."""
    text = "".join("x" * length + gap for length, gap in pieces)
    assert reading_minutes(text, words_per_minute=1) == max(1, len(pieces))


def test_dates_are_shown_as_made() -> None:
    date = PartialDate(2025, 12, 5)
    assert (date.iso(), date.dutch()) == ("2025-12-05", "5 december 2025")
    assert PartialDate(2025, 1).iso() == "2025-01"
    assert PartialDate(2025, 1) == PartialDate(2025, 1) < PartialDate(2025, 2) and len({PartialDate(2025, 1), PartialDate(2025, 1)}) == 1
    assert repr(PartialDate(2025, 1)) == "PartialDate(year=2025, month=1, day=None)"


def test_glossary_order_is_accent_blind() -> None:
    assert sorted(["Zorg", "Éénduidig", "eerlijk"], key=term_sort_key) == ["Éénduidig", "eerlijk", "Zorg"]
    assert (term_initial("Éénduidig"), term_initial("3D")) == ("E", "#")
