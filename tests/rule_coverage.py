"""Rule coverage: which rules and actions the tests fired from cases (a pytest plugin).

Every assessment of a case (`Assessor.assess`, which derives the facts from a case file and
runs the rules) is recorded while the tests run; at the end pytest prints how many rules and
actions case-level tests reached and names the rest. Fact-record tests (which skip the case)
do not count: a rule only a hand-made fact record fires is a rule no lawyer's file reaches.

    python -m pytest --rule-coverage     # CI: also fail when a rule is never fired

Loaded by tests/conftest.py.
"""

from __future__ import annotations

from collections import Counter

import pytest

FIRED: Counter = Counter()
ACTIONS: set[tuple[str, str]] = set()  # (rule id, the action's instruction)
_STATE = {"assessments": 0}


def pytest_addoption(parser) -> None:
    parser.addoption("--rule-coverage", action="store_true", default=False,
                     help="fail when a rule is never fired by a case-level test")


def pytest_configure(config) -> None:
    from assessor.pipeline import Assessor

    if getattr(Assessor.assess, "_records_coverage", False):
        return
    original = Assessor.assess

    def assess(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        _STATE["assessments"] += 1
        FIRED.update(f.rule_id for f in result.findings + result.superseded)
        if result.removal is not None:  # the second answer's own rules
            FIRED.update(f.rule_id for f in result.removal.findings + result.removal.superseded)
        ACTIONS.update((rule_id, a.do) for a in result.actions for rule_id in a.because)
        return result

    assess._records_coverage = True  # type: ignore[attr-defined]
    Assessor.assess = assess  # type: ignore[method-assign]


def _never() -> tuple[list[str], list[tuple[str, str]], int, int]:
    from assessor.rulebook import load_rulebook

    book = load_rulebook()
    rules = [r.id for r in book.rules if r.id not in FIRED]
    actions = [(r.id, a.do) for r in book.rules for a in r.rule.actions]
    return rules, [a for a in actions if a not in ACTIONS], len(book.rules), len(actions)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if not _STATE["assessments"]:
        return
    rules, actions, n_rules, n_actions = _never()
    write = terminalreporter.write_line
    write(f"[rule coverage] {_STATE['assessments']} case assessments fired "
          f"{n_rules - len(rules)} of {n_rules} rules and recommended "
          f"{n_actions - len(actions)} of {n_actions} actions")
    if rules:
        write(f"[rule coverage] rules never fired from a case: {', '.join(rules)}")
    for rule_id, do in actions[:10]:
        write(f"[rule coverage] never recommended: {rule_id}: {do[:70]}")
    if len(actions) > 10:
        write(f"[rule coverage] ... and {len(actions) - 10} more actions")


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus) -> None:
    if session.config.getoption("--rule-coverage") and _STATE["assessments"]:
        rules = _never()[0]
        if rules and session.exitstatus == 0:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
