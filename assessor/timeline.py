"""The case over time: the assessment as of every event date up to the as-of date."""

from __future__ import annotations

import datetime as dt

from .assessment import Assessment, TrajectoryPoint
from .facts import timeline_dates
from .model import Case


def event_dates(case: Case, as_of: dt.date) -> list[tuple[dt.date, str]]:
    """Each distinct date on which something happened, up to `as_of`, with its events.

    A partial date counts from the last day of its period (see dates.PartialDate)."""
    by_day: dict[dt.date, list[str]] = {}
    for label, date in timeline_dates(case):
        if date.latest <= as_of:
            by_day.setdefault(date.latest, []).append(label)
    return [(day, "; ".join(dict.fromkeys(labels))) for day, labels in sorted(by_day.items())]


def trajectory(assessor, case: Case, as_of: dt.date) -> list[TrajectoryPoint]:
    """The level, score and bars as of each event date, ending with `as_of` itself."""
    points: list[TrajectoryPoint] = []
    dates = event_dates(case, as_of)
    if not dates or dates[-1][0] != as_of:
        dates.append((as_of, "as-of date"))
    for day, event in dates:
        a: Assessment = assessor.assess(case, day, analyse=False)
        points.append(TrajectoryPoint(date=day, event=event, level=a.level, score=a.score,
                                      bars=[b.rule_id for b in a.bars]))
    return points
