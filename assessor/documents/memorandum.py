"""Assessment -> a Word memorandum the lawyer edits: the report's content with real Word
structure (styles, numbered paragraphs, footnotes, tables, the chart as an image).

Like the other formats it renders the Assessment and computes nothing. Sources are real
Word footnotes (the OOXML footnotes part, see ooxml.py): the first reference to a source
gives it in full, later ones point back to that note. Sections headed "Counsel's analysis"
are left for the lawyer's own reasoning.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Mm, Pt

from .. import labels
from ..assessment import Assessment, Finding
from ..i18n import N_, _, ngettext
from ..model import Source
from ..render import URGENCY_TITLES, day_text, instrument_name
from ..render import _points as points_text
from ..wording import value_words as value_text
from ..settings import Settings
from .page import open_template, set_up_pages, set_properties
from .ooxml import Footnotes
from .writer import Writer

COUNSEL_NOTE = N_("[Counsel's analysis: to be completed. The text above is generated from "
                  "the case file; weigh the evidence, the client's instructions and the latest "
                  "case law here before relying on it.]")


def source_text(source: Source) -> str:
    parts = [source.title]
    if source.publisher:
        parts.append(source.publisher)
    if source.date:
        parts.append(day_text(source.date))
    if source.url:
        parts.append(source.url)
    text = ", ".join(parts) + "."
    if source.note:
        text += " " + _("Note: {note}").format(note=source.note)
    return text


@dataclass
class _Notes:
    """One footnote per reference; a source cited again points to its first note."""

    footnotes: Footnotes
    sources: dict[str, Source]
    first: dict[str, int] = field(default_factory=dict)

    def cite(self, paragraph, source_ids: list[str]) -> None:
        for source_id in source_ids:
            source = self.sources.get(source_id)
            if source is None:
                continue
            if source_id in self.first:
                self.footnotes.add(paragraph, _("{title}: see note {number}.").format(
                    title=source.title, number=self.first[source_id]))
            else:
                self.first[source_id] = self.footnotes.add(paragraph, source_text(source))


def memorandum_docx(assessment: Assessment, settings: Settings | None = None,
                    *, paper: str | None = None, today: dt.date | None = None) -> bytes:
    """The memorandum as the bytes of a .docx file."""
    settings = settings or Settings()
    a = assessment
    document = open_template()
    privileged = a.provenance == "client"
    set_up_pages(document, paper or settings.paper, settings, privileged,
                 running_title=_("Case {case}").format(case=a.case_id))
    set_properties(document, settings, privileged,
                   title=_("Memorandum: extradition risk assessment: {title}").format(
                       title=a.title),
                   subject=_("{requested} -> {requesting}, as of {as_of}").format(
                       requested=a.requested_name, requesting=a.requesting_name,
                       as_of=day_text(a.as_of)),
                   keywords=_("case {case}; risk {level}").format(
                       case=a.case_id, level=labels.level(a.level)),
                   redacted=a.redacted)
    notes = _Notes(Footnotes(document), {s.id: s for s in a.sources})
    w = Writer(document)
    _heading(w, a, settings, privileged, today or dt.date.today())
    _summary(w, a)
    _bars(w, a, notes)
    _findings(w, a, notes)
    _counsel(w)
    _actions(w, a)
    _deadlines(w, a, notes)
    _score(w, a)
    _what_if(w, a)
    _risk_over_time(w, a)
    _timeline(w, a)
    _sources(w, a)
    _method(w, a)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- the sections, in the order of the other formats ----------------------------------------

def _heading(w, a: Assessment, settings: Settings, privileged: bool,
             today: dt.date) -> None:
    if privileged:
        w.paragraph(_("Privileged and confidential: lawyer-client communication"),
                    style="Privilege Marking")
    if a.redacted:
        w.paragraph(
            _("Redacted copy for sharing: the person's name, aliases, relatives' names, "
              "address, document numbers, birth date, health details, notes and personal "
              "events are replaced by placeholders such as [PERSON]."),
            style="Privilege Marking")
    w.paragraph(_("Memorandum"), style="Title")
    rows = [
        (_("To"), None, _("[to: to be completed]")),
        (_("From"), ", ".join(x for x in (settings.author, settings.firm) if x) or None,
         _("[from: to be completed]")),
        (_("Date"), day_text(today), ""),
        (_("Re"), _("Extradition risk assessment: {title}").format(title=a.title), ""),
        (_("Assessed as of"), day_text(a.as_of), ""),
    ]
    table = w.table(("", ""), [], header=False)
    for label, value, gap in rows:
        cells = table.add_row().cells
        w.run(cells[0].paragraphs[0], label, "Memo Label")
        if value is None:
            w.run(cells[1].paragraphs[0], gap, "Gap")
        else:
            cells[1].paragraphs[0].add_run(value)
    w.finish_table(table, (35, 125))
    small = w.paragraph()
    w.run(small, _("Case {case}").format(case=a.case_id), "Small Print")


def _summary(w, a: Assessment) -> None:
    w.heading(_("Summary"), 1)
    _numbered(w, a.conclusion)
    w.table(("", ""), [
        (_("Person"), f"{a.person} ({', '.join(a.nationalities)})"),
        (_("Requesting state"), a.requesting_name),
        (_("Requested state"), a.requested_name),
        (_("As of"), day_text(a.as_of)),
        (_("Risk of surrender"), _("{level}, score {score} of 100").format(
            level=labels.level(a.level).upper(), score=a.score)),
        (_("Grounds against surrender"), str(len(a.bars))),
    ], header=False, widths=(50, 110))
    urgent = [x for x in a.actions if x.urgency in ("immediate", "days")]
    if urgent:
        w.heading(_("Most urgent actions"), 2)
        for action in urgent[:5]:
            paragraph = w.paragraph(style="List Bullet")
            w.run(paragraph, _(URGENCY_TITLES[action.urgency]) + ": ", "Memo Label")
            paragraph.add_run(f"{action.do} ({action.forum_label})")
    for warning in a.warnings:
        w.paragraph(_("Warning: {warning}").format(warning=warning), style="Lawyer Note")


def _bars(w, a: Assessment, notes: _Notes) -> None:
    w.heading(_("Legal grounds against surrender"), 1)
    if not a.bars:
        _numbered(w, _("No legal bar to surrender is established on the facts recorded."))
        return
    table = w.table((_("Ground"), _("Strength"), _("Evidence")), [], widths=(55, 22, 83))
    for bar in a.bars:
        cells = table.add_row().cells
        _titled(w, cells[0].paragraphs[0], bar.title, bar.rule_id)
        cells[1].paragraphs[0].add_run(labels.strength(bar.strength))
        evidence = cells[2].paragraphs[0]
        shown = [f for f in bar.facts if f.value not in (None, False) and f.detail]
        for index, fact in enumerate(shown):
            evidence.add_run(fact.detail)
            notes.cite(evidence, fact.sources)
            if index + 1 < len(shown):
                evidence.add_run("; ")
    w.finish_table(table, (55, 22, 83))


def _findings(w, a: Assessment, notes: _Notes) -> None:
    from ..render import CATEGORY_TITLES

    w.heading(_("Findings"), 1)
    by_category: dict[str, list[Finding]] = {}
    for finding in a.findings:
        by_category.setdefault(finding.category, []).append(finding)
    order = list(CATEGORY_TITLES)
    for category in sorted(by_category, key=lambda c: order.index(c) if c in order else 99):
        w.heading(_(CATEGORY_TITLES[category]) if category in CATEGORY_TITLES else category, 2)
        for finding in by_category[category]:
            _finding(w, finding, notes)
    if a.superseded:
        w.heading(_("Superseded findings"), 2)
        for finding in a.superseded:
            paragraph = w.paragraph(style="List Bullet")
            paragraph.add_run(f"{finding.title}: " + _(
                "superseded by {rule} (the narrower rule applies; no points counted)").format(
                    rule=finding.superseded_by) + " ")
            w.run(paragraph, finding.rule_id, "Small Print")


def _finding(w, f: Finding, notes: _Notes) -> None:
    heading = w.heading("", 3)
    heading.add_run(f.title)
    strength = ", " + labels.strength(f.strength) if f.strength else ""
    meta = f"{labels.effect(f.effect)}{strength}; {points_text(f.points)}"
    w.run(heading, f"  {f.rule_id} · {meta}", "Small Print")
    paragraph = _numbered(w, f.explanation)
    notes.cite(paragraph, f.sources)
    table = w.table((_("Fact"), _("Value"), _("Detail")), [], widths=(62, 20, 78))
    for fact in f.facts:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(fact.meaning)
        cells[1].paragraphs[0].add_run(value_text(fact.value))
        if fact.question:  # what the lawyer must establish to answer it
            w.run(cells[1].paragraphs[0], f" ({fact.question})", "Small Print")
        detail = cells[2].paragraphs[0]
        detail.add_run(fact.detail)
        notes.cite(detail, fact.sources)
    w.finish_table(table, (62, 20, 78))
    label = w.paragraph()
    w.run(label, _("Legal basis"), "Memo Label")
    label.paragraph_format.keep_with_next = True
    for citation in f.legal_basis:
        item = w.paragraph(style="List Bullet")
        w.run(item, f"{instrument_name(citation.instrument)}, {citation.article}: ", "Memo Label")
        item.add_run(citation.paraphrase)
    certainty = w.paragraph()
    w.run(certainty, _("Certainty:") + " ", "Memo Label")
    certainty.add_run(f.certainty)
    if f.verify:
        label = w.paragraph()
        w.run(label, _("Verify"), "Memo Label")
        label.paragraph_format.keep_with_next = True
        for item in f.verify:
            w.paragraph(item, style="List Bullet")


def _counsel(w) -> None:
    w.heading(_("Counsel's analysis"), 1)
    w.paragraph(_(COUNSEL_NOTE), style="Lawyer Note")
    for prompt in (_("[The strongest grounds, and how the evidence meets the test for each.]"),
                   _("[Weaknesses, and what the authorities are likely to argue.]"),
                   _("[Advice and the client's instructions.]")):
        w.paragraph(prompt, style="Lawyer Note")


def _actions(w, a: Assessment) -> None:
    w.heading(_("Recommended actions"), 1)
    if not a.actions:
        _numbered(w, _("No action is recommended on the facts recorded."))
        return
    rows = [(_(URGENCY_TITLES[x.urgency]) if x.urgency in URGENCY_TITLES else x.urgency,
             x.do + (" " + _("Needs: {needs}").format(needs=x.needs) if x.needs else ""),
             x.forum_label) for x in a.actions]
    table = w.table((_("When"), _("Action"), _("Forum")), rows, widths=(25, 95, 40))
    for row, action in zip(table.rows[1:], a.actions):
        w.run(row.cells[1].paragraphs[0], "  " + ", ".join(action.because), "Small Print")


def _deadlines(w, a: Assessment, notes: _Notes) -> None:
    if not a.deadlines:
        return
    w.heading(_("Deadlines"), 1)
    table = w.table((_("Date"), _("What"), _("Basis"), _("Days left")), [],
                    widths=(22, 60, 58, 20))
    for d in a.deadlines:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(day_text(d.date))
        cells[1].paragraphs[0].add_run(d.what)
        notes.cite(cells[1].paragraphs[0], d.sources)
        cells[2].paragraphs[0].add_run(d.basis)
        for item in d.verify:
            paragraph = cells[2].add_paragraph()
            w.run(paragraph, _("Verify:") + " ", "Memo Label")
            paragraph.add_run(item)
        cells[3].paragraphs[0].add_run(
            ngettext("passed {n} day ago", "passed {n} days ago", -d.days_left)
            if d.overrun else str(d.days_left))
    w.finish_table(table, (22, 60, 58, 20))


def _score(w, a: Assessment) -> None:
    w.heading(_("How the score is made up"), 1)
    table = w.table((_("Contribution"), _("Points")),
                    [(c.label, f"{c.points:+d}") for c in a.contributions]
                    + [(_("Score"), str(a.score))], widths=(135, 25))
    for row, contribution in zip(table.rows[1:], a.contributions):
        if contribution.rule_id:
            w.run(row.cells[0].paragraphs[0], f"  {contribution.rule_id}", "Small Print")
    table.rows[-1].cells[0].paragraphs[0].runs[0].bold = True
    w.paragraph(_("Levels: low below 20, moderate 20 to 44, high 45 to 69, critical 70 and "
                  "above."))


def _what_if(w, a: Assessment) -> None:
    w.heading(_("What would change the outcome"), 1)
    if a.unknowns:
        for u in a.unknowns:
            w.paragraph(
                _("{meaning} If this is established as {value}, the risk would be {level} "
                  "(score {score}).").format(meaning=u.meaning, value=value_text(u.if_value),
                                            level=labels.level(u.level), score=u.score),
                style="List Bullet")
    else:
        _numbered(w, _("No unknown fact in the case file would change the level if "
                       "established."))
    if a.sensitivity:
        w.table((_("If"), _("Level"), _("Score")),
                [(s.change, labels.level(s.level), str(s.score)) for s in a.sensitivity],
                widths=(120, 22, 18))


def _risk_over_time(w, a: Assessment) -> None:
    if not a.trajectory:
        return
    from ..chart import risk_chart_png

    w.heading(_("Risk over time"), 1)
    image = risk_chart_png(a.trajectory, a.as_of)
    if image:
        w.document.add_picture(io.BytesIO(image), width=Mm(160))
        w.paragraph(
            _("The score as of each event date in the recent period up to the as-of date "
              "({as_of}, dashed line); shading marks the levels. The table gives the whole "
              "history.").format(as_of=day_text(a.as_of)), style="Caption")
    w.table((_("Date"), _("Event"), _("Level"), _("Score")),
            [(day_text(p.date), p.event, labels.level(p.level), str(p.score))
             for p in a.trajectory], widths=(24, 100, 20, 16))


def _timeline(w, a: Assessment) -> None:
    w.heading(_("Timeline"), 1)
    after = " (" + _("after the as-of date: not counted") + ")"
    w.table((_("Date"), _("Event")),
            [(day_text(t.date), t.label + (after if t.after_as_of else ""))
             for t in a.timeline], widths=(28, 132))


def _sources(w, a: Assessment) -> None:
    w.heading(_("Sources"), 1)
    for source in a.sources:
        paragraph = w.paragraph(source_text(source), style="List Number 2")
        w.run(paragraph, f"  {value_text(source.kind)}; {_('id')} {source.id}", "Small Print")


def _method(w, a: Assessment) -> None:
    w.heading(_("Method and limits"), 1)
    _numbered(w, _(
        "This memorandum applies the assessor's rules to the facts recorded in the case file "
        "as of {as_of}. Only events on or before that date count; a date given only as a "
        "month or a year counts once that whole period has passed. Each finding names the "
        "facts that triggered it and the provision it rests on. The score is the sum of the "
        "contributions listed above, held within 0 to 100. It is a structured aid to a "
        "lawyer's judgement, not a prediction and not legal advice: every point marked "
        "\"verify\" must be checked against the primary sources.").format(
            as_of=day_text(a.as_of)))
    if a.redacted:
        _numbered(w, _("This is a redacted copy: identifying details were replaced before "
                       "the assessment was made, so the judgement is the same as in the full "
                       "memorandum."))
    w.table(("", ""), [
        (_("Tool version"), a.tool_version), (_("Rules version"), a.rules_version),
        (_("Input"), a.input_name or _("case")),
        (_("Input SHA-256"), a.input_sha256 or _("not recorded")),
        (_("Provenance"), value_text(a.provenance)),
    ], header=False, widths=(40, 120))


# --- small helpers --------------------------------------------------------------------------

def _numbered(w, text: str):
    """A numbered paragraph of the memorandum (Word's List Number style: one sequence)."""
    return w.paragraph(text, style="List Number")


def _titled(w, paragraph, title: str, rule_id: str) -> None:
    paragraph.add_run(title)
    w.run(paragraph, f"  {rule_id}", "Small Print")
