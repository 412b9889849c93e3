"""The analyses added to an assessment when a report is made (`Assessor.assess(...,
analyse=True)`): the unknown facts that matter, the trajectory, the deadlines, the
sensitivity and stale evidence.

They cost several rule evaluations each, so a bare assessment (a caseload of thousands)
leaves them out; every report format gets them.
"""

from __future__ import annotations

from .assessment import Assessment
from .deadlines import deadlines
from .facts import Facts
from .model import Case
from .sensitivity import sensitivity
from .staleness import stale_evidence_warnings
from .timeline import trajectory
from .unknowns import unknowns_that_matter


def analyse(assessor, case: Case, facts: Facts, result: Assessment) -> Assessment:
    """Fill `result`'s unknowns, trajectory, deadlines, sensitivity and stale evidence."""
    fired = [f.rule_id for f in result.findings + result.superseded]
    result.unknowns = unknowns_that_matter(assessor.rulebook, facts, result.level,
                                           assessor.evaluate, fired)
    result.trajectory = trajectory(assessor, case, result.as_of)
    result.deadlines = deadlines(case, result.as_of)
    result.sensitivity = sensitivity(assessor.evaluate, assessor.rulebook, facts.values,
                                     result.level, result.score)
    result.warnings += stale_evidence_warnings(case, result, assessor.rulebook)
    return result
