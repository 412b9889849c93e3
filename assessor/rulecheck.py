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
- **proofs** (assessor/solver.py, by the z3 solver over every fact record the catalogue
  allows): every rule and every action condition can hold; no two rules reading the same facts
  with opposite effects fire together; no rule is wholly covered by one with the opposite
  effect; every supersession can take effect, and a bar is displaced only by a bar at least as
  strong; no protective fact raises the score and no aggravating fact lowers it. Each
  violation comes with a counterexample fact record (`--save-counterexamples DIR`);
- **citations**: no placeholder (`TODO`, `-`, `?`, `n/a`) for an instrument or article;
- **action conditions**: each action's `when:` names known facts with values of their type
  (the loader would otherwise refuse the whole rule set);
- **supersession**: no rule supersedes itself, a missing rule, or (through others) itself;
- **explanations**: every template compiles, names only known variables and facts, and renders
  with the facts of the seed cases and with an all-unknown record;
- **translations** (assessor/translations.py): every rule has its text in each language under
  rules/locale/, with the same template variables and tags, and as many actions, verify notes
  and paraphrases as the English; a translation of an English text since changed is a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from jinja2 import TemplateError, nodes

from . import conditions, solver, translations
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
    # what the solver proved, with its counterexample fact record (None for other checks)
    violation: solver.Violation | None = field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}: {self.message}"
        v = self.violation
        if v is not None and v.record is not None:
            shown = ", ".join(f"{k}: {solver.shown_value(x)}" for k, x in v.record.items())
            text += f"\n    counterexample: {{{shown or 'every fact unknown'}}}"
            text += " (every other fact unknown)" if v.record else ""
            if v.change is not None:
                name, calm, worse = v.change
                text += (f"\n    then {name}: {solver.shown_value(calm)} -> "
                         f"{solver.shown_value(worse)}")
        return text


@dataclass
class Report:
    defects: list[Defect]
    rules: int
    files: int
    proof: solver.Report | None = None
    # proven gaps that do not fail the check (WARNINGS), each with its counterexample
    warnings: list[Defect] = field(default_factory=list)

    @property
    def counterexamples(self) -> list[solver.Violation]:
        return [d.violation for d in self.defects + self.warnings if d.violation is not None]

    def summary(self) -> str:
        warned = f", {len(self.warnings)} warning(s)" if self.warnings else ""
        if self.defects:
            return (f"{len(self.defects)} defect(s){warned} in {self.rules} rules "
                    f"({self.files} files)")
        return f"{self.rules} rules in {self.files} files: no defects{warned}"


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
    for check_fn in (_ids, _citations, _supersessions, _directions):
        defects += check_fn(rules)
    proof_defects, proof = _proofs(rules)
    # a rule that can fire with no citation applying is a gap in the law a rule author must
    # research (which provision governs there), not a typo: reported as a warning, for now
    warnings = [d for d in proof_defects if d.violation and d.violation.check in WARNINGS]
    defects += [d for d in proof_defects if d not in warnings]
    defects += _explanations(rules, _contexts(cases_dir))
    # the rules' texts in other languages (rules/locale/<lang>/): a missing or mismatched
    # translation fails the check; a stale one (the English changed since) is a warning
    for lang in translations.languages(directory):
        problems = translations.check_translations(directory, lang)
        defects += _from_problems([p for p in problems if not p.warning])
        warnings += _from_problems([p for p in problems if p.warning])
    return Report(sorted(set(defects)), len(rules), len(files), proof, sorted(set(warnings)))


WARNINGS = frozenset({"uncited"})


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
        gated: dict[str, list] = {"actions": [], "legal_basis": []}
        for part, items in (("actions", rule.actions), ("legal_basis", rule.legal_basis)):
            for number, item in enumerate(items):
                try:
                    gated[part].append(None if item.when is None
                                       else conditions.parse(item.when, types))
                except conditions.ConditionErrors as error:
                    gated[part].append(None)
                    defects += [Defect(document.file, document.position(
                        (*prefix, part, number, "when", *e.path))[0],
                        f"{rule.id}: {part}.{number}.when.{e}") for e in error.errors]
        line = document.position(prefix)[0]
        compiled = CompiledRule(rule, condition, document.file, line, len(found),
                                tuple(gated["actions"]), tuple(gated["legal_basis"]))
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


# what an author writes for a citation not yet found: a rule must cite the provision itself
_PLACEHOLDER = re.compile(
    r"^[\s\-–—?._*/]*$|\b(todo|tbd|tba|fixme|xxx+|placeholder|to be (added|confirmed))\b"
    r"|^(n/?a|none|unknown|see above|ibid\.?)$", re.IGNORECASE)


def _citations(rules: list[_Located]) -> list[Defect]:
    defects = []
    for r in rules:
        for i, c in enumerate(r.rule.legal_basis):
            for what, text in (("instrument", c.instrument), ("article", c.article),
                               ("paraphrase", c.paraphrase)):
                if not text.strip():
                    if what != "paraphrase":
                        defects.append(Defect(r.document.file, r.line("legal_basis", i),
                                              f"{r.rule.id}: citation {i + 1} names no {what}"))
                elif _PLACEHOLDER.search(text.strip()):
                    defects.append(Defect(
                        r.document.file, r.line("legal_basis", i, what),
                        f"{r.rule.id}: citation {i + 1}: {what} {text.strip()!r} is a "
                        f"placeholder; cite the {what} itself"))
    return defects


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


# --- proofs ---------------------------------------------------------------------------------


def _proofs(rules: list[_Located]) -> tuple[list[Defect], solver.Report]:
    """The solver's violations, each located at the line of the rule it is about."""
    usable = [r for r in rules if r.compiled.condition != AnyOf(())]  # unparsed: reported
    by_id: dict[str, _Located] = {}
    for r in usable:
        by_id.setdefault(r.rule.id, r)
    proof = solver.prove(solver.views(r.compiled for r in by_id.values()))
    defects = []
    for v in proof.violations:
        defects.append(Defect(*_where(v, by_id), v.message, v))
    return defects, proof


def _where(v: solver.Violation, by_id: dict[str, _Located]) -> tuple[str, int]:
    if v.check == "direction" and v.change is not None:
        name = v.change[0]
        reading = [by_id[i] for i in v.rules if name in conditions.facts_named(
            by_id[i].compiled.condition)] or [by_id[i] for i in v.rules]
        if reading:
            return reading[0].document.file, reading[0].line_of_fact(name)
        first = next(iter(by_id.values()))
        return first.document.file, 1
    r = by_id[v.rules[-1] if v.check == "contradiction" else v.rules[0]]
    if v.where:
        return r.document.file, r.line(*v.where)
    key = {"supersession": "supersedes", "uncited": "legal_basis"}.get(v.check, "when")
    return r.document.file, r.line(key)


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


# --- counterexamples as regression cases ------------------------------------------------------


def save_counterexamples(report: Report, directory: Path) -> list[Path]:
    """Write each proven violation to `directory` as a YAML fact record (a regression case:
    tests/test_solver.py shows how to replay one with the reference evaluator). A file that
    exists is never overwritten: choose an empty folder."""
    import yaml

    from .output import write_private

    directory.mkdir(parents=True, exist_ok=True)
    planned = []
    for number, violation in enumerate(report.counterexamples, 1):
        name = "-".join([f"{number:02d}", violation.check, *violation.rules]) + ".yaml"
        planned.append((directory / name, violation))
    clashes = [str(p) for p, _ in planned if p.exists()]
    if clashes:
        raise InputError([Problem(clashes[0], 1, 1, "", "a counterexample file is already here",
                                  "choose an empty folder for --save-counterexamples")])
    for path, violation in planned:
        text = yaml.safe_dump(violation.as_data(), sort_keys=False, allow_unicode=True)
        write_private(path, "# a fact record on which `assess rules check` proved a "
                      "violation\n" + text)
    return [p for p, _ in planned]
