"""Citations found wrong on review stay corrected: each rule's legal basis, read as a lawyer
checks it against the instrument's text (issue list of corrections, one line each)."""

from __future__ import annotations

import re

import pytest

from assessor.rulebook import load_rulebook


def basis(rule) -> str:
    return " | ".join(f"{b.instrument} {b.article} {b.paraphrase}" for b in rule.legal_basis)


def text(rule) -> str:
    return " ".join(filter(None, [rule.title, rule.explanation, rule.certainty,
                                  *rule.verify, basis(rule)]))


# rule id, what its citations must say, what they must not say (the error once made)
CORRECTIONS = [
    # lapse of time: the Fourth Additional Protocol (CETS 212) replaced ECE Art 10, not the Third
    ("OB-02", r"Fourth Additional Protocol \(CETS( No\.)? 212", r"Third Additional Protocol"),
    # Directive 2013/32/EU Art 31(3): 6 months, extendable by 9 (and 3 more); 21 months is Art 31(5)
    ("AS-11", r"Art 31\(3\)", r"Art 31\(3\)[^|]*21 months"),
    ("AS-12", r"Art 31\(5\)", None),
    # the UN Model Treaty binds no state; its Art 1 is the undertaking to extradite
    ("LB-01", None, r"Model Treaty[^|]*Art 1\b"),
    ("LB-05", None, r"Model Treaty[^|]*Art 1\b"),
    # reasons for a refusal: ECE Art 18(2)
    ("PR-10", r"Art 18\(2\)", None),
    # no "abuse" of a new request in ECE Art 18
    ("PR-06", None, r"\babuse\b"),
    # CAT Art 16 carries no non-refoulement duty
    ("CC-01", r"Art 3|Art 7", r"Convention against Torture[^|]*Art 16"),
    # the ICCPR Art 6 reading on abolitionist states is the Committee's, in Judge v Canada
    ("DP-01", r"Judge v Canada", None),
    # the right to remain: Directive Art 9(1), and Art 46(5)-(6) for appeals
    ("AS-04", r"Art 9\(1\).*Art 46\(5\)-\(6\)", None),
    # Art 1F excludes from refugee status; it is no exception to Art 33
    ("NR-04", r"Art 1F.*excludes from refugee status", r"(?<!not )an exception to Art 33"),
    # ECE Art 2(1) is the extraditable-offence threshold, with no proportionality gloss
    ("PO-04", r"Art 2\(1\)", r"proportionality"),
]


@pytest.fixture(scope="module")
def rules():
    return load_rulebook().by_id


@pytest.mark.parametrize("rule_id,must,must_not", CORRECTIONS, ids=[c[0] for c in CORRECTIONS])
def test_a_corrected_citation_stays_corrected(rules, rule_id, must, must_not):
    rule = rules[rule_id].rule
    if must:
        assert re.search(must, basis(rule) + " " + text(rule), re.S), (rule_id, basis(rule))
    if must_not:
        assert not re.search(must_not, text(rule), re.S), (rule_id, must_not)


def test_no_rule_gives_the_minsk_convention_a_political_offence_exception(rules):
    for compiled in rules.values():
        for b in compiled.rule.legal_basis:
            if "Minsk" in b.instrument:
                assert not re.search(r"political (offence|character|crime)", b.paraphrase or "",
                                     re.I), compiled.rule.id


def test_a_general_reaffirmation_of_treaty_obligations_weighs_little(rules):
    # UN-04: a reply that only restates the state's treaty obligations is no commitment in
    # this case; it once lowered the score by 10
    assert -5 <= rules["UN-04"].rule.weight <= 0
