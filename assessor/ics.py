"""Assessment.deadlines -> an iCalendar file (RFC 5545) the lawyer imports into a calendar.

Each deadline is an all-day event on its date, with what it is, its legal basis, the
kind of limit and every "verify" note in the description, and two reminders (a week and a
day before) while it is still ahead. The file renders the assessment's deadlines and
computes none. A client's case is marked CLASS:CONFIDENTIAL and "Privileged and
confidential" in each description.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from .assessment import Assessment, Deadline
from .i18n import N_, _, ngettext

PRODUCT = "-//extradition risk assessor//deadlines//EN"
REMINDERS = (dt.timedelta(days=7), dt.timedelta(days=1))
KINDS = {"statutory": N_("statutory time limit"), "court": N_("time limit set by a court"),
         "deferral": N_("end of a deferred sentence")}
PRIVILEGED = N_("Privileged and confidential")


def deadlines_ics(assessment: Assessment, *, stamp: dt.datetime | None = None) -> str:
    """The deadlines as the text of a .ics file (CRLF line endings, folded lines)."""
    from icalendar import Alarm, Calendar, Event

    a = assessment
    privileged = a.provenance == "client"
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("Deadlines: case {case}").format(case=a.case_id))
    stamp = stamp or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    for deadline in a.deadlines:
        day = dt.date.fromisoformat(deadline.date)
        event = Event()
        event.add("uid", _uid(a, deadline))
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        prefix = _("PASSED: ") if deadline.overrun else ""
        event.add("summary", prefix + _("{what} (case {case})").format(what=deadline.what,
                                                                     case=a.case_id))
        event.add("description", _description(a, deadline, privileged))
        event.add("categories", [_("Deadline"), _kind(deadline.kind)])
        event.add("class", "CONFIDENTIAL" if privileged else "PRIVATE")
        event.add("transp", "TRANSPARENT")  # a deadline is not time spent
        if not deadline.overrun:
            for before in REMINDERS:
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add("description", ngettext(
                    "Deadline in {n} day: {what}", "Deadline in {n} days: {what}",
                    before.days).format(what=deadline.what))
                alarm.add("trigger", -before)
                event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def _description(a: Assessment, deadline: Deadline, privileged: bool) -> str:
    lines = [_(PRIVILEGED) + "." if privileged else "",
             deadline.what,
             _("Kind: {kind}.").format(kind=_kind(deadline.kind)),
             _("Basis: {basis}").format(basis=deadline.basis)]
    lines += [_("Verify: {item}").format(item=item) for item in deadline.verify]
    if deadline.sources:
        titles = {s.id: s.title for s in a.sources}
        lines.append(_("Sources: {titles}").format(
            titles="; ".join(titles.get(s, s) for s in deadline.sources)))
    lines.append(_("Case {case}, {requested} -> {requesting}, assessed as of {as_of}: {when}")
                 .format(case=a.case_id, requested=a.requested_name,
                         requesting=a.requesting_name, as_of=a.as_of, when=(
                             ngettext("passed {n} day before.", "passed {n} days before.",
                                      -deadline.days_left) if deadline.overrun
                             else ngettext("{n} day left.", "{n} days left.",
                                           deadline.days_left))))
    lines.append(_("Computed from the case file: check the date against the primary "
                   "sources."))
    return "\n".join(line for line in lines if line)


def _kind(kind: str) -> str:
    return _(KINDS[kind]) if kind in KINDS else kind


def _uid(a: Assessment, deadline: Deadline) -> str:
    # stable across runs, so that importing an updated file updates the event instead of
    # adding a second one
    key = "\x1f".join((a.case_id, deadline.kind, deadline.what))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@extradition-assessor"


def unfolded(text: str) -> str:
    """The content lines with RFC 5545 folding undone (CRLF followed by a space or tab)."""
    return text.replace("\r\n ", "").replace("\r\n\t", "")
