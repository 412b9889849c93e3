"""The corpus of bad inputs: each file gets its one documented answer, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from assessor.cli import main
from assessor.yamlfile import MAX_BYTES

CORPUS = Path(__file__).resolve().parent / "corpus"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))


def assess(*args: str):
    return CliRunner().invoke(main, [*args, "--engine", "reference"])


def test_every_corpus_file_has_an_expectation_and_every_expectation_a_file():
    assert sorted(EXPECTED) == sorted(p.name for p in CORPUS.glob("*.yaml")
                                      if p.name != "expected.yaml")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_input_gets_its_documented_answer(name):
    path = str(CORPUS / name)
    expected = EXPECTED[name]
    result = assess(path)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output + result.stderr
    assert result.exit_code == expected["status"], result.output + result.stderr
    if expected["status"] == 2:
        assert result.stderr.splitlines() == [m.replace("{file}", path) for m in expected["messages"]]
        assert result.stdout == ""
    else:
        lines = [line.strip() for line in result.stdout.splitlines()]
        for line in expected["output_has"]:
            assert line in lines


def test_the_whole_corpus_in_one_real_process_reports_every_bad_file_and_assesses_the_rest():
    names = sorted(EXPECTED)
    paths = [str(CORPUS / n) for n in names]
    result = subprocess.run([sys.executable, "-m", "assessor.cli", *paths, "-q",
                             "--engine", "reference"], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    bad = [n for n in names if EXPECTED[n]["status"] == 2]
    assert f"{len(bad)} of {len(names)} case files could not be assessed:" in result.stderr
    for name in bad:
        for message in EXPECTED[name]["messages"]:
            # once as it happens, once more in the list at the end
            assert result.stderr.count(message.replace("{file}", str(CORPUS / name))) == 2


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.write(b"case_id: big\nnotes: ")
        handle.truncate(MAX_BYTES + 1)  # sparse: no megabytes written to a shared disk
    result = assess(str(big))
    assert result.exit_code == 2
    assert result.stderr == (f"{big}:1:1: file is {MAX_BYTES + 1:,} bytes, over the limit of "
                             f"{MAX_BYTES:,} (a case file is a few kilobytes; split "
                             "attachments out into sources)\n")


def test_a_file_at_the_size_limit_is_read(tmp_path):
    case = (CORPUS / "bom-crlf.yaml").read_bytes()
    padded = tmp_path / "padded.yaml"
    padded.write_bytes(case + b"#" * (MAX_BYTES - len(case)))
    assert assess(str(padded)).exit_code == 0


def test_duplicate_keys_are_never_last_one_wins():
    result = assess(str(CORPUS / "duplicate-keys.yaml"))
    assert result.exit_code == 2 and "granted" not in result.stdout


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if EXPECTED[n]["status"] == 2))
def test_each_answer_is_the_projects_own_whichever_yaml_parser_runs(name, monkeypatch):
    # libyaml and PyYAML's pure-Python parser word their errors differently, and both change
    # between releases: the documented answer must not depend on which one is installed
    import assessor.yamlfile as yamlfile

    monkeypatch.setattr(yamlfile, "_Loader", yaml.SafeLoader)
    path = str(CORPUS / name)
    result = assess(path)
    assert result.stderr.splitlines() == [m.replace("{file}", path)
                                          for m in EXPECTED[name]["messages"]]


LIBRARY_WORDS = ("did not find expected", "while parsing", "while scanning", "could not find",
                 "found unexpected", "mapping values are not allowed", "expected <",
                 "exceeded maximum", "found character")


def test_no_documented_answer_repeats_a_parsers_own_words():
    for name, expected in EXPECTED.items():
        for message in expected.get("messages", []):
            assert not any(words in message for words in LIBRARY_WORDS), (name, message)
