"""The Word memorandum: real structure, sources as footnotes, privilege marking, settings,
redaction of every text and property, and LibreOffice opens it."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from assessor.cli import main
from assessor.documents.memorandum import memorandum_docx
from assessor.documents.ooxml import document_text
from assessor.redact import SecretSurvived, redact_case
from assessor.render import render
from assessor.settings import Settings, load_settings
from assessor.problems import InputError

from conftest import AKHMETOVA, SMAILOVA, day
from office import needs_office, to_pdf

CYRILLIC = "Жанара Ахметова"
DIACRITICS = "Dinara Smailová-Ćirić"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _case_file(tmp_path: Path, source: Path, **replace: str) -> Path:
    text = source.read_text(encoding="utf-8")
    for old, new in replace.items():
        text = text.replace(old, new)
    path = tmp_path / source.name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def memo(tmp_path_factory, assessor):
    """Akhmetova in May 2020 as a client's case, her name in Cyrillic."""
    folder = tmp_path_factory.mktemp("memo")
    path = _case_file(folder, AKHMETOVA, **{"provenance: public_record": "provenance: client",
                                            "name: Zhanara Akhmetova": f"name: {CYRILLIC}"})
    _, assessment = assessor.assess_file(path, day("2020-05-31"), analyse=True)
    data = memorandum_docx(assessment, Settings(author="Ана Ковач", firm="Kovač & Partneri"))
    return assessment, data


def _open(data: bytes):
    return docx.Document(io.BytesIO(data))


def _part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def test_the_memorandum_has_word_headings_in_the_reports_order(memo):
    document = _open(memo[1])
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Summary", "Legal grounds against surrender", "Findings",
                        "Counsel's analysis", "Recommended actions", "Deadlines",
                        "How the score is made up", "What would change the outcome",
                        "Risk over time", "Timeline", "Sources", "Method and limits"]
    # each ground is a Heading 2, each finding a Heading 3 that a firm can restyle
    assert "Non-refoulement" in [p.text for p in document.paragraphs
                                 if p.style.name == "Heading 2"]
    assert sum(p.style.name == "Heading 3" for p in document.paragraphs) == len(
        memo[0].findings)
    assert any(p.style.name == "List Number" for p in document.paragraphs)


def test_sources_are_real_footnotes_each_referenced_once(memo):
    assessment, data = memo
    notes = re.findall(r'<w:footnote [^>]*w:id="(\d+)"', _part(data, "word/footnotes.xml"))
    references = re.findall(r'<w:footnoteReference w:id="(\d+)"',
                            _part(data, "word/document.xml"))
    notes = [n for n in notes if int(n) > 0]  # 0 and -1 are the separators
    assert notes and sorted(notes, key=int) == sorted(references, key=int)
    cited = {s for f in assessment.findings for s in f.sources}
    footnotes = _part(data, "word/footnotes.xml")
    for source in assessment.sources:
        if source.id in cited:
            assert source.title.replace("&", "&amp;").replace('"', "&quot;")[:30] in footnotes \
                or source.title[:30] in footnotes


def test_tables_and_the_chart_are_in_the_document(memo):
    assessment, data = memo
    document = _open(data)
    headers = [[c.text for c in t.rows[0].cells] for t in document.tables]
    assert ["Ground", "Strength", "Evidence"] in headers
    assert ["Date", "What", "Basis", "Days left"] in headers
    assert len(document.inline_shapes) == 1  # the risk chart, a PNG
    assert any(n.startswith("word/media/") and n.endswith(".png")
               for n in zipfile.ZipFile(io.BytesIO(data)).namelist())
    # the ground table lists every bar with the lawyer's label, id in small print
    grounds = next(t for t in document.tables if t.rows[0].cells[0].text == "Ground")
    assert len(grounds.rows) == len(assessment.bars) + 1


def test_cyrillic_and_diacritics_round_trip(memo):
    document = _open(memo[1])
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert CYRILLIC in text + cells
    assert "Ана Ковач, Kovač & Partneri" in cells
    assert document.core_properties.author == "Ана Ковач"


def test_a_client_case_is_privileged_on_every_page_and_in_the_properties(memo):
    document = _open(memo[1])
    for section in document.sections:
        assert "PRIVILEGED AND CONFIDENTIAL" in section.header.paragraphs[0].text
        assert "Privileged and confidential" in "".join(
            p.text for p in section.footer.paragraphs)
    assert document.core_properties.category == "Privileged and confidential"
    assert "Privileged and confidential" in document.core_properties.comments


def test_a_public_record_case_carries_no_privilege_marking(assessor):
    _, assessment = assessor.assess_file(SMAILOVA, day("2025-09-17"), analyse=True)
    data = memorandum_docx(assessment)
    assert "rivileged" not in document_text(data)
    assert "PRIVILEGED" not in document_text(data)


def test_counsel_has_sections_of_their_own(memo):
    document = _open(memo[1])
    notes = [p.text for p in document.paragraphs if p.style.name == "Lawyer Note"]
    assert any("Counsel's analysis: to be completed" in n for n in notes)


def test_letter_paper_from_the_settings(assessor):
    _, assessment = assessor.assess_file(SMAILOVA, day("2025-09-17"), analyse=True)
    document = _open(memorandum_docx(assessment, Settings(paper="letter")))
    assert round(document.sections[0].page_width.mm) == 216


# --- redaction --------------------------------------------------------------------------

def test_a_redacted_memorandum_holds_no_secret_in_text_notes_or_properties(assessor, tmp_path):
    path = _case_file(tmp_path, AKHMETOVA, **{"provenance: public_record": "provenance: client"})
    result = CliRunner().invoke(main, [str(path), "--as-of", "2020-05-31", "--format", "docx",
                                       "--redact", "-o", str(tmp_path / "r.docx"), "-q"])
    assert result.exit_code == 0, result.output
    text = document_text((tmp_path / "r.docx").read_bytes())
    assert "[PERSON]" in text
    assert not re.search(r"Zhanara|Akhmetova", text, re.IGNORECASE)
    assert _open((tmp_path / "r.docx").read_bytes()).core_properties.title.startswith(
        "[REDACTED]")


def test_a_secret_in_the_document_properties_stops_the_redacted_memorandum(assessor):
    """The author's name comes from the settings, not the case: if it is the client's name
    the redacted memorandum would carry it in File > Properties; nothing is written."""
    from assessor.caseload import load_case

    case, redaction = redact_case(load_case(AKHMETOVA))
    assessment = assessor.assess(case, day("2020-05-31"))
    assessment.redacted = True
    with pytest.raises(SecretSurvived):
        render(assessment, "docx", redaction=redaction,
               settings=Settings(author="Zhanara Akhmetova"))


def test_document_text_reads_headers_footnotes_and_properties(memo):
    text = document_text(memo[1])
    assert "PRIVILEGED AND CONFIDENTIAL" in text  # header part
    assert "Ана Ковач" in text  # docProps/core.xml
    assert "see note" in text or "Sources" in text


# --- settings ---------------------------------------------------------------------------

def test_settings_file_gives_author_firm_and_paper(tmp_path):
    path = tmp_path / "settings.yaml"
    path.write_text("author: Jane Doe\nfirm: Doe & Partners\npaper: Letter\n", encoding="utf-8")
    settings = load_settings(path)
    assert (settings.author, settings.firm, settings.paper, settings.language) == (
        "Jane Doe", "Doe & Partners", "letter", "en")


def test_a_wrong_setting_is_located(tmp_path):
    path = tmp_path / "settings.yaml"
    path.write_text("author: Jane Doe\nauthr: x\npaper: a3\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_settings(path)
    message = str(error.value)
    assert f"{path}:2:1: authr: unknown setting (did you mean 'author'?)" in message
    assert f"{path}:3:8: paper: 'a3' is not supported (one of a4, letter)" in message


def test_no_settings_file_means_defaults(tmp_path, monkeypatch):
    monkeypatch.setattr("assessor.settings.default_path", lambda: tmp_path / "none.yaml")
    assert load_settings() == Settings()


def test_the_cli_reads_settings_and_refuses_a_bad_file_with_status_2(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text("author: Jane Doe\nfirm: Doe & Partners\n", encoding="utf-8")
    out = tmp_path / "memo.docx"
    result = CliRunner().invoke(main, [str(SMAILOVA), "--format", "docx", "--settings",
                                       str(good), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert _open(out.read_bytes()).core_properties.author == "Jane Doe"
    assert out.stat().st_mode & 0o777 == 0o600
    bad = tmp_path / "bad.yaml"
    bad.write_text("language: fr\n", encoding="utf-8")
    result = CliRunner().invoke(main, [str(SMAILOVA), "--format", "docx", "--settings",
                                       str(bad), "-o", str(tmp_path / "x.docx"), "-q"])
    assert result.exit_code == 2
    assert "bad.yaml:1:11: language: 'fr' is not supported (one of en)" in result.output
    assert not (tmp_path / "x.docx").exists()


# --- LibreOffice ------------------------------------------------------------------------

@needs_office
def test_libreoffice_opens_the_memorandum_and_prints_it(memo, tmp_path):
    path = tmp_path / "memo.docx"
    path.write_bytes(memo[1])
    pages, text = to_pdf([path], tmp_path)[path]
    assert 8 <= pages <= 40
    assert "Memorandum" in text and "Counsel's analysis" in text
    assert CYRILLIC.split()[1] in text and "Kovač" in text
    assert "PRIVILEGED AND CONFIDENTIAL" in text


# --- the privilege marking in the other formats ------------------------------------------

def test_a_client_report_is_marked_on_every_pdf_page_and_in_its_properties(assessor):
    from pypdf import PdfReader

    _, assessment = assessor.assess_file(SMAILOVA, day("2025-09-17"), analyse=True)
    public = render(assessment, "html")
    assert "Privileged and confidential" not in public
    client = assessment.model_copy(update={"provenance": "client"})
    html = render(client, "html", settings=Settings(author="Jane Doe", firm="Doe & Partners"))
    assert '<div class="privilege-marking">Privileged and confidential</div>' in html
    assert '<meta name="author" content="Jane Doe, Doe &amp; Partners">' in html
    reader = PdfReader(io.BytesIO(render(client, "pdf")))
    assert len(reader.pages) >= 2
    assert all("PRIVILEGED AND CONFIDENTIAL" in (page.extract_text() or "").upper()
               for page in reader.pages)
    assert reader.metadata["/Keywords"] == "Privileged and confidential"


# --- the PDF reads as a memorandum -------------------------------------------------------

def test_the_pdf_shows_lawyers_labels_and_ends_on_a_full_page(assessor):
    from pypdf import PdfReader

    from assessor.pdf import typst_source

    _, assessment = assessor.assess_file(AKHMETOVA, day("2020-05-31"), analyse=True)
    reader = PdfReader(io.BytesIO(render(assessment, "pdf")))
    pages = [page.extract_text() for page in reader.pages]
    text = " ".join(" ".join(pages).split())
    fact = assessment.findings[0].facts[0]
    assert " ".join(fact.meaning.split())[:40] in text  # the lawyer's label of the fact
    assert f'#"{fact.name}";' not in typst_source(assessment)  # not the code name
    # the last page carries the end of the report, not just the running header
    assert "Method and limits" in pages[-1] or "Input SHA-256" in pages[-1]
    assert len(pages[-1].split()) > 30
    fonts = {str(font["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert not any("Mono" in f for f in fonts), fonts  # ids in small print, not code type


def test_typst_strings_hold_any_text_literally():
    from assessor.pdf import _finalize, quote

    assert quote('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\u{a}d"'
    assert _finalize("#set page(width: 1pt) = x") == '#"#set page(width: 1pt) = x";'


def test_the_chart_ticks_read_months_and_years():
    import datetime as dt

    from assessor.chart import _date_ticks

    assert [label for _, label in _date_ticks(dt.date(2019, 11, 20), dt.date(2020, 5, 21))] \
        == ["Dec 2019", "2020", "Feb", "Mar", "Apr", "May"]
    assert [label for _, label in _date_ticks(dt.date(2018, 3, 5), dt.date(2024, 5, 1))] \
        == ["2019", "2020", "2021", "2022", "2023", "2024"]


def test_the_markdown_path_never_imports_the_document_libraries(tmp_path):
    import subprocess
    import sys

    code = ("import sys; from click.testing import CliRunner; from assessor.cli import main; "
            f"r = CliRunner().invoke(main, [{str(SMAILOVA)!r}, '--format', 'md', '-o', "
            f"{str(tmp_path / 'r.md')!r}, '-q']); assert r.exit_code == 0, r.output; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('typst', 'docx', 'icalendar')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_the_chart_shows_the_recent_run_of_changes_not_a_long_quiet_past(assessor):
    """Smailova: nothing moved for years, then everything in the six months before the
    as-of date; those months fill the chart (the table keeps the whole history)."""
    import datetime as dt

    from assessor.chart import window

    _, assessment = assessor.assess_file(SMAILOVA, day("2024-05-01"), analyse=True)
    plotted = window(assessment.trajectory, assessment.as_of)
    assert assessment.trajectory[0].date < dt.date(2021, 1, 1)
    # the first change is the arrest, public from 15 April 2024: the chart starts before it
    assert dt.date(2023, 6, 1) <= plotted[0][0] < dt.date(2024, 4, 15)
    assert plotted[-1] == (assessment.trajectory[-1].date, assessment.trajectory[-1].score)


def test_an_unknown_fact_reads_not_known_with_its_question_in_word_and_pdf(reference):
    from pypdf import PdfReader
    from test_unknown import AS_OF, bare_case

    assessment = reference.assess(bare_case(), AS_OF)
    unknown = [u for f in assessment.findings for u in f.facts if u.value is None]
    assert unknown
    document = _open(memorandum_docx(assessment))
    cells = {c.text for t in document.tables for r in t.rows for c in r.cells}
    pdf = " ".join(" ".join(p.extract_text() for p in PdfReader(
        io.BytesIO(render(assessment, "pdf"))).pages).split())
    for used in unknown:
        assert f"not known ({used.question})" in cells, used.name
        assert " ".join(f"not known ({used.question})".split())[:60] in pdf, used.name
