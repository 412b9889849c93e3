"""The case model read as a list of questions: each field's kind, meaning and allowed values.

Everything here is derived from the Pydantic models in `assessor.model`, so that a field added
to the model is asked in the interview and listed in the field reference without a second,
hand-kept copy of the format.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from pydantic import AfterValidator, BaseModel, BeforeValidator
from pydantic.fields import FieldInfo

from ..countries import check_country
from ..dates import PartialDate

# the kinds of answer a field takes
TEXT, YES_NO, FLAG, NUMBER, DATE, COUNTRY, CHOICE, MODEL, LIST, MAPPING, OTHER = (
    "text", "yes_no", "flag", "number", "date", "country", "choice", "model", "list",
    "mapping", "other")


@dataclass(frozen=True)
class Kind:
    """What a field holds: `kind` names it; `item` is the kind of a list's entries."""

    kind: str
    choices: tuple[str, ...] = ()
    model: type[BaseModel] | None = None
    item: "Kind | None" = None
    unknown_allowed: bool = False  # `unknown` may be written (a yes/no or a number)
    annotation: Any = None

    def describe(self) -> str:
        """The allowed values in a few words, for the field reference."""
        words = {
            TEXT: "text",
            YES_NO: "`true`, `false` or `unknown`",
            FLAG: "`true` or `false`",
            NUMBER: "a whole number" + (" or `unknown`" if self.unknown_allowed else ""),
            DATE: "a date: `YYYY-MM-DD`, or `YYYY-MM` or `YYYY` when only that is known",
            COUNTRY: "an ISO 3166-1 alpha-2 country code, e.g. `KZ`",
            CHOICE: "one of " + ", ".join(f"`{c}`" for c in self.choices),
            MODEL: "a group of fields (below)",
            OTHER: "see the JSON Schema (`assess schema`)",
        }
        if self.kind == MAPPING and self.item is not None:
            keys = ", ".join(f"`{c}`" for c in self.choices) or "names"
            value = "a group of fields (below)" if self.item.kind == MODEL else \
                self.item.describe()
            return f"a mapping from one of {keys} to {value}"
        if self.kind == LIST and self.item is not None:
            if self.item.kind == MODEL:
                return "a list of entries, each a group of fields (below)"
            return "a list, each entry " + self.item.describe()
        return words.get(self.kind, self.kind)


@dataclass(frozen=True)
class Field:
    """One field of a part of the case."""

    name: str
    kind: Kind
    required: bool
    description: str
    default: Any = None
    info: FieldInfo | None = field(default=None, compare=False)


def fields_of(model: type[BaseModel]) -> list[Field]:
    """The fields of `model`, in the order the model declares them."""
    found = []
    for name, info in model.model_fields.items():
        kind = classify(info.annotation, info.metadata)
        default = None if info.is_required() else info.get_default(call_default_factory=True)
        found.append(Field(name, kind, info.is_required(), _description(info, kind), default,
                           info))
    return found


def _description(info: FieldInfo, kind: Kind) -> str:
    if info.description:
        return info.description
    if kind.kind == MODEL and kind.model is not None and kind.model.__doc__:
        return _first_line(kind.model.__doc__)
    if kind.kind in (LIST, MAPPING) and kind.item and kind.item.model and \
            kind.item.model.__doc__:
        return _first_line(kind.item.model.__doc__)
    return ""


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0].strip()


def classify(annotation: Any, metadata: list[Any] = ()) -> Kind:
    """The kind of answer an annotation takes (Optional and Annotated unwrapped)."""
    unknown = any(_is_unknown_validator(m) for m in metadata)
    country = any(_is_country_validator(m) for m in metadata)
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            inner, *extra = typing.get_args(annotation)
            unknown = unknown or any(_is_unknown_validator(m) for m in extra)
            country = country or any(_is_country_validator(m) for m in extra)
            annotation = inner
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(options) != 1:
                return Kind(OTHER, annotation=annotation)
            annotation = options[0]
        else:
            break
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return Kind(CHOICE, choices=tuple(str(a) for a in typing.get_args(annotation)))
    if origin is list:
        (item,) = typing.get_args(annotation) or (Any,)
        return Kind(LIST, item=classify(item))
    if origin is dict:
        key, value = typing.get_args(annotation) or (str, Any)
        keys = typing.get_args(key) if typing.get_origin(key) is typing.Literal else ()
        return Kind(MAPPING, choices=tuple(str(k) for k in keys), item=classify(value),
                    annotation=annotation)
    if country:
        return Kind(COUNTRY)
    if annotation is bool:
        return Kind(YES_NO if unknown else FLAG, unknown_allowed=unknown)
    if annotation is int:
        return Kind(NUMBER, unknown_allowed=unknown)
    if annotation is str:
        return Kind(TEXT)
    if annotation is PartialDate:
        return Kind(DATE)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return Kind(MODEL, model=annotation)
    return Kind(OTHER, annotation=annotation)


def _is_unknown_validator(meta: Any) -> bool:
    return isinstance(meta, BeforeValidator) and getattr(meta.func, "__name__", "") == \
        "_unknown_to_none"


def _is_country_validator(meta: Any) -> bool:
    return isinstance(meta, AfterValidator) and meta.func is check_country


# --- plain-language labels -------------------------------------------------------------


@lru_cache(maxsize=1)
def _labels() -> dict[str, dict[str, str]]:
    text = resources.files(__package__).joinpath("labels.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text) or {}


def label(value: str, field_name: str | None = None) -> str:
    """A plain-language label for an allowed value (the value itself, readable, if none)."""
    labels = _labels()
    if field_name and value in labels.get("by_field", {}).get(field_name, {}):
        return labels["by_field"][field_name][value]
    return labels.get("values", {}).get(value) or value.replace("_", " ")


def humanise(name: str) -> str:
    """A field name as words: `max_penalty_years` -> 'Max penalty years'."""
    words = name.replace("_", " ")
    return words[:1].upper() + words[1:]


def key_meaning(key: str) -> str:
    """What a mapping's key means: `law:` is keyed by facts of the fact catalogue, whose
    meanings are written beside the facts themselves (assessor.facts)."""
    return _fact_meanings().get(key) or label(key)


@lru_cache(maxsize=1)
def _fact_meanings() -> dict[str, str]:
    from ..facts import catalogue_rows

    return {row["name"]: row["meaning"] for row in catalogue_rows()}
