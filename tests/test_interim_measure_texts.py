"""What a rule says about an interim measure depends on whose measure it is.

ECHR Art 34 protects the right to apply to the European Court ("The High Contracting Parties
undertake not to hinder in any way the effective exercise of this right"), so defying the
Court's own Rule 39 measure is a complaint under it (Mamatkulov and Askarov v Turkey [GC],
4 February 2005). A UN treaty body's measure is answered under the treaty that body applies
(Art 22 of the Convention against Torture, the Optional Protocol to the ICCPR), never under
Art 34. These tests hold AR-02 (a removal in breach of a measure), IR-10 (a measure in a
state that has defied such measures before) and IR-09 (a record of defied measures, whose
the record does not say) to that.
"""

from __future__ import annotations

from test_rules_catalogue import AS_OF, case, involvement, past_removal, removed

ECTHR = involvement("ecthr", "interim_measures_indicated", "2024-03-01")
CAT = involvement("un_committee_against_torture", "interim_measures_indicated", "2024-03-01")


def finding(assessor, patch: dict, rule_id: str):
    result = assessor.assess(case(patch), AS_OF)
    found = [f for f in result.findings + result.removal.findings if f.rule_id == rule_id]
    assert found, f"{rule_id} did not fire"
    return found[0], result


def articles(found) -> str:
    return " | ".join(f"{c.instrument}: {c.article}" for c in found.legal_basis)


def actions(result, rule_id: str) -> list[str]:
    return [a.do for a in result.actions if rule_id in a.because]


def breach(*measures: dict) -> dict:
    return {**removed(breached_interim_measure=True), "international": list(measures)}


def test_a_removal_defying_a_un_measure_does_not_cite_art_34(assessor):
    found, result = finding(assessor, breach(CAT), "AR-02")
    assert "European Convention" not in articles(found)
    assert "UN Convention against Torture: Art 22" in articles(found)
    assert "not the ECtHR's" in found.explanation
    assert "does not apply to it" in found.explanation
    assert "complaint under Art 34" not in found.explanation
    assert not any("ECtHR" in do and "Art 34" in do for do in actions(result, "AR-02"))


def test_a_removal_defying_the_courts_rule_39_measure_cites_art_34(assessor):
    found, result = finding(assessor, breach(ECTHR), "AR-02")
    assert "European Convention on Human Rights: Art 34 (Mamatkulov" in articles(found)
    assert "Convention against Torture" not in articles(found)
    assert "complaint under Art 34" in found.explanation
    assert any("breach of its interim measure (Art 34)" in do
               for do in actions(result, "AR-02"))


def test_a_breach_whose_measure_the_file_does_not_name_says_verify_which(assessor):
    found, result = finding(assessor, removed(breached_interim_measure=True), "AR-02")
    assert "does not record which body" in found.explanation and "verify" in found.explanation
    assert "Art 34" in articles(found) and "Art 22" in articles(found)
    # the Court is asked only once the measure is known to be its own
    todo = actions(result, "AR-02")
    assert not any("breach of its interim measure" in do for do in todo)
    assert any(do.startswith("Establish which body indicated the interim measure")
               for do in todo)


def test_measures_of_both_say_which_breach_art_34_reaches(assessor):
    found, _ = finding(assessor, breach(ECTHR, CAT), "AR-02")
    assert "Art 34 does not reach the UN body's measure" in found.explanation
    assert "Art 34" in articles(found) and "Art 22" in articles(found)


def test_ir_10_under_a_un_measure_cites_no_rule_39_and_no_art_34(assessor):
    found, result = finding(
        assessor, {**past_removal(breached_interim_measure=True), "international": [CAT]},
        "IR-10")
    assert "Rule 39" not in articles(found) and "European Convention" not in articles(found)
    assert "Art 22" in articles(found)
    assert "ECtHR Rule 39" not in found.explanation
    assert not any(do.startswith("Ask the Court") for do in actions(result, "IR-10"))


def test_ir_10_under_the_courts_measure_cites_rule_39_and_art_34(assessor):
    found, result = finding(
        assessor, {**past_removal(breached_interim_measure=True), "international": [ECTHR]},
        "IR-10")
    assert "Rule 39" in articles(found) and "Art 34" in articles(found)
    assert "Convention against Torture" not in articles(found)


def test_ir_09_a_record_of_defied_measures_is_not_read_as_the_courts_alone(assessor):
    # the record does not say whose measures were defied: each basis is cited for its own
    found, _ = finding(assessor, past_removal(breached_interim_measure=True), "IR-09")
    bases = {c.instrument: c.paraphrase for c in found.legal_basis}
    assert bases["European Convention on Human Rights"].startswith(
        "Where the measure defied was the ECtHR's")
    assert "UN Convention against Torture" in bases
    assert "Optional Protocol to the International Covenant on Civil and Political Rights" in bases
