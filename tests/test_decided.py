"""Decided cases (cases/decided/): the grounds measured against what courts decided, ground by
ground, with the facts known before each decision. The agreement figure, the figure ground by
ground and the table of decisions are generated into docs/risk-model.md:

    python tests/test_decided.py --regenerate

and this test fails when the docs differ from the measurement; every disagreement is
explained in the case's own file."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from assessor.precedents import (
    DOCS_END, DOCS_START, as_of, by_ground, closest, docs_block, load_decided, measure)

DOCS = Path(__file__).resolve().parent.parent / "docs" / "risk-model.md"
DECIDED = load_decided()
REGENERATE = "python tests/test_decided.py --regenerate"


@pytest.fixture(scope="module")
def pairs(assessor):
    return measure(assessor)


def documented_block(text: str) -> str | None:
    match = re.search(re.escape(DOCS_START) + ".*?" + re.escape(DOCS_END), text, re.S)
    return match[0] if match else None


def test_every_decided_case_is_a_real_decision_with_its_citation():
    assert DECIDED, "cases/decided/ holds no decision"
    for name, decided in DECIDED:
        d = decided.decision
        assert d.citation and d.url.startswith("http") and d.grounds, name
        assert as_of(decided) < d.date, f"{name}: facts must be known before the decision"
        assert decided.case.provenance == "public_record", name


def test_the_set_holds_both_outcomes():
    outcomes = {d.decision.surrender for _, d in DECIDED}
    assert outcomes == {"barred", "allowed"}, outcomes


def test_each_disagreement_is_explained_in_its_file(pairs):
    for pair in pairs:
        if not pair.agrees:
            assert pair.decided.decision.disagreement, (
                f"{pair.file}: the court {pair.court} the {pair.ground} ground, the tool says "
                f"{pair.tool}; explain why in the file's `disagreement`")


def test_the_agreement_in_the_docs_is_the_measured_one(pairs, capsys):
    agreed = sum(p.agrees for p in pairs)
    with capsys.disabled():
        print(f"\n[decided] {len(DECIDED)} decisions, {agreed} of {len(pairs)} "
              f"(case, ground) pairs agree")
        for ground, (a, t) in by_ground(pairs).items():
            print(f"[decided]   {ground}: {a} of {t}")
        for p in pairs:
            print("   ", p.file, p.ground, p.court, p.tool, "" if p.agrees else "<- disagrees")
    text = DOCS.read_text()
    documented = re.search(r"agreement: \*\*(\d+) of (\d+)\*\*", text)
    assert documented, "docs/risk-model.md states the agreement figure"
    assert (int(documented[1]), int(documented[2])) == (agreed, len(pairs)), REGENERATE
    assert documented_block(text) == docs_block(pairs), (
        f"the decided cases in docs/risk-model.md are not the measured ones: {REGENERATE}")


def test_the_figure_by_ground_adds_up(pairs):
    counts = by_ground(pairs)
    assert sum(t for _, t in counts.values()) == len(pairs)
    assert sum(a for a, _ in counts.values()) == sum(p.agrees for p in pairs)
    assert {"torture", "death_penalty", "life_imprisonment"} <= set(counts)


@pytest.mark.parametrize("ground", ["torture", "fair_trial"])
def test_a_report_names_the_closest_precedents_on_the_ground(assessor, ground):
    name, othman = next((n, d) for n, d in DECIDED if n.startswith("othman"))
    result = assessor.assess(othman.case, as_of(othman))
    from assessor.facts import derive
    lines = closest(ground, derive(othman.case, as_of(othman)))
    assert lines and lines[0].startswith("Othman (Abu Qatada) v United Kingdom")
    assert "ECtHR" in lines[0]
    assert any(b.precedents for b in result.bars)


def test_an_installed_copy_finds_the_decided_cases(tmp_path):
    """A non-editable install ships cases/decided (pyproject.toml, assessor/paths.py)."""
    import subprocess

    from conftest import install_copy

    env = install_copy(tmp_path)
    out = subprocess.run(
        [sys.executable, "-c", "import assessor.precedents as p; "
         "print(p.decided_dir()); print(len(p.load_decided()))"],
        env=env, cwd=tmp_path, capture_output=True, text=True, check=True).stdout.split()
    assert out[0].startswith(str(tmp_path / "target")), out
    assert int(out[1]) == len(DECIDED)


def regenerate() -> None:
    """Write the measured block into docs/risk-model.md (replacing the old one)."""
    from assessor.pipeline import Assessor
    from assessor.rulebook import load_rulebook

    with Assessor(load_rulebook(), engine="durable") as assessor:
        block = docs_block(measure(assessor))
    text = DOCS.read_text()
    old = documented_block(text)
    if old is None:
        sys.exit(f"{DOCS}: no block between {DOCS_START!r} and {DOCS_END!r}")
    DOCS.write_text(text.replace(old, block))
    print(block)


if __name__ == "__main__":
    if sys.argv[1:] != ["--regenerate"]:
        sys.exit(f"usage: {REGENERATE}")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    regenerate()
