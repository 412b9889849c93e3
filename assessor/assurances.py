"""Diplomatic assurances, graded as courts grade them, and matched to the grounds they answer.

The European Court of Human Rights assesses first whether the general situation in the
receiving state allows any assurance to be relied on, then the quality of each assurance and
whether, in the light of that state's practice, it can be relied on (Othman (Abu Qatada) v
United Kingdom, no. 8139/09, 17 January 2012, paras 188-189). The factors it lists include:
what is promised and whether it is specific or general and vague; who gave it and whether
that authority can bind the state; whether local authorities can be expected to abide by it;
the state's record of keeping such promises; whether compliance can be verified by monitoring,
including access for the person's lawyers; and whether the person was ill-treated there
before. The Committee against Torture holds that assurances may not be used as a loophole
where torture is practised (General Comment No. 4, 2017).

An assurance answers only the grounds its promises speak to: a promise not to seek the death
penalty says nothing about torture. `grade` returns the credibility, the factors for and
against, and the grounds answered; `assessor.grounds` applies it to each ground's strength.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from .i18n import N_, _
from .model import Assurance, Case

Credibility = Literal["credible", "doubtful", "unreliable"]

# The grounds each promise answers (the families named in assessor.grounds).
ANSWERS: dict[str, tuple[str, ...]] = {
    "no_torture": ("torture",),
    "detention_conditions": ("torture", "prison_conditions"),
    "no_death_penalty": ("death_penalty",),
    "fair_trial": ("fair_trial",),
    "retrial": ("fair_trial",),
    "speciality": ("speciality",),
    "no_life_without_parole": ("life_imprisonment",),
    "medical_care": ("illness",),
}
# Promises that do not answer a ground but make the others verifiable (Othman: monitoring,
# unfettered access to the person's lawyers).
VERIFYING = frozenset({"monitoring_access", "lawyer_access", "consular_access"})

PROMISE_WORDS = {
    "no_torture": N_("no torture or ill-treatment"),
    "detention_conditions": N_("conditions of detention"),
    "no_death_penalty": N_("no death penalty"),
    "fair_trial": N_("a fair trial"),
    "retrial": N_("a retrial"),
    "speciality": N_("speciality (no prosecution for other offences, no re-extradition)"),
    "no_life_without_parole": N_("no life sentence without a prospect of release"),
    "monitoring_access": N_("access for monitors"),
    "lawyer_access": N_("access for the person's lawyers"),
    "consular_access": N_("consular access"),
    "medical_care": N_("medical care"),
    "no_political_prosecution": N_("no prosecution for political reasons"),
}


@dataclass(frozen=True)
class Grading:
    """One assurance graded against the Othman factors."""

    assurance: Assurance
    credibility: Credibility
    answers: tuple[str, ...]
    factors_for: tuple[str, ...] = ()
    factors_against: tuple[str, ...] = ()
    not_known: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        from .wording import when

        a = self.assurance
        return f"{a.given_by}, {when(a.date)}"

    def summary(self) -> str:
        from .labels import credibility

        promised = ", ".join(_(PROMISE_WORDS[p]) for p in self.assurance.promises) or \
            _("its promises are not recorded")
        return _("assurance of {who} ({promised}): {credibility}").format(
            who=self.label, promised=promised, credibility=credibility(self.credibility))


@dataclass
class Assurances:
    """Every assurance given by the as-of date, graded."""

    gradings: list[Grading] = field(default_factory=list)

    def answering(self, ground: str) -> list[Grading]:
        return [g for g in self.gradings if ground in g.answers]

    def best_for(self, ground: str) -> Grading | None:
        order = {"credible": 0, "doubtful": 1, "unreliable": 2}
        found = sorted(self.answering(ground), key=lambda g: order[g.credibility])
        return found[0] if found else None


def grade(assurance: Assurance) -> Grading:
    """Grade one assurance on its own terms (the state's practice is weighed per ground)."""
    a = assurance
    factors_for: list[str] = []
    against: list[str] = []
    unknown: list[str] = []

    def weigh(value: bool | None, yes: str, no: str, what: str) -> None:
        if value is True:
            factors_for.append(yes)
        elif value is False:
            against.append(no)
        else:
            unknown.append(what)

    answers = tuple(dict.fromkeys(g for p in a.promises for g in ANSWERS.get(p, ())))
    if not a.promises:
        unknown.append(_("what it promises (record its promises)"))
    weigh(a.specific, _("specific to the person"),
          _("general and vague, not specific to the person"),
          _("whether it is specific to the person"))
    weigh(a.binds_the_state, _("given by an authority able to bind the state"),
          _("given by an authority that cannot bind the state"),
          _("whether its author can bind the state"))
    weigh(a.binds_local_authorities, _("the local authorities are bound or can be expected to "
          "abide by it"), _("the prisons, police or courts are not bound by it"),
          _("whether local authorities will abide by it"))
    monitored = a.independent_monitoring
    if monitored is None and VERIFYING.intersection(a.promises):
        monitored = True
    weigh(monitored, _("compliance can be verified (monitoring or lawyers' access)"),
          _("compliance cannot be verified independently"),
          _("whether compliance can be verified"))
    weigh(a.track_record_of_compliance, _("the state has kept such assurances before"),
          _("the state has broken such assurances before"),
          _("the state's record of keeping such assurances"))
    if a.form == "oral":
        against.append(_("given orally only"))
    elif a.form in ("memorandum_of_understanding", "treaty", "diplomatic_note"):
        factors_for.append(_("given in writing ({form})").format(form=a.form.replace("_", " ")))

    if a.track_record_of_compliance is False or a.specific is False:
        credibility: Credibility = "unreliable"
    elif (a.specific and a.binds_the_state and monitored
          and a.binds_local_authorities is not False):
        credibility = "credible"
    else:
        credibility = "doubtful"
    return Grading(a, credibility, answers, tuple(factors_for), tuple(against), tuple(unknown))


def assess(case: Case, as_of: dt.date) -> Assurances:
    """The assurances given by the as-of date, each graded (an assurance dated later, or
    whose date may fall after the as-of date, is not yet given)."""
    return Assurances([grade(a) for a in case.assurances if a.date.happened_by(as_of)])
