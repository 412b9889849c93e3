"""For any case and any name, no redacted output names the person.

The name is written into the case the ways a real file holds it (as the person's name, in
event titles and a source URL, spelled in capitals, decomposed, with a soft hyphen or a
zero-width space inside, joined by `_` or digits, percent-encoded, with a Cyrillic letter
standing in for a Latin one), into the case id and into the file's name. Every output of a
`--redact` run (the md, json and html reports, the default report's file name, the
terminal summary, the trajectory and the what-if) is then searched for the name, for every
part of it, and for each of these variants, in a normalised form written here, not taken
from assessor.redact.
"""

from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from pathlib import Path
from urllib.parse import quote

import yaml
from click.testing import CliRunner
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from assessor.cli import main
from strategies import case_data, valid_case

LATIN = "abcdefghijklmnopqrstuvwxyzáéíóúñçšžłøüöäåőățșğışœß"
CYRILLIC = "абвгдежзийклмнопрстуфхцчшщыэюя"
# the words of the placeholders: a client called "Person" is refused, not redacted
PLACEHOLDER_WORDS = {"person", "address", "health", "notes", "personal", "event",
                     "relative", "document", "birth", "date", "redacted"}
LOOKALIKE = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441"}


def normal(text: str) -> str:
    """Compatibility-decomposed, case folded, without marks or invisible characters."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return "".join(c for c in text if unicodedata.category(c) not in ("Mn", "Me", "Cf"))


def part_strategy(alphabet: str) -> st.SearchStrategy[str]:
    return st.text(st.sampled_from(alphabet), min_size=2, max_size=9).map(str.capitalize)


names = st.one_of(
    st.lists(part_strategy(LATIN), min_size=1, max_size=3),
    st.lists(part_strategy(CYRILLIC), min_size=1, max_size=3),
)


def variants(name: str, parts: list[str]) -> list[str]:
    """The name as a case file may hide it."""
    first = parts[0]
    middle = len(first) // 2
    found = [name, name.upper(), unicodedata.normalize("NFD", name),
             first[:middle] + "\u00ad" + first[middle:],  # a soft hyphen
             first[:middle] + "\u200b" + first[middle:],  # a zero-width space
             "_".join(p.lower() for p in parts) + "_statement",
             first + "2024", "-".join(parts), quote(name)]
    swapped = "".join(LOOKALIKE.get(c, c) for c in first)
    if swapped != first:
        found.append(swapped)
    return found


def case_with(data: dict, name: str, parts: list[str]) -> dict:
    data = json.loads(json.dumps(data))  # a copy, plain
    data["person"]["name"] = name
    data["person"]["aliases"] = []
    hidden = variants(name, parts)
    data["events"] = [*data.get("events", []),
                      *({"date": "2020-01-01", "title": f"Statement by {v} published"}
                        for v in hidden)]
    if data.get("sources"):
        data["sources"][0]["url"] = f"https://example.org/{quote(name)}/{hidden[5]}.pdf"
    if all(c.isascii() for c in "".join(parts)):
        data["case_id"] = f"{parts[0].lower()}_2024"
    return data


def survivors(text: str, parts: list[str], hidden: list[str]) -> list[str]:
    plain = normal(text.replace("\\", ""))
    found = [v for v in hidden if v in text]
    for part in parts:
        if re.search(rf"(?<![^\W\d_]){re.escape(normal(part))}(?![^\W\d_])", plain):
            found.append(part)
    return found


def json_values(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        node = list(node.values())
    return [t for item in node for t in json_values(item)] if isinstance(node, list) else []


@settings(max_examples=12)
@given(case_data(), names)
def test_no_redacted_output_names_the_person(data, parts):
    assume(not any(normal(p) in PLACEHOLDER_WORDS for p in parts))
    name = " ".join(parts)
    data = case_with(data, name, parts)
    try:
        valid_case(data)  # drops the items the loader would refuse as contradictory
    except Exception:
        assume(False)
    hidden = variants(name, parts)
    with tempfile.TemporaryDirectory() as folder:
        case = Path(folder) / f"{'-'.join(parts)}.yaml"
        case.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        runner = CliRunner()
        outputs = {}
        for fmt in ("md", "json", "html"):
            result = runner.invoke(main, [str(case), "--format", fmt, "--redact", "-o", "-",
                                          "--engine", "reference"])
            assert result.exit_code == 0, result.output
            outputs[fmt] = result.stdout
        outputs["json"] = "\n".join(json_values(json.loads(outputs["json"])))
        result = runner.invoke(main, [str(case), "--redact", "--trajectory", "--assume",
                                      "fact:rule39_indicated=true", "--format", "json",
                                      "--engine", "reference"])
        assert result.exit_code == 0, result.output
        # the terminal, minus the report's path (the lawyer's own folder, printed as is)
        outputs["terminal"] = "\n".join(line for line in result.stdout.splitlines()
                                        if not line.startswith("  report: "))
        written = [p.name for p in Path(folder).iterdir() if p != case]
        assert len(written) == 1
        outputs["file name"] = written[0]
        for where, text in outputs.items():
            assert not survivors(text, parts, hidden), (where, survivors(text, parts, hidden))
