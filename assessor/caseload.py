"""case.yaml -> Case: safe YAML, strict validation, no contradictions, every problem located."""

from __future__ import annotations

from pathlib import Path

from .consistency import contradictions
from .model import Case, reference_problems
from .problems import InputError
from .validation import validate, without_duplicates
from .yamlfile import Document, parse, read_text


def load_case(path: Path | str, display: str | None = None) -> Case:
    """Read and validate a case file; raise InputError listing every problem found."""
    display = display or str(path)
    return case_from_text(read_text(Path(path), display), display)


def case_from_text(text: str, display: str = "<case>") -> Case:
    try:
        document = parse(text, display)
    except InputError as error:
        # a repeated key must not hide the file's other problems: check the rest too
        raise InputError(error.problems + _beyond_duplicates(text, display, error.problems)
                         ) from None
    return case_from_document(document)


def _beyond_duplicates(text: str, display: str, problems: list) -> list:
    cleaned = without_duplicates(text, problems)
    if cleaned is None:
        return []
    try:
        case_from_document(parse(cleaned, display))
    except InputError as error:
        return error.problems
    return []


def case_from_document(document: Document) -> Case:
    case = validate(document, Case)
    problems = [document.problem(loc, message) for loc, message in reference_problems(case)]
    problems += [document.problem(loc, message, hint)
                 for loc, message, hint in contradictions(case)]
    if problems:
        raise InputError(problems)
    return case
