"""Every sentence a rule prints is true of the case it describes.

rules/data/claims.yaml lists the phrases that state a fact about the case ("is a recognised
refugee", "torture ... is systemic", "before the extradition court") and the condition over
facts each one asserts. Here every rule that fires is rendered, on the shipped cases at
their calibration dates, on the small rule cases (together they fire every rule), and on
cases hypothesis draws, and each printed sentence (title, explanation, certainty, points to
verify, actions) is checked against the facts of the case as of the date: a phrase printed
for a case whose facts do not meet its condition is a false sentence.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import given

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from conftest import ROOT, edit  # noqa: E402
from strategies import as_of_dates, cases, targeted  # noqa: E402

from assessor import conditions  # noqa: E402
from assessor.facts import derive, fact_types  # noqa: E402

TABLE = ROOT / "rules" / "data" / "claims.yaml"
_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+")


@dataclass(frozen=True)
class Claim:
    phrase: re.Pattern
    unless: tuple[str, ...]
    asserts: conditions.Condition | None  # None: no fact tells it, never to be printed
    why: str


def load_claims(path: Path = TABLE) -> list[Claim]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))["claims"]
    types = fact_types()
    return [Claim(re.compile(entry["phrase"], re.IGNORECASE),
                  tuple(w.lower() for w in entry.get("unless", ())),
                  None if entry.get("never") else conditions.parse(entry["asserts"], types),
                  entry["why"])
            for entry in data]


CLAIMS = load_claims()


def printed(assessment) -> list[tuple[str, str, str]]:
    """(rule id, part, text) for every sentence the rules print in this assessment."""
    findings = [*assessment.findings, *assessment.superseded]
    if assessment.removal is not None:
        findings += [*assessment.removal.findings, *assessment.removal.superseded]
    texts = []
    for f in findings:
        texts += [(f.rule_id, "title", f.title), (f.rule_id, "explanation", f.explanation),
                  (f.rule_id, "certainty", f.certainty)]
        texts += [(f.rule_id, "verify", v) for v in f.verify]
    for action in assessment.actions:
        texts.append((", ".join(action.because), "action", action.do))
    return texts


# a value printed as the code holds it: an unknown fact printed as "None", a boolean as
# "False" (unknown is "not known" in every sentence, never "no" or "false")
_RAW_VALUE = re.compile(r"\b(None|True|False|Undefined)\b")
_ARTICLE = re.compile(r"\ba (?:[aeio]\w+)")


def false_sentences(assessment, values: dict, claims: list[Claim] = CLAIMS) -> list[str]:
    """Each printed phrase whose condition the case's facts do not meet, said in words."""
    found = []
    for rule_id, part, text in printed(assessment):
        for raw in _RAW_VALUE.finditer(text):
            found.append(f"{rule_id} {part}: {text!r} prints the value {raw.group(0)!r}")
        for wrong in _ARTICLE.finditer(text):  # "a ethnic minority": a value after "a"
            found.append(f"{rule_id} {part}: {text!r} writes {wrong.group(0)!r}")
        for sentence in _SENTENCE_END.split(text):
            for claim in claims:
                for match in claim.phrase.finditer(sentence):
                    before = sentence[:match.start()].lower()
                    if any(word in before for word in claim.unless):
                        continue
                    if claim.asserts is not None and conditions.evaluate(claim.asserts, values):
                        continue
                    found.append(f"{rule_id} {part}: {sentence!r} says {match.group(0)!r} "
                                 f"({claim.why}), which the facts do not establish")
    return found


def _check(assessor, case, as_of) -> None:
    assessment = assessor.assess(case, as_of)
    values = derive(case, as_of).values
    assert false_sentences(assessment, values) == [], f"{case.case_id} as of {as_of}"


def test_every_sentence_is_true_of_the_shipped_and_rule_cases(reference):
    problems = []
    for case, as_of in targeted():
        a = reference.assess(case, as_of)
        problems += [f"{case.case_id} as of {as_of}: {p}"
                     for p in false_sentences(a, derive(case, as_of).values)]
    assert problems == [], "\n".join(problems)


@given(cases, as_of_dates)
def test_every_sentence_is_true_of_generated_cases(reference, case, as_of):
    a = reference.assess(case, as_of)
    assert false_sentences(a, derive(case, as_of).values) == []


def test_every_sentence_is_true_of_the_shipped_cases_on_each_of_their_dates(reference):
    """Each shipped case at every date its file records (its stages follow one another)."""
    from assessor.caseload import load_case
    from assessor.facts import timeline_dates

    from conftest import CASES

    problems = []
    for path in sorted(CASES.glob("*.yaml")):
        case = load_case(path)
        days = sorted({d.latest for _, d in timeline_dates(case) if d.latest.year < 9999})
        for day in days:
            a = reference.assess(case, day)
            problems += [f"{path.name} as of {day}: {p}"
                         for p in false_sentences(a, derive(case, day).values)]
    assert problems == [], "\n".join(problems[:40])


def test_every_phrase_of_the_table_is_one_a_rule_can_print():
    """No dead entry: each phrase (but those no rule may print) matches some rule's text."""
    text = " ".join(" ".join(p.read_text(encoding="utf-8").split())
                    for p in sorted((ROOT / "rules").glob("*.yaml")))
    text = re.sub(r"\{\{[^}]*\}\}", "X", text)  # a value of the case stands anywhere
    dead = [c.phrase.pattern for c in CLAIMS
            if c.asserts is not None and not c.phrase.search(text)]
    assert dead == []


def test_a_rule_printing_a_phrase_its_case_lacks_is_caught(rules):
    """Broken once, for good: PR-01 (which fires whenever the person is wanted) made to call
    the person a recognised refugee is caught on a case with no refugee status."""
    import datetime as dt

    from assessor.caseload import load_case
    from assessor.pipeline import Assessor
    from assessor.rulebook import load_rulebook

    from conftest import AKHMETOVA

    def claim_refugee(rule, _):
        rule["title"] = "Wanted by the requesting state, though a recognised refugee"

    edit(rules, "PR-01", claim_refugee)
    case, day = load_case(AKHMETOVA), dt.date(2020, 5, 31)
    broken = Assessor(load_rulebook(rules), engine="reference").assess(case, day)
    found = false_sentences(broken, derive(case, day).values)
    assert found and all(f.startswith("PR-01 title") for f in found), found
