"""The official names of instruments and bodies in another language (rules/data/glossary.<lang>.yaml).

A report in Russian names the Convention against Torture as the UN's Russian documents do,
not as a translator would; each term therefore carries the source its wording was read in.
`check` refuses a term without one: a name that cannot be sourced is left out of the file,
and the report keeps the English name with "verify" rather than a name typed from memory.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .paths import bundled

# how close the source of a wording is to the instrument's own publisher (see the file's header)
WORDINGS = ("un_document", "published_translation", "reprint")
SOURCE_FIELDS = ("title", "author", "date", "url", "quote", "checked", "wording")


class GlossaryError(ValueError):
    """A glossary file that cannot be used: each problem located by term and field."""

    def __init__(self, path: Path, problems: list[str]):
        self.path, self.problems = path, problems
        super().__init__(f"{path}: " + "; ".join(problems))


@dataclass(frozen=True)
class Source:
    title: str
    author: str
    date: dt.date | int    # the document's date, or only its year where that is all it gives
    url: str
    quote: str
    checked: dt.date
    wording: str


@dataclass(frozen=True)
class Term:
    key: str
    en: str
    name: str          # the name in the glossary's language
    source: Source
    # how the rules cite the instrument (e.g. "UN Convention against Torture"): a citation
    # that begins with one of these is printed with `name` in its place
    cited_as: tuple[str, ...] = ()


def glossary_path(lang: str) -> Path:
    return bundled("rules", "data") / f"glossary.{lang}.yaml"


def check(data: object) -> list[str]:
    """Every problem of a parsed glossary file, as "term: field: what is wrong (what is right)"."""
    if not isinstance(data, dict) or not isinstance(data.get("terms"), dict):
        return ["terms: missing (a mapping of term keys to en, the name and its source)"]
    lang = data.get("language")
    if not isinstance(lang, str) or not lang:
        return ["language: missing (the language code of the names, e.g. ru)"]
    problems = []
    for key, term in data["terms"].items():
        if not isinstance(term, dict):
            problems.append(f"{key}: not a mapping (en, {lang}, source)")
            continue
        for field in ("en", lang):
            if not isinstance(term.get(field), str) or not term[field].strip():
                problems.append(f"{key}: {field}: missing (the name as text)")
        source = term.get("source")
        if not isinstance(source, dict):
            problems.append(f"{key}: source: missing (where the wording was read: "
                            + ", ".join(SOURCE_FIELDS) + ")")
            continue
        for field in sorted(set(source) - set(SOURCE_FIELDS)):
            problems.append(f"{key}: source.{field}: unknown field ({', '.join(SOURCE_FIELDS)})")
        for field in SOURCE_FIELDS:
            value = source.get(field)
            if field == "date" and isinstance(value, int) and not isinstance(value, bool):
                # a source that gives only the year: record the year, never an invented day
                if not 1800 <= value <= dt.date.today().year:
                    problems.append(f"{key}: source.date: {value} is not a plausible year")
            elif field in ("date", "checked"):
                if not isinstance(value, dt.date):
                    problems.append(f"{key}: source.{field}: {value!r} is not a date (YYYY-MM-DD)")
            elif field == "wording":
                if value not in WORDINGS:
                    problems.append(f"{key}: source.wording: {value!r} (one of {', '.join(WORDINGS)})")
            elif field == "url":
                if not isinstance(value, str) or not value.startswith(("https://", "http://")):
                    problems.append(f"{key}: source.url: {value!r} (the address the wording was read at)")
            elif not isinstance(value, str) or not value.strip():
                problems.append(f"{key}: source.{field}: missing (text)")
        # the UN's own document carries the name word for word: a typo in it shows here
        if (source.get("wording") == "un_document" and isinstance(term.get(lang), str)
                and term[lang] not in str(source.get("quote", ""))):
            problems.append(f"{key}: {lang}: not found word for word in source.quote")
        cited_as = term.get("cited_as", [])
        if not isinstance(cited_as, list) or not all(isinstance(c, str) and c.strip()
                                                      for c in cited_as):
            problems.append(f"{key}: cited_as: {cited_as!r} (a list of the instrument's names "
                            "as the rules cite it)")
        if isinstance(source.get("checked"), dt.date) and source["checked"] > dt.date.today():
            problems.append(f"{key}: source.checked: {source['checked']} is in the future")
    return problems


def load(lang: str, path: Path | None = None) -> dict[str, Term]:
    """The terms of the `lang` glossary by key; a GlossaryError lists every unsourced term."""
    path = Path(path) if path else glossary_path(lang)
    with path.open(encoding="utf-8") as f:
        data = yaml.safe_load(f)
    problems = check(data)
    if not problems and data["language"] != lang:
        problems = [f"language: {data['language']!r} (the file is for {lang!r})"]
    if problems:
        raise GlossaryError(path, problems)
    return {key: Term(key=key, en=t["en"], name=t[lang], source=Source(**t["source"]),
                      cited_as=tuple(t.get("cited_as", ())))
            for key, t in data["terms"].items()}


@functools.lru_cache(maxsize=None)
def _citations(lang: str) -> tuple[tuple[str, str], ...]:
    """(English prefix, official name) pairs of `lang`, longest prefix first; none for a
    language without a glossary."""
    if lang == "en" or not glossary_path(lang).is_file():
        return ()
    pairs = [(english, term.name) for term in load(lang).values()
             for english in (term.en, *term.cited_as)]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def official_name(instrument: str, lang: str) -> str:
    """`instrument` as a rule cites it, with the glossary's official name in `lang` in place
    of the English name it begins with ("European Convention on Extradition (1957)" ->
    "Европейская конвенция о выдаче (1957)"); as written where the glossary has no name."""
    for english, name in _citations(lang):
        rest = instrument[len(english):]
        # only a year or a place in brackets may follow: other words are English to keep
        if instrument.startswith(english) and re.fullmatch(r"( \([^()]*\))?", rest):
            return name + rest
    return instrument
