"""Every dated item of a case, labelled as a lawyer would write it in a chronology.

`facts.timeline_dates` delegates here. The labels name who did what ("Montenegro replies
to AL NE 2/2024", "Supreme Court of Montenegro refuses surrender (final)"), never the
model's field names. Case text enters the labels only as written in the case file, so a
redacted case gives redacted labels. Court time limits and the end of a deferral are not
events: they are deadlines (assessor.deadlines).
"""

from __future__ import annotations

from .countries import country_name
from .i18n import N_, _
from .dates import PartialDate
from .model import Case, Involvement
from .wording import when

Item = tuple[str, PartialDate]

BODIES = {
    "un_special_procedures": N_("UN Special Procedures"),
    "un_committee_against_torture": N_("UN Committee against Torture"),
    "un_human_rights_committee": N_("UN Human Rights Committee"),
    "ecthr": N_("European Court of Human Rights"),
    "unhcr": N_("UNHCR"),
    "osce": N_("OSCE"),
    "pace": N_("PACE"),
    "european_parliament": N_("European Parliament"),
    "national_parliament": N_("National parliament"),
    "national_oversight_body": N_("National oversight body"),
    "ngo": N_("NGO"),
    "other_state": N_("Another state"),
    "other": N_("Another body"),
}
OUTCOMES = {  # model.OutcomeKind: what happened to the person
    "surrender": N_("surrendered"),
    "expulsion": N_("expelled"),
    "deportation": N_("deported"),
    "abduction": N_("abducted"),
    "release": N_("released from detention"),
    "departure": N_("left"),
    "death": N_("died"),
}
ACTS = {
    "communication": N_("communication"),
    "public_statement": N_("public statement"),
    "interim_measures_requested": N_("interim measures requested"),
    "interim_measures_indicated": N_("indicates interim measures"),
    "interim_measures_refused": N_("refuses interim measures"),
    "protection_letter": N_("protection letter"),
    "monitoring": N_("monitoring of the person's situation"),
    "resolution": N_("resolution"),
    "report": N_("report"),
}
PROTECTION_OUTCOMES = {
    "granted": N_("{kind} granted"),
    "refused": N_("{kind} refused"),
    "appeal_filed": N_("appeal lodged against the {kind} refusal"),
    "appeal_allowed": N_("{kind} appeal allowed"),
    "appeal_dismissed": N_("{kind} appeal dismissed"),
    "remitted": N_("{kind} claim sent back for a new decision"),
    "withdrawn": N_("{kind} claim withdrawn"),
}
PROTECTION_KINDS = {"asylum": N_("asylum"), "subsidiary": N_("subsidiary protection"),
                    "temporary": N_("temporary protection"),
                    "unhcr_mandate": N_("UNHCR mandate status")}
SURRENDER_OUTCOMES = {"surrender_allowed": N_("allows surrender"),
                      "surrender_refused": N_("refuses surrender"),
                      "quashed": N_("quashes the earlier extradition decision")}
SERVICE_ACTS = {
    "threat": N_("threat by {state}'s services"),
    "kidnap_attempt": N_("kidnap attempt attributed to {state}'s services"),
    "surveillance": N_("surveillance by {state}'s services"),
    "address_known": N_("{state}'s services know the person's address"),
    "pressure_on_family": N_("{state}'s services pressure the family"),
    "obstruction": N_("obstruction by {state}'s services"),
}
EVIDENCE = {
    "systemic_torture": N_("systemic torture"),
    "deaths_in_custody": N_("deaths in custody"),
    "persecution_of_group": N_("persecution of {group}"),
    "fair_trial_deficits": N_("unfair trials in political cases"),
    "prison_conditions": N_("inhuman prison conditions"),
    "death_penalty_in_force": N_("the death penalty in force"),
    "death_penalty_abolished": N_("the death penalty abolished"),
    "group_designated_extremist": N_("{group} designated 'extremist'"),
    "torture_of_associates": N_("ill-treatment of {group}"),
    "ill_treatment_of_detainees": N_("ill-treatment of detainees"),
    "conditions_improved": N_("improved conditions"),
    "death_penalty_moratorium": N_("a moratorium on executions"),
    "life_imprisonment_without_release": N_("life imprisonment without a prospect of release"),
    "removals_from_abroad": N_("abductions or forced returns of people from abroad"),
    "death_row_conditions": N_("long waits on death row in harsh conditions"),
    "treatment_unavailable": N_("medical treatment out of reach"),
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
    items += [(_upper_first(_(SERVICE_ACTS[s.kind]).format(state=requesting))
               + f": {short(s.summary, 60)}", s.date) for s in case.services_activity]
    items += _requested_state(case, requested, requesting)
    items += [(_evidence_label(e, requesting), e.date) for e in case.country_evidence]
    items += [(_("Diplomatic assurances from {author}").format(author=a.given_by), a.date)
              for a in case.assurances]
    items += [(" ".join(e.title.split()), e.date) for e in case.events]
    items += [(_upper_first(_(OUTCOMES[o.kind])) + (
        _(" to {state}").format(state=country_name(o.to or case.states.requesting))
        if o.kind not in ("release", "death") else "")
        + (_(" in breach of an interim measure") if o.breached_interim_measure else ""),
        o.date) for o in case.outcomes]
    return items


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _person(case: Case) -> list[Item]:
    return [(_("Public activity: {what}").format(what=short(a.description, 60)), a.date)
            for a in case.person.public_activity]


def _charges(case: Case) -> list[Item]:
    items: list[Item] = []
    for charge in case.charges:
        offence = short(charge.offence, 60)
        if charge.opened:
            items.append((_("Criminal case opened: {offence}").format(offence=offence),
                          charge.opened))
        if charge.convicted:
            convicted = (_("Convicted in absentia: {offence}") if charge.in_absentia
                         else _("Convicted: {offence}"))
            items.append((convicted.format(offence=offence), charge.convicted))
        deferral = charge.deferral
        if deferral and deferral.granted:
            items.append((_("Sentence deferred: {offence}").format(offence=offence),
                          deferral.granted))
        if deferral and deferral.cancelled:
            items.append((_("Deferral of the sentence cancelled: {offence}").format(
                offence=offence), deferral.cancelled))
    return items


def _treaties(case: Case) -> list[Item]:
    items: list[Item] = []
    for t in case.legal_basis.treaties:
        name = short(t.name, 70)
        for what, date in ((_("{treaty} signed"), t.signed), (_("{treaty} ratified"), t.ratified),
                           (_("{treaty} enters into force"), t.in_force),
                           (_("{treaty} ceases to apply"), t.terminated)):
            if date:
                items.append((what.format(treaty=name), date))
    return items


def _protection(case: Case, requested: str) -> list[Item]:
    items: list[Item] = []
    for claim in case.protection:
        kind = _(PROTECTION_KINDS[claim.kind])
        where = country_name(claim.state) if claim.state else requested
        if claim.intention_expressed:
            items.append((_("Expresses the intention to seek protection in {state}").format(
                state=where), claim.intention_expressed))
        if claim.filed:
            if claim.subsequent_application:
                files = _("Files a renewed {kind} application in {state}")
            elif kind[:1] in "aeiou":
                files = _("Files an {kind} application in {state}")
            else:
                files = _("Files a {kind} application in {state}")
            items.append((files.format(kind=kind, state=where), claim.filed))
        for d in claim.decisions:
            label = _upper_first(_(PROTECTION_OUTCOMES[d.outcome]).format(kind=kind))
            by = _(" by {body}").format(body=short(d.body, 60)) if d.body else ""
            final = " (" + _("final") + ")" if d.final else ""
            items.append((f"{label}{by}{final}", d.date))
    return items


def _involvement(i: Involvement, requested: str) -> list[Item]:
    body = _(BODIES[i.body])
    act = _(ACTS[i.kind])
    ref = f" {i.reference}" if i.reference else ""
    to = (_(" to {state}").format(state=country_name(i.addressed_to))
          if i.addressed_to else "")
    if i.kind in ("interim_measures_indicated", "interim_measures_refused"):
        label = _("{body} {act}").format(body=body, act=act) + ref
    elif i.body == "ecthr" and i.kind == "interim_measures_requested":
        label = _("Rule 39 interim measure requested from the European Court of Human "
                  "Rights") + ref
    else:
        label = _("{body} {act}").format(body=body, act=act) + ref + to
    if i.calls_against_extradition:
        label += ": " + _("urges no extradition")
    elif i.calls_charges_political:
        label += ": " + _("calls the charges political")
    items: list[Item] = [(label, i.date)]
    if i.reply:
        replier = country_name(i.addressed_to) if i.addressed_to else requested
        about = i.reference or _("the {body} {act} of {date}").format(
            body=body, act=act, date=when(i.date, governed=True))
        commits = (" (" + _("commits to non-refoulement") + ")"
                   if i.reply.commits_to_non_refoulement else "")
        items.append((_("{state} replies to {what}").format(state=replier, what=about)
                      + commits, i.reply.date))
    return items


def _interpol(case: Case) -> list[Item]:
    items: list[Item] = []
    for n in case.interpol:
        kind = _("red notice") if n.kind == "red_notice" else _("diffusion")
        for label, date in ((_("Interpol {kind} issued"), n.issued),
                            (_("Request to the CCF to delete the Interpol {kind}"),
                             n.ccf_request_filed),
                            (_("CCF refuses to delete the Interpol {kind}"), n.ccf_refused),
                            (_("Interpol deletes the {kind}"), n.deleted)):
            if date:
                items.append((label.format(kind=kind), date))
    return items


def _extradition(case: Case, requesting: str) -> list[Item]:
    ex = case.extradition
    items: list[Item] = [(_("Extradition request from {state} received").format(
        state=requesting), r.received) for r in ex.requests]
    for d in ex.detentions:
        kind = {"extradition_arrest": _("Arrested for extradition"),
                "provisional_arrest": _("Provisional arrest"),
                "house_arrest": _("Placed under house arrest"),
                "other": _("Detained")}[d.kind]
        details = [x for x in (d.place and _("in {place}").format(place=d.place),
                               d.on_interpol_notice and _("on the Interpol notice")) if x]
        items.append((kind + (f" ({', '.join(details)})" if details else ""), d.start))
        if d.end:
            items.append((_("Released from detention"), d.end))
    if ex.passport_confiscated:
        items.append((_("Passport confiscated"), ex.passport_confiscated))
    if ex.passport_returned:
        items.append((_("Passport returned"), ex.passport_returned))
    for d in ex.decisions:
        who = short(d.body, 60) if d.body else _court_level(d.level)
        final = " (" + _("final") + ")" if d.final else ""
        items.append((_("{court} {decision}").format(
            court=who, decision=_(SURRENDER_OUTCOMES[d.outcome])) + final, d.date))
        if d.in_force and d.in_force != d.date:
            items.append((_("Decision of {date} ({court}) enters into force").format(
                date=when(d.date, governed=True), court=who), d.in_force))
    return items


def _requested_state(case: Case, requested: str, requesting: str) -> list[Item]:
    conduct = case.requested_state
    items: list[Item] = []
    for e in conduct.extra_procedural_expulsions:
        if e.date:
            to = _(" to {state}").format(state=country_name(e.to)) if e.to else ""
            items.append((_("{state} removes {who}{to} outside the procedure").format(
                state=requested, who=e.who, to=to), e.date))
    items += [(_("{requested} and {requesting} draw closer: {what}").format(
        requested=requested, requesting=requesting, what=short(n.summary, 60)), n.date)
        for n in conduct.political_warming]
    if conduct.ministry_non_refoulement_commitment:
        items.append((_("Ministry of {state} commits in writing to non-refoulement").format(
            state=requested), conduct.ministry_non_refoulement_commitment))
    return items


def _evidence_label(e, requesting: str) -> str:
    what = _(EVIDENCE[e.kind]).format(group=e.group or _("the person's group"))
    return _("Evidence of {what} in {state}").format(what=what, state=requesting)


def _court_level(level: str) -> str:
    """A decision's level when the case file names no court: its words, capitalised."""
    words = {"first_instance": _("First instance"), "appeal": _("Appeal"),
             "supreme": _("Supreme"), "minister": _("Minister"),
             "constitutional": _("Constitutional")}
    return words.get(level, level.replace("_", " ").capitalize())
