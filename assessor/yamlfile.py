"""Safe YAML with positions: plain data plus the line and column of every key and item.

Case files come from many hands, so the reader is strict where YAML is lax:
duplicate keys, anchors and aliases, and tags that would build objects are errors, never
silently resolved. Dates stay text (the case model parses them, partial dates included),
and only `true`/`false` are booleans, so that Norway's code `NO` stays a country.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .problems import InputError, Loc, Problem

MAX_BYTES = 2 * 1024 * 1024  # a case file is a few kilobytes; this bounds hostile input
MAX_DEPTH = 40

try:  # libyaml is much faster; fall back to pure Python where it is not built
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


@dataclass
class Document:
    """Parsed YAML: the data and where each part of it stands in the file."""

    file: str
    data: Any
    positions: dict[Loc, tuple[int, int]]

    def position(self, loc: Loc) -> tuple[int, int]:
        """Line and column (1-based) of `loc`, or of its nearest located parent."""
        loc = tuple(loc)
        while loc and loc not in self.positions:
            loc = loc[:-1]
        return self.positions.get(loc, (1, 1))

    def problem(self, loc: Loc, message: str, hint: str = "", *, path: str = "") -> Problem:
        from .problems import dotted

        line, column = self.position(loc)
        return Problem(self.file, line, column, path or dotted(loc), message, hint)


def read_text(path: Path, display: str) -> str:
    """The file's text, or an InputError that says why it cannot be read as YAML text."""

    def fail(message: str, hint: str = "") -> InputError:
        return InputError([Problem(display, 1, 1, "", message, hint)])

    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise fail(
                f"file is {size:,} bytes, over the limit of {MAX_BYTES:,}",
                "a case file is a few kilobytes; split attachments out into sources",
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise fail("no such file") from None
    except IsADirectoryError:
        raise fail("is a folder, not a file") from None
    except PermissionError:
        raise fail("permission denied") from None
    if b"\x00" in raw:
        raise fail("this is a binary file, not YAML text", "save the case as UTF-8 text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(
            [
                Problem(
                    display,
                    line,
                    1,
                    "",
                    f"byte 0x{raw[error.start]:02x} is not valid UTF-8",
                    "save the file as UTF-8",
                )
            ]
        ) from None


def load(path: Path | str, display: str | None = None) -> Document:
    """Read and parse a YAML file into a Document, or raise InputError."""
    path = Path(path)
    display = display or str(path)
    return parse(read_text(path, display), display)


def parse(text: str, display: str) -> Document:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise InputError([_syntax_problem(error, display, text)]) from None
    except yaml.YAMLError as error:  # pragma: no cover - unmarked errors are rare
        raise InputError([Problem(display, 1, 1, "", f"not valid YAML: {error}")]) from None
    except RecursionError:
        raise InputError(
            [Problem(display, 1, 1, "", "the document is nested too deeply")]
        ) from None
    if node is None:
        raise InputError(
            [Problem(display, 1, 1, "", "the file is empty", "a case file is a YAML mapping")]
        )
    builder = _Builder(display)
    data = builder.build(node, (), 0)
    if builder.problems:
        raise InputError(builder.problems)
    return Document(display, data, builder.positions)


def _syntax_problem(error: yaml.MarkedYAMLError, display: str, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = error.problem or str(error)
    hint = "check the indentation and the quoting on this line"
    lines = text.splitlines()
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in source_line[: len(source_line) - len(source_line.lstrip())]:
        problem, hint = "a tab is used for indentation", "indent YAML with spaces"
    elif "alias" in problem or "anchor" in problem:
        hint = "anchors and aliases are not allowed in case files"
    return Problem(display, line, column, "", f"not valid YAML: {problem}", hint)


class _Builder:
    """Turns composed YAML nodes into plain data, refusing what a case file must not hold."""

    def __init__(self, display: str):
        self.display = display
        self.positions: dict[Loc, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self._anchored: set[int] = set()

    def refuse(self, node: yaml.Node, message: str, hint: str = "") -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(self.display, mark.line + 1, mark.column + 1, "", message, hint)
        )

    def build(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
        self.positions.setdefault(loc, (node.start_mark.line + 1, node.start_mark.column + 1))
        if id(node) in self._anchored:
            self.refuse(
                node,
                "this anchored value is reused by an alias (& and *), which case files do not allow",
                "write the value out where it is needed",
            )
            return None
        if depth > MAX_DEPTH:
            self.refuse(node, f"nested more than {MAX_DEPTH} levels deep")
            return None
        self._anchored.add(id(node))  # a second visit can only come through an alias
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode) and node.tag == _TAG + "seq":
            return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode) and node.tag == _TAG + "map":
            return self.mapping(node, loc, depth)
        self.refuse(node, f"the tag {node.tag} is not allowed", "remove the tag")
        return None

    def mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _TAG + "merge":
                self.refuse(key_node, "keys must be plain names", "write `name: value`")
                continue
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in first_seen:
                self.refuse(
                    key_node,
                    f"duplicate key '{key}' (first given on line {first_seen[key]})",
                    "give each field once",
                )
                continue
            first_seen[key] = line
            self.positions[(*loc, key)] = (line, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, (*loc, key), depth + 1)
        return result

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag not in _SCALAR_TAGS:
            self.refuse(node, f"the tag {node.tag} is not allowed", "remove the tag")
            return None
        if node.style not in (None, "") or node.tag in (_TAG + "str", _TAG + "timestamp"):
            return node.value  # quoted text, strings and dates stay text
        if node.tag == _TAG + "bool" and node.value.lower() not in ("true", "false"):
            return node.value  # YAML 1.1 yes/no/on/off/NO: text, as YAML 1.2 reads them
        return _CONSTRUCTOR.construct_object(node)
