"""`assess schema --install`: editors that check and complete case files with the schema.

VS Code's YAML extension (Red Hat's YAML language server) reads `yaml.schemas` from a
workspace's `.vscode/settings.json`: a schema file mapped to the glob patterns of the files it
describes. The settings file is merged, never replaced, and written atomically.
"""

from __future__ import annotations

import json
from pathlib import Path

from .output import OutputError, write_private
from .problems import InputError, Problem

SCHEMA_NAME = "case.schema.json"
PATTERNS = ["*.yaml", "*.yml"]


def install_schema(folder: Path, schema_text: str) -> list[str]:
    """Write the schema into FOLDER/.vscode and associate it with the folder's YAML files."""
    if not folder.is_dir():
        raise OutputError(f"cannot set up {folder}: it is not a folder")
    vscode = folder / ".vscode"
    vscode.mkdir(exist_ok=True)
    settings_path = vscode / "settings.json"
    settings = _read_settings(settings_path)
    schemas = settings.setdefault("yaml.schemas", {})
    if not isinstance(schemas, dict):
        raise InputError([Problem(str(settings_path), 1, 1, "yaml.schemas",
                                  "is not a mapping of schema files to patterns",
                                  "fix it by hand, then run the command again")])
    key = f"./.vscode/{SCHEMA_NAME}"
    schemas[key] = sorted(set(_as_list(schemas.get(key))) | set(PATTERNS))
    write_private(vscode / SCHEMA_NAME, schema_text)
    write_private(settings_path, json.dumps(settings, indent=2, ensure_ascii=False) + "\n")
    return [f"schema: {vscode / SCHEMA_NAME}",
            f"settings: {settings_path} (yaml.schemas: {key} for {', '.join(PATTERNS)})",
            "Open the folder in VS Code with the YAML extension (redhat.vscode-yaml) "
            "installed; case files are then checked and completed as you type."]


def _read_settings(path: Path) -> dict:
    if not path.exists():
        return {}
    text = path.read_text(encoding="utf-8")
    try:
        settings = json.loads(text) if text.strip() else {}
    except json.JSONDecodeError as error:
        # VS Code allows comments in settings.json; rather than lose them, ask for a hand edit
        raise InputError([Problem(str(path), error.lineno, error.colno, "",
                                  "cannot merge into this settings file (comments or "
                                  "trailing commas?)",
                                  f'add "yaml.schemas": {{"./.vscode/{SCHEMA_NAME}": '
                                  '["*.yaml"]} by hand')]) from None
    if not isinstance(settings, dict):
        raise InputError([Problem(str(path), 1, 1, "", "is not a JSON object")])
    return settings


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]
