import os
import sqlite3

import pytest
from click.testing import CliRunner

from cli.main import lif
from tests.postgres import count_events, postgres_store


class Lif:
    """Runs `lif` commands through CliRunner against one real store: a SQLite file, or (with
    `env` naming it) a PostgreSQL schema of its own (issue 15)."""

    def __init__(self, store, env: dict | None = None):
        self.store = store
        self.env = env or {}
        self.runner = CliRunner()

    @property
    def database(self) -> str:
        return self.env.get("LIF_DATABASE", "sqlite")

    def __call__(self, *args, expect=0, env=None):
        result = self.runner.invoke(lif, ["--store", str(self.store), *args],
                                    env={**self.env, **(env or {})})
        assert result.exit_code == expect, (args, result.output, result.exception)
        assert "Traceback" not in result.output
        return result

    def count(self) -> int:
        if self.database == "postgres":
            return count_events(self.env)
        with sqlite3.connect(self.store) as db:
            return db.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]


@pytest.fixture(params=["sqlite", "postgres"])
def run(request, tmp_path):
    """Every CLI test runs on both stores, unless it is marked `sqlite_only` (a test of the
    file itself: its locks, crashes, read-only media, companions)."""
    if request.param == "sqlite":
        yield Lif(tmp_path / "lif.sqlite")
        return
    with postgres_store() as env:
        yield Lif(tmp_path / "lif.sqlite", env)


def found_board(run: Lif, on: str = "2017-04-03") -> Lif:
    """A store with its chair, business manager, panel member, reviewer and PLQA member."""
    run("init", "--board", "Test LSCB", "--chair", "chair1", "--chair-org", "Independent",
        "--manager", "bm1", "--manager-org", "Council", "--on", on)
    for ref, role in (("panel1", "scr_panel_member"), ("rev1", "independent_reviewer"),
                      ("plqa1", "plqa_member")):
        run("member", "appoint", ref, "--role", role, "--org", "Police", "--as", "bm1",
            "--on", on)
        if role != "independent_reviewer":  # a role with powers: agreed (rule W4)
            run("member", "agree", ref, "--as", "chair1", "--on", on)
    return run


@pytest.fixture
def custodian(tmp_path, monkeypatch):
    """A custodian's key, trusted (ADR 0025): `lif checkpoint` finds it in LIF_CUSTODIAN_KEY."""
    from adapters.signed_note import Signer
    from adapters.trust import Trust, default_trust_file

    signer = Signer.generate("chair-test")
    path = tmp_path / "chair-test.key"
    path.write_text(signer.text)
    Trust.load(default_trust_file(os.environ)).add("custodian", signer.verifier)
    monkeypatch.setenv("LIF_CUSTODIAN_KEY", str(path))
    return signer


@pytest.fixture
def board(run, custodian):
    return found_board(run)


def notify(run, ref="Child H", *extra):
    return run("case", "notify", ref, "--aware-on", "2017-05-01", "--abuse", "suspected",
               "--harm", "died", "--agency-concern", "not-yet-known", "--as", "bm1",
               "--on", "2017-05-04", *extra)
