"""lif checkpoint and lif verify from the CLI: exit 0 intact, 1 tampered, 2 cannot verify."""

import sqlite3

from tests.cli.conftest import notify


def tamper(store):
    with sqlite3.connect(store) as db:
        db.execute("UPDATE stored_events SET state = CAST(REPLACE(CAST(state AS TEXT), "
                   "'\"member\":\"bm1\"', '\"member\":\"chair1\"') AS BLOB) WHERE rowid = "
                   "(SELECT MAX(rowid) FROM stored_events)")


def test_a_checkpoint_then_verify_against_it(board, tmp_path):
    notify(board)
    out = tmp_path / "minutes-checkpoint.txt"
    text = board("checkpoint", "--out", str(out)).output
    assert text.startswith("LIF checkpoint v1") and out.read_text() == text
    result = board("verify", "--checkpoint", str(out))
    assert "intact, versions contiguous; checkpoints match" in result.output


def test_a_tampered_store_fails_verification_and_refuses_a_checkpoint(board, tmp_path):
    notify(board)
    tamper(board.store)
    result = board("verify", expect=1)
    assert result.output.startswith("Error: TAMPERED: 1 problem(s); the first at position")
    assert "does not verify" in board("checkpoint", expect=1).output


def test_verify_without_the_keys_or_the_checkpoint_cannot_verify(board, tmp_path):
    notify(board)
    result = board("verify", expect=2, env={"LIF_KEY_DIR": str(tmp_path / "elsewhere")})
    assert "Cannot verify: key" in result.output and "LIF_KEY_DIR" in result.output
    result = board("verify", "--checkpoint", str(tmp_path / "missing.txt"), expect=2)
    assert "cannot read the checkpoint" in result.output


def test_writing_without_the_chain_key_is_refused_and_writes_nothing(board, tmp_path):
    before = board.count()
    result = board("member", "appoint", "x", "--role", "agency_lead", "--org", "o", "--as",
                   "bm1", expect=1, env={"LIF_KEY_DIR": str(tmp_path / "elsewhere")})
    assert "is not in" in result.output and board.count() == before


def test_after_a_key_rotation_old_and_new_links_verify_with_both_keys(board, key_folder):
    notify(board)
    before = set(key_folder.iterdir())
    board("rotate-key")
    new_files = set(key_folder.iterdir()) - before
    assert len(new_files) == 3
    board("case", "recommend", "Child H", "--recommendation", "scr", "--rationale", "x",
          "--as", "panel1", "--on", "2017-05-10")
    with sqlite3.connect(board.store) as db:
        key_ids = [r[0] for r in db.execute("SELECT DISTINCT key_id FROM stored_events")]
    assert len(key_ids) == 2
    assert "intact" in board("verify").output
    old = next(iter(before)).name.split(".")[0]
    for f in key_folder.glob(f"{old}.*"):
        f.unlink()
    assert "Cannot verify" in board("verify", expect=2).output


def signed_head(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.split(" ")[0] in ("size", "head")]


def test_a_checkpoint_after_a_full_verify_signs_the_head_a_full_walk_signs(board, tmp_path):
    notify(board)
    board("verify")  # leaves its mark
    notify(board, "Child J")
    with sqlite3.connect(board.store) as db:
        mark = db.execute("SELECT value FROM lif_meta WHERE name = 'last_verified'").fetchone()
        text = board("checkpoint").output
        db.execute("DELETE FROM lif_meta WHERE name = 'last_verified'")
        db.commit()
        assert signed_head(text) == signed_head(board("checkpoint").output)
        assert mark is not None


def test_an_edit_before_the_mark_is_caught_against_a_checkpoint_signed_from_it(board,
                                                                               tmp_path):
    notify(board)
    board("verify")
    with sqlite3.connect(board.store) as db:  # an edit that keeps its old link
        db.execute("UPDATE stored_events SET state = CAST(REPLACE(CAST(state AS TEXT), "
                   "'Test LSCB', 'Best LSCB') AS BLOB) WHERE rowid = 1")
    out = tmp_path / "checkpoint.txt"
    board("checkpoint", "--out", str(out))  # from the mark: the edit is before it
    result = board("verify", "--checkpoint", str(out), expect=1)
    assert "the first at position 1" in result.output
