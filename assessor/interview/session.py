"""`assess new`: run the interview, review the answers, check and write the case file."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..problems import InputError, Problem
from ..yamlfile import Document
from . import casefile
from .askers import ScriptedAsker, TerminalAsker
from .walk import Interview, sections


@dataclass
class Outcome:
    written: Path | None
    assess: bool = False


class Refused(Exception):
    """The interview cannot go on (a file would be overwritten without consent)."""


def run(target: Path | None, *, from_file: Path | None = None,
        answers: tuple[Document, str] | None = None, overwrite: bool = False,
        say: Callable[[str], None] = print, input=None, output=None) -> Outcome:
    """Interview, review, write. Scripted when `answers` is given, else in the terminal."""
    document = casefile.load(from_file) if from_file else casefile.new_document()
    target = target or from_file
    scripted = answers is not None
    asker = ScriptedAsker(*answers[:1], say, answers[1]) if scripted else TerminalAsker(say, input, output)
    if target is not None:
        _may_write(target, overwrite, asker, scripted)
        if "case_id" not in document:  # a sensible default the lawyer can change
            document["case_id"] = _slug(target.stem)
    interview = Interview(asker, document)
    if not scripted:
        say("Answer what you know; every question accepts 'I don't know' (empty, or ?), "
            "which is recorded as unknown, never as 'no'.")
    interview.run()
    if scripted:
        asker.finish()
    if target is None:
        target = Path(f"{_slug(str(document.get('case_id') or 'case'))}.yaml")
        _may_write(target, overwrite, asker, scripted)
    while True:
        text = casefile.dump(document)
        problems = check(text, str(target))
        if scripted:
            if problems:
                raise InputError(problems)
            break
        choice = _review(asker, text, problems, say)
        if choice == "write":
            break
        if choice == "quit":
            say("Nothing written.")
            return Outcome(None)
        interview.run_section(next(s for s in sections() if s.title == choice))
    from ..output import write_private

    write_private(target, text)
    say(f"Written: {target} (readable only by you)")
    if problems:
        say("It needs the changes above before it can be assessed.")
        return Outcome(target)
    if scripted:
        return Outcome(target)
    return Outcome(target, asker.yes("Assess it now?", default=True))


def check(text: str, display: str) -> list[Problem]:
    """Every problem the assessor would find in the file, as it would be written."""
    from ..caseload import case_from_text

    try:
        case_from_text(text, display)
    except InputError as error:
        return error.problems
    return []


def _review(asker: TerminalAsker, text: str, problems: list[Problem], say) -> str:
    say("\n== Review: the case file as it will be written ==\n" + text)
    if problems:
        say("The assessor would refuse it as it stands:")
        for problem in problems:
            say(f"  {problem}")
    changes = [(s.title, f"Change: {s.title}") for s in sections()]
    if problems:  # Enter goes back to the interview, not to a file the assessor refuses
        options = [*changes, ("write", "Write the file anyway (to finish by hand)")]
    else:
        options = [("write", "Write the file"), *changes]
    options.append(("quit", "Quit without writing"))
    return asker.choose("What next?", options)


def _may_write(target: Path, overwrite: bool, asker, scripted: bool) -> None:
    if target.is_dir():
        raise InputError([Problem(str(target), 1, 1, "", "is a folder",
                                  "name the case file to write, e.g. client-2025-01.yaml")])
    if not target.parent.is_dir() and str(target.parent):
        raise InputError([Problem(str(target), 1, 1, "", "the folder does not exist")])
    if not target.exists() or overwrite:
        return
    if scripted or not asker.yes(f"{target} exists. Replace it with the new version at the "
                                 "end?", default=False):
        raise InputError([Problem(str(target), 1, 1, "", "the file exists; nothing written",
                                  "pass --overwrite to replace it, or name another file")])


def _slug(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-.")
    return slug or "case"


def read_answers(source: str) -> tuple[Document, str]:
    """The answers file (or `-`: standard input), read by the project's strict YAML reader,
    and its text (a date such as 11.2020 is read as typed, not as a number)."""
    from ..yamlfile import parse, read_text

    if source == "-":
        text, display = sys.stdin.read(), "<stdin>"
    else:
        text, display = read_text(Path(source), source), source
    document = parse(text, display)
    if not isinstance(document.data, dict):
        raise InputError([document.problem((), "the answers are not a mapping of fields",
                                           "lay them out like a case file: `field: value`")])
    return document, text
