"""Tampering with a real SQLite store by direct SQL shows in `verify` against a checkpoint a
custodian signed, checked with public keys only; an untouched store, and one whose writer
was killed mid-save, verify clean (ADR 0025)."""

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
from adapters.chain import event_leaf
from adapters.composition import build_app
from adapters.event_log import EventLog
from adapters.signed_note import Signer
from adapters.trust import Trust
from adapters.verify import verify
from lif_domain.case import ReviewChoice as R
from lif_domain.criteria import AbuseOrNeglect as A, AgencyConcern as C, CaseFacts, Harm as H
from lif_domain.errors import InvalidInput
from tests.conftest import founded

ROOT = Path(__file__).resolve().parents[2]
CHAIR = Signer.generate("chair-test")
TRUST = Trust(Path("trust"), custodians=[CHAIR.verifier])  # public keys only


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "lif.sqlite"
    app = founded(build_app({"LIF_STORE": str(path)}, creating=True,
                            today=lambda: date(2026, 11, 25)))
    for i in range(4):
        ref = f"Child {chr(65 + i)}"
        app.notify_case(ref, date(2017, 5, 1), CaseFacts(A.SUSPECTED, H.DIED, C.YES),
                        by="bm1", on=date(2017, 5, 4))
        app.recommend(ref, R.SCR, "criteria met", by="panel1", on=date(2017, 5, 10))
        app.decide(ref, R.SCR, f"agreed for {ref}", by="chair1", on=date(2017, 5, 12))
    return path


def signed_checkpoint(path, signer=CHAIR) -> str:
    log = EventLog(path)
    report = verify(log, TRUST)
    return checkpoints.make(log.meta()["origin"], report.tree.end, report.head, signer)


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


def relink(path):
    """What an attacker who knows the (public) leaf hash does after an edit: every row's
    stored leaf hash made right again, so only a checkpoint can tell."""
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT rowid, originator_id, originator_version, topic, state, "
                          "keyed_by FROM stored_events").fetchall()
        db.executemany("UPDATE stored_events SET link = ? WHERE rowid = ?",
                       [(event_leaf(oid, v, t, s, by), r) for r, oid, v, t, s, by in rows])


def edit_a_payload(path):
    rowid, *_, state = row(path, "instr(state, 'agreed for Child B') > 0")
    sql(path, ("UPDATE stored_events SET state = ? WHERE rowid = ?",
               state.replace(b"agreed for Child B", b"refused for Child B"), rowid))


def edit_a_payload_and_rehash(path):
    edit_a_payload(path)
    relink(path)


def change_the_member(path):
    rowid, *_, state = row(path, "instr(state, '\"member\":\"chair1\"') > 0", 2)
    sql(path, ("UPDATE stored_events SET state = ? WHERE rowid = ?",
               state.replace(b'"member":"chair1"', b'"member":"bm1"'), rowid))
    relink(path)


def swap_two_payloads(path):
    a, b = row(path, "rowid > 8"), row(path, "rowid > 8", 3)
    sql(path, ("UPDATE stored_events SET state = ? WHERE rowid = ?", b[4], a[0]),
        ("UPDATE stored_events SET state = ? WHERE rowid = ?", a[4], b[0]))


def delete_a_middle_event(path):
    sql(path, ("DELETE FROM stored_events WHERE rowid = ?", row(path, "rowid > 10")[0]))


def delete_and_renumber(path):
    """A deletion with the later rows moved down, so no position is missing."""
    gone = row(path, "instr(state, 'agreed for Child B') > 0")[0]  # its case's last event
    sql(path, ("DELETE FROM stored_events WHERE rowid = ?", gone),
        ("UPDATE stored_events SET rowid = rowid - 1 WHERE rowid > ?", gone))


def delete_an_aggregates_last_event(path):
    rowid, originator_id, *_ = row(path, "instr(state, 'agreed for Child A') > 0")
    sql(path, ("DELETE FROM stored_events WHERE rowid = ?", rowid))


def insert_a_forged_event_copying_another(path):
    rowid, originator_id, version, topic, state = row(path, "instr(state, 'agreed for Child A') "
                                                            "> 0")
    forged_id = originator_id[:-1] + ("0" if originator_id[-1] != "0" else "1")
    sql(path, ("UPDATE stored_events SET rowid = rowid + 1000 WHERE rowid > ?", rowid),
        ("INSERT INTO stored_events VALUES (?, 1, ?, ?, NULL, ?, 'bm1')", forged_id, topic,
         state, event_leaf(forged_id, 1, topic, state, "bm1")),
        ("UPDATE stored_events SET rowid = rowid - 999 WHERE rowid > ? + 1000", rowid))


def change_who_keyed_it(path):
    sql(path, ("UPDATE stored_events SET keyed_by = 'chair-account' WHERE rowid = 9",))
    relink(path)


def reorder_two_rows(path):
    a, b = row(path, "rowid = 6"), row(path, "rowid = 7")
    sql(path, ("UPDATE stored_events SET rowid = -1 WHERE rowid = ?", a[0]),
        ("UPDATE stored_events SET rowid = ? WHERE rowid = ?", a[0], b[0]),
        ("UPDATE stored_events SET rowid = ? WHERE rowid = -1", b[0]))


def cut_the_tail(path):
    sql(path, ("DELETE FROM stored_events WHERE rowid > (SELECT MAX(rowid) - 3 FROM "
               "stored_events)",))


TAMPERS = [edit_a_payload, edit_a_payload_and_rehash, change_the_member, swap_two_payloads,
           delete_a_middle_event, delete_and_renumber, delete_an_aggregates_last_event,
           insert_a_forged_event_copying_another, change_who_keyed_it, reorder_two_rows,
           cut_the_tail]


@pytest.mark.parametrize("tamper", TAMPERS, ids=[t.__name__ for t in TAMPERS])
def test_every_tamper_is_detected_against_a_checkpoint_with_public_keys_only(store, tamper):
    checkpoint = signed_checkpoint(store)
    assert verify(EventLog(store), TRUST, [checkpoint]).problems == []
    tamper(store)
    report = verify(EventLog(store), TRUST, [checkpoint])
    assert report.problems, tamper.__name__
    assert report.first.position >= 0 and report.first.message


@pytest.mark.parametrize("tamper", [edit_a_payload_and_rehash, delete_and_renumber,
                                    change_who_keyed_it, cut_the_tail],
                         ids=lambda t: t.__name__)
def test_a_rehashed_edit_or_a_cut_tail_shows_only_against_a_checkpoint(store, tamper):
    checkpoint = signed_checkpoint(store)
    tamper(store)
    assert verify(EventLog(store), TRUST).problems == []  # the store's own hashes agree
    problems = verify(EventLog(store), TRUST, [checkpoint]).problems
    assert any("signed by chair-test" in p.message for p in problems)


def test_the_untouched_control_verifies_clean_with_its_checkpoint(store):
    report = verify(EventLog(store), TRUST, [signed_checkpoint(store)])
    assert report.problems == [] and report.events == report.tree.end > 20
    assert len(report.checkpoints) == 1 and report.latest.custodian == "chair-test"


def test_an_altered_checkpoint_is_reported_as_tampering(store):
    text = signed_checkpoint(store)
    size = text.splitlines()[1]
    forged = text.replace(f"\n{size}\n", f"\n{int(size) - 1}\n", 1)
    assert "altered after signing" in verify(EventLog(store), TRUST, [forged]).first.message


def test_a_checkpoint_the_attacker_signed_with_a_key_of_their_own_cannot_verify(store):
    edit_a_payload_and_rehash(store)
    own = signed_checkpoint(store, Signer.generate("chair-test"))  # the same name, another key
    with pytest.raises(InvalidInput, match="not by a custodian in the trust file"):
        verify(EventLog(store), TRUST, [own])


def test_a_checkpoint_of_another_store_cannot_verify(store, tmp_path):
    text = signed_checkpoint(store)
    sql(store, ("UPDATE lif_meta SET value = 'elsewhere' WHERE name = 'origin'",))
    with pytest.raises(InvalidInput, match="not of this store"):
        verify(EventLog(store), TRUST, [text])


def test_a_leaf_edited_in_its_row_shows_where(store):
    rowid = row(store, "1", offset=5)[0]
    sql(store, ("UPDATE stored_events SET link = ? WHERE rowid = ?", b"\0" * 32, rowid))
    first = verify(EventLog(store), TRUST).first
    assert first.position == rowid and "does not match the leaf hash in its row" in first.message


def _count(path) -> int:
    with sqlite3.connect(path, timeout=10) as db:
        return db.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]


WRITER = """
import sys
from datetime import date
sys.path[:0] = [{src!r}, {root!r}]
from adapters.composition import build_app
from lif_domain.criteria import AbuseOrNeglect as A, AgencyConcern as C, CaseFacts, Harm as H
app = build_app({{"LIF_STORE": {store!r}}})
facts = CaseFacts(A.SUSPECTED, H.DIED, C.YES)
print("ready", flush=True)
for i in range(100000):
    app.notify_case(f"Child K{{i}}", date(2017, 5, 1), facts, by="bm1", on=date(2017, 5, 4))
"""


@pytest.mark.parametrize("delay", [0.15, 0.4, 0.7])
def test_a_writer_killed_mid_save_leaves_a_store_that_verifies(store, delay):
    path = store
    checkpoint = signed_checkpoint(path)
    before = verify(EventLog(path), TRUST).events
    code = WRITER.format(src=str(ROOT / "src"), root=str(ROOT), store=str(path))
    writer = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    assert writer.stdout.readline().strip() == b"ready"
    deadline = time.monotonic() + 30
    while _count(path) <= before and time.monotonic() < deadline:  # it has begun writing
        time.sleep(0.01)
    time.sleep(delay)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    report = verify(EventLog(path), TRUST, [checkpoint])
    assert report.problems == [] and report.checkpoints
    assert report.events == report.tree.end > before


CONCURRENT_WRITER = """
import sys
from datetime import date
sys.path[:0] = [{src!r}, {root!r}]
from adapters.composition import build_app
from lif_domain.criteria import AbuseOrNeglect as A, AgencyConcern as C, CaseFacts, Harm as H
from lif_domain.errors import StoreError
app = build_app({{"LIF_STORE": {store!r}, "LIF_LOCK_TIMEOUT": "30"}})
facts = CaseFacts(A.SUSPECTED, H.DIED, C.YES)
for i in range(40):
    app.notify_case(f"Child {name}{{i}}", date(2017, 5, 1), facts, by="bm1", on=date(2017, 5, 4))
"""


def test_concurrent_writers_leave_one_tree_in_commit_order(store):
    path = store
    checkpoint = signed_checkpoint(path)
    before = verify(EventLog(path), TRUST).events
    writers = [subprocess.Popen([sys.executable, "-c", CONCURRENT_WRITER.format(
        src=str(ROOT / "src"), root=str(ROOT), store=str(path), name=name)])
        for name in ("W", "X", "Y", "Z")]
    assert [w.wait(timeout=120) for w in writers] == [0, 0, 0, 0]
    report = verify(EventLog(path), TRUST, [checkpoint])
    assert report.problems == [] and report.events == before + 160


def test_a_damaged_database_file_never_verifies_as_intact(store):
    path = store
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything into the main file
        page = db.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    for start in range(page, len(data), page):  # scribble over every page but the header
        data[start + page - 300:start + page - 100] = b"\xff" * 200  # where rows are kept
    path.write_bytes(bytes(data))
    try:
        report = verify(EventLog(path), TRUST)
    except InvalidInput as e:  # unreadable: cannot verify, which is not "intact" either
        assert "cannot be read" in str(e)
    else:
        assert report.problems


@pytest.mark.parametrize("named", ["../attacker/0badc0de", "/tmp/0badc0de", "0badc0de", ""])
def test_a_key_id_edited_into_a_row_is_reported_and_no_key_is_looked_up(store, named):
    rowid = row(store, "1", offset=5)[0]
    sql(store, ("UPDATE stored_events SET key_id = ? WHERE rowid = ?", named, rowid))
    first = verify(EventLog(store), TRUST).first
    assert first.position == rowid and "HMAC link after events with leaf hashes" in first.message
