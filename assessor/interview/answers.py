"""An answer as a lawyer types it, read into the value a case file holds.

Dates in any common form (`23 May 2024`, `23.05.2024`, `May 2024`, `2024`), countries by name
or code, yes / no / I don't know, and choices by value or by label. Each reader returns the
value or raises ValueError with a sentence saying what would be right.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from functools import lru_cache

from ..dates import PartialDate
from ..problems import choice_hint
from .fields import label

# what a person types for "I don't know"
UNKNOWN_WORDS = frozenset({"", "?", "unknown", "i don't know", "i do not know", "dont know",
                           "don't know", "idk", "n/k", "not known"})


class Unknown:
    """The answer 'I don't know': recorded as unknown (or left out), never as false."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        return False


UNKNOWN = Unknown()


def is_unknown_text(text: object) -> bool:
    return text is None or (isinstance(text, str) and text.strip().lower() in UNKNOWN_WORDS)


# --- dates -----------------------------------------------------------------------------

_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_NUMERIC_MONTH = re.compile(r"^\s*(\d{1,2})\s*[./-]\s*(\d{4})\s*$")  # 05/2024, 5.2024
_ISO_MONTH = re.compile(r"^\s*(\d{4})\s*[./-]\s*(\d{1,2})\s*$")       # 2024-05, 2024/5


def parse_date(text: object) -> PartialDate:
    """A date as written in documents, kept to the precision given (day, month or year).

    Numeric day-month orders are read day first (23.05.2024, 05/06/2024 is 5 June), as in the
    documents of the states concerned; the answer is confirmed back as ISO so a US-style date
    is caught by the person who typed it.
    """
    if isinstance(text, (dt.date, int)) and not isinstance(text, bool):
        return PartialDate.parse(text)
    if not isinstance(text, str) or not text.strip():
        raise ValueError("write a date, e.g. 2024-05-23, 23 May 2024, May 2024 or 2024")
    value = text.strip()
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return PartialDate.parse(value)  # ISO: an impossible day says so ('no day 30')
    for pattern, order in ((_YEAR, "y"), (_NUMERIC_MONTH, "my"), (_ISO_MONTH, "ym")):
        match = pattern.match(value)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups())))
            return PartialDate(parts["y"], parts.get("m"))
    return _parse_words(value)


def _parse_words(value: str) -> PartialDate:
    from dateutil import parser

    # parse twice with different defaults: a part that changes with the default was not given
    try:
        first = parser.parse(value, dayfirst=True, default=dt.datetime(2000, 1, 1))
        second = parser.parse(value, dayfirst=True, default=dt.datetime(2001, 2, 2))
    except (ValueError, OverflowError, parser.ParserError):
        raise ValueError(f"'{value}' is not a date I can read; write it like 2024-05-23, "
                         "23 May 2024, May 2024 or 2024") from None
    if first.year != second.year:
        raise ValueError(f"'{value}' has no year; write the year too")
    month = first.month if first.month == second.month else None
    day = first.day if first.day == second.day and month else None
    return PartialDate(first.year, month, day)


def spell_date(date: PartialDate) -> str:
    """'2024-05-23 (23 May 2024)': the ISO form and the date in words, to confirm."""
    if date.day:
        words = f"{date.day} {dt.date(2000, date.month, 1):%B} {date.year}"
    elif date.month:
        words = f"{dt.date(2000, date.month, 1):%B} {date.year}, day not known"
    else:
        words = f"the year {date.year}, month not known"
    return f"{date} ({words})"


def date_value(date: PartialDate):
    """The value a case file holds: a full date as a date, a month as text, a year as a number."""
    if date.day:
        return date.earliest
    if date.month:
        return str(date)
    return date.year


# --- countries -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _countries() -> list[tuple[str, str, tuple[str, ...]]]:
    import pycountry

    found = []
    for country in pycountry.countries:
        names = {country.name}
        for attribute in ("common_name", "official_name"):
            if getattr(country, attribute, None):
                names.add(getattr(country, attribute))
        shown = getattr(country, "common_name", country.name)
        names |= {_fold(n) for n in names}  # 'Turkiye' finds Türkiye
        found.append((country.alpha_2, shown, tuple(sorted(names)) + (country.alpha_3,)))
    return found


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def country_choices() -> list[str]:
    """'Kazakhstan (KZ)' for every country, for completion while typing."""
    return sorted(f"{name} ({code})" for code, name, _ in _countries())


def parse_country(text: object) -> str:
    """A country by ISO code (KZ, KAZ) or by name (Kazakhstan), as its alpha-2 code."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("write a country's name or its code, e.g. Kazakhstan or KZ")
    value = text.strip()
    match = re.fullmatch(r".*\(([A-Za-z]{2})\)", value)  # a completion: 'Kazakhstan (KZ)'
    if match:
        value = match.group(1)
    lowered = _fold(value).lower()
    for code, _shown, names in _countries():
        if lowered == code.lower() or lowered in (n.lower() for n in names):
            return code
    by_name = {n.lower(): code for code, _shown, names in _countries() for n in names}
    close = difflib.get_close_matches(lowered, list(by_name), n=3, cutoff=0.75)
    starts = sorted({by_name[n] for n in by_name if n.startswith(lowered)}) if len(lowered) > 2 \
        else []
    if len(starts) == 1:
        return starts[0]
    candidates = [f"{_name(by_name[c])} ({by_name[c]})" for c in close] or \
        [f"{_name(c)} ({c})" for c in starts[:3]]
    hint = f"did you mean {' or '.join(dict.fromkeys(candidates))}?" if candidates else \
        "write its name in English or its ISO code, e.g. Kazakhstan or KZ"
    raise ValueError(f"'{text}' is not a country I know ({hint})")


def _name(code: str) -> str:
    return next(shown for c, shown, _ in _countries() if c == code)


def country_label(code: str) -> str:
    return f"{_name(code)} ({code})" if any(c == code for c, _, _ in _countries()) else code


# --- yes / no, numbers, choices --------------------------------------------------------

_YES = {"yes", "y", "true", "oui", "ja", "da"}
_NO = {"no", "n", "false", "non", "nein", "net"}


def parse_yes_no(value: object) -> bool | Unknown:
    if isinstance(value, bool):
        return value
    if is_unknown_text(value):
        return UNKNOWN
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"'{value}' is not yes, no or unknown")


def parse_number(value: object) -> int:
    if isinstance(value, bool):
        raise ValueError("write a whole number")
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip().replace(",", "").replace(" ", "").replace("_", "")
        if not re.fullmatch(r"\d+", text):
            raise ValueError(f"'{value}' is not a whole number (write digits, e.g. 12)")
        number = int(text)
    if number < 0:
        raise ValueError("write a number of zero or more")
    return number


def parse_choice(value: object, choices: tuple[str, ...], field_name: str | None = None) -> str:
    """One allowed value, given as the value itself or its label (near misses suggested)."""
    text = str(value).strip()
    if text in choices:
        return text
    lowered = text.lower().replace(" ", "_")
    for choice in choices:
        if lowered == choice or text.lower() == label(choice, field_name).lower():
            return choice
    raise ValueError(f"'{text}' is not one of the allowed values ({choice_hint(text, choices)})")


# --- an answer for a field ---------------------------------------------------------------


class Keep:
    """No answer given (a file of answers that does not mention the field): keep the file's."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP = Keep()
