"""Every `assess` command the README shows runs, as shown, against the bundled cases.

The README is the first thing a lawyer's IT person follows; an example that fails there is a
broken tool to them. The commands are read from the README's `sh` blocks, so an example
added or changed there is tested without touching this file. `case.yaml` stands for the
reader's own case: here, a copy of the public Smailova case.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CASES, ROOT, SMAILOVA

README = (ROOT / "README.md").read_text(encoding="utf-8")
_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.S | re.M)
# the comment after a command: two spaces or more, then '#'
_COMMENT = re.compile(r"\s{2,}#.*$")


def readme_commands() -> list[str]:
    commands = []
    for block in _BLOCK.findall(README):
        for line in block.splitlines():
            command = _COMMENT.sub("", line).strip()
            if command.startswith("assess "):
                # `[RULES_DIR]` marks an optional argument in the usage line
                commands.append(re.sub(r"\s*\[[A-Z_]+\]", "", command))
    return commands


COMMANDS = readme_commands()


def test_the_readme_shows_commands_and_they_are_all_collected():
    assert len(COMMANDS) >= 15
    assert "assess case.yaml" in COMMANDS


def test_the_two_commands_install_from_the_lock():
    install = "pip install --require-hashes -r requirements.lock && pip install --no-deps -e ."
    blocks = [b.strip() for b in _BLOCK.findall(README)]
    assert any(install in b and b.endswith("assess cases/smailova-montenegro.yaml") for b in blocks)
    assert any(install in b and b.endswith("python -m pytest") for b in blocks)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.lock" in ci and "python -m pytest" in ci


@pytest.fixture(scope="module")
def workplace(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("readme")
    shutil.copytree(CASES, folder / "cases")
    shutil.copy(SMAILOVA, folder / "case.yaml")
    return folder


# Commands that wait for a person at a terminal; tests/test_interview.py drives their real
# prompts through prompt_toolkit's pipe input instead.
INTERACTIVE = ("assess new",)


@pytest.mark.parametrize("command", COMMANDS)
def test_each_readme_command_runs_as_shown(command, workplace):
    if command.startswith(INTERACTIVE) and "--answers" not in command:
        pytest.skip("interactive: driven through its real prompts in tests/test_interview.py")
    # in order: `--compare monday.json` reads what the command before it wrote;
    # HOME is the workplace, so that `~/cases` is the copy of the bundled cases
    bin_dir = str(Path(sys.executable).parent)
    result = subprocess.run(["bash", "-c", command], cwd=workplace, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=300,
                            env={**os.environ, "HOME": str(workplace),
                                 "PATH": bin_dir + os.pathsep + os.environ["PATH"]})
    assert result.returncode == 0, f"{command}\n{result.stdout[-1500:]}\n{result.stderr[-1500:]}"
    assert "Traceback" not in result.stderr
