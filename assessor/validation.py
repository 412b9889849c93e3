"""Pydantic validation errors turned into located problems a person can act on."""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any, Iterator, TypeVar

from pydantic import BaseModel, ValidationError

from .problems import InputError, Loc, Problem, choice_hint, dotted
from .yamlfile import Document

M = TypeVar("M", bound=BaseModel)

# Limits on what one case file may hold (README, "Exit statuses"). A real case has a few
# dozen items per list and a few paragraphs per text; the limits leave room for a hundred
# times that, and keep every analysis (each is near-linear in these sizes) within seconds.
MAX_ITEMS = 300  # items in any one list (events, charges, claims, sources, aliases...)
# items of the case in all, outside `sources`: every dated one is a point of the risk's
# trajectory, and each point weighs the whole case again, so this bounds the time of the
# trajectory (benchmarks/bench_scale.py measures it)
MAX_PARTS = 300
MAX_TEXT = 5_000  # characters in any one text
# The largest whole number both engines hold exactly: durable-rules passes facts through
# JSON doubles, so 2**53 - 1 is where an integer stops being itself.
MAX_NUMBER = 2**53 - 1
MAX_PROBLEMS = 20
# Years a case can hold: deadlines and the chart reckon days around every date, and the
# calendar of the standard library ends at 9999 (a year 9999 overflows, a year 1 underflows)
FIRST_YEAR, LAST_YEAR = 1900, 2199


def validate(document: Document, model: type[M]) -> M:
    """Validate a YAML document as `model`, raising InputError with every problem at once."""
    if not isinstance(document.data, dict):
        got = "a list" if isinstance(document.data, list) else (
            "text" if isinstance(document.data, str) else repr(document.data))
        raise InputError([document.problem(
            (), f"the file holds {got}, not a mapping of fields",
            "write `field: value` lines; start from cases/template.yaml")])
    over = list(beyond_limits(document))
    if over:
        raise InputError(over)
    try:
        result = model.model_validate(document.data)
    except ValidationError as error:
        raise InputError(problems(document, model, error)) from None
    far = [document.problem(loc, f"{date} is outside the years {FIRST_YEAR}-{LAST_YEAR} an "
                            "assessment can reckon with", "check the year", at_value=True)
           for loc, date in _dates(result, ())
           if not FIRST_YEAR <= date.year <= LAST_YEAR]
    if far:
        raise InputError(far[:MAX_PROBLEMS])
    return result


def _dates(node: Any, loc: Loc) -> Iterator[tuple[Loc, Any]]:
    """Every date of a validated case, with its place in the file."""
    from .dates import PartialDate

    if isinstance(node, PartialDate):
        # a date known by its bounds is checked bound by bound
        yield from ([(loc, b) for b in (node.after, node.before) if b] if node.is_bounded
                    else [(loc, node)])
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _dates(getattr(node, name), (*loc, name))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _dates(item, (*loc, index))
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from _dates(item, (*loc, key))


def beyond_limits(document: Document) -> Iterator[Problem]:
    """Lists, texts and numbers over the documented limits, each located; checked before
    validation, so that a hostile file costs a walk of its data and nothing more."""
    found = parts = 0
    stack: list[tuple[Loc, Any]] = [((), document.data)]
    while stack and found < MAX_PROBLEMS:
        loc, node = stack.pop()
        problem = None
        if isinstance(node, dict) and loc and isinstance(loc[-1], int) \
                and loc[0] != "sources":
            parts += 1
            if parts == MAX_PARTS + 1:
                problem = document.problem(
                    loc, f"the case holds more than {MAX_PARTS:,} items (events, charges, "
                    "claims, decisions...) besides its sources", "a case needs far fewer; "
                    "keep the ones that matter to the risk")
        if isinstance(node, dict):
            stack.extend(((*loc, k), v) for k, v in reversed(list(node.items())))
        elif isinstance(node, list):
            if len(node) > MAX_ITEMS:
                problem = document.problem(
                    (*loc, MAX_ITEMS), f"{len(node):,} items, over the limit of "
                    f"{MAX_ITEMS:,} in one list", "a case needs far fewer; keep the ones "
                    "that matter to the risk", path=dotted(loc))
            stack.extend(((*loc, i), v) for i, v in reversed(list(enumerate(node[:MAX_ITEMS]))))
        elif isinstance(node, str) and len(node) > MAX_TEXT:
            problem = document.problem(loc, f"{len(node):,} characters, over the limit of "
                                       f"{MAX_TEXT:,} in one text", "shorten it, or put the "
                                       "document itself in `sources`", at_value=True)
        elif isinstance(node, bool):
            pass
        elif isinstance(node, int) and abs(node) > MAX_NUMBER:
            problem = document.problem(loc, "this number is too large to be held exactly",
                                       f"at most {MAX_NUMBER:,}", at_value=True)
        elif isinstance(node, float) and not (abs(node) <= MAX_NUMBER):  # also inf and nan
            problem = document.problem(loc, f"{node!r} is not a number the assessment can "
                                       "hold", f"at most {MAX_NUMBER:,}", at_value=True)
        if problem is not None:
            found += 1
            yield problem


def problems(document: Document, model: type[BaseModel], error: ValidationError) -> list[Problem]:
    found: dict[tuple[Loc, str], Problem] = {}
    for item in error.errors(include_url=False):
        loc = _data_loc(document.data, item["loc"])
        message, hint = _explain(item, model, loc)
        key = (loc, message)
        if key not in found:
            path = dotted(loc)
            if item["type"] == "missing":
                loc = loc[:-1]
            # a wrong value is shown where the value stands; an unknown or missing field
            # where its key (or its parent) stands
            at_value = item["type"] not in ("extra_forbidden", "missing")
            found[key] = document.problem(loc, message, hint, path=path, at_value=at_value)
    return list(found.values())


def _data_loc(data: Any, loc: tuple) -> Loc:
    """The error's location in the file's data: pydantic adds the names of union branches
    to it, but a key of the file may look like one (`'[': 1`), so follow the data first."""
    found: list[str | int] = []
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        elif _is_branch_tag(part):
            continue
        else:
            data = None  # a missing field: the rest of the location names it
        found.append(part)
    return tuple(found)


def _is_branch_tag(part: Any) -> bool:
    # pydantic names union branches in the loc ('function-after[...]', 'bool'); drop them
    return isinstance(part, str) and ("[" in part or part in {"bool", "int", "str", "none"})


def _explain(item: dict[str, Any], model: type[BaseModel], loc: Loc) -> tuple[str, str]:
    kind, value = item["type"], item.get("input")
    ctx = item.get("ctx") or {}
    if kind == "extra_forbidden":
        allowed = _field_names(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(allowed)
        return f"unknown field '{loc[-1]}'", hint
    if kind == "missing":
        return "this field is required", f"add `{loc[-1]}:`"
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        allowed = re.findall(r"'([^']*)'", expected)
        return f"{value!r} is not allowed", choice_hint(value, allowed) if allowed else \
            "one of " + expected.replace("'", "")
    if kind in {"value_error", "assertion_error"}:
        return str(ctx.get("error", item["msg"])), ""
    if kind == "string_pattern_mismatch":
        return f"{value!r} does not have the right form", f"pattern {ctx.get('pattern')}"
    if kind in {"model_type", "dict_type"}:
        return f"expected a mapping of fields, got {_shown(value)}", "write `field: value` lines"
    if kind == "list_type":
        return f"expected a list, got {_shown(value)}", "write `- item` lines or [a, b]"
    if kind.startswith("bool"):
        return f"expected true, false or unknown, got {_shown(value)}", ""
    if kind.startswith("int"):
        return f"expected a whole number, got {_shown(value)}", ""
    if kind == "too_short":
        return "needs at least one entry", ""
    return item["msg"], ""


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _field_names(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names allowed at `loc` inside `model` (for 'did you mean')."""
    annotation: Any = model
    for part in loc:
        annotation = _strip(annotation)
        if isinstance(part, int):
            args = typing.get_args(annotation)
            annotation = args[0] if args else Any
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(part)
            annotation = field.annotation if field else Any
        else:
            return []
    annotation = _strip(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return sorted(annotation.model_fields)
    return []


def _strip(annotation: Any) -> Any:
    """Unwrap Optional[...] and Annotated[...] to the model or list inside."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            inner = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = inner[0] if len(inner) == 1 else annotation
            if len(inner) != 1:
                return annotation
        else:
            return annotation


def without_duplicates(text: str, problems: list[Problem]) -> str | None:
    """The file with each repeated key blanked out, line numbers kept, so that the rest of it
    can still be checked and every problem reported at once; None when something other than
    a repeated key is wrong, or a repeated key does not stand on a line of its own (flow
    style), since the rest could not then be read reliably."""
    lines = text.split("\n")
    for problem in problems:
        if not problem.message.startswith("duplicate key '"):
            return None
        index, column = problem.line - 1, problem.column - 1
        if not 0 <= index < len(lines) or lines[index][:column].strip():
            return None
        lines[index] = ""
        following = index + 1
        # the repeated key's value: the lines indented deeper than the key (and blank ones)
        while following < len(lines) and (not lines[following].strip() or _indent(
                lines[following]) > column or lines[following].lstrip().startswith("#")):
            lines[following] = ""
            following += 1
    return "\n".join(lines)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
