import datetime as dt

import pytest

from presslens.nlp.dates import parse_anchor, resolve

SUNDAY_AFTER = dt.date(2022, 12, 26)  # a Monday


@pytest.mark.parametrize(("text", "value", "granularity"), [
    ("on Sunday", "2022-12-25", "day"),
    ("last Monday", "2022-12-19", "day"),
    ("next Friday", "2022-12-30", "day"),
    ("in February", "2022-02", "month"),
    ("last week", "2022-W51", "week"),
    ("yesterday", "2022-12-25", "day"),
    ("two days ago", "2022-12-24", "day"),
    ("Dec. 20", "2022-12-20", "day"),
    ("next year", "2023", "year"),
])
def test_relative_expressions_resolve_against_the_publication_date(text, value, granularity):
    meaning = resolve(text, SUNDAY_AFTER)
    assert (meaning.value, meaning.granularity, meaning.relative) == (value, granularity, True)


def test_absolute_dates_need_no_anchor():
    assert resolve("December 25, 2022", None).value == "2022-12-25"
    assert resolve("2014", None).value == "2014"
    assert resolve("March 2020", None).value == "2020-03"


def test_relative_without_anchor_is_unresolved_with_a_reason():
    meaning = resolve("on Sunday", None)
    assert meaning.value is None and "no publication date" in meaning.reason


def test_durations_are_not_dates():
    meaning = resolve("the past three decades", SUNDAY_AFTER)
    assert meaning.value is None and meaning.reason


def test_anchor_parsing():
    assert parse_anchor("2022-12-26T10:00:00Z") == SUNDAY_AFTER
    assert parse_anchor(None) is None and parse_anchor("soon") is None
