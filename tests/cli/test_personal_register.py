"""Personal data a board must hold (a child's real name, a contact) lives in a register outside
the log, sealed with a key of its own; erasing destroys the key, the log still verifies, and
every view says when and by whom (issue 12, rule X3). Real files, on both stores: the sealed
bytes are in the SQLite file or in the PostgreSQL schema (ADR 0039)."""

import json
import os
from pathlib import Path

from tests.cli.conftest import notify
from tests.tampering import execute

NAME = "Jayden Smith"


def key_files() -> list[Path]:
    return list((Path(os.environ["HOME"]) / ".config" / "lif" / "personal").glob("*/*.key"))


def everything_stored(run) -> bytes:
    """Every byte the store holds: the SQLite file and its companions, or the PostgreSQL
    schema's events and sealed items."""
    if run.database == "sqlite":
        return b"".join(p.read_bytes() for p in run.store.parent.glob("lif.sqlite*"))
    rows = execute(run, "SELECT state FROM stored_events") + execute(
        run, "SELECT nonce || sealed FROM lif_personal")
    return b"".join(bytes(row[0]) for row in rows)


def test_a_name_is_held_sealed_outside_the_log_and_revealed_to_the_register(board):
    notify(board)
    board("case", "hold", "Child H", "--what", "name", "--text", NAME, "--as", "bm1",
          "--on", "2017-05-05")
    assert f"Child H's name: {NAME}" in board("case", "reveal", "Child H").output
    assert execute(board, "SELECT COUNT(*) FROM lif_personal") == [(1,)]
    assert NAME.encode() not in everything_stored(board)  # in neither the log nor the register
    if board.database == "postgres":
        assert not board.store.exists()  # no SQLite file beside it
    [key] = key_files()
    assert oct(key.stat().st_mode & 0o777) == "0o600"
    assert "name held on 2017-05-05 by bm1 (lif case reveal)" in board("case", "show",
                                                                       "Child H").output


def test_erasing_destroys_the_key_and_every_view_says_when_and_by_whom(board):
    notify(board)
    board("case", "hold", "Child H", "--text", NAME, "--as", "bm1", "--on", "2017-05-05")
    backup = everything_stored(board)  # a copy taken before the erasure keeps sealed bytes
    board("case", "erase", "Child H", "--reason", "retention period ended", "--as", "chair1",
          "--on", "2018-05-05")
    assert key_files() == []
    out = board("case", "reveal", "Child H").output
    assert "Child H's name: erased on 2018-05-05 by chair1" in out
    data = json.loads(board("case", "reveal", "Child H", "--json").output)
    assert data["state"] == "erased" and data["text"] is None
    assert "erased the case's name from the register: retention period ended" in board(
        "history", "Child H").output
    assert "intact" in board("verify").output
    assert NAME.encode() not in backup
    assert execute(board, "SELECT COUNT(*) FROM lif_personal") == [(0,)]


def test_holding_is_refused_for_the_wrong_role_and_erased_data_is_not_held_again(board):
    notify(board)
    before = board.count()
    out = board("case", "hold", "Child H", "--text", NAME, "--as", "panel1", "--on",
                "2017-05-05", expect=1).output
    assert "may not hold a case's personal data" in out and key_files() == []
    assert board.count() == before
    board("case", "hold", "Child H", "--text", NAME, "--as", "bm1", "--on", "2017-05-05")
    board("case", "erase", "Child H", "--reason", "asked", "--as", "bm1", "--on", "2017-06-05")
    out = board("case", "hold", "Child H", "--text", NAME, "--as", "bm1", "--on", "2017-06-06",
                expect=1).output
    assert "erased data is not held again" in out
    assert "erase" in board("case", "erase", "Child H", "--reason", "again", "--as", "bm1",
                            "--on", "2017-06-07", expect=1).output


def test_an_erasure_a_crash_left_half_done_is_finished_by_running_it_again(board, monkeypatch):
    from adapters.personal_register import Register

    notify(board)
    board("case", "hold", "Child H", "--text", NAME, "--as", "bm1", "--on", "2017-05-05")
    with monkeypatch.context() as crashed:
        crashed.setattr(Register, "erase", lambda self, record, what: None)
        board("case", "erase", "Child H", "--reason", "asked", "--as", "bm1", "--on",
              "2017-06-05")
    assert len(key_files()) == 1
    before = board.count()
    board("case", "erase", "Child H", "--reason", "asked", "--as", "bm1", "--on", "2017-06-05")
    assert key_files() == [] and board.count() == before
