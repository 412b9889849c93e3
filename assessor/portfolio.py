"""A caseload in one table: every case assessed, sorted by risk, compared with last time.

NGOs follow dozens to thousands of people. `assess FOLDER --summary` assesses every case
file, sorts the cases by risk (level, then score), and says for each what weighs most and
what the next deadline is. A bad file never stops the others: it is listed at the end.

Which files count (the rule the README documents):
- a file named on the command line is always assessed, whatever its name;
- a folder is read non-recursively for `*.yaml` and `*.yml`, and a quoted glob is expanded;
- among the files a folder or glob found, `template.yaml`/`template.yml`, anything that is
  not a regular file (a named pipe, a folder, a dangling link) and any YAML whose top level
  has no `case_id` (an expectations file, a rules file) are skipped, and listed as skipped,
  never as failures.

The JSON summary carries, per case, the fired rule ids, the rules version and the input
checksum, so that the next run's `--compare` can say what appeared or disappeared and
whether the rules or the facts changed.
"""

from __future__ import annotations

import csv
import datetime as dt
import glob
import hashlib
import io
import json
import os
import stat
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path
from typing import Callable, Iterable, Literal, Sequence

from pydantic import BaseModel, ConfigDict, ValidationError

from . import __version__
from . import labels
from .i18n import _, current, current_dir, language, ngettext
from .problems import InputError, Problem, dotted

FORMATS = ("csv", "json", "html")
LEVELS = ("low", "moderate", "high", "critical")  # assessment.LEVELS, without its imports
Level = Literal["low", "moderate", "high", "critical"]
SKIPPED_NAMES = {"template.yaml", "template.yml"}
# Measured on the 2-core machine (benchmarks/bench.py, `--crossover`): two spawned workers
# cost ~1 s to start (each imports the assessor and compiles the rules); one process
# assesses a case file in ~7 ms. Below ~150 files the pool does not pay for itself.
PARALLEL_MIN_FILES = 150
PROGRESS_MIN_FILES = 20
NONE = "—"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Change(_Model):
    """What changed for one case since the previous summary."""

    status: Literal["new", "changed", "unchanged"]
    level_before: Level | None = None
    score_before: int | None = None
    appeared: list[str] = []
    disappeared: list[str] = []
    rules_changed: bool = False
    input_changed: bool = False


class Row(_Model):
    """One case in the summary."""

    file: str
    case_id: str
    level: Level
    score: int
    top_finding: str | None  # rule id
    top_finding_title: str | None
    top_finding_points: int | None
    next_deadline: str | None
    next_deadline_what: str | None
    next_deadline_days: int | None = None  # days left; negative when overrun
    next_deadline_overrun: bool = False
    as_of: dt.date
    fired: list[str]  # every rule that fired, superseded ones included (for --compare)
    rules_version: str
    input_sha256: str
    change: Change | None = None
    # the second answer: removal outside the procedure (None: not assessed, the procedure
    # ended, or a summary written before it existed)
    removal_level: Level | None = None
    removal_score: int | None = None
    removal_top_finding: str | None = None
    removal_top_finding_title: str | None = None
    removal_top_finding_points: int | None = None
    stage: str | None = None

    @property
    def graver(self) -> tuple[int, int]:
        """(level index, score) of the graver of the two answers: the caseload's order."""
        answers = [(LEVELS.index(self.level), self.score)]
        if self.removal_level is not None:
            answers.append((LEVELS.index(self.removal_level), self.removal_score or 0))
        return max(answers)


class Failure(_Model):
    file: str
    message: str
    internal: bool = False  # a bug, not the file's fault: exit 1, not 2


class Gone(_Model):
    """A case in the previous summary that this run did not assess."""

    case_id: str
    file: str
    level: Level
    score: int


class Summary(_Model):
    kind: Literal["extradition-risk-summary"] = "extradition-risk-summary"
    tool_version: str = __version__
    cases: list[Row]
    failures: list[Failure] = []
    skipped: list[str] = []
    compared_with: str | None = None
    gone: list[Gone] = []
    warnings: list[str] = []

    @property
    def exit_status(self) -> int:
        if any(f.internal for f in self.failures):
            return 1
        return 2 if self.failures else 0


# --- which files -------------------------------------------------------------------------


def expand(specs: Iterable[str | Path]) -> tuple[list[tuple[Path, bool]], list[Failure],
                                                 list[str]]:
    """(path, named) for every file to assess, in order and without repeats; named is
    False for files found in a folder or by a glob. Specs that match nothing fail.
    The third list holds what a folder or glob found and will not be read, each listed
    rather than silently dropped: templates, and anything that is not a regular file
    (a named pipe would block the reader forever, a folder or a dangling link cannot be
    read)."""
    found: dict[Path, bool] = {}
    failures: list[Failure] = []
    skipped: list[str] = []
    for spec in specs:
        text = str(spec)
        path = Path(text)
        if path.is_dir():
            try:
                candidates = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
            except OSError as error:
                failures.append(Failure(file=text, message=f"{text}:1:1: cannot list this "
                                        f"folder: {error.strerror or error}"))
                continue
            empty = f"{text}: no *.yaml or *.yml file in this folder"
        elif not path.exists() and not path.is_symlink() and glob.has_magic(text):
            candidates = sorted(Path(p) for p in glob.glob(text))
            empty = f"{text}: no file matches"
        else:
            found[path] = True  # a missing file is reported by the loader, located
            continue
        if not candidates:
            failures.append(Failure(file=text, message=empty))
        for candidate in candidates:
            if candidate in found:
                continue
            if candidate.name in SKIPPED_NAMES or not regular_file(candidate):
                if str(candidate) not in skipped:
                    skipped.append(str(candidate))
            else:
                found[candidate] = False
    return list(found.items()), failures, skipped


def regular_file(path: Path) -> bool:
    """True for a regular file, or a link to one (a pipe, a device, a folder, a dangling or
    looping link are not)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def input_files(specs: Iterable[str | Path]) -> list[Path]:
    """Every file the specs name or a folder or glob expands to, assessed or skipped: none
    of them may be overwritten by a report."""
    entries, _, skipped = expand(specs)
    return [p for p, _ in entries] + [Path(s) for s in skipped]


# --- assessing one file (in this process or in a worker) -----------------------------------


class _Worker:
    """One Assessor per process: durable-rules state never crosses a process boundary."""

    def __init__(self, rules_dir: str | None, engine: str, lang: str = "en"):
        from .pipeline import Assessor
        from .rulebook import load_rulebook

        # a spawned worker starts in English: the parent's language comes with the job
        self.lang = lang
        self.assessor = Assessor(load_rulebook(Path(rules_dir) if rules_dir else None),
                                 engine=engine)  # type: ignore[arg-type]

    def assess(self, path: str, named: bool, as_of: dt.date | None) -> tuple[str, object]:
        """('row', Row) | ('skipped', file) | ('failure', Failure)."""
        from .caseload import case_from_document
        from .deadlines import deadlines
        from .yamlfile import decode, parse, read_bytes

        try:
            raw = read_bytes(Path(path), path)  # once: the checksum is of what was read
            document = parse(decode(raw, path), path)
            if not named and not (isinstance(document.data, dict) and "case_id" in document.data):
                return "skipped", path
            case = case_from_document(document)
            digest = hashlib.sha256(raw).hexdigest()
            with language(self.lang):
                result = self.assessor.assess(case, as_of, input_sha256=digest,
                                              input_name=Path(path).name)
                # the next deadline is what a caseload table is read for; the other
                # analyses (trajectory, sensitivity) cost rule evaluations and stay out
                result.deadlines = deadlines(case, result.as_of)
            return "row", row_of(path, result)
        except InputError as error:
            return "failure", Failure(file=path, message=str(error))
        except Exception as error:  # one case's bug must not lose the caseload
            return "failure", Failure(file=path, internal=True,
                                      message=f"{path}: internal error: "
                                              f"{type(error).__name__}: {error}")

    def close(self) -> None:
        self.assessor.close()


def row_of(path: str, a) -> Row:
    """The summary row of an Assessment."""
    top = a.top_findings[0] if a.findings else None
    deadline = next_deadline(a.deadlines)
    removal = a.removal if a.removal is not None and a.removal.assessed else None
    removal_top = max(removal.findings, key=lambda f: abs(f.points)) if (
        removal and removal.findings) else None
    removal_fired = [f.rule_id for f in [*a.removal.findings, *a.removal.superseded]] if (
        a.removal is not None) else []
    return Row(
        file=path, case_id=a.case_id, level=a.level, score=a.score,
        top_finding=top.rule_id if top else None,
        top_finding_title=top.title if top else None,
        top_finding_points=top.points if top else None,
        next_deadline=deadline.date if deadline else None,
        next_deadline_what=deadline.what if deadline else None,
        next_deadline_days=deadline.days_left if deadline else None,
        next_deadline_overrun=bool(deadline and deadline.overrun),
        as_of=a.as_of, fired=[f.rule_id for f in [*a.findings, *a.superseded]] + removal_fired,
        rules_version=a.rules_version, input_sha256=a.input_sha256 or "",
        removal_level=removal.level if removal else None,
        removal_score=removal.score if removal else None,
        removal_top_finding=removal_top.rule_id if removal_top else None,
        removal_top_finding_title=removal_top.title if removal_top else None,
        removal_top_finding_points=removal_top.points if removal_top else None,
        stage=a.stage,
    )


def next_deadline(deadlines: Sequence) -> object | None:
    """The nearest deadline still ahead; when all have passed, the latest one overrun
    (an overrun deadline is the most urgent news a lawyer can get)."""
    ahead = [d for d in deadlines if not d.overrun]
    if ahead:
        return min(ahead, key=lambda d: d.days_left)
    return max(deadlines, key=lambda d: d.days_left, default=None)


_worker: _Worker | None = None  # in a pool process only
_started = None  # in a pool process: the shared flags "job i has begun"


def _start_worker(rules_dir: str | None, engine: str, started=None, lang: str = "en") -> None:
    global _worker, _started
    _started = started
    _worker = _Worker(rules_dir, engine, lang)


def _assess_in_worker(job: tuple[int, str, bool, dt.date | None]) -> tuple[str, object]:
    assert _worker is not None
    index, *rest = job
    if _started is not None:
        _started[index] = 1  # if this process dies now, the parent knows which case it held
    return _worker.assess(*rest)


# --- the caseload ----------------------------------------------------------------------


def summarise(specs: Iterable[str | Path], *, as_of: dt.date | None = None,
              rules_dir: Path | None = None, engine: str = "durable", jobs: int | None = None,
              progress: Callable[[int], None] | None = None) -> Summary:
    """Assess every case file the specs name; a bad file is a Failure, never an abort.

    jobs: worker processes; None chooses one per core for large batches, else 1."""
    entries, failures, skipped = expand(specs)
    jobs = jobs or (min(os.cpu_count() or 1, len(entries) // 50 or 1)
                    if len(entries) >= PARALLEL_MIN_FILES else 1)
    work = [(str(path), named, as_of) for path, named in entries]
    rows: list[Row] = []
    outcomes = sorted(_run(work, rules_dir, engine, jobs, progress), key=lambda o: o[0])
    for _index, (kind, value) in outcomes:
        if kind == "row":
            rows.append(value)  # type: ignore[arg-type]
        elif kind == "skipped":
            skipped.append(value)  # type: ignore[arg-type]
        else:
            failures.append(value)  # type: ignore[arg-type]
    return Summary(cases=sort_by_risk(rows), failures=failures, skipped=skipped,
                   warnings=as_of_warnings(rows, dt.date.today()))


def as_of_warnings(rows: list[Row], today: dt.date) -> list[str]:
    """A caseload whose cases are assessed as of different dates, or of dates long past, is
    no picture of today: the summary says so (each case counts its days from its own date)."""
    from .assessment import STALE_AFTER_DAYS

    from .wording import when

    dates = sorted({r.as_of for r in rows})
    notes = []
    if len(dates) > 1:
        notes.append(_("the cases are assessed as of different dates ({first} to {last}), each "
                       "its own file's as_of; days to a deadline count from each case's date: "
                       "pass --as-of {iso} to see them all as of today").format(
            first=when(dates[0]), last=when(dates[-1]), iso=today.isoformat()))
    stale = [r.case_id for r in rows if (today - r.as_of).days > STALE_AFTER_DAYS]
    if stale:
        # the English is as it always was ("(s)"); other languages use the plural forms
        notes.append(ngettext(
            "{n} case(s) assessed as of a date more than {days} days before today ({today}): "
            "{cases}",
            "{n} case(s) assessed as of a date more than {days} days before today ({today}): "
            "{cases}", len(stale)).format(
                days=STALE_AFTER_DAYS, today=when(today),
                cases=", ".join(stale[:8]) + (", …" if len(stale) > 8 else "")))
    return notes


def _run(work: list, rules_dir: Path | None, engine: str, jobs: int,
         progress: Callable[[int], None] | None) -> Iterable[tuple[int, tuple[str, object]]]:
    """(index in work, outcome) for every job, in the order they finish."""
    rules = str(rules_dir) if rules_dir else None
    if jobs <= 1:
        worker = _Worker(rules, engine, current())
        try:
            for index, job in enumerate(work):
                try:
                    outcome = worker.assess(*job)
                except Exception as error:  # pragma: no cover - assess catches its own
                    outcome = _internal(job[0], error)
                yield index, outcome
                if progress:
                    progress(1)
        finally:
            worker.close()
        return
    yield from _run_in_pool(work, rules, engine, jobs, progress)


def _run_in_pool(work: list, rules: str | None, engine: str, jobs: int,
                 progress: Callable[[int], None] | None):
    """A worker that dies (the out-of-memory killer, a crash in C) loses only the case it
    was assessing. When the pool breaks, the cases not yet begun go to a fresh pool; the
    cases that had begun and not finished (the dead worker's, and those the pool's end
    interrupted in the others) are assessed again one at a time, each in a worker of its
    own: the one that dies again is listed as lost, the others are assessed."""
    # spawn, not fork: a forked child would inherit the parent's durable-rules state
    context = get_context("spawn")
    started = context.Array("b", max(1, len(work)), lock=False)
    pending = list(range(len(work)))
    while pending:
        done: set[int] = set()
        yield from _pool(work, pending, rules, engine, jobs, context, started, done, progress)
        rest = [i for i in pending if i not in done]
        suspects = [i for i in rest if started[i]]
        if rest and not suspects and not done:  # the workers die before any case
            for index in rest:
                yield index, _lost(work[index][0], "the worker processes died before they "
                                   "could assess it")
            return
        for index in suspects:  # alone, so that a death names its case
            alone: set[int] = set()
            yield from _pool(work, [index], rules, engine, 1, context, started, alone,
                             progress)
            if index not in alone:
                yield index, _lost(work[index][0], "the worker process assessing it died "
                                   "(killed, perhaps by the out-of-memory killer); the other "
                                   "cases are unaffected")
                if progress:
                    progress(1)
        pending = [i for i in rest if i not in suspects]


def _pool(work, indices, rules, engine, jobs, context, started, done, progress):
    """Assess work[i] for i in indices in a pool of `jobs`; stop quietly if it breaks."""
    for i in indices:
        started[i] = 0
    try:
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                                 initargs=(rules, engine, started, current())) as pool:
            futures = {pool.submit(_assess_in_worker, (i, *work[i])): i for i in indices}
            for future in as_completed(futures):
                index = futures[future]
                outcome = future.result()  # BrokenProcessPool if a worker died
                done.add(index)
                yield index, outcome
                if progress:
                    progress(1)
    except BrokenProcessPool:
        pass


def _lost(path: str, why: str) -> tuple[str, Failure]:
    return "failure", Failure(file=path, internal=True, message=f"{path}: internal error: {why}")


def _internal(path: str, error: BaseException) -> tuple[str, Failure]:
    return "failure", Failure(file=path, internal=True,
                              message=f"{path}: internal error: {type(error).__name__}: {error}")


def sort_by_risk(rows: Iterable[Row]) -> list[Row]:
    """The graver of the two answers first (level, then score), then the risk of surrender."""
    return sorted(rows, key=lambda r: (-r.graver[0], -r.graver[1], -LEVELS.index(r.level),
                                       -r.score, r.case_id, r.file))


# --- what changed since last time ----------------------------------------------------------


def load_previous(path: Path) -> Summary:
    """A previous JSON summary, or an InputError located in it."""
    from .yamlfile import read_text

    display = str(path)
    text = read_text(path, display)
    try:
        data = json.loads(text)
    except RecursionError:  # nesting deeper than the parser's stack: not a summary
        raise InputError([Problem(display, 1, 1, "", "nested too deeply to be a summary",
                                  "give a summary written by `--summary --format json`")]) \
            from None
    except json.JSONDecodeError as error:
        raise InputError([Problem(display, error.lineno, error.colno, "",
                                  f"not valid JSON: {error.msg}",
                                  "give a summary written by `--summary --format json`")]) from None
    try:
        return Summary.model_validate(data)
    except ValidationError as error:
        raise InputError([
            Problem(display, 1, 1, dotted(tuple(item["loc"])), item["msg"],
                    "give a summary written by `--summary --format json`")
            for item in error.errors(include_url=False)[:10]
        ]) from None


def compare(current: Summary, previous: Summary, previous_name: str) -> Summary:
    """The current summary, each case annotated with its change since `previous`;
    cases that were in `previous` and are not assessed now are listed as gone."""
    before = {_key(r): r for r in previous.cases}
    rows = []
    for row in current.cases:
        old = before.pop(_key(row), None)
        if old is None:
            change = Change(status="new")
        else:
            appeared = [r for r in row.fired if r not in old.fired]
            disappeared = [r for r in old.fired if r not in row.fired]
            moved = appeared or disappeared or old.level != row.level or old.score != row.score
            change = Change(status="changed" if moved else "unchanged", level_before=old.level,
                            score_before=old.score, appeared=appeared, disappeared=disappeared,
                            rules_changed=old.rules_version != row.rules_version,
                            input_changed=old.input_sha256 != row.input_sha256)
        rows.append(row.model_copy(update={"change": change}))
    gone = [Gone(case_id=r.case_id, file=r.file, level=r.level, score=r.score)
            for r in before.values()]
    return current.model_copy(update={"cases": rows, "gone": gone,
                                      "compared_with": previous_name})


def _key(row: Row) -> str:
    return row.case_id


# --- output ------------------------------------------------------------------------------


def deadline_text(row: Row) -> str:
    if not row.next_deadline:
        return NONE
    when = (_("OVERRUN") if row.next_deadline_overrun
            else _("in {days} d").format(days=row.next_deadline_days))
    return f"{short_day(row.next_deadline)} ({when}) {row.next_deadline_what}"


def removal_text(row: Row) -> str:
    """The second answer in one cell, e.g. `HIGH 65 +15 IR-08 Handed people over...`."""
    if row.removal_level is None:
        from .stage import STAGE_LABELS

        return NONE if row.stage not in ("removed", "beyond_reach") else (
            _("procedure ended ({stage})").format(stage=_(STAGE_LABELS[row.stage])))
    text = f"{labels.level(row.removal_level).upper()} {row.removal_score}"
    if row.removal_top_finding:
        text += (f" {row.removal_top_finding_points:+d} {row.removal_top_finding} "
                 f"{row.removal_top_finding_title}")
    return text


def finding_text(row: Row) -> str:
    if not row.top_finding:
        return NONE
    return f"{row.top_finding_points:+d} {row.top_finding} {row.top_finding_title}"


def change_text(row: Row) -> str:
    """e.g. `moderate 24 -> high 49 +PR-07 -AS-03 (facts changed)`."""
    change = row.change
    if change is None:
        return ""
    if change.status != "changed":
        return change.status
    parts = [f"{labels.level(change.level_before)} {change.score_before} -> "
             f"{labels.level(row.level)} {row.score}"]
    parts += [f"+{r}" for r in change.appeared] + [f"-{r}" for r in change.disappeared]
    why = [w for w, flag in ((_("rules changed"), change.rules_changed),
                             (_("facts changed"), change.input_changed)) if flag]
    if why:
        parts.append(f"({', '.join(why)})")
    return " ".join(parts)


def short_day(day: dt.date | str) -> str:
    """A date in a table's narrow column: ISO in English (as ever), the language's short
    form otherwise ("31.05.2020")."""
    from .i18n import format_date
    from .wording import when

    if current() == "en":
        return day.isoformat() if isinstance(day, dt.date) else day
    try:
        full = day if isinstance(day, dt.date) else dt.date.fromisoformat(day)
    except ValueError:
        return when(day)  # a month, a year or bounds: in words
    return format_date(full, current(), "short")


def table(summary: Summary) -> str:
    """The terminal table, widest columns clipped so that a row fits on one line."""
    compared = summary.compared_with is not None
    header = [_("LEVEL"), _("SCORE"), _("REMOVAL OUTSIDE THE PROCEDURE"), _("CASE"),
              _("WEIGHS MOST"), _("NEXT DEADLINE"), _("AS OF")]
    if compared:
        header.append(_("SINCE LAST"))
    body = []
    for r in summary.cases:
        line = [labels.level(r.level).upper(), str(r.score), _clip(removal_text(r), 40), r.case_id,
                _clip(finding_text(r), 48),
                _clip(deadline_text(r), 48), short_day(r.as_of)]
        if compared:
            line.append(change_text(r))
        body.append(line)
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip()
             for row in [header, *body]]
    counts = {lv: sum(r.level == lv for r in summary.cases) for lv in reversed(LEVELS)}
    lines.append(ngettext("{n} case(s): {levels}", "{n} case(s): {levels}", len(summary.cases))
                 .format(levels=", ".join(_("{n} {level}").format(n=n, level=labels.level(lv))
                                          for lv, n in counts.items() if n)))
    if summary.gone:
        lines.append(_("no longer in the caseload since {previous}: {cases}").format(
            previous=summary.compared_with, cases=", ".join(
                _("{case} (was {level} {score})").format(
                    case=g.case_id, level=labels.level(g.level), score=g.score)
                for g in summary.gone)))
    lines += [_("warning: {warning}").format(warning=w) for w in summary.warnings]
    if summary.skipped:
        lines.append(ngettext(
            "skipped {n} file(s) that are not cases (no case_id, a template, or not a "
            "regular file): {files}", "skipped {n} file(s) that are not cases (no case_id, a "
            "template, or not a regular file): {files}", len(summary.skipped)).format(
                files=", ".join(summary.skipped)))
    return "\n".join(lines) + "\n"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render(summary: Summary, fmt: str) -> str:
    if fmt == "json":
        return summary.model_dump_json(indent=2) + "\n"
    if fmt == "csv":
        return _csv(summary)
    if fmt == "html":
        from .render import environment  # jinja2 only when an HTML summary is asked for

        return environment("html", current(), current_dir()).get_template(
            "summary.html.j2").render(s=summary, levels=LEVELS, finding=finding_text,
                                      deadline=deadline_text, change=change_text,
                                      removal=removal_text, lang=current())
    raise ValueError(f"unknown summary format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _csv(summary: Summary) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = ["case_id", "level", "score", "top_finding", "top_finding_title",
              "top_finding_points", "next_deadline", "next_deadline_what",
              "next_deadline_overrun", "as_of", "file", "fired", "rules_version",
              "input_sha256", "removal_level", "removal_score", "removal_top_finding",
              "stage"]
    compared = summary.compared_with is not None
    if compared:
        header += ["change", "level_before", "score_before", "appeared", "disappeared"]
    writer.writerow(header)
    for r in summary.cases:
        cells = [r.case_id, r.level, r.score, r.top_finding or "", r.top_finding_title or "",
                 "" if r.top_finding_points is None else r.top_finding_points,
                 r.next_deadline or "", r.next_deadline_what or "",
                 "yes" if r.next_deadline_overrun else "", r.as_of.isoformat(), r.file,
                 " ".join(r.fired), r.rules_version, r.input_sha256, r.removal_level or "",
                 "" if r.removal_score is None else r.removal_score,
                 r.removal_top_finding or "", r.stage or ""]
        if compared and r.change:
            c = r.change
            cells += [c.status, c.level_before or "", "" if c.score_before is None
                      else c.score_before, " ".join(c.appeared), " ".join(c.disappeared)]
        writer.writerow([_cell(v) for v in cells])
    return out.getvalue()


def _cell(value: object) -> object:
    # a spreadsheet runs a cell that starts with = + - @, a tab or a carriage return as a
    # formula (CSV injection, OWASP); file names and case ids come from users. A carriage
    # return inside a cell is not quoted by the csv module (our line ends are \n alone):
    # written out, it would start a new row in some readers, so controls are made visible
    if not isinstance(value, str):
        return value
    from .terminal import neutralise

    shown = neutralise(value)
    return "'" + shown if value[:1] in ("=", "+", "-", "@", "\t", "\r") else shown


def failures_text(summary: Summary) -> str:
    """All failures, at the end, for standard error."""
    if not summary.failures:
        return ""
    total = len(summary.cases) + len(summary.failures)
    lines = [_("{n} of {total} case file(s) could not be assessed:").format(
        n=len(summary.failures), total=total)]
    lines += [f.message for f in summary.failures]
    return "\n".join(lines) + "\n"
