"""Reading case files: every problem located, all at once, in words a lawyer can act on."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from assessor.caseload import case_from_text
from assessor.cli import main
from assessor.problems import InputError

BROKEN = textwrap.dedent("""\
    case_id: broken-1
    person:
      name: A. Client
      nationalites: [KZ]
      nationalities: [KZ]
    states:
      requesting: QQ
      requested: ME
    protection:
      - kind: asylum
        filed: 2024-02-30
    """)


def problems(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        case_from_text(text, "case.yaml")
    return [str(p) for p in caught.value.problems]


def test_a_misspelt_field_an_impossible_date_and_an_unknown_country_are_all_reported():
    assert problems(BROKEN) == [
        "case.yaml:4:3: person.nationalites: unknown field 'nationalites' "
        "(did you mean 'nationalities'?)",
        "case.yaml:7:15: states.requesting: 'QQ' is not an ISO 3166-1 alpha-2 country code "
        "(use an ISO 3166-1 alpha-2 code such as KZ, ME or UA)",
        "case.yaml:11:12: protection[0].filed: 2024-02 has no day 30 (it has 29 days)",
    ]


def test_the_cli_reports_them_with_exit_status_2_and_no_traceback(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text(BROKEN)
    result = subprocess.run([sys.executable, "-m", "assessor.cli", str(case)],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.count(f"{case}:") == 3
    assert f"{case}:4:3: person.nationalites" in result.stderr


def test_a_missing_required_field_points_at_its_parent():
    text = "case_id: c\nperson:\n  name: X\nstates: {requesting: KZ, requested: ME}\n"
    assert problems(text) == [
        "case.yaml:2:1: person.nationalities: this field is required (add `nationalities:`)"]


def test_a_wrong_choice_lists_the_allowed_values():
    text = ("case_id: c\nperson: {name: X, nationalities: [KZ]}\n"
            "states: {requesting: KZ, requested: ME}\nprotection:\n  - kind: asylm\n")
    [message] = problems(text)
    assert message.startswith("case.yaml:5:11: protection[0].kind: 'asylm' is not allowed")
    assert "asylum" in message


def test_a_citation_of_an_unlisted_source_is_located():
    text = ("case_id: c\nperson: {name: X, nationalities: [KZ], sources: [nowhere]}\n"
            "states: {requesting: KZ, requested: ME}\n")
    [message] = problems(text)
    assert message.startswith("case.yaml:2:50: person.sources[0]: cites unknown source 'nowhere'")


def test_unknown_is_not_false():
    base = ("case_id: c\nperson: {name: X, nationalities: [KZ], serious_health_condition: %s}\n"
            "states: {requesting: KZ, requested: ME}\n")
    assert case_from_text(base % "unknown").person.serious_health_condition is None
    assert case_from_text(base % "false").person.serious_health_condition is False


def test_norway_stays_a_country_code():
    text = "case_id: c\nperson: {name: X, nationalities: [NO]}\nstates: {requesting: KZ, requested: ME}\n"
    assert case_from_text(text).person.nationalities == ["NO"]


def test_the_requesting_and_requested_states_must_differ():
    text = "case_id: c\nperson: {name: X, nationalities: [KZ]}\nstates: {requesting: KZ, requested: KZ}\n"
    [message] = problems(text)
    assert "must differ" in message


def test_schema_is_published_with_descriptions():
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert '"additionalProperties": false' in result.output
    assert "ISO 3166-1 alpha-2" in result.output
