"""The durable-rules 2.0.28 adapter: runs rule conditions in the Rete engine.

The only module that imports durable (lazily: 10-25 ms, mostly the stdlib
`logging` and `inspect` it pulls in). Each workaround names the pitfall it
avoids (found in durable's C source and issue tracker, and measured here);
tests/test_engine.py holds a regression test for each. Nothing from durable crosses this module's
boundary: plain mappings in, rule ids out.

Per case: one flat record plus a sentinel fact, one assert_facts under a
constant sid, the action loop driven by Engine._fire_all, delete_state.
"""

from __future__ import annotations

import difflib
import itertools
import json
import threading
import weakref
from functools import cache
from types import ModuleType
from typing import Callable, Mapping, Sequence

from .conditions import (
    INT_MAX,
    INT_MIN,
    All,
    Any,
    Compare,
    Condition,
    ConditionErrors,
    FactType,
    FactValue,
    In,
    Presence,
    facts_named,
    parse,
    to_data,
    value_problem,
)

_SID = "c"  # one constant sid: sids are compared by a 32-bit hash only
_CASE = "case"
_SENTINEL = {"id": "s", "sid": _SID, "type": "__case__"}
_SENTINEL_RULE = "sentinel"
_RECORD_ID = "f"  # adapter-assigned short ids: fact ids are hashed to 32 bits too
# Measured on 2.0.28: a fact with 255+ properties silently matches nothing.
MAX_RECORD_PROPERTIES = 254
_OPS = {"ne": "$neq", "lt": "$lt", "lte": "$lte", "gt": "$gt", "gte": "$gte"}
_ruleset_numbers = itertools.count()


class EngineError(RuntimeError):
    """durable-rules failed or reported an error; the message says what happened."""


class FactsError(EngineError, ValueError):
    """A fact record that does not fit the fact catalogue (nothing was asserted)."""


@cache
def _durable() -> tuple[type, ModuleType]:
    """Import durable on first use and define the quiet Host."""
    import durable_rules_engine
    from durable import engine as durable_engine

    class QuietHost(durable_engine.Host):  # type: ignore[misc]
        def _run(self) -> None:
            """No dispatcher/timer threads: they steal queued actions."""

    return QuietHost, durable_rules_engine


# --- fact shaping ---------------------------------------------------------------


class _Shape:
    """How facts sit in the one engine record.

    Only facts some rule reads are asserted, under short keys k0..kN: C
    serialises the matched record into every firing's message, and
    durable-owned names (id, sid, type, $..., dotted paths, ) can never
    appear. Enum values become their index, so no user string reaches C.
    """

    def __init__(self, rules: Sequence[tuple[str, Condition]], types: Mapping[str, FactType]):
        used = dict.fromkeys(n for _, c in rules for n in sorted(facts_named(c)))
        self.keys = {name: f"k{i}" for i, name in enumerate(used)}
        self.codes = {n: {v: i for i, v in enumerate(t.values)} for n, t in types.items() if t.kind == "enum"}

    def encode(self, fact: str, value: FactValue) -> FactValue:
        codes = self.codes.get(fact)
        return value if codes is None else codes[value]  # type: ignore[index]


_INVALID = object()


def _encoder(fact_type: FactType, codes: Mapping[str, int] | None) -> Callable[[object], object]:
    """value -> what durable gets, or _INVALID. Strict: floats never pass (an
    exponent-form float crashes durable, ), nor 1 for true or "5" for 5."""
    if fact_type.kind == "bool":
        return lambda v: v if v is True or v is False else _INVALID
    if fact_type.kind == "int":
        return lambda v: v if type(v) is int and INT_MIN <= v <= INT_MAX else _slow(fact_type, v, v)
    if fact_type.kind == "enum" and codes is not None:

        def encode_enum(v: object) -> object:
            if type(v) is str and v in codes:
                return codes[v]
            return _slow(fact_type, v, codes.get(v) if isinstance(v, str) else None)

        return encode_enum
    return lambda v: _INVALID


def _slow(fact_type: FactType, value: object, encoded: object) -> object:
    """int and str subclasses (IntEnum, StrEnum members) pass if their value does."""
    return _INVALID if value_problem(fact_type, value) else encoded


_UNKNOWN_FIELD = (None, lambda v: _INVALID)


# --- compiling conditions -----------------------------------------------------------
# durable-rules 2.0.28 limits, read in its C source (rete.c, events.c) and measured:
_MAX_GROUPS = 15  # $and/$or per pattern: 2 of 32 expression slots each; more is error 113
_MAX_STACK = 60  # alpha nodes pending while one fact propagates: 64; more is error 303 per case
_MAX_CHILDREN = 128  # children of one alpha node: 129 $nex is error 107; 512 others loop forever
_BUCKET_WEIGHT = 28  # stack budget of the rules below one bucket marker (see _Plan)
_MAX_PIECES = 64  # durable rules one condition may be split into


def _compile(cond: Condition, shape: _Shape) -> dict:
    """A condition as a durable-rules expression (never $not, never `any` rules, )."""
    match cond:
        case Compare(fact, op, value):
            test = {shape.keys[fact]: shape.encode(fact, value)}
            return test if op == "eq" else {_OPS[op]: test}
        case In(fact, values):
            return _group("$or", [{shape.keys[fact]: shape.encode(fact, v)} for v in values])
        case Presence(fact, known):
            return {"$ex" if known else "$nex": {shape.keys[fact]: 1}}
        case All(children):
            return _group("$and", [_compile(c, shape) for c in children])
        case Any(children):
            return _group("$or", [_compile(c, shape) for c in children])
    raise TypeError(f"not a condition: {cond!r}")


def _is(expr: dict, op: str) -> bool:
    return len(expr) == 1 and op in expr


def _group(op: str, parts: list[dict]) -> dict:
    """Flatten $and-in-$and and $or-in-$or, drop repeats: every group costs
    expression slots, and every repeated $or branch one more firing."""
    flat: list[dict] = []
    for part in parts:
        for item in part[op] if _is(part, op) else [part]:
            if item not in flat:
                flat.append(item)
    return flat[0] if len(flat) == 1 else {op: flat}


def _anchored(expr: dict, marker: str) -> dict:
    """Anchored on the record's type, so nothing matches durable's own state
    record (an unanchored $nex loops forever, ); then on a bucket marker."""
    parts = expr["$and"] if _is(expr, "$and") else [expr]
    return {"$and": [{"type": _CASE}, {marker: 1}, *parts]}


def _groups(expr: dict) -> int:
    inner = expr.get("$and") or expr.get("$or") if len(expr) == 1 else None
    if not isinstance(inner, list):
        return 0
    return 1 + sum(_groups(e) for e in inner)


def _pieces(cond: Condition, shape: _Shape) -> list[Condition]:
    """Split a condition whose pattern has too many groups into alternatives
    (one durable rule each; firings are deduped), distributing AND over OR."""
    if _groups(_anchored(_compile(cond, shape), "b")) <= _MAX_GROUPS:
        return [cond]
    if isinstance(cond, Any):
        return [p for c in cond.children for p in _pieces(c, shape)]
    children = _conjuncts(cond)
    widest = max(range(len(children)), key=lambda i: _groups(_compile(children[i], shape)))
    alternatives = _alternatives(children[widest])
    if len(alternatives) < 2:
        raise EngineError("a condition is too deeply nested for durable-rules")
    rest = children[:widest] + children[widest + 1 :]
    pieces = [p for alt in alternatives for p in _pieces(All((alt, *rest)), shape)]
    if len(pieces) > _MAX_PIECES:
        raise EngineError(f"a condition needs {len(pieces)} alternatives in durable-rules (at most {_MAX_PIECES})")
    return pieces


def _conjuncts(cond: Condition) -> tuple[Condition, ...]:
    if isinstance(cond, All) or (isinstance(cond, Any) and len(cond.children) == 1):
        return tuple(c for child in cond.children for c in _conjuncts(child))
    return (cond,)


def _alternatives(cond: Condition) -> tuple[Condition, ...]:
    if isinstance(cond, (All, Any)) and len(cond.children) == 1:
        return _alternatives(cond.children[0])
    if isinstance(cond, Any):
        return cond.children
    if isinstance(cond, In):
        return tuple(Compare(cond.fact, "eq", v) for v in dict.fromkeys(cond.values))
    return (cond,)


def _weight(expr: dict) -> int:
    """Upper bound of the alpha nodes one pattern puts on durable's match stack."""
    if _is(expr, "$and"):
        return sum(_weight(e) for e in expr["$and"])
    if _is(expr, "$or"):
        branches = expr["$or"]
        fields = {next(iter(b)) for b in branches if len(b) == 1}
        if len(fields) == 1 and not next(iter(fields)).startswith("$") and all(len(b) == 1 for b in branches):
            return 2  # an `in`: equalities on one field, at most one matches; + the join node
        return sum(_weight(b) for b in branches) + 1
    return 1


def _fan(expr: dict) -> tuple[int, int]:
    """(nodes attached directly to the parent, most children of any node)."""
    if _is(expr, "$and"):
        fans = [_fan(e) for e in expr["$and"]]
        return fans[0][0], max(most for _, most in fans)
    if _is(expr, "$or"):
        fans = [_fan(e) for e in expr["$or"]]
        first = sum(f for f, _ in fans)
        return first, max(first, *(most for _, most in fans))
    return 1, 1


class _Plan:
    """The durable rules for a rule list: (rule index, pattern) pairs, grouped
    under bucket markers. Every record carries all markers, so the type node
    has a few marker children instead of one child per rule: durable pushes
    all matching children of a node at once on a 64-entry stack."""

    def __init__(self, rules: Sequence[tuple[str, Condition]], shape: _Shape) -> None:
        buckets: list[list[tuple[int, dict]]] = []
        weight = fan = 0
        for index, expr in self._pieces(rules, shape):
            w, f = _weight(expr), _fan(expr)[1]
            if not buckets or weight + w > _BUCKET_WEIGHT or fan + f > _MAX_CHILDREN:
                buckets.append([])
                weight = fan = 0
            buckets[-1].append((index, expr))
            weight, fan = weight + w, fan + f
        self.markers = {f"b{j}": 1 for j in range(len(buckets))}
        self.patterns = [(i, _anchored(e, f"b{j}")) for j, bucket in enumerate(buckets) for i, e in bucket]
        heaviest = max((sum(_weight(e) for _, e in bucket) for bucket in buckets), default=0)
        stack = 2 + len(buckets) + heaviest  # root's matches, the markers, one bucket's rules
        if stack > _MAX_STACK:
            raise EngineError(f"the rules are too many or too wide for durable-rules (match stack {stack} > {_MAX_STACK})")

    @staticmethod
    def _pieces(rules: Sequence[tuple[str, Condition]], shape: _Shape) -> list[tuple[int, dict]]:
        pieces = []
        for index, (rule_id, cond) in enumerate(rules):
            for piece in _pieces(cond, shape):
                expr = _compile(piece, shape)
                if _fan(expr)[1] > _MAX_CHILDREN:
                    raise EngineError(f"rule {rule_id!r} has more than {_MAX_CHILDREN} alternatives in one place")
                pieces.append((index, expr))
        return pieces


def _check_rules(rules: Sequence[tuple[str, Condition]], types: Mapping[str, FactType]) -> None:
    """Re-check every tree against the catalogue: the engine must never compare
    values of different types, which durable coerces."""
    for rule_id, cond in rules:
        try:
            parse(to_data(cond), types)
        except (ConditionErrors, TypeError) as exc:
            raise EngineError(f"rule {rule_id!r} does not fit the fact catalogue: {exc}") from exc


# --- the actions ------------------------------------------------------------------
# Firings are read by Engine._fire_all. The registered Python actions below run only
# when durable's own dispatcher has to drain a failed case (Engine._drain).


class _CaseLog:
    """What fired in one case."""

    def __init__(self) -> None:
        self.start()

    def start(self) -> None:
        self.hits: list[int] = []
        self.sentinel = False

    def hit(self, index: int) -> None:
        self.hits.append(index)

    def saw_sentinel(self) -> None:
        self.sentinel = True


# One-argument callables: durable treats two-argument ones as asynchronous,
# so no default-argument lambdas here.
def _hit_action(log: _CaseLog, index: int) -> Callable[[object], None]:
    def action(c: object) -> None:
        log.hit(index)

    return action


def _sentinel_action(log: _CaseLog) -> Callable[[object], None]:
    def action(c: object) -> None:
        log.saw_sentinel()

    return action


def _no_op(c: object) -> None:
    """The catch-all never fires; it only makes every fact 'handled'."""


def _ruleset(plan: _Plan, log: _CaseLog) -> dict:
    definition: dict = {
        f"r{n}": {"all": [{"m": pattern}], "run": _hit_action(log, index)}
        for n, (index, pattern) in enumerate(plan.patterns)
    }
    # A sentinel fact fires this every case: delete_state segfaults on a session
    # in which no action ran.
    definition[_SENTINEL_RULE] = {"all": [{"m": {"type": _SENTINEL["type"]}}], "run": _sentinel_action(log)}
    definition["catch_all"] = {
        "all": [{"x": {"$ex": {"type": 1}}}, {"y": {"type": "__never__"}}],
        "run": _no_op,
    }
    return definition


def _explain(exc: BaseException) -> str:
    # durable's Message*Exception keep their text in .message, not in args.
    return getattr(exc, "message", "") or str(exc) or type(exc).__name__


def _free_ruleset(durable_rules_engine: ModuleType, handle: int) -> None:
    durable_rules_engine.delete_ruleset(handle)  # the Python layer never frees it


# --- the engine -------------------------------------------------------------------


class Engine:
    """A compiled rule set in its own durable Host; evaluates one case at a time."""

    def __init__(self, rules: Sequence[tuple[str, Condition]], fact_types: Mapping[str, FactType]):
        rules = list(rules)
        _check_rules(rules, fact_types)
        self._ids = tuple(rule_id for rule_id, _ in rules)
        self._types = dict(fact_types)
        self._shape = _Shape(rules, fact_types)
        plan = _Plan(rules, self._shape)
        self._base = {"id": _RECORD_ID, "sid": _SID, "type": _CASE, **plan.markers}
        self._fields = {
            name: (self._shape.keys.get(name), _encoder(t, self._shape.codes.get(name)))
            for name, t in self._types.items()
        }
        if len(self._base) + len(self._shape.keys) > MAX_RECORD_PROPERTIES:
            raise EngineError(
                f"the rules read {len(self._shape.keys)} facts; durable-rules silently ignores a "
                f"record of more than {MAX_RECORD_PROPERTIES} properties"
            )
        self._log = _CaseLog()
        self._lock = threading.Lock()
        self._broken: str | None = None
        self._name = f"assessor_{next(_ruleset_numbers)}"  # unique: names cannot be re-registered
        self._patterns = {f"r{n}": pattern for n, (_, pattern) in enumerate(plan.patterns)}
        self._rule_of = {f"r{n}": index for n, (index, _) in enumerate(plan.patterns)}
        self._host, self._ruleset_handle = self._register(_ruleset(plan, self._log))
        _, self._dre = _durable()
        self._free = weakref.finalize(self, _free_ruleset, self._dre, self._ruleset_handle)
        self._free.atexit = False

    def _register(self, definition: dict) -> tuple[object, int]:
        quiet_host, _ = _durable()
        host = quiet_host()  # one Host per Engine: never durable.lang's global one
        try:
            host.register_rulesets({self._name: definition})
        except Exception as exc:
            raise EngineError(f"durable-rules rejected the compiled rules: {_explain(exc)}") from exc
        return host, host.get_ruleset(self._name)._handle

    def evaluate(self, facts: Mapping[str, FactValue]) -> tuple[str, ...]:
        """Ids of the rules whose condition holds on these facts, in the order the rules were given. Each case fully isolated."""
        record = self._record(facts)
        with self._lock:  # nothing in durable is documented as thread-safe
            if self._broken:
                raise EngineError(self._broken)
            fired = self._run_case(record)
        # $or fires once per true branch: dedupe, and use rule order, not durable's.
        return tuple(self._ids[i] for i in sorted(set(fired)))

    def _record(self, facts: Mapping[str, FactValue]) -> dict:
        """The one flat record for durable; checks every value first (FactsError)."""
        record = dict(self._base)
        fields, problems = self._fields, []
        for name, value in facts.items():
            if value is None:
                continue  # None means unknown, as in conditions.evaluate
            key, encode = fields.get(name, _UNKNOWN_FIELD)
            encoded = encode(value)
            if encoded is _INVALID:
                problems.append(_fact_problem(name, self._types.get(name), value, self._types))
            elif key is not None:
                record[key] = encoded
        if problems:
            raise FactsError("; ".join(problems))
        return record

    def _batch(self, record: dict) -> list[dict]:
        return [_SENTINEL, record]

    def _run_case(self, record: dict) -> list[int]:
        """One assert_facts, then durable's action loop, driven here (see _fire_all)."""
        self._log.start()
        try:
            code, state = self._dre.assert_facts(self._ruleset_handle, json.dumps(self._batch(record)))
            self._fire_all(state)
            # Exceptions in durable-run actions are swallowed; the text is kept here.
            error = self._host.get_state(self._name, _SID).get("exception")
        except Exception as exc:
            raise EngineError(f"durable-rules failed on a case: {_explain(exc)}") from exc
        finally:
            self._end_case()
        if code:  # 1: a fact was not handled, 2: a fact id was seen before
            raise EngineError(f"durable-rules did not take the case whole (code {code})")
        if error:
            raise EngineError(f"a rule action failed inside durable-rules: {error}")
        return self._log.hits

    def _fire_all(self, state: int) -> None:
        """Run every firing of this case, on this thread (no timer threads, ).

        durable's Python layer would parse each match into a dict, build a
        Closure and re-serialise the state: about 15-30 µs a firing, almost
        all of a case's cost. The same C calls, made here, read only the rule
        name at the start of each match: about 1 µs (benchmarks/bench_engine.py).
        """
        dre, handle, failure = self._dre, self._ruleset_handle, None
        started = dre.start_action_for_state(handle, state)
        match = started[1] if started else None
        while match:  # '{"r12":{"m":{...}}}'
            try:
                self._fire(match[2 : match.index('"', 2)])
            except Exception as exc:
                failure = failure or exc  # finish the loop first: the session must still be freed
            match = dre.complete_and_start_action(handle, state)
        if failure is not None:
            raise failure

    def _fire(self, name: str) -> None:
        if name == _SENTINEL_RULE:
            self._log.saw_sentinel()
        elif (index := self._rule_of.get(name)) is not None:
            self._log.hit(index)

    def _end_case(self) -> None:
        """Free the session (1024 live sids at most, ) without crashing the process."""
        if not self._log.sentinel:
            self._drain()
        if not self._log.sentinel:
            # delete_state would segfault; keep the session and retire the engine.
            self._broken = "the engine is unusable after an earlier durable-rules failure; build a new Engine"
            return
        try:
            self._dre.delete_state(self._ruleset_handle, _SID)
        except Exception as exc:
            self._broken = f"durable-rules could not free a case: {_explain(exc)}"
            raise EngineError(self._broken) from exc

    def _drain(self) -> None:
        """Batch trap: when assert_facts raises (e.g. error 303), the actions it
        queued did not run. durable's own dispatcher runs them here, on this thread,
        through the registered actions, so that the session can be deleted safely."""
        ruleset = self._host.get_ruleset(self._name)
        for _ in range(3):
            try:
                ruleset.dispatch()
            except Exception:
                return
            if self._log.sentinel:
                return

    def close(self) -> None:
        """Free the C ruleset (durable_rules_engine.delete_ruleset). Idempotent."""
        with self._lock:
            self._broken = "the engine is closed"
            self._free()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _fact_problem(name: str, fact_type: FactType | None, value: object, types: Mapping[str, FactType]) -> str:
    """Why this fact cannot enter the engine, for a person."""
    if fact_type is None:
        close = difflib.get_close_matches(name, list(types), n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"unknown fact {name!r}{hint}"
    return f"fact {name!r}: {value_problem(fact_type, value) or 'not accepted'}"
