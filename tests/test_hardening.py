"""Hardening, second round: no overwritten file, no hang, no leak, no lost case.

Each test goes through the real command (click's CliRunner, or a subprocess where the
terminal, a pipe or a signal matters) and was seen to fail before its fix.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from assessor.cli import main
from conftest import SMAILOVA, file_as_of

AS_OF = file_as_of(SMAILOVA)


def assess(*args: str | Path):
    return CliRunner().invoke(main, [*map(str, args), "--engine", "reference"])


def copy_case(folder: Path, name: str = "client.yaml") -> Path:
    case = folder / name
    case.write_bytes(SMAILOVA.read_bytes())
    return case


def command(*args: str | Path, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assessor.cli", *map(str, args),
                           "--engine", "reference"], capture_output=True, timeout=timeout,
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


# --- 2. a redacted report leaks nothing -------------------------------------------------


def leaky_case(folder: Path, name: str = "client.yaml", **changes) -> Path:
    """The Smailova case, renamed and given text in which the name hides: `changes` are
    applied to the YAML document (dotted keys one level deep)."""
    document = yaml.safe_load(SMAILOVA.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if "." in key:
            outer, inner = key.split(".")
            document[outer][inner] = value
        else:
            document[key] = value
    path = folder / name
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def add_event(folder: Path, title: str, *, name: str = "Dinara Smailova-Tansari",
              **extra) -> Path:
    document = yaml.safe_load(SMAILOVA.read_text(encoding="utf-8"))
    document["person"]["name"] = name
    document["person"]["aliases"] = []
    document["events"].append({"date": "2024-02-01", "title": title})
    for key, value in extra.items():
        document[key] = value
    path = folder / "client.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def shared(case: Path, fmt: str = "md", *extra: str) -> str:
    result = assess(case, "--format", fmt, "--redact", "-o", "-", *extra)
    assert result.exit_code == 0, result.output
    return result.stdout


def report_text(case: Path, fmt: str) -> str:
    """The redacted report as a reader sees it, in any format (a PDF's text and
    document properties)."""
    if fmt != "pdf":
        return shared(case, fmt)
    target = case.parent / "shared.pdf"
    result = assess(case, "--format", "pdf", "--redact", "-q", "-o", target)
    assert result.exit_code == 0, result.output
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    return "\n".join(p.extract_text() for p in reader.pages) + str(reader.metadata)


def values(node) -> list[str]:
    """The text a JSON report holds (its keys, such as "do", are the format's words)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        node = list(node.values())
    return [text for item in node for text in values(item)] if isinstance(node, list) else []


def absent(text: str, *words: str) -> None:
    """None of `words` in `text`, as a word in any case ("Lan" may stay in "balancing")."""
    if text.startswith("{"):
        text = "\n".join(values(json.loads(text)))
    elif text.lstrip().lower().startswith("<!doctype"):
        # what a reader sees: text and links, not the stylesheet or the tags' names
        text = re.sub(r"<style\b.*?</style>|<!--.*?-->", " ", text, flags=re.S | re.I)
        text = re.sub(r"<[^>]*?(?:href|title|content)=\"([^\"]*)\"[^>]*>|<[^>]*>", r" \1 ",
                      text)
    plain = text.replace("\\", "").casefold()
    for word in words:
        assert not re.search(rf"(?<![^\W\d_]){re.escape(word.casefold())}(?![^\W\d_])",
                             plain), word


def test_each_part_of_a_hyphenated_name_is_withheld(tmp_path):
    case = add_event(tmp_path, "Tansari and Smailova speak; Smailova-Tansari writes")
    absent(shared(case), "Tansari", "Smailova")


@pytest.mark.parametrize("fmt", ["md", "json", "html", "pdf"])
def test_a_name_joined_by_underscores_or_digits_is_withheld(tmp_path, fmt):
    document = yaml.safe_load(SMAILOVA.read_text(encoding="utf-8"))
    document["case_id"] = "smailova_2024"
    document["sources"][0]["url"] = "https://example.org/smailova_dinara_statement.pdf"
    document["sources"][0]["note"] = "Filed as Smailova2024 and dinara.smailova@example.org"
    case = tmp_path / "client.yaml"
    case.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    absent(report_text(case, fmt), "smailova", "dinara")


def test_the_file_name_is_withheld_in_the_report_and_in_the_default_report_name(tmp_path):
    case = copy_case(tmp_path, "smailova-dinara.yaml")
    result = assess(case, "--format", "json", "--redact", "-q")
    assert result.exit_code == 0, result.output
    written = [p.name for p in tmp_path.iterdir() if p.name != case.name]
    assert written == [f"PERSON-PERSON.{AS_OF}-redacted.report.json"]
    absent((tmp_path / written[0]).read_text(), "smailova", "dinara")


@pytest.mark.parametrize("hidden", [
    "Smai\u00adlova",  # a soft hyphen
    "Smai\u200blova",  # a zero-width space
    "Sma\u0069\u0301lova",  # a combining accent (a decomposed form)
    "Sm\u0430ilova",  # a Cyrillic a standing in for the Latin one
    "SMAILOVA", "smailova",
    "Smailova%20Dinara", "https://example.org/dinara%5Fsmailova.pdf",
])
def test_a_name_hidden_by_invisible_or_lookalike_characters_is_withheld(tmp_path, hidden):
    case = add_event(tmp_path, f"Statement by {hidden} published")
    text = shared(case, "md")
    absent(text, hidden, "smailova", "Sm\u0430ilova")
    assert "Statement by " in text and "[PERSON]" in text.replace("\\", "")


@pytest.mark.parametrize("name, written", [
    ("José Núñez", "Nunez"), ("José Núñez", "NÚÑEZ"), ("Karl Strauß", "STRAUSS"),
    ("Karl Strauss", "Strauß"), ("Wu Lan", "Wu"), ("Dinara Smailova", "Dinara\u00a0Smailova"),
])
def test_unaccented_case_folded_and_short_spellings_are_withheld(tmp_path, name, written):
    case = add_event(tmp_path, f"Letter about {written} received", name=name)
    text = shared(case, "md")
    absent(text, written, *name.split())


@pytest.mark.parametrize("written", ["Смаиловой", "Смаилову", "Смаиловым", "СМАИЛОВА"])
def test_russian_case_endings_of_a_cyrillic_name_are_withheld(tmp_path, written):
    case = add_event(tmp_path, f"Дело против {written} возбуждено", name="Динара Смаилова")
    absent(shared(case, "md"), written, "Смаилов")


def test_part_of_the_address_and_a_passport_number_in_a_file_name_are_withheld(tmp_path):
    document = yaml.safe_load(SMAILOVA.read_text(encoding="utf-8"))
    document["person"]["address"] = "ul. Njegoševa 12, Budva"
    document["person"]["documents"] = [{"kind": "passport", "number": "N12345678"}]
    document["events"].append({"date": "2024-02-01", "title": "Moved to Njegoševa 12"})
    document["sources"][0]["url"] = "https://example.org/passport_N12345678.pdf"
    case = tmp_path / "client.yaml"
    case.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    absent(shared(case, "md"), "Njegoševa", "N12345678")


def test_the_trajectory_and_the_what_if_of_a_redacted_run_are_redacted(tmp_path):
    case = add_event(tmp_path, "Smailova-Tansari detained again")
    result = assess(case, "--format", "md", "--redact", "-o", "-", "--trajectory",
                    "--assume", "fact:rule39_indicated=true")
    assert result.exit_code == 0, result.output
    absent(result.stdout, "Smailova", "Tansari", "Dinara", "smailova-me")
    result = assess(case, "--redact", "--trajectory", "--assume",
                    "fact:rule39_indicated=true")
    assert result.exit_code == 0, result.output
    absent(result.stdout, "Smailova", "Tansari", "Dinara", "smailova-me")
    assert "how the risk moved" in result.stdout


@pytest.mark.parametrize("name", ["Ngo Thi Lan", "Anna Pace", "Tran Do An"])
def test_a_name_equal_to_a_fixed_value_of_the_format_is_redacted_without_a_crash(
        tmp_path, name):
    document = yaml.safe_load(SMAILOVA.read_text(encoding="utf-8"))
    document["person"]["name"] = name
    document["person"]["aliases"] = []
    assert document["international"][0]["body"] == "ngo"  # a fixed value: never rewritten
    case = tmp_path / "client.yaml"
    case.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    for fmt in ("md", "json", "html"):
        text = shared(case, fmt)
        absent(text, *name.split())
        if fmt == "json":
            json.loads(text)


def test_terms_the_lawyer_lists_and_items_marked_personal_are_withheld(tmp_path):
    document = yaml.safe_load(SMAILOVA.read_text(encoding="utf-8"))
    document["redact"] = ["NeMolchi", "UA 123/2024"]
    document["sources"][0]["personal"] = True
    document["sources"][0]["publisher"] = "Secret Shelter Bulletin"
    document["person"]["organisations"][0]["personal"] = True
    document["person"]["organisations"][0]["role"] = "keeper of the shelter keys"
    document["events"].append({"date": "2024-02-01", "title": "UN reference UA 123/2024"})
    case = tmp_path / "client.yaml"
    case.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    for fmt in ("md", "json"):
        text = shared(case, fmt)
        absent(text, "NeMolchi", "UA 123/2024", "Secret Shelter Bulletin",
               "keeper of the shelter keys")
        assert "[REDACTED]" in text.replace("\\", "")
        assert "[PERSONAL]" in text.replace("\\", "")


# --- 3. nothing hangs, nothing exhausts memory ---------------------------------------------


def test_a_named_pipe_as_the_case_file_is_refused_without_blocking(tmp_path):
    pipe = tmp_path / "case.yaml"
    os.mkfifo(pipe)
    result = command(pipe, timeout=60)
    assert result.returncode == 2
    assert result.stderr.decode() == (f"{pipe}:1:1: is a named pipe, not a regular file: it "
                                      "could block or never end (save the case as a file, or "
                                      "pipe it in as /dev/stdin)\n")


def test_a_named_pipe_named_in_a_summary_is_refused_and_the_others_assessed(tmp_path):
    case = copy_case(tmp_path)
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    result = command(case, pipe, "--summary", timeout=60)
    assert result.returncode == 2
    assert f"{pipe}:1:1: is a named pipe" in result.stderr.decode()
    assert "1 case(s)" in result.stdout.decode()


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_device_is_refused_at_once(device):
    result = command(device, timeout=60)
    assert result.returncode == 2
    assert result.stderr.decode().startswith(f"{device}:1:1: is a device, not a regular file")


def test_standard_input_is_read_once_and_its_checksum_is_that_of_the_case():
    result = command("/dev/stdin", "--format", "json", "-o", "-", "--trajectory",
                     input=SMAILOVA.read_bytes())
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.decode().split("\nsmailova-me: how the risk")[0])
    import hashlib
    assert report["input_sha256"] == hashlib.sha256(SMAILOVA.read_bytes()).hexdigest()
    assert "how the risk moved" in result.stdout.decode()


def test_a_list_over_the_limit_is_refused_at_its_place(tmp_path):
    document = yaml.safe_load(SMAILOVA.read_text(encoding="utf-8"))
    document["person"]["aliases"] = [f"Alias {i}" for i in range(301)]
    case = tmp_path / "client.yaml"
    case.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    line = case.read_text().splitlines().index("  - Alias 300") + 1
    result = assess(case)
    assert result.exit_code == 2
    assert result.stderr == (f"{case}:{line}:5: person.aliases: 301 items, over the limit "
                             "of 300 in one list (a case needs far fewer; keep the ones that "
                             "matter to the risk)\n")


def test_a_case_of_too_many_items_in_all_is_refused_at_the_first_beyond(tmp_path):
    document = yaml.safe_load(SMAILOVA.read_text(encoding="utf-8"))
    document["events"] = [{"date": "2020-01-01", "title": f"e{i}"} for i in range(290)]
    case = tmp_path / "client.yaml"
    case.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    result = assess(case)
    assert result.exit_code == 2
    assert re.fullmatch(
        rf"{re.escape(str(case))}:\d+:\d+: [a-z_.\[\]0-9]+: the case holds more than 300 "
        r"items \(events, charges, claims, decisions...\) besides its sources \(a case needs "
        r"far fewer; keep the ones that matter to the risk\)\n", result.stderr)


def test_a_text_over_the_limit_is_refused_at_its_place(tmp_path):
    case = add_event(tmp_path, "x" * 5001)
    result = assess(case)
    assert result.exit_code == 2
    assert "5,001 characters, over the limit of 5,000 in one text" in result.stderr
    assert re.match(rf"{re.escape(str(case))}:\d+:\d+: events\[\d+\]\.title: ", result.stderr)


# --- 4. no case lost, every input error located -------------------------------------------


@pytest.mark.parametrize("value, expected", [
    ("1.0e+20", "1e+20 is not a number the assessment can hold (at most "
                "9,007,199,254,740,991)"),
    ("18446744073709551616", "this number is too large to be held exactly"),
    ("9007199254740992", "this number is too large to be held exactly"),
    ("true", "expected a whole number, got True"),
])
def test_numbers_neither_engine_can_hold_are_refused_with_a_location(tmp_path, value,
                                                                       expected):
    text = SMAILOVA.read_text(encoding="utf-8").replace("amount_eur: 44",
                                                         f"amount_eur: {value}")
    case = tmp_path / "client.yaml"
    case.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"    amount_eur: {value}") + 1
    result = assess(case)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"{case}:{line}:17: charges[0].amount_eur: ")
    assert expected in result.stderr


def test_a_symlink_loop_in_a_batch_is_listed_and_the_others_assessed(tmp_path):
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    case = copy_case(tmp_path)
    result = assess(loop, case, "-q")
    assert result.exit_code == 2
    assert f"{loop}:1:1: cannot be read: Too many levels of symbolic links" in result.stderr
    assert "1 of 2 case files could not be assessed" in result.stderr


def sabotage(tmp_path: Path, code: str) -> dict:
    """An environment whose Python runs `code` at start (a sitecustomize module), in the
    command and in every worker it spawns: how a test makes one case crash or one
    worker die as the out-of-memory killer would."""
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(code)
    return {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(folder), str(Path(__file__).resolve().parent.parent)])}


CRASH_ON_DOOMED = """
import assessor.pipeline as p
real = p.Assessor.assess
def assess(self, case, *args, **kwargs):
    if case.case_id == "doomed":
        raise RuntimeError("a bug met on this case only")
    return real(self, case, *args, **kwargs)
p.Assessor.assess = assess
"""

KILL_ON_DOOMED = """
import os, signal
import assessor.portfolio as p
real = p._Worker.assess
def assess(self, path, *args):
    if path.endswith("doomed.yaml") and p._started is not None:
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer does
    return real(self, path, *args)
p._Worker.assess = assess
"""


def doomed_batch(tmp_path: Path) -> list[Path]:
    first = copy_case(tmp_path, "first.yaml")
    doomed = tmp_path / "doomed.yaml"
    doomed.write_text(SMAILOVA.read_text().replace("case_id: smailova-me", "case_id: doomed"))
    last = copy_case(tmp_path, "last.yaml")
    last.write_text(SMAILOVA.read_text().replace("case_id: smailova-me", "case_id: last"))
    return [first, doomed, last]


def test_an_internal_error_on_one_case_of_a_batch_loses_no_other(tmp_path):
    cases = doomed_batch(tmp_path)
    result = command(*cases, "-q", "--format", "json", "-o", tmp_path,
                     env=sabotage(tmp_path, CRASH_ON_DOOMED))
    assert result.returncode == 1
    err = result.stderr.decode()
    assert (f"{cases[1]}: internal error: RuntimeError: a bug met on this case only" in err)
    assert "1 of 3 case files could not be assessed" in err
    assert sorted(p.name for p in tmp_path.glob("*.report.json")) == [
        f"first.{AS_OF}.report.json", f"last.{AS_OF}.report.json"]


def test_a_worker_that_dies_loses_only_its_case(tmp_path):
    cases = doomed_batch(tmp_path)
    result = command(*cases, "--summary", "--jobs", "2",
                     env=sabotage(tmp_path, KILL_ON_DOOMED), timeout=300)
    assert result.returncode == 1, result.stderr
    out, err = result.stdout.decode(), result.stderr.decode()
    assert "2 case(s)" in out and "last" in out and "smailova-me" in out
    assert f"{cases[1]}: internal error: the worker process assessing it died" in err


# --- 5. spreadsheets, terminals, YAML 1.1 ---------------------------------------------------


def test_a_carriage_return_or_a_tab_in_a_file_name_cannot_make_a_formula(tmp_path,
                                                                         monkeypatch):
    for name in ("a\r=HYPERLINK(1).yaml", "\t=1+1.yaml"):
        copy_case(tmp_path, name)
    monkeypatch.chdir(tmp_path)  # the file column then starts with the name itself
    result = assess(".", "--summary", "--format", "csv", "-o", "-")
    assert result.exit_code == 0, result.output
    rows = result.stdout.split("\n")
    assert all(not row.startswith(("=", "\t", "\r")) for row in rows)
    assert "\r" not in result.stdout
    assert "\\x0d=HYPERLINK(1).yaml" in result.stdout
    assert ",'\t=1+1.yaml," in result.stdout


def test_escape_sequences_in_a_case_never_reach_the_terminal(tmp_path):
    text = SMAILOVA.read_text(encoding="utf-8").replace(
        "case_id: smailova-me", 'case_id: "smailova-me"\nnotes: "\\e[2J\\e]52;c;aGk=\\a fake"')
    text = text.replace("    title: Moves to Montenegro", '    title: "\\e[2J\\e]52;c;aGk=\\a"')
    text = text.replace("  name: Dinara Smailova", '  name: "Dinara \\e[31mSmailova"')
    case = tmp_path / "client.yaml"
    case.write_text(text, encoding="utf-8")
    for extra in ([], ["--trajectory"], ["--summary"]):
        result = assess(case, *extra)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output and "\x07" not in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text('case_id: x\n"\\e]52;c;aGk=\\a": 1\n', encoding="utf-8")
    result = assess(bad)
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\\x1b]52" in result.stderr


@pytest.mark.parametrize("written", ["010", "0x10", "1:30", "1_000", "0b101"])
def test_yaml_1_1_numbers_are_refused_with_a_location(tmp_path, written):
    text = SMAILOVA.read_text(encoding="utf-8").replace("max_penalty_years: 10",
                                                         f"max_penalty_years: {written}")
    case = tmp_path / "client.yaml"
    case.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"    max_penalty_years: {written}") + 1
    result = assess(case)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(
        f"{case}:{line}:24: charges[0].max_penalty_years: '{written}' is a number only in "
        "YAML 1.1")


@pytest.mark.parametrize("as_of", ["0003-01-01", "9999-12-31"])
def test_an_as_of_date_no_calendar_can_reckon_with_is_a_usage_error(tmp_path, as_of):
    case = copy_case(tmp_path)
    result = assess(case, "--as-of", as_of, "--format", "html", "-o", tmp_path / "r.html")
    assert result.exit_code == 2
    assert f"{as_of} is outside the years 1900-2199" in result.stderr


def test_a_case_dated_9999_is_refused_at_the_date(tmp_path):
    text = SMAILOVA.read_text(encoding="utf-8").replace(f"as_of: {AS_OF}", "as_of: 9999-12")
    case = tmp_path / "client.yaml"
    case.write_text(text, encoding="utf-8")
    line = text.splitlines().index("as_of: 9999-12") + 1
    result = assess(case, "--format", "html", "-o", tmp_path / "r.html")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{case}:{line}:8: as_of: 9999-12 is outside the years")


def test_a_deeply_nested_previous_summary_is_a_located_error(tmp_path):
    copy_case(tmp_path)
    previous = tmp_path / "before.json"
    previous.write_text("[" * 100_000 + "]" * 100_000)
    result = assess(tmp_path, "--summary", "--compare", previous)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"{previous}:1:1: ")
