"""The words a report prints for the assessment's own codes (a level, a ground's nature and
strength, a finding's effect), in the report's language.

The codes stay English in the data (JSON, the rules, the tests); only what a reader sees is
translated. Each word carries its sense as a gettext context: "moderate" is a level of risk,
"strong" the strength of a ground, and another language may need two words for them.
"""

from __future__ import annotations

from .i18n import pgettext


def level(key: str) -> str:
    """low, moderate, high, critical: the level of a risk."""
    return {
        "low": pgettext("level", "low"),
        "moderate": pgettext("level", "moderate"),
        "high": pgettext("level", "high"),
        "critical": pgettext("level", "critical"),
    }.get(key, key)


def nature(key: str | None) -> str:
    """absolute, mandatory, discretionary: a ground's nature in law."""
    return {
        "absolute": pgettext("nature", "absolute"),
        "mandatory": pgettext("nature", "mandatory"),
        "discretionary": pgettext("nature", "discretionary"),
    }.get(key or "", key or "")


def strength(key: str | None) -> str:
    """established, strong, arguable, weak: how well the case supports a ground."""
    return {
        "established": pgettext("strength", "established"),
        "strong": pgettext("strength", "strong"),
        "arguable": pgettext("strength", "arguable"),
        "weak": pgettext("strength", "weak"),
    }.get(key or "", key or "")


def effect(key: str) -> str:
    """bar, raises, lowers, note: what a finding does to the assessment."""
    return {
        "bar": pgettext("effect", "bar"),
        "raises": pgettext("effect", "raises"),
        "lowers": pgettext("effect", "lowers"),
        "note": pgettext("effect", "note"),
    }.get(key, key)


def urgency(key: str) -> str:
    """immediate, days, weeks, ongoing: how soon an action is due (the terminal's tag)."""
    return {
        "immediate": pgettext("urgency", "immediate"),
        "days": pgettext("urgency", "days"),
        "weeks": pgettext("urgency", "weeks"),
        "ongoing": pgettext("urgency", "ongoing"),
    }.get(key, key)


def claim_kind(key: str) -> str:
    """asylum, subsidiary, temporary, unhcr_mandate: the protection a claim seeks."""
    return {
        "asylum": pgettext("claim", "asylum"),
        "subsidiary": pgettext("claim", "subsidiary protection"),
        "temporary": pgettext("claim", "temporary protection"),
        "unhcr_mandate": pgettext("claim", "UNHCR mandate"),
    }.get(key, key.replace("_", " "))


def precision(key: str) -> str:
    """How exactly a date is known, as in "known only to the month"."""
    return {
        "month": pgettext("precision", "month"),
        "year": pgettext("precision", "year"),
        "day": pgettext("precision", "day"),
    }.get(key, key)


def credibility(key: str) -> str:
    """credible, doubtful, unreliable: a diplomatic assurance graded (assessor.assurances)."""
    return {
        "credible": pgettext("assurance", "credible"),
        "doubtful": pgettext("assurance", "doubtful"),
        "unreliable": pgettext("assurance", "unreliable"),
    }.get(key, key)
