"""Facts about the law binding the two states on the as-of date, from the reference data
(`assessor.states`) or from the case file's own `law:` statement, which wins.

Each fact is unknown where neither the case file nor the data gives a sourced answer for
the date. The detail of each fact says which it used: the case file's statement, or the
reference data with its source and the date it was checked.
"""

from __future__ import annotations

import datetime as dt

from . import states
from .facts import AsOf, Established, fact
from .i18n import _, current, ngettext
from .wording import value_words, when

STALE_AFTER_DAYS = 365


def _stated(v: AsOf, name: str) -> Established | None:
    """The case file's own statement of this fact (`law:`), if it makes one."""
    statement = v.case.law.get(name)
    if statement is None or statement.value is None:
        return None
    note = f": {statement.note}" if statement.note else ""
    return Established(statement.value, _("stated in the case file") + note,
                       tuple(statement.sources))


def _fresh(v: AsOf, code: str) -> None:
    """Warn when the data on a state was checked before the as-of date."""
    data = states.reference().state(code)
    if data is None or data.checked >= v.as_of:
        return
    age = (v.as_of - data.checked).days
    older = _(" (more than a year before it)") if age > STALE_AFTER_DAYS else ""
    v.notes.append(_(
        "the reference data on {state} was checked on {checked}, before the as-of date "
        "{as_of}{older}: changes after {checked} are not known to it; verify the treaty "
        "status and the national law").format(state=states.name(code), checked=when(data.checked),
                                              as_of=when(v.as_of), older=older))


def _lookup(v: AsOf, code: str, key: str) -> states.Dated | None:
    _fresh(v, code)
    return states.state_fact(code, key, v.as_of)


def _describe(code: str, dated: states.Dated) -> str:
    meaning = states.KEYS.get(dated.key) or states.PAIR_KEYS.get(dated.key)
    meaning = _(meaning) if meaning else dated.key
    if isinstance(dated.value, bool):
        said = meaning if dated.value else _("not {meaning}").format(meaning=meaning)
        if dated.implied:
            said = _("{said} on the date ({meaning}: {period})").format(
                said=said, meaning=meaning, period=dated.period())
    else:
        # a death-penalty code in its words (reports/value-labels.yaml); English as ever
        coded = dated.key == "death_penalty" and current() != "en"
        said = f"{meaning}: {value_words(dated.value) if coded else dated.value}"
    period = f" ({dated.period()})" if dated.period() and not dated.implied else ""
    return _("{state}: {said}{period}. Reference data: {citation}").format(
        state=states.name(code), said=said, period=period, citation=dated.citation())



def _from_data(v: AsOf, code: str, key: str) -> Established | None:
    dated = _lookup(v, code, key)
    if dated is None:
        return None
    return Established(dated.value, _describe(code, dated))


def _both(v: AsOf, key: str, pair_key: str | None = None) -> Established | None:
    """True when both states are parties on the date, False when either is not."""
    requesting, requested = v.case.states.requesting, v.case.states.requested
    if pair_key:
        excluded = states.pair_fact(requesting, requested, pair_key, v.as_of)
        if excluded is not None and excluded.value is False:
            return Established(False, _describe(requested, excluded))
    found = [(code, _lookup(v, code, key)) for code in (requesting, requested)]
    against = [(code, d) for code, d in found if d is not None and d.value is False]
    if against:
        return Established(False, "; ".join(_describe(c, d) for c, d in against))
    if any(d is None for _, d in found):
        return None
    return Established(True, "; ".join(_describe(c, d) for c, d in found))


def _requested(name: str, key: str):
    def derive(v: AsOf) -> Established | None:
        return _stated(v, name) or _from_data(v, v.case.states.requested, key)
    return derive


def _register(name: str, meaning: str, direction: str, derive, kind: str = "bool",
              values: tuple[str, ...] = (), ordered: bool = False) -> None:
    fact(name, kind, meaning, direction, group="states' law", values=values,
         ordered=ordered)(derive)


_register(
    "requested_bound_by_echr",
    "The requested state is a party to the European Convention on Human Rights on the date "
    "(the ECtHR can indicate a Rule 39 interim measure against it).",
    "protective", _requested("requested_bound_by_echr", "echr_party"))
_register(
    "requested_accepts_cat_complaints",
    "The requested state accepts individual complaints to the UN Committee against Torture "
    "(a declaration under CAT Art 22 in force on the date).",
    "protective", _requested("requested_accepts_cat_complaints", "cat_art22_declaration"))
_register(
    "requested_accepts_hrc_complaints",
    "The requested state accepts individual complaints to the UN Human Rights Committee "
    "(party to the First Optional Protocol to the ICCPR on the date).",
    "protective", _requested("requested_accepts_hrc_complaints", "iccpr_op1_party"))
_register(
    "requested_eu_member",
    "The requested state is a member of the European Union on the date (EU asylum law "
    "applies there).",
    "neutral", _requested("requested_eu_member", "eu_member"))
_register(
    "requested_refugee_convention_party",
    "The requested state is a party to the 1951 Refugee Convention on the date.",
    "protective",
    _requested("requested_refugee_convention_party", "refugee_convention_party"))


def _requested_own_nationals(v: AsOf) -> Established | None:
    return (_stated(v, "requested_extradites_own_nationals")
            or _from_data(v, v.case.states.requested, "extradites_own_nationals"))


_register(
    "requested_extradites_own_nationals",
    "The requested state's law allows it to extradite its own nationals (false: its "
    "constitution or law bars it).",
    "aggravating", _requested_own_nationals)


def _ece(v: AsOf) -> Established | None:
    return _stated(v, "ece_in_force_between_states") or _both(v, "ece_party", "ece_applies")


_register(
    "ece_in_force_between_states",
    "The European Convention on Extradition 1957 binds both states on the date.",
    "aggravating", _ece)


def _ece_lapse(v: AsOf) -> Established | None:
    stated = _stated(v, "ece_lapse_of_time_protocol_in_force")
    if stated is not None:
        return stated
    ece = _ece(v)
    if ece is not None and ece.value is False:
        return Established(False, _("the Convention itself does not bind both states: {why}")
                           .format(why=ece.detail))
    protocol = _both(v, "ece_protocol4_party")
    if protocol is None or ece is None:
        return protocol if protocol is not None and protocol.value is False else None
    return protocol


_register(
    "ece_lapse_of_time_protocol_in_force",
    "The Fourth Additional Protocol to the ECE (CETS 212, lapse of time under the requesting "
    "state's law only) binds both states on the date.",
    "neutral", _ece_lapse)
_register(
    "minsk_in_force_between_states",
    "The CIS Convention on Legal Assistance (Minsk, 1993) binds both states on the date.",
    "aggravating",
    lambda v: _stated(v, "minsk_in_force_between_states") or _both(v, "minsk_party"))
_register(
    "chisinau_in_force_between_states",
    "The CIS Convention on Legal Assistance (Chisinau, 2002) binds both states on the date.",
    "aggravating",
    lambda v: _stated(v, "chisinau_in_force_between_states") or _both(v, "chisinau_party"))


def _death_penalty(v: AsOf) -> Established | None:
    return (_stated(v, "requesting_death_penalty")
            or _from_data(v, v.case.states.requesting, "death_penalty"))


_register(
    "requesting_death_penalty",
    "The death penalty in the requesting state's law on the date: abolished (for all "
    "crimes), abolished_ordinary (for ordinary crimes), moratorium (retained in law, not "
    "carried out), retained.",
    "neutral", _death_penalty, kind="enum", values=states.DEATH_PENALTY, ordered=True)


def national_law(code: str, on: dt.date) -> dict[str, states.Dated]:
    """The requested state's procedure facts on the date, for the report and the rules'
    text (`law.asylum_law`, ...): only what the data holds."""
    found = {}
    for key in states.VALUES:
        dated = states.state_fact(code, key, on)
        if dated is not None:
            found[key] = dated
    return found


_LIMIT_OF_CLAIM: dict[tuple, tuple] = {}


def _decision_limit(v: AsOf, kind: str) -> Established | None:
    """Whether a claim awaiting its first decision has passed the requested state's time
    limit (`rules/data/deadlines.yaml`: EU law for EU members, a state's own law where the
    table has it). Unknown where no limit is known: none is invented."""
    from .limits import add_months, limits_for

    requested = v.case.states.requested
    waiting = [c for c in v.claims_here()
               if c.filed is not None and v.happened(c.filed)
               and not any(v.happened(d.date) for d in c.decisions)]
    if not waiting:
        return Established(False, _("no claim awaits a first decision"))
    found = []
    table = limits_for(requested)
    for claim in waiting:
        # a claim's limit depends on its filing date only, not on the as-of date: found
        # once, not again at every date of the trajectory
        key = (requested, kind, claim.filed.latest)
        if key not in _LIMIT_OF_CLAIM:
            limits = [limit for limit in table
                      if limit.clock == "protection_filed" and limit.kind == kind
                      and limit.applies(claim.filed.latest, requested)]
            limit = min(limits, key=lambda x: x.months) if limits else None
            due = add_months(claim.filed.latest, limit.months) if limit else None
            if len(_LIMIT_OF_CLAIM) > 10_000:
                _LIMIT_OF_CLAIM.clear()
            _LIMIT_OF_CLAIM[key] = (limit, due)
        limit, due = _LIMIT_OF_CLAIM[key]
        if limit is not None:
            found.append((due < v.as_of, due, limit, claim))
    if not found:
        return None
    passed = [f for f in found if f[0]] or found
    __, due, limit, claim = min(passed, key=lambda f: f[1])
    # the basis is rules/data/deadlines.yaml's, which the catalog holds (whitespace folded)
    basis = " ".join(limit.basis.split())
    text = (ngettext("{n} month from the claim filed {filed}: passed on {due} ({basis})",
                     "{n} months from the claim filed {filed}: passed on {due} ({basis})",
                     limit.months) if passed[0][0] else
            ngettext("{n} month from the claim filed {filed}: falls due on {due} ({basis})",
                     "{n} months from the claim filed {filed}: falls due on {due} ({basis})",
                     limit.months))
    return Established(bool(passed[0][0]), text.format(
        filed=when(claim.filed), due=when(due), basis=_(basis)), tuple(claim.sources))


_register(
    "asylum_decision_overdue",
    "A protection claim awaiting its first decision has passed the ordinary time limit the "
    "requested state's law sets for the decision (EU law in EU member states; a state's own "
    "law where the data has it). Unknown where no limit is known.",
    "neutral", lambda v: _decision_limit(v, "ordinary"))
_register(
    "asylum_decision_past_outer_limit",
    "A protection claim awaiting its first decision has passed the outer time limit the "
    "requested state's law allows with every extension. Unknown where no limit is known.",
    "neutral", lambda v: _decision_limit(v, "outer"))
