"""Decided cases (cases/decided/): real decisions encoded with the facts known before them,
used to measure the grounds against what courts decided, and to name the closest
precedents beside each ground in a report.

A decided file holds `decision` (the citation, the body, the date, the outcome ground by
ground: upheld or rejected, and why the tool disagrees where it does) and `case` (a case
file as of the day before the decision).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from . import grounds
from .facts import Facts, derive
from .i18n import _
from .model import Case
from .paths import bundled
from .validation import validate
from .yamlfile import load

Outcome = Literal["upheld", "rejected"]


class Decision(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str
    citation: str
    body: Literal["ecthr", "un_committee_against_torture", "un_human_rights_committee",
                  "national_court", "cjeu"]
    date: dt.date
    url: str
    checked: dt.date
    surrender: Literal["barred", "allowed"]
    grounds: dict[str, Outcome]
    note: str | None = None
    disagreement: str | None = None


class Decided(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decision: Decision
    case: Case


def decided_dir() -> Path:
    return bundled("cases", "decided")


@lru_cache(maxsize=4)
def load_decided(directory: str | None = None) -> tuple[tuple[str, Decided], ...]:
    """Every decided case, by file name; none when the folder is absent."""
    folder = Path(directory) if directory else decided_dir()
    if not folder.is_dir():
        return ()
    found = []
    for path in sorted(folder.glob("*.yaml")):
        found.append((path.name, validate(load(path, path.name), Decided)))
    return tuple(found)


def as_of(decided: Decided) -> dt.date:
    return decided.case.as_of.latest if decided.case.as_of else \
        decided.decision.date - dt.timedelta(days=1)


def predicted(bars) -> dict[str, Outcome]:
    """The tool's answer per ground: upheld when a bar of that ground applies and is graded
    established or strong; rejected otherwise (docs/risk-model.md, "Decided cases")."""
    answer: dict[str, Outcome] = {}
    for bar in bars:
        family = grounds.FAMILY_BY_RULE.get(bar.rule_id) or grounds.FAMILY_BY_CATEGORY.get(
            bar.category, "other")
        if bar.strength in ("established", "strong"):
            answer[family] = "upheld"
    return answer


# The facts that make two cases alike for a ground: the sources of risk and the legal facts.
LIKENESS = (
    "political_profile", "security_profile", "opposition_association", "group_persecuted",
    "past_ill_treatment", "past_persecution", "systemic_torture", "detainees_ill_treated",
    "deaths_in_custody", "death_penalty_possible", "life_sentence_possible",
    "life_sentence_irreducible", "fair_trial_deficits", "convicted_in_absentia",
    "torture_evidence_used", "special_court", "serious_health_condition",
    "protection_granted", "rule39_indicated", "prison_conditions_inhuman",
)


@lru_cache(maxsize=4)
def _decided_facts(directory: str | None = None) -> tuple[tuple[Decided, frozenset[str]], ...]:
    out = []
    for _, d in load_decided(directory):
        facts = derive(d.case, as_of(d))
        out.append((d, frozenset(n for n in LIKENESS if facts.values.get(n) is True)))
    return tuple(out)


def closest(family: str, facts: Facts, limit: int = 2,
            directory: str | None = None) -> list[str]:
    """The decided cases on this ground closest to the case's facts, as report lines."""
    mine = {n for n in LIKENESS if facts.values.get(n) is True}
    scored = []
    for d, theirs in _decided_facts(directory):
        if family not in d.decision.grounds:
            continue
        union = mine | theirs
        score = len(mine & theirs) / len(union) if union else 0.0
        scored.append((-score, d.decision.date, d))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [_precedent_line(d, family) for _score, _date, d in scored[:limit]]


def _precedent_line(d, family: str) -> str:
    """"Saadi v Italy: ground upheld, surrender barred (citation)": the case's title and
    citation as reported, the outcome in the report's language."""
    outcome = {"upheld": _("ground upheld"), "rejected": _("ground rejected")}
    surrender = {"barred": _("surrender barred"), "allowed": _("surrender allowed")}
    return (f"{d.decision.title}: {outcome[d.decision.grounds[family]]}, "
            f"{surrender[d.decision.surrender]} ({d.decision.citation})")
