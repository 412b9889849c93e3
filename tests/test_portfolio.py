"""A caseload assessed in one command: sorted by risk, every failure listed, compared."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import sys

import pytest
from click.testing import CliRunner

from assessor import portfolio
from assessor.cli import main
from conftest import AKHMETOVA, CASES, ROOT, SMAILOVA

sys.path.insert(0, str(ROOT / "benchmarks"))
import gen_cases  # noqa: E402

LEVEL_ORDER = {level: i for i, level in enumerate(portfolio.LEVELS)}


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def assert_sorted_by_risk(rows: list[dict]) -> None:
    # the graver of the two answers (surrender, removal outside the procedure) first
    def graver(r: dict) -> tuple[int, int]:
        answers = [(LEVEL_ORDER[r["level"]], r["score"])]
        if r.get("removal_level"):
            answers.append((LEVEL_ORDER[r["removal_level"]], r["removal_score"]))
        return max(answers)

    keys = [tuple(-k for k in graver(r)) for r in rows]
    assert keys == sorted(keys)


@pytest.fixture(scope="module")
def caseload(tmp_path_factory):
    """Twelve generated cases, the last one with a typo in a country code."""
    folder = tmp_path_factory.mktemp("caseload")
    paths = gen_cases.write_cases(folder, 12, seed=7, broken=1)
    return folder, paths


def test_the_seed_cases_are_summarised_most_at_risk_first():
    result = run(CASES, "--summary", "--format", "json", "-o", "-")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    cases = [p for p in sorted(CASES.glob("*.yaml")) if p.name != "template.yaml"]
    assert sorted(r["file"] for r in summary["cases"]) == [str(p) for p in cases]
    assert_sorted_by_risk(summary["cases"])
    assert summary["failures"] == []  # the template and expectations/ are not cases
    order = [r["case_id"] for r in summary["cases"]]
    # as the case files stand, Akhmetova (arrested, asylum refused, treaty just ratified)
    # is at higher risk than Smailova (asylum claimed before the request, no treaty)
    assert order.index("akhmetova-ua") < order.index("smailova-me")


def test_the_terminal_table_names_level_score_what_weighs_most_and_as_of(assessor):
    result = run(AKHMETOVA, SMAILOVA, "--summary")
    assert result.exit_code == 0
    header, first, second = result.stdout.splitlines()[:3]
    assert header.split()[:4] == ["LEVEL", "SCORE", "REMOVAL", "OUTSIDE"]
    weighs_most = assessor.assess_file(AKHMETOVA)[1].top_findings[0].rule_id
    assert "akhmetova-ua" in first and "2020-05-31" in first and f" {weighs_most} " in first
    assert "smailova-me" in second and "2024-11-01" in second


def test_one_broken_file_never_stops_the_others_and_is_listed_at_the_end(caseload):
    folder, paths = caseload
    result = run(folder, "--summary", "--format", "json", "-o", "-")
    assert result.exit_code == 2
    summary = json.loads(result.stdout)
    broken = paths[-1]
    assert {r["file"] for r in summary["cases"]} == {str(p) for p in paths[:-1]}
    assert_sorted_by_risk(summary["cases"])
    assert [f["file"] for f in summary["failures"]] == [str(broken)]
    tail = result.stderr.strip().splitlines()
    assert tail[0] == "1 of 12 case file(s) could not be assessed:"
    assert tail[1].startswith(f"{broken}:") and "states.requesting" in tail[1]
    assert "Traceback" not in result.stderr


def test_a_summary_file_is_written_privately_in_csv(caseload, tmp_path):
    folder, paths = caseload
    target = tmp_path / "caseload.csv"
    result = run(folder, "--summary", "--format", "csv", "-o", target)
    assert result.exit_code == 2  # the broken file
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert len(rows) == 11
    assert_sorted_by_risk([{"level": r["level"], "score": int(r["score"]),
                            "removal_level": r["removal_level"] or None,
                            "removal_score": int(r["removal_score"] or 0)} for r in rows])
    assert all(r["rules_version"] and r["input_sha256"] for r in rows)
    assert f"summary: {target}" in result.stdout  # and the table still on the terminal


def test_the_json_summary_carries_what_compare_needs(tmp_path):
    target = tmp_path / "summary.json"
    assert run(SMAILOVA, "--summary", "--format", "json", "-o", target).exit_code == 0
    row = json.loads(target.read_text())["cases"][0]
    assert row["input_sha256"] == portfolio.hashlib.sha256(SMAILOVA.read_bytes()).hexdigest()
    assert row["rules_version"] and "PR-01" in row["fired"]


def test_the_html_summary_escapes_file_names(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "<b>client.yaml").write_bytes(SMAILOVA.read_bytes())
    out = tmp_path / "summary.html"
    assert run(folder, "--summary", "--format", "html", "-o", out).exit_code == 0
    html = out.read_text()
    assert "&lt;b&gt;client.yaml" in html and "<b>client" not in html
    assert "smailova-me" in html and 'class="level-' in html


def test_compare_shows_findings_that_appeared_and_disappeared(tmp_path):
    folder = tmp_path / "caseload"
    folder.mkdir()
    case = folder / "smailova.yaml"
    case.write_bytes(SMAILOVA.read_bytes())
    (folder / "akhmetova.yaml").write_bytes(AKHMETOVA.read_bytes())
    previous = tmp_path / "monday.json"
    assert run(folder, "--summary", "--format", "json", "-o", previous).exit_code == 0
    # by Tuesday protection was granted and the Supreme Court refused extradition
    case.write_text(SMAILOVA.read_text().replace("as_of: 2024-11-01", "as_of: 2025-10-01"))
    result = run(folder, "--summary", "--compare", previous, "--format", "json", "-o", "-")
    assert result.exit_code == 0
    rows = {r["case_id"]: r for r in json.loads(result.stdout)["cases"]}
    change = rows["smailova-me"]["change"]
    assert change["status"] == "changed" and change["input_changed"]
    assert "PR-06" in change["appeared"] and "AS-03" in change["appeared"]
    assert "AS-02" in change["disappeared"]
    assert rows["akhmetova-ua"]["change"]["status"] == "unchanged"
    table = run(folder, "--summary", "--compare", previous).stdout
    assert "+PR-06" in table and "-AS-02" in table and "(facts changed)" in table


def test_compare_lists_cases_that_left_the_caseload(tmp_path):
    previous = tmp_path / "before.json"
    assert run(AKHMETOVA, SMAILOVA, "--summary", "--format", "json", "-o", previous).exit_code == 0
    result = run(SMAILOVA, "--summary", "--compare", previous)
    assert "no longer in the caseload" in result.stdout and "akhmetova-ua" in result.stdout


def test_a_previous_summary_that_is_not_one_is_a_located_error(tmp_path):
    previous = tmp_path / "before.json"
    previous.write_text('{"cases": [\n  {"case_id": 3}\n')
    result = run(CASES, "--summary", "--compare", previous)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{previous}:3:1: not valid JSON")
    assert "Traceback" not in result.stderr


def test_templates_and_files_without_case_id_are_skipped_in_a_folder(tmp_path):
    (tmp_path / "template.yaml").write_bytes(SMAILOVA.read_bytes())
    (tmp_path / "expected.yml").write_text("level: low\n")
    (tmp_path / "notes.txt").write_text("not yaml")
    (tmp_path / "client.yaml").write_bytes(SMAILOVA.read_bytes())
    summary = portfolio.summarise([tmp_path])
    assert [r.file for r in summary.cases] == [str(tmp_path / "client.yaml")]
    assert summary.skipped == [str(tmp_path / "template.yaml"), str(tmp_path / "expected.yml")]
    assert summary.exit_status == 0


def test_a_file_named_on_the_command_line_is_always_assessed(tmp_path):
    named = tmp_path / "expected.yml"
    named.write_text("level: low\n")
    result = run(named, SMAILOVA, "--summary")
    assert result.exit_code == 2
    assert f"{named}:1:1: case_id: this field is required" in result.stderr


def test_quoted_globs_are_expanded_and_a_glob_matching_nothing_fails(tmp_path):
    summary = portfolio.summarise([str(CASES / "*-ukraine.yaml"), str(tmp_path / "*.yaml")])
    assert [r.case_id for r in summary.cases] == ["akhmetova-ua"]
    assert summary.failures[0].message.endswith("no file matches")
    assert summary.exit_status == 2


def test_worker_processes_give_the_same_summary_as_one_process(caseload):
    folder, _ = caseload
    one = portfolio.summarise([folder], jobs=1)
    two = portfolio.summarise([folder], jobs=2)
    assert one.model_dump() == two.model_dump()
    assert len(two.cases) == 11 and len(two.failures) == 1


def test_summary_options_need_summary():
    assert run(SMAILOVA, "--compare", "x.json").exit_code == 2
    assert run(SMAILOVA, "--format", "csv").exit_code == 2
    assert run(CASES, "--summary", "--format", "csv").exit_code == 2  # needs -o


def test_the_next_deadline_is_the_nearest_ahead_else_the_latest_overrun():
    from assessor.assessment import Deadline

    def d(date, days, overrun=False):
        return Deadline(date=date, what=date, basis="law", days_left=days, overrun=overrun)

    assert portfolio.next_deadline([d("2024-09-01", 90), d("2024-06-10", 10),
                                    d("2024-01-01", -120, True)]).date == "2024-06-10"
    assert portfolio.next_deadline([d("2023-01-01", -400, True),
                                    d("2024-01-01", -120, True)]).date == "2024-01-01"
    assert portfolio.next_deadline([]) is None


def test_a_caseload_of_mixed_or_old_as_of_dates_says_so(tmp_path):
    import datetime as dt

    from assessor.portfolio import as_of_warnings, render, summarise, table

    summary = summarise([CASES])
    dates = sorted({r.as_of for r in summary.cases})
    assert len(dates) > 1 and summary.warnings
    text = "\n".join(summary.warnings)
    assert f"as of different dates ({dates[0]} to {dates[-1]})" in text
    assert "more than 30 days before today" in text
    assert "warning: the cases are assessed as of different dates" in table(summary)
    assert "as of different dates" in render(summary, "html")
    # one date, recent: nothing to say
    rows = [r.model_copy(update={"as_of": dt.date(2026, 11, 20)}) for r in summary.cases]
    assert as_of_warnings(rows, dt.date(2026, 11, 30)) == []
    assert as_of_warnings(rows, dt.date(2026, 12, 31))  # 41 days on
