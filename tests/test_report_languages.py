"""Reports in another language: every format of each seed case renders in Russian, with no
English left but names, citations and quoted case text; a third language is catalogs and
rule files only; a missing translation shows in the report and fails the checker."""

from __future__ import annotations

import html as html_module
import io
import re
import shutil
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner
from pypdf import PdfReader

from assessor import i18n, translations
from assessor.cli import main
from assessor.caseload import load_case
from assessor.drafts import draft_markdown
from assessor.pipeline import Assessor
from assessor.render import render
from assessor.rulebook import load_rulebook
from conftest import AKHMETOVA, ROOT, SMAILOVA

FORMATS = ("md", "html", "pdf", "docx")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# spans whose Latin letters are not the tool's own words: addresses, identifiers, and what a
# rule quotes from a source in its own language ("foreseeable, personal, present and real")
URL = re.compile(r"https?://\S+|\b[\w.-]+\.(?:kz|ua|me|org|com|net|int)\b|\b[\w-]+/(?=\W)"
                 r"|\b[a-z]+(?:\\?_[a-z0-9]+)+\b"  # a case-file field: treaty_list_complete
                 r"|--[a-z][a-z-]+")  # a command's option: --as-of
QUOTED = re.compile(r'"[^"\n]{1,300}"|“[^”\n]{1,300}”')


def text_of(report: str | bytes, fmt: str) -> str:
    """What a reader sees of a report."""
    if fmt == "pdf":
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(report)).pages)
        return re.sub(r"-\n", "-", text)  # a word broken at a hyphen at the end of a line
    if fmt == "docx":  # the text Word shows: body, footnotes, headers and footers
        with zipfile.ZipFile(io.BytesIO(report)) as archive:
            parts = [archive.read(n).decode("utf-8") for n in archive.namelist()
                     if re.fullmatch(r"word/(document|footnotes|header\d*|footer\d*)\.xml", n)]
        paragraphs = [p for part in parts for p in re.split(r"</w:p>", part)]
        return html_module.unescape("\n".join(
            "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)) for p in paragraphs))
    if fmt == "html":
        body = re.sub(r"<(style|svg)\b.*?</\1>", " ", report, flags=re.S)
        return html_module.unescape(re.sub(r"<[^>]+>", " ", body))
    return re.sub(r"\\([\\`*_\[\]#|~])", r"\1", report)  # Markdown's escapes undone


def words(text: str) -> set[str]:
    return {w.strip("'’-").lower().removesuffix("'s").removesuffix("’s")
            for w in LATIN_WORD.findall(text)} - {""}


def texts_in(node: object) -> set[str]:
    """Every text in a YAML or JSON document, whitespace folded."""
    if isinstance(node, dict):
        return {t for value in node.values() for t in texts_in(value)}
    if isinstance(node, list):
        return {t for item in node for t in texts_in(item)}
    return {" ".join(node.split())} if isinstance(node, str) else set()


def case_texts(path: Path) -> set[str]:
    """Every text the case file writes, whitespace folded."""
    return texts_in(yaml.safe_load(path.read_text(encoding="utf-8")))


def case_words(path: Path) -> set[str]:
    """Every word the case file writes: names, offences, notes, source titles are quoted as
    the lawyer wrote them, in whatever language."""
    return {w for t in case_texts(path) for w in words(t)}


@lru_cache(maxsize=None)
def kept_in_english(lang: str) -> set[str]:
    """Catalog entries a translator deliberately left as the English (a body's name no
    source gives in the language, e.g. the Commission for the Control of Interpol's Files)."""
    with i18n.catalog_path(lang).open("rb") as f:
        catalog = read_po(f)
    return {w for m in catalog if m.id and isinstance(m.id, str) and m.string == m.id
            for w in words(m.id)}


def reference_strings(*codes: str) -> list[str]:
    """What the reference data on these states quotes as written: its sources' titles,
    publishers and addresses, the values it records (a law's title, who decides), and the
    provisions the statutory time limits cite, before their paraphrase."""
    from assessor import states
    from assessor.limits import limits_for

    data = states.reference()
    files = [f for f in (data.state(c) for c in set(codes)) if f is not None]
    files += list(data.pairs.values())
    found = [text for f in files for s in f.sources for text in (s.title, s.publisher, s.url)]
    found += [entry.value for f in files for entries in f.facts.values() for entry in entries
              if isinstance(entry.value, str)]
    found += [limit.basis.split(":")[0] for c in codes for limit in limits_for(c)]
    return [" ".join(text.split()) for text in found]


def allowed(assessment, path: Path) -> set[str]:
    """The words a report in another language may print in Latin script, all from the
    assessment's own data: the case file's text, identifiers, the instruments and
    articles it cites (English where the glossary has no official name), the decided cases'
    titles and citations, and the catalog's deliberate English."""
    a = assessment
    found = case_words(path) | kept_in_english(a.language)
    findings = [*a.findings, *a.superseded]
    if a.removal:
        findings += [*a.removal.findings, *a.removal.superseded]
    for f in findings:
        found |= words(f.rule_id)
        for p in f.precedents:
            found |= words(p)
    # the citations: a name or a bare citation the catalog keeps as written (above), a law's
    # title as the reference data records it; an article the rule describes is translated
    found |= {w for text in reference_strings(a.requested, a.requesting) for w in words(text)}
    for d in a.deadlines:  # the provision each deadline cites, before its paraphrase
        found |= words(d.basis.split(":")[0])
    found |= words(" ".join([a.case_id, a.input_name or "", a.input_sha256 or "", a.rules_version,
                             *a.nationalities, a.requesting, a.requested,
                             *(s.id for s in a.sources)]))
    return found


def rules_in_english(assessment) -> set[str]:
    """The words of the fired rules' English texts where the language has no current
    translation of the rule: a rule file still listed in rules/locale/<lang>/_pending.yaml,
    or a translation gone stale since the English changed. The rule checker reports both
    (as warnings), and the report prints the English rather than words the rule no longer
    says; counted apart."""
    rulebook = load_rulebook()
    found: set[str] = set()
    ids = [f.rule_id for f in [*assessment.findings, *assessment.superseded,
                               *(assessment.removal.findings if assessment.removal else [])]]
    for rule_id in ids:
        rule = rulebook.by_id[rule_id].rule
        if translations.rule_text(rule, assessment.language) is rule:
            texts = translations.english_texts(rule)
            found |= words(" ".join([texts["title"], texts["explanation"], texts["certainty"],
                                     *texts["verify"], *(a["do"] + " " + (a["needs"] or "")
                                                         for a in texts["actions"]),
                                     *(c["paraphrase"] for c in texts["legal_basis"])]))
    # an action is merged across rules: any fired rule's untranslated action may show
    return found


def pending_texts(assessment) -> list[str]:
    """The texts, as rendered, of the rules printed in English (no current translation)."""
    rulebook = load_rulebook()
    found = []
    for f in [*assessment.findings, *assessment.superseded,
              *(assessment.removal.findings if assessment.removal else [])]:
        rule = rulebook.by_id[f.rule_id].rule
        if translations.rule_text(rule, assessment.language) is rule:
            found += [f.title, f.title.lower(), f.explanation, f.certainty, *f.verify,
                      *(c.paraphrase for c in f.legal_basis)]
            found += [x.do for x in assessment.actions if f.rule_id in x.because]
            found += [x.needs for x in assessment.actions if f.rule_id in x.because and x.needs]
    return [" ".join(t.split()) for t in found if t]


def latin_left(text: str, assessment, path: Path) -> set[str]:
    """The words of the tool's own left in English: every Latin-script word that is not the
    case file's, an identifier, a citation, or a rule still printed in English."""
    visible = QUOTED.sub(" ", URL.sub(" ", " ".join(text.split())))
    seen = {w for w in words(visible) if not re.fullmatch(r"[a-z]{1,2}", w)}
    # identifiers and acronyms: NR-01, AL, OHCHR, [PERSON] (a redaction's placeholder)
    acronyms = words(" ".join(re.findall(r"\b[A-Z][A-Z0-9-]+\b", visible)))
    ok = allowed(assessment, path)
    # case text cut short in a warning ("…children agains…") is still the case's text
    left = {w for w in seen - ok - acronyms
            if not (len(w) >= 4 and any(c.startswith(w) for c in ok))}
    # a rule without a current translation prints its English (the checker's warning)
    return left - rules_in_english(assessment)


@pytest.fixture(scope="module")
def russian():
    """Each seed case assessed in Russian and rendered in every format, once."""
    rulebook = load_rulebook()
    reports = {}
    with Assessor(rulebook) as assessor, i18n.language("ru"):
        for path in (SMAILOVA, AKHMETOVA):
            assessment = assessor.assess(load_case(path), analyse=True)
            for fmt in FORMATS:
                reports[path.name, fmt] = (assessment, render(assessment, fmt))
    return reports


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", [SMAILOVA, AKHMETOVA], ids=lambda p: p.stem)
def test_a_russian_report_has_no_english_of_the_tools_own(russian, path, fmt):
    assessment, report = russian[path.name, fmt]
    text = text_of(report, fmt)
    assert assessment.language == "ru"
    assert "Оценка риска выдачи" in text or "ОЦЕНКА РИСКА ВЫДАЧИ" in text.upper()
    # the facts' details, the chronology and the trajectory are the tool's words too
    tool = latin_left(text, assessment, path)
    assert not tool, f"English words of the tool's own in the {fmt} report: {sorted(tool)}"
    assert iso_dates_left(text, path) == [], f"ISO dates in the {fmt} report"


def iso_dates_left(text: str, path: Path) -> list[str]:
    """Dates the tool wrote as ISO in a report whose language writes them in words: all but
    the command a report tells the reader to type (`--as-of 2026-11-30`), addresses and the
    case file's own text."""
    flat = URL.sub(" ", re.sub(r"--as-of \S+", " ", " ".join(text.split())))
    for quoted in sorted(case_texts(path), key=len, reverse=True):
        flat = flat.replace(quoted, " ")
    return re.findall(r"(?<![\w/.-])\d{4}-\d{2}(?:-\d{2})?(?![\w/.-])", flat)


def untranslated_messages(text: str, quoted: list[str] = ()) -> list[str]:
    """Catalog messages printed in English although the Russian catalog translates them
    (outside the `quoted` texts: the case's own words)."""
    with i18n.catalog_path("ru").open("rb") as f:
        catalog = read_po(f)
    found = []
    flat = " ".join(text.split())
    for q in sorted(quoted, key=len, reverse=True):
        flat = flat.replace(q, " ")
    for m in catalog:
        if not m.id or not isinstance(m.id, str) or m.string == m.id:
            continue
        # the longest stretch of the English between placeholders, if it is a phrase
        parts = re.split(r"\{[a-z_]+\}|%\([a-z_]+\)s", " ".join(m.id.split()))
        longest = max(parts, key=len).strip(" .,:;()")
        if len(longest.split()) >= 3 and longest in flat:
            found.append(longest)
    return found


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", [SMAILOVA, AKHMETOVA], ids=lambda p: p.stem)
def test_no_catalog_string_is_left_in_english(russian, path, fmt):
    assessment, report = russian[path.name, fmt]
    quoted = sorted(case_texts(path)) + pending_texts(assessment)
    assert untranslated_messages(text_of(report, fmt), quoted) == []


def test_russian_conventions_dates_numbers_and_names(russian):
    assessment, md = russian[SMAILOVA.name, "md"]
    assert "1 ноября 2024\u202fг." in md                     # CLDR's long date
    assert assessment.requested_name == "Черногория"          # CLDR's country name
    assert "Dinara Smailova" in md                            # a name as the case writes it
    assert "Конвенция против пыток и других жестоких" in md  # the glossary's official name
    assert "UN Convention against Torture" not in md
    assert re.search(r"\d+ дн(ей|я)\b|\d+ день\b", md)        # a Russian plural


def test_lang_flag_settings_file_and_the_flag_wins(tmp_path):
    settings = tmp_path / "settings.yaml"
    settings.write_text("lang: ru\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, [str(SMAILOVA), "--settings", str(settings)])
    assert result.exit_code == 0, result.output
    assert "риск выдачи" in result.output and "основания против выдачи" in result.output
    assert i18n.current() == "en"  # the language ended with the command
    # English again after a Russian run in the same process: the language ends with the
    # command
    result = runner.invoke(main, [str(SMAILOVA)])
    assert "risk of surrender" in result.output and "риск" not in result.output
    result = runner.invoke(main, [str(SMAILOVA), "--settings", str(settings), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "risk of surrender" in result.output and "риск" not in result.output
    result = runner.invoke(main, [str(SMAILOVA), "--lang", "fr"])
    assert result.exit_code == 2 and "'fr' is not a language" in result.output


@pytest.mark.parametrize("fmt", FORMATS + ("json",))
def test_a_redacted_russian_report_leaks_no_name(tmp_path, fmt):
    out = tmp_path / f"shared.{fmt}"
    result = CliRunner().invoke(main, [str(SMAILOVA), "--lang", "ru", "--redact", "--format",
                                       fmt, "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    text = text_of(data if fmt in ("pdf", "docx") else data.decode("utf-8"), fmt)
    assert "Smailova" not in text and "Dinara" not in text and "Смаилова" not in text
    assert "[PERSON]" in text


def test_the_caseload_summary_and_the_calendar_in_russian(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, [str(SMAILOVA), str(AKHMETOVA), "--summary", "--lang", "ru"])
    assert result.exit_code == 0, result.output
    assert "УРОВЕНЬ" in result.output and "УМЕРЕННЫЙ" in result.output
    assert "LEVEL" not in result.output and "MODERATE" not in result.output
    # its warnings, dates and counts too: only the cases' own words, identifiers and the
    # option it tells the reader to type are left in Latin script
    flat = URL.sub(" ", re.sub(r"--as-of \S+", " ", result.output))
    left = words(flat) - case_words(SMAILOVA) - case_words(AKHMETOVA) - kept_in_english("ru")
    assert {w for w in left if not re.fullmatch(r"[a-z]{1,2}|[a-z]{2}-\d{2}", w)} == set()
    assert re.findall(r"(?<![\w/.-])\d{4}-\d{2}-\d{2}(?![\w/.-])", flat) == []
    assert "1 умеренный" not in result.output  # a count beside its level, not before it
    out = tmp_path / "summary.html"
    result = runner.invoke(main, [str(SMAILOVA), "--summary", "--lang", "ru", "--format",
                                  "html", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert '<html lang="ru">' in page and "Перечень дел: сводка рисков выдачи" in page
    ics = tmp_path / "deadlines.ics"
    result = runner.invoke(main, [str(SMAILOVA), "--lang", "ru", "--format", "ics", "-o",
                                  str(ics), "-q"])
    assert result.exit_code == 0, result.output
    from assessor.ics import unfolded

    calendar = unfolded(ics.read_text(encoding="utf-8"))
    assert "Сроки: дело smailova-me" in calendar and "Рассчитано по файлу дела" in calendar


# --- a third language is catalogs and rule files only -------------------------------------

PSEUDO = "eo"  # a CLDR language with neither catalog nor rule texts here: the test makes both


def wrap(text: str) -> str:
    return f"⟦{text}⟧"


def pseudo_catalog(folder: Path) -> None:
    """Every message of the template, wrapped: ⟦...⟧ marks what came from the catalog."""
    with i18n.CATALOG_TEMPLATE.open("rb") as f:
        catalog = read_po(f, locale=PSEUDO)
    for m in catalog:
        if m.id:
            m.string = (tuple(wrap(i) for i in (m.id[0], m.id[1]))
                        if isinstance(m.id, tuple) else wrap(m.id))
    target = i18n.catalog_path(PSEUDO, folder)
    target.parent.mkdir(parents=True)
    with target.open("wb") as f:
        write_po(f, catalog)


def pseudo_rule_texts(rules: Path) -> None:
    """Every rule's texts, wrapped, with the fingerprint of the English they translate."""
    folder = rules / "locale" / PSEUDO
    folder.mkdir(parents=True)
    by_id = load_rulebook(rules).by_id
    for path in sorted(rules.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        entries = {}
        for item in data.get("rules", []):
            rule = by_id[item["id"]].rule
            t = translations.english_texts(rule)
            entries[rule.id] = {
                "source": translations.fingerprint(rule),
                "title": wrap(t["title"]), "explanation": wrap(t["explanation"]),
                "certainty": wrap(t["certainty"]), "verify": [wrap(v) for v in t["verify"]],
                "actions": [{"do": wrap(a["do"]), **({"needs": wrap(a["needs"])}
                                                     if a["needs"] else {})}
                            for a in t["actions"]],
                "legal_basis": [{"paraphrase": wrap(c["paraphrase"])}
                                for c in t["legal_basis"]]}
        body = {"title": wrap(data["title"]), "rules": entries}
        if data.get("summary"):
            body["summary"] = wrap(data["summary"])
        (folder / path.name).write_text(yaml.safe_dump(body, allow_unicode=True),
                                        encoding="utf-8")


def test_a_third_language_is_a_catalog_and_rule_files(tmp_path, rules):
    locale_dir = tmp_path / "locale"
    pseudo_catalog(locale_dir)
    pseudo_rule_texts(rules)
    assert translations.check_translations(rules, PSEUDO) == []
    assert i18n.check_catalog(PSEUDO, locale_dir) == []
    with Assessor(load_rulebook(rules)) as assessor, i18n.language(PSEUDO, locale_dir):
        assessment = assessor.assess(load_case(SMAILOVA), analyse=True)
        md = render(assessment, "md")
        draft = draft_markdown(assessment, "interpol-ccf")
    assert assessment.language == PSEUDO
    assert all(f.title.startswith("⟦") for f in assessment.findings)
    assert all(x.do.startswith("⟦") for x in assessment.actions)
    assert "⟦Extradition risk assessment: " in md and "⟦Legal grounds against surrender⟧" in md
    assert "⟦Findings⟧" in md and "⟦Method and limits⟧" in md
    # no line of the tool's own is left unwrapped: every heading comes from the catalog
    headings = [line for line in md.splitlines() if line.startswith(("## ", "### "))]
    assert headings and all("⟦" in h for h in headings), headings
    # the drafts likewise (tests/test_drafts_ru.py scans them in Russian): every heading,
    # label and gap, and the note to the lawyer
    lines = [line for line in draft.splitlines() if line.startswith(("#", "- **", "> "))]
    assert lines and all("⟦" in line for line in lines), lines
    assert "**[⟦TO COMPLETE⟧: ⟦" in draft


# --- a missing translation shows in the report and fails the checker ----------------------

def test_a_missing_catalog_entry_falls_back_to_english_and_fails_the_check(tmp_path,
                                                                          monkeypatch):
    i18n_check = i18n.check_catalog
    folder = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, folder)
    po = i18n.catalog_path("ru", folder)
    with po.open("rb") as f:
        catalog = read_po(f, locale="ru")
    catalog.delete("Legal grounds against surrender")
    catalog["Recommended actions"].string = "Рекомендуемые действия {n}"  # a stray placeholder
    with po.open("wb") as f:
        write_po(f, catalog)
    problems = [str(p) for p in i18n.check_catalog("ru", folder)]
    assert any("'Legal grounds against surrender': no translation" in p for p in problems)
    assert any("'Recommended actions': placeholders ['{n}']" in p for p in problems)
    assert i18n.check_catalog("ru") == []  # the shipped catalog is complete
    from assessor import rulecheck

    # `assess rules check` (CI) runs the same check on every catalog it ships
    monkeypatch.setattr(i18n, "check_catalog", lambda lang: i18n_check(lang, folder))
    report = rulecheck.check()
    assert any("'Legal grounds against surrender': no translation" in str(d)
               for d in report.defects), report.defects
    with Assessor(load_rulebook()) as assessor, i18n.language("ru", folder):
        md = render(assessor.assess(load_case(SMAILOVA)), "md")
    assert "## Legal grounds against surrender" in md  # the English, visibly
    assert "## Выводы" in md


def test_a_missing_rule_translation_falls_back_to_english_and_fails_the_check(rules):
    # while a language is being translated, _pending.yaml turns missing texts into warnings
    (rules / "locale" / "ru" / "_pending.yaml").unlink(missing_ok=True)
    locale_file = rules / "locale" / "ru" / "non_refoulement.yaml"
    data = yaml.safe_load(locale_file.read_text(encoding="utf-8"))
    english_title = next(r.rule.title for r in load_rulebook(rules).rules if r.id == "NR-01")
    del data["rules"]["NR-01"]
    locale_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    problems = translations.check_translations(rules, "ru")
    assert any(p.path == "NR-01" and "has no ru translation" in p.message and not p.warning
               for p in problems), problems
    with Assessor(load_rulebook(rules)) as assessor, i18n.language("ru"):
        assessment = assessor.assess(load_case(SMAILOVA))
    titles = {f.rule_id: f.title for f in assessment.findings}
    assert titles["NR-01"] == english_title  # the English, visibly


def test_the_catalog_template_is_current_and_the_russian_catalog_complete(tmp_path):
    """`pybabel extract` over the code, templates and data gives the committed template
    (a string marked since is in it), and the Russian catalog translates every message."""
    from babel.messages.frontend import CommandLineInterface

    out = tmp_path / "assess.pot"
    CommandLineInterface().run([
        "pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-o", str(out),
        "--omit-header", "-k", "pgettext:1c,2", "-k", "plural_form:1,2", "-k", "reason:2",
        "-k", "fact:3", "-k", "_register:2",
        str(ROOT)])

    def ids(path: Path) -> set:
        with path.open("rb") as f:
            return {(m.context, m.id) for m in read_po(f) if m.id}

    assert ids(out) == ids(i18n.CATALOG_TEMPLATE)
    assert i18n.check_catalog("ru") == []


@pytest.mark.parametrize("path", [SMAILOVA, AKHMETOVA], ids=lambda p: p.stem)
def test_the_terminal_summary_trajectory_and_what_if_are_russian(russian, path):
    """What the command prints (the summary, --trajectory and a what-if) is in the
    language too: its levels, dates, rule titles and words; the lawyer's own --assume text
    is echoed as typed."""
    assessment, _report = russian[path.name, "md"]
    assume = "fact:rule39_indicated=true"
    result = CliRunner().invoke(main, [str(path), "--lang", "ru", "--trajectory",
                                       "--assume", assume])
    assert result.exit_code == 0, result.output
    output = result.output.replace(assume, " ")
    assert "как менялся риск" in output and "что если" in output
    assert latin_left(output, assessment, path) == set()
    assert iso_dates_left(output, path) == []


def test_the_fact_catalogue_lists_its_meanings_in_russian():
    """`assess facts --lang ru`: each fact's label, direction and meaning in Russian beside
    its identifier, type and values (the codes a case file and `--assume fact:` use)."""
    from assessor.facts import CATALOGUE

    result = CliRunner().invoke(main, ["facts", "--lang", "ru"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == len(CATALOGUE)
    for line in lines:
        name, rest = line.split(" «", 1)
        words_said = re.sub(r"\[[^\]]*\]", " ", rest)  # the type and the values: codes
        # acronyms (CCF, UK, EU-01) and the facts' names (family_pressured)
        words_said = re.sub(r"\b[A-Z][A-Z0-9-]+\b|\b[a-z0-9]+(?:_[a-z0-9]+)+\b", " ",
                            words_said)
        left = {w for w in words(words_said) - kept_in_english("ru")
                if not re.fullmatch(r"[a-z]{1,2}", w)}
        # a meaning names case law and provisions as cited (Othman v UK, Art 22), and a
        # label the Latin maxim (ne bis in idem)
        assert left <= {"othman", "art", "bis", "idem"}, (name, left)
