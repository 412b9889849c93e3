"""The lock and the ranges agree: what CI tests is what a fresh machine installs."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import tomllib

import pytest

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("drift", ROOT / "tools" / "drift.py")
drift = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(drift)

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
REQUIREMENTS = [Requirement(r) for r in PYPROJECT["project"]["dependencies"]
                + PYPROJECT["project"]["optional-dependencies"]["test"]]
RELOCK = "run tools/lock.sh and commit requirements.lock"


def test_every_requirement_is_pinned_in_the_lock_within_its_range():
    pins = drift.locked_versions()
    for requirement in REQUIREMENTS:
        if requirement.marker and not requirement.marker.evaluate():
            continue
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not in requirements.lock: {RELOCK}"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"requirements.lock pins {name}=={pins[name]}, outside {requirement}: {RELOCK}")


def test_the_lock_pins_every_package_with_hashes():
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    entries = text.split("\n")
    pinned = [i for i, line in enumerate(entries) if drift._PIN.match(line.strip())]
    assert pinned, "requirements.lock pins nothing"
    for index in pinned:
        following = entries[index + 1] if index + 1 < len(entries) else ""
        assert "--hash=sha256:" in following, f"no hash for {entries[index].strip()}: {RELOCK}"


@pytest.mark.skipif(os.environ.get("ASSESS_DRIFT_CHECK") == "1",
                    reason="tools/drift.py installs the newest releases on purpose")
def test_this_environment_was_installed_from_the_lock():
    # the README's commands install from requirements.lock; a test run on anything else
    # proves nothing about what a fresh machine gets
    pins = drift.locked_versions()
    moved = [f"{name} {version} -> {importlib.metadata.version(name)}"
             for name, version in pins.items()
             if _installed(name) and importlib.metadata.version(name) != version]
    assert not moved, ("installed versions differ from requirements.lock (install with the "
                       f"README's command, or {RELOCK}): " + "; ".join(moved))


def _installed(name: str) -> bool:
    try:
        importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def test_drift_names_each_package_that_moved():
    locked = {"pyyaml": "6.0.3", "click": "8.1.7", "gone": "1.0"}
    installed = {"pyyaml": "6.0.4", "click": "8.1.7", "new": "2.0"}
    assert drift.moved(locked, installed) == [
        "gone 1.0 -> not installed", "new 2.0 (not in the lock)", "pyyaml 6.0.3 -> 6.0.4"]


def test_lock_lines_with_markers_apply_only_where_they_hold(tmp_path):
    lock = tmp_path / "requirements.lock"
    lock.write_text("numpy==2.4.6 ; python_full_version < '3.0' \\\n    --hash=sha256:aa\n"
                    "numpy==2.5.5 ; python_full_version >= '3.0' \\\n    --hash=sha256:bb\n"
                    "click==8.5.1 \\\n    --hash=sha256:cc\n")
    assert drift.locked_versions(lock) == {"numpy": "2.5.5", "click": "8.5.1"}
