"""Problems in a user's file, located to the line and column, written for people."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

Loc = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a file: where, what, and what would be right."""

    file: str
    line: int
    column: int
    path: str
    message: str
    hint: str = ""
    warning: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        what = f"{self.path}: {self.message}" if self.path else self.message
        tail = f" ({self.hint})" if self.hint else ""
        return _one_line(f"{where}: {'warning: ' if self.warning else ''}{what}{tail}")


def _one_line(text: str) -> str:
    # keys and values quoted from the file may hold line breaks or terminal controls; a
    # problem stays one line and prints them escaped, as \n or \u2028
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class InputError(Exception):
    """Raised when a case or rule file cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def dotted(loc: Loc) -> str:
    """('person', 'nationalities', 0) -> 'person.nationalities[0]'."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


# words that mean one allowed value without being a prefix or a spelling of it
SYNONYMS = {
    "rejected": "refused",
    "denied": "refused",
    "dismissed": "appeal_dismissed",
    "appealed": "appeal_filed",
    "approved": "granted",
    "accepted": "granted",
    "interpol_red_notice": "red_notice",
    "refugee": "asylum",
    "lawyer": "lawyer_note",
    "ngo": "ngo_report",
    "un": "un_document",
    "court": "court_decision",
}


def suggest(value: object, choices: tuple[str, ...] | list[str]) -> list[str]:
    """The allowed values a near miss most likely meant: `opposition` -> `opposition_member`
    and `opposition_leader`, `rejected` -> `refused`, `jurnalist` -> `journalist`; none when
    nothing is close enough to suggest honestly."""
    text = str(value).strip().lower().replace(" ", "_").replace("-", "_")
    if not text:
        return []
    if SYNONYMS.get(text) in choices:
        return [SYNONYMS[text]]
    if len(text) >= 3:
        prefixed = [c for c in choices if c.startswith(text)]
        if prefixed:
            return prefixed[:3]
    words = [c for c in choices if text in c.split("_")]
    if words:
        return words[:3]
    return difflib.get_close_matches(text, list(choices), n=1, cutoff=0.6)


def choice_hint(value: object, choices: tuple[str, ...] | list[str]) -> str:
    """'did you mean ...?' for a near miss, else the list of allowed values."""
    close = suggest(value, choices)
    if len(close) == 1:
        return f"did you mean '{close[0]}'?"
    if close:
        return "did you mean one of " + ", ".join(close) + "?"
    return "one of " + ", ".join(choices)
