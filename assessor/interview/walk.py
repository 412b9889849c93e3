"""The interview: the case model's fields asked section by section, answers put in the file.

The walk reads the model (`fields.fields_of`), not a copy of it: a field added to the model is
asked in the section of its part, or under "Anything else" when it is a new part of the case.
It asks through an `Asker` (the terminal, or a file of answers) and writes each answer into
the round-trip document, touching only what changed, so a file walked with `--from` keeps its
comments and everything the interview does not cover.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Protocol

import yaml
from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..dates import PartialDate
from ..model import Case
from ..problems import Loc
from .answers import KEEP, UNKNOWN, Unknown, date_value
from .casefile import flow_list, put
from .fields import (CHOICE, DATE, LIST, MAPPING, MODEL, OTHER, TEXT, Field, Kind, fields_of,
                     label)


@dataclass(frozen=True)
class Section:
    title: str
    intro: str
    fields: tuple[str, ...]
    skip: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def sections() -> tuple[Section, ...]:
    """The sections of sections.yaml, then 'Anything else' for every part they do not name."""
    text = resources.files(__package__).joinpath("sections.yaml").read_text(encoding="utf-8")
    found = [Section(s["title"], " ".join(s.get("intro", "").split()), tuple(s["fields"]),
                     tuple(s.get("skip", ()))) for s in yaml.safe_load(text)]
    named = {path.split(".")[0] for s in found for path in s.fields}
    rest = tuple(name for name in Case.model_fields if name not in named)
    if rest:
        found.append(Section("Anything else", "The date to assess the case as of, other dated "
                             "events for the timeline, and free notes.", rest))
    return tuple(found)


@dataclass
class Question:
    """One question: where its answer goes, what kind of answer, and the current value."""

    loc: Loc
    field: Field
    text: str
    default: Any = None  # the value in the file, as the file holds it (None: none yet)
    choices: tuple[str, ...] = ()  # for a choice, or a list of choices

    @property
    def kind(self) -> Kind:
        return self.field.kind


class Asker(Protocol):
    """Where answers come from: the terminal (questionary) or a file of answers."""

    def section(self, section: Section) -> None: ...

    def ask(self, question: Question) -> Any: ...

    def confirm(self, loc: Loc, text: str, default: bool | None) -> bool | Unknown: ...

    def add_item(self, loc: Loc, index: int, text: str) -> bool: ...

    def existing_item(self, loc: Loc, summary: str) -> str: ...  # keep | review | remove

    def new_key(self, loc: Loc, choices: tuple[str, ...], text: str) -> str | None: ...

    def tell(self, text: str) -> None: ...


@dataclass
class Interview:
    asker: Asker
    document: CommentedMap
    dropped: list[str] = field(default_factory=list)

    def run(self) -> None:
        for section in sections():
            self.run_section(section)

    def run_section(self, section: Section) -> None:
        self.asker.section(section)
        for path in section.fields:
            self._walk_path(Case, self.document, (), path.split("."), set(section.skip))

    def _walk_path(self, model: type[BaseModel], mapping: CommentedMap, loc: Loc,
                   parts: list[str], skip: set[str]) -> None:
        by_name = {f.name: f for f in fields_of(model)}
        first = by_name[parts[0]]
        if len(parts) == 1:
            self._field(model, mapping, first, (*loc, first.name), skip)
            return
        # a part inside a group (person.family): walk into the group, creating it if needed
        child = mapping.get(first.name)
        created = not isinstance(child, CommentedMap)
        if created:
            child = CommentedMap()
        self._walk_path(first.kind.model, child, (*loc, first.name), parts[1:], skip)
        if created and child:
            put(mapping, first.name, child, list(model.model_fields), first.description,
                2 * len(loc))

    # --- one part of the case --------------------------------------------------------

    def walk_model(self, model: type[BaseModel], mapping: CommentedMap, loc: Loc,
                   skip: set[str] = frozenset()) -> None:
        # `personal` (a mark for --redact that any item may carry) is asked last, after
        # what it marks
        for item in sorted(fields_of(model), key=lambda f: f.name == "personal"):
            if _plain((*loc, item.name)) in skip or item.name in ("known_from", "disputed"):
                continue  # provenance (when known, disagreeing sources): edited in the file
            self._field(model, mapping, item, (*loc, item.name), skip)

    def _field(self, model: type[BaseModel], mapping: CommentedMap, item: Field, loc: Loc,
               skip: set[str]) -> None:
        kind = item.kind
        if kind.kind == MODEL:
            self._group(model, mapping, item, loc, skip)
        elif kind.kind == LIST and kind.item and kind.item.kind == MODEL:
            self._list_of_groups(model, mapping, item, loc, skip)
        elif kind.kind == MAPPING and kind.item and kind.item.kind == MODEL and kind.choices:
            self._mapping_of_groups(model, mapping, item, loc, skip)
        elif item.name == "sources" and len(loc) > 1:
            self._citations(model, mapping, item, loc)
        else:
            self._value(model, mapping, item, loc)

    def _group(self, model, mapping, item: Field, loc: Loc, skip: set[str]) -> None:
        child = mapping.get(item.name)
        present = isinstance(child, CommentedMap)
        if not item.required and item.default is None:
            # an optional group (a deferral, a reply): ask whether there is one first
            answer = self.asker.confirm(loc, f"{item.description} Is there one?",
                                        True if present else None)
            if answer is UNKNOWN or answer is False:
                if answer is False and present:
                    del mapping[item.name]
                return
        if not present:
            child = CommentedMap()
        self.walk_model(item.kind.model, child, loc, skip)
        if not present and child:
            put(mapping, item.name, child, list(model.model_fields), item.description,
                2 * len(loc[:-1]))

    def _list_of_groups(self, model, mapping, item: Field, loc: Loc, skip: set[str]) -> None:
        entries = mapping.get(item.name)
        present = isinstance(entries, list)
        if not present:
            entries = CommentedSeq()
        group = item.kind.item.model
        removed = []
        for index, entry in enumerate(entries):
            if not isinstance(entry, CommentedMap):
                continue  # not a group: the strict loader reports it; leave it as written
            action = self.asker.existing_item((*loc, index), _summary(group, entry))
            if action == "remove":
                removed.append(index)
            elif action == "review":
                self.walk_model(group, entry, (*loc, index), skip)
        for index in reversed(removed):
            del entries[index]
        index = len(entries) + len(removed)
        noun = item.description or item.name
        while self.asker.add_item(loc, index, f"{noun} Add {'another' if entries else 'one'}?"):
            entry = CommentedMap()
            self.walk_model(group, entry, (*loc, index), skip)
            index += 1
            missing = [f.name for f in fields_of(group) if f.required and f.name not in entry]
            if missing:
                what = f"{item.name}: an entry without {', '.join(missing)}"
                self.dropped.append(what)
                self.asker.tell(f"Not recorded ({what}, which the case file needs). "
                                "Add it when it is known.")
                continue
            if entry:
                entries.append(entry)
        if not present and entries:
            put(mapping, item.name, entries, list(model.model_fields), item.description,
                2 * len(loc[:-1]))

    def _mapping_of_groups(self, model, mapping, item: Field, loc: Loc, skip: set[str]) -> None:
        """A mapping from named facts to groups (`law:`): entries kept, gone through, removed
        or added by name."""
        entries = mapping.get(item.name)
        present = isinstance(entries, dict)
        if not present:
            entries = CommentedMap()
        group = item.kind.item.model
        for key in list(entries):
            if not isinstance(entries[key], CommentedMap):
                continue  # the short form (`fact: true`): left as written
            action = self.asker.existing_item((*loc, key), _summary(group, entries[key]))
            if action == "remove":
                del entries[key]
            elif action == "review":
                self.walk_model(group, entries[key], (*loc, key), skip)
        tried: set[str] = set()
        while True:
            remaining = tuple(c for c in item.kind.choices if c not in entries and c not in tried)
            key = self.asker.new_key(loc, remaining, f"{item.description} Add an entry?")
            if key is None or key not in remaining:
                break
            tried.add(key)
            entry = CommentedMap()
            self.walk_model(group, entry, (*loc, key), skip)
            if entry:
                entries[key] = entry
        if not present and entries:
            put(mapping, item.name, entries, list(model.model_fields), item.description,
                2 * len(loc[:-1]))

    def _citations(self, model, mapping, item: Field, loc: Loc) -> None:
        ids = tuple(str(s.get("id")) for s in self.document.get("sources") or []
                    if isinstance(s, dict) and s.get("id"))
        if not ids:
            return  # no sources yet: citations are added once the sources are listed
        self._value(model, mapping, item, loc, choices=ids)

    def _value(self, model, mapping, item: Field, loc: Loc, choices=()) -> None:
        current = mapping.get(item.name)
        question = Question(loc, item, _question_text(item), current,
                            choices or item.kind.choices or (item.kind.item.choices
                                                             if item.kind.item else ()))
        answer = self.asker.ask(question)
        if answer is KEEP:
            return
        order = list(model.model_fields)
        if answer is UNKNOWN:
            if item.name not in mapping:
                if item.required and item.kind.kind == TEXT:
                    put(mapping, item.name, "unknown", order, item.description, 2 * len(loc[:-1]))
                return
            if _same(item.kind, current, None):
                return
            if item.kind.unknown_allowed:
                mapping[item.name] = "unknown"  # said so: known before, unknown now
            elif item.required and item.kind.kind == TEXT:
                mapping[item.name] = "unknown"
            elif not item.required:
                del mapping[item.name]
            return
        if item.name in mapping and _same(item.kind, current, answer):
            return  # unchanged: keep the value as written (quoting, flow style, comment)
        put(mapping, item.name, _to_yaml(item.kind, answer), order, item.description,
            2 * len(loc[:-1]))


def _plain(loc: Loc) -> str:
    return ".".join(str(p) for p in loc if not isinstance(p, int))


def _question_text(item: Field) -> str:
    description = item.description or item.name.replace("_", " ")
    return f"{description} [{item.name}]"


def _summary(model: type[BaseModel], entry: CommentedMap) -> str:
    shown = [str(entry[f.name]) for f in fields_of(model)
             if f.name in entry and f.kind.kind in (TEXT, DATE, CHOICE) and entry[f.name]]
    text = ", ".join(shown[:3])
    return text if len(text) <= 90 else text[:89] + "…"


def _to_yaml(kind: Kind, answer: Any) -> Any:
    if kind.kind == LIST:
        return flow_list([_to_yaml(kind.item, a) for a in answer])
    if isinstance(answer, PartialDate):
        return date_value(answer)
    return answer


def _same(kind: Kind, current: Any, answer: Any) -> bool:
    """Whether the file already says what the answer says (so it is left as written)."""
    if kind.kind == LIST:
        if not isinstance(current, list) or not isinstance(answer, list):
            return (current in (None, []) or current == "unknown") and answer in (None, [])
        return len(current) == len(answer) and all(
            _same(kind.item, c, a) for c, a in zip(current, answer))
    if current is None or (isinstance(current, str) and current.strip().lower() == "unknown"):
        return answer is None
    if answer is None:
        return False
    if kind.kind == DATE:
        try:
            return str(PartialDate.parse(current)) == str(answer)
        except ValueError:
            return False
    if kind.kind in (OTHER, MAPPING):
        return current == answer
    if isinstance(answer, bool) or isinstance(current, bool):
        return current is answer
    # folded text (`>`) ends in a line break the prompt does not keep: compare the words
    return " ".join(str(current).split()) == " ".join(str(answer).split())
