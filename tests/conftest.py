"""Shared fixtures: the bundled rulebook, one assessor per engine, the seed cases."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from assessor.caseload import load_case
from assessor.pipeline import Assessor
from assessor.rulebook import load_rulebook
# rule coverage: which rules the case-level tests fire (tests/rule_coverage.py)
from rule_coverage import (  # noqa: F401
    pytest_addoption, pytest_configure, pytest_sessionfinish, pytest_terminal_summary)

# Hypothesis profiles (README, "Property tests"): `ci` keeps the whole suite well under five
# minutes on two shared cores; `thorough` is for rule authors before a change to rules/.
# ci: derandomized, so that a run is reproducible and CI never fails on a lucky draw; the
# thorough profile (random, a thousand examples) is where rule authors look for new ones
settings.register_profile("ci", max_examples=25, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=1000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "cases"
SMAILOVA = CASES / "smailova-montenegro.yaml"
AKHMETOVA = CASES / "akhmetova-ukraine.yaml"


def file_as_of(path: Path) -> str:
    """A case file's own `as_of` line, as written (tests that name a default report)."""
    return next(line.split(":", 1)[1].strip() for line in path.read_text(encoding="utf-8")
                .splitlines() if line.startswith("as_of:"))


@pytest.fixture(scope="session")
def rulebook():
    return load_rulebook()


@pytest.fixture(scope="session")
def assessor(rulebook):
    with Assessor(rulebook, engine="durable") as a:
        yield a


@pytest.fixture(scope="session")
def reference(rulebook):
    return Assessor(rulebook, engine="reference")


@pytest.fixture(scope="session")
def smailova():
    return load_case(SMAILOVA)


@pytest.fixture(scope="session")
def akhmetova():
    return load_case(AKHMETOVA)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def install_copy(tmp_path: Path) -> dict[str, str]:
    """Install a copy of the sources into tmp_path/target (pip --target, no dependencies)
    and return an environment whose PYTHONPATH finds it first. Built from a copy, so that
    pip's build/ and egg-info never land in the checkout."""
    import shutil
    import subprocess
    import sys

    source = tmp_path / "source"
    for part in ("assessor", "rules", "reports", "cases"):
        shutil.copytree(ROOT / part, source / part,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for part in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / part, source / part)
    target = tmp_path / "target"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--target", str(target), str(source)],
                   check=True, capture_output=True)
    return {**os.environ, "PYTHONPATH": str(target)}


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    """A copy of rules/ that a test may change (the rule checker's and the solver's tests)."""
    import shutil

    target = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", target)
    return target


def edit(rules: Path, rule_id: str, change) -> Path:
    """Apply `change(rule, file_rules)` to the rule with this id; return its file."""
    import yaml

    for path in sorted(rules.glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        for rule in data["rules"]:
            if rule["id"] == rule_id:
                change(rule, data["rules"])
                path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
                return path
    raise LookupError(rule_id)
