"""Safe YAML with positions: plain data plus the line and column of every key and item.

Case files come from many hands, so the reader is strict where YAML is lax:
duplicate keys, aliases (and so alias bombs), and tags that would build objects are errors, never
silently resolved. Dates stay text (the case model parses them, partial dates included),
and only `true`/`false` are booleans, so that Norway's code `NO` stays a country.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import InputError, Loc, Problem, dotted

MAX_BYTES = 2 * 1024 * 1024  # a case file is a few kilobytes; this bounds hostile input
MAX_DEPTH = 40

try:  # libyaml is much faster; fall back to pure Python where it is not built
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
# a number as YAML 1.2's core schema and YAML 1.1 both read it the same way: plain decimal
_YAML12_NUMBER = re.compile(
    r"^[-+]?(?:0|[1-9][0-9]*)$|^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")


@dataclass
class Document:
    """Parsed YAML: the data and where each part of it stands in the file."""

    file: str
    data: Any
    positions: dict[Loc, tuple[int, int]]
    # where each scalar value itself stands (a wrong value is shown at the value, not its key)
    value_positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: Loc) -> tuple[int, int]:
        """Line and column (1-based) of `loc`, or of its nearest located parent."""
        loc = tuple(loc)
        while loc and loc not in self.positions:
            loc = loc[:-1]
        return self.positions.get(loc, (1, 1))

    def problem(self, loc: Loc, message: str, hint: str = "", *, path: str = "",
                at_value: bool = False) -> Problem:
        from .problems import dotted

        loc = tuple(loc)
        if at_value and loc in self.value_positions:
            line, column = self.value_positions[loc]
        else:
            line, column = self.position(loc)
        return Problem(self.file, line, column, path or dotted(loc), message, hint)


def read_bytes(path: Path, display: str) -> bytes:
    """The file's bytes, read once and at most MAX_BYTES of them, or an InputError.

    Only a regular file is read (or this process's own standard input, `/dev/stdin`, read
    once): a named pipe would block the reader for ever, and a device such as /dev/zero
    or /dev/urandom reports a size of 0 and never ends.
    """

    def fail(message: str, hint: str = "") -> InputError:
        return InputError([Problem(display, 1, 1, "", message, hint)])

    try:
        # O_NONBLOCK: opening a named pipe with no writer must not hang before it is refused
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise fail("no such file") from None
    except IsADirectoryError:
        raise fail("is a folder, not a file") from None
    except PermissionError:
        raise fail("permission denied") from None
    except OSError as error:  # a symlink loop, a name too long, an unreadable disk
        raise fail(f"cannot be read: {error.strerror or error}") from None
    try:
        status = os.fstat(fd)
        if stat.S_ISDIR(status.st_mode):
            raise fail("is a folder, not a file")
        if not stat.S_ISREG(status.st_mode) and not _is_standard_input(status):
            kind = ("a named pipe" if stat.S_ISFIFO(status.st_mode) else
                    "a device" if stat.S_ISCHR(status.st_mode) or stat.S_ISBLK(status.st_mode)
                    else "a socket" if stat.S_ISSOCK(status.st_mode) else "not a regular file")
            raise fail(f"is {kind}, not a regular file: it could block or never end",
                       "save the case as a file, or pipe it in as /dev/stdin")
        if status.st_size > MAX_BYTES:
            raise fail(
                f"file is {status.st_size:,} bytes, over the limit of {MAX_BYTES:,}",
                "a case file is a few kilobytes; split attachments out into sources",
            )
        os.set_blocking(fd, True)
        chunks, total = [], 0
        while total <= MAX_BYTES:  # bounded: a file that grows while it is read stops here
            chunk = os.read(fd, min(1 << 20, MAX_BYTES + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > MAX_BYTES:
            raise fail(f"file is over the limit of {MAX_BYTES:,} bytes",
                       "a case file is a few kilobytes; split attachments out into sources")
        return b"".join(chunks)
    except IsADirectoryError:
        raise fail("is a folder, not a file") from None
    except OSError as error:
        raise fail(f"cannot be read: {error.strerror or error}") from None
    finally:
        os.close(fd)


def _is_standard_input(status: os.stat_result) -> bool:
    """`cat case.yaml | assess /dev/stdin`: a pipe, but the one this process was given."""
    try:
        own = os.fstat(0)
    except OSError:
        return False
    return (own.st_dev, own.st_ino) == (status.st_dev, status.st_ino) \
        and stat.S_ISFIFO(own.st_mode)


def decode(raw: bytes, display: str) -> str:
    """The text of a case file's bytes, or an InputError located at the first bad byte."""
    if b"\x00" in raw:
        raise InputError([Problem(display, 1, 1, "", "this is a binary file, not YAML text",
                                  "save the case as UTF-8 text")])
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


def read_text(path: Path, display: str) -> str:
    """The file's text, or an InputError that says why it cannot be read as YAML text."""
    return decode(read_bytes(Path(path), display), display)


def load(path: Path | str, display: str | None = None) -> Document:
    """Read and parse a YAML file into a Document, or raise InputError."""
    path = Path(path)
    display = display or str(path)
    return parse(read_text(path, display), display)


def parse(text: str, display: str) -> Document:
    problem = _unprintable(text, display) or _prescan(text, display)
    if problem:
        raise InputError([problem])
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise InputError([_syntax_problem(error, display, text)]) from None
    except yaml.YAMLError as error:  # pragma: no cover - the pre-scans catch what is unmarked
        raise InputError([Problem(display, 1, 1, "", "not valid YAML: "
                                  + " ".join(str(error).split()))]) from None
    if node is None:
        raise InputError(
            [Problem(display, 1, 1, "", "the file is empty", "a case file is a YAML mapping")]
        )
    builder = _Builder(display)
    data = builder.build(node, ())
    if builder.problems:
        raise InputError(builder.problems)
    return Document(display, data, builder.positions, builder.value_positions)


# YAML's printable set (YAML 1.1, 5.1): anything else makes PyYAML raise an unlocated
# ReaderError, and a lone surrogate makes libyaml fail while encoding the text.
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def _unprintable(text: str, display: str) -> Problem | None:
    match = _NOT_PRINTABLE.search(text)
    if match is None:
        return None
    line, column = _line_column(text, match.start())
    return Problem(display, line, column, "",
                   f"the character U+{ord(match.group()):04X} is not allowed in YAML text",
                   "delete it, or save the case as plain UTF-8 text")


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _prescan(text: str, display: str) -> Problem | None:
    """Refuse aliases and absurd nesting from the event stream, before composition.

    Composition is where the risk lies: libyaml's composer recurses in C and overflows the
    stack on deep nesting (a crash no `except` can catch), and the pure-Python one raises
    RecursionError. The event parser keeps its own stack, so it is safe, and an alias is
    refused here at its own position, once, whatever an alias bomb multiplies it into.

    The project's own limits speak first, whatever the PyYAML release: newer libyaml
    builds refuse deep flow nesting in their scanner, ahead of any event, with their own
    words. When the fast parser stops on an error, the pure-Python parser (which streams
    events one by one) scans again, so that our limit is met before the library's.
    """
    problem = _scan_events(text, display, _Loader)
    if problem is _BROKEN and _Loader is not yaml.SafeLoader:
        problem = _scan_events(text, display, yaml.SafeLoader)
    return None if problem is _BROKEN else problem


_BROKEN = Problem("", 0, 0, "", "")  # the event stream stopped on a syntax error


def _scan_events(text: str, display: str, loader: type) -> Problem | None:
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                return Problem(display, mark.line + 1, mark.column + 1, "",
                               f"the alias *{event.anchor} reuses an anchored value, "
                               "which case files do not allow",
                               "write the value out where it is needed")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    return Problem(display, mark.line + 1, mark.column + 1, "",
                                   f"nested more than {MAX_DEPTH} levels deep",
                                   "a case file needs fewer than ten levels")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return _BROKEN  # a syntax error: composition reports it with its position
    return None


# The parser's complaints, in the words of someone editing a case file by hand. The keys are
# the libyaml/PyYAML texts (matched loosely: the wording differs between releases); the
# message shown is always the project's own, so that it does not move when PyYAML does.
# Each entry: (what the parser says, what is wrong, the likely cause and the remedy).
_SYNTAX: tuple[tuple[str, str, str], ...] = (
    ("mapping values are not allowed", "a colon followed by a space inside a value",
     "free text with a colon must be quoted: write the whole value in double quotes"),
    ("expected ',' or '}'", "a `{...}` mapping is not closed or its items are "
     "not separated by commas", "close it with `}` or separate its items with commas"),
    ("expected ',' or ']'", "a `[...]` list is not closed or its items are not "
     "separated by commas", "close it with `]` or separate its items with commas"),
    ("did not find expected key", "this line does not line up with the fields around it",
     "indent it like the field above, or quote text that starts with a special character"),
    ("expected <block end>", "this line does not line up with the fields around it",
     "indent it like the field above, or quote text that starts with a special character"),
    ("did not find expected '-' indicator", "a list item without its dash, or indented "
     "differently from the items above", "start each item with `- ` at the same indentation"),
    ("block sequence entries are not allowed", "a list item (`- `) where a value was expected",
     "put the list on the lines below its field, indented, or quote text that starts with -"),
    ("could not find expected ':'", "a field name without its colon, or a line of free text "
     "that continues the line above", "write `field: value`, or quote the whole text"),
    ("found unexpected end of stream", "the file ends inside a quoted text",
     "close the quotation mark that was opened"),
    ("found unknown escape character", "a backslash in double-quoted text that is not an "
     "escape", "write the text in single quotes, or double the backslash"),
    ("found character that cannot start any token", "a character that cannot begin a value "
     "(such as @ or `)", "write the whole value in quotes"),
    ("cannot start any token", "a character that cannot begin a value (such as @ or `)",
     "write the whole value in quotes"),
    ("did not find expected node content", "a value is missing or begins with a character "
     "that YAML reserves", "write the value, in quotes if it starts with a special character"),
    ("found unexpected ':'", "a colon where a value should begin",
     "write the whole value in quotes"),
    ("did not find expected comment or line break", "text continues after a closed quotation "
     "or bracket on the same line", "quote the whole value, or move the rest to its own line"),
    ("while scanning an anchor", "an `&` that does not begin an anchor",
     "write the whole value in quotes"),
    ("while scanning an alias", "a `*` that does not begin an alias",
     "write the whole value in quotes"),
    ("while scanning a tag", "a `!` that does not begin a tag", "write the whole value in quotes"),
    ("maximum nesting depth", f"nested more than {MAX_DEPTH} levels deep",
     "a case file needs fewer than ten levels"),
)

# What the parser was reading when it stopped, in the same plain words.
_CONTEXTS: tuple[tuple[str, str], ...] = (
    ("flow mapping", "the `{` mapping"),
    ("flow sequence", "the `[` list"),
    ("block mapping", "the group of fields"),
    ("block collection", "the list"),
    ("quoted scalar", "the quoted text"),
    ("block scalar", "the block of text"),
    ("simple key", "the field"),
    ("directive", "the `%` directive"),
)


def _syntax_problem(error: yaml.MarkedYAMLError, display: str, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    said = " ".join(f"{error.context or ''} {error.problem or ''}".split())
    problem, hint = "the YAML syntax is broken here", \
        "check the indentation and the quoting on this line"
    for library_text, ours, remedy in _SYNTAX:
        if library_text in said:
            problem, hint = ours, remedy
            break
    context = error.context_mark
    if error.context and context and (context.line, context.column) != (line - 1, column - 1):
        # libyaml notices an unclosed bracket or quote only where the next thing begins
        opened = next((ours for kind, ours in _CONTEXTS if kind in error.context), "the part")
        hint = f"{hint}; {opened} begins on line {context.line + 1}, column {context.column + 1}"
    lines = text.splitlines()
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in source_line[: len(source_line) - len(source_line.lstrip())]:
        problem, hint = "a tab is used for indentation", "indent YAML with spaces"
    elif "another document" in said or "expected '<document start>'" in said:
        problem = "a second YAML document begins here"
        hint = "a case file is one document: remove this `---` line or split the file"
    return Problem(display, line, column, "", f"not valid YAML: {problem}", hint)


class _Builder:
    """Turns composed YAML nodes into plain data, refusing what a case file must not hold."""

    def __init__(self, display: str):
        self.display = display
        self.positions: dict[Loc, tuple[int, int]] = {}
        self.value_positions: dict[Loc, tuple[int, int]] = {}
        self.problems: list[Problem] = []

    def refuse(self, node: yaml.Node, loc: Loc, message: str, hint: str = "") -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(self.display, mark.line + 1, mark.column + 1, dotted(loc), message, hint)
        )

    def refuse_tag(self, node: yaml.Node, loc: Loc) -> None:
        tag = "!!" + node.tag[len(_TAG):] if node.tag.startswith(_TAG) else node.tag
        self.refuse(node, loc, f"the tag {tag} is not allowed",
                    "case files hold plain text, numbers, lists and mappings; remove the tag")

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.positions.setdefault(loc, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.ScalarNode):
            self.value_positions[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
            return self.scalar(node, loc)
        if isinstance(node, yaml.SequenceNode) and node.tag == _TAG + "seq":
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode) and node.tag == _TAG + "map":
            return self.mapping(node, loc)
        self.refuse_tag(node, loc)
        return None

    def mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag == _TAG + "merge":
                self.refuse(key_node, loc, "merge keys (<<) are not allowed",
                            "write the fields out where they are needed")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.refuse(key_node, loc, "keys must be plain names", "write `name: value`")
                continue
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in first_seen:
                self.refuse(
                    key_node,
                    (*loc, key),
                    f"duplicate key '{key}' (first given on line {first_seen[key]})",
                    "give each field once; a later value never silently replaces an earlier one",
                )
                continue
            first_seen[key] = line
            self.positions[(*loc, key)] = (line, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, (*loc, key))
        return result

    def scalar(self, node: yaml.ScalarNode, loc: Loc) -> Any:
        if node.tag not in _SCALAR_TAGS:
            self.refuse_tag(node, loc)
            return None
        if node.style not in (None, "") or node.tag in (_TAG + "str", _TAG + "timestamp"):
            return node.value  # quoted text, strings and dates stay text
        if node.tag == _TAG + "bool" and node.value.lower() not in ("true", "false"):
            return node.value  # YAML 1.1 yes/no/on/off/NO: text, as YAML 1.2 reads them
        if node.tag in (_TAG + "int", _TAG + "float") and not _YAML12_NUMBER.match(node.value):
            # YAML 1.1 reads 010 as 8, 0x10 as 16, 1:30 as 90 and 1_000 as 1000; YAML 1.2
            # reads them otherwise: a number whose meaning depends on the reader is refused
            self.refuse(node, loc, f"'{node.value}' is a number only in YAML 1.1 (octal, "
                        "hexadecimal, base 60 or with underscores), read differently elsewhere",
                        "write it in plain decimal digits (10, 90, 1000), or quote it as text")
            return None
        try:
            # the constructor function itself: construct_object would cache every node in
            # the shared constructor for ever
            return _CONSTRUCTOR.yaml_constructors[node.tag](_CONSTRUCTOR, node)
        except ValueError:  # `!!int abc`, or an integer of more than 4,300 digits
            kind = {"int": "whole number", "float": "number"}.get(node.tag[len(_TAG):], "value")
            shown = node.value if len(node.value) <= 40 else node.value[:40] + "…"
            self.refuse(node, loc, f"'{shown}' is not a valid {kind}",
                        "write at most 4,300 digits, or quote it to keep it as text")
            return None
