"""Where the interview's answers come from: the terminal, or a file of answers.

`TerminalAsker` asks with questionary (on prompt_toolkit): arrow-key choices with plain labels,
country names completed while typing, dates confirmed back as ISO. `ScriptedAsker` reads the
same answers from a YAML file laid out like a case file, through the same readers, so that a
scripted interview and a typed one write the same case file.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Callable

from ..problems import InputError, Loc, Problem, dotted
from ..yamlfile import Document
from .answers import (KEEP, UNKNOWN, Unknown, country_choices, country_label, parse_date,
                      spell_date)
from .fields import CHOICE, COUNTRY, DATE, FLAG, LIST, YES_NO, key_meaning, label
from .reading import read
from .walk import Question, Section

DONT_KNOW = "I don't know"


class ScriptedAsker:
    """Answers from a YAML mapping laid out like the case file (values in any common form).

    A field the answers do not mention keeps the file's value (or stays unknown); a list entry
    that is the word `remove` removes that entry of the file; an answer for a field the
    interview never asks is an error, so a misspelt key is never silently ignored.
    """

    def __init__(self, document: Document | None, say: Callable[[str], None] = lambda _: None,
                 text: str = ""):
        self.document = document
        self.data = document.data if document is not None else {}
        self.say = say
        self.used: set[Loc] = set()  # where the interview looked
        self.read: set[Loc] = set()  # the answers it read, with everything inside them
        self.problems: list[Problem] = []
        self.text = text

    def _find(self, loc: Loc) -> tuple[bool, Any]:
        node = self.data
        for part in loc:
            if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
                node = node[part]
            elif isinstance(part, str) and isinstance(node, dict) and part in node:
                node = node[part]
            else:
                return False, None
        for end in range(len(loc) + 1):
            self.used.add(tuple(loc[:end]))
        return True, node

    def section(self, section: Section) -> None:
        pass

    def ask(self, question: Question) -> Any:
        found, raw = self._find(question.loc)
        if not found:
            return KEEP
        self.read.add(tuple(question.loc))
        raw = self._as_written(question.loc, raw)
        try:
            return read(question.field, raw, question.choices)
        except ValueError as error:
            self.problems.append(self.document.problem(question.loc, str(error), at_value=True))
            return KEEP

    def confirm(self, loc: Loc, text: str, default: bool | None) -> bool | Unknown:
        found, raw = self._find(loc)
        if found:
            return raw not in (False, None, "no", "none")
        return UNKNOWN if default is None else default

    def add_item(self, loc: Loc, index: int, text: str) -> bool:
        found, raw = self._find(loc)
        return found and isinstance(raw, list) and index < len(raw)

    def existing_item(self, loc: Loc, summary: str) -> str:
        found, raw = self._find(loc)
        if not found or raw == "keep":
            return "keep"
        if raw == "remove":
            return "remove"
        return "review"

    def new_key(self, loc: Loc, choices: tuple[str, ...], text: str) -> str | None:
        found, raw = self._find(loc)
        if not found or not isinstance(raw, dict):
            return None
        return next((key for key in raw if key in choices), None)

    def tell(self, text: str) -> None:
        self.say(text)

    def finish(self) -> None:
        """Raise InputError for every answer the interview did not read, or could not."""
        problems = list(self.problems)
        problems += self._unread(self.data, ())
        if problems:
            raise InputError(problems)

    def _as_written(self, loc: Loc, raw: Any) -> Any:
        """A number such as 11.2020 (a month) as typed, not as the float 11.202."""
        if isinstance(raw, list):
            return [self._as_written((*loc, i), item) for i, item in enumerate(raw)]
        if not isinstance(raw, float) or self.document is None or not self.text:
            return raw
        line, column = self.document.value_positions.get(tuple(loc), (0, 0))
        lines = self.text.splitlines()
        if not 0 < line <= len(lines):
            return raw
        match = re.match(r"[^,\]\}#\s]+", lines[line - 1][column - 1:])
        return match.group() if match else raw

    def _unread(self, node: Any, loc: Loc) -> list[Problem]:
        if loc in self.read:
            return []
        if loc and loc not in self.used:
            siblings = self._siblings(loc)
            close = difflib.get_close_matches(str(loc[-1]), siblings, n=1)
            hint = f"did you mean '{close[0]}'?" if close else \
                "answers are laid out like a case file; see docs/case-format.md"
            return [self.document.problem(loc, "the interview asks no such question", hint)]
        found: list[Problem] = []
        if isinstance(node, dict):
            for key, value in node.items():
                found += self._unread(value, (*loc, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                found += self._unread(value, (*loc, index))
        return found

    def _siblings(self, loc: Loc) -> list[str]:
        from ..model import Case
        from ..validation import _field_names

        return _field_names(Case, loc[:-1])


class TerminalAsker:
    """The interview in a terminal; `input` and `output` let tests drive the real prompts."""

    def __init__(self, say: Callable[[str], None], input=None, output=None):
        self.say = say
        self.io = {k: v for k, v in (("input", input), ("output", output)) if v is not None}

    def section(self, section: Section) -> None:
        self.say(f"\n== {section.title} ==\n{section.intro}")

    def ask(self, question: Question) -> Any:
        kind = question.kind
        if kind.kind in (YES_NO, FLAG):
            return self._yes_no(question.text, question.default)
        if kind.kind == CHOICE:
            return self._choice(question)
        if kind.kind == LIST and kind.item is not None and question.choices:
            return self._checkbox(question)
        return self._typed(question)

    def _yes_no(self, text: str, default: Any) -> bool | Unknown:
        import questionary

        current = {True: "Yes", False: "No"}.get(default, DONT_KNOW) \
            if isinstance(default, bool) or default is None else DONT_KNOW
        answer = questionary.select(text, choices=["Yes", "No", DONT_KNOW], default=current,
                                    **self.io).unsafe_ask()
        return {"Yes": True, "No": False}.get(answer, UNKNOWN)

    def _choice(self, question: Question) -> Any:
        import questionary

        choices = [questionary.Choice(f"{label(c, question.field.name)}  [{c}]", value=c)
                   for c in question.choices]
        choices.append(questionary.Choice(DONT_KNOW, value=UNKNOWN))
        default = question.default if question.default in question.choices else UNKNOWN
        answer = questionary.select(question.text, choices=choices,
                                    default=next(c for c in choices if c.value == default),
                                    **self.io).unsafe_ask()
        return answer

    def _checkbox(self, question: Question) -> Any:
        import questionary

        current = {str(v) for v in question.default or []}
        choices = [questionary.Choice(f"{label(c, question.field.name)}  [{c}]", value=c,
                                      checked=c in current) for c in question.choices]
        answer = questionary.checkbox(question.text + " (space to tick; none: I don't know)",
                                      choices=choices, **self.io).unsafe_ask()
        return answer or UNKNOWN

    def _typed(self, question: Question) -> Any:
        import questionary

        kind = question.kind
        default = _shown(question)
        hint = _typing_hint(question)

        def valid(text: str) -> bool | str:
            try:
                read(question.field, text, question.choices)
            except ValueError as error:
                return str(error)
            return True

        while True:
            prompt = dict(default=default, validate=valid, **self.io)
            if kind.kind == COUNTRY:  # one country: completed while typing
                text = questionary.autocomplete(f"{question.text} {hint}",
                                                choices=country_choices(), match_middle=True,
                                                ignore_case=True, **prompt).unsafe_ask()
            else:
                text = questionary.text(question.text, instruction=hint, **prompt).unsafe_ask()
            value = read(question.field, text, question.choices)
            if not _needs_date_check(kind, text, value):
                return value
            dates = value if isinstance(value, list) else [value]
            spelled = "; ".join(spell_date(d) for d in dates)
            if questionary.confirm(f"Read as {spelled}. Right?", default=True,
                                   **self.io).unsafe_ask():
                return value
            default = text

    def confirm(self, loc: Loc, text: str, default: bool | None) -> bool | Unknown:
        return self._yes_no(text, default)

    def add_item(self, loc: Loc, index: int, text: str) -> bool:
        import questionary

        return bool(questionary.confirm(text, default=False, **self.io).unsafe_ask())

    def existing_item(self, loc: Loc, summary: str) -> str:
        import questionary

        return questionary.select(
            f"{dotted(loc)}: {summary}",
            choices=[questionary.Choice("keep as it is", value="keep"),
                     questionary.Choice("go through it", value="review"),
                     questionary.Choice("remove it", value="remove")],
            **self.io).unsafe_ask()

    def new_key(self, loc: Loc, choices: tuple[str, ...], text: str) -> str | None:
        import questionary

        if not choices:
            return None
        options = [questionary.Choice("no (more) entries", value=None)]
        options += [questionary.Choice(f"{key_meaning(c)}  [{c}]", value=c) for c in choices]
        return questionary.select(text, choices=options, **self.io).unsafe_ask()

    def tell(self, text: str) -> None:
        self.say(text)

    def choose(self, text: str, options: list[tuple[str, str]]) -> str:
        import questionary

        return questionary.select(text, choices=[questionary.Choice(t, value=v)
                                                 for v, t in options], **self.io).unsafe_ask()

    def yes(self, text: str, default: bool = False) -> bool:
        import questionary

        return bool(questionary.confirm(text, default=default, **self.io).unsafe_ask())


def _shown(question: Question) -> str:
    value = question.default
    if value is None:
        return ""
    kind = question.kind
    if isinstance(value, list):
        separator = "; " if kind.item is not None and kind.item.kind not in (
            COUNTRY, DATE, CHOICE) else ", "
        return separator.join(str(v) for v in value)
    if kind.kind == COUNTRY:
        return country_label(str(value))
    return str(value)


def _typing_hint(question: Question) -> str:
    kind = question.kind.item.kind if question.kind.kind == LIST else question.kind.kind
    several = question.kind.kind == LIST
    words = {DATE: "a date in any form, e.g. 23 May 2024, May 2024, 2024",
             COUNTRY: "a name or code, e.g. Kazakhstan or KZ"}.get(kind, "")
    if several:
        words = (words + "; " if words else "") + (
            "separate several with ;" if kind not in (COUNTRY, DATE) else "separate with ,")
    return f"({words + '; ' if words else ''}empty or ? if you don't know)"


def _needs_date_check(kind, text: str, value: Any) -> bool:
    if value is UNKNOWN:
        return False
    is_date = kind.kind == DATE or (kind.kind == LIST and kind.item.kind == DATE)
    if not is_date:
        return False
    # an ISO date typed as ISO needs no confirmation; anything else is read back
    dates = value if isinstance(value, list) else [value]
    return ", ".join(str(d) for d in dates) != text.strip()


__all__ = ["ScriptedAsker", "TerminalAsker", "DONT_KNOW", "parse_date"]
