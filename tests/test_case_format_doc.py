"""docs/case-format.md: the field reference, generated from the case model and kept true."""

from __future__ import annotations

import json
import re

from typing import Annotated

from click.testing import CliRunner
from pydantic import TypeAdapter

from assessor.caseformat import generate
from assessor.cli import main
from assessor.interview.fields import CHOICE, LIST, MAPPING, MODEL, fields_of
from assessor.model import Case
from assessor.yamlfile import parse
from conftest import ROOT

DOC = ROOT / "docs" / "case-format.md"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_the_reference_is_what_the_model_generates():
    assert DOC.read_text(encoding="utf-8") == generate(), (
        "docs/case-format.md is out of date with the case model: run "
        "`assess schema --markdown > docs/case-format.md`")


def _parts(model, path=""):
    yield path, model
    for item in fields_of(model):
        inner = item.kind.item if item.kind.kind in (LIST, MAPPING) else item.kind
        if inner is not None and inner.kind == MODEL:
            child = (f"{path}.{item.name}" if path else item.name) + {
                LIST: "[]", MAPPING: ".*"}.get(item.kind.kind, "")
            yield from _parts(inner.model, child)


def _table(text: str, path: str) -> dict[str, list[str]]:
    heading = f"## `{path or 'top level'}`"
    assert heading in text, f"no section for {path}"
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if len(cells) == 4 and cells[0].startswith("`"):
            rows[cells[0].strip("`")] = cells[1:]
    return rows


def test_every_field_has_a_meaning_allowed_values_and_an_example():
    text = generate()
    for path, model in _parts(Case):
        rows = _table(text, path)
        for item in fields_of(model):
            assert item.name in rows, f"{path}.{item.name} is not in the reference"
            meaning, allowed, example = rows[item.name]
            assert meaning.strip(" .*Required") and "None" not in meaning, \
                f"{path}.{item.name} has no meaning: give it a description in the model"
            assert allowed and example, f"{path}.{item.name}"
            if item.kind.kind == CHOICE:
                assert all(f"`{value}`" in allowed for value in item.kind.choices)


def test_every_example_is_a_value_the_assessor_accepts():
    # an example the assessor would refuse would teach a mistake
    text = generate()
    checked = 0
    for path, model in _parts(Case):
        rows = _table(text, path)
        for item in fields_of(model):
            example = rows[item.name][2]
            if example.startswith("see "):
                continue
            value = parse(example.strip("`").replace("\\|", "|"), "<example>").data[item.name]
            TypeAdapter(Annotated[item.info.annotation, item.info]).validate_python(value)
            checked += 1
    assert checked > 150
    assert "`nationalities: [KZ]`" in text
    assert "`amount_eur: 2400000`" in text  # taken from a bundled fictional case


def test_schema_markdown_prints_the_reference():
    assert run("schema", "--markdown").output == generate()


def test_schema_install_sets_up_a_folder_for_vs_code(tmp_path):
    result = run("schema", "--install", str(tmp_path))
    assert result.exit_code == 0
    schema = json.loads((tmp_path / ".vscode" / "case.schema.json").read_text())
    assert schema["title"] == "Extradition risk assessor case file"
    settings = json.loads((tmp_path / ".vscode" / "settings.json").read_text())
    assert settings["yaml.schemas"]["./.vscode/case.schema.json"] == ["*.yaml", "*.yml"]


def test_schema_install_keeps_the_other_settings(tmp_path):
    (tmp_path / ".vscode").mkdir()
    settings = tmp_path / ".vscode" / "settings.json"
    settings.write_text(json.dumps({"editor.rulers": [100],
                                    "yaml.schemas": {"other.json": "x/*.yaml"}}))
    assert run("schema", "--install", str(tmp_path)).exit_code == 0
    merged = json.loads(settings.read_text())
    assert merged["editor.rulers"] == [100]
    assert merged["yaml.schemas"]["other.json"] == "x/*.yaml"
    assert "./.vscode/case.schema.json" in merged["yaml.schemas"]


def test_schema_install_never_rewrites_settings_it_cannot_read(tmp_path):
    (tmp_path / ".vscode").mkdir()
    settings = tmp_path / ".vscode" / "settings.json"
    original = '{\n  // my comment\n  "editor.rulers": [100]\n}\n'
    settings.write_text(original)
    result = run("schema", "--install", str(tmp_path))
    assert result.exit_code == 2
    assert "settings.json:2:" in result.output and "by hand" in result.output
    assert settings.read_text() == original
