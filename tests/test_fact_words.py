"""The words the tool composes from a case's entries (each fact's detail, the warnings about
dates), in another language: no English of the tool's own left, over every calibration point
and small rule case (which together fire every rule) and generated cases; and English as it
always was."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).parent))
from strategies import as_of_dates, cases, targeted  # noqa: E402
from test_report_languages import kept_in_english, reference_strings, texts_in  # noqa: E402

from assessor import i18n  # noqa: E402
from assessor.dates import PartialDate  # noqa: E402
from assessor.facts import derive  # noqa: E402
from assessor.model import Case  # noqa: E402
from assessor.wording import when  # noqa: E402

LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def english_left(text: str, quoted: list[str]) -> set[str]:
    """The Latin-script words of `text` that no quoted text (the case's, the reference
    data's) accounts for, other than acronyms and identifiers (KZ, EU-01, C-352/22), and
    the ISO dates left in it."""
    flat = " ".join(text.split())
    # case text a warning cuts short ("'…the first sixty characters…'") is quoted too
    cuts = [q[:cut] for q in quoted for cut in (60, 70, 80) if len(q) > cut]
    for q in sorted({*quoted, *cuts}, key=len, reverse=True):
        if q.strip():  # a whole quotation, not the letters "fr" inside "from"
            flat = re.sub(rf"(?<!\w){re.escape(q)}(?!\w)", " ", flat)
    # addresses, and a field of the case format a warning names (`known_from`)
    flat = re.sub(r"https?://\S+|\b[a-z]+(?:_[a-z0-9]+)+\b", " ", flat)
    # a date the tool wrote as ISO where the language writes it in words
    iso = set(re.findall(r"(?<![\w/.-])\d{4}-\d{2}(?:-\d{2})?(?![\w/.-])", flat))
    # a name the catalog keeps in English on purpose (no official Russian name was found)
    return iso | {w for w in LATIN_WORD.findall(flat)
            if not re.fullmatch(r"[A-Z][A-Z0-9-]*|[a-z]{1,2}", w)
            and w.lower() not in kept_in_english("ru")}


def russian_words(case: Case, as_of: dt.date) -> dict[str, set[str]]:
    """Each detail and warning of the case's facts, derived in Russian, with the English
    words left in it."""
    with i18n.language("ru"):
        facts = derive(case, as_of)
    # every text the case file writes (names, offences, summaries, references, codes)
    quoted = sorted(texts_in(case.model_dump(mode="json")))
    quoted += reference_strings(case.states.requesting, case.states.requested)
    texts = {f"detail of {name}": text for name, text in facts.details.items()}
    texts |= {f"warning {i}": text for i, text in enumerate(facts.warnings)}
    return {where: left for where, text in texts.items()
            if (left := english_left(text, quoted))}


def test_every_targeted_case_composes_its_details_in_russian():
    left = {}
    for case, as_of in targeted():
        for where, words in russian_words(case, as_of).items():
            left.setdefault(where, set()).update(words)
    assert left == {}, f"English words in Russian details: {left}"


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(case=cases, as_of=as_of_dates)
def test_a_generated_case_composes_its_details_in_russian(case, as_of):
    assert russian_words(case, as_of) == {}


def test_english_details_are_as_they_always_were():
    """English keeps ISO dates and a code's own words (the goldens hold whole reports)."""
    case, as_of = next((c, d) for c, d in targeted() if c.extradition.detentions)
    facts = derive(case, as_of)
    detention = case.extradition.detentions[0]
    assert str(detention.start) in facts.details["arrested_for_extradition"]
    assert detention.kind.replace("_", " ") in facts.details["arrested_for_extradition"]


@pytest.mark.parametrize("value, nominative, governed", [
    ("2024-05-23", "23 мая 2024\u202fг.", "23 мая 2024\u202fг."),
    ("2017-03", "март 2017\u202fг.", "марта 2017\u202fг."),
    ("2019", "2019", "2019"),
])
def test_a_date_in_russian_takes_the_form_its_place_needs(value, nominative, governed):
    with i18n.language("ru"):
        assert when(PartialDate.parse(value)) == nominative
        assert when(value, governed=True) == governed


def test_bounds_are_words_in_russian_and_as_written_in_english():
    bounded = PartialDate.bounded(PartialDate.parse("2017-03"), PartialDate.parse("2020-05-31"))
    assert when(bounded) == "after 2017-03, before 2020-05-31"
    with i18n.language("ru"):
        # the JSON keeps a bounded date as its English text: read back, it is words again
        assert when(bounded) == when(str(bounded)) == "после марта 2017\u202fг., до 31 мая 2020\u202fг."


def test_two_dates_that_compare_equal_keep_their_own_words():
    """A year and the bounds of that same year compare equal as dates; each is still
    written as itself (the words are cached per date)."""
    year = PartialDate.parse("2024")
    bounds = PartialDate.bounded(PartialDate.parse("2024-01-01"), PartialDate.parse("2024-12-31"))
    assert year == bounds
    with i18n.language("ru"):
        assert when(year) == "2024"
        assert when(bounds).startswith("после 1 января 2024")


def test_a_month_takes_its_governed_form_after_a_preposition_in_a_deadline():
    """A claim known only to the month: the deadline says when it was filed in the
    standalone form, and counts "с последнего дня октября", not "периода октябрь"."""
    import yaml

    from assessor.deadlines import deadlines
    from conftest import SMAILOVA

    data = yaml.safe_load(SMAILOVA.read_text(encoding="utf-8"))
    for claim in data["protection"]:
        if str(claim.get("filed")) == "2023-10-26":
            claim["filed"] = "2023-10"
    case = Case.model_validate(data)
    with i18n.language("ru"):
        found = [d.what for d in deadlines(case, dt.date(2024, 11, 1))]
    assert found and all("подано: октябрь 2023\u202fг." in w for w in found)
    assert all("с последнего дня октября 2023\u202fг." in w for w in found)
