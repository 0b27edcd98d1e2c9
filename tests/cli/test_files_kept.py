"""A file is never destroyed unasked (issue 12): lif checkpoint --out, lif export events --out
and lif action export refuse an existing file in one line and leave it as it was; --force
replaces it, but never the store itself. A folder that does not exist is refused too."""

from pathlib import Path

import pytest

COMMANDS = {
    "checkpoint": lambda path: ["checkpoint", "--out", str(path)],
    "export events": lambda path: ["export", "events", "--out", str(path)],
    "action export": lambda path: ["action", "export", str(path)],
}


@pytest.mark.parametrize("name", COMMANDS)
def test_an_existing_file_is_refused_and_kept(board, tmp_path, name):
    path = tmp_path / "kept.csv"
    path.write_text("the board's own notes\n")
    out = board(*COMMANDS[name](path), expect=1).output
    assert "already exists: give another name, or --force to replace it" in out
    assert len(out.strip().splitlines()) == 1
    assert path.read_text() == "the board's own notes\n"
    board(*COMMANDS[name](path), "--force")
    assert path.read_text() != "the board's own notes\n"


@pytest.mark.sqlite_only  # the SQLite file itself
@pytest.mark.parametrize("name", COMMANDS)
def test_the_store_is_never_written_over_even_with_force(board, name):
    before = board.store.read_bytes()
    out = board(*COMMANDS[name](board.store), "--force", expect=1).output
    assert "is the store itself" in out
    assert board.store.read_bytes() == before
    assert "intact" in board("verify").output


@pytest.mark.parametrize("name", COMMANDS)
def test_a_folder_that_does_not_exist_is_refused_in_one_line(board, tmp_path, name):
    out = board(*COMMANDS[name](tmp_path / "missing" / "out.csv"), expect=1).output
    assert "missing does not exist: create it first" in out
    assert len(out.strip().splitlines()) == 1 and not (tmp_path / "missing").exists()


@pytest.mark.parametrize("command", [["evidence", "Child H"],
                                     ["report", "annual", "--year", "2017/18"]])
def test_a_folder_of_earlier_files_is_kept_unless_forced(board, tmp_path, command):
    from tests.cli.conftest import notify

    notify(board)
    folder = tmp_path / "out"
    board(*command, "--out", str(folder))
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    out = board(*command, "--out", str(folder), expect=1).output
    assert "already exists: write to another folder, or --force" in out
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    board(*command, "--out", str(folder), "--force")


@pytest.mark.parametrize("kept", ["store companion", "key", "trust file", "checkpoint log"])
def test_lifs_own_files_are_never_written_over_even_with_force(board, tmp_path, kept, custodian):
    import os

    from adapters.trust import default_trust_file
    from tests.cli.conftest import notify

    notify(board)
    board("checkpoint")
    target = {"store companion": lambda: board.store.with_name(board.store.name + "-wal"),
              "key": lambda: Path(os.environ["LIF_CUSTODIAN_KEY"]),
              "trust file": lambda: default_trust_file(os.environ),
              "checkpoint log": lambda: next((default_trust_file(os.environ).parent
                                              / "checkpoints").glob("*.txt"))}[kept]()
    target.touch()
    before = target.read_bytes()
    out = board("export", "events", "--out", str(target), "--force", expect=1).output
    assert "never written over" in out or "a file LIF keeps" in out
    # SQLite itself removes the store's -wal file when its last connection closes: gone is
    # SQLite's doing; still there, it holds what it held
    assert target.read_bytes() == before if target.exists() else kept == "store companion"


@pytest.mark.sqlite_only  # the SQLite file itself
def test_stores_exports_reports_and_keys_are_their_owners_only(run, tmp_path):
    from tests.cli.conftest import found_board

    found_board(run)
    run("export", "events", "--out", str(tmp_path / "log.jsonl"))
    run("report", "annual", "--year", "2017/18", "--out", str(tmp_path / "report"))
    run("key", "create", "chair-x", "--role", "custodian", "--out", str(tmp_path / "c.key"))
    made = [run.store, tmp_path / "log.jsonl", *(tmp_path / "report").iterdir(),
            tmp_path / "c.key"]
    assert {oct(p.stat().st_mode & 0o777) for p in made} == {"0o600"}
    assert oct((tmp_path / "c.key.pub").stat().st_mode & 0o777) == "0o644"
