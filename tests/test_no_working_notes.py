"""The product cites documents by their own title, author and date, never the team's working
notes (a primer, engineering notes, a seed file's number) or a path on a developer's machine."""

from __future__ import annotations

import re

import pytest

from assessor.render import render
from conftest import AKHMETOVA, ROOT, SMAILOVA, day

WORKING_NOTES = re.compile(r"seeds? 0\d\d|seeds?/0\d\d|domain\.md|style\.md|sources\.md|"
                           r"durable-rules-notes|durable-rules notes|/work/|\.\./shared/|§\d",
                           re.I)
PARTS = ("assessor", "rules", "reports", "cases", "docs", "tools", "benchmarks")
FILES = sorted(p for part in PARTS for p in (ROOT / part).rglob("*")
               if p.is_file() and p.suffix in {".py", ".yaml", ".yml", ".j2", ".md", ".typ",
                                                ".txt", ".css", ".po"}
               and "__pycache__" not in p.parts) + [ROOT / "README.md"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_working_note_is_cited(path):
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace")
                                  .splitlines(), 1):
        assert not WORKING_NOTES.search(line), f"{path.relative_to(ROOT)}:{number}: {line.strip()}"


def test_the_check_sees_a_working_note():
    assert WORKING_NOTES.search("as the primer says (domain.md, seed 004)")
    assert len(FILES) > 100


@pytest.mark.parametrize("path,when", [(SMAILOVA, "2024-04-16"), (SMAILOVA, "2025-10-01"),
                                       (AKHMETOVA, "2020-05-31")])
def test_no_rendered_report_cites_a_working_note(reference, path, when):
    from assessor.caseload import load_case

    assessment = reference.assess(load_case(path), day(when), analyse=True)
    for fmt in ("md", "html", "json"):
        text = render(assessment, fmt)
        assert not WORKING_NOTES.search(text), (fmt, WORKING_NOTES.search(text))
