"""Partial dates: an event dated only by month or year counts once that period is over."""

from __future__ import annotations

import datetime as dt

import pytest

from assessor.dates import PartialDate
from assessor.facts import derive


def test_a_month_counts_from_its_last_day():
    july = PartialDate.parse("2025-07")
    assert not july.happened_by(dt.date(2025, 7, 15))
    assert july.uncertain_at(dt.date(2025, 7, 15))
    assert july.happened_by(dt.date(2025, 7, 31))


def test_a_year_counts_from_the_31st_of_december():
    assert PartialDate.parse(2017).latest == dt.date(2017, 12, 31)
    assert PartialDate.parse("2017").earliest == dt.date(2017, 1, 1)


@pytest.mark.parametrize("text, message", [
    ("2024-02-30", "has no day 30"),
    ("2024-13", "month 13 does not exist"),
    ("24-01-01", "is not a date"),
    ("yesterday", "is not a date"),
])
def test_impossible_dates_are_refused(text, message):
    with pytest.raises(ValueError, match=message):
        PartialDate.parse(text)


def test_chronological_order_puts_the_precise_date_inside_its_month():
    dates = [PartialDate.parse(t) for t in ("2024-05", "2024-05-23", "2024")]
    assert [str(d) for d in sorted(dates)] == ["2024", "2024-05", "2024-05-23"]


def known_all_along(case):
    """The case with its sources undated: the items' own dates alone decide (the dates of
    the sources, which also decide what was known, are tested in test_provenance.py)."""
    return case.model_copy(update={"sources": [s.model_copy(update={"date": None})
                                               for s in case.sources]})


def test_an_event_after_the_as_of_date_does_not_count(smailova):
    smailova = known_all_along(smailova)
    before = derive(smailova, dt.date(2024, 5, 22))
    after = derive(smailova, dt.date(2024, 5, 23))
    assert before.values["extradition_request_received"] is False
    assert after.values["extradition_request_received"] is True
    assert any("after the as-of date" in w for w in before.warnings)


def test_protection_granted_in_july_2025_is_uncertain_mid_month(smailova):
    smailova = known_all_along(smailova)
    mid = derive(smailova, dt.date(2025, 7, 15))
    assert mid.values["protection_granted"] is False
    assert any("2025-07" in w and "may or may not" in w for w in mid.warnings)
    assert derive(smailova, dt.date(2025, 8, 1)).values["protection_granted"] is True
