"""Each secret of a client file, written also in free text, is gone from a redacted report.

tests/test_redaction.py checks a case rich in names and aliases, where one missing secret can
hide behind another (a document number inside a note that is redacted whole). Here the case
has no aliases, and each kind of secret stands alone in a field nobody marks as personal (a
source's note, a timeline event, a charge's offence), so that each line of
`assessor.redact.secrets_of` is needed by one test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assessor.redact import surviving_secrets
from assessor.render import render
from conftest import SMAILOVA

SECRETS = {
    "address": "Ulica Slobode 44, Podgorica",
    "document": "P7781234",
    "birth date": "1979-11-23",
    "relative": "Nurlan Beketov",
    "health": "chronic renal failure",
    "name part": "Smailova",
}


def case_with(tmp_path: Path, kind: str) -> Path:
    document = yaml.safe_load(SMAILOVA.read_text(encoding="utf-8"))
    person = document["person"]
    person.pop("aliases", None)
    person["family"] = [{"name": SECRETS["relative"], "relation": "brother"}]
    person["address"] = SECRETS["address"]
    person["documents"] = [{"kind": "passport", "number": SECRETS["document"]}]
    person["birth_date"] = SECRETS["birth date"]
    person["health"] = SECRETS["health"]
    # the one secret, in free text that is not itself redacted whole
    document["events"].append({"date": "2024-02-01",
                               "title": f"Statement mentions {SECRETS[kind]}"})
    path = tmp_path / f"{kind.replace(' ', '-')}.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", sorted(SECRETS))
def test_a_secret_in_free_text_is_redacted(tmp_path, assessor, kind):
    _, assessment, redaction = assessor.assess_file_redacted(case_with(tmp_path, kind))
    secret = SECRETS[kind]
    assert secret.casefold() in (s.casefold() for s in redaction.secrets), (
        f"the {kind} is not among the secrets to redact")
    for fmt in ("md", "json"):
        text = str(render(assessment, fmt))
        assert secret not in text, f"{kind} survives in {fmt}"
        assert surviving_secrets(text, redaction) == []
