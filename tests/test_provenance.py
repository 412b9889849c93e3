"""Facts carry provenance: dates with bounds, `known_from`, sources dated after the as-of
date left out, and disagreeing sources both recorded and shown."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from assessor.caseload import case_from_text
from assessor.dates import PartialDate
from assessor.facts import derive
from assessor.problems import InputError
from assessor.render import render
from conftest import day


def case(**extra):
    document = {"case_id": "p", "person": {"name": "A", "nationalities": ["KZ"],
                                           "profile": ["journalist"]},
                "states": {"requesting": "KZ", "requested": "UA"}}
    document.update(extra)
    return case_from_text(yaml.safe_dump(document, default_flow_style=False), "p.yaml")


def test_a_date_known_only_to_precede_another_counts_from_that_bound():
    before = PartialDate.parse({"before": "2020-05-20"})
    assert not before.happened_by(dt.date(2020, 5, 19))
    assert before.happened_by(dt.date(2020, 5, 20))
    assert before.uncertain_at(dt.date(1999, 1, 1))  # never "from the beginning of time"


def test_a_date_known_only_to_follow_another_never_counts_as_happened():
    after = PartialDate.parse({"after": "2020-05-01"})
    assert not after.happened_by(dt.date(2030, 1, 1))
    assert after.uncertain_at(dt.date(2030, 1, 1))


def test_bounds_print_and_read_back_the_same():
    both = PartialDate.parse({"after": "2020-05-01", "before": "2020-05-20"})
    assert str(both) == "after 2020-05-01, before 2020-05-20"
    assert PartialDate.parse(str(both)) == both


def test_bad_bounds_are_located_errors():
    with pytest.raises(InputError) as caught:
        case(events=[{"date": {"afterr": "2020-01-01"}, "title": "x"}])
    assert "after" in str(caught.value) and "p.yaml:" in str(caught.value)
    with pytest.raises(InputError):
        case(events=[{"date": {"after": "2020-05-20", "before": "2020-05-01"}, "title": "x"}])


def test_a_bounded_detention_end_reads_released_date_unknown():
    c = case(extradition={"detentions": [{"start": "2020-01-10",
                                          "end": {"after": "2020-01-10", "before": "2020-02-01"}}]})
    assert derive(c, day("2020-01-20")).values["in_detention"] is True  # may still be held
    assert derive(c, day("2020-02-01")).values["in_detention"] is False


def test_an_item_counts_only_from_known_from():
    c = case(charges=[{"offence": "Extremism", "political_offence": True,
                       "known_from": "2021-03-01"}])
    assert "political_offence_charged" not in derive(c, day("2021-02-28")).values
    assert derive(c, day("2021-03-01")).values["political_offence_charged"] is True


def test_an_undated_charge_does_not_count_before_its_sources_are_published():
    c = case(charges=[{"offence": "Fraud", "political_offence": True, "sources": ["art"]}],
             sources=[{"id": "art", "title": "An article", "kind": "news",
                       "date": "2021-06-15"}])
    early = derive(c, day("2021-06-14"))
    assert "political_offence_charged" not in early.values
    assert early.sources_left_out == ("art",)
    assert derive(c, day("2021-06-15")).values["political_offence_charged"] is True


def test_a_report_never_cites_a_source_dated_after_its_as_of_date(reference, smailova):
    a = reference.assess(smailova, day("2024-09-01"))
    ids = {s.id for s in a.sources}
    assert "mfa-me-2024-10-23" not in ids and "eurasianet-2025" not in ids
    assert a.sources_left_out == 3
    cited = {s for f in a.findings for s in f.sources} | {
        s for f in a.findings for u in f.facts for s in u.sources}
    assert not cited & {"mfa-me-2024-10-23", "eurasianet-2025", "timesca-2025"}
    md = render(a, "md")
    assert "3 source(s) in the case file are dated after the as-of date" in md
    assert "Minister of Foreign Affairs" not in md.split("## Sources")[1]


def test_disagreeing_sources_are_both_recorded_and_shown(reference, smailova):
    a = reference.assess(smailova, day("2025-10-01"))
    counts = [c for c in a.conflicts if c.field == "people_interrogated"]
    assert counts and counts[0].relied_on == "7000" and "hundreds" in counts[0].other
    md, html = render(a, "md"), render(a, "html")
    assert "## Where the sources disagree" in md and "hundreds" in md
    assert "Where the sources disagree" in html
    # before the source giving "hundreds" is published, the disagreement is not shown
    early = reference.assess(smailova, day("2024-11-01"))
    assert not [c for c in early.conflicts if c.field == "people_interrogated"]


def test_a_disputed_field_must_be_a_field_of_the_item():
    with pytest.raises(InputError) as caught:
        case(charges=[{"offence": "Fraud",
                       "disputed": [{"field": "people_questioned", "value": "hundreds"}]}])
    assert "people_questioned" in str(caught.value)
