"""The fact catalogue: every fact the rules read, what it means, and how it is derived.

`derive(case, as_of)` is one pure function from a case and a date to a flat record of
facts. Only what happened on or before the as-of date counts (see `dates.PartialDate`
for partial dates). A fact the case does not establish is *unknown* and left out of the
record: rules see the difference between unknown and false.

Each fact is declared once, with its type, its meaning for a lawyer, and its direction:
`protective` (when true or larger, surrender is less likely), `aggravating` (more likely)
or `neutral`. The property tests hold the rules to these directions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable, Literal

from .conditions import FactType
from .dates import PartialDate
from .i18n import N_, _, current, ngettext
from .model import (
    POLITICAL_PROFILES,
    Case,
    Cited,
    Disputed,
    Involvement,
    Part,
    ProtectionClaim,
    Source,
)
from .countries import country_name
from .events import ACTS, BODIES, EVIDENCE, PROTECTION_KINDS, SERVICE_ACTS
from .wording import ARRESTS, DECISIONS, LEVELS, NOTICES, PROFILES, code, number, state, when

Value = bool | int | str
Direction = Literal["protective", "aggravating", "neutral"]


@dataclass(frozen=True)
class FactSpec:
    name: str
    kind: Literal["bool", "int", "enum"]
    meaning: str
    direction: Direction
    group: str
    values: tuple[str, ...] = ()
    # for enums: the values ordered from most protective to most aggravating, when ordered
    ordered: bool = False

    @property
    def type(self) -> FactType:
        return FactType(self.name, self.kind, self.values)


@dataclass(frozen=True)
class Established:
    """A fact's value, a short account of what established it, and the sources."""

    value: Value
    detail: str = ""
    sources: tuple[str, ...] = ()


@dataclass
class Facts:
    """The flat record the rules read, plus what the report needs to explain it."""

    as_of: dt.date
    values: dict[str, Value] = field(default_factory=dict)
    details: dict[str, str] = field(default_factory=dict)
    sources: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unknown: tuple[str, ...] = ()
    warnings: list[str] = field(default_factory=list)
    # ids of the case's sources dated after the as-of date: neither used nor cited
    sources_left_out: tuple[str, ...] = ()
    # where sources disagree on an item that counts as of the date
    conflicts: list["Conflict"] = field(default_factory=list)


@dataclass(frozen=True)
class Conflict:
    """Two values sources give for one field of one item: the one relied on, and the other."""

    item: str
    field: str
    relied_on: str
    relied_on_sources: tuple[str, ...]
    other: str
    other_sources: tuple[str, ...]
    note: str = ""


Derivation = Callable[["AsOf"], Established | Value | None]
CATALOGUE: dict[str, FactSpec] = {}
_DERIVATIONS: dict[str, Derivation] = {}


def fact(
    name: str,
    kind: Literal["bool", "int", "enum"],
    meaning: str,
    direction: Direction = "neutral",
    *,
    group: str,
    values: Iterable[str] = (),
    ordered: bool = False,
) -> Callable[[Derivation], Derivation]:
    """Declare a fact in the catalogue together with the function that derives it."""

    def register(derive_fn: Derivation) -> Derivation:
        if name in CATALOGUE:
            raise ValueError(f"fact {name} declared twice")
        CATALOGUE[name] = FactSpec(name, kind, meaning, direction, group, tuple(values), ordered)
        _DERIVATIONS[name] = derive_fn
        return derive_fn

    return register


def fact_types() -> dict[str, FactType]:
    return {name: spec.type for name, spec in CATALOGUE.items()}


def derive(case: Case, as_of: dt.date, *, warnings: bool = True) -> Facts:
    """The facts of `case` as of `as_of`: only what had happened by then counts, and only
    what was known by then (`known_from`, and the dates of the sources). Without
    `warnings` (a trajectory evaluates many dates and shows no warnings), the scan of the
    whole timeline for later items is skipped."""
    # a source certainly published after the date (its earliest possible day is later) is
    # neither used nor cited; one whose date only may be later is used, from its first day
    late = tuple(s.id for s in case.sources if s.date and s.date.earliest > as_of)
    case, pruned = known_by(case, as_of, set(late))
    view = AsOf(case, as_of)
    facts = Facts(as_of, sources_left_out=late)
    unknown = []
    for name, derive_fn in _DERIVATIONS.items():
        result = derive_fn(view)
        if result is None:
            unknown.append(name)
            continue
        if not isinstance(result, Established):
            result = Established(result)
        facts.values[name] = result.value
        if result.detail:
            facts.details[name] = result.detail
        sources = tuple(s for s in result.sources if s not in late)
        if sources:
            facts.sources[name] = sources
    facts.unknown = tuple(unknown)
    facts.warnings = (view.warnings() + pruned) if warnings else []
    facts.conflicts = conflicts(case, set(late))
    if late and warnings:
        # the English is as it always was ("(s)"); other languages use the plural forms
        facts.warnings.append(ngettext(
            "{n} source(s) dated after the as-of date {as_of} are neither "
            "used nor cited; an item that only they support does not "
            "count yet",
            "{n} source(s) dated after the as-of date {as_of} are neither "
            "used nor cited; an item that only they support does not "
            "count yet",
            len(late)).format(as_of=when(as_of)))
    return facts


def known_by(case: Case, as_of: dt.date, late: set[str]) -> tuple[Case, list[str]]:
    """The case as it was known on `as_of`: items whose `known_from` is later, or whose
    every source is dated after `as_of`, are left out (with a note for each). An item
    with no date of its own and nothing to date its knowledge counts, with a warning: the
    lawyer should give `known_from`."""
    notes: list[str] = []
    unsupported: list[str] = []

    def counts(item: Cited) -> bool:
        if item.known_from is not None and not item.known_from.happened_by(as_of):
            notes.append(_("{item} is known only from {date} and does not count yet").format(
                item=_label(item), date=when(item.known_from)))
            return False
        if item.sources and all(s in late for s in item.sources):
            unsupported.append(_label(item))
            return False
        return True

    def prune(node: Any) -> Any:
        if isinstance(node, list):
            kept = [prune(x) for x in node if not isinstance(x, Cited) or counts(x)]
            return kept if len(kept) != len(node) or any(
                a is not b for a, b in zip(kept, node)) else node
        if isinstance(node, Part) and not isinstance(node, (Source, Disputed)):
            changed = {}
            for name in type(node).model_fields:
                value = getattr(node, name)
                if isinstance(value, (list, Part)):
                    new = prune(value)
                    if new is not value:
                        changed[name] = new
            return node.model_copy(update=changed) if changed else node
        return node

    pruned = prune(case)
    if unsupported:
        # the English is as it always was ("(s)"); other languages use the plural forms
        notes.append(ngettext(
            "{n} item(s) rest only on sources dated after {as_of} and do "
            "not count yet: {items}",
            "{n} item(s) rest only on sources dated after {as_of} and do "
            "not count yet: {items}",
            len(unsupported)).format(
                as_of=when(as_of), items="; ".join(unsupported[:4])
                + ("; …" if len(unsupported) > 4 else "")))
    for charge in pruned.charges:
        if charge.opened is None and charge.known_from is None and not any(
                _source_date(pruned, s) for s in charge.sources):
            notes.append(_("the charge '{offence}' has no date and no `known_from`: it is "
                           "counted at every date; give `known_from` where it is known").format(
                offence=charge.offence))
    return pruned, notes


def _source_date(case: Case, source_id: str) -> PartialDate | None:
    return next((s.date for s in case.sources if s.id == source_id), None)


def _label(item: Cited) -> str:
    """A short name for an item in a warning or a conflict, in the case file's words."""
    for attribute in ("offence", "title", "name", "who", "summary", "description"):
        text = getattr(item, attribute, None)
        if isinstance(text, str) and text:
            text = " ".join(text.split())
            return f"'{text[:60]}{'…' if len(text) > 60 else ''}'"
    name = _ITEM_NAMES.get(type(item).__name__)
    what = _(name) if name else str(getattr(item, "kind", "an item")).replace("_", " ")
    date = next((getattr(item, a) for a in ("date", "received", "start", "filed", "issued",
                                            "opened") if getattr(item, a, None)), None)
    return _("{what} of {date}").format(what=what, date=when(date)) if date else what


_ITEM_NAMES = {
    "ExtraditionRequest": N_("the extradition request"),
    "ExtraditionDecision": N_("the extradition decision"),
    "ProtectionDecision": N_("the protection decision"),
    "ProtectionClaim": N_("the protection claim"),
    "Detention": N_("the arrest"),
    "InterpolNotice": N_("the Interpol notice"),
    "StateReply": N_("the state's reply"),
    "Assurance": N_("the assurance"),
    "Treaty": N_("the treaty"),
    "CourtDeadline": N_("the court's time limit"),
}


def conflicts(case: Case, late: set[str]) -> list[Conflict]:
    """Every recorded disagreement between sources on an item that counts as of the date,
    with only the sources available by then (a disagreement no available source states is
    not shown)."""
    found: list[Conflict] = []

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for x in node:
                walk(x)
        elif isinstance(node, Part) and not isinstance(node, (Source, Disputed)):
            if isinstance(node, Cited):
                for entry in node.disputed:
                    other_sources = tuple(s for s in entry.sources if s not in late)
                    if entry.sources and not other_sources:
                        continue
                    found.append(Conflict(
                        item=_label(node), field=entry.field,
                        relied_on=_text(getattr(node, entry.field)),
                        relied_on_sources=tuple(s for s in node.sources if s not in late),
                        other=_text(entry.value), other_sources=other_sources,
                        note=entry.note or ""))
            for name in type(node).model_fields:
                value = getattr(node, name)
                if isinstance(value, (list, Part)):
                    walk(value)

    walk(case)
    return found


def _text(value: Any) -> str:
    if value is None:
        return _("not known")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, PartialDate):
        return when(value)
    return str(value)


def cite(value: Value, detail: str, *items: Cited | None) -> Established:
    sources: list[str] = []
    for item in items:
        if item is not None:
            sources.extend(s for s in item.sources if s not in sources)
    return Established(value, detail, tuple(sources))


class AsOf:
    """The case seen from one date: what had happened by then, and what was uncertain."""

    def __init__(self, case: Case, as_of: dt.date):
        self.case, self.as_of = case, as_of
        self._uncertain: list[str] = []
        # warnings a derivation adds, e.g. reference data checked before the as-of date
        self.notes: list[str] = []
        self._claims_here: list[ProtectionClaim] | None = None
        self._charges: list | None = None

    def happened(self, date: PartialDate | None, what: str = "") -> bool:
        if date is None:
            return False
        if date.uncertain_at(self.as_of):
            self._uncertain.append(
                _("{what} is dated {date}, which may or may not be before {as_of}; it is "
                  "treated as not yet happened").format(
                    what=what or _("an item"), date=when(date), as_of=when(self.as_of)))
        return date.happened_by(self.as_of)

    def days_since(self, date: PartialDate) -> int:
        return date.days_until(self.as_of)

    def warnings(self) -> list[str]:
        later = [
            f"{label} ({when(date)})"
            for label, date in timeline_dates(self.case)
            if date.earliest > self.as_of
        ]
        notes = list(dict.fromkeys(self._uncertain + self.notes))
        if later:
            # the English is as it always was ("(s)"); other languages use the plural forms
            notes.append(ngettext(
                "{n} dated item(s) fall after the as-of date {as_of} and are "
                "ignored: {items}",
                "{n} dated item(s) fall after the as-of date {as_of} and are "
                "ignored: {items}",
                len(later)).format(as_of=when(self.as_of), items="; ".join(later[:5])
                                   + ("; …" if len(later) > 5 else "")))
        return notes

    # --- protection ---------------------------------------------------------------
    def claims_here(self) -> list[ProtectionClaim]:
        # a dozen facts ask for these: found once per date, not once per fact
        if self._claims_here is None:
            requested = self.case.states.requested
            self._claims_here = [
                c
                for c in self.case.protection
                if (c.state or requested) == requested and c.kind != "unhcr_mandate"
                and self.happened(self.claim_start(c), _("the {kind} claim").format(
                    kind=code(c.kind, PROTECTION_KINDS)))
            ]
        return list(self._claims_here)

    def claim_start(self, claim: ProtectionClaim) -> PartialDate | None:
        """When the claim was made: its filing or the intention expressed; a claim recorded
        only by its decisions was made on or before the first of them (a bound, never an
        invented day), so a grant without a filing date still counts."""
        start = claim.filed or claim.intention_expressed
        if start is not None or not claim.decisions:
            return start
        first = min(d.date for d in claim.decisions)
        self.notes.append(_("the {kind} claim has no filing date: it was made on or before "
                            "its first decision ({date})").format(
            kind=code(claim.kind, PROTECTION_KINDS), date=when(first)))
        return PartialDate.bounded(None, first)

    def claim_status(self, claim: ProtectionClaim) -> str:
        """pending, appeal_pending, refused_appealable, refused_final, granted, withdrawn."""
        status = "pending"
        decisions = sorted(
            (d for d in claim.decisions
             if self.happened(d.date, _("the decision '{outcome}'").format(
                 outcome=code(d.outcome, DECISIONS)))),
            key=lambda d: d.date,
        )
        for decision in decisions:
            status = {
                "granted": "granted",
                "refused": "refused_final" if decision.final else "refused_appealable",
                "appeal_filed": "appeal_pending",
                "appeal_allowed": "pending",
                "remitted": "pending",
                "appeal_dismissed": "refused_final" if decision.final else "refused_appealable",
                "withdrawn": "withdrawn",
            }[decision.outcome]
        return status

    def involvements(self, *bodies: str, kinds: Iterable[str] = ()) -> list[Involvement]:
        kinds = set(kinds)
        return [
            i
            for i in self.case.international
            if (not bodies or i.body in bodies)
            and (not kinds or i.kind in kinds)
            and self.happened(i.date, _("the {body} {act}").format(
                body=code(i.body, BODIES), act=code(i.kind, ACTS)))
        ]

    def charges(self) -> list:
        """Charges known by the as-of date: a case opened later cannot count yet."""
        if self._charges is None:  # found once per date, not once per fact
            self._charges = [c for c in self.case.charges
                             if c.opened is None or self.happened(c.opened)]
        return list(self._charges)

    def first_request(self) -> PartialDate | None:
        dates = [r.received for r in self.case.extradition.requests if self.happened(r.received)]
        return min(dates) if dates else None


def timeline_dates(case: Case) -> list[tuple[str, PartialDate]]:
    """Every dated item of the case with a label a lawyer reads, for warnings and the
    timeline (the labels are built in assessor.events)."""
    from .events import dated_items  # events imports only the model: no cycle

    return dated_items(case)


# =====================================================================================
# The catalogue, in groups: person, legal basis, protection, proceedings,
# international involvement, Interpol, charges (pretext indicators), country conditions,
# assurances, irregular removal.
# =====================================================================================

# --- person --------------------------------------------------------------------------


@fact("political_profile", "bool",
      "The person is a human rights defender, journalist, opposition figure, or member of a "
      "targeted religious, ethnic or LGBTI group.", "protective", group="person")
def _political_profile(v: AsOf) -> Established | None:
    profile = v.case.person.profile
    if not profile:
        return None
    political = sorted(POLITICAL_PROFILES.intersection(profile))
    return cite(bool(political), ", ".join(code(p, PROFILES) for p in political), v.case.person)


@fact("opposition_leader", "bool",
      "The person leads an opposition movement or organisation.", "protective", group="person")
def _opposition_leader(v: AsOf) -> Value | None:
    person = v.case.person
    if "opposition_leader" in person.profile or any(o.leader for o in person.organisations):
        return True
    return False if person.profile else None


@fact("national_of_requested_state", "bool",
      "The person is a national of the requested state.", "protective", group="person")
def _national(v: AsOf) -> Value:
    return v.case.states.requested in v.case.person.nationalities


@fact("own_national_bar", "bool",
      "The person is a national of the requested state and its law bars surrendering its "
      "own nationals.", "protective", group="person")
def _own_national_bar(v: AsOf) -> Value | None:
    barred = v.case.legal_basis.own_nationals_extradition_barred
    if v.case.states.requested not in v.case.person.nationalities:
        return False
    return barred


@fact("minor_in_care", "bool",
      "The person cares for a child under 18.", "protective", group="person")
def _minor_in_care(v: AsOf) -> Value | None:
    family = v.case.person.family
    if any(r.minor and r.in_care_of_person for r in family):
        return True
    return None if not family else False


@fact("serious_health_condition", "bool",
      "The person has a serious illness, and detention or transfer would endanger "
      "their health.",
      "protective", group="person")
def _health(v: AsOf) -> Established | None:
    value = v.case.person.serious_health_condition
    return None if value is None else cite(value, "", v.case.person)


@fact("family_in_requesting_state", "bool",
      "Relatives of the person live in the requesting state (exposed to pressure).",
      "neutral", group="person")
def _family(v: AsOf) -> Value | None:
    family = v.case.person.family
    if any(r.in_requesting_state for r in family):
        return True
    return None if not family else False


# --- legal basis ---------------------------------------------------------------------

def _treaties_in_force(v: AsOf) -> list:
    return [
        t for t in v.case.legal_basis.treaties
        if v.happened(t.in_force, _("entry into force of {treaty}").format(treaty=t.name))
        and not v.happened(t.terminated)
    ]


@fact("treaty_basis", "enum",
      "The treaty basis for surrender in force as of the date: none (reciprocity and domestic "
      "law only), multilateral (a convention such as the ECE 1957 or Minsk 1993), or "
      "bilateral. Unknown until the lawyer has confirmed the treaty list is complete.",
      "aggravating", group="legal basis", values=("none", "multilateral", "bilateral"),
      ordered=True)
def _treaty_basis(v: AsOf) -> Established | None:
    in_force = _treaties_in_force(v)
    bilateral = [t for t in in_force if t.kind == "bilateral"]
    if bilateral:
        return cite("bilateral", bilateral[0].name, *bilateral)
    if in_force:
        return cite("multilateral", ", ".join(t.name for t in in_force), *in_force)
    if v.case.legal_basis.treaty_list_complete:
        return cite("none", _("no extradition treaty in force between the two states"),
                    v.case.legal_basis)
    return None


@fact("days_since_treaty_ratified", "int",
      "Days since the requested state last ratified an extradition treaty with the "
      "requesting state (a recent ratification signals a will to use it).",
      "neutral", group="legal basis")
def _days_since_ratified(v: AsOf) -> Established | None:
    ratified = [t for t in v.case.legal_basis.treaties
                if t.kind == "bilateral"
                and v.happened(t.ratified, _("ratification of {treaty}").format(treaty=t.name))]
    if not ratified:
        return None
    latest = max(ratified, key=lambda t: t.ratified)
    return cite(v.days_since(latest.ratified), _("{treaty}, ratified {date}").format(
        treaty=latest.name, date=when(latest.ratified)), latest)


@fact("bilateral_treaty_ratified", "bool",
      "A bilateral extradition treaty has been ratified or is in force (ratification "
      "alone does not put it in force).",
      "aggravating", group="legal basis")
def _bilateral_ratified(v: AsOf) -> Established | None:
    ratified = [t for t in v.case.legal_basis.treaties
                if t.kind == "bilateral" and v.happened(t.ratified or t.in_force)]
    if ratified:
        return cite(True, ratified[0].name, *ratified)
    return False if v.case.legal_basis.treaty_list_complete else None


@fact("reciprocity_offered", "bool",
      "The requesting state offered reciprocity in place of a treaty.", "neutral",
      group="legal basis")
def _reciprocity(v: AsOf) -> Value | None:
    return v.case.legal_basis.reciprocity_offered


# --- protection ----------------------------------------------------------------------

ASYLUM_STATUSES = (
    "granted", "pending", "appeal_pending", "none", "refused_appealable", "refused_final"
)


@fact("asylum_status", "enum",
      "Where the person's claim for international protection in the requested state stands: "
      "granted, pending (first instance or reconsideration), appeal_pending, none (never "
      "claimed or withdrawn), refused_appealable, refused_final.",
      "aggravating", group="protection", values=ASYLUM_STATUSES, ordered=True)
def _asylum_status(v: AsOf) -> Established:
    claims = v.claims_here()
    if not claims:
        return Established("none", _("no claim for protection in the requested state"))
    statuses = [(v.claim_status(c), c) for c in claims]
    for wanted in ("granted", "pending", "appeal_pending", "refused_appealable",
                   "refused_final", "withdrawn"):
        chosen = [c for s, c in statuses if s == wanted]
        if chosen:
            claim = chosen[-1]
            status = "none" if wanted == "withdrawn" else wanted
            detail = _("{kind} claim filed {date}").format(
                kind=code(claim.kind, PROTECTION_KINDS), date=when(v.claim_start(claim)))
            decisions = [d for d in claim.decisions if v.happened(d.date)]
            return cite(status, detail, claim, *decisions)
    raise AssertionError("unreachable")  # pragma: no cover


@fact("asylum_pending", "bool",
      "A claim for protection in the requested state awaits a decision (at first instance, "
      "on reconsideration or on appeal).", "protective", group="protection")
def _asylum_pending(v: AsOf) -> Established:
    status = _asylum_status(v)
    return Established(status.value in ("pending", "appeal_pending"), status.detail,
                       status.sources)


@fact("asylum_refused_final", "bool",
      "A first claim for protection in the requested state has been finally refused (a "
      "renewed claim may follow).", "aggravating", group="protection")
def _refused_final(v: AsOf) -> Established:
    refused = [c for c in v.claims_here()
               if not c.subsequent_application and v.claim_status(c) == "refused_final"]
    detail = "; ".join(
        _("{kind} claim filed {filed}, finally refused {refused}").format(
            kind=code(c.kind, PROTECTION_KINDS), filed=when(v.claim_start(c)),
            refused=when(max(d.date for d in c.decisions if v.happened(d.date))))
        for c in refused)
    return cite(bool(refused), detail, *refused,
                *(d for c in refused for d in c.decisions if v.happened(d.date)))


@fact("asylum_claimed_before_request", "bool",
      "The person sought protection before the requesting state's extradition request "
      "reached the requested state (or no request has arrived yet).", "protective",
      group="protection")
def _before_request(v: AsOf) -> Established | None:
    claims = v.claims_here()
    if not claims:
        return None
    first_claim = min(v.claim_start(c) for c in claims)
    request = v.first_request()
    if request is None:
        return cite(True, _("claimed {date}; no extradition request yet").format(
            date=when(first_claim)), *claims)
    if first_claim.latest < request.earliest:
        before = True
    elif first_claim.earliest >= request.latest:
        before = False
    else:  # the two dates overlap (a month, a year, or bounds): which came first is unknown
        return None
    return cite(before, _("claimed {claimed}; request received {received}").format(
        claimed=when(first_claim), received=when(request)), *claims,
                *v.case.extradition.requests)


@fact("asylum_days_pending", "int",
      "Days the pending protection claim has waited since it was filed.", "neutral",
      group="protection")
def _days_pending(v: AsOf) -> Established | None:
    pending = [c for c in v.claims_here()
               if v.claim_status(c) in ("pending", "appeal_pending") and c.filed]
    if not pending:
        return None
    claim = min(pending, key=lambda c: c.filed)
    return cite(v.days_since(claim.filed), _("filed {date}").format(date=when(claim.filed)),
                claim)


@fact("asylum_subsequent_claim", "bool",
      "The pending claim is a renewed or subsequent application after a refusal.",
      "neutral", group="protection")
def _subsequent(v: AsOf) -> Value | None:
    pending = [c for c in v.claims_here() if v.claim_status(c) in ("pending", "appeal_pending")]
    if not pending:
        return None
    return any(c.subsequent_application for c in pending)


@fact("refugee_status_granted", "bool",
      "The requested state recognised the person as a refugee (asylum granted).",
      "protective", group="protection")
def _refugee(v: AsOf) -> Established:
    granted = [c for c in v.claims_here() if c.kind == "asylum" and v.claim_status(c) == "granted"]
    return cite(bool(granted), _("asylum granted") if granted else "", *granted)


@fact("protection_granted", "bool",
      "The requested state granted refugee status, subsidiary or temporary protection.",
      "protective", group="protection")
def _protection_granted(v: AsOf) -> Established:
    granted = [c for c in v.claims_here() if v.claim_status(c) == "granted"]
    detail = ", ".join(_("{kind} protection").format(kind=code(c.kind, PROTECTION_KINDS))
                       for c in granted)
    return cite(bool(granted), detail, *granted)


@fact("protection_granted_elsewhere", "bool",
      "A third state (not the requesting state) recognised the person as a refugee or "
      "granted protection.", "protective", group="protection")
def _protection_elsewhere(v: AsOf) -> Established:
    requested, requesting = v.case.states.requested, v.case.states.requesting
    granted = [
        c for c in v.case.protection
        if c.state not in (None, requested, requesting) and c.kind != "unhcr_mandate"
        and v.happened(v.claim_start(c)) and v.claim_status(c) == "granted"
    ]
    return cite(bool(granted), ", ".join(_("{kind} in {state}").format(
        kind=code(c.kind, PROTECTION_KINDS), state=state(c.state)) for c in granted), *granted)


@fact("unhcr_mandate_refugee", "bool",
      "UNHCR recognised the person as a refugee under its mandate.", "protective",
      group="protection")
def _unhcr_mandate(v: AsOf) -> Established:
    mandate = [c for c in v.case.protection
               if c.kind == "unhcr_mandate" and v.happened(v.claim_start(c))
               and v.claim_status(c) == "granted"]
    return cite(bool(mandate), _("UNHCR mandate recognition") if mandate else "", *mandate)


@fact("protection_decision_irregular", "bool",
      "A decision against the person's protection claim was rushed or taken without hearing "
      "the person's lawyers.", "aggravating", group="protection")
def _protection_irregular(v: AsOf) -> Established:
    irregular = [
        d for c in v.claims_here() for d in c.decisions
        if v.happened(d.date) and d.outcome in ("refused", "appeal_dismissed")
        and (d.rushed or d.defence_heard is False)
    ]
    detail = "; ".join(_("{body} of {date}").format(body=d.body or _("decision"),
                                                     date=when(d.date)) for d in irregular)
    return cite(bool(irregular), detail, *irregular)


@fact("asylum_confidentiality_breached", "bool",
      "The protection claim was disclosed to the requesting state.", "aggravating",
      group="protection")
def _confidentiality(v: AsOf) -> Value | None:
    claims = v.claims_here()
    if any(c.confidentiality_breached for c in claims):
        return True
    if claims and all(c.confidentiality_breached is False for c in claims):
        return False
    return None


# --- extradition proceedings ---------------------------------------------------------


@fact("extradition_request_received", "bool",
      "The requested state has received an extradition request.", "aggravating",
      group="proceedings")
def _request(v: AsOf) -> Established:
    requests = [r for r in v.case.extradition.requests
                if v.happened(r.received, _("the request"))]
    detail = ", ".join(_("received {date}").format(date=when(r.received)) for r in requests)
    return cite(bool(requests), detail, *requests)


@fact("days_since_request", "int",
      "Days since the first extradition request was received.", "neutral",
      group="proceedings")
def _days_since_request(v: AsOf) -> Value | None:
    first = v.first_request()
    return v.days_since(first) if first else None


def _for_extradition(v: AsOf) -> list:
    """The arrests made for the extradition: an arrest of kind `other` (for a border offence,
    say) is recorded in the timeline but is no extradition arrest."""
    return [d for d in v.case.extradition.detentions if d.kind != "other"]


@fact("arrested_for_extradition", "bool",
      "The person has been arrested in the requested state for extradition.", "aggravating",
      group="proceedings")
def _arrested(v: AsOf) -> Established:
    arrests = [d for d in _for_extradition(v) if v.happened(d.start, _("the arrest"))]
    detail = "; ".join(
        (_("{arrest} {date}, released {released}") if d.end and v.happened(d.end)
         else _("{arrest} {date}")).format(arrest=code(d.kind, ARRESTS), date=when(d.start),
                                           released=when(d.end))
        for d in arrests)
    return cite(bool(arrests), detail, *arrests)


@fact("in_detention", "bool",
      "The person is in extradition detention (arrested and not released).", "aggravating",
      group="proceedings")
def _in_detention(v: AsOf) -> Established:
    held = [d for d in _for_extradition(v)
            if v.happened(d.start) and not v.happened(d.end, _("the release"))]
    return cite(bool(held), "; ".join(_("held since {date}").format(date=when(d.start))
                                      for d in held), *held)


@fact("days_since_arrest", "int",
      "Days since the most recent extradition arrest.", "neutral", group="proceedings")
def _days_since_arrest(v: AsOf) -> Value | None:
    starts = [d.start for d in _for_extradition(v) if v.happened(d.start)]
    return v.days_since(max(starts)) if starts else None


@fact("passport_confiscated", "bool",
      "The person's passport is held by the authorities of the requested state.",
      "aggravating", group="proceedings")
def _passport(v: AsOf) -> Established:
    ex = v.case.extradition
    held = v.happened(ex.passport_confiscated, _("the passport confiscation")) and not v.happened(
        ex.passport_returned)
    return cite(held, _("confiscated {date}").format(date=when(ex.passport_confiscated))
                if held else "", ex)


@fact("surrender_decision", "enum",
      "The latest decision on the extradition request: none, refused_final, refused (open to "
      "appeal), allowed (open to appeal), allowed_final (surrender authorised, no ordinary "
      "appeal left).", "aggravating", group="proceedings",
      values=("refused_final", "refused", "none", "allowed", "allowed_final"), ordered=True)
def _surrender_decision(v: AsOf) -> Established:
    decisions = sorted(
        (d for d in v.case.extradition.decisions
         if v.happened(d.date, _("the extradition decision"))),
        key=lambda d: d.date,
    )
    if not decisions:
        return Established("none")
    last = decisions[-1]
    final = bool(last.final) and (last.in_force is None or v.happened(last.in_force))
    value = {
        "surrender_allowed": "allowed_final" if final else "allowed",
        "surrender_refused": "refused_final" if final else "refused",
        "quashed": "none",
    }[last.outcome]
    court = last.body or code(last.level, LEVELS)
    detail = (_("{court} on {date}, in force {in_force}")
              if last.in_force and v.happened(last.in_force) else _("{court} on {date}")).format(
        court=court, date=when(last.date), in_force=when(last.in_force))
    return cite(value, detail, last)


@fact("extradition_decision_irregular", "bool",
      "A decision on surrender was rushed or taken without hearing the defence.",
      "aggravating", group="proceedings")
def _extradition_irregular(v: AsOf) -> Established:
    irregular = [d for d in v.case.extradition.decisions
                 if v.happened(d.date) and (d.rushed or d.defence_heard is False)]
    return cite(bool(irregular), "; ".join(f"{d.body or code(d.level, LEVELS)} {when(d.date)}"
                                           for d in irregular), *irregular)


# --- international involvement -------------------------------------------------------

def _refs(items: list[Involvement]) -> str:
    return "; ".join(
        (f"{i.reference} " if i.reference else "") + _("of {date}").format(date=when(i.date))
        for i in items
    )


@fact("un_communication_sent", "bool",
      "UN Special Procedures mandate holders sent a communication about the person.",
      "protective", group="international")
def _un_communication(v: AsOf) -> Established:
    items = v.involvements("un_special_procedures", kinds=["communication"])
    return cite(bool(items), _refs(items), *items)


@fact("un_public_statement", "bool",
      "UN Special Procedures mandate holders spoke publicly about the person's case.",
      "protective", group="international")
def _un_statement(v: AsOf) -> Established:
    items = v.involvements("un_special_procedures", kinds=["public_statement", "report"])
    return cite(bool(items), _refs(items), *items)


@fact("un_urged_no_extradition", "bool",
      "UN mandate holders or treaty bodies urged the requested state not to extradite.",
      "protective", group="international")
def _un_urged(v: AsOf) -> Established:
    items = [i for i in v.involvements("un_special_procedures", "un_committee_against_torture",
                                       "un_human_rights_committee")
             if i.calls_against_extradition]
    return cite(bool(items), _refs(items), *items)


@fact("state_replied_to_un", "bool",
      "The requested state replied to a UN communication about the person (unknown when no "
      "communication was sent to it).", "protective", group="international")
def _state_replied(v: AsOf) -> Established | None:
    sent = [i for i in v.involvements("un_special_procedures", kinds=["communication"])
            if i.addressed_to in (None, v.case.states.requested)]
    if not sent:
        return None
    replies = [i for i in sent if i.reply and v.happened(i.reply.date, _("the state's reply"))]
    detail = "; ".join(_("reply of {date} to {what}").format(
        date=when(i.reply.date), what=i.reference or _("the communication")) for i in replies)
    return cite(bool(replies), detail, *sent, *(i.reply for i in replies))


@fact("non_refoulement_commitment", "bool",
      "The requested state's government committed in writing to respect non-refoulement in "
      "this case.", "protective", group="international")
def _commitment(v: AsOf) -> Established:
    replies = [i.reply for i in v.case.international
               if i.reply and i.reply.commits_to_non_refoulement and v.happened(i.reply.date)]
    conduct = v.case.requested_state
    if replies:
        return cite(True, _("reply of {date}").format(date=when(replies[0].date)), *replies)
    if v.happened(conduct.ministry_non_refoulement_commitment):
        return cite(True, _("commitment of {date}").format(
            date=when(conduct.ministry_non_refoulement_commitment)), conduct)
    return Established(False)


@fact("treaty_body_interim_measures", "bool",
      "The UN Committee against Torture or Human Rights Committee requested interim measures "
      "(no removal while it examines the complaint).", "protective", group="international")
def _treaty_body(v: AsOf) -> Established:
    items = v.involvements("un_committee_against_torture", "un_human_rights_committee",
                           kinds=["interim_measures_indicated"])
    return cite(bool(items), _refs(items), *items)


@fact("rule39_requested", "bool",
      "An interim measure under Rule 39 of the Rules of Court was requested from the ECtHR.",
      "neutral", group="international")
def _rule39_requested(v: AsOf) -> Established:
    items = v.involvements("ecthr", kinds=["interim_measures_requested"])
    return cite(bool(items), _refs(items), *items)


@fact("rule39_indicated", "bool",
      "The ECtHR indicated an interim measure under Rule 39 (no removal), not lifted.",
      "protective", group="international")
def _rule39(v: AsOf) -> Established:
    items = v.involvements("ecthr", kinds=["interim_measures_indicated"])
    return cite(bool(items), _refs(items), *items)


@fact("unhcr_protection_letter", "bool",
      "UNHCR issued a letter or document asking that the person be protected from return.",
      "protective", group="international")
def _unhcr_letter(v: AsOf) -> Established:
    items = v.involvements("unhcr", kinds=["protection_letter", "public_statement"])
    return cite(bool(items), _refs(items), *items)


@fact("european_bodies_involved", "bool",
      "OSCE, PACE or the European Parliament spoke about the person or the persecution of "
      "their group.", "protective", group="international")
def _european(v: AsOf) -> Established:
    items = v.involvements("osce", "pace", "european_parliament")
    return cite(bool(items), _refs(items), *items)


@fact("oversight_body_warning", "bool",
      "A national parliament or oversight body of the requested state warned against "
      "surrender.", "protective", group="international")
def _oversight(v: AsOf) -> Established:
    items = v.involvements("national_oversight_body", "national_parliament")
    return cite(bool(items), _refs(items), *items)


@fact("bodies_call_charges_political", "bool",
      "A UN mandate holder, court, international body or NGO called the charges politically "
      "motivated.", "protective", group="international")
def _political_call(v: AsOf) -> Established:
    items = [i for i in v.involvements() if i.calls_charges_political]
    return cite(bool(items), ", ".join(f"{code(i.body, BODIES)} ({when(i.date)})"
                                       for i in items), *items)


# --- Interpol ------------------------------------------------------------------------


@fact("interpol_notice_active", "bool",
      "An Interpol red notice or diffusion against the person is in force.", "aggravating",
      group="interpol")
def _notice(v: AsOf) -> Established:
    active = [n for n in v.case.interpol
              if (n.issued is None or v.happened(n.issued)) and not v.happened(n.deleted)]
    return cite(bool(active), ", ".join(code(n.kind, NOTICES) for n in active), *active)


@fact("interpol_challenge_pending", "bool",
      "A request to delete the notice is before the Commission for the Control of Interpol's "
      "Files (CCF).", "neutral", group="interpol")
def _ccf(v: AsOf) -> Value:
    return any(v.happened(n.ccf_request_filed) and not v.happened(n.deleted)
               and not v.happened(n.ccf_refused) for n in v.case.interpol)


@fact("interpol_notice_deleted", "bool",
      "Interpol deleted a notice against the person.", "protective", group="interpol")
def _deleted(v: AsOf) -> Value:
    return any(v.happened(n.deleted) for n in v.case.interpol)


# --- charges: pretext indicators -----------------------------------------------------

def _any_charge(v: AsOf, attribute: str) -> Established | None:
    charges = v.charges()
    hits = [c for c in charges if getattr(c, attribute) is True]
    if hits:
        return cite(True, "; ".join(c.offence for c in hits), *hits)
    if charges and all(getattr(c, attribute) is False for c in charges):
        return Established(False)
    return None


@fact("charges_followed_criticism", "bool",
      "A criminal case was opened after the person publicly criticised the requesting "
      "state's authorities.", "protective", group="charges")
def _after_criticism(v: AsOf) -> Established | None:
    flagged = _any_charge(v, "followed_public_criticism")
    if flagged is not None and flagged.value:
        return flagged
    criticism = [a for a in v.case.person.public_activity
                 if a.critical_of_requesting_state and v.happened(a.date)]
    opened = [c for c in v.charges() if c.opened and v.happened(c.opened)]
    if criticism and opened:
        first = min(a.date for a in criticism)
        later = [c for c in opened if c.opened.earliest > first.latest]
        if later:
            return cite(True, _("criticism from {criticism}; case opened {opened}").format(
                criticism=when(first), opened=when(later[0].opened)),
                        *criticism, *later)
    return flagged


@fact("charges_reopened_times", "int",
      "The most times a case against the person was opened, closed and reopened.",
      "protective", group="charges")
def _reopened(v: AsOf) -> Established | None:
    counted = [c for c in v.charges() if c.times_reopened is not None]
    if not counted:
        return None
    top = max(counted, key=lambda c: c.times_reopened)
    return cite(top.times_reopened, top.offence, top)


@fact("smallest_amount_eur", "int",
      "The smallest sum at stake in an economic charge, in euros.", "neutral", group="charges")
def _amount(v: AsOf) -> Established | None:
    counted = [c for c in v.charges() if c.amount_eur is not None]
    if not counted:
        return None
    low = min(counted, key=lambda c: c.amount_eur)
    return cite(low.amount_eur, _("EUR {amount} ({offence})").format(
        amount=number(low.amount_eur), offence=low.offence), low)


@fact("people_interrogated", "int",
      "The most people questioned in an investigation against the person.", "protective",
      group="charges")
def _interrogated(v: AsOf) -> Established | None:
    counted = [c for c in v.charges() if c.people_interrogated is not None]
    if not counted:
        return None
    top = max(counted, key=lambda c: c.people_interrogated)
    return cite(top.people_interrogated, top.offence, top)


@fact("no_complaining_victim", "bool",
      "No alleged victim of an offence charged ever complained.", "protective",
      group="charges")
def _no_victim(v: AsOf) -> Established | None:
    charges = v.charges()
    silent = [c for c in charges if c.complaining_victim is False]
    if silent:
        return cite(True, "; ".join(c.offence for c in silent), *silent)
    if charges and any(c.complaining_victim for c in charges):
        return Established(False)
    return None


@fact("financial_reports_public", "bool",
      "The person's or organisation's financial reports were public (against a fraud charge).",
      "protective", group="charges")
def _reports_public(v: AsOf) -> Established | None:
    return _any_charge(v, "financial_reports_public")


@fact("deferral_cancelled_after_activism", "bool",
      "A deferred sentence was activated after the person's opposition or public activity.",
      "protective", group="charges")
def _deferral(v: AsOf) -> Established | None:
    hits = [c for c in v.charges()
            if c.deferral and c.deferral.cancelled_after_activism
            and v.happened(c.deferral.cancelled, _("the cancellation of the deferral"))]
    if hits:
        return cite(True, "; ".join(_("cancelled {date}").format(date=when(c.deferral.cancelled))
                                    for c in hits),
                    *hits, *(c.deferral for c in hits))
    deferred = [c for c in v.charges() if c.deferral]
    return False if deferred else None


@fact("political_offence_charged", "bool",
      "An offence charged is itself political (e.g. 'extremism' for peaceful opposition).",
      "protective", group="charges")
def _political_offence(v: AsOf) -> Established | None:
    return _any_charge(v, "political_offence")


@fact("death_penalty_possible", "bool",
      "An offence charged carries the death penalty in the requesting state.", "protective",
      group="charges")
def _death_penalty(v: AsOf) -> Established | None:
    return _any_charge(v, "death_penalty_possible")


@fact("convicted", "bool",
      "The person has been convicted (the request is to enforce a sentence).", "neutral",
      group="charges")
def _convicted(v: AsOf) -> Established | None:
    hits = [c for c in v.charges() if v.happened(c.convicted)]
    if hits:
        return cite(True, "; ".join(f"{c.offence}, {when(c.convicted)}" for c in hits), *hits)
    return False if v.charges() else None


@fact("convicted_in_absentia", "bool",
      "A conviction was entered in the person's absence.", "protective", group="charges")
def _in_absentia(v: AsOf) -> Established | None:
    hits = [c for c in v.charges() if v.happened(c.convicted) and c.in_absentia]
    return cite(True, hits[0].offence, *hits) if hits else None


@fact("ne_bis_in_idem", "bool",
      "The person was already tried in the requested state for the same acts.",
      "protective", group="charges")
def _ne_bis(v: AsOf) -> Established | None:
    return _any_charge(v, "tried_in_requested_state")


@fact("limitation_expired", "bool",
      "Prosecution or punishment is time-barred.", "protective", group="charges")
def _limitation(v: AsOf) -> Established | None:
    return _any_charge(v, "limitation_expired")


@fact("amnesty_applies", "bool",
      "An amnesty covers an offence or sentence.", "protective", group="charges")
def _amnesty(v: AsOf) -> Established | None:
    return _any_charge(v, "amnesty_applicable")


@fact("military_offence", "bool",
      "An offence charged is purely military.", "protective", group="charges")
def _military(v: AsOf) -> Established | None:
    return _any_charge(v, "military_offence")


@fact("double_criminality_lacking", "bool",
      "An act charged is not an offence in the requested state.", "protective",
      group="charges")
def _double_criminality(v: AsOf) -> Established | None:
    charges = v.charges()
    lacking = [c for c in charges if c.double_criminality is False]
    if lacking:
        return cite(True, "; ".join(c.offence for c in lacking), *lacking)
    if charges and all(c.double_criminality for c in charges):
        return Established(False)
    return None


@fact("max_penalty_years", "int",
      "The longest prison term the charges carry, in years.", "neutral", group="charges")
def _max_penalty(v: AsOf) -> Value | None:
    terms = [c.max_penalty_years for c in v.charges() if c.max_penalty_years is not None]
    return max(terms) if terms else None


# --- country conditions --------------------------------------------------------------

def _evidence(v: AsOf, *kinds: str, own_group: bool = False) -> Established | None:
    items = [e for e in v.case.country_evidence
             if e.kind in kinds
             and v.happened(e.date, _("country evidence ({kind})").format(
                 kind=evidence_kind(e.kind)))
             and (not own_group or e.person_belongs_to_group)]
    if not items:
        return None  # no report on file is not a report that there is none: unknown
    detail = "; ".join(f"{e.summary} ({when(e.date)})" for e in items[:3])
    return cite(True, detail, *items)


@fact("systemic_torture", "bool",
      "Credible reports show torture in the requesting state is widespread or systemic, "
      "with impunity.", "protective", group="country")
def _systemic_torture(v: AsOf) -> Established | None:
    return _evidence(v, "systemic_torture")


@fact("deaths_in_custody", "bool",
      "Credible reports of deaths in custody in the requesting state.", "protective",
      group="country")
def _deaths(v: AsOf) -> Established | None:
    return _evidence(v, "deaths_in_custody")


@fact("group_persecuted", "bool",
      "Members of a group the person belongs to are persecuted (detained, ill-treated, "
      "prosecuted) in the requesting state.", "protective", group="country")
def _group(v: AsOf) -> Established | None:
    return _evidence(v, "persecution_of_group", "torture_of_associates", own_group=True)


@fact("group_designated_extremist", "bool",
      "A movement or organisation the person belongs to is banned as 'extremist' or "
      "'terrorist' in the requesting state.", "protective", group="country")
def _extremist(v: AsOf) -> Established | None:
    return _evidence(v, "group_designated_extremist", own_group=True)


@fact("fair_trial_deficits", "bool",
      "Credible reports of unfair trials in politically sensitive cases in the requesting "
      "state.", "protective", group="country")
def _fair_trial(v: AsOf) -> Established | None:
    return _evidence(v, "fair_trial_deficits")


@fact("prison_conditions_inhuman", "bool",
      "Credible reports that prison conditions in the requesting state are inhuman or "
      "degrading.", "protective", group="country")
def _prisons(v: AsOf) -> Established | None:
    return _evidence(v, "prison_conditions")


@fact("country_evidence_age_days", "int",
      "Age in days of the newest country evidence on file.", "neutral", group="country")
def _evidence_age(v: AsOf) -> Value | None:
    dates = [e.date for e in v.case.country_evidence if v.happened(e.date)]
    return v.days_since(max(dates)) if dates else None


# --- assurances ----------------------------------------------------------------------


@fact("assurances", "enum",
      "Diplomatic assurances given by the requesting state: none, generic (a form of words), "
      "specific (about this person), specific_verifiable (specific, binding and open to "
      "independent monitoring: the Othman v UK factors).", "aggravating",
      group="assurances", values=("none", "generic", "specific", "specific_verifiable"),
      ordered=True)
def _assurances(v: AsOf) -> Established:
    given = [a for a in v.case.assurances if v.happened(a.date, _("the assurance"))]
    if not given:
        return Established("none")
    def grade(a) -> int:
        if a.specific and a.binds_the_state and a.independent_monitoring:
            return 3
        return 2 if a.specific else 1
    best = max(given, key=grade)
    value = ("none", "generic", "specific", "specific_verifiable")[grade(best)]
    return cite(value, f"{best.given_by}, {when(best.date)}: {best.content}", best)


# --- irregular removal ---------------------------------------------------------------

def summaries(items: list) -> str:
    """The detail of dated, summarised entries: each summary with its date."""
    return "; ".join(f"{i.summary} ({when(i.date)})" for i in items)


def evidence_kind(kind: str) -> str:
    """A kind of country evidence in a warning's words ("systemic torture")."""
    if current() == "en" or kind not in EVIDENCE:
        return kind.replace("_", " ")
    return _(EVIDENCE[kind]).format(group=_("the person's group"))


def services_item(v: AsOf, kind: str) -> str:
    """An act of the requesting state's services, as a warning names it."""
    if current() == "en" or kind not in SERVICE_ACTS:
        return f"the services' {kind.replace('_', ' ')}"
    return _(SERVICE_ACTS[kind]).format(state=country_name(v.case.states.requesting))


def _services(v: AsOf, *kinds: str) -> Established | None:
    items = [s for s in v.case.services_activity
             if s.kind in kinds and v.happened(s.date, services_item(v, s.kind))]
    if not items:
        return None  # nothing recorded is not a record that nothing happened: unknown
    return cite(True, summaries(items), *items)


@fact("services_threats", "bool",
      "Agents of the requesting state threatened the person (pressure on relatives is "
      "family_pressured).", "aggravating", group="irregular removal")
def _threats(v: AsOf) -> Established | None:
    return _services(v, "threat")


@fact("kidnap_attempt", "bool",
      "There were attempts to abduct the person in the requested state.", "aggravating",
      group="irregular removal")
def _kidnap(v: AsOf) -> Established | None:
    return _services(v, "kidnap_attempt")


@fact("services_surveillance", "bool",
      "The requesting state's services watch the person or obstruct their work abroad (a "
      "known address is address_known_to_services).", "aggravating", group="irregular removal")
def _surveillance(v: AsOf) -> Established | None:
    return _services(v, "surveillance", "obstruction")


@fact("expulsion_record", "bool",
      "The requested state has a record of extra-procedural expulsions or handovers.",
      "aggravating", group="irregular removal")
def _expulsions(v: AsOf) -> Established | None:
    cases = [e for e in v.case.requested_state.extra_procedural_expulsions
             if e.date is None or v.happened(e.date)]
    if not cases:
        return None
    return cite(True, ", ".join(e.who for e in cases), *cases)


@fact("political_warming", "bool",
      "Relations between the requested and requesting states are warming (visits, new "
      "agreements).", "aggravating", group="irregular removal")
def _warming(v: AsOf) -> Established | None:
    notes = [n for n in v.case.requested_state.political_warming if v.happened(n.date)]
    if not notes:
        return None
    return cite(True, summaries(notes), *notes)


@fact("wanted_by_requesting_state", "bool",
      "The requesting state seeks the person: charges, a conviction, a notice or a request.",
      "aggravating", group="proceedings")
def _wanted(v: AsOf) -> Established:
    charges = [c for c in v.case.charges if c.opened is None or v.happened(c.opened)]
    reasons = [c.offence for c in charges]
    if _notice(v).value:
        reasons.append(_("Interpol notice"))
    if _request(v).value:
        reasons.append(_("extradition request"))
    return cite(bool(reasons), "; ".join(reasons), *charges)


def spec(name: str) -> FactSpec:
    return CATALOGUE[name]


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    import yaml

    from .paths import bundled

    return yaml.safe_load((bundled("reports") / "fact-labels.yaml").read_text(encoding="utf-8"))


def label(name: str) -> str:
    """The fact as a report names it (reports/fact-labels.yaml): a lawyer's words. A fact
    without a label reads as its meaning, never as a code identifier."""
    found = _labels().get(name)
    if found:
        words = " ".join(found.split())  # as the catalog holds it (babel.cfg: fact-labels)
        return _(words)
    spec = CATALOGUE.get(name)
    return spec.meaning.rstrip(".") if spec else name.replace("_", " ")


def meaning(name: str) -> str:
    """What the fact means, in the report's language (the catalog holds each meaning:
    `pybabel extract -k fact:3 -k _register:2`)."""
    sentence = " ".join(CATALOGUE[name].meaning.split())
    return _(sentence)


def question(name: str) -> str:
    """What a lawyer must establish to turn an unknown fact into a known one."""
    sentence = meaning(name).rstrip(".")
    # "The person ..." -> "the person ...", but "UNHCR ..." and "ECtHR ..." as written
    if sentence[1:2].islower():
        sentence = sentence[:1].lower() + sentence[1:]
    return _("to establish: {what}").format(what=sentence)


def catalogue_rows() -> list[dict[str, Any]]:
    """The catalogue as plain rows, for `assess facts` and the documentation."""
    return [
        {"name": s.name, "type": s.kind, "values": list(s.values), "direction": s.direction,
         "group": s.group, "meaning": s.meaning}
        for s in CATALOGUE.values()
    ]


# the law binding the two states on the date (reference data, or the case's `law:`)
from . import state_facts  # noqa: E402,F401  (registers its facts in the catalogue)
# Facts for the grounds (risk sources, assurances by ground) live in their own module.
from . import ground_facts as _ground_facts  # noqa: E402,F401
# Facts derived in their own modules register themselves in the catalogue on import.
from . import stage as _stage  # noqa: E402,F401  (the stage of the case)
from . import removal_facts as _removal_facts  # noqa: E402,F401  (removal outside the law)
