"""The seed cases, judged as a lawyer would, at the dates their public record allows."""

from __future__ import annotations

import pytest

from conftest import day


def fired(assessment) -> set[str]:
    """Both answers' findings: the risk of surrender and of removal outside the procedure."""
    removal = assessment.removal.findings if assessment.removal else []
    return {f.rule_id for f in assessment.findings + removal}


def test_smailova_spring_2024_is_moderate_or_higher(assessor, smailova):
    a = assessor.assess(smailova, day("2024-05-01"))
    assert a.level in ("moderate", "high", "critical")
    # arrested on the Interpol request, released, passport held, asylum pending, no treaty
    assert {"PR-03", "PR-05", "IP-01", "LB-01", "AS-02"} <= fired(a)
    assert "AS-01" in {f.rule_id for f in a.superseded}  # claimed before the request


def test_smailova_after_the_supreme_court_refusal_is_low(assessor, smailova):
    a = assessor.assess(smailova, day("2025-09-17"))
    assert a.level == "low"
    assert {"AS-03", "PR-06", "UN-04"} <= fired(a)
    # the red notice lives on: a standing travel warning
    assert any("travel" in x.do for x in a.actions)


def test_akhmetova_late_may_2020_removal_is_critical(assessor, akhmetova):
    a = assessor.assess(akhmetova, day("2020-05-31"))
    # the legal position alone: moderate (the file does not establish the treaty basis);
    # the kidnap attempts count towards the second answer, not this one
    assert a.level in ("moderate", "high", "critical")
    assert {"AS-04", "AS-07", "LB-03", "IR-02", "IR-03", "UN-03", "UN-06"} <= fired(a)
    assert any(b.nature == "absolute" for b in a.bars)  # non-refoulement
    assert any(f.category == "irregular_removal" for f in a.removal.findings)
    assert a.removal.level == "critical"  # beside the legal position, the gravest risk


def test_akhmetova_before_the_report_is_out_nothing_it_alone_states_counts(assessor,
                                                                          akhmetova):
    # the Open Dialogue Foundation's report is dated 26 to 31 May 2020: a report as of an
    # earlier day can neither rely on it nor cite it
    before = assessor.assess(akhmetova, day("2020-05-25"))
    after = assessor.assess(akhmetova, day("2020-05-31"))
    assert after.score - before.score >= 25
    assert before.sources_left_out == 1
    assert "odf-2020" not in {s.id for s in before.sources}
    # removal outside the procedure (kidnap attempts, the services in Kyiv), on its own
    # scale since the second answer, rests on the same report
    assert after.removal.score - before.removal.score >= 50


@pytest.mark.parametrize("when", ["2023-11-01", "2024-05-01", "2024-11-01", "2025-09-17"])
def test_engines_agree_on_smailova(assessor, reference, smailova, when):
    # with the analyses: the unknowns, trajectory and sensitivity re-evaluate the rules too
    assert assessor.assess(smailova, day(when), analyse=True) == \
        reference.assess(smailova, day(when), analyse=True)


def test_score_is_the_sum_of_the_listed_contributions(assessor, akhmetova):
    a = assessor.assess(akhmetova, day("2020-05-31"))
    assert a.score == sum(c.points for c in a.contributions)


def test_an_action_is_not_recommended_when_its_own_condition_fails(assessor, smailova):
    # released on 2024-04-15: no detention to challenge; a claim already pending: none to lodge
    a = assessor.assess(smailova, day("2024-05-01"))
    assert "PR-03" in fired(a)
    assert not any("Art 5(4)" in x.do for x in a.actions)
    assert not any(x.do.startswith("Lodge the protection claim") for x in a.actions)
    # on the day of the arrest no published source reports it yet: read the case as its
    # lawyer knew it that day (sources undated)
    known = smailova.model_copy(update={"sources": [s.model_copy(update={"date": None})
                                                    for s in smailova.sources]})
    held = assessor.assess(known, day("2024-04-14"))
    assert any("Art 5(4)" in x.do for x in held.actions)


def test_an_action_condition_naming_an_unknown_fact_is_a_located_error(tmp_path):
    from assessor.problems import InputError
    from assessor.rulebook import default_rules_dir, load_rulebook

    for source in default_rules_dir().glob("*.yaml"):
        (tmp_path / source.name).write_text(source.read_text())
    path = tmp_path / "procedure.yaml"
    path.write_text(path.read_text().replace("in_detention: true\n", "in_detentoin: true\n", 1))
    with pytest.raises(InputError) as caught:
        load_rulebook(tmp_path)
    [problem] = caught.value.problems
    assert "in_detentoin" in problem.message and problem.file.endswith("procedure.yaml")
