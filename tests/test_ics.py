"""Deadlines to the calendar: an .ics file that a standard parser reads back whole."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from assessor.cli import main
from assessor.ics import deadlines_ics, unfolded
from assessor.redact import Redaction, SecretSurvived, check_redacted

from conftest import SMAILOVA, day


@pytest.fixture(scope="module")
def smailova_2024(assessor):
    """Two deadlines on the asylum claim (one passed), and a source whose title names her."""
    return assessor.assess_file(SMAILOVA, day("2024-11-01"), analyse=True)[1]


def _events(text: str):
    return [c for c in Calendar.from_ical(text).walk() if c.name == "VEVENT"]


def test_every_deadline_is_one_event_on_its_date(smailova_2024):
    a = smailova_2024
    assert len(a.deadlines) >= 2
    events = _events(deadlines_ics(a))
    assert len(events) == len(a.deadlines)
    for event, deadline in zip(events, a.deadlines):
        assert event.decoded("dtstart") == dt.date.fromisoformat(deadline.date)
        assert deadline.what in str(event["summary"])
        description = str(event["description"])
        assert f"Basis: {deadline.basis}" in description
        for note in deadline.verify:
            assert f"Verify: {note}" in description


def test_reminders_a_week_and_a_day_before_only_while_ahead(smailova_2024):
    events = _events(deadlines_ics(smailova_2024))
    for event, deadline in zip(events, smailova_2024.deadlines):
        triggers = sorted(alarm.decoded("trigger") for alarm in event.walk("VALARM"))
        if deadline.overrun:
            assert triggers == [] and str(event["summary"]).startswith("PASSED: ")
        else:
            assert triggers == [dt.timedelta(days=-7), dt.timedelta(days=-1)]


def test_uids_are_stable_so_a_reimport_updates_the_events(smailova_2024):
    first = [str(e["uid"]) for e in _events(deadlines_ics(smailova_2024))]
    again = [str(e["uid"]) for e in _events(deadlines_ics(smailova_2024))]
    assert first == again and len(set(first)) == len(first)


def test_a_client_case_is_confidential(smailova_2024):
    client = smailova_2024.model_copy(update={"provenance": "client"})
    for event in _events(deadlines_ics(client)):
        assert str(event["class"]) == "CONFIDENTIAL"
        assert str(event["description"]).startswith("Privileged and confidential.")
    for event in _events(deadlines_ics(smailova_2024)):
        assert str(event["class"]) == "PRIVATE"


def test_the_cli_writes_the_calendar_privately(tmp_path):
    out = tmp_path / "deadlines.ics"
    result = CliRunner().invoke(main, [str(SMAILOVA), "--as-of", "2024-11-01", "--format",
                                       "ics", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert out.stat().st_mode & 0o777 == 0o600
    assert len(_events(out.read_text(encoding="utf-8"))) == 2


def test_a_redacted_calendar_names_nobody(tmp_path):
    out = tmp_path / "deadlines.ics"
    result = CliRunner().invoke(main, [str(SMAILOVA), "--as-of", "2024-11-01", "--format",
                                       "ics", "--redact", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    text = unfolded(out.read_text(encoding="utf-8"))
    assert not re.search(r"Dinara|Smailova", text, re.IGNORECASE)
    assert "[PERSON]" in text  # the source's title named her


def test_the_check_sees_a_name_split_by_line_folding(smailova_2024):
    """RFC 5545 folds lines at 75 octets: a name can straddle a fold."""
    text = deadlines_ics(smailova_2024)
    assert "Activist Smailova Awaiting Extradition Ruling" in unfolded(text)
    folded = [line for line in text.split("\r\n") if line.startswith(" ")]
    assert folded  # the long descriptions are folded
    redaction = Redaction()
    redaction.add("Dinara Smailova", "[PERSON]", parts=True)
    with pytest.raises(SecretSurvived):
        check_redacted(unfolded(text), redaction)
