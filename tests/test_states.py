"""The law binding the states on a date: reference data, loader, facts, `assess states`."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from assessor import states
from assessor.cli import main
from assessor.facts import derive
from assessor.model import Case
from assessor.problems import InputError

D = dt.date.fromisoformat


def case(requesting: str, requested: str, **extra) -> Case:
    return Case.model_validate({
        "case_id": "fictional-law", "provenance": "fictional",
        "person": {"name": "A. Person", "nationalities": [requesting]},
        "states": {"requesting": requesting, "requested": requested}, **extra})


def test_russia_is_bound_by_the_echr_until_16_september_2022_only():
    assert states.state_fact("RU", "echr_party", D("2022-09-15")).value is True
    after = states.state_fact("RU", "echr_party", D("2022-09-16"))
    assert after.value is False and after.implied
    before = states.state_fact("RU", "echr_party", D("1998-05-04"))
    assert before.value is False and before.implied


def test_an_uncertain_date_leaves_the_fact_unknown():
    # Kazakhstan's abolition took effect between 29 December 2021 and 24 June 2022
    assert states.state_fact("KZ", "death_penalty", D("2022-03-01")) is None
    assert states.state_fact("KZ", "death_penalty", D("2021-06-01")).value == "moratorium"
    assert states.state_fact("KZ", "death_penalty", D("2023-01-01")).value == "abolished"


def test_a_fact_is_unknown_beyond_what_its_sources_show():
    # listed as a party in March 2022; nothing checked says so after that
    assert states.state_fact("RU", "ece_party", D("2021-01-01")).value is True
    assert states.state_fact("RU", "ece_party", D("2024-01-01")) is None
    assert states.state_fact("KZ", "ece_party", D("2010-01-01")).value is False
    assert states.state_fact("KZ", "ece_party", D("2020-01-01")) is None


def test_a_state_without_data_is_unknown():
    assert states.state_fact("ZW", "echr_party", D("2020-01-01")) is None


@pytest.mark.parametrize("requested, on, bound", [
    ("UA", "2020-06-01", True), ("KZ", "2020-06-01", False), ("RU", "2022-09-01", True),
    ("RU", "2022-10-01", False), ("ZW", "2020-06-01", None)])
def test_requested_bound_by_echr_follows_the_data_on_the_date(requested, on, bound):
    requesting = "KZ" if requested != "KZ" else "UA"
    facts = derive(case(requesting, requested), D(on))
    assert facts.values.get("requested_bound_by_echr") is bound
    if bound is not None:
        assert "Reference data:" in facts.details["requested_bound_by_echr"]
        assert "checked 2026-11-30" in facts.details["requested_bound_by_echr"]


def test_eu_membership_decides_for_germany_and_not_for_turkiye():
    assert derive(case("KZ", "DE"), D("2024-01-01")).values["requested_eu_member"] is True
    assert derive(case("KZ", "TR"), D("2024-01-01")).values["requested_eu_member"] is False


def test_the_case_file_overrides_the_data_and_the_report_says_so():
    stated = case("KZ", "UA", law={"requested_bound_by_echr": {
        "value": False, "note": "checked the Council of Europe chart"}})
    facts = derive(stated, D("2020-06-01"))
    assert facts.values["requested_bound_by_echr"] is False
    assert facts.details["requested_bound_by_echr"].startswith("stated in the case file")
    short = derive(case("UA", "TR", law={"requesting_death_penalty": "retained"}), D("2020-01-01"))
    assert short.values["requesting_death_penalty"] == "retained"


def test_a_wrong_law_value_is_refused():
    with pytest.raises(ValueError):
        case("KZ", "UA", law={"requesting_death_penalty": "sometimes"})
    with pytest.raises(ValueError):
        case("KZ", "UA", law={"requested_bound_by_rome": True})


def test_data_checked_before_the_as_of_date_is_flagged():
    facts = derive(case("KZ", "UA"), D("2028-01-01"))
    assert any("checked on 2026-11-30, before the as-of date 2028-01-01 (more than a year"
               in w for w in facts.warnings)
    assert not any("reference data" in w for w in derive(case("KZ", "UA"), D("2024-01-01")).warnings)


def test_ece_between_states_needs_both_parties():
    facts = derive(case("RU", "UA"), D("2021-01-01"))
    assert facts.values["ece_in_force_between_states"] is True
    assert derive(case("KZ", "UA"), D("2010-01-01")).values["ece_in_force_between_states"] is False


def test_states_commands():
    runner = CliRunner()
    table = runner.invoke(main, ["states"])
    assert table.exit_code == 0 and "KZ Kazakhstan" in table.output
    shown = runner.invoke(main, ["states", "show", "ru"])
    assert shown.exit_code == 0 and "until 2022-09-16" in shown.output and "source:" in shown.output
    assert runner.invoke(main, ["states", "show", "XX"]).exit_code == 2
    checked = runner.invoke(main, ["states", "check"])
    assert checked.exit_code == 0 and "every one sourced" in checked.output


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(states.data_dir() / "states", target / "states")
    (target / "pairs").mkdir()
    return target


@pytest.mark.parametrize("change, message", [
    (("sources: [coe-impact-ru, coe-cm-2022-03-23]", "sources: [nowhere]"),
     "cites unknown source 'nowhere'"),
    (("from: 1998-05-05\n      until: 2022-09-16", "from: 2022-09-16\n      until: 1998-05-05"),
     "ends before it begins"),
    (("state: RU", "state: RUS"), "not an ISO 3166-1 alpha-2"),
    (("      confidence: primary\n      note: Ceased", "      note: Ceased"), "confidence"),
    (("value: moratorium", "value: sometimes"), "one of abolished"),
])
def test_check_finds_each_defect_with_its_place(tmp_path, change, message):
    data = _copy(tmp_path)
    path = data / "states" / "RU.yaml"
    text = path.read_text()
    assert change[0] in text
    path.write_text(text.replace(change[0], change[1], 1))
    states.reference.cache_clear()
    with pytest.raises(InputError) as error:
        states.reference(data)
    assert message in str(error.value) and "RU.yaml:" in str(error.value)
    states.reference.cache_clear()
    result = CliRunner().invoke(main, ["states", "check", str(data)])
    assert result.exit_code == 2
    states.reference.cache_clear()
