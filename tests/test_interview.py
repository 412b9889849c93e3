"""`assess new`: the interview a lawyer walks at a first meeting, typed or scripted."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from assessor.caseload import load_case
from assessor.cli import main
from assessor.interview import session
from assessor.interview.answers import UNKNOWN
from assessor.interview.fields import LIST, MAPPING, MODEL, fields_of
from assessor.interview.walk import Interview, sections
from assessor.model import Case
from assessor.yamlfile import parse
from conftest import CASES

UP, DOWN, CLEAR = "\x1b[A", "\x1b[B", "\x15"  # arrow keys; Ctrl-U empties the line
BUNDLED = sorted(CASES.glob("*.yaml"))


def typed(target: Path, keys: str, from_file: Path | None = None):
    """Drive the real prompts with keystrokes; every later question gets Enter (its
    default: I don't know, keep, no more entries, write the file)."""
    said: list[str] = []
    with create_pipe_input() as pipe:
        pipe.send_text(keys + "\r" * 800)
        pipe.close()  # then end of input: a prompt that runs out of keys ends, never waits
        outcome = session.run(target, from_file=from_file, say=said.append, input=pipe,
                              output=DummyOutput())
    return outcome, "\n".join(said)


def new(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, ["new", *args], input=stdin, catch_exceptions=False)


# --- the interview in a terminal -------------------------------------------------------


def test_a_first_meeting_typed_at_the_terminal_writes_a_case_the_assessor_accepts(tmp_path):
    keys = "".join([
        # the case: id (replacing the default from the file name), title, provenance
        CLEAR + "fictional-2026-02\r", "Fictional client\r", UP + UP + "\r",
        # the person: name, aliases, birth date (read back as ISO, confirmed)
        "Aigerim Fictional\r", "\r", "3 March 1985\r", "\r",
        "Kazakhstan, Russia\r",            # nationalities by name
        DOWN + " \r",                      # profile: tick 'journalist'
        "\r",                              # organisations: none to add
        "y", "June 2021\r", "\r", "Blog posts on the police\r", UP + UP + "\r",
        "\r",                              # personal (the --redact mark): I don't know
        "\r",                              # no more activity
        "\r", "\r", "\r", "\r",            # address, documents, health, serious illness
        "\r",                              # the person's own personal mark
        # the states: by name and by code
        "Kazakhstan\r", "ME\r", "\r",
    ])
    outcome, said = typed(tmp_path / "client.yaml", keys)
    assert outcome.written == tmp_path / "client.yaml" and outcome.assess
    case = load_case(outcome.written)
    assert case.case_id == "fictional-2026-02" and case.provenance == "fictional"
    assert case.person.name == "Aigerim Fictional"
    assert str(case.person.birth_date) == "1985-03-03"
    assert case.person.nationalities == ["KZ", "RU"] and case.person.profile == ["journalist"]
    activity = case.person.public_activity[0]
    assert str(activity.date) == "2021-06" and activity.critical_of_requesting_state is True
    assert (case.states.requesting, case.states.requested) == ("KZ", "ME")
    # every "I don't know" stays unknown: nothing was recorded as 'no'
    assert case.person.serious_health_condition is None
    text = outcome.written.read_text()
    assert "false" not in text and "serious_health_condition" not in text
    assert "# Full name" in text  # a commented file
    assert stat.S_IMODE(os.stat(outcome.written).st_mode) == 0o600
    assert "Review" in said


def test_a_date_read_the_wrong_way_round_is_typed_again(tmp_path):
    keys = "".join([
        CLEAR + "x\r", "\r", "\r",
        "A Person\r", "\r",
        "05/06/1985\r", "n",               # read as 5 June: no, that was the US order
        CLEAR + "1985-05-06\r",            # an ISO date needs no confirmation
        "KZ\r", "\r", "\r", "\r", "\r", "\r", "\r", "\r",
        "\r",                              # the person's own personal mark
        "KZ\r", "ME\r",
    ])
    outcome, _ = typed(tmp_path / "x.yaml", keys)
    assert str(load_case(outcome.written).person.birth_date) == "1985-05-06"


def test_an_unknown_country_is_refused_with_a_suggestion_until_corrected(tmp_path):
    keys = CLEAR + "x\r\r\rA Person\r\r\r" + "Kazakstan\r" + CLEAR + "KZ\r"
    keys += "\r" * 8 + "KZ\rME\r"  # the person's fields, its personal mark last
    outcome, _ = typed(tmp_path / "x.yaml", keys)
    assert load_case(outcome.written).person.nationalities == ["KZ"]


def test_stopping_the_interview_writes_nothing(tmp_path):
    with create_pipe_input() as pipe:
        pipe.send_text(CLEAR + "x\r\r\rA Person\r" + "\x03")  # Ctrl-C at the aliases
        with pytest.raises(KeyboardInterrupt):
            session.run(tmp_path / "x.yaml", say=lambda _: None, input=pipe,
                        output=DummyOutput())
    assert list(tmp_path.iterdir()) == []


# --- scripted: --answers ---------------------------------------------------------------

ANSWERS = """\
case_id: fictional-2026-01
provenance: fictional
person:
  name: Aigerim Fictional
  aliases: Aigerim F.; A. Fictional
  birth_date: 3 March 1985
  nationalities: Kazakhstan
  profile: [journalist, opposition member]
  public_activity:
    - date: June 2021
      description: Published articles criticising the government.
      critical_of_requesting_state: yes
  serious_health_condition: I don't know
  family:
    - relation: son
      minor: yes
      in_requesting_state: unknown
states:
  requesting: Kazakhstan
  requested: Georgia
  transit: Turkiye
charges:
  - offence: Fraud
    opened: 11.2022
    max_penalty_years: 10
    death_penalty_possible: no
    followed_public_criticism: yes
    complaining_victim: unknown
extradition:
  requests:
    - received: 23/05/2024
      purpose: to prosecute
  detentions:
    - start: 14 April 2024
      end: 2024-04-15
      on_interpol_notice: yes
legal_basis:
  treaty_list_complete: unknown
protection:
  - kind: asylum
    filed: 26 October 2023
    decisions:
      - date: July 2025
        outcome: refused
        final: no
interpol:
  - kind: red notice
    issued: 2023-12
sources:
  - id: lawyer-notes-2026
    title: Notes of the first meeting
    kind: lawyer_note
    date: 30 November 2026
"""


def test_scripted_answers_write_every_answer_and_leave_unknowns_unknown(tmp_path):
    (tmp_path / "answers.yaml").write_text(ANSWERS)
    target = tmp_path / "client.yaml"
    result = new(str(target), "--answers", str(tmp_path / "answers.yaml"), "--no-assess")
    assert result.exit_code == 0, result.output
    case = load_case(target)
    person = case.person
    assert (person.name, person.aliases) == ("Aigerim Fictional", ["Aigerim F.", "A. Fictional"])
    assert str(person.birth_date) == "1985-03-03" and person.nationalities == ["KZ"]
    assert person.profile == ["journalist", "opposition_member"]
    assert person.family[0].relation == "son" and person.family[0].minor is True
    assert (case.states.requesting, case.states.requested, case.states.transit) == \
        ("KZ", "GE", ["TR"])
    charge = case.charges[0]
    assert (str(charge.opened), charge.max_penalty_years) == ("2022-11", 10)
    assert charge.death_penalty_possible is False and charge.followed_public_criticism is True
    assert str(case.extradition.requests[0].received) == "2024-05-23"
    assert case.extradition.requests[0].purpose == "prosecution"
    assert case.extradition.detentions[0].on_interpol_notice is True
    decision = case.protection[0].decisions[0]
    assert (str(decision.date), decision.outcome, decision.final) == ("2025-07", "refused", False)
    assert case.interpol[0].kind == "red_notice"
    assert case.sources[0].id == "lawyer-notes-2026"
    # "I don't know": absent (or `unknown`), never false
    assert charge.complaining_victim is None and person.serious_health_condition is None
    assert case.legal_basis.treaty_list_complete is None
    text = target.read_text()
    assert "complaining_victim" not in text and "in_requesting_state" not in text
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


def test_answers_from_standard_input(tmp_path):
    target = tmp_path / "client.yaml"
    result = new(str(target), "--answers", "-", "--no-assess", stdin=ANSWERS)
    assert result.exit_code == 0, result.output
    assert load_case(target).person.name == "Aigerim Fictional"


def test_scripted_answers_can_assess_at_once(tmp_path):
    target = tmp_path / "client.yaml"
    result = new(str(target), "--answers", "-", "--assess", stdin=ANSWERS)
    assert result.exit_code == 0, result.output
    assert "fictional-2026-01: risk of surrender" in result.output


def test_near_misses_in_answers_are_located_with_suggestions_and_nothing_is_written(tmp_path):
    answers = ANSWERS.replace("opposition member", "opposition").replace(
        "outcome: refused", "outcome: rejected").replace("transit: Turkiye", "transit: Turkey")
    answers += "anything_else: 1\n"
    target = tmp_path / "client.yaml"
    result = new(str(target), "--answers", "-", stdin=answers)
    assert result.exit_code == 2
    assert "<stdin>:8:3: person.profile: 'opposition' is not one of the allowed values " \
           "(did you mean one of opposition_member, opposition_leader?)" in result.output
    assert "'rejected' is not one of the allowed values (did you mean 'refused'?)" \
        in result.output
    assert "did you mean Türkiye (TR)?" in result.output
    assert "anything_else: the interview asks no such question" in result.output
    assert not target.exists()


def test_answers_the_assessor_would_refuse_write_nothing(tmp_path):
    answers = ANSWERS.replace("requested: Georgia", "requested: Kazakhstan")
    target = tmp_path / "client.yaml"
    result = new(str(target), "--answers", "-", stdin=answers)
    assert result.exit_code == 2
    assert "the requesting and requested states must differ" in result.output
    assert not target.exists()


def test_an_existing_file_is_never_overwritten_without_consent(tmp_path):
    target = tmp_path / "client.yaml"
    target.write_text("keep me\n")
    result = new(str(target), "--answers", "-", stdin=ANSWERS)
    assert result.exit_code == 2 and "the file exists; nothing written" in result.output
    assert target.read_text() == "keep me\n"
    result = new(str(target), "--answers", "-", "--overwrite", stdin=ANSWERS)
    assert result.exit_code == 0
    assert load_case(target).case_id == "fictional-2026-01"


def test_without_a_terminal_or_answers_the_command_says_how_to_script_it(tmp_path):
    result = new(str(tmp_path / "x.yaml"))
    assert result.exit_code == 2 and "--answers" in result.output


# --- --from: resume and amend ----------------------------------------------------------


@pytest.mark.parametrize("case", BUNDLED, ids=lambda p: p.stem)
def test_from_a_bundled_case_with_nothing_new_keeps_the_file_exactly(tmp_path, case):
    target = tmp_path / case.name
    result = new(str(target), "--from", str(case), "--answers", "-", stdin="{}\n")
    assert result.exit_code == 0, result.output
    assert target.read_text() == case.read_text()  # every field, every comment, every quote


@pytest.mark.parametrize("case", [c for c in BUNDLED if c.stem in
                                  ("smailova-montenegro", "template")], ids=lambda p: p.stem)
def test_from_a_bundled_case_typed_through_with_enter_keeps_the_file_exactly(tmp_path, case):
    outcome, _ = typed(tmp_path / case.name, "", from_file=case)
    assert outcome.written.read_text() == case.read_text()


def test_amending_a_case_changes_only_what_was_answered_and_keeps_comments(tmp_path):
    source = CASES / "smailova-montenegro.yaml"
    answers = """\
person:
  serious_health_condition: no
charges:
  - keep
  - offence: Fraud (amended)
  - keep
  - offence: Forgery
    opened: March 2025
"""
    original = load_case(source)
    assert len(original.charges) == 3  # the answers amend the second and add a fourth
    target = tmp_path / "amended.yaml"
    result = new(str(target), "--from", str(source), "--answers", "-", stdin=answers)
    assert result.exit_code == 0, result.output
    amended = load_case(target)
    assert amended.person.serious_health_condition is False
    assert amended.charges[-1].offence == "Forgery" and str(amended.charges[-1].opened) == \
        "2025-03"
    before = original.model_dump(mode="json")
    after = amended.model_dump(mode="json")
    after["person"]["serious_health_condition"] = before["person"]["serious_health_condition"]
    after["charges"][1]["offence"] = before["charges"][1]["offence"]
    after["charges"] = after["charges"][:-1]
    assert after == before  # nothing else moved
    comments = [line.split("#", 1)[1] for line in source.read_text().splitlines()
                if "#" in line and line.lstrip().startswith("#")]
    text = target.read_text()
    assert all(c in text for c in comments)


def test_from_writes_back_to_the_same_file_only_when_told_to(tmp_path):
    case = tmp_path / "client.yaml"
    case.write_bytes((CASES / "death-penalty.yaml").read_bytes())
    answers = "notes: Met the client again.\n"
    assert new("--from", str(case), "--answers", "-", stdin=answers).exit_code == 2
    result = new("--from", str(case), "--answers", "-", "--overwrite", stdin=answers)
    assert result.exit_code == 0
    assert load_case(case).notes == "Met the client again."


# --- the interview follows the model ---------------------------------------------------


def _model_paths(model, prefix=()) -> set[tuple[str, ...]]:
    found = set()
    for item in fields_of(model):
        path = (*prefix, item.name)
        found.add(path)
        inner = item.kind.item if item.kind.kind in (LIST, MAPPING) else item.kind
        if inner is not None and inner.kind == MODEL:
            found |= _model_paths(inner.model, path)
    return found


class Recorder:
    """Says yes to one entry of every list and records every question asked."""

    def __init__(self):
        self.asked: set[tuple[str, ...]] = set()
        self.keyed: set = set()
        self.choice_keys = {c for f in fields_of(Case) if f.kind.kind == MAPPING
                            for c in f.kind.choices}

    def section(self, section):
        pass

    def ask(self, question):
        # a mapping's entry (law.<fact>.value) counts as its model's field (law.value)
        self.asked.add(tuple(p for p in question.loc if not isinstance(p, int)
                             and p not in self.choice_keys))
        return UNKNOWN

    def confirm(self, loc, text, default):
        self.asked.add(tuple(p for p in loc if not isinstance(p, int)))
        return True

    def add_item(self, loc, index, text):
        self.asked.add(tuple(p for p in loc if not isinstance(p, int)))
        return index == 0

    def existing_item(self, loc, summary):
        return "review"

    def new_key(self, loc, choices, text):
        self.asked.add(tuple(p for p in loc if not isinstance(p, int)))
        first = loc not in self.keyed
        self.keyed.add(loc)
        return choices[0] if first and choices else None

    def tell(self, text):
        pass


def test_the_interview_asks_every_field_of_the_case_model():
    from assessor.interview import casefile

    document = casefile.load(CASES / "smailova-montenegro.yaml")  # sources exist: cited
    recorder = Recorder()
    Interview(recorder, document).run()
    # provenance (known_from, disputed sources) is recorded by editing the file, not asked
    missing = {path for path in _model_paths(Case)
               if not any(asked[:len(path)] == path for asked in recorder.asked)
               and not {"known_from", "disputed"} & set(path)}
    assert not missing, f"fields the interview never asks: {sorted(missing)}"


def test_sections_follow_a_first_meeting_and_end_with_everything_else():
    titles = [s.title for s in sections()]
    assert titles[:12] == ["The case", "The person", "The states", "The charges",
                           "Arrest and detention", "The treaty", "Protection claims",
                           "International involvement", "The Interpol notice",
                           "The evidence of risk", "The family", "The sources"]
    asked = {path.split(".")[0] for s in sections() for path in s.fields}
    assert asked == set(Case.model_fields)


def test_answers_for_a_model_value_not_yet_labelled_still_read(tmp_path):
    # a plain-language label is a courtesy: the value itself is always accepted
    document = parse("provenance: public_record\n", "<answers>")
    from assessor.interview.askers import ScriptedAsker
    from assessor.interview.fields import fields_of as fields
    from assessor.interview.walk import Question

    field = next(f for f in fields(Case) if f.name == "provenance")
    asker = ScriptedAsker(document)
    assert asker.ask(Question(("provenance",), field, "?", None, field.kind.choices)) == \
        "public_record"


def test_an_answer_that_says_what_the_file_says_leaves_its_layout_alone(tmp_path):
    # a block list with a comment on an item stays as written when Enter keeps it
    case = tmp_path / "client.yaml"
    case.write_text("case_id: x\nperson:\n  name: A Person\n  nationalities:\n"
                    "    - KZ   # by birth\n    - RU\nstates: {requesting: KZ, requested: ME}\n")
    outcome, _ = typed(tmp_path / "out.yaml", "", from_file=case)
    assert outcome.written.read_text() == case.read_text()


@pytest.mark.parametrize("typed_date, iso", [
    ("23 May 2024", "2024-05-23"), ("23.05.2024", "2024-05-23"), ("May 2024", "2024-05"),
    ("05/2024", "2024-05"), ("2024", "2024"), ("2024-05", "2024-05"),
    ("March 3rd, 2021", "2021-03-03"), ("5/6/2024", "2024-06-05"),
])
def test_dates_are_read_in_any_common_form_to_their_precision(typed_date, iso):
    from assessor.interview.answers import parse_date

    assert str(parse_date(typed_date)) == iso


@pytest.mark.parametrize("typed_date, says", [
    ("May", "has no year"), ("2024-02-30", "2024-02 has no day 30"), ("soon", "not a date"),
])
def test_a_date_that_cannot_be_read_says_why(typed_date, says):
    from assessor.interview.answers import parse_date

    with pytest.raises(ValueError, match=says):
        parse_date(typed_date)


def test_the_law_the_lawyer_checked_is_recorded_by_fact(tmp_path):
    answers = ANSWERS + ("law:\n  requested_bound_by_echr:\n    value: true\n"
                         "    note: Council of Europe chart of signatures checked\n")
    target = tmp_path / "client.yaml"
    result = new(str(target), "--answers", "-", stdin=answers)
    assert result.exit_code == 0, result.output
    statement = load_case(target).law["requested_bound_by_echr"]
    assert statement.value is True and statement.note.startswith("Council of Europe")


def test_a_fact_the_law_section_does_not_know_is_refused(tmp_path):
    answers = ANSWERS + "law:\n  requested_is_nice:\n    value: true\n"
    result = new(str(tmp_path / "c.yaml"), "--answers", "-", stdin=answers)
    assert result.exit_code == 2
    assert "law.requested_is_nice: the interview asks no such question" in result.output
