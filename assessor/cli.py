"""The `assess` command: a thin click layer over the pipeline.

Exit statuses: 0 assessed; 2 invalid input or usage; 1 internal error.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import sys
import traceback
from pathlib import Path

import click

from . import __version__
from .dates import parse_as_of
from .i18n import N_, _
from .problems import InputError

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT = 0, 1, 2


def say(message: object = "", *, err: bool = False, nl: bool = True) -> None:
    """click.echo with control characters made visible: a case file's text must never
    drive the terminal (escape sequences, OSC 52 clipboard writes)."""
    from .terminal import neutralise

    click.echo(neutralise(str(message)), err=err, nl=nl)


def _emit_report(text: str | bytes) -> None:
    """A report on standard output (-o -): exact when piped, neutralised on a terminal."""
    if isinstance(text, bytes):  # a PDF or a Word document
        sys.stdout.buffer.write(text)
        sys.stdout.flush()
    elif sys.stdout.isatty():
        say(text, nl=False)
    else:
        click.echo(text, nl=False)


class DefaultGroup(click.Group):
    """`assess CASE.yaml` runs the assessment; `assess schema|rules|facts` are commands."""

    default_command = "run"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h",
                                                                          "--version")):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage("assess", "CASE.yaml [CASE.yaml ...] [OPTIONS]\n"
                              "       assess COMMAND [ARGS]")


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="assess")
def main() -> None:
    """Assess the risk that a person is surrendered to a state that persecutes them.

    \b
    Examples:
      assess cases/smailova-montenegro.yaml
      assess cases/smailova-montenegro.yaml --as-of 2024-05-01 --format md -o report.md
      assess cases/*.yaml --format json -o reports-out/
      assess schema > case.schema.json
      assess rules

    Run `assess run --help` for every option of an assessment.
    """


def _summary_options(command):
    """--summary, --compare, --jobs: the caseload mode, handed to assessor.portfolio."""

    @click.option("--summary", "summary", is_flag=True,
                  help="One table of every case, sorted by risk. CASES may be files, "
                       "folders (their *.yaml, *.yml) or quoted globs; with --format "
                       "csv|json|html, also written to -o (a file, or - for standard output).")
    @click.option("--compare", type=click.Path(dir_okay=False, path_type=Path),
                  metavar="PREVIOUS.json",
                  help="With --summary: what changed per case since this JSON summary.")
    @click.option("--jobs", type=click.IntRange(min=1), metavar="N",
                  help="With --summary: worker processes (default: one per core for large "
                       "caseloads).")
    @functools.wraps(command)
    def wrapper(*, summary: bool, compare: Path | None, jobs: int | None, **options):
        if summary:
            return _run_summary(compare=compare, jobs=jobs, **options)
        if compare or jobs:
            raise click.UsageError("--compare and --jobs need --summary")
        if options["fmt"] == "csv":
            raise click.UsageError("--format csv is for --summary; choose md, json, html or pdf")
        return command(**options)

    return wrapper


def _run_summary(cases: tuple[Path, ...], as_of: str | None, fmt: str | None,
                 output: Path | None, rules_dir: Path | None, engine: str, quiet: bool,
                 debug: bool, compare: Path | None, jobs: int | None, redact: bool = False,
                 lang: str | None = None, settings_file: Path | None = None,
                 **_report_options) -> None:
    with _guard(debug):
        from . import portfolio
        from .settings import load_settings

        _use_language(lang or load_settings(settings_file).language)

        if redact:
            raise click.UsageError("--redact applies to reports; a summary names case ids only")
        if fmt and fmt not in portfolio.FORMATS:
            raise click.UsageError(f"with --summary, --format is one of "
                                   f"{', '.join(portfolio.FORMATS)}")
        if fmt and output is None:
            raise click.UsageError(f"--format {fmt} needs -o FILE, or -o - for standard output")
        date = _as_of_option(as_of)
        previous = portfolio.load_previous(compare) if compare else None
        if rules_dir is not None:
            from .rulebook import load_rulebook

            load_rulebook(rules_dir)  # bad rules: one located error, before any worker starts
        total = len(portfolio.expand(cases)[0])
        show_bar = sys.stderr.isatty() and total >= portfolio.PROGRESS_MIN_FILES
        with click.progressbar(length=total, label="assessing", file=sys.stderr,
                               hidden=not show_bar) as bar:
            result = portfolio.summarise(cases, as_of=date, rules_dir=rules_dir, engine=engine,
                                         jobs=jobs, progress=bar.update)
        if previous is not None:
            result = portfolio.compare(result, previous, str(compare))
        to_stdout = output is not None and str(output) == "-"
        if fmt:
            text = portfolio.render(result, fmt)
            if to_stdout:
                _emit_report(text)
            else:
                from .output import write_private

                inputs = [*portfolio.input_files(cases), *(
                    [(compare, "the previous summary given to --compare")] if compare else [])]
                write_private(output, text, inputs=inputs)
        if not quiet and not to_stdout:
            say(portfolio.table(result), nl=False)
            if fmt:
                say(f"summary: {output}")
        say(portfolio.failures_text(result), err=True, nl=False)
        sys.exit(result.exit_status)


@main.command("run")
@click.argument("cases", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD",
              help="Assess the case as it stood on this date. Default: the case's `as_of`, "
                   "else today.")
@click.option("--format", "fmt",
              type=click.Choice(["md", "json", "html", "pdf", "docx", "ics", "csv"]),
              help="Also write a report in this format: docx is a Word memorandum to edit, "
                   "ics the deadlines as calendar events (csv: with --summary only).")
@click.option("--paper", type=click.Choice(["a4", "letter"]),
              help="Paper size of an html, pdf or docx report. Default: the settings "
                   "file's, else a4.")
@click.option("--settings", "settings_file", type=click.Path(dir_okay=False, path_type=Path),
              metavar="FILE",
              help="Author, firm, language and paper defaults (YAML). Default: settings.yaml "
                   "in your configuration folder, if it exists.")
@click.option("--lang", "lang", metavar="LANG", callback=lambda _c, _p, v: _lang_option(v),
              help="The language of the reports and the summary: en, or a language with a "
                   "catalog (ru). Default: the settings file's, else en.")
@click.option("--draft", "draft", metavar="NAME",
              help="Write a draft filing instead of a report (rule39, un-communication, "
                   "urgent-appeal, interpol-ccf), if the assessment recommends that action; "
                   "-o NAME.docx or NAME.md. `assess drafts CASE` lists what the case "
                   "supports.")
@click.option("--redact", is_flag=True,
              help="For sharing: replace the person's name, aliases, relatives' names, "
                   "address, document numbers, birth date, health, notes and personal "
                   "events with placeholders such as [PERSON].")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Where to write the report: a file, a folder (several cases), or - for "
                   "standard output. Default: beside the case file.")
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Use the rules in this folder instead of the bundled ones.")
@click.option("--engine", type=click.Choice(["durable", "reference"]), default="durable",
              show_default=True, help="Rules engine: durable-rules, or the reference evaluator.")
@click.option("-q", "--quiet", is_flag=True, help="Print no summary.")
@click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")
@click.option("--trajectory", "show_trajectory", is_flag=True,
              help="Also print how the risk moved: each change of level or of a ground "
                   "against surrender, with the date and the event that caused it.")
@click.option("--assume", "assume", multiple=True, metavar="PATH=VALUE",
              help="What if: assess the case with this change beside the original "
                   "(repeatable). PATH is a field of the case file "
                   "(protection[0].decisions[+] adds a decision; [-1] is the last item) "
                   "and VALUE is YAML; or fact:NAME=VALUE sets a fact of `assess facts`.")
@click.option("--scenario", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="What if: a YAML file of changes (add: parts merged into the case; "
                   "set: PATH: VALUE; facts: NAME: VALUE; as_of:), assessed beside the "
                   "original.")
@_summary_options
def run(cases: tuple[Path, ...], as_of: str | None, fmt: str | None, paper: str | None,
        redact: bool, output: Path | None, rules_dir: Path | None, engine: str, quiet: bool,
        debug: bool, show_trajectory: bool = False, assume: tuple[str, ...] = (),
        scenario: Path | None = None, settings_file: Path | None = None,
        draft: str | None = None, lang: str | None = None) -> None:
    """Assess one or more case files and print a short summary.

    \b
    Examples:
      assess cases/akhmetova-ukraine.yaml --as-of 2020-05-21
      assess case.yaml --format md            # writes case.<as-of>.report.md beside it
      assess case.yaml --format json -o -     # JSON on standard output
      assess case.yaml --format pdf --paper letter --redact -o shared.pdf
      assess case.yaml --format docx          # a Word memorandum to edit
      assess case.yaml --format ics           # the deadlines, for your calendar
      assess case.yaml --draft rule39 -o rule39.docx
      assess case.yaml --trajectory           # how the risk moved, event by event

    \b
    What if (the report, if asked for, is the changed case's, titled as a scenario):
      assess case.yaml --assume 'protection[0].decisions[+]={date: 2024-06-01, outcome: refused}'
      assess case.yaml --assume 'extradition.detentions[-1].end=unknown'
      assess case.yaml --assume fact:rule39_indicated=true
      assess case.yaml --scenario appeal-lost.yaml
    """
    with _guard(debug):
        date = _as_of_option(as_of)
        changes = _what_if_option(assume, scenario)
        from .settings import load_settings

        settings = load_settings(settings_file)
        paper = paper or settings.paper
        _use_language(lang or settings.language)
        if draft is not None:
            if len(cases) != 1 or fmt or changes is not None or show_trajectory:
                raise click.UsageError("--draft takes one case and no --format, --assume, "
                                       "--scenario or --trajectory")
            _write_draft(cases[0], draft, date, output, redact, settings, paper, rules_dir,
                         engine, quiet)
            return
        if fmt is None and output is not None:
            fmt = _format_of(output)
        if output is not None and len(cases) > 1 and str(output) != "-" and not output.is_dir():
            raise click.UsageError("with several cases, -o must be an existing folder or -")
        _refuse_clashing_reports(cases, output)
        from .output import OutputError
        from .pipeline import Assessor
        from .rulebook import load_rulebook

        # no report may land on any file this command reads
        inputs = [*cases, *([(scenario, "the scenario file")] if scenario else [])]
        failures: list[str] = []
        internal: list[str] = []  # failures that are the tool's fault: exit 1, not 2
        with Assessor(load_rulebook(rules_dir), engine=engine) as assessor:
            for path in cases:
                try:
                    case, redaction = _assess_one(assessor, path, date, fmt, output, quiet,
                                                  paper, redact, settings, inputs=inputs,
                                                  changes=changes)
                    _time_and_what_if(assessor, case, date, show_trajectory, changes,
                                      redaction)
                except InputError as error:
                    failures.append(str(error))
                    say(str(error), err=True)
                except OutputError as error:  # one unwritable report must not stop the batch
                    failures.append(f"error: {error}")
                    say(f"error: {error}", err=True)
                except Exception as error:  # a bug on one case must not lose the others
                    if debug:
                        traceback.print_exc()
                    message = (f"{path}: internal error: {type(error).__name__}: {error} "
                               "(rerun with --debug for details)")
                    internal.append(message)
                    failures.append(message)
                    say(message, err=True)
        if failures:
            if len(cases) > 1:
                say(f"\n{len(failures)} of {len(cases)} case files could not be "
                    "assessed:", err=True)
                for failure in failures:
                    say(failure, err=True)
            sys.exit(EXIT_INTERNAL if internal else EXIT_INPUT)


def _format_of(output: Path) -> str:
    """-o without --format: the report's format from the file's suffix (report.pdf), so
    that a report asked for is never silently not written."""
    from .render import FORMATS

    suffix = output.suffix.lstrip(".").lower()
    if str(output) != "-" and not output.is_dir() and suffix in FORMATS:
        return suffix
    raise click.UsageError(f"-o {output}: give --format ({', '.join(FORMATS)}), or name a "
                           "file whose suffix is one of them (report.pdf)")


def _write_draft(path: Path, name: str, as_of: dt.date | None, output: Path | None,
                 redact: bool, settings, paper: str, rules_dir: Path | None, engine: str,
                 quiet: bool) -> None:
    """--draft NAME: the draft filing as .docx or .md, if the assessment calls for it."""
    from .drafts import DraftRefused, check_offered, draft_docx, draft_markdown
    from .output import default_report_path, write_private
    from .pipeline import Assessor
    from .rulebook import load_rulebook

    # the draft is written in the language of the command (--lang, the settings file), as
    # the reports are: the assessment is made in it, and drafts.py writes in its language
    to_stdout = output is not None and str(output) == "-"
    fmt = "md" if to_stdout else "docx"
    if output is not None and not to_stdout and not output.is_dir():
        fmt = output.suffix.lower().lstrip(".")
        if fmt not in ("md", "docx"):
            raise click.UsageError(f"-o {output}: a draft is written as .docx or .md")
    with Assessor(load_rulebook(rules_dir), engine=engine) as assessor:
        if redact:
            _, assessment, redaction = assessor.assess_file_redacted(path, as_of, analyse=True)
        else:
            (_, assessment), redaction = assessor.assess_file(path, as_of, analyse=True), None
    try:
        check_offered(assessment, name)
    except DraftRefused as refusal:
        click.echo(f"error: {refusal}", err=True)
        sys.exit(EXIT_INPUT)
    if fmt == "docx":
        data = draft_docx(assessment, name, settings, paper=paper)
        text_to_check = None
    else:
        data = text_to_check = draft_markdown(assessment, name, settings)
    if redaction is not None:
        from .documents.ooxml import document_text
        from .redact import check_redacted

        check_redacted(text_to_check if text_to_check is not None else document_text(data),
                       redaction)
    if to_stdout:
        click.echo(data, nl=False)
        return
    default = default_report_path(path, assessment.as_of.isoformat(), fmt, redact)
    default = default.with_name(default.name.replace(".report.", f".draft-{name}."))
    target = output / default.name if output is not None and output.is_dir() else (
        output or default)
    write_private(target, data, inputs=[path])
    if not quiet:
        from .i18n import _
        from .wording import when

        click.echo(_("{case}: draft {name} as of {date}: {path}").format(
            case=assessment.case_id, name=name, date=when(assessment.as_of), path=target))


def _refuse_clashing_reports(cases: tuple[Path, ...], output: Path | None) -> None:
    """Reports of two cases with the same name would overwrite each other in one folder."""
    if output is None or str(output) == "-" or not output.is_dir():
        return
    seen: dict[str, Path] = {}
    for path in cases:
        if path.stem in seen and seen[path.stem].resolve() != path.resolve():
            raise click.UsageError(f"{seen[path.stem]} and {path} have the same name, so their "
                                   f"reports would overwrite each other in {output}; rename one")
        seen[path.stem] = path


def _assess_one(assessor, path: Path, as_of: dt.date | None, fmt: str | None,
                output: Path | None, quiet: bool, paper: str = "a4",
                redact: bool = False, settings=None, inputs: list | None = None,
                changes=None):
    """Assess one case file, write its report if asked, print its summary. Returns the
    case as filed (read once: standard input cannot be read twice) and the redaction
    applied (None without --redact), for what is printed after it. With `changes`
    (--assume, --scenario) the report written is the changed case's, titled as a scenario;
    the summary stays the filed case's, and the comparison follows it."""
    from .output import default_report_path, write_private
    from .pipeline import load_case_file
    from .render import render

    # every report, and the terminal summary, shows deadlines, sensitivity and trajectory
    analyse = bool(fmt) or not quiet
    redaction = None
    filed, digest = load_case_file(path)
    if redact:
        from .redact import redact_file_name

        _filed, assessment, redaction = assessor.assess_redacted(
            filed, as_of, input_sha256=digest, input_name=path.name, analyse=analyse)
        # the default report name is built from the case file's name: redacted too
        named_as = path.with_name(redact_file_name(path.name, redaction))
    else:
        assessment = assessor.assess(filed, as_of, input_sha256=digest, input_name=path.name,
                                     analyse=analyse)
        named_as = path
    target: Path | None = None
    if fmt:
        reported, checked_against = assessment, redaction
        if changes is not None:
            # the report of a what-if is the changed case's, never the unchanged one
            from .whatif import scenario_assessment

            reported, checked_against = scenario_assessment(
                assessor, filed, changes, as_of, analyse=True, redact=redact)
            reported.input_sha256, reported.input_name = (assessment.input_sha256,
                                                          assessment.input_name)
        # with a redaction, render() refuses output in which a redacted string survives
        text = render(reported, fmt, paper=paper, redaction=checked_against,
                      settings=settings)
        if output is not None and str(output) == "-":
            _emit_report(text)
        else:
            default = default_report_path(named_as, reported.as_of.isoformat(), fmt, redact)
            if changes is not None:  # never in place of the case's own report
                default = default.with_name(default.name.replace(".report.",
                                                                 ".scenario.report."))
            if output is None:
                target = default
            elif output.is_dir():
                target = output / default.name
            else:
                target = output
            write_private(target, text, inputs=[path, *(inputs or [])])
    if not quiet and not (fmt and output is not None and str(output) == "-"):
        text = summary(assessment)
        if redaction is not None:
            from .redact import redact_terminal

            text = redact_terminal(text, redaction)
        # the path is the lawyer's own file system, printed as it is so that it can be opened
        say(text + ("\n  " + _("report: {path}").format(path=target) if target else ""))
    return filed, redaction


AS_OF_BASIS = {"case file": N_("the case file's `as_of`, a default (--as-of DATE to change it)"),
               "today": N_("today (the case file gives no `as_of`)")}


def summary(assessment, report: Path | None = None) -> str:
    """A few lines for the terminal: level, score, bars, what weighs most, what to do."""
    from . import labels
    from .i18n import _, ngettext
    from .removal import terminal_lines as removal_lines
    from .wording import when

    a = assessment
    risk = (_("risk of surrender {level} (score {score}/100)").format(
                level=labels.level(a.level).upper(), score=a.score)
            if a.removal is None or a.removal.assessed else _("procedure ended"))
    lines = [_("{case}: {risk} as of {as_of}: {requested} -> {requesting}").format(
        case=a.case_id, risk=risk, as_of=when(a.as_of), requested=a.requested_name,
        requesting=a.requesting_name)]
    if a.as_of_basis in AS_OF_BASIS:
        lines.append("  " + _("as of {as_of}: {basis}").format(
            as_of=when(a.as_of), basis=_(AS_OF_BASIS[a.as_of_basis])))
    if a.bars:
        lines.append("  " + _("grounds against surrender:"))
        lines += ["    " + _("{rule} {title} ({nature} in law, {strength} here)").format(
                      rule=b.rule_id, title=b.title, nature=labels.nature(b.nature),
                      strength=labels.strength(b.strength))
                  for b in a.bars[:5]]
        if len(a.bars) > 5:
            lines.append("    " + ngettext("and {n} more (see the report)",
                                           "and {n} more (see the report)", len(a.bars) - 5))
    else:
        lines.append("  " + _("grounds against surrender: none established"))
    weighing = sorted((f for f in a.findings if f.points), key=lambda f: -abs(f.points))[:5]
    if weighing:
        lines.append("  " + _("weighs most:"))
        lines += [f"    {f.points:+d} {f.rule_id} {f.title}" for f in weighing]
    lines += removal_lines(a)  # the second answer (assessor.removal)
    urgent = [x for x in a.actions if x.urgency in ("immediate", "days")][:3]
    if urgent:
        lines.append("  " + _("do first:"))
        lines += [f"    [{labels.urgency(x.urgency)}] {x.do} ({x.forum_label})" for x in urgent]
    if a.deadlines:
        from .deadlines import describe as describe_deadlines

        lines.append("  " + _("deadlines:"))
        lines += [f"    {line}" for line in describe_deadlines(a.deadlines)]
    if a.sensitivity:
        lines.append("  " + _("what would move the level:"))
        lines += [f"    {s.change}" for s in a.sensitivity[:3]]
    if a.unknowns:
        # the English is as it always was ("(s)"); other languages use the plural forms
        lines.append("  " + ngettext(
            "{n} unknown fact(s) would change the level if established",
            "{n} unknown fact(s) would change the level if established",
            len(a.unknowns)))
    lines += ["  " + _("warning: {warning}").format(warning=w) for w in a.warnings]
    if report:
        lines.append("  " + _("report: {path}").format(path=report))
    return "\n".join(lines)


@main.command("drafts")
@click.argument("case", type=click.Path(path_type=Path))
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD",
              help="As the case stood on this date. Default: the case's `as_of`, else today.")
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Use the rules in this folder instead of the bundled ones.")
@click.option("--lang", "lang", metavar="LANG", callback=lambda _c, _p, v: _lang_option(v),
              help="The language to list them in (default: the settings file's `lang`).")
@click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")
def drafts_command(case: Path, as_of: str | None, rules_dir: Path | None, debug: bool,
                   lang: str | None = None) -> None:
    """List the draft filings the case supports now, and the actions that call for them.

    \b
    Example:
      assess drafts case.yaml
      assess case.yaml --draft rule39 -o rule39.docx
    """
    with _guard(debug):
        from .drafts import catalogue, offers
        from .i18n import _
        from .pipeline import Assessor
        from .rulebook import load_rulebook
        from .settings import load_settings
        from .wording import when

        _use_language(lang or load_settings(None).language)
        with Assessor(load_rulebook(rules_dir)) as assessor:
            __, assessment = assessor.assess_file(case, _as_of_option(as_of))
        found = offers(assessment)
        click.echo(_("{case}: drafts supported as of {date}: {found} of {all}").format(
            case=assessment.case_id, date=when(assessment.as_of), found=len(found),
            all=len(catalogue())))
        for offer in found:
            click.echo(f"  {offer.kind.id}: {_(offer.kind.title)}")
            click.echo(f"    {_(' '.join(offer.kind.about.split()))}")
            for reason in offer.because:
                click.echo("    " + _("because: {reason}").format(reason=reason))
        if not found:
            click.echo("  " + _("none: the assessment recommends no action that a draft "
                                "serves"))


@main.command("new")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--from", "from_file", type=click.Path(dir_okay=False, path_type=Path),
              metavar="CASE.yaml",
              help="Walk the interview with this case file's answers as defaults; what the "
                   "interview does not cover, and your comments, are kept. Writes back to it "
                   "unless FILE is given (once you confirm, or with --overwrite).")
@click.option("--answers", metavar="ANSWERS.yaml",
              help="Take the answers from this YAML file (- for standard input), laid out "
                   "like a case file, instead of asking; no terminal needed.")
@click.option("--overwrite", is_flag=True, help="Replace FILE if it exists.")
@click.option("--assess/--no-assess", "assess_now", default=None,
              help="Assess the new file at once (default: ask at the terminal; with "
                   "--answers, only with --assess).")
@click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")
def new(file: Path | None, from_file: Path | None, answers: str | None, overwrite: bool,
        assess_now: bool | None, debug: bool) -> None:
    """Write a case file by answering questions, in the order of a first meeting.

    \b
    Every question accepts "I don't know" (recorded as unknown, never as no);
    dates in any common form, countries by name or code.
    Examples:
      assess new client-2026-03.yaml
      assess new --from client-2026-03.yaml        # add what was learned since
      assess new client.yaml --answers answers.yaml --no-assess
    """
    with _guard(debug):
        from .interview import session

        document = session.read_answers(answers) if answers is not None else None
        if document is None and not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise click.UsageError("the interview needs a terminal; to script it, give the "
                                   "answers with --answers FILE (or - for standard input)")
        try:
            outcome = session.run(file, from_file=from_file, answers=document,
                                  overwrite=overwrite, say=click.echo)
        except KeyboardInterrupt:
            say("\nInterview stopped; nothing written.", err=True)
            sys.exit(EXIT_INPUT)
        if outcome.written and (assess_now or (assess_now is None and outcome.assess)):
            from .pipeline import Assessor
            from .rulebook import load_rulebook

            with Assessor(load_rulebook(None)) as assessor:
                _assess_one(assessor, outcome.written, None, None, None, False)


@main.command()
@click.option("--markdown", is_flag=True,
              help="Print the field reference (docs/case-format.md) instead: every field, "
                   "its meaning, allowed values and an example.")
@click.option("--install", "install", metavar="FOLDER",
              type=click.Path(file_okay=False, path_type=Path),
              help="Set up FOLDER (a folder of case files) so that VS Code's YAML extension "
                   "checks and completes them: writes FOLDER/.vscode/case.schema.json and "
                   "adds it to FOLDER/.vscode/settings.json.")
def schema(markdown: bool, install: Path | None) -> None:
    """Print the JSON Schema of a case file (for editors that check YAML).

    \b
    Examples:
      assess schema > case.schema.json
      assess schema --markdown > docs/case-format.md
      assess schema --install ~/cases
    """
    with _guard(False):
        if markdown and install:
            raise click.UsageError("--markdown and --install are separate uses; give one")
        if markdown:
            from .caseformat import generate

            click.echo(generate(), nl=False)
            return
        text = json.dumps(case_schema(), indent=2, ensure_ascii=False) + "\n"
        if install is None:
            click.echo(text, nl=False)
            return
        from .editors import install_schema

        for line in install_schema(install, text):
            click.echo(line)


def case_schema() -> dict:
    """The JSON Schema of a case file, from the case model."""
    from .model import Case

    document = Case.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "Extradition risk assessor case file"
    return document


@main.command()
@click.option("--lang", "lang", metavar="LANG", callback=lambda _c, _p, v: _lang_option(v),
              help="The language of the meanings (default: the settings file's `lang`).")
def facts(lang: str | None = None) -> None:
    """List the fact catalogue: every fact the rules can read, with its type, values, its
    direction (protective: surrender less likely; aggravating: more likely) and meaning."""
    from .facts import catalogue_rows, label, meaning
    from .i18n import current, pgettext
    from .settings import load_settings

    _use_language(lang or load_settings(None).language)
    directions = {"protective": pgettext("direction", "protective"),
                  "aggravating": pgettext("direction", "aggravating"),
                  "neutral": pgettext("direction", "neutral")}
    for row in catalogue_rows():
        values = f" ({', '.join(row['values'])})" if row["values"] else ""
        name = row["name"] if current() == "en" else f"{row['name']} «{label(row['name'])}»"
        say(f"{name} [{row['type']}{values}] {directions[row['direction']]}: "
            f"{meaning(row['name'])}")


@main.group(invoke_without_command=True)
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Rules folder (default: the bundled rules).")
@click.pass_context
def rules(ctx: click.Context, rules_dir: Path | None) -> None:
    """List the rules (id, title, effect, weight); see `assess rules show ID`."""
    ctx.obj = rules_dir
    if ctx.invoked_subcommand is None:
        with _guard(False):
            from .rulebook import load_rulebook

            book = load_rulebook(rules_dir)
            for r in book.rules:
                rule = r.rule
                effect = rule.effect + (f" ({rule.nature})" if rule.nature else "")
                say(f"{rule.id:7} {rule.weight:+4d}  {effect:18} {rule.title}")
            say(f"{len(book.rules)} rules, version {book.version}, from {book.directory}")


@rules.command("check")
@click.argument("rules_dir_arg", metavar="[RULES_DIR]", required=False,
                type=click.Path(file_okay=False, path_type=Path))
@click.option("--save-counterexamples", "save_dir", type=click.Path(file_okay=False,
              path_type=Path), help="Write each proven violation's counterexample fact record "
              "to this folder, one YAML file each (a regression case).")
@click.option("--overlaps", is_flag=True, help="Also list the pairs of rules with opposite "
              "effects that can fire together, and the supersessions that displace a broader "
              "rule (information, not defects).")
@click.pass_obj
def rules_check(rules_dir: Path | None, rules_dir_arg: Path | None, save_dir: Path | None,
                overlaps: bool) -> None:
    """Check a rules folder and list every defect as file:line: message.

    \b
    The solver proves the rules over every fact record the catalogue allows
    (docs/rule-checks.md); each violation is printed with a counterexample.
    Exit 0 with a one-line summary when the rules are sound, 2 otherwise.
    Examples:
      assess rules check
      assess rules check my-rules/ --save-counterexamples counterexamples/
    """
    with _guard(False):
        from .rulecheck import check, save_counterexamples

        report = check(rules_dir_arg or rules_dir)
        for defect in report.defects:
            say(str(defect), err=True)
        for warning in report.warnings:
            say(f"warning: {warning}", err=True)
        if overlaps and report.proof is not None:
            for a, b in report.proof.overlaps:
                click.echo(f"overlap: {a} and {b} have opposite effects and can fire together")
            for a, b in report.proof.displacements:
                click.echo(f"displaces: {a} supersedes {b} without implying it")
        if save_dir is not None:
            written = save_counterexamples(report, save_dir)
            click.echo(f"{len(written)} counterexample(s) written to {save_dir}",
                       err=bool(report.defects))
        click.echo(report.summary(), err=bool(report.defects))
        if report.defects:
            sys.exit(EXIT_INPUT)


@rules.command("translations")
@click.option("--lang", required=True, help="The language of the rule texts, e.g. ru.")
@click.option("--stamp", "stamp_ids", multiple=True, metavar="RULE_ID",
              help="Record that the translation of this rule has been reviewed against the "
              "current English (sets its `source:` fingerprint). Repeatable.")
@click.pass_obj
def rules_translations(rules_dir: Path | None, lang: str, stamp_ids: tuple[str, ...]) -> None:
    """Check the rules' texts in one language (rules/locale/LANG/), as `assess rules check`
    does for every language, and list each problem as file:line:column.

    \b
    Exit 0 when every rule has a current translation of the same shape, 2 otherwise.
    Examples:
      assess rules translations --lang ru
      assess rules translations --lang ru --stamp NR-01 --stamp NR-02
    """
    with _guard(False):
        from .translations import check_translations, stamp

        if stamp_ids:
            done = stamp(lang, [i.upper() for i in stamp_ids], rules_dir)
            say(f"stamped {', '.join(done)}")
        problems = check_translations(rules_dir, lang)
        for problem in problems:
            say(str(problem), err=True)
        errors = [p for p in problems if not p.warning]
        click.echo(f"{lang}: {len(errors)} error(s), {len(problems) - len(errors)} "
                   "warning(s)", err=bool(errors))
        if errors:
            sys.exit(EXIT_INPUT)


@rules.command("show")
@click.argument("rule_id")
@click.pass_obj
def rules_show(rules_dir: Path | None, rule_id: str) -> None:
    """Print one rule: legal basis, condition, explanation and actions."""
    with _guard(False):
        from .conditions import describe
        from .rulebook import load_rulebook

        book = load_rulebook(rules_dir)
        compiled = book.by_id.get(rule_id.upper())
        if compiled is None:
            raise click.BadParameter(f"no rule {rule_id}; run `assess rules` for the list",
                                     param_hint="RULE_ID")
        r = compiled.rule
        say(f"{r.id} {r.title}\n  {compiled.file}:{compiled.line}")
        say(f"  effect: {r.effect}{f' ({r.nature})' if r.nature else ''}, "
                   f"weight {r.weight:+d}, category {r.category}")
        say(f"  when: {describe(compiled.condition)}")
        if r.supersedes:
            say(f"  supersedes: {', '.join(r.supersedes)}")
        say("  legal basis:")
        for c in r.legal_basis:
            say(f"    {c.instrument}, {c.article}: {c.paraphrase}")
        say(f"  explanation: {' '.join(r.explanation.split())}")
        for action in r.actions:
            say(f"  action [{action.urgency}, {action.forum}]: {action.do}")
        say(f"  certainty: {' '.join(r.certainty.split())}")
        for item in r.verify:
            say(f"  verify: {item}")


@main.group(invoke_without_command=True)
@click.pass_context
def states(ctx: click.Context) -> None:
    """The law binding each covered state: memberships, death penalty, own nationals.

    \b
    Examples:
      assess states                  the table, as of today
      assess states show KZ          every dated fact of one state with its source
      assess states check            every fact sourced, dates consistent (exit 2 if not)
    """
    if ctx.invoked_subcommand is None:
        with _guard(False):
            from .statetable import table

            say(table(dt.date.today()), nl=False)


@states.command("show")
@click.argument("code")
def states_show(code: str) -> None:
    """Every dated fact about one state (ISO code), with its sources."""
    with _guard(False):
        from .statetable import show

        text = show(code.upper())
        if text is None:
            raise click.BadParameter(f"no reference data for {code}; run `assess states` "
                                     "for the covered states", param_hint="CODE")
        say(text, nl=False)


@states.command("check")
@click.argument("data_dir", metavar="[DATA_DIR]", required=False,
                type=click.Path(file_okay=False, path_type=Path))
def states_check(data_dir: Path | None) -> None:
    """Check the reference data: every fact sourced, dates in order, ISO codes valid.

    Exit 0 with a one-line summary when the data is sound, 2 otherwise (for CI).
    """
    with _guard(False):
        from .statetable import check

        say(check(data_dir))


def _what_if_option(assume: tuple[str, ...], scenario: Path | None):
    """The --assume and --scenario changes, read once for every case (located errors)."""
    if not assume and scenario is None:
        return None
    from .whatif import Changes, load_scenario, parse_assume

    changes = load_scenario(scenario) if scenario is not None else Changes()
    extra = parse_assume(assume)
    changes.assignments += extra.assignments
    changes.facts += extra.facts
    return changes


def _time_and_what_if(assessor, case, as_of: dt.date | None, show_trajectory: bool,
                      changes, redaction=None) -> None:
    """--trajectory and --assume/--scenario: printed after the case's summary; with
    --redact, computed from the redacted case and printed redacted."""
    if not show_trajectory and changes is None:
        return
    lines: list[str] = []
    if redaction is not None:
        from .redact import redact_case

        case, redaction = redact_case(case)
    if show_trajectory:
        from .timeline import describe_changes, trajectory

        from .i18n import _, current
        from .translations import rule_text
        from .wording import when

        day = as_of or (case.as_of.latest if case.as_of else dt.date.today())
        titles = assessor.rulebook.by_id
        lines.append(_("{case}: how the risk moved, up to {date}").format(
            case=case.case_id, date=when(day)))
        lines += ["  " + line for line in describe_changes(
            trajectory(assessor, case, day),
            lambda r: rule_text(titles[r].rule, current()).title)]
    if changes is not None:
        from .whatif import compare, describe

        lines += describe(compare(assessor, case, changes, as_of))
    text = "\n".join(lines)
    if redaction is not None:
        from .redact import redact_terminal

        text = redact_terminal(text, redaction)
    say(text)


def _lang_option(value: str | None) -> str | None:
    from .i18n import available_languages

    if value is not None and value not in available_languages():
        raise click.BadParameter(f"{value!r} is not a language the reports are written in "
                                 f"(one of {', '.join(available_languages())})",
                                 param_hint="--lang")
    return value


def _use_language(lang: str) -> None:
    """Every sentence made until the command ends is in `lang` (the summary, the reports,
    the drafts); English again after it, also when the command runs inside a test."""
    from . import i18n

    click.get_current_context().with_resource(i18n.language(lang))


def _as_of_option(text: str | None) -> dt.date | None:
    if text is None:
        return None
    from .validation import FIRST_YEAR, LAST_YEAR

    try:
        day = parse_as_of(text)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--as-of") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise click.BadParameter(f"{day} is outside the years {FIRST_YEAR}-{LAST_YEAR} an "
                                 "assessment can reckon with", param_hint="--as-of")
    return day


class _guard:
    """Turn errors into the documented exit statuses; tracebacks only with --debug."""

    def __init__(self, debug: bool):
        self.debug = debug

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, tb) -> bool:
        if error is None or isinstance(error, (click.exceptions.Exit, click.ClickException,
                                               SystemExit, click.Abort)):
            return False
        if isinstance(error, InputError):
            say(str(error), err=True)
            sys.exit(EXIT_INPUT)
        if isinstance(error, BrokenPipeError):
            # the reader (`| head`) has gone: nothing more to say, and nothing went wrong
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_OK)
        from .output import OutputError
        from .system import MissingSystemPackage

        if isinstance(error, OutputError):
            say(f"error: {error}", err=True)
            sys.exit(EXIT_INPUT)
        if isinstance(error, MissingSystemPackage):
            click.echo(f"error: {error}", err=True)
            sys.exit(EXIT_INTERNAL)
        if self.debug:
            traceback.print_exception(kind, error, tb)
        else:
            say(f"internal error: {kind.__name__}: {error} "
                       "(rerun with --debug for details)", err=True)
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":  # pragma: no cover
    main()
