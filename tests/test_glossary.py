"""The official Russian names of instruments and bodies: every term carries the source its
wording was read in, and the loader refuses a term without one."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
import yaml

from assessor import glossary

# the instruments and bodies the rules cite most, whose Russian wording was sourced
SOURCED = {
    "convention_against_torture", "committee_against_torture", "iccpr",
    "human_rights_committee", "iccpr_optional_protocol", "echr",
    "european_court_of_human_rights", "european_convention_on_extradition",
    "minsk_convention_1993", "chisinau_convention_2002", "special_rapporteur_on_torture",
    "refugee_convention", "unhcr",
}


def raw():
    return yaml.safe_load(glossary.glossary_path("ru").read_text(encoding="utf-8"))


def test_the_russian_glossary_is_fully_sourced():
    assert glossary.check(raw()) == []
    terms = glossary.load("ru")
    assert set(terms) == SOURCED
    assert terms["committee_against_torture"].name == "Комитет против пыток"
    assert terms["european_convention_on_extradition"].name == "Европейская конвенция о выдаче"
    for term in terms.values():
        assert term.source.checked == dt.date(2026, 11, 30)
        assert any("\u0400" <= c <= "\u04ff" for c in term.name), term.key  # Cyrillic


@pytest.mark.parametrize("damage, problem", [
    (lambda t: t.pop("source"), "committee_against_torture: source: missing"),
    (lambda t: t["source"].pop("url"), "committee_against_torture: source.url: None"),
    (lambda t: t["source"].update(url="memory"), "source.url: 'memory'"),
    (lambda t: t["source"].pop("quote"), "source.quote: missing"),
    (lambda t: t["source"].update(checked="recently"), "source.checked: 'recently' is not a date"),
    (lambda t: t["source"].update(date="2022"), "source.date: '2022' is not a date"),
    (lambda t: t["source"].update(date=22), "source.date: 22 is not a plausible year"),
    (lambda t: t["source"].update(checked=2026), "source.checked: 2026 is not a date"),
    (lambda t: t["source"].update(wording="official"), "source.wording: 'official'"),
    (lambda t: t["source"].update(checked=dt.date.today() + dt.timedelta(days=1)), "in the future"),
    (lambda t: t["source"].update(page=3), "source.page: unknown field"),
    (lambda t: t.update(ru="Комитет против пытак"), "ru: not found word for word in source.quote"),
    (lambda t: t.update(ru=""), "committee_against_torture: ru: missing"),
])
def test_an_unsourced_or_mistyped_term_is_refused_by_name(tmp_path, damage, problem):
    data = copy.deepcopy(raw())
    damage(data["terms"]["committee_against_torture"])
    problems = glossary.check(data)
    assert any(problem in p for p in problems), problems
    path = tmp_path / "glossary.ru.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(glossary.GlossaryError, match="committee_against_torture"):
        glossary.load("ru", path)


def test_a_source_that_gives_only_a_year_is_recorded_by_its_year():
    unhcr = glossary.load("ru")["unhcr"]
    assert unhcr.source.date == 2000
    assert unhcr.name == "Управление Верховного комиссара ООН по делам беженцев"


def test_a_glossary_for_another_language_is_not_taken_for_russian(tmp_path):
    path = tmp_path / "glossary.ru.yaml"
    path.write_text(yaml.safe_dump({"language": "uk", "terms": {}}), encoding="utf-8")
    with pytest.raises(glossary.GlossaryError, match="the file is for 'ru'"):
        glossary.load("ru", path)
