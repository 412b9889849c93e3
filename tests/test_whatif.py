"""What if: a changed case assessed beside the original, and what would move the level."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from assessor.cli import main
from assessor.facts import CATALOGUE, derive
from assessor.problems import InputError
from assessor.sensitivity import phrases, sensitivity
from assessor.whatif import changed_case, compare, load_scenario, parse_assume
from conftest import AKHMETOVA, SMAILOVA, day

LEVELS = ("low", "moderate", "high", "critical")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


# --- --assume -----------------------------------------------------------------------


def test_an_asylum_refusal_in_spring_2024_raises_smailovas_risk(assessor, smailova):
    changes = parse_assume(["protection[0].decisions[+]={date: 2024-04-20, outcome: refused,"
                            " final: true}"])
    c = compare(assessor, smailova, changes, day("2024-05-01"))
    assert c.changed.score > c.original.score
    assert LEVELS.index(c.changed.level) >= LEVELS.index(c.original.level)
    assert "AS-02" in {b.rule_id for b in c.original.bars}
    assert "AS-02" not in {b.rule_id for b in c.changed.bars}  # no longer pending


def test_a_rule39_indication_lowers_akhmetovas_risk(assessor, akhmetova):
    c = compare(assessor, akhmetova, parse_assume(["fact:rule39_indicated=true"]),
                day("2020-05-31"))
    assert c.changed.score < c.original.score
    assert "rule39_requested = true" in c.implied  # an indication implies a request
    assert {f.rule_id for f in c.changed.findings} - {f.rule_id for f in c.original.findings}


def test_the_original_case_is_not_touched(assessor, smailova):
    before = smailova.model_dump()
    changed_case(smailova, parse_assume(["legal_basis.treaty_list_complete=false"]))
    assert smailova.model_dump() == before


def test_assume_on_the_command_line_shows_the_differences():
    result = run(str(AKHMETOVA), "-q", "--assume", "fact:rule39_indicated=true",
                 "--assume", "extradition.detentions[+]={start: 2020-05-20, "
                 "kind: extradition_arrest}")
    assert result.exit_code == 0, result.output
    assert "what if" in result.output and "risk " in result.output
    assert "findings that appear" in result.output
    assert "+ PR-03" in result.output  # the assumed arrest


@pytest.mark.parametrize("assume,where,says", [
    ("protection[5].filed=2024-01-01", "--assume:1:1:", "there is no item [5]"),
    ("protection[0].decisions[+]={date: 2024-04-20, outcome: refuse}", "--assume:1:",
     "'refuse' is not allowed"),
    ("fact:rule39_indicatd=true", "--assume:1:6:", "did you mean 'rule39_indicated'"),
    ("fact:asylum_status=maybe", "--assume:1:20:", "is one of granted"),
    ("legal_basis.treaty_list_complete", "--assume:1:1:", "has no '='"),
    ("person..name=x", "--assume:1:", "cannot read the path"),
    ("personn.name=x", "--assume:1:1:", "unknown field 'personn'"),
])
def test_a_bad_assumption_is_a_located_error_with_status_2(assume, where, says):
    result = run(str(SMAILOVA), "--assume", assume)
    assert result.exit_code == 2, result.output
    assert where in result.output and says in result.output
    assert "Traceback" not in result.output


# --- --scenario ---------------------------------------------------------------------

SCENARIO = """\
title: the Supreme Court allows surrender and Interpol keeps the notice
as_of: 2025-09-15
add:
  extradition:
    decisions:
      - {date: 2025-09-10, level: supreme, outcome: surrender_allowed, final: true}
set:
  extradition.decisions[0].outcome: quashed
facts:
  rule39_indicated: false
"""


def test_a_scenario_overlays_the_case(assessor, smailova, tmp_path: Path):
    path = tmp_path / "surrender.yaml"
    path.write_text(SCENARIO)
    changes = load_scenario(path)
    c = compare(assessor, smailova, changes, None)
    assert c.original.as_of == day("2025-09-15")  # the scenario's date
    assert c.original.level == "low"
    assert LEVELS.index(c.changed.level) > LEVELS.index(c.original.level)


def test_a_scenario_on_the_command_line(tmp_path: Path):
    path = tmp_path / "rule39.yaml"
    path.write_text("add:\n  international:\n    - {body: ecthr, "
                    "kind: interim_measures_indicated, date: 2020-05-20}\n")
    result = run(str(AKHMETOVA), "-q", "--scenario", str(path))
    assert result.exit_code == 0, result.output
    assert "risk falls" in result.output or "risk stays" in result.output
    assert "+ EC-" in result.output  # the Rule 39 finding appears


@pytest.mark.parametrize("text,line,says", [
    ("add:\n  international:\n    - {body: ecthr, kind: rule39, date: 2020-05-20}\n",
     3, "'rule39' is not allowed"),
    ("ad:\n  events: []\n", 1, "did you mean 'add'"),
    ("facts:\n  rule39_indicated: maybe\n", 2, "true, false or unknown"),
    ("set:\n  protection[9].filed: 2020-01-01\n", 2, "there is no item [9]"),
    ("add:\n  events:\n    - {title: no date}\n", 3, "date"),
])
def test_a_bad_scenario_is_located_in_the_scenario_file(tmp_path: Path, text, line, says):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    result = run(str(AKHMETOVA), "--scenario", str(path))
    assert result.exit_code == 2, result.output
    assert f"{path}:{line}:" in result.output and says in result.output
    assert "Traceback" not in result.output


# --- sensitivity --------------------------------------------------------------------


@pytest.mark.parametrize("fixture", ["smailova", "akhmetova"])
def test_each_sensitivity_line_moves_the_level_as_it_says(assessor, request, fixture):
    case = request.getfixturevalue(fixture)
    a = assessor.assess(case, analyse=True)
    assert a.sensitivity, "a seed case at its as-of date has changes that move the level"
    for s in a.sensitivity:
        assert s.level != a.level
        assert s.change.startswith("If ") and f"from {a.level} to {s.level}" in s.change
        direction = "rises" if LEVELS.index(s.level) > LEVELS.index(a.level) else "falls"
        assert direction in s.change
    steps = [abs(LEVELS.index(s.level) - LEVELS.index(a.level)) for s in a.sensitivity]
    assert steps == sorted(steps, reverse=True)  # the largest moves first


def test_granting_akhmetova_protection_would_lower_the_risk(assessor, akhmetova):
    a = assessor.assess(akhmetova, day("2020-05-31"))
    found = sensitivity(assessor.evaluate, assessor.rulebook,
                        derive(akhmetova, day("2020-05-31")).values, a.level, a.score)
    granted = next(s for s in found if s.fact == "asylum_status" and s.value == "granted")
    assert "If the protection claim is granted, the risk falls" in granted.change


def test_a_next_event_that_already_happened_is_not_offered(assessor, smailova):
    a = assessor.assess(smailova, day("2025-10-01"), analyse=True)
    assert not any(s.fact == "asylum_status" and s.value == "granted" for s in a.sensitivity)


def test_the_phrase_table_names_only_catalogued_facts_and_values():
    table = phrases()
    assert table.next_events
    for event in table.next_events:
        assert event.fact in CATALOGUE
        assert event.phrase and not event.phrase.endswith(".")


def test_a_typo_in_the_phrase_table_is_a_located_error(tmp_path: Path):
    path = tmp_path / "phrases.yaml"
    path.write_text("next_events:\n  - fact: rule39_indicatd\n    to: true\n    phrase: x\n")
    with pytest.raises(InputError) as error:
        phrases.__wrapped__(path)
    assert f"{path}:2:" in str(error.value) and "rule39_indicated" in str(error.value)


# --- the report of a what-if is the changed case's -----------------------------------

REFUSED = "protection[0].decisions[+]={date: 2024-10-01, outcome: refused, final: true}"


def test_o_with_assume_writes_the_changed_cases_report_titled_as_a_scenario(tmp_path: Path):
    out = tmp_path / "r.json"
    result = run(str(SMAILOVA), "-q", "--as-of", "2024-11-01", "--assume", REFUSED,
                 "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    import json

    report = json.loads(out.read_text())
    filed = run(str(SMAILOVA), "-q", "--as-of", "2024-11-01", "--format", "json", "-o", "-")
    unchanged = json.loads(filed.output)
    assert report["title"].startswith("Scenario: ") and not unchanged["title"].startswith(
        "Scenario")
    assert "AS-04" in {f["rule_id"] for f in report["findings"]}  # the assumed refusal counts
    assert "AS-04" not in {f["rule_id"] for f in unchanged["findings"]}
    assert report["score"] != unchanged["score"]
    assert report["scenario"] == [f"assume {REFUSED}"]
    assert report["warnings"][0].startswith("This report is a scenario, not the case as "
                                            "filed: assume protection[0]")


def test_the_scenario_report_is_named_apart_from_the_cases_own(tmp_path: Path):
    import shutil

    case = tmp_path / SMAILOVA.name
    shutil.copy(SMAILOVA, case)
    result = run(str(case), "-q", "--as-of", "2024-11-01", "--assume", REFUSED,
                 "--format", "md")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in tmp_path.glob("*.md"))
    assert written == [f"{case.stem}.2024-11-01.scenario.report.md"]
    text = (tmp_path / written[0]).read_text()
    assert text.startswith("# Extradition risk assessment: Scenario: ")
    assert "This report is a scenario, not the case as filed" in text


def test_a_scenario_file_titles_its_report(tmp_path: Path):
    path = tmp_path / "appeal.yaml"
    path.write_text("title: the appeal is lost\nas_of: 2024-11-01\nset:\n"
                    "  protection[0].decisions[+]: {date: 2024-10-01, outcome: refused, "
                    "final: true}\n")
    out = tmp_path / "r.md"
    result = run(str(SMAILOVA), "-q", "--scenario", str(path), "--format", "md", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert text.startswith("# Extradition risk assessment: Scenario (the appeal is lost): ")
    assert "| As of | 2024-11-01" in text
    assert "Asylum finally refused" in text


def test_a_redacted_scenario_report_leaks_nothing(tmp_path: Path):
    # an assumed value that names the person: redacted like the case's own text
    out = tmp_path / "r.md"
    result = run(str(SMAILOVA), "-q", "--as-of", "2024-11-01", "--redact",
                 "--assume", "person.aliases[+]=Dinara Smailova the younger",
                 "--assume", REFUSED, "--format", "md", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text()
    for secret in ("Smailova", "Dinara", "Tansari"):
        assert secret not in text
    assert "Scenario" in text and "[PERSON" in text
