"""Assessment -> report: JSON, Markdown, HTML and PDF (one structure for all).

Templates render the Assessment; they never recompute it. Every piece of case text is
escaped for the output format, and no case text is ever compiled as a template. The PDF is
the Typst source compiled by assessor.pdf; the chart and the PDF libraries are imported only
for html/pdf.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .i18n import N_, current, current_dir, language
from .paths import bundled
from .assessment import Assessment
from .wording import value_words, when
from .facts import label as fact_label
from .rulebook import FORUMS

# a date as the report's language writes it (ISO in English, as ever): the `day` filter
day_text = when

if TYPE_CHECKING:
    from .redact import Redaction
    from .settings import Settings

FORMATS = ("md", "json", "html", "pdf", "docx", "ics")
BINARY_FORMATS = ("pdf", "docx")
# CSS page sizes; the keys are the --paper choices
PAPERS = {"a4": "A4", "letter": "letter"}
CATEGORY_TITLES = {
    "non_refoulement": N_("Non-refoulement"),
    "protection": N_("Asylum and international protection"),
    "political_offence": N_("Political offence and persecution"),
    "fair_trial": N_("Fair trial"),
    "death_penalty": N_("Death penalty"),
    "other_bars": N_("Other grounds for refusal"),
    "legal_basis": N_("Legal basis for surrender"),
    "procedure": N_("Extradition proceedings"),
    "international": N_("International involvement"),
    "interpol": N_("Interpol"),
    "irregular_removal": N_("Removal outside the procedure"),
    "after_removal": N_("After the removal"),
    "country_conditions": N_("Country conditions"),
    "assurances": N_("Diplomatic assurances"),
}
URGENCY_TITLES = {"immediate": N_("Immediately"), "days": N_("Within days"),
                  "weeks": N_("Within weeks"), "ongoing": N_("Ongoing")}

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")


def md_escape(value: object) -> str:
    """Case text as literal Markdown: control characters escaped, HTML neutralised."""
    text = str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return " ".join(text.split())


def reports_dir() -> Path:
    return bundled("reports")


@lru_cache(maxsize=None)
def environment(kind: str, lang: str = "en", locale_dir: Path | None = None) -> Environment:
    """One Jinja environment per output kind and language (and catalog folder: a test's
    pseudo-language); templates come only from reports/."""
    env = Environment(
        loader=FileSystemLoader(str(reports_dir())),
        # report.html.j2 ends in .j2, which select_autoescape would not recognise
        autoescape=kind == "html",
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    add_language(env, lang, locale_dir)
    env.globals["Markup"] = Markup
    return env


def add_language(env: Environment, lang: str, locale_dir: Path | None = None) -> None:
    """The report's words in `lang`: the templates' own strings through gettext
    (jinja2.ext.i18n: `{{ _("...") }}`, `{% trans %}`), and filters that print the
    assessment's codes, dates and citations as the language writes them. The filters read
    the current language (i18n.language), which `render` sets from the assessment."""
    from . import i18n, labels

    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(i18n.translations(lang, locale_dir), newstyle=True)  # type: ignore[attr-defined]
    env.filters.update({
        "forum": lambda key: i18n.gettext(FORUMS.get(key, key)),
        "category": lambda key: i18n.gettext(CATEGORY_TITLES.get(key, key)),
        "urgency": lambda key: i18n.gettext(URGENCY_TITLES.get(key, key)),
        "value": value_words,
        "label": fact_label,
        "level": labels.level,
        "nature": labels.nature,
        "strength": labels.strength,
        "effect": labels.effect,
        "credibility": labels.credibility,
        "points": _points,
        "day": day_text,
        "field": lambda name: i18n.gettext(str(name).replace("_", " ")),
        "instrument": instrument_name,
    })


def _points(n: int) -> str:
    """"+5 points", "+5 баллов": the sign kept, the noun in the plural form of the count."""
    from .i18n import plural_form

    return plural_form("{n} point", "{n} points", abs(n)).replace("{n}", f"{n:+d}")


def instrument_name(instrument: str) -> str:
    """An instrument as a rule cites it, in the report's language: the glossary's official
    name where it has one (rules/data/glossary.<lang>.yaml, `cited_as`), else the English
    name as written (never a name typed from memory)."""
    from .glossary import official_name
    from .i18n import current

    return official_name(instrument, current())


def render(assessment: Assessment, fmt: str, *, paper: str = "a4",
           redaction: "Redaction | None" = None,
           settings: "Settings | None" = None) -> str | bytes:
    """The report in `fmt`: text for json, md, html and ics; bytes for pdf and docx.
    `settings` give the author and firm (docx, html, pdf). With a `redaction`, md, json and
    html reports pass once more through the redaction (a rule's own words can be a name
    part) and are checked; a Word document (every text and property), a calendar and a PDF
    (its Typst source and chart) are checked. SecretSurvived is raised if a redacted string
    is still in the report."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    # the report is in the language its assessment was written in (assess --lang)
    with language(assessment.language):
        return _render(assessment, fmt, paper, redaction, settings)


def _render(assessment: Assessment, fmt: str, paper: str, redaction: "Redaction | None",
            settings: "Settings | None") -> str | bytes:
    if fmt == "docx":
        from .documents.memorandum import memorandum_docx
        from .documents.ooxml import document_text

        data = memorandum_docx(assessment, settings, paper=paper)
        if redaction is not None:
            from .redact import check_redacted

            check_redacted(document_text(data), redaction)
        return data
    if fmt == "ics":
        from .ics import deadlines_ics, unfolded

        text = deadlines_ics(assessment)
        if redaction is not None:
            from .redact import check_redacted

            # a long line is folded (RFC 5545 3.1): a name may straddle the fold
            check_redacted(unfolded(text), redaction)
        return text
    if fmt == "pdf":
        from .pdf import assessment_to_pdf

        return assessment_to_pdf(assessment, paper, settings, redaction)
    if fmt == "json":
        text = assessment.model_dump_json(indent=2) + "\n"
    elif fmt == "md":
        text = environment("md", assessment.language, current_dir()).get_template(
            "report.md.j2").render(a=assessment, **_groups(assessment))
    else:
        text = render_html(assessment, paper, settings)
    if redaction is not None:
        from .redact import redact_report

        text = redact_report(text, fmt, redaction)
    return text


def render_html(assessment: Assessment, paper: str = "a4",
                settings: "Settings | None" = None) -> str:
    """A self-contained HTML document: its print CSS and its SVG chart are inline, so the
    file opens anywhere and the PDF renderer needs to fetch nothing."""
    from .chart import risk_chart_svg

    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}; choose one of {', '.join(PAPERS)}")
    css = (reports_dir() / "report.css").read_text(encoding="utf-8")
    if assessment.language != current():  # called on its own, not through render()
        with language(assessment.language):
            return render_html(assessment, paper, settings)
    chart = risk_chart_svg(assessment.trajectory, assessment.as_of)
    return environment("html", assessment.language, current_dir()).get_template("report.html.j2").render(
        a=assessment, css=Markup(css), paper=PAPERS[paper], chart=Markup(chart),
        author=settings.author if settings else None,
        firm=settings.firm if settings else None,
        privileged=assessment.provenance == "client", **_groups(assessment))


def _groups(assessment: Assessment) -> dict[str, object]:
    """Findings grouped by ground and actions by urgency, in a stable order."""
    by_category: dict[str, list] = {}
    for finding in assessment.findings:
        by_category.setdefault(finding.category, []).append(finding)
    order = list(CATEGORY_TITLES)
    grouped = sorted(by_category.items(), key=lambda item: order.index(item[0]))
    by_urgency: dict[str, list] = {}
    for action in assessment.actions:
        by_urgency.setdefault(action.urgency, []).append(action)
    footnotes = {s.id: i for i, s in enumerate(assessment.sources, 1)}
    return {"grouped": grouped, "by_urgency": list(by_urgency.items()),
            "footnotes": footnotes}
