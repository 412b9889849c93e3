"""Per-case cost of the durable-rules adapter (assessor.engine).

    python benchmarks/bench_engine.py [--cases N] [--repeat R]

Variants:
  shipped   Engine as committed: the record holds only the facts rules read,
            under short keys, enums as ints; the adapter drives durable's C action
            loop itself and reads each firing's rule name from the first bytes of
            the match, so no match is parsed into Python.
  host      the plain engine.Host design: durable's Host runs one Python action
            per firing, which parses the match, builds a Closure and re-serialises
            the session state each time.
  +big      the same, with the record also carrying every fact under its long
            name (what a naive adapter sends): does a bigger matched record make
            each firing costlier?

Every variant is checked against the reference evaluator before it is timed.
Timings are best of R runs; the machine's load is printed, since it skews them.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path
from typing import Mapping, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import assessor.engine as engine_module  # noqa: E402
from assessor.conditions import (  # noqa: E402
    All,
    Any,
    Compare,
    Condition,
    FactType,
    In,
    Presence,
    reference_evaluate,
)
from assessor.engine import Engine, EngineError  # noqa: E402

Facts = Mapping[str, object]
Rules = Sequence[tuple[str, Condition]]


# --- the synthetic rule set: 45 rules over 80 facts --------------------------------------


def synthetic() -> tuple[Rules, dict[str, FactType], Facts, Facts]:
    """45 rules, each gated by its own bool switch and otherwise true on the base
    record, so the switches decide how many fire. Returns rules, types, a record
    where 15 fire and one where none fire (both with all 80 facts known)."""
    names = [f"switch_for_rule_number_{i:02}" for i in range(45)]
    ints = [f"days_since_event_number_{i:02}" for i in range(20)]
    enums = [f"treaty_or_state_kind_{i:02}" for i in range(15)]
    types = {n: FactType(n, "bool") for n in names}
    types |= {n: FactType(n, "int") for n in ints}
    types |= {n: FactType(n, "enum", ("none", "bilateral", "multilateral", "ad_hoc")) for n in enums}
    rules = [(f"R{i:02}", All((Compare(names[i], "eq", True), _extra(i, ints, enums)))) for i in range(45)]
    base: dict[str, object] = {n: 10 + i for i, n in enumerate(ints)} | {n: "bilateral" for n in enums}
    fire_15 = base | {n: i < 15 for i, n in enumerate(names)}
    fire_0 = base | {n: False for n in names}
    return rules, types, fire_15, fire_0


def _extra(i: int, ints: list[str], enums: list[str]) -> Condition:
    """A mix of operators that holds on the base record."""
    a, b, e = ints[i % 20], ints[(i + 7) % 20], enums[i % 15]
    kinds = [
        Compare(a, "gte", 5),
        All((Compare(a, "lt", 1000), In(e, ("bilateral", "ad_hoc")))),
        Any((Compare(b, "eq", -1), Compare(e, "ne", "none"))),
        All((Presence(b, True), Compare(e, "eq", "bilateral"))),
    ]
    return kinds[i % len(kinds)]


# --- the variants -------------------------------------------------------------------------


class BigRecord:
    """Every fact also rides along in the record under its own name."""

    def _record(self, facts: Facts) -> dict:
        record = super()._record(facts)  # type: ignore[misc]
        record.update({name: value for name, value in facts.items() if value is not None})
        return record


class HostDriven:
    """durable's Host runs the registered Python action of every firing."""

    def _run_case(self, record: dict) -> list[int]:
        self._log.start()  # type: ignore[attr-defined]
        try:
            self._host.assert_facts(self._name, self._batch(record))  # type: ignore[attr-defined]
            error = self._host.get_state(self._name, engine_module._SID).get("exception")  # type: ignore[attr-defined]
        finally:
            self._end_case()  # type: ignore[attr-defined]
        if error:
            raise EngineError(error)
        return self._log.hits  # type: ignore[attr-defined]


VARIANTS: dict[str, type[Engine]] = {
    "shipped": Engine,
    "+big": type("BigEngine", (BigRecord, Engine), {}),
    "host": type("HostEngine", (HostDriven, Engine), {}),
    "host+big": type("HostBigEngine", (HostDriven, BigRecord, Engine), {}),
}


# --- measuring ----------------------------------------------------------------------------


def per_case(engine: Engine, cases: Sequence[Facts], repeat: int) -> float:
    """Best-of-`repeat` microseconds per case."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for facts in cases:
            engine.evaluate(facts)
        best = min(best, (time.perf_counter() - start) / len(cases))
    return best * 1e6


def firings(engine: Engine, cases: Sequence[Facts]) -> tuple[float, float]:
    """(distinct rules fired, durable firings) per case, sentinel excluded."""
    distinct = durable = 0
    for facts in cases:
        distinct += len(engine.evaluate(facts))
        durable += len(engine._log.hits)
    return distinct / len(cases), durable / len(cases)


def row(label: str, variant: str, rules: Rules, types: Mapping[str, FactType],
        cases: Sequence[Facts], repeat: int) -> str:
    with VARIANTS[variant](rules, types) as engine:
        for facts in cases:  # correctness first
            assert engine.evaluate(facts) == reference_evaluate(rules, facts), (variant, facts)
        us = per_case(engine, cases, repeat)
        distinct, durable = firings(engine, cases)
    return f"| {label:<26} | {variant:<8} | {us:8.0f} | {distinct:6.1f} | {durable:7.1f} | {1e6 / us:7.0f} |"


def reference_row(label: str, rules: Rules, cases: Sequence[Facts], repeat: int) -> str:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for facts in cases:
            reference_evaluate(rules, facts)
        best = min(best, (time.perf_counter() - start) / len(cases))
    fired = sum(len(reference_evaluate(rules, f)) for f in cases) / len(cases)
    return f"| {label:<26} | {'ref.':<8} | {best * 1e6:8.0f} | {fired:6.1f} | {'-':>7} | {1 / best:7.0f} |"


def project_rules() -> tuple[Rules, dict[str, FactType]] | None:
    """The project's own rulebook and catalogue, when they load."""
    try:
        from assessor.facts import fact_types
        from assessor.rulebook import load_rulebook

        return load_rulebook(None).conditions(), fact_types()
    except Exception as exc:  # the lead's modules are optional here
        print(f"(project rulebook not measured: {exc})")
        return None


def random_records(types: Mapping[str, FactType], rules: Rules, known: float, n: int) -> list[dict]:
    """Records where each fact is known with probability `known`, with values near the rules' literals."""
    rng = random.Random(7)
    literals: dict[str, list[int]] = {}
    for _, cond in rules:
        _collect_ints(cond, literals)

    def value(ft: FactType) -> object:
        if ft.kind == "bool":
            return rng.random() < 0.5
        if ft.kind == "enum":
            return rng.choice(ft.values)
        near = [v + d for v in literals.get(ft.name, [0]) for d in (-1, 0, 1)]
        return rng.choice(near + [0, 100])

    return [{n: value(t) for n, t in types.items() if rng.random() < known} for _ in range(n)]


def _collect_ints(cond: Condition, out: dict[str, list[int]]) -> None:
    if isinstance(cond, (All, Any)):
        for child in cond.children:
            _collect_ints(child, out)
    elif isinstance(cond, Compare) and type(cond.value) is int:
        out.setdefault(cond.fact, []).append(cond.value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=1000, help="cases per timing run")
    parser.add_argument("--repeat", type=int, default=5, help="timing runs; the best is kept")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cpus; best of {args.repeat}\n")
    print(f"| {'scenario':<26} | {'variant':<8} | {'µs/case':>8} | {'fired':>6} | {'durable':>7} | {'cases/s':>7} |")
    print(f"|{'-' * 28}|{'-' * 10}|{'-' * 10}|{'-' * 8}|{'-' * 9}|{'-' * 9}|")
    rules, types, fire_15, fire_0 = synthetic()
    for label, record in (("45 rules/80 facts, 15 fire", fire_15), ("45 rules/80 facts, 0 fire", fire_0)):
        cases = [record] * args.cases
        for variant in VARIANTS:
            print(row(label, variant, rules, types, cases, args.repeat))
        print(reference_row(label, rules, cases, args.repeat))
    project = project_rules()
    if project:
        rules, types = project
        for known in (0.5, 1.0):
            label = f"project {len(rules)} rules, {known:.0%} known"
            cases = random_records(types, rules, known, args.cases)
            for variant in ("shipped", "host"):
                print(row(label, variant, rules, types, cases, args.repeat))
            print(reference_row(label, rules, cases, args.repeat))
    print("\nfired: distinct rules per case; durable: firings durable ran (an `any` with k true branches fires k times)")


if __name__ == "__main__":
    main()
