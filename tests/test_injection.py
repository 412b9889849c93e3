"""Case text is text: <script>, Markdown and {{ }} in a case file render literally everywhere."""

from __future__ import annotations

import io
import json
from html.parser import HTMLParser

import pytest
import yaml
from pypdf import PdfReader

from assessor.caseload import case_from_document
from assessor.render import render
from assessor.yamlfile import parse
from conftest import SMAILOVA

NAME = "<script>alert('x')</script> *Dina* {{ 7*7 }}"
EVENT = "# Heading | t | [l](https://e.x) `c` _em_ {% if 1 %}y{% endif %}"  # short: timeline labels are cut
NOTE = "<img src=x onerror=alert(1)> {{ config }} </td></tr></table>"


@pytest.fixture(scope="module")
def hostile(assessor):
    document = yaml.safe_load(SMAILOVA.read_text(encoding="utf-8"))
    document["title"] = f"{NAME}: a title"
    document["person"]["name"] = NAME
    document["events"].append({"date": "2024-01-15", "title": EVENT})
    # a source of the lawyer's own, undated (one dated after the as-of date is left out)
    document["sources"].append({"id": "hostile", "title": "A hostile note", "kind": "other",
                                "note": NOTE, "url": "javascript:alert(1)"})
    case = case_from_document(parse(yaml.safe_dump(document, allow_unicode=True), "x.yaml"))
    assessment = assessor.assess(case, analyse=True)
    pdf = PdfReader(io.BytesIO(render(assessment, "pdf")))
    return {"json": render(assessment, "json"), "md": render(assessment, "md"),
            "html": render(assessment, "html"),
            "pdf": " ".join(" ".join(p.extract_text() for p in pdf.pages).split())}


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += attrs

    def handle_data(self, data):
        self.text.append(data)


def test_html_shows_the_markup_as_text_and_runs_nothing(hostile):
    parsed = Elements()
    parsed.feed(hostile["html"])
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert not any(name.startswith("on") for name, _ in parsed.attributes)
    assert not any(v and v.startswith("javascript:") for _, v in parsed.attributes)
    text = " ".join(" ".join(parsed.text).split())
    for literal in (NAME, EVENT, NOTE):
        assert literal in text, literal
    # {{ 7*7 }} was never evaluated: wherever the name is printed, the expression stands
    # beside it literally (a bare "49" elsewhere, a score or the rules' version hash, is fine)
    assert text.count("*Dina*") == text.count("*Dina* {{ 7*7 }}") > 0


def test_markdown_escapes_every_control_character(hostile):
    md = hostile["md"]
    assert "<script>" not in md and "<img" not in md
    assert "&lt;script&gt;alert('x')&lt;/script&gt; \\*Dina\\* {{ 7\\*7 }}" in md
    assert "\\# Heading \\| t \\| \\[l\\](https://e.x) \\`c\\` \\_em\\_ {% if 1 %}y{% endif %}" in md
    # each table row holding the text keeps as many cells as its table's header
    lines = md.splitlines()
    rows = [i for i, line in enumerate(lines) if "Heading" in line and line.startswith("|")]
    assert len(rows) == 2  # the timeline and the risk over time
    for i in rows:
        header = next(lines[j] for j in range(i, 0, -1) if lines[j].startswith("|---"))
        assert lines[i].replace("\\|", "").count("|") == header.count("|")


def test_json_keeps_the_text_exactly(hostile):
    document = json.loads(hostile["json"])
    assert document["person"] == NAME
    assert any(t["label"] == EVENT for t in document["timeline"])


def test_pdf_prints_the_text_literally(hostile):
    assert NAME in hostile["pdf"]
    assert "{% if 1 %}y{% endif %}" in hostile["pdf"]
    assert "javascript:alert(1)" in hostile["pdf"]
