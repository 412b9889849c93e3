"""A non-editable install finds its rules, report templates and data (package-data)."""

from __future__ import annotations

import subprocess
import sys

from conftest import AKHMETOVA, install_copy

CHECK = """
import sys
from pathlib import Path
import assessor
from assessor.pipeline import Assessor
from assessor.render import render
assert 'site' in assessor.__file__ or 'target' in assessor.__file__, assessor.__file__
with Assessor(engine="reference") as a:
    case, result = a.assess_file(sys.argv[1], analyse=True)
print(len(a.rulebook.rules), result.level, len(result.deadlines), len(render(result, "md")) > 1000)
"""


def test_an_installed_copy_carries_the_rules_templates_and_data(tmp_path, reference):
    env = install_copy(tmp_path)
    result = subprocess.run([sys.executable, "-c", CHECK, str(AKHMETOVA)], cwd=tmp_path,
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    rules, level, deadlines, rendered = result.stdout.split()
    here = reference.assess_file(AKHMETOVA, analyse=False)[1]
    assert int(rules) == len(reference.rulebook.rules) and level == here.level
    assert int(deadlines) > 0 and rendered == "True"


def test_an_installed_copy_writes_a_russian_report_from_the_command_line(tmp_path):
    """`assess --lang ru` on a copy installed without the checkout: the catalogs, the rule
    texts, the glossary and the fonts the PDF needs are all package data."""
    env = install_copy(tmp_path)
    out = tmp_path / "report.md"
    result = subprocess.run(
        [sys.executable, "-c", "from assessor.cli import main; main()", str(AKHMETOVA),
         "--lang", "ru", "--format", "md", "-o", str(out)],
        cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "риск выдачи" in result.stdout  # the terminal summary, in Russian
    text = out.read_text(encoding="utf-8")
    assert "Оценка риска выдачи" in text and "Комитет против пыток" in text
    assert "+ru." in text  # the rules version names the Russian rule texts it used
