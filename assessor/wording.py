"""The words the tool composes from a case's entries, in the language of the report.

A fact's detail ("claimed 2023-10-17; request received 2024-05-23") is made when the facts
are derived, in the language the command runs in (`i18n.language`): its sentence is a
catalog message, its dates are written by `when` and its codes by `code`. English keeps
the words it always printed (ISO dates, a code's own words), so English reports do not
change; another language gets CLDR's dates and the catalog's words.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Mapping

from .dates import PartialDate
from .i18n import N_, _, current, current_dir, format_date, format_number, locale

# model.Profile: who the person is, as the details of `political_profile` print it
PROFILES = {
    "human_rights_defender": N_("human rights defender"),
    "journalist": N_("journalist"),
    "opposition_member": N_("member of the opposition"),
    "opposition_leader": N_("opposition leader"),
    "religious_group_member": N_("member of a religious group"),
    "ethnic_minority": N_("member of an ethnic minority"),
    "lgbti": N_("LGBTI person"),
    "businessperson": N_("businessperson"),
    "former_official": N_("former official"),
    "ordinary_suspect": N_("ordinary suspect"),
    "terrorism_suspect": N_("suspected of terrorism (the state's label)"),
    "accused_of_coup_or_rebellion": N_("accused of a coup or rebellion (the state's label)"),
    "armed_group_member": N_("member of an armed group (the state's label)"),
    "associate_of_opposition_figure": N_("associate of an opposition figure"),
    "imputed_membership": N_("membership imputed by the state"),
}
# model.Detention.kind
ARRESTS = {
    "extradition_arrest": N_("extradition arrest"),
    "provisional_arrest": N_("provisional arrest"),
    "house_arrest": N_("house arrest"),
    "other": N_("detention"),
}
# model.ExtraditionDecision.level, where the case file does not name the court
LEVELS = {
    "first_instance": N_("court of first instance"),
    "appeal": N_("court of appeal"),
    "supreme": N_("supreme court"),
    "minister": N_("minister"),
    "constitutional": N_("constitutional court"),
}
NOTICES = {"red_notice": N_("red notice"), "diffusion": N_("diffusion")}
# model.DecisionOutcome: a decision on a claim for protection
DECISIONS = {
    "granted": N_("granted"),
    "refused": N_("refused"),
    "appeal_filed": N_("appeal filed"),
    "appeal_allowed": N_("appeal allowed"),
    "appeal_dismissed": N_("appeal dismissed"),
    "remitted": N_("sent back for a new decision"),
    "withdrawn": N_("withdrawn"),
}
# model.OutcomeKind, as a noun: what happened to the person
OUTCOMES = {
    "surrender": N_("surrender"),
    "expulsion": N_("expulsion"),
    "deportation": N_("deportation"),
    "abduction": N_("abduction"),
    "release": N_("release"),
    "departure": N_("departure"),
    "death": N_("death"),
}


_DAY = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_BOUNDS = re.compile(rf"(?:after ({_DAY}))?(?:, )?(?:before ({_DAY}))?")


def when(value: PartialDate | dt.date | str | None, *, governed: bool = False) -> str:
    """A date as the report's language writes it: in English as the case file wrote it
    ("2024-05-23", "2023-10", "2019", "after 2020-05-26, before 2020-05-31"); in Russian
    "23 мая 2024 г.", "октябрь 2023 г.", and bounds in words. `governed`: the date follows a
    preposition ("до", "после"), so a month stands in its form inside a phrase ("марта
    2017 г."), not its standalone form ("март 2017 г.")."""
    if value is None:
        return ""
    lang = current()
    if lang == "en":
        return str(value)
    # a case's dates come back at every date of a trajectory: each is written once. Keyed
    # by its text too: "2024" and "after 2024-01-01, before 2024-12-31" compare equal
    return _written(lang, current_dir(), type(value).__name__, str(value), value, governed)


@lru_cache(maxsize=4096)
def _written(lang: str, folder: object, kind: str, text: str,
             value: PartialDate | dt.date | str, governed: bool) -> str:
    if isinstance(value, PartialDate) and value.is_bounded:
        bounds = [(N_("after {date}"), value.after), (N_("before {date}"), value.before)]
        return ", ".join(_(words).format(date=when(bound, governed=True))
                         for words, bound in bounds if bound)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    bounds = _BOUNDS.fullmatch(text)  # a bounded date as the JSON keeps it (str(PartialDate))
    if bounds and any(bounds.groups()):
        after, before = (PartialDate.parse(g) if g else None for g in bounds.groups())
        return when(PartialDate.bounded(after, before))
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text)
    if not match:
        return text  # not a date the tool made: as written
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if day:
            return format_date(dt.date(year, month, day), lang)  # type: ignore[arg-type]
        from babel.dates import format_date as babel_format

        skeleton = "yMMMM" if month else "y"
        pattern = str(locale(lang).datetime_skeletons[skeleton])
        if governed:  # CLDR's skeleton is the standalone month (LLLL); in a phrase, MMMM
            pattern = pattern.replace("LLLL", "MMMM")
        return babel_format(dt.date(year, month or 1, 1), pattern, locale=locale(lang))
    except (ValueError, KeyError):
        return text


def value_words(value: object) -> str:
    """A fact's value as a report prints it: yes, no, not known, or a code's words
    (reports/value-labels.yaml; in English the code's own words, as ever)."""
    if value is None:
        return _("not known")
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if isinstance(value, str):
        words = _value_labels().get(value)
        if not words or current() == "en":
            return value.replace("_", " ")
        return _(words)
    return str(value)


@lru_cache(maxsize=1)
def _value_labels() -> dict[str, str]:
    import yaml

    from .paths import bundled

    return yaml.safe_load((bundled("reports") / "value-labels.yaml").read_text(encoding="utf-8"))


def code(value: str, words: Mapping[str, str]) -> str:
    """A code of the case format (provisional_arrest, red_notice) as the report prints it: in
    English its own words ("provisional arrest"), in another language the catalog's
    translation of `words[value]`."""
    if current() == "en" or value not in words:
        return value.replace("_", " ")
    return _(words[value])


def number(value: int | float) -> str:
    """A number in a detail: as Python writes it in English (as ever), CLDR's way otherwise
    ("1 234 567" in Russian)."""
    return str(value) if current() == "en" else format_number(value, current())


def state(code: str | None) -> str:
    """A state a case file names by its code ("DE"): the code in English, as the details
    always printed it; CLDR's name in another language ("Германия")."""
    if not code or current() == "en":
        return code or ""
    from .countries import country_name

    return country_name(code)
