"""The report's first page explains, in one sentence, an absolute ground beside a level below
critical: the level is a likelihood, the absolute ground forbids surrender if it is made out."""

from __future__ import annotations

from assessor.render import render
from conftest import day


def test_an_absolute_ground_beside_a_moderate_level_is_explained_on_the_first_page(
        reference, smailova):
    a = reference.assess(smailova, day("2024-04-16"))
    assert a.level == "moderate"
    assert any("absolute" in (getattr(b, "nature", None), b.strength) for b in a.bars)
    sentence = [s for s in a.conclusion.split(". ") if "measures how likely" in s]
    assert len(sentence) == 1 and "forbids surrender whatever that likelihood" in sentence[0]
    first_page = render(a, "md").split("## Legal grounds")[0]
    assert "measures how likely surrender is" in first_page
    html = render(a, "html")
    assert html.index("measures how likely surrender is") < html.index("Legal grounds")


def test_no_such_sentence_without_an_absolute_ground(reference, smailova):
    a = reference.assess(smailova, day("2023-11-01"))
    if not any("absolute" in (getattr(b, "nature", None), b.strength) for b in a.bars):
        assert "measures how likely" not in a.conclusion


def test_every_fact_has_a_lawyers_label():
    import yaml

    from assessor.facts import CATALOGUE, label
    from conftest import ROOT

    labels = yaml.safe_load((ROOT / "reports" / "fact-labels.yaml").read_text())
    assert set(labels) == set(CATALOGUE), set(labels) ^ set(CATALOGUE)
    for name in CATALOGUE:
        assert label(name) and "_" not in label(name), name


def test_no_fact_name_appears_as_a_code_identifier_in_the_report(reference, akhmetova):
    import io
    import re

    from pypdf import PdfReader

    from assessor.facts import CATALOGUE

    a = reference.assess(akhmetova, day("2020-05-31"), analyse=True)
    names = re.compile(r"\b(" + "|".join(n for n in CATALOGUE if "_" in n) + r")\b")
    html = render(a, "html")
    body = html.split("<body", 1)[1]
    assert not names.findall(re.sub(r"<[^>]+>", " ", body))
    assert not names.findall(render(a, "md").split("## Method and limits")[0])
    pdf = render(a, "pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert not names.findall(text)
