"""Editing a case file by hand: near-miss values get a suggestion, and a repeated key does not
hide the file's other problems."""

from __future__ import annotations

import pytest

from assessor.caseload import case_from_text
from assessor.problems import InputError, suggest

CASE = """\
case_id: x
person:
  name: A Person
  nationalities: [KZ]
  profile: [{profile}]
states: {{requesting: KZ, requested: ME}}
protection:
  - kind: asylum
    decisions:
      - date: 2024-03-01
        outcome: {outcome}
"""


def problems(text: str) -> list[str]:
    with pytest.raises(InputError) as error:
        case_from_text(text, "case.yaml")
    return [str(p) for p in error.value.problems]


@pytest.mark.parametrize("typed, meant", [
    ("opposition", "did you mean one of opposition_member, opposition_leader?"),
    ("jurnalist", "did you mean 'journalist'?"),
    ("human rights defender", "did you mean 'human_rights_defender'?"),
])
def test_a_near_miss_profile_is_answered_with_what_was_meant(typed, meant):
    (found,) = problems(CASE.format(profile=typed, outcome="refused"))
    assert found.startswith("case.yaml:5:13: person.profile[0]: ")
    assert found.endswith(f"is not allowed ({meant})")


@pytest.mark.parametrize("typed, meant", [
    ("rejected", "did you mean 'refused'?"),
    ("denied", "did you mean 'refused'?"),
    ("appeal", "did you mean one of appeal_filed, appeal_allowed, appeal_dismissed?"),
    ("granted.", "did you mean 'granted'?"),
])
def test_a_near_miss_outcome_is_answered_with_what_was_meant(typed, meant):
    (found,) = problems(CASE.format(profile="journalist", outcome=typed))
    assert found.endswith(f"'{typed}' is not allowed ({meant})")


def test_a_value_near_nothing_lists_the_allowed_values():
    (found,) = problems(CASE.format(profile="journalist", outcome="pending"))
    assert found.endswith("(one of granted, refused, appeal_filed, appeal_allowed, "
                          "appeal_dismissed, remitted, withdrawn)")


def test_suggestions_never_guess_from_a_single_letter():
    assert suggest("x", ["granted", "refused"]) == []


def test_a_repeated_key_does_not_hide_the_other_problems():
    text = CASE.format(profile="opposition", outcome="refused") + \
        "        outcome:\n          nested: 1\n        final: maybe\n"
    found = problems(text)
    assert [f.split(": ")[0] for f in found] == ["case.yaml:5:13", "case.yaml:12:9",
                                                 "case.yaml:14:16"]
    assert "duplicate key 'outcome' (first given on line 11)" in found[1]
    assert "final: expected true, false or unknown, got 'maybe'" in found[2]


def test_a_repeated_key_in_a_flow_mapping_is_reported_alone():
    text = "case_id: x\nperson: {name: A, name: B, nationalities: [KZ]}\n" \
           "states: {requesting: KZ, requested: KZ}\n"
    found = problems(text)
    assert len(found) == 1 and "duplicate key 'name'" in found[0]


def test_a_file_whose_only_fault_is_a_repeated_key_reports_only_that():
    text = CASE.format(profile="journalist", outcome="refused") + "        outcome: granted\n"
    (found,) = problems(text)
    assert found.startswith("case.yaml:12:9:") and "duplicate key" in found
