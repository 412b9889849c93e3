"""The condition language of rules (docs/conditions.md): parse, evaluate, print.

Pure Python. `evaluate` is the reference semantics that the durable-rules adapter
(`assessor.engine`) must reproduce on every rule and every fact record.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal, Mapping, Sequence, TypeAlias

FactValue: TypeAlias = bool | int | str
Path: TypeAlias = tuple[str | int, ...]
CompareOp: TypeAlias = Literal["eq", "ne", "lt", "lte", "gt", "gte"]

COMPARE_OPS: tuple[CompareOp, ...] = ("eq", "ne", "lt", "lte", "gt", "gte")
ORDER_OPS = frozenset({"lt", "lte", "gt", "gte"})
OPERATORS = (*COMPARE_OPS, "in", "known", "unknown")
GROUPS = ("all", "any")
# The engine passes ints through to durable-rules, which handles int64 exactly
# but misbehaves beyond it (its C code reads them as 64-bit integers).
INT_MIN, INT_MAX = -(2**63), 2**63 - 1


@dataclass(frozen=True)
class FactType:
    """A fact of the catalogue: its name, type and, for an enum, the allowed strings."""

    name: str
    kind: Literal["bool", "int", "enum"]
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class ConditionError:
    """One problem in a `when:` condition, at `path` inside its data."""

    path: Path
    message: str

    def __str__(self) -> str:
        where = ".".join(str(p) for p in self.path) or "<when>"
        return f"{where}: {self.message}"


class ConditionErrors(ValueError):
    """Raised by `parse`; `.errors` lists every problem found, not just the first."""

    def __init__(self, errors: Sequence[ConditionError]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors))


# --- the tree ------------------------------------------------------------------


@dataclass(frozen=True)
class Compare:
    """`fact op value`; false when the fact is unknown (also for `ne`)."""

    fact: str
    op: CompareOp
    value: FactValue


@dataclass(frozen=True)
class In:
    """The fact is known and equal to one of `values`."""

    fact: str
    values: tuple[FactValue, ...]


@dataclass(frozen=True)
class Presence:
    """`known: true` (known=True) or `unknown: true` (known=False)."""

    fact: str
    known: bool


@dataclass(frozen=True)
class All:
    """Every child holds."""

    children: tuple[Condition, ...]


@dataclass(frozen=True)
class Any:
    """At least one child holds."""

    children: tuple[Condition, ...]


Condition: TypeAlias = Compare | In | Presence | All | Any


# --- meaning -----------------------------------------------------------------------

_COMPARE = {
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "lt": lambda a, b: a < b,
    "lte": lambda a, b: a <= b,
    "gt": lambda a, b: a > b,
    "gte": lambda a, b: a >= b,
}


def evaluate(cond: Condition, facts: Mapping[str, FactValue]) -> bool:
    """Whether `cond` holds on `facts`. An absent (or None) fact is unknown."""
    match cond:
        case Compare(fact, op, value):
            got = facts.get(fact)
            return got is not None and _COMPARE[op](got, value)
        case In(fact, values):
            got = facts.get(fact)
            return got is not None and got in values
        case Presence(fact, known):
            return (facts.get(fact) is not None) == known
        case All(children):
            return all(evaluate(c, facts) for c in children)
        case Any(children):
            return any(evaluate(c, facts) for c in children)
    raise TypeError(f"not a condition: {cond!r}")


def reference_evaluate(
    rules: Sequence[tuple[str, Condition]], facts: Mapping[str, FactValue]
) -> tuple[str, ...]:
    """Ids of the rules whose condition holds, in the given order."""
    return tuple(rule_id for rule_id, cond in rules if evaluate(cond, facts))


def facts_named(cond: Condition) -> frozenset[str]:
    """Names of the facts the condition reads."""
    if isinstance(cond, (All, Any)):
        return frozenset().union(*(facts_named(c) for c in cond.children))
    return frozenset({cond.fact})


# --- back to data and to words ---------------------------------------------------------


def to_data(cond: Condition) -> object:
    """Canonical plain data (YAML-able); `parse(to_data(c), types) == c`."""
    match cond:
        case Compare(fact, "eq", value):
            return {fact: value}
        case Compare(fact, op, value):
            return {fact: {op: value}}
        case In(fact, values):
            return {fact: {"in": list(values)}}
        case Presence(fact, known):
            return {fact: {"known" if known else "unknown": True}}
        case All(children):
            return {"all": [to_data(c) for c in children]}
        case Any(children):
            return {"any": [to_data(c) for c in children]}
    raise TypeError(f"not a condition: {cond!r}")


_SYMBOL = {"lt": "<", "lte": "≤", "gt": ">", "gte": "≥"}


def describe(cond: Condition) -> str:
    """One line for a person, e.g. 'asylum_pending is true and days_since_arrest ≤ 30'."""
    match cond:
        case Compare(fact, "eq", value):
            return f"{fact} is {_word(value)}"
        case Compare(fact, "ne", value):
            return f"{fact} is not {_word(value)}"
        case Compare(fact, op, value):
            return f"{fact} {_SYMBOL[op]} {_word(value)}"
        case In(fact, values):
            return f"{fact} is one of {', '.join(_word(v) for v in values)}"
        case Presence(fact, known):
            return f"{fact} is {'known' if known else 'unknown'}"
        case All(children):
            return " and ".join(_part(c, All) for c in children)
        case Any(children):
            return " or ".join(_part(c, Any) for c in children)
    raise TypeError(f"not a condition: {cond!r}")


def _part(cond: Condition, parent: type) -> str:
    """Bracket a nested group of the other kind: 'a and (b or c)'."""
    text = describe(cond)
    if isinstance(cond, (All, Any)) and type(cond) is not parent and len(cond.children) > 1:
        return f"({text})"
    return text


def _word(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --- parsing -------------------------------------------------------------------------


def parse(data: object, fact_types: Mapping[str, FactType]) -> Condition:
    """Check `when:` data strictly against the fact catalogue and build its tree.

    Raises ConditionErrors listing every problem found.
    """
    parser = _Parser(fact_types)
    cond = parser.condition(data, ())
    if parser.errors or cond is None:
        raise ConditionErrors(parser.errors or [ConditionError((), "no condition")])
    return cond


def _show(value: object) -> str:
    """A value as the rule author wrote it (YAML spelling)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "a list" if value else "an empty list"
    return f"a {type(value).__name__}"


def _did_you_mean(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


class _Parser:
    """Walks the data once, collecting every error instead of stopping at the first."""

    def __init__(self, fact_types: Mapping[str, FactType]) -> None:
        self.types = fact_types
        self.errors: list[ConditionError] = []

    def error(self, path: Path, message: str) -> None:
        self.errors.append(ConditionError(path, message))

    def condition(self, data: object, path: Path) -> Condition | None:
        if not isinstance(data, Mapping):
            self.error(path, f"a condition is a mapping of fact names, all or any; got {_show(data)}")
            return None
        if not data:
            self.error(path, "empty condition; name at least one fact, or use all/any")
            return None
        nodes = [self.entry(key, value, path) for key, value in data.items()]
        return _joined(nodes)

    def entry(self, key: object, value: object, path: Path) -> Condition | None:
        if not isinstance(key, str):
            self.error(path, f"{_show(key)} is not a fact name")
            return None
        here = (*path, key)
        if key in GROUPS:
            return self.group(key, value, here)
        fact_type = self.types.get(key)
        if fact_type is None:
            hint = _did_you_mean(key, [*self.types, *GROUPS])
            self.error(here, f"unknown fact {key!r}{hint}")
            return None
        if isinstance(value, Mapping):
            return self.operators(fact_type, value, here)
        literal = self.literal(fact_type, value, here)
        return None if literal is None else Compare(key, "eq", literal)

    def group(self, kind: str, value: object, path: Path) -> Condition | None:
        if not isinstance(value, list) or not value:
            self.error(path, f"{kind} takes a non-empty list of conditions; got {_show(value)}")
            return None
        children = [self.condition(item, (*path, i)) for i, item in enumerate(value)]
        if any(c is None for c in children):
            return None
        return (All if kind == "all" else Any)(tuple(children))  # type: ignore[arg-type]

    def operators(self, ft: FactType, ops: Mapping[object, object], path: Path) -> Condition | None:
        if not ops:
            self.error(path, f"no operator for {ft.name!r}; write a value, or one of {', '.join(OPERATORS)}")
            return None
        return _joined([self.operator(ft, op, operand, path) for op, operand in ops.items()])

    def operator(self, ft: FactType, op: object, operand: object, path: Path) -> Condition | None:
        here = (*path, op if isinstance(op, str) else str(op))
        if op in ("known", "unknown"):
            return self.presence(ft, op, operand, here)
        if op == "in":
            return self.one_of(ft, operand, here)
        if op not in COMPARE_OPS:
            hint = _did_you_mean(str(op), OPERATORS)
            self.error(here, f"unknown operator {_show(op)}{hint}; operators are {', '.join(OPERATORS)}")
            return None
        if op in ORDER_OPS and ft.kind != "int":
            self.error(here, f"{op} compares numbers, but {ft.name!r} is {_kind_phrase(ft)}; use eq, ne or in")
            return None
        literal = self.literal(ft, operand, here)
        return None if literal is None else Compare(ft.name, op, literal)  # type: ignore[arg-type]

    def presence(self, ft: FactType, op: str, operand: object, path: Path) -> Condition | None:
        if operand is not True:
            other = "unknown" if op == "known" else "known"
            self.error(path, f"{op} takes only true; got {_show(operand)} (for the opposite write {{{other}: true}})")
            return None
        return Presence(ft.name, op == "known")

    def one_of(self, ft: FactType, operand: object, path: Path) -> Condition | None:
        if not isinstance(operand, list) or not operand:
            self.error(path, f"in takes a non-empty list of values; got {_show(operand)}")
            return None
        values = [self.literal(ft, v, (*path, i)) for i, v in enumerate(operand)]
        if any(v is None for v in values):
            return None
        return In(ft.name, tuple(values))  # type: ignore[arg-type]

    def literal(self, ft: FactType, value: object, path: Path) -> FactValue | None:
        problem = value_problem(ft, value)
        if problem:
            self.error(path, problem)
            return None
        return value  # type: ignore[return-value]


def _joined(nodes: list[Condition | None]) -> Condition | None:
    """Entries of one mapping are ANDed; a single entry stands for itself."""
    if any(n is None for n in nodes):
        return None
    return nodes[0] if len(nodes) == 1 else All(tuple(nodes))  # type: ignore[arg-type]


def _kind_phrase(ft: FactType) -> str:
    return {"bool": "a bool fact", "int": "an int fact", "enum": "an enum fact"}.get(ft.kind, repr(ft.kind))


def value_problem(ft: FactType, value: object) -> str | None:
    """Why `value` is not a value of `ft`'s type (for a person), or None if it is."""
    if value is None:
        return f"missing value for {ft.name!r}"
    if isinstance(value, (list, dict)):
        return f"{_show(value)} is not a single value; to test several values write {{in: [...]}}"
    if ft.kind == "bool":
        return None if isinstance(value, bool) else f"{_show(value)} is not a bool; write true or false"
    if ft.kind == "int":
        return _int_problem(ft, value)
    if ft.kind == "enum":
        return _enum_problem(ft, value)
    return f"fact {ft.name!r} has unsupported kind {ft.kind!r}"


def _int_problem(ft: FactType, value: object) -> str | None:
    if isinstance(value, bool):
        return f"{_show(value)} is a bool, but {ft.name!r} is an int fact; write a whole number"
    if isinstance(value, float):
        whole = f"; write {int(value)}" if value.is_integer() else ""
        return f"{value!r} is a float; {ft.name!r} takes whole numbers only{whole}"
    if isinstance(value, str):
        bare = f"; write {value.strip()} without quotes" if value.strip().lstrip("-").isdigit() else ""
        return f"{value!r} is a string, but {ft.name!r} is an int fact{bare}"
    if not isinstance(value, int):
        return f"{_show(value)} is not a whole number"
    if not INT_MIN <= value <= INT_MAX:
        return f"{value} is out of range (whole numbers must fit in 64 bits)"
    return None


def _enum_problem(ft: FactType, value: object) -> str | None:
    allowed = ", ".join(ft.values) or "(none)"
    if isinstance(value, str):
        if value in ft.values:
            return None
        hint = _did_you_mean(value, ft.values)
        return f"{value!r} is not a value of {ft.name!r}{hint}; allowed: {allowed}"
    if isinstance(value, bool):
        return (
            f"{_show(value)} is a bool, not a value of {ft.name!r} (YAML reads yes/no/on/off "
            f"as bools: quote the value); allowed: {allowed}"
        )
    return f"{_show(value)} is not a value of {ft.name!r} (quote strings); allowed: {allowed}"
