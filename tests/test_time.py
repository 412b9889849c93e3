"""Time: trajectories, deadlines and stale evidence, as a lawyer reads a case over time."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from assessor.cli import main
from assessor.deadlines import add_months, deadlines, statutory_limits
from assessor.model import Case
from assessor.staleness import STALE_AFTER_DAYS, stale_evidence_warnings
from assessor.timeline import changes, event_dates, snapshot, trajectory
from conftest import SMAILOVA, day


def with_changes(case: Case, **parts) -> Case:
    """The case with parts merged in: lists extended (events=[...]), mappings merged,
    other values replaced."""

    def merge(target: dict, overlay: dict) -> None:
        for key, value in overlay.items():
            if isinstance(value, list) and isinstance(target.get(key), list):
                target[key] = target[key] + value
            elif isinstance(value, dict) and isinstance(target.get(key), dict):
                merge(target[key], value)
            else:
                target[key] = value

    data = case.model_dump(mode="json", exclude_none=True)
    merge(data, parts)
    return Case.model_validate(data)


# --- trajectory ---------------------------------------------------------------------


@pytest.mark.parametrize("fixture,as_of", [("smailova", "2025-10-01"),
                                          ("akhmetova", "2020-05-31")])
def test_each_trajectory_point_is_the_assessment_as_of_its_date(assessor, request, fixture,
                                                                  as_of):
    case = request.getfixturevalue(fixture)
    for point in trajectory(assessor, case, day(as_of)):
        full = assessor.assess(case, point.date)
        assert (point.level, point.score) == (full.level, full.score), point.date
        assert point.bars == [b.rule_id for b in full.bars], point.date


def test_smailova_trajectory_follows_the_calibrated_story(assessor, smailova):
    points = {p.date: p for p in trajectory(assessor, smailova, day("2025-10-01"))}
    # arrested on the Interpol request (public from 15 April 2024): moderate at least
    assert points[day("2024-04-15")].level in ("moderate", "high", "critical")
    # the request of May 2024, public from the Minister's letter of 23 October 2024
    assert "PR-02" in points[day("2024-10-23")].findings
    assert points[day("2024-10-23")].level in ("moderate", "high", "critical")
    # protection granted and surrender refused, public from September 2025: low
    assert "AS-03" in points[day("2025-09-04")].bars
    assert points[day("2025-09-12")].level == "low"
    assert points[day("2025-09-04")].score < points[day("2024-10-23")].score


def test_akhmetova_trajectory_rises_to_high_in_may_2020(assessor, akhmetova):
    points = trajectory(assessor, akhmetova, day("2020-05-31"))
    by_day = {p.date: p for p in points}
    # the report that states the final refusal is public from 26 May 2020; what it dates
    # only "before the report" counts once the report's latest date has passed
    assert by_day[day("2020-05-26")].level in ("moderate", "high", "critical")
    # the legal position alone is moderate (the treaty basis is not established in the
    # file); removal outside the procedure, on its own scale, is critical (kidnap attempts)
    assert by_day[day("2020-05-31")].level in ("moderate", "high", "critical")
    assert by_day[day("2020-05-31")].removal_level == "critical"
    assert by_day[day("2020-05-31")].removal_score - by_day[day("2020-05-14")].removal_score >= 50
    assert by_day[day("2020-05-31")].score - by_day[day("2020-05-14")].score >= 25


def test_smailova_trajectory_lists_arrest_release_protection_and_refusal(smailova):
    result = CliRunner().invoke(main, [str(SMAILOVA), "--as-of", "2025-10-01",
                                       "--trajectory", "-q"])
    assert result.exit_code == 0, result.output
    text = result.output
    assert "how the risk moved" in text
    for date, event in [("2024-04-15", "Released from detention"),
                        ("2024-04-15", "published: Montenegro Releases"),
                        ("2025-09-04", "published: Montenegro Grants International"),
                        ("2025-09-12", "enters into force")]:
        line = next((x for x in text.splitlines() if x.strip().startswith(date)), "")
        assert event in line, (date, text)
    assert "LOW -> MODERATE" in text or "LOW -> HIGH" in text  # the arrest raises the risk
    assert "+ PR-06 Extradition finally refused" in text


def test_a_limit_crossed_by_time_alone_is_dated_to_the_day(assessor, smailova):
    """Montenegro's six months for the asylum decision run out with no event on that day:
    the trajectory still finds the day the overdue-decision rule starts to apply."""
    points = trajectory(assessor, smailova, day("2024-05-20"))
    timed = [p for p in points if p.event.startswith("time passes")]
    for p in timed:
        before = snapshot(assessor, smailova, p.date - dt.timedelta(days=1), "")
        assert before.findings != p.findings
    if any("asylum_days_pending" in str(r.condition) for r in assessor.rulebook.rules):
        assert any("protection claim has waited" in p.event for p in timed)


@pytest.mark.parametrize("added", [
    {"events": [{"date": "2026-03-01", "title": "Meets the Kazakh ambassador"}]},
    {"international": [{"body": "ecthr", "kind": "interim_measures_indicated",
                        "date": "2026-03-01"}]},
    {"extradition": {"decisions": [{"date": "2026-03-01", "level": "supreme",
                                    "outcome": "surrender_allowed", "final": True}]}},
    {"interpol": [{"kind": "red_notice", "issued": "2026-03", "deleted": "2026-06-01"}]},
    {"services_activity": [{"date": "2026-03", "kind": "kidnap_attempt",
                            "summary": "An attempt to seize her in Budva"}]},
    {"country_evidence": [{"kind": "deaths_in_custody", "date": "2026-03-01",
                           "summary": "A death in custody"}]},
])
def test_a_future_event_changes_nothing_before_its_date(assessor, smailova, added):
    changed = with_changes(smailova, **added)
    for when in ("2023-11-01", "2024-05-01", "2025-09-15", "2026-02-28"):
        a, b = assessor.assess(smailova, day(when)), assessor.assess(changed, day(when))
        assert (a.level, a.score, a.findings, a.bars, a.actions, a.unknowns) == (
            b.level, b.score, b.findings, b.bars, b.actions, b.unknowns), when
    before = [p for p in trajectory(assessor, changed, day("2026-02-28"))]
    assert before == trajectory(assessor, smailova, day("2026-02-28"))


def test_a_charge_opened_in_the_future_changes_nothing_before(assessor, smailova):
    changed = with_changes(smailova, charges=[{
        "offence": "Extremism", "opened": "2026-03-01", "political_offence": True}])
    a, b = assessor.assess(smailova, day("2025-10-01")), assessor.assess(changed,
                                                                         day("2025-10-01"))
    assert a.findings == b.findings


def test_event_dates_group_the_events_of_a_day_with_readable_labels(smailova):
    dates = dict(event_dates(smailova, day("2025-10-01")))
    assert "Montenegro replies to AL NE 2/2024" in dates[day("2024-10-23")]
    assert "Interpol red notice issued" in dates[day("2024-04-14")]  # known: before the arrest
    assert "Criminal case opened" in dates[day("2023-11-30")]
    assert not any("un_special_procedures" in label for label in dates.values())


def test_changes_keep_only_what_moved(assessor, smailova):
    points = trajectory(assessor, smailova, day("2025-10-01"))
    moved = changes(points)
    assert moved[0].point == points[0]
    for change in moved[1:]:
        index = points.index(change.point)
        assert points[index - 1].findings != change.point.findings or \
            points[index - 1].level != change.point.level


# --- deadlines ----------------------------------------------------------------------


def test_montenegro_owes_a_decision_within_six_months_and_at_most_21(smailova):
    found = deadlines(smailova, day("2024-05-01"))
    statutory = [d for d in found if d.kind == "statutory"]
    assert [d.date for d in statutory] == ["2024-04-26", "2025-07-26"]
    six, outer = statutory
    assert six.overrun and six.days_left == -5
    assert not outer.overrun and outer.days_left == (day("2025-07-26") - day("2024-05-01")).days
    assert all("Art 50" in d.basis and d.verify for d in statutory)
    assert found == sorted(found, key=lambda d: d.days_left)  # soonest first


def test_a_decided_claim_owes_no_decision_deadline(smailova):
    assert not [d for d in deadlines(smailova, day("2025-09-15")) if d.kind == "statutory"]


def test_no_statutory_deadline_is_invented_for_a_state_without_an_entry(smailova):
    elsewhere = with_changes(smailova, states={"requesting": "KZ", "requested": "AE"})
    assert not [d for d in deadlines(elsewhere, day("2024-05-01")) if d.kind == "statutory"]
    assert all(limit.basis and (limit.states or limit.where) for limit in statutory_limits())


def test_no_court_limit_is_invented_and_the_strasbourg_limit_runs(akhmetova):
    # the Supreme Court's "10 days from delivery, extended for the quarantine" has no end
    # date in the report: none is recorded, so none is shown as passed
    found = deadlines(akhmetova, day("2020-05-31"))
    assert not [d for d in found if d.kind == "court"]
    echr = next(d for d in found if "European Court of Human Rights" in d.what)
    # six months from the final refusal of 2020-05-14 (before Protocol 15's four months)
    assert echr.date == "2020-11-14" and not echr.overrun and echr.verify


def test_a_deferral_ends_only_if_not_cancelled(akhmetova):
    known = akhmetova.model_copy(update={"sources": [s.model_copy(update={"date": None})
                                                     for s in akhmetova.sources]})
    assert any(d.kind == "deferral" for d in deadlines(known, day("2016-01-01")))
    assert not any(d.kind == "deferral" for d in deadlines(known, day("2020-05-31")))


def test_a_court_limit_is_not_shown_long_before_it_can_have_been_set(akhmetova):
    assert not any(d.kind == "court" for d in deadlines(akhmetova, day("2018-09-20")))


def test_months_are_calendar_months():
    assert add_months(day("2023-10-26"), 6) == day("2024-04-26")
    assert add_months(day("2023-08-31"), 6) == day("2024-02-29")


# --- stale evidence -----------------------------------------------------------------


def test_old_torture_evidence_is_flagged_fresh_evidence_is_not(assessor, smailova):
    late = assessor.assess(smailova, day("2025-10-01"))
    warnings = stale_evidence_warnings(smailova, late)
    assert any("systemic torture" in w and "2020-05" in w for w in warnings)
    fresh = with_changes(smailova, country_evidence=[{
        "kind": "systemic_torture", "date": "2025-06", "summary": "New UN CAT observations"}])
    assert not any("systemic torture" in w
                   for w in stale_evidence_warnings(fresh, assessor.assess(fresh,
                                                                           day("2025-10-01"))))
    early = assessor.assess(smailova, day("2021-01-01"))
    assert (day("2021-01-01") - day("2020-05-31")).days < STALE_AFTER_DAYS
    assert not stale_evidence_warnings(smailova, early)


# --- the report ---------------------------------------------------------------------


@pytest.mark.parametrize("fixture", ["smailova", "akhmetova"])
def test_each_seed_report_lists_deadlines_sensitivity_and_trajectory(assessor, request,
                                                                     fixture):
    from assessor.render import render

    a = assessor.assess(request.getfixturevalue(fixture), analyse=True)
    assert a.deadlines and a.sensitivity and a.trajectory
    text = render(a, "md")
    assert "## Deadlines" in text and a.deadlines[0].date in text
    assert a.sensitivity[0].change.split(",")[0] in text.replace("\\", "")
    assert text.index("## Deadlines") < text.index("## Timeline")


def test_a_bare_assessment_stays_bare(assessor, smailova):
    a = assessor.assess(smailova)
    assert not a.trajectory and not a.deadlines and not a.sensitivity
