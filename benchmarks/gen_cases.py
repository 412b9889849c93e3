"""Varied, valid case files for benchmarks and caseload tests, made by perturbing the seeds.

Each generated case starts from one seed case in `cases/` and changes what a real caseload
varies: every date moves by the same random shift (so that the order of events holds),
items of the timeline are dropped, decision outcomes, finality and yes/no flags are redrawn
or left unknown, and the as-of date falls anywhere from before the first event to after
the last. Outcomes are drawn from the case model's own vocabularies, so the generator never
drifts from the model. A draw that the model rejects (rare: e.g. a release before an arrest
after items were dropped) is redrawn; every case returned has passed full validation.

    python benchmarks/gen_cases.py OUT_DIR -n 1000 [--seed 1] [--broken 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from pathlib import Path
from typing import Any, Iterator, get_args

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from a checkout

from assessor.caseload import case_from_document  # noqa: E402
from assessor.model import Case, DecisionOutcome, ExtraditionDecision  # noqa: E402
from assessor.problems import InputError  # noqa: E402
from assessor.yamlfile import Document, parse  # noqa: E402

SEEDS = sorted(p for p in (ROOT / "cases").glob("*.yaml") if p.name != "template.yaml")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# Keys whose lists are parts of the timeline: an item may be missing from another case.
_DROPPABLE = {"decisions", "international", "detentions", "interpol", "country_evidence",
              "services_activity", "events", "charges", "public_activity", "treaties",
              "requests", "protection", "assurances"}
# Outcomes are redrawn from the model's vocabularies (never a copy of them).
_OUTCOMES = {
    "protection": list(get_args(DecisionOutcome)),
    "extradition": list(get_args(ExtraditionDecision.model_fields["outcome"].annotation)),
}
_MAX_TRIES = 20


def seed_documents() -> list[dict[str, Any]]:
    """The seed cases as plain data, dates kept as the text the lawyer wrote."""
    documents = [parse(path.read_text(encoding="utf-8"), str(path)).data for path in SEEDS]
    return [d for d in documents if isinstance(d, dict) and "case_id" in d]  # not a template


def perturb(seed: dict[str, Any], rng: random.Random, index: int) -> dict[str, Any]:
    """One varied copy of a seed case (not yet validated)."""
    shift = dt.timedelta(days=rng.randint(-4 * 365, 2 * 365))
    data = _walk(seed, (), rng, shift)
    data["case_id"] = f"gen-{index:05d}"
    data["title"] = f"Generated case {index} (from {seed['case_id']})"
    data["provenance"] = "fictional"
    data["person"]["name"] = f"Person {index}"
    data["as_of"] = _as_of(data, rng)
    return data


def _walk(node: Any, path: tuple[str, ...], rng: random.Random, shift: dt.timedelta) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            new = _walk(value, (*path, key), rng, shift)
            if key == "outcome" and rng.random() < 0.3:
                new = rng.choice(_OUTCOMES["extradition" if "extradition" in path else "protection"])
            out[key] = new
        return out
    if isinstance(node, list):
        items = [_walk(v, path, rng, shift) for v in node]
        if path and path[-1] in _DROPPABLE:
            items = [item for item in items if rng.random() >= 0.2]
        return items
    if isinstance(node, bool):
        # a yes/no fact: kept, flipped, or left unknown (unknown is not false)
        return rng.choices([node, not node, None], weights=(6, 2, 2))[0]
    if isinstance(node, str) and path and path[-1] not in ("case_id", "id") and _DATE.match(node):
        return _shift(node, shift)
    return node


def _shift(text: str, shift: dt.timedelta) -> str:
    year, month, day = (int(g) if g else None for g in _DATE.match(text).groups())
    if day:
        return (dt.date(year, month, day) + shift).isoformat()
    years = round(shift.days / 365.25)  # a month or a year moves by whole years
    return f"{year + years:04d}" + (f"-{month:02d}" if month else "")


def _dates(node: Any) -> Iterator[dt.date]:
    if isinstance(node, dict):
        for value in node.values():
            yield from _dates(value)
    elif isinstance(node, list):
        for value in node:
            yield from _dates(value)
    elif isinstance(node, str) and (match := _DATE.match(node)):
        year, month, day = (int(g) if g else None for g in match.groups())
        yield dt.date(year, month or 1, day or 1)


def _as_of(data: dict[str, Any], rng: random.Random) -> str:
    """Anywhere from a year before the first event to a year after the last."""
    dates = sorted(_dates({k: v for k, v in data.items() if k not in ("as_of", "sources")}))
    first, last = dates[0] - dt.timedelta(days=365), dates[-1] + dt.timedelta(days=365)
    return (first + dt.timedelta(days=rng.randint(0, (last - first).days))).isoformat()


def cases(n: int, seed: int = 1) -> Iterator[tuple[dict[str, Any], Case]]:
    """`n` generated cases, each as (data, validated Case); reproducible from `seed`."""
    rng = random.Random(seed)
    seeds = seed_documents()
    for index in range(n):
        for _ in range(_MAX_TRIES):
            data = perturb(rng.choice(seeds), rng, index)
            try:
                yield data, case_from_document(Document(f"gen-{index}", data, {}))
                break
            except InputError:
                continue
        else:  # pragma: no cover: the seeds themselves are valid
            raise RuntimeError(f"no valid case after {_MAX_TRIES} draws")


def dump(data: dict[str, Any]) -> str:
    # dates are text already; null is how YAML writes an unknown yes/no
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def write_cases(folder: Path, n: int, seed: int = 1, broken: int = 0) -> list[Path]:
    """Write `n` case files into `folder`; the last `broken` of them are made invalid."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, (data, _) in enumerate(cases(n, seed)):
        path = folder / f"{data['case_id']}.yaml"
        if index >= n - broken:
            # a typo a person makes: a country's name for its code, located by the loader
            data = {**data, "states": {**data["states"], "requesting": "Kazakstan"}}
        text = dump(data)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--broken", type=int, default=0, help="how many files to break")
    args = parser.parse_args(argv)
    paths = write_cases(args.folder, args.n, args.seed, args.broken)
    print(f"wrote {len(paths)} case files to {args.folder}")


if __name__ == "__main__":
    main()
