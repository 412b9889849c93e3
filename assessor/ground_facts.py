"""Facts for the grounds against surrender: the sources of a risk of ill-treatment beyond
the person's profile, what weakens it, and the assurances matched to the ground they answer.

Registered in the catalogue of assessor.facts (imported at its end), so the rules, the
what-if analyses and `assess facts` see them like any other fact.
"""

from __future__ import annotations

from .assurances import assess as assess_assurances
from .facts import AsOf, Established, _any_charge, _evidence, cite, fact

SECURITY_PROFILES = ("terrorism_suspect", "accused_of_coup_or_rebellion", "armed_group_member")
ASSOCIATION_PROFILES = ("associate_of_opposition_figure", "imputed_membership")
PROFILE_WORDS = {
    "terrorism_suspect": "a suspect of terrorism",
    "accused_of_coup_or_rebellion": "accused of a coup or of armed rebellion",
    "armed_group_member": "said to belong to an armed group",
    "associate_of_opposition_figure": "an associate of an opposition figure",
    "imputed_membership": "taken for a member of an opposition group (membership denied)",
}


def _history(v: AsOf, *kinds: str) -> list:
    return [h for h in v.case.person.history
            if h.kind in kinds and (h.date is None or v.happened(h.date, f"the {h.kind}"))]


@fact("detainees_ill_treated", "bool",
      "Credible findings that any detainee in the requesting state runs a real risk of "
      "ill-treatment (general findings on its custody, whoever the detainee is).",
      "protective", group="country")
def _detainees(v: AsOf) -> Established:
    return _evidence(v, "ill_treatment_of_detainees")


@fact("conditions_improved", "bool",
      "Credible reports that the conditions found earlier (torture, custody) have improved.",
      "aggravating", group="country")
def _improved(v: AsOf) -> Established:
    return _evidence(v, "conditions_improved")


@fact("past_ill_treatment", "bool",
      "The person was tortured or ill-treated by the requesting state's agents before (an "
      "account not found unsubstantiated).", "protective", group="person")
def _past_ill_treatment(v: AsOf) -> Established | None:
    return _past_harm(v, "torture", "ill_treatment")


@fact("past_persecution", "bool",
      "The requesting state detained, threatened or prosecuted the person before.",
      "protective", group="person")
def _past_persecution(v: AsOf) -> Established | None:
    return _past_harm(v, "detention", "threat", "prosecution")


def _past_harm(v: AsOf, *kinds: str) -> Established | None:
    """True with the accounts (not found unsubstantiated) of these kinds; false when the
    person's history is on file without one; unknown when no history is on file."""
    items = [h for h in _history(v, *kinds) if h.substantiated is not False]
    if items:
        return cite(True, "; ".join(h.summary.rstrip(".") + (f" ({h.date})" if h.date else "")
                                    for h in items[:3]), *items)
    return False if v.case.person.history else None


@fact("past_harm_unsubstantiated", "bool",
      "An account of earlier ill-treatment or persecution was found not substantiated.",
      "aggravating", group="person")
def _unsubstantiated(v: AsOf) -> Established | None:
    if not v.case.person.history:
        return None  # no account on file: nothing was found unsubstantiated, nor substantiated
    items = [h for h in v.case.person.history if h.substantiated is False
             and (h.date is None or v.happened(h.date))]
    return cite(bool(items), "; ".join(h.summary for h in items[:3]), *items)


@fact("security_profile", "bool",
      "The requesting state accuses the person of terrorism, a coup, armed rebellion or "
      "membership of an armed group (profiles at particular risk in custody).",
      "protective", group="person")
def _security(v: AsOf) -> Established | None:
    hits = [p for p in v.case.person.profile if p in SECURITY_PROFILES]
    if hits:
        return cite(True, ", ".join(PROFILE_WORDS[p] for p in hits), v.case.person)
    return False if v.case.person.profile else None


@fact("opposition_association", "bool",
      "The person is an associate of an opposition figure, or is taken for a member of an "
      "opposition group (imputed political opinion).", "protective", group="person")
def _association(v: AsOf) -> Established | None:
    hits = [p for p in v.case.person.profile if p in ASSOCIATION_PROFILES]
    if hits:
        return cite(True, ", ".join(PROFILE_WORDS[p] for p in hits), v.case.person)
    return False if v.case.person.profile else None


@fact("death_penalty_moratorium", "bool",
      "The requesting state has a moratorium on executions or has abolished the death "
      "penalty (country evidence).", "protective", group="country")
def _moratorium(v: AsOf) -> Established:
    return _evidence(v, "death_penalty_moratorium", "death_penalty_abolished")


@fact("death_penalty_assurance", "enum",
      "The best assurance on file that the death penalty will not be imposed or carried "
      "out, graded against the Othman v UK factors: none (no assurance promises it), "
      "inadequate (doubtful or unreliable), credible.", "aggravating", group="assurances",
      values=("none", "inadequate", "credible"), ordered=True)
def _dp_assurance(v: AsOf) -> Established:
    best = assess_assurances(v.case, v.as_of).best_for("death_penalty")
    if best is None:
        return Established("none")
    value = "credible" if best.credibility == "credible" else "inadequate"
    return cite(value, best.summary(), best.assurance)


@fact("torture_assurance", "enum",
      "The best assurance on file against torture or ill-treatment, graded against the "
      "Othman v UK factors: none, inadequate (doubtful or unreliable), credible.",
      "aggravating", group="assurances", values=("none", "inadequate", "credible"),
      ordered=True)
def _torture_assurance(v: AsOf) -> Established:
    best = assess_assurances(v.case, v.as_of).best_for("torture")
    if best is None:
        return Established("none")
    value = "credible" if best.credibility == "credible" else "inadequate"
    return cite(value, best.summary(), best.assurance)


# The Refugee Convention's reasons (Art 1A(2)) each profile speaks to.
CONVENTION_REASONS = {
    "human_rights_defender": "political_opinion",
    "journalist": "political_opinion",
    "opposition_member": "political_opinion",
    "opposition_leader": "political_opinion",
    "associate_of_opposition_figure": "political_opinion",
    "imputed_membership": "political_opinion",
    "religious_group_member": "religion",
    "ethnic_minority": "race_or_nationality",
    "lgbti": "particular_social_group",
}
REASON_WORDS = {
    "political_opinion": "political opinion, held or imputed",
    "religion": "religion",
    "race_or_nationality": "race or nationality (ethnic origin)",
    "particular_social_group": "membership of a particular social group",
}


@fact("convention_reason", "enum",
      "The Refugee Convention reason (Art 1A(2)) the person's profile speaks to: "
      "political_opinion, religion, race_or_nationality, particular_social_group.",
      "neutral", group="person",
      values=("political_opinion", "religion", "race_or_nationality", "particular_social_group"))
def _convention_reason(v: AsOf) -> Established | None:
    held = {CONVENTION_REASONS[p] for p in v.case.person.profile if p in CONVENTION_REASONS}
    reasons = [r for r in REASON_WORDS if r in held]  # a fixed order: the file's is no fact
    if not reasons:
        return None
    return cite(reasons[0], "; ".join(REASON_WORDS[r] for r in reasons), v.case.person)


@fact("life_sentence_possible", "bool",
      "An offence charged carries life imprisonment in the requesting state.", "protective",
      group="charges")
def _life(v: AsOf) -> Established | None:
    return _any_charge(v, "life_imprisonment_possible")


@fact("life_sentence_irreducible", "bool",
      "Credible evidence that the requesting state's law gives no adequate review of a life "
      "sentence (no prospect of release).", "protective", group="country")
def _irreducible(v: AsOf) -> Established:
    return _evidence(v, "life_imprisonment_without_release")


@fact("torture_evidence_used", "bool",
      "Evidence obtained by torture may be admitted against the person at trial.",
      "protective", group="charges")
def _torture_evidence(v: AsOf) -> Established | None:
    return _any_charge(v, "evidence_obtained_by_torture")


@fact("special_court", "bool",
      "The person would be tried by a special or military court.", "protective",
      group="charges")
def _special_court(v: AsOf) -> Established | None:
    return _any_charge(v, "special_or_military_court")
