"""Tampering with a real store by direct SQL (a SQLite file, or a PostgreSQL schema as its
owner) shows in `verify` against a checkpoint a custodian signed, checked with public keys
only; an untouched store verifies clean, and so does a SQLite store whose writer was killed
mid-save (ADR 0025, ADR 0036). The crashes, locks and damaged pages below are the SQLite
file's own (`sqlite_only`); PostgreSQL's are tested in test_postgres_concurrency."""

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
from adapters.composition import Lif as Composition
from adapters.composition import build_app
from adapters.signed_note import Signer
from adapters.trust import Trust
from adapters.verify import verify
from lif_domain.case import ReviewChoice as R
from lif_domain.criteria import AbuseOrNeglect as A, AgencyConcern as C, CaseFacts, Harm as H
from lif_domain.errors import InvalidInput
from tests.cli.conftest import run as run  # noqa: F401  (the fixture: both stores)
from tests.conftest import founded
from tests.tampering import transaction

ROOT = Path(__file__).resolve().parents[2]
CHAIR = Signer.generate("chair-test")
TRUST = Trust(Path("trust"), custodians=[CHAIR.verifier])  # public keys only


class Store:
    """A store under attack, in its own dialect: `{pos}` in a statement is the position's
    column (SQLite's rowid, PostgreSQL's notification_id), `%s` a parameter."""

    def __init__(self, run):
        self.run, self.postgres = run, run.database == "postgres"
        self.pos = "notification_id" if self.postgres else "rowid"
        # the record's id as the leaf hashes it: 32 hex digits
        self.oid = "replace(originator_id::text, '-', '')" if self.postgres else "originator_id"

    def log(self):
        return Composition(self.run.env, store=str(self.run.store)).log

    def sql(self, *statements) -> None:
        """The statements in one transaction."""
        transaction(self.run, *((text.format(pos=self.pos), *args)
                                for text, *args in statements))

    def holding(self, text: str) -> str:
        """A WHERE clause: the event's stored bytes hold `text`."""
        if self.postgres:
            return f"position(convert_to('{text}', 'UTF8') in state) > 0"
        return f"instr(state, '{text}') > 0"

    def row(self, where: str, offset: int = 0) -> tuple:
        """(position, record id, version, topic, state) of the first row `where` after
        `offset` of them, in position order."""
        rows = transaction(self.run, (f"SELECT {self.pos}, {self.oid}, originator_version, "
                                      f"topic, state FROM stored_events WHERE "
                                      f"{where.format(pos=self.pos)} ORDER BY {self.pos} "
                                      "LIMIT 1 OFFSET %s", offset))
        return rows[0]


@pytest.fixture
def store(run):
    app = founded(build_app({**run.env, "LIF_STORE": str(run.store)}, creating=True,
                            today=lambda: date(2026, 11, 25)))
    for i in range(4):
        ref = f"Child {chr(65 + i)}"
        app.notify_case(ref, date(2017, 5, 1), CaseFacts(A.SUSPECTED, H.DIED, C.YES),
                        by="bm1", on=date(2017, 5, 4))
        app.recommend(ref, R.SCR, "criteria met", by="panel1", on=date(2017, 5, 10))
        app.decide(ref, R.SCR, f"agreed for {ref}", by="chair1", on=date(2017, 5, 12))
    app.close()
    return Store(run)


def signed_checkpoint(store, signer=CHAIR) -> str:
    log = store.log()
    report = verify(log, TRUST)
    return checkpoints.make(log.meta()["origin"], report.tree.end, report.head, signer)


def relink(store):
    """What an attacker who knows the (public) leaf hash does after an edit: every row's
    stored leaf hash made right again, so only a checkpoint can tell."""
    rows = transaction(store.run, (f"SELECT {store.pos}, {store.oid}, originator_version, "
                                   "topic, state, keyed_by FROM stored_events",))
    store.sql(*(("UPDATE stored_events SET link = %s WHERE {pos} = %s",
                 event_leaf(oid, v, t, s, by), r) for r, oid, v, t, s, by in rows))


def edit_a_payload(store):
    position, *_, state = store.row(store.holding("agreed for Child B"))
    store.sql(("UPDATE stored_events SET state = %s WHERE {pos} = %s",
               state.replace(b"agreed for Child B", b"refused for Child B"), position))


def edit_a_payload_and_rehash(store):
    edit_a_payload(store)
    relink(store)


def change_the_member(store):
    position, *_, state = store.row(store.holding('"member":"chair1"'), 2)
    store.sql(("UPDATE stored_events SET state = %s WHERE {pos} = %s",
               state.replace(b'"member":"chair1"', b'"member":"bm1"'), position))
    relink(store)


def swap_two_payloads(store):
    a, b = store.row("{pos} > 8"), store.row("{pos} > 8", 3)
    store.sql(("UPDATE stored_events SET state = %s WHERE {pos} = %s", b[4], a[0]),
              ("UPDATE stored_events SET state = %s WHERE {pos} = %s", a[4], b[0]))


def delete_a_middle_event(store):
    store.sql(("DELETE FROM stored_events WHERE {pos} = %s", store.row("{pos} > 10")[0]))


def delete_and_renumber(store):
    """A deletion with the later rows moved down, so no position is missing (by way of
    positions out of the way, as a unique index checks each row as it moves)."""
    gone = store.row(store.holding("agreed for Child B"))[0]  # its case's last event
    store.sql(("DELETE FROM stored_events WHERE {pos} = %s", gone),
              ("UPDATE stored_events SET {pos} = {pos} + 100000 WHERE {pos} > %s", gone),
              ("UPDATE stored_events SET {pos} = {pos} - 100001 WHERE {pos} > 100000",))


def delete_an_aggregates_last_event(store):
    position, *_ = store.row(store.holding("agreed for Child A"))
    store.sql(("DELETE FROM stored_events WHERE {pos} = %s", position))


def insert_a_forged_event_copying_another(store):
    position, originator_id, version, topic, state = store.row(
        store.holding("agreed for Child A"))
    forged_id = originator_id[:-1] + ("0" if originator_id[-1] != "0" else "1")
    store.sql(("UPDATE stored_events SET {pos} = {pos} + 100000 WHERE {pos} > %s", position),
              ("INSERT INTO stored_events ({pos}, originator_id, originator_version, topic, "
               "state, link, keyed_by) VALUES (%s, %s, 1, %s, %s, %s, 'bm1')", position + 1,
               forged_id, topic, state, event_leaf(forged_id, 1, topic, state, "bm1")),
              ("UPDATE stored_events SET {pos} = {pos} - 99999 WHERE {pos} > 100000",))


def change_who_keyed_it(store):
    store.sql(("UPDATE stored_events SET keyed_by = 'chair-account' WHERE {pos} = 9",))
    relink(store)


def reorder_two_rows(store):
    a, b = store.row("{pos} = 6"), store.row("{pos} = 7")
    store.sql(("UPDATE stored_events SET {pos} = -1 WHERE {pos} = %s", a[0]),
              ("UPDATE stored_events SET {pos} = %s WHERE {pos} = %s", a[0], b[0]),
              ("UPDATE stored_events SET {pos} = %s WHERE {pos} = -1", b[0]))


def cut_the_tail(store):
    store.sql(("DELETE FROM stored_events WHERE {pos} > (SELECT MAX({pos}) - 3 FROM "
               "stored_events)",))


TAMPERS = [edit_a_payload, edit_a_payload_and_rehash, change_the_member, swap_two_payloads,
           delete_a_middle_event, delete_and_renumber, delete_an_aggregates_last_event,
           insert_a_forged_event_copying_another, change_who_keyed_it, reorder_two_rows,
           cut_the_tail]


@pytest.mark.parametrize("tamper", TAMPERS, ids=[t.__name__ for t in TAMPERS])
def test_every_tamper_is_detected_against_a_checkpoint_with_public_keys_only(store, tamper):
    checkpoint = signed_checkpoint(store)
    assert verify(store.log(), TRUST, [checkpoint]).problems == []
    tamper(store)
    report = verify(store.log(), TRUST, [checkpoint])
    assert report.problems, tamper.__name__
    assert report.first.position >= 0 and report.first.message


@pytest.mark.parametrize("tamper", [edit_a_payload_and_rehash, delete_and_renumber,
                                    change_who_keyed_it, cut_the_tail],
                         ids=lambda t: t.__name__)
def test_a_rehashed_edit_or_a_cut_tail_shows_only_against_a_checkpoint(store, tamper):
    checkpoint = signed_checkpoint(store)
    tamper(store)
    assert verify(store.log(), TRUST).problems == []  # the store's own hashes agree
    problems = verify(store.log(), TRUST, [checkpoint]).problems
    assert any("signed by chair-test" in p.message for p in problems)


def test_the_untouched_control_verifies_clean_with_its_checkpoint(store):
    report = verify(store.log(), TRUST, [signed_checkpoint(store)])
    assert report.problems == [] and report.events == report.tree.end > 20
    assert len(report.checkpoints) == 1 and report.latest.custodian == "chair-test"


def test_an_altered_checkpoint_is_reported_as_tampering(store):
    text = signed_checkpoint(store)
    size = text.splitlines()[1]
    forged = text.replace(f"\n{size}\n", f"\n{int(size) - 1}\n", 1)
    assert "altered after signing" in verify(store.log(), TRUST, [forged]).first.message


def test_a_checkpoint_the_attacker_signed_with_a_key_of_their_own_cannot_verify(store):
    edit_a_payload_and_rehash(store)
    own = signed_checkpoint(store, Signer.generate("chair-test"))  # the same name, another key
    with pytest.raises(InvalidInput, match="not by a custodian in the trust file"):
        verify(store.log(), TRUST, [own])


def test_a_checkpoint_of_another_store_cannot_verify(store):
    text = signed_checkpoint(store)
    store.sql(("UPDATE lif_meta SET value = 'elsewhere' WHERE name = 'origin'",))
    with pytest.raises(InvalidInput, match="not of this store"):
        verify(store.log(), TRUST, [text])


def test_a_leaf_edited_in_its_row_shows_where(store):
    position = store.row("1 = 1", offset=5)[0]
    store.sql(("UPDATE stored_events SET link = %s WHERE {pos} = %s", b"\0" * 32, position))
    first = verify(store.log(), TRUST).first
    assert first.position == position
    assert "does not match the leaf hash in its row" in first.message


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


@pytest.mark.sqlite_only
@pytest.mark.parametrize("delay", [0.15, 0.4, 0.7])
def test_a_writer_killed_mid_save_leaves_a_store_that_verifies(store, delay):
    path = store.run.store
    checkpoint = signed_checkpoint(store)
    before = verify(store.log(), TRUST).events
    code = WRITER.format(src=str(ROOT / "src"), root=str(ROOT), store=str(path))
    writer = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    assert writer.stdout.readline().strip() == b"ready"
    deadline = time.monotonic() + 30
    while _count(path) <= before and time.monotonic() < deadline:  # it has begun writing
        time.sleep(0.01)
    time.sleep(delay)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    report = verify(store.log(), TRUST, [checkpoint])
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


@pytest.mark.sqlite_only
def test_concurrent_writers_leave_one_tree_in_commit_order(store):
    path = store.run.store
    checkpoint = signed_checkpoint(store)
    before = verify(store.log(), TRUST).events
    writers = [subprocess.Popen([sys.executable, "-c", CONCURRENT_WRITER.format(
        src=str(ROOT / "src"), root=str(ROOT), store=str(path), name=name)])
        for name in ("W", "X", "Y", "Z")]
    assert [w.wait(timeout=120) for w in writers] == [0, 0, 0, 0]
    report = verify(store.log(), TRUST, [checkpoint])
    assert report.problems == [] and report.events == before + 160


@pytest.mark.sqlite_only
def test_a_damaged_database_file_never_verifies_as_intact(store):
    path = store.run.store
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything into the main file
        page = db.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    for start in range(page, len(data), page):  # scribble over every page but the header
        data[start + page - 300:start + page - 100] = b"\xff" * 200  # where rows are kept
    path.write_bytes(bytes(data))
    try:
        report = verify(store.log(), TRUST)
    except InvalidInput as e:  # unreadable: cannot verify, which is not "intact" either
        assert "cannot be read" in str(e)
    else:
        assert report.problems


@pytest.mark.parametrize("named", ["../attacker/0badc0de", "/tmp/0badc0de", "0badc0de", ""])
def test_a_key_id_edited_into_a_row_is_reported_and_no_key_is_looked_up(store, named):
    position = store.row("1 = 1", offset=5)[0]
    store.sql(("UPDATE stored_events SET key_id = %s WHERE {pos} = %s", named, position))
    first = verify(store.log(), TRUST).first
    assert first.position == position and "HMAC link after events with leaf hashes" in first.message
