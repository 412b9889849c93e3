"""The condition language (docs/conditions.md): parsing, errors, meaning, printing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessor.conditions import (
    COMPARE_OPS,
    INT_MAX,
    INT_MIN,
    All,
    Any,
    Compare,
    Condition,
    ConditionError,
    ConditionErrors,
    FactType,
    In,
    Presence,
    describe,
    evaluate,
    facts_named,
    parse,
    reference_evaluate,
    to_data,
)

from condition_samples import TYPES  # noqa: E402  (tests/ is on the path)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = int(os.environ.get("CONDITION_EXAMPLES", "200"))



def errors_of(data: object) -> list[ConditionError]:
    with pytest.raises(ConditionErrors) as caught:
        parse(data, TYPES)
    return caught.value.errors


def only_error(data: object) -> ConditionError:
    errors = errors_of(data)
    assert len(errors) == 1, errors
    return errors[0]


# --- parse: the grammar ------------------------------------------------------------


def test_spec_example_parses_to_implicit_all() -> None:
    data = {
        "asylum_pending": True,
        "days_since_arrest": {"lte": 30, "gte": 0},
        "treaty_basis": {"in": ["bilateral", "multilateral"]},
        "un_reply_received": {"unknown": True},
    }
    assert parse(data, TYPES) == All(
        (
            Compare("asylum_pending", "eq", True),
            All((Compare("days_since_arrest", "lte", 30), Compare("days_since_arrest", "gte", 0))),
            In("treaty_basis", ("bilateral", "multilateral")),
            Presence("un_reply_received", False),
        )
    )


def test_single_key_returns_its_node() -> None:
    assert parse({"treaty_basis": "none"}, TYPES) == Compare("treaty_basis", "eq", "none")
    assert parse({"asylum_pending": {"known": True}}, TYPES) == Presence("asylum_pending", True)
    assert parse({"days_since_arrest": {"ne": 3}}, TYPES) == Compare("days_since_arrest", "ne", 3)


def test_all_and_any_nest() -> None:
    data = {"any": [{"asylum_pending": True}, {"all": [{"days_since_arrest": {"lt": 5}}]}]}
    assert parse(data, TYPES) == Any(
        (Compare("asylum_pending", "eq", True), All((Compare("days_since_arrest", "lt", 5),)))
    )


def test_every_comparison_operator_on_int() -> None:
    for op in COMPARE_OPS:
        assert parse({"days_since_arrest": {op: -4}}, TYPES) == Compare("days_since_arrest", op, -4)


def test_int64_bounds_accepted() -> None:
    assert parse({"days_since_arrest": INT_MAX}, TYPES) == Compare("days_since_arrest", "eq", INT_MAX)
    assert parse({"days_since_arrest": INT_MIN}, TYPES) == Compare("days_since_arrest", "eq", INT_MIN)


# --- parse: errors, with paths and advice -------------------------------------------


def test_unknown_fact_suggests_the_close_name() -> None:
    error = only_error({"asylum_pendin": True})
    assert error.path == ("asylum_pendin",)
    assert error.message == "unknown fact 'asylum_pendin' (did you mean 'asylum_pending'?)"


def test_unknown_operator_suggests_the_close_one() -> None:
    error = only_error({"days_since_arrest": {"lte": 3, "gtee": 1}})
    assert error.path == ("days_since_arrest", "gtee")
    assert "did you mean 'gte'?" in error.message


def test_path_reaches_into_all_lists() -> None:
    error = only_error({"all": [{"asylum_pending": True}, {"days_since_arrest": {"lte": "30"}}]})
    assert error.path == ("all", 1, "days_since_arrest", "lte")
    assert "write 30 without quotes" in error.message


def test_string_for_bool_is_rejected_with_advice() -> None:
    assert only_error({"asylum_pending": "yes"}).message == "'yes' is not a bool; write true or false"


def test_bool_is_not_an_int_and_int_is_not_a_bool() -> None:
    # bool subclasses int in Python; the engine must never see 1 == true (durable coerces it).
    assert "is not a bool" in only_error({"asylum_pending": 1}).message
    assert "is a bool" in only_error({"days_since_arrest": True}).message
    assert "is not a bool" in only_error({"asylum_pending": {"in": [0]}}).message


@pytest.mark.parametrize("value", [2.0, 2.5, 1e-05, 1e16, float("inf"), float("nan")])
def test_floats_always_rejected(value: float) -> None:
    assert "is a float" in only_error({"days_since_arrest": value}).message
    assert "is not a bool" in only_error({"asylum_pending": value}).message
    assert "not a value" in only_error({"treaty_basis": value}).message


def test_float_with_whole_value_suggests_the_int() -> None:
    assert only_error({"days_since_arrest": {"gt": 2.0}}).message.endswith("write 2")


def test_ints_beyond_64_bits_rejected() -> None:
    assert "64 bits" in only_error({"days_since_arrest": INT_MAX + 1}).message
    assert "64 bits" in only_error({"days_since_arrest": {"gt": INT_MIN - 1}}).message


def test_enum_value_must_be_listed() -> None:
    error = only_error({"treaty_basis": "bilaterl"})
    assert "did you mean 'bilateral'?" in error.message
    assert "allowed: bilateral, multilateral, none" in error.message


def test_yaml_bool_for_enum_explains_quoting() -> None:
    # YAML 1.1 reads an unquoted `no` as false.
    assert "quote the value" in only_error({"treaty_basis": False}).message


def test_ordering_only_on_int_facts() -> None:
    for fact, value in (("asylum_pending", True), ("treaty_basis", "none")):
        error = only_error({fact: {"lt": value}})
        assert error.path == (fact, "lt")
        assert "compares numbers" in error.message


@pytest.mark.parametrize("operand", [[], "bilateral", None, {"a": 1}])
def test_in_needs_a_non_empty_list(operand: object) -> None:
    error = only_error({"treaty_basis": {"in": operand}})
    assert error.path == ("treaty_basis", "in")
    assert "non-empty list" in error.message


def test_in_checks_every_element() -> None:
    errors = errors_of({"treaty_basis": {"in": ["none", "nope", 3]}})
    assert [e.path for e in errors] == [("treaty_basis", "in", 1), ("treaty_basis", "in", 2)]


@pytest.mark.parametrize("op", ["known", "unknown"])
@pytest.mark.parametrize("operand", [False, 1, "yes", None])
def test_known_and_unknown_take_true_only(op: str, operand: object) -> None:
    assert "takes only true" in only_error({"asylum_pending": {op: operand}}).message


@pytest.mark.parametrize("group", ["all", "any"])
@pytest.mark.parametrize("value", [[], {}, None, {"asylum_pending": True}])
def test_groups_need_a_non_empty_list(group: str, value: object) -> None:
    error = only_error({group: value})
    assert error.path == (group,)
    assert "non-empty list" in error.message


@pytest.mark.parametrize("data", [{}, [], "asylum_pending", None, 3])
def test_a_condition_is_a_non_empty_mapping(data: object) -> None:
    assert only_error(data).path == ()


def test_group_items_must_be_mappings() -> None:
    assert only_error({"any": [{"asylum_pending": True}, "asylum_pending"]}).path == ("any", 1)


def test_empty_operator_mapping_and_missing_value() -> None:
    assert "no operator" in only_error({"asylum_pending": {}}).message
    assert "missing value" in only_error({"asylum_pending": None}).message


def test_list_as_literal_points_to_in() -> None:
    assert "{in: [...]}" in only_error({"treaty_basis": ["none"]}).message


def test_all_errors_are_reported_not_just_the_first() -> None:
    data = {
        "asylum_pendin": True,
        "days_since_arrest": {"lte": 2.5, "gte": "x"},
        "any": [{"treaty_basis": "nope"}, {"un_reply_received": {"known": False}}],
    }
    paths = [e.path for e in errors_of(data)]
    assert paths == [
        ("asylum_pendin",),
        ("days_since_arrest", "lte"),
        ("days_since_arrest", "gte"),
        ("any", 0, "treaty_basis"),
        ("any", 1, "un_reply_received", "known"),
    ]


def test_condition_errors_is_a_value_error_with_readable_text() -> None:
    with pytest.raises(ValueError, match=r"all\.0\.asylum_pending: 'yes' is not a bool"):
        parse({"all": [{"asylum_pending": "yes"}]}, TYPES)


# --- meaning -------------------------------------------------------------------------


def test_unknown_is_not_false() -> None:
    # Every comparison with an unknown fact is false, `ne` included.
    for cond in (
        Compare("asylum_pending", "eq", False),
        Compare("asylum_pending", "ne", True),
        Compare("days_since_arrest", "lt", 100),
        In("treaty_basis", ("none",)),
        Presence("asylum_pending", True),
    ):
        assert not evaluate(cond, {})
    assert evaluate(Presence("asylum_pending", False), {})


def test_none_counts_as_unknown() -> None:
    assert evaluate(Presence("asylum_pending", False), {"asylum_pending": None})
    assert not evaluate(Compare("days_since_arrest", "ne", 3), {"days_since_arrest": None})


@pytest.mark.parametrize(
    ("op", "expected"),
    [("eq", False), ("ne", True), ("lt", False), ("lte", False), ("gt", True), ("gte", True)],
)
def test_comparisons_on_known_ints(op: str, expected: bool) -> None:
    assert evaluate(Compare("days_since_arrest", op, 30), {"days_since_arrest": 31}) is expected  # type: ignore[arg-type]


def test_groups() -> None:
    facts = {"asylum_pending": True}
    yes, no = Compare("asylum_pending", "eq", True), Compare("asylum_pending", "eq", False)
    assert evaluate(All((yes, yes)), facts) and not evaluate(All((yes, no)), facts)
    assert evaluate(Any((no, yes)), facts) and not evaluate(Any((no, no)), facts)


def test_reference_evaluate_keeps_rule_order() -> None:
    yes = Compare("asylum_pending", "eq", True)
    rules = [("z", yes), ("a", Presence("asylum_pending", False)), ("m", yes)]
    assert reference_evaluate(rules, {"asylum_pending": True}) == ("z", "m")


def test_facts_named() -> None:
    cond = parse({"asylum_pending": True, "any": [{"treaty_basis": "none"}, {"asylum_pending": False}]}, TYPES)
    assert facts_named(cond) == frozenset({"asylum_pending", "treaty_basis"})


# --- printing -------------------------------------------------------------------------


def test_describe_the_brief_example() -> None:
    cond = parse({"asylum_pending": True, "days_since_arrest": {"lte": 30}}, TYPES)
    assert describe(cond) == "asylum_pending is true and days_since_arrest ≤ 30"


def test_describe_brackets_mixed_groups() -> None:
    cond = parse(
        {
            "un_reply_received": {"unknown": True},
            "any": [
                {"treaty_basis": {"in": ["bilateral", "none"]}},
                {"days_since_arrest": {"gt": 3, "ne": 7}},
            ],
        },
        TYPES,
    )
    assert describe(cond) == (
        "un_reply_received is unknown and (treaty_basis is one of bilateral, none"
        " or (days_since_arrest > 3 and days_since_arrest is not 7))"
    )


def test_to_data_is_canonical() -> None:
    data = {"days_since_arrest": {"gte": 0, "lte": 30}, "treaty_basis": "none"}
    assert to_data(parse(data, TYPES)) == {
        "all": [
            {"all": [{"days_since_arrest": {"gte": 0}}, {"days_since_arrest": {"lte": 30}}]},
            {"treaty_basis": "none"},
        ]
    }


def test_conditions_never_imports_durable() -> None:
    code = "import sys, assessor.conditions; print(any(m.startswith('durable') for m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True, text=True, check=True,
    )
    assert out.stdout.strip() == "False"


# --- properties ---------------------------------------------------------------------


def literals(ft: FactType) -> st.SearchStrategy:
    if ft.kind == "bool":
        return st.booleans()
    if ft.kind == "int":
        return st.integers(-3, 3) | st.sampled_from([INT_MIN, INT_MAX])
    return st.sampled_from(ft.values)


def leaves(types: dict[str, FactType]) -> st.SearchStrategy[Condition]:
    def for_fact(ft: FactType) -> st.SearchStrategy[Condition]:
        ops = COMPARE_OPS if ft.kind == "int" else ("eq", "ne")
        return st.one_of(
            st.builds(Compare, st.just(ft.name), st.sampled_from(ops), literals(ft)),
            st.builds(In, st.just(ft.name), st.lists(literals(ft), min_size=1, max_size=3).map(tuple)),
            st.builds(Presence, st.just(ft.name), st.booleans()),
        )

    # Built once per catalogue: a flatmap would rebuild it at every draw.
    return st.one_of([for_fact(ft) for _, ft in sorted(types.items())])


def conditions(types: dict[str, FactType], depth: int = 3) -> st.SearchStrategy[Condition]:
    """Nested all/any up to `depth`, every operator."""
    leaf = leaves(types)
    tree = leaf
    for _ in range(depth):
        children = st.lists(tree, min_size=1, max_size=3).map(tuple)
        tree = st.one_of(leaf, st.builds(All, children), st.builds(Any, children))
    return tree


def records(types: dict[str, FactType]) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries({}, optional={n: literals(t) for n, t in types.items()})


@settings(max_examples=EXAMPLES)
@given(conditions(TYPES))
def test_round_trip_through_data(cond: Condition) -> None:
    assert parse(to_data(cond), TYPES) == cond


@settings(max_examples=EXAMPLES)
@given(conditions(TYPES), records(TYPES))
def test_round_trip_keeps_meaning_and_describe_is_one_line(cond: Condition, facts: dict) -> None:
    assert evaluate(parse(to_data(cond), TYPES), facts) == evaluate(cond, facts)
    assert "\n" not in describe(cond)
    assert facts_named(cond) <= set(TYPES)
