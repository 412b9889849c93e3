"""Mutation testing: does the test suite notice a realistic mistake?

Each mutation below is one small change a rule author or a programmer could make by accident
(a weight, a threshold, a dropped condition, `<=` for `<`, unknown turned into false, a
secret left out of redaction, a report written world-readable). Each is applied, alone, to a
temporary copy of the repository; the tests are run against the copy; the mutation is
*killed* when a test fails. The report gives the kill rate and names the survivors, so that
each is either killed by a new test or documented below as equivalent (no behaviour changes).

    python tools/mutate.py --quick          # CI: each mutation against its area's tests
    python tools/mutate.py                  # full: each mutation against the whole suite
    python tools/mutate.py --only PR-11-40-30 --only engine-bypass   # some, by id
    python tools/mutate.py --list           # the mutations, one per line

Exit status 0 when the kill rate reaches --target (default 90 %), 1 otherwise, 2 when a
mutation no longer applies (the code it changes has moved: update its text here).

The list is fixed (not random) so that the kill rate of two runs can be compared.

Equivalent mutations (kept in the list on purpose, documented here, counted as survivors):
- `superseded-unfired`: `score_of` also collects supersession targets that did not fire;
  they are subtracted from the fired set only, so the score and the findings are unchanged.

(Shifting the engine's enum codes by one was tried and dropped from the list: the rules and
the records are encoded with the same table, so no behaviour can change.)
"""

from __future__ import annotations

import argparse
import concurrent.futures as futures
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("assessor", "rules", "reports", "tests", "cases", "docs", "pyproject.toml",
          "README.md")

# The tests each area's mutations are run against in --quick mode (the full mode runs all).
QUICK_TESTS: dict[str, list[str]] = {
    "rules": ["tests/test_golden.py", "tests/test_boundaries.py", "tests/test_calibration.py",
              "tests/test_rules_catalogue.py",
              "tests/test_solver.py::test_the_bundled_rules_are_proven_sound_within_ten_seconds",
              "tests/test_rulecheck.py::test_the_bundled_rules_have_no_defects"],
    "facts": ["tests/test_golden.py", "tests/test_boundaries.py", "tests/test_calibration.py",
              "tests/test_time.py"],
    "assessment": ["tests/test_golden.py", "tests/test_boundaries.py",
                   "tests/test_acceptance.py",
                   "tests/test_properties.py::test_accounting_holds_on_any_fact_record"],
    "engine": ["tests/test_boundaries.py", "tests/test_engine.py", "tests/test_golden.py"],
    "redaction": ["tests/test_redaction_free_text.py", "tests/test_redaction.py"],
    # the cheapest first: -x stops at the first failure, and test_reports renders PDFs
    "output": ["tests/test_cli.py", "tests/test_injection.py", "tests/test_acceptance.py",
               "tests/test_reports.py"],
}


@dataclass(frozen=True)
class Mutation:
    id: str
    area: str
    what: str
    file: str
    old: str = ""  # text to replace, exactly once (code mutations)
    new: str = ""
    rule: str = ""  # rule id (rule-data mutations), changed by `edit`
    edit: Callable[[dict], None] | None = field(default=None, compare=False)

    def apply(self, root: Path) -> None:
        path = root / self.file
        if self.rule:
            _edit_rule(path, self.rule, self.edit)
            return
        text = path.read_text(encoding="utf-8")
        if text.count(self.old) != 1:
            raise LookupError(f"{self.id}: the text to change occurs {text.count(self.old)} "
                              f"times in {self.file} (expected once)")
        path.write_text(text.replace(self.old, self.new), encoding="utf-8")


def _edit_rule(path: Path, rule_id: str, edit) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for rule in data["rules"]:
        if rule["id"] == rule_id:
            before = yaml.safe_dump(rule)
            edit(rule)
            if yaml.safe_dump(rule) == before:
                raise LookupError(f"the change to {rule_id} changes nothing")
            path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
                            encoding="utf-8")
            return
    raise LookupError(f"no rule {rule_id} in {path.name}")


# --- edits of rule data --------------------------------------------------------------------


def weight(value: int):
    return lambda rule: rule.update(weight=value)


def when(key: str, value=None):
    """Set (or, with None, drop) one entry of the rule's condition."""
    def change(rule):
        if value is None:
            rule["when"].pop(key)
        else:
            rule["when"][key] = value
    return change


def threshold(key: str, op: str, value: int):
    return lambda rule: rule["when"][key].update({op: value})


def unsupersede(target: str):
    def change(rule):
        rule["supersedes"] = [t for t in rule["supersedes"] if t != target]
        if not rule["supersedes"]:
            rule.pop("supersedes")
    return change


def action_when(number: int, value):
    def change(rule):
        if value is None:
            rule["actions"][number].pop("when")
        else:
            rule["actions"][number]["when"] = value
    return change


def field_(name: str, value):
    return lambda rule: rule.update({name: value})


def R(id_: str, file: str, rule: str, what: str, edit) -> Mutation:
    return Mutation(id_, "rules", what, f"rules/{file}.yaml", rule=rule, edit=edit)


def C(id_: str, area: str, file: str, what: str, old: str, new: str) -> Mutation:
    return Mutation(id_, area, what, file, old=old, new=new)


FACTS, DATES, ASSESS = "assessor/facts.py", "assessor/dates.py", "assessor/assessment.py"
ENGINE, PIPE, REDACT = "assessor/engine.py", "assessor/pipeline.py", "assessor/redact.py"

MUTATIONS: list[Mutation] = [
    # --- rule data: weights -------------------------------------------------------------
    R("UN-07-15-5", "international", "UN-07", "treaty-body interim measures weigh -5, not -15",
      weight(-5)),
    R("UN-04-10-20", "international", "UN-04", "non-refoulement commitment -20, not -10",
      weight(-20)),
    R("PR-08-35-30", "procedure", "PR-08", "surrender finally allowed +30, not +35",
      weight(30)),
    R("IR-02-20-10", "irregular_removal", "IR-02", "abduction attempts +10, not +20",
      weight(10)),
    R("EC-02-30-20", "international", "EC-02", "Rule 39 indicated -20, not -30", weight(-20)),
    R("AS-03-30-25", "protection", "AS-03", "protection granted -25, not -30", weight(-25)),
    R("OB-04-25-15", "other_bars", "OB-04", "own-national bar -15, not -25", weight(-15)),
    R("PR-01-20-15", "procedure", "PR-01", "wanted +15, not +20", weight(15)),
    R("LB-01-10-5", "legal_basis", "LB-01", "no treaty -5, not -10", weight(-5)),
    R("AS-08-15-10", "protection", "AS-08", "refugee elsewhere -10, not -15", weight(-10)),
    R("PO-12-5-3", "political_offence", "PO-12", "pretext with bodies' support -3, not -5",
      weight(-3)),
    R("DA-02-3-6", "assurances", "DA-02", "generic assurance +6, not +3", weight(6)),
    # --- rule data: thresholds ----------------------------------------------------------
    R("PR-11-40-30", "procedure", "PR-11", "provisional-arrest window 30 days, not 40",
      lambda r: r["when"]["any"][0]["days_since_arrest"].update(lte=30)),
    R("PR-11-lte-lt", "procedure", "PR-11", "`<` for `<=` at the 40-day limit",
      lambda r: r["when"]["any"][0].update(days_since_arrest={"lt": 40})),
    R("LB-03-180-365", "legal_basis", "LB-03", "new treaty window 365 days, not 180",
      threshold("days_since_treaty_ratified", "lte", 365)),
    R("CC-03-730-1095", "country_conditions", "CC-03",
      "stale evidence after three years, not two (staleness.py reads the rule)",
      threshold("country_evidence_age_days", "gt", 1095)),
    R("AS-12-overdue", "protection", "AS-12", "the outer limit read as the ordinary one",
      lambda r: (r["when"].pop("asylum_decision_past_outer_limit"),
                 r["when"].update(asylum_decision_overdue=True))),
    C("asylum-limit-same-day", "facts", "assessor/state_facts.py",
      "a decision is late on the limit's own day",
      "found.append((due < v.as_of, due, limit, claim))",
      "found.append((due <= v.as_of, due, limit, claim))"),
    R("PO-03-3-2", "political_offence", "PO-03", "two reopenings, not three",
      threshold("charges_reopened_times", "gte", 2)),
    R("PO-04-1000-10000", "political_offence", "PO-04", "EUR 10,000, not 1,000",
      threshold("smallest_amount_eur", "lte", 10000)),
    R("PO-05-gte-gt", "political_offence", "PO-05", "`>` for `>=` at 500 people",
      lambda r: r["when"].update(people_interrogated={"gt": 500})),
    # --- rule data: conditions ----------------------------------------------------------
    R("DP-01-no-assurance", "fair_trial_and_death_penalty", "DP-01",
      "the death-penalty bar forgets its assurance condition",
      when("death_penalty_assurance")),
    R("PR-05-no-detention", "procedure", "PR-05",
      "passport rule forgets 'not in detention'", when("in_detention")),
    R("IP-03-no-inactive", "interpol", "IP-03", "notice deleted, without 'no notice active'",
      when("interpol_notice_active")),
    R("FT-01-special-court-only", "fair_trial_and_death_penalty", "FT-01",
      "fair-trial bar only for a special court, not for shown fair-trial deficits",
      lambda r: r["when"].update(any=[{"special_court": True}])),
    R("PR-07-allowed-only", "procedure", "PR-07", "surrender allowed: 'allowed' only",
      when("surrender_decision", "allowed")),
    R("UN-05-false-true", "international", "UN-05", "no reply to the UN read as a reply",
      when("state_replied_to_un", True)),
    R("AS-01-no-subsequent", "protection", "AS-01", "asylum pending, subsequent claims too",
      when("asylum_subsequent_claim")),
    R("LB-05-unknown-known", "legal_basis", "LB-05", "treaty basis 'known' for 'unknown'",
      when("treaty_basis", {"known": True})),
    R("NR-02-no-deaths", "non_refoulement", "NR-02",
      "group's treatment without deaths in custody",
      lambda r: r["when"].update(any=[{"group_designated_extremist": True}])),
    R("AS-04-refused-pending", "protection", "AS-04", "finally refused: pending read instead",
      when("asylum_refused_final", False)),
    # --- rule data: strengths, supersessions, actions ------------------------------------
    R("DP-01-absolute-moderate", "fair_trial_and_death_penalty", "DP-01",
      "the death-penalty bar moderate, not absolute", field_("strength", "moderate")),
    R("NR-01-absolute-strong", "non_refoulement", "NR-01", "torture bar strong, not absolute",
      field_("strength", "strong")),
    R("PR-06-keeps-PR-11", "procedure", "PR-06", "final refusal no longer displaces PR-11",
      unsupersede("PR-11")),
    R("AS-02-keeps-AS-01", "protection", "AS-02", "claim before request no longer "
      "displaces the pending claim", unsupersede("AS-01")),
    R("PO-12-keeps-PO-11", "political_offence", "PO-12", "pretext signs counted twice",
      unsupersede("PO-11")),
    R("IR-02-keeps-IR-01", "irregular_removal", "IR-02", "threats counted beside abduction",
      unsupersede("IR-01")),
    R("PR-03-action-always", "procedure", "PR-03",
      "challenge detention advised after release", action_when(0, None)),
    R("AS-04-action-pending", "protection", "AS-04",
      "renewed claim advised while one is pending", action_when(0, {"asylum_pending": True})),
    R("PR-11-action-always", "procedure", "PR-11",
      "asylum advice given whatever the claim's status", action_when(1, None)),
    # --- facts ------------------------------------------------------------------------------
    C("days-off-by-one", "facts", DATES, "day counts one too many",
      "        return (as_of - self.latest).days\n", "        return (as_of - self.latest).days + 1\n"),
    C("happened-lte-lt", "facts", DATES, "an item on the as-of day has not yet happened",
      "        return self.latest <= as_of\n", "        return self.latest < as_of\n"),
    C("pending-no-appeal", "facts", FACTS, "a claim on appeal is not pending",
      'Established(status.value in ("pending", "appeal_pending"), status.detail,',
      'Established(status.value in ("pending",), status.detail,'),
    C("minor-unknown-false", "facts", FACTS, "no family recorded reads as no minor in care",
      "r.minor and r.in_care_of_person for r in family):\n        return True\n"
      "    return None if not family else False\n",
      "r.minor and r.in_care_of_person for r in family):\n        return True\n"
      "    return False\n"),
    C("leader-unknown-false", "facts", FACTS, "no profile reads as not a leader",
      "    return False if person.profile else None\n", "    return False\n"),
    C("profile-unknown-false", "facts", FACTS, "no profile reads as no political profile",
      "    profile = v.case.person.profile\n    if not profile:\n        return None\n",
      "    profile = v.case.person.profile\n    if not profile:\n        return False\n"),
    C("replied-unknown-false", "facts", FACTS, "no UN communication reads as no reply",
      "    if not sent:\n        return None\n    replies", "    if not sent:\n        return False\n    replies"),
    C("before-request-unknown-false", "facts", FACTS,
      "no claim reads as not claimed before the request",
      "    claims = v.claims_here()\n    if not claims:\n        return None\n    first_claim",
      "    claims = v.claims_here()\n    if not claims:\n        return False\n    first_claim"),
    C("detention-ignores-release", "facts", FACTS, "a release does not end detention",
      "if v.happened(d.start) and not v.happened(d.end, _(\"the release\"))]",
      "if v.happened(d.start)]"),
    C("arrest-first-not-latest", "facts", FACTS, "days counted from the first arrest",
      "return v.days_since(max(starts)) if starts else None",
      "return v.days_since(min(starts)) if starts else None"),
    C("notice-ignores-deletion", "facts", FACTS, "a deleted notice stays active",
      "if (n.issued is None or v.happened(n.issued)) and not v.happened(n.deleted)]",
      "if (n.issued is None or v.happened(n.issued))]"),
    C("before-request-lt-lte", "facts", FACTS, "a claim on the request's day counts as before",
      "first_claim.latest < request.earliest", "first_claim.latest <= request.earliest"),
    C("final-ignores-in-force", "facts", FACTS, "a final decision counts before it is in force",
      "final = bool(last.final) and (last.in_force is None or v.happened(last.in_force))",
      "final = bool(last.final)"),
    # --- assessment -------------------------------------------------------------------------
    C("no-clamp", "assessment", ASSESS, "the 0..100 clamp removed",
      "return max(SCORE_MIN, min(SCORE_MAX, raw)), raw, superseded",
      "return raw, raw, superseded"),
    C("level-gte-gt", "assessment", ASSESS, "`>` for `>=` at the level boundaries",
      "        if score >= bound:\n", "        if score > bound:\n"),
    C("critical-70-75", "assessment", ASSESS, "critical from 75, not 70",
      "((70, \"critical\"), (45, \"high\")", "((75, \"critical\"), (45, \"high\")"),
    C("high-45-40", "assessment", ASSESS, "high from 40, not 45",
      "(45, \"high\"), (20, \"moderate\")", "(40, \"high\"), (20, \"moderate\")"),
    C("superseded-still-count", "assessment", ASSESS, "superseded rules still add points",
      "    raw = sum(rulebook.by_id[r].rule.weight for r in fired_set - superseded)",
      "    raw = sum(rulebook.by_id[r].rule.weight for r in fired_set)"),
    C("superseded-unfired", "assessment", ASSESS,
      "supersession targets collected even when they did not fire (equivalent)",
      "        for target in rulebook.by_id[rule_id].rule.supersedes\n        if target in fired_set\n",
      "        for target in rulebook.by_id[rule_id].rule.supersedes\n"),
    C("finding-points-superseded", "assessment", ASSESS, "a superseded finding shows its weight",
      "points=0 if superseded_by else r.weight,", "points=r.weight,"),
    C("actions-ignore-when", "assessment", ASSESS, "actions recommended whatever their `when:`",
      "            if condition is not None and not evaluate_condition(condition, values):\n"
      "                continue",
      "            if False:\n                continue"),
    C("bars-weakest-first", "assessment", ASSESS, "bars listed weakest first",
      "key=lambda f: rulebook.by_id[f.rule_id].rule.bar_order)",
      "key=lambda f: tuple(-x for x in rulebook.by_id[f.rule_id].rule.bar_order))"),
    C("urgency-latest-kept", "assessment", ASSESS, "a merged action keeps the later urgency",
      "if URGENCY_ORDER[action.urgency] < URGENCY_ORDER[existing.urgency]:",
      "if URGENCY_ORDER[action.urgency] > URGENCY_ORDER[existing.urgency]:"),
    # --- engine ------------------------------------------------------------------------------
    C("engine-bypass", "engine", PIPE,
      "Assessor.evaluate runs durable-rules but returns the reference answer",
      "            fired = self._engine.evaluate(values)\n",
      "            self._engine.evaluate(values)\n"
      "            fired = conditions.reference_evaluate(self.rulebook.conditions(), values)\n"),
    C("engine-ne-eq", "engine", ENGINE, "`ne` compiled as equality",
      '_OPS = {"ne": "$neq",', '_OPS = {"ne": "$eq",'),
    C("engine-lte-lt", "engine", ENGINE, "`lte` compiled as `lt`",
      '"lt": "$lt", "lte": "$lte",', '"lt": "$lt", "lte": "$lt",'),
    C("engine-unknown-known", "engine", ENGINE, "`unknown` compiled as `known`",
      'return {"$ex" if known else "$nex": {shape.keys[fact]: 1}}',
      'return {"$ex": {shape.keys[fact]: 1}}'),
    C("engine-in-and", "engine", ENGINE, "`in` compiled as 'all of the values'",
      'return _group("$or", [{shape.keys[fact]: shape.encode(fact, v)} for v in values])',
      'return _group("$and", [{shape.keys[fact]: shape.encode(fact, v)} for v in values])'),
    C("engine-any-all", "engine", ENGINE, "`any` compiled as `all`",
      '            return _group("$or", [_compile(c, shape) for c in children])',
      '            return _group("$and", [_compile(c, shape) for c in children])'),
    # --- redaction -----------------------------------------------------------------------------
    C("redact-no-address", "redaction", REDACT, "the address is not a secret",
      "    r.add(person.address, ADDRESS)\n", ""),
    C("redact-no-documents", "redaction", REDACT, "document numbers are not secrets",
      '        r.add(document.number, f"[DOCUMENT-{index}]", anywhere=True)\n', "        pass\n"),
    C("redact-no-relatives", "redaction", REDACT, "relatives' names are not secrets",
      '        r.add(relative.name, f"[RELATIVE-{index}]", parts=True)\n', "        pass\n"),
    C("redact-no-birth", "redaction", REDACT, "the birth date is not a secret",
      '        r.add(str(person.birth_date), "[BIRTH DATE]", anywhere=True)\n', "        pass\n"),
    C("redact-no-health", "redaction", REDACT, "health is not a secret",
      "    r.add(person.health, HEALTH)\n", ""),
    C("redact-no-name-parts", "redaction", REDACT, "parts of the name are not secrets",
      "    r.add(person.name, PERSON, parts=True)\n", "    r.add(person.name, PERSON)\n"),
    # --- output --------------------------------------------------------------------------------
    C("report-world-readable", "output", "assessor/output.py", "reports written 0644",
      "            os.fchmod(fd, 0o600)\n", "            os.fchmod(fd, 0o644)\n"),
    C("md-no-html-escape", "output", "assessor/render.py", "Markdown lets HTML through",
      '    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")\n', ""),
    C("html-no-autoescape", "output", "assessor/render.py", "HTML not escaped",
      '        autoescape=kind == "html",', "        autoescape=False,"),
    C("redaction-check-skipped", "redaction", REDACT,
      "the rendered report is not checked for surviving secrets",
      "    check_redacted(text, redaction, fmt)\n", ""),
    C("overwrite-case-allowed", "output", "assessor/output.py",
      "a report may overwrite the case file",
      "        if _same_file(path, source):\n", "        if False:\n"),
]


# --- running -------------------------------------------------------------------------------


@dataclass
class Result:
    mutation: Mutation
    killed: bool
    seconds: float
    detail: str


def run_one(mutation: Mutation, tests: list[str], timeout: int) -> Result:
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mutant-") as tmp:
        root = Path(tmp)
        for name in COPIED:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, root / name,
                                ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            elif source.exists():
                shutil.copy2(source, root / name)
        mutation.apply(root)
        env = {**os.environ, "PYTHONPATH": str(root), "HYPOTHESIS_PROFILE": "ci",
               "PYTHONDONTWRITEBYTECODE": "1"}
        command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
                   "--no-header", "-o", "addopts=", *tests]
        try:
            done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True,
                                  timeout=timeout)
        except subprocess.TimeoutExpired:
            return Result(mutation, True, time.perf_counter() - start, "timed out (killed)")
    failed = [line for line in done.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))]
    detail = failed[0] if failed else done.stdout.strip().splitlines()[-1:] and \
        done.stdout.strip().splitlines()[-1] or ""
    return Result(mutation, done.returncode != 0, time.perf_counter() - start, detail)


def check_applies(mutations: list[Mutation]) -> list[str]:
    """Every mutation still finds the text it changes (on a scratch copy of the sources)."""
    problems = []
    with tempfile.TemporaryDirectory(prefix="mutant-check-") as tmp:
        for m in mutations:
            target = Path(tmp) / m.id / m.file
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / m.file, target)
            try:
                m.apply(Path(tmp) / m.id)
            except (LookupError, KeyError) as error:
                problems.append(f"{m.id}: {error}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="run each mutation against its area's tests only (CI)")
    parser.add_argument("--only", action="append", default=[], metavar="ID",
                        help="run only this mutation (repeatable)")
    parser.add_argument("--area", action="append", default=[],
                        help="run only the mutations of this area (repeatable)")
    parser.add_argument("--jobs", type=int, default=2, help="mutants run at once (default 2)")
    parser.add_argument("--target", type=float, default=90.0,
                        help="the kill rate to reach, in per cent (default 90)")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per mutant")
    parser.add_argument("--list", action="store_true", help="list the mutations and stop")
    args = parser.parse_args(argv)

    chosen = [m for m in MUTATIONS if (not args.only or m.id in args.only)
              and (not args.area or m.area in args.area)]
    if args.list:
        for m in chosen:
            print(f"{m.id:28} {m.area:10} {m.file:40} {m.what}")
        print(f"{len(chosen)} mutations")
        return 0
    problems = check_applies(chosen)
    if problems:
        print("these mutations no longer apply (update tools/mutate.py):", *problems,
              sep="\n  ", file=sys.stderr)
        return 2
    mode = "quick" if args.quick else "full"
    print(f"{len(chosen)} mutations, {mode} mode, {args.jobs} at once", flush=True)
    started = time.perf_counter()
    results: list[Result] = []
    with futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        jobs = {pool.submit(run_one, m, QUICK_TESTS[m.area] if args.quick else ["tests"],
                            args.timeout): m for m in chosen}
        for job in futures.as_completed(jobs):
            r = job.result()
            results.append(r)
            mark = "killed  " if r.killed else "SURVIVED"
            print(f"  {mark} {r.mutation.id:28} {r.seconds:5.0f} s  {r.detail[:90]}",
                  flush=True)
    killed = sum(r.killed for r in results)
    rate = 100.0 * killed / len(results) if results else 100.0
    by_area: dict[str, list[Result]] = {}
    for r in results:
        by_area.setdefault(r.mutation.area, []).append(r)
    print(f"\nkilled {killed} of {len(results)} ({rate:.1f} %) in "
          f"{time.perf_counter() - started:.0f} s ({mode})")
    for area, rs in sorted(by_area.items()):
        print(f"  {area:11} {sum(r.killed for r in rs)}/{len(rs)}")
    survivors = sorted((r for r in results if not r.killed), key=lambda r: r.mutation.id)
    if survivors:
        print("survivors:")
        for r in survivors:
            print(f"  {r.mutation.id}: {r.mutation.what} ({r.mutation.file})")
    return 0 if rate >= args.target else 1


if __name__ == "__main__":
    sys.exit(main())
