"""Facts of the risk of removal outside the procedure, and of what happened after it.

The rules of rules/irregular_removal.yaml read these to build the second answer
(assessor.removal); the rules of rules/after_removal.yaml read the outcome facts. Each
fact says only what the case file records: a relative questioned by the police is
`family_pressured`, never a threat; an address the services know is not surveillance.
"""

from __future__ import annotations

from .events import ACTS, BODIES
from .facts import AsOf, Established, Value, cite, fact, services_item, summaries
from .i18n import _
from .wording import OUTCOMES, code, value_words, when
from .stage import REMOVALS, outcomes_by, removal_to_requesting

GROUP = "irregular removal"


def _recorded(items: list, detail: str) -> Established | None:
    """A record the case lists: true when an entry is there by the date; nothing listed is
    not a record that nothing happened, so the fact stays unknown."""
    return cite(True, detail, *items) if items else None


def _activity(v: AsOf, *kinds: str) -> Established | None:
    items = [s for s in v.case.services_activity
             if s.kind in kinds and v.happened(s.date, services_item(v, s.kind))]
    return _recorded(items, summaries(items))


# --- what the requesting state's services did in this case --------------------------------


@fact("family_pressured", "bool",
      "The requesting state's authorities pressured or questioned the person's relatives.",
      "aggravating", group=GROUP)
def _family(v: AsOf) -> Established | None:
    return _activity(v, "pressure_on_family")


@fact("address_known_to_services", "bool",
      "The requesting state's services or police know the person's address abroad.",
      "aggravating", group=GROUP)
def _address(v: AsOf) -> Established | None:
    return _activity(v, "address_known")


# --- the requesting state's record abroad ---------------------------------------------------


@fact("requesting_state_removes_from_abroad", "bool",
      "The requesting state's services have abducted or forcibly returned people from other "
      "states (country evidence).", "aggravating", group=GROUP)
def _abroad(v: AsOf) -> Established | None:
    items = [e for e in v.case.country_evidence
             if e.kind == "removals_from_abroad" and v.happened(e.date, _("the evidence"))]
    return _recorded(items, summaries(items))


# --- the requested state's record --------------------------------------------------------


def _past(v: AsOf) -> list:
    return [e for e in v.case.requested_state.extra_procedural_expulsions
            if e.date is None or v.happened(e.date, _("the removal of {who}").format(who=e.who))]


def _who(items: list) -> str:
    return "; ".join(e.who + (f" ({when(e.date)})" if e.date else "")
                     + (_(", found by {who}").format(who=e.found_by) if e.found_by else "")
                     for e in items)


@fact("expulsions_to_requesting_state", "bool",
      "The requested state has removed people outside the extradition procedure to the "
      "requesting state itself.", "aggravating", group=GROUP)
def _to_requesting(v: AsOf) -> Established | None:
    items = [e for e in _past(v) if e.to == v.case.states.requesting]
    return _recorded(items, _who(items))


@fact("interim_measures_defied_record", "bool",
      "The requested state has removed people while an interim measure (ECtHR Rule 39, a UN "
      "treaty body's request) forbade it.", "aggravating", group=GROUP)
def _defied(v: AsOf) -> Established | None:
    items = [e for e in _past(v) if e.breached_interim_measure]
    return _recorded(items, _who(items))


@fact("security_cooperation", "bool",
      "The requested state's police or security services cooperate with the requesting "
      "state's (agreements, joint operations, handovers).", "aggravating", group=GROUP)
def _cooperation(v: AsOf) -> Established | None:
    notes = [n for n in v.case.requested_state.security_cooperation
             if v.happened(n.date, _("the security cooperation"))]
    return _recorded(notes, summaries(notes))


# --- the person's exposure ------------------------------------------------------------------


@fact("without_lawful_status", "bool",
      "The person has no right to stay in the requested state: no nationality, no protection, "
      "no pending asylum claim and no residence right (an expulsion needs no extradition "
      "decision).", "aggravating", group=GROUP)
def _without_status(v: AsOf) -> Established | None:
    from .facts import _asylum_status, _national, _protection_granted

    if _national(v):
        return Established(False, _("a national of the requested state"))
    granted = _protection_granted(v)
    if _value(granted) is True:
        return Established(False, _("protection granted"), granted.sources)
    status = str(_asylum_status(v).value)
    if status in ("pending", "appeal_pending", "refused_appealable"):
        return Established(False, _("asylum claim {status}").format(
            status=value_words(status)))
    lawful = v.case.right_to_stay
    if lawful is None:
        return None
    if lawful:
        return Established(False, _("holds a right to stay"))
    return Established(True, _("no right to stay")
                       + (_("; asylum {status}").format(status=value_words(status))
                          if status != "none" else ""))


def _value(result: Established | Value | None) -> Value | None:
    return result.value if isinstance(result, Established) else result


# --- what protects ----------------------------------------------------------------------


@fact("public_attention", "bool",
      "The case has public attention: statements, resolutions or reports by UN, European or "
      "national bodies or NGOs about the person.", "protective", group=GROUP)
def _attention(v: AsOf) -> Established:
    items = v.involvements(kinds=["public_statement", "resolution", "report"])
    return cite(bool(items), "; ".join(_("{body} {act} of {date}").format(
        body=code(i.body, BODIES), act=code(i.kind, ACTS), date=when(i.date)) for i in items),
        *items)


@fact("removal_monitored", "bool",
      "UNHCR, an NGO or an oversight body monitors the person's situation (visits, contact, "
      "presence at hearings).", "protective", group=GROUP)
def _monitored(v: AsOf) -> Established:
    items = v.involvements(kinds=["monitoring"])
    return cite(bool(items), "; ".join(_("{body} since {date}").format(
        body=code(i.body, BODIES), date=when(i.date))
                                       for i in items), *items)


@fact("notice_before_removal", "bool",
      "A court order or a written undertaking of the authorities requires that counsel be "
      "notified before any removal of the person.", "protective", group=GROUP)
def _notice(v: AsOf) -> Established | None:
    notes = [n for n in v.case.requested_state.notice_before_removal
             if v.happened(n.date, _("the undertaking to notify counsel"))]
    return _recorded(notes, summaries(notes))


# --- after a removal --------------------------------------------------------------------


@fact("removal_outside_procedure", "bool",
      "The person was expelled, deported or abducted to the requesting state (not "
      "surrendered under an extradition decision).", "neutral", group="after removal")
def _outside(v: AsOf) -> Established | None:
    removals = [o for o in outcomes_by(v) if removal_to_requesting(v, o)]
    if not removals:
        return None
    last = removals[-1]
    return cite(last.kind != "surrender", _("{what} on {date}").format(
        what=code(last.kind, OUTCOMES), date=when(last.date)), last)


@fact("interim_measure_breached", "bool",
      "The person was removed while an interim measure forbade it (or the requested state is "
      "recorded as not complying with one).", "neutral", group="after removal")
def _breached(v: AsOf) -> Established | None:
    outcomes = [o for o in outcomes_by(v) if o.kind in REMOVALS]
    breaches = [o for o in outcomes if o.breached_interim_measure]
    defied = [i for i in v.involvements(kinds=["interim_measures_indicated"])
              if i.complied is False]
    if breaches or defied:
        detail = "; ".join([_("{what} on {date}").format(what=code(o.kind, OUTCOMES),
                                                         date=when(o.date)) for o in breaches]
                           + [_("{body} measure of {date}").format(
                               body=code(i.body, BODIES), date=when(i.date)) for i in defied])
        return cite(True, detail, *breaches, *defied)
    if outcomes and all(o.breached_interim_measure is False for o in outcomes):
        return cite(False, _("no interim measure was breached"), *outcomes)
    return None


@fact("relatives_in_requested_state", "bool",
      "Relatives of the person (other than those in the requesting state) are recorded in the "
      "case: after a removal they may be left behind.", "neutral", group="after removal")
def _relatives(v: AsOf) -> Established | None:
    family = v.case.person.family
    if not family:
        return None
    left = [r for r in family if r.in_requesting_state is False]
    return Established(bool(left), ", ".join(r.relation for r in left))


@fact("died", "bool",
      "The person has died (per the case's outcomes).", "neutral", group="after removal")
def _died(v: AsOf) -> Established:
    deaths = [o for o in outcomes_by(v) if o.kind == "death"]
    return cite(bool(deaths), "; ".join(_("died on {date}").format(date=when(o.date))
                                        for o in deaths), *deaths)
