"""Assessment -> PDF: the report written as Typst (reports/report.typ.j2) and compiled by the
typst package, in DejaVu fonts, with nothing fetched.

Typst lays out a 15-page report in a tenth of a second where WeasyPrint took about three
(issue 17); the template renders the same Assessment as the HTML and Markdown reports, with
the same sections in the same order, and computes nothing. Every value from the case enters
the Typst source as a string literal, so nothing the case says is read as Typst; the chart
(SVG, made by assessor.chart) is passed as an input, never as source text. Typst reads no
file and no package here: the source is compiled from memory with only the font folder.

`html_to_pdf` prints an HTML report with WeasyPrint instead, refusing every URL; it is kept
for HTML a user wants printed as it looks in a browser.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .assessment import Assessment
    from .redact import Redaction
    from .settings import Settings

# Debian and Ubuntu install DejaVu here (fonts-dejavu-core); elsewhere Typst's own fonts
# and the system's are used
FONT_FOLDERS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu",
                "/usr/share/fonts/TTF")
PAPERS = {"a4": "a4", "letter": "us-letter"}


def font_folders() -> list[str]:
    return [folder for folder in FONT_FOLDERS if Path(folder).is_dir()]


class _Raw(str):
    """Typst written by the tool itself: passed through as it is."""


def quote(value: object) -> _Raw:
    """A Typst string literal of `value`."""
    text = str(value)
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    # line breaks and other control characters as escapes: a literal never spans lines
    text = re.sub(r"[\x00-\x1f\x7f\u2028\u2029]", lambda m: f"\\u{{{ord(m.group(0)):x}}}", text)
    return _Raw(f'"{text}"')


def _finalize(value: object) -> str:
    if isinstance(value, _Raw):
        return value
    # in markup, "#" starts an expression and ";" ends it, so the text is only ever text
    return f"#{quote(value)};"


@lru_cache(maxsize=None)
def _environment(lang: str = "en", locale_dir: "Path | None" = None):
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from .render import add_language, reports_dir

    env = Environment(loader=FileSystemLoader(str(reports_dir())), autoescape=False,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True, finalize=_finalize)
    add_language(env, lang, locale_dir)
    env.globals["quote"] = quote
    env.globals["raw"] = lambda value: _Raw(str(value))
    return env


def typst_source(assessment: "Assessment", paper: str = "a4",
                 settings: "Settings | None" = None, *, has_chart: bool = True) -> str:
    from .render import _groups

    groups = _groups(assessment)
    footnotes = groups["footnotes"]

    def notes(ids) -> _Raw:
        """Footnote marks, each a link to its source in the list at the end."""
        numbers = [footnotes[s] for s in dict.fromkeys(ids) if s in footnotes]
        if not numbers:
            return _Raw("")
        links = ",".join(f"#link(<source-{n}>)[{n}]" for n in numbers)
        return _Raw(f"#super[{links}]")

    from .i18n import language

    with language(assessment.language):
        return _typst(assessment, paper, settings, has_chart, notes, groups)


def _typst(assessment, paper, settings, has_chart, notes, groups) -> str:
    from .i18n import current_dir

    return _environment(assessment.language, current_dir()).get_template("report.typ.j2").render(
        a=assessment, paper=PAPERS[paper], has_chart=has_chart, notes=notes,
        author=settings.author if settings else None,
        firm=settings.firm if settings else None,
        privileged=assessment.provenance == "client", **groups)


def assessment_to_pdf(assessment: "Assessment", paper: str = "a4",
                      settings: "Settings | None" = None,
                      redaction: "Redaction | None" = None) -> bytes:
    """The PDF report. With a `redaction`, the Typst source and the chart are checked first
    (SecretSurvived if a redacted string is still in either)."""
    import typst

    from .chart import risk_chart_svg

    chart = risk_chart_svg(assessment.trajectory, assessment.as_of)
    source = typst_source(assessment, paper, settings, has_chart=bool(chart))
    if redaction is not None:
        from .redact import check_redacted

        check_redacted(source + "\n" + chart, redaction)
    from .system import check_pdf_support

    check_pdf_support(source)
    folders = font_folders()
    return typst.compile(source.encode("utf-8"), font_paths=folders,
                         ignore_system_fonts=bool(folders),
                         sys_inputs={"chart": chart} if chart else {})


def html_to_pdf(html: str, fetcher=None) -> bytes:
    """The PDF of a self-contained HTML report; `fetcher` (a refusing_fetcher()) can be
    passed to see what the HTML tried to load."""
    from .system import require_pango

    require_pango()
    from weasyprint import HTML

    fetcher = fetcher or refusing_fetcher()
    return HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()


def refusing_fetcher():
    from weasyprint.urls import URLFetcher

    class RefusingFetcher(URLFetcher):
        """Every fetch fails; WeasyPrint then renders without the resource."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols=())
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            self.refused.append(url)
            raise ValueError(f"reports fetch nothing: refused {url}")

    return RefusingFetcher()
