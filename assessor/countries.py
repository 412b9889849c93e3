"""ISO 3166-1 alpha-2 country codes, checked against pycountry's copy of the standard."""

from __future__ import annotations

import difflib
from functools import lru_cache


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    import pycountry  # loaded on first use: it reads the ISO database from disk

    return {c.alpha_2: getattr(c, "common_name", c.name) for c in pycountry.countries}


def check_country(code: str) -> str:
    """Return the code if it is an ISO 3166-1 alpha-2 code, else raise a helpful error."""
    names = _names()
    if code in names:
        return code
    upper = code.upper()
    if upper in names:
        raise ValueError(f"write country codes in capitals: '{upper}' ({names[upper]})")
    by_name = {name.lower(): alpha for alpha, name in names.items()}
    close = difflib.get_close_matches(code.lower(), by_name, n=1, cutoff=0.8)
    if close:
        hint = f"did you mean {by_name[close[0]]} ({close[0].title()})?"
    else:
        hint = "use an ISO 3166-1 alpha-2 code such as KZ, ME or UA"
    raise ValueError(f"'{code}' is not an ISO 3166-1 alpha-2 country code ({hint})")


def country_name(code: str) -> str:
    """The country's name in the report's language: English from the ISO standard (as
    every English report has it); another language from the Unicode CLDR through Babel
    (`Locale('ru').territories`), never a name typed by hand."""
    from .i18n import current, locale

    lang = current()
    if lang != "en":
        name = locale(lang).territories.get(code)
        if name:
            return name
    return _names().get(code, code)
