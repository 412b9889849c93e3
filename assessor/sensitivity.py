"""What would move the level: the next events of a case, tried one at a time on its facts.

The candidate changes and their wording are data (`reports/phrases.yaml`: what can
plausibly happen next, and which facts change with it). Each is tried on the case's fact
record through the rules alone (`Assessor.evaluate` + `assessment.score_of`), with no new
derivation, so a full analysis costs a few dozen rule evaluations. Only the changes that
move the level are reported, the largest moves first, in sentences a lawyer can quote:
"If the ECtHR indicates a Rule 39 interim measure, the risk falls from high to moderate".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from .assessment import LEVELS, Level, Sensitivity, level_for, score_of
from .facts import CATALOGUE, Value

MAX_REPORTED = 6  # "the few" changes a report lists; the ranking puts the largest first
UNKNOWN = "unknown"  # in phrases.yaml: the fact is not established (absent from the record)


@dataclass(frozen=True)
class NextEvent:
    """One plausible change of fact, the facts that change with it, and its wording."""

    fact: str
    to: Value
    phrase: str
    when_now: tuple[Any, ...] | None = None  # current values it can follow; None: any other
    also: tuple[tuple[str, Any], ...] = ()

    def applies_to(self, current: Value | None) -> bool:
        if self.when_now is None:
            return current != self.to
        return (UNKNOWN if current is None else current) in self.when_now


@dataclass(frozen=True)
class Phrases:
    next_events: tuple[NextEvent, ...]
    time_passes: Mapping[str, str] = field(default_factory=dict)


def _data_file(name: str) -> Path:
    # the wording of the report, beside its templates (not a rule: it cites no law)
    from .paths import bundled

    return bundled("reports") / name


@lru_cache(maxsize=None)
def phrases(path: Path | None = None) -> Phrases:
    """The phrase table, checked against the fact catalogue (a typo is a located error)."""
    from .problems import InputError
    from .yamlfile import load

    document = load(path or _data_file("phrases.yaml"))
    problems = []
    events = []
    for index, entry in enumerate(document.data.get("next_events", [])):
        loc = ("next_events", index)
        changes = {entry.get("fact"): entry.get("to"), **(entry.get("also") or {})}
        bad = [(name, value) for name, value in changes.items()
               if check_value(name, value) is not None]
        for name, value in bad:
            problems.append(document.problem(loc, check_value(name, value) or ""))
        if bad:
            continue
        events.append(NextEvent(
            fact=entry["fact"], to=entry["to"], phrase=" ".join(entry["phrase"].split()),
            when_now=tuple(entry["from"]) if "from" in entry else None,
            also=tuple((entry.get("also") or {}).items())))
    if problems:
        raise InputError(problems)
    return Phrases(tuple(events), dict(document.data.get("time_passes", {})))


def check_value(name: str, value: Any) -> str | None:
    """Why `value` cannot be the value of fact `name` (None when it can)."""
    import difflib

    spec = CATALOGUE.get(name)
    if spec is None:
        close = difflib.get_close_matches(str(name), CATALOGUE, n=1)
        return f"no fact named '{name}'" + (f" (did you mean '{close[0]}'?)" if close else
                                           " (run `assess facts` for the list)")
    if value == UNKNOWN or value is None:
        return None
    if spec.kind == "bool" and not isinstance(value, bool):
        return f"{name} is true, false or unknown, not {value!r}"
    if spec.kind == "int" and (isinstance(value, bool) or not isinstance(value, int)):
        return f"{name} is a whole number (or unknown), not {value!r}"
    if spec.kind == "enum" and value not in spec.values:
        return f"{name} is one of {', '.join(spec.values)} (or unknown), not {value!r}"
    return None


def time_phrase(name: str, days: int) -> str:
    """How the trajectory names a day count reaching `days`."""
    from .i18n import ngettext

    template = phrases().time_passes.get(name)
    if not template:
        return f"{name} reaches {days}"
    # the catalog holds each phrase as a plural message (babel.cfg: plural_under)
    text = " ".join(template.split())
    return ngettext(text, text, days)


def apply_changes(values: Mapping[str, Value], changes: Mapping[str, Any]) -> dict[str, Value]:
    """A copy of a fact record with `changes` made (`unknown` removes a fact)."""
    trial = dict(values)
    for name, value in changes.items():
        if value == UNKNOWN or value is None:
            trial.pop(name, None)
        else:
            trial[name] = value
    return trial


def implied(fact: str, value: Any, current: Value | None) -> dict[str, Any]:
    """The facts that change with `fact` becoming `value` (from the phrase table)."""
    for event in phrases().next_events:
        if event.fact == fact and event.to == value and event.applies_to(current):
            return dict(event.also)
    return {}


def sentence(phrase: str, level: Level, new_level: Level, score: int, new_score: int) -> str:
    from . import labels
    from .i18n import _

    words = dict(phrase=_(phrase), level=labels.level(level),
                 new_level=labels.level(new_level), score=score, new_score=new_score)
    if LEVELS.index(new_level) > LEVELS.index(level):
        return _("If {phrase}, the risk rises from {level} to {new_level} "
                 "(score {score} → {new_score}).").format(**words)
    return _("If {phrase}, the risk falls from {level} to {new_level} "
             "(score {score} → {new_score}).").format(**words)


def sensitivity(evaluate, rulebook, values: Mapping[str, Value], level: Level,
                score: int, limit: int = MAX_REPORTED) -> list[Sensitivity]:
    """The single next events that would move the level, ranked by how far they move it."""
    found: list[tuple[int, int, Sensitivity]] = []
    for event in phrases().next_events:
        current = values.get(event.fact)
        if not event.applies_to(current):
            continue
        trial = apply_changes(values, {event.fact: event.to, **dict(event.also)})
        new_score, _, _ = score_of(rulebook, evaluate(trial))
        new_level = level_for(new_score)
        if new_level == level:
            continue
        steps = abs(LEVELS.index(new_level) - LEVELS.index(level))
        found.append((steps, abs(new_score - score), Sensitivity(
            change=sentence(event.phrase, level, new_level, score, new_score),
            fact=event.fact, value=event.to, level=new_level, score=new_score)))
    found.sort(key=lambda item: (-item[0], -item[1], item[2].change))
    return [s for _, _, s in found[:limit]]
