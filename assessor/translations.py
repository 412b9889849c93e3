"""The rules' texts in other languages: `rules/locale/<lang>/<rule file>.yaml`.

A rule's logic (its condition, weight, actions' forums and urgencies, the instruments and
articles it cites) lives once, in the English rule file. A locale file beside it holds only
the words a reader sees: each rule's title, explanation, certainty and verify notes, its
actions' `do`/`needs`, and the paraphrase of each provision it cites, keyed by rule id
(docs/translations.md shows the layout). A third language is a folder of such files.

Each translated rule records, as `source:`, the fingerprint of the English it translates.
When the English changes, the fingerprint goes stale: the checker warns, and `rule_text`
prints the English rather than a translation of words the rule no longer says (the
translation may state a condition or a hedge the English has since corrected).

`check_translations` finds, located to the line: a rule with no translation, a translation
of no rule, Jinja variables or tags that differ from the English (a Russian explanation that
reads a different fact would print a sentence untrue of the case), a different number of
actions, verify notes or paraphrases (the report pairs them by position), and stale
fingerprints. `assess rules check` runs it for every language under rules/locale/.

While a language is being translated, `rules/locale/<lang>/_pending.yaml` may list the rule
files not yet done: their missing translations are warnings, not errors.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .output import write_private
from .problems import InputError, Problem
from .rulebook import Rule, default_rules_dir
from .validation import validate
from .yamlfile import Document, load

SOURCE_LANGUAGE = "en"
PENDING = "_pending.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ActionText(_Strict):
    do: str = Field(min_length=1, description="The action's instruction, translated.")
    needs: str | None = Field(None, min_length=1,
                              description="Only where the English action has `needs`.")


class CitationText(_Strict):
    paraphrase: str = Field(min_length=1, description="What the provision says, translated; "
                            "the instrument and article are not repeated here.")


class RuleText(_Strict):
    source: str = Field(pattern=r"^[0-9a-f]{12}$", description="The fingerprint of the English "
                        "texts this translates (`fingerprint`).")
    title: str = Field(min_length=1)
    explanation: str = Field(min_length=1, description="The same Jinja variables and tags as "
                             "the English.")
    certainty: str = Field(min_length=1)
    verify: list[str] = []
    actions: list[ActionText] = []
    legal_basis: list[CitationText] = []


class LocaleFile(_Strict):
    title: str = Field(min_length=1, description="The rule file's title, translated.")
    summary: str | None = None
    rules: dict[str, RuleText] = {}


class Pending(_Strict):
    files: list[str] = Field(description="Rule files (e.g. procedure.yaml) not yet translated.")


@dataclass(frozen=True)
class _Translated:
    """One locale file as read: its texts and where each stands."""
    name: str
    text: LocaleFile
    document: Document


# --- the English texts and their fingerprint --------------------------------------------------


def _words(text: str | None) -> str | None:
    # folded YAML is reflowed freely; only the words are what a translator translated
    return None if text is None else " ".join(text.split())


def english_texts(rule: Rule) -> dict[str, Any]:
    """The texts of a rule a reader sees, in the shape of a locale entry."""
    return {
        "title": rule.title,
        "explanation": rule.explanation,
        "certainty": rule.certainty,
        "verify": list(rule.verify),
        "actions": [{"do": a.do, "needs": a.needs} for a in rule.actions],
        "legal_basis": [{"paraphrase": c.paraphrase} for c in rule.legal_basis],
    }


def fingerprint(rule: Rule) -> str:
    """12 hex digits of sha256 over the rule's English texts (whitespace-normalised)."""
    t = english_texts(rule)
    parts = [_words(t["title"]), _words(t["explanation"]), _words(t["certainty"]),
             [_words(v) for v in t["verify"]],
             [[_words(a["do"]), _words(a["needs"])] for a in t["actions"]],
             [_words(c["paraphrase"]) for c in t["legal_basis"]]]
    encoded = json.dumps(parts, ensure_ascii=False, separators=(",", ":")).encode()
    return hashlib.sha256(encoded).hexdigest()[:12]


# --- reading the locale files -----------------------------------------------------------------


def locale_dir(lang: str, rules_dir: Path | str | None = None) -> Path:
    return Path(rules_dir or default_rules_dir()) / "locale" / lang


def languages(rules_dir: Path | str | None = None) -> list[str]:
    """The languages with rule texts under rules/locale/, sorted."""
    root = Path(rules_dir or default_rules_dir()) / "locale"
    return sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


def _read(path: Path) -> _Translated:
    """One locale file, validated; an InputError lists its every problem, located."""
    document = load(path, str(path))
    return _Translated(path.name, validate(document, LocaleFile), document)


def _pending(folder: Path) -> tuple[dict[str, int], list[Problem]]:
    """The rule files `_pending.yaml` lists, each with the line it is listed on."""
    path = folder / PENDING
    if not path.is_file():
        return {}, []
    try:
        document = load(path, str(path))
        files = validate(document, Pending).files
    except InputError as error:
        return {}, list(error.problems)
    return {name: document.position(("files", i))[0] for i, name in enumerate(files)}, []


@dataclass(frozen=True)
class _English:
    """One English rule file: its document, the rules that validate (with their index), and
    the ids of all its rules, valid or not (a rule that does not validate is the rule
    checker's to report; its translation is not thereby a translation of no rule)."""
    document: Document | None
    rules: list[tuple[int, Rule]]
    ids: frozenset[str]


def _english_files(rules_dir: Path) -> dict[str, _English]:
    found: dict[str, _English] = {}
    for path in sorted(rules_dir.glob("*.yaml")):
        try:
            document = load(path, str(path))
        except InputError:
            found[path.name] = _English(None, [], frozenset())
            continue
        items = document.data.get("rules") if isinstance(document.data, dict) else None
        items = items if isinstance(items, list) else []
        valid = []
        for index, item in enumerate(items):
            try:
                valid.append((index, Rule.model_validate(item)))
            except ValueError:  # pydantic's ValidationError: reported by `assess rules check`
                continue
        ids = frozenset(str(item["id"]) for item in items
                        if isinstance(item, dict) and "id" in item)
        found[path.name] = _English(document, valid, ids)
    return found


# --- the texts in a language ------------------------------------------------------------------


_CACHE: dict[tuple[str, str], tuple[tuple, dict[str, _Translated]]] = {}


def _translations(lang: str, rules_dir: Path | str | None) -> dict[str, _Translated]:
    """The locale files of `lang` by rule-file name (cached until a file changes)."""
    folder = locale_dir(lang, rules_dir)
    paths = sorted(p for p in folder.glob("*.yaml") if p.name != PENDING) \
        if folder.is_dir() else []
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    key = (str(folder.resolve()), lang)
    cached = _CACHE.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    problems, files = [], {}
    for path in paths:
        try:
            files[path.name] = _read(path)
        except InputError as error:
            problems += error.problems
    if problems:
        raise InputError(problems)
    _CACHE[key] = (stamp, files)
    return files


def _entry(rule_id: str, lang: str, rules_dir: Path | str | None) -> RuleText | None:
    for translated in _translations(lang, rules_dir).values():
        if rule_id in translated.text.rules:
            return translated.text.rules[rule_id]
    return None


def rule_text(rule: Rule, lang: str, rules_dir: Path | str | None = None) -> Rule:
    """The rule with its reader-facing texts in `lang`. English, a rule with no translation,
    a translation of an English text since changed (stale fingerprint) and one whose shape or
    template variables do not match the English all give the English rule unchanged: the
    checker, not the report, is what fails on them. A locale file that cannot be read is an
    InputError, located."""
    if lang == SOURCE_LANGUAGE:
        return rule
    entry = _entry(rule.id, lang, rules_dir)
    if entry is None or entry.source != fingerprint(rule) or _mismatches(rule, entry):
        return rule
    actions = [a.model_copy(update={"do": t.do, "needs": t.needs})
               for a, t in zip(rule.actions, entry.actions)]
    citations = [c.model_copy(update={"paraphrase": t.paraphrase})
                 for c, t in zip(rule.legal_basis, entry.legal_basis)]
    return rule.model_copy(update={
        "title": entry.title, "explanation": entry.explanation, "certainty": entry.certainty,
        "verify": list(entry.verify), "actions": actions, "legal_basis": citations})


def file_text(file_name: str, lang: str,
              rules_dir: Path | str | None = None) -> tuple[str, str | None]:
    """A rule file's title and summary in `lang` (the English where it has no translation).
    `file_name` may be a path: only its name counts (rules/x.yaml and x.yaml alike)."""
    name = Path(file_name).name
    if lang != SOURCE_LANGUAGE:
        translated = _translations(lang, rules_dir).get(name)
        if translated is not None:
            return translated.text.title, translated.text.summary
    document = load(Path(rules_dir or default_rules_dir()) / name)
    data = document.data if isinstance(document.data, dict) else {}
    return str(data.get("title", "")), data.get("summary")


# --- what must agree with the English ---------------------------------------------------------


_EXPRESSION = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.DOTALL)
_TAG = re.compile(r"\{%-?\s*(.*?)\s*-?%\}", re.DOTALL)


def template_parts(text: str | None) -> tuple[frozenset[str], tuple[str, ...]]:
    """The Jinja expressions a text prints (as a set: a translation may reorder them, and
    name the person once where the English names them twice) and its tags, in order (the
    branching is the rule's logic, and must be the same)."""
    if not text:
        return frozenset(), ()
    squeeze = lambda s: " ".join(s.split())  # noqa: E731
    return (frozenset(squeeze(e) for e in _EXPRESSION.findall(text)),
            tuple(squeeze(t) for t in _TAG.findall(text)))


def _mismatches(rule: Rule, entry: RuleText) -> list[tuple[tuple, str]]:
    """Where `entry` does not fit `rule`: (location within the entry, what is wrong)."""
    found: list[tuple[tuple, str]] = []
    for field, english, translated in (("verify", rule.verify, entry.verify),
                                       ("actions", rule.actions, entry.actions),
                                       ("legal_basis", rule.legal_basis, entry.legal_basis)):
        if len(english) != len(translated):
            found.append(((field,), f"{len(translated)} {_noun(field, len(translated))} where "
                          f"the English has {len(english)} (the same number, in the same order)"))
    pairs: list[tuple[tuple, str | None, str | None]] = [
        (("title",), rule.title, entry.title),
        (("explanation",), rule.explanation, entry.explanation),
        (("certainty",), rule.certainty, entry.certainty)]
    pairs += [(("verify", i), e, t) for i, (e, t) in enumerate(zip(rule.verify, entry.verify))]
    for i, (e, t) in enumerate(zip(rule.actions, entry.actions)):
        pairs += [(("actions", i, "do"), e.do, t.do)]
        if (e.needs is None) != (t.needs is None):
            found.append((("actions", i), "has `needs` where the English action has none"
                          if e.needs is None else "lacks the `needs` the English action has"))
        else:
            pairs += [(("actions", i, "needs"), e.needs, t.needs)]
    pairs += [(("legal_basis", i, "paraphrase"), e.paraphrase, t.paraphrase)
              for i, (e, t) in enumerate(zip(rule.legal_basis, entry.legal_basis))]
    for loc, english, translated in pairs:
        message = _template_difference(english, translated)
        if message:
            found.append((loc, message))
    return found


def _template_difference(english: str | None, translated: str | None) -> str:
    (e_vars, e_tags), (t_vars, t_tags) = template_parts(english), template_parts(translated)
    parts = []
    if t_vars - e_vars:
        parts.append("prints " + ", ".join(f"{{{{ {v} }}}}" for v in sorted(t_vars - e_vars))
                     + ", which the English does not")
    if e_vars - t_vars:
        parts.append("lacks " + ", ".join(f"{{{{ {v} }}}}" for v in sorted(e_vars - t_vars))
                     + ", which the English prints")
    if e_tags != t_tags:
        parts.append("has the tags " + (" ".join(f"{{% {t} %}}" for t in t_tags) or "(none)")
                     + " where the English has "
                     + (" ".join(f"{{% {t} %}}" for t in e_tags) or "(none)"))
    return "; ".join(parts)


def _noun(field: str, n: int) -> str:
    return {"verify": "verify note", "actions": "action",
            "legal_basis": "paraphrase"}[field] + ("" if n == 1 else "s")


# --- the checker ------------------------------------------------------------------------------


def check_translations(rules_dir: Path | str | None, lang: str) -> list[Problem]:
    """Every problem of the `lang` texts of the rules in `rules_dir`, located (warnings have
    `warning=True`): missing or unknown translations, shapes and template variables that
    differ from the English, stale fingerprints, and the texts' own schema and compile errors."""
    rules_dir = Path(rules_dir or default_rules_dir())
    folder = locale_dir(lang, rules_dir)
    english = _english_files(rules_dir)
    pending, problems = _pending(folder)
    for name in sorted(set(pending) - set(english)):
        problems.append(Problem(str(folder / PENDING), pending[name], 1, "files",
                                f"lists {name}, which is no rule file",
                                f"one of {', '.join(sorted(english))}"))
    translated: dict[str, _Translated] = {}
    present = set()
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        if path.name == PENDING:
            continue
        present.add(path.name)
        try:
            translated[path.name] = _read(path)
        except InputError as error:
            problems += error.problems
    for name in sorted(set(translated) - set(english)):
        problems.append(Problem(translated[name].document.file, 1, 1, "",
                                f"translates {name}, which is no rule file",
                                f"one of {', '.join(sorted(english))}"))
    where_is = {i: name for name, e in english.items() for i in e.ids}
    for name, source in english.items():
        target = translated.get(name)
        if target is not None:
            problems += _check_file(source, target, where_is, folder, lang)
        if name in pending:
            missing = [p for p in problems if p.message == f"has no {lang} translation"
                       and p.file == str(rules_dir / name)]
            problems = [p for p in problems if p not in missing]
            # a stale translation is not yet the file's translation either
            stale = [p for p in problems if "older English" in p.message
                     and target is not None and p.file == target.document.file]
            done = target is not None and not missing and not stale
            problems.append(Problem(str(folder / PENDING), pending[name], 1, "files",
                                    f"lists {name}, whose every rule is translated" if done
                                    else f"{name} is not yet wholly translated into {lang}"
                                    + (f" ({len(missing)} rule(s) missing)" if target else ""),
                                    "take it off the list: its missing translations would "
                                    "then be errors" if done else "", warning=True))
        elif name not in present and source.document is not None:
            problems.append(Problem(str(rules_dir / name), 1, 1, "",
                                    f"has no {lang} translation", f"write {folder / name}"))
    return sorted(problems)


def _check_file(source: _English, target: _Translated, where_is: dict[str, str],
                folder: Path, lang: str) -> list[Problem]:
    """The problems of one locale file against its English rule file."""
    from jinja2 import TemplateError

    from .assessment import _TEMPLATES

    problems = []
    document = target.document
    data = source.document.data if source.document and isinstance(source.document.data,
                                                                   dict) else {}
    if bool(data.get("summary")) != (target.text.summary is not None):
        problems.append(document.problem(
            ("summary",) if target.text.summary is not None else (),
            "has a summary the English file does not" if target.text.summary is not None
            else "lacks the summary the English file has", path="summary"))
    for index, rule in source.rules:
        entry = target.text.rules.get(rule.id)
        if entry is None:
            line = source.document.position(("rules", index))[0] if source.document else 1
            problems.append(Problem(source.document.file if source.document else target.name,
                                    line, 1, rule.id, f"has no {lang} translation",
                                    f"add it under rules: in {folder / target.name}"))
            continue
        loc = ("rules", rule.id)
        # a stale translation is not printed (the English is, until it is reviewed): that it
        # no longer matches the English's shape is part of its staleness, a warning
        stale = entry.source != fingerprint(rule)
        for sub, message in _mismatches(rule, entry):
            problems.append(replace(document.problem((*loc, *sub), message), warning=stale))
        english_at = dict(_texts(RuleText.model_validate(
            {"source": "0" * 12, **english_texts(rule)}, strict=False)))
        for sub, text in _texts(entry):
            if _words(text) == _words(english_at.get(sub)):
                problems.append(document.problem(
                    (*loc, *sub), "is the English text, not translated",
                    f"translate it into {lang}"))
            try:
                _TEMPLATES.parse(text)
            except TemplateError as error:
                problems.append(document.problem((*loc, *sub), f"does not compile: {error}"))
        now = fingerprint(rule)
        if entry.source != now:
            problems.append(replace(document.problem(
                (*loc, "source"), f"translates an older English text (fingerprint "
                f"{entry.source}, now {now}): the report prints the English until the "
                "translation is reviewed",
                f"update it, then `assess rules translations --lang {lang} --stamp {rule.id}`",
                at_value=True), warning=True))
    for rule_id in target.text.rules:
        if rule_id not in source.ids:
            elsewhere = where_is.get(rule_id)
            problems.append(document.problem(
                ("rules", rule_id), f"translates {rule_id}, which is no rule of {target.name}",
                f"it is in {elsewhere}: move it to {folder / elsewhere}" if elsewhere
                else "remove it, or check the id", path=f"rules.{rule_id}"))
    return problems


def _texts(entry: RuleText) -> list[tuple[tuple, str]]:
    texts: list[tuple[tuple, str]] = [(("title",), entry.title),
                                      (("explanation",), entry.explanation),
                                      (("certainty",), entry.certainty)]
    texts += [(("verify", i), v) for i, v in enumerate(entry.verify)]
    for i, a in enumerate(entry.actions):
        texts += [(("actions", i, "do"), a.do)]
        texts += [(("actions", i, "needs"), a.needs)] if a.needs else []
    texts += [(("legal_basis", i, "paraphrase"), c.paraphrase)
              for i, c in enumerate(entry.legal_basis)]
    return texts


# --- recording what a translation translates --------------------------------------------------


def stamp(lang: str, rule_ids: list[str], rules_dir: Path | str | None = None) -> list[str]:
    """Set `source:` of each named translation to its rule's current fingerprint: the
    translator's statement that the translation has been reviewed against today's English.
    Only the `source:` line changes; the rest of the file (comments, layout) is kept. Returns
    the ids stamped; an id with no rule or no translation is an InputError."""
    rules_dir = Path(rules_dir or default_rules_dir())
    english = {rule.id: rule for e in _english_files(rules_dir).values()
               for _, rule in e.rules}
    wanted = set(rule_ids)
    problems, done = [], []
    planned: list[tuple[Path, str]] = []  # written only when every file could be stamped
    folder = locale_dir(lang, rules_dir)
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        if path.name == PENDING:
            continue
        try:
            document = load(path, str(path))
        except InputError as error:
            problems += error.problems
            continue
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        data = document.data if isinstance(document.data, dict) else {}
        entries = data.get("rules") if isinstance(data.get("rules"), dict) else {}
        for rule_id in sorted(wanted & set(entries)):
            if rule_id not in english:
                continue
            if ("rules", rule_id, "source") not in document.positions:
                problems.append(document.problem(("rules", rule_id), "has no `source:` line",
                                                 "add `source: \"\"` and stamp again"))
                continue
            line, column = document.position(("rules", rule_id, "source"))
            old = lines[line - 1]
            ending = old[len(old.rstrip("\r\n")):]
            lines[line - 1] = f"{old[:column - 1]}source: \"{fingerprint(english[rule_id])}\"{ending}"
            done.append(rule_id)
        if lines != path.read_text(encoding="utf-8").splitlines(keepends=True):
            planned.append((path, "".join(lines)))
    for rule_id in sorted(wanted - set(done)):
        if not any(p.path.startswith(f"rules.{rule_id}") for p in problems):
            problems.append(Problem(str(folder), 1, 1, rule_id, f"no {lang} translation of "
                                    f"{rule_id} to stamp" if rule_id in english
                                    else f"{rule_id} is no rule"))
    if problems:
        raise InputError(problems)
    for path, text in planned:
        mode = path.stat().st_mode & 0o777
        write_private(path, text)  # whole or not at all (a temporary file renamed over it)
        path.chmod(mode)  # a file of the repository, not a private report
    return done
