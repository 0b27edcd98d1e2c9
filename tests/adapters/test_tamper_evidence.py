"""Tampering with a real SQLite store by direct SQL shows in `verify`; an untouched store, and
one whose writer was killed mid-save, verify clean (ADR 0008)."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from adapters import checkpoint as checkpoints
from adapters.composition import build_app
from adapters.keys import KeyMissing, KeyRing
from adapters.event_log import EventLog
from adapters.verify import verify
from lif_domain.case import ReviewChoice as R
from lif_domain.criteria import AbuseOrNeglect as A, AgencyConcern as C, CaseFacts, Harm as H
from tests.conftest import founded

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(tmp_path, key_folder):
    path = tmp_path / "lif.sqlite"
    app = founded(build_app({"LIF_STORE": str(path), "LIF_KEY_DIR": str(key_folder)},
                            creating=True, today=lambda: date(2026, 11, 25)))
    for i in range(4):
        ref = f"Child {chr(65 + i)}"
        app.notify_case(ref, date(2017, 5, 1), CaseFacts(A.SUSPECTED, H.DIED, C.YES),
                        by="bm1", on=date(2017, 5, 4))
        app.recommend(ref, R.SCR, "criteria met", by="panel1", on=date(2017, 5, 10))
        app.decide(ref, R.SCR, f"agreed for {ref}", by="chair1", on=date(2017, 5, 12))
    return path, KeyRing(key_folder)


def signed_checkpoint(path, keys) -> str:
    report = verify(EventLog(path), keys)
    with sqlite3.connect(path) as db:
        key_id = db.execute("SELECT value FROM lif_meta WHERE name = 'key_id'").fetchone()[0]
    return checkpoints.make(key_id, report.events, report.head_position, report.head, key_id,
                            keys)


def sql(path, *statements):
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("BEGIN")
    for statement, *params in statements:
        db.execute(statement, params)
    db.execute("COMMIT")
    db.close()


def row(path, where, offset=0):
    with sqlite3.connect(path) as db:
        return db.execute(f"SELECT rowid, originator_id, originator_version, topic, state "
                          f"FROM stored_events WHERE {where} ORDER BY rowid LIMIT 1 OFFSET ?",
                          (offset,)).fetchone()


def edit_a_payload(path):
    rowid, *_, state = row(path, "instr(state, 'agreed for Child B') > 0")
    sql(path, ("UPDATE stored_events SET state = ? WHERE rowid = ?",
               state.replace(b"agreed for Child B", b"refused for Child B"), rowid))


def change_the_member(path):
    rowid, *_, state = row(path, "instr(state, '\"member\":\"chair1\"') > 0", 2)
    sql(path, ("UPDATE stored_events SET state = ? WHERE rowid = ?",
               state.replace(b'"member":"chair1"', b'"member":"bm1"'), rowid))


def swap_two_payloads(path):
    a, b = row(path, "rowid > 8"), row(path, "rowid > 8", 3)
    sql(path, ("UPDATE stored_events SET state = ? WHERE rowid = ?", b[4], a[0]),
        ("UPDATE stored_events SET state = ? WHERE rowid = ?", a[4], b[0]))


def delete_a_middle_event(path):
    sql(path, ("DELETE FROM stored_events WHERE rowid = ?", row(path, "rowid > 10")[0]))


def delete_an_aggregates_last_event(path):
    rowid, originator_id, *_ = row(path, "instr(state, 'agreed for Child A') > 0")
    sql(path, ("DELETE FROM stored_events WHERE rowid = ?", rowid))


def insert_a_forged_event_copying_another(path):
    rowid, originator_id, version, topic, state = row(path, "instr(state, 'agreed for Child A') "
                                                            "> 0")
    with sqlite3.connect(path) as db:
        key_id, copied_link = db.execute("SELECT key_id, link FROM stored_events WHERE rowid = ?",
                                         (rowid,)).fetchone()
    forged_id = originator_id[:-1] + ("0" if originator_id[-1] != "0" else "1")
    sql(path, ("INSERT INTO stored_events VALUES (?, 1, ?, ?, ?, ?)", forged_id, topic, state,
               key_id, copied_link))


def reorder_two_rows(path):
    a, b = row(path, "rowid = 6"), row(path, "rowid = 7")
    sql(path, ("UPDATE stored_events SET rowid = -1 WHERE rowid = ?", a[0]),
        ("UPDATE stored_events SET rowid = ? WHERE rowid = ?", a[0], b[0]),
        ("UPDATE stored_events SET rowid = ? WHERE rowid = -1", b[0]))


def cut_the_tail(path):
    sql(path, ("DELETE FROM stored_events WHERE rowid > (SELECT MAX(rowid) - 3 FROM "
               "stored_events)",))


TAMPERS = [edit_a_payload, change_the_member, swap_two_payloads, delete_a_middle_event,
           delete_an_aggregates_last_event, insert_a_forged_event_copying_another,
           reorder_two_rows, cut_the_tail]


@pytest.mark.parametrize("tamper", TAMPERS, ids=[t.__name__ for t in TAMPERS])
def test_every_tamper_is_detected(store, tamper):
    path, keys = store
    checkpoint = signed_checkpoint(path, keys)
    assert verify(EventLog(path), keys, [checkpoint]).problems == []
    tamper(path)
    report = verify(EventLog(path), keys, [checkpoint])
    assert report.problems, tamper.__name__
    assert report.first.position >= 0 and report.first.message


def test_a_cut_tail_shows_only_against_a_checkpoint(store):
    path, keys = store
    checkpoint = signed_checkpoint(path, keys)
    cut_the_tail(path)
    assert verify(EventLog(path), keys).problems == []  # the chain alone cannot see it
    [problem] = verify(EventLog(path), keys, [checkpoint]).problems
    assert "no longer in the chain: the log was cut" in problem.message


def test_the_untouched_control_verifies_clean_with_its_checkpoint(store):
    path, keys = store
    report = verify(EventLog(path), keys, [signed_checkpoint(path, keys)])
    assert report.problems == [] and report.events == report.links > 20
    assert len(report.checkpoints) == 1


def test_an_altered_checkpoint_is_reported(store):
    path, keys = store
    text = signed_checkpoint(path, keys)
    forged = text.replace("size ", "size 1")
    assert "signature does not match" in verify(EventLog(path), keys, [forged]).first.message


def _count(path) -> int:
    with sqlite3.connect(path, timeout=10) as db:
        return db.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]


WRITER = """
import sys
from datetime import date
sys.path[:0] = [{src!r}, {root!r}]
from adapters.composition import build_app
from lif_domain.criteria import AbuseOrNeglect as A, AgencyConcern as C, CaseFacts, Harm as H
app = build_app({{"LIF_STORE": {store!r}, "LIF_KEY_DIR": {keys!r}}})
facts = CaseFacts(A.SUSPECTED, H.DIED, C.YES)
print("ready", flush=True)
for i in range(100000):
    app.notify_case(f"Child K{{i}}", date(2017, 5, 1), facts, by="bm1", on=date(2017, 5, 4))
"""


@pytest.mark.parametrize("delay", [0.15, 0.4, 0.7])
def test_a_writer_killed_mid_save_leaves_a_store_that_verifies(store, key_folder, delay):
    path, keys = store
    before = verify(EventLog(path), keys).events
    code = WRITER.format(src=str(ROOT / "src"), root=str(ROOT), store=str(path),
                         keys=str(key_folder))
    writer = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    assert writer.stdout.readline().strip() == b"ready"
    deadline = time.monotonic() + 30
    while _count(path) <= before and time.monotonic() < deadline:  # it has begun writing
        time.sleep(0.01)
    time.sleep(delay)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    report = verify(EventLog(path), keys)
    assert report.problems == []
    assert report.events == report.links > before


CONCURRENT_WRITER = """
import sys
from datetime import date
sys.path[:0] = [{src!r}, {root!r}]
from adapters.composition import build_app
from lif_domain.criteria import AbuseOrNeglect as A, AgencyConcern as C, CaseFacts, Harm as H
from lif_domain.errors import StoreError
app = build_app({{"LIF_STORE": {store!r}, "LIF_KEY_DIR": {keys!r}, "LIF_LOCK_TIMEOUT": "30"}})
facts = CaseFacts(A.SUSPECTED, H.DIED, C.YES)
for i in range(40):
    app.notify_case(f"Child {name}{{i}}", date(2017, 5, 1), facts, by="bm1", on=date(2017, 5, 4))
"""


def test_concurrent_writers_chain_in_commit_order(store, key_folder):
    path, keys = store
    before = verify(EventLog(path), keys).events
    writers = [subprocess.Popen([sys.executable, "-c", CONCURRENT_WRITER.format(
        src=str(ROOT / "src"), root=str(ROOT), store=str(path), keys=str(key_folder),
        name=name)]) for name in ("W", "X", "Y", "Z")]
    assert [w.wait(timeout=120) for w in writers] == [0, 0, 0, 0]
    report = verify(EventLog(path), keys)
    assert report.problems == [] and report.events == before + 160


def test_a_damaged_database_file_never_verifies_as_intact(store):
    from lif_domain.errors import InvalidInput

    path, keys = store
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything into the main file
        page = db.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    for start in range(page, len(data), page):  # scribble over every page but the header
        data[start + page - 300:start + page - 100] = b"\xff" * 200  # where rows are kept
    path.write_bytes(bytes(data))
    try:
        report = verify(EventLog(path), keys)
    except InvalidInput as e:  # unreadable: cannot verify, which is not "intact" either
        assert "cannot be read" in str(e)
    else:
        assert report.problems


@pytest.mark.parametrize("named", ["../attacker/0badc0de", "/tmp/0badc0de", "0BADC0DE", ""])
def test_a_key_id_edited_into_a_path_or_a_non_id_is_reported_as_tampering(store, named):
    path, keys = store
    rowid = row(path, "1", offset=5)[0]
    sql(path, ("UPDATE stored_events SET key_id = ? WHERE rowid = ?", named, rowid))
    report = verify(EventLog(path), keys)
    assert report.first.position == rowid
    assert "not a key id" in report.first.message


def test_a_store_whose_key_id_names_a_path_writes_nothing(store, key_folder):
    path, _ = store
    before = _count(path)
    sql(path, ("UPDATE lif_meta SET value = '../elsewhere/0badc0de' WHERE name = 'key_id'",))
    app = build_app({"LIF_STORE": str(path), "LIF_KEY_DIR": str(key_folder)},
                    today=lambda: date(2026, 11, 25))
    with pytest.raises(KeyMissing, match="not a key id"):
        app.notify_case("Child Z", date(2017, 5, 1), CaseFacts(A.SUSPECTED, H.DIED, C.YES),
                        by="bm1", on=date(2017, 5, 4))
    assert _count(path) == before
