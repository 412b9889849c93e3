"""`pybabel extract` for the report's words kept in YAML data files (babel.cfg maps them).

A fact's label (reports/fact-labels.yaml), a statutory deadline's `what`, `basis` and
`verify` (rules/data/deadlines.yaml), a change of fact's `phrase` (reports/phrases.yaml):
they are printed through the catalog (`_(text)`), so the catalog must hold them. Text is
taken with its whitespace folded, as the code that reads the file folds it.
"""

from __future__ import annotations

from typing import IO, Any, Iterator

import yaml


def _strings(node: yaml.Node, keys: set[str], every_value: bool,
             key: str | None = None) -> Iterator[tuple[int, str]]:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            yield from _strings(v, keys, every_value, str(k.value))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _strings(item, keys, every_value, key)
    elif isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str"):
        if every_value or key in keys:
            text = " ".join(str(node.value).split())
            if text:
                yield node.start_mark.line + 1, text


def extract_yaml(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
                 options: dict[str, str]) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel extraction method. Options: `keys` (the mapping keys whose string values are
    messages, space-separated) or `every_value = true` (every string value: a labels file)."""
    keys = set(options.get("keys", "").split())
    every_value = options.get("every_value", "").lower() == "true"
    root = yaml.compose(fileobj.read().decode("utf-8"))
    if root is None:
        return
    if every_value and isinstance(root, yaml.MappingNode):
        for k, v in root.value:
            for line, text in _strings(v, keys, True):
                yield line, None, text, [f"label of {k.value}"]
        return
    for line, text in _strings(root, keys, every_value):
        yield line, None, text, []
