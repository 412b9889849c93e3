"""Reports a lawyer can file: one structure in Markdown, HTML and PDF, printed cleanly."""

from __future__ import annotations

import io
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from assessor.caseload import case_from_document
from assessor.chart import risk_chart_svg
from assessor.cli import main
from assessor.pdf import html_to_pdf, refusing_fetcher
from assessor.render import render
from conftest import AKHMETOVA, ROOT, SMAILOVA

SECTIONS = ["Legal grounds against surrender", "Findings", "Recommended actions",
            "How the score is made up", "What would change the outcome", "Risk over time",
            "Timeline", "Sources", "Method and limits"]
A4, LETTER = (595, 842), (612, 792)  # points


class Rendered:
    """One seed case's reports, written by the CLI beside a copy of the case, each once."""

    def __init__(self, assessment, folder: Path, stem: str):
        self.a = assessment
        self.files = {fmt: folder / f"{stem}.{assessment.as_of}.report.{fmt}"
                      for fmt in ("md", "html", "pdf")}
        self.md = self.files["md"].read_text(encoding="utf-8")
        self.html = self.files["html"].read_text(encoding="utf-8")
        self.pdf = self.files["pdf"].read_bytes()
        self.reader = PdfReader(io.BytesIO(self.pdf))
        self.pages = [page.extract_text() for page in self.reader.pages]
        self.text = "\n".join(self.pages)


@pytest.fixture(scope="session")
def seeds(assessor, tmp_path_factory) -> dict[str, Rendered]:
    rendered = {}
    for path in (SMAILOVA, AKHMETOVA):
        folder = tmp_path_factory.mktemp(path.stem)
        case = folder / path.name
        case.write_bytes(path.read_bytes())
        for fmt in ("md", "html", "pdf"):
            result = run(str(case), "--format", fmt, "-q")
            assert result.exit_code == 0, result.output
        _, assessment = assessor.assess_file(case, analyse=True)
        rendered[path.name] = Rendered(assessment, folder, path.stem)
    return rendered


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", [SMAILOVA.name, AKHMETOVA.name])
def test_the_pdf_has_at_least_two_pages_and_every_section(seeds, name):
    r = seeds[name]
    assert r.pdf.startswith(b"%PDF-")
    assert len(r.pages) >= 2
    for section in SECTIONS:
        assert section in r.text, section
    # reproducible: versions and the input file's checksum are printed
    assert r.a.input_sha256 and r.a.input_sha256 in re.sub(r"\s", "", r.text)
    assert f"Rules version {r.a.rules_version}" in flat(r.text)


@pytest.mark.parametrize("name", [SMAILOVA.name, AKHMETOVA.name])
def test_the_first_page_stands_alone(seeds, name):
    r = seeds[name]
    first = flat(r.pages[0])
    assert r.a.person in first
    assert r.a.requesting_name in first and r.a.requested_name in first
    assert str(r.a.as_of) in first
    assert r.a.level.upper() in first and f"score {r.a.score} of 100" in first
    assert flat(r.a.conclusion)[:80] in first
    if r.a.bars:
        assert "Strongest grounds against surrender" in first
        assert r.a.bars[0].title in first
    if any(x.urgency in ("immediate", "days") for x in r.a.actions):
        assert "Most urgent actions" in first
    # the detail starts on the next page
    assert "Legal grounds against surrender" not in first
    assert "Legal grounds against surrender" in r.pages[1]


def test_every_page_has_the_running_header_and_its_number(seeds):
    r = seeds[SMAILOVA.name]
    total = len(r.pages)
    for number, page in enumerate(r.pages, 1):
        assert f"Page {number} of {total}" in page
        if number > 1:
            assert f"Case {r.a.case_id} · as of {r.a.as_of}" in page


@pytest.mark.parametrize("name", [SMAILOVA.name, AKHMETOVA.name])
def test_markdown_and_html_have_the_same_sections_in_the_same_order(seeds, name):
    r = seeds[name]
    md = re.findall(r"^## (.+)$", r.md, flags=re.M)
    html = re.findall(r"<h2>(.+?)</h2>", r.html)
    assert md == html
    assert [s for s in SECTIONS if s in md] == SECTIONS


def test_findings_carry_facts_legal_basis_and_footnoted_sources(seeds):
    r = seeds[SMAILOVA.name]
    finding = next(f for f in r.a.findings if f.sources)
    number = [s.id for s in r.a.sources].index(finding.sources[0]) + 1
    assert f'<a href="#source-{number}">{number}</a>' in r.html
    assert f'<li id="source-{number}">' in r.html
    assert finding.legal_basis[0].instrument in r.html
    assert f"[^{number}]" in r.md


def test_the_chart_is_vector_svg_drawn_from_the_trajectory(seeds):
    r = seeds[SMAILOVA.name]
    assert r.a.trajectory, "html/pdf reports are made with the trajectory"
    svg = re.search(r"<svg\b.*?</svg>", r.html, flags=re.S).group(0)
    assert "<path" in svg and "<image" not in svg  # vector, not an embedded bitmap
    assert f"as of {r.a.as_of}" in svg
    for level in ("low", "moderate", "high", "critical"):
        assert f">{level}<" in svg or f"{level}</text>" in svg
    # other data, another drawing: the chart is not a fixed picture
    moved = [p.model_copy(update={"score": 100 - p.score}) for p in r.a.trajectory]
    assert risk_chart_svg(moved, r.a.as_of) != risk_chart_svg(r.a.trajectory, r.a.as_of)
    assert risk_chart_svg([], r.a.as_of) == ""
    assert "Risk over time" in r.text and f"as of {r.a.as_of}" in r.text


def test_the_cli_writes_what_render_gives(seeds):
    r = seeds[SMAILOVA.name]
    assert r.html == render(r.a, "html")
    assert r.md == render(r.a, "md")


def test_the_html_is_self_contained(seeds):
    html = seeds[SMAILOVA.name].html
    assert "<link" not in html and " src=" not in html
    assert not re.search(r"url\((?!#)", html)  # only the chart's own clip paths
    assert '<meta charset="utf-8">' in html


def test_the_pdf_renderer_fetches_nothing():
    fetcher = refusing_fetcher()
    pdf = html_to_pdf('<link rel="stylesheet" href="https://example.org/x.css">'
                      '<img src="http://127.0.0.1:9/pixel.png"><img src="file:///etc/hostname">'
                      "<p>still printed</p>", fetcher=fetcher)
    assert "still printed" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert set(fetcher.refused) == {"https://example.org/x.css", "http://127.0.0.1:9/pixel.png",
                                    "file:///etc/hostname"}


def test_letter_paper(seeds):
    a = seeds[SMAILOVA.name].a
    letter = PdfReader(io.BytesIO(render(a, "pdf", paper="letter")))
    size = letter.pages[0].mediabox
    assert (round(size.width), round(size.height)) == LETTER
    a4 = seeds[SMAILOVA.name].reader.pages[0].mediabox
    assert (round(a4.width), round(a4.height)) == A4


def test_cyrillic_kazakh_and_diacritics_are_printed_in_dejavu(assessor):
    # a small case: a short PDF, and every word of it in the scripts under test
    document = {
        "case_id": "unicode-1", "title": "Жанара Ахметова: Україна → Қазақстан",
        "provenance": "fictional", "as_of": "2020-05-21",
        "person": {"name": "Жанара Ахметова", "aliases": ["Dalibor Tomović"],
                   "nationalities": ["KZ"], "profile": ["journalist"]},
        "states": {"requesting": "KZ", "requested": "UA"},
        "events": [{"date": "2019-03-01", "title": "Қазақстан: ғ ә ө ү ұ і; Šćepanović, "
                                                   "Dušanka Đurić"}],
    }
    case = case_from_document(_with_lines(document))
    assessment = assessor.assess(case, analyse=True)
    reader = PdfReader(io.BytesIO(render(assessment, "pdf")))
    text = flat("\n".join(p.extract_text() for p in reader.pages))
    for expected in ("Жанара Ахметова", "Қазақстан: ғ ә ө ү ұ і", "Šćepanović",
                     "Dušanka Đurić"):
        assert expected in text
    fonts = {str(font["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert fonts and all("DejaVu" in f for f in fonts), fonts


def _with_lines(document: dict):
    """A YAML document as the loader gives it (with line numbers), via a round trip."""
    from assessor.yamlfile import parse

    return parse(yaml.safe_dump(document, allow_unicode=True), "test.yaml")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_reports_are_written_privately_beside_the_case(seeds):
    r = seeds[SMAILOVA.name]
    for report in r.files.values():
        assert stat.S_IMODE(os.stat(report).st_mode) == 0o600
    assert sorted(p.name for p in r.files["pdf"].parent.iterdir()) == sorted(
        [SMAILOVA.name, *(f.name for f in r.files.values())])  # no temporary file left


def test_a_report_never_overwrites_the_case_file(tmp_path):
    # html, not pdf: the write path is the same for text and bytes, and a PDF costs a second
    case = tmp_path / "client.yaml"
    case.write_bytes(SMAILOVA.read_bytes())
    result = CliRunner().invoke(main, [str(case), "--format", "html", "-o", str(case)])
    assert result.exit_code == 2
    assert case.read_bytes() == SMAILOVA.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["client.yaml"]


def test_the_markdown_path_never_imports_the_pdf_libraries(tmp_path):
    code = ("import sys; from click.testing import CliRunner; from assessor.cli import main; "
            f"r = CliRunner().invoke(main, [{str(SMAILOVA)!r}, '--format', 'md', '-o', "
            f"{str(tmp_path / 'r.md')!r}, '-q']); assert r.exit_code == 0, r.output; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('weasyprint', 'matplotlib', 'pypdf')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    assert out.strip() == "[]"
    assert (tmp_path / "r.md").read_text().startswith("# Extradition risk assessment")
