"""case.yaml -> Case: safe YAML, strict validation, no contradictions, every problem located."""

from __future__ import annotations

from pathlib import Path

from .consistency import contradictions
from .model import Case, reference_problems
from .problems import InputError
from .validation import validate
from .yamlfile import Document, load, parse


def load_case(path: Path | str, display: str | None = None) -> Case:
    """Read and validate a case file; raise InputError listing every problem found."""
    return case_from_document(load(path, display))


def case_from_text(text: str, display: str = "<case>") -> Case:
    return case_from_document(parse(text, display))


def case_from_document(document: Document) -> Case:
    case = validate(document, Case)
    problems = [document.problem(loc, message) for loc, message in reference_problems(case)]
    problems += [document.problem(loc, message, hint)
                 for loc, message, hint in contradictions(case)]
    if problems:
        raise InputError(problems)
    return case
