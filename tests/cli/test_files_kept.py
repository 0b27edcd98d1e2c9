"""A file is never destroyed unasked (issue 12): lif checkpoint --out, lif export events --out
and lif action export refuse an existing file in one line and leave it as it was; --force
replaces it, but never the store itself. A folder that does not exist is refused too."""

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
