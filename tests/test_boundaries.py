"""Boundaries, written down independently of the code they test.

- the level of every score, read from the table in docs/risk-model.md (not from the code's
  constants), and the 0..100 clamp of a raw score beyond either end;
- every day and count threshold a rule reads, from a case: at the limit and one either side,
  so that an off-by-one in a day count, a `<` for a `<=` on the same day, or a changed
  threshold in a rule file fails here;
- what an empty case establishes, fact by fact: unknown is not false;
- the durable-rules engine really runs: a spy sees it called, and a deliberately divergent
  stub inside it changes the answer (an `Assessor.evaluate` that quietly returned the
  reference evaluator's answer would pass every agreement test, and fail these).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from assessor import conditions, engine
from assessor.assessment import build, level_for
from assessor.facts import CATALOGUE, Facts, derive
from assessor.model import Case
from assessor.staleness import stale_evidence_warnings, stale_test

from conftest import ROOT

D = dt.date(2024, 3, 1)  # the day each dated item happens in these cases


def case(**parts) -> Case:
    """A minimal case (a Kazakh national in Montenegro) with these parts added."""
    data = {"case_id": "boundary", "person": {"name": "P", "nationalities": ["KZ"]},
            "states": {"requesting": "KZ", "requested": "ME"}}
    data.update(parts)
    return Case.model_validate(data)


def fired(assessor, c: Case, as_of: dt.date) -> set[str]:
    """Every rule that applied, superseded or not."""
    a = assessor.assess(c, as_of)
    return {f.rule_id for f in a.findings + a.superseded}


# --- levels, from the documentation's table -------------------------------------------------


def documented_levels() -> list[tuple[str, int, int]]:
    """(level, lowest score, highest score) from the table in docs/risk-model.md."""
    text = (ROOT / "docs" / "risk-model.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\|\s*\*\*(\w+)\*\*\s*\|\s*(\d+)\s*-\s*(\d+)\s*\|", text, re.MULTILINE)
    assert len(rows) == 4, "the level table of docs/risk-model.md was not found"
    return [(level, int(low), int(high)) for level, low, high in rows]


def test_the_documented_levels_cover_0_to_100_without_gaps():
    rows = sorted(documented_levels(), key=lambda r: r[1])
    assert rows[0][1] == 0 and rows[-1][2] == 100
    assert all(a[2] + 1 == b[1] for a, b in zip(rows, rows[1:]))


@pytest.mark.parametrize("score", range(0, 101))
def test_every_score_has_the_documented_level(score):
    [level] = [lv for lv, low, high in documented_levels() if low <= score <= high]
    assert level_for(score) == level


_PLAIN = case()


def assess_record(rulebook, record: dict):
    facts = Facts(as_of=D, values=dict(record),
                  unknown=tuple(n for n in CATALOGUE if n not in record))
    return build(_PLAIN, facts, conditions.reference_evaluate(rulebook.conditions(), record),
                 rulebook)


def test_a_raw_score_above_100_is_held_at_100_and_critical(rulebook):
    record = {"wanted_by_requesting_state": True, "extradition_request_received": True,
              "arrested_for_extradition": True, "in_detention": True,
              "surrender_decision": "allowed_final", "interpol_notice_active": True,
              "kidnap_attempt": True, "expulsion_record": True, "political_warming": True}
    a = assess_record(rulebook, record)
    assert a.raw_score > 100 and a.score == 100 and a.level == "critical"


def test_a_raw_score_below_0_is_held_at_0_and_low(rulebook):
    record = {"surrender_decision": "refused_final", "protection_granted": True,
              "rule39_indicated": True}
    a = assess_record(rulebook, record)
    assert a.raw_score < 0 and a.score == 0 and a.level == "low"


# --- thresholds, at the limit and one either side -------------------------------------------

# Every threshold a rule puts on a day count or a count, as the rule's own documentation
# states it (docs/risk-model.md "Known limits" and each rule's legal basis): (rule, fact,
# operator, limit). A new threshold in rules/ must be added here, with its source.
THRESHOLDS = [
    ("PR-11", "days_since_arrest", "lte", 40),          # ECE 1957 Art 16(4): 40 days
    ("LB-03", "days_since_treaty_ratified", "lte", 180),  # a treaty ratified within 180 days
    ("CC-03", "country_evidence_age_days", "gt", 730),  # evidence more than two years old
    ("PO-03", "charges_reopened_times", "gte", 3),      # reopened three times
    ("PO-04", "smallest_amount_eur", "lte", 1000),      # EUR 1,000
    ("PO-05", "people_interrogated", "gte", 500),       # 500 people questioned
    # PO-11 counts the same signs once (ECE Art 3(2)): the same limits
    ("PO-11", "charges_reopened_times", "gte", 3),
    ("PO-11", "smallest_amount_eur", "lte", 1000),
    ("PO-11", "people_interrogated", "gte", 500),
    ("DT-01", "days_since_arrest", "gt", 365),          # a year held: the tool's threshold
    ("DT-02", "days_since_arrest", "gt", 40),           # ECE 1957 Art 16(4): 40 days
    ("IP-05", "max_penalty_years", "lt", 2),            # Interpol RPD Art 83(1)(a): two years
]


def _int_tests(cond):
    if isinstance(cond, (conditions.All, conditions.Any)):
        for child in cond.children:
            yield from _int_tests(child)
    elif (isinstance(cond, conditions.Compare) and CATALOGUE[cond.fact].kind == "int"):
        yield cond.fact, cond.op, cond.value


def test_every_threshold_in_the_rules_is_listed_here(rulebook):
    in_rules = {(r.id, *t) for r in rulebook.rules for t in _int_tests(r.condition)}
    assert in_rules == set(THRESHOLDS), (
        "a day or count threshold in rules/ differs from tests/test_boundaries.py THRESHOLDS: "
        f"only in rules {sorted(in_rules - set(THRESHOLDS))}, only here "
        f"{sorted(set(THRESHOLDS) - in_rules)}; if the change is deliberate, update THRESHOLDS")


def _holds(op: str, value: int, limit: int) -> bool:
    return {"lt": value < limit, "lte": value <= limit, "gt": value > limit,
            "gte": value >= limit}[op]


def _after(days: int) -> dt.date:
    return D + dt.timedelta(days=days)


# Cases that put each day-count fact at a given number of days: (the case, as of D + days)
DAY_CASES = {
    "days_since_arrest": lambda: case(extradition={"detentions": [
        {"start": D.isoformat(), "kind": "provisional_arrest"}]}),
    "days_since_treaty_ratified": lambda: case(legal_basis={"treaties": [
        {"name": "KZ-ME treaty", "kind": "bilateral", "ratified": D.isoformat()}]}),
    "country_evidence_age_days": lambda: case(country_evidence=[
        {"kind": "systemic_torture", "date": D.isoformat(), "summary": "a report"}]),
}
COUNT_FIELDS = {"charges_reopened_times": "times_reopened",
                "smallest_amount_eur": "amount_eur",
                "people_interrogated": "people_interrogated"}


# Rules that need more than the fact itself to fire: the case that gives them the rest
RULE_CASES = {
    # the 40 days are the European Convention's, between states it binds
    "DT-02": lambda: case(law={"ece_in_force_between_states": True}, extradition={
        "detentions": [{"start": D.isoformat(), "kind": "provisional_arrest"}]}),
    # Interpol's threshold is for a red notice sought for prosecution
    # released the day after the arrest: PR-11 outlives its 40 days only while the person is
    # held (tests/test_actions.py)
    "PR-11": lambda: case(extradition={"detentions": [
        {"start": D.isoformat(), "kind": "provisional_arrest",
         "end": (D + dt.timedelta(days=1)).isoformat()}]}),
    "IP-05": lambda value: case(interpol=[{"kind": "red_notice"}],
                                charges=[{"offence": "fraud", "max_penalty_years": value}]),
}


@pytest.mark.parametrize("rule_id, fact, op, limit", THRESHOLDS,
                         ids=[f"{r}-{f}" for r, f, _, _ in THRESHOLDS])
@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_each_threshold_from_a_case_at_the_limit_and_either_side(
        assessor, rule_id, fact, op, limit, offset):
    value = limit + offset
    if rule_id in ("DT-02", "PR-11"):
        c, as_of = RULE_CASES[rule_id](), _after(value)
    elif rule_id == "IP-05":
        c, as_of = RULE_CASES[rule_id](value), _after(10)
    elif fact in DAY_CASES:
        c, as_of = DAY_CASES[fact](), _after(value)
    else:
        c = case(charges=[{"offence": "fraud", COUNT_FIELDS[fact]: value}])
        as_of = _after(10)
    assert derive(c, as_of).values[fact] == value  # the day count itself: no off-by-one
    assert (rule_id in fired(assessor, c, as_of)) == _holds(op, value, limit)


def test_a_day_count_starts_on_the_day_itself(assessor):
    arrest = DAY_CASES["days_since_arrest"]()
    assert "arrested_for_extradition" in derive(arrest, D).values
    assert derive(arrest, D).values["arrested_for_extradition"] is True
    assert derive(arrest, D).values["days_since_arrest"] == 0
    before = derive(arrest, D - dt.timedelta(days=1)).values
    assert before["arrested_for_extradition"] is False and "days_since_arrest" not in before
    assert "PR-03" in fired(assessor, arrest, D)
    assert "PR-03" not in fired(assessor, arrest, D - dt.timedelta(days=1))


def test_an_item_on_the_as_of_day_counts_and_a_release_that_day_ends_detention():
    held = case(extradition={"detentions": [{"start": D.isoformat(), "kind": "extradition_arrest",
                                             "end": _after(5).isoformat()}]})
    assert derive(held, _after(4)).values["in_detention"] is True
    assert derive(held, _after(5)).values["in_detention"] is False
    request = case(extradition={"requests": [{"received": D.isoformat()}]})
    assert derive(request, D).values["extradition_request_received"] is True
    assert derive(request, D - dt.timedelta(days=1)).values[
        "extradition_request_received"] is False


# --- the staleness warning reads CC-03's own threshold --------------------------------------


@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_the_staleness_warning_and_cc03_agree_at_the_limit(assessor, rulebook, offset):
    test = stale_test(rulebook)
    assert (test.fact, test.op) == ("country_evidence_age_days", "gt")
    limit = dict(((r, f), v) for r, f, _, v in THRESHOLDS)[("CC-03", test.fact)]
    assert test.value == limit
    c = case(country_evidence=[{"kind": "systemic_torture", "date": D.isoformat(),
                                "summary": "a report"}],
             person={"name": "P", "nationalities": ["KZ"], "profile": ["journalist"]})
    as_of = _after(limit + offset)
    a = assessor.assess(c, as_of)
    cc03 = "CC-03" in {f.rule_id for f in a.findings}
    warned = any("systemic torture" in w for w in stale_evidence_warnings(c, a, rulebook))
    assert cc03 == warned == (offset > 0)


# --- unknown is not false: what an empty case establishes -----------------------------------

# Every fact of the catalogue on a case that says nothing beyond who and where (a Kazakh
# national in Montenegro): None means unknown (absent from the record). A fact the case
# does not establish must stay unknown; writing False for it can remove a bar.
EMPTY_CASE_FACTS = {
    # the stage of the case and removal outside the procedure (assessor.stage, removal_facts)
    "address_known_to_services": None, "died": False, "expulsions_to_requesting_state":
    None, "family_pressured": None, "interim_measure_breached": None,
    "interim_measures_defied_record": None, "notice_before_removal": None,
    "public_attention": False, "relatives_in_requested_state": None, "removal_monitored":
    False, "removal_outside_procedure": None, "requesting_state_removes_from_abroad": None,
    "security_cooperation": None, "stage": 'before_request', "without_lawful_status": None,
    "political_profile": None, "opposition_leader": None,
    "national_of_requested_state": False, "own_national_bar": False,
    "minor_in_care": None, "serious_health_condition": None,
    "family_in_requesting_state": None, "treaty_basis": None,
    "days_since_treaty_ratified": None, "bilateral_treaty_ratified": None,
    "reciprocity_offered": None, "asylum_status": "none", "asylum_pending": False,
    "asylum_refused_final": False, "asylum_claimed_before_request": None,
    "asylum_days_pending": None, "asylum_subsequent_claim": None,
    "refugee_status_granted": False, "protection_granted": False,
    "protection_granted_elsewhere": False, "unhcr_mandate_refugee": False,
    "protection_decision_irregular": False, "asylum_confidentiality_breached": None,
    "extradition_request_received": False, "days_since_request": None,
    "arrested_for_extradition": False, "in_detention": False, "days_since_arrest": None,
    "passport_confiscated": False, "surrender_decision": "none",
    "extradition_decision_irregular": False, "un_communication_sent": False,
    "un_public_statement": False, "un_urged_no_extradition": False,
    "state_replied_to_un": None, "non_refoulement_commitment": False,
    "treaty_body_interim_measures": False, "rule39_requested": False,
    "rule39_indicated": False, "unhcr_protection_letter": False,
    "european_bodies_involved": False, "oversight_body_warning": False,
    "bodies_call_charges_political": False, "interpol_notice_active": False,
    "interpol_challenge_pending": False, "interpol_notice_deleted": False,
    "charges_followed_criticism": None, "charges_reopened_times": None,
    "smallest_amount_eur": None, "people_interrogated": None,
    "no_complaining_victim": None, "financial_reports_public": None,
    "deferral_cancelled_after_activism": None, "political_offence_charged": None,
    "death_penalty_possible": None, "convicted": None, "convicted_in_absentia": None,
    "ne_bis_in_idem": None, "limitation_expired": None, "amnesty_applies": None,
    "military_offence": None, "double_criminality_lacking": None,
    "max_penalty_years": None, "systemic_torture": None, "deaths_in_custody": None,
    "group_persecuted": None, "group_designated_extremist": None,
    "fair_trial_deficits": None, "prison_conditions_inhuman": None,
    "country_evidence_age_days": None, "assurances": "none", "services_threats": None,
    "kidnap_attempt": None, "services_surveillance": None, "expulsion_record": None,
    "political_warming": None, "wanted_by_requesting_state": False,
    # the grounds' sources of risk and the assurances matched to them
    "detainees_ill_treated": None, "conditions_improved": None, "past_ill_treatment": None,
    "past_persecution": None, "past_harm_unsubstantiated": None, "security_profile": None,
    "opposition_association": None, "death_penalty_moratorium": None,
    "death_penalty_assurance": "none", "torture_assurance": "none", "convention_reason": None,
    "life_sentence_possible": None, "life_sentence_irreducible": None,
    "torture_evidence_used": None, "special_court": None,
    # the grounds beyond torture: nothing on file, nothing known
    "death_row_conditions": None, "treatment_unavailable": None,
    "prosecuted_for_political_role": None, "witnesses_tortured_to_incriminate": None,
    "request_driven_by_third_state": None, "third_state_seeks_person": None,
    "speciality_undertaking": None, "refugee_status_recognised": None,
    "refugee_in_other_eu_state": None, "red_notice_active": False,
}


# Facts about the two states' law (read from the reference data of rules/data/states/, not
# from the case) depend on which states the case names; tests/test_states.py checks them.
CASE_FACTS = {n for n, spec in CATALOGUE.items() if spec.group != "states' law"}


def test_the_table_names_every_fact_of_the_catalogue():
    assert set(EMPTY_CASE_FACTS) == CASE_FACTS, (
        f"new facts {sorted(CASE_FACTS - set(EMPTY_CASE_FACTS))}, gone "
        f"{sorted(set(EMPTY_CASE_FACTS) - CASE_FACTS)}: say what an empty case "
        "establishes for each (None: unknown)")


@pytest.mark.parametrize("name", sorted(EMPTY_CASE_FACTS))
def test_an_empty_case_establishes_exactly_this(name):
    facts = derive(case(), D)
    assert facts.values.get(name) == EMPTY_CASE_FACTS[name]
    assert (name in facts.unknown) == (EMPTY_CASE_FACTS[name] is None)


# --- the durable-rules engine really runs ---------------------------------------------------


RICH = {"wanted_by_requesting_state": True, "interpol_notice_active": True,
        "arrested_for_extradition": True, "in_detention": True, "asylum_pending": True,
        "asylum_subsequent_claim": False, "treaty_basis": "none"}


def test_a_spy_sees_durable_rules_called_once_per_assessment(assessor, monkeypatch):
    dre = engine._durable()[1]
    calls = []
    real = dre.assert_facts

    def spy(handle, text):
        calls.append(text)
        return real(handle, text)

    monkeypatch.setattr(dre, "assert_facts", spy)
    assessor.evaluate(RICH)
    assert len(calls) == 1


def test_a_divergent_stub_inside_durable_rules_changes_the_answer(assessor, monkeypatch):
    """If durable-rules is given nothing to match, the durable assessor finds nothing that a
    known fact triggers: an Assessor that bypassed the engine would still answer right."""
    expected = assessor.rulebook.in_stage(  # rules apply in their stages (rulebook.in_stage)
        conditions.reference_evaluate(assessor.rulebook.conditions(), RICH), RICH)
    assert set(expected) >= {"PR-01", "IP-01", "PR-03", "PR-04", "AS-01", "LB-01"}
    assert assessor.evaluate(RICH) == expected
    dre = engine._durable()[1]
    real = dre.assert_facts

    fact_keys = set(assessor._engine._shape.keys.values())  # the record's fact fields

    def emptied(handle, text):
        import json

        batch = [{k: v for k, v in item.items() if k not in fact_keys}
                 for item in json.loads(text)]
        return real(handle, json.dumps(batch))

    monkeypatch.setattr(dre, "assert_facts", emptied)
    diverged = assessor.evaluate(RICH)
    assert diverged != expected
    assert not {"PR-01", "IP-01", "PR-03"} & set(diverged)


def test_the_reference_evaluator_is_not_what_the_durable_assessor_calls(assessor, monkeypatch):
    expected = assessor.evaluate(RICH)
    monkeypatch.setattr(conditions, "reference_evaluate", lambda rules, facts: ())
    monkeypatch.setattr(conditions, "evaluate", lambda cond, facts: False)
    assert assessor.evaluate(RICH) == expected


# --- dates that meet on the same day, and which of several items counts --------------------


def test_days_since_arrest_count_from_the_latest_arrest():
    c = case(extradition={"detentions": [
        {"start": "2023-01-10", "end": "2023-02-10", "kind": "provisional_arrest"},
        {"start": D.isoformat(), "kind": "extradition_arrest"}]})
    assert derive(c, _after(7)).values["days_since_arrest"] == 7


@pytest.mark.parametrize("claim_offset, before", [(-1, True), (0, False), (1, False)])
def test_a_claim_made_the_day_the_request_arrived_is_not_before_it(claim_offset, before):
    c = case(protection=[{"kind": "asylum", "filed": (D + dt.timedelta(days=claim_offset))
                          .isoformat()}],
             extradition={"requests": [{"received": D.isoformat()}]})
    assert derive(c, _after(10)).values["asylum_claimed_before_request"] is before


# --- two rules advising the same thing: one action, the most urgent, both reasons ----------


def test_the_same_action_from_two_rules_is_merged_at_its_most_urgent(tmp_path):
    import shutil

    import yaml

    from assessor.rulebook import load_rulebook

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    path = rules / "interpol.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    [ip01] = [r for r in data["rules"] if r["id"] == "IP-01"]
    [ip02] = [r for r in data["rules"] if r["id"] == "IP-02"]
    # IP-02's own action (send the CCF every new document: ongoing), asked for at once by IP-01
    ccf = dict(ip02["actions"][0])
    ip01["actions"] = [*ip01["actions"], {**ccf, "urgency": "immediate"}]
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    book = load_rulebook(rules)
    a = assess_record(book, {"interpol_notice_active": True, "interpol_challenge_pending": True})
    [merged] = [x for x in a.actions if x.do == ccf["do"]]
    assert merged.urgency == "immediate" and sorted(merged.because) == ["IP-01", "IP-02"]


# --- the asylum decision's time limits, in Montenegro (README: six months, at most 21) ------


@pytest.mark.parametrize("fact, months", [("asylum_decision_overdue", 6),
                                          ("asylum_decision_past_outer_limit", 21)])
@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_an_asylum_decision_is_late_from_the_day_after_its_limit(fact, months, offset):
    from assessor.limits import add_months

    c = case(protection=[{"kind": "asylum", "filed": D.isoformat()}])
    due = add_months(D, months)
    assert derive(c, due + dt.timedelta(days=offset)).values[fact] is (offset > 0)
