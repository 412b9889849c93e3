"""Import a treaty's party table, saved as a dated snapshot, into the state files.

    python tools/import_party_table.py [--dry-run] [SNAPSHOT ...]

A snapshot (`rules/data/snapshots/*.txt`) is the party table as it was read: a header of
`# key: value` lines (title, publisher, url, copy date, read) and one row per state as the
Netherlands Treaty Database prints it: name, signature, ratification with its kind
((R) ratification, (VG) succession, (T) accession, (O) signature without ratification),
entry into force, denunciation, end. Each snapshot is listed in SNAPSHOTS below with the
fact it feeds and the source entry it adds.

For every state with a file in `rules/data/states/` and a row with an entry-into-force date,
the script writes the membership from that date (a treaty binds a state only from its entry
into force for it) and cites the snapshot's source. It never overwrites: where the file
already holds the fact with another date or value it leaves the file alone and reports the
conflict; where it holds the same date it leaves it as it is. Rows without an entry into
force (signature only) are not written: a signature does not bind. States the snapshot does
not show stay unknown. Exit 1 when there was a conflict, so a re-import is looked at.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATES = ROOT / "rules" / "data" / "states"
SNAPSHOTS_DIR = ROOT / "rules" / "data" / "snapshots"

# The Dutch names the database uses, for the states this project covers (ISO 3166-1).
DUTCH_NAMES = {
    "Armenië": "AM", "Oostenrijk": "AT", "Azerbeidzjan": "AZ", "België": "BE",
    "Bulgarije": "BG", "Belarus": "BY", "Zwitserland": "CH", "China": "CN", "Cyprus": "CY",
    "Tsjechië": "CZ", "Duitsland": "DE", "Spanje": "ES", "Frankrijk": "FR",
    "Verenigd Koninkrijk": "GB", "Georgië": "GE", "Griekenland": "GR", "Italië": "IT",
    "Kazachstan": "KZ", "Kirgizië": "KG", "Litouwen": "LT", "Letland": "LV",
    "Moldavië": "MD", "Montenegro": "ME", "Nederlanden, het Koninkrijk der": "NL",
    "Polen": "PL", "Servië": "RS", "Russische Federatie": "RU", "Zweden": "SE",
    "Slowakije": "SK", "Tadzjikistan": "TJ", "Turkmenistan": "TM", "Turkije": "TR",
    "Oekraïne": "UA", "Verenigde Staten van Amerika": "US", "Oezbekistan": "UZ",
}
KINDS = {"R": "ratification", "VG": "succession", "T": "accession",
         "O": "signature without ratification"}


@dataclass(frozen=True)
class Snapshot:
    file: str
    fact: str          # the membership key in the state files
    treaty: str        # how the note names the treaty
    source: dict       # the source entry added to each state file it feeds


SNAPSHOTS = [
    Snapshot(
        file="echr-protocol13-verdragen-nl.txt",
        fact="echr_protocol13_party",
        treaty="Protocol No. 13",
        source={
            "id": "nl-treaties-echr-p13",
            "title": "Protocol nr. 13 bij het Verdrag tot bescherming van de rechten van de mens "
                     "en de fundamentele vrijheden, inzake de afschaffing van de doodstraf onder "
                     "alle omstandigheden (parties)",
            "publisher": "Netherlands Treaty Database (verdragen.nl)",
            "url": "https://www.verdragen.nl/nl/Verdrag/Details/010333_p.html",
            "checked": "2026-11-30",
            "confidence": "secondary",
            "note": "The Kingdom of the Netherlands' official treaty database, not the "
                    "depositary; imported from rules/data/snapshots/echr-protocol13-verdragen-nl.txt "
                    "by tools/import_party_table.py.",
        },
    ),
]

_DATE = r"\d{2}-\d{2}-\d{4}"
_ROW = re.compile(rf"^(?P<name>.+?)\s+(?P<dates>{_DATE}.*)$")


@dataclass(frozen=True)
class Row:
    name: str
    signed: dt.date | None
    consent: dt.date | None       # ratification, accession or succession
    kind: str | None
    in_force: dt.date | None
    denounced: dt.date | None
    ended: dt.date | None


def _date(text: str) -> dt.date:
    day, month, year = (int(part) for part in text.split("-"))
    return dt.date(year, month, day)


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def parse_row(line: str) -> Row:
    """One row: the dates after the name, in the table's column order. The consent date is
    the one followed by its kind in brackets; a date before it is the signature; the dates
    after it are entry into force, denunciation and end."""
    match = _ROW.match(line.strip())
    if not match:
        raise ValueError(f"not a party-table row: {line!r}")
    tokens = re.findall(rf"({_DATE})(?:\s*\((\w+)\))?", match["dates"])
    consent_at = next((i for i, (_, kind) in enumerate(tokens) if kind), None)
    if consent_at is None:   # signed only
        if len(tokens) != 1:
            raise ValueError(f"dates without a ratification mark: {line!r}")
        return Row(match["name"], _date(tokens[0][0]), None, None, None, None, None)
    if tokens[consent_at][1] not in KINDS:
        raise ValueError(f"unknown kind ({tokens[consent_at][1]}) in {line!r}")
    if consent_at > 1 or any(kind for _, kind in tokens[consent_at + 1:]):
        raise ValueError(f"unexpected columns in {line!r}")
    signed = _date(tokens[0][0]) if consent_at == 1 else None
    after = [_date(text) for text, _ in tokens[consent_at + 1:]]
    if len(after) > 3:
        raise ValueError(f"too many dates in {line!r}")
    after += [None] * (3 - len(after))
    return Row(match["name"], signed, _date(tokens[consent_at][0]), tokens[consent_at][1], *after)


def read_snapshot(path: Path) -> tuple[dict[str, str], list[Row]]:
    header: dict[str, str] = {}
    rows: list[Row] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            if value and key.strip().isalpha():
                header[key.strip()] = value.strip()
            continue
        rows.append(parse_row(line))
    return header, rows


def entry_text(fact: str, row: Row, snapshot: Snapshot) -> str:
    kind = KINDS[row.kind]
    lines = [f"  {fact}:", "    - value: true", f"      from: {row.in_force.isoformat()}"]
    if row.signed:
        lines.append(f"      signed: {row.signed.isoformat()}")
    if row.kind == "R":     # the schema's `ratified`; a succession or accession is in the note
        lines.append(f"      ratified: {row.consent.isoformat()}")
    if row.ended:
        lines.append(f"      until: {row.ended.isoformat()}")
    lines += [f"      sources: [{snapshot.source['id']}]",
              f"      confidence: {snapshot.source['confidence']}",
              f"      note: In force for it from {_day(row.in_force)} ({kind} of "
              f"{_day(row.consent)}), as the Netherlands Treaty Database's party table shows."]
    return "\n".join(lines) + "\n"


def source_text(source: dict, indent: str) -> str:
    """The source entry, indented like the file's other sources."""
    def quoted(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    lines = [f"{indent}- id: {source['id']}"]
    for key in ("title", "publisher", "url", "checked", "confidence", "note"):
        value = source[key]
        lines.append(f"{indent}  {key}: {quoted(value) if key in ('title', 'publisher', 'note') else value}")
    return "\n".join(lines) + "\n"


def existing(text: str, fact: str) -> list[dict]:
    """The entries the file holds for `fact`, or [] when it holds none."""
    from ruamel.yaml import YAML
    data = YAML(typ="safe").load(text) or {}
    return (data.get("facts") or {}).get(fact) or []


def import_snapshot(snapshot: Snapshot, states_dir: Path = STATES, dry_run: bool = False
                    ) -> tuple[list[str], list[str], list[str]]:
    """Returns (written, unchanged, conflicts), each a list of lines for the report."""
    _, rows = read_snapshot(SNAPSHOTS_DIR / snapshot.file)
    written, unchanged, conflicts = [], [], []
    for row in rows:
        code = DUTCH_NAMES.get(row.name)
        path = states_dir / f"{code}.yaml" if code else None
        if path is None or not path.exists() or row.in_force is None:
            continue
        text = path.read_text(encoding="utf-8")
        held = existing(text, snapshot.fact)
        if held:
            froms = [str(entry.get("from")) for entry in held if entry.get("value") is True]
            if row.in_force.isoformat() in froms:
                unchanged.append(f"{code}: {snapshot.fact} from {row.in_force} already held")
            else:
                conflicts.append(f"{code}: {snapshot.fact}: the file holds "
                                 f"{', '.join(froms) or 'a different value'}, the table "
                                 f"{row.in_force}; left as it is")
            continue
        if "\nsources:\n" not in text or "\nfacts:\n" not in text:
            conflicts.append(f"{code}: the file has no facts/sources section; not written")
            continue
        facts_part, sources_part = text.split("\nsources:\n", 1)
        ids = re.findall(r"^([ \t]*)- id: (\S+)", sources_part, flags=re.MULTILINE)
        new = facts_part.rstrip("\n") + "\n" + entry_text(snapshot.fact, row, snapshot) \
            + "\nsources:\n" + sources_part.rstrip("\n") + "\n"
        if snapshot.source["id"] not in [found for _, found in ids]:
            new += source_text(snapshot.source, ids[0][0] if ids else "  ")
        if [entry.get("from") for entry in existing(new, snapshot.fact)] != [row.in_force]:
            conflicts.append(f"{code}: the edited file would not read back; not written")
            continue
        if not dry_run:
            temporary = path.with_suffix(".yaml.tmp")
            temporary.write_text(new, encoding="utf-8")
            temporary.replace(path)     # never a half-written state file
        written.append(f"{code}: {snapshot.fact} from {row.in_force}")
    return written, unchanged, conflicts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("snapshots", nargs="*", help="snapshot file names (default: all)")
    parser.add_argument("--dry-run", action="store_true", help="report, write nothing")
    args = parser.parse_args(argv)
    chosen = [s for s in SNAPSHOTS if not args.snapshots or s.file in args.snapshots]
    any_conflict = False
    for snapshot in chosen:
        written, unchanged, conflicts = import_snapshot(snapshot, dry_run=args.dry_run)
        print(f"{snapshot.file}: {len(written)} written, {len(unchanged)} unchanged, "
              f"{len(conflicts)} conflicts")
        for line in written:
            print(f"  written   {line}")
        for line in unchanged:
            print(f"  unchanged {line}")
        for line in conflicts:
            print(f"  CONFLICT  {line}")
        any_conflict = any_conflict or bool(conflicts)
    return 1 if any_conflict else 0


if __name__ == "__main__":
    sys.exit(main())
