"""Every dated item of a case, labelled as a lawyer would write it in a chronology.

`facts.timeline_dates` delegates here. The labels name who did what ("Montenegro replies
to AL NE 2/2024", "Supreme Court of Montenegro refuses surrender (final)"), never the
model's field names. Case text enters the labels only as written in the case file, so a
redacted case gives redacted labels. Court time limits and the end of a deferral are not
events: they are deadlines (assessor.deadlines).
"""

from __future__ import annotations

from .countries import country_name
from .dates import PartialDate
from .model import Case, Involvement

Item = tuple[str, PartialDate]

BODIES = {
    "un_special_procedures": "UN Special Procedures",
    "un_committee_against_torture": "UN Committee against Torture",
    "un_human_rights_committee": "UN Human Rights Committee",
    "ecthr": "European Court of Human Rights",
    "unhcr": "UNHCR",
    "osce": "OSCE",
    "pace": "PACE",
    "european_parliament": "European Parliament",
    "national_parliament": "National parliament",
    "national_oversight_body": "National oversight body",
    "ngo": "NGO",
    "other_state": "Another state",
    "other": "Another body",
}
OUTCOMES = {  # model.OutcomeKind: what happened to the person
    "surrender": "surrendered",
    "expulsion": "expelled",
    "deportation": "deported",
    "abduction": "abducted",
    "release": "released from detention",
    "departure": "left",
    "death": "died",
}
ACTS = {
    "communication": "communication",
    "public_statement": "public statement",
    "interim_measures_requested": "interim measures requested",
    "interim_measures_indicated": "indicates interim measures",
    "interim_measures_refused": "refuses interim measures",
    "protection_letter": "protection letter",
    "monitoring": "monitoring of the person's situation",
    "resolution": "resolution",
    "report": "report",
}
PROTECTION_OUTCOMES = {
    "granted": "{kind} granted",
    "refused": "{kind} refused",
    "appeal_filed": "appeal lodged against the {kind} refusal",
    "appeal_allowed": "{kind} appeal allowed",
    "appeal_dismissed": "{kind} appeal dismissed",
    "remitted": "{kind} claim sent back for a new decision",
    "withdrawn": "{kind} claim withdrawn",
}
PROTECTION_KINDS = {"asylum": "asylum", "subsidiary": "subsidiary protection",
                    "temporary": "temporary protection", "unhcr_mandate": "UNHCR mandate status"}
SURRENDER_OUTCOMES = {"surrender_allowed": "allows surrender",
                      "surrender_refused": "refuses surrender",
                      "quashed": "quashes the earlier extradition decision"}
SERVICE_ACTS = {
    "threat": "threat by {state}'s services",
    "kidnap_attempt": "kidnap attempt attributed to {state}'s services",
    "surveillance": "surveillance by {state}'s services",
    "address_known": "{state}'s services know the person's address",
    "pressure_on_family": "{state}'s services pressure the family",
    "obstruction": "obstruction by {state}'s services",
}
EVIDENCE = {
    "systemic_torture": "systemic torture",
    "deaths_in_custody": "deaths in custody",
    "persecution_of_group": "persecution of {group}",
    "fair_trial_deficits": "unfair trials in political cases",
    "prison_conditions": "inhuman prison conditions",
    "death_penalty_in_force": "the death penalty in force",
    "death_penalty_abolished": "the death penalty abolished",
    "group_designated_extremist": "{group} designated 'extremist'",
    "torture_of_associates": "ill-treatment of {group}",
    "ill_treatment_of_detainees": "ill-treatment of detainees",
    "conditions_improved": "improved conditions",
    "death_penalty_moratorium": "a moratorium on executions",
    "life_imprisonment_without_release": "life imprisonment without a prospect of release",
    "removals_from_abroad": "abductions or forced returns of people from abroad",
    "death_row_conditions": "long waits on death row in harsh conditions",
    "treatment_unavailable": "medical treatment out of reach",
}


def short(text: str, limit: int = 80) -> str:
    """One line of case text, cut at a word boundary."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def dated_items(case: Case) -> list[Item]:
    """Every dated item of `case`, labelled, in the order the case file gives them."""
    requesting = country_name(case.states.requesting)
    requested = country_name(case.states.requested)
    items: list[Item] = []
    items += _person(case)
    items += _charges(case)
    items += _treaties(case)
    items += _protection(case, requested)
    for involvement in case.international:
        items += _involvement(involvement, requested)
    items += _interpol(case)
    items += _extradition(case, requesting)
    items += [(_upper_first(SERVICE_ACTS[s.kind].format(state=requesting))
               + f": {short(s.summary, 60)}", s.date) for s in case.services_activity]
    items += _requested_state(case, requested, requesting)
    items += [(_evidence_label(e, requesting), e.date) for e in case.country_evidence]
    items += [(f"Diplomatic assurances from {a.given_by}", a.date) for a in case.assurances]
    items += [(" ".join(e.title.split()), e.date) for e in case.events]
    items += [(_upper_first(OUTCOMES[o.kind]) + (
        f" to {country_name(o.to or case.states.requesting)}"
        if o.kind not in ("release", "death") else "")
        + (" in breach of an interim measure" if o.breached_interim_measure else ""), o.date)
        for o in case.outcomes]
    return items


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _person(case: Case) -> list[Item]:
    return [(f"Public activity: {short(a.description, 60)}", a.date)
            for a in case.person.public_activity]


def _charges(case: Case) -> list[Item]:
    items: list[Item] = []
    for charge in case.charges:
        offence = short(charge.offence, 60)
        if charge.opened:
            items.append((f"Criminal case opened: {offence}", charge.opened))
        if charge.convicted:
            absentia = " in absentia" if charge.in_absentia else ""
            items.append((f"Convicted{absentia}: {offence}", charge.convicted))
        deferral = charge.deferral
        if deferral and deferral.granted:
            items.append((f"Sentence deferred: {offence}", deferral.granted))
        if deferral and deferral.cancelled:
            items.append((f"Deferral of the sentence cancelled: {offence}", deferral.cancelled))
    return items


def _treaties(case: Case) -> list[Item]:
    items: list[Item] = []
    for t in case.legal_basis.treaties:
        name = short(t.name, 70)
        for what, date in (("signed", t.signed), ("ratified", t.ratified),
                           ("enters into force", t.in_force), ("ceases to apply", t.terminated)):
            if date:
                items.append((f"{name} {what}", date))
    return items


def _protection(case: Case, requested: str) -> list[Item]:
    items: list[Item] = []
    for claim in case.protection:
        kind = PROTECTION_KINDS[claim.kind]
        where = country_name(claim.state) if claim.state else requested
        renewed = "renewed " if claim.subsequent_application else ""
        if claim.intention_expressed:
            items.append((f"Expresses the intention to seek protection in {where}",
                          claim.intention_expressed))
        if claim.filed:
            article = "an" if (renewed or kind)[0] in "aeiou" else "a"
            items.append((f"Files {article} {renewed}{kind} application in {where}",
                          claim.filed))
        for d in claim.decisions:
            label = _upper_first(PROTECTION_OUTCOMES[d.outcome].format(kind=kind))
            by = f" by {short(d.body, 60)}" if d.body else ""
            final = " (final)" if d.final else ""
            items.append((f"{label}{by}{final}", d.date))
    return items


def _involvement(i: Involvement, requested: str) -> list[Item]:
    body = BODIES[i.body]
    ref = f" {i.reference}" if i.reference else ""
    to = f" to {country_name(i.addressed_to)}" if i.addressed_to else ""
    if i.kind in ("interim_measures_indicated", "interim_measures_refused"):
        label = f"{body} {ACTS[i.kind]}{ref}"
    elif i.body == "ecthr" and i.kind == "interim_measures_requested":
        label = f"Rule 39 interim measure requested from the European Court of Human Rights{ref}"
    else:
        label = f"{body} {ACTS[i.kind]}{ref}{to}"
    if i.calls_against_extradition:
        label += ": urges no extradition"
    elif i.calls_charges_political:
        label += ": calls the charges political"
    items: list[Item] = [(label, i.date)]
    if i.reply:
        replier = country_name(i.addressed_to) if i.addressed_to else requested
        about = i.reference or f"the {body} {ACTS[i.kind]} of {i.date}"
        commits = " (commits to non-refoulement)" if i.reply.commits_to_non_refoulement else ""
        items.append((f"{replier} replies to {about}{commits}", i.reply.date))
    return items


def _interpol(case: Case) -> list[Item]:
    items: list[Item] = []
    for n in case.interpol:
        kind = "red notice" if n.kind == "red_notice" else "diffusion"
        for label, date in ((f"Interpol {kind} issued", n.issued),
                            (f"Request to the CCF to delete the Interpol {kind}",
                             n.ccf_request_filed),
                            (f"CCF refuses to delete the Interpol {kind}", n.ccf_refused),
                            (f"Interpol deletes the {kind}", n.deleted)):
            if date:
                items.append((label, date))
    return items


def _extradition(case: Case, requesting: str) -> list[Item]:
    ex = case.extradition
    items: list[Item] = [(f"Extradition request from {requesting} received", r.received)
                         for r in ex.requests]
    for d in ex.detentions:
        kind = {"extradition_arrest": "Arrested for extradition",
                "provisional_arrest": "Provisional arrest",
                "house_arrest": "Placed under house arrest",
                "other": "Detained"}[d.kind]
        details = [x for x in (d.place and f"in {d.place}",
                               d.on_interpol_notice and "on the Interpol notice") if x]
        items.append((kind + (f" ({', '.join(details)})" if details else ""), d.start))
        if d.end:
            items.append(("Released from detention", d.end))
    if ex.passport_confiscated:
        items.append(("Passport confiscated", ex.passport_confiscated))
    if ex.passport_returned:
        items.append(("Passport returned", ex.passport_returned))
    for d in ex.decisions:
        who = short(d.body, 60) if d.body else d.level.replace("_", " ").capitalize()
        final = " (final)" if d.final else ""
        items.append((f"{who} {SURRENDER_OUTCOMES[d.outcome]}{final}", d.date))
        if d.in_force and d.in_force != d.date:
            items.append((f"Decision of {d.date} ({who}) enters into force", d.in_force))
    return items


def _requested_state(case: Case, requested: str, requesting: str) -> list[Item]:
    conduct = case.requested_state
    items: list[Item] = []
    for e in conduct.extra_procedural_expulsions:
        if e.date:
            to = f" to {country_name(e.to)}" if e.to else ""
            items.append((f"{requested} removes {e.who}{to} outside the procedure", e.date))
    items += [(f"{requested} and {requesting} draw closer: {short(n.summary, 60)}", n.date)
              for n in conduct.political_warming]
    if conduct.ministry_non_refoulement_commitment:
        items.append((f"Ministry of {requested} commits in writing to non-refoulement",
                      conduct.ministry_non_refoulement_commitment))
    return items


def _evidence_label(e, requesting: str) -> str:
    what = EVIDENCE[e.kind].format(group=e.group or "the person's group")
    return f"Evidence of {what} in {requesting}"
