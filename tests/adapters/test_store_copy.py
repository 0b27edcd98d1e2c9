"""Moving a board (issue 15, item 4): `lif store copy` copies a SQLite store to PostgreSQL and
back, verified on both sides against the same signed checkpoint; who keyed each event and its
leaf hash come along; a target that is not empty, or a source that does not verify, is refused
with nothing copied; the copy goes on being written."""

import psycopg
import pytest
from click.testing import CliRunner

from cli.main import lif
from tests.cli.conftest import custodian  # noqa: F401 (a fixture: a trusted custodian's key)
from tests.postgres import SERVER, count_events, postgres_store
from tests.tampering import edit_state


@pytest.fixture
def board(tmp_path, custodian):
    env = {"LIF_STORE": str(tmp_path / "board.sqlite")}

    def run(*args, expect=0, extra=None):
        result = CliRunner().invoke(lif, list(args), env={**env, **(extra or {})})
        assert result.exit_code == expect, (args, result.output)
        return result.output

    run("init", "--board", "Test LSCB", "--chair", "chair1", "--chair-org", "Independent",
        "--manager", "bm1", "--manager-org", "Council", "--on", "2017-04-03")
    run("case", "notify", "Child H", "--aware-on", "2017-05-01", "--abuse", "suspected",
        "--harm", "died", "--agency-concern", "yes", "--as", "bm1", "--on", "2017-05-04")
    run("checkpoint")
    run.env, run.store, run.database = env, tmp_path / "board.sqlite", "sqlite"
    return run


def test_a_board_moves_to_postgresql_and_back_and_verifies_on_each_side(board, tmp_path):
    with postgres_store() as pg:
        said = board("store", "copy", "--to", SERVER, "--schema", pg["LIF_POSTGRES_SCHEMA"])
        assert "Copied 8 events" in said and "it verifies as this store does" in said
        verified = board("verify", extra=pg)
        assert "intact" in verified and "extends the trusted checkpoint of 8 events" in verified
        history = board("history", "Child H", extra=pg)
        assert f"by account {os_account()}]" in history  # who keyed it came along
        board("case", "notify", "Child J", "--aware-on", "2017-06-01", "--abuse", "suspected",
              "--harm", "died", "--agency-concern", "yes", "--as", "bm1", "--on",
              "2017-06-02", extra=pg)  # the copy goes on: its positions after the copied ones
        assert "intact" in board("verify", extra=pg)
        back = tmp_path / "back.sqlite"
        said = board("store", "copy", "--to", str(back), extra=pg)
        assert "Copied 9 events" in said
        assert "intact" in board("verify", extra={"LIF_STORE": str(back)})
        assert "Child J" in board("case", "list", extra={"LIF_STORE": str(back)})


def test_a_target_that_is_not_empty_is_refused(board, tmp_path):
    with postgres_store() as pg:
        board("store", "copy", "--to", SERVER, "--schema", pg["LIF_POSTGRES_SCHEMA"])
        out = board("store", "copy", "--to", SERVER, "--schema", pg["LIF_POSTGRES_SCHEMA"],
                    expect=1)
        assert "already has events" in out
    out = board("store", "copy", "--to", str(board.store), expect=1)
    assert "already exists" in out


def test_a_source_that_does_not_verify_is_not_copied(board):
    edit_state(board, "Child H", "Child X")
    with postgres_store() as pg:
        out = board("store", "copy", "--to", SERVER, "--schema", pg["LIF_POSTGRES_SCHEMA"],
                    expect=5)
        assert "nothing was copied" in out
        with pytest.raises(psycopg.errors.UndefinedTable):  # no table was even made
            count_events(pg)


def os_account():
    from adapters.composition import os_account

    return os_account()
