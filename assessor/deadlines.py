"""The dates that matter relative to the as-of date: statutory limits, court time limits
and the end of a deferred sentence, upcoming and overrun, soonest first.

Statutory limits are data (`rules/data/deadlines.yaml`), each with its citation and what
to verify; this module only counts them from the case's dates. Counting follows
`dates.PartialDate`: a limit counted from a date known only to the month runs from the
month's last day, so that a partial date never makes a limit look more overrun than the
sources say.

What is listed:
- a statutory limit while it can still matter: its clock has started by the as-of date
  and, for a decision the authority owes, the decision has not been taken;
- a time limit a court set (`extradition.deadlines`), from COURT_LEAD_DAYS before it runs
  out (the case file does not say when a limit was set, and listing it earlier would show
  an assessment made before the court acted something it could not know);
- the end of a deferral of sentence (`charges[].deferral.until`) not yet cancelled;
- a limit that passed more than HISTORY_DAYS before the as-of date is history, not a
  deadline, and is left out.
"""

from __future__ import annotations

import datetime as dt

from .assessment import Deadline
from .limits import add_months, limits_for, statutory_limits  # noqa: F401 (re-exported)
from .dates import PartialDate
from .facts import AsOf
from . import labels
from .i18n import _, ngettext
from .model import Case, ProtectionClaim
from .wording import LEVELS, code, when as day

COURT_LEAD_DAYS = 180
HISTORY_DAYS = 365


def deadlines(case: Case, as_of: dt.date) -> list[Deadline]:
    """Every deadline that matters as of `as_of`, soonest first (overrun ones lead)."""
    view = AsOf(case, as_of)
    found = _statutory(view) + _court(view) + _deferrals(view)
    found = [d for d in found if d.days_left >= -HISTORY_DAYS]
    return sorted(found, key=lambda d: (d.days_left, d.what))


def _entry(due: PartialDate, as_of: dt.date, **fields) -> Deadline:
    """A deadline falling due in `due`'s period: overrun only once the whole period has
    passed; while the period is running it is due now (0 days left)."""
    if due.earliest > as_of:
        days_left = (due.earliest - as_of).days
    elif due.latest >= as_of:
        days_left = 0
    else:
        days_left = (due.latest - as_of).days
    return Deadline(date=str(due), days_left=days_left, overrun=due.latest < as_of, **fields)


def _claims_awaiting_first_decision(view: AsOf) -> list[ProtectionClaim]:
    return [c for c in view.claims_here()
            if c.filed and view.happened(c.filed)
            and not any(view.happened(d.date) for d in c.decisions)]


def _final_refusals(view: AsOf) -> list[tuple[PartialDate, str, tuple[str, ...]]]:
    """(date, what was decided, sources) of each final decision against the person."""
    found = []
    for claim in view.claims_here():
        for d in claim.decisions:
            if (d.final and d.outcome in ("refused", "appeal_dismissed")
                    and view.happened(d.date)):
                found.append((d.date, _("final refusal of protection by {body} on {date}").format(
                    body=d.body or _("the authority"), date=day(d.date, governed=True)),
                    tuple(d.sources or claim.sources)))
    for d in view.case.extradition.decisions:
        when = d.in_force or d.date
        if d.final and d.outcome == "surrender_allowed" and view.happened(when):
            found.append((when, _("final decision allowing surrender by {body} on {date}").format(
                body=d.body or code(d.level, LEVELS), date=day(d.date, governed=True)),
                tuple(d.sources)))
    return found


def _statutory(view: AsOf) -> list[Deadline]:
    requested = view.case.states.requested
    found: list[Deadline] = []
    for limit in limits_for(requested):
        if limit.clock == "protection_filed":
            starts = [(c.filed, _("{kind} application filed {date}").format(
                           kind=labels.claim_kind(c.kind), date=day(c.filed)), tuple(c.sources))
                      for c in _claims_awaiting_first_decision(view)]
        else:
            starts = _final_refusals(view)
        for started, because, sources in starts:
            if not limit.applies(started.latest, requested):
                continue
            due = PartialDate.parse(add_months(started.latest, limit.months))
            partial = ("" if started.precision == "day" else
                       _("; counted from the last day of {date}, the date being known only "
                         "to the {precision}").format(
                           date=day(started, governed=True),
                           precision=labels.precision(started.precision)))
            found.append(_entry(due, view.as_of, what=f"{_(limit.what)} ({because}{partial})",
                                basis=_(limit.basis), sources=list(sources), kind="statutory",
                                verify=[_(v) for v in limit.verify]))
    return found


def _court(view: AsOf) -> list[Deadline]:
    return [
        _entry(d.date, view.as_of, what=" ".join(d.what.split()),
               basis=_("time limit set by {body} (case file)").format(
                   body=d.set_by or _("the court")),
               sources=list(d.sources), kind="court")
        for d in view.case.extradition.deadlines
        if (d.date.earliest - view.as_of).days <= COURT_LEAD_DAYS
    ]


def _deferrals(view: AsOf) -> list[Deadline]:
    found = []
    for charge in view.case.charges:
        deferral = charge.deferral
        if (deferral is None or deferral.until is None
                or view.happened(deferral.cancelled)
                or (deferral.granted is not None and not view.happened(deferral.granted))):
            continue
        found.append(_entry(
            deferral.until, view.as_of,
            what=_("End of the deferral of the sentence for {offence}: from then the "
                   "requesting state may seek to enforce it").format(offence=charge.offence),
            basis=_("deferral of sentence recorded in the case file"),
            sources=list(deferral.sources or charge.sources), kind="deferral"))
    return found


def describe(found: list[Deadline]) -> list[str]:
    """Deadlines as lines for the terminal, soonest first."""
    lines = []
    for d in found:
        if d.overrun:
            when = ngettext("passed {n} day ago", "passed {n} days ago", -d.days_left)
        elif d.days_left == 0:
            when = _("due now")
        else:
            when = ngettext("in {n} day", "in {n} days", d.days_left)
        lines.append(f"{day(d.date)} ({when}): {d.what}")
    return lines
