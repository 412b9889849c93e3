"""The report's language: gettext catalogs, dates, numbers and plural forms through Babel.

A language is data, not code: `assessor/locale/<lang>/LC_MESSAGES/assess.po` holds its
catalog, and Babel's copy of the Unicode CLDR supplies its dates, numbers and plural rules
(Russian: 1 день, 2 дня, 5 дней, 21 день, 11 дней). English is the source language: its
strings are the msgids, so it needs no catalog.

Catalogs are compiled when first asked for, in memory (babel.messages.mofile.write_mo), not
at install: the .po file a translator edits is the only copy, no stale .mo can be shipped,
an installed copy needs nothing but the .po files (package-data in pyproject.toml), and
compiling a catalog of a few hundred strings takes milliseconds.
"""

from __future__ import annotations

import datetime as _dt
import functools
import io
from decimal import Decimal
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as _babel_format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

DOMAIN = "assess"
SOURCE_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


class LanguageError(ValueError):
    """A language the tool has no catalog for, or a catalog that cannot be read."""


def catalog_path(lang: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return Path(locale_dir) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def available_languages(locale_dir: Path = LOCALE_DIR) -> list[str]:
    """The source language and every language with a catalog, sorted."""
    found = {p.parent.parent.name for p in Path(locale_dir).glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return sorted(found | {SOURCE_LANGUAGE})


def locale(lang: str) -> Locale:
    """Babel's Locale for `lang` ("ru", "uk", "kk", "pt_BR"), or a LanguageError."""
    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError) as exc:
        raise LanguageError(f"unknown language {lang!r} (a CLDR code such as ru, uk, kk)") from exc


def translations(lang: str, locale_dir: Path = LOCALE_DIR) -> NullTranslations:
    """The gettext translations of `lang`, compiled from its .po catalog (cached)."""
    return _translations(lang, str(Path(locale_dir).resolve()))


@functools.lru_cache(maxsize=None)
def _translations(lang: str, locale_dir: str) -> NullTranslations:
    loc = locale(lang)
    if lang == SOURCE_LANGUAGE:
        return NullTranslations()
    path = catalog_path(lang, Path(locale_dir))
    if not path.is_file():
        raise LanguageError(
            f"no catalog for {lang!r}: {path} is missing "
            f"(available: {', '.join(available_languages(Path(locale_dir)))})")
    with path.open("rb") as po:
        try:
            catalog = read_po(po, locale=loc, domain=DOMAIN, abort_invalid=True)
        except Exception as exc:  # babel raises PoFileError and plain ValueErrors
            raise LanguageError(f"{path}: {exc}") from exc
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)  # a fuzzy entry is an unchecked guess
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def gettext(message: str, lang: str, locale_dir: Path = LOCALE_DIR) -> str:
    return translations(lang, locale_dir).gettext(message)


def ngettext(singular: str, plural: str, n: int, lang: str,
             locale_dir: Path = LOCALE_DIR) -> str:
    """The form of a message for count `n`, by the catalog's plural rule; `{n}` is filled in
    with the number written in the language's conventions."""
    form = translations(lang, locale_dir).ngettext(singular, plural, n)
    return form.format(n=format_number(n, lang))


def plural_category(n: int | Decimal, lang: str) -> str:
    """The CLDR plural category of `n` in `lang`: one, few, many or other."""
    return locale(lang).plural_form(n)


def format_date(value: _dt.date, lang: str, style: str = "long") -> str:
    """A date as the language writes it: ru long "30 ноября 2026 г." (a narrow no-break space
    before "г."), en "November 30, 2026"."""
    return _babel_format_date(value, format=style, locale=locale(lang))


def format_number(value: int | float | Decimal, lang: str) -> str:
    """A number as the language writes it: ru "1 234,5" (non-breaking space), en "1,234.5"."""
    return format_decimal(value, locale=locale(lang))
