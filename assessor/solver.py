"""Proofs over the whole rule set, by the z3 SMT solver (docs/rule-checks.md).

The property tests sample fact records; this module asks z3 about *every* fact record the
catalogue allows, so that a defect is found whatever values it hides behind. The domain:

- every fact of the catalogue is either **unknown** (absent from the record) or known, with a
  value of its declared type: a bool; an int (the catalogue's ints are days, counts, euros and
  years, which the case model keeps at zero or above, so 0..2**63-1); an enum value (one of the
  listed strings: a finite domain, encoded as its position in the catalogue's list);
- facts are otherwise independent: the solver assumes nothing about how derivation links them
  (protection granted and asylum pending are both possible to it). What derivation makes
  impossible together is left to the reachability and contradiction property tests.

A condition means what `assessor.conditions.evaluate` says (the reference semantics): every
comparison with an unknown fact is false, `known`/`unknown` test presence. The score is the
sum of the weights of the rules that fire and are not superseded by a rule that fires (the
0..100 clamp is monotone, so proving the raw score monotone proves the score monotone).

What is proven, each violation with a counterexample fact record (checked again with the
reference evaluator before it is reported, so a counterexample never lies):

- **never holds**: a rule's condition, or an action's or a citation's `when:` together with
  its rule's, is satisfiable (the unsatisfiable tests are named: `{gte: 41, lte: 40}`);
- **uncited**: a rule whose every citation has a `when:` never fires with none of them
  holding (a finding always names its legal basis);
- **contradiction**: two rules that read the same facts, with opposite effects (one raises the
  score, the other lowers it), fire together on some record (equal conditions included, up
  to any rewriting: `{ne: false}` is `true`);
- **covered**: a rule fires only where another with the opposite effect fires too, and neither
  supersedes the other;
- **supersession**: a superseding rule can fire together with the rule it supersedes (or the
  supersession never takes effect), and a bar is displaced only by a bar at least as strong;
- **direction**: no protective fact, turning true (or growing, or moving towards the
  protective end of an ordered enum), ever raises the score; no aggravating fact lowers it.
  Each directed fact is proven over the whole domain, all other facts held equal.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

import z3

from . import conditions
from .conditions import All, Any, Compare, Condition, FactValue, In, Presence
from .facts import CATALOGUE, FactSpec

INT_MAX = conditions.INT_MAX
# bars are ranked by their nature in law (rulebook.Rule.legal_nature)
STRENGTH_RANK = {"absolute": 0, "mandatory": 1, "discretionary": 2}


@dataclass(frozen=True)
class RuleView:
    """What the solver needs of a rule: its id, condition, weight, effect and supersessions."""

    id: str
    condition: Condition
    weight: int
    effect: str = "note"
    strength: str | None = None
    supersedes: tuple[str, ...] = ()
    # (number of the action, its own condition) for each action with a `when:`
    actions: tuple[tuple[int, Condition], ...] = ()
    # the same for citations, and whether some citation has no `when:` (always cited)
    citations: tuple[tuple[int, Condition], ...] = ()
    always_cited: bool = True


@dataclass(frozen=True)
class Violation:
    """One thing proven wrong, with the fact record that shows it (None when no record can:
    a condition that never holds has no witness)."""

    check: str
    rules: tuple[str, ...]
    message: str
    record: Mapping[str, FactValue] | None = None
    # for a direction violation: the fact, and its value before and after the change
    change: tuple[str, FactValue, FactValue] | None = None
    where: tuple[str, ...] = ()  # a path inside the first rule (e.g. ("actions", 0, "when"))

    def as_data(self) -> dict:
        """A YAML-able regression case: the facts to feed the rules, and what goes wrong."""
        data: dict = {"check": self.check, "rules": list(self.rules), "violation": self.message}
        if self.record is not None:
            data["facts"] = dict(self.record)
            data["unknown"] = [n for n in CATALOGUE if n not in self.record]
        if self.change is not None:
            name, calm, worse = self.change
            # from the calmer value to the one worse for the person
            data["change"] = {"fact": name, "calmer": calm, "worse": worse}
        return data


@dataclass
class Report:
    violations: list[Violation]
    # pairs of rules with opposite effects that can fire together (by design in an additive
    # model: reported for the reader, not defects)
    overlaps: list[tuple[str, str]] = field(default_factory=list)
    # supersessions where the superseding rule's condition does not imply the other's: the
    # narrower rule displaces a broader one that need not hold (reported, not defects)
    displacements: list[tuple[str, str]] = field(default_factory=list)
    queries: int = 0


# --- the encoding ----------------------------------------------------------------------------


class _Record:
    """z3 variables for one fact record: known_f and value_f for each fact."""

    def __init__(self, specs: Mapping[str, FactSpec], tag: str) -> None:
        self.specs = specs
        self.known: dict[str, z3.BoolRef] = {}
        self.value: dict[str, z3.ExprRef] = {}
        for name, spec in specs.items():
            self.known[name] = z3.Bool(f"{name}.known{tag}")
            self.value[name] = (z3.Bool(f"{name}{tag}") if spec.kind == "bool"
                                else z3.Int(f"{name}{tag}"))

    def variant(self, name: str, tag: str) -> "_Record":
        """The same record with fresh variables for one fact."""
        other = object.__new__(_Record)
        other.specs = self.specs
        other.known, other.value = dict(self.known), dict(self.value)
        spec = self.specs[name]
        other.known[name] = z3.Bool(f"{name}.known{tag}")
        other.value[name] = (z3.Bool(f"{name}{tag}") if spec.kind == "bool"
                             else z3.Int(f"{name}{tag}"))
        return other

    def domain(self, names: Iterable[str] | None = None) -> list[z3.BoolRef]:
        """The values each fact may take."""
        out = []
        for name in self.specs if names is None else names:
            spec, v = self.specs[name], self.value[name]
            if spec.kind == "int":
                out.append(z3.And(v >= 0, v <= INT_MAX))
            elif spec.kind == "enum":
                out.append(z3.And(v >= 0, v < len(spec.values)))
        return out

    def encode(self, value: FactValue, name: str) -> z3.ExprRef:
        spec = self.specs[name]
        if spec.kind == "enum":
            return z3.IntVal(spec.values.index(value))
        if spec.kind == "bool":
            return z3.BoolVal(bool(value))
        return z3.IntVal(int(value))

    def decode(self, model: z3.ModelRef, name: str) -> FactValue | None:
        known = model.eval(self.known[name], model_completion=False)
        if not z3.is_true(known):
            return None
        spec = self.specs[name]
        v = model.eval(self.value[name], model_completion=True)
        if spec.kind == "bool":
            return z3.is_true(v)
        if spec.kind == "enum":
            return spec.values[v.as_long()]
        return v.as_long()

    def holds(self, cond: Condition) -> z3.BoolRef:
        """The z3 formula for `cond`, with the reference semantics of unknown facts."""
        match cond:
            case Compare(fact, op, value):
                v, lit = self.value[fact], self.encode(value, fact)
                test = {"eq": v == lit, "ne": v != lit}.get(op)
                if test is None:
                    test = {"lt": v < lit, "lte": v <= lit, "gt": v > lit, "gte": v >= lit}[op]
                return z3.And(self.known[fact], test)
            case In(fact, values):
                v = self.value[fact]
                return z3.And(self.known[fact],
                              z3.Or([v == self.encode(x, fact) for x in values]))
            case Presence(fact, known):
                return self.known[fact] if known else z3.Not(self.known[fact])
            case All(children):
                return z3.And([self.holds(c) for c in children])
            case Any(children):
                return z3.Or([self.holds(c) for c in children])
        raise TypeError(f"not a condition: {cond!r}")


def _score(counted: Sequence[RuleView], by_id: Mapping[str, RuleView], record: _Record,
           superseders: Mapping[str, Sequence[str]]) -> z3.ArithRef:
    """The part of the raw score the `counted` rules add on `record`: each rule's weight when
    it fires and no rule superseding it fires."""
    terms = []
    for r in counted:
        if not r.weight:
            continue
        above = [record.holds(by_id[s].condition) for s in superseders.get(r.id, ())]
        counts = z3.And(record.holds(r.condition), z3.Not(z3.Or(above)))
        terms.append(z3.If(counts, r.weight, 0))
    return z3.Sum(terms) if terms else z3.IntVal(0)


# --- the checks ------------------------------------------------------------------------------


def prove(rules: Sequence[RuleView], specs: Mapping[str, FactSpec] | None = None) -> Report:
    """Every violation of the properties in the module docstring, over the whole domain."""
    specs = dict(specs or CATALOGUE)
    prover = _Prover(list(rules), specs)
    report = Report([])
    report.violations += prover.never_holds()
    usable = [r for r in prover.rules if r.id not in prover.impossible]
    found, report.overlaps = prover.pairs(usable)
    report.violations += found
    found, report.displacements = prover.supersessions(usable)
    report.violations += found
    report.violations += prover.directions()
    report.queries = prover.queries
    return report


class _Prover:
    def __init__(self, rules: list[RuleView], specs: dict[str, FactSpec]) -> None:
        self.rules, self.specs = rules, specs
        self.by_id = {r.id: r for r in rules}
        self.x = _Record(specs, "")
        self.solver = z3.Solver()
        self.solver.add(self.x.domain())
        self.fires = {r.id: self.x.holds(r.condition) for r in rules}
        self.impossible: set[str] = set()
        self.witness: dict[str, dict] = {}
        self.named = {r.id: conditions.facts_named(r.condition) for r in rules}
        self.superseders: dict[str, list[str]] = {}
        for r in rules:
            for target in r.supersedes:
                if target in self.by_id and target != r.id:
                    self.superseders.setdefault(target, []).append(r.id)
        self.queries = 0

    def _check(self, *formulas: z3.BoolRef) -> z3.ModelRef | None:
        """A model of the domain and `formulas`, or None when there is none."""
        self.queries += 1
        self.solver.push()
        self.solver.add(*formulas)
        try:
            result = self.solver.check()
            if result == z3.unknown:  # never seen on these small formulas; be loud if so
                raise RuntimeError(f"z3 could not decide: {self.solver.reason_unknown()}")
            return self.solver.model() if result == z3.sat else None
        finally:
            self.solver.pop()

    def _record(self, model: z3.ModelRef, record: _Record | None = None) -> dict:
        record = record or self.x
        out = {}
        for name in self.specs:
            value = record.decode(model, name)
            if value is not None:
                out[name] = value
        return out

    # -- satisfiability -------------------------------------------------------------------

    def never_holds(self) -> list[Violation]:
        found = []
        for r in self.rules:
            model = self._check(self.fires[r.id])
            if model is not None:
                # one record on which the rule fires, every fact it does not read unknown
                self.witness[r.id] = self._record(model)
            else:
                self.impossible.add(r.id)
                found.append(Violation("never-holds", (r.id,),
                                       f"{r.id} can never fire: {self._conflict(r.condition)}"))
                continue
            for number, cond in r.actions:
                if self._check(self.fires[r.id], self.x.holds(cond)) is None:
                    found.append(Violation(
                        "never-holds", (r.id,),
                        f"{r.id}: action {number + 1} is never recommended: its `when:` "
                        f"({conditions.describe(cond)}) never holds when the rule fires "
                        f"({self._conflict(All((r.condition, cond)))})",
                        where=("actions", number, "when")))
            found += self._citations(r)
        return found

    def _citations(self, r: RuleView) -> list[Violation]:
        """Each conditional citation can be cited when the rule fires, and the rule never
        fires with no citation at all (a finding must name its legal basis)."""
        found = []
        for number, cond in r.citations:
            if self._check(self.fires[r.id], self.x.holds(cond)) is None:
                found.append(Violation(
                    "never-holds", (r.id,),
                    f"{r.id}: citation {number + 1} is never cited: its `when:` "
                    f"({conditions.describe(cond)}) never holds when the rule fires "
                    f"({self._conflict(All((r.condition, cond)))})",
                    where=("legal_basis", number, "when")))
        if r.always_cited:
            return found
        bare = self._check(self.fires[r.id],
                           *[z3.Not(self.x.holds(cond)) for _, cond in r.citations])
        if bare is not None:
            found.append(Violation(
                "uncited", (r.id,),
                f"{r.id} can fire with none of its citations applying: every citation has a "
                "`when:`, and on this record none holds (give one citation no `when:`, or "
                "widen one)", self._record(bare), where=("legal_basis",)))
        return found

    def _conflict(self, cond: Condition) -> str:
        """The tests of a condition that cannot hold together (an unsat core of its
        top-level conjuncts), in words."""
        parts = list(_conjuncts(cond))
        solver = z3.Solver()
        solver.add(self.x.domain())
        marks = [z3.Bool(f"part{i}") for i in range(len(parts))]
        for mark, part in zip(marks, parts):
            solver.add(z3.Implies(mark, self.x.holds(part)))
        if solver.check(*marks) != z3.unsat:
            return conditions.describe(cond) + " never holds"
        core = {str(m) for m in solver.unsat_core()}
        used = [p for m, p in zip(marks, parts) if str(m) in core]
        if len(used) == 1:
            return f"{conditions.describe(used[0])} never holds"
        return " and ".join(conditions.describe(p) for p in used) + " cannot hold together"

    # -- pairs ----------------------------------------------------------------------------

    def pairs(self, rules: list[RuleView]) -> tuple[list[Violation], list[tuple[str, str]]]:
        found, overlaps = [], []
        named = self.named
        for a, b in itertools.combinations(rules, 2):
            if a.weight * b.weight >= 0:
                continue
            both = self._together(a, b)
            if both is None:
                continue
            overlaps.append((a.id, b.id))
            related = b.id in a.supersedes or a.id in b.supersedes
            if related:
                continue
            a_in_b, b_in_a = self._implies(a, b), self._implies(b, a)
            if named[a.id] == named[b.id]:
                same = "the same condition" if a_in_b and b_in_a else "overlapping conditions"
                found.append(Violation(
                    "contradiction", (a.id, b.id),
                    f"{a.id} ({a.weight:+d}) and {b.id} ({b.weight:+d}) have {same} and "
                    f"opposite effects (both read {', '.join(sorted(named[a.id]))}): on this "
                    "record both fire", both))
            elif a_in_b or b_in_a:
                inner, outer = (a, b) if a_in_b else (b, a)
                found.append(Violation(
                    "covered", (inner.id, outer.id),
                    f"{inner.id} ({inner.weight:+d}) fires only where {outer.id} "
                    f"({outer.weight:+d}) fires, with the opposite effect, and neither "
                    "supersedes the other: say which displaces which (supersedes:), or "
                    "merge them; on this record both fire", both))
        return found, overlaps

    def _together(self, a: RuleView, b: RuleView) -> dict | None:
        """A record on which both rules fire, or None when none exists."""
        if not self.named[a.id] & self.named[b.id]:
            # independent facts: the two witnesses side by side are a record firing both
            return {**self.witness[a.id], **self.witness[b.id]}
        for record in (self.witness[a.id], self.witness[b.id]):
            if all(conditions.evaluate(r.condition, record) for r in (a, b)):
                return dict(record)
        model = self._check(self.fires[a.id], self.fires[b.id])
        return None if model is None else self._record(model)

    def _implies(self, a: RuleView, b: RuleView) -> bool:
        """Whether b fires on every record on which a fires."""
        if not conditions.evaluate(b.condition, self.witness[a.id]):
            return False  # a's own witness refutes it, no need to ask z3
        return self._check(self.fires[a.id], z3.Not(self.fires[b.id])) is None

    # -- supersession ---------------------------------------------------------------------

    def supersessions(self, rules: list[RuleView]
                      ) -> tuple[list[Violation], list[tuple[str, str]]]:
        found, displacing = [], []
        usable = {r.id for r in rules}
        for s in rules:
            for target in s.supersedes:
                if target not in usable or target == s.id:
                    continue  # a missing or impossible rule is reported elsewhere
                t = self.by_id[target]
                both = self._check(self.fires[s.id], self.fires[t.id])
                if both is None:
                    found.append(Violation(
                        "supersession", (s.id, t.id),
                        f"{s.id} supersedes {t.id}, but they never fire together "
                        f"({self._conflict(All((s.condition, t.condition)))}): the "
                        "supersession never takes effect; remove it"))
                    continue
                if self._check(self.fires[s.id], z3.Not(self.fires[t.id])) is not None:
                    displacing.append((s.id, t.id))
                if t.effect == "bar" and (
                        s.effect != "bar" or STRENGTH_RANK.get(s.strength or "", 9)
                        > STRENGTH_RANK.get(t.strength or "", 9)):
                    what = f"a {s.strength} bar" if s.effect == "bar" else f"not a bar ({s.effect})"
                    found.append(Violation(
                        "supersession", (s.id, t.id),
                        f"{s.id} ({what}) supersedes the {t.strength} bar {t.id}: a bar may "
                        "be displaced only by a bar at least as strong; on this record both "
                        "fire", self._record(both)))
        return found, displacing

    # -- direction ------------------------------------------------------------------------

    def directions(self) -> list[Violation]:
        found = []
        for name, spec in self.specs.items():
            if spec.direction == "neutral" or (spec.kind == "enum" and not spec.ordered):
                continue
            # only a rule that reads the fact, or one superseded by such a rule, can count
            # differently after the change: the rest cancel out of the comparison
            reading = {r.id for r in self.rules if name in self.named[r.id]}
            if not reading:
                continue
            moved = [r for r in self.rules if r.id in reading
                     or any(s in reading for s in self.superseders.get(r.id, ()))]
            y = self.x.variant(name, "'")
            before = _score(moved, self.by_id, self.x, self.superseders)
            after = _score(moved, self.by_id, y, self.superseders)
            x_v, y_v = self.x.value[name], y.value[name]
            # the change, from the calmer value (x) to the worse one (y)
            if spec.kind == "bool":
                worse = spec.direction == "aggravating"
                step = z3.And(x_v == z3.BoolVal(not worse), y_v == z3.BoolVal(worse))
            elif spec.kind == "int" and spec.direction == "protective":
                step = x_v > y_v  # fewer of a protective thing is worse
            else:  # an aggravating int, or an ordered enum (listed calmest first)
                step = x_v < y_v
            model = self._check(self.x.known[name], y.known[name], *y.domain([name]), step,
                                after < before)
            if model is None:
                continue
            record = self._record(model)
            verb = "raises" if spec.direction == "protective" else "lowers"
            found.append(_direction_violation(
                Violation("direction", (), "", record, (name, record[name], y.decode(model, name))),
                self.rules, verb, spec))
        return found


def _direction_violation(v: Violation, rules: Sequence[RuleView], verb: str,
                         spec: FactSpec) -> Violation:
    """Name the rules whose firing changes, and the scores, by the reference evaluator."""
    name, calm, worse = v.change  # type: ignore[misc]
    record = dict(v.record or {})
    fired_calm, score_calm = reference_score(rules, record)
    fired_worse, score_worse = reference_score(rules, {**record, name: worse})
    gone = sorted(set(fired_calm) - set(fired_worse))
    new = sorted(set(fired_worse) - set(fired_calm))
    if spec.direction == "protective":
        move = f"{name} {shown_value(worse)} -> {shown_value(calm)}"
        scores = f"{score_worse} -> {score_calm}"
        gone, new = new, gone
    else:
        move = f"{name} {shown_value(calm)} -> {shown_value(worse)}"
        scores = f"{score_calm} -> {score_worse}"
    message = (f"{move} {verb} the risk ({scores}), but the catalogue marks {name} "
               f"{spec.direction}; rules that stop firing: {', '.join(gone) or 'none'}; "
               f"that start: {', '.join(new) or 'none'}")
    return Violation("direction", tuple(dict.fromkeys([*gone, *new])), message, record,
                     (name, calm, worse))


def shown_value(value: object) -> str:
    return "true" if value is True else "false" if value is False else str(value)


def _conjuncts(cond: Condition) -> Iterable[Condition]:
    if isinstance(cond, All):
        for child in cond.children:
            yield from _conjuncts(child)
    else:
        yield cond


# --- the reference score, to check every counterexample -------------------------------------


def reference_score(rules: Sequence[RuleView], record: Mapping[str, FactValue]
                    ) -> tuple[tuple[str, ...], int]:
    """(fired ids, raw score) by the plain-Python evaluator: the definition."""
    fired = tuple(r.id for r in rules if conditions.evaluate(r.condition, record))
    superseded = {t for r in rules if r.id in fired for t in r.supersedes if t in fired}
    return fired, sum(r.weight for r in rules if r.id in fired and r.id not in superseded)


def confirmed(v: Violation, rules: Sequence[RuleView]) -> bool:
    """Whether the reference evaluator reproduces the violation on its counterexample."""
    if v.record is None:
        return True
    by_id = {r.id: r for r in rules}
    if v.check == "direction":
        name, calm, worse = v.change  # type: ignore[misc]
        return (reference_score(rules, {**v.record, name: worse})[1]
                < reference_score(rules, {**v.record, name: calm})[1])
    return all(conditions.evaluate(by_id[i].condition, v.record) for i in v.rules)


def views(rules: Iterable) -> list[RuleView]:
    """RuleViews of compiled rules (assessor.rulebook.CompiledRule)."""
    out = []
    for compiled in rules:
        r = compiled.rule
        actions = tuple((i, c) for i, c in enumerate(compiled.action_conditions)
                        if c is not None)
        gated = getattr(compiled, "citation_conditions", ()) or ()
        out.append(RuleView(r.id, compiled.condition, r.weight, r.effect, r.legal_nature,
                            tuple(r.supersedes), actions,
                            tuple((i, c) for i, c in enumerate(gated) if c is not None),
                            not gated or any(c is None for c in gated)))
    return out


def witness(cond: Condition, holds: bool = True,
            specs: Mapping[str, FactSpec] | None = None) -> dict | None:
    """A fact record on which `cond` holds (with `holds=False`: fails), every fact it does
    not need left unknown; None when there is none."""
    record = _Record(dict(specs or CATALOGUE), "")
    solver = z3.Solver()
    solver.add(record.domain())
    formula = record.holds(cond)
    solver.add(formula if holds else z3.Not(formula))
    if solver.check() != z3.sat:
        return None
    model = solver.model()
    found = {}
    for name in record.specs:
        value = record.decode(model, name)
        if value is not None:
            found[name] = value
    return found

