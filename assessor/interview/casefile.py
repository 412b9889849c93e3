"""The case file as the lawyer wrote it: read and written back with every comment in place.

ruamel.yaml's round-trip mode keeps comments, key order, quoting and flow style of everything
the interview does not change, which a line-based merge could only approximate (a changed
value inside a flow list, or a new key inside a nested item, would need a YAML parser anyway).
The file is still checked afterwards by the project's own strict loader (`assessor.caseload`).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from ..problems import InputError, Problem
from ..yamlfile import read_text

COMMENT_COLUMN = 32

HEADER = """\
Case file written by `assess new`. Edit it freely, or run `assess new --from FILE` to
walk the interview again with these answers as defaults.
UNKNOWN IS NOT FALSE: a yes/no you do not know is left out or written `unknown`.
DATES: 2024-05-23, or 2024-05 or 2024 when only the month or the year is known.
Every field is explained in docs/case-format.md of the assessor."""


def _yaml() -> YAML:
    yaml = YAML()  # round-trip
    yaml.indent(mapping=2, sequence=4, offset=2)  # the style of the bundled case files
    yaml.width = 4096  # never re-wrap a long line the lawyer wrote
    yaml.preserve_quotes = True
    # an empty value the lawyer wrote as `null` stays `null` (not an empty value)
    yaml.representer.add_representer(
        type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return yaml


def new_document() -> CommentedMap:
    document = CommentedMap()
    document.yaml_set_start_comment(HEADER)
    return document


def load(path: Path) -> CommentedMap:
    """The case file for `--from`, comments and all (strict checks come from `caseload`)."""
    text = read_text(path, str(path))
    try:
        data = _yaml().load(text)
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise InputError([Problem(str(path), line, column, "",
                                  "not valid YAML: " + " ".join(str(error).split())[:200])]
                         ) from None
    if not isinstance(data, CommentedMap):
        raise InputError([Problem(str(path), 1, 1, "", "the file does not hold a case",
                                  "a case file is a mapping of fields")])
    return data


def dump(document: CommentedMap) -> str:
    out = io.StringIO()
    _yaml().dump(document, out)
    return out.getvalue()


def put(mapping: CommentedMap, key: str, value: Any, order: list[str],
        comment: str = "", indent: int = 0) -> None:
    """Set `key`, keeping its place and comment if present, else placing it in model order
    with `comment` (the field's description) beside it, or above it when it is long."""
    if key in mapping:
        mapping[key] = value
        return
    rank = order.index(key) if key in order else len(order)
    position = 0
    for index, existing in enumerate(mapping):
        if existing in order and order.index(existing) < rank:
            position = index + 1
    mapping.insert(position, key, value)
    if not comment:
        return
    text = _one_line(comment)
    if isinstance(value, list):
        shown = sum(len(str(v)) + 2 for v in value) + 1
    else:
        shown = 0 if isinstance(value, dict) else len(str(value))
    if indent + len(key) + 2 + shown < COMMENT_COLUMN - 1 and COMMENT_COLUMN + len(text) <= 100:
        mapping.yaml_add_eol_comment(text, key, column=COMMENT_COLUMN)
    elif position > 0:  # above the key; the first key of a list entry keeps the dash's line
        mapping.yaml_set_comment_before_after_key(key, before=_wrap(text, indent),
                                                  indent=indent)


def flow_list(values: list[Any]) -> CommentedSeq:
    """A short list written on one line: `[KZ, RU]`."""
    seq = CommentedSeq(values)
    seq.fa.set_flow_style()
    return seq


def _wrap(text: str, indent: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width=max(40, 98 - indent)))


def _one_line(text: str) -> str:
    sentence = " ".join(text.split())
    # the first sentence: comments sit beside values, the field reference holds the rest
    cut = sentence.find(". ")
    return sentence[: cut + 1] if 0 < cut else sentence
