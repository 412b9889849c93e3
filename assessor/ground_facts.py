"""Facts for the grounds against surrender: the sources of a risk of ill-treatment beyond
the person's profile, what weakens it, and the assurances matched to the ground they answer.

Registered in the catalogue of assessor.facts (imported at its end), so the rules, the
what-if analyses and `assess facts` see them like any other fact.
"""

from __future__ import annotations

import datetime as dt

from . import states
from .assurances import assess as assess_assurances
from .facts import AsOf, Established, _any_charge, _evidence, cite, fact
from .i18n import N_, _
from .events import PROTECTION_KINDS
from .wording import code, when

SECURITY_PROFILES = ("terrorism_suspect", "accused_of_coup_or_rebellion", "armed_group_member")
ASSOCIATION_PROFILES = ("associate_of_opposition_figure", "imputed_membership")
PROFILE_WORDS = {
    "terrorism_suspect": N_("a suspect of terrorism"),
    "accused_of_coup_or_rebellion": N_("accused of a coup or of armed rebellion"),
    "armed_group_member": N_("said to belong to an armed group"),
    "associate_of_opposition_figure": N_("an associate of an opposition figure"),
    "imputed_membership": N_("taken for a member of an opposition group (membership denied)"),
}


# model.PastHarmKind, as a warning about an uncertain date names the item
HARM_ITEMS = {
    "torture": N_("the torture"),
    "ill_treatment": N_("the ill-treatment"),
    "detention": N_("the detention"),
    "threat": N_("the threat"),
    "prosecution": N_("the prosecution"),
}


def _history(v: AsOf, *kinds: str) -> list:
    return [h for h in v.case.person.history
            if h.kind in kinds and (h.date is None or v.happened(h.date, _(HARM_ITEMS[h.kind])))]


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
        return cite(True, "; ".join(h.summary.rstrip(".") + (f" ({when(h.date)})" if h.date else "")
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
        return cite(True, ", ".join(_(PROFILE_WORDS[p]) for p in hits), v.case.person)
    return False if v.case.person.profile else None


@fact("opposition_association", "bool",
      "The person is an associate of an opposition figure, or is taken for a member of an "
      "opposition group (imputed political opinion).", "protective", group="person")
def _association(v: AsOf) -> Established | None:
    hits = [p for p in v.case.person.profile if p in ASSOCIATION_PROFILES]
    if hits:
        return cite(True, ", ".join(_(PROFILE_WORDS[p]) for p in hits), v.case.person)
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
    "political_opinion": N_("political opinion, held or imputed"),
    "religion": N_("religion"),
    "race_or_nationality": N_("race or nationality (ethnic origin)"),
    "particular_social_group": N_("membership of a particular social group"),
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
    return cite(reasons[0], "; ".join(_(REASON_WORDS[r]) for r in reasons), v.case.person)


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
    # statements tortured out of witnesses are evidence obtained by torture too (the
    # witnesses' torture is also a pretext sign of its own: witnesses_tortured_to_incriminate)
    direct = _any_charge(v, "evidence_obtained_by_torture")
    if direct is not None and direct.value:
        return direct
    witnesses = _any_charge(v, "witnesses_tortured")
    if witnesses is not None and witnesses.value:
        return cite(True, _("statements tortured out of witnesses ({charges})").format(
            charges=witnesses.detail),
                    *[c for c in v.charges() if c.witnesses_tortured])
    return direct


@fact("special_court", "bool",
      "The person would be tried by a special or military court.", "protective",
      group="charges")
def _special_court(v: AsOf) -> Established | None:
    return _any_charge(v, "special_or_military_court")


# --- the death-row phenomenon and serious illness (Art 3 beyond torture) ---------------


@fact("death_row_conditions", "bool",
      "Credible evidence that those sentenced to death in the requesting state wait on death "
      "row for long periods in harsh conditions (the death-row phenomenon).", "protective",
      group="country")
def _death_row(v: AsOf) -> Established | None:
    return _evidence(v, "death_row_conditions")


@fact("treatment_unavailable", "bool",
      "Credible evidence that appropriate medical treatment for the person's illness is absent "
      "or out of reach in the requesting state (in its prisons or generally).", "protective",
      group="country")
def _treatment(v: AsOf) -> Established | None:
    return _evidence(v, "treatment_unavailable")


# --- political motivation beyond criticism ----------------------------------------------


@fact("prosecuted_for_political_role", "bool",
      "The acts charged are the person's political negotiation or representation, or the "
      "prosecution would exclude the person from such a role.", "protective", group="charges")
def _political_role(v: AsOf) -> Established | None:
    return _any_charge(v, "political_role_targeted")


@fact("witnesses_tortured_to_incriminate", "bool",
      "Witnesses were tortured or coerced to make statements against the person.",
      "protective", group="charges")
def _witnesses(v: AsOf) -> Established | None:
    return _any_charge(v, "witnesses_tortured")


def _requests(v: AsOf) -> list:
    return [r for r in v.case.extradition.requests if v.happened(r.received)]


@fact("request_driven_by_third_state", "bool",
      "The evidence shows a third state's interest driving the extradition request (the "
      "persecutor acting through a friendly state's request).", "protective",
      group="proceedings")
def _third_state_behind(v: AsOf) -> Established | None:
    behind = [r for r in _requests(v)
              if r.third_state_behind not in (None, v.case.states.requesting,
                                              v.case.states.requested)]
    if not behind:
        return None  # a request with no third state recorded is not one known to have none
    return cite(True, "; ".join(_("{state} behind the request received {date}").format(
        state=states.name(r.third_state_behind), date=when(r.received)) for r in behind),
        *behind)


# --- speciality and re-extradition -------------------------------------------------------


@fact("third_state_seeks_person", "bool",
      "A third state seeks the person or stands behind the request: the requesting state "
      "could hand the person on to it (re-extradition).", "neutral", group="proceedings")
def _third_state_seeks(v: AsOf) -> Established | None:
    here = {v.case.states.requesting, v.case.states.requested}
    named = [c for c in v.case.states.also_sought_by if c not in here]
    named += [r.third_state_behind for r in _requests(v)
              if r.third_state_behind and r.third_state_behind not in here]
    named = list(dict.fromkeys(named))
    if not named:
        return None
    behind = [r for r in _requests(v) if r.third_state_behind in named]
    return cite(True, ", ".join(states.name(c) for c in named), *behind)


@fact("speciality_undertaking", "bool",
      "The request or an assurance on file contains the requesting state's undertaking of "
      "speciality (no prosecution for other offences, no handing on to a third state).",
      "neutral", group="proceedings")
def _speciality(v: AsOf) -> Established | None:
    given = [a for a in v.case.assurances
             if "speciality" in a.promises and v.happened(a.date, _("the assurance"))]
    in_request = [r for r in _requests(v) if r.speciality_undertaking]
    if given or in_request:
        parts = [_("request received {date}").format(date=when(r.received)) for r in in_request]
        parts += [_("assurance of {who}, {date}").format(who=a.given_by, date=when(a.date))
                  for a in given]
        return cite(True, "; ".join(parts), *in_request, *given)
    requests = _requests(v)
    if requests and all(r.speciality_undertaking is False for r in requests):
        return cite(False, _("the request contains no undertaking of speciality"), *requests)
    return None


# --- refugee status: which protection, and where ----------------------------------------


def _granted(v: AsOf, claim) -> bool:
    return v.happened(claim.filed or claim.intention_expressed) and \
        v.claim_status(claim) == "granted"


@fact("refugee_status_recognised", "bool",
      "The person is recognised as a refugee (refugee status granted by a state other than "
      "the requesting state, or by UNHCR under its mandate); false where only another form "
      "of protection (subsidiary, temporary) was granted.", "protective", group="protection")
def _refugee_anywhere(v: AsOf) -> Established | None:
    requesting = v.case.states.requesting
    granted = [c for c in v.case.protection if c.state != requesting and _granted(v, c)]
    if not granted:
        return None
    refugee = [c for c in granted if c.kind in ("asylum", "unhcr_mandate")]
    if refugee:
        return cite(True, "; ".join(
            _("UNHCR mandate recognition") if c.kind == "unhcr_mandate"
            else _("refugee status in {state}").format(
                state=states.name(c.state or v.case.states.requested))
            for c in refugee), *refugee)
    return cite(False, ", ".join(_("{kind} protection").format(
        kind=code(c.kind, PROTECTION_KINDS)) for c in granted), *granted)


# Court of Justice (Grand Chamber), A. (Generalstaatsanwaltschaft Hamm), C-352/22, judgment
# of 18 June 2024: the date from which EU-01 states the law
CJEU_C_352_22 = dt.date(2024, 6, 18)


@fact("refugee_in_other_eu_state", "bool",
      "Another member state of the European Union recognised the person as a refugee, and "
      "the requesting state is the person's country of nationality (EU law as the Court of "
      "Justice read it in C-352/22, judgment of 18 June 2024; false before that date).",
      "protective", group="protection")
def _refugee_in_eu(v: AsOf) -> Established | None:
    requesting, requested = v.case.states.requesting, v.case.states.requested
    others = [c for c in v.case.protection
              if c.kind == "asylum" and c.state not in (None, requested, requesting)
              and _granted(v, c)]
    if not others:
        return None
    if requesting not in v.case.person.nationalities:
        return None  # the country of origin is not established from the file: verify
    found, unknown = [], False
    for claim in others:
        member = states.state_fact(claim.state, "eu_member", v.as_of)
        if member is None:
            unknown = True
        elif member.value:
            found.append(claim)
    if found and v.as_of < CJEU_C_352_22:
        # the reading the rule applies was given on this date: before it, whether EU law
        # barred the extradition was an open question (courts were divided), not the law
        v.notes.append(_(
            "refugee status recognised in another EU member state: the Court of Justice's "
            "judgment in C-352/22 ({judgment}) comes after the as-of date {as_of}, so "
            "EU-01 is not applied; argue Art 21(1) of the Qualification Directive and the "
            "refugee status itself (AS-08)").format(judgment=when(CJEU_C_352_22),
                                                     as_of=when(v.as_of)))
        return cite(False, _("recognised before the Court of Justice's reading in C-352/22 was "
                             "given"), *found)
    if found:
        return cite(True, "; ".join(_("refugee status granted in {state}").format(
            state=states.name(c.state)) for c in found), *found)
    return None if unknown else Established(False)


# --- Interpol -----------------------------------------------------------------------------


@fact("red_notice_active", "bool",
      "An Interpol red notice (not only a diffusion) against the person is in force.",
      "aggravating", group="interpol")
def _red_notice(v: AsOf) -> Established:
    active = [n for n in v.case.interpol if n.kind == "red_notice"
              and (n.issued is None or v.happened(n.issued)) and not v.happened(n.deleted)]
    return cite(bool(active), ", ".join(_("red notice issued {date}").format(date=when(n.issued))
                                        if n.issued else _("red notice") for n in active),
                *active)
