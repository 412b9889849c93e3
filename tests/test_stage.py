"""The stage of a case (assessor.stage) and the `stages` of rules and actions (rulebook)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assessor.caseload import case_from_document
from assessor.conditions import reference_evaluate
from assessor.facts import derive
from assessor.pipeline import Assessor
from assessor.rulebook import load_rulebook
from assessor.yamlfile import parse

from conftest import ROOT


def case(extra: str = "") -> object:
    text = (
        "case_id: stage-test\nprovenance: fictional\n"
        "person: {name: A. Person, nationalities: [KZ]}\n"
        "states: {requesting: KZ, requested: UA}\n" + extra
    )
    return case_from_document(parse(text, "stage-test.yaml"))


REQUEST = "extradition:\n  requests: [{received: 2020-01-10}]\n"


def stage(text: str, on: str) -> str:
    return derive(case(text), dt.date.fromisoformat(on)).values["stage"]


def test_a_case_moves_through_its_stages():
    assert stage("", "2020-01-01") == "before_request"
    assert stage(REQUEST, "2020-01-09") == "before_request"
    assert stage(REQUEST, "2020-01-10") == "proceedings"


@pytest.mark.parametrize(("outcome", "final", "expected"), [
    ("surrender_allowed", True, "surrender_authorised"),
    ("surrender_allowed", False, "proceedings"),
    ("surrender_refused", True, "surrender_refused"),
    ("surrender_refused", False, "proceedings"),
])
def test_a_final_decision_sets_the_stage(outcome, final, expected):
    text = REQUEST + (f"  decisions: [{{date: 2020-03-01, level: supreme, outcome: {outcome}, "
                      f"final: {str(final).lower()}}}]\n")
    assert stage(text, "2020-02-28") == "proceedings"
    assert stage(text, "2020-03-01") == expected


def test_a_new_request_after_a_final_refusal_reopens_the_proceedings():
    text = ("extradition:\n  requests: [{received: 2020-01-10}, {received: 2021-06-01}]\n"
            "  decisions: [{date: 2020-03-01, level: supreme, outcome: surrender_refused, "
            "final: true}]\n")
    assert stage(text, "2021-05-31") == "surrender_refused"
    assert stage(text, "2021-06-01") == "proceedings"


@pytest.mark.parametrize(("outcome", "expected"), [
    ("{kind: surrender, date: 2020-05-01}", "removed"),
    ("{kind: abduction, date: 2020-05-01}", "removed"),
    ("{kind: expulsion, date: 2020-05-01, to: KZ}", "removed"),
    ("{kind: deportation, date: 2020-05-01, to: TR}", "beyond_reach"),
    ("{kind: departure, date: 2020-05-01, to: DE}", "beyond_reach"),
    ("{kind: death, date: 2020-05-01}", "beyond_reach"),
    ("{kind: release, date: 2020-05-01}", "proceedings"),
])
def test_outcomes_end_the_procedure_from_their_date(outcome, expected):
    text = REQUEST + f"outcomes: [{outcome}]\n"
    assert stage(text, "2020-04-30") == "proceedings"
    assert stage(text, "2020-05-01") == expected


def test_an_outcome_dated_only_by_month_counts_from_the_end_of_the_month():
    text = REQUEST + "outcomes: [{kind: surrender, date: 2020-05}]\n"
    assert stage(text, "2020-05-15") == "proceedings"
    assert stage(text, "2020-05-31") == "removed"


# --- rules and actions by stage -------------------------------------------------------

RULES = """\
title: Stage test
rules:
  - id: ST-01
    title: Before removal (no stages given)
    category: procedure
    effect: raises
    weight: 5
    when: {extradition_request_received: true}
    legal_basis: [{instrument: X, article: Art 1, paraphrase: Y}]
    explanation: before
    certainty: test
    actions:
      - {do: Always before removal, forum: client, urgency: days}
      - {do: Only once surrender is authorised, forum: client, urgency: days,
         stages: [surrender_authorised]}
  - id: ST-02
    title: After removal
    category: procedure
    effect: raises
    weight: 5
    stages: [removed]
    when: {extradition_request_received: true}
    legal_basis: [{instrument: X, article: Art 1, paraphrase: Y}]
    explanation: after
    certainty: test
    actions:
      - {do: Complain of the removal, forum: ecthr, urgency: weeks, stages: [removed]}
"""


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("rules")
    (folder / "stage.yaml").write_text(RULES)
    return load_rulebook(folder)


@pytest.mark.parametrize("stage_value", ["proceedings", "surrender_authorised", "removed",
                                         "beyond_reach", None])
def test_both_evaluators_gate_rules_by_stage(book, stage_value):
    record = {"extradition_request_received": True}
    if stage_value:
        record["stage"] = stage_value
    expected = {"proceedings": ("ST-01",), "surrender_authorised": ("ST-01",),
                "removed": ("ST-02",), "beyond_reach": (), None: ("ST-01",)}[stage_value]
    assert book.in_stage(reference_evaluate(book.conditions(), record), record) == expected
    with Assessor(book, engine="reference") as reference:
        assert reference.evaluate(record) == expected
    with Assessor(book, engine="durable") as durable:
        assert durable.evaluate(record) == expected


def test_actions_are_recommended_only_in_their_stages(book):
    with Assessor(book, engine="reference") as a:
        before = a.assess(case(REQUEST), dt.date(2020, 2, 1))
        authorised = a.assess(case(REQUEST + "  decisions: [{date: 2020-03-01, level: "
                                   "minister, outcome: surrender_allowed, final: true}]\n"),
                              dt.date(2020, 3, 2))
        after = a.assess(case(REQUEST + "outcomes: [{kind: surrender, date: 2020-05-01}]\n"),
                         dt.date(2020, 5, 2))
    assert [x.do for x in before.actions] == ["Always before removal"]
    assert sorted(x.do for x in authorised.actions) == ["Always before removal",
                                                        "Only once surrender is authorised"]
    assert [x.do for x in after.actions] == ["Complain of the removal"]


def test_a_stage_that_does_not_exist_is_a_located_error(tmp_path):
    from assessor.problems import InputError

    (tmp_path / "bad.yaml").write_text(RULES.replace("stages: [removed]", "stages: [gone]"))
    with pytest.raises(InputError) as error:
        load_rulebook(tmp_path)
    assert any("stages" in p.path and "gone" in str(p) for p in error.value.problems), [str(p) for p in error.value.problems]


def test_the_bundled_rule_book_stops_pre_surrender_rules_after_a_surrender(assessor):
    text = (ROOT / "cases" / "rule39-indicated.yaml").read_text()
    assert "outcomes" not in text  # the seed stays as it is; the outcome is added here
    base = case_from_document(parse(text, "rule39-indicated.yaml"))
    on = base.as_of.latest
    before = assessor.assess(base, on)
    removed = base.model_copy(update={"outcomes": case(
        f"outcomes: [{{kind: surrender, date: {on.isoformat()}}}]\n").outcomes})
    after = assessor.assess(removed, on)
    assert after.findings == [] or all(
        f.rule_id in {r.id for r in assessor.rulebook.rules
                      if r.rule.stages and "removed" in r.rule.stages}
        for f in after.findings), [f.rule_id for f in after.findings]
    assert before.findings, "the seed case fires rules before the surrender"


def test_after_a_death_nothing_is_advised_and_the_conclusion_says_so(assessor):
    text = REQUEST + ("interpol: [{kind: red_notice, issued: 2019-05}]\n"
                      "outcomes: [{kind: death, date: 2020-05-01}]\n")
    result = assessor.assess(case(text), dt.date(2020, 6, 1))
    assert result.stage == "beyond_reach" and result.findings == [] and result.actions == []
    assert result.conclusion.startswith("The person has died")


def test_after_a_departure_the_notice_and_the_new_case_remain(assessor):
    text = REQUEST + ("interpol: [{kind: red_notice, issued: 2019-05}]\n"
                      "outcomes: [{kind: departure, date: 2020-05-01, to: DE}]\n")
    result = assessor.assess(case(text), dt.date(2020, 6, 1))
    assert {f.rule_id for f in result.findings} == {"AR-07", "AR-09"}
    assert "Germany" in result.conclusion
