"""Unknown facts that matter: those that, once established one way, would change the level.

Each candidate value is a full rules evaluation, so this belongs with the analyses a
report gets (`Assessor.assess(..., analyse=True)`), not with every bare assessment.
"""

from __future__ import annotations

from typing import Any, Sequence

from .assessment import SCORE_MAX, SCORE_MIN, Evaluate, Level, UnknownThatMatters, level_for, score_of
from .facts import CATALOGUE, Facts, Value
from .facts import meaning as fact_meaning
from .rulebook import Rulebook


def unknowns_that_matter(rulebook: Rulebook, facts: Facts, level: Level,
                          evaluate: Evaluate, fired: Sequence[str]) -> list[UnknownThatMatters]:
    """Unknown facts that, once established one way, would change the level."""
    named = {name for rule in rulebook.rules for name in rule.facts}
    _, raw, superseded = score_of(rulebook, fired)
    found: list[UnknownThatMatters] = []
    for name in facts.unknown:
        if name not in named or _level_fixed(rulebook, name, set(fired), superseded, raw):
            continue
        spec = CATALOGUE[name]
        candidates: list[Value] = (
            [True, False] if spec.kind == "bool" else list(spec.values) if spec.kind == "enum"
            else _int_thresholds(rulebook, name)
        )
        for value in candidates:
            trial = dict(facts.values)
            trial[name] = value
            new_score, _, _ = score_of(rulebook, evaluate(trial))
            new_level = level_for(new_score)
            if new_level != level:
                found.append(UnknownThatMatters(fact=name, meaning=fact_meaning(name),
                                                if_value=value, level=new_level,
                                                score=new_score))
    return found


def _level_fixed(rulebook: Rulebook, name: str, fired: set[str], superseded: set[str],
                 raw: int) -> bool:
    """True when no value of fact `name` can move the level, so no trial need be evaluated.

    A speed-up that never changes the result (each trial is a full rules evaluation, most of
    the cost of an assessment). Only the rules that read `name` can fire differently, and
    only they and the rules they supersede can gain or lose points: every other rule keeps
    its contribution. If even the extreme sums of those rules' weights stay in this level,
    every trial would too."""
    reading = [r.rule for r in rulebook.rules if name in r.facts]
    touched = {r.id for r in reading} | {t for r in reading for t in r.supersedes}
    weights = [rulebook.by_id[rule_id].rule.weight for rule_id in touched]
    now = sum(rulebook.by_id[rule_id].rule.weight for rule_id in touched
              if rule_id in fired and rule_id not in superseded)
    lowest = raw - now + sum(w for w in weights if w < 0)
    highest = raw - now + sum(w for w in weights if w > 0)
    return level_for(max(SCORE_MIN, min(SCORE_MAX, lowest))) == \
        level_for(max(SCORE_MIN, min(SCORE_MAX, highest)))


def _int_thresholds(rulebook: Rulebook, name: str) -> list[Value]:
    from .conditions import Compare  # the literals rules compare this fact with

    values: set[int] = set()

    def walk(node: Any) -> None:
        if isinstance(node, Compare) and node.fact == name and isinstance(node.value, int):
            values.update({node.value - 1, node.value, node.value + 1})
        for child in getattr(node, "children", ()):
            walk(child)

    for rule in rulebook.rules:
        walk(rule.condition)
    return sorted(v for v in values if v >= 0)
