"""The grounds added beside the torture ground: the death-row phenomenon, serious illness
(Paposhvili), refugee status in another EU member state, speciality and re-extradition,
extradition detention, Interpol's own rules, and political motivation beyond criticism.
Each rule also has a firing and a non-firing example in test_rules_catalogue."""

from __future__ import annotations

from conftest import edit
from test_grounds import bars, fired
from test_rules_catalogue import AS_OF, CREDIBLE_NO_DEATH_PENALTY, assurance, case, charge, \
    claim, decision, evidence

from assessor.problems import InputError
from assessor.rulebook import load_rulebook

CAPITAL = {**charge(death_penalty_possible=True),
           "country_evidence": [evidence("death_row_conditions")]}


def findings(result) -> dict:
    return {f.rule_id: f for f in result.findings + result.superseded}


def cited(finding) -> str:
    return " | ".join(f"{c.instrument} {c.article}" for c in finding.legal_basis)


# --- the death-row phenomenon (Soering v United Kingdom, 1989) ------------------------------

def test_the_death_row_phenomenon_stands_beside_the_death_penalty_bar(assessor):
    result = assessor.assess(case({**CAPITAL, "law": {"requesting_death_penalty": "retained"}}),
                             AS_OF)
    ground = bars(result)["DP-03"]
    assert "DP-01" in fired(result) and ground.nature == "absolute" and ground.points == 0
    assert any("death row" in s for s in ground.supports)
    assert "Soering" in cited(ground)
    assert "retains the death penalty" in ground.explanation


def test_under_a_moratorium_the_text_says_so_and_the_ground_steps_down(assessor):
    result = assessor.assess(case({**CAPITAL, "law": {"requesting_death_penalty": "moratorium"}}),
                             AS_OF)
    ground = bars(result)["DP-03"]
    assert "executions are not carried out" in ground.explanation
    assert any("moratorium" in w for w in ground.weakens)


def test_no_death_row_ground_where_the_death_penalty_is_abolished_or_credibly_excluded(assessor):
    abolished = case({**CAPITAL, "law": {"requesting_death_penalty": "abolished"}})
    assert "DP-03" not in fired(assessor.assess(abolished, AS_OF))
    assured = case({**CAPITAL, **assurance(**CREDIBLE_NO_DEATH_PENALTY)})
    assert "DP-03" not in fired(assessor.assess(assured, AS_OF))


# --- serious illness (Paposhvili v Belgium, 2016) ----------------------------------------

def test_illness_with_treatment_out_of_reach_is_the_art_3_ground_and_displaces_the_clause(
        assessor):
    patch = {"person": {"serious_health_condition": True},
             "country_evidence": [evidence("treatment_unavailable")]}
    result = assessor.assess(case(patch), AS_OF)
    ground = bars(result)["IL-01"]
    assert (ground.nature, ground.strength) == ("absolute", "strong")
    assert any("out of reach" in s for s in ground.supports)
    assert findings(result)["OB-05"].superseded_by == "IL-01"
    alone = assessor.assess(case({"person": {"serious_health_condition": True}}), AS_OF)
    assert "IL-01" not in fired(alone) and "OB-05" in fired(alone)


# --- refugee status in another EU member state (C-352/22) ---------------------------------

IN_ITALY = [claim("2019-06-01", decision("2020-04-01", "granted"), state="IT")]
AFTER_C_352_22 = AS_OF.replace(month=9)  # the judgment of 18 June 2024 is the law it states


def test_refugee_status_in_another_member_state_is_established_for_an_eu_requested_state(
        assessor):
    result = assessor.assess(case({"states": {"requested": "DE"}, "protection": IN_ITALY}),
                             AFTER_C_352_22)
    ground = bars(result)["EU-01"]
    assert ground.strength == "established" and "C-352/22" in cited(ground)
    assert "Italy" in ground.explanation
    # its reasons in a lawyer's words (the facts' labels), not the code's identifiers
    assert any(s.startswith("refugee status in another EU member state") for s in ground.supports)
    assert not any("_" in s or "refugee in other eu state" in s for s in ground.supports)


def test_no_eu_ground_outside_the_union_or_towards_a_state_not_the_country_of_origin(assessor):
    outside = case({"protection": IN_ITALY})  # requested: Montenegro
    assert "EU-01" not in fired(assessor.assess(outside, AFTER_C_352_22))
    not_origin = case({"states": {"requested": "DE", "requesting": "UZ"}, "protection": IN_ITALY})
    assert "EU-01" not in fired(assessor.assess(not_origin, AFTER_C_352_22))


def test_no_eu_ground_before_the_court_of_justice_gave_its_reading(assessor):
    before = assessor.assess(case({"states": {"requested": "DE"}, "protection": IN_ITALY}),
                             AS_OF)  # 1 June 2024, before C-352/22 (18 June 2024)
    assert "EU-01" not in fired(before) and "AS-08" in fired(before)
    assert any("C-352/22" in w for w in before.warnings)


# --- Interpol ------------------------------------------------------------------------------

NOTICE = {"interpol": [{"kind": "red_notice"}]}


def test_ip04_calls_the_person_a_refugee_only_when_refugee_status_is_known(assessor):
    refugee = assessor.assess(case({**NOTICE, "protection": [
        claim("2023-06-01", decision("2024-04-01", "granted"))]}), AS_OF)
    assert "is recognised as a refugee" in findings(refugee)["IP-04"].explanation
    subsidiary = assessor.assess(case({**NOTICE, "protection": [
        claim("2023-06-01", decision("2024-04-01", "granted"), kind="subsidiary")]}), AS_OF)
    text = findings(subsidiary)["IP-04"].explanation
    assert "recognised as a refugee" not in text and "no refugee status" in text
    assert "subsidiary protection" in text


def test_the_red_notice_threshold_applies_to_prosecution_on_a_red_notice_only(assessor):
    low = {**charge(max_penalty_years=1)}
    assert "IP-05" in fired(assessor.assess(case({**NOTICE, **low}), AS_OF))
    diffusion = {"interpol": [{"kind": "diffusion"}], **low}
    assert "IP-05" not in fired(assessor.assess(case(diffusion), AS_OF))
    convicted = {**NOTICE, **charge(max_penalty_years=1, convicted="2023-05-01")}
    assert "IP-05" not in fired(assessor.assess(case(convicted), AS_OF))


# --- speciality, re-extradition --------------------------------------------------------------

def test_no_speciality_finding_where_the_european_convention_binds_both_states(assessor):
    patch = {"extradition": {"requests": [{"received": "2024-01-15",
                                           "speciality_undertaking": False}]}}
    assert "SP-01" in fired(assessor.assess(case(patch), AS_OF))
    bound = {**patch, "law": {"ece_in_force_between_states": True}}
    assert "SP-01" not in fired(assessor.assess(case(bound), AS_OF))
    promised = {**patch, **assurance(promises=["speciality"])}
    assert "SP-01" not in fired(assessor.assess(case(promised), AS_OF))


def test_re_extradition_cites_the_european_convention_only_where_it_binds(assessor):
    behind = {"extradition": {"requests": [{"received": "2024-01-15",
                                            "third_state_behind": "RU"}]}}
    plain = findings(assessor.assess(case(behind), AS_OF))["SP-02"]
    assert "Art 15" not in cited(plain) and "Russia" in plain.explanation
    bound = findings(assessor.assess(case({**behind, "law": {
        "ece_in_force_between_states": True}}), AS_OF))["SP-02"]
    assert "Art 15" in cited(bound) and "consent" in bound.explanation


# --- extradition detention -----------------------------------------------------------------

def test_long_detention_cites_chahal_where_the_echr_binds(assessor):
    held = {"extradition": {"detentions": [{"start": "2023-03-01"}]}}
    found = findings(assessor.assess(case(held), AS_OF))["DT-01"]
    assert "Chahal" in cited(found) and "due diligence" in found.explanation
    unbound = findings(assessor.assess(case({**held, "law": {
        "requested_bound_by_echr": False}}), AS_OF))["DT-01"]
    assert "Chahal" not in cited(unbound) and "national" not in unbound.explanation
    assert "own law sets the limit" in unbound.explanation


def test_the_forty_days_count_only_under_the_european_convention(assessor):
    arrest = {"extradition": {"detentions": [{"start": "2024-04-01"}]}}
    assert "DT-02" not in fired(assessor.assess(case(arrest), AS_OF))  # KZ: not a party
    bound = assessor.assess(case({**arrest, "law": {"ece_in_force_between_states": True}}),
                            AS_OF)
    assert "40 days" in findings(bound)["DT-02"].explanation
    early = assessor.assess(case({**arrest, "law": {"ece_in_force_between_states": True}}),
                            AS_OF.replace(month=5, day=1))
    assert "DT-02" not in fired(early) and "PR-11" in fired(early)


def test_detention_always_names_its_legal_basis_even_where_only_the_ece_binds(assessor):
    patch = {"law": {"ece_in_force_between_states": True, "requested_bound_by_echr": False},
             "extradition": {"detentions": [{"start": "2024-05-01"}],
                             "requests": [{"received": "2024-05-10"}]}}
    pr04 = findings(assessor.assess(case(patch), AS_OF))["PR-04"]
    assert pr04.legal_basis and "detention pending extradition" in cited(pr04)


# --- political motivation beyond criticism ---------------------------------------------------

def test_tortured_witnesses_are_a_pretext_sign_and_feed_the_fair_trial_ground(assessor):
    result = assessor.assess(case(charge(witnesses_tortured=True)), AS_OF)
    assert {"PO-15", "FT-03", "PO-11"} <= fired(result)
    assert "witnesses" in findings(result)["FT-03"].explanation
    assert "Zakaev" in cited(findings(result)["PO-15"])


def test_a_third_state_behind_the_request_and_a_negotiator_count_towards_the_ground(assessor):
    behind = {"extradition": {"requests": [{"received": "2024-01-15",
                                            "third_state_behind": "RU"}]}}
    result = assessor.assess(case(behind), AS_OF)
    assert {"PO-13", "PO-11", "SP-02"} <= fired(result)
    assert "binding on no state" in cited(findings(result)["PO-13"])
    negotiator = assessor.assess(case(charge(political_role_targeted=True)), AS_OF)
    assert {"PO-14", "PO-11"} <= fired(negotiator)


# --- the rule format: `strength` is gone -------------------------------------------------------

def test_a_rule_file_still_giving_strength_gets_a_located_error(rules):
    def old_form(rule, _):
        rule["strength"] = rule.pop("nature")
    path = edit(rules, "AS-03", old_form)
    try:
        load_rulebook(rules)
    except InputError as error:
        problem = next(p for p in error.problems if "strength" in p.message)
        assert problem.file.endswith(path.name) and problem.line > 1
        assert "give `nature:`" in problem.message
    else:
        raise AssertionError("a rule giving `strength` loaded")
