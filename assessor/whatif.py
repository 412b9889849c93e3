"""What if: the case with some facts changed, assessed beside the original.

Two ways to say what changes, for `assess CASE --assume ...` and `--scenario FILE`:

- an assignment into the case file, `PATH=VALUE`. PATH is written as the case file nests
  its fields: `legal_basis.treaty_list_complete`, `protection[0].decisions[+]` (`[+]` adds
  an item at the end of a list, `[-1]` is the last item). VALUE is YAML, so a new item is a
  flow mapping: `protection[0].decisions[+]={date: 2026-01-15, outcome: refused, final: true}`.
  The changed case is validated like a case file: a mistake is reported with where it is.
- a fact override, `fact:NAME=VALUE` (`fact:rule39_indicated=true`), which sets one fact of
  the catalogue (`assess facts`) directly, with the facts that change with it
  (reports/phrases.yaml), when the case file has no field that says it.

A scenario file holds the same in YAML: `add:` (parts merged into the case: lists are
extended, mappings merged), `set:` (PATH: VALUE), `facts:` (NAME: VALUE), and optionally
`title:` and `as_of:`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import Field

from . import assessment as assessment_module
from .assessment import LEVELS, Assessment
from .caseload import case_from_document
from .dates import PartialDate
from .facts import derive
from .i18n import _, current
from .model import Case, Part
from .problems import InputError, Loc, Problem, dotted
from .sensitivity import apply_changes, check_value, implied
from .validation import validate
from .yamlfile import Document, load, parse

_STEP = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\+|-?\d+)\]")
APPEND = "+"


@dataclass
class Assignment:
    """`PATH=VALUE` into the case, with where each part of it was written."""

    path: tuple[str | int, ...]
    value: Any
    where: tuple[str, int, int]  # file, line, column of the value
    value_positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    text: str = ""


@dataclass
class FactOverride:
    name: str
    value: Any
    where: tuple[str, int, int]
    text: str = ""


@dataclass
class Changes:
    """Everything a what-if changes, and the as-of date it asks for (if any)."""

    assignments: list[Assignment] = field(default_factory=list)
    add: tuple[Any, Document] | None = None  # a scenario's `add:` and its document
    facts: list[FactOverride] = field(default_factory=list)
    as_of: dt.date | None = None
    title: str | None = None

    def describe(self) -> list[str]:
        lines = [_("assume {change}").format(change=a.text) for a in self.assignments]
        if self.add is not None:
            lines.append(_("add to the case the parts in {file}").format(file=self.add[1].file))
        lines += [_("assume {change}").format(change=f.text) for f in self.facts]
        return lines


# --- reading --------------------------------------------------------------------------


def parse_assume(texts: list[str] | tuple[str, ...]) -> Changes:
    """The --assume options, in order; every malformed one is reported, located as
    `--assume:N:COLUMN` (the Nth --assume, the column inside it)."""
    changes, problems = Changes(), []
    for number, text in enumerate(texts, 1):
        try:
            item = _parse_one(text, number)
        except InputError as error:
            problems.extend(error.problems)
            continue
        (changes.facts if isinstance(item, FactOverride) else changes.assignments).append(item)
    if problems:
        raise InputError(problems)
    return changes


def _problem(number: int, column: int, message: str, hint: str = "",
             file: str = "--assume") -> InputError:
    return InputError([Problem(file, number, column, "", message, hint)])


def _parse_one(text: str, number: int) -> Assignment | FactOverride:
    if "=" not in text:
        raise _problem(number, 1, f"'{text}' has no '='",
                       "write PATH=VALUE, e.g. rule39 as fact:rule39_indicated=true")
    path_text, value_text = text.split("=", 1)
    path_text = path_text.strip()
    value_column = text.index("=") + 2
    value_doc = _value_document(value_text, number, value_column)
    if path_text.startswith("fact:"):
        name = path_text[len("fact:"):].strip()
        value = value_doc.data
        why = check_value(name, value)
        if why:
            from .facts import CATALOGUE

            raise _problem(number, value_column if name in CATALOGUE else 6, why)
        return FactOverride(name, value, ("--assume", number, value_column), text.strip())
    path = parse_path(path_text, number)
    return Assignment(path, value_doc.data, ("--assume", number, value_column),
                      {loc: (number, value_column + col - 1)
                       for loc, (_, col) in value_doc.positions.items()}, text.strip())


def _value_document(value_text: str, number: int, column: int) -> Document:
    if not value_text.strip():
        raise _problem(number, column, "no value after '='",
                       "give a value: true, false, unknown, a number, a date or {field: value}")
    try:
        return parse(value_text, "--assume")
    except InputError as error:
        first = error.problems[0]
        raise _problem(number, column + first.column - 1, first.message, first.hint) from None


def parse_path(text: str, number: int = 1, file: str = "--assume",
               line: int | None = None) -> tuple[str | int, ...]:
    """`protection[0].decisions[+]` -> ('protection', 0, 'decisions', '+')."""
    parts: list[str | int] = []
    position = 0
    while position < len(text):
        match = _STEP.match(text, position)
        if not match or (match.group(0).startswith(".") and not parts):
            raise InputError([Problem(file, line or number, position + 1, "",
                                      f"cannot read the path '{text}' from here",
                                      "write fields as a.b and list items as [0], [-1] "
                                      "or [+] (a new item)")])
        name, index = match.groups()
        parts.append(name if name is not None else index if index == APPEND else int(index))
        position = match.end()
    if not parts or not isinstance(parts[0], str):
        raise InputError([Problem(file, line or number, 1, "", "the path is empty",
                                  "start with a field of the case, e.g. protection[0]")])
    return tuple(parts)


class Scenario(Part):
    """A scenario file: what to change in the case, for `assess CASE --scenario FILE`."""

    title: str | None = Field(None, description="What the scenario supposes, in a line.")
    as_of: PartialDate | None = Field(None, description="Assess both cases as of this date.")
    add: dict[str, Any] = Field({}, description="Parts merged into the case (lists extended).")
    set: dict[str, Any] = Field({}, description="PATH: VALUE assignments, as for --assume.")
    facts: dict[str, Any] = Field({}, description="Fact overrides, NAME: VALUE.")


def load_scenario(path: Path | str) -> Changes:
    """A scenario file, validated; every problem is located in the file."""
    document = load(path)
    scenario = validate(document, Scenario)
    changes = Changes(as_of=scenario.as_of.latest if scenario.as_of else None,
                      title=scenario.title)
    problems: list[Problem] = []
    for key, value in scenario.set.items():
        line, column = document.position(("set", key))
        try:
            parts = parse_path(key, file=document.file, line=line)
        except InputError as error:
            problems.extend(error.problems)
            continue
        positions = {loc[2:]: pos for loc, pos in document.positions.items()
                     if loc[:2] == ("set", key)}
        changes.assignments.append(Assignment(parts, value, (document.file, line, column),
                                              positions, f"{key}={_yaml(value)}"))
    for name, value in scenario.facts.items():
        why = check_value(name, value)
        if why:
            problems.append(document.problem(("facts", name), why))
            continue
        changes.facts.append(FactOverride(name, value, (document.file,
                                                        *document.position(("facts", name))),
                                          f"fact:{name}={_yaml(value)}"))
    if scenario.add:
        changes.add = (scenario.add, document)
    if problems:
        raise InputError(problems)
    return changes


def _yaml(value: Any) -> str:
    """A value as it would be written in YAML (true, not True)."""
    import json

    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _setting(name: str, value: Any) -> str:
    """A fact a what-if also sets, as the terminal says it: as `assess facts` writes it in
    English (asylum_pending = false); the fact's label and the value's words in another
    language."""
    if current() == "en":
        return f"{name} = {_yaml(value)}"
    from .facts import label
    from .wording import value_words

    return f"{label(name)}: {value_words(None if value == 'unknown' else value)}"


# --- applying -------------------------------------------------------------------------


def changed_case(case: Case, changes: Changes) -> Case:
    """The case with the assignments and additions made, validated as a case file; every
    problem is reported where the change was written."""
    data = case.model_dump(mode="json", exclude_none=True)
    positions: dict[Loc, tuple[int, int]] = {}
    origins: dict[Loc, str] = {}
    problems: list[Problem] = []
    if changes.add is not None:
        added, document = changes.add
        _merge(data, added, (), ("add",), document, positions, origins)
    for assignment in changes.assignments:
        try:
            loc = _assign(data, assignment)
        except _PathError as error:
            file, line, _column = assignment.where
            problems.append(Problem(file, line, 1, dotted(assignment.path[: error.depth + 1]),
                                    error.message, error.hint))
            continue
        file, line, column = assignment.where
        for depth in range(1, len(loc)):  # a wrong field name is reported at the path
            positions.setdefault(loc[:depth], (line, 1))
            origins.setdefault(loc[:depth], file)
        positions[loc] = (line, column)
        origins[loc] = file
        for sub, position in assignment.value_positions.items():
            positions[(*loc, *sub)] = position
            origins[(*loc, *sub)] = file
    if problems:
        raise InputError(problems)
    try:
        return case_from_document(_Located(data, positions, origins))
    except InputError as error:
        raise InputError(error.problems) from None


class _Located(Document):
    """The changed case as a document whose positions point into where each change was
    written (a scenario file, or the Nth --assume)."""

    def __init__(self, data: Any, positions: dict[Loc, tuple[int, int]],
                 origins: dict[Loc, str]):
        super().__init__("<changed case>", data, positions)
        self.origins = origins

    def problem(self, loc: Loc, message: str, hint: str = "", *, path: str = "",
                at_value: bool = False) -> Problem:
        # positions already point where each change was written, values included
        loc = tuple(loc)
        probe = loc
        while probe and probe not in self.positions:
            probe = probe[:-1]
        file = self.origins.get(probe, "<the change>")
        line, column = self.positions.get(probe, (1, 1))
        return Problem(file, line, column, path or dotted(loc), message, hint)


class _PathError(Exception):
    def __init__(self, depth: int, message: str, hint: str = ""):
        self.depth, self.message, self.hint = depth, message, hint


def _assign(data: dict, assignment: Assignment) -> Loc:
    """Make one assignment in the case data; return the location it resolved to."""
    node: Any = data
    resolved: list[str | int] = []
    path = assignment.path
    for depth, part in enumerate(path):
        last = depth == len(path) - 1
        following = None if last else path[depth + 1]
        fresh: Any = {} if isinstance(following, str) and following != APPEND else []
        if isinstance(part, str) and part != APPEND:
            if not isinstance(node, dict):
                raise _PathError(depth, f"'{part}' is a field name, but this is a list",
                                 "use [0], [-1] or [+]")
            if last:
                node[part] = assignment.value
            else:
                node = node.setdefault(part, fresh)
        else:
            if not isinstance(node, list):
                raise _PathError(depth, f"[{part}] is a list item, but this is not a list",
                                 "use .field")
            if part == APPEND:
                node.append(assignment.value if last else fresh)
                index = len(node) - 1
            else:
                if not -len(node) <= part < len(node):
                    raise _PathError(depth, f"there is no item [{part}]: the list has "
                                     f"{len(node)}", "use [+] to add an item")
                index = part % len(node)
                if last:
                    node[index] = assignment.value
            if not last:
                node = node[index]
            part = index
        resolved.append(part)
    return tuple(resolved)


def _merge(target: dict, overlay: Any, target_loc: Loc, overlay_loc: Loc,
           document: Document, positions: dict, origins: dict) -> None:
    """Merge a scenario's `add:` into the case data, keeping where each part was written."""

    def place(new_loc: Loc, from_loc: Loc) -> None:
        for loc, position in document.positions.items():
            if loc[: len(from_loc)] == from_loc:
                positions[(*new_loc, *loc[len(from_loc):])] = position
                origins[(*new_loc, *loc[len(from_loc):])] = document.file

    for key, value in overlay.items():
        here, there = (*target_loc, key), (*overlay_loc, key)
        current = target.get(key) if isinstance(target, dict) else None
        if isinstance(current, dict) and isinstance(value, dict):
            _merge(current, value, here, there, document, positions, origins)
        elif isinstance(current, list) and isinstance(value, list):
            for index, item in enumerate(value):
                current.append(item)
                place((*here, len(current) - 1), (*there, index))
        else:
            target[key] = value
            place(here, there)


# --- comparing ------------------------------------------------------------------------


def assess_with_facts(assessor, case: Case, as_of: dt.date,
                      overrides: list[FactOverride],
                      analyse: bool = False) -> tuple[Assessment, list[str]]:
    """Assess `case` with some facts set directly; also returns the implied changes made
    with them (a granted claim is no longer pending), in words. With `analyse`, add what a
    report shows (assessor.analyses), from the assumed facts."""
    facts = derive(case, as_of)
    also_said: list[str] = []
    for override in overrides:
        also = implied(override.name, override.value, facts.values.get(override.name))
        also = {k: v for k, v in also.items() if k not in {o.name for o in overrides}}
        facts.values = apply_changes(facts.values, {override.name: override.value, **also})
        for name in (override.name, *also):
            facts.details[name] = _("assumed (what-if)")
            facts.sources.pop(name, None)
        also_said += [_setting(k, v) for k, v in also.items()]
    facts.unknown = tuple(n for n in facts.unknown if n not in facts.values)
    fired = assessor.evaluate(facts.values)
    result = assessment_module.build(case, facts, fired, assessor.rulebook)
    if analyse:
        from .analyses import analyse as add_analyses

        add_analyses(assessor, case, facts, result)
        if overrides:
            # the trajectory re-reads the case's events, which know nothing of a fact set
            # directly: its last point would not be this scenario
            result.trajectory = []
    return result, also_said


def scenario_assessment(assessor, case: Case, changes: Changes, as_of: dt.date | None, *,
                        analyse: bool = False, redact: bool = False):
    """The report's assessment for `--assume`/`--scenario`: the CHANGED case, titled as a
    scenario, with the assumptions said on its first page (its first warning). With
    `redact`, the changed case is redacted before it is assessed (an assumed value is
    redacted like the case's own) and the assumptions' words pass through the redaction.
    Returns (assessment, redaction or None)."""
    basis = "given" if as_of else "scenario" if changes.as_of else (
        "case file" if case.as_of else "today")
    as_of = as_of or changes.as_of or (case.as_of.latest if case.as_of else dt.date.today())
    changed = other = (changed_case(case, changes) if (changes.assignments or changes.add)
                       else case)
    redaction = None
    if redact:
        from .redact import redact_case

        other, redaction = redact_case(changed)
    result, implied_changes = assess_with_facts(assessor, other, as_of, changes.facts,
                                                analyse=analyse)
    lines = changes.describe() + (
        [_("which also sets: {facts}").format(facts=", ".join(implied_changes))]
        if implied_changes else [])
    lines += _after_as_of(case, changed, as_of)
    title = changes.title
    if redaction is not None:
        lines = [redaction.apply(line) for line in lines]
        title = redaction.apply(title) if title else title
        result.redacted = True
    result.as_of_basis = basis if basis != "scenario" else "given"
    result.title = f"Scenario{f' ({title})' if title else ''}: {result.title}"
    result.scenario = lines
    result.warnings.insert(0, "This report is a scenario, not the case as filed: "
                           + "; ".join(lines) + ".")
    return result, redaction


@dataclass
class Comparison:
    original: Assessment
    changed: Assessment
    assumed: list[str]
    implied: list[str]
    title: str | None = None
    # assumed items dated after the as-of date: they cannot count, and the lawyer is told when
    warnings: list[str] = field(default_factory=list)


def compare(assessor, case: Case, changes: Changes, as_of: dt.date | None) -> Comparison:
    """The original case and the changed one, assessed as of the same date."""
    as_of = as_of or changes.as_of or (case.as_of.latest if case.as_of else dt.date.today())
    original = assessor.assess(case, as_of)
    other = changed_case(case, changes) if (changes.assignments or changes.add) else case
    changed, implied_changes = assess_with_facts(assessor, other, as_of, changes.facts)
    return Comparison(original, changed, changes.describe(), implied_changes, changes.title,
                      _after_as_of(case, other, as_of))


def _after_as_of(case: Case, other: Case, as_of: dt.date) -> list[str]:
    """An assumed event dated after the as-of date changes nothing as of that date: say so,
    and offer the date from which it would count."""
    from .events import dated_items

    before = set(dated_items(case))
    return [f"the assumed {label} is dated {date}, after the as-of date {as_of}: it does not "
            f"count here; add --as-of {date.latest} to assess it from the day it would count"
            if date.latest != dt.date.max else
            f"the assumed {label} is dated {date}, which never falls by a known day: it does "
            "not count"
            for label, date in dated_items(other)
            if (label, date) not in before and not date.happened_by(as_of)]


def describe(c: Comparison) -> list[str]:
    """The comparison as lines for the terminal."""
    from .labels import effect, level
    from .wording import when

    a, b = c.original, c.changed
    lines = [(_("{case}: what if ({title}), as of {date}") if c.title else
              _("{case}: what if, as of {date}")).format(case=a.case_id, title=c.title,
                                                          date=when(a.as_of))]
    lines += [f"  {line}" for line in c.assumed]
    lines += ["  " + _("warning: {text}").format(text=w) for w in c.warnings]
    if c.implied:
        lines.append("  " + _("which also sets: {facts}").format(facts=", ".join(c.implied)))
    move = LEVELS.index(b.level) - LEVELS.index(a.level)
    verdict = (_("risk rises: {before} -> {after}") if move > 0 else
               _("risk falls: {before} -> {after}") if move < 0 else
               _("risk stays: {before} -> {after}"))
    lines.append("  " + verdict.format(
        before=_("{level} (score {score})").format(level=level(a.level).upper(), score=a.score),
        after=_("{level} (score {score}, {change})").format(
            level=level(b.level).upper(), score=b.score, change=f"{b.score - a.score:+d}")))
    before = {f.rule_id: f for f in a.findings}
    after = {f.rule_id: f for f in b.findings}
    appeared = [f for r, f in after.items() if r not in before]
    gone = [f for r, f in before.items() if r not in after]
    for title, items, sign in ((_("findings that appear"), appeared, "+"),
                               (_("findings that disappear"), gone, "-")):
        if items:
            lines.append(f"  {title}:")
            lines += [f"    {sign} {f.rule_id} {f.title} ({f.points:+d}"
                      + (f", {effect('bar')}" if f.effect == "bar" else "") + ")"
                      for f in items]
    if not appeared and not gone:
        lines.append("  " + _("no finding appears or disappears"))
    return lines
