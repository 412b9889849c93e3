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
