import pytest

from readout.nlp.dating import parse

BASE = "2025-04-25"  # a Friday


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("April 25, 2025", "2025-04-25", "2025-04-25", "day"),
        ("25 April 2025", "2025-04-25", "2025-04-25", "day"),
        ("On April 25, 2025 local time", "2025-04-25", "2025-04-25", "day"),
        ("July last year", "2024-07-01", "2024-07-31", "month"),
        ("last July", "2024-07-01", "2024-07-31", "month"),
        ("last February", "2025-02-01", "2025-02-28", "month"),
        ("next year", "2026-01-01", "2026-12-31", "year"),
        ("last year", "2024-01-01", "2024-12-31", "year"),
        ("yesterday", "2025-04-24", "2025-04-24", "day"),
        ("today", "2025-04-25", "2025-04-25", "day"),
        ("on Monday", "2025-04-21", "2025-04-21", "day"),
        ("next Monday", "2025-04-28", "2025-04-28", "day"),
        ("last week", "2025-04-14", "2025-04-20", "week"),
        ("earlier this month", "2025-04-01", "2025-04-30", "month"),
        ("March 2024", "2024-03-01", "2024-03-31", "month"),
        ("2019", "2019-01-01", "2019-12-31", "year"),
        ("December 5 to 10", "2025-12-05", "2025-12-10", "day"),
        ("5-7 March", "2025-03-05", "2025-03-07", "day"),
        ("March 3", "2025-03-03", "2025-03-03", "day"),
        ("two weeks ago", "2025-04-07", "2025-04-13", "week"),
    ],
)
def test_date_words_become_intervals(text, start, end, precision):
    found = parse(text, BASE)
    assert found is not None, text
    assert (found.start, found.end, found.precision) == (start, end, precision)


@pytest.mark.parametrize("text", ["decades", "the years", "two days", "march forward"])
def test_words_that_name_no_date(text):
    assert parse(text, BASE) is None


def test_relative_dates_need_a_base():
    assert parse("yesterday") is None
    assert parse("July 4, 2021").start == "2021-07-04"


@pytest.mark.parametrize("text, base, future, expected", [
    ("February", "2021-12-15", True, "2022-02"),  # an intention dated months before the document: next February
    ("February", "2021-12-15", False, "2021-02"),  # a fact: the February before
    ("December 20", "2021-12-15", False, "2021-12-20"),  # a few days after the document, still its year
    ("November 3", "2021-01-15", False, "2020-11-03"),  # months after the document, in a fact: the year before
    ("November 3", "2021-01-15", True, "2021-11-03"),  # and in an intention, this year
    ("March 3, 2022", "2021-12-15", False, "2022-03-03"),  # a year written is kept
])
def test_yearless_dates_are_read_in_the_tense_of_the_event(text, base, future, expected):
    from readout.nlp.dating import in_tense

    assert in_tense(parse(text, base), base, future).value == expected
