"""Draft filings: offered only when the assessment recommends the action, with the case's
facts, dates and grounds in place, gaps marked, escaped, redacted, and openable in Word and
LibreOffice."""

from __future__ import annotations

import io
import re

import docx
import pytest
from click.testing import CliRunner

from assessor.cli import main
from assessor.documents.ooxml import document_text
from assessor.drafts import DraftRefused, catalogue, check_offered, draft_docx, draft_markdown, offers
from assessor.settings import Settings

from conftest import AKHMETOVA, SMAILOVA, day
from office import needs_office, to_pdf


@pytest.fixture(scope="module")
def akhmetova_2020(assessor):
    return assessor.assess_file(AKHMETOVA, day("2020-05-31"), analyse=True)[1]


@pytest.fixture(scope="module")
def smailova_2025(assessor):
    return assessor.assess_file(SMAILOVA, day("2025-09-17"), analyse=True)[1]


def test_a_rule39_draft_for_akhmetova_in_may_2020(akhmetova_2020):
    assert [o.kind.id for o in offers(akhmetova_2020)] == list(catalogue())
    offer = check_offered(akhmetova_2020, "rule39")
    assert any(re.search(r"\((.*, )?IR-02(, .*)?\)$", reason) for reason in offer.because)


def test_no_rule39_draft_for_smailova_in_september_2025(smailova_2025):
    """Refugee status granted: no imminent removal, so no Rule 39 request, no urgent appeal
    and no treaty-body complaint; the red notice still calls for the CCF."""
    assert [o.kind.id for o in offers(smailova_2025)] == ["interpol-ccf"]
    with pytest.raises(DraftRefused, match="does not recommend a request to the European "
                                           "Court of Human Rights"):
        check_offered(smailova_2025, "rule39")


def test_the_rule39_draft_follows_the_practice_direction(akhmetova_2020):
    text = draft_markdown(akhmetova_2020, "rule39", Settings(author="Jane Doe"))
    assert "**Rule 39 – Urgent**" in text
    assert "**Person to contact (name and contact details):** Jane Doe" in text
    assert ("**Scheduled date and time of removal and destination:** **[TO COMPLETE: date "
            "and time of the scheduled removal") in text
    assert ", to Kazakhstan" in text
    assert "Zhanara Akhmetova must not be extradited, expelled or otherwise removed to " \
           "Kazakhstan" in text
    # the risk: the Article 2 and 3 grounds, not the child's interests (Art 8)
    assert "**Personal risk of torture shown by the treatment of the person's group**" in text
    assert "**Risk to life in custody**" in text
    assert "cares for a minor child" not in text
    # the domestic remedies: the final decision from the timeline, then gaps
    assert "- 2020-05-14: Asylum appeal dismissed by Supreme Court of Ukraine (final)" in text
    assert "automatic suspensive effect" in text
    # documents to attach: the case's sources, then what the lawyer must add
    assert "Kyiv Court of Appeal, decision of 31 July 2018" in text
    assert "**[TO COMPLETE: the applicant's authority form" in text
    # nothing dated after the as-of date enters the draft
    assert "2020-05-22" not in text


def test_the_ccf_draft_cites_interpol_s_constitution(smailova_2025):
    text = draft_markdown(smailova_2025, "interpol-ccf")
    assert "Constitution of Interpol, Art 3" in text or "Art 3" in text
    assert "Dinara Smailova" in text and "deletion" in text


def test_case_text_cannot_make_a_gap_a_heading_or_bold(akhmetova_2020):
    hostile = akhmetova_2020.model_copy(update={"person": "Ivan [[Ivanov]] **Bold**\n# Head"})
    text = draft_markdown(hostile, "rule39")
    assert "[TO COMPLETE: Ivanov]" not in text
    assert "Ivan \\[\\[Ivanov\\]\\] \\*\\*Bold\\*\\* \\# Head" in text
    document = docx.Document(io.BytesIO(draft_docx(hostile, "rule39")))
    gaps = [r.text for p in document.paragraphs for r in p.runs if r.style.name == "Gap"]
    assert gaps and not any("Ivanov" in g for g in gaps)
    assert any("Ivan [[Ivanov]] **Bold** # Head" in p.text for p in document.paragraphs)


def test_every_draft_is_a_structured_word_document(akhmetova_2020):
    for name in catalogue():
        document = docx.Document(io.BytesIO(draft_docx(akhmetova_2020, name)))
        styles = [p.style.name for p in document.paragraphs]
        assert styles.count("Title") == 1, name
        assert "Heading 1" in styles and "List Number" in styles, name
        assert any(r.style.name == "Gap" for p in document.paragraphs for r in p.runs), name
        assert document.core_properties.title.startswith("Draft: "), name


def test_a_client_draft_is_privileged_in_header_and_properties(akhmetova_2020):
    client = akhmetova_2020.model_copy(update={"provenance": "client"})
    document = docx.Document(io.BytesIO(draft_docx(client, "urgent-appeal")))
    assert "PRIVILEGED AND CONFIDENTIAL" in document.sections[0].header.paragraphs[0].text
    assert document.core_properties.category == "Privileged and confidential"
    assert draft_markdown(client, "urgent-appeal").startswith(
        "**PRIVILEGED AND CONFIDENTIAL: DRAFT FOR COUNSEL**")


def test_cyrillic_round_trips_in_a_draft(akhmetova_2020):
    cyrillic = akhmetova_2020.model_copy(update={"person": "Жанара Ахметова"})
    document = docx.Document(io.BytesIO(draft_docx(cyrillic, "rule39",
                                                   Settings(firm="Kovač & Partneri"))))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Жанара Ахметова must not be extradited" in text
    assert "Kovač & Partneri" in text


# --- the command line ---------------------------------------------------------------------

def test_assess_drafts_lists_what_the_case_supports():
    result = CliRunner().invoke(main, ["drafts", str(SMAILOVA), "--as-of", "2025-09-17"])
    assert result.exit_code == 0, result.output
    assert "drafts supported as of 2025-09-17: 1 of 4" in result.output
    assert "  interpol-ccf: " in result.output and "rule39" not in result.output


def test_a_refused_draft_exits_2_with_the_reason_and_writes_nothing(tmp_path):
    out = tmp_path / "rule39.docx"
    result = CliRunner().invoke(main, [str(SMAILOVA), "--as-of", "2025-09-17", "--draft",
                                       "rule39", "-o", str(out)])
    assert result.exit_code == 2
    assert "no rule39 draft for case smailova-me as of 2025-09-17" in result.output
    assert "Drafts this case supports now: interpol-ccf" in result.output
    assert not out.exists()
    result = CliRunner().invoke(main, [str(SMAILOVA), "--draft", "appeal", "-o", str(out)])
    assert result.exit_code == 2 and "no draft called 'appeal'" in result.output


def test_the_cli_writes_docx_and_md_drafts_privately(tmp_path):
    for suffix in ("docx", "md"):
        out = tmp_path / f"rule39.{suffix}"
        result = CliRunner().invoke(main, [str(AKHMETOVA), "--as-of", "2020-05-31", "--draft",
                                           "rule39", "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "rule39.md").read_text(encoding="utf-8").count("Rule 39 – Urgent") == 1
    result = CliRunner().invoke(main, [str(AKHMETOVA), "--draft", "rule39", "-o",
                                       str(tmp_path / "rule39.pdf")])
    assert result.exit_code == 2 and "written as .docx or .md" in result.output


def test_redacted_drafts_name_nobody_in_text_or_properties(tmp_path):
    for suffix in ("docx", "md"):
        out = tmp_path / f"r.{suffix}"
        result = CliRunner().invoke(main, [str(AKHMETOVA), "--as-of", "2020-05-31", "--draft",
                                           "rule39", "--redact", "-o", str(out)])
        assert result.exit_code == 0, result.output
        data = out.read_bytes()
        text = document_text(data) if suffix == "docx" else re.sub(
            r"\\(.)", r"\1", data.decode("utf-8"))  # Markdown escapes undone
        assert "[PERSON]" in text
        assert not re.search(r"Zhanara|Akhmetova", text, re.IGNORECASE)


def test_a_secret_in_a_drafts_properties_stops_it(tmp_path):
    settings = tmp_path / "settings.yaml"
    settings.write_text("author: Zhanara Akhmetova\n", encoding="utf-8")
    out = tmp_path / "r.docx"
    result = CliRunner().invoke(main, [str(AKHMETOVA), "--as-of", "2020-05-31", "--draft",
                                       "rule39", "--redact", "--settings", str(settings),
                                       "-o", str(out)])
    assert result.exit_code == 2
    assert "refusing to write a redacted report" in result.output
    assert not out.exists()


@needs_office
def test_libreoffice_opens_every_draft(akhmetova_2020, tmp_path):
    paths = []
    for name in catalogue():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(draft_docx(akhmetova_2020.model_copy(update={
            "person": "Жанара Ахметова"}), name))
        paths.append(path)
    printed = to_pdf(paths, tmp_path)
    for path in paths:
        pages, text = printed[path]
        assert 1 <= pages <= 15, path.name
        assert "Ахметова" in text and "TO COMPLETE" in text, path.name
    assert "Rule 39 – Urgent" in printed[paths[0]][1]


def _state_says(monkeypatch, answers: dict[str, bool]):
    import datetime as dt

    from assessor import states

    def fact(code, key, on):
        if key not in answers:
            return None
        return states.Dated(key=key, value=answers[key], start=None, end=None, sources=(),
                            confidence="primary", checked=dt.date(2026, 11, 30))

    monkeypatch.setattr(states, "state_fact", fact)


def test_the_communication_goes_to_a_committee_the_state_accepts(akhmetova_2020, monkeypatch):
    _state_says(monkeypatch, {"cat_art22_declaration": False, "iccpr_op1_party": True})
    text = draft_markdown(akhmetova_2020, "un-communication")
    assert "# Individual communication to the Human Rights Committee" in text
    assert "Optional Protocol to the International Covenant" in text


def test_no_communication_where_the_state_accepts_neither_committee(akhmetova_2020,
                                                                     monkeypatch):
    _state_says(monkeypatch, {"cat_art22_declaration": False, "iccpr_op1_party": False})
    assert "un-communication" not in [o.kind.id for o in offers(akhmetova_2020)]
    with pytest.raises(DraftRefused, match="Ukraine has not made the declaration under "
                                           "article 22.*is not a party to the Optional"):
        check_offered(akhmetova_2020, "un-communication")


# --- drafts follow the stage of the case ------------------------------------------------

@pytest.fixture(scope="module")
def removed(assessor):
    from conftest import CASES

    a = assessor.assess_file(CASES / "surrendered.yaml", day("2024-09-01"), analyse=True)[1]
    assert a.stage == "removed"
    return a


def test_after_a_removal_no_rule39_draft_and_no_communication_against_removal(removed):
    # the assessment does recommend a communication about the removal (AR-03, AR-04) ...
    assert {x.forum for x in removed.actions} >= {"un_committee_against_torture"}
    # ... but the draft asks for interim measures against a removal: not offered
    offered = [o.kind.id for o in offers(removed)]
    assert "un-communication" not in offered and "rule39" not in offered
    for name in ("un-communication", "rule39"):
        with pytest.raises(DraftRefused, match="removed to the requesting state"):
            check_offered(removed, name)


def test_after_a_removal_the_urgent_appeal_is_worded_for_the_person_now_held(removed):
    text = draft_markdown(removed, "urgent-appeal", today=day("2024-09-02"))
    assert "has been removed from" in text
    assert "asking where" in text and "calling on it not to remove" not in text


def test_before_a_removal_the_urgent_appeal_asks_that_it_not_happen(akhmetova_2020):
    text = draft_markdown(akhmetova_2020, "urgent-appeal", today=day("2020-06-01"))
    assert "calling on it not to remove" in text and "has been removed from" not in text


def test_every_draft_names_stages_that_exist():
    from assessor.stage import STAGES

    for kind in catalogue().values():
        assert kind.stages and set(kind.stages) <= set(STAGES), kind.id
