"""`assess rules check` and the properties catch real defects seeded into a copy of rules/.

Each test breaks one thing a rule author could break, and shows the located message (the
line named holds the broken text), or the property that fails.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from click.testing import CliRunner

from assessor.cli import main
from assessor.rulebook import load_rulebook
from assessor.rulecheck import check

from conftest import edit
from test_properties import assess_record, bar_violations, direction_violations, unreachable


def defects_at(rules: Path, pattern: str) -> list[tuple[str, str]]:
    """(message, text of the line it names) for each defect matching `pattern`."""
    found = []
    for d in check(rules).defects:
        if re.search(pattern, d.message):
            found.append((d.message, Path(d.file).read_text().splitlines()[d.line - 1]))
    return found


def test_the_bundled_rules_have_no_defects():
    report = check()
    assert report.defects == [], "\n".join(map(str, report.defects))
    result = CliRunner().invoke(main, ["rules", "check"])
    assert result.exit_code == 0 and "no defects" in result.output


def flip_interpol(rule, _):
    rule["effect"], rule["weight"] = "lowers", -abs(rule["weight"])


def test_a_weight_flipped_against_its_facts_direction_is_caught(rules):
    edit(rules, "IP-01", flip_interpol)
    [(message, line)] = defects_at(rules, r"^IP-01 lowers")
    assert "interpol_notice_active" in line and "aggravating" in message
    # and the direction property fails on the flipped rulebook, whatever the checker says
    book = load_rulebook(rules)
    assert any("interpol_notice_active" in v for v in direction_violations(book, {}))


def test_a_missing_citation_is_caught(rules):
    edit(rules, "AS-03", lambda rule, _: rule.pop("legal_basis"))
    [(message, line)] = defects_at(rules, r"legal_basis")
    assert "AS-03" in line or "id:" in line or "legal" in message


def test_a_blank_article_is_caught(rules):
    edit(rules, "AS-03", lambda rule, _: rule["legal_basis"][0].update(article=" "))
    [(message, line)] = defects_at(rules, r"AS-03: citation 1 names no article")
    assert "instrument" in line or "article" in line


def test_an_unknown_fact_is_caught_with_a_suggestion(rules):
    edit(rules, "IP-01", lambda rule, _: rule.update(when={"interpol_notice_activ": True}))
    [(message, line)] = defects_at(rules, r"interpol_notice_activ")
    assert "interpol_notice_activ" in line and "interpol_notice_active" in message


def test_a_duplicate_id_is_caught(rules):
    edit(rules, "IP-01", lambda rule, all_rules: all_rules.append(copy.deepcopy(rule)))
    found = defects_at(rules, r"rule id IP-01 is used twice")
    assert [line.strip() for _, line in found] == ["- id: IP-01"]


def test_superseding_a_missing_rule_is_caught(rules):
    edit(rules, "IP-01", lambda rule, _: rule.update(supersedes=["ZZ-99"]))
    [(message, line)] = defects_at(rules, r"ZZ-99")
    assert "supersedes" in line


def test_a_supersession_cycle_is_caught(rules):
    edit(rules, "IR-01", lambda rule, _: rule.update(supersedes=["IR-02"]))
    found = defects_at(rules, r"cycle")
    assert found and all("IR-0" in m for m, _ in found)


def test_a_broken_template_is_caught(rules):
    edit(rules, "IP-01", lambda rule, _: rule.update(explanation="{{ person }"))
    [(message, line)] = defects_at(rules, r"IP-01: explanation does not compile")
    assert "{{ person }" in line or "explanation" in line


def test_a_template_naming_an_unknown_fact_is_caught(rules):
    edit(rules, "IP-01", lambda rule, _: rule.update(explanation="{{ detail.no_such_fact }}"))
    assert defects_at(rules, r"IP-01: explanation names detail.no_such_fact")


def test_a_template_that_fails_when_rendered_is_caught(rules):
    edit(rules, "IP-01", lambda rule, _: rule.update(explanation="{{ person.upper(1, 2) }}"))
    assert defects_at(rules, r"IP-01: explanation fails to render")


def test_the_same_condition_with_opposite_effects_is_caught(rules):
    def opposite(rule, all_rules):
        twin = copy.deepcopy(rule)
        twin.update(id="IP-99", effect="lowers", weight=-1)
        all_rules.append(twin)

    edit(rules, "IP-01", opposite)
    [(message, line)] = defects_at(rules, r"same condition and opposite effects")
    assert "IP-99" in message and "IP-01" in message


def test_every_defect_is_reported_at_once_and_the_command_exits_2(rules):
    edit(rules, "IP-01", lambda rule, _: rule.update(supersedes=["ZZ-99"]))
    edit(rules, "AS-03", lambda rule, _: rule.pop("legal_basis"))
    edit(rules, "IR-01", lambda rule, _: rule.update(when={"no_such_fact": True}))
    result = CliRunner().invoke(main, ["rules", "check", str(rules)])
    assert result.exit_code == 2
    lines = [l for l in result.output.splitlines() if re.match(r"^\S+\.yaml:\d+: ", l)]
    assert len(lines) == 3, result.output


def test_a_bar_displaced_by_a_risk_factor_fails_the_bars_property(rules):
    edit(rules, "IP-01", lambda rule, _: rule.update(supersedes=["AS-03"]))
    book = load_rulebook(rules)
    record = {"interpol_notice_active": True, "protection_granted": True}
    assert bar_violations(assess_record(book, record))


def test_a_rule_that_can_never_fire_fails_reachability(rules):
    edit(rules, "IP-01", lambda rule, _: rule.update(when={"all": [
        {"interpol_notice_active": True}, {"interpol_notice_active": False}]}))
    assert unreachable(load_rulebook(rules), max_examples=200, only={"IP-01"}) == [
        "IP-01 never fires"]
