"""`assess rules check`: every defect in a rules folder, found at once and located.

Loading a rulebook stops at the first file that fails to validate; a rule author needs the
whole list. Beyond what loading checks (schema, conditions over known facts, unique ids,
supersessions that name real rules), this checks what only the rules taken together show:

- **citations**: every rule cites at least one instrument and article, neither blank;
- **direction**: a rule's weight agrees with the direction the fact catalogue gives each fact
  its condition tests. A rule that raises the risk (weight > 0) must fire *more*, never less,
  as facts become more aggravating: an aggravating fact turning true, a protective fact
  turning false, an int aggravating fact growing (a protective one shrinking), an ordered
  enum moving towards its aggravating end (its last value). A rule that lowers the risk
  (weight < 0, bars included) must do the opposite. Each test on a directed fact is checked
  by itself; a rule is a defect when every directed test in it points against its weight
  (`asylum_pending: true` alone in a raising rule; a weight whose sign was flipped). A rule
  that mixes directions (a narrower rule such as "passport taken, not in detention", which
  a heavier rule displaces once the other side holds) is judged in combination by the
  direction property of tests/test_properties.py, which checks every fact against the whole
  rulebook. Tests of neutral facts, unordered enums, `known`/`unknown` and int equality are
  undirected and never flagged. Notes (weight 0) are free. This is what keeps the property "a protective fact never raises
  the score" true rule by rule (tests/test_properties.py checks the rules in combination);
- **contradiction**: no two rules with the same condition (up to the order of `all`/`any`)
  have opposite effects;
- **supersession**: no rule supersedes itself, a missing rule, or (through others) itself;
- **explanations**: every template compiles, names only known variables and facts, and renders
  with the facts of the seed cases and with an all-unknown record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from jinja2 import TemplateError, nodes

from . import conditions
from .conditions import All, Any as AnyOf, Compare, Condition, In, Presence
from .facts import CATALOGUE, FactSpec, Facts, derive, fact_types
from .problems import InputError, Problem
from .rulebook import CompiledRule, Rule, default_rules_dir
from .validation import validate
from .yamlfile import Document, load

CONTEXT_NAMES = frozenset({"fact", "detail", "person", "requesting", "requested", "as_of"})


@dataclass(frozen=True, order=True)
class Defect:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass
class Report:
    defects: list[Defect]
    rules: int
    files: int

    def summary(self) -> str:
        if self.defects:
            return f"{len(self.defects)} defect(s) in {self.rules} rules ({self.files} files)"
        return f"{self.rules} rules in {self.files} files: no defects"


@dataclass(frozen=True)
class _Located:
    compiled: CompiledRule
    document: Document
    index: int

    @property
    def rule(self) -> Rule:
        return self.compiled.rule

    def line(self, *path: str | int) -> int:
        return self.document.position(("rules", self.index, *path))[0]

    def line_of_fact(self, name: str) -> int:
        """The line where the condition names `name` (the rule's `when:` otherwise)."""
        prefix = ("rules", self.index, "when")
        lines = [line for loc, (line, _) in self.document.positions.items()
                 if loc[:3] == prefix and loc and loc[-1] == name]
        return min(lines) if lines else self.line("when")


def check(directory: Path | str | None = None, cases_dir: Path | None = None) -> Report:
    """Every defect of the rules in `directory` (default: the bundled rules)."""
    directory = Path(directory) if directory else default_rules_dir()
    files = sorted(directory.glob("*.yaml"))
    if not files:
        return Report([Defect(str(directory), 1, "no rule files (*.yaml) here")], 0, 0)
    defects: list[Defect] = []
    rules: list[_Located] = []
    for path in files:
        file_rules, file_defects = _load_file(path)
        rules += file_rules
        defects += file_defects
    for check_fn in (_ids, _citations, _supersessions, _directions, _contradictions):
        defects += check_fn(rules)
    defects += _explanations(rules, _contexts(cases_dir))
    return Report(sorted(set(defects)), len(rules), len(files))


# --- loading, rule by rule --------------------------------------------------------------------


def _load_file(path: Path) -> tuple[list[_Located], list[Defect]]:
    try:
        document = load(path, str(path))
    except InputError as error:
        return [], _from_problems(error.problems)
    data = document.data
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        from .rulebook import RuleFile

        try:
            validate(document, RuleFile)
        except InputError as error:
            return [], _from_problems(error.problems)
        return [], []
    found, defects = [], []
    types = fact_types()
    for index, item in enumerate(data["rules"]):
        # each rule validated alone, so that one broken rule hides no other defect
        prefix = ("rules", index)
        sub = Document(document.file, item, {loc[2:]: pos for loc, pos in
                                             document.positions.items() if loc[:2] == prefix})
        try:
            rule = validate(sub, Rule)
            condition = conditions.parse(rule.when, types)
        except InputError as error:
            defects += _from_problems(error.problems)
            continue
        except conditions.ConditionErrors as error:
            # the rule exists: supersessions naming it are not defects of their own
            found.append(_Located(CompiledRule(rule, AnyOf(()), document.file,
                                               document.position(prefix)[0], len(found)),
                                  document, index))
            defects += [Defect(document.file, document.position((*prefix, "when", *e.path))[0],
                               f"{item.get('id', '?')}: when.{e}") for e in error.errors]
            continue
        line = document.position(prefix)[0]
        compiled = CompiledRule(rule, condition, document.file, line, len(found))
        found.append(_Located(compiled, document, index))
    return found, defects


def _from_problems(problems: list[Problem]) -> list[Defect]:
    return [Defect(p.file, p.line, f"{p.path}: {p.message}" if p.path else p.message)
            for p in problems]


# --- what the rules show together -------------------------------------------------------------


def _ids(rules: list[_Located]) -> list[Defect]:
    first: dict[str, _Located] = {}
    defects = []
    for r in rules:
        if r.rule.id in first:
            other = first[r.rule.id]
            defects.append(Defect(r.document.file, r.line("id"),
                                  f"rule id {r.rule.id} is used twice (first at "
                                  f"{other.document.file}:{other.line('id')})"))
        first.setdefault(r.rule.id, r)
    return defects


def _citations(rules: list[_Located]) -> list[Defect]:
    return [Defect(r.document.file, r.line("legal_basis", i),
                   f"{r.rule.id}: citation {i + 1} names no {what}")
            for r in rules for i, c in enumerate(r.rule.legal_basis)
            for what, text in (("instrument", c.instrument), ("article", c.article))
            if not text.strip()]


def _supersessions(rules: list[_Located]) -> list[Defect]:
    by_id = {r.rule.id: r for r in rules}
    defects = []
    for r in rules:
        for target in r.rule.supersedes:
            if target == r.rule.id:
                defects.append(Defect(r.document.file, r.line("supersedes"),
                                      f"{r.rule.id} supersedes itself"))
            elif target not in by_id:
                defects.append(Defect(r.document.file, r.line("supersedes"),
                                      f"{r.rule.id} supersedes {target}, which is no rule"))
    for cycle in _cycles({i: [t for t in r.rule.supersedes if t in by_id and t != i]
                          for i, r in by_id.items()}):
        start = by_id[cycle[0]]
        defects.append(Defect(start.document.file, start.line("supersedes"),
                              "supersessions form a cycle: " + " -> ".join(cycle + [cycle[0]])))
    return defects


def _cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """One representative of each cycle of the supersession graph."""
    seen: set[frozenset[str]] = set()
    found = []

    def walk(node: str, path: list[str]) -> None:
        for nxt in graph.get(node, []):
            if nxt in path:
                cycle = path[path.index(nxt):]
                if frozenset(cycle) not in seen:
                    seen.add(frozenset(cycle))
                    found.append(cycle)
            elif len(path) < len(graph):
                walk(nxt, path + [nxt])

    for node in sorted(graph):
        walk(node, [node])
    return found


# --- direction ------------------------------------------------------------------------------


def _order(spec: FactSpec) -> list[Any] | None:
    """The fact's values from least to most aggravating, or None when undirected."""
    if spec.direction == "neutral":
        return None
    if spec.kind == "bool":
        return [False, True] if spec.direction == "aggravating" else [True, False]
    if spec.kind == "enum":
        return list(spec.values) if spec.ordered else None
    return []  # int: the order of the numbers, reversed for a protective fact


def _atoms(cond: Condition) -> Iterator[Compare | In | Presence]:
    if isinstance(cond, (All, AnyOf)):
        for child in cond.children:
            yield from _atoms(child)
    else:
        yield cond


def atom_direction(atom: Compare | In | Presence) -> str | None:
    """'up' when the test holds on an upper set of the fact's aggravation order (it keeps
    holding as the fact gets worse for the person), 'down' for a lower set, None when the
    test is undirected or neither (such tests are not judged)."""
    if isinstance(atom, Presence) or atom.fact not in CATALOGUE:
        return None
    spec = CATALOGUE[atom.fact]
    order = _order(spec)
    if order is None:
        return None
    if order == []:  # int
        if not isinstance(atom, Compare) or atom.op not in ("lt", "lte", "gt", "gte"):
            return None
        grows = atom.op in ("gt", "gte")
        return "up" if grows == (spec.direction == "aggravating") else "down"
    truth = [conditions.evaluate(atom, {atom.fact: v}) for v in order]
    if all(truth) or not any(truth):
        return None
    if truth == sorted(truth):
        return "up"
    if truth == sorted(truth, reverse=True):
        return "down"
    return None


def _directions(rules: list[_Located]) -> list[Defect]:
    defects = []
    for r in rules:
        weight = r.rule.weight
        if weight == 0:
            continue
        wanted = "up" if weight > 0 else "down"
        directed = [(a, atom_direction(a)) for a in _atoms(r.compiled.condition)]
        directed = [(a, d) for a, d in directed if d is not None]
        if any(d == wanted for _, d in directed):
            continue  # a narrower rule carving out a case: judged in combination (module doc)
        for atom, _ in directed:
            spec = CATALOGUE[atom.fact]
            verb = "raises" if weight > 0 else "lowers"
            defects.append(Defect(
                r.document.file, r.line_of_fact(atom.fact),
                f"{r.rule.id} {verb} the risk ({weight:+d}) when "
                f"{conditions.describe(atom)}, but the catalogue marks {atom.fact} "
                f"{spec.direction}: that test should {'lower' if weight > 0 else 'raise'} it"))
    return defects


# --- contradictions -------------------------------------------------------------------------


def canonical(cond: Condition) -> Any:
    """The condition with the order of `all`/`any` (and of `in` lists) forgotten."""
    if isinstance(cond, (All, AnyOf)):
        kind = type(cond)
        parts: set = set()
        for child in cond.children:
            c = canonical(child)
            if isinstance(child, kind):  # all: [a, all: [b]] is all: [a, b]
                parts |= c[1]
            else:
                parts.add(c)
        if len(parts) == 1:
            return next(iter(parts))
        return (kind.__name__, frozenset(parts))
    if isinstance(cond, In):
        if len(set(cond.values)) == 1:
            return ("Compare", cond.fact, "eq", repr(cond.values[0]))
        return ("In", cond.fact, frozenset(repr(v) for v in cond.values))
    if isinstance(cond, Compare):
        return ("Compare", cond.fact, cond.op, repr(cond.value))
    return ("Presence", cond.fact, cond.known)


def _contradictions(rules: list[_Located]) -> list[Defect]:
    seen: dict[Any, _Located] = {}
    defects = []
    for r in rules:
        if r.compiled.condition == AnyOf(()):
            continue  # its condition did not parse: already reported
        key = canonical(r.compiled.condition)
        other = seen.get(key)
        if other is not None and other.rule.weight * r.rule.weight < 0:
            defects.append(Defect(
                r.document.file, r.line("when"),
                f"{r.rule.id} ({r.rule.weight:+d}) and {other.rule.id} "
                f"({other.rule.weight:+d}, {other.document.file}:{other.line('when')}) have "
                "the same condition and opposite effects"))
        seen.setdefault(key, r)
    return defects


# --- explanations ---------------------------------------------------------------------------


def _contexts(cases_dir: Path | None) -> list[tuple[str, dict[str, Any]]]:
    """Fact records to render explanations with: each seed case as of its date, and a case
    where nothing is known."""
    from .assessment import explanation_context
    from .caseload import load_case
    from .model import Case

    contexts = []
    cases_dir = cases_dir or default_rules_dir().parent / "cases"
    for path in sorted(cases_dir.glob("*.yaml")) if cases_dir.is_dir() else []:
        try:
            case = load_case(path)
        except InputError:
            continue  # the template, or a case being written: not a rule defect
        as_of = case.as_of.latest if case.as_of else dt.date.today()
        contexts.append((path.name, explanation_context(case, derive(case, as_of))))
    nobody = Case.model_validate({"case_id": "unknown", "person": {
        "name": "the person", "nationalities": ["KZ"]},
        "states": {"requesting": "KZ", "requested": "ME"}})
    contexts.append(("an all-unknown record", explanation_context(
        nobody, Facts(as_of=dt.date.today(), unknown=tuple(CATALOGUE)))))
    return contexts


def _explanations(rules: list[_Located], contexts: list[tuple[str, dict]]) -> list[Defect]:
    from .assessment import _TEMPLATES, render_explanation

    defects = []
    for r in rules:
        where = (r.document.file, r.line("explanation"))
        try:
            tree = _TEMPLATES.parse(r.rule.explanation)
        except TemplateError as error:
            defects.append(Defect(*where, f"{r.rule.id}: explanation does not compile: {error}"))
            continue
        for problem in _unknown_names(tree):
            defects.append(Defect(*where, f"{r.rule.id}: explanation {problem}"))
        for label, context in contexts:
            try:
                render_explanation(r.compiled, context)
            except Exception as error:  # any failure is the defect being looked for
                defects.append(Defect(*where, f"{r.rule.id}: explanation fails to render "
                                              f"with {label}: {type(error).__name__}: {error}"))
                break
    return defects


def _unknown_names(tree: nodes.Template) -> list[str]:
    """Variables outside the context, and facts outside the catalogue: both would print
    'unknown' in every report instead of failing, so they are caught here."""
    problems = []
    assigned = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    for name in tree.find_all(nodes.Name):
        if name.ctx == "load" and name.name not in CONTEXT_NAMES | assigned:
            problems.append(f"uses {name.name!r}, which is not one of "
                            f"{', '.join(sorted(CONTEXT_NAMES))}")
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        target = node.node
        if isinstance(target, nodes.Name) and target.name in ("fact", "detail"):
            attr = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value",
                                                                               None)
            if isinstance(attr, str) and attr not in CATALOGUE:
                problems.append(f"names {target.name}.{attr}, which is not in the fact "
                                "catalogue")
    return sorted(set(problems))
