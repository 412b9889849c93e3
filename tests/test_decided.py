"""Decided cases (cases/decided/): the grounds measured against what courts decided, ground by
ground, with the facts known before each decision. The agreement figure is reported in
docs/risk-model.md; every disagreement is explained in the case's own file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assessor.precedents import as_of, closest, load_decided, predicted

DOCS = Path(__file__).resolve().parent.parent / "docs" / "risk-model.md"
DECIDED = load_decided()


def outcomes(assessor):
    rows = []
    for name, decided in DECIDED:
        result = assessor.assess(decided.case, as_of(decided))
        tool = predicted(result.bars)
        for ground, court in decided.decision.grounds.items():
            rows.append((name, ground, court, tool.get(ground, "rejected")))
    return rows


def test_every_decided_case_is_a_real_decision_with_its_citation():
    assert DECIDED, "cases/decided/ holds no decision"
    for name, decided in DECIDED:
        d = decided.decision
        assert d.citation and d.url.startswith("http") and d.grounds, name
        assert as_of(decided) < d.date, f"{name}: facts must be known before the decision"
        assert decided.case.provenance == "public_record", name


def test_each_disagreement_is_explained_in_its_file(assessor):
    for name, ground, court, tool in outcomes(assessor):
        if court != tool:
            decided = dict(DECIDED)[name]
            assert decided.decision.disagreement, (
                f"{name}: the court {court} the {ground} ground, the tool says {tool}; "
                "explain why in the file's `disagreement`")


def test_the_agreement_figure_in_the_docs_is_the_measured_one(assessor, capsys):
    rows = outcomes(assessor)
    agreed = sum(court == tool for _, _, court, tool in rows)
    with capsys.disabled():
        print(f"\n[decided] {len(DECIDED)} decisions, {agreed} of {len(rows)} "
              f"(case, ground) pairs agree")
        for row in rows:
            print("   ", *row)
    documented = re.search(r"agreement: \*\*(\d+) of (\d+)\*\*", DOCS.read_text())
    assert documented, "docs/risk-model.md states the agreement figure"
    assert (int(documented[1]), int(documented[2])) == (agreed, len(rows))


@pytest.mark.parametrize("ground", ["torture", "fair_trial"])
def test_a_report_names_the_closest_precedents_on_the_ground(assessor, ground):
    name, othman = next((n, d) for n, d in DECIDED if n.startswith("othman"))
    result = assessor.assess(othman.case, as_of(othman))
    from assessor.facts import derive
    lines = closest(ground, derive(othman.case, as_of(othman)))
    assert lines and lines[0].startswith("Othman (Abu Qatada) v United Kingdom")
    assert "ECtHR" in lines[0]
    assert any(b.precedents for b in result.bars)
