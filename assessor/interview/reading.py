"""One answer read for one field: the kind's reader, then the model's own check of the value."""

from __future__ import annotations

import re
from typing import Annotated, Any

import yaml
from pydantic import TypeAdapter, ValidationError

from .answers import (UNKNOWN, is_unknown_text, parse_choice, parse_country, parse_date,
                      parse_number, parse_yes_no)
from .fields import (CHOICE, COUNTRY, DATE, FLAG, LIST, MAPPING, NUMBER, OTHER, TEXT, YES_NO,
                     Field, Kind)


def read(field: Field, raw: Any, choices: tuple[str, ...] = ()) -> Any:
    """The value `raw` gives `field`, or UNKNOWN; ValueError says what would be right."""
    value = _read_kind(field.kind, raw, choices or field.kind.choices, field.name)
    if value is not UNKNOWN and field.info is not None and field.kind.kind in (TEXT, NUMBER):
        _check(field, value)
    return value


def _read_kind(kind: Kind, raw: Any, choices: tuple[str, ...], name: str) -> Any:
    if kind.kind == LIST:
        items = _items(raw, kind.item)
        if not items:
            return UNKNOWN
        item_choices = choices or (kind.item.choices if kind.item else ())
        return [_read_kind(kind.item, item, item_choices, name) for item in items]
    if kind.kind in (YES_NO, FLAG):
        return parse_yes_no(raw)
    if is_unknown_text(raw):
        return UNKNOWN
    if kind.kind == TEXT:
        return " ".join(str(raw).split()) if "\n" not in str(raw) else str(raw).strip()
    if kind.kind == NUMBER:
        return parse_number(raw)
    if kind.kind == DATE:
        return parse_date(raw)
    if kind.kind == COUNTRY:
        return parse_country(raw)
    if kind.kind == CHOICE:
        return parse_choice(raw, choices, name)
    if kind.kind in (OTHER, MAPPING):
        value = yaml.safe_load(raw) if isinstance(raw, str) else raw
        try:
            TypeAdapter(kind.annotation).validate_python(value)
        except ValidationError as error:
            raise ValueError(error.errors()[0]["msg"]) from None
        return value
    raise ValueError(f"cannot read an answer of kind {kind.kind}")


def _items(raw: Any, item: Kind | None) -> list[Any]:
    if raw is None:
        return []
    if isinstance(raw, list):
        return [r for r in raw if not is_unknown_text(r) or isinstance(r, bool)]
    if is_unknown_text(raw):
        return []
    # names may hold commas ('Smailova, Dina'): a list of text is separated by semicolons
    separator = r";" if item is not None and item.kind == TEXT else r"[;,]"
    return [part.strip() for part in re.split(separator, str(raw)) if part.strip()]


def _check(field: Field, value: Any) -> None:
    adapter = TypeAdapter(Annotated[field.info.annotation, field.info])
    try:
        adapter.validate_python(value)
    except ValidationError as error:
        detail = error.errors()[0]
        if detail["type"] == "string_pattern_mismatch":
            raise ValueError("use letters, digits, '-', '_' and '.' only, starting with a "
                             "letter or digit (no spaces)") from None
        raise ValueError(detail["msg"]) from None
