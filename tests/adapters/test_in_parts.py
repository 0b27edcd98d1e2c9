"""A large log is verified and exported in parts at once (one process each, ADR 0021): whatever
was done to the store, the parts find what one walk finds first, and count the same events,
leaves and tree head; an export in parts is byte for byte the export in one. On both stores;
the random edits copy the SQLite file for each example, and are SQLite's alone (a PostgreSQL
store gets the same edits, one list at a time)."""

import io
import sqlite3
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

import pytest

from adapters.event_export import export
from adapters.event_log import EventLog
from adapters.verify import verify
from tests.adapters.test_tamper_evidence import TRUST, run, store  # noqa: F401  (fixtures)
from tests.tampering import edit_state

EDITS = {  # {pos}: the position's column; %s: the position
    "delete": "DELETE FROM stored_events WHERE {pos} = %s",
    "unlink": "UPDATE stored_events SET link = NULL WHERE {pos} = %s",
    "key id": "UPDATE stored_events SET key_id = '0badc0de' WHERE {pos} = %s",
    "version up": "UPDATE stored_events SET originator_version = originator_version + 1 "
                  "WHERE {pos} = %s",
    "version down": "UPDATE stored_events SET originator_version = originator_version - 1 "
                    "WHERE {pos} = %s",
    "move": "UPDATE stored_events SET {pos} = (SELECT MAX({pos}) + 1 FROM stored_events) "
            "WHERE {pos} = %s",
}
ON_SQLITE = {**{name: sql.format(pos="rowid").replace("%s", "?") for name, sql in EDITS.items()},
             "edit": "UPDATE stored_events SET state = CAST(REPLACE(CAST(state AS TEXT), "
                     "'\"on\"', '\"On\"') AS BLOB) WHERE rowid = ?"}


def summary(report):
    first = report.first
    return (bool(report.problems), first and (first.position, first.message), report.events,
            report.tree.end, report.head_position, report.head)


@pytest.mark.sqlite_only  # each example edits a copy of the file
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.sampled_from(sorted(ON_SQLITE)), st.integers(1, 26)),
                      max_size=3),
       parts=st.integers(2, 6))
def test_parts_find_what_one_walk_finds(store, tmp_path, edits, parts):  # noqa: F811
    template = store.run.store
    # A new file each example: one made at the path of the last would meet its -wal and -shm
    # files, which a reader still open (a worker) maps; truncating a mapped file is SIGBUS.
    path = Path(tempfile.mkdtemp(dir=tmp_path)) / "copy.sqlite"
    with sqlite3.connect(template) as source, sqlite3.connect(path) as copy:
        source.backup(copy)  # the store keeps recent pages in its write-ahead log
    with sqlite3.connect(path) as db:
        for edit, position in edits:
            try:
                db.execute(ON_SQLITE[edit], (position,))
            except sqlite3.IntegrityError:  # a version another event of the record holds
                pass
    one_walk = verify(EventLog(path), TRUST, parts=1)
    in_parts = verify(EventLog(path), TRUST, parts=parts)
    assert summary(in_parts) == summary(one_walk)


@pytest.mark.parametrize("edits", [
    [("delete", 5), ("unlink", 17)], [("version up", 27)], [("version down", 1)],
    [("move", 3), ("key id", 12)], [("edit", 11), ("delete", 26)]], ids=str)
def test_parts_find_what_one_walk_finds_on_either_store(store, edits):  # noqa: F811
    for edit, position in edits:
        if edit == "edit":
            edit_state(store.run, '"on"', '"On"', position)
        else:
            store.sql((EDITS[edit], position))
    assert verify(store.log(), TRUST).problems
    for parts in (2, 3, 6):
        assert summary(verify(store.log(), TRUST, parts=parts)) == summary(
            verify(store.log(), TRUST, parts=1))


def test_an_intact_log_in_parts_is_the_same_report(store):  # noqa: F811
    log = store.log()
    assert summary(verify(log, TRUST, parts=3)) == summary(
        verify(log, TRUST, parts=1)) == (False, None, 27, 27, 27, verify(log, TRUST).head)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fmt=st.sampled_from(["jsonl", "csv"]), parts=st.integers(2, 6),
       since=st.sampled_from([None, date(2017, 5, 5)]),
       types=st.sampled_from([(), ("ChairDecided",), ("Case.Notified", "Appointed")]))
def test_an_export_in_parts_is_the_export_in_one(store, fmt, parts, since, types):  # noqa: F811
    whole, cut = io.BytesIO(), io.BytesIO()
    n = export(whole, store.log(), fmt, since, None, types, parts=1)
    assert export(cut, store.log(), fmt, since, None, types, parts=parts) == n
    assert cut.getvalue() == whole.getvalue() and whole.getvalue().count(b"\n") >= n
