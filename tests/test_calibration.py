"""Calibration: each case in cases/ judged at the dates a lawyer would check, as the YAML files
in cases/expectations/ record it (the expected level, the findings that must appear, those
that must not, those a narrower rule must supersede, and the actions the lawyer must see).

The files are the calibration record that docs/risk-model.md explains; a change of weights
that breaks one of them changes the story the tool tells about a real case.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel, ConfigDict

from assessor.assessment import Level
from assessor.caseload import load_case
from conftest import CASES

EXPECTATIONS = CASES / "expectations"


class Expected(BaseModel):
    model_config = ConfigDict(extra="forbid")
    as_of: dt.date
    level: Level
    why: str
    must: list[str] = []
    must_not: list[str] = []
    superseded: list[str] = []
    categories: list[str] = []
    actions: list[str] = []  # words that must appear in some recommended action
    removal: Level | None = None  # the expected risk of removal outside the procedure
    no_actions: list[str] = []  # words that must appear in no recommended action


class Calibration(BaseModel):
    model_config = ConfigDict(extra="forbid")
    case: str
    assessments: list[Expected]


def _calibrations() -> list[tuple[Path, Calibration]]:
    return [(path, Calibration.model_validate(yaml.safe_load(path.read_text())))
            for path in sorted(EXPECTATIONS.glob("*.yaml"))]


POINTS = [pytest.param(cal.case, point, id=f"{cal.case.removesuffix('.yaml')}@{point.as_of}")
          for _, cal in _calibrations() for point in cal.assessments]


@pytest.mark.parametrize(("case_file", "expected"), POINTS)
def test_case_reads_as_a_lawyer_tells_it(assessor, case_file, expected: Expected):
    result = assessor.assess(load_case(CASES / case_file), expected.as_of)
    # both answers: the risk of surrender and of removal outside the procedure
    found = {f.rule_id for f in result.findings + result.removal.findings}
    superseded = {f.rule_id for f in result.superseded + result.removal.superseded}
    story = f"{case_file} as of {expected.as_of} ({expected.why}): score {result.score}"
    assert result.level == expected.level, story
    assert set(expected.must) <= found, f"{story}: missing {set(expected.must) - found}"
    assert not set(expected.must_not) & (found | superseded), story
    assert set(expected.superseded) <= superseded, story
    assert set(expected.categories) <= {f.category for f in result.findings
                                        + result.removal.findings}, story
    if expected.removal is not None:
        assert result.removal.level == expected.removal, (
            f"{story}: removal outside the procedure {result.removal.score}")
    for words in expected.no_actions:
        assert not any(words.lower() in a.do.lower() for a in result.actions), (
            f"{story}: an action mentions {words!r}")
    for words in expected.actions:
        assert any(words.lower() in a.do.lower() for a in result.actions), (
            f"{story}: no action mentions {words!r}")


def test_every_case_in_cases_has_its_calibration(rulebook):
    calibrated = {cal.case for _, cal in _calibrations()}
    cases = {p.name for p in CASES.glob("*.yaml")}
    assert cases == calibrated
    named = {r for _, cal in _calibrations() for p in cal.assessments
             for r in (*p.must, *p.must_not, *p.superseded)}
    assert named <= set(rulebook.by_id), f"unknown rule ids {named - set(rulebook.by_id)}"


def test_every_case_states_its_provenance():
    for path in CASES.glob("*.yaml"):
        assert load_case(path).provenance in ("public_record", "fictional"), path.name


def test_the_trajectories_move_the_way_the_story_goes(assessor, smailova, akhmetova):
    def score(case, when: str) -> int:
        return assessor.assess(case, dt.date.fromisoformat(when)).score

    # Smailova: the risk falls as the protections accrue after the request
    falling = [score(smailova, d) for d in
               ("2024-11-01", "2025-08-01", "2025-09-05", "2025-09-17")]
    assert falling == sorted(falling, reverse=True) and falling[0] > falling[-1]
    # Akhmetova: markedly higher once the report of late May 2020 is out
    assert score(akhmetova, "2020-05-31") - score(akhmetova, "2020-05-25") >= 25
    # and the risk of removal outside the procedure (kidnap attempts, the services in Kyiv),
    # on its own scale, markedly so
    removal = {when: assessor.assess(akhmetova, dt.date.fromisoformat(when)).removal.score
               for when in ("2020-05-25", "2020-05-31")}
    assert removal["2020-05-31"] - removal["2020-05-25"] >= 50
