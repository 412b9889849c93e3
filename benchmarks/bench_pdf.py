"""A cold PDF against the same report in Markdown (issue 17: the PDF within 2.5x), and the
Word memorandum beside them.

    python benchmarks/bench_pdf.py            # 5 cold runs of each, best and median
    python benchmarks/bench_pdf.py --runs 9 --case cases/akhmetova-ukraine.yaml
    python benchmarks/bench_pdf.py --lang ru   # the same reports in Russian

Each run is a fresh `assess CASE --format FMT -o FILE -q` process, so that every import is
paid for as a user pays for it. On a shared machine wall time is noisy: the table gives the
load average, the best and median wall time, and the CPU time the child used (user + system),
which the load disturbs less. The ratio is taken on the best of each.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "cases" / "smailova-montenegro.yaml"
TARGET_RATIO = 2.5


def assess_command() -> list[str]:
    script = Path(sys.executable).with_name("assess")
    return [str(script)] if script.exists() else [sys.executable, "-m", "assessor.cli"]


def one_run(case: Path, fmt: str, folder: Path, lang: str = "en") -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one cold report."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([*assess_command(), str(case), "--format", fmt, "-o",
                    str(folder / f"report.{fmt}"), "-q", "--lang", lang], check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--case", type=Path, default=CASE)
    parser.add_argument("--formats", default="md,pdf,docx")
    parser.add_argument("--lang", default="en", help="the reports' language (en, ru)")
    options = parser.parse_args()
    formats = options.formats.split(",")
    results: dict[str, list[tuple[float, float]]] = {f: [] for f in formats}
    with tempfile.TemporaryDirectory() as folder:
        for fmt in formats:  # a warm-up each: the file system cache, not Python's
            one_run(options.case, fmt, Path(folder), options.lang)
        for _ in range(options.runs):
            for fmt in formats:  # interleaved, so that a burst of load hits all alike
                results[fmt].append(one_run(options.case, fmt, Path(folder), options.lang))
        pages = _pages(Path(folder) / "report.pdf") if "pdf" in formats else None
    print(f"{options.case.name}, {options.runs} cold runs each, load average "
          + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    print(f"{'format':8} {'best s':>8} {'median s':>9} {'CPU best s':>11} {'CPU median':>11}")
    for fmt, runs in results.items():
        walls, cpus = [w for w, _ in runs], [c for _, c in runs]
        print(f"{fmt:8} {min(walls):8.2f} {statistics.median(walls):9.2f} "
              f"{min(cpus):11.2f} {statistics.median(cpus):11.2f}")
    if "md" in results and "pdf" in results:
        wall = min(w for w, _ in results["pdf"]) / min(w for w, _ in results["md"])
        cpu = min(c for _, c in results["pdf"]) / min(c for _, c in results["md"])
        print(f"pdf / md: {wall:.2f}x wall, {cpu:.2f}x CPU (target {TARGET_RATIO}x)"
              + (f"; the PDF has {pages} pages" if pages else ""))


def _pages(path: Path) -> int | None:
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover
        return None
    return len(PdfReader(path).pages)


if __name__ == "__main__":
    main()
