"""Dates as lawyers write them: a full ISO date, or only a month or a year.

Sources often give only "July 2025" or "2017". A `PartialDate` keeps that precision and
defines how it compares with the as-of date of an assessment:

- it covers a period, from `earliest` (first day) to `latest` (last day);
- an event **has happened as of** a date only when its whole period lies on or before that
  date (`latest <= as_of`). "2025-07" counts from 2025-07-31 on. Until then the event is
  *uncertain in time* (`uncertain_at`), and the assessment says so instead of guessing;
- durations ("days since the arrest") are counted from `latest`, so that a partial date
  never makes something look older, or a deadline look more overrun, than the sources say;
- chronological order sorts on (`earliest`, `latest`).

Where a source gives no date but bounds one ("before 20 May 2020"), the case file records the
bounds instead of inventing a date: `{after: 2020-05-01, before: 2020-05-20}` (either bound
may be absent; each is a date written as above, and both are inclusive: the item happened
on or after `after` and on or before `before`). Such a date is the same kind of interval:
- with only `before:`, the item has happened as of a date only if `before <= as_of`;
- with only `after:`, it may or may not have happened at any later date: it is uncertain
  (a warning) and, for the rules, not yet happened;
- no item ever counts "from the beginning of time".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import total_ordering
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import core_schema

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
PATTERN_TEXT = "YYYY-MM-DD, YYYY-MM or YYYY, or bounds {after: .., before: ..}"
# the text form of bounds, as printed ("after 2020-05-01, before 2020-05-20"): read back too
_BOUND = re.compile(r"(after|before) (\d{4}(?:-\d{2}(?:-\d{2})?)?)")
_BOUNDS = re.compile(r"^(after \S+)?(?:, )?(before \S+)?$")


@total_ordering
class PartialDate:
    """A calendar date known to the day, the month or the year."""

    __slots__ = ("year", "month", "day", "earliest", "latest", "after", "before")

    def __init__(self, year: int, month: int | None = None, day: int | None = None):
        if day is not None and month is None:
            raise ValueError("a day needs a month")
        if not 1 <= year <= 9999:
            raise ValueError(f"year {year} is out of range")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"month {month:02d} does not exist (01 to 12)")
        if day is not None:
            last = calendar.monthrange(year, month)[1]  # type: ignore[arg-type]
            if not 1 <= day <= last:
                raise ValueError(
                    f"{year}-{month:02d} has no day {day:02d} (it has {last} days)"
                )
        self.year, self.month, self.day = year, month, day
        self.after: PartialDate | None = None
        self.before: PartialDate | None = None
        # computed once: facts compare dates hundreds of times per assessment
        self.earliest = dt.date(year, month or 1, day or 1)
        last_month = month or 12
        self.latest = dt.date(year, last_month,
                              day or calendar.monthrange(year, last_month)[1])

    @classmethod
    def bounded(cls, after: "PartialDate | None", before: "PartialDate | None") -> "PartialDate":
        """A date known only to lie between two bounds (either may be absent)."""
        if after is None and before is None:
            raise ValueError("give `after:`, `before:` or both")
        if after and before and before.latest < after.earliest:
            raise ValueError(f"before {before} is earlier than after {after}")
        self = cls.__new__(cls)
        self.year = self.month = self.day = None
        self.after, self.before = after, before
        self.earliest = after.earliest if after else dt.date.min
        self.latest = before.latest if before else dt.date.max
        return self

    @property
    def is_bounded(self) -> bool:
        return self.year is None

    @classmethod
    def parse(cls, value: Any) -> "PartialDate":
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dict):
            unknown = sorted(str(k) for k in value if k not in ("after", "before"))
            if unknown:
                raise ValueError(f"a date's bounds are `after:` and `before:`, not "
                                 f"{', '.join(unknown)}")
            return cls.bounded(*(None if value.get(k) is None else cls.parse(value[k])
                                 for k in ("after", "before")))
        if isinstance(value, str) and _BOUNDS.match(value.strip()):
            found = dict(_BOUND.findall(value))
            return cls.bounded(*(cls.parse(found[k]) if k in found else None
                                 for k in ("after", "before")))
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise ValueError(f"expected a date written {PATTERN_TEXT}")
        match = _PATTERN.match(str(value).strip())
        if not match:
            raise ValueError(f"'{value}' is not a date; write {PATTERN_TEXT}")
        year, month, day = (int(g) if g else None for g in match.groups())
        return cls(year, month, day)  # type: ignore[arg-type]

    @property
    def precision(self) -> str:
        if self.is_bounded:
            return "bounds"
        return "day" if self.day else "month" if self.month else "year"

    def happened_by(self, as_of: dt.date) -> bool:
        """True when the whole period lies on or before `as_of`."""
        return self.latest <= as_of

    def uncertain_at(self, as_of: dt.date) -> bool:
        """True when `as_of` falls inside the period: it may or may not have happened."""
        return self.earliest <= as_of < self.latest

    def days_until(self, as_of: dt.date) -> int:
        """Whole days from this date (its latest day) to `as_of`."""
        return (as_of - self.latest).days

    def _key(self) -> tuple[dt.date, dt.date]:
        return (self.earliest, self.latest)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PartialDate) and self._key() == other._key()

    def __lt__(self, other: "PartialDate") -> bool:
        return self._key() < other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __str__(self) -> str:
        if self.is_bounded:
            return ", ".join(f"{word} {bound}" for word, bound in
                             (("after", self.after), ("before", self.before)) if bound)
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    def __repr__(self) -> str:
        return f"PartialDate('{self}')"

    # pydantic integration: validated from str/date/int, serialised as the ISO text.
    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse,
            serialization=core_schema.plain_serializer_function_ser_schema(str),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        single = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
        return {
            "anyOf": [single, {
                "type": "object", "additionalProperties": False,
                "properties": {"after": single, "before": single},
                "description": "Bounds of a date no source gives exactly (both inclusive).",
            }],
            "description": f"A date: {PATTERN_TEXT} when only the month or year is known.",
        }


def parse_as_of(text: str | dt.date | None) -> dt.date:
    """The as-of date of an assessment: a full ISO date, defaulting to today."""
    if text is None:
        return dt.date.today()
    if isinstance(text, dt.date):
        return text
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a full date; write YYYY-MM-DD") from None
