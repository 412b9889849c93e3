"""The mutation audit (tools/mutate.py) cannot go stale silently: every mutation still
changes the code or rule it names, exactly once. A mutation whose text no longer occurs
would be reported as an error at audit time, months later, instead of now."""

from __future__ import annotations

import shutil
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import mutate  # noqa: E402


@pytest.mark.parametrize("mutation", mutate.MUTATIONS, ids=lambda m: m.id)
def test_every_mutation_still_applies_to_the_code(mutation, tmp_path):
    target = tmp_path / mutation.file
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / mutation.file, target)
    before = target.read_text(encoding="utf-8")
    mutation.apply(tmp_path)
    assert target.read_text(encoding="utf-8") != before
