"""Bounded fuzzing: whatever text arrives, the loader returns a Case or raises InputError
with located problems, and the command exits 0 or 2, never 1, never with a traceback.

FUZZ_EXAMPLES sets the examples per test (CI: a few seconds each); a long run:
    FUZZ_EXAMPLES=20000 nice python -m pytest -q tests/test_fuzz.py
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessor.caseload import case_from_text
from assessor.cli import main
from assessor.model import Case
from assessor.problems import InputError

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "cases").glob("*.yaml"))]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))

# text with YAML's own punctuation, so that random text reaches the parser's corners
yaml_text = st.text(alphabet=st.sampled_from(list(":-[]{},&*!|>'\"#%@`?\n \t")) | st.characters(),
                    max_size=300)


@st.composite
def mutated_seed(draw) -> str:
    """A seed case with bytes flipped, lines deleted, duplicated or swapped."""
    lines = draw(st.sampled_from(SEEDS)).splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "flip", "insert"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "flip" and lines[i]:
            k = draw(st.integers(0, len(lines[i]) - 1))
            lines[i] = lines[i][:k] + draw(st.characters()) + lines[i][k + 1:]
        else:
            lines.insert(i, draw(yaml_text) + "\n")
    return "".join(lines)


scalars = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
           | st.sampled_from(["unknown", "2024-02-30", "2024-05", "KZ", "NO", "granted"]))
keys = st.sampled_from(["case_id", "person", "states", "name", "nationalities", "protection",
                        "decisions", "date", "outcome", "final", "sources", "events"]) | st.text(
                            max_size=8)
structures = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                          | st.dictionaries(keys, inner, max_size=5), max_leaves=25)


def loads_or_explains(text: str) -> None:
    try:
        case = case_from_text(text, "fuzz.yaml")
    except InputError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file == "fuzz.yaml" and problem.line >= 1 and problem.column >= 1
            assert problem.message and "\n" not in str(problem)
        return
    assert isinstance(case, Case)


@FUZZ
@given(yaml_text)
def test_random_text_loads_or_is_explained(text):
    loads_or_explains(text)


@FUZZ
@given(mutated_seed())
def test_mutated_seed_cases_load_or_are_explained(text):
    loads_or_explains(text)


@FUZZ
@given(structures)
def test_random_structures_load_or_are_explained(data):
    loads_or_explains(yaml.safe_dump(data, allow_unicode=True))


@settings(FUZZ, max_examples=max(10, EXAMPLES // 4))
@given(st.binary(max_size=200) | mutated_seed().map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_the_command_exits_0_or_2_never_1(tmp_path_factory, data):
    case = tmp_path_factory.mktemp("fuzz") / "case.yaml"
    case.write_bytes(data)
    result = CliRunner().invoke(main, [str(case), "-q", "--engine", "reference"])
    assert result.exit_code in (0, 2), result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
