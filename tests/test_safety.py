"""Nothing lost, nothing leaked, nothing crashes: hostile YAML, reports, exit statuses."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import assessor.output
from assessor.caseload import case_from_text
from assessor.cli import main, summary
from assessor.pipeline import Assessor
from conftest import SMAILOVA

CORPUS = Path(__file__).resolve().parent / "corpus"


def assess(*args: str):
    return CliRunner().invoke(main, [*args, "--engine", "reference"])


def copy_case(folder: Path, name: str = "client.yaml") -> Path:
    case = folder / name
    case.write_bytes(SMAILOVA.read_bytes())
    return case


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".part")]


# --- hostile YAML, measured in a child process ---------------------------------------

MEASURE = textwrap.dedent("""\
    import resource, sys, time
    from assessor.problems import InputError
    from assessor.yamlfile import parse
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # a regression fails, not swaps
    text = sys.stdin.read()
    start = time.perf_counter()
    try:
        parse(text, "bomb.yaml")
        outcome = "accepted"
    except InputError as error:
        outcome = str(error)
    seconds = time.perf_counter() - start
    # VmHWM belongs to this process image; ru_maxrss would keep the high-water mark of
    # the pytest process this child was forked from (Linux carries it across exec)
    with open("/proc/self/status") as status:
        peak_kb = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
    peak_mb = peak_kb / 1024
    print(f"{seconds} {peak_mb}")
    print(outcome)
    """)


def measure(text: str) -> tuple[float, float, str]:
    result = subprocess.run([sys.executable, "-c", MEASURE], input=text, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    numbers, outcome = result.stdout.split("\n", 1)
    seconds, peak_mb = map(float, numbers.split())
    return seconds, peak_mb, outcome.strip()


def laughs(levels: int) -> str:
    lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"l{n}: &l{n} [" + ",".join([f"*l{n - 1}"] * 9) + "]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("levels", [9, 30])  # 9**9 and 9**30 strings if expanded
def test_an_alias_bomb_is_refused_in_under_2_seconds_and_200_mb(levels):
    seconds, peak_mb, outcome = measure(laughs(levels))
    assert outcome == ("bomb.yaml:2:10: the alias *l0 reuses an anchored value, which case files "
                       "do not allow (write the value out where it is needed)")
    assert seconds < 2
    assert peak_mb < 200


@pytest.mark.parametrize("opening, closing", [("[", "]"), ("{a: ", "}"), ("- ", "")])
def test_absurd_nesting_is_refused_before_the_c_parser_can_overflow_its_stack(opening, closing):
    # a million levels made libyaml's composer overflow the C stack: a segfault, no message
    depth = 1_000_000
    seconds, _, outcome = measure(opening * depth + "x" + closing * depth)
    assert "nested more than 40 levels deep" in outcome
    assert seconds < 2


def test_a_deeply_nested_file_exits_2_through_the_real_command(tmp_path):
    deep = tmp_path / "deep.yaml"
    deep.write_text("case_id: x\nnotes: " + "[" * 200_000 + "]" * 200_000 + "\n")
    result = subprocess.run([sys.executable, "-m", "assessor.cli", str(deep)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr == (f"{deep}:2:47: nested more than 40 levels deep "
                             "(a case file needs fewer than ten levels)\n")


def test_forty_levels_are_still_read():
    text = "case_id: x\nnotes: " + "[" * 39 + "]" * 39 + "\n"
    with pytest.raises(Exception) as caught:
        case_from_text(text)
    assert "nested" not in str(caught.value)  # refused by the model, not by the depth guard


# --- reports: atomic, private, never over the input ------------------------------------

def test_reports_are_private_even_when_the_umask_is_zero(tmp_path):
    case = copy_case(tmp_path)
    old = os.umask(0)
    try:
        result = assess(str(case), "--format", "json", "-o", str(tmp_path / "r.json"))
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(os.stat(tmp_path / "r.json").st_mode) == 0o600


@pytest.mark.parametrize("how", ["same path", "symlink", "hard link", "relative path"])
def test_the_case_file_is_never_overwritten(tmp_path, how, monkeypatch):
    case = copy_case(tmp_path)
    target = tmp_path / "report.md"
    if how == "same path":
        target = case
    elif how == "symlink":
        target.symlink_to(case)
    elif how == "hard link":
        os.link(case, target)
    else:
        monkeypatch.chdir(tmp_path)
        target = Path("./sub/../client.yaml")
        (tmp_path / "sub").mkdir()
    result = assess(str(case), "--format", "md", "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == (f"{target}:1:1: refusing to overwrite the case file "
                             "(choose another output path with -o)\n")
    assert case.read_bytes() == SMAILOVA.read_bytes()
    assert not leftovers(tmp_path)


def test_a_missing_output_folder_is_one_line_and_leaves_nothing(tmp_path):
    case = copy_case(tmp_path)
    target = tmp_path / "nowhere" / "report.md"
    result = assess(str(case), "--format", "md", "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == (f"error: cannot write {target}: the folder {target.parent} "
                             "does not exist\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["client.yaml"]


@pytest.mark.parametrize("failing", ["write", "fsync"])
def test_a_full_disk_keeps_the_previous_report_and_leaves_no_partial_file(tmp_path, monkeypatch,
                                                                          failing):
    case = copy_case(tmp_path)
    report = tmp_path / "report.md"
    report.write_text("the report of last week\n")

    def full(*args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(assessor.output.os, failing, full)
    result = assess(str(case), "--format", "md", "-o", str(report))
    monkeypatch.undo()
    assert result.exit_code == 2
    assert result.stderr == f"error: cannot write {report}: No space left on device\n"
    assert report.read_text() == "the report of last week\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["client.yaml", "report.md"]


def test_short_writes_are_completed(tmp_path, monkeypatch):
    real_write = os.write
    monkeypatch.setattr(assessor.output.os, "write", lambda fd, data: real_write(fd, data[:7]))
    target = tmp_path / "r.txt"
    assessor.output.write_private(target, "x" * 1000)
    assert target.read_text() == "x" * 1000


def test_an_unwritable_folder_is_an_error_not_a_crash(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere")
    case = copy_case(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    result = assess(str(case), "--format", "md", "-o", str(locked / "r.md"))
    assert result.exit_code == 2
    assert result.stderr == f"error: cannot write {locked / 'r.md'}: Permission denied\n"


def test_a_batch_with_one_bad_file_assesses_the_others_and_names_the_bad_one_last(tmp_path):
    first, second = copy_case(tmp_path, "first.yaml"), copy_case(tmp_path, "second.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("case_id: bad\ncase_id: again\n")
    out = tmp_path / "out"
    out.mkdir()
    result = assess(str(first), str(bad), str(second), "--format", "json", "-o", str(out), "-q")
    assert result.exit_code == 2
    assert sorted(p.name for p in out.iterdir()) == ["first.2024-11-01.report.json",
                                                      "second.2024-11-01.report.json"]
    message = f"{bad}:2:1: case_id: duplicate key 'case_id' (first given on line 1)"
    # the repeated key does not hide the file's other problems (the missing person and states)
    tail = result.stderr.split("1 of 3 case files could not be assessed:\n", 1)[1].splitlines()
    assert message + " (give each field once; a later value never silently replaces an " \
        "earlier one)" in tail
    assert all(line.startswith(f"{bad}:") for line in tail) and len(tail) == 3


def test_a_batch_whose_reports_would_overwrite_each_other_is_refused(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one, two = copy_case(tmp_path / "a"), copy_case(tmp_path / "b")
    result = assess(str(one), str(two), "--format", "md", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "have the same name, so their reports would overwrite each other" in result.stderr
    assert not list(tmp_path.glob("*.report.md"))


# --- case text stays text: json, md, the terminal summary, rule explanations -----------

NAME = "{{ 7*7 }} {% raw %}<b>Dina</b> *x* [l](javascript:alert(1)) <style>p{}</style>"


@pytest.fixture(scope="module")
def hostile():
    document = yaml.safe_load(SMAILOVA.read_text(encoding="utf-8"))
    document["person"]["name"] = NAME
    document["events"].append({"date": "2030-01-01", "title": NAME})  # after as-of: a warning
    case = case_from_text(yaml.safe_dump(document, allow_unicode=True), "hostile.yaml")
    with Assessor(engine="reference") as a:
        return a.assess(case, analyse=True)


def test_case_text_in_a_rule_explanation_is_never_compiled_as_a_template(hostile):
    explained = [f for f in hostile.findings if NAME in f.explanation]
    assert len(explained) >= 3  # the person's name enters many explanations
    assert not any("49" in f.explanation for f in hostile.findings)


def test_case_text_survives_json_exactly(hostile):
    from assessor.render import render

    text = render(hostile, "json")
    strings: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            list(map(walk, node.values()))
        elif isinstance(node, list):
            list(map(walk, node))
        elif isinstance(node, str):
            strings.append(node)

    walk(json.loads(text))
    assert any(NAME in s for s in strings)
    assert "49" not in " ".join(s for s in strings if "7*7" in s)


def test_case_text_in_markdown_is_escaped_never_markup(hostile):
    from assessor.render import md_escape, render

    text = render(hostile, "md")
    assert md_escape(NAME) in text
    assert "<b>" not in text and "<style>" not in text and "[l](" not in text
    assert "{{ 7\\*7 }} {% raw %}" in text  # the Jinja syntax is still there: not run


def test_case_text_in_the_terminal_summary_is_printed_as_written():
    case = (CORPUS / "future-event.yaml").read_text().replace("Appeal hearing", repr(NAME))
    with Assessor(engine="reference") as a:
        assessment = a.assess(case_from_text(case))
    warning = [line for line in summary(assessment).splitlines() if "after the as-of" in line]
    assert warning == [f"  warning: 1 dated item(s) fall after the as-of date 2024-06-01 and "
                       f"are ignored: {NAME} (2025-01-10)"]


# --- exit statuses --------------------------------------------------------------------

def test_an_internal_error_is_one_line_with_a_hint_and_exit_1(monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("fact")

    monkeypatch.setattr(Assessor, "assess", broken)
    result = assess(str(SMAILOVA))
    assert result.exit_code == 1
    # the case is named: in a batch, the others are still assessed (tests/test_hardening.py)
    assert result.stderr == (f"{SMAILOVA}: internal error: KeyError: 'fact' "
                             "(rerun with --debug for details)\n")
    debugged = assess(str(SMAILOVA), "--debug")
    assert debugged.exit_code == 1
    assert "Traceback" in debugged.stderr and "KeyError: 'fact'" in debugged.stderr


@pytest.mark.parametrize("args, message", [
    (["--no-such-option"], "No such option '--no-such-option'"),
    (["--as-of", "2024-13-01"], "'2024-13-01' is not a full date; write YYYY-MM-DD"),
    (["--format", "rtf"], "Invalid value for '--format'"),
])
def test_usage_errors_exit_2(args, message):
    result = assess(str(SMAILOVA), *args)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_a_missing_case_file_exits_2(tmp_path):
    result = assess(str(tmp_path / "none.yaml"))
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'none.yaml'}:1:1: no such file\n"


def test_an_assessed_case_exits_0():
    assert assess(str(SMAILOVA), "-q").exit_code == 0
