"""Drafts in Russian: each draft each seed case is offered renders in Russian as Markdown and
as a Word document, with no English of the tool's own left (the scan of the Russian reports,
tests/test_report_languages.py), dates in CLDR's Russian, the glossary's names of the bodies,
the refusals in Russian, and redaction leaking no name."""

from __future__ import annotations

import io
import re

import docx
import pytest
from click.testing import CliRunner

from assessor import i18n, states
from assessor.caseload import load_case
from assessor.cli import main
from assessor.drafts import (TREATY_BODIES, DraftRefused, catalogue, check_offered, draft_docx,
                             draft_markdown, offers)
from assessor.glossary import official_name
from assessor.pipeline import Assessor
from assessor.rulebook import load_rulebook
from conftest import AKHMETOVA, CASES, SMAILOVA, day
from test_drafts import _state_says
from test_report_languages import (case_texts, latin_left, pending_texts, text_of,
                                   untranslated_messages, words)

FORMATS = ("md", "docx")
# the drafts each seed case is offered at its own as-of date (Akhmetova: 2020-05-31, the
# eve of the Rule 39 request; Smailova: 2024-11-01, protection pending, a red notice)
OFFERED = {SMAILOVA: ["interpol-ccf"],
           AKHMETOVA: ["rule39", "un-communication", "urgent-appeal", "interpol-ccf"]}
TODAY = day("2026-11-30")
NAMES = {SMAILOVA: r"Dinara|Smailova|Динар|Смаилов", AKHMETOVA: r"Zhanara|Akhmetova|Жанар|Ахметов"}


def render(assessment, name: str, fmt: str) -> str | bytes:
    if fmt == "md":
        return draft_markdown(assessment, name, today=TODAY)
    return draft_docx(assessment, name, today=TODAY)


@pytest.fixture(scope="module")
def russian():
    """Each seed case assessed in Russian, with the drafts it is offered, once."""
    found = {}
    with Assessor(load_rulebook()) as assessor, i18n.language("ru"):
        for path in OFFERED:
            found[path] = assessor.assess(load_case(path), analyse=True)
    return found


def state_citations(assessment) -> list[str]:
    """The titles and publishers of the states' reference data a communication cites (the
    documents' own titles, in English)."""
    texts = []
    for key, _body in TREATY_BODIES:
        dated = states.state_fact(assessment.requested, key, assessment.as_of)
        for s in dated.sources if dated else ():
            texts += [s.title, s.publisher]
    return texts


def english_of_the_tools_own(text: str, assessment, path) -> set[str]:
    return latin_left(text, assessment, path) - words(" ".join(state_citations(assessment)))


CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def headings(draft: str | bytes, fmt: str) -> list[str]:
    """The draft's title, headings and bold labels ("**Гражданство:**")."""
    if fmt == "docx":
        paragraphs = docx.Document(io.BytesIO(draft)).paragraphs
        return [p.text for p in paragraphs if p.style.name in ("Title", "Heading 1", "Heading 2")] \
            + [r.text for p in paragraphs for r in p.runs if r.bold and r.text.endswith(":")]
    return [line for line in draft.splitlines() if line.startswith("#")] + \
        re.findall(r"\*\*([^*\[]+:)\*\*", draft)


def test_the_seed_cases_are_offered_the_drafts_tested(russian):
    for path, names in OFFERED.items():
        assert [o.kind.id for o in offers(russian[path])] == names, path.name


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path,name", [(p, n) for p, names in OFFERED.items() for n in names],
                         ids=lambda x: getattr(x, "stem", x))
def test_a_russian_draft_has_no_english_of_the_tools_own(russian, path, name, fmt):
    assessment = russian[path]
    draft = render(assessment, name, fmt)
    text = text_of(draft, fmt)
    assert "ЗАПОЛНИТЬ" in text and "TO COMPLETE" not in text
    # the scan below allows any word the case file writes ("the", "request"): the headings
    # and labels, the tool's alone, must each be Russian
    titles = headings(draft, fmt)
    assert titles and all(CYRILLIC.search(t) for t in titles), titles
    assert "Проект документа (" in text  # the note to the lawyer
    tool = english_of_the_tools_own(text, assessment, path)
    assert not tool, f"English words of the tool's own in the {name} {fmt} draft: {sorted(tool)}"
    quoted = sorted(case_texts(path)) + pending_texts(assessment) + state_citations(assessment)
    assert untranslated_messages(text, quoted) == []


def test_russian_conventions_in_a_draft(russian):
    a = russian[AKHMETOVA]
    rule39 = draft_markdown(a, "rule39", today=TODAY)
    assert "составлен 30 ноября 2026\u202fг. на основе файла дела, оценённого по состоянию " \
           "на 31 мая 2020\u202fг." in rule39                      # CLDR's long dates
    assert "г.." not in rule39                                       # one stop after "г."
    assert "- 14 мая 2020\u202fг.: " in rule39                     # the chronology's dates
    assert "лицо (Zhanara Akhmetova) не должно быть выдано" in rule39  # the name as written
    assert "**Государство, которого касается запрос:** Украина" in rule39  # CLDR's country
    assert "**[ЗАПОЛНИТЬ: факты, делающие высылку неминуемой" in rule39
    communication = draft_markdown(a, "un-communication", today=TODAY)
    cat = official_name("Committee against Torture", "ru")
    assert cat == "Комитет против пыток"                             # the glossary's name
    assert f"# Индивидуальное сообщение в {cat} с просьбой" in communication
    assert official_name("UN Convention against Torture", "ru") + ", статья 22" in communication
    assert "вторичный источник" in communication and "secondary source" not in communication
    appeal = draft_markdown(a, "urgent-appeal", today=TODAY)
    assert "\\[немедленно\\] " in appeal                            # the urgency's word
    assert "Специальный докладчик по вопросу о пытках" in appeal


def test_a_russian_word_draft_has_russian_properties_and_header(russian):
    client = russian[AKHMETOVA].model_copy(update={"provenance": "client"})
    document = docx.Document(io.BytesIO(draft_docx(client, "rule39", today=TODAY)))
    assert document.core_properties.title == (
        "Проект: Запрос о применении временной меры на основании Правила 39 регламента Суда "
        "(Европейский Суд по правам человека)")
    assert document.core_properties.keywords == "проект rule39; дело akhmetova-ua"
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    assert "КОНФИДЕНЦИАЛЬНО" in header and "Проект: дело akhmetova-ua" in header
    gaps = [r.text for p in document.paragraphs for r in p.runs if r.style.name == "Gap"]
    assert gaps and all(g.startswith("[ЗАПОЛНИТЬ: ") for g in gaps)


def test_the_communication_to_the_human_rights_committee_in_russian(russian, monkeypatch):
    _state_says(monkeypatch, {"cat_art22_declaration": False, "iccpr_op1_party": True})
    text = draft_markdown(russian[AKHMETOVA], "un-communication", today=TODAY)
    hrc = official_name("Human Rights Committee", "ru")
    assert f"# Индивидуальное сообщение в {hrc} с просьбой" in text
    assert "Представляется на основании: Факультативный протокол к Международному пакту о " \
           "гражданских и политических правах." in text
    assert "является участником Факультативного протокола к Пакту; справочные данные о " \
           "государствах это подтверждают" in text


def test_refusals_in_russian(russian, monkeypatch):
    with i18n.language("ru"), pytest.raises(DraftRefused) as refused:
        check_offered(russian[SMAILOVA], "rule39")
    assert str(refused.value) == (
        "проект rule39 по делу smailova-me по состоянию на 1 ноября 2024\u202fг. не "
        "составляется: оценка не рекомендует действие: запрос в Европейский Суд по правам "
        "человека о применении временной меры (на этих фактах нет неминуемого риска высылки, "
        "на который распространяется практика Суда по Правилу 39). Проекты, которые можно "
        "составить по делу сейчас: interpol-ccf")
    _state_says(monkeypatch, {"cat_art22_declaration": False, "iccpr_op1_party": False})
    with i18n.language("ru"), pytest.raises(DraftRefused) as refused:
        check_offered(russian[AKHMETOVA], "un-communication")
    assert ("государство Украина не сделало заявления по статье 22 Конвенции против пыток по "
            "состоянию на 31 мая 2020\u202fг." in str(refused.value))
    assert "; кроме того, государство Украина не является участником" in str(refused.value)
    assert not re.search(r"\b(on|and|draft|case)\b", str(refused.value))


def test_after_a_removal_the_russian_urgent_appeal_is_worded_for_the_person_now_held(assessor):
    with i18n.language("ru"):
        removed = assessor.assess_file(CASES / "surrendered.yaml", day("2024-09-01"),
                                       analyse=True)[1]
        with pytest.raises(DraftRefused, match="дело находится на стадии «"):
            check_offered(removed, "rule39")
    text = draft_markdown(removed, "urgent-appeal", today=TODAY)
    assert "было перемещено из государства" in text and "где теперь находится" in text
    assert "с призывом не высылать" not in text
    tool = english_of_the_tools_own(text_of(text, "md"), removed, CASES / "surrendered.yaml")
    assert not tool, sorted(tool)


# --- the command line ---------------------------------------------------------------------

def test_lang_ru_writes_the_draft_in_russian(tmp_path):
    for suffix in FORMATS:
        out = tmp_path / f"draft.{suffix}"
        result = CliRunner().invoke(main, [str(SMAILOVA), "--lang", "ru", "--draft",
                                           "interpol-ccf", "-o", str(out), "-q"])
        assert result.exit_code == 0, result.output
        assert result.stderr == ""  # no note: the draft is in the language asked for
        text = text_of(out.read_bytes() if suffix == "docx" else out.read_text("utf-8"), suffix)
        assert "Обращение с просьбой о доступе к данным в файлах Интерпола" in text
        assert "Request for access" not in text
    assert i18n.current() == "en"  # the language ended with the command
    result = CliRunner().invoke(main, [str(SMAILOVA), "--lang", "ru", "--draft", "rule39",
                                       "-o", str(tmp_path / "r.md")])
    assert result.exit_code == 2 and "проект rule39 по делу smailova-me" in result.output


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path,name", [(p, n) for p, names in OFFERED.items() for n in names],
                         ids=lambda x: getattr(x, "stem", x))
def test_a_redacted_russian_draft_names_nobody(tmp_path, path, name, fmt):
    out = tmp_path / f"shared.{fmt}"
    result = CliRunner().invoke(main, [str(path), "--lang", "ru", "--redact", "--draft", name,
                                       "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    text = text_of(data if fmt == "docx" else data.decode("utf-8"), fmt)
    assert "[PERSON]" in text and "ЗАПОЛНИТЬ" in text
    # the person's names, in the Latin script of the case file and in Cyrillic (any ending)
    names = NAMES[path]
    assert not re.search(names, text, re.IGNORECASE)
    if fmt == "docx":
        properties = docx.Document(io.BytesIO(data)).core_properties
        assert "[ОБЕЗЛИЧЕНО]" in properties.title
        assert not re.search(names, " ".join([properties.title, properties.subject,
                                               properties.keywords]), re.IGNORECASE)


def test_the_list_of_drafts_is_in_the_language_asked_for(russian, tmp_path):
    """`assess drafts --lang ru` lists the drafts, what each does and the actions behind it
    in Russian; `lang:` in the settings file is its default; English is as it was."""
    result = CliRunner().invoke(main, ["drafts", str(AKHMETOVA), "--lang", "ru"])
    assert result.exit_code == 0, result.output
    assert "проекты документов, обоснованные на 31 мая 2020" in result.output
    names = set(catalogue())  # what --draft takes: rule39, interpol-ccf
    assert english_of_the_tools_own(result.output, russian[AKHMETOVA], AKHMETOVA) <= names
    english = CliRunner().invoke(main, ["drafts", str(AKHMETOVA)])
    assert "drafts supported as of 2020-05-31: 4 of 4" in english.output
    assert "because: [immediate]" in english.output
