"""Case -> a redacted Case for sharing, and the check that no secret survives in a report.

Redaction happens before the assessment, so every text built from the case (explanations,
findings, the conclusion, the timeline) is built from the redacted case. Only text is
replaced: dates, yes/no facts and counts stay, so the judgement is the same as the
unredacted one. Free text can name the person in ways no field announces ("Smailova and
her husband"), so every part of a name is a secret too, matched as a whole word in any
case. After rendering, `surviving_secrets` scans the output; the CLI refuses to write a
report in which one survives.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from pydantic import BaseModel

from .model import Case, Event
from .output import OutputError

PERSON = "[PERSON]"
ADDRESS = "[ADDRESS]"
HEALTH = "[HEALTH]"
NOTES = "[NOTES]"
PERSONAL_EVENT = "[PERSONAL EVENT]"
MIN_PART = 3  # shorter name parts ("Li", "de") would blank ordinary words


class SecretSurvived(OutputError):
    """A redacted string would appear in the report: nothing is written."""


@dataclass
class Redaction:
    """What to replace, with what. `secrets` maps each secret text to its placeholder."""

    secrets: dict[str, str] = field(default_factory=dict)

    def add(self, text: str | None, placeholder: str, *, parts: bool = False) -> None:
        if not text or not text.strip():
            return
        whole = " ".join(text.split())
        self.secrets.setdefault(whole, placeholder)
        if parts:
            for part in re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", whole):
                if len(part) >= MIN_PART:
                    self.secrets.setdefault(part, placeholder)

    def pattern(self) -> re.Pattern[str] | None:
        if not self.secrets:
            return None
        # longest first, so "Dinara Smailova" is replaced whole before "Dinara"
        alternatives = sorted(self.secrets, key=len, reverse=True)
        body = "|".join(r"\s+".join(map(re.escape, s.split())) for s in alternatives)
        return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)

    def apply(self, text: str) -> str:
        pattern = self.pattern()
        if pattern is None:
            return text
        lookup = {k.casefold(): v for k, v in self.secrets.items()}
        return pattern.sub(lambda m: lookup.get(" ".join(m.group(0).split()).casefold(),
                                                PERSON), text)


def secrets_of(case: Case) -> Redaction:
    """Every identifying string of the case, each with its consistent placeholder."""
    r = Redaction()
    person = case.person
    r.add(person.name, PERSON, parts=True)
    for alias in person.aliases:
        r.add(alias, PERSON, parts=True)
    for index, relative in enumerate((x for x in person.family if x.name), 1):
        r.add(relative.name, f"[RELATIVE-{index}]", parts=True)
    r.add(person.address, ADDRESS)
    for index, document in enumerate((d for d in person.documents if d.number), 1):
        r.add(document.number, f"[DOCUMENT-{index}]")
    if person.birth_date is not None:
        r.add(str(person.birth_date), "[BIRTH DATE]")
    r.add(person.health, HEALTH)
    r.add(case.notes, NOTES)
    for event in case.events:
        if event.personal:
            r.add(event.title, PERSONAL_EVENT)
            r.add(event.detail, PERSONAL_EVENT)
    return r


def redact_case(case: Case) -> tuple[Case, Redaction]:
    """The case with every identifying string replaced, and the secrets to scan for."""
    redaction = secrets_of(case)
    person = case.person
    # number the relatives as secrets_of did: only those with a name count
    named = iter(range(1, len(person.family) + 1))
    family = [rel.model_copy(update={"name": f"[RELATIVE-{next(named)}]"}) if rel.name else rel
              for rel in person.family]
    named_docs = iter(range(1, len(person.documents) + 1))
    documents = [d.model_copy(update={"number": f"[DOCUMENT-{next(named_docs)}]"})
                 if d.number else d for d in person.documents]
    person = person.model_copy(update={
        "name": PERSON, "aliases": [], "family": family, "documents": documents,
        "address": ADDRESS if person.address else None,
        "health": HEALTH if person.health else None,
        # the birth date is text nobody needs to share; no rule reads it
        "birth_date": None,
    })
    events = [_redact_event(e) for e in case.events]
    case = case.model_copy(update={
        "person": person, "events": events, "notes": NOTES if case.notes else None,
        "case_id": _redact_identifier(case.case_id, redaction),
    })
    return _replace_text(case, redaction), redaction


def _redact_event(event: Event) -> Event:
    if not event.personal:
        return event
    return event.model_copy(update={"title": PERSONAL_EVENT, "detail": None})


def _redact_identifier(identifier: str, redaction: Redaction) -> str:
    """A case id keeps its shape (letters, digits, - . _) so file names stay valid."""
    return redaction.apply(identifier).replace("[", "").replace("]", "").replace(" ", "-")


def _replace_text(node: Any, redaction: Redaction) -> Any:
    if isinstance(node, str):
        return redaction.apply(node)
    if isinstance(node, list):
        return [_replace_text(item, redaction) for item in node]
    if isinstance(node, BaseModel):
        updates = {}
        for name in type(node).model_fields:
            value = getattr(node, name)
            if isinstance(value, (str, list, BaseModel)):
                new = _replace_text(value, redaction)
                if new != value:
                    updates[name] = new
        return node.model_copy(update=updates) if updates else node
    return node


def redact_file_name(name: str | None, redaction: Redaction) -> str | None:
    return None if name is None else _redact_identifier(name, redaction)


def surviving_secrets(text: str, redaction: Redaction) -> list[str]:
    """The secrets that still appear in rendered output, however the format escaped them."""
    pattern = redaction.pattern()
    if pattern is None:
        return []
    found: dict[str, None] = {}
    for view in _views(text):
        for match in pattern.finditer(view):
            found[" ".join(match.group(0).split())] = None
    return list(found)


def check_redacted(text: str, redaction: Redaction) -> None:
    """Raise SecretSurvived if a redacted string is in the report. The message names the
    placeholders, not the secrets: it may end up in a log."""
    found = surviving_secrets(text, redaction)
    if found:
        lookup = {k.casefold(): v for k, v in redaction.secrets.items()}
        kinds = sorted({lookup.get(s.casefold(), PERSON) for s in found})
        raise SecretSurvived(
            f"refusing to write a redacted report: {len(found)} redacted string(s) "
            f"({', '.join(kinds)}) would still appear in it; nothing was written")


def _views(text: str) -> Iterable[str]:
    """The text as written, and as a reader sees it once HTML entities and Markdown
    backslash escapes are undone (so "O&#39;Brien" and "O\\_Brien" are caught too)."""
    yield text
    plain = html.unescape(text)
    yield plain
    yield re.sub(r"\\(.)", r"\1", plain)
