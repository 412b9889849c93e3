"""Hypothesis strategies: valid cases covering every part of the model, as-of dates, and
flat fact records.

Cases are drawn as plain data (what a lawyer would write in YAML) and validated through
`Case.model_validate`, so a new optional field in the model never breaks them: it keeps its
default. Optional keys are left out rather than written as null, as in a real case file.
Dates fall in a narrow window so that events collide, overlap and straddle the as-of date.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any, Callable

from hypothesis import strategies as st

from assessor import conditions
from assessor.dates import PartialDate
from assessor.facts import CATALOGUE
from assessor.model import Case, reference_problems

try:  # the loader's cross-field checks (assessor/consistency.py), where present
    from assessor.consistency import contradictions
except ImportError:  # pragma: no cover
    def contradictions(case: Case) -> list:
        return []

FIRST_DAY = dt.date(2015, 1, 1)
LAST_DAY = dt.date(2026, 12, 31)
# NO is in the list because YAML 1.1 reads a bare NO as false: the round trip must survive it.
COUNTRIES = ("KZ", "ME", "UA", "RU", "TJ", "UZ", "BY", "TR", "DE", "PL", "GE", "NO")
# Case text a report must print literally: Markdown, HTML, Jinja and YAML syntax.
HOSTILE = ("<script>alert(1)</script>", "{{ 7 * 7 }}", "{% if true %}x{% endif %}",
           "*bold* _it_ [link](x) | # `code`", "Ж. Ахметова & O'Brien", "yes", "NO", "null",
           "2020-05-01", "- item", "a: b")

as_of_dates = st.dates(FIRST_DAY, LAST_DAY)


def _words() -> st.SearchStrategy[str]:
    plain = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")),
                    min_size=1, max_size=20).map(str.strip).filter(bool)
    return st.one_of(st.sampled_from(HOSTILE), plain)


TEXT = _words()
TRI = st.sampled_from([None, True, False])


def partial_dates(after: dt.date | None = None) -> st.SearchStrategy[str]:
    """A date written YYYY, YYYY-MM or YYYY-MM-DD; with `after`, wholly after that day."""

    def write(day: dt.date, precision: str) -> str:
        text = {"year": f"{day.year:04d}", "month": f"{day.year:04d}-{day.month:02d}",
                "day": day.isoformat()}[precision]
        if after is not None and PartialDate.parse(text).earliest <= after:
            return day.isoformat()  # a coarser date would reach back to the as-of date
        return text

    low = FIRST_DAY if after is None else after + dt.timedelta(days=1)
    return st.builds(write, st.dates(low, max(low, LAST_DAY)),
                     st.sampled_from(["day", "day", "month", "year"]))


def _clean(mapping: dict[str, Any]) -> dict[str, Any]:
    """Leave out unknown values and empty lists, as a lawyer would."""
    return {k: v for k, v in mapping.items() if v is not None and v != []}


class _Draw:
    """One case being drawn: its date strategy, its sources, and whether every date must be
    present (`later`: items added after the as-of date must all be dated)."""

    def __init__(self, draw: Callable, source_ids: list[str], after: dt.date | None):
        self.draw, self.source_ids, self.later = draw, source_ids, after is not None
        self._dates = partial_dates(after)

    def date(self) -> str:
        return self.draw(self._dates)

    def maybe_date(self) -> str | None:
        return self.date() if self.later else self.draw(st.one_of(st.none(), self._dates))

    def any_date(self) -> str | None:
        """An optional date that need not be present even for a later item."""
        return self.draw(st.one_of(st.none(), st.none(), self._dates))

    def tri(self) -> bool | None:
        return self.draw(TRI)

    def text(self) -> str:
        return self.draw(TEXT)

    def maybe_text(self) -> str | None:
        return self.draw(st.one_of(st.none(), TEXT))

    def count(self, top: int = 40) -> int | None:
        return self.draw(st.one_of(st.none(), st.integers(0, top), st.integers(0, 10_000)))

    def cites(self) -> list[str]:
        if not self.source_ids:
            return []
        return self.draw(st.lists(st.sampled_from(self.source_ids), max_size=2, unique=True))

    def some(self, make: Callable[[], dict], most: int = 3) -> list[dict]:
        return [make() for _ in range(self.draw(st.integers(0, most)))]

    def pick(self, *values: Any) -> Any:
        return self.draw(st.sampled_from(values))

    def ordered(self, first: str | None, second: str | None) -> tuple[str | None, str | None]:
        """Two dates with the second not before the first (as the model requires)."""
        if first and second and PartialDate.parse(second) < PartialDate.parse(first):
            return second, first
        return first, second


# --- the parts of a case -----------------------------------------------------------------

def _source(d: _Draw, source_id: str) -> dict:
    return _clean({"id": source_id, "title": d.text(), "kind": d.pick(
        "court_decision", "government_document", "un_document", "international_body",
        "ngo_report", "news", "statement_by_person", "lawyer_note", "other"),
        "date": d.draw(st.one_of(st.none(), partial_dates())), "publisher": d.maybe_text(),
        "url": d.draw(st.sampled_from([None, "https://example.org/a?b=1&c=<2>"])),
        "note": d.maybe_text()})


def _public_activity(d: _Draw) -> dict:
    return _clean({"date": d.date(), "description": d.text(),
                   "critical_of_requesting_state": d.tri(), "sources": d.cites()})


def _person(d: _Draw) -> dict:
    return _clean({
        "name": d.text(),
        "aliases": d.draw(st.lists(TEXT, max_size=2)),
        "birth_date": d.draw(st.one_of(st.none(), partial_dates())),
        "nationalities": d.draw(st.lists(st.sampled_from(COUNTRIES), min_size=1, max_size=3,
                                         unique=True)),
        "profile": d.draw(st.lists(st.sampled_from([
            "human_rights_defender", "journalist", "opposition_member", "opposition_leader",
            "religious_group_member", "ethnic_minority", "lgbti", "businessperson",
            "former_official", "ordinary_suspect"]), max_size=3, unique=True)),
        "organisations": d.some(lambda: _clean({"name": d.text(), "role": d.maybe_text(),
                                                "leader": d.tri(), "sources": d.cites()}), 2),
        "public_activity": d.some(lambda: _public_activity(d), 2),
        "family": d.some(lambda: _clean({
            "relation": d.text(), "name": d.maybe_text(), "in_requesting_state": d.tri(),
            "minor": d.tri(), "in_care_of_person": d.tri()}), 2),
        "address": d.maybe_text(),
        "serious_health_condition": d.tri(),
        "sources": d.cites(),
    })


def _charge(d: _Draw) -> dict:
    alleged_from, alleged_to = d.ordered(d.maybe_date(), d.maybe_date())
    deferral = None
    if d.draw(st.booleans()):
        deferral = _clean({"granted": d.maybe_date(), "until": d.maybe_date(),
                           "cancelled": d.maybe_date(), "cancelled_after_activism": d.tri(),
                           "sources": d.cites()})
    return _clean({
        "offence": d.text(), "code_article": d.maybe_text(), "opened": d.maybe_date(),
        "alleged_from": alleged_from, "alleged_to": alleged_to,
        "max_penalty_years": d.count(25), "death_penalty_possible": d.tri(),
        "amount_eur": d.count(), "convicted": d.maybe_date(), "in_absentia": d.tri(),
        "sentence_years": d.count(25), "deferral": deferral,
        "amnesty_applicable": d.tri(), "limitation_expired": d.tri(),
        "double_criminality": d.tri(), "tried_in_requested_state": d.tri(),
        "military_offence": d.tri(), "political_offence": d.tri(),
        "followed_public_criticism": d.tri(), "times_reopened": d.count(20),
        "people_interrogated": d.count(), "complaining_victim": d.tri(),
        "financial_reports_public": d.tri(), "sources": d.cites(),
    })


def _treaty(d: _Draw) -> dict:
    return _clean({"name": d.text(), "kind": d.pick(
        "bilateral", "bilateral", "ece_1957", "minsk_1993", "chisinau_2002", "untoc", "uncac",
        "other_multilateral"), "signed": d.maybe_date(), "ratified": d.maybe_date(),
        "in_force": d.maybe_date(), "terminated": d.any_date(),
        "sources": d.cites()})


def _decision(d: _Draw) -> dict:
    return _clean({"date": d.date(), "body": d.maybe_text(), "outcome": d.pick(
        "granted", "refused", "appeal_filed", "appeal_allowed", "appeal_dismissed",
        "remitted", "withdrawn"), "final": d.tri(), "defence_heard": d.tri(),
        "rushed": d.tri(), "sources": d.cites()})


def _claim(d: _Draw, states: list[str]) -> dict:
    filed, intention = d.maybe_date(), d.maybe_date()
    if d.later and d.draw(st.booleans()):
        intention = None
    return _clean({
        "kind": d.pick("asylum", "asylum", "subsidiary", "temporary", "unhcr_mandate"),
        "state": d.draw(st.sampled_from([None, None, *states])),
        "authority": d.maybe_text(), "intention_expressed": intention, "filed": filed,
        "subsequent_application": d.tri(), "confidentiality_breached": d.tri(),
        "decisions": d.some(lambda: _decision(d), 3), "sources": d.cites(),
    })


def _involvement(d: _Draw, states: list[str]) -> dict:
    reply = None
    if d.draw(st.booleans()):
        reply = _clean({"date": d.date(), "commits_to_non_refoulement": d.tri(),
                        "summary": d.maybe_text(), "sources": d.cites()})
    return _clean({
        "body": d.pick("un_special_procedures", "un_committee_against_torture",
                       "un_human_rights_committee", "ecthr", "unhcr", "osce", "pace",
                       "european_parliament", "national_parliament",
                       "national_oversight_body", "ngo", "other_state", "other"),
        "kind": d.pick("communication", "public_statement", "interim_measures_requested",
                       "interim_measures_indicated", "interim_measures_refused",
                       "protection_letter", "resolution", "report"),
        "date": d.date(), "reference": d.maybe_text(),
        "mandates": d.draw(st.lists(TEXT, max_size=2)),
        "addressed_to": d.draw(st.sampled_from([None, *states])),
        "calls_against_extradition": d.tri(), "calls_charges_political": d.tri(),
        "cites_torture_risk": d.tri(), "reply": reply, "summary": d.maybe_text(),
        "sources": d.cites(),
    })


def _notice(d: _Draw) -> dict:
    return _clean({"kind": d.pick("red_notice", "diffusion"), "issued": d.maybe_date(),
                   "ccf_request_filed": d.any_date(), "deleted": d.any_date(),
                   "ccf_refused": d.any_date(),
                   "sources": d.cites()})


def _evidence(d: _Draw) -> dict:
    return _clean({"kind": d.pick(
        "systemic_torture", "deaths_in_custody", "persecution_of_group", "fair_trial_deficits",
        "prison_conditions", "death_penalty_in_force", "death_penalty_abolished",
        "group_designated_extremist", "torture_of_associates"), "date": d.date(),
        "group": d.maybe_text(), "person_belongs_to_group": d.tri(), "summary": d.text(),
        "sources": d.cites()})


def _assurance(d: _Draw) -> dict:
    return _clean({"date": d.date(), "given_by": d.text(), "content": d.text(),
                   "specific": d.tri(), "binds_the_state": d.tri(),
                   "independent_monitoring": d.tri(), "track_record_of_compliance": d.tri(),
                   "sources": d.cites()})


def _detention(d: _Draw) -> dict:
    start, end = d.ordered(d.date(), d.any_date())
    return _clean({"start": start, "end": end, "kind": d.pick(
        "extradition_arrest", "provisional_arrest", "house_arrest", "other"),
        "on_interpol_notice": d.tri(), "place": d.maybe_text(), "sources": d.cites()})


def _extradition_decision(d: _Draw) -> dict:
    return _clean({"date": d.date(), "body": d.maybe_text(), "level": d.pick(
        "first_instance", "appeal", "supreme", "minister", "constitutional"),
        "outcome": d.pick("surrender_allowed", "surrender_refused", "quashed"),
        "final": d.tri(), "in_force": d.maybe_date(), "defence_heard": d.tri(),
        "rushed": d.tri(), "note": d.maybe_text(), "sources": d.cites()})


def _request(d: _Draw) -> dict:
    return _clean({"received": d.date(), "purpose": d.pick(None, "prosecution", "enforcement"),
                   "basis_claimed": d.maybe_text(), "sources": d.cites()})


def _extradition(d: _Draw) -> dict:
    return _clean({
        "requests": d.some(lambda: _request(d), 2),
        "detentions": d.some(lambda: _detention(d), 2),
        "passport_confiscated": d.maybe_date(), "passport_returned": d.maybe_date(),
        "decisions": d.some(lambda: _extradition_decision(d), 3),
        "deadlines": d.some(lambda: _clean({"date": d.date(), "what": d.text(),
                                            "set_by": d.maybe_text(),
                                            "sources": d.cites()}), 2),
        "sources": d.cites(),
    })


def _service(d: _Draw) -> dict:
    return _clean({"date": d.date(), "kind": d.pick(
        "threat", "kidnap_attempt", "surveillance", "address_known", "pressure_on_family",
        "obstruction"), "summary": d.text(), "sources": d.cites()})


def _conduct(d: _Draw, states: list[str]) -> dict:
    return _clean({
        "extra_procedural_expulsions": d.some(lambda: _clean({
            "date": d.maybe_date(), "who": d.text(),
            "to": d.draw(st.sampled_from([None, *states])), "summary": d.maybe_text(),
            "sources": d.cites()}), 2),
        "political_warming": d.some(lambda: _clean({"date": d.date(), "summary": d.text(),
                                                    "sources": d.cites()}), 2),
        "sources": d.cites(),
    })


def _event(d: _Draw) -> dict:
    return _clean({"date": d.date(), "title": d.text(), "detail": d.maybe_text(),
                   "personal": d.draw(st.booleans()), "sources": d.cites()})


# --- whole cases ---------------------------------------------------------------------------

# The dated lists of a case, as (path, part): what `later_items` adds after the as-of date.
DATED_LISTS: tuple[tuple[tuple[str, ...], Callable[[_Draw, list[str]], dict]], ...] = (
    (("protection",), _claim),
    (("international",), _involvement),
    (("interpol",), lambda d, s: _notice(d)),
    (("country_evidence",), lambda d, s: _evidence(d)),
    (("assurances",), lambda d, s: _assurance(d)),
    (("services_activity",), lambda d, s: _service(d)),
    (("events",), lambda d, s: _event(d)),
    (("charges",), lambda d, s: _charge(d)),
    (("legal_basis", "treaties"), lambda d, s: _treaty(d)),
    (("person", "public_activity"), lambda d, s: _public_activity(d)),
    (("extradition", "requests"), lambda d, s: _request(d)),
    (("extradition", "detentions"), lambda d, s: _detention(d)),
    (("extradition", "decisions"), lambda d, s: _extradition_decision(d)),
    (("requested_state", "political_warming"),
     lambda d, s: {"date": d.date(), "summary": d.text()}),
    (("requested_state", "extra_procedural_expulsions"),
     lambda d, s: {"date": d.date(), "who": d.text()}),
)


@st.composite
def case_data(draw: Callable) -> dict:
    """A valid case as the plain data of a case file."""
    source_ids = draw(st.lists(st.from_regex(r"[a-z][a-z0-9.-]{0,6}", fullmatch=True),
                               max_size=4, unique=True))
    d = _Draw(draw, source_ids, None)
    requesting, requested = draw(st.lists(st.sampled_from(COUNTRIES), min_size=2, max_size=2,
                                          unique=True))
    states = [requesting, requested, *draw(st.lists(st.sampled_from(COUNTRIES), max_size=1))]
    return _clean({
        "case_id": draw(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,10}", fullmatch=True)),
        "title": d.maybe_text(),
        "provenance": d.pick("client", "public_record", "fictional"),
        "person": _person(d),
        "states": _clean({"requesting": requesting, "requested": requested,
                          "transit": draw(st.lists(st.sampled_from(COUNTRIES), max_size=2))}),
        "charges": d.some(lambda: _charge(d), 2),
        "legal_basis": _clean({"treaties": d.some(lambda: _treaty(d), 2),
                               "treaty_list_complete": d.tri(),
                               "reciprocity_offered": d.tri(),
                               "own_nationals_extradition_barred": d.tri(),
                               "sources": d.cites()}),
        "protection": d.some(lambda: _claim(d, states), 3),
        "international": d.some(lambda: _involvement(d, states), 3),
        "interpol": d.some(lambda: _notice(d), 2),
        "country_evidence": d.some(lambda: _evidence(d), 3),
        "assurances": d.some(lambda: _assurance(d), 2),
        "extradition": _extradition(d),
        "services_activity": d.some(lambda: _service(d), 2),
        "requested_state": _conduct(d, states),
        "events": d.some(lambda: _event(d), 2),
        "sources": [_source(d, source_id) for source_id in source_ids],
        "notes": d.maybe_text(),
    })


def valid_case(data: dict) -> Case:
    """The case, after dropping the list items the loader would reject as contradictory
    (two clashing decisions on one day, a release before the arrest...)."""
    for _ in range(20):
        case = Case.model_validate(data)
        problems = [loc for loc, _ in reference_problems(case)]
        problems += [loc for loc, *_ in contradictions(case)]
        if not problems:
            return case
        _drop_item(data, problems[0])
    raise AssertionError("could not make the generated case consistent")  # pragma: no cover


def _drop_item(data: Any, loc: tuple) -> None:
    """Remove the innermost list item that `loc` points into (lists are always optional),
    or else the optional field itself (e.g. a passport returned before it was taken)."""
    indexes = [i for i, part in enumerate(loc) if isinstance(part, int)]
    last = max(indexes) if indexes else len(loc) - 1
    parent = data
    for part in loc[:last]:
        parent = parent[part]
    del parent[loc[last]]


cases = case_data().map(valid_case)


@st.composite
def later_items(draw: Callable, case: Case, as_of: dt.date) -> dict:
    """The case's data with items added that are all dated wholly after `as_of`."""
    data = case.model_dump(mode="json", exclude_none=True)
    d = _Draw(draw, [s.id for s in case.sources], as_of)
    states = [case.states.requesting, case.states.requested]
    for path, make in draw(st.lists(st.sampled_from(DATED_LISTS), min_size=1, max_size=4)):
        parent = data
        for key in path[:-1]:
            parent = parent.setdefault(key, {})
        parent.setdefault(path[-1], []).append(make(d, states))
    return data


def shuffled(data: Any, rng: random.Random) -> Any:
    """The same case data with every list in a random order (the file's order)."""
    if isinstance(data, dict):
        return {k: shuffled(v, rng) for k, v in data.items()}
    if isinstance(data, list):
        items = [shuffled(v, rng) for v in data]
        rng.shuffle(items)
        return items
    return data


# --- fact records --------------------------------------------------------------------------

def _int_literals() -> dict[str, set[int]]:
    """For each int fact, the literals some rule compares it with, and their neighbours."""
    from assessor.rulebook import load_rulebook

    found: dict[str, set[int]] = {}

    def walk(node: conditions.Condition) -> None:
        if isinstance(node, conditions.Compare) and isinstance(node.value, int) \
                and not isinstance(node.value, bool):
            found.setdefault(node.fact, set()).update(
                {node.value - 1, node.value, node.value + 1})
        for child in getattr(node, "children", ()):
            walk(child)

    for rule in load_rulebook().rules:
        walk(rule.condition)
    return found


_INTS = _int_literals()


def fact_values(name: str) -> st.SearchStrategy:
    """Values of one fact: bools, the enum's strings, ints near the rules' thresholds."""
    spec = CATALOGUE[name]
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "enum":
        return st.sampled_from(spec.values)
    near = sorted(v for v in _INTS.get(name, ()) if v >= 0)
    return st.one_of(st.sampled_from(near), st.integers(0, 5000)) if near else \
        st.integers(0, 5000)


@st.composite
def fact_records(draw: Callable, focus: tuple[str, ...] = ()) -> dict:
    """A flat fact record: each fact known (with a value of its type) or unknown (absent).
    Facts in `focus` are known more often (three times in four), to reach the conditions
    that read them, and unknown often enough to reach conditions on unknown facts."""
    record = {}
    for name in CATALOGUE:
        known = draw(st.integers(0, 7)) > (1 if name in focus else 3)
        if known:
            record[name] = draw(fact_values(name))
    return record


# --- steering: cases known to reach every rule ---------------------------------------------


def targeted() -> list[tuple[Case, dt.date]]:
    """(case, as of) for every calibration point of cases/expectations/ and every small case
    of tests/golden/rule_cases.yaml: together they fire every rule, take every supersession
    a case can produce, reach every level and a raw score above 100 (tests/test_golden.py
    checks it). Property tests run on them as explicit examples, so that what hypothesis
    happens to draw never decides whether a rule is exercised."""
    if not _TARGETED:
        from assessor.caseload import load_case

        from test_golden import CASES, calibration_points, rule_cases

        _TARGETED.extend((load_case(CASES / name), as_of)
                         for name, as_of in calibration_points())
        _TARGETED.extend((Case.model_validate(item["document"]), item["as_of"])
                         for item in rule_cases())
    return list(_TARGETED)


_TARGETED: list[tuple[Case, dt.date]] = []
