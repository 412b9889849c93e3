"""The promises the rules make to lawyers, as properties over generated cases and facts.

Every test here can fail: tests/test_rulecheck.py seeds defects into a copy of the rules and
shows which of these properties (and which checks of `assess rules check`) catch them.
Example counts come from the hypothesis profile (tests/conftest.py): `ci` by default,
`HYPOTHESIS_PROFILE=thorough` for rule authors.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from typing import Iterable

import pytest
import yaml
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from assessor import conditions
from assessor.assessment import (
    SCORE_MAX,
    SCORE_MIN,
    Assessment,
    build,
    level_for,
    score_of,
)
from assessor.caseload import case_from_text
from assessor.facts import CATALOGUE, Facts, derive
from assessor.model import Case
from assessor.system import MissingSystemPackage, report_font, uncovered_letters
from assessor.render import FORMATS, render
from assessor.rulebook import Rulebook

from strategies import (
    as_of_dates,
    cases,
    contradictions as loader_contradictions,
    fact_records,
    later_items,
    shuffled,
    targeted,
)

# --- helpers -----------------------------------------------------------------------------


def fired_by(rulebook: Rulebook, record: dict) -> tuple[str, ...]:
    return rulebook.in_stage(conditions.reference_evaluate(rulebook.conditions(), record),
                             record)


def raw_score(rulebook: Rulebook, record: dict) -> int:
    return score_of(rulebook, fired_by(rulebook, record))[1]


def judgement(a: Assessment) -> dict:
    """What the assessment concludes, without the wording that echoes the file's order
    (explanations list items as the file lists them, the timeline and warnings too)."""
    return {
        "level": a.level, "score": a.score, "raw_score": a.raw_score,
        "findings": sorted((f.rule_id, f.points) for f in a.findings),
        "superseded": sorted((f.rule_id, f.superseded_by) for f in a.superseded),
        "bars": [b.rule_id for b in a.bars],
        "actions": sorted((x.do, x.forum, x.urgency, tuple(sorted(x.because)))
                          for x in a.actions),
        "unknowns": sorted((u.fact, str(u.if_value), u.level, u.score) for u in a.unknowns),
        "sources_cited": sorted({s for f in a.findings for s in f.sources}),
    }


_PLAIN_CASE = Case.model_validate({
    "case_id": "record", "person": {"name": "P", "nationalities": ["KZ"]},
    "states": {"requesting": "KZ", "requested": "ME"}})


def assess_record(rulebook: Rulebook, record: dict) -> Assessment:
    """An Assessment built straight from a fact record (no case behind it)."""
    facts = Facts(as_of=dt.date(2024, 1, 1), values=dict(record),
                  unknown=tuple(n for n in CATALOGUE if n not in record))
    return build(_PLAIN_CASE, facts, fired_by(rulebook, record), rulebook)


def reaching_every_rule(test):
    """Also run `test` on each targeted case (strategies.targeted): every rule, supersession
    and level, and a raw score above 100, whatever hypothesis draws."""
    import random

    import inspect

    wanted = inspect.signature(test.hypothesis.inner_test).parameters
    extra = {"rng": random.Random(0)} if "rng" in wanted else {}
    for case, as_of in targeted():
        test = example(case=case, as_of=as_of, **extra)(test)
    return test


# --- 1. the durable-rules engine agrees with the reference evaluator ------------------------


@reaching_every_rule
@given(cases, as_of_dates)
def test_durable_engine_and_reference_evaluator_give_the_same_assessment(
        assessor, reference, case, as_of):
    durable, plain = assessor.assess(case, as_of), reference.assess(case, as_of)
    fired = lambda a: sorted(f.rule_id for f in a.findings + a.superseded)  # noqa: E731
    assert fired(durable) == fired(plain)
    assert durable.model_dump() == plain.model_dump()


@given(fact_records())
def test_durable_engine_and_reference_evaluator_fire_the_same_rules_on_any_facts(
        assessor, record):
    assert assessor.evaluate(record) == fired_by(assessor.rulebook, record)


# --- 2. determinism, and the order of the file does not matter -----------------------------


@reaching_every_rule
@given(cases, as_of_dates, st.randoms(use_true_random=False))
def test_the_order_of_lists_and_events_in_the_file_does_not_matter(
        assessor, case, as_of, rng):
    first = assessor.assess(case, as_of)
    assert assessor.assess(case, as_of).model_dump() == first.model_dump()  # deterministic
    reordered = Case.model_validate(shuffled(case.model_dump(mode="json", exclude_none=True),
                                             rng))
    assert derive(reordered, as_of).values == derive(case, as_of).values
    assert judgement(assessor.assess(reordered, as_of)) == judgement(first)


# --- 3. causality: what happens after the as-of date changes nothing -----------------------


@given(cases, as_of_dates, st.data())
def test_items_dated_after_the_as_of_date_change_nothing(assessor, case, as_of, data):
    later = Case.model_validate(data.draw(later_items(case, as_of), label="with later items"))
    assume(not loader_contradictions(later))  # the loader would refuse the file
    assert derive(later, as_of).values == derive(case, as_of).values
    assert judgement(assessor.assess(later, as_of)) == judgement(assessor.assess(case, as_of))


# --- 4. direction: protective facts never raise the risk, aggravating ones never lower it ---


def _steps(name: str, record: dict) -> Iterable[tuple[object, object]]:
    """Pairs (less aggravating, more aggravating) of values of one fact, for this record."""
    spec = CATALOGUE[name]
    if spec.kind == "bool":
        off, on = False, True
        yield (on, off) if spec.direction == "protective" else (off, on)
    elif spec.kind == "enum" and spec.ordered:
        # ordered enums list their values from most protective to most aggravating
        yield from itertools.combinations(spec.values, 2)
    elif spec.kind == "int":
        low, high = sorted((record.get(name, 0), record.get(name, 0) + 1))
        values = sorted({low, high, *_near(name)})
        pairs = list(zip(values, values[1:]))
        yield from (((b, a) if spec.direction == "protective" else (a, b)) for a, b in pairs)


def _near(name: str) -> set[int]:
    from strategies import _INTS

    return {v for v in _INTS.get(name, ()) if v >= 0}


DIRECTED = [n for n, s in CATALOGUE.items()
            if s.direction != "neutral" and (s.kind != "enum" or s.ordered)]


def direction_violations(rulebook: Rulebook, record: dict) -> list[str]:
    found = []
    for name in DIRECTED:
        for calmer, worse in _steps(name, record):
            fired_before = fired_by(rulebook, {**record, name: calmer})
            fired_after = fired_by(rulebook, {**record, name: worse})
            before = score_of(rulebook, fired_before)[1]
            after = score_of(rulebook, fired_after)[1]
            if after < before:
                found.append(f"{name}: {calmer!r} -> {worse!r} lowers the risk "
                             f"{before} -> {after} ({CATALOGUE[name].direction}); fired then "
                             f"{sorted(set(fired_before) - set(fired_after))}, now "
                             f"{sorted(set(fired_after) - set(fired_before))}")
    return found


@given(fact_records())
def test_direction_holds_on_any_fact_record(reference, record):
    assert direction_violations(reference.rulebook, record) == []


@reaching_every_rule
@given(cases, as_of_dates)
def test_direction_holds_on_the_facts_of_generated_cases(reference, case, as_of):
    assert direction_violations(reference.rulebook, derive(case, as_of).values) == []


# --- 5. bars dominate, and findings never contradict ---------------------------------------


def bar_violations(a: Assessment) -> list[str]:
    """A bar that fired is reported as a bar, or displaced only by a bar at least as strong."""
    from assessor.rulebook import NATURE_ORDER

    bars = {b.rule_id: b for b in a.bars}
    found = []
    for finding in a.findings + a.superseded:
        if finding.effect != "bar" or finding.rule_id in bars:
            continue
        by = bars.get(finding.superseded_by or "")
        if by is None:
            found.append(f"bar {finding.rule_id} fired but is not reported as a bar "
                         f"(superseded by {finding.superseded_by})")
        elif NATURE_ORDER[by.nature] > NATURE_ORDER[finding.nature]:
            found.append(f"bar {finding.rule_id} ({finding.nature}) displaced by the weaker "
                         f"{by.rule_id} ({by.nature})")
    return found


# Pairs of established facts that cannot both stand behind the findings of one assessment.
CONTRADICTIONS: tuple[tuple[str, tuple[str, set], tuple[str, set]], ...] = (
    ("a treaty in force and no treaty",
     ("treaty_basis", {"none"}), ("treaty_basis", {"bilateral", "multilateral"})),
    ("protection granted and a claim pending",
     ("protection_granted", {True}), ("asylum_pending", {True})),
    ("refugee status granted and the claim not granted",
     ("refugee_status_granted", {True}),
     ("asylum_status", {"pending", "appeal_pending", "none", "refused_appealable",
                        "refused_final"})),
    ("a claim pending and a status other than pending",
     ("asylum_pending", {True}),
     ("asylum_status", {"granted", "none", "refused_appealable", "refused_final"})),
    ("surrender finally refused and allowed",
     ("surrender_decision", {"refused_final"}), ("surrender_decision",
                                                 {"allowed", "allowed_final"})),
    ("in detention and never arrested",
     ("in_detention", {True}), ("arrested_for_extradition", {False})),
    ("an active notice and not wanted",
     ("interpol_notice_active", {True}), ("wanted_by_requesting_state", {False})),
    ("barred as a national and not a national",
     ("own_national_bar", {True}), ("national_of_requested_state", {False})),
)


def contradictions(a: Assessment) -> list[str]:
    used = {(fact.name, json.dumps(fact.value)): finding.rule_id
            for finding in a.findings for fact in finding.facts if fact.value is not None}
    found = []
    for what, (fact_a, values_a), (fact_b, values_b) in CONTRADICTIONS:
        for value_a, value_b in itertools.product(values_a, values_b):
            rule_a = used.get((fact_a, json.dumps(value_a)))
            rule_b = used.get((fact_b, json.dumps(value_b)))
            if rule_a and rule_b:
                found.append(f"{what}: {rule_a} and {rule_b}")
    return found


@reaching_every_rule
@given(cases, as_of_dates)
def test_bars_dominate_and_findings_agree_on_generated_cases(assessor, case, as_of):
    a = assessor.assess(case, as_of)
    assert bar_violations(a) == []
    assert contradictions(a) == []


@given(fact_records())
def test_a_bar_that_fires_is_reported_whatever_else_is_true(reference, record):
    assert bar_violations(assess_record(reference.rulebook, record)) == []


# --- 6. accounting ------------------------------------------------------------------------


def accounting_errors(a: Assessment) -> list[str]:
    errors = []
    if a.score != sum(c.points for c in a.contributions):
        errors.append(f"score {a.score} is not the sum of the contributions listed")
    if a.raw_score != sum(f.points for f in a.findings):
        errors.append(f"raw score {a.raw_score} is not the sum of the findings' points")
    if not SCORE_MIN <= a.score <= SCORE_MAX:
        errors.append(f"score {a.score} outside {SCORE_MIN}..{SCORE_MAX}")
    if a.score != max(SCORE_MIN, min(SCORE_MAX, a.raw_score)):
        errors.append("the score is not the raw score held within the bounds")
    # the documented thresholds (docs/risk-model.md), read independently of the code
    from test_boundaries import documented_levels

    [expected] = [lv for lv, low, high in documented_levels() if low <= a.score <= high]
    if a.level != expected or a.level != level_for(a.score):
        errors.append(f"level {a.level} for score {a.score}; the thresholds say {expected}")
    if any(f.points for f in a.superseded):
        errors.append("a superseded finding still counts points")
    listed = {c.rule_id for c in a.contributions if c.rule_id}
    if listed != {f.rule_id for f in a.findings if f.points}:
        errors.append("contributions and weighted findings differ")
    return errors


@reaching_every_rule
@given(cases, as_of_dates)
def test_the_score_is_the_sum_of_the_contributions_listed(assessor, case, as_of):
    assert accounting_errors(assessor.assess(case, as_of)) == []


@given(fact_records())
def test_accounting_holds_on_any_fact_record(reference, record):
    assert accounting_errors(assess_record(reference.rulebook, record)) == []


# --- 7. reachability ------------------------------------------------------------------------


def unreachable(rulebook: Rulebook, max_examples: int | None = None,
                only: set[str] | None = None) -> list[str]:
    """Rules no fact record makes fire, or none keeps silent: proven by the solver over every
    record the catalogue allows (a sampled search missed rare combinations), and each witness
    replayed with the reference evaluator. `max_examples` is kept for callers; unused."""
    from assessor.solver import witness

    problems = []
    for rule in rulebook.rules:
        if only is not None and rule.id not in only:
            continue
        for wanted in (True, False):
            record = witness(rule.condition, holds=wanted)
            if record is None:
                problems.append(f"{rule.id} {'never fires' if wanted else 'always fires'}")
            else:
                assert conditions.evaluate(rule.condition, record) == wanted, (rule.id, record)
    return problems


def test_every_rule_fires_on_some_fact_record_and_not_on_another(rulebook):
    assert unreachable(rulebook) == []


# --- 8. round trip through YAML -------------------------------------------------------------


def round_trip(case: Case) -> Case:
    text = yaml.safe_dump(case.model_dump(mode="json", exclude_none=True), allow_unicode=True,
                          sort_keys=False)
    return case_from_text(text, "<generated>")


@given(cases)
def test_a_case_written_back_to_yaml_loads_as_the_same_case(case):
    again = round_trip(case)
    assert again == case
    assert again.model_dump(mode="json") == case.model_dump(mode="json")


# --- 9. rendering ---------------------------------------------------------------------------


PAGED_FORMATS = tuple(f for f in FORMATS if f == "pdf")
TEXT_FORMATS = tuple(f for f in FORMATS if f not in PAGED_FORMATS)


def rendering_problems(case: Case, a: Assessment, formats: Iterable[str]) -> list[str]:
    problems = []
    for fmt in formats:
        output = render(a, fmt)
        if not output:
            problems.append(f"{fmt}: empty output")
        if fmt == "json":
            if json.loads(output)["person"] != case.person.name:
                problems.append("json: the person's name does not survive")
        elif fmt in ("md", "html") and "<script" in str(output).lower():
            problems.append(f"{fmt}: case text reached the report unescaped")
    # case text enters explanations as a value, never as a template (no {{ 7 * 7 }} -> 49)
    name = " ".join(case.person.name.split())
    for f in a.findings + a.superseded:
        if "{{ person }}" in _explanation_source(f.rule_id) and name not in f.explanation:
            problems.append(f"{f.rule_id}: the person's name is not printed literally")
    return problems


_SOURCES: dict[str, str] = {}


def _explanation_source(rule_id: str) -> str:
    if not _SOURCES:
        from assessor.rulebook import load_rulebook

        _SOURCES.update({r.id: _unconditional(r.rule.explanation)
                         for r in load_rulebook().rules})
    return _SOURCES.get(rule_id, "")


_INNERMOST_IF = re.compile(r"{%-?\s*if\b(?:(?!{%-?\s*if\b).)*?{%-?\s*endif\s*-?%}", re.S)


def _unconditional(template: str) -> str:
    """The parts of an explanation printed whatever the facts: a name that appears only
    inside `{% if %}` branches is absent when no branch applies, and rightly so."""
    while True:
        reduced = _INNERMOST_IF.sub("", template)
        if reduced == template:
            return template
        template = reduced


@given(cases, as_of_dates)
def test_every_assessment_renders_in_every_format_with_case_text_escaped(
        assessor, case, as_of):
    assert rendering_problems(case, assessor.assess(case, as_of), TEXT_FORMATS) == []


# a PDF takes a second or more: a few examples, unless the profile asks for fewer
@settings(max_examples=min(5, settings().max_examples))
@given(cases, as_of_dates)
def test_every_assessment_renders_as_pdf(assessor, case, as_of):
    try:
        assert rendering_problems(case, assessor.assess(case, as_of), PAGED_FORMATS) == []
    except MissingSystemPackage as refused:
        # never empty boxes: a PDF is refused only for letters no installed font can print
        named = re.findall(r"(\S) \(U\+([0-9A-F]{4,6})\)", str(refused))
        assert named and all(chr(int(code, 16)) == char for char, code in named)
        assert uncovered_letters("".join(c for c, _ in named), report_font()) == [c for c, _ in named]


# --- how many rules generated cases reach (reported, not asserted) --------------------------


@pytest.mark.filterwarnings("ignore")
def test_report_how_many_rules_generated_cases_reach(assessor, rulebook, capsys):
    reached: set[str] = set()

    @settings(database=None, deadline=None)
    @given(cases, as_of_dates)
    def collect(case: Case, as_of: dt.date) -> None:
        a = assessor.assess(case, as_of)
        reached.update(f.rule_id for f in a.findings + a.superseded
                       + a.removal.findings + a.removal.superseded)

    collect()
    with capsys.disabled():
        missing = sorted(set(rulebook.by_id) - reached)
        print(f"\n[reachability] generated cases fired {len(reached)} of {len(rulebook.rules)} "
              f"rules; not reached: {', '.join(missing) or 'none'}")
    assert reached  # generated cases exercise the rules at all


def test_generated_and_targeted_cases_reach_every_rule_supersession_and_level(assessor,
                                                                              rulebook):
    from test_golden import UNREACHABLE_SUPERSESSIONS

    reached, taken, levels, above = set(), set(), set(), False

    @reaching_every_rule
    @settings(database=None, deadline=None)
    @given(cases, as_of_dates)
    def collect(case: Case, as_of: dt.date) -> None:
        nonlocal above
        a = assessor.assess(case, as_of)
        both = a.findings + a.superseded + a.removal.findings + a.removal.superseded
        reached.update(f.rule_id for f in both)
        taken.update((f.superseded_by, f.rule_id) for f in both if f.superseded_by)
        levels.add(a.level)
        above = above or a.raw_score > SCORE_MAX

    collect()
    assert set(rulebook.by_id) - reached == set()
    declared = {(r.id, t) for r in rulebook.rules for t in r.rule.supersedes}
    assert declared - taken - UNREACHABLE_SUPERSESSIONS == set()
    assert levels == {"low", "moderate", "high", "critical"} and above
