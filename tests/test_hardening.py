"""Hardening, second round: no overwritten file, no hang, no leak, no lost case.

Each test goes through the real command (click's CliRunner, or a subprocess where the
terminal, a pipe or a signal matters) and was seen to fail before its fix.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from assessor.cli import main
from conftest import SMAILOVA


def assess(*args: str | Path):
    return CliRunner().invoke(main, [*map(str, args), "--engine", "reference"])


def copy_case(folder: Path, name: str = "client.yaml") -> Path:
    case = folder / name
    case.write_bytes(SMAILOVA.read_bytes())
    return case


def command(*args: str | Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assessor.cli", *map(str, args),
                           "--engine", "reference"], capture_output=True, timeout=120,
                          **kwargs)


# --- 1. no input is ever overwritten, no device or link replaced ------------------------


@pytest.mark.parametrize("how", ["folder", "glob"])
def test_a_summary_never_overwrites_a_case_file_its_folder_or_glob_expands_to(tmp_path, how):
    case = copy_case(tmp_path, "smailova-montenegro.yaml")
    spec = str(tmp_path) if how == "folder" else str(tmp_path / "*.yaml")
    result = assess(spec, "--summary", "--format", "csv", "-o", case)
    assert result.exit_code == 2, result.output
    assert f"{case}:1:1: refusing to overwrite the case file" in result.stderr
    assert case.read_bytes() == SMAILOVA.read_bytes()


def test_a_summary_never_overwrites_a_skipped_template(tmp_path):
    copy_case(tmp_path)
    template = tmp_path / "template.yaml"
    template.write_text("case_id: template\n")
    result = assess(tmp_path, "--summary", "--format", "csv", "-o", template)
    assert result.exit_code == 2
    assert template.read_text() == "case_id: template\n"


def test_a_summary_never_overwrites_the_previous_summary_it_compares_with(tmp_path):
    copy_case(tmp_path)
    previous = tmp_path / "before.json"
    assert assess(tmp_path, "--summary", "--format", "json", "-o", previous).exit_code == 0
    before = previous.read_bytes()
    result = assess(tmp_path, "--summary", "--compare", previous, "--format", "json",
                    "-o", previous)
    assert result.exit_code == 2
    assert "refusing to overwrite the previous summary given to --compare" in result.stderr
    assert previous.read_bytes() == before


def test_a_report_never_overwrites_the_scenario_file(tmp_path):
    case = copy_case(tmp_path)
    scenario = tmp_path / "s.yaml"
    scenario.write_text("facts:\n  rule39_indicated: true\n")
    result = assess(case, "--scenario", scenario, "--format", "md", "-o", scenario)
    assert result.exit_code == 2
    assert f"{scenario}:1:1: refusing to overwrite the scenario file" in result.stderr
    assert scenario.read_text() == "facts:\n  rule39_indicated: true\n"


def test_a_summary_lists_what_its_folder_held_and_did_not_read(tmp_path):
    copy_case(tmp_path)
    (tmp_path / "template.yaml").write_bytes(SMAILOVA.read_bytes())
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "folder.yaml").mkdir()
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    result = assess(tmp_path, "--summary")
    assert result.exit_code == 0, result.output
    skipped = [str(tmp_path / n) for n in ("dangling.yaml", "folder.yaml", "pipe.yaml",
                                           "template.yaml")]
    assert f"skipped 4 file(s) that are not cases (no case_id, a template, or not a regular " \
           f"file): {', '.join(skipped)}" in result.stdout


@pytest.fixture
def null_device(tmp_path):
    """A character device like /dev/null, made in a private folder: a test that
    replaced the machine's own /dev/null would break every other program on it."""
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError):
        pytest.skip("making a device node needs root")
    return device


def test_a_device_is_written_through_never_replaced(tmp_path, null_device):
    case = copy_case(tmp_path)
    result = assess(case, "--format", "md", "-o", null_device)
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.lstat(null_device).st_mode)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_a_summary_to_a_device_is_written_through(tmp_path, null_device):
    copy_case(tmp_path)
    result = assess(tmp_path / "client.yaml", "--summary", "--format", "csv", "-o",
                    null_device)
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.lstat(null_device).st_mode)


def test_a_link_to_standard_output_is_written_through_and_stays_a_link(tmp_path):
    # what /dev/stdout is: a link to /proc/self/fd/1 (made here, not in /dev)
    case = copy_case(tmp_path)
    stdout = tmp_path / "stdout"
    stdout.symlink_to("/proc/self/fd/1")
    result = command(case, "--format", "md", "-q", "-o", stdout)
    assert result.returncode == 0, result.stderr
    assert stdout.is_symlink() and os.readlink(stdout) == "/proc/self/fd/1"
    assert result.stdout.decode().startswith("# ")


def test_a_named_pipe_as_output_is_written_through(tmp_path):
    case = copy_case(tmp_path)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    result = assess(case, "--format", "md", "-q", "-o", pipe)
    reader.join(30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert received and received[0].startswith(b"# ")


def test_a_link_to_a_report_keeps_the_link_and_replaces_the_report(tmp_path):
    case = copy_case(tmp_path)
    (tmp_path / "shared").mkdir()
    real = tmp_path / "shared" / "report.md"
    real.write_text("last week\n")
    link = tmp_path / "latest.md"
    link.symlink_to(real)
    result = assess(case, "--format", "md", "-q", "-o", link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert real.read_text().startswith("# ")
    assert stat.S_IMODE(os.stat(real).st_mode) == 0o600
