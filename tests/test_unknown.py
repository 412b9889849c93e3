"""Unknown stays unknown: a fact the case file does not establish is never printed as "no".

Nothing on file about deaths in custody is not a finding that there are none; the report says
"not known" and names the question the lawyer must answer.
"""

from __future__ import annotations

import datetime as dt
import json

import yaml

from assessor.caseload import case_from_text
from assessor.facts import derive, label
from assessor.render import render

AS_OF = dt.date(2024, 6, 1)


def bare_case(**extra):
    """A political profile and a red notice, and nothing on the country or the services."""
    document = {
        "case_id": "bare",
        "person": {"name": "A. Person", "nationalities": ["KZ"],
                   "profile": ["human_rights_defender"]},
        "states": {"requesting": "KZ", "requested": "ME"},
        "interpol": [{"kind": "red_notice", "issued": "2024-01-10"}],
    }
    document.update(extra)
    return case_from_text(yaml.safe_dump(document), "bare.yaml")


def test_no_country_evidence_on_file_is_unknown_not_false():
    facts = derive(bare_case(), AS_OF)
    for name in ("systemic_torture", "deaths_in_custody", "group_persecuted",
                 "fair_trial_deficits", "prison_conditions_inhuman"):
        assert name not in facts.values, f"{name} read as {facts.values.get(name)!r}"
        assert name in facts.unknown


def test_nothing_recorded_about_the_services_is_unknown_not_false():
    facts = derive(bare_case(), AS_OF)
    for name in ("services_threats", "kidnap_attempt", "services_surveillance",
                 "expulsion_record", "political_warming"):
        assert name not in facts.values, f"{name} read as {facts.values.get(name)!r}"


def test_recorded_evidence_is_still_established():
    case = bare_case(country_evidence=[{"kind": "deaths_in_custody", "date": "2023-05",
                                        "summary": "Deaths reported in pre-trial detention."}])
    assert derive(case, AS_OF).values["deaths_in_custody"] is True


def test_every_report_prints_an_unknown_fact_as_not_known_with_its_question(reference):
    assessment = reference.assess(bare_case(), AS_OF)
    unknown = [(f.rule_id, u) for f in assessment.findings for u in f.facts if u.value is None]
    assert unknown, "the bare case should leave some facts of a finding unknown"
    md = render(assessment, "md")
    html = render(assessment, "html")
    data = json.loads(render(assessment, "json"))
    for rule_id, used in unknown:
        assert used.question.startswith("to establish: ")
        name = label(used.name)
        assert f"- {name}: not known ({used.question}" in md, rule_id
        assert f"- {name}: no\n" not in md and f"- {name}: no:" not in md
        assert "not known" in html and used.question in html.replace("&#39;", "'")
    for finding in data["findings"]:
        for used in finding["facts"]:
            if used["value"] is None:
                assert used["question"], used["name"]


def test_an_explanation_never_prints_unknown_as_a_value():
    from assessor.assessment import _TEMPLATES

    assert _TEMPLATES.from_string("{{ fact.x | yesno }}").render(fact={}) == "not known"
    assert _TEMPLATES.from_string("{{ detail.x }}").render(detail={}) == "not known"
