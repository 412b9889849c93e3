"""Statutory time limits per jurisdiction (`rules/data/deadlines.yaml`), and where each
applies: to listed requested states, or to every requested state that the reference data
shows bound by an instrument (`where: eu_member`, `where: echr_party`) on the day the clock
starts. No entry means no limit is known: none is invented."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .paths import bundled

CLOCKS = ("protection_filed", "final_refusal")
WHERE = ("eu_member", "echr_party")


@dataclass(frozen=True)
class StatutoryLimit:
    id: str
    states: frozenset[str]
    clock: str
    months: int
    what: str
    basis: str
    verify: tuple[str, ...] = ()
    applies_from: dt.date | None = None
    applies_until: dt.date | None = None
    where: str | None = None
    # ordinary: the time the law gives; outer: the most it allows with every extension
    kind: str = "ordinary"

    def applies(self, started: dt.date, requested: str) -> bool:
        if self.applies_from is not None and started < self.applies_from:
            return False
        if self.applies_until is not None and started >= self.applies_until:
            return False
        if self.where is not None:
            from .states import state_fact

            bound = state_fact(requested, self.where, started)
            return bound is not None and bound.value is True
        return requested in self.states


def data_dir() -> Path:
    return bundled("rules", "data")


@lru_cache(maxsize=None)
def statutory_limits(path: Path | None = None) -> tuple[StatutoryLimit, ...]:
    """The table of statutory limits. Read with the case-file YAML reader, so that a
    country code such as NO stays text and a mistake is reported with its line."""
    from .problems import InputError
    from .yamlfile import load

    document = load(path or data_dir() / "deadlines.yaml")
    limits = []
    for index, entry in enumerate(document.data["deadlines"]):
        loc = ("deadlines", index)
        if entry.get("clock") not in CLOCKS:
            raise InputError([document.problem((*loc, "clock"), "unknown clock",
                                               "one of " + ", ".join(CLOCKS))])
        if entry.get("where") not in (None, *WHERE):
            raise InputError([document.problem((*loc, "where"), "unknown membership",
                                               "one of " + ", ".join(WHERE))])
        if bool(entry.get("where")) == bool(entry.get("states")):
            raise InputError([document.problem(loc, "give either `states` or `where`")])
        limits.append(StatutoryLimit(
            id=entry["id"], states=frozenset(entry.get("states") or ()), clock=entry["clock"],
            months=int(entry["months"]), what=" ".join(entry["what"].split()),
            basis=" ".join(entry["basis"].split()),
            verify=tuple(" ".join(v.split()) for v in entry.get("verify", ())),
            applies_from=_day(entry.get("from")), applies_until=_day(entry.get("until")),
            where=entry.get("where"), kind=entry.get("kind", "ordinary"),
        ))
    return tuple(limits)


def limits_for(requested: str) -> list[StatutoryLimit]:
    """The limits that may apply to this requested state (checked again per clock date)."""
    return [s for s in statutory_limits() if s.where is not None or requested in s.states]


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(str(text)) if text else None


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months later (the month's last day if it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
