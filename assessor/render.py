"""Assessment -> text: JSON, and the report templates in reports/ (one structure for all).

Templates render the Assessment; they never recompute it. Every piece of case text is
escaped for the output format, and no case text is ever compiled as a template.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .assessment import Assessment
from .rulebook import FORUMS

FORMATS = ("md", "json")
CATEGORY_TITLES = {
    "non_refoulement": "Non-refoulement",
    "protection": "Asylum and international protection",
    "political_offence": "Political offence and persecution",
    "fair_trial": "Fair trial",
    "death_penalty": "Death penalty",
    "other_bars": "Other grounds for refusal",
    "legal_basis": "Legal basis for surrender",
    "procedure": "Extradition proceedings",
    "international": "International involvement",
    "interpol": "Interpol",
    "irregular_removal": "Irregular removal",
    "country_conditions": "Country conditions",
    "assurances": "Diplomatic assurances",
}
URGENCY_TITLES = {"immediate": "Immediately", "days": "Within days",
                  "weeks": "Within weeks", "ongoing": "Ongoing"}

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")


def md_escape(value: object) -> str:
    """Case text as literal Markdown: control characters escaped, HTML neutralised."""
    text = str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return " ".join(text.split())


def reports_dir() -> Path:
    checkout = Path(__file__).resolve().parent.parent / "reports"
    if checkout.is_dir():
        return checkout
    return Path(str(resources.files("assessor.reports")))


@lru_cache(maxsize=None)
def environment(kind: str) -> Environment:
    """One Jinja environment per output kind; templates come only from reports/."""
    env = Environment(
        loader=FileSystemLoader(str(reports_dir())),
        autoescape=select_autoescape(["html"]) if kind == "html" else False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["forum"] = lambda key: FORUMS.get(key, key)
    env.filters["category"] = lambda key: CATEGORY_TITLES.get(key, key)
    env.filters["urgency"] = lambda key: URGENCY_TITLES.get(key, key)
    env.filters["value"] = _value_text
    env.globals["Markup"] = Markup
    return env


def _value_text(value: object) -> str:
    if value is None:
        return "unknown"
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value).replace("_", " ")


def render(assessment: Assessment, fmt: str) -> str:
    if fmt == "json":
        return assessment.model_dump_json(indent=2) + "\n"
    if fmt == "md":
        return environment("md").get_template("report.md.j2").render(
            a=assessment, **_groups(assessment))
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _groups(assessment: Assessment) -> dict[str, object]:
    """Findings grouped by ground and actions by urgency, in a stable order."""
    by_category: dict[str, list] = {}
    for finding in assessment.findings:
        by_category.setdefault(finding.category, []).append(finding)
    order = list(CATEGORY_TITLES)
    grouped = sorted(by_category.items(), key=lambda item: order.index(item[0]))
    by_urgency: dict[str, list] = {}
    for action in assessment.actions:
        by_urgency.setdefault(action.urgency, []).append(action)
    footnotes = {s.id: i for i, s in enumerate(assessment.sources, 1)}
    return {"grouped": grouped, "by_urgency": list(by_urgency.items()),
            "footnotes": footnotes}
