"""Rules, actions and deadlines turn on the law binding the two states on the as-of date
(rules/data/states), or on the case file's own `law:` statement. Fictional cases."""

from __future__ import annotations

import datetime as dt

import pytest

from assessor.deadlines import deadlines
from assessor.model import Case

D = dt.date.fromisoformat


def fictional(requesting: str, requested: str, **extra) -> Case:
    data = {
        "case_id": "fictional-states", "provenance": "fictional",
        "person": {"name": "A. Person", "nationalities": [requesting]},
        "states": {"requesting": requesting, "requested": requested},
    }
    data.update(extra)
    return Case.model_validate(data)


def surrender_authorised(requesting: str, requested: str, **extra) -> Case:
    return fictional(requesting, requested, extradition={
        "requests": [{"received": "2019-01-10"}],
        "decisions": [{"date": "2019-06-01", "level": "first_instance",
                       "outcome": "surrender_allowed", "final": True}]}, **extra)


def forums(assessment) -> set[str]:
    return {a.forum for a in assessment.actions}


def test_rule39_is_advised_for_a_removal_from_ukraine_and_not_from_kazakhstan(reference):
    from_ukraine = reference.assess(surrender_authorised("KZ", "UA"), D("2020-06-01"))
    assert "PR-08" in {f.rule_id for f in from_ukraine.findings}
    assert "ecthr_rule39" in forums(from_ukraine)
    from_kazakhstan = reference.assess(surrender_authorised("UA", "KZ"), D("2020-06-01"))
    assert "PR-08" in {f.rule_id for f in from_kazakhstan.findings}
    assert "ecthr_rule39" not in forums(from_kazakhstan)
    # Kazakhstan accepts individual complaints to both UN committees (CAT Art 22, ICCPR OP1)
    assert {"un_committee_against_torture", "un_human_rights_committee"} <= forums(from_kazakhstan)
    assert not any("Rule 39" in a.do for a in from_kazakhstan.actions)


def test_a_requested_russia_before_and_after_16_september_2022(reference):
    case = surrender_authorised("KZ", "RU")
    before = reference.assess(case, D("2022-09-15"))
    after = reference.assess(case, D("2022-09-16"))
    assert "ecthr_rule39" in forums(before)
    assert "ecthr_rule39" not in forums(after)
    # the data holds nothing on Russia and the UN committees: the report says to verify
    assert any(a.do.startswith("Verify which international forum") for a in after.actions)
    assert not any(a.do.startswith("Verify which international forum") for a in before.actions)


def test_without_data_the_forum_is_to_be_verified(reference):
    unknown_state = reference.assess(surrender_authorised("KZ", "AE"), D("2020-06-01"))
    assert "ecthr_rule39" not in forums(unknown_state)
    assert any(a.do.startswith("Verify which international forum") for a in unknown_state.actions)


def asylum_pending(requested: str, **extra) -> Case:
    return fictional("KZ", requested, protection=[{"kind": "asylum", "filed": "2023-01-10"}],
                     **extra)


def cited(assessment, rule_id: str) -> list[str]:
    finding = next(f for f in assessment.findings + assessment.superseded if f.rule_id == rule_id)
    return [c.instrument for c in finding.legal_basis]


def test_eu_asylum_law_is_cited_for_germany_and_not_for_turkiye(reference):
    germany = reference.assess(asylum_pending("DE"), D("2024-01-01"))
    turkiye = reference.assess(asylum_pending("TR"), D("2024-01-01"))
    assert "Asylum Procedures Directive 2013/32/EU" in cited(germany, "AS-01")
    assert "Asylum Procedures Directive 2013/32/EU" not in cited(turkiye, "AS-01")
    assert any("verify: the national law" in c for c in cited(turkiye, "AS-01"))


def test_the_requested_states_own_asylum_law_is_named_where_the_data_has_it(reference):
    montenegro = reference.assess(asylum_pending("ME"), D("2024-01-01"))
    assert any("Law on International and Temporary Protection of Foreigners" in c
               for c in cited(montenegro, "AS-01"))


def test_the_eu_time_limit_is_counted_for_germany_and_none_is_invented_for_turkiye(reference):
    germany = reference.assess(asylum_pending("DE"), D("2024-01-01"))
    turkiye = reference.assess(asylum_pending("TR"), D("2024-01-01"))
    assert "AS-11" in {f.rule_id for f in germany.findings}
    assert "AS-11" not in {f.rule_id for f in turkiye.findings + turkiye.superseded}
    assert any("Art 31(3)" in d.basis for d in deadlines(asylum_pending("DE"), D("2023-05-01")))
    assert not [d for d in deadlines(asylum_pending("TR"), D("2023-05-01")) if d.kind == "statutory"]
    # 21 months: Art 31(5)
    late = reference.assess(asylum_pending("DE"), D("2024-11-01"))
    assert "AS-12" in {f.rule_id for f in late.findings}
    assert any("Art 31(5)" == c.article for f in late.findings if f.rule_id == "AS-12"
               for c in f.legal_basis)


def time_barred(requesting: str, requested: str, **extra) -> Case:
    return fictional(requesting, requested, charges=[{
        "offence": "fraud", "opened": "2005-01-01", "limitation_expired": True}], **extra)


@pytest.mark.parametrize("law, text", [
    ({"ece_in_force_between_states": True, "ece_lapse_of_time_protocol_in_force": True},
     "as replaced by Art 1 of the Fourth Additional Protocol"),
    ({"ece_in_force_between_states": True, "ece_lapse_of_time_protocol_in_force": False},
     "European Convention on Extradition (1957)"),
])
def test_the_ece_lapse_of_time_article_applies_only_between_parties(reference, law, text):
    found = reference.assess(time_barred("KZ", "TR", law=law), D("2024-01-01"))
    instruments = cited(found, "OB-02")
    assert any(text in i for i in instruments)
    if law["ece_lapse_of_time_protocol_in_force"]:
        assert not any(i == "European Convention on Extradition (1957)" for i in instruments)
    else:
        assert not any("Fourth Additional Protocol" in i for i in instruments)


def test_no_ece_article_between_states_not_both_parties(reference):
    found = reference.assess(time_barred("KZ", "UA"), D("2010-06-01"))
    assert "OB-02" in {f.rule_id for f in found.findings}
    assert not any("European Convention on Extradition" in i for i in cited(found, "OB-02"))


def test_ece_citations_follow_the_data(reference):
    between_parties = reference.assess(surrender_authorised("RU", "UA"), D("2020-06-01"))
    assert "European Convention on Extradition (1957)" in cited(between_parties, "PR-08")
    # Kazakhstan: not a party as of 2012; nothing checked says so later: the ECE is not cited
    not_parties = reference.assess(surrender_authorised("KZ", "UA"), D("2020-06-01"))
    assert "European Convention on Extradition (1957)" not in cited(not_parties, "PR-08")
    assert any("Criminal Procedure Code of Ukraine" in c or "extradition law" in c
               for c in cited(not_parties, "PR-08"))


def test_the_echr_time_limit_follows_echr_membership(reference):
    refused = {"protection": [{"kind": "asylum", "filed": "2021-01-10", "decisions": [
        {"date": "2022-10-01", "outcome": "refused", "final": True}]}]}
    russia = fictional("KZ", "RU", **refused)
    ukraine = fictional("KZ", "UA", **refused)
    assert not any("European Court of Human Rights" in d.what for d in deadlines(russia, D("2022-11-01")))
    assert any("European Court of Human Rights" in d.what for d in deadlines(ukraine, D("2022-11-01")))
