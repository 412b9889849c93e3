"""Time of the analyses a report adds to an assessment (issue 6), in one process.

    python benchmarks/bench_whatif.py

Prints, for each seed case at its own as-of date, the median time of a full sensitivity
analysis (every next event of rules/data/phrases.yaml tried on the facts; target: under
1 s), of the trajectory, and of a whole `assess(..., analyse=True)`.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assessor.caseload import load_case  # noqa: E402
from assessor.facts import derive  # noqa: E402
from assessor.pipeline import Assessor  # noqa: E402
from assessor.sensitivity import phrases, sensitivity  # noqa: E402
from assessor.timeline import trajectory  # noqa: E402

REPEAT = 5


def median_seconds(fn) -> float:
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    with Assessor() as assessor:
        for name in ("smailova-montenegro.yaml", "akhmetova-ukraine.yaml"):
            case = load_case(ROOT / "cases" / name)
            as_of = case.as_of.latest
            base = assessor.assess(case, as_of)  # warm the engine and the tables

            def full_sensitivity():
                values = derive(case, as_of).values
                return sensitivity(assessor.evaluate, assessor.rulebook, values, base.level,
                                   base.score)

            tried = len(phrases().next_events)
            s = median_seconds(full_sensitivity)
            t = median_seconds(lambda: trajectory(assessor, case, as_of))
            a = median_seconds(lambda: assessor.assess(case, as_of, analyse=True))
            target = "ok" if s < 1 else "OVER TARGET"
            print(f"{case.case_id} as of {as_of}: sensitivity {s * 1000:.0f} ms "
                  f"({tried} changes tried; target < 1000 ms: {target}); "
                  f"trajectory {t * 1000:.0f} ms; assess(analyse=True) {a * 1000:.0f} ms")


if __name__ == "__main__":
    main()
