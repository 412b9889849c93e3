"""Shared fixtures: the bundled rulebook, one assessor per engine, the seed cases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assessor.caseload import load_case
from assessor.pipeline import Assessor
from assessor.rulebook import load_rulebook

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
