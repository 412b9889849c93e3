"""Contradictions inside a valid case: facts that cannot all be true, located in the file.

Pydantic checks each field; this module checks fields against each other. It reports only
what is certainly contradictory: with partial dates, "before" means the whole of one
period lies before the whole of the other, so that `2024-04` and `2024-04-15` never clash.
Each contradiction would otherwise be resolved silently by the order of the file (two
decisions on one day) or turn into a wrong fact (a claim granted and pending at once).
"""

from __future__ import annotations

from .dates import PartialDate
from .model import Case, ProtectionClaim, Treaty
from .problems import Loc

Contradiction = tuple[Loc, str, str]  # where, what cannot be true, what would be right

# outcomes that cannot both be the word of the same body on the same day
_CLASHES = ({"granted", "refused"}, {"appeal_allowed", "appeal_dismissed"},
            {"granted", "appeal_dismissed"}, {"remitted", "appeal_dismissed"})
_APPEALS = {"appeal_filed", "appeal_allowed", "appeal_dismissed", "remitted"}


def contradictions(case: Case) -> list[Contradiction]:
    """Every contradiction in `case`, in file order."""
    found: list[Contradiction] = []
    for index, claim in enumerate(case.protection):
        found += _claim(claim, ("protection", index))
    found += _treaties(case.legal_basis.treaties)
    found += _intervals(case)
    return found


def _before(later: PartialDate | None, earlier: PartialDate | None) -> bool:
    """True when `later` certainly lies before `earlier` (whole periods apart)."""
    return later is not None and earlier is not None and later.latest < earlier.earliest


def _claim(claim: ProtectionClaim, loc: Loc) -> list[Contradiction]:
    found: list[Contradiction] = []
    start = min((d for d in (claim.filed, claim.intention_expressed) if d), default=None)
    for i, decision in enumerate(claim.decisions):
        where = (*loc, "decisions", i, "date")
        if _before(decision.date, start):
            found.append((where, f"the decision '{decision.outcome}' of {decision.date} comes "
                          f"before the {claim.kind} claim was made ({start})",
                          "check both dates; a decision on an earlier claim belongs to a "
                          "claim of its own"))
        for j, other in enumerate(claim.decisions[:i]):
            if other.date == decision.date and {other.outcome, decision.outcome} in _CLASHES:
                found.append((where, f"the {claim.kind} claim is both '{other.outcome}' "
                              f"(decisions[{j}]) and '{decision.outcome}' on {decision.date}",
                              "keep the decision that stands, or date them apart"))
            if other.final and decision.outcome in _APPEALS and _before(other.date, decision.date):
                found.append((where, f"'{decision.outcome}' on {decision.date} follows a final "
                              f"'{other.outcome}' of {other.date} (decisions[{j}]), so the "
                              f"claim would be both decided and pending",
                              "set `final: false` on the earlier decision, or record a "
                              "reopened claim as a new claim with "
                              "`subsequent_application: true`"))
    return found


def _treaties(treaties: list[Treaty]) -> list[Contradiction]:
    found: list[Contradiction] = []
    seen: dict[tuple[str, str], int] = {}
    for index, treaty in enumerate(treaties):
        loc: Loc = ("legal_basis", "treaties", index)
        key = (treaty.kind, " ".join(treaty.name.lower().split()))
        first = treaties[seen[key]] if key in seen else None
        # the same treaty twice is only redundant; with other dates it is in force and not
        if first and (first.in_force, first.terminated) != (treaty.in_force, treaty.terminated):
            found.append(((*loc, "name"), f"the treaty '{treaty.name}' is listed twice (also "
                          f"legal_basis.treaties[{seen[key]}]) with different dates, so it "
                          "would be both in force and not", "give each treaty once"))
        seen.setdefault(key, index)
        found += _order(loc, ("signed", treaty.signed), ("in_force", treaty.in_force),
                        ("terminated", treaty.terminated))
        found += _order(loc, ("signed", treaty.signed), ("ratified", treaty.ratified))
    return found


def _intervals(case: Case) -> list[Contradiction]:
    """Periods that end before they start, beyond those the model checks itself."""
    found: list[Contradiction] = []
    extradition = case.extradition
    found += _order(("extradition",), ("passport_confiscated", extradition.passport_confiscated),
                    ("passport_returned", extradition.passport_returned))
    for i, decision in enumerate(extradition.decisions):
        found += _order(("extradition", "decisions", i), ("date", decision.date),
                        ("in_force", decision.in_force))
    for i, charge in enumerate(case.charges):
        loc: Loc = ("charges", i)
        found += _order(loc, ("opened", charge.opened), ("convicted", charge.convicted))
        if charge.deferral:
            d = charge.deferral
            found += _order((*loc, "deferral"), ("granted", d.granted), ("until", d.until))
            found += _order((*loc, "deferral"), ("granted", d.granted), ("cancelled", d.cancelled))
    for i, notice in enumerate(case.interpol):
        loc = ("interpol", i)
        for later in ("ccf_request_filed", "deleted", "ccf_refused"):
            found += _order(loc, ("issued", notice.issued), (later, getattr(notice, later)))
    return found


def _order(loc: Loc, *steps: tuple[str, PartialDate | None]) -> list[Contradiction]:
    """Each dated step must not come before an earlier-named one."""
    found: list[Contradiction] = []
    dated = [(name, date) for name, date in steps if date is not None]
    for k, (name, date) in enumerate(dated):
        for earlier_name, earlier in dated[:k]:
            if _before(date, earlier):
                found.append(((*loc, name), f"{name} {date} is before {earlier_name} {earlier}",
                              f"{name} cannot come before {earlier_name}; check both dates"))
                break
    return found
