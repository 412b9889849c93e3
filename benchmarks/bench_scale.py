"""How assessment time grows with the size of a case, up to the documented limits.

    python benchmarks/bench_scale.py            # every list up to its limit
    python benchmarks/bench_scale.py --quick    # smaller sizes, for a first look

For events, charges, asylum claims and sources, the Smailova case is given n items of that
kind (n doubling up to what the limits allow: assessor/validation.py MAX_ITEMS in one list,
MAX_PARTS in all)
and assessed with every analysis a report shows (trajectory, sensitivity, deadlines,
stale evidence) by the reference engine, as the command does for a report. For each kind
it prints the CPU time per size, the slope of time against n (milliseconds per item, least
squares) and the exponent of a power law fitted on the log-log scale: 1 is linear, 2
quadratic. Then the worst file under the limits (the items allowed, shared among events,
charges and claims, and every source allowed), and a name of the longest text allowed,
rendered to PDF.

Each run is bounded: a size whose assessment takes longer than --budget seconds stops its
series (and is printed as such), so that a regression shows as a refusal to finish, not a
hung benchmark.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import math
import os
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from a checkout

from assessor.caseload import case_from_text  # noqa: E402
from assessor.pipeline import Assessor  # noqa: E402
from assessor.validation import MAX_ITEMS, MAX_PARTS, MAX_TEXT  # noqa: E402
from assessor.yamlfile import MAX_BYTES  # noqa: E402

SEED = yaml.safe_load((ROOT / "cases" / "smailova-montenegro.yaml").read_text("utf-8"))
START = dt.date(2016, 1, 1)


def day(i: int, n: int) -> str:
    """n dates spread over eight years before the case's as-of date (2024-05-01)."""
    return (START + dt.timedelta(days=(i * 2900) // max(n, 1))).isoformat()


def items(kind: str, n: int) -> dict:
    """The changes that give the seed case n items of `kind`."""
    if kind == "events":
        return {"events": [{"date": day(i, n), "title": f"Hearing number {i}"}
                           for i in range(n)]}
    if kind == "charges":
        base = SEED["charges"][0]
        return {"charges": [{**base, "offence": f"Fraud, count {i}", "opened": day(i, n)}
                            for i in range(n)]}
    if kind == "claims":  # bare asylum claims, the cheapest item a file can hold
        return {"protection": [{"kind": "asylum", "filed": day(i, n)} for i in range(n)]}
    if kind == "sources":
        extra = [{"id": f"source-{i}", "title": f"Report {i}", "kind": "news",
                  "date": day(i, n)} for i in range(n)]
        return {"sources": SEED["sources"] + extra}
    raise ValueError(kind)


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True  # case files refuse aliases: write every repeated value out


def parts(node, top: str | None = None) -> int:
    """Items the loader counts against MAX_PARTS: mappings in lists, outside `sources`."""
    if isinstance(node, dict):
        return sum(parts(v, top if top is not None else k) for k, v in node.items())
    if isinstance(node, list):
        return sum((isinstance(x, dict) and top != "sources") + parts(x, top) for x in node)
    return 0


def room(kind: str) -> int:
    """How many items of `kind` the seed case can be given within the limits."""
    key = {"events": "events", "charges": "charges", "claims": "protection",
           "sources": "sources"}[kind]
    rest = parts({k: v for k, v in SEED.items() if k != key})
    if kind == "sources":
        return MAX_ITEMS - len(SEED["sources"])
    return min(MAX_ITEMS, MAX_PARTS - rest)


def case_text(changes: dict) -> str:
    data = copy.deepcopy(SEED)
    data.update(changes)
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True)


def timed(assessor: Assessor, text: str) -> float:
    """CPU seconds of this process to load and assess the case (wall time on a shared
    machine measures the neighbours as much as the assessor)."""
    start = time.process_time()
    case = case_from_text(text, "bench.yaml")
    assessor.assess(case, analyse=True)
    return time.process_time() - start


def fit(sizes: list[int], seconds: list[float]) -> tuple[float, float]:
    """(slope in ms per item, log-log exponent), least squares."""
    mean_n, mean_t = sum(sizes) / len(sizes), sum(seconds) / len(seconds)
    slope = sum((n - mean_n) * (t - mean_t) for n, t in zip(sizes, seconds)) / sum(
        (n - mean_n) ** 2 for n in sizes)
    xs, ys = [math.log(n) for n in sizes], [math.log(max(t, 1e-6)) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    exponent = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    return slope * 1000, exponent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sizes up to a quarter of the limit")
    parser.add_argument("--budget", type=float, default=60.0,
                        help="seconds one assessment may take before its series stops")
    args = parser.parse_args()
    print(f"CPU seconds of one process; load average {os.getloadavg()[0]:.1f}; limits: {MAX_ITEMS:,} items per list, "
          f"{MAX_PARTS:,} items in all besides sources, {MAX_TEXT:,} characters per text, "
          f"{MAX_BYTES:,} bytes per file")
    assessor = Assessor(engine="reference")
    timed(assessor, case_text({}))  # warm the caches
    worst = 0.0
    for kind in ("events", "charges", "claims", "sources"):
        top = room(kind) // (4 if args.quick else 1)
        sizes = [n for n in (top // 8, top // 4, top // 2, top) if n > 0]
        done, seconds = [], []
        for n in sizes:
            took = timed(assessor, case_text(items(kind, n)))
            done.append(n)
            seconds.append(took)
            worst = max(worst, took)
            if took > args.budget:
                print(f"  {kind}: {n} items took {took:.1f} s, over the budget; stopped")
                break
        cells = "  ".join(f"{n:>5}: {t * 1000:8.1f} ms" for n, t in zip(done, seconds))
        slope, exponent = fit(done, seconds) if len(done) > 1 else (float("nan"),) * 2
        print(f"{kind:8} {cells}   slope {slope:6.2f} ms/item, exponent {exponent:4.2f}")
    # the worst file under the limits: the items it may hold, shared among the lists
    share = (MAX_PARTS - parts({k: v for k, v in SEED.items()
                                if k not in ("events", "charges", "protection")})) // 3
    everything: dict = {}
    for kind in ("events", "charges", "claims"):
        everything.update(items(kind, share))
    everything.update(items("sources", room("sources")))
    text = case_text(everything)
    print(f"{share} events, {share} charges, {share} claims and {MAX_ITEMS} sources "
          f"({len(text.encode()):,} bytes): {timed(assessor, text):.1f} s")
    long_name = copy.deepcopy(SEED)
    long_name["person"]["name"] = "A" + "n" * (MAX_TEXT - 1)
    case = case_from_text(yaml.dump(long_name, Dumper=_Dumper, allow_unicode=True),
                          "bench.yaml")
    from assessor.render import render

    start = time.process_time()
    render(assessor.assess(case, analyse=True), "pdf")
    print(f"a one-word name of {MAX_TEXT:,} characters, to PDF: "
          f"{time.process_time() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
