"""Stale evidence: a finding that rests on country evidence older than STALE_AFTER_DAYS.

The risk of torture or persecution is judged as it stands when the court decides (CAT
General Comment No. 4, 2017, para 11; Chahal v United Kingdom, 1996), so a finding that
rests only on old reports invites the answer that things have changed. Court decisions,
requests and letters are records of what happened and do not go stale; only the country
evidence behind a finding is checked. The limit is the one rule CC-03 uses for the
newest evidence on file (two years), read from that rule's condition, so that the report
speaks with one voice and a change to the rule changes the warning too.
"""

from __future__ import annotations

from functools import lru_cache

from babel.numbers import format_decimal

from . import conditions
from .assessment import Assessment
from .model import Case
from .rulebook import Rulebook
from .facts import label as fact_label
from .i18n import _, current, ngettext, plural_form
from .wording import when

AGE_FACT = "country_evidence_age_days"
STALE_RULE = "CC-03"


def stale_test(rulebook: Rulebook | None = None) -> conditions.Compare | None:
    """The comparison rule CC-03 makes on the age of the newest country evidence (None when
    the rule set has no such rule: then nothing is called stale)."""
    if rulebook is None:
        return _bundled_test()
    rule = rulebook.by_id.get(STALE_RULE)
    if rule is None:
        return None
    for atom in _atoms(rule.condition):
        if (isinstance(atom, conditions.Compare) and atom.fact == AGE_FACT
                and atom.op in ("gt", "gte")):
            return atom
    return None


@lru_cache(maxsize=1)
def _bundled_test() -> conditions.Compare | None:
    from .rulebook import load_rulebook

    return stale_test(load_rulebook())


def _atoms(cond: conditions.Condition):
    if isinstance(cond, (conditions.All, conditions.Any)):
        for child in cond.children:
            yield from _atoms(child)
    else:
        yield cond


def __getattr__(name: str) -> int:
    # STALE_AFTER_DAYS: the largest age that is not yet stale, by the bundled CC-03
    if name == "STALE_AFTER_DAYS":
        test = stale_test()
        if test is None:
            raise AttributeError(name)
        return int(test.value) - (test.op == "gte")
    raise AttributeError(name)

# The evidence kinds (model.EvidenceKind) behind each country-conditions fact
# (facts.py, group "country").
EVIDENCE_OF: dict[str, tuple[str, ...]] = {
    "systemic_torture": ("systemic_torture",),
    "deaths_in_custody": ("deaths_in_custody",),
    "group_persecuted": ("persecution_of_group", "torture_of_associates"),
    # a ban on the group is a legal status, not a report: it does not go stale
    "fair_trial_deficits": ("fair_trial_deficits",),
    "prison_conditions_inhuman": ("prison_conditions",),
}


def stale_evidence_warnings(case: Case, assessment: Assessment,
                            rulebook: Rulebook | None = None) -> list[str]:
    """One warning per country fact whose newest evidence is older than the limit of rule
    CC-03 in `rulebook` (the bundled rules by default), naming the findings that rest on it."""
    test = stale_test(rulebook)
    if test is None:
        return []
    limit = int(test.value) - (test.op == "gte")  # the oldest age that is still fresh
    as_of = assessment.as_of
    used: dict[str, list[str]] = {}
    for finding in assessment.findings:
        for f in finding.facts:
            if f.name in EVIDENCE_OF and f.value is True:
                used.setdefault(f.name, []).append(finding.rule_id)
    warnings = []
    for name, rule_ids in used.items():
        dates = [e.date for e in case.country_evidence
                 if e.kind in EVIDENCE_OF[name] and e.date.happened_by(as_of)]
        if not dates:
            continue
        newest = max(dates, key=lambda d: d.latest)
        age = (as_of - newest.latest).days
        if conditions.evaluate(test, {AGE_FACT: age}):
            warnings.append(_(
                "the evidence of {fact} behind {rules} is old: the newest item is dated "
                "{newest}, {age} before {as_of} (limit {limit}, rule {rule}); update it "
                "before relying on it").format(
                    fact=fact_label(name).lower() if current() != "en" else name.replace("_", " "),
                    rules=", ".join(rule_ids), newest=when(newest, governed=True), age=_years(age),
                    as_of=when(as_of),
                    limit=_years(limit), rule=STALE_RULE))
    return warnings


def _years(days: int) -> str:
    years = days / 365.25
    if years < 10:  # a fraction: "2.0 years", "2,0 года" (CLDR: a fraction takes "few"/other)
        return plural_form("{n} year", "{n} years", 2).replace(
            "{n}", format_decimal(round(years, 1), "0.0", locale=current()))
    return ngettext("{n} year", "{n} years", round(years))
