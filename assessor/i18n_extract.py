"""`pybabel extract` for the report's words kept in YAML data files (babel.cfg maps them).

A fact's label (reports/fact-labels.yaml), a statutory deadline's `what`, `basis` and
`verify` (rules/data/deadlines.yaml), a change of fact's `phrase` and the day counts of
`time_passes`, with their plural forms (reports/phrases.yaml):
they are printed through the catalog (`_(text)`), so the catalog must hold them. Text is
taken with its whitespace folded, as the code that reads the file folds it.
"""

from __future__ import annotations

import re
from typing import IO, Any, Iterator

import yaml

_JINJA = re.compile(r"\{%.*?%\}|\{\{.*?\}\}")


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
            # a Jinja template ("{% if law.asylum_law %}{{ law.asylum_law }}{% else %}The
            # asylum law of the requested state{% endif %}"): what it may print as written
            for part in _JINJA.split(text) if "{%" in text or "{{" in text else [text]:
                part = part.strip()
                if part:
                    yield node.start_mark.line + 1, part


def extract_yaml(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
                 options: dict[str, str]) -> Iterator[tuple[int, Any, Any, list[str]]]:
    """Babel extraction method. Options: `keys` (the mapping keys whose string values are
    messages, space-separated) or `every_value = true` (every string value: a labels file);
    `plural_under` (a top-level key whose string values count `{n}`: each is a plural
    message, its English the same in both forms, as the code asks `ngettext` for it)."""
    keys = set(options.get("keys", "").split())
    every_value = options.get("every_value", "").lower() == "true"
    plural_under = options.get("plural_under")
    root = yaml.compose(fileobj.read().decode("utf-8"))
    if root is None:
        return
    if plural_under and isinstance(root, yaml.MappingNode):
        for k, v in root.value:
            if k.value == plural_under:
                for line, text in _strings(v, set(), True):
                    yield line, "ngettext", (text, text), [f"{{n}} is a number of days"]
    if every_value and isinstance(root, yaml.MappingNode):
        for k, v in root.value:
            for line, text in _strings(v, keys, True):
                yield line, None, text, [f"label of {k.value}"]
        return
    for line, text in _strings(root, keys, every_value):
        yield line, None, text, []
