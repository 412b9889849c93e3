"""Fired rules -> Assessment: the explained judgement, with every point accounted for.

Two axes are kept apart. The **risk of surrender** is a score (the sum of the listed
contributions, held within 0..100) and a level. The **legal grounds against surrender**
are the bars, each with its strength and the evidence behind it. A bar also lowers the
risk by its weight, because a court or ministry that honours it will refuse surrender.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Literal, Sequence

from jinja2 import Undefined
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel, ConfigDict

from . import __version__
from . import grounds, labels
from .assurances import PROMISE_WORDS, Assurances
from .assurances import assess as assess_assurances
from .precedents import closest as closest_precedents
from .conditions import evaluate as evaluate_condition
from .countries import country_name
from .i18n import N_, _, current, gettext, ngettext
from .facts import CATALOGUE, Facts, Value, question, timeline_dates
from .facts import meaning as fact_meaning
from .model import Case, Source
from .state_facts import national_law
from .rulebook import (
    FORUMS,
    URGENCY_ORDER,
    Action,
    Citation,
    CompiledRule,
    Rulebook,
    stages_of,
)
from .stage import AFTER_REMOVAL, BEFORE_REMOVAL, STAGE_LABELS

Level = Literal["low", "moderate", "high", "critical"]
SCORE_MIN, SCORE_MAX = 0, 100
# The lower bound of each level, documented in docs/risk-model.md.
THRESHOLDS: tuple[tuple[int, Level], ...] = ((70, "critical"), (45, "high"), (20, "moderate"),
                                             (SCORE_MIN, "low"))
LEVELS: tuple[Level, ...] = ("low", "moderate", "high", "critical")

Evaluate = Callable[[dict[str, Value]], Sequence[str]]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FactUsed(_Model):
    name: str
    value: Value | None  # None: unknown ("not known" in every report)
    meaning: str
    detail: str = ""
    sources: list[str] = []
    # for an unknown fact: what the lawyer must establish to answer it
    question: str = ""


class Finding(_Model):
    rule_id: str
    title: str
    category: str
    effect: str
    # for bars: the ground's nature in law, and its strength in this case with the reasons
    # (assessor.grounds; docs/risk-model.md)
    nature: str | None = None
    strength: str | None
    supports: list[str] = []
    weakens: list[str] = []
    # the decided cases (cases/decided/) on the same ground closest to this case's facts
    precedents: list[str] = []
    points: int
    explanation: str
    legal_basis: list[Citation]
    certainty: str
    verify: list[str]
    facts: list[FactUsed]
    sources: list[str]
    rule_file: str
    superseded_by: str | None = None


class SourceConflict(_Model):
    """Sources disagree on one field of one item: the value relied on, and the other."""

    item: str
    field: str
    relied_on: str
    relied_on_sources: list[str]
    other: str
    other_sources: list[str]
    note: str = ""


class AssuranceGraded(_Model):
    """One diplomatic assurance graded against the Othman v UK factors (assessor.assurances)."""

    label: str
    content: str
    promises: list[str]
    credibility: str
    answers: list[str]
    factors_for: list[str]
    factors_against: list[str]
    not_known: list[str]
    sources: list[str] = []


class Contribution(_Model):
    label: str
    rule_id: str | None
    points: int


class RecommendedAction(_Model):
    do: str
    forum: str
    forum_label: str
    urgency: str
    needs: str | None
    because: list[str]
    # the step the action is (rulebook.Action.step): one entry per step, whichever rules ask
    step: str | None = None


class UnknownThatMatters(_Model):
    fact: str
    meaning: str
    if_value: Value
    level: Level
    score: int


class TimelineEntry(_Model):
    date: str
    label: str
    after_as_of: bool


class Deadline(_Model):
    """A date that matters relative to the as-of date (filled by assessor.deadlines)."""

    date: str
    what: str
    basis: str
    days_left: int
    overrun: bool
    sources: list[str] = []
    # statutory (a law or treaty in rules/data/deadlines.yaml), court (set in the case),
    # deferral (end of a deferred sentence); verify: what the lawyer must check
    kind: str = "statutory"
    verify: list[str] = []


class TrajectoryPoint(_Model):
    """The assessment as of one event date (filled by the trajectory)."""

    date: dt.date
    event: str
    level: Level
    score: int
    bars: list[str]
    # the rules that applied (superseded ones left out), to name what a change was made of
    findings: list[str] = []
    # the second answer as of the date (assessor.removal)
    removal_level: Level | None = None
    removal_score: int | None = None


class Sensitivity(_Model):
    """One change of fact that would move the level, in a lawyer's words."""

    change: str
    fact: str
    value: Value
    level: Level
    score: int


class Assessment(_Model):
    tool_version: str
    rules_version: str
    input_sha256: str | None
    input_name: str | None
    case_id: str
    title: str
    provenance: str
    person: str
    nationalities: list[str]
    requesting: str
    requesting_name: str
    requested: str
    requested_name: str
    as_of: dt.date
    level: Level
    score: int
    raw_score: int
    contributions: list[Contribution]
    findings: list[Finding]
    superseded: list[Finding]
    bars: list[Finding]
    assurances: list[AssuranceGraded] = []
    actions: list[RecommendedAction]
    unknowns: list[UnknownThatMatters]
    warnings: list[str]
    timeline: list[TimelineEntry]
    sources: list[Source]
    conclusion: str
    # the language the texts above were written in (`assess --lang`); the report's own
    # headings follow it
    language: str = "en"
    # sources dated after the as-of date: neither used nor cited, only counted
    sources_left_out: int = 0
    # where the as-of date came from: given (--as-of), case file (its `as_of`), today
    as_of_basis: str = ""
    # a scenario (what if, `--assume`/`--scenario`): the assumptions made, in words; empty
    # for the case as filed
    scenario: list[str] = []
    conflicts: list[SourceConflict] = []
    # filled after build() by the time and what-if analyses (issue 6) when asked for
    deadlines: list[Deadline] = []
    trajectory: list[TrajectoryPoint] = []
    sensitivity: list[Sensitivity] = []
    redacted: bool = False
    # the second answer (assessor.removal): removal outside the procedure, on its own scale
    removal: "RemovalRisk | None" = None
    stage: str | None = None
    stage_label: str | None = None

    @property
    def graver_level(self) -> Level:
        """The graver of the two answers' levels (the caseload sorts by it)."""
        levels = [self.level]
        if self.removal is not None and self.removal.assessed:
            levels.append(self.removal.level)
        return max(levels, key=LEVELS.index)

    @property
    def top_findings(self) -> list[Finding]:
        return sorted(self.findings, key=lambda f: -abs(f.points))[:5]


STALE_AFTER_DAYS = 30


def stale_as_of_warning(as_of: dt.date, today: dt.date) -> str | None:
    """An assessment as of a date long past is not today's: the report must say so."""
    days = (today - as_of).days
    if days <= STALE_AFTER_DAYS:
        return None
    return _("this assessment is as of {as_of}, {days} before today ({today}): what "
             "happened since is not counted; pass --as-of {iso} for today's assessment").format(
        as_of=format_day(as_of), days=ngettext("{n} day", "{n} days", days),
        today=format_day(today), iso=today.isoformat())


def level_for(score: int) -> Level:
    for bound, level in THRESHOLDS:
        if score >= bound:
            return level
    return "low"


def score_of(rulebook: Rulebook, fired: Sequence[str],
             category: str | None = None) -> tuple[int, int, set[str]]:
    """(bounded score, raw score, superseded ids) for a set of fired rules: by default the
    risk of surrender (every rule but those of removal outside the procedure); with
    `category="irregular_removal"` the second answer's score."""
    from .removal import CATEGORY as REMOVAL

    fired_set = {r for r in fired
                 if (rulebook.by_id[r].rule.category == REMOVAL) == (category == REMOVAL)}
    superseded = {
        target
        for rule_id in fired_set
        for target in rulebook.by_id[rule_id].rule.supersedes
        if target in fired_set
    }
    raw = sum(rulebook.by_id[r].rule.weight for r in fired_set - superseded)
    return max(SCORE_MIN, min(SCORE_MAX, raw)), raw, superseded


NOT_KNOWN = N_("not known")


def not_known() -> str:
    """'not known' in the report's language."""
    return _(NOT_KNOWN)


def format_day(day: dt.date) -> str:
    """A date as the report's language writes it: ISO in English (as every English report
    always has), "1 ноября 2024 г." in Russian."""
    if current() == "en":
        return day.isoformat()
    from .i18n import format_date

    return format_date(day, current())


class _Unknown(Undefined):
    """An unknown fact in an explanation reads 'not known', never raises (and never 'no')."""

    def __str__(self) -> str:
        return not_known()


def _yes_no(value: object) -> str:
    return _("yes") if value is True else _("no") if value is False else not_known()


def _days(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return ngettext("{n} day", "{n} days", value)
    return _("an unknown number of days")


_TEMPLATES = SandboxedEnvironment(undefined=_Unknown, autoescape=False, trim_blocks=True)
_TEMPLATES.filters["yesno"] = _yes_no
_TEMPLATES.filters["days"] = _days
_COMPILED: dict[str, Any] = {}


def render_explanation(rule: CompiledRule, context: dict[str, Any]) -> str:
    """Fill a rule's explanation with the case's facts. Only rule text is a template:
    case text enters as values and is never compiled."""
    template = _COMPILED.get(rule.rule.explanation)
    if template is None:
        template = _COMPILED[rule.rule.explanation] = _TEMPLATES.from_string(
            rule.rule.explanation)
    return " ".join(template.render(context).split())


def explanation_context(case: Case, facts: Facts) -> dict[str, Any]:
    return {
        "fact": facts.values,
        "detail": facts.details,
        "person": case.person.name,
        "requesting": country_name(case.states.requesting),
        "requested": country_name(case.states.requested),
        "as_of": format_day(facts.as_of),  # ISO in English, as ever; words in Russian
        # the requested state's own law from the reference data (issue 13)
        "law": {key: dated.value for key, dated in
                national_law(case.states.requested, facts.as_of).items()},
    }


def build(
    case: Case,
    facts: Facts,
    fired: Sequence[str],
    rulebook: Rulebook,
    *,
    input_sha256: str | None = None,
    input_name: str | None = None,
) -> Assessment:
    """Assemble the Assessment from the facts and the rules that fired."""
    from .removal import CATEGORY as REMOVAL

    score, raw, superseded_ids = score_of(rulebook, fired)
    removal_score, removal_raw, removal_superseded = score_of(rulebook, fired, REMOVAL)
    superseded_ids |= removal_superseded
    context = explanation_context(case, facts)
    superseders = {
        target: rule_id
        for rule_id in fired
        for target in rulebook.by_id[rule_id].rule.supersedes
    }
    findings, superseded = [], []
    given = assess_assurances(case, facts.as_of)
    for rule_id in fired:
        finding = _finding(in_language(rulebook.by_id[rule_id], rulebook), facts, context,
                           superseders.get(rule_id) if rule_id in superseded_ids else None)
        if finding.effect == "bar":
            _grade(finding, rulebook.by_id[rule_id], facts, case, given, set(fired))
        (superseded if finding.superseded_by else findings).append(finding)
    every_finding = findings
    removal_findings = [f for f in findings if f.category == REMOVAL]
    findings = [f for f in findings if f.category != REMOVAL]
    removal_superseded_findings = [f for f in superseded if f.category == REMOVAL]
    superseded = [f for f in superseded if f.category != REMOVAL]
    contributions = _contributions(findings, score, raw)
    stage = facts.values.get("stage")
    removal = RemovalRisk(
        level=level_for(removal_score), score=removal_score, raw_score=removal_raw,
        contributions=_contributions(removal_findings, removal_score, removal_raw),
        findings=removal_findings, superseded=removal_superseded_findings,
        assessed=stage not in AFTER_REMOVAL,
        conclusion=removal_conclusion(
            level_for(removal_score), removal_score, removal_findings, stage,
            country_name(case.states.requested), country_name(case.states.requesting),
            facts.details.get("stage", "")))
    bars = sorted((f for f in findings if f.effect == "bar"),
                  key=lambda f: rulebook.by_id[f.rule_id].rule.bar_order)
    level = level_for(score)
    return Assessment(
        tool_version=__version__,
        rules_version=rulebook.version_in(current()),
        input_sha256=input_sha256,
        input_name=input_name,
        case_id=case.case_id,
        title=case.title or _("{person}: extradition from {requested} to {requesting}").format(
            person=case.person.name, requested=country_name(case.states.requested),
            requesting=country_name(case.states.requesting)),
        provenance=case.provenance,
        person=case.person.name,
        nationalities=list(case.person.nationalities),
        requesting=case.states.requesting,
        requesting_name=country_name(case.states.requesting),
        requested=case.states.requested,
        requested_name=country_name(case.states.requested),
        as_of=facts.as_of,
        level=level,
        score=score,
        raw_score=raw,
        contributions=contributions,
        findings=findings,
        superseded=superseded,
        bars=bars,
        assurances=_assurances_graded(given),
        actions=_actions(rulebook, [f.rule_id for f in every_finding], facts.values),
        unknowns=[],  # filled by the analyses (assessor.unknowns): each costs evaluations
        warnings=list(facts.warnings),
        timeline=_timeline(case, facts.as_of),
        sources=_sources_cited(case, every_finding, set(facts.sources_left_out)),
        conclusion=_conclusion(level, score, bars, findings, case, stage,
                               facts.details.get("stage", ""), facts.values.get("died") is True),
        sources_left_out=len(facts.sources_left_out),
        conflicts=[SourceConflict(item=c.item, field=c.field, relied_on=c.relied_on,
                                  relied_on_sources=list(c.relied_on_sources),
                                  other=c.other, other_sources=list(c.other_sources),
                                  note=c.note) for c in facts.conflicts],
        removal=removal,
        stage=stage,
        stage_label=_(STAGE_LABELS[stage]) if stage in STAGE_LABELS else None,
        language=current(),
    )


def in_language(rule: CompiledRule, rulebook: Rulebook) -> CompiledRule:
    """The rule with its texts (title, explanation, certainty, verify, actions, paraphrases)
    in the report's language (rules/locale/<lang>/); its logic unchanged."""
    if current() == "en":
        return rule
    from dataclasses import replace

    from .translations import rule_text

    return replace(rule, rule=rule_text(rule.rule, current(), rulebook.directory))


def _grade(finding: Finding, rule: CompiledRule, facts: Facts, case: Case,
           given: Assurances, fired: set[str]) -> None:
    graded = grounds.grade(rule.rule, rule.facts, facts, case, given, fired)
    finding.nature = rule.rule.legal_nature
    finding.strength = graded.strength
    finding.supports = graded.supports
    finding.weakens = graded.weakens
    finding.precedents = closest_precedents(grounds.family_of(rule.rule), facts)


def _assurances_graded(given: Assurances) -> list[AssuranceGraded]:
    return [AssuranceGraded(
        label=g.label, content=g.assurance.content,
        promises=[_(PROMISE_WORDS[p]) for p in g.assurance.promises],
        credibility=g.credibility, answers=[_(grounds.FAMILY_WORDS[a]) if a in grounds.FAMILY_WORDS
                                            else a.replace("_", " ") for a in g.answers],
        factors_for=list(g.factors_for), factors_against=list(g.factors_against),
        not_known=list(g.not_known), sources=list(g.assurance.sources))
        for g in given.gradings]


def _contributions(findings: list[Finding], score: int, raw: int) -> list[Contribution]:
    contributions = [Contribution(label=f.title, rule_id=f.rule_id, points=f.points)
                     for f in findings if f.points]
    if score != raw:
        contributions.append(Contribution(
            label=_("held within the bounds {min}..{max}").format(min=SCORE_MIN, max=SCORE_MAX),
            rule_id=None,
            points=score - raw))
    return contributions


def _finding(rule: CompiledRule, facts: Facts, context: dict[str, Any],
             superseded_by: str | None) -> Finding:
    used = [
        FactUsed(name=name, value=facts.values.get(name), meaning=fact_meaning(name),
                 detail=facts.details.get(name, ""),
                 sources=list(facts.sources.get(name, ())),
                 question="" if name in facts.values else question(name))
        for name in rule.facts
    ]
    sources = list(dict.fromkeys(s for f in used for s in f.sources))
    r = rule.rule
    return Finding(
        rule_id=r.id, title=r.title, category=r.category, effect=r.effect, strength=None,
        points=0 if superseded_by else r.weight, explanation=render_explanation(rule, context),
        legal_basis=_legal_basis(rule, facts, context), certainty=r.certainty,
        verify=r.verify, facts=used,
        sources=sources, rule_file=rule.file, superseded_by=superseded_by,
    )


def _legal_basis(rule: CompiledRule, facts: Facts, context: dict[str, Any]) -> list[Citation]:
    """The citations that hold for the case (EU law only in EU states, a treaty only between
    its parties on the date), their texts filled with the requested state's own law."""
    cited = []
    conditions = rule.citation_conditions or [None] * len(rule.rule.legal_basis)
    for citation, condition in zip(rule.rule.legal_basis, conditions):
        if condition is not None and not evaluate_condition(condition, facts.values):
            continue
        texts = {name: " ".join(_template(getattr(citation, name)).render(context).split())
                 for name in ("instrument", "article", "paraphrase")}
        # an instrument or article the rule describes ("the provisions on arrest for
        # extradition") is in the catalog (babel.cfg: rules/*.yaml); a name or a bare
        # citation is kept as written there, and a law's title from the reference data
        # is not in it: printed as the data has it
        texts["instrument"] = gettext(texts["instrument"])
        texts["article"] = gettext(texts["article"])
        cited.append(Citation(**texts))
    return cited


def _template(text: str):
    template = _COMPILED.get(text)
    if template is None:
        template = _COMPILED[text] = _TEMPLATES.from_string(text)
    return template


def _actions(rulebook: Rulebook, rule_ids: list[str],
             values: dict[str, Value]) -> list[RecommendedAction]:
    """The recommended actions, one entry per step: the same step asked for by several rules
    (two Rule 39 requests, three requests to the CCF) is listed once, with every rule that
    calls for it, at the most urgent urgency and in the words of the most urgent action (the
    first rule's on a tie). An action without a `step` is one step with its own words."""
    merged: dict[tuple[str, ...], RecommendedAction] = {}
    # a case without a stage (a hand-made fact record) is read as one before removal
    stage = values.get("stage", BEFORE_REMOVAL[0])
    for rule_id in rule_ids:
        compiled = in_language(rulebook.by_id[rule_id], rulebook)
        for action, condition in zip(compiled.rule.actions,
                                     compiled.action_conditions or [None] * len(compiled.rule.actions)):
            if condition is not None and not evaluate_condition(condition, values):
                continue  # e.g. "lodge a claim" when one is already pending
            if stage not in stages_of(action.stages):
                continue  # e.g. "ask for Rule 39" after the person was surrendered
            key = (action.step,) if action.step else (action.do, action.forum)
            existing = merged.get(key)
            if existing is None:
                merged[key] = _action(action, rule_id)
                continue
            if rule_id not in existing.because:
                existing.because.append(rule_id)
            if URGENCY_ORDER[action.urgency] < URGENCY_ORDER[existing.urgency]:
                merged[key] = _action(action, rule_id, because=existing.because)
    return sorted(merged.values(), key=lambda a: (URGENCY_ORDER[a.urgency], a.forum, a.do))


def _action(action: Action, rule_id: str, because: list[str] | None = None) -> RecommendedAction:
    return RecommendedAction(do=action.do, forum=action.forum,
                             forum_label=_(FORUMS[action.forum]), urgency=action.urgency,
                             needs=action.needs, because=because or [rule_id],
                             step=action.step)


def _timeline(case: Case, as_of: dt.date) -> list[TimelineEntry]:
    entries = sorted(timeline_dates(case), key=lambda item: item[1])
    return [TimelineEntry(date=str(date), label=label, after_as_of=date.earliest > as_of)
            for label, date in entries]


def _sources_cited(case: Case, findings: list[Finding], late: set[str]) -> list[Source]:
    """The sources the report lists: those cited first; none dated after the as-of date."""
    cited = {s for f in findings for s in f.sources}
    usable = [s for s in case.sources if s.id not in late]
    return [s for s in usable if s.id in cited] + [s for s in usable if s.id not in cited]


def _conclusion(level: Level, score: int, bars: list[Finding], findings: list[Finding],
                case: Case, stage: str | None = None, stage_detail: str = "",
                died: bool = False) -> str:
    requested = country_name(case.states.requested)
    requesting = country_name(case.states.requesting)
    if died:
        return _("The person has died ({detail}): the assessment ends.").format(
            detail=stage_detail)
    if stage in AFTER_REMOVAL:
        return _("The procedure in {requested} has ended ({detail}): the rules that protect "
                 "against surrender no longer apply, and the report lists what remains to be "
                 "done.").format(requested=requested,
                                 detail=stage_detail or _(STAGE_LABELS[stage]))
    text = _("As of this assessment the risk that {requested} surrenders the person to "
             "{requesting} is {level} (score {score} of {max}).").format(
        requested=requested, requesting=requesting, level=labels.level(level), score=score,
        max=SCORE_MAX)
    if bars:
        strongest = ", ".join(f"{b.title} ({grounds.phrase(b.nature, b.strength)})"
                              for b in bars[:3])
        text += " " + _("The strongest grounds against surrender are: {grounds}.").format(
            grounds=strongest)
    else:
        text += " " + _("No legal bar to surrender is established on the facts recorded.")
    raising = [f for f in findings if f.points > 0]
    if raising:
        top = max(raising, key=lambda f: f.points)
        text += " " + _("The factor that weighs most towards surrender is: {factor}.").format(
            factor=top.title.lower())
    absolute = [b for b in bars if "absolute" in (getattr(b, "nature", None), b.strength)]
    if absolute and level != "critical":
        text += " " + absolute_beside_level(level, absolute[0].title)
    return text


def absolute_beside_level(level: Level, ground: str) -> str:
    """Why an absolute ground and a level below critical are no contradiction (ECHR Art 3,
    Chahal v UK 1996: the risk of ill-treatment is not weighed against other interests)."""
    return _("The {level} level measures how likely surrender is on the facts recorded; the "
             "absolute ground ({ground}) measures something else: if a court finds the risk "
             "real, it forbids surrender whatever that likelihood, so it is argued first."
             ).format(level=labels.level(level), ground=ground.lower())


# The second answer's model lives beside its rules (assessor.removal), which reads Finding
# and Contribution from here; resolved once both exist.
from .removal import RemovalRisk  # noqa: E402
from .removal import conclusion as removal_conclusion  # noqa: E402

Assessment.model_rebuild()
