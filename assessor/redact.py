"""Case -> a redacted Case for sharing, and the check that no secret survives in a report.

Redaction happens before the assessment, so every text built from the case (explanations,
findings, the conclusion, the timeline) is built from the redacted case. Only free text is
replaced: dates, yes/no facts, counts, country codes and the fixed values of the case
format (a source kind `ngo`, a level) stay, so the judgement is the same as the unredacted
one. After rendering, every report passes once more through the same replacement (the
rules' own text may contain a word that is also a name part) and is then scanned; the CLI
refuses to write a report in which a secret survives.

How a secret is found (the rules the README documents under "Reports and redaction"):
- both the secret and the text are compared in a normalised form: compatibility forms
  unfolded (NFKC/NFKD), case folded (`STRAUSS` is `Strauß`), accents and other combining
  marks removed (`Nunez` is `Núñez`), invisible characters removed (soft hyphens,
  zero-width spaces and joiners), and Cyrillic and Greek letters that look like Latin ones
  read as those Latin letters (after Unicode Technical Standard #39, confusables);
- a name part is matched as a word, and a word ends at anything that is not a letter:
  `smailova_2024`, `smailova2024.pdf` and `Smailova-Tansari` all contain `Smailova`;
- percent-encoded text (`Smailova%20Dinara` in a URL) is decoded before it is matched;
- every part of a name, alias or relative's name of two letters or more is a secret on
  its own (`Wu`, each side of `Smailova-Tansari`); a one-letter initial is matched only
  inside the whole name, as alone it would blank the word "a";
- a Cyrillic name part is also found with a Russian case ending (`Смаиловой`, `Смаилову`
  for `Смаилова`);
- document numbers and the birth date are matched inside longer words too
  (`passport_N12345678.pdf`);
- the lawyer adds terms in the case file (`redact:` a blog's name, a movement, a UN
  reference number) and marks any item `personal: true`, whose free text is then withheld.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Annotated, Any, Iterable, Literal, get_args, get_origin
from urllib.parse import unquote

from pydantic import BaseModel

from .model import Case, Event
from .output import OutputError

PERSON = "[PERSON]"
ADDRESS = "[ADDRESS]"
HEALTH = "[HEALTH]"
NOTES = "[NOTES]"
PERSONAL_EVENT = "[PERSONAL EVENT]"
PERSONAL = "[PERSONAL]"
REDACTED = "[REDACTED]"
MIN_PART = 2  # one letter alone is an initial, and would blank the word "a"


class SecretSurvived(OutputError):
    """A redacted string would appear in the report: nothing is written."""


# --- the normalised form ------------------------------------------------------------------

# Letters of other scripts that a reader takes for Latin ones (Unicode Technical Standard
# #39, "Unicode Security Mechanisms", confusables). Both cases of a Cyrillic letter map to
# the same Latin letter, so that matching stays independent of case.
_CONFUSABLES = {
    **dict.fromkeys("аА", "a"), **dict.fromkeys("вВ", "b"), **dict.fromkeys("сС", "c"),
    **dict.fromkeys("еЕ", "e"), **dict.fromkeys("һҺ", "h"), **dict.fromkeys("нН", "h"),
    **dict.fromkeys("іІӏ", "i"), **dict.fromkeys("јЈ", "j"), **dict.fromkeys("кК", "k"),
    **dict.fromkeys("мМ", "m"), **dict.fromkeys("оО", "o"), **dict.fromkeys("рР", "p"),
    **dict.fromkeys("ԛԚ", "q"), **dict.fromkeys("ѕЅ", "s"), **dict.fromkeys("тТ", "t"),
    **dict.fromkeys("уУ", "y"), **dict.fromkeys("хХ", "x"), **dict.fromkeys("ԝԜ", "w"),
    **dict.fromkeys("ԁ", "d"),
    # Greek, read after case folding (the capitals fold onto these)
    "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "ζ": "z",
}
_DROPPED = {"Mn", "Me", "Cf"}  # combining marks; invisible format characters (U+00AD, U+200B)


@lru_cache(maxsize=1 << 16)
def fold_char(char: str) -> str:
    """One character in the normalised form: "" for a mark or an invisible character,
    sometimes two letters (`ß` -> `ss`)."""
    text = unicodedata.normalize("NFKD", "".join(_CONFUSABLES.get(c, c) for c in char))
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(_CONFUSABLES.get(c, c) for c in text
                   if unicodedata.category(c) not in _DROPPED)


def fold(text: str) -> tuple[str, list[int]]:
    """The normalised text, and for each of its characters the index of the original
    character it came from (so that a match can be replaced in the original)."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = fold_char(char)
        out.append(folded)
        origin.extend([index] * len(folded))
    return "".join(out), origin


def folded(text: str) -> str:
    return fold(text)[0]


# Russian noun and adjective case endings (declension of names: -ова -> -овой, -ову, ...)
_RUSSIAN_ENDINGS = sorted({folded(e) for e in (
    "а я ы и е у ю о ь й ой ою ей ею ом ем ым им ых их ыми ими ам ям ами ями ах ях "
    "ого его ому ему ую юю ая яя ий ый ое ее").split()}, key=len, reverse=True)
_RUSSIAN_VOWEL_END = tuple("аяыиеуоьйю")
_LETTER = r"[^\W\d_]"
_PARTS = re.compile(r"[^\W\d_]+")


def _is_cyrillic(text: str) -> bool:
    return any("CYRILLIC" in unicodedata.name(c, "") for c in text)


@dataclass(frozen=True)
class _Secret:
    text: str
    placeholder: str
    regex: str  # over the normalised text


def _secret_regex(text: str, *, inflected: bool) -> str | None:
    words = folded(text).split()
    if not words:
        return None
    if inflected and len(words) == 1 and _is_cyrillic(text):
        stem = text[:-1] if text.lower().endswith(_RUSSIAN_VOWEL_END) else text
        if len(stem) >= 2:
            endings = "|".join(map(re.escape, _RUSSIAN_ENDINGS))
            body = f"{re.escape(folded(stem))}(?:{endings})?"
        else:
            body = re.escape(words[0])
    else:
        body = r"\s+".join(map(re.escape, words))
    # a word ends at anything that is not a letter: `_`, digits, punctuation, the text's end
    start = f"(?<!{_LETTER})" if re.match(_LETTER, words[0]) else ""
    end = f"(?!{_LETTER})" if re.search(f"{_LETTER}$", words[-1]) else ""
    return f"{start}{body}{end}"


@dataclass
class Redaction:
    """What to replace, with what. `secrets` maps each secret text to its placeholder."""

    secrets: dict[str, str] = field(default_factory=dict)
    _entries: dict[str, _Secret] = field(default_factory=dict, repr=False)
    _compiled: re.Pattern[str] | None = field(default=None, repr=False)
    _order: list[_Secret] = field(default_factory=list, repr=False)

    def add(self, text: str | None, placeholder: str, *, parts: bool = False,
            anywhere: bool = False) -> None:
        """A secret; with `parts`, every word of it too; with `anywhere`, matched inside
        longer words (a document number in a file name)."""
        if not text or not text.strip():
            return
        whole = " ".join(text.split())
        self._add(whole, placeholder, inflected=False, anywhere=anywhere)
        if parts:
            for part in _PARTS.findall(whole):
                if len(folded(part)) >= MIN_PART:
                    self._add(part, placeholder, inflected=True)

    def _add(self, text: str, placeholder: str, *, inflected: bool,
             anywhere: bool = False) -> None:
        key = folded(text)
        if not key.strip() or key in self._entries:
            return  # the first placeholder given for a text stays (consistent numbering)
        regex = _secret_regex(text, inflected=inflected)
        if regex is None:
            return
        if anywhere:
            regex = r"\s*".join(map(re.escape, "".join(key.split())))
        self.secrets.setdefault(text, placeholder)
        self._entries[key] = _Secret(text, placeholder, regex)
        self._compiled = None

    def pattern(self) -> re.Pattern[str] | None:
        if not self._entries:
            return None
        if self._compiled is None:
            # longest first, so "Dinara Smailova" is replaced whole before "Dinara"
            entries = sorted(self._entries.items(), key=lambda kv: len(kv[0]), reverse=True)
            self._compiled = re.compile("|".join(f"(?:{e.regex})" for _, e in entries))
            self._order = [e for _, e in entries]
        return self._compiled

    def _placeholder(self, matched: str) -> str:
        for entry in self._order:
            if re.fullmatch(entry.regex, matched):
                return entry.placeholder
        return PERSON

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, placeholder) of every secret in `text`, in the original's indices."""
        pattern = self.pattern()
        if pattern is None or not text:
            return []
        normal, origin = fold(text)
        found = []
        for match in pattern.finditer(normal):
            if match.end() == match.start():
                continue
            start = origin[match.start()]
            end = origin[match.end() - 1] + 1
            # the marks and invisible characters after the last letter belong to it
            while end < len(text) and not fold_char(text[end]):
                end += 1
            found.append((start, end, self._placeholder(match.group(0))))
        return found

    def apply(self, text: str) -> str:
        if "%" in text:
            decoded = unquote(text, errors="replace")
            if decoded != text and self.spans(decoded):
                text = decoded  # a name percent-encoded in a URL: the URL is withheld
        found = self.spans(text)
        if not found:
            return text
        pieces, last = [], 0
        for start, end, placeholder in found:
            pieces += [text[last:start], placeholder]
            last = end
        pieces.append(text[last:])
        return "".join(pieces)


# --- what is secret ------------------------------------------------------------------------


def secrets_of(case: Case) -> Redaction:
    """Every identifying string of the case, each with its consistent placeholder."""
    r = Redaction()
    person = case.person
    r.add(person.name, PERSON, parts=True)
    for alias in person.aliases:
        r.add(alias, PERSON, parts=True)
    for index, relative in enumerate((x for x in person.family if x.name), 1):
        r.add(relative.name, f"[RELATIVE-{index}]", parts=True)
    if person.address:
        r.add(person.address, ADDRESS)
        # a line of it alone ("ul. Njegoševa 12"), or its street's name, is as telling
        for line in re.split(r"[,;\n]", person.address):
            r.add(line, ADDRESS)
            r.add(re.sub(r"\d+", " ", line), ADDRESS)
        for word in _PARTS.findall(person.address):
            if len(word) >= 4 and folded(word) not in _ADDRESS_WORDS:
                r.add(word, ADDRESS)
    for index, document in enumerate((d for d in person.documents if d.number), 1):
        r.add(document.number, f"[DOCUMENT-{index}]", anywhere=True)
    if person.birth_date is not None:
        r.add(str(person.birth_date), "[BIRTH DATE]", anywhere=True)
    r.add(person.health, HEALTH)
    r.add(case.notes, NOTES)
    for term in case.redact:
        r.add(term, REDACTED)
    for item in _personal_items(case):
        placeholder = PERSONAL_EVENT if isinstance(item, Event) else PERSONAL
        for name in _free_text_fields(type(item)):
            value = getattr(item, name)
            for text in value if isinstance(value, list) else [value]:
                if isinstance(text, str):
                    r.add(text, placeholder)
    return r


# the words every address has: withheld only as part of the address, or "house arrest"
# would lose its first word
_ADDRESS_WORDS = {folded(w) for w in (
    "street road avenue lane house flat apartment floor block building district city "
    "village town square ulica ulitsa rue strasse straße calle via").split()}


def _personal_items(node: Any) -> Iterable[BaseModel]:
    if isinstance(node, BaseModel):
        if getattr(node, "personal", False):
            yield node
        for name in type(node).model_fields:
            yield from _personal_items(getattr(node, name))
    elif isinstance(node, (list, dict)):
        for item in (node.values() if isinstance(node, dict) else node):
            yield from _personal_items(item)


# fields that hold a handle, not a description: a cited source id must stay what the
# citations name, and is scanned for name parts like any other text
_HANDLES = {"id", "sources"}
# fields whose text is a fixed value checked by a validator, not free text (the law's
# `requesting_death_penalty: retained`)
_FIXED = {"value"}


@lru_cache(maxsize=None)
def _free_text_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `model` a lawyer writes in words: not fixed values (enums), not
    country codes, not dates or numbers."""
    names = []
    for name, info in model.model_fields.items():
        if (name in _HANDLES or name in _FIXED or _is_fixed(info.annotation)
                or _is_country(info)):
            continue
        if _holds_str(info.annotation):
            names.append(name)
    return tuple(names)


def _is_fixed(annotation: Any) -> bool:
    if get_origin(annotation) is Literal:
        return True
    return any(_is_fixed(arg) for arg in get_args(annotation))


def _is_country(info: Any) -> bool:
    from .countries import check_country

    def mentions(annotation: Any) -> bool:
        if get_origin(annotation) is Annotated:
            if any(getattr(m, "func", None) is check_country for m in annotation.__metadata__):
                return True
        return any(mentions(a) for a in get_args(annotation))

    return (any(getattr(m, "func", None) is check_country for m in info.metadata)
            or mentions(info.annotation))


def _holds_str(annotation: Any) -> bool:
    return annotation is str or any(_holds_str(a) for a in get_args(annotation))


# --- the redacted case ----------------------------------------------------------------------


def redact_case(case: Case) -> tuple[Case, Redaction]:
    """The case with every identifying string replaced, and the secrets to scan for."""
    redaction = secrets_of(case)
    person = case.person
    # number the relatives as secrets_of did: only those with a name count
    named = iter(range(1, len(person.family) + 1))
    family = [rel.model_copy(update={"name": f"[RELATIVE-{next(named)}]"}) if rel.name else rel
              for rel in person.family]
    named_docs = iter(range(1, len(person.documents) + 1))
    documents = [d.model_copy(update={"number": f"[DOCUMENT-{next(named_docs)}]"})
                 if d.number else d for d in person.documents]
    person = person.model_copy(update={
        "name": PERSON, "aliases": [], "family": family, "documents": documents,
        "address": ADDRESS if person.address else None,
        "health": HEALTH if person.health else None,
        # the birth date is text nobody needs to share; no rule reads it
        "birth_date": None,
    })
    events = [_redact_event(e) for e in case.events]
    case = case.model_copy(update={
        "person": person, "events": events, "notes": NOTES if case.notes else None,
        "case_id": _redact_identifier(case.case_id, redaction), "redact": [],
    })
    return _replace_text(case, redaction), redaction


def _redact_event(event: Event) -> Event:
    if not event.personal:
        return event
    return event.model_copy(update={"title": PERSONAL_EVENT, "detail": None})


def _redact_identifier(identifier: str, redaction: Redaction) -> str:
    """A case id keeps its shape (letters, digits, - . _) so file names stay valid."""
    text = redaction.apply(identifier).replace("[", "").replace("]", "").replace(" ", "-")
    return re.sub(r"[^\w.-]", "-", text)


def _replace_text(node: Any, redaction: Redaction) -> Any:
    if isinstance(node, str):
        return redaction.apply(node)
    if isinstance(node, list):
        return [_replace_text(item, redaction) for item in node]
    if isinstance(node, dict):  # keys are fixed names (the law's facts); values are parts
        return {key: _replace_text(value, redaction) for key, value in node.items()}
    if isinstance(node, BaseModel):
        updates = {}
        text_fields = set(_free_text_fields(type(node)))
        personal = getattr(node, "personal", False) and not isinstance(node, Event)
        for name in type(node).model_fields:
            value = getattr(node, name)
            if isinstance(value, (BaseModel, dict)) or (
                    isinstance(value, list) and value and isinstance(value[0], BaseModel)):
                new = _replace_text(value, redaction)
            elif name in text_fields or name in _HANDLES:
                if personal and name not in _HANDLES and value:
                    new = [PERSONAL] * len(value) if isinstance(value, list) else PERSONAL
                else:
                    new = _replace_text(value, redaction)
            else:
                continue  # a fixed value, a country code, a date, a number: never rewritten
            if new != value:
                updates[name] = new
        return node.model_copy(update=updates) if updates else node
    return node


def redact_file_name(name: str | None, redaction: Redaction) -> str | None:
    return None if name is None else _redact_identifier(name, redaction)


# --- the rendered report -------------------------------------------------------------------

# attributes that carry text a reader sees or a link opens (the rest are styling)
_SHOWN_ATTRIBUTES = re.compile(
    r"""(\s(?:href|src|title|alt|content|aria-label)\s*=\s*)("[^"]*"|'[^']*')""", re.I)
_TAG = re.compile(r"<style\b.*?</style\s*>|<!--.*?-->|<[^>]*>", re.S | re.I)


def redact_report(text: str, fmt: str, redaction: Redaction) -> str:
    """The rendered report with every secret replaced (a rule's own wording can contain a
    name part), then checked: SecretSurvived if anything is still there."""
    if fmt == "json":
        text = _redact_json(text, redaction)
    elif fmt in ("html", "pdf"):
        text = _redact_html(text, redaction)
    else:
        text = redaction.apply(text)
    check_redacted(text, redaction, fmt)
    return text


def redact_terminal(text: str, redaction: Redaction) -> str:
    """Lines for the terminal (the summary, the trajectory, the what-if), redacted."""
    text = redaction.apply(text)
    check_redacted(text, redaction)
    return text


def _redact_json(text: str, redaction: Redaction) -> str:
    data = json.loads(text)

    def walk(node: Any) -> Any:
        if isinstance(node, str):
            return redaction.apply(node)
        if isinstance(node, list):
            return [walk(x) for x in node]
        if isinstance(node, dict):
            return {k: walk(v) for k, v in node.items()}  # keys are the format's, not text
        return node

    new = walk(data)
    return text if new == data else json.dumps(new, indent=2, ensure_ascii=False) + "\n"


def _redact_html(text: str, redaction: Redaction) -> str:
    """Text between tags and the attributes a reader sees; tag and attribute names, CSS
    and comments are the template's."""
    pieces, last = [], 0
    for tag in _TAG.finditer(text):
        pieces.append(_redact_escaped(text[last:tag.start()], redaction))
        token = tag.group(0)
        if not token.lower().startswith(("<style", "<!--")):
            token = _SHOWN_ATTRIBUTES.sub(
                lambda m: m.group(1) + m.group(2)[0]
                + _redact_escaped(m.group(2)[1:-1], redaction) + m.group(2)[0], token)
        pieces.append(token)
        last = tag.end()
    pieces.append(_redact_escaped(text[last:], redaction))
    return "".join(pieces)


def _redact_escaped(fragment: str, redaction: Redaction) -> str:
    plain = html.unescape(fragment)
    if not redaction.spans(plain) and not redaction.spans(unquote(plain)):
        return fragment
    return html.escape(redaction.apply(plain), quote=True)


def _visible(text: str, fmt: str | None) -> str:
    """What a reader of the format sees: for HTML, text and shown attributes only; for
    JSON, the values (the keys are the format's own words)."""
    if fmt == "json":
        values: list[str] = []

        def walk(node: Any) -> None:
            if isinstance(node, str):
                values.append(node)
            elif isinstance(node, list):
                for x in node:
                    walk(x)
            elif isinstance(node, dict):
                for x in node.values():
                    walk(x)

        walk(json.loads(text))
        return "\n".join(values)
    if fmt not in ("html", "pdf"):
        return text
    parts = []
    for tag in _TAG.finditer(text):
        parts += [m.group(2)[1:-1] for m in _SHOWN_ATTRIBUTES.finditer(tag.group(0))
                  if not tag.group(0).lower().startswith(("<style", "<!--"))]
    parts.append(_TAG.sub(" ", text))
    return "\n".join(parts)


def surviving_secrets(text: str, redaction: Redaction, fmt: str | None = None) -> list[str]:
    """The secrets that still appear in rendered output, however the format escaped them."""
    found: dict[str, None] = {}
    for view in _views(_visible(text, fmt)):
        for start, end, _ in redaction.spans(view):
            found[" ".join(view[start:end].split())] = None
    return list(found)


def check_redacted(text: str, redaction: Redaction, fmt: str | None = None) -> None:
    """Raise SecretSurvived if a redacted string is in the report. The message names the
    placeholders, not the secrets: it may end up in a log."""
    kinds: set[str] = set()
    count = 0
    for view in _views(_visible(text, fmt)):
        found = redaction.spans(view)
        count = max(count, len(found))
        kinds.update(p for _, _, p in found)
    if kinds:
        raise SecretSurvived(
            f"refusing to write a redacted report: {count} redacted string(s) "
            f"({', '.join(sorted(kinds))}) would still appear in it; nothing was written")


def _views(text: str) -> Iterable[str]:
    """The text as written, and as a reader sees it once HTML entities, Markdown backslash
    escapes and percent-encoding are undone (so "O&#39;Brien", "O\\_Brien" and
    "O%27Brien" are caught too)."""
    yield text
    plain = html.unescape(text)
    yield plain
    yield re.sub(r"\\(.)", r"\1", plain)
    yield unquote(plain, errors="replace")
