"""The chained store on a real PostgreSQL server (issue 15; ADR 0036): the login is written by
the server, whatever the client sends; positions with gaps verify; a store that cannot be
reached or is not a LIF store is said in one line."""

import psycopg
import pytest
from click.testing import CliRunner

from cli.main import lif
from tests.postgres import LOGIN, SERVER, postgres_store


@pytest.fixture
def store():
    with postgres_store() as env:
        def run(*args, expect=0):
            result = CliRunner().invoke(lif, list(args), env=env)
            assert result.exit_code == expect, (args, result.output)
            return result.output

        run.env = env
        run("init", "--board", "Test SCP", "--chair", "chair1", "--chair-org", "Independent",
            "--manager", "bm1", "--manager-org", "Council", "--on", "2019-04-01")
        yield run


def connect(env):
    return psycopg.connect(SERVER, options=f"-c search_path={env['LIF_POSTGRES_SCHEMA']}")


def notify(run, ref):
    run("case", "notify", ref, "--aware-on", "2019-05-01", "--abuse", "suspected", "--harm",
        "died", "--agency-concern", "yes", "--as", "bm1", "--on", "2019-05-02")


def test_the_server_writes_who_keyed_each_event(store):
    notify(store, "Child H")
    with connect(store.env) as db:
        assert {r[0] for r in db.execute("SELECT keyed_by FROM stored_events")} == {LOGIN}
        # a client naming none: the server writes the login (a writer naming another login
        # is tested in test_postgres_logins, with logins of their own)
        db.execute("INSERT INTO stored_events (originator_id, originator_version, topic, "
                   "state) VALUES (gen_random_uuid(), 1, 'x', 'x') ")
        assert db.execute("SELECT keyed_by FROM stored_events WHERE topic = 'x'"
                          ).fetchone()[0] == LOGIN
        db.rollback()
    assert f"by account {LOGIN}]" in store("history", "Child H")


def test_positions_with_gaps_verify_and_an_edited_login_is_caught(store):
    notify(store, "Child H")
    with connect(store.env) as db:  # a transaction rolled back takes positions it never uses
        db.execute("SELECT nextval('stored_events_notification_id_seq') FROM "
                   "generate_series(1, 5)")
        db.commit()
    notify(store, "Child J")
    with connect(store.env) as db:
        positions = [r[0] for r in db.execute("SELECT notification_id FROM stored_events "
                                              "ORDER BY notification_id")]
    assert positions[-1] - positions[0] + 1 > len(positions)  # there is a gap
    assert "intact" in store("verify")
    with connect(store.env) as db:  # the owner of the table changes who keyed an event
        db.execute("ALTER TABLE stored_events DISABLE TRIGGER stored_events_keyed_by")
        db.execute("UPDATE stored_events SET keyed_by = 'chair1' WHERE notification_id = %s",
                   (positions[-1],))
    out = store("verify", expect=5)
    assert f"at position {positions[-1]}" in out


def test_a_schema_without_a_store_and_a_server_out_of_reach_are_one_line_each():
    with postgres_store() as env:
        result = CliRunner().invoke(lif, ["case", "list"], env=env)
        assert result.exit_code == 4 and "lif init" in result.output
        assert len(result.output.strip().splitlines()) == 1
    away = {**env, "LIF_POSTGRES_URL": "postgresql://nobody@127.0.0.1:1/none"}
    result = CliRunner().invoke(lif, ["case", "list"], env=away)
    assert result.exit_code == 4 and "cannot open the postgres store" in result.output
    result = CliRunner().invoke(lif, ["case", "list"], env={**env,
                                                            "LIF_POSTGRES_SCHEMA": "x; drop"})
    assert result.exit_code == 1 and "LIF_POSTGRES_SCHEMA must be a plain name" in result.output


@pytest.mark.parametrize("command, times", [
    (("case", "list"), 2),
    (("due",), 2),
    (("case", "notify", "Child J", "--aware-on", "2019-05-01", "--abuse", "suspected", "--harm",
      "died", "--agency-concern", "yes", "--as", "bm1", "--on", "2019-05-02"), 2),
    (("case", "hold", "Child H", "--text", "Jayden Smith", "--as", "bm1", "--on", "2019-05-03"),
     3),
])
def test_a_command_logs_in_twice_and_once_more_for_the_personal_register(store, command, times, monkeypatch, tmp_path):
    """Once to check the login and the schema, once for its pool (and once for the personal
    data register, if it uses it): over a network each login costs round trips, and a server
    counts its connections (ADR 0036)."""
    monkeypatch.setenv("LIF_PERSONAL_KEYS", str(tmp_path / "keys"))
    notify(store, "Child H")
    logins = []
    connect_as = psycopg.Connection.connect.__func__

    def counted(cls, *args, **kwargs):
        logins.append(kwargs.get("conninfo", args[0] if args else ""))
        return connect_as(cls, *args, **kwargs)

    monkeypatch.setattr(psycopg.Connection, "connect", classmethod(counted))
    monkeypatch.setattr(psycopg, "connect", psycopg.Connection.connect)
    store(*command)
    assert len(logins) == times
