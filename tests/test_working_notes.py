"""No text that reaches a reader cites the team's working notes: a rule, a data file, a
template, a case file, a document or a rendered report cites documents by their own title,
author and date, never "seed 003", a note's file name or a workspace path."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assessor.render import render
from conftest import AKHMETOVA, ROOT, SMAILOVA, day

WORKING_NOTES = re.compile(
    r"\bseeds? ?0\d\d\b|\bseed 0\b|\b(?:domain|sources|style|durable-rules-notes)\.md\b"
    r"|/work/|\bshared/seeds\b", re.IGNORECASE)
FOLDERS = ["rules", "reports", "cases", "docs", "assessor"]


def reader_facing_files() -> list[Path]:
    files = [ROOT / "README.md"]
    for folder in FOLDERS:
        files += [p for p in sorted((ROOT / folder).rglob("*"))
                  if p.is_file() and p.suffix in (".yaml", ".yml", ".j2", ".md", ".py", ".css")]
    return files


def hits(text: str) -> list[str]:
    return [text[max(0, m.start() - 30):m.end() + 30].replace("\n", " ")
            for m in WORKING_NOTES.finditer(text)]


@pytest.mark.parametrize("path", reader_facing_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_file_cites_a_working_note(path):
    assert not hits(path.read_text(encoding="utf-8")), path


@pytest.mark.parametrize("path,when", [(SMAILOVA, "2024-04-16"), (SMAILOVA, "2025-10-01"),
                                       (AKHMETOVA, "2020-05-31")])
def test_no_rendered_report_cites_a_working_note(reference, path, when):
    from assessor.caseload import load_case

    assessment = reference.assess(load_case(path), day(when), analyse=True)
    for fmt in ("md", "html", "json"):
        assert not hits(render(assessment, fmt)), fmt


def test_the_pattern_catches_what_it_must():
    for text in ("seed 003", "see domain.md", "(sources.md)", "/work/shared/x", "seeds 000-003"):
        assert hits(text), text
    for text in ("seed cases", "a seeded defect", "Article 3", "sourced"):
        assert not hits(text), text
