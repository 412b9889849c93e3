"""Golden judgements: the exact score, level, fired and superseded rules, bars and actions at
every calibration point of cases/expectations/ and for each small case of
tests/golden/rule_cases.yaml (built to reach the rules no calibration case reaches), stored as
data in tests/golden/calibration.yaml. Together these case-level assessments fire every rule
and take every supersession that a case can produce: a test below fails when one does not.

The calibration test (tests/test_calibration.py) checks the story a lawyer tells (levels,
rules that must and must not apply); this one pins everything else, so that a changed weight,
threshold or condition anywhere shows up as a named difference. When a change is deliberate
(a rule edited on purpose), regenerate the goldens with ONE command and review the diff:

    python tests/test_golden.py --regenerate

The goldens are made with the durable-rules engine (the production path) and checked again
with the reference evaluator, so neither can drift alone.
"""

from __future__ import annotations

import datetime as dt
import difflib
import sys
from pathlib import Path

import pytest
import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from conftest import CASES  # noqa: E402

GOLDEN = HERE / "golden" / "calibration.yaml"
REGENERATE = "python tests/test_golden.py --regenerate"


def calibration_points() -> list[tuple[str, dt.date]]:
    """(case file, as of) for every point of cases/expectations/*.yaml, in file order."""
    points = []
    for path in sorted((CASES / "expectations").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for point in data["assessments"]:
            as_of = point["as_of"]
            points.append((data["case"], as_of if isinstance(as_of, dt.date)
                           else dt.date.fromisoformat(str(as_of))))
    return points


RULE_CASES = HERE / "golden" / "rule_cases.yaml"


def rule_cases() -> list[dict]:
    """The small cases of tests/golden/rule_cases.yaml, each as a full case document."""
    out = []
    for item in yaml.safe_load(RULE_CASES.read_text(encoding="utf-8")):
        document = {"case_id": item["name"], "provenance": "fictional",
                    "person": {"name": "P", "nationalities": ["KZ"]},
                    "states": {"requesting": "KZ", "requested": "ME"}}
        for key, value in item["case"].items():
            if isinstance(value, dict) and isinstance(document.get(key), dict):
                document[key] = {**document[key], **value}
            else:
                document[key] = value
        out.append({**item, "document": document})
    return out


def judgement(assessment) -> dict:
    """What the assessment concludes, as plain data (no wording that rules' authors edit
    for style: ids, points, levels, forums and urgencies)."""
    return {
        "level": assessment.level,
        "score": assessment.score,
        "raw_score": assessment.raw_score,
        "findings": {f.rule_id: f.points for f in sorted(assessment.findings,
                                                         key=lambda f: f.rule_id)},
        "superseded": {f.rule_id: f.superseded_by for f in sorted(assessment.superseded,
                                                                  key=lambda f: f.rule_id)},
        "bars": [b.rule_id for b in assessment.bars],
        "actions": sorted(f"{a.urgency} {a.forum} <- {', '.join(sorted(a.because))}"
                          for a in assessment.actions),
        # the second answer: removal outside the procedure, on its own scale
        "removal": _removal(assessment.removal),
    }


def _removal(removal) -> dict:
    return {
        "assessed": removal.assessed,
        "level": removal.level,
        "score": removal.score,
        "findings": {f.rule_id: f.points for f in sorted(removal.findings,
                                                         key=lambda f: f.rule_id)},
        "superseded": {f.rule_id: f.superseded_by for f in sorted(removal.superseded,
                                                                  key=lambda f: f.rule_id)},
    }


def compute(assessor) -> dict:
    from assessor.caseload import load_case

    from assessor.model import Case

    out: dict = {}
    for case_file, as_of in calibration_points():
        case = load_case(CASES / case_file)
        out[f"{case_file} @ {as_of.isoformat()}"] = judgement(assessor.assess(case, as_of))
    for item in rule_cases():
        case = Case.model_validate(item["document"])
        out[f"rule case {item['name']} @ {item['as_of']}"] = judgement(
            assessor.assess(case, item["as_of"]))
    return out


def dump(goldens: dict) -> str:
    header = ("# Golden judgements at every calibration point (tests/test_golden.py).\n"
              f"# Generated: do not edit by hand. After a deliberate rule change: {REGENERATE}\n")
    return header + yaml.safe_dump(goldens, sort_keys=False, allow_unicode=True, width=100)


def _stored() -> dict:
    if not GOLDEN.exists():
        pytest.fail(f"no goldens at {GOLDEN}; create them with: {REGENERATE}")
    return yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))


def _difference(expected: dict, actual: dict) -> str:
    lines = difflib.unified_diff(dump(expected).splitlines(), dump(actual).splitlines(),
                                 "golden", "now", lineterm="", n=2)
    return "\n".join(list(lines)[:80])


@pytest.mark.parametrize("engine", ["durable", "reference"])
def test_every_calibration_point_matches_its_golden(engine, assessor, reference):
    actual = compute(assessor if engine == "durable" else reference)
    expected = _stored()
    assert list(actual) == list(expected), (
        f"the calibration points changed (cases/expectations/); if deliberate: {REGENERATE}")
    if actual != expected:
        pytest.fail(f"the {engine} engine's judgements differ from tests/golden/calibration."
                    f"yaml:\n{_difference(expected, actual)}\n\nIf the rule change is "
                    f"deliberate, regenerate the goldens and review the diff: {REGENERATE}",
                    pytrace=False)


@pytest.mark.parametrize("item", rule_cases(), ids=lambda item: item["name"])
def test_each_rule_case_fires_what_it_was_built_for(assessor, item):
    from assessor.model import Case

    a = assessor.assess(Case.model_validate(item["document"]), item["as_of"])
    findings = a.findings + a.removal.findings  # both answers
    superseded = a.superseded + a.removal.superseded
    assert set(item["fires"]) <= {f.rule_id for f in findings}
    assert set(item.get("superseded", [])) <= {f.rule_id for f in superseded}
    assert not set(item.get("not_fired", [])) & {f.rule_id for f in findings + superseded}


# Supersessions no case can produce: derivation gives a claim one status, and "granted" wins
# (assessor.facts, asylum_status), so protection granted (AS-03) never meets a pending claim
# (AS-01, AS-02, AS-06); the supersession is kept as the rule author's stated precedence.
UNREACHABLE_SUPERSESSIONS = {("AS-03", "AS-01"), ("AS-03", "AS-02"), ("AS-03", "AS-06")}


def test_case_level_goldens_fire_every_rule_and_take_every_supersession(rulebook):
    stored = _stored().values()
    fired = {r for g in stored for r in (*g["findings"], *g["superseded"],
                                         *g["removal"]["findings"], *g["removal"]["superseded"])}
    never = sorted(set(rulebook.by_id) - fired)
    assert not never, (f"no case-level test fires {', '.join(never)}: add a small case to "
                       f"tests/golden/rule_cases.yaml, then {REGENERATE}")
    taken = {(by, rule) for g in stored
             for rule, by in (*g["superseded"].items(), *g["removal"]["superseded"].items())}
    declared = {(r.id, t) for r in rulebook.rules for t in r.rule.supersedes}
    missing = sorted(declared - taken - UNREACHABLE_SUPERSESSIONS)
    assert not missing, f"supersessions no case-level test takes: {missing}"


def test_the_goldens_reach_every_level():
    levels = {point["level"] for point in _stored().values()}
    assert levels == {"low", "moderate", "high", "critical"}


if __name__ == "__main__":
    if sys.argv[1:] != ["--regenerate"]:
        sys.exit(f"usage: {REGENERATE}")
    from assessor.pipeline import Assessor

    with Assessor(engine="durable") as durable:
        goldens = compute(durable)
    if compute(Assessor(engine="reference")) != goldens:
        sys.exit("the durable-rules engine and the reference evaluator disagree: fix that "
                 "first (tests/test_properties.py)")
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_text(dump(goldens), encoding="utf-8")
    print(f"wrote {len(goldens)} golden judgements to {GOLDEN.relative_to(Path.cwd())}")
