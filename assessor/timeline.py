"""The case over time: the assessment as of every date on which something changed.

A case's facts change only on the dates of its events, and in between only by the
passing of days (a day count such as `days_since_treaty_ratified` crossing a limit a
rule uses). The trajectory therefore assesses the case as of every event date, and as of
every day on which a day count crosses a rule's limit, so each change of level or of a
bar is found on the day it happens and with what caused it. A partial date counts from
the last day of its period (see dates.PartialDate).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable

from .assessment import TrajectoryPoint, level_for, score_of
from .conditions import Compare
from .facts import derive, timeline_dates
from .i18n import _
from .model import Case


def event_dates(case: Case, as_of: dt.date) -> list[tuple[dt.date, str]]:
    """Each distinct date on which something happened, up to `as_of`, with its events."""
    by_day: dict[dt.date, list[str]] = {}
    for label, date in timeline_dates(case):
        if date.latest <= as_of:
            by_day.setdefault(date.latest, []).append(label)
    # what was known changes when a source may first have been read (facts.known_by)
    for source in case.sources:
        if source.date and source.date.earliest <= as_of:
            by_day.setdefault(source.date.earliest, []).append(
                _("published: {title}").format(title=" ".join(source.title.split())[:70]))
    return [(day, "; ".join(dict.fromkeys(labels))) for day, labels in sorted(by_day.items())]


def is_day_count(name: str) -> bool:
    """Day counts grow by one a day between events; the catalogue names them `*days*`."""
    return "days" in name


def day_count_limits(rulebook) -> dict[str, set[int]]:
    """For each day-count fact, the values at which some rule can start or stop firing:
    a limit `t` in any comparison changes its truth at `t` or at `t + 1`."""
    limits: dict[str, set[int]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, Compare) and is_day_count(node.fact) and isinstance(node.value, int):
            limits.setdefault(node.fact, set()).update({node.value, node.value + 1})
        for child in getattr(node, "children", ()):
            walk(child)

    for rule in rulebook.rules:
        walk(rule.condition)
    return limits


def _time_boundaries(case: Case, start: dt.date, end: dt.date,
                     limits: dict[str, set[int]],
                     values: dict | None = None) -> list[tuple[dt.date, str]]:
    """Days strictly between `start` and `end` on which a day count reaches a rule's limit
    (no event lies in between, so each count grows by exactly one a day)."""
    from .sensitivity import time_phrase

    if values is None:
        values = derive(case, start, warnings=False).values
    found: dict[dt.date, list[str]] = {}
    for name, reached in limits.items():
        value = values.get(name)
        if not isinstance(value, int) or isinstance(value, bool):
            continue
        for limit in reached:
            offset = limit - value
            day = start + dt.timedelta(days=offset)
            if offset > 0 and day < end:
                found.setdefault(day, []).append(time_phrase(name, limit))
    return [(day, _("time passes: {changes}").format(changes="; ".join(labels)))
            for day, labels in sorted(found.items())]


def snapshot(assessor, case: Case, day: dt.date, event: str) -> TrajectoryPoint:
    return _snapshot(assessor, case, day, event)[0]


def _snapshot(assessor, case: Case, day: dt.date, event: str) -> tuple[TrajectoryPoint, dict]:
    """Level, score, bars and findings as of `day`: the parts of `assessment.build` a
    trajectory needs, without the explanations and the search for unknowns that matter
    (tests/test_time.py holds it equal to a full assessment at every date)."""
    values = derive(case, day, warnings=False).values
    fired = assessor.evaluate(values)
    score, _, superseded = score_of(assessor.rulebook, fired)
    # the second answer (assessor.removal), on its own scale
    removal, _, removal_superseded = score_of(assessor.rulebook, fired, "irregular_removal")
    superseded |= removal_superseded
    applied = [r for r in fired if r not in superseded]
    rules = [assessor.rulebook.by_id[r].rule for r in applied]
    # the order of assessment.build: strongest bar first, then by weight
    bars = sorted((r for r in rules if r.effect == "bar"), key=lambda r: r.bar_order)
    return TrajectoryPoint(date=day, event=event, level=level_for(score), score=score,
                           bars=[r.id for r in bars], findings=applied,
                           removal_level=level_for(removal), removal_score=removal), values


def trajectory(assessor, case: Case, as_of: dt.date) -> list[TrajectoryPoint]:
    """The level, score and bars as of each event date and each day a rule's time limit
    is crossed, ending with `as_of` itself. A time boundary on which nothing changes is
    left out; event dates are all kept (the report's chart plots them)."""
    dates = event_dates(case, as_of)
    if not dates or dates[-1][0] != as_of:
        dates.append((as_of, _("as-of date")))
    limits = day_count_limits(assessor.rulebook)
    points: list[TrajectoryPoint] = []
    for index, (day, event) in enumerate(dates):
        point, values = _snapshot(assessor, case, day, event)
        points.append(point)
        if index + 1 < len(dates) and limits:
            # the facts of `day` serve both the point and the search for time limits
            for boundary, label in _time_boundaries(case, day, dates[index + 1][0], limits,
                                                    values):
                candidate = snapshot(assessor, case, boundary, label)
                if candidate.findings != points[-1].findings:
                    points.append(candidate)
    return points


@dataclass(frozen=True)
class Change:
    """One step of the trajectory that changed the level or a bar, and what caused it."""

    point: TrajectoryPoint
    level_from: str | None
    bars_gained: tuple[str, ...]
    bars_lost: tuple[str, ...]
    # the other rules that began or ceased to apply on that date: what moved the score
    began: tuple[str, ...] = ()
    ceased: tuple[str, ...] = ()


def changes(points: list[TrajectoryPoint]) -> list[Change]:
    """The first point, then each point where a rule began or ceased to apply: every
    change of level or of a bar, and every change of the score's make-up."""
    found: list[Change] = []
    previous: TrajectoryPoint | None = None
    for p in points:
        if previous is None:
            found.append(Change(p, None, tuple(p.bars), ()))
        elif p.findings != previous.findings or p.level != previous.level:
            gained = tuple(b for b in p.bars if b not in previous.bars)
            lost = tuple(b for b in previous.bars if b not in p.bars)
            began = tuple(f for f in p.findings if f not in previous.findings
                          and f not in p.bars)
            ceased = tuple(f for f in previous.findings if f not in p.findings
                           and f not in previous.bars)
            found.append(Change(p, previous.level, gained, lost, began, ceased))
        previous = p
    return found


def describe_changes(points: list[TrajectoryPoint],
                     title: Callable[[str], str] = lambda rule_id: rule_id) -> list[str]:
    """The trajectory's changes as lines for the terminal: the date, the level (and the
    move), the events of that date, then the bars and rules that began or ceased."""
    from .labels import effect, level
    from .wording import when

    lines = []
    bar = effect("bar")
    for c in changes(points):
        p = c.point
        day, now = when(p.date), level(p.level).upper()
        if c.level_from is None:
            head = _("{date}  {level} ({score})  start: {event}").format(
                date=day, level=now, score=p.score, event=p.event)
        elif c.level_from != p.level:
            head = f"{day}  {level(c.level_from).upper()} -> {now} ({p.score})  {p.event}"
        else:
            head = f"{day}  {now} ({p.score})  {p.event}"
        lines.append(head)
        lines += [f"            + {bar} {b} {title(b)}" for b in c.bars_gained]
        lines += [f"            - {bar} {b} {title(b)}" for b in c.bars_lost]
        lines += [f"            + {r} {title(r)}" for r in c.began]
        lines += [f"            - {r} {title(r)}" for r in c.ceased]
    return lines
