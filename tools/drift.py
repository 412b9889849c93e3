"""Drift check: install the NEWEST releases pyproject.toml allows, name what moved, run the tests.

The README's commands and CI install from requirements.lock, so a new release of a
dependency cannot break them. It can still break the next lock refresh, or a lawyer who
installs the package into an environment of their own with `pip install .`. This check
shows that early, as a named failure: which packages are newer than the lock, and whether
the suite still passes with them.

    python tools/drift.py            # report; exit 0 whatever the tests say
    python tools/drift.py --strict   # exit 1 when the tests fail with the newest releases

It needs the network access a `pip install` needs: about as long as one install when nothing
moved (the locked run of the suite then covers the same releases), and one run of the suite
more when something did.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

from packaging.markers import Marker
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
_PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def locked_versions(lock: Path = LOCK) -> dict[str, str]:
    """{normalised name: version} of the lock's pins that apply to this interpreter."""
    pins: dict[str, str] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line.strip())
        if not match:
            continue
        name, version, marker = match.groups()
        if marker and not Marker(marker).evaluate():
            continue
        pins[canonicalize_name(name)] = version
    return pins


def moved(locked: dict[str, str], installed: dict[str, str]) -> list[str]:
    """Lines naming each package whose installed version differs from the lock, or is new."""
    lines = []
    for name in sorted(set(locked) | set(installed)):
        before, after = locked.get(name), installed.get(name)
        if before == after:
            continue
        if before is None:
            lines.append(f"{name} {after} (not in the lock)")
        elif after is None:
            lines.append(f"{name} {before} -> not installed")
        else:
            lines.append(f"{name} {before} -> {after}")
    return lines


def _installed(python: Path) -> dict[str, str]:
    out = subprocess.run([str(python), "-m", "pip", "list", "--format=freeze",
                          "--exclude-editable"], capture_output=True, text=True, check=True)
    versions = {}
    for line in out.stdout.splitlines():
        name, _, version = line.partition("==")
        if version and canonicalize_name(name) not in {"pip", "setuptools", "wheel"}:
            versions[canonicalize_name(name)] = version
    return versions


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when the suite fails with the newest releases")
    parser.add_argument("pytest_args", nargs="*", help="passed to pytest (default: the suite)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="assess-drift-") as tmp:
        env_dir = Path(tmp) / "venv"
        venv.create(env_dir, with_pip=True)
        python = env_dir / "bin" / "python"
        install = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--upgrade",
                                  "-e", f"{ROOT}[test]"], capture_output=True, text=True)
        if install.returncode != 0:
            print("drift: the newest allowed releases do not install:")
            print(install.stderr[-2000:])
            return 1 if args.strict else 0
        changes = moved(locked_versions(), _installed(python))
        if changes:
            print(f"drift: {len(changes)} package(s) resolve differently from requirements.lock:")
            for line in changes:
                print(f"  {line}")
        else:
            print("drift: the newest allowed releases are the locked ones; "
                  "the locked run of the suite covers them")
            return 0
        log = Path(tmp) / "pytest.log"
        with log.open("w") as out:
            tests = subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                    *(args.pytest_args or [])],
                                   cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                   env={**os.environ, "VIRTUAL_ENV": str(env_dir), "ASSESS_DRIFT_CHECK": "1",
                                        "PATH": f"{env_dir / 'bin'}{os.pathsep}{os.environ['PATH']}"})
        lines = log.read_text(errors="replace").splitlines()
        failed = [line for line in lines if line.startswith(("FAILED", "ERROR"))]
        verdict = "pass" if tests.returncode == 0 else f"FAIL ({len(failed)} failing)"
        print(f"drift: the suite with the newest releases: {verdict}")
        for line in failed[:20]:
            print(f"  {line}")
        if tests.returncode != 0 and changes:
            print("drift: suspects are the packages named above; "
                  "pin or adapt, then run tools/lock.sh")
        return 1 if (args.strict and tests.returncode != 0) else 0


if __name__ == "__main__":
    sys.exit(main())
