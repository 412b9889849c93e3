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
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .assessment import Assessment
from .paths import bundled
from .render import md_escape
from .settings import Settings
from .stage import BEFORE_REMOVAL, STAGE_LABELS

FORMATS = ("md", "docx")
_GAP = re.compile(r"\[\[(.+?)\]\]")
_INLINE = re.compile(r"\\(.)|\*\*(.+?)\*\*|\[\[(.+?)\]\]")


class DraftRefused(Exception):
    """The case does not call for this draft now; the message says why."""


class _Gap(str):
    """A gap for the lawyer: passed through unescaped, as [[text]]."""


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
    result = []
    for kind in catalogue().values():
        if not _in_stage(assessment, kind):
            continue
        because = tuple(
            f"[{action.urgency}] {action.do} ({', '.join(action.because)})"
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
        raise DraftRefused(f"no draft called {name!r} (one of {', '.join(kinds)})")
    for offer in offers(assessment):
        if offer.kind.id == name:
            return offer
    kind = kinds[name]
    if not _in_stage(assessment, kind):
        raise DraftRefused(
            f"no {name} draft for case {assessment.case_id} as of {assessment.as_of}: the "
            f"case is at the stage '{assessment.stage_label or assessment.stage}', and this "
            f"draft is worded for {', '.join(STAGE_LABELS[s] for s in kind.stages)}")
    because = tuple(a.do for a in assessment.actions
                    if a.forum in kind.forums and a.urgency in kind.urgencies)
    closed = _forum_open(assessment, Offer(kind, because)) if because else None
    if closed:
        raise DraftRefused(closed)
    supported = [o.kind.id for o in offers(assessment)]
    raise DraftRefused(
        f"no {name} draft for case {assessment.case_id} as of {assessment.as_of}: the "
        f"assessment does not recommend {kinds[name].refused}. Drafts this case supports "
        f"now: {', '.join(supported) if supported else 'none'}")


def draft_markdown(assessment: Assessment, name: str, settings: Settings | None = None,
                   today: dt.date | None = None) -> str:
    """The draft as Markdown, gaps shown as **[TO COMPLETE: ...]**."""
    return _GAP.sub(lambda m: f"**[TO COMPLETE: {m.group(1)}]**",
                    _source(assessment, name, settings, today))


def draft_docx(assessment: Assessment, name: str, settings: Settings | None = None,
               today: dt.date | None = None, paper: str | None = None) -> bytes:
    """The draft as a Word document in the firm's template, gaps as shaded runs."""
    from .documents.page import open_template, set_properties, set_up_pages
    from .documents.writer import Writer

    settings = settings or Settings()
    offer = check_offered(assessment, name)
    text = _source(assessment, name, settings, today)
    document = open_template()
    privileged = assessment.provenance == "client"
    set_up_pages(document, paper or settings.paper, settings, privileged,
                 running_title=f"Draft: case {assessment.case_id}")
    set_properties(document, settings, privileged, title=f"Draft: {offer.kind.title}",
                   subject=f"{assessment.title}", keywords=f"draft {name}; case "
                   f"{assessment.case_id}", redacted=assessment.redacted)
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
        "today": (today or dt.date.today()).isoformat(),
        "privileged": a.provenance == "client",
        "nationalities": ", ".join(_country(c) for c in a.nationalities),
        "representative": representative or _Gap("[[name of the representative]]"),
        "history": [t for t in a.timeline if not t.after_as_of],
        "deadlines": [d for d in a.deadlines if not d.overrun],
        "recommended": "; ".join(offer.because),
        "mandates": _Gap("[[the mandates concerned, e.g. the Special Rapporteur on torture]]"),
        "grounds": grounds,
        "body": _treaty_body(a, offer),
    }
    return _environment().get_template(offer.kind.template).render(**context)


# the treaty bodies a communication can go to, each with the key of the states' reference
# data that says whether the requested state accepts individual communications to it
TREATY_BODIES = (
    ("cat_art22_declaration", {
        "name": "Committee against Torture",
        "basis": "article 22 of the Convention against Torture and Other Cruel, Inhuman or "
                 "Degrading Treatment or Punishment",
        "acceptance": "has made the declaration under article 22 of the Convention "
                      "recognising the Committee's competence",
        "refusal": "has not made the declaration under article 22 of the Convention "
                   "against Torture"}),
    ("iccpr_op1_party", {
        "name": "Human Rights Committee",
        "basis": "the Optional Protocol to the International Covenant on Civil and Political "
                 "Rights",
        "acceptance": "is a party to the Optional Protocol to the Covenant",
        "refusal": "is not a party to the Optional Protocol to the Covenant"}),
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
            refused.append(f"{a.requested_name} {body['refusal']} on {a.as_of} (states' "
                           f"reference data: {dated.citation()})")
            continue
        status = ("; the states' reference data says it does "
                  f"({dated.citation()})" if dated is not None else
                  "; the states' reference data holds nothing on it")
        return {**body, "status": status, "recommended": "; ".join(offer.because)}
    raise DraftRefused(f"no un-communication draft for case {a.case_id} as of {a.as_of}: "
                       + "; and ".join(refused))


def _country(code: str) -> str:
    from .countries import country_name

    return country_name(code)


def _finalize(value: object) -> str:
    if isinstance(value, _Gap):
        return str(value)
    if value is None:
        return "unknown"
    return md_escape(value)


@lru_cache(maxsize=None)
def _environment():
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(loader=FileSystemLoader(str(drafts_dir())),
                               undefined=StrictUndefined, autoescape=False,
                               trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                               finalize=_finalize)
    # a gap's words are the template's; any case text inside them is escaped all the same
    env.globals["gap"] = lambda text: _Gap(f"[[{md_escape(text)}]]")
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
            w.run(paragraph, f"[TO COMPLETE: {_unescape(gap)}]", "Gap")
        position = match.end()
    if position < len(text):
        paragraph.add_run(_plain(text[position:]))


def _inline_bold(w, paragraph, text: str) -> None:
    for part in re.split(r"(\[\[.+?\]\])", text):
        if part.startswith("[[") and part.endswith("]]"):
            w.run(paragraph, f"[TO COMPLETE: {_unescape(part[2:-2])}]", "Gap")
        elif part:
            paragraph.add_run(_unescape(part)).bold = True


def _plain(text: str) -> str:
    return html.unescape(text)


def _unescape(text: str) -> str:
    return html.unescape(re.sub(r"\\(.)", r"\1", text))
