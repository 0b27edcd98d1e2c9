"""Exit codes that mean one thing each (issue 12; README, `lif --help`): 1 refused, 2 bad usage,
3 busy (retry), 4 the store is damaged or cannot be read, 5 tampering, 70 a fault in LIF;
always one line, never a traceback."""

import sqlite3

import pytest

from tests.cli.conftest import notify


def one_line(result) -> str:
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    return result.output


def test_a_refusal_is_1_and_bad_usage_is_2(board):
    one_line(board("case", "decide", "Child Q", "--decision", "scr", "--rationale", "x",
                   "--as", "chair1", "--on", "2017-05-10", expect=1))
    assert "is not a date" in board("due", "--as-of", "soon", expect=2).output


@pytest.mark.sqlite_only  # the SQLite file itself
@pytest.mark.parametrize("command", [["case", "list"], ["history", "Child H"], ["due"],
                                     ["export", "events"], ["verify"]])
def test_a_damaged_store_is_4_in_one_line(board, command):
    notify(board)
    with sqlite3.connect(board.store) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = db.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(board.store.read_bytes())
    for start in range(page, len(data), page):  # every page but the first scribbled over
        data[start:start + page] = b"\xa5" * page
    board.store.write_bytes(bytes(data))
    out = one_line(board(*command, expect=4))
    assert "damaged or cannot be read" in out or "cannot be read as a LIF store" in out \
        or "Cannot verify" in out


def test_a_fault_in_lif_is_70_in_one_line(board, monkeypatch):
    from lif_domain.application import LifApplication

    def broken(self, *args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(LifApplication, "clocks", broken)
    out = one_line(board("due", expect=70))
    assert "a fault in LIF" in out and "report it" in out


def test_the_exit_codes_are_in_lif_help(run):
    text = run("--help").output
    for code in ("1 refused", "2 bad usage", "3 busy", "4 the store is damaged",
                 "5 tampering", "70 a fault"):
        assert code in text
