"""The second answer: the risk of removal outside the procedure.

A person can be taken to the requesting state without a lawful surrender: abducted, handed
over by the services, expelled or deported without an extradition decision, or extradited
while an interim measure forbids it. The rules of category `irregular_removal`
(rules/irregular_removal.yaml) score this risk on its own scale, with the same levels as
the risk of surrender. They never count towards the risk of surrender, and the legal bars
never lower them: a bar binds the courts, not those who act outside them.
"""

from __future__ import annotations

from typing import Sequence

from pydantic import BaseModel, ConfigDict

from . import labels
from .assessment import Contribution, Finding, Level
from .i18n import _
from .rulebook import Rulebook

CATEGORY = "irregular_removal"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RemovalRisk(_Model):
    """The risk of removal outside the procedure: its own score, level and reasons."""

    level: Level
    score: int
    raw_score: int
    contributions: list[Contribution]
    findings: list[Finding]
    superseded: list[Finding] = []
    # false once the person was removed or is beyond reach: the level then says nothing
    assessed: bool = True
    conclusion: str


def is_removal_rule(rulebook: Rulebook, rule_id: str) -> bool:
    return rulebook.by_id[rule_id].rule.category == CATEGORY


def removal_fired(rulebook: Rulebook, fired: Sequence[str]) -> list[str]:
    return [r for r in fired if is_removal_rule(rulebook, r)]


def surrender_fired(rulebook: Rulebook, fired: Sequence[str]) -> list[str]:
    return [r for r in fired if not is_removal_rule(rulebook, r)]


def conclusion(level: str, score: int, findings: list, stage: str | None, requested: str,
               requesting: str, stage_detail: str = "") -> str:
    """The second answer in a sentence or three, true of the case it describes."""
    from .assessment import SCORE_MAX

    if stage in ("removed", "beyond_reach"):
        what = stage_detail or _("the person is no longer in {requested}").format(
            requested=requested)
        return _("The risk of removal outside the procedure is no longer assessed: "
                 "{what}.").format(what=what)
    text = _("As of this assessment the risk that the person is taken from {requested} to "
             "{requesting} outside the extradition procedure is {level} (score {score} of "
             "{max}); legal bars to extradition do not lower it.").format(
        requested=requested, requesting=requesting, level=labels.level(level), score=score,
        max=SCORE_MAX)
    raising = sorted((f for f in findings if f.points > 0), key=lambda f: -f.points)
    protecting = [f for f in findings if f.points < 0]
    if raising:
        text += " " + _("What weighs most: {factors}.").format(
            factors="; ".join(f.title.lower() for f in raising[:3]))
    else:
        text += " " + _("No factor of removal outside the procedure is recorded.")
    if protecting:
        text += " " + _("What protects: {factors}.").format(
            factors="; ".join(f.title.lower() for f in protecting))
    return text


def terminal_lines(assessment) -> list[str]:
    """The second answer in the terminal summary: its level, score and what weighs most."""
    r = assessment.removal
    if r is None:
        return []
    if not r.assessed:
        return ["  " + _("stage: {stage}: {conclusion}").format(
            stage=assessment.stage_label, conclusion=r.conclusion)]
    lines = ["  " + _("risk of removal outside the procedure {level} (score {score}/100; "
                      "legal bars do not lower it)").format(
        level=labels.level(r.level).upper(), score=r.score)]
    lines += [f"    {f.points:+d} {f.rule_id} {f.title}"
              for f in sorted((f for f in r.findings if f.points), key=lambda f: -abs(f.points))[:5]]
    return lines
