"""The assess command as a lawyer uses it: summaries, reports, rules, help."""

from __future__ import annotations

import hashlib
import json
import os
import stat

from click.testing import CliRunner

from assessor.cli import main
from conftest import AKHMETOVA, SMAILOVA


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_the_summary_names_level_bars_and_what_weighs_most():
    result = run(str(AKHMETOVA), "--as-of", "2020-05-31")
    assert result.exit_code == 0
    assert "akhmetova-ua: risk of surrender MODERATE" in result.output
    assert "risk of removal outside the procedure CRITICAL" in result.output
    assert "grounds against surrender:" in result.output
    assert "weighs most:" in result.output


def test_the_case_file_gives_the_default_as_of_date():
    assert "as of 2024-11-01" in run(str(SMAILOVA)).output


def test_a_markdown_report_is_written_privately_beside_a_copy_of_the_case(tmp_path):
    case = tmp_path / "client.yaml"
    case.write_bytes(SMAILOVA.read_bytes())
    result = run(str(case), "--format", "md")
    assert result.exit_code == 0
    report = tmp_path / "client.2024-11-01.report.md"
    assert stat.S_IMODE(os.stat(report).st_mode) == 0o600
    text = report.read_text()
    assert "## Legal grounds against surrender" in text
    assert hashlib.sha256(case.read_bytes()).hexdigest() in text
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_json_goes_to_standard_output_with_dash():
    result = run(str(SMAILOVA), "--format", "json", "-o", "-", "--as-of", "2025-09-17")
    data = json.loads(result.output)
    assert data["level"] == "low"
    assert data["score"] == sum(c["points"] for c in data["contributions"])


def test_the_input_is_never_overwritten(tmp_path):
    case = tmp_path / "client.yaml"
    case.write_bytes(SMAILOVA.read_bytes())
    result = run(str(case), "--format", "md", "-o", str(case))
    assert result.exit_code == 2
    assert "refusing to overwrite the case file" in result.output
    assert case.read_bytes() == SMAILOVA.read_bytes()


def test_a_bad_as_of_date_is_a_usage_error():
    result = run(str(SMAILOVA), "--as-of", "May 2024")
    assert result.exit_code == 2
    assert "write YYYY-MM-DD" in result.output


def test_rules_are_listed_and_shown_with_their_legal_basis():
    listing = run("rules").output
    assert "AS-02" in listing and "rules, version" in listing
    shown = run("rules", "show", "nr-01").output
    assert "UN Convention against Torture, Art 3(1)-(2)" in shown
    assert "when: systemic_torture is true" in shown


def test_help_has_examples():
    assert "Examples:" in run("--help").output
    assert "--as-of" in run("run", "--help").output


def test_the_facts_catalogue_is_listed():
    output = run("facts").output
    assert "asylum_pending [bool] protective" in output


def test_o_without_format_writes_the_format_its_suffix_names(tmp_path):
    """`-o report.pdf` alone used to print the summary and write nothing: a report asked
    for and silently not written. The suffix names the format; a name without one (or a
    folder, or -) is refused with what to give instead."""
    target = tmp_path / "report.html"
    result = run(str(SMAILOVA), "-o", str(target), "-q")
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    for output in (tmp_path / "report.txt", tmp_path, "-"):
        result = run(str(SMAILOVA), "-o", str(output), "-q")
        assert result.exit_code == 2 and "give --format" in result.output, result.output
    assert not (tmp_path / "report.txt").exists()
