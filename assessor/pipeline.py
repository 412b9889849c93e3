"""The pipeline, wired once: case file -> Case -> Facts -> fired rules -> Assessment.

Each arrow is a pure function in its own module; this module only holds the loaded
rulebook and the engine so that many cases can be assessed in one process.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Literal

from . import assessment, conditions
from .caseload import case_from_text
from .facts import derive, fact_types
from .model import Case
from .rulebook import Rulebook, load_rulebook
from .yamlfile import decode, read_bytes

EngineName = Literal["durable", "reference"]


class Assessor:
    """Holds a rulebook and an evaluator; assess() is safe to call for many cases."""

    def __init__(self, rulebook: Rulebook | None = None, engine: EngineName = "durable"):
        self.rulebook = rulebook or load_rulebook()
        self.engine_name = engine
        self._engine = None
        if engine == "durable":
            from .engine import Engine

            self._engine = Engine(self.rulebook.conditions(), fact_types())

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()
            self._engine = None

    def __enter__(self) -> "Assessor":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def evaluate(self, values: dict) -> tuple[str, ...]:
        """Ids of the rules that fire on a fact record and apply in its stage, in rulebook
        order."""
        if self._engine is not None:
            fired = self._engine.evaluate(values)
        else:
            fired = conditions.reference_evaluate(self.rulebook.conditions(), values)
        # rules apply only in their stages of the case (`stages:` in the rule file)
        return self.rulebook.in_stage(fired, values)

    def assess(self, case: Case, as_of: dt.date | None = None, *,
               input_sha256: str | None = None, input_name: str | None = None,
               analyse: bool = False) -> assessment.Assessment:
        """Assess `case` as of a date. With `analyse`, add what a report shows beyond the
        judgement: trajectory, deadlines, sensitivity, stale evidence (assessor.analyses)."""
        basis = "given" if as_of else "case file" if case.as_of else "today"
        as_of = as_of or (case.as_of.latest if case.as_of else dt.date.today())
        facts = derive(case, as_of)
        fired = self.evaluate(facts.values)
        result = assessment.build(case, facts, fired, self.rulebook,
                                  input_sha256=input_sha256, input_name=input_name)
        result.as_of_basis = basis
        stale = assessment.stale_as_of_warning(as_of, dt.date.today())
        if stale:
            result.warnings.insert(0, stale)
        if analyse:
            from .analyses import analyse as add_analyses

            add_analyses(self, case, facts, result)
        return result

    def assess_file(self, path: Path | str, as_of: dt.date | None = None,
                    display: str | None = None, *,
                    analyse: bool = False) -> tuple[Case, assessment.Assessment]:
        path = Path(path)
        case, digest = _load(path, display)
        return case, self.assess(case, as_of, input_sha256=digest, input_name=path.name,
                                 analyse=analyse)

    def assess_file_redacted(self, path: Path | str, as_of: dt.date | None = None,
                             display: str | None = None, *, analyse: bool = False):
        """For sharing: the case is redacted before it is assessed, so no text built from it
        names the person. Returns (redacted case, assessment, redaction); the redaction's
        secrets are what the rendered report must be checked against."""
        path = Path(path)
        case, digest = _load(path, display)
        return self.assess_redacted(case, as_of, input_sha256=digest, input_name=path.name,
                                    analyse=analyse)

    def assess_redacted(self, case: Case, as_of: dt.date | None = None, *,
                        input_sha256: str | None = None, input_name: str | None = None,
                        analyse: bool = False):
        """assess_file_redacted for a case already loaded."""
        from .redact import redact_case, redact_file_name

        case, redaction = redact_case(case)
        result = self.assess(case, as_of, input_sha256=input_sha256, analyse=analyse,
                             input_name=redact_file_name(input_name, redaction))
        result.redacted = True
        return case, result, redaction


def _load(path: Path, display: str | None = None) -> tuple[Case, str]:
    """The case in a file, and the SHA-256 of the file's bytes (so that `sha256sum
    case.yaml` reproduces it). The file is read once: standard input cannot be read twice."""
    display = display or str(path)
    raw = read_bytes(path, display)
    case = case_from_text(decode(raw, display), display)
    return case, hashlib.sha256(raw).hexdigest()


load_case_file = _load
