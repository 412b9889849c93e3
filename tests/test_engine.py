"""The durable-rules adapter: one regression test per known pitfall of durable-rules
2.0.28 (named after it), and a differential test
against the reference evaluator. Tests that would segfault or hang if a
workaround regressed run in a subprocess, so that they fail instead of
killing the test run.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import Sequence, TypeVar
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from assessor.conditions import (
    COMPARE_OPS,
    INT_MAX,
    INT_MIN,
    All,
    Any,
    Compare,
    Condition,
    FactType,
    In,
    Presence,
    parse,
    reference_evaluate,
)
import assessor.engine as engine_module
from assessor.engine import MAX_RECORD_PROPERTIES, Engine, EngineError, FactsError

from condition_samples import TYPES  # noqa: E402  (tests/ is on the path)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = int(os.environ.get("ENGINE_EXAMPLES", "200"))
T = TypeVar("T")



def rules_of(**when: object) -> list[tuple[str, Condition]]:
    return [(rule_id, parse(data, TYPES)) for rule_id, data in when.items()]


RULES = rules_of(
    pending={"asylum_pending": True},
    recent={"days_since_arrest": {"lte": 30}},
    treaty={"treaty_basis": {"in": ["bilateral", "multilateral"]}},
    no_reply={"un_reply_received": {"unknown": True}},
)


@pytest.fixture
def engine() -> Engine:
    with Engine(RULES, TYPES) as eng:
        yield eng


def run_isolated(code: str, timeout: float = 60) -> str:
    """Run code in a fresh interpreter; fail on a crash (e.g. SIGSEGV) or hang."""
    prelude = "from assessor.conditions import *\nfrom assessor.engine import *\n"
    proc = subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True, text=True, timeout=timeout,
    )
    assert proc.returncode == 0, f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


# --- the basics -----------------------------------------------------------------------


def test_fires_in_rule_order(engine: Engine) -> None:
    facts = {"asylum_pending": True, "days_since_arrest": 3, "treaty_basis": "bilateral", "un_reply_received": True}
    assert engine.evaluate(facts) == ("pending", "recent", "treaty")
    assert engine.evaluate({}) == ("no_reply",)


def test_no_rules_at_all() -> None:
    with Engine([], TYPES) as eng:
        assert eng.evaluate({"asylum_pending": True}) == ()


def test_duplicate_rule_ids_fire_like_the_reference() -> None:
    rules = RULES + RULES[:1]
    with Engine(rules, TYPES) as eng:
        assert eng.evaluate({"asylum_pending": True}) == reference_evaluate(rules, {"asylum_pending": True})


def test_none_value_is_unknown(engine: Engine) -> None:
    assert engine.evaluate({"un_reply_received": None, "asylum_pending": None}) == ("no_reply",)


def test_unknown_fact_rejected_with_suggestion(engine: Engine) -> None:
    with pytest.raises(FactsError, match=r"unknown fact 'asylum_pendin' \(did you mean 'asylum_pending'\?\)"):
        engine.evaluate({"asylum_pendin": True})


def test_all_fact_problems_reported_at_once(engine: Engine) -> None:
    with pytest.raises(FactsError) as caught:
        engine.evaluate({"asylum_pending": "yes", "treaty_basis": "bilaterl", "days_since_arrest": 2.0})
    text = str(caught.value)
    assert "'yes' is not a bool" in text and "did you mean 'bilateral'" in text and "is a float" in text
    assert isinstance(caught.value, ValueError)


def test_rule_that_does_not_fit_the_catalogue_is_rejected() -> None:
    with pytest.raises(EngineError, match="rule 'bad'"):
        Engine([("bad", Compare("nope", "eq", True))], TYPES)
    with pytest.raises(EngineError, match="rule 'empty'"):
        Engine([("empty", All(()))], TYPES)


def test_lazy_import_of_durable() -> None:
    out = run_isolated(
        """
        import sys
        print(any(m.startswith("durable") for m in sys.modules))
        Engine([], {})
        print(any(m.startswith("durable") for m in sys.modules))
        """
    )
    assert out.split() == ["False", "True"]


def test_thread_safety_one_engine_many_threads(engine: Engine) -> None:
    cases = [{"asylum_pending": i % 2 == 0, "days_since_arrest": i % 60} for i in range(200)]
    expected = [reference_evaluate(RULES, f) for f in cases]
    failures: list[str] = []

    def worker() -> None:
        for facts, want in zip(cases, expected):
            if engine.evaluate(facts) != want:
                failures.append(repr(facts))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


# --- one test per pitfall -------------------------------------------------------------


def test_pitfall_sid_cap_1024_live_sessions(engine: Engine) -> None:
    """: the 1025th live sid raises MemoryError; every case must delete its state."""
    for i in range(2500):
        facts = {"asylum_pending": i % 3 == 0, "un_reply_received": True}
        assert engine.evaluate(facts) == (("pending",) if i % 3 == 0 else ())
    with pytest.raises(Exception, match="309"):  # the session is gone after each case
        engine._host.get_state(engine._name, "c")


def test_pitfall_cases_share_nothing(engine: Engine) -> None:
    """: one constant sid reused by every case; nothing may leak between cases."""
    assert engine.evaluate({"asylum_pending": True, "days_since_arrest": 1}) == ("pending", "recent", "no_reply")
    assert engine.evaluate({"un_reply_received": False}) == ()
    assert engine.evaluate({"asylum_pending": True, "days_since_arrest": 1}) == ("pending", "recent", "no_reply")


def test_pitfall_delete_state_segfault_when_nothing_fires() -> None:
    """: delete_state on a session where no action ran segfaults; the sentinel prevents it."""
    out = run_isolated(
        """
        types = {"a": FactType("a", "bool")}
        with Engine([("r", Compare("a", "eq", True))], types) as eng:
            for _ in range(5000):
                assert eng.evaluate({"a": False}) == ()
                assert eng.evaluate({}) == ()
        with Engine([], types) as eng:
            for _ in range(1000):
                assert eng.evaluate({}) == ()
        print("ok")
        """
    )
    assert out.strip() == "ok"


def test_pitfall_batch_trap_actions_run_later_on_a_timer() -> None:
    """: when assert_facts fails mid-batch, the actions it queued do not run, and
    delete_state then segfaults (measured). Here durable's match stack overflows
    (error 303, forced by lifting the engine's own limits): the engine drains the
    queue on the caller's thread, reports an EngineError, and the next case is clean."""
    out = run_isolated(
        """
        import threading
        from unittest import mock
        import assessor.engine as engine_module
        types = {f"x{i}": FactType(f"x{i}", "bool") for i in range(70)}
        rules = [(name, Compare(name, "eq", True)) for name in types]
        with mock.patch.object(engine_module, "_BUCKET_WEIGHT", 1000), mock.patch.object(engine_module, "_MAX_STACK", 1000):
            eng = Engine(rules, types)
        threads = threading.active_count()
        try:
            eng.evaluate({name: True for name in types})
        except EngineError as e:
            print("EngineError", "303" in str(e))
        print(eng.evaluate({"x3": True}), eng.evaluate({}), threading.active_count() == threads)
        eng.close()
        """
    )
    assert out.splitlines() == ["EngineError True", "('x3',) () True"]


def test_pitfall_duplicate_fact_ids_in_a_batch(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """: a fact id seen before is 'observed' (code 2); the rest of the batch still
    ran. The engine frees the case and reports it."""
    monkeypatch.setattr(engine, "_batch", lambda record: [engine_module._SENTINEL, record, record])
    with pytest.raises(EngineError, match="code 2"):
        engine.evaluate({"asylum_pending": True})
    monkeypatch.undo()
    assert engine.evaluate({"asylum_pending": True, "un_reply_received": True}) == ("pending",)


def test_pitfall_background_timer_threads(engine: Engine) -> None:
    """: a default Host runs actions on self-rescheduling timer threads."""
    before = threading.active_count()
    callers: set[int] = set()
    log = engine._log
    real_hit = log.hit
    log.hit = lambda index: (callers.add(threading.get_ident()), real_hit(index))  # type: ignore[method-assign]
    with Engine(RULES, TYPES) as another:
        for _ in range(300):
            engine.evaluate({"asylum_pending": True, "days_since_arrest": 1})
            another.evaluate({"asylum_pending": True})
    assert callers == {threading.get_ident()}
    assert threading.active_count() == before
    assert not hasattr(engine._host, "_d_timer") and not hasattr(engine._host, "_t_timer")


def test_pitfall_action_exceptions_are_swallowed(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """: durable swallows an action's exception and keeps its text in the state.
    The engine reads that text, and its own firing loop swallows nothing: a
    failure still finishes the loop and frees the case, then raises."""

    def explode(index: int) -> None:
        raise ZeroDivisionError("boom in action")

    monkeypatch.setattr(engine._log, "hit", explode)
    with pytest.raises(EngineError, match="boom in action"):
        engine.evaluate({"asylum_pending": True})
    monkeypatch.undo()
    assert engine.evaluate({"asylum_pending": True, "un_reply_received": True}) == ("pending",)

    real_get_state = engine._host.get_state
    monkeypatch.setattr(engine._host, "get_state", lambda *a: {**real_get_state(*a), "exception": "swallowed text"})
    with pytest.raises(EngineError, match="swallowed text"):
        engine.evaluate({})
    monkeypatch.undo()
    assert engine.evaluate({"un_reply_received": True}) == ()


def test_pitfall_or_double_fire(engine: Engine) -> None:
    """: $or fires once per true disjunct; the engine dedupes."""
    rules = [
        ("dup_in", parse({"treaty_basis": {"in": ["none", "none"]}}, TYPES)),
        ("two_branches", parse({"any": [{"asylum_pending": True}, {"asylum_pending": {"known": True}}]}, TYPES)),
    ]
    with Engine(rules, TYPES) as eng:
        assert eng.evaluate({"treaty_basis": "none", "asylum_pending": True}) == ("dup_in", "two_branches")
        assert eng._log.hits.count(1) == 2  # durable did fire the `any` rule twice


def test_pitfall_or_double_fire_multiplies() -> None:
    """Found here: true branches multiply. `all` of three 3-way `any` fires 27 times."""
    types = {f"{a}{i}": FactType(f"{a}{i}", "bool") for a in "abc" for i in range(3)}
    rule = All(tuple(Any(tuple(Compare(f"{a}{i}", "eq", True) for i in range(3))) for a in "abc"))
    with Engine([("r", rule)], types) as eng:
        assert eng.evaluate({name: True for name in types}) == ("r",)
        assert len(eng._log.hits) == 27


def test_pitfall_firing_order_depends_on_input() -> None:
    """: durable's order is its own; results come back in rule order."""
    rules = [(f"r{i}", Presence("asylum_pending", True)) for i in range(12)]
    rules += [("last", Presence("treaty_basis", False))]
    with Engine(rules[::-1], TYPES) as eng:
        assert eng.evaluate({"asylum_pending": False}) == tuple(r for r, _ in rules[::-1])


@pytest.mark.parametrize(
    "value", [1e-05, 1e16, 1.5, 2.0, -0.0, float("inf"), float("-inf"), float("nan")]
)
def test_pitfall_exponent_form_floats(engine: Engine, value: float) -> None:
    """: an exponent-form float in a fact crashes durable: no float gets in."""
    with pytest.raises(FactsError, match="is a float"):
        engine.evaluate({"days_since_arrest": value})
    assert engine.evaluate({"days_since_arrest": 3, "un_reply_received": True}) == ("recent",)


def test_pitfall_unanchored_nex_loops_forever() -> None:
    """: a pattern matching durable's own state record loops forever; every
    pattern is anchored on the record's type."""
    out = run_isolated(
        """
        types = {"a": FactType("a", "bool")}
        rules = [("absent", Presence("a", False)), ("any_absent", Any((Presence("a", False),)))]
        with Engine(rules, types) as eng:
            for _ in range(100):
                assert eng.evaluate({}) == ("absent", "any_absent")
                assert eng.evaluate({"a": True}) == ()
            assert all(p["$and"][0] == {"type": "case"} for p in eng._patterns.values())
        print("ok")
        """,
        timeout=30,
    )
    assert out.strip() == "ok"


def test_pitfall_cross_type_coercion(engine: Engine) -> None:
    """: durable matches "5" == 5 and 1 == true; values are checked on both sides."""
    for facts in (
        {"asylum_pending": 1},
        {"days_since_arrest": True},
        {"days_since_arrest": "5"},
        {"treaty_basis": 0},
        {"treaty_basis": "Bilateral"},
    ):
        with pytest.raises(FactsError):
            engine.evaluate(facts)
    with pytest.raises(EngineError, match="is not a bool"):
        Engine([("r", Compare("asylum_pending", "eq", 1))], TYPES)
    with pytest.raises(EngineError, match="is a string"):
        Engine([("r", In("days_since_arrest", ("5",)))], TYPES)


def test_pitfall_ints_beyond_int64(engine: Engine) -> None:
    """: ints above int64 misbehave; those inside it compare exactly (measured)."""
    with pytest.raises(FactsError, match="64 bits"):
        engine.evaluate({"days_since_arrest": INT_MAX + 1})
    rules = [
        ("max", Compare("days_since_arrest", "eq", INT_MAX)),
        ("min", Compare("days_since_arrest", "lt", INT_MIN + 1)),
        ("big", Compare("days_since_arrest", "gt", 2**53)),
    ]
    with Engine(rules, TYPES) as eng:
        assert eng.evaluate({"days_since_arrest": INT_MAX}) == ("max", "big")
        assert eng.evaluate({"days_since_arrest": INT_MAX - 1}) == ("big",)
        assert eng.evaluate({"days_since_arrest": 2**53 + 1}) == ("big",)
        assert eng.evaluate({"days_since_arrest": INT_MIN}) == ("min",)


def test_pitfall_reserved_field_names() -> None:
    """: id, sid, type, $... and dotted names belong to durable. Facts enter
    under adapter keys k0..kN, so such names are harmless."""
    names = ["id", "sid", "type", "$s", "a.b"]
    types = {n: FactType(n, "enum", ("case", "sid-c", "x")) for n in names}
    rules = [(n, Compare(n, "eq", "x")) for n in names] + [("type_case", Compare("type", "eq", "case"))]
    with Engine(rules, types) as eng:
        assert eng.evaluate({n: "x" for n in names}) == tuple(names)
        assert eng.evaluate({"type": "case", "sid": "sid-c"}) == ("type_case",)
        assert eng._shape.keys == {n: f"k{i}" for i, n in enumerate(names)}


def test_pitfall_property_limit_per_fact() -> None:
    """ says 255 properties; measured: at 255 (facts + id, sid, type + bucket
    markers) the record silently matches nothing. The engine refuses such rules."""

    def rules_over(n: int) -> tuple[list[tuple[str, Condition]], dict[str, FactType]]:
        types = {f"f{i:03}": FactType(f"f{i:03}", "int") for i in range(n)}
        return [(name, Compare(name, "eq", 1)) for name in types], types

    with pytest.raises(EngineError, match="silently ignores"):
        Engine(*rules_over(243))
    rules, types = rules_over(242)
    with Engine(rules, types) as eng:
        assert len(eng._base) + len(types) == MAX_RECORD_PROPERTIES  # exactly at the limit
        ends = ("f000", "f241")
        assert eng.evaluate({name: 1 if name in ends else 2 for name in types}) == ends


def test_limit_expression_slots_per_pattern() -> None:
    """Found here: each $and/$or takes 2 of a pattern's 32 expression slots; the
    16th group fails registration (error 113). Such rules are split into
    alternatives, one durable rule each."""
    types = {f"x{i}": FactType(f"x{i}", "bool") for i in range(8)}
    wide = All(
        tuple(Any((Compare(f"x{i}", "eq", True), Presence(f"x{(i + 1) % 8}", False))) for i in range(8))
        + tuple(Any((Compare(f"x{i}", "ne", True), Presence(f"x{(i + 3) % 8}", True))) for i in range(8))
        + (Any((In("x0", (True, False)), Compare("x1", "ne", True))),)
    )
    rules = [("wide", wide), ("narrow", Compare("x0", "eq", True))]
    with Engine(rules, types) as eng:
        assert len(eng._patterns) > len(rules)
        for bits in range(256):
            facts = {f"x{i}": bool(bits >> i & 1) for i in range(8) if bits % (i + 2)}
            assert eng.evaluate(facts) == reference_evaluate(rules, facts)


def test_limit_expression_slots_split_on_in_lists() -> None:
    """Sixteen `in`s are sixteen $or groups: the rule is split on its `in` values."""
    types = {f"y{i}": FactType(f"y{i}", "int") for i in range(16)}
    rules = [("ins", All(tuple(In(f"y{i}", (0, 1, 2)) for i in range(16))))]
    rng = random.Random(0)
    with Engine(rules, types) as eng:
        assert len(eng._patterns) > 1
        for _ in range(300):
            facts = {name: rng.choice([0, 1, 2, 2, 2, 3]) for name in types if rng.random() < 0.97}
            assert eng.evaluate(facts) == reference_evaluate(rules, facts)
        assert eng.evaluate({name: 2 for name in types}) == ("ins",)


def test_limit_match_stack_of_64() -> None:
    """Found here: durable pushes every matching child of an alpha node at once on
    a 64-entry stack; 65 rules true at their first test failed each such case
    (error 303). Rules hang below bucket markers instead of all below one node."""
    types = {f"x{i:03}": FactType(f"x{i:03}", "bool") for i in range(150)}
    rules = [(name, Compare(name, "eq", True)) for name in types]
    rules += [(f"{name}_unknown", Presence(name, False)) for name in types]
    with Engine(rules, types) as eng:
        assert eng.evaluate({name: True for name in types}) == tuple(types)
        assert eng.evaluate({}) == tuple(f"{name}_unknown" for name in types)


def test_limit_children_per_alpha_node_hang() -> None:
    """Found here: 512 distinct tests below one alpha node loop forever (a full
    512-slot hash table), at registration or at the first case; 129 $nex below one
    node fail registration (error 107). Buckets keep a node's children few, and a
    rule with too many alternatives in one place is refused, never hung."""
    out = run_isolated(
        """
        types = {"n": FactType("n", "int")}
        rules = [(f"is_{i}", Compare("n", "eq", i)) for i in range(700)]
        with Engine(rules, types) as eng:
            print(eng.evaluate({"n": 699}), eng.evaluate({"n": 0}), eng.evaluate({"n": -1}))
        try:
            Engine([("long_in", In("n", tuple(range(200))))], types)
        except EngineError as e:
            print("refused:", "alternatives" in str(e))
        with Engine([("in", In("n", tuple(range(100))))], types) as eng:
            print(eng.evaluate({"n": 99}))
        """,
        timeout=60,
    )
    assert out.splitlines() == ["('is_699',) ('is_0',) ()", "refused: True", "('in',)"]


def test_pitfall_not_and_any_rulesets_never_emitted(engine: Engine) -> None:
    """: $not is order dependent and `any` rules yield merged frames."""
    definition = engine._host.get_ruleset(engine._name).get_definition()
    assert all(set(rule) == {"all"} for rule in definition.values())
    assert "$not" not in repr(definition)


def test_pitfall_reregistering_a_ruleset_name(engine: Engine) -> None:
    """: a name cannot be registered twice on a Host; each Engine has its own
    Host and name, and close() frees the C ruleset."""
    import durable_rules_engine

    other = Engine(RULES, TYPES)
    assert other._name != engine._name
    assert other.evaluate({"asylum_pending": True, "un_reply_received": True}) == ("pending",)
    other.close()
    other.close()  # idempotent
    with pytest.raises(EngineError, match="closed"):
        other.evaluate({})
    with pytest.raises(durable_rules_engine.error):  # the handle is freed
        durable_rules_engine.get_state(other._ruleset_handle, "c")
    assert engine.evaluate({"asylum_pending": True, "un_reply_received": True}) == ("pending",)


# --- differential test against the reference evaluator ----------------------------------
# Rules are drawn step by step from a few fixed strategies: each example has its
# own catalogue, and building strategy trees per catalogue costs more than the engine.

NAMES = ["a", "b", "c", "days", "id", "type", "$x", "a.b"]
ENUM_VALUES = ["none", "case", "x y", 'q"uote', "ü", "", "1"]
KINDS = ("bool", "int", "enum")
SMALL_INTS = st.integers(-3, 3) | st.sampled_from([INT_MIN, INT_MIN + 1, INT_MAX - 1, INT_MAX])
INDEX = st.integers(0, 15)
COIN = st.booleans()


def pick(draw: st.DrawFn, items: Sequence[T]) -> T:
    return items[draw(INDEX) % len(items)]


def draw_types(draw: st.DrawFn) -> dict[str, FactType]:
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=5, unique=True))
    types = {}
    for name in names:
        kind = pick(draw, KINDS)
        values = draw(st.lists(st.sampled_from(ENUM_VALUES), min_size=1, max_size=4, unique=True))
        types[name] = FactType(name, kind, tuple(values) if kind == "enum" else ())
    return types


def draw_literal(draw: st.DrawFn, ft: FactType) -> object:
    if ft.kind == "bool":
        return draw(COIN)
    if ft.kind == "int":
        return draw(SMALL_INTS)
    return pick(draw, ft.values)


def draw_leaf(draw: st.DrawFn, types: dict[str, FactType]) -> Condition:
    ft = pick(draw, list(types.values()))
    shape = pick(draw, ("compare", "in", "presence"))
    if shape == "presence":
        return Presence(ft.name, draw(COIN))
    if shape == "in":
        return In(ft.name, tuple(draw_literal(draw, ft) for _ in range(1 + draw(INDEX) % 3)))
    ops = COMPARE_OPS if ft.kind == "int" else ("eq", "ne")
    return Compare(ft.name, pick(draw, ops), draw_literal(draw, ft))  # type: ignore[arg-type]


def draw_condition(draw: st.DrawFn, types: dict[str, FactType], depth: int = 3) -> Condition:
    """Nested all/any up to `depth`, every operator."""
    shape = pick(draw, ("leaf", "all", "any")) if depth else "leaf"
    if shape == "leaf":
        return draw_leaf(draw, types)
    children = tuple(draw_condition(draw, types, depth - 1) for _ in range(1 + draw(INDEX) % 3))
    return All(children) if shape == "all" else Any(children)


def draw_facts(draw: st.DrawFn, types: dict[str, FactType]) -> dict[str, object]:
    """Facts sometimes absent, sometimes None (also unknown)."""
    facts: dict[str, object] = {}
    for name, ft in types.items():
        state = draw(INDEX) % 4
        if state:
            facts[name] = None if state == 3 else draw_literal(draw, ft)
    return facts


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[dict, list, list]:
    types = draw_types(draw)
    rules = [(f"rule-{i}", draw_condition(draw, types)) for i in range(draw(INDEX) % 7)]
    cases = [draw_facts(draw, types) for _ in range(1 + draw(INDEX) % 10)]
    return types, rules, cases


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_differential_engine_matches_reference(scenario: tuple[dict, list, list]) -> None:
    types, rules, cases = scenario
    with Engine(rules, types) as eng:  # many cases on one engine: the sid is reused
        for facts in cases:
            assert eng.evaluate(facts) == reference_evaluate(rules, facts), facts


@settings(max_examples=EXAMPLES // 2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_differential_with_tiny_durable_limits(scenario: tuple[dict, list, list]) -> None:
    """Random rules rarely reach the real limits, so shrink them: most rules get
    split into alternatives, and spread over many bucket markers."""
    types, rules, cases = scenario
    with mock.patch.object(engine_module, "_MAX_GROUPS", 3), mock.patch.object(engine_module, "_BUCKET_WEIGHT", 2):
        try:
            eng = Engine(rules, types)
        except EngineError as exc:  # refused up front, as it should be under such limits
            assert "alternatives" in str(exc) or "match stack" in str(exc)
            reject()
    with eng:
        for facts in cases:
            assert eng.evaluate(facts) == reference_evaluate(rules, facts), facts
