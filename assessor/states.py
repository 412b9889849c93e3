"""The law that binds a state on a date: reference data, each fact dated and sourced.

`rules/data/states/XX.yaml` holds one state's facts (treaty memberships, the death penalty,
whether it extradites its own nationals, its extradition and asylum procedure);
`rules/data/pairs/XX-YY.yaml` holds what only a pair of states shares (a bilateral
extradition treaty). Every fact lists its sources; a source names its title, publisher,
date, where it can be checked, when it was checked and how far it can be trusted
(`primary`: the instrument, the depositary or the state's own official text; `secondary`:
anyone else's account of it). A fact the data does not hold is unknown: `state_fact`
answers None, and the rules treat it as unknown, never as false.

Dates: `from` and `until` are dates (YYYY-MM-DD, YYYY-MM, YYYY) or bounds
`{after: D, before: D}` where a source only brackets the day. A fact holds from `from` and
no longer holds on `until`. While a date is uncertain (between its earliest and latest
day) the fact is unknown. For memberships (MEMBERSHIPS) a state is not a party before its
first `from` nor after its last `until`: a treaty binds a state only from its entry into
force for it. A membership entry without `from` says the state was never a party up to its
source's date; it needs a `note` saying why the source shows that (a full list of parties).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .countries import check_country, country_name
from .dates import PartialDate
from .i18n import N_, _, current, pgettext
from .paths import bundled

CHECKED_TODAY = dt.date(2026, 11, 30)
Confidence = Literal["primary", "secondary"]
DEATH_PENALTY = ("abolished", "abolished_ordinary", "moratorium", "retained")

# key: (kind, what it means). Memberships are yes/no over time; the rest are values.
MEMBERSHIPS: dict[str, str] = {
    "coe_member": N_("member of the Council of Europe"),
    "echr_party": N_("party to the European Convention on Human Rights (ETS 5)"),
    "echr_protocol6_party": N_("party to Protocol No. 6 to the ECHR (death penalty in peacetime)"),
    "echr_protocol13_party": N_("party to Protocol No. 13 to the ECHR (death penalty in all circumstances)"),
    "cat_party": N_("party to the UN Convention against Torture"),
    "cat_art22_declaration": N_("accepts individual complaints to the Committee against Torture (CAT Art 22 declaration)"),
    "iccpr_party": N_("party to the International Covenant on Civil and Political Rights"),
    "iccpr_op1_party": N_("party to the First Optional Protocol to the ICCPR (individual complaints to the Human Rights Committee)"),
    "iccpr_op2_party": N_("party to the Second Optional Protocol to the ICCPR (abolition of the death penalty)"),
    "refugee_convention_party": N_("party to the 1951 Convention relating to the Status of Refugees"),
    "refugee_protocol_party": N_("party to the 1967 Protocol relating to the Status of Refugees"),
    "ece_party": N_("party to the European Convention on Extradition 1957 (ETS 24)"),
    "ece_protocol2_party": N_("party to the Second Additional Protocol to the ECE (ETS 98)"),
    "ece_protocol3_party": N_("party to the Third Additional Protocol to the ECE (CETS 209)"),
    "ece_protocol4_party": N_("party to the Fourth Additional Protocol to the ECE (CETS 212: lapse of time)"),
    "minsk_party": N_("party to the CIS Convention on Legal Assistance (Minsk, 1993)"),
    "chisinau_party": N_("party to the CIS Convention on Legal Assistance (Chisinau, 2002)"),
    "eu_member": N_("member state of the European Union"),
    "interpol_member": N_("member of Interpol"),
}
VALUES: dict[str, str] = {
    "death_penalty": N_("the death penalty: abolished, abolished_ordinary (for ordinary crimes), "
                     "moratorium or retained"),
    "extradites_own_nationals": N_("extradites its own nationals (false: its constitution or law bars it)"),
    "ece_own_nationals_declaration": N_("its declaration under ECE Art 6(1)(b) on own nationals (text)"),
    "extradition_law": N_("the law that governs extradition from this state (title)"),
    "extradition_decided_by": N_("who decides on extradition, at each stage"),
    "extradition_appeal": N_("the appeal against an extradition decision: court and time limit"),
    "provisional_arrest_limit": N_("the limit on detention after a provisional arrest, before the formal request"),
    "extradition_detention_limit": N_("the limit on detention pending extradition"),
    "asylum_law": N_("the law that governs asylum in this state (title)"),
    "asylum_suspends_surrender": N_("a pending asylum claim suspends surrender"),
    "asylum_decision_limit": N_("the time limit for a decision on an asylum claim"),
}
PAIR_KEYS: dict[str, str] = {
    "bilateral_extradition_treaty": N_("a bilateral extradition treaty in force between the two states (title)"),
    "ece_applies": N_("the ECE applies between the two states (false where a declaration excludes it)"),
}
KEYS = {**MEMBERSHIPS, **VALUES}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True,
                              arbitrary_types_allowed=True)


class Source(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    title: str = Field(description="The document's own title.")
    publisher: str = Field(description="Who published it (author, body, state).")
    date: PartialDate | None = Field(None, description="Date of the document or of its status.")
    url: str = Field(description="Where it can be checked.")
    checked: dt.date = Field(description="When it was last read for this data.")
    confidence: Confidence = Field(description="primary: the instrument, depositary or "
                                   "official text; secondary: another's account.")
    note: str | None = None


class Bounds(_Strict):
    after: PartialDate | None = None
    before: PartialDate | None = None

    @model_validator(mode="after")
    def _ordered(self) -> "Bounds":
        if self.after is None and self.before is None:
            raise ValueError("give `after`, `before` or both")
        if self.after and self.before and self.after.latest >= self.before.earliest:
            raise ValueError("`after` must be before `before`")
        return self


When = PartialDate | Bounds


def _earliest(when: When) -> dt.date:
    """The first day on which the event may have happened."""
    if isinstance(when, PartialDate):
        return when.earliest
    return (when.after.latest + dt.timedelta(days=1)) if when.after else dt.date.min


def _latest(when: When) -> dt.date:
    """The day by which it had certainly happened."""
    if isinstance(when, PartialDate):
        return when.latest
    return when.before.earliest - dt.timedelta(days=1) if when.before else dt.date.max


def show_when(when: When | None) -> str:
    """A date of the reference data as the report's language writes it (ISO in English)."""
    from .wording import when as day

    if when is None:
        return ""
    if isinstance(when, PartialDate):
        return day(when, governed=True)
    after = _("after {date}").format(date=day(when.after, governed=True)) if when.after else ""
    before = _("before {date}").format(date=day(when.before, governed=True)) if when.before else ""
    if after and before:
        return _("{after} and {before}").format(after=after, before=before)
    return after or before


class Entry(_Strict):
    value: bool | int | str
    from_: When | None = Field(None, alias="from")
    until: When | None = None
    signed: PartialDate | None = None
    ratified: PartialDate | None = None
    # the last day the sources show the value holding (default: the file's check date);
    # after it the fact is unknown unless another entry covers the date
    known_until: PartialDate | None = None
    sources: list[str] = Field(min_length=1)
    confidence: Confidence
    note: str | None = None

    @field_validator("from_", "until", mode="before")
    @classmethod
    def _when(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return Bounds.model_validate(value)
        return PartialDate.parse(value) if value is not None else None


class StateFile(_Strict):
    state: str
    name: str
    checked: dt.date = Field(description="When this file's facts were last checked.")
    facts: dict[str, list[Entry]] = {}
    sources: list[Source] = Field(min_length=1)

    @field_validator("state")
    @classmethod
    def _iso(cls, code: str) -> str:
        return check_country(code)

    @field_validator("facts")
    @classmethod
    def _keys(cls, facts: dict[str, list[Entry]]) -> dict[str, list[Entry]]:
        for key in facts:
            if key not in KEYS:
                raise ValueError(f"unknown fact '{key}' (one of {', '.join(KEYS)})")
        return facts


class PairFile(_Strict):
    states: list[str] = Field(min_length=2, max_length=2)
    checked: dt.date
    facts: dict[str, list[Entry]] = {}
    sources: list[Source] = Field(min_length=1)

    @field_validator("states")
    @classmethod
    def _iso(cls, codes: list[str]) -> list[str]:
        return [check_country(c) for c in codes]

    @field_validator("facts")
    @classmethod
    def _keys(cls, facts: dict[str, list[Entry]]) -> dict[str, list[Entry]]:
        for key in facts:
            if key not in PAIR_KEYS:
                raise ValueError(f"unknown pair fact '{key}' (one of {', '.join(PAIR_KEYS)})")
        return facts


@dataclass(frozen=True)
class Dated:
    """One fact's value on a date, with where it comes from."""

    key: str
    value: bool | int | str
    start: When | None
    end: When | None
    sources: tuple[Source, ...]
    confidence: Confidence
    checked: dt.date
    note: str | None = None
    # True when the value is implied by the dates of a membership (not yet, or no longer)
    implied: bool = False

    def period(self) -> str:
        parts = []
        if self.start is not None:
            parts.append(_("from {date}").format(date=show_when(self.start)))
        if self.end is not None:
            parts.append(_("until {date}").format(date=show_when(self.end)))
        return ", ".join(parts)

    def citation(self) -> str:
        """The sources as a footnote names them, with the check date."""
        from .wording import when

        cited = "; ".join(
            f"{s.title}, {s.publisher}" + (f", {when(s.date)}" if s.date else "") + f" ({s.url})"
            for s in self.sources)
        confidence = (pgettext("confidence", "primary source") if self.confidence == "primary"
                      else pgettext("confidence", "secondary source"))
        return _("{sources}; checked {date}, {confidence}").format(
            sources=cited, date=when(self.checked) if current() != "en" else self.checked,
            confidence=confidence)


class Reference:
    """Every state file and pair file of one data folder."""

    def __init__(self, states: dict[str, StateFile], pairs: dict[frozenset[str], PairFile],
                 files: dict[str, str]):
        self.states, self.pairs, self.files = states, pairs, files

    def state(self, code: str) -> StateFile | None:
        return self.states.get(code)

    def fact(self, code: str, key: str, on: dt.date) -> Dated | None:
        data = self.states.get(code)
        if data is None or key not in data.facts:
            return None
        return _at(key, data.facts[key], {s.id: s for s in data.sources}, on,
                   membership=key in MEMBERSHIPS, checked=data.checked)

    def pair_fact(self, a: str, b: str, key: str, on: dt.date) -> Dated | None:
        data = self.pairs.get(frozenset((a, b)))
        if data is None or key not in data.facts:
            return None
        return _at(key, data.facts[key], {s.id: s for s in data.sources}, on,
                   membership=key == "ece_applies", checked=data.checked)


def _dated(key: str, entry: Entry, sources: dict[str, Source], implied: bool = False,
           value: Any = None) -> Dated:
    cited = tuple(sources[s] for s in entry.sources if s in sources)
    checked = min((s.checked for s in cited), default=dt.date.min)
    return Dated(key, entry.value if value is None else value, entry.from_, entry.until,
                 cited, entry.confidence, checked, entry.note, implied)


def _at(key: str, entries: list[Entry], sources: dict[str, Source], on: dt.date,
        membership: bool, checked: dt.date) -> Dated | None:
    """The entry in effect on `on`, None when unknown (no entry, or an uncertain date)."""
    for entry in entries:
        start, end = entry.from_, entry.until
        known = entry.known_until.latest if entry.known_until else checked
        if on > known and (end is None or on < _earliest(end)):
            continue  # the sources do not reach this date
        if start is not None and on < _latest(start):
            if on >= _earliest(start):
                return None  # may or may not have begun
            continue
        if end is not None and on >= _earliest(end):
            if on < _latest(end):
                return None  # may or may not have ended
            continue
        return _dated(key, entry, sources)
    if not membership:
        return None
    # a membership's dates also say when the state was not a party
    dated = [e for e in entries if e.value is True and e.from_ is not None]
    if not dated:
        return None
    first = min(dated, key=lambda e: _earliest(e.from_))
    if on < _earliest(first.from_):
        return _dated(key, first, sources, implied=True, value=False)
    ended = [e for e in dated if e.until is not None and on >= _latest(e.until)]
    if ended:
        return _dated(key, max(ended, key=lambda e: _latest(e.until)), sources, implied=True,
                      value=False)
    return None


def data_dir() -> Path:
    return bundled("rules", "data")


@lru_cache(maxsize=4)
def reference(directory: Path | None = None) -> Reference:
    """Load every state and pair file; raise InputError with every problem, located."""
    from .problems import InputError
    from .validation import validate
    from .yamlfile import load

    directory = directory or data_dir()
    problems = []
    states: dict[str, StateFile] = {}
    pairs: dict[frozenset[str], PairFile] = {}
    files: dict[str, str] = {}
    for path in sorted((directory / "states").glob("*.yaml")):
        try:
            document = load(path)
            data = validate(document, StateFile)
        except InputError as error:
            problems.extend(error.problems)
            continue
        if path.stem != data.state:
            problems.append(document.problem(("state",), f"the file {path.name} holds "
                                             f"{data.state}", f"name it {data.state}.yaml"))
        problems.extend(document.problem(loc, message) for loc, message in _consistency(data))
        states[data.state] = data
        files[data.state] = str(path)
    for path in sorted((directory / "pairs").glob("*.yaml")):
        try:
            document = load(path)
            pair = validate(document, PairFile)
        except InputError as error:
            problems.extend(error.problems)
            continue
        expected = "-".join(sorted(pair.states))
        if path.stem != expected:
            problems.append(document.problem(("states",), f"the file {path.name} holds "
                                             f"{expected}", f"name it {expected}.yaml"))
        problems.extend(document.problem(loc, message) for loc, message in _consistency(pair))
        pairs[frozenset(pair.states)] = pair
        files[expected] = str(path)
    if problems:
        raise InputError(problems)
    return Reference(states, pairs, files)


def _consistency(data: StateFile | PairFile) -> list[tuple[tuple, str]]:
    """What the schema cannot check field by field: sources exist and are dated no later
    than they were checked; dates are in order; values fit their fact."""
    found: list[tuple[tuple, str]] = []
    ids = [s.id for s in data.sources]
    for index, source in enumerate(data.sources):
        if ids.count(source.id) > 1:
            found.append((("sources", index, "id"), f"source id '{source.id}' is used twice"))
        if source.checked > data.checked:
            found.append((("sources", index, "checked"),
                          f"checked {source.checked}, after the file's own check date {data.checked}"))
        if source.date is not None and source.date.earliest > source.checked:
            found.append((("sources", index, "date"), "dated after it was checked"))
        if not re.match(r"^(https?://|urn:|doi:)", source.url):
            found.append((("sources", index, "url"), "give an address where it can be checked"))
    used = set()
    for key, entries in data.facts.items():
        for index, entry in enumerate(entries):
            loc = ("facts", key, index)
            for number, source_id in enumerate(entry.sources):
                used.add(source_id)
                if source_id not in ids:
                    found.append(((*loc, "sources", number),
                                  f"cites unknown source '{source_id}' (listed: {', '.join(ids)})"))
            if entry.from_ is not None and entry.until is not None \
                    and _earliest(entry.until) <= _latest(entry.from_):
                found.append(((*loc, "until"), "ends before it begins"))
            if key in MEMBERSHIPS or key == "ece_applies" or key in (
                    "extradites_own_nationals", "asylum_suspends_surrender"):
                if not isinstance(entry.value, bool):
                    found.append(((*loc, "value"), "must be true or false"))
            elif key == "death_penalty":
                if entry.value not in DEATH_PENALTY:
                    found.append(((*loc, "value"), f"one of {', '.join(DEATH_PENALTY)}"))
            elif not isinstance(entry.value, str):
                found.append(((*loc, "value"), "must be text"))
            if key in MEMBERSHIPS and entry.value is True and entry.from_ is None:
                found.append(((*loc, "from"), "a membership needs the date it began"))
            if key in MEMBERSHIPS and entry.value is False and entry.from_ is None \
                    and not entry.note:
                found.append(((*loc, "note"), "say why the source shows the state was never "
                              "a party (for example: the full list of parties omits it)"))
    for index, source in enumerate(data.sources):
        if source.id not in used:
            found.append((("sources", index, "id"), f"source '{source.id}' is not cited"))
    return found


def state_fact(code: str, key: str, on: dt.date) -> Dated | None:
    """The value of `key` for state `code` on `on`, with its sources; None when unknown."""
    return reference().fact(code, key, on)


def pair_fact(a: str, b: str, key: str, on: dt.date) -> Dated | None:
    return reference().pair_fact(a, b, key, on)


def covered() -> list[StateFile]:
    return sorted(reference().states.values(), key=lambda s: s.state)


def name(code: str) -> str:
    """The state's name: as its reference data writes it in English; CLDR's name in another
    language (the reference data's names are English)."""
    from .i18n import current

    data = reference().state(code)
    return data.name if data and current() == "en" else country_name(code)
