"""Grounds graded as courts grade them: nature in law, strength in this case, the sources of
a risk of ill-treatment, and assurances matched to the ground they answer."""

from __future__ import annotations

import json

from assessor.assurances import grade
from assessor.model import Assurance
from assessor.render import render
from test_rules_catalogue import AS_OF, case, charge, evidence


def bars(result) -> dict:
    return {b.rule_id: b for b in result.bars}


def fired(result) -> set[str]:
    return {f.rule_id for f in result.findings} | {f.rule_id for f in result.superseded}


ORDINARY = {"person": {"profile": ["ordinary_suspect"]}}
CUSTODY = evidence("ill_treatment_of_detainees")
NO_DEATH_PENALTY = {"date": "2024-04-01", "given_by": "Prosecutor General",
                    "content": "The death penalty will not be sought, imposed or carried out.",
                    "promises": ["no_death_penalty"], "specific": True,
                    "binds_the_state": True, "independent_monitoring": True,
                    "form": "diplomatic_note"}
NO_TORTURE = {**NO_DEATH_PENALTY, "content": "The person will not be tortured.",
              "promises": ["no_torture", "lawyer_access"]}


def test_an_ordinary_suspect_with_general_findings_on_custody_gets_the_torture_ground(assessor):
    result = assessor.assess(case({**charge(), **ORDINARY, "country_evidence": [CUSTODY]}),
                             AS_OF)
    ground = bars(result)["NR-06"]
    assert ground.nature == "absolute"
    assert ground.strength == "strong"
    assert any("any detainee" in s for s in ground.supports)


def test_general_torture_findings_alone_are_arguable_and_a_personal_history_makes_them_strong(
        assessor):
    history = {"person": {"profile": ["ordinary_suspect"], "history": [
        {"kind": "torture", "date": "2021-03", "summary": "Beaten in police custody.",
         "substantiated": True}]}}
    alone = assessor.assess(case({"country_evidence": [evidence("systemic_torture")],
                                  **history}), AS_OF)
    assert bars(alone)["NR-07"].strength == "strong"
    no_history = assessor.assess(case({"person": {"history": [
        {"kind": "torture", "date": "2021-03", "summary": "Beaten in police custody."}]}}),
        AS_OF)
    assert bars(no_history)["NR-07"].strength == "arguable"  # no country evidence


def test_what_weakens_the_torture_ground_is_listed_and_steps_it_down(assessor):
    base = {**charge(), **ORDINARY, "country_evidence": [CUSTODY]}
    improved = {**charge(), **ORDINARY,
                "country_evidence": [CUSTODY, evidence("conditions_improved", "2024-01")]}
    before = bars(assessor.assess(case(base), AS_OF))["NR-06"]
    after = bars(assessor.assess(case(improved), AS_OF))["NR-06"]
    assert (before.strength, after.strength) == ("strong", "arguable")
    assert any("improved" in w for w in after.weakens)


def test_a_credible_death_penalty_assurance_from_a_moratorium_state_grades_the_ground_down(
        assessor):
    patch = {**charge(death_penalty_possible=True),
             "country_evidence": [evidence("death_penalty_moratorium")],
             "assurances": [NO_DEATH_PENALTY]}
    result = assessor.assess(case(patch), AS_OF)
    ground = bars(result)["DP-02"]
    assert "DP-01" not in fired(result)
    assert (ground.nature, ground.strength) == ("absolute", "weak")
    assert any("executions" in w for w in ground.weakens)
    assert any("credible assurance" in w for w in ground.weakens)


def test_an_assurance_answers_only_what_it_promises(assessor):
    patch = {**charge(death_penalty_possible=True), "assurances": [NO_TORTURE]}
    result = assessor.assess(case(patch), AS_OF)
    assert "DP-01" in fired(result) and "DP-02" not in fired(result)
    assert "no assurance on file promises" in bars(result)["DP-01"].explanation


def test_a_torture_assurance_from_a_state_where_torture_is_systemic_rarely_defeats_the_ground(
        assessor):
    patch = {"country_evidence": [evidence("systemic_torture")],
             "person": {"profile": ["journalist"]}}
    without = bars(assessor.assess(case(patch), AS_OF))["NR-01"]
    with_it = bars(assessor.assess(case({**patch, "assurances": [NO_TORTURE]}), AS_OF))["NR-01"]
    assert without.strength == "strong"
    assert with_it.strength == "arguable"  # one step, not two
    assert any("rarely suffices" in w for w in with_it.weakens)


def test_an_unreliable_assurance_is_a_reason_the_ground_stands(assessor):
    patch = {"country_evidence": [evidence("systemic_torture")],
             "person": {"profile": ["journalist"]},
             "assurances": [{**NO_TORTURE, "track_record_of_compliance": False}]}
    ground = bars(assessor.assess(case(patch), AS_OF))["NR-01"]
    assert ground.strength == "strong"
    assert any("unreliable" in s and "broken such assurances" in s for s in ground.supports)


def test_the_othman_factors_grade_an_assurance():
    credible = grade(Assurance.model_validate(NO_DEATH_PENALTY))
    assert credible.credibility == "credible" and credible.answers == ("death_penalty",)
    vague = grade(Assurance.model_validate({**NO_DEATH_PENALTY, "specific": False}))
    assert vague.credibility == "unreliable"
    unbound = grade(Assurance.model_validate({**NO_DEATH_PENALTY,
                                              "binds_local_authorities": False}))
    assert unbound.credibility == "doubtful"
    assert "the prisons, police or courts are not bound by it" in unbound.factors_against


def test_no_assurance_note_only_when_none_is_on_file(assessor):
    request = {"extradition": {"requests": [{"received": "2024-01-15"}]}}
    assert "DA-01" in fired(assessor.assess(case(request), AS_OF))
    assert "DA-01" not in fired(assessor.assess(case({**request, "assurances": [NO_TORTURE]}),
                                                AS_OF))


def test_the_refugee_ground_names_the_actual_convention_reason(assessor):
    patch = {"person": {"profile": ["religious_group_member"]},
             "country_evidence": [evidence("persecution_of_group", own=True)]}
    text = bars(assessor.assess(case(patch), AS_OF))["NR-04"].explanation
    assert "religion" in text and "political opinion" not in text


def test_every_format_shows_nature_and_strength(assessor):
    result = assessor.assess(case({**charge(), **ORDINARY, "country_evidence": [CUSTODY]}),
                             AS_OF)
    md = render(result, "md")
    assert "absolute in law" in md and "strong here" in md and "Supports it:" in md
    html = render(result, "html")
    assert "absolute in law" in html and "Supports it:" in html
    data = json.loads(render(result, "json"))
    nr06 = next(b for b in data["bars"] if b["rule_id"] == "NR-06")
    assert (nr06["nature"], nr06["strength"]) == ("absolute", "strong") and nr06["supports"]
    assert "absolute in law, strongly supported here" in result.conclusion
