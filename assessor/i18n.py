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

import contextlib
import contextvars
import datetime as _dt
import functools
import io
import re
from collections.abc import Iterator
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


def translations(lang: str, locale_dir: Path | None = None) -> NullTranslations:
    """The gettext translations of `lang`, compiled from its .po catalog (cached); the
    catalogs of `locale_dir`, else of the folder `language` was given, else the package's."""
    folder = locale_dir or _CURRENT_DIR.get()
    return _translations(lang, _folder(folder if isinstance(folder, Path) else Path(folder)))


def _folder(path: Path) -> str:
    # every sentence asks for its catalog: an absolute folder is resolved once, not at
    # every call (resolve() asks the file system); a relative one follows the working folder
    return _resolved(path) if path.is_absolute() else str(path.resolve())


@functools.lru_cache(maxsize=64)
def _resolved(path: Path) -> str:
    return str(path.resolve())


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


# The language of the report being made. The sentences the code writes (a conclusion, a
# reason, a label) are made where their facts are, deep in the pipeline; passing a language
# argument through every function would touch them all, so the language is set once, around
# the assessment (`with language("ru"):`), and read where a sentence is made. A context
# variable, not a global: threads and asyncio tasks each keep their own.
_CURRENT: contextvars.ContextVar[str] = contextvars.ContextVar("report_language",
                                                              default=SOURCE_LANGUAGE)
_CURRENT_DIR: contextvars.ContextVar[Path] = contextvars.ContextVar("locale_dir",
                                                                   default=LOCALE_DIR)


def current() -> str:
    """The language sentences are being written in now ("en" unless set by `language`)."""
    return _CURRENT.get()


def current_dir() -> Path:
    """The folder of the catalogs in use (the package's, unless `language` was given one)."""
    return _CURRENT_DIR.get()


@contextlib.contextmanager
def language(lang: str, locale_dir: Path | None = None) -> Iterator[str]:
    """Write every sentence made inside the block in `lang` (its catalog is checked at once:
    a language without one is a LanguageError before any work is done)."""
    folder = Path(locale_dir) if locale_dir else _CURRENT_DIR.get()  # nested: the same folder
    translations(lang, folder)
    token = _CURRENT.set(lang)
    token_dir = _CURRENT_DIR.set(folder)
    try:
        yield lang
    finally:
        _CURRENT.reset(token)
        _CURRENT_DIR.reset(token_dir)


def gettext(message: str, lang: str | None = None, locale_dir: Path | None = None) -> str:
    """`message` in `lang` (default: the current language); the English where the catalog
    has no entry for it."""
    lang = lang or current()
    if lang == SOURCE_LANGUAGE:  # the messages are the English: no catalog to look in
        return message
    return translations(lang, locale_dir or _CURRENT_DIR.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int, lang: str | None = None,
             locale_dir: Path | None = None) -> str:
    """The form of a message for count `n`, by the catalog's plural rule; `{n}` is filled in
    with the number written in the language's conventions."""
    lang = lang or current()
    form = translations(lang, locale_dir or _CURRENT_DIR.get()).ngettext(singular, plural, n)
    # English reports print counts as they always have ("2374 days")
    return form.replace("{n}", str(n) if lang == SOURCE_LANGUAGE else format_number(n, lang))


def plural_form(singular: str, plural: str, n: int) -> str:
    """The catalog's form of a message for count `n`, its placeholders left to the caller
    (for a number written otherwise, e.g. with its sign: "+5 баллов")."""
    return translations(current(), _CURRENT_DIR.get()).ngettext(singular, plural, n)


def pgettext(context: str, message: str, lang: str | None = None) -> str:
    """`message` in the sense `context` gives it ("moderate" as a level of risk, "strong" as
    the strength of a ground): one English word, two Russian ones."""
    return translations(lang or current(), _CURRENT_DIR.get()).pgettext(context, message)


def _(message: str) -> str:
    """The message in the current language: the mark `pybabel extract` collects."""
    return gettext(message)


def N_(message: str) -> str:
    """Mark a message for the catalog without translating it yet: for module-level tables
    (labels of stages, forums, urgencies) that are translated where they are printed."""
    return message


def plural_category(n: int | Decimal, lang: str) -> str:
    """The CLDR plural category of `n` in `lang`: one, few, many or other."""
    return locale(lang).plural_form(n)


def format_date(value: _dt.date, lang: str, style: str = "long") -> str:
    """A date as the language writes it: ru long "30 ноября 2026 г." (a narrow no-break space
    before "г."), en "November 30, 2026"."""
    return _babel_format_date(value, format=style, locale=locale(lang))


CATALOG_TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\([a-z_]+\)s")


def check_catalog(lang: str, locale_dir: Path | None = None,
                  template: Path = CATALOG_TEMPLATE) -> list["Problem"]:
    """Every problem of `lang`'s catalog against the template `pybabel extract` wrote
    (assessor/locale/assess.pot), located to its line: a message with no translation, or
    only a fuzzy one (a report prints the English there), and a translation whose
    placeholders ({n}, %(title)s) differ from the English (a sentence with a value lost or
    invented)."""
    from .problems import Problem

    path = catalog_path(lang, Path(locale_dir or LOCALE_DIR))
    with template.open("rb") as f:
        wanted = read_po(f)
    with path.open("rb") as f:
        catalog = read_po(f, locale=locale(lang), domain=DOMAIN)
    problems = []
    for message in wanted:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        found = catalog.get(message.id, message.context)
        strings = () if found is None else (
            found.string if isinstance(found.string, tuple) else (found.string,))
        where = dict(file=str(path), line=found.lineno if found else 1, column=1,
                     path=repr(ids[0]) + (f" (context {message.context})"
                                          if message.context else ""))
        if found is None or not all(strings) or found.fuzzy:
            problems.append(Problem(**where, message="no translation" + (
                " (only a fuzzy one)" if found is not None and found.fuzzy else ""),
                hint=f"translate it in {path.name}"))
            continue
        expected = set(_PLACEHOLDER.findall(" ".join(ids)))
        for text in strings:
            got = set(_PLACEHOLDER.findall(text))
            if got != expected:
                problems.append(Problem(**where, message=f"placeholders {sorted(got)} where "
                                        f"the English has {sorted(expected)}"))
                break
    return problems


def format_number(value: int | float | Decimal, lang: str) -> str:
    """A number as the language writes it: ru "1 234,5" (non-breaking space), en "1,234.5"."""
    return format_decimal(value, locale=locale(lang))
