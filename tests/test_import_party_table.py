"""tools/import_party_table.py: a saved party table becomes dated, sourced memberships, and
nothing already sourced is overwritten."""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from assessor import states

ROOT = Path(__file__).resolve().parents[1]
D = dt.date.fromisoformat


def _tool():
    spec = importlib.util.spec_from_file_location("import_party_table",
                                                  ROOT / "tools" / "import_party_table.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module      # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


tool = _tool()
P13 = tool.SNAPSHOTS[0]


def test_a_row_is_read_in_the_tables_column_order():
    row = tool.parse_row("Duitsland 03-05-2002 11-10-2004 (R) 01-02-2005")
    assert (row.signed, row.consent, row.kind, row.in_force) == (
        D("2002-05-03"), D("2004-10-11"), "R", D("2005-02-01"))
    succession = tool.parse_row("Montenegro 14-06-2006 (VG) 06-06-2006")
    assert (succession.signed, succession.consent, succession.in_force) == (
        None, D("2006-06-14"), D("2006-06-06"))
    signed_only = tool.parse_row("Azerbeidzjan 08-03-2023")
    assert signed_only.in_force is None and signed_only.signed == D("2023-03-08")
    ended = tool.parse_row("Noorwegen 29-04-1971 (O) 30-05-1971 27-11-2024 28-05-2025")
    assert (ended.in_force, ended.denounced, ended.ended) == (
        D("1971-05-30"), D("2024-11-27"), D("2025-05-28"))
    with pytest.raises(ValueError):
        tool.parse_row("Duitsland 03-05-2002 11-10-2004 (X) 01-02-2005")


def test_the_state_files_hold_the_snapshots_dates():
    """Every covered state with an entry into force in the snapshot holds that date, cited
    to the snapshot's source; nothing else was invented from it."""
    _, rows = tool.read_snapshot(tool.SNAPSHOTS_DIR / P13.file)
    seen = 0
    for row in rows:
        code = tool.DUTCH_NAMES.get(row.name)
        if code is None or states.reference().state(code) is None or row.in_force is None:
            continue
        seen += 1
        fact = states.state_fact(code, P13.fact, row.in_force)
        assert fact is not None and fact.value is True, code
        assert P13.source["id"] in [s.id for s in fact.sources], code
        before = states.state_fact(code, P13.fact, row.in_force - dt.timedelta(days=1))
        assert before is not None and before.value is False and before.implied, code
    assert seen == 15
    # signed, not ratified: no membership written
    assert states.state_fact("AZ", P13.fact, D("2024-01-01")) is None
    # a state the copy read does not reach stays unknown
    assert states.state_fact("PL", P13.fact, D("2024-01-01")) is None


def test_germany_is_bound_by_protocol_13_from_1_february_2005():
    assert states.state_fact("DE", "echr_protocol13_party", D("2005-02-01")).value is True
    assert states.state_fact("DE", "echr_protocol13_party", D("2005-01-31")).value is False


@pytest.fixture
def copy_of_states(tmp_path):
    target = tmp_path / "states"
    shutil.copytree(tool.STATES, target)
    return target


def test_a_second_import_changes_nothing(copy_of_states):
    before = {p.name: p.read_text() for p in copy_of_states.glob("*.yaml")}
    written, unchanged, conflicts = tool.import_snapshot(P13, copy_of_states)
    assert (written, conflicts) == ([], [])
    assert len(unchanged) == 15
    assert {p.name: p.read_text() for p in copy_of_states.glob("*.yaml")} == before


def test_a_sourced_fact_with_another_date_is_reported_not_overwritten(copy_of_states):
    path = copy_of_states / "DE.yaml"
    changed = path.read_text().replace("from: 2005-02-01", "from: 2005-03-01")
    path.write_text(changed)
    written, _, conflicts = tool.import_snapshot(P13, copy_of_states)
    assert written == []
    assert conflicts == ["DE: echr_protocol13_party: the file holds 2005-03-01, the table "
                         "2005-02-01; left as it is"]
    assert path.read_text() == changed


def test_an_import_into_files_without_the_fact_writes_it_with_its_source(copy_of_states):
    path = copy_of_states / "FR.yaml"
    original = (ROOT / "rules" / "data" / "states" / "FR.yaml").read_text()
    start = original.index("  echr_protocol13_party:")
    end = original.index("\nsources:")
    stripped = original[:start].rstrip("\n") + "\n" + original[end:]
    # the imported source is the file's last entry: cut from the start of its line
    cut = stripped.index("- id: nl-treaties-echr-p13")
    stripped = stripped[:stripped.rindex("\n", 0, cut) + 1]
    path.write_text(stripped)
    written, _, conflicts = tool.import_snapshot(P13, copy_of_states)
    assert written == ["FR: echr_protocol13_party from 2008-02-01"] and conflicts == []
    loaded = states.reference.__wrapped__(copy_of_states.parent)
    fact = loaded.fact("FR", "echr_protocol13_party", D("2008-02-01"))
    assert fact.value is True and fact.sources[0].id == "nl-treaties-echr-p13"
