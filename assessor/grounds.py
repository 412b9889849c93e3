"""How well this case supports each ground against surrender, graded as courts grade it.

A bar has two attributes, kept apart (docs/risk-model.md, "Grounds: nature and strength"):
its **nature** in law (absolute, mandatory, discretionary: the rule file says which) and its
**strength** in this case, graded here from the evidence:

- established: a decision or status already carries the ground (protection granted, an
  interim measure indicated, the person's nationality), or a personal and a general source
  of risk stand with an independent body's finding behind them;
- strong: the evidence shows a personal risk (a personal and a general source of risk), or
  general findings that reach everyone in the person's position, or a legal fact proved by
  an official document;
- arguable: one source of risk only, or a legal fact resting on unofficial sources;
- weak: what weakens the ground outweighs what supports it, or nothing on file supports it.

Each step down is a reason listed under `weakens` (improved conditions, an account found not
substantiated, old evidence, a credible assurance answering the ground); each source of risk
is listed under `supports`. A court upholds an absolute ground only when the risk is shown
personal, real, foreseeable and present (Committee against Torture General Comment No. 4,
2017; Saadi v Italy, ECtHR Grand Chamber, 2008): so a ground can be absolute in law and
weakly supported here, and the report says both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Literal

from .assurances import Assurances, Grading
from .facts import Facts, label
from .model import Case
from .rulebook import Rule

Strength = Literal["established", "strong", "arguable", "weak"]
GRADES: tuple[Strength, ...] = ("established", "strong", "arguable", "weak")
GRADE_ORDER = {g: i for i, g in enumerate(GRADES)}
# Evidence older than this (in days) no longer shows a *present* risk on its own: the
# tool's own threshold (three years), to be argued, not a rule of law.
STALE_EVIDENCE_DAYS = 3 * 365
OFFICIAL_SOURCES = frozenset({"court_decision", "government_document", "un_document",
                              "international_body"})

# The ground each rule argues, where its category does not say it.
FAMILY_BY_RULE = {
    "NR-04": "persecution",
    "CC-01": "prison_conditions",
    "EC-02": "interim_measures",
    "UN-07": "interim_measures",
    "LI-01": "life_imprisonment",
    "OB-05": "illness",
    "IL-01": "illness",
}
FAMILY_BY_CATEGORY = {
    "non_refoulement": "torture",
    "death_penalty": "death_penalty",
    "fair_trial": "fair_trial",
    "protection": "protection",
    "political_offence": "political_offence",
}
FAMILY_WORDS = {
    "torture": "torture or ill-treatment",
    "persecution": "persecution (Refugee Convention)",
    "prison_conditions": "inhuman conditions of detention",
    "death_penalty": "the death penalty",
    "fair_trial": "a flagrant denial of justice",
    "protection": "international protection",
    "interim_measures": "an interim measure",
    "political_offence": "a political offence or a pretext",
    "life_imprisonment": "life imprisonment without a prospect of release",
    "illness": "serious illness",
    "other": "a legal bar",
}

# Sources of a risk of ill-treatment: what makes it personal, and what makes it general.
PERSONAL_SOURCES = (
    ("past_ill_treatment", "the person was ill-treated by the requesting state before"),
    ("past_persecution", "the requesting state detained, threatened or prosecuted the person before"),
    ("group_persecuted", "the person's own group is persecuted"),
    ("political_profile", "the person's profile"),
    ("opposition_association", "the person is associated with the opposition"),
    ("security_profile", "the requesting state accuses the person of security offences"),
    ("group_designated_extremist", "the person's movement is banned as extremist"),
    ("services_threats", "the requesting state's agents threatened the person or the family"),
)
GENERAL_SOURCES = (
    ("detainees_ill_treated", "general findings that any detainee runs a real risk of ill-treatment"),
    ("systemic_torture", "torture is reported as systemic"),
    ("deaths_in_custody", "deaths in custody are reported"),
)
INDEPENDENT_FINDINGS = (
    ("treaty_body_interim_measures", "a UN treaty body asked the state not to remove the person"),
    ("rule39_indicated", "the ECtHR indicated an interim measure"),
    ("un_urged_no_extradition", "a UN body urged the state not to extradite the person"),
    ("protection_granted", "the requested state granted international protection"),
    ("protection_granted_elsewhere", "another state recognised the person as a refugee"),
)


@dataclass
class Grade:
    strength: Strength
    supports: list[str] = field(default_factory=list)
    weakens: list[str] = field(default_factory=list)


class _Grader:
    """One ground's grading: a level that steps down once per weakening reason."""

    def __init__(self, facts: Facts, case: Case, assurances: Assurances):
        self.facts, self.case, self.assurances = facts, case, assurances
        self.supports: list[str] = []
        self.weakens: list[str] = []
        self.steps_down = 0

    def true(self, name: str) -> bool:
        return self.facts.values.get(name) is True

    def reason(self, name: str, words: str) -> str:
        detail = self.facts.details.get(name, "")
        return f"{words} ({detail})" if detail else words

    def count(self, sources: tuple[tuple[str, str], ...]) -> int:
        hits = [(n, w) for n, w in sources if self.true(n)]
        self.supports.extend(self.reason(n, w) for n, w in hits)
        return len(hits)

    def weaken(self, reason: str, steps: int = 1) -> None:
        self.weakens.append(reason)
        self.steps_down += steps

    def source_kinds(self, name: str) -> set[str]:
        by_id = {s.id: s.kind for s in self.case.sources}
        return {by_id[s] for s in self.facts.sources.get(name, ()) if s in by_id}

    def common_weakeners(self) -> None:
        if self.true("conditions_improved"):
            self.weaken(self.reason("conditions_improved",
                                    "reports find the conditions improved"))
        age = self.facts.values.get("country_evidence_age_days")
        if isinstance(age, int) and age > STALE_EVIDENCE_DAYS:
            self.weaken(f"the newest country evidence is {age // 365} years old: the risk "
                        "must be shown present")

    def apply_assurance(self, ground: str, practised: bool) -> None:
        """A credible assurance answering the ground steps it down (one step only where
        the state practises the very treatment promised against); an unreliable one is a
        reason the ground stands."""
        best: Grading | None = self.assurances.best_for(ground)
        if best is None:
            return
        if best.credibility == "credible":
            why = "; ".join(best.factors_for)
            if practised:
                self.weaken(f"a credible assurance answers it ({best.label}: {why}), but "
                            "the treatment is practised there, so it rarely suffices")
            else:
                self.weaken(f"a credible assurance answers it ({best.label}: {why})", 2)
        else:
            against = "; ".join(best.factors_against or best.not_known)
            self.supports.append(f"the assurance of {best.label} is {best.credibility}"
                                 + (f" ({against})" if against else ""))

    def result(self, base: int) -> Grade:
        level = min(base + self.steps_down, len(GRADES) - 1)
        return Grade(GRADES[level], self.supports, self.weakens)


def _torture(g: _Grader, family: str) -> Grade:
    personal = g.count(PERSONAL_SOURCES)
    general = g.count(GENERAL_SOURCES)
    if family == "prison_conditions" and g.true("prison_conditions_inhuman"):
        general += 1
        g.supports.append(g.reason("prison_conditions_inhuman",
                                   "prison conditions are reported inhuman"))
    independent = g.count(INDEPENDENT_FINDINGS) if personal and general else 0
    if personal and general and independent:
        base = 0
    elif personal and general or g.true("detainees_ill_treated"):
        base = 1
    elif personal or general:
        base = 2
    else:
        base = 3
    if g.true("past_harm_unsubstantiated"):
        g.weaken(g.reason("past_harm_unsubstantiated",
                          "an account of earlier ill-treatment was found not substantiated"))
    g.common_weakeners()
    practised = g.true("systemic_torture") or g.true("detainees_ill_treated")
    g.apply_assurance("torture" if family == "torture" else "prison_conditions", practised)
    return g.result(base)


def _persecution(g: _Grader) -> Grade:
    if g.true("protection_granted") or g.true("protection_granted_elsewhere"):
        g.count(INDEPENDENT_FINDINGS[3:])
        return g.result(0)
    n = g.count(PERSONAL_SOURCES) + g.count((
        ("charges_followed_criticism", "the charges followed the person's criticism"),
        ("bodies_call_charges_political", "independent bodies call the charges political"),
    ))
    g.common_weakeners()
    return g.result(1 if n >= 2 else 2)


def _death_penalty(g: _Grader) -> Grade:
    g.count((("death_penalty_possible", "an offence charged carries the death penalty"),
             ("death_row_conditions", "those sentenced to death wait long on death row in "
              "harsh conditions")))
    law = g.facts.values.get("requesting_death_penalty")  # the states' reference data
    if g.true("death_penalty_moratorium"):
        g.weaken(g.reason("death_penalty_moratorium",
                          "the requesting state does not carry out executions"))
    elif law in ("moratorium", "abolished", "abolished_ordinary"):
        g.weaken(g.reason("requesting_death_penalty", "the requesting state's law: "
                          + str(law).replace("_", " ")))
    g.apply_assurance("death_penalty", practised=False)
    return g.result(1)


def _fair_trial(g: _Grader) -> Grade:
    n = g.count((
        ("fair_trial_deficits", "unfair trials are reported in the requesting state"),
        ("convicted_in_absentia", "the person was convicted in absentia"),
        ("political_profile", "the person's profile"),
        ("torture_evidence_used", "evidence obtained by torture is used against the person"),
        ("special_court", "the person would be tried by a special or military court"),
    ))
    g.common_weakeners()
    g.apply_assurance("fair_trial", practised=False)
    return g.result(1 if n >= 2 else 2)


def _life(g: _Grader) -> Grade:
    g.count((("life_sentence_possible", "an offence charged carries life imprisonment"),
             ("life_sentence_irreducible", "the requesting state's law gives no adequate review of it")))
    g.common_weakeners()
    g.apply_assurance("life_imprisonment", practised=False)
    return g.result(1)


def _protection(g: _Grader, rule: Rule) -> Grade:
    # a status already granted carries the ground (EU-01: refugee status in another EU
    # member state binds the requested member state while it stands, C-352/22)
    decided = {"AS-03", "AS-08", "AS-09", "EU-01"}
    for name in ("protection_granted", "protection_granted_elsewhere", "unhcr_mandate_refugee",
                 "refugee_in_other_eu_state", "asylum_pending", "asylum_claimed_before_request"):
        if g.true(name):
            g.supports.append(g.reason(name, _words(name)))
    if rule.id in decided:
        return g.result(0)
    g.weakens.append("the claim is not decided yet: the ground stands only while it is pending")
    return g.result(2)


def _illness(g: _Grader) -> Grade:
    """The Art 3 illness ground (IL-01, the Paposhvili test): strong where the illness and the
    absence of treatment in the requesting state are both on file; old evidence and a
    credible assurance of medical care step it down. The humanitarian clause alone (OB-05)
    rests on the proof of the illness and is graded as a legal fact."""
    g.count((("serious_health_condition", "the person has a serious illness"),
             ("treatment_unavailable", "appropriate treatment is absent or out of reach in "
              "the requesting state")))
    g.common_weakeners()
    g.apply_assurance("illness", practised=False)
    return g.result(1)


def _interim(g: _Grader) -> Grade:
    g.count((("rule39_indicated", "the ECtHR indicated an interim measure"),
             ("treaty_body_interim_measures", "a UN treaty body requested interim measures")))
    return g.result(0)


def _political(g: _Grader, fired: set[str]) -> Grade:
    signs = sorted(r for r in fired if r.startswith("PO-") and r not in ("PO-01", "PO-11", "PO-12"))
    if "PO-01" in fired:
        g.count((("political_offence_charged", "the offence charged is itself political"),))
    if signs:
        g.supports.append(f"{len(signs)} sign(s) that the charges are a pretext: {', '.join(signs)}")
    g.count((("bodies_call_charges_political", "independent bodies call the charges political"),))
    if "PO-01" in fired or "PO-12" in fired or len(signs) >= 3:
        return g.result(1)
    return g.result(2 if signs else 3)


def _legal_fact(g: _Grader, rule: Rule, names: tuple[str, ...]) -> Grade:
    """A bar resting on a legal fact (nationality, limitation, amnesty, ...): strong when an
    official document proves it, arguable on other sources, weak when nothing is cited."""
    kinds: set[str] = set()
    for name in names:
        if g.true(name):
            g.supports.append(g.reason(name, _words(name)))
            kinds |= g.source_kinds(name)
    if rule.id == "OB-04":
        return g.result(0)  # nationality and the law barring the surrender of nationals
    if kinds & OFFICIAL_SOURCES:
        return g.result(1)
    if kinds:
        g.weakens.append("rests on unofficial sources only: obtain the official document")
        return g.result(2)
    g.weakens.append("no source is cited for it")
    return g.result(3)


def _words(name: str) -> str:
    """A fact as a reason reads: its lawyer's label (reports/fact-labels.yaml), lowercased
    at the start unless that starts an acronym ("UNHCR mandate refugee")."""
    text = label(name)
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def family_of(rule: Rule) -> str:
    return FAMILY_BY_RULE.get(rule.id) or FAMILY_BY_CATEGORY.get(rule.category, "other")


def grade(rule: Rule, facts_read: tuple[str, ...], facts: Facts, case: Case,
          assurances: Assurances, fired: set[str]) -> Grade:
    """The strength of the ground `rule` argues, in this case, with its reasons."""
    g = _Grader(facts, case, assurances)
    family = family_of(rule)
    graders: dict[str, Callable[[], Grade]] = {
        "torture": lambda: _torture(g, family),
        "prison_conditions": lambda: _torture(g, family),
        "persecution": lambda: _persecution(g),
        "death_penalty": lambda: _death_penalty(g),
        "fair_trial": lambda: _fair_trial(g),
        "life_imprisonment": lambda: _life(g),
        "protection": lambda: _protection(g, rule),
        "interim_measures": lambda: _interim(g),
        "political_offence": lambda: _political(g, fired),
    }
    if rule.id == "IL-01":
        graders["illness"] = lambda: _illness(g)
    grader = graders.get(family)
    return grader() if grader else _legal_fact(g, rule, facts_read)


def phrase(nature: str | None, strength: str | None) -> str:
    """'absolute in law, weakly supported here', for the first page."""
    support = {"established": "established here", "strong": "strongly supported here",
               "arguable": "arguable here", "weak": "weakly supported here"}
    law = f"{nature} in law" if nature else "nature in law not stated"
    return f"{law}, {support.get(strength or '', 'not graded')}"
