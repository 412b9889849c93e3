"""The second answer (assessor.removal): removal outside the procedure, on its own scale."""

from __future__ import annotations

import datetime as dt

import pytest

from assessor.assessment import score_of
from assessor.caseload import case_from_document, load_case
from assessor.yamlfile import parse

from conftest import CASES

ON = dt.date(2025, 3, 1)


def case(extra: str = "") -> object:
    text = (
        "case_id: removal-test\nprovenance: fictional\n"
        "person: {name: A. Person, nationalities: [TJ]}\n"
        "states: {requesting: TJ, requested: RU}\n"
        "extradition:\n  requests: [{received: 2024-01-10}]\n" + extra
    )
    return case_from_document(parse(text, "removal-test.yaml"))


def activity(kind: str, summary: str) -> str:
    return f"services_activity:\n  - {{date: 2024-06-01, kind: {kind}, summary: '{summary}'}}\n"


def test_removal_rules_count_only_towards_the_second_answer(assessor):
    result = assessor.assess(case(activity("kidnap_attempt", "A van waited by the house.")), ON)
    assert "IR-02" in {f.rule_id for f in result.removal.findings}
    assert not {f.category for f in result.findings} & {"irregular_removal"}
    assert all(c.rule_id is None or not c.rule_id.startswith("IR-")
               for c in result.contributions)
    assert result.removal.score == 40 and result.removal.level == "moderate"


def test_legal_bars_do_not_lower_the_risk_of_removal(assessor):
    record = ("requested_state:\n  extra_procedural_expulsions:\n"
              "    - {who: X, date: 2022-04, to: TJ, breached_interim_measure: true}\n")
    protected = record + (
        "protection:\n  - kind: asylum\n    filed: 2023-01\n"
        "    decisions: [{date: 2023-06-01, outcome: granted, final: true}]\n"
        "international:\n  - {body: ecthr, kind: interim_measures_indicated, date: 2024-11-05}\n")
    bare = assessor.assess(case(record), ON)
    shielded = assessor.assess(case(protected), ON)
    assert shielded.level == "low" and bare.score > shielded.score
    # the Rule 39 measure, of a kind this state has defied, adds a reason; nothing is taken off
    assert shielded.removal.score >= bare.removal.score
    assert shielded.removal.level == "high"
    assert "IR-10" in {f.rule_id for f in shielded.removal.findings}


def test_scores_split_by_category(rulebook):
    fired = ["IR-02", "IR-03", "AS-03"]
    assert score_of(rulebook, fired, "irregular_removal")[1] == 55
    assert score_of(rulebook, fired)[1] == rulebook.by_id["AS-03"].rule.weight


def test_pressure_on_relatives_is_not_called_a_threat(assessor):
    result = assessor.assess(case(activity(
        "pressure_on_family", "Police questioned her mother about her whereabouts.")), ON)
    ids = {f.rule_id for f in result.removal.findings}
    assert ids == {"IR-06"}
    text = " ".join(f.explanation for f in result.removal.findings)
    assert "threat" not in text.lower() and "active against" not in text.lower()
    assert "Police questioned her mother" in text


def test_a_safety_plan_and_a_police_report_only_where_threats_or_attempts_are_recorded(assessor):
    def advice(extra: str) -> str:
        return " ".join(a.do.lower() for a in assessor.assess(case(extra), ON).actions)

    for quiet in (activity("surveillance", "Followed to work."),
                  activity("address_known", "They know the address."),
                  activity("pressure_on_family", "Relatives questioned.")):
        text = advice(quiet)
        assert "safety plan" not in text and "police of the requested state" not in text
    for loud in (activity("threat", "Told to come home or else."),
                 activity("kidnap_attempt", "A van waited by the house.")):
        text = advice(loud)
        assert "safety plan" in text and "police of the requested state" in text


def test_notice_before_removal_protects_and_stops_asking_for_it(assessor):
    base = ("requested_state:\n  extra_procedural_expulsions:\n"
            "    - {who: X, date: 2022-04, to: TJ, breached_interim_measure: true}\n")
    ordered = base + ("  notice_before_removal:\n"
                      "    - {date: 2024-12-01, summary: The court ordered counsel notified.}\n")
    without = assessor.assess(case(base), ON)
    with_order = assessor.assess(case(ordered), ON)
    assert with_order.removal.score == without.removal.score - 15
    asks = [a for a in without.actions if "notified before any removal" in a.do]
    assert asks and not [a for a in with_order.actions if "notified before any removal" in a.do]


def test_without_status_only_when_the_case_says_so(assessor):
    unknown = assessor.assess(case(), ON)
    assert "IR-14" not in {f.rule_id for f in unknown.removal.findings}
    stated = case("right_to_stay: false\n")
    assert "IR-14" in {f.rule_id for f in assessor.assess(stated, ON).removal.findings}


def test_after_the_removal_the_second_answer_is_not_assessed(assessor):
    done = assessor.assess(case(activity("kidnap_attempt", "A van.")
                                + "outcomes: [{kind: abduction, date: 2024-12-01}]\n"), ON)
    assert done.stage == "removed" and not done.removal.assessed
    assert done.removal.findings == [] and "no longer assessed" in done.removal.conclusion
    assert "Tajikistan" in done.removal.conclusion


def test_the_graver_answer_orders_the_caseload(assessor):
    result = assessor.assess(load_case(CASES / "protected-abductions-record.yaml"), ON)
    assert result.level == "low" and result.graver_level == result.removal.level == "high"


def test_akhmetova_in_may_2020_is_critical_beside_the_legal_position(assessor, akhmetova):
    # the case file's only narrative source is public from late May 2020 (dated by bounds)
    result = assessor.assess(akhmetova, dt.date.fromisoformat("2020-05-31"))
    assert result.removal.level == "critical"
    assert {"IR-02", "IR-03"} <= {f.rule_id for f in result.removal.findings}


def test_both_answers_in_every_output_format_with_their_contributions(assessor, tmp_path):
    import json

    from click.testing import CliRunner

    from assessor.cli import main, summary
    from assessor.render import render

    path = CASES / "protected-abductions-record.yaml"
    _, result = assessor.assess_file(path, ON)
    md, html = render(result, "md"), render(result, "html")
    data = json.loads(render(result, "json"))
    for text in (md, html):
        assert "Risk of surrender" in text and "Risk of removal outside the procedure" in text
        assert "Score of removal outside the procedure" in text and "IR-10" in text
    assert data["removal"]["level"] == "high" and data["level"] == "low"
    assert {c["rule_id"] for c in data["removal"]["contributions"]} >= {"IR-08", "IR-09"}
    terminal = summary(result)
    assert "risk of surrender LOW" in terminal
    assert "risk of removal outside the procedure HIGH" in terminal and "IR-10" in terminal
    for fmt in ("json", "csv", "html"):
        out = tmp_path / f"summary.{fmt}"
        run = CliRunner().invoke(main, [str(path), "--as-of", ON.isoformat(), "--summary",
                                        "--format", fmt, "-o", str(out)])
        assert run.exit_code == 0, run.output
        text = out.read_text()
        assert "high" in text.lower() and "IR-0" in text
    table = CliRunner().invoke(main, [str(path), "--as-of", ON.isoformat(), "--summary"])
    assert "HIGH 60" in table.stdout
