"""The solver behind `assess rules check` finds each defect seeded into a copy of rules/.

Each test breaks one thing in a temporary copy of the bundled rules and shows the located
defect, with its counterexample fact record where one exists; the counterexample is replayed
with the reference evaluator, so it is a record on which the defect really shows.
"""

from __future__ import annotations

import copy
import re
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from assessor import conditions, solver
from assessor.cli import main
from assessor.facts import CATALOGUE, fact_types
from assessor.rulebook import load_rulebook
from assessor.rulecheck import check

from conftest import edit


def twin(rule_id: str, **changes):
    """A change that adds a copy of the rule with these fields changed."""
    def add(rule, all_rules):
        other = copy.deepcopy(rule)
        other.pop("supersedes", None)
        other.update(changes)
        all_rules.append(other)
    return add


def found(rules: Path, pattern: str):
    """The defects whose message matches, each with the text of the line it names."""
    out = []
    for d in check(rules).defects:
        if re.search(pattern, d.message):
            out.append((d, Path(d.file).read_text().splitlines()[d.line - 1]))
    return out


def replays(defect) -> bool:
    """The counterexample shows the defect under the reference evaluator."""
    book = load_rulebook(Path(defect.file).parent)
    return solver.confirmed(defect.violation, solver.views(book.rules))


def test_the_bundled_rules_are_proven_sound_within_ten_seconds():
    # processor time of this process (z3 runs in it): the machine's other load does not count
    start = time.process_time()
    report = solver.prove(solver.views(load_rulebook().rules))
    elapsed = time.process_time() - start
    from assessor.rulecheck import WARNINGS

    defects = [v for v in report.violations if v.check not in WARNINGS]
    assert defects == [], "\n".join(v.message for v in defects)
    assert elapsed < 10, f"the proofs took {elapsed:.1f} s"
    # an additive model: opposing factors overlap by design, and are listed for the reader
    assert report.overlaps and report.queries


# --- conditions that can never hold ------------------------------------------------------


@pytest.mark.parametrize("when, conflict", [
    ({"days_since_arrest": {"gte": 41, "lte": 40}}, r"days_since_arrest ≥ 41 and "
                                                    r"days_since_arrest ≤ 40 cannot hold"),
    ({"all": [{"treaty_basis": "none"}, {"treaty_basis": "bilateral"}]},
     r"treaty_basis is none and treaty_basis is bilateral cannot hold"),
    ({"treaty_basis": {"known": True, "unknown": True}},
     r"treaty_basis is known and treaty_basis is unknown cannot hold"),
    ({"smallest_amount_eur": {"lt": 0}}, r"smallest_amount_eur < 0 never holds"),
])
def test_a_condition_that_can_never_hold_is_caught(rules, when, conflict):
    edit(rules, "PR-11", lambda rule, _: rule.update(when=when))
    [(defect, line)] = found(rules, r"^PR-11 can never fire")
    assert re.search(conflict, defect.message), defect.message
    assert "when" in line
    assert defect.violation.record is None  # no record can show it


def test_an_action_that_is_never_recommended_is_caught(rules):
    edit(rules, "PR-03", lambda rule, _: rule["actions"][0].update(
        when={"arrested_for_extradition": False}))
    [(defect, line)] = found(rules, r"PR-03: action 1 is never recommended")
    assert "arrested_for_extradition" in defect.message and "when" in line


def test_an_unknown_fact_in_an_action_condition_is_located(rules):
    # the loader would refuse every rule (every assessment fails): the check names the line
    edit(rules, "PR-03", lambda rule, _: rule["actions"][0].update(when={"in_detnetion": True}))
    [(defect, line)] = found(rules, r"in_detnetion")
    assert "PR-03: actions.0.when" in defect.message and "in_detention" in defect.message
    assert "in_detnetion" in line


def test_a_citation_that_is_never_cited_is_caught(rules):
    edit(rules, "PR-03", lambda rule, _: rule["legal_basis"][0].update(
        when={"arrested_for_extradition": False}))
    [(defect, line)] = found(rules, r"PR-03: citation 1 is never cited")
    assert "arrested_for_extradition" in defect.message


def test_an_unknown_fact_in_a_citation_condition_is_located(rules):
    edit(rules, "PR-03", lambda rule, _: rule["legal_basis"][0].update(
        when={"requested_eu_membr": True}))
    [(defect, line)] = found(rules, r"requested_eu_membr")
    assert "PR-03: legal_basis.0.when" in defect.message and "requested_eu_membr" in line


def test_a_rule_that_can_fire_with_no_citation_is_warned_with_a_record(rules):
    def gate_all(rule, _):
        for citation in rule["legal_basis"]:
            citation["when"] = {"requested_eu_member": True}
    edit(rules, "IP-01", gate_all)
    report = check(rules)
    [warning] = [w for w in report.warnings if "IP-01 can fire with none" in w.message]
    record = warning.violation.record
    assert record["interpol_notice_active"] is True
    assert record.get("requested_eu_member") is not True
    assert not [d for d in report.defects if "IP-01" in d.message]


# --- rules that contradict each other ------------------------------------------------------


def test_the_same_condition_with_opposite_effects_is_caught_among_three(rules):
    # a note first, then a raise and a lower on the same condition: every pair is compared
    edit(rules, "IP-02", twin("IP-02", id="IP-97", effect="raises", weight=5))
    edit(rules, "IP-02", twin("IP-02", id="IP-96", effect="lowers", weight=-5))
    [(defect, line)] = found(rules, r"same condition and opposite effects")
    assert set(defect.violation.rules) == {"IP-96", "IP-97"}
    assert defect.violation.record["interpol_challenge_pending"] is True
    assert replays(defect)


def test_ne_false_is_read_as_true(rules):
    edit(rules, "IP-01", twin("IP-01", id="IP-99", effect="lowers", weight=-1,
                              when={"interpol_notice_active": {"ne": False}}))
    defects = found(rules, r"IP-01 \(\+15\) and IP-99 \(-1\) have the same condition")
    assert len(defects) == 1 and replays(defects[0][0])


def test_overlapping_conditions_on_the_same_facts_with_opposite_effects_are_caught(rules):
    edit(rules, "PR-11", twin("PR-11", id="PR-99", effect="lowers", weight=-3,
                              when={"arrested_for_extradition": True,
                                    "extradition_request_received": False,
                                    # PR-11 reads in_detention too (held past the 40 days)
                                    "in_detention": False,
                                    "days_since_arrest": {"gte": 30}}))
    [(defect, _)] = found(rules, r"PR-11 \(\+5\) and PR-99 \(-3\) have overlapping")
    assert 30 <= defect.violation.record["days_since_arrest"] <= 40
    assert replays(defect)


def test_a_rule_wholly_covered_by_one_with_the_opposite_effect_is_caught(rules):
    edit(rules, "IP-01", twin("IP-01", id="IP-98", effect="lowers", weight=-3,
                              when={"interpol_notice_active": True,
                                    "interpol_challenge_pending": True}))
    [(defect, line)] = found(rules, r"IP-98 \(-3\) fires only where IP-01 \(\+15\) fires")
    assert replays(defect) and "when" in line


# --- supersession ------------------------------------------------------------------------


def test_a_supersession_that_never_takes_effect_is_caught(rules):
    edit(rules, "DP-02", lambda rule, _: rule.update(supersedes=["DP-01"]))
    [(defect, line)] = found(rules, r"DP-02 supersedes DP-01, but they never fire together")
    assert "supersedes" in line and "death_penalty_assurance" in defect.message


def test_a_bar_displaced_by_a_risk_factor_is_caught_with_a_record(rules):
    edit(rules, "IP-01", lambda rule, _: rule.update(supersedes=["AS-03"]))
    [(defect, _)] = found(rules, r"IP-01 \(not a bar \(raises\)\) supersedes the mandatory bar")
    assert replays(defect)


def test_a_bar_displaced_by_a_weaker_bar_is_caught(rules):
    edit(rules, "OB-06", lambda rule, _: rule.update(supersedes=["OB-04"]))
    assert found(rules, r"OB-06 \(a discretionary bar\) supersedes the mandatory bar OB-04")


# --- direction, proven ------------------------------------------------------------------------


def test_a_mixed_rule_that_makes_an_aggravating_fact_lower_the_score_is_caught(rules):
    # PR-05 (passport held, not detained) heavier than detention itself: being detained
    # would then lower the risk. Every test in PR-05 is not against its weight, so only
    # the proof over combinations finds it.
    edit(rules, "PR-05", lambda rule, _: rule.update(weight=30))
    [(defect, line)] = found(rules, r"^in_detention false -> true lowers the risk")
    assert "PR-05" in defect.message and "in_detention" in line
    name, calm, worse = defect.violation.change
    assert (name, calm, worse) == ("in_detention", False, True)
    assert replays(defect)


def test_a_protective_fact_that_raises_the_score_is_caught(rules):
    edit(rules, "UN-04", lambda rule, _: rule.update(effect="raises", weight=10))
    [(defect, _)] = found(rules, r"^non_refoulement_commitment false -> true raises")
    assert replays(defect)


def test_an_ordered_enum_that_lowers_the_score_as_it_worsens_is_caught(rules):
    edit(rules, "DA-02", lambda rule, _: rule.update(weight=12))  # generic above specific
    [(defect, _)] = found(rules, r"^assurances generic -> specific(_verifiable)? lowers")
    assert replays(defect)


def test_an_int_threshold_against_its_direction_is_caught():
    # people_interrogated is protective: a rule raising the risk when many were questioned
    rule = solver.RuleView("XX-01", conditions.parse({"people_interrogated": {"gte": 500}},
                                                     fact_types()), 5, "raises")
    [v] = solver.prove([rule]).violations
    assert v.check == "direction" and v.change[0] == "people_interrogated"
    assert v.change[1] >= 500 > v.change[2] and solver.confirmed(v, [rule])


# --- the rule file's own data ---------------------------------------------------------------


@pytest.mark.parametrize("field, value", [("instrument", "TODO"), ("article", "-"),
                                          ("article", "?"), ("instrument", "TBD: find it")])
def test_a_placeholder_citation_is_refused(rules, field, value):
    edit(rules, "AS-03", lambda rule, _: rule["legal_basis"][0].update({field: value}))
    [(defect, line)] = found(rules, rf"AS-03: citation 1: {field} .* is a placeholder")
    assert field in line


@pytest.mark.parametrize("weight", ["5", 5.0, True])
def test_a_weight_that_is_not_a_whole_number_is_refused(rules, weight):
    edit(rules, "IP-01", lambda rule, _: rule.update(weight=weight))
    [(defect, line)] = found(rules, r"weight: expected a whole number")
    assert "weight" in line
    with pytest.raises(Exception, match="whole number"):
        load_rulebook(rules)


# --- counterexamples written as regression cases -------------------------------------------


def test_counterexamples_are_written_and_replay(rules, tmp_path):
    edit(rules, "PR-05", lambda rule, _: rule.update(weight=30))
    edit(rules, "IP-01", twin("IP-01", id="IP-99", effect="lowers", weight=-1,
                              when={"interpol_notice_active": {"ne": False}}))
    out = tmp_path / "counterexamples"
    result = CliRunner().invoke(main, ["rules", "check", str(rules),
                                       "--save-counterexamples", str(out)])
    assert result.exit_code == 2
    assert "counterexample: {" in result.output
    files = sorted(out.glob("*.yaml"))
    assert len(files) >= 2
    book = load_rulebook(rules)
    views = solver.views(book.rules)
    for path in files:
        data = yaml.safe_load(path.read_text())
        assert set(data["facts"]) | set(data["unknown"]) == set(CATALOGUE)
        if data["check"] == "direction":
            change = data["change"]
            calm = solver.reference_score(views, data["facts"])[1]
            worse = solver.reference_score(
                views, {**data["facts"], change["fact"]: change["worse"]})[1]
            assert worse < calm, path.name
        else:
            fired = conditions.reference_evaluate(book.conditions(), data["facts"])
            assert set(data["rules"]) <= set(fired), path.name
    # never overwritten
    again = CliRunner().invoke(main, ["rules", "check", str(rules),
                                      "--save-counterexamples", str(out)])
    assert again.exit_code == 2 and "already here" in again.output
