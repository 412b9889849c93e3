"""Facts carry provenance: dates with bounds, `known_from`, sources dated after the as-of
date left out, and disagreeing sources both recorded and shown."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings

from assessor.caseload import case_from_text
from assessor.dates import PartialDate
from assessor.facts import derive
from assessor.problems import InputError
from assessor.render import render
from conftest import day
from strategies import as_of_dates, cases


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


# --- over generated cases, and over the seed files ---------------------------------------


@settings(max_examples=40)
@given(cases, as_of_dates)
def test_no_generated_report_cites_a_source_dated_after_its_as_of_date(reference, case, as_of):
    late = {s.id for s in case.sources if s.date and s.date.earliest > as_of}
    a = reference.assess(case, as_of)
    assert a.sources_left_out == len(late)
    listed = {s.id for s in a.sources}
    cited = {s for f in a.findings + a.removal.findings for s in f.sources} | {
        s for f in a.findings + a.removal.findings for u in f.facts for s in u.sources}
    assert not (listed | cited) & late, (listed | cited) & late
    if late:
        md = render(a, "md")
        sources_part = md.split("\n## Sources\n")[1].split("\n## ")[0]
        assert f"{len(late)} source(s) in the case file are dated after" in sources_part
        for source_id in late:
            assert f"id `{source_id}`)" not in sources_part


SEED_FILES = ("smailova-montenegro.yaml", "akhmetova-ukraine.yaml")


def _unsourced(node, path="", inherited=False) -> list[str]:
    """The items of a case file that may cite sources and cite none, themselves or through
    the item that holds them (a claim's sources support the decisions listed in it)."""
    found = []
    if isinstance(node, dict):
        cited = bool(node.get("sources")) or inherited
        if path and not cited and ("sources" in node or _may_cite(node)):
            found.append(path)
        for key, value in node.items():
            if key not in ("sources", "law"):
                found += _unsourced(value, f"{path}.{key}" if path else key, cited)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            found += _unsourced(item, f"{path}[{i}]", inherited)
    return found


def _may_cite(item: dict) -> bool:
    return any(key in item for key in ("date", "offence", "kind", "title", "summary")) and (
        "id" not in item)  # a source itself (it has an id) is the evidence, not a fact


@pytest.mark.parametrize("name", SEED_FILES)
def test_the_seed_files_hold_no_fact_without_a_source(name):
    from conftest import CASES
    document = yaml.safe_load((CASES / name).read_text(encoding="utf-8"))
    document = {k: v for k, v in document.items()
                if k not in ("case_id", "title", "provenance", "as_of", "states", "sources",
                             "notes")}
    assert _unsourced(document) == []


def test_the_sourcing_check_sees_an_unsourced_item():
    assert _unsourced({"events": [{"date": "2020-01-01", "title": "x"}]}) == ["events[0]"]
    assert _unsourced({"protection": [{"kind": "asylum", "sources": ["a"],
                                       "decisions": [{"date": "2020-01-01"}]}]}) == []
    assert _unsourced({"charges": [{"offence": "x", "sources": []}]}) == ["charges[0]"]


def test_a_grant_without_a_filing_date_still_counts_from_its_decision():
    granted = case(protection=[{"kind": "asylum", "decisions": [
        {"date": "2024-03-01", "body": "Ministry", "outcome": "granted", "final": True}]}])
    before, after = derive(granted, day("2024-02-28")), derive(granted, day("2024-06-01"))
    assert after.values["refugee_status_granted"] is True
    assert after.values["asylum_status"] == "granted"
    assert any("no filing date" in w for w in after.warnings)
    assert before.values["asylum_status"] == "none"  # nothing known of it yet


def test_whether_protection_came_before_the_request_is_unknown_when_the_dates_overlap():
    def claimed(filed):
        return derive(case(protection=[{"kind": "asylum", "filed": filed}],
                           extradition={"requests": [{"received": "2024-05-10"}]}),
                      day("2024-09-01")).values.get("asylum_claimed_before_request")
    assert claimed("2024-04-30") is True
    assert claimed("2024-05-20") is False
    assert claimed("2024-05") is None  # the month holds the request's day


def test_an_arrest_not_made_for_the_extradition_is_no_extradition_arrest():
    def facts(kind):
        return derive(case(extradition={"detentions": [{"start": "2024-03-01", "kind": kind}]}),
                      day("2024-06-01")).values
    assert facts("other")["arrested_for_extradition"] is False
    assert facts("other")["in_detention"] is False
    assert facts("provisional_arrest")["in_detention"] is True
