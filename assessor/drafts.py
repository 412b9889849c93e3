"""Assessment -> draft filings (Rule 39 request, UN communication, urgent appeal, request to
INTERPOL's Commission), each as Markdown and as a Word document, with the case's facts,
dates and grounds in place and the gaps marked for the lawyer.

A draft is offered only when the assessment recommends the action it serves
(`reports/drafts/drafts.yaml`): the stage of the case and the states' law already decide
which actions are recommended, so they decide the drafts too. Like every output, a draft
renders the Assessment and computes nothing.

The templates (`reports/drafts/*.md.j2`) write a small Markdown: "# " title, "## "/"### "
headings, "1. " numbered paragraphs, "- " bullets, "> " notes to the lawyer, **bold**, and
gaps. Every value from the case is escaped as it enters the template, so case text can
never make a heading, a gap or bold type; the Word document is built from the same text.

A draft is written in the language of its assessment (`assess --lang`), like the reports:
the templates' sentences through the gettext catalog (`{% trans %}`, `_("...")`, the
mechanism of reports/report.md.j2), the catalogue's titles and refusals and the sentences
made here through `_()`, dates through the report's `day` filter (CLDR), and the names of
instruments and bodies through the glossary. English is the source language: an English
draft is what it was before the drafts were translated.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import i18n
from .assessment import Assessment
from .i18n import N_, _, pgettext
from .paths import bundled
from .render import add_language, day_text, md_escape
from .settings import Settings
from .stage import BEFORE_REMOVAL, STAGE_LABELS

FORMATS = ("md", "docx")
_GAP = re.compile(r"\[\[(.+?)\]\]")
_INLINE = re.compile(r"\\(.)|\*\*(.+?)\*\*|\[\[(.+?)\]\]")


class DraftRefused(Exception):
    """The case does not call for this draft now; the message says why."""


class _Markdown(str):
    """Text that is already Markdown (the template's own words, a gap, a date the tool
    wrote): passed through unescaped."""


class _Gap(_Markdown):
    """A gap for the lawyer: passed through unescaped, as [[text]]."""


class _Words(_Markdown):
    """A sentence of the catalog: the template's words, trusted like the template itself;
    the values put into it (`%(person)s`) are escaped as every value is."""

    def __mod__(self, values: object) -> "_Words":
        if isinstance(values, dict):
            values = {key: _finalize(value) for key, value in values.items()}
        return _Words(str.__mod__(self, values))


@dataclass(frozen=True)
class DraftKind:
    id: str
    title: str
    forums: tuple[str, ...]
    urgencies: tuple[str, ...]
    template: str
    grounds: tuple[str, ...]
    about: str
    refused: str
    # the stages of the case in which the draft's words are true (assessor.stage): the
    # Rule 39 request and the communication ask that a removal not happen
    stages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Offer:
    kind: DraftKind
    because: tuple[str, ...]  # the recommended actions that call for it, as printed


def drafts_dir() -> Path:
    return bundled("reports", "drafts")


@lru_cache(maxsize=None)
def catalogue() -> dict[str, DraftKind]:
    from .yamlfile import load

    document = load(drafts_dir() / "drafts.yaml")
    return {
        key: DraftKind(id=key, title=" ".join(entry["title"].split()),
                       forums=tuple(entry["forums"]), urgencies=tuple(entry["urgencies"]),
                       template=entry["template"], grounds=tuple(entry["grounds"]),
                       about=" ".join(entry["about"].split()),
                       refused=" ".join(entry["refused"].split()),
                       stages=tuple(entry.get("stages") or BEFORE_REMOVAL))
        for key, entry in document.data["drafts"].items()
    }


def _in_stage(assessment: Assessment, kind: DraftKind) -> bool:
    # an assessment without a stage (built from a bare fact record) is one before removal
    return (assessment.stage or BEFORE_REMOVAL[0]) in kind.stages


def offers(assessment: Assessment) -> list[Offer]:
    """The drafts the case supports now, each with the actions that call for it."""
    from . import labels

    result = []
    for kind in catalogue().values():
        if not _in_stage(assessment, kind):
            continue
        because = tuple(
            f"[{labels.urgency(action.urgency)}] {action.do} ({', '.join(action.because)})"
            for action in assessment.actions
            if action.forum in kind.forums and action.urgency in kind.urgencies)
        if because and _forum_open(assessment, Offer(kind, because)) is None:
            result.append(Offer(kind, because))
    return result


def _forum_open(assessment: Assessment, offer: Offer) -> str | None:
    """Why the body cannot receive this filing from this state, or None. Only the treaty
    bodies depend on the state's acceptance; the actions already carry the rest."""
    if offer.kind.id != "un-communication":
        return None
    try:
        _treaty_body(assessment, offer)
    except DraftRefused as refusal:
        return str(refusal)
    return None


def check_offered(assessment: Assessment, name: str) -> Offer:
    """The offer for draft `name`, or DraftRefused saying why there is none."""
    kinds = catalogue()
    if name not in kinds:
        raise DraftRefused(_("no draft called {name} (one of {names})").format(
            name=repr(name), names=", ".join(kinds)))
    for offer in offers(assessment):
        if offer.kind.id == name:
            return offer
    kind = kinds[name]
    no_draft = _("no {name} draft for case {case} as of {date}").format(
        name=name, case=assessment.case_id, date=day_text(assessment.as_of))
    if not _in_stage(assessment, kind):
        raise DraftRefused(no_draft + ": " + _(
            "the case is at the stage '{stage}', and this draft is worded for {stages}").format(
            stage=assessment.stage_label or assessment.stage,
            stages=", ".join(_(STAGE_LABELS[s]) for s in kind.stages)))
    because = tuple(a.do for a in assessment.actions
                    if a.forum in kind.forums and a.urgency in kind.urgencies)
    closed = _forum_open(assessment, Offer(kind, because)) if because else None
    if closed:
        raise DraftRefused(closed)
    supported = [o.kind.id for o in offers(assessment)]
    raise DraftRefused(no_draft + ": " + _(
        "the assessment does not recommend {what}. Drafts this case supports now: "
        "{supported}").format(what=_(kinds[name].refused),
                              supported=", ".join(supported) if supported else _("none")))


def draft_markdown(assessment: Assessment, name: str, settings: Settings | None = None,
                   today: dt.date | None = None) -> str:
    """The draft as Markdown, gaps shown as **[TO COMPLETE: ...]**, in the language of the
    assessment."""
    with i18n.language(assessment.language):
        return _GAP.sub(lambda m: f"**[{_(TO_COMPLETE)}: {m.group(1)}]**",
                        _source(assessment, name, settings, today))


def draft_docx(assessment: Assessment, name: str, settings: Settings | None = None,
               today: dt.date | None = None, paper: str | None = None) -> bytes:
    """The draft as a Word document in the firm's template, gaps as shaded runs, in the
    language of the assessment."""
    with i18n.language(assessment.language):
        return _draft_docx(assessment, name, settings, today, paper)


def _draft_docx(assessment: Assessment, name: str, settings: Settings | None,
                today: dt.date | None, paper: str | None) -> bytes:
    from .documents.page import open_template, set_properties, set_up_pages
    from .documents.writer import Writer

    settings = settings or Settings()
    offer = check_offered(assessment, name)
    text = _source(assessment, name, settings, today)
    document = open_template()
    privileged = assessment.provenance == "client"
    set_up_pages(document, paper or settings.paper, settings, privileged,
                 running_title=_("Draft: case {case}").format(case=assessment.case_id))
    set_properties(document, settings, privileged,
                   title=_("Draft: {title}").format(title=_(offer.kind.title)),
                   subject=f"{assessment.title}",
                   keywords=_("draft {name}; case {case}").format(
                       name=name, case=assessment.case_id), redacted=assessment.redacted)
    _write(Writer(document), text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- the one source: the template filled with the assessment -----------------------------

def _source(assessment: Assessment, name: str, settings: Settings | None,
            today: dt.date | None) -> str:
    offer = check_offered(assessment, name)
    settings = settings or Settings()
    a = assessment
    representative = ", ".join(x for x in (settings.author, settings.firm) if x)
    # the grounds the body can hear: the bars first (strongest first), then the other
    # findings of those categories that weigh most (e.g. attempts at irregular removal)
    grounds = [f for f in a.bars if f.category in offer.kind.grounds] + sorted(
        (f for f in a.findings + (a.removal.findings if a.removal else [])  # both answers
         if f.effect != "bar" and f.category in offer.kind.grounds
         and f.points > 0), key=lambda f: -f.points)
    context = {
        "a": a,
        "today": today or dt.date.today(),
        "privileged": a.provenance == "client",
        "nationalities": ", ".join(_country(c) for c in a.nationalities),
        "representative": representative or _gap(_("name of the representative")),
        "history": [t for t in a.timeline if not t.after_as_of],
        "deadlines": [d for d in a.deadlines if not d.overrun],
        "recommended": "; ".join(offer.because),
        "mandates": _gap(_("the mandates concerned, e.g. the Special Rapporteur on torture")),
        "grounds": grounds,
        "body": _treaty_body(a, offer),
    }
    return _one_stop_after_dates(_environment(i18n.current(), i18n.current_dir()).get_template(
        offer.kind.template).render(**context))


# the treaty bodies a communication can go to, each with the key of the states' reference
# data that says whether the requested state accepts individual communications to it. The
# name is the body's English name (the glossary gives it in another language); the other
# texts are marked for the catalog and translated where they are used.
TREATY_BODIES = (
    ("cat_art22_declaration", {
        "name": "Committee against Torture",
        "basis": N_("article 22 of the Convention against Torture and Other Cruel, Inhuman "
                    "or Degrading Treatment or Punishment"),
        "acceptance": N_("has made the declaration under article 22 of the Convention "
                         "recognising the Committee's competence"),
        "refusal": N_("has not made the declaration under article 22 of the Convention "
                      "against Torture")}),
    ("iccpr_op1_party", {
        "name": "Human Rights Committee",
        "basis": N_("the Optional Protocol to the International Covenant on Civil and "
                    "Political Rights"),
        "acceptance": N_("is a party to the Optional Protocol to the Covenant"),
        "refusal": N_("is not a party to the Optional Protocol to the Covenant")}),
)


def _treaty_body(a: Assessment, offer: Offer) -> dict[str, str]:
    """The Committee against Torture if the requested state accepts complaints to it, else
    the Human Rights Committee; from the states' reference data as of the as-of date where
    it exists (unknown: the draft says to verify). DraftRefused if it accepts neither."""
    from . import states

    refused = []
    for key, body in TREATY_BODIES:
        dated = states.state_fact(a.requested, key, a.as_of)
        if dated is not None and dated.value is False:
            refused.append(_("{state} {refusal} on {date} (states' reference data: "
                             "{citation})").format(state=a.requested_name,
                                                   refusal=_(body["refusal"]),
                                                   date=day_text(a.as_of),
                                                   citation=_citation(dated)))
            continue
        status = (_("; the states' reference data says it does ({citation})").format(
                      citation=_citation(dated)) if dated is not None else
                  _("; the states' reference data holds nothing on it"))
        return {"name": body["name"], "basis": _(body["basis"]),
                "acceptance": _(body["acceptance"]), "status": status,
                "recommended": "; ".join(offer.because)}
    raise DraftRefused(_("no {name} draft for case {case} as of {date}").format(
        name="un-communication", case=a.case_id, date=day_text(a.as_of))
        + ": " + _("; and ").join(refused))


def _citation(dated) -> str:
    """The states' reference data's sources for a fact, as `states.Dated.citation` writes
    them, with its own words (the check date, the kind of source) in the draft's language."""
    cited = "; ".join(
        f"{s.title}, {s.publisher}" + (f", {day_text(s.date)}" if s.date else "")
        + f" ({s.url})" for s in dated.sources)
    return _("{sources}; checked {date}, {confidence} source").format(
        sources=cited, date=day_text(dated.checked),
        confidence=_confidence(dated.confidence))


def _confidence(key: str) -> str:
    """A kind of source the states' reference data records (states.Confidence), as words."""
    return {"primary": pgettext("source", "primary"),
            "secondary": pgettext("source", "secondary")}.get(key, key)


def _country(code: str) -> str:
    from .countries import country_name

    return country_name(code)


# what a gap is called where the lawyer sees it (the Markdown's bold, the Word run)
TO_COMPLETE = N_("TO COMPLETE")


def _gap(text: str) -> _Gap:
    """A gap: the template's words; case text put into them is escaped all the same (a
    catalog sentence has its values escaped already)."""
    return _Gap(f"[[{text if isinstance(text, _Words) else md_escape(text)}]]")


def _finalize(value: object) -> str:
    if isinstance(value, _Markdown):
        return str(value)
    if value is None:
        return _("unknown")
    return md_escape(value)


# put after a date that ends with a full stop ("1 ноября 2024 г."): a full stop the template
# writes right after it is then dropped, as the abbreviation's stop ends the sentence
_STOP_AFTER_DATE = "\x00"


def _day(value: object) -> _Markdown:
    """A date as the draft's language writes it (the report's `day` filter), escaped like
    any value but keeping CLDR's narrow no-break space ("1 ноября 2024 г.")."""
    text = "\u202f".join(md_escape(part) for part in day_text(value).split("\u202f"))
    return _Markdown(text + _STOP_AFTER_DATE if text.endswith(".") else text)


def _one_stop_after_dates(text: str) -> str:
    return text.replace(_STOP_AFTER_DATE + ".", "").replace(_STOP_AFTER_DATE, "")


@lru_cache(maxsize=None)
def _environment(lang: str = i18n.SOURCE_LANGUAGE, locale_dir: Path | None = None):
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(loader=FileSystemLoader(str(drafts_dir())),
                               undefined=StrictUndefined, autoescape=False,
                               trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                               finalize=_finalize)
    # the report's mechanism: jinja2.ext.i18n with newstyle gettext, and its filters (day,
    # instrument, strength, urgency) in the language
    add_language(env, lang, locale_dir)
    # ... but the catalog's sentences are the template's own Markdown, not case text: they
    # pass `finalize` unescaped, and only the values put into them are escaped
    catalog = i18n.translations(lang, locale_dir)
    env.install_gettext_callables(  # type: ignore[attr-defined]
        lambda message: _Words(catalog.gettext(message)),
        lambda singular, plural, n: _Words(catalog.ngettext(singular, plural, n)),
        newstyle=True)
    env.filters["day"] = _day
    env.globals["gap"] = _gap
    return env


# --- the Markdown subset to Word -----------------------------------------------------------

def _write(w, text: str) -> None:
    """Blocks separated by blank lines; a block's kind is its first characters."""
    for block in _blocks(text):
        if block.startswith("# "):
            _inline(w, w.paragraph(style="Title"), block[2:])
        elif block.startswith("## "):
            _inline(w, w.paragraph(style="Heading 1"), block[3:])
        elif block.startswith("### "):
            _inline(w, w.paragraph(style="Heading 2"), block[4:])
        elif block.startswith("> "):
            _inline(w, w.paragraph(style="Lawyer Note"), block[2:])
        elif re.match(r"\d+\. ", block):
            _inline(w, w.paragraph(style="List Number"), block.split(" ", 1)[1])
        elif block.startswith("- "):
            _inline(w, w.paragraph(style="List Bullet"), block[2:])
        else:
            _inline(w, w.paragraph(), block)


def _blocks(text: str) -> list[str]:
    """Paragraphs: a blank line ends one; so does a line that starts a list item."""
    blocks: list[str] = []
    current: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        starts_item = bool(re.match(r"(\d+\. |- |#{1,3} |> )", line))
        if not line or starts_item:
            if current:
                blocks.append(" ".join(current))
            current = [line] if line else []
        else:
            current.append(line)
    if current:
        blocks.append(" ".join(current))
    return blocks


def _inline(w, paragraph, text: str) -> None:
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            paragraph.add_run(_plain(text[position:match.start()]))
        escaped, bold, gap = match.groups()
        if escaped is not None:
            paragraph.add_run(escaped)
        elif bold is not None:
            _inline_bold(w, paragraph, bold)
        else:
            w.run(paragraph, f"[{_(TO_COMPLETE)}: {_unescape(gap)}]", "Gap")
        position = match.end()
    if position < len(text):
        paragraph.add_run(_plain(text[position:]))


def _inline_bold(w, paragraph, text: str) -> None:
    for part in re.split(r"(\[\[.+?\]\])", text):
        if part.startswith("[[") and part.endswith("]]"):
            w.run(paragraph, f"[{_(TO_COMPLETE)}: {_unescape(part[2:-2])}]", "Gap")
        elif part:
            paragraph.add_run(_unescape(part)).bold = True


def _plain(text: str) -> str:
    return html.unescape(text)


def _unescape(text: str) -> str:
    return html.unescape(re.sub(r"\\(.)", r"\1", text))
