"""How fast the assessor is, against the targets of issue 8, in one table.

    python benchmarks/bench.py              # the full run (a few minutes on 2 cores)
    python benchmarks/bench.py --quick      # smaller counts, for a first look
    python benchmarks/bench.py --crossover  # also: one process vs the pool, by batch size

Every measurement runs in a fresh child process, so that imports, caches and peak memory
of one do not leak into the next. Numbers on a shared machine are noisy: the table starts
with the load average, and cold runs are the best of several.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLE = ROOT / "cases" / "smailova-montenegro.yaml"
POOL = 1000  # distinct generated case files behind the throughput runs
TARGETS = {"cold_md": 0.6, "rate": 1000, "ratio": 3.0, "summary_1000": 15.0}


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def assess_command() -> list[str]:
    script = Path(sys.executable).with_name("assess")
    return [str(script)] if script.exists() else [sys.executable, "-m", "assessor.cli"]


def child(*args: str) -> dict:
    """Run this script in a child process for one measurement; it prints one JSON line."""
    out = subprocess.run([sys.executable, str(Path(__file__)), *args], check=True,
                         capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- measurements made inside a child ----------------------------------------------------


def throughput(n: int, engine: str) -> dict:
    """Assessments per second through facts + engine + assessment (analyse=False) over
    n generated cases: POOL perturbed case files, each as of n/POOL different dates.
    Only the pipeline is timed; generating and validating the cases is not."""
    import datetime as dt

    sys.path.insert(0, str(HERE))
    import gen_cases
    from assessor.pipeline import Assessor
    from assessor.rulebook import load_rulebook

    pool = [case for _, case in gen_cases.cases(min(POOL, n), seed=1)]
    per_case = max(1, n // len(pool))
    assessor = Assessor(load_rulebook(), engine=engine)  # type: ignore[arg-type]
    levels: dict[str, int] = {}
    elapsed = 0.0
    done = 0
    for round_ in range(per_case):
        for case in pool:
            # the case as it stood on different days: before, during and after its events
            as_of = case.as_of.latest + dt.timedelta(days=90 * (round_ - per_case // 2))
            start = time.perf_counter()
            result = assessor.assess(case, as_of)
            elapsed += time.perf_counter() - start
            levels[result.level] = levels.get(result.level, 0) + 1
            done += 1
    assessor.close()
    maxrss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"n": done, "seconds": elapsed, "rate": done / elapsed, "levels": levels,
            "maxrss_mib": maxrss_kib / 1024}


# --- measurements made from the parent ---------------------------------------------------


def cold(args: list[str], repeats: int) -> float:
    """Best wall time of a fresh `assess` process."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([*assess_command(), *args], check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return min(times)


def pdf_available() -> bool:
    help_text = subprocess.run([*assess_command(), "run", "--help"], capture_output=True,
                               text=True).stdout
    if "pdf" not in help_text:
        return False
    probe = subprocess.run([*assess_command(), str(EXAMPLE), "--format", "pdf", "-o", "-", "-q"],
                           capture_output=True)
    return probe.returncode == 0


def summary_wall(folder: Path, out: Path, *extra: str) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.run([*assess_command(), str(folder), "--summary", "--format", "json",
                           "-o", str(out), "-q", *extra], capture_output=True, cwd=ROOT)
    return time.perf_counter() - start, proc.returncode


def make_files(folder: Path, n: int) -> None:
    sys.path.insert(0, str(HERE))
    import gen_cases

    gen_cases.write_cases(folder, n, seed=2)


def row(name: str, value: str, target: str, met: bool | None) -> list[str]:
    return [name, value, target, "" if met is None else ("yes" if met else "NO")]


def print_table(rows: list[list[str]]) -> None:
    header = ["measurement", "result", "target", "met"]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    for r in [header, ["-" * w for w in widths], *rows]:
        print(" | ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller counts")
    parser.add_argument("--crossover", action="store_true",
                        help="also time one process against the pool by batch size")
    parser.add_argument("--repeats", type=int, default=5, help="cold runs: best of N")
    parser.add_argument("--throughput", type=int, help=argparse.SUPPRESS)  # child mode
    parser.add_argument("--engine", default="durable", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.throughput:
        print(json.dumps(throughput(args.throughput, args.engine)))
        return

    big, small, files = (2000, 1000, 200) if args.quick else (10_000, 2000, 1000)
    print(f"before: {load()}  ({os.cpu_count()} cores, Python {sys.version.split()[0]})")
    rows: list[list[str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        md = cold([str(EXAMPLE), "--format", "md", "-o", str(tmp_path / "r.md"), "-q"],
                  args.repeats)
        rows.append(row(f"cold `assess --format md`, best of {args.repeats}", f"{md:.3f} s",
                        f"< {TARGETS['cold_md']} s", md < TARGETS["cold_md"]))
        if pdf_available():
            pdf = cold([str(EXAMPLE), "--format", "pdf", "-o", str(tmp_path / "r.pdf"), "-q"],
                       args.repeats)
            rows.append(row(f"cold `assess --format pdf`, best of {args.repeats}",
                            f"{pdf:.3f} s", "", None))
        else:
            rows.append(row("cold `assess --format pdf`", "n/a (no pdf format)", "", None))

        durable = child("--throughput", str(big), "--engine", "durable")
        reference = child("--throughput", str(big), "--engine", "reference")
        rows.append(row(f"assessments/s, durable-rules, {durable['n']:,} cases",
                        f"{durable['rate']:,.0f}/s ({1e3 / durable['rate']:.2f} ms each)",
                        f">= {TARGETS['rate']:,}/s", durable["rate"] >= TARGETS["rate"]))
        rows.append(row(f"assessments/s, reference evaluator, {reference['n']:,} cases",
                        f"{reference['rate']:,.0f}/s ({1e3 / reference['rate']:.2f} ms each)",
                        "", None))
        ratio = reference["rate"] / durable["rate"]
        rows.append(row("durable pipeline time / reference pipeline time", f"{ratio:.2f}x",
                        f"<= {TARGETS['ratio']}x", ratio <= TARGETS["ratio"]))
        fewer = child("--throughput", str(small), "--engine", "durable")
        growth = durable["maxrss_mib"] - fewer["maxrss_mib"]
        rows.append(row(f"peak RSS, {small:,} vs {durable['n']:,} cases (durable)",
                        f"{fewer['maxrss_mib']:.1f} vs {durable['maxrss_mib']:.1f} MiB "
                        f"({growth:+.1f})", "flat (< 5 MiB growth)", abs(growth) < 5))

        folder = tmp_path / "caseload"
        make_files(folder, files)
        wall, code = summary_wall(folder, tmp_path / "summary.json")
        rows.append(row(f"`assess FOLDER --summary` over {files:,} files", f"{wall:.2f} s"
                        + ("" if code == 0 else f" (exit {code})"),
                        f"< {TARGETS['summary_1000']} s" if files == 1000 else "",
                        wall < TARGETS["summary_1000"] if files == 1000 else None))
        if args.crossover:
            for n in (50, 100, 200, 400):
                sub = tmp_path / f"x{n}"
                sub.mkdir()
                for path in sorted(folder.glob("*.yaml"))[:n]:
                    shutil.copy(path, sub / path.name)
                one = min(summary_wall(sub, tmp_path / "o.json", "--jobs", "1")[0]
                          for _ in range(2))
                two = min(summary_wall(sub, tmp_path / "o.json", "--jobs", "2")[0]
                          for _ in range(2))
                rows.append(row(f"--summary over {n} files: 1 process vs 2 workers",
                                f"{one:.2f} s vs {two:.2f} s", "", None))
    print_table(rows)
    print(f"after: {load()}")
    print(f"levels over the durable run: {json.dumps(durable['levels'])}")


if __name__ == "__main__":
    main()
