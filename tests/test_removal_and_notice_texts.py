"""Sentences made true of the case they describe (found while translating the rules).

- AR-03 states the admissibility conditions of CAT Art 22(5) in the Convention's own terms:
  the same matter "has not been, and is not being, examined under another procedure of
  international investigation or settlement" (a), and domestic remedies (b).
- AR-08 says what the undated family record shows, and advises on a child's care only where
  a child in the person's care is recorded (the child may live in the requesting state).
- IR-22 says what the order or undertaking requires, not that it binds whoever knows of it.
- IR-02 attributes the general measures of Savriddin Dzhurayev v Russia to Art 46.
- IR-12 cites that judgment for Art 3, not for the Art 34 breach of an interim measure.
- IP-01 no longer says a notice can be confirmed "only" through the police or the CCF.
- The international rules' summary no longer calls every UN or European act non-binding
  (interim measures are the exception the rules treat as binding) nor claims that states
  "rarely surrender" while mandate holders watch.
"""

from __future__ import annotations

import yaml

from assessor.rulebook import load_rulebook
from conftest import ROOT
from test_interim_measure_texts import actions, articles, finding
from test_rules_catalogue import involvement, removed

CHILD_THERE = {"relation": "daughter", "minor": True, "in_care_of_person": True,
               "in_requesting_state": True}
SPOUSE_HERE = {"relation": "husband", "minor": False, "in_requesting_state": False}


def test_ar_03_states_art_22_5_a_in_the_conventions_words(assessor):
    found, result = finding(assessor, removed(), "AR-03")
    assert ("the same matter has not been, and is not being, examined"
            in " ".join(found.explanation.split()))
    assert "Art 22(5)(b)" in found.explanation
    assert "Art 22(5)(a) and (b)" in articles(found)
    assert "unless the same matter is before" not in found.explanation
    assert not any("whether the matter is before the ECtHR" in do
                   for do in actions(result, "AR-03"))


def test_ar_03_asks_to_verify_what_the_ecthr_examined_only_where_it_was_asked(assessor):
    asked, _ = finding(assessor, {**removed(), "international": [
        involvement("ecthr", "interim_measures_requested", "2024-03-01")]}, "AR-03")
    plain, _ = finding(assessor, removed(), "AR-03")
    assert "asked for an interim measure in this case" in asked.explanation
    assert "ECtHR" not in plain.explanation


def test_ar_08_does_not_place_a_child_who_lives_in_the_requesting_state_outside_it(assessor):
    found, result = finding(assessor, {**removed(), "person": {"family": [CHILD_THERE]}},
                            "AR-08")
    assert "do not live in" not in found.explanation
    assert "remain outside" not in found.explanation
    assert "who cares for the child now" in found.explanation
    todo = actions(result, "AR-08")
    assert not any("right to stay" in do for do in todo)
    assert any(do.startswith("Establish who now cares for the child") for do in todo)


def test_ar_08_relatives_outside_the_requesting_state_are_named_as_the_file_records_them(
        assessor):
    found, result = finding(assessor, {**removed(), "person": {"family": [SPOUSE_HERE]}},
                            "AR-08")
    assert "records relatives of" in found.explanation and "husband" in found.explanation
    assert "child" not in found.explanation
    assert any("right to stay" in do for do in actions(result, "AR-08"))


def test_ir_22_says_what_the_order_or_undertaking_requires(assessor):
    found, _ = finding(assessor, {"requested_state": {"notice_before_removal": [
        {"date": "2024-02-01", "summary": "Written undertaking of the ministry."}]}}, "IR-22")
    assert "requires that counsel be" in " ".join(found.explanation.split())
    assert "bound" not in found.explanation and "binds" not in found.certainty


def test_ir_02_attributes_the_general_measures_to_art_46():
    [citation] = load_rulebook().by_id["IR-02"].rule.legal_basis
    assert "and 46 (Savriddin" in citation.article
    assert "violated Arts 3 and 34; under Art 46" in " ".join(citation.paraphrase.split())


def test_ip_01_does_not_say_only(assessor):
    found, _ = finding(assessor, {"interpol": [{"kind": "red_notice"}]}, "IP-01")
    assert " only " not in f" {found.certainty} "


def test_the_international_summary_keeps_interim_measures_apart_and_claims_no_odds():
    document = yaml.safe_load((ROOT / "rules" / "international.yaml").read_text("utf-8"))
    summary = " ".join(document["summary"].split())
    assert "Interim measures are the exception" in summary
    assert "rarely" not in summary


def test_ir_12_cites_savriddin_dzhurayev_for_art_3_not_for_art_34():
    # the Art 34 violation there was for circumventing the Court's interim measure, which a
    # requesting state's practice of removals from abroad does not presuppose
    [citation] = load_rulebook().by_id["IR-12"].rule.legal_basis
    assert citation.article.startswith("Art 3 (Savriddin") and "34" not in citation.article
