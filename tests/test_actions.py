"""Recommended actions (assessment._actions): one entry per step, only in the stages and
on the facts their words presuppose, and the action a time limit makes due when it runs out.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from assessor.caseload import case_from_document, load_case  # noqa: E402
from assessor.yamlfile import parse  # noqa: E402
from conftest import CASES, edit  # noqa: E402
from test_golden import calibration_points, rule_cases  # noqa: E402

from assessor.caseload import case_from_document as _from  # noqa: E402,F401


def case(text: str):
    head = ("case_id: actions-test\nprovenance: fictional\n"
            "person: {name: A. Person, nationalities: [RS]}\n"
            "states: {requesting: RS, requested: ME}\n")
    return case_from_document(parse(head + text, "actions-test.yaml"))


def every_shipped_report(assessor):
    """(name, assessment) for each calibration point of the shipped cases and each rule case."""
    from assessor.model import Case

    for name, as_of in calibration_points():
        yield f"{name} as of {as_of}", assessor.assess(load_case(CASES / name), as_of)
    for item in rule_cases():
        yield item["name"], assessor.assess(Case.model_validate(item["document"]), item["as_of"])


# --- one entry per step -----------------------------------------------------------------

# The same step in other words, as a reader would recognise it: each may be listed once.
SAME_STEP = {
    "a Rule 39 request": r"ask the ECtHR for an interim measure under Rule 39",
    "a request to the CCF to delete the notice": r"\b(CCF|Commission for the Control of "
                                                 r"Interpol's Files)\b.*\bdelete\b",
    "an urgent appeal to the Special Rapporteur on torture": r"urgent appeal",
    "a complaint to the Committee against Torture": r"complaint .*Committee against Torture",
    "a report to the police": r"\bto the police\b",
    "a claim for protection": r"\b(lodge|file)\b.*\bprotection claim\b|claim for international "
                              r"protection",
    "advice not to travel": r"not to travel",
    "counsel notified before a removal": r"notif\w+ .*counsel|counsel is notified",
    "Art 3 before the extradition court": r"^Raise (CAT|ECHR) Art 3 and",
    "the persecution ground in court": r"^(Argue|Lead with) the persecution ground",
}


def test_no_report_lists_the_same_step_twice(reference):
    seen_merged = set()
    for name, a in every_shipped_report(reference):
        steps = [x.step for x in a.actions if x.step]
        assert len(steps) == len(set(steps)), f"{name}: a step listed twice: {steps}"
        for what, pattern in SAME_STEP.items():
            listed = [x.do for x in a.actions if re.search(pattern, x.do, re.IGNORECASE)]
            assert len(listed) <= 1, f"{name}: {what} is listed {len(listed)} times: {listed}"
        seen_merged |= {x.step for x in a.actions if x.step and len(x.because) > 1}
    # the shipped cases do reach merged steps (else the test above proves little)
    assert {"rule39_request", "ccf_deletion"} <= seen_merged, seen_merged


def test_a_merged_step_lists_every_rule_at_the_most_urgent_urgency(reference):
    refugee = load_case(CASES / "refugee-travel-red-notice.yaml")
    for name, a in every_shipped_report(reference):
        for x in a.actions:
            if x.step == "ccf_deletion" and len(x.because) > 1:
                ids = set(x.because)
                wanted = [act.urgency for r in ids
                          for act in reference.rulebook.by_id[r].rule.actions
                          if act.step == "ccf_deletion"]
                order = ["immediate", "days", "weeks", "ongoing"]
                assert x.urgency == min(wanted, key=order.index), name
                return
    pytest.fail(f"no shipped case merges two requests to the CCF ({refugee.case_id})")


def test_a_step_in_two_forums_is_refused_when_the_rules_load(rules):
    from assessor.problems import InputError
    from assessor.rulebook import load_rulebook

    def move(rule, _):
        rule["actions"][0]["forum"] = "ministry"
        rule["actions"][0]["step"] = "rule39_request"

    edit(rules, "PR-01", move)
    with pytest.raises(InputError, match="step rule39_request is in forum ministry"):
        load_rulebook(rules)


# --- actions follow the stage and the facts -------------------------------------------

REFUSED_FINALLY = ("charges: [{offence: fraud}]\n"
                   "country_evidence:\n"
                   "  - {kind: pretext_charges, summary: x, date: 2019-01-01}\n"
                   "extradition:\n  requests: [{received: 2020-01-10}]\n"
                   "  decisions: [{date: 2020-06-01, outcome: surrender_refused, final: true}]\n")


def test_court_steps_are_offered_only_while_the_proceedings_run(reference):
    """"Before the extradition court" is advice for the proceedings, not after a final
    refusal (or before any request)."""
    for rule in reference.rulebook.rules:
        for action in rule.rule.actions:
            if re.search(r"(before|to) the extradition court|in the extradition proceedings",
                         action.do):
                assert action.stages == ["proceedings"], (rule.id, action.do)


def test_nothing_asks_for_rule_39_while_a_rule_39_measure_is_indicated(reference):
    a = reference.assess(load_case(CASES / "rule39-indicated.yaml"))
    assert any(f.rule_id == "EC-02" for f in a.findings)  # the measure is indicated
    assert not [x.do for x in a.actions if x.step == "rule39_request"]
    for rule in reference.rulebook.rules:
        for action in rule.rule.actions:
            if action.step == "rule39_request":
                assert action.when and action.when.get("rule39_indicated") is False, rule.id


# --- the time limit after a provisional arrest (ECE Art 16(4)) --------------------------

ARREST = ("extradition:\n  detentions: [{kind: provisional_arrest, start: 2024-03-01}]\n")
ECE = "law:\n  ece_in_force_between_states: {value: true, note: both parties}\n"


def _release(reference, text: str, day: dt.date):
    a = reference.assess(case(text), day)
    demands = [x for x in a.actions if x.step == "release_demand"]
    assert len(demands) <= 1
    return a, (demands[0] if demands else None)


@pytest.mark.parametrize("days, due", [(17, False), (18, True), (19, True)])
def test_release_may_be_demanded_from_the_day_the_18_days_pass(reference, days, due):
    a, demand = _release(reference, ARREST + ECE, dt.date(2024, 3, 1) + dt.timedelta(days))
    assert demand is not None  # counting the days is advised in any event
    assert (demand.urgency == "immediate" and "18 days" in demand.do) == due, demand.do


@pytest.mark.parametrize("days", [39, 40, 41, 90])
def test_release_is_demanded_on_the_day_the_40_days_run_out_and_after(reference, days):
    a, demand = _release(reference, ARREST + ECE, dt.date(2024, 3, 1) + dt.timedelta(days))
    assert demand is not None and demand.urgency == "immediate"
    # from the 40th day, the immediate demand (PR-11's words on that day; DT-02 joins after)
    assert ("immediate release" in demand.do) == (days >= 40), demand.do
    pr11 = next(f for f in a.findings if f.rule_id == "PR-11")
    assert ("release is due now" in pr11.explanation) == (days >= 40)


@pytest.mark.parametrize("days", [39, 40, 41])
def test_the_score_does_not_drop_when_the_time_limit_runs_out(reference, days):
    start = dt.date(2024, 3, 1)
    before = reference.assess(case(ARREST + ECE), start + dt.timedelta(days - 1))
    on = reference.assess(case(ARREST + ECE), start + dt.timedelta(days))
    assert on.score == before.score
    assert "PR-11" in {f.rule_id for f in on.findings}


def test_without_the_convention_the_days_are_counted_against_the_law_that_applies(reference):
    for days in (17, 18, 40, 41):
        a, demand = _release(reference, ARREST, dt.date(2024, 3, 1) + dt.timedelta(days))
        assert demand is not None and demand.do.startswith("Count the days"), days


def test_after_a_release_past_the_40_days_no_release_is_demanded(reference):
    released = ("extradition:\n  detentions: [{kind: provisional_arrest, start: 2024-03-01, "
                "end: 2024-03-20}]\n")
    a, demand = _release(reference, released + ECE, dt.date(2024, 4, 15))
    assert demand is None
    assert "PR-11" not in {f.rule_id for f in a.findings}
