"""rules/*.yaml -> Rulebook: the rules as validated data, each condition parsed and checked.

A rule says when it fires (a condition over facts), what it means (its effect and weight,
the bar's nature in law), why (the instrument and article), how to explain it with the case's
own facts, what the lawyer should do, and what is certain and what must be verified.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal, Mapping, Sequence

from pydantic import BaseModel, ConfigDict, Field, StrictInt, field_validator, model_validator

from . import conditions
from .paths import bundled
from .facts import CATALOGUE, fact_types
from .i18n import N_
from .stage import BEFORE_REMOVAL, STAGES
from .problems import InputError, Problem
from .validation import validate
from .yamlfile import load

Effect = Literal["bar", "raises", "lowers", "note"]
Stage = Literal[
    "before_request", "proceedings", "surrender_authorised", "surrender_refused", "removed",
    "beyond_reach",
]
# The legal nature of a bar (docs/risk-model.md): absolute (no exception, no balancing),
# mandatory (the requested state must refuse when it is made out, subject to the
# instrument's own exceptions), discretionary (it may refuse).
Nature = Literal["absolute", "mandatory", "discretionary"]
NATURE_ORDER = {"absolute": 0, "mandatory": 1, "discretionary": 2}
Urgency = Literal["immediate", "days", "weeks", "ongoing"]
Forum = Literal[
    "domestic_court",
    "asylum_authority",
    "ministry",
    "ecthr_rule39",
    "ecthr",
    "un_committee_against_torture",
    "un_human_rights_committee",
    "un_special_procedures",
    "interpol_ccf",
    "unhcr",
    "international_advocacy",
    "evidence",
    "client",
]
Category = Literal[
    "non_refoulement",
    "protection",
    "political_offence",
    "fair_trial",
    "death_penalty",
    "other_bars",
    "legal_basis",
    "procedure",
    "international",
    "interpol",
    "irregular_removal",
    "after_removal",
    "country_conditions",
    "assurances",
]
URGENCY_ORDER = {"immediate": 0, "days": 1, "weeks": 2, "ongoing": 3}
# marked for the catalog; translated where printed (`_(FORUMS[forum])`)
FORUMS: dict[str, str] = {
    "domestic_court": N_("domestic court"),
    "asylum_authority": N_("asylum authority"),
    "ministry": N_("ministry of justice or interior"),
    "ecthr_rule39": N_("ECtHR (Rule 39 interim measure)"),
    "ecthr": N_("ECtHR (application)"),
    "un_committee_against_torture": N_("UN Committee against Torture"),
    "un_human_rights_committee": N_("UN Human Rights Committee"),
    "un_special_procedures": N_("UN Special Procedures"),
    "interpol_ccf": N_("Commission for the Control of Interpol's Files"),
    "unhcr": N_("UNHCR"),
    "international_advocacy": N_("international bodies and NGOs"),
    "evidence": N_("evidence gathering"),
    "client": N_("advice to the client"),
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Citation(_Strict):
    instrument: str = Field(description="The instrument, e.g. UN Convention against Torture.")
    article: str = Field(description="Article and paragraph, e.g. Art 3(1).")
    paraphrase: str = Field(description="What the provision says, in a sentence.")
    when: dict[str, Any] | None = Field(
        None, description="Cite it only when this condition over facts also holds "
        "(docs/conditions.md), e.g. EU asylum law only where the requested state is an EU "
        "member on the date. The texts may name `law.KEY`, the requested state's national "
        "law from the reference data.")


class Action(_Strict):
    do: str = Field(description="What the lawyer should do, as an instruction.")
    forum: Forum = Field(description="Where it is done.")
    urgency: Urgency = Field(description="immediate, days, weeks or ongoing.")
    needs: str | None = Field(None, description="What a filing there needs to succeed.")
    when: dict[str, Any] | None = Field(
        None, description="Recommend it only when this condition over facts also holds "
        "(docs/conditions.md), e.g. not when a claim is already pending.")
    stages: list[Stage] | None = Field(
        None, description="The stages of the case in which to recommend it; left out: every "
        "stage before removal (not removed, not beyond_reach).")
    step: str | None = Field(
        None, pattern=r"^[a-z][a-z0-9_]*$",
        description="The step this action is, when other rules ask for the same step in other "
        "words (e.g. rule39_request): the report lists the step once, with every rule that "
        "calls for it, at the most urgent urgency and in the words of the most urgent action.")


class Rule(_Strict):
    id: str = Field(pattern=r"^[A-Z]{2,5}-\d{2,3}$", description="e.g. NR-01.")
    title: str
    category: Category
    effect: Effect
    # strictly a whole number: '5' or 5.0 is refused, not converted (a quoted weight is a typo
    # the author should see)
    weight: StrictInt = Field(
        ge=-100, le=100,
        description="Points added to the risk of surrender: > 0 raises, < 0 lowers, 0 notes.",
    )
    # the old single attribute, removed: a file that still gives it gets a located error
    # saying what to write instead (`nature`), not a bare "extra field"
    strength: Any = Field(None, exclude=True, description="No longer read: give `nature`.")
    nature: Nature | None = Field(
        None, description="For bars: the legal nature of the ground (absolute, mandatory, "
        "discretionary); how well this case supports it is graded by assessor.grounds.")
    when: dict[str, Any] = Field(description="The condition over facts (docs/conditions.md).")
    legal_basis: list[Citation] = Field(min_length=1)
    explanation: str = Field(description="Jinja template: fact.X, detail.X, person, states.")
    actions: list[Action] = []
    certainty: str = Field(description="What is certain, and what the lawyer must verify.")
    verify: list[str] = Field([], description="Points of law or fact to verify.")
    supersedes: list[str] = Field([], description="Rules this narrower rule displaces.")
    stages: list[Stage] | None = Field(
        None, description="The stages of the case in which the rule applies; left out: every "
        "stage before removal (not removed, not beyond_reach).")

    @field_validator("strength")
    @classmethod
    def _no_strength(cls, value: Any) -> Any:
        if value is not None:
            raise ValueError(
                "`strength` is no longer read: give `nature:` instead (absolute, mandatory or "
                "discretionary: the ground's legal nature); how well a case supports the ground "
                "is graded by the tool (assessor/grounds.py)")
        return value

    @model_validator(mode="after")
    def _effect_and_weight(self) -> "Rule":
        sign_ok = {
            "raises": self.weight > 0,
            "lowers": self.weight < 0,
            "bar": self.weight <= 0,
            "note": self.weight == 0,
        }[self.effect]
        if not sign_ok:
            expected = {"raises": "> 0", "lowers": "< 0", "bar": "<= 0", "note": "0"}
            raise ValueError(
                f"a rule that {self.effect} needs a weight {expected[self.effect]}, "
                f"not {self.weight}"
            )
        if (self.effect == "bar") != (self.nature is not None):
            raise ValueError("give `nature` for bars, and only for bars")
        return self

    @property
    def legal_nature(self) -> str | None:
        return self.nature

    @property
    def bar_order(self) -> tuple[int, int]:
        """Bars are listed by their nature in law, then by weight."""
        return (NATURE_ORDER.get(self.legal_nature or "", 3), self.weight)


class RuleFile(_Strict):
    title: str = Field(description="The ground these rules encode.")
    summary: str | None = None
    rules: list[Rule]

    @field_validator("rules")
    @classmethod
    def _not_empty(cls, rules: list[Rule]) -> list[Rule]:
        if not rules:
            raise ValueError("a rule file needs at least one rule")
        return rules


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    condition: conditions.Condition
    file: str
    line: int
    order: int
    # one per action: the action's own `when`, or None when it always applies
    action_conditions: tuple[conditions.Condition | None, ...] = ()
    # one per citation of the legal basis, likewise
    citation_conditions: tuple[conditions.Condition | None, ...] = ()
    # the stages the rule applies in (rulebook.stages_of)
    stages: tuple[str, ...] = BEFORE_REMOVAL

    @property
    def id(self) -> str:
        return self.rule.id

    @cached_property
    def facts(self) -> tuple[str, ...]:
        """Facts the condition reads, in catalogue order."""
        named = conditions.facts_named(self.condition)
        return tuple(name for name in CATALOGUE if name in named)


@dataclass
class Rulebook:
    rules: tuple[CompiledRule, ...]
    version: str
    directory: str
    by_id: dict[str, CompiledRule] = field(init=False)

    def __post_init__(self) -> None:
        self.by_id = {r.id: r for r in self.rules}
        self._conditions = tuple((r.id, r.condition) for r in self.rules)
        self._stages = {r.id: frozenset(r.stages) for r in self.rules}

    def in_stage(self, fired: Sequence[str], values: Mapping[str, Any]) -> tuple[str, ...]:
        """The fired rules that apply in the case's stage. Applied after either evaluator
        (durable-rules or the reference), so both agree by construction; a fact record
        without a stage (a hand-made one: derive always sets it) is read as a case before
        removal."""
        stage = values.get("stage", BEFORE_REMOVAL[0])
        return tuple(r for r in fired if stage in self._stages[r])

    def conditions(self) -> tuple[tuple[str, conditions.Condition], ...]:
        return self._conditions

    def version_in(self, lang: str) -> str:
        """The version a report in `lang` was made with: the rules' own, and for another
        language the digest of its rule texts too (rules/locale/<lang>/), so that a report
        whose Russian wording changed says so even where the rules did not."""
        if lang == "en":
            return self.version
        return f"{self.version}+{lang}.{_texts_digest(self.directory, lang)}"


@lru_cache(maxsize=32)
def _texts_digest(directory: str, lang: str) -> str:
    digest = hashlib.sha256()
    for path in sorted((Path(directory) / "locale" / lang).glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def default_rules_dir() -> Path:
    """rules/ beside the package in a checkout; the installed copy otherwise."""
    return bundled("rules")


def load_rulebook(directory: Path | str | None = None) -> Rulebook:
    """Load and check every rules/*.yaml file; raise InputError with every problem."""
    directory = Path(directory) if directory else default_rules_dir()
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise InputError([Problem(str(directory), 1, 1, "", "no rule files (*.yaml) here")])
    problems: list[Problem] = []
    compiled: list[CompiledRule] = []
    digest = hashlib.sha256()
    types = fact_types()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
        try:
            document = load(path, _display(path))
            rule_file = validate(document, RuleFile)
        except InputError as error:
            problems.extend(error.problems)
            continue
        for index, rule in enumerate(rule_file.rules):
            loc = ("rules", index)
            try:
                condition = conditions.parse(rule.when, types)
            except conditions.ConditionErrors as error:
                problems.extend(
                    document.problem((*loc, "when", *e.path), e.message) for e in error.errors
                )
                continue
            action_conditions = []
            for number, action in enumerate(rule.actions):
                try:
                    action_conditions.append(
                        None if action.when is None else conditions.parse(action.when, types))
                except conditions.ConditionErrors as error:
                    problems.extend(document.problem((*loc, "actions", number, "when", *e.path),
                                                     e.message) for e in error.errors)
            citation_conditions = []
            for number, citation in enumerate(rule.legal_basis):
                try:
                    citation_conditions.append(
                        None if citation.when is None else conditions.parse(citation.when, types))
                except conditions.ConditionErrors as error:
                    problems.extend(document.problem((*loc, "legal_basis", number, "when",
                                                      *e.path), e.message) for e in error.errors)
            line = document.position(loc)[0]
            compiled.append(CompiledRule(rule, condition, document.file, line, len(compiled),
                                         tuple(action_conditions), tuple(citation_conditions),
                                         stages=stages_of(rule.stages)))
    problems.extend(_cross_problems(compiled))
    if problems:
        raise InputError(problems)
    return Rulebook(tuple(compiled), digest.hexdigest()[:12], str(directory))


def stages_of(stages: list[str] | None) -> tuple[str, ...]:
    """The stages a rule or an action applies in (none given: every stage before removal)."""
    return BEFORE_REMOVAL if stages is None else tuple(s for s in STAGES if s in stages)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _cross_problems(rules: list[CompiledRule]) -> list[Problem]:
    """What no single rule can check: unique ids, supersessions that name real rules."""
    problems: list[Problem] = []
    seen: dict[str, CompiledRule] = {}
    for r in rules:
        if r.id in seen:
            first = seen[r.id]
            problems.append(Problem(r.file, r.line, 1, f"{r.id}",
                                    f"rule id {r.id} is used twice",
                                    f"first at {first.file}:{first.line}"))
        seen.setdefault(r.id, r)
    # one step is one thing to do in one place: a step named in two forums is two steps
    forums: dict[str, tuple[str, CompiledRule]] = {}
    for r in rules:
        for action in r.rule.actions:
            if action.step is None:
                continue
            first = forums.setdefault(action.step, (action.forum, r))
            if first[0] != action.forum:
                problems.append(Problem(r.file, r.line, 1, f"{r.id}.actions",
                                        f"step {action.step} is in forum {action.forum} here "
                                        f"but in {first[0]} in {first[1].id}",
                                        "give the step one forum, or name two steps"))
    for r in rules:
        for target in r.rule.supersedes:
            if target not in seen:
                problems.append(Problem(r.file, r.line, 1, f"{r.id}.supersedes",
                                        f"supersedes unknown rule {target}"))
            elif target == r.id:
                problems.append(Problem(r.file, r.line, 1, f"{r.id}.supersedes",
                                        "a rule cannot supersede itself"))
    return problems
