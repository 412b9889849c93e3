"""Stale evidence: a finding that rests on country evidence older than STALE_AFTER_DAYS.

The risk of torture or persecution is judged as it stands when the court decides (CAT
General Comment No. 4, 2017, para 11; Chahal v United Kingdom, 1996), so a finding that
rests only on old reports invites the answer that things have changed. Court decisions,
requests and letters are records of what happened and do not go stale; only the country
evidence behind a finding is checked. The limit is the one rule CC-03 uses for the
newest evidence on file (two years), so that the report speaks with one voice.
"""

from __future__ import annotations


from .assessment import Assessment
from .model import Case

STALE_AFTER_DAYS = 730

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


def stale_evidence_warnings(case: Case, assessment: Assessment) -> list[str]:
    """One warning per country fact whose newest evidence is older than the limit, naming
    the findings that rest on it."""
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
        if age > STALE_AFTER_DAYS:
            warnings.append(
                f"the evidence of {name.replace('_', ' ')} behind {', '.join(rule_ids)} is "
                f"old: the newest item is dated {newest}, {_years(age)} before {as_of} "
                f"(limit {STALE_AFTER_DAYS // 365} years); update it before relying on it")
    return warnings


def _years(days: int) -> str:
    years = days / 365.25
    return f"{years:.1f} years" if years < 10 else f"{round(years)} years"
