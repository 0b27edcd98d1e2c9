"""The SQLite store: real files, refused when they are not LIF stores or are locked."""

import sqlite3
from datetime import date

import pytest

from adapters.composition import build_app
from lif_domain.case import ReviewChoice as R
from lif_domain.criteria import AbuseOrNeglect as A, AgencyConcern as C, CaseFacts, Harm as H
from lif_domain.errors import InvalidInput, StoreError
from tests.conftest import founded

DEATH = CaseFacts(A.SUSPECTED, H.DIED, C.YES)


def sqlite_app(path, creating=False, **env):
    return build_app({"LIF_STORE": str(path), **env}, creating=creating,
                     today=lambda: date(2026, 11, 25))


def test_events_and_their_dates_round_trip_through_a_sqlite_file(tmp_path):
    path = tmp_path / "lif.sqlite"
    founded(sqlite_app(path, creating=True))
    app = sqlite_app(path)
    app.notify_case("Child H", date(2017, 5, 1), DEATH, by="bm1", on=date(2017, 5, 4))
    reopened = sqlite_app(path)
    case = reopened.case("Child H")
    assert case.aware_on == date(2017, 5, 1) and type(case.aware_on) is date
    assert case.facts == DEATH and case.assessment.met
    assert reopened.history(case)[0].on == date(2017, 5, 4)


def test_a_missing_store_is_refused_unless_creating(tmp_path):
    with pytest.raises(StoreError, match="no LIF store at .*lif init"):
        sqlite_app(tmp_path / "none.sqlite")


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("minutes of the May board\n")
    with pytest.raises(StoreError, match="not a LIF store"):
        sqlite_app(path)


def test_another_sqlite_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE budget (line TEXT)")
    with pytest.raises(StoreError, match="SQLite database but not a LIF store"):
        sqlite_app(path, creating=True)
    with sqlite3.connect(path) as db:
        assert [r[0] for r in db.execute("SELECT name FROM sqlite_master")] == ["budget"]


def test_a_store_locked_by_another_writer_refuses_with_nothing_saved(tmp_path):
    path = tmp_path / "lif.sqlite"
    founded(sqlite_app(path, creating=True))
    app = sqlite_app(path, LIF_LOCK_TIMEOUT="1")
    app.notify_case("Child H", date(2017, 5, 1), DEATH, by="bm1", on=date(2017, 5, 4))
    app.recommend("Child H", R.SCR, "criteria met", by="panel1", on=date(2017, 5, 10))
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="locked by another writer"):
            app.decide("Child H", R.SCR, "agree", by="chair1", on=date(2017, 5, 12))
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert sqlite_app(path).case("Child H").decision is None


def test_an_unknown_database_kind_is_refused(tmp_path):
    with pytest.raises(InvalidInput, match="LIF_DATABASE"):
        build_app({"LIF_DATABASE": "oracle"})


def test_a_store_whose_log_index_a_reader_cannot_rebuild_is_recovered_read_write(
        tmp_path, monkeypatch):
    """After a SIGKILL mid-write, SQLite sometimes refuses a read-only connection ("attempt to
    write a readonly database") until the write-ahead log's index is rebuilt; seen once in
    tests/cli/test_crashes.py. In a folder that can be written, the check recovers it with a
    read-write connection and goes on."""
    from adapters import sqlite_store

    path = tmp_path / "lif.sqlite"
    founded(sqlite_app(path, creating=True))
    real, opened = sqlite3.connect, []

    def connect(database, *args, **kwargs):  # the first open refused, as SQLite did
        opened.append(database)
        if len(opened) == 1:
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return real(database, *args, **kwargs)

    monkeypatch.setattr(sqlite_store.sqlite3, "connect", connect)
    sqlite_store.check_store_file(path, must_exist=True)
    assert opened[0].endswith("?mode=ro") and opened[-1].endswith("?mode=rw")
    # any other failure still refuses
    monkeypatch.setattr(sqlite_store.sqlite3, "connect", lambda *a, **k: (_ for _ in ()).throw(
        sqlite3.OperationalError("disk I/O error")))
    with pytest.raises(StoreError, match="cannot be read as a LIF store .disk I/O error."):
        sqlite_store.check_store_file(path, must_exist=True)
