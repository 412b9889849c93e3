"""The case file: every part of an extradition case a lawyer records, as Pydantic models.

The field descriptions are the documentation of the case file format; `assess schema`
publishes them as JSON Schema. Unknown fields are errors (a typo must never be ignored).
A fact the lawyer does not know yet is left out or written `unknown`: that is not `false`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from .countries import check_country
from .dates import PartialDate


def _unknown_to_none(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() == "unknown":
        return None
    return value


Country = Annotated[
    str,
    AfterValidator(check_country),
    Field(
        description="ISO 3166-1 alpha-2 country code, e.g. KZ, ME, UA.",
        pattern=r"^[A-Z]{2}$",
    ),
]
# A yes/no fact that may be unknown: `true`, `false`, or `unknown` (or left out).
Tri = Annotated[bool | None, BeforeValidator(_unknown_to_none)]
# the bound sits on the int alone: `unknown` (None) must not reach the `ge` check
# strict: YAML's `true` is not the number 1; le: the largest integer both engines hold exactly
Count = Annotated[Annotated[int, Field(ge=0, le=2**53 - 1, strict=True)] | None,
                  BeforeValidator(_unknown_to_none)]
Date = PartialDate
SourceIds = Annotated[
    list[str],
    Field(description="Ids of entries in `sources` that support this item."),
]


class Part(BaseModel):
    """Base of every part of a case: strict about unknown fields."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        arbitrary_types_allowed=True,
        validate_default=False,
    )


# on any item: its free text names or locates someone (withheld by --redact)
Personal = Annotated[bool, Field(description="Identifying detail: its text is withheld in a "
                                             "report shared with --redact.")]


class Disputed(Part):
    """Another value a source gives for one of the item's fields: both are recorded, the
    item's own value is the one the evidence supports best, and the report shows both."""

    field: str = Field(description="The item's field the sources disagree on, e.g. "
                       "`people_interrogated`.")
    value: str | int | bool | PartialDate = Field(
        description="What the other source says, as it says it (e.g. `hundreds`).")
    sources: SourceIds = []
    note: str | None = Field(None, description="Why the case relies on the other value.")


class Cited(Part):
    sources: SourceIds = []
    known_from: Date | None = Field(
        None, description="When the item became known (to the person, the lawyer or the "
        "public): it counts only from then, whatever its own date.")
    disputed: list[Disputed] = Field(
        [], description="Other values sources give for this item's fields (sources disagree).")
    personal: Personal = False

    @model_validator(mode="after")
    def _disputed_fields(self) -> "Cited":
        fields = set(type(self).model_fields) - {"sources", "known_from", "disputed",
                                                  "personal"}
        for entry in self.disputed:
            if entry.field not in fields:
                raise ValueError(f"disputed field '{entry.field}' is not a field of this "
                                 f"item (one of: {', '.join(sorted(fields))})")
        return self


# --- sources ---------------------------------------------------------------------------

SourceKind = Literal[
    "court_decision",
    "government_document",
    "un_document",
    "international_body",
    "ngo_report",
    "news",
    "statement_by_person",
    "lawyer_note",
    "other",
]


class Source(Part):
    id: str = Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
        description="Short id that facts cite, e.g. `mfa-letter-2024`.",
    )
    title: str = Field(description="What the document is, as a footnote would name it.")
    kind: SourceKind = Field(description="The kind of document, which tells its weight.")
    date: Date | None = Field(None, description="Date of the document.")
    publisher: str | None = Field(None, description="Court, body, outlet or author.")
    url: str | None = Field(None, description="Where it can be found (never fetched).")
    note: str | None = Field(None, description="Anything the reader should know about it.")
    personal: Personal = False


# --- person ----------------------------------------------------------------------------

Profile = Literal[
    "human_rights_defender",
    "journalist",
    "opposition_member",
    "opposition_leader",
    "religious_group_member",
    "ethnic_minority",
    "lgbti",
    "businessperson",
    "former_official",
    "ordinary_suspect",
    # profiles courts meet in removal cases (the state's own labels, not findings of guilt)
    "terrorism_suspect",
    "accused_of_coup_or_rebellion",
    "armed_group_member",
    "associate_of_opposition_figure",
    "imputed_membership",
]
POLITICAL_PROFILES = frozenset(
    {
        "human_rights_defender",
        "journalist",
        "opposition_member",
        "opposition_leader",
        "religious_group_member",
        "ethnic_minority",
        "lgbti",
    }
)


class Organisation(Cited):
    name: str = Field(description="Organisation or movement the person belongs to.")
    role: str | None = Field(None, description="The person's role, e.g. founder, leader.")
    leader: Tri = Field(None, description="Whether the person is one of its leaders.")


class Relative(Part):
    name: str | None = Field(None, description="Name (personal: redacted when sharing).")
    relation: str = Field(description="e.g. son, mother, husband.")
    in_requesting_state: Tri = Field(None, description="Lives in the requesting state.")
    minor: Tri = Field(None, description="Under 18.")
    in_care_of_person: Tri = Field(None, description="The person is their carer.")


class IdentityDocument(Part):
    kind: str = Field(description="e.g. passport, residence permit.")
    number: str | None = Field(None, description="Number (personal: redacted).")
    issuer: Country | None = Field(None, description="Issuing state.")


class PublicActivity(Cited):
    date: Date = Field(description="When the activity began or the statement was made.")
    description: str = Field(description="What the person did or said publicly.")
    critical_of_requesting_state: Tri = Field(
        None, description="Whether it criticised the authorities of the requesting state."
    )


PastHarmKind = Literal["torture", "ill_treatment", "detention", "threat", "prosecution"]


class PastHarm(Cited):
    """What the requesting state already did to the person: courts and the Committee
    against Torture read earlier ill-treatment as evidence that the risk is personal."""

    kind: PastHarmKind = Field(description="torture, ill_treatment, detention, threat or "
                               "prosecution suffered at the hands of the requesting state.")
    date: Date | None = Field(None, description="When it happened (bounds allowed).")
    summary: str = Field(description="What happened, in a sentence.")
    substantiated: Tri = Field(
        None, description="Supported by independent evidence (medical report, court or UN "
        "finding); false where a court or body found the account not substantiated.")


class Person(Cited):
    name: str = Field(description="Full name (personal: redacted when sharing).")
    aliases: list[str] = Field(
        [], description="Other spellings and transliterations (personal: redacted)."
    )
    birth_date: Date | None = Field(None, description="Date of birth (personal).")
    nationalities: list[Country] = Field(
        min_length=1, description="Every nationality, as ISO codes."
    )
    profile: list[Profile] = Field(
        [], description="What makes the person a target, in the categories of the domain."
    )
    organisations: list[Organisation] = Field(
        [], description="Organisations or movements the person belongs to.")
    public_activity: list[PublicActivity] = Field(
        [], description="Dated public criticism, journalism or activism."
    )
    family: list[Relative] = Field([], description="Relatives who matter to the risk.")
    address: str | None = Field(None, description="Current address (personal: redacted).")
    documents: list[IdentityDocument] = Field(
        [], description="Identity documents (their numbers are redacted when sharing).")
    health: str | None = Field(None, description="Health conditions (personal: redacted).")
    serious_health_condition: Tri = Field(
        None, description="A serious illness, and detention would endanger the person's health."
    )
    history: list[PastHarm] = Field(
        [], description="The person's own earlier ill-treatment, detention, threats or "
        "prosecution by the requesting state.")


# --- states ----------------------------------------------------------------------------


class States(Part):
    requesting: Country = Field(description="The state that wants the person surrendered.")
    requested: Country = Field(description="The state where the person is now.")
    transit: list[Country] = Field(
        [], description="Third states the person has passed through or may travel to."
    )
    # a third state that could obtain the person from the requesting state (re-extradition)
    also_sought_by: list[Country] = Field(
        [], description="Third states that also seek the person (their own charges, notice "
        "or request), to which the requesting state could hand the person on.")

    @model_validator(mode="after")
    def _distinct(self) -> "States":
        if self.requesting == self.requested:
            raise ValueError("the requesting and requested states must differ")
        return self


# --- charges ---------------------------------------------------------------------------


class Deferral(Cited):
    granted: Date | None = Field(None, description="When execution was deferred.")
    until: Date | None = Field(None, description="When the deferral would end.")
    cancelled: Date | None = Field(None, description="When the deferral was cancelled.")
    cancelled_after_activism: Tri = Field(
        None,
        description="The cancellation followed the person's opposition or public activity.",
    )


class Charge(Cited):
    offence: str = Field(description="The offence as the requesting state names it.")
    code_article: str | None = Field(None, description="Code and article, e.g. CC KZ Art 190.")
    opened: Date | None = Field(None, description="When the criminal case was opened.")
    alleged_from: Date | None = Field(None, description="Start of the alleged conduct.")
    alleged_to: Date | None = Field(None, description="End of the alleged conduct.")
    max_penalty_years: Count = Field(None, description="Maximum prison term, in years.")
    death_penalty_possible: Tri = Field(
        None, description="The offence carries the death penalty in the requesting state."
    )
    amount_eur: Count = Field(
        None, description="Sum at stake in an economic charge, in euros (whole euros)."
    )
    convicted: Date | None = Field(None, description="Date of conviction, if convicted.")
    in_absentia: Tri = Field(None, description="Convicted in the person's absence.")
    sentence_years: Count = Field(None, description="Sentence imposed, in years.")
    deferral: Deferral | None = Field(None, description="Deferral of the sentence.")
    amnesty_applicable: Tri = Field(
        None, description="An amnesty covers the offence or the sentence."
    )
    limitation_expired: Tri = Field(
        None, description="Prosecution or punishment is time-barred in either state."
    )
    double_criminality: Tri = Field(
        None, description="The conduct is also an offence in the requested state."
    )
    tried_in_requested_state: Tri = Field(
        None, description="Already tried for the same acts in the requested state."
    )
    military_offence: Tri = Field(None, description="A purely military offence.")
    political_offence: Tri = Field(
        None, description="The offence is itself political (e.g. 'extremism' for speech)."
    )
    life_imprisonment_possible: Tri = Field(
        None, description="The offence carries life imprisonment in the requesting state.")
    evidence_obtained_by_torture: Tri = Field(
        None, description="Evidence against the person was obtained by torture (of the person "
        "or of witnesses) and may be admitted at trial.")
    special_or_military_court: Tri = Field(
        None, description="The person would be tried by a special or military court.")
    witnesses_tortured: Tri = Field(
        None, description="Witnesses were tortured or coerced to make statements against the "
        "person (their statements are evidence obtained by torture).")
    political_role_targeted: Tri = Field(
        None, description="The acts charged are the person's political negotiation or "
        "representation (as an envoy, negotiator or elected representative), or the "
        "prosecution would exclude the person from such a role.")
    # indicators that the charge is a pretext for a political prosecution
    followed_public_criticism: Tri = Field(
        None, description="The case was opened after the person criticised the authorities."
    )
    times_reopened: Count = Field(
        None, description="How often the case was opened, closed and reopened."
    )
    people_interrogated: Count = Field(
        None, description="People questioned in the investigation (mass interrogations)."
    )
    complaining_victim: Tri = Field(
        None, description="Whether any alleged victim complained; false if none did."
    )
    financial_reports_public: Tri = Field(
        None, description="The person's or organisation's accounts were public."
    )

    @model_validator(mode="after")
    def _period(self) -> "Charge":
        # certainly before: `2024-04` may end after `2024-04-15`, so only whole periods clash
        if self.alleged_from and self.alleged_to and (
                self.alleged_to.latest < self.alleged_from.earliest):
            raise ValueError(
                f"alleged_to {self.alleged_to} is before alleged_from {self.alleged_from}"
            )
        return self


# --- legal basis -----------------------------------------------------------------------

Convention = Literal[
    "bilateral",
    "ece_1957",
    "minsk_1993",
    "chisinau_2002",
    "untoc",
    "uncac",
    "other_multilateral",
]


class Treaty(Cited):
    name: str = Field(description="Title of the treaty or convention.")
    kind: Convention = Field(description="Which instrument it is.")
    signed: Date | None = Field(None, description="Date of signature.")
    ratified: Date | None = Field(
        None, description="Date the requested state ratified it (for a bilateral treaty)."
    )
    in_force: Date | None = Field(
        None, description="Date it entered into force between the two states."
    )
    terminated: Date | None = Field(None, description="Date it ceased to apply.")
    note: str | None = Field(None, description="Anything the reader should know about it.")


class LegalBasis(Cited):
    treaties: list[Treaty] = Field(
        [], description="Treaties and conventions that could found the request."
    )
    treaty_list_complete: Tri = Field(
        None,
        description=(
            "The lawyer has checked that no other treaty applies between the two states. "
            "Only then does an empty or not-yet-in-force list mean 'no treaty'."
        ),
    )
    reciprocity_offered: Tri = Field(
        None, description="The requesting state offered reciprocity instead of a treaty."
    )
    own_nationals_extradition_barred: Tri = Field(
        None,
        description="The requested state's constitution or law bars surrendering its nationals.",
    )
    note: str | None = Field(None, description="Anything to know about the treaty situation.")


# --- protection ------------------------------------------------------------------------

ProtectionKind = Literal["asylum", "subsidiary", "temporary", "unhcr_mandate"]
DecisionOutcome = Literal[
    "granted",
    "refused",
    "appeal_filed",
    "appeal_allowed",
    "appeal_dismissed",
    "remitted",
    "withdrawn",
]


class ProtectionDecision(Cited):
    date: Date = Field(description="Date of the decision or filing.")
    body: str | None = Field(None, description="Authority or court.")
    outcome: DecisionOutcome = Field(
        description=(
            "granted / refused (by the authority); appeal_filed; appeal_allowed or remitted "
            "(the claim goes back to be decided again); appeal_dismissed; withdrawn."
        )
    )
    final: Tri = Field(None, description="No further appeal is available.")
    defence_heard: Tri = Field(
        None, description="The person's lawyers were heard before the decision."
    )
    rushed: Tri = Field(
        None,
        description="Taken unusually fast or before a period the body itself had given.",
    )
    note: str | None = Field(None, description="Anything to know about the decision.")


class ProtectionClaim(Cited):
    id: str | None = Field(None, description="Optional label, e.g. asylum-ME-2023.")
    kind: ProtectionKind = Field(description="The form of protection sought or held.")
    state: Country | None = Field(
        None, description="Where it was sought; defaults to the requested state."
    )
    authority: str | None = Field(None, description="The authority that decides the claim.")
    intention_expressed: Date | None = Field(
        None, description="When the person first told the authorities they sought protection."
    )
    filed: Date | None = Field(None, description="When the application was lodged.")
    subsequent_application: Tri = Field(
        None, description="A renewed or subsequent application after an earlier refusal."
    )
    confidentiality_breached: Tri = Field(
        None, description="The claim was disclosed to the requesting state."
    )
    decisions: list[ProtectionDecision] = Field(
        [], description="Decisions and appeals, in any order."
    )


# --- international involvement ----------------------------------------------------------

Body = Literal[
    "un_special_procedures",
    "un_committee_against_torture",
    "un_human_rights_committee",
    "ecthr",
    "unhcr",
    "osce",
    "pace",
    "european_parliament",
    "national_parliament",
    "national_oversight_body",
    "ngo",
    "other_state",
    "other",
]
InvolvementKind = Literal[
    "communication",
    "public_statement",
    "interim_measures_requested",
    "interim_measures_indicated",
    "interim_measures_refused",
    "protection_letter",
    "resolution",
    "report",
    "monitoring",
]


class StateReply(Cited):
    date: Date = Field(description="Date of the requested state's reply.")
    commits_to_non_refoulement: Tri = Field(
        None, description="The reply commits the state to non-refoulement."
    )
    summary: str | None = Field(None, description="What the reply says, in a sentence.")


class Involvement(Cited):
    body: Body = Field(description="The international or national body involved.")
    kind: InvolvementKind = Field(description="What the body did.")
    date: Date = Field(description="When it did it.")
    reference: str | None = Field(None, description="e.g. AL NE 2/2024, application no.")
    mandates: list[str] = Field([], description="UN mandates, e.g. human rights defenders.")
    addressed_to: Country | None = Field(None, description="The state it was addressed to.")
    calls_against_extradition: Tri = Field(
        None, description="It urges the state not to extradite or return the person."
    )
    calls_charges_political: Tri = Field(
        None, description="It calls the charges or the persecution politically motivated."
    )
    cites_torture_risk: Tri = Field(None, description="It names a risk of torture.")
    reply: StateReply | None = Field(None, description="The addressed state's reply.")
    complied: Tri = Field(
        None, description="For an interim measure indicated: whether the requested state "
        "complied with it (false: the person was removed while it was in force; the "
        "`outcomes` tell when and how).")
    summary: str | None = Field(None, description="What the body said or did, in a sentence.")


# --- Interpol --------------------------------------------------------------------------


class InterpolNotice(Cited):
    kind: Literal["red_notice", "diffusion"] = Field(description="Red notice or diffusion.")
    issued: Date | None = Field(None, description="When it was issued or first applied.")
    ccf_request_filed: Date | None = Field(
        None, description="When deletion was requested from the Commission (CCF)."
    )
    deleted: Date | None = Field(None, description="When Interpol deleted it.")
    ccf_refused: Date | None = Field(None, description="When the CCF refused deletion.")


# --- country conditions ----------------------------------------------------------------

EvidenceKind = Literal[
    "systemic_torture",
    "deaths_in_custody",
    "persecution_of_group",
    "fair_trial_deficits",
    "prison_conditions",
    "death_penalty_in_force",
    "death_penalty_abolished",
    "group_designated_extremist",
    "torture_of_associates",
    # general findings that any detainee runs a real risk of ill-treatment
    "ill_treatment_of_detainees",
    # what weakens the ground: conditions found improved since earlier reports
    "conditions_improved",
    "death_penalty_moratorium",
    "life_imprisonment_without_release",
    "removals_from_abroad",
    # those sentenced to death wait long on death row in harsh conditions (Soering v UK)
    "death_row_conditions",
    # appropriate medical treatment absent or out of reach there (Paposhvili v Belgium)
    "treatment_unavailable",
]


class CountryEvidence(Cited):
    kind: EvidenceKind = Field(description="What the evidence shows.")
    date: Date = Field(description="Date of the report or event (for staleness).")
    group: str | None = Field(None, description="The group concerned, if any.")
    person_belongs_to_group: Tri = Field(
        None, description="The person belongs to that group."
    )
    summary: str = Field(description="What the evidence says, in a sentence.")


# --- assurances ------------------------------------------------------------------------


Promise = Literal[
    "no_torture",
    "detention_conditions",
    "no_death_penalty",
    "fair_trial",
    "retrial",
    "speciality",
    "no_life_without_parole",
    "monitoring_access",
    "lawyer_access",
    "consular_access",
    "medical_care",
    "no_political_prosecution",
]
AssuranceForm = Literal[
    "diplomatic_note", "letter", "memorandum_of_understanding", "treaty", "oral", "other"]


class Assurance(Cited):
    date: Date = Field(description="When the assurance was given.")
    given_by: str = Field(description="Which authority gave it.")
    content: str = Field(description="What it promises, in its own words.")
    promises: list[Promise] = Field(
        [], description="What it promises, one entry per promise: no_torture, "
        "detention_conditions, no_death_penalty, fair_trial, retrial, speciality, "
        "no_life_without_parole, monitoring_access, lawyer_access, consular_access, "
        "medical_care, no_political_prosecution.")
    addressee: str | None = Field(None, description="To whom it was given.")
    form: AssuranceForm | None = Field(None, description="diplomatic_note, letter, "
                                       "memorandum_of_understanding, treaty, oral, other.")
    binds_local_authorities: Tri = Field(
        None, description="The prisons, police and courts that would hold or try the person "
        "are bound by it (or can be expected to abide by it).")
    specific: Tri = Field(None, description="Specific to this person, not a form of words.")
    binds_the_state: Tri = Field(
        None, description="Given by an authority able to bind the requesting state."
    )
    independent_monitoring: Tri = Field(
        None, description="Compliance can be verified by independent monitors and lawyers."
    )
    track_record_of_compliance: Tri = Field(
        None, description="The requesting state has kept such assurances before."
    )


# --- extradition proceedings and conduct ------------------------------------------------


class ExtraditionRequest(Cited):
    received: Date = Field(description="When the requested state received the request.")
    purpose: Literal["prosecution", "enforcement"] | None = Field(
        None, description="To prosecute, or to enforce a sentence."
    )
    basis_claimed: str | None = Field(None, description="The basis the request invokes.")
    speciality_undertaking: Tri = Field(
        None, description="The request contains the requesting state's undertaking of "
        "speciality: no prosecution for other offences, no handing on to a third state.")
    third_state_behind: Country | None = Field(
        None, description="A third state whose interest drives the request (the persecutor "
        "acting through a friendly state's request), where the evidence shows it.")


class Detention(Cited):
    start: Date = Field(description="Date of arrest.")
    end: Date | None = Field(None, description="Date of release, if released.")
    kind: Literal["extradition_arrest", "provisional_arrest", "house_arrest", "other"] = Field(
        "extradition_arrest", description="The kind of arrest or detention: `other` is an "
        "arrest not made for the extradition (e.g. for a border offence), recorded in the "
        "timeline but not counted as an extradition arrest."
    )
    on_interpol_notice: Tri = Field(None, description="Arrest on an Interpol notice.")
    place: str | None = Field(None, description="Where the person was held.")

    @model_validator(mode="after")
    def _interval(self) -> "Detention":
        # certainly before: released `2024-04` after an arrest on 2024-04-15 is consistent
        if self.end and self.end.latest < self.start.earliest:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class ExtraditionDecision(Cited):
    date: Date = Field(description="Date of the decision.")
    body: str | None = Field(None, description="Court or minister.")
    level: Literal["first_instance", "appeal", "supreme", "minister", "constitutional"] = Field(
        description="Which court or authority decided.")
    outcome: Literal["surrender_allowed", "surrender_refused", "quashed"] = Field(
        description="Whether surrender was allowed, refused, or a decision quashed."
    )
    final: Tri = Field(None, description="In force, with no ordinary appeal left.")
    in_force: Date | None = Field(None, description="When it entered into force.")
    defence_heard: Tri = Field(
        None, description="The person's lawyers were heard before the decision.")
    rushed: Tri = Field(
        None, description="Taken unusually fast or before a period the body itself had given.")
    note: str | None = Field(None, description="Anything to know about the decision.")


class CourtDeadline(Cited):
    date: Date = Field(description="When the time limit runs out.")
    what: str = Field(description="What must be done by then, e.g. reply to the cassation.")
    set_by: str | None = Field(None, description="The court or authority that set it.")


class Extradition(Cited):
    requests: list[ExtraditionRequest] = Field(
        [], description="Extradition requests the requested state received.")
    detentions: list[Detention] = Field(
        [], description="Each arrest and period of detention or house arrest.")
    passport_confiscated: Date | None = Field(None, description="When it was taken.")
    passport_returned: Date | None = Field(None, description="When it was given back.")
    decisions: list[ExtraditionDecision] = Field(
        [], description="Court and ministerial decisions on surrender.")
    deadlines: list[CourtDeadline] = Field(
        [], description="Time limits courts have set in the case."
    )


ServiceActivityKind = Literal[
    "threat",
    "kidnap_attempt",
    "surveillance",
    "address_known",
    "pressure_on_family",
    "obstruction",
]


class ServiceActivity(Cited):
    date: Date = Field(description="When it happened (or was first known).")
    kind: ServiceActivityKind = Field(description="What the requesting state's agents did.")
    summary: str = Field(description="What happened.")


class RequestedStateConduct(Cited):
    extra_procedural_expulsions: list["PastExpulsion"] = Field(
        [], description="Known cases of irregular transfer by the requested state."
    )
    political_warming: list["DatedNote"] = Field(
        [], description="Signs of warming relations with the requesting state."
    )
    ministry_non_refoulement_commitment: Date | None = Field(
        None, description="When a ministry committed in writing to non-refoulement."
    )
    security_cooperation: list["DatedNote"] = Field(
        [], description="Cooperation of the requested state's police or security services "
        "with the requesting state's (agreements, joint operations, handovers).")
    notice_before_removal: list["DatedNote"] = Field(
        [], description="A court order or a written undertaking of the authorities that "
        "counsel is notified before any removal of the person.")


class PastExpulsion(Cited):
    date: Date | None = Field(None, description="When the person was handed over.")
    who: str = Field(description="Whose case (public record).")
    to: Country | None = Field(None, description="The state the person was handed to.")
    summary: str | None = Field(None, description="What happened, in a sentence.")
    breached_interim_measure: Tri = Field(
        None, description="The person was removed while an interim measure (ECtHR Rule 39, "
        "a UN treaty body's request) forbade it.")
    found_by: str | None = Field(
        None, description="The judgment or decision that found the removal unlawful, by "
        "its own title and date (e.g. an ECtHR judgment, a UN committee's views).")


class DatedNote(Cited):
    date: Date = Field(description="When it happened.")
    summary: str = Field(description="What happened, in a sentence.")


# --- what happened to the person (the end of the procedure) -----------------------------

OutcomeKind = Literal[
    "surrender", "expulsion", "deportation", "abduction", "release", "departure", "death"
]


class Outcome(Cited):
    kind: OutcomeKind = Field(
        description="surrender (extradition executed), expulsion or deportation (removal "
        "outside the extradition procedure), abduction, release (from detention, the "
        "person stays), departure (left for a third state), death.")
    date: Date = Field(description="When it happened.")
    to: Country | None = Field(
        None, description="Where the person was taken or went; for a surrender, expulsion, "
        "deportation or abduction left out means the requesting state.")
    breached_interim_measure: Tri = Field(
        None, description="The removal took place while an interim measure (ECtHR Rule 39, "
        "a UN treaty body's request) forbade it.")
    summary: str | None = Field(None, description="What happened, in a sentence.")


class Event(Cited):
    date: Date = Field(description="When it happened.")
    title: str = Field(description="What happened, in one line.")
    detail: str | None = Field(None, description="More detail.")
    personal: bool = Field(
        False, description="Contains identifying detail: redacted in a shared report."
    )



# --- the law binding the two states (overrides the reference data) ----------------------

LawFact = Literal[
    "requested_bound_by_echr",
    "requested_accepts_cat_complaints",
    "requested_accepts_hrc_complaints",
    "requested_eu_member",
    "ece_in_force_between_states",
    "ece_lapse_of_time_protocol_in_force",
    "minsk_in_force_between_states",
    "chisinau_in_force_between_states",
    "requesting_death_penalty",
    "requested_extradites_own_nationals",
    "requested_refugee_convention_party",
]
DEATH_PENALTY_STATUS = ("abolished", "abolished_ordinary", "moratorium", "retained")


def _statement(value: Any) -> Any:
    """`requested_bound_by_echr: true` is short for `{value: true}`."""
    return value if isinstance(value, dict) else {"value": value}


class LawStatement(Cited):
    value: bool | str | None = Field(
        description="The value the lawyer checked for this case (unknown: leave it to the "
        "reference data); for requesting_death_penalty one of abolished, "
        "abolished_ordinary, moratorium, retained.")
    note: str | None = Field(None, description="What was checked, e.g. the treaty and reservation.")

    @field_validator("value", mode="before")
    @classmethod
    def _unknown(cls, value: Any) -> Any:
        return None if value == "unknown" else value


LawStatements = dict[LawFact, Annotated[LawStatement, BeforeValidator(_statement)]]

# --- the case ---------------------------------------------------------------------------


class Case(Part):
    case_id: str = Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
        description="Short id of the case (used in report names).",
    )
    title: str | None = Field(None, description="Title for the report.")
    provenance: Literal["public_record", "fictional", "client"] = Field(
        "client",
        description="public_record (published facts), fictional (made up), client (confidential).",
    )
    as_of: Date | None = Field(
        None, description="Default as-of date for the assessment (the CLI may override)."
    )
    person: Person = Field(description="The person whose surrender is sought.")
    states: States = Field(description="The requesting, requested and transit states.")
    charges: list[Charge] = Field(
        [], description="The criminal cases or offences the request relies on, one entry each.")
    legal_basis: LegalBasis = Field(
        LegalBasis(), description="The treaty basis of the request, or its absence.")
    protection: list[ProtectionClaim] = Field(
        [], description="Asylum and other protection claims, in any state.")
    international: list[Involvement] = Field(
        [], description="What international and national bodies have done in the case.")
    interpol: list[InterpolNotice] = Field(
        [], description="Interpol notices and diffusions about the person.")
    country_evidence: list[CountryEvidence] = Field(
        [], description="Dated evidence about the requesting state: reports and events.")
    assurances: list[Assurance] = Field(
        [], description="Diplomatic assurances the requesting state has given.")
    extradition: Extradition = Field(
        Extradition(), description="The extradition proceedings: requests, detention, "
        "decisions, time limits.")
    services_activity: list[ServiceActivity] = Field(
        [], description="The requesting state's services acting against the person."
    )
    requested_state: RequestedStateConduct = Field(
        RequestedStateConduct(), description="The requested state's own record: irregular "
        "transfers, warming relations with the requesting state, written commitments.")
    outcomes: list[Outcome] = Field(
        [], description="What happened to the person: surrender, expulsion, deportation, "
        "abduction, release, departure or death, each dated and sourced.")
    right_to_stay: Tri = Field(
        None, description="The person holds a right to stay in the requested state (a "
        "residence permit, a visa, protection or its nationality); false: none, so that an "
        "administrative expulsion needs no extradition decision.")
    events: list[Event] = Field([], description="Other dated events for the timeline.")
    sources: list[Source] = Field([], description="Documents that facts cite.")
    notes: str | None = Field(None, description="Free notes (personal: redacted).")
    redact: list[str] = Field(
        [], description="More words to redact when sharing, wherever they appear: a blog's "
        "name, a movement, a reference number.",
    )
    law: LawStatements = Field(
        {}, description="The law binding the two states as the lawyer checked it for this "
        "case; each entry overrides the reference data (rules/data/states), and the report "
        "says which it used.")

    @model_validator(mode="after")
    def _death_penalty_value(self) -> "Case":
        stated = self.law.get("requesting_death_penalty")
        if stated is not None and stated.value is not None \
                and stated.value not in DEATH_PENALTY_STATUS:
            raise ValueError("law.requesting_death_penalty: one of "
                             + ", ".join(DEATH_PENALTY_STATUS))
        for name, statement in self.law.items():
            if name != "requesting_death_penalty" and not isinstance(statement.value, (bool, type(None))):
                raise ValueError(f"law.{name}: true, false or unknown")
        return self



Loc = tuple[str | int, ...]


def reference_problems(case: Case) -> list[tuple[Loc, str]]:
    """Cross-references Pydantic cannot check field by field: cited sources must exist."""
    problems: list[tuple[Loc, str]] = []
    known: set[str] = set()
    for index, source in enumerate(case.sources):
        if source.id in known:
            problems.append(
                (("sources", index, "id"), f"source id '{source.id}' is used twice")
            )
        known.add(source.id)
    for loc, source_id in _citations(case, ()):
        if source_id not in known:
            hint = ", ".join(sorted(known)) or "none are listed"
            problems.append(
                (loc, f"cites unknown source '{source_id}' (listed sources: {hint})")
            )
    return problems


def _citations(node: Any, loc: Loc) -> list[tuple[Loc, str]]:
    found: list[tuple[Loc, str]] = []
    if isinstance(node, (Cited, Disputed)):
        found.extend(((*loc, "sources", i), sid) for i, sid in enumerate(node.sources))
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            if name != "sources":
                found.extend(_citations(getattr(node, name), (*loc, name)))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found.extend(_citations(item, (*loc, index)))
    return found


RequestedStateConduct.model_rebuild()
