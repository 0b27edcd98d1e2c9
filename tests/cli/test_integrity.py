"""lif key, trust, checkpoint, witness and verify from the CLI (ADR 0025): exit 0 intact, 5
tampered, 4 cannot verify; checked against the checkpoint log with public keys only."""

import os
from pathlib import Path

import pytest

from adapters.trust import default_trust_file
from tests.cli.conftest import notify
from tests.tampering import cut_tail, edit_state, execute, last_position, meta, rehash


def tamper(run):
    """The last event's member changed, its leaf hash left as it was."""
    edit_state(run, '"member":"bm1"', '"member":"chair1"', last_position(run))


def checkpoint_log() -> list[Path]:
    return list((Path(os.environ["HOME"]) / ".config" / "lif" / "checkpoints").glob("*.txt"))


def test_a_custodian_signs_a_checkpoint_kept_in_the_log_and_verify_checks_it(board, tmp_path):
    notify(board)
    out = tmp_path / "minutes.checkpoint"
    text = board("checkpoint", "--out", str(out)).output
    assert text.startswith("lif-store/") and "\u2014 chair-test " in text
    assert out.read_text() == text and oct(out.stat().st_mode)[-3:] == "600"
    [log] = checkpoint_log()
    assert log.read_text().count("\u2014 chair-test ") == 1
    result = board("verify")
    assert "intact" in result.output and "the trusted checkpoint of 16 events" in result.output


def test_a_key_that_is_not_a_trusted_custodians_signs_nothing(board, tmp_path):
    key = tmp_path / "intruder.key"
    board("key", "create", "intruder", "--role", "custodian", "--out", str(key))
    out = board("checkpoint", "--key", str(key), expect=1).output
    assert "is not a custodian's in the trust file" in out and checkpoint_log() == []


def test_a_tampered_store_exits_5_and_refuses_a_checkpoint(board):
    notify(board)
    tamper(board)
    result = board("verify", expect=5)
    assert "TAMPERED: 1 problem(s); the first at position" in result.output
    assert "does not verify" in board("checkpoint", expect=5).output


def test_a_rehashed_edit_and_a_cut_tail_show_against_the_kept_checkpoint(board):
    notify(board)
    board("checkpoint")
    tamper(board)
    rehash(board)
    assert "the first 16 events differ from the checkpoint" in board("verify", expect=5).output
    cut_tail(board)
    assert "the log was cut" in board("verify", expect=5).output


def test_verify_needs_public_keys_only(board, tmp_path, custodian):
    notify(board)
    board("checkpoint")
    Path(os.environ["LIF_CUSTODIAN_KEY"]).unlink()  # no private key anywhere now
    result = board("verify", env={"LIF_KEY_DIR": str(tmp_path / "no-keys")})
    assert "intact" in result.output and "signed by chair-test" in result.output


def test_a_checkpoint_no_trusted_custodian_signed_cannot_verify(board, tmp_path):
    notify(board)
    board("checkpoint")
    trust = default_trust_file(os.environ)
    trust.write_text("# nobody\n")
    result = board("verify", expect=4)
    assert result.output.startswith("Cannot verify:") and "not by a custodian" in result.output
    result = board("verify", "--checkpoint", str(tmp_path / "missing.txt"), expect=4)
    assert "cannot read the checkpoint" in result.output


def test_a_witness_cosigns_a_checkpoint_that_the_store_extends(board, tmp_path):
    notify(board)
    checkpoint = tmp_path / "cp.txt"
    board("checkpoint", "--out", str(checkpoint))
    key = tmp_path / "dpo.key"
    public = board("key", "create", "dpo", "--role", "witness", "--out", str(key)).output
    line = next(x for x in public.splitlines() if x.startswith("Wrote the public key to "))
    assert (tmp_path / "dpo.key.pub").read_text().strip() == line.split(": ")[1]
    board("trust", "add", "witness", line.split(": ")[1])  # the text, or the .pub file
    assert "witness   dpo" in board("trust", "show").output
    cosigned = board("witness", "cosign", str(checkpoint), "--key", str(key)).output
    assert cosigned.count("\u2014 ") == 2
    assert "cosigned by dpo" in board("verify").output


def test_a_key_file_is_never_overwritten(board, tmp_path):
    key = tmp_path / "chair.key"
    key.write_text("kept\n")
    out = board("key", "create", "x", "--role", "custodian", "--out", str(key), expect=1).output
    assert "a key is never overwritten" in out and key.read_text() == "kept\n"


def test_an_edit_before_the_mark_is_caught_by_the_next_full_verify(board, tmp_path):
    notify(board)
    board("checkpoint")  # leaves the mark at this checkpoint
    assert meta(board, "verified_tree")
    edit_state(board, "Test LSCB", "Best LSCB", 1)
    rehash(board)
    assert "the first 16 events differ" in board("verify", expect=5).output


def test_a_consistency_proof_shows_a_later_checkpoint_extends_an_earlier_one(board, tmp_path):
    notify(board)
    early, late, proof = (tmp_path / n for n in ("early.txt", "late.txt", "proof.txt"))
    board("checkpoint", "--out", str(early))
    notify(board, "Child J")
    board("checkpoint", "--out", str(late))
    board("proof", "consistency", str(early), str(late), "--out", str(proof))
    # Checked with no store at all, only the trust file.
    assert "extends the log of 16 events" in board("--store", str(tmp_path / "none.sqlite"),
                                                   "proof", "check", str(early), str(late),
                                                   str(proof)).output
    lines = proof.read_text().splitlines()
    lines[3] = "A" * 43 + "="
    proof.write_text("\n".join(lines) + "\n")
    out = board("proof", "check", str(early), str(late), str(proof), expect=5).output
    assert "history was rewritten between them" in out


def test_no_proof_is_drawn_from_a_store_that_no_longer_matches_the_checkpoint(board, tmp_path):
    notify(board)
    early = tmp_path / "early.txt"
    board("checkpoint", "--out", str(early))
    tamper(board)
    rehash(board)
    out = board("proof", "consistency", str(early), expect=5).output
    assert "does not match the checkpoint" in out


def test_an_index_edited_to_hide_a_case_shows_with_read_models(board):
    notify(board)
    notify(board, "Child J")
    assert "the record directory matches the log" in board("verify", "--read-models").output
    from adapters.read_store_sql import check

    # The index edited, its own check made right (its values are in lif_meta on SQLite, in a
    # table of their own on PostgreSQL).
    values = "lif_read_model" if board.database == "postgres" else "lif_meta"
    execute(board, "DELETE FROM lif_records WHERE ref = 'Child J'")
    [(position,)] = execute(board, f"SELECT value FROM {values} WHERE name = "
                                   "'read_model_position'")
    execute(board, f"UPDATE {values} SET value = %s WHERE name = 'read_model_check'",
            (check(int(position)),))
    assert "Child J" not in board("case", "list").output  # hidden from the views
    assert "intact" in board("verify").output  # the log itself is untouched
    out = board("verify", "--read-models", expect=5).output
    assert "the record directory's case Child J is missing" in out
