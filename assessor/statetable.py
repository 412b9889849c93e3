"""`assess states`: the reference data as a lawyer reads it, and its check for CI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import states

COLUMNS = (
    ("CoE", "coe_member"),
    ("ECHR", "echr_party"),
    ("CAT22", "cat_art22_declaration"),
    ("OP1", "iccpr_op1_party"),
    ("ECE", "ece_party"),
    ("EU", "eu_member"),
)


def _mark(dated: states.Dated | None) -> str:
    if dated is None:
        return "?"
    if isinstance(dated.value, bool):
        return "yes" if dated.value else "no"
    return str(dated.value)


def table(on: dt.date) -> str:
    """One line per state: memberships, death penalty, own nationals, when checked."""
    ref = states.reference()
    header = ["state", *(c for c, _ in COLUMNS), "death penalty", "own nationals", "checked"]
    rows = [header]
    for data in states.covered():
        code = data.state
        cells = [f"{code} {data.name}"]
        cells += [_mark(ref.fact(code, key, on)) for _, key in COLUMNS]
        cells.append(_mark(ref.fact(code, "death_penalty", on)))
        own = ref.fact(code, "extradites_own_nationals", on)
        cells.append("?" if own is None else ("extradites" if own.value else "barred"))
        cells.append(str(data.checked))
        rows.append(cells)
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.append(f"as of {on}; ? = not in the data (unknown: verify). "
                 "`assess states show XX` lists every fact with its source.")
    return "\n".join(lines) + "\n"


def show(code: str) -> str | None:
    ref = states.reference()
    data = ref.state(code)
    if data is None:
        return None
    sources = {s.id: s for s in data.sources}
    lines = [f"{data.state} {data.name} (checked {data.checked}; {ref.files[code]})"]
    for key, entries in data.facts.items():
        meaning = states.KEYS[key]
        lines.append(f"  {key}: {meaning}")
        for entry in entries:
            period = ", ".join(p for p in (
                f"from {states.show_when(entry.from_)}" if entry.from_ else "",
                f"until {states.show_when(entry.until)}" if entry.until else "",
                f"known until {entry.known_until}" if entry.known_until else "") if p)
            value = entry.value if not isinstance(entry.value, bool) else (
                "yes" if entry.value else "no")
            lines.append(f"    {' '.join(str(value).split())}"
                         + (f" ({period})" if period else "") + f" [{entry.confidence}]")
            if entry.note:
                lines.append(f"      note: {' '.join(entry.note.split())}")
            for source_id in entry.sources:
                s = sources[source_id]
                dated = f", {s.date}" if s.date else ""
                lines.append(f"      source: {s.title}, {s.publisher}{dated}; {s.url} "
                             f"(checked {s.checked}, {s.confidence})")
    missing = [k for k in states.KEYS if k not in data.facts]
    if missing:
        lines.append("  not in the data (unknown: verify): " + ", ".join(missing))
    return "\n".join(lines) + "\n"


def check(directory: Path | None = None) -> str:
    """Load and check every file (InputError, exit 2, on any problem); a summary if sound."""
    if directory is not None:
        states.reference.cache_clear()
    ref = states.reference(directory)
    facts = sum(len(e) for d in ref.states.values() for e in d.facts.values())
    facts += sum(len(e) for d in ref.pairs.values() for e in d.facts.values())
    return (f"reference data sound: {len(ref.states)} states, {len(ref.pairs)} pairs, "
            f"{facts} dated facts, every one sourced")
