"""As of today by default: a case file's `as_of` is a default the CLI announces, an old
as-of date is flagged, and a what-if dated after the as-of date says it cannot count."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner

from assessor.assessment import stale_as_of_warning
from assessor.cli import main
from assessor.whatif import compare, describe, parse_assume
from conftest import SMAILOVA, day


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_the_case_files_as_of_is_announced_as_a_default():
    out = run(SMAILOVA, "-q").output + run(SMAILOVA).output
    assert "as of 2024-11-01: the case file's `as_of`, a default (--as-of DATE to change it)" in out


def test_a_given_as_of_is_not_announced_as_a_default():
    assert "a default" not in run(SMAILOVA, "--as-of", "2024-11-02").output


def test_an_as_of_date_more_than_30_days_old_is_flagged_in_the_terminal_and_the_report():
    today = dt.date.today()
    assert stale_as_of_warning(today - dt.timedelta(days=30), today) is None
    warning = stale_as_of_warning(today - dt.timedelta(days=31), today)
    assert warning and "31 days before today" in warning
    out = run(SMAILOVA).output
    assert "days before today" in out
    md = run(SMAILOVA, "--format", "md", "-o", "-", "-q").output
    assert "days before today" in md and "(the case file's default date)" in md


def test_a_what_if_dated_after_the_as_of_date_warns_and_offers_the_date(assessor, smailova):
    changes = parse_assume(["protection[0].decisions[+]={date: 2026-01-15, outcome: refused, "
                            "final: true}"])
    c = compare(assessor, smailova, changes, day("2024-11-01"))
    text = "\n".join(describe(c))
    assert "after the as-of date 2024-11-01" in text and "--as-of 2026-01-15" in text
    counted = compare(assessor, smailova, changes, day("2026-01-15"))
    assert not counted.warnings


def test_the_readme_what_if_example_changes_the_assessment():
    readme = (SMAILOVA.parent.parent / "README.md").read_text(encoding="utf-8")
    line = next(x for x in readme.splitlines() if "--assume 'protection[0].decisions[+]" in x)
    assert "cases/smailova-montenegro.yaml" in line
    value = line.split("--assume '")[1].split("'")[0]
    out = run(SMAILOVA, "-q", "--assume", value).output
    assert "risk rises" in out and "warning: the assumed" not in out
