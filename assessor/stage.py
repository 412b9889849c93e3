"""The stage of the case as of a date: which part of the law still applies.

Rules and actions that protect a person against surrender (an asylum claim pending, a
Rule 39 measure "in force") say nothing true once the person has been surrendered,
expelled, abducted or has left. The stage tells the rule book which rules apply: a rule or
an action without `stages:` applies in every stage except `removed` and `beyond_reach`.

The stages, in the order a case moves through them:
- before_request: no extradition request received (an arrest on a notice may have happened);
- proceedings: a request received, no final decision on surrender yet;
- surrender_authorised: surrender finally authorised, not executed;
- surrender_refused: surrender finally refused, and no request received since;
- removed: surrendered, expelled, deported or abducted to the requesting state (the case's
  `outcomes`), also when handed to it through a third state;
- beyond_reach: the person left for a third state (a departure, or a removal to a state
  other than the requesting state), or died.
"""

from __future__ import annotations

from .countries import country_name
from .i18n import N_, _
from .facts import AsOf, Established, cite, fact
from .model import Outcome
from .wording import LEVELS, OUTCOMES, code, when

STAGES: tuple[str, ...] = (
    "before_request",
    "proceedings",
    "surrender_authorised",
    "surrender_refused",
    "removed",
    "beyond_reach",
)
# the stages in which the procedure against surrender still runs: a rule or an action
# without `stages:` applies in these
BEFORE_REMOVAL: tuple[str, ...] = STAGES[:4]
AFTER_REMOVAL: tuple[str, ...] = STAGES[4:]

REMOVALS = frozenset({"surrender", "expulsion", "deportation", "abduction"})
# a release from detention ends no procedure: the person is still in the requested state
ENDINGS = REMOVALS | {"departure", "death"}

# marked for the catalog; translated where printed (`_(STAGE_LABELS[stage])`)
STAGE_LABELS: dict[str, str] = {
    "before_request": N_("before any extradition request"),
    "proceedings": N_("extradition proceedings under way"),
    "surrender_authorised": N_("surrender finally authorised, not executed"),
    "surrender_refused": N_("surrender finally refused"),
    "removed": N_("removed to the requesting state"),
    "beyond_reach": N_("no longer within the requested state's reach"),
}


def outcomes_by(v: AsOf) -> list[Outcome]:
    """The outcomes that had happened by the as-of date, oldest first."""
    return sorted((o for o in v.case.outcomes
                   if v.happened(o.date, _("the {what}").format(what=code(o.kind, OUTCOMES)))),
                  key=lambda o: o.date)


def removal_to_requesting(v: AsOf, outcome: Outcome) -> bool:
    return outcome.kind in REMOVALS and outcome.to in (None, v.case.states.requesting)


def last_ending(v: AsOf) -> Outcome | None:
    """The latest outcome that ended the procedure in the requested state."""
    endings = [o for o in outcomes_by(v) if o.kind in ENDINGS]
    return endings[-1] if endings else None


@fact("stage", "enum",
      "The stage of the case: before_request, proceedings (a request received, no final "
      "decision), surrender_authorised (finally, not executed), surrender_refused (finally, "
      "no new request), removed (surrendered, expelled, deported or abducted to the "
      "requesting state), beyond_reach (left for a third state, or died).",
      "neutral", group="proceedings", values=STAGES)
def _stage(v: AsOf) -> Established:
    ending = last_ending(v)
    if ending is not None:
        where = country_name(ending.to or v.case.states.requesting)
        moved = _("{what} to {state} on {date}").format(
            what=code(ending.kind, OUTCOMES), state=where, date=when(ending.date))
        if removal_to_requesting(v, ending):
            return cite("removed", moved, ending)
        if ending.kind == "death":
            return cite("beyond_reach", _("died on {date}").format(date=when(ending.date)),
                        ending)
        return cite("beyond_reach", moved, ending)
    decisions = sorted((d for d in v.case.extradition.decisions if v.happened(d.date)),
                       key=lambda d: d.date)
    requests = [r for r in v.case.extradition.requests if v.happened(r.received)]
    if decisions:
        last = decisions[-1]
        final = bool(last.final) and (last.in_force is None or v.happened(last.in_force))
        detail = _("{court} on {date}").format(court=last.body or code(last.level, LEVELS),
                                               date=when(last.date))
        if final and last.outcome == "surrender_allowed":
            return cite("surrender_authorised", detail, last)
        if final and last.outcome == "surrender_refused":
            later = [r for r in requests if r.received.earliest > last.date.latest]
            if not later:
                return cite("surrender_refused", detail, last)
            return cite("proceedings", _("new request received {received} after the refusal "
                                         "of {refused}").format(
                received=when(later[0].received), refused=when(last.date)), later[0])
    if requests:
        first = min(requests, key=lambda r: r.received)
        return cite("proceedings", _("request received {date}").format(
            date=when(first.received)), first)
    return Established("before_request", _("no extradition request recorded"))
