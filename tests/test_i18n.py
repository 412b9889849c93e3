"""Reports in other languages: Russian plural forms, dates and numbers by Babel's CLDR data,
gettext catalogs compiled from .po at run time, and a third language that is only a catalog."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import tomllib

import pytest

from assessor import i18n
from conftest import ROOT, install_copy

DAY = ("{n} day", "{n} days")


@pytest.mark.parametrize("n, expected", [
    (1, "1 день"), (2, "2 дня"), (4, "4 дня"), (5, "5 дней"), (11, "11 дней"),
    (12, "12 дней"), (14, "14 дней"), (21, "21 день"), (22, "22 дня"), (25, "25 дней"),
    (101, "101 день"), (111, "111 дней"), (0, "0 дней"),
])
def test_russian_days_take_the_plural_form_of_their_count(n, expected):
    assert i18n.ngettext(*DAY, n, "ru") == expected


def test_the_catalogs_plural_rule_agrees_with_cldr_for_every_count_to_a_thousand():
    # the catalog's Plural-Forms header is hand-written; CLDR (through Babel) is the reference
    form_of = {"one": "{n} день", "few": "{n} дня", "many": "{n} дней"}
    for n in range(0, 1001):
        expected = form_of[i18n.plural_category(n, "ru")].format(n=i18n.format_number(n, "ru"))
        assert i18n.ngettext(*DAY, n, "ru") == expected, n


def test_english_is_the_source_language_and_needs_no_catalog():
    assert i18n.ngettext(*DAY, 1, "en") == "1 day"
    assert i18n.ngettext(*DAY, 21, "en") == "21 days"
    assert i18n.gettext("Extradition risk assessment", "en") == "Extradition risk assessment"


def test_russian_dates_and_numbers_follow_russian_conventions():
    # CLDR joins the year to "г." with a narrow no-break space (U+202F): never split a line
    assert i18n.format_date(dt.date(2026, 11, 30), "ru") == "30 ноября 2026\u202fг."
    assert i18n.format_date(dt.date(1957, 12, 13), "ru") == "13 декабря 1957\u202fг."
    assert i18n.format_date(dt.date(2026, 11, 30), "ru", "short") == "30.11.2026"
    assert i18n.format_number(1234.5, "ru") == "1\u00a0234,5"
    assert i18n.format_number(1234.5, "en") == "1,234.5"


def test_the_russian_catalog_translates_and_leaves_unknown_strings_in_english():
    assert i18n.gettext("Extradition risk assessment", "ru") == "Оценка риска выдачи"
    assert i18n.gettext("A string no catalog has", "ru") == "A string no catalog has"
    assert "ru" in i18n.available_languages()


def test_a_language_without_a_catalog_is_refused_by_name():
    with pytest.raises(i18n.LanguageError, match="no catalog for 'uk'"):
        i18n.translations("uk")
    with pytest.raises(i18n.LanguageError, match="unknown language"):
        i18n.translations("not-a-language")


PSEUDO_CATALOG = '''msgid ""
msgstr ""
"Language: uk\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"

msgid "{n} day"
msgid_plural "{n} days"
msgstr[0] "[{n} ONE]"
msgstr[1] "[{n} FEW]"
msgstr[2] "[{n} MANY]"

msgid "Risk assessment"
msgstr "[Risk assessment]"

#, fuzzy
msgid "Deadlines"
msgstr "[an unchecked guess]"
'''


def test_a_third_language_is_only_a_catalog(tmp_path):
    # a pseudo-translation under a real CLDR code: dropping the file in is all it takes
    catalog = i18n.catalog_path("uk", tmp_path)
    catalog.parent.mkdir(parents=True)
    catalog.write_text(PSEUDO_CATALOG, encoding="utf-8")
    assert i18n.available_languages(tmp_path) == ["en", "uk"]
    assert i18n.gettext("Risk assessment", "uk", tmp_path) == "[Risk assessment]"
    assert [i18n.ngettext(*DAY, n, "uk", tmp_path) for n in (1, 3, 5, 21)] == \
        ["[1 ONE]", "[3 FEW]", "[5 MANY]", "[21 ONE]"]
    # a fuzzy entry is a translator's unchecked guess: it is not used
    assert i18n.gettext("Deadlines", "uk", tmp_path) == "Deadlines"
    assert i18n.format_date(dt.date(2026, 11, 30), "uk") == "30 листопада 2026\u202fр."


def test_a_broken_catalog_is_a_located_language_error(tmp_path):
    catalog = i18n.catalog_path("kk", tmp_path)
    catalog.parent.mkdir(parents=True)
    catalog.write_text('msgid "x"\nmsgstr "y"\nnot a keyword\n', encoding="utf-8")
    with pytest.raises(i18n.LanguageError, match=re.escape(str(catalog))):
        i18n.translations("kk", tmp_path)


def test_every_catalog_is_shipped_by_the_package_data_glob():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    globs = pyproject["tool"]["setuptools"]["package-data"]["assessor"]
    package = ROOT / "assessor"
    shipped = {p for g in globs for p in package.glob(g)}
    catalogs = set(package.glob("locale/**/*.po"))
    assert catalogs and catalogs <= shipped


CHECK = """
import assessor, sys
from assessor import i18n, glossary
assert 'target' in assessor.__file__, assessor.__file__
print(i18n.ngettext('{n} day', '{n} days', 21, 'ru'), '|',
      i18n.gettext('Extradition risk assessment', 'ru'),
      '|', glossary.load('ru')['committee_against_torture'].name)
"""


def test_an_installed_copy_finds_its_catalogs_and_glossary(tmp_path):
    env = install_copy(tmp_path)
    result = subprocess.run([sys.executable, "-c", CHECK], cwd=tmp_path, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "21 день | Оценка риска выдачи | Комитет против пыток"
