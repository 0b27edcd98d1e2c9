"""A partnership's logins and grants on a PostgreSQL cluster the tests start themselves, with
password (SCRAM) authentication (issue 15, item 2): the administrator sets up the owner and
the roles; the owner makes the tables; each person logs in as themself and is who the server
records as keying their events; a writer's UPDATE, DELETE and TRUNCATE are refused by the
server; an inspector's login reads and cannot write."""

import psycopg
import pytest
from click.testing import CliRunner

from cli.main import lif
from tests.postgres import Cluster

SCHEMA = "partnership"


@pytest.fixture(scope="module")
def cluster():
    c = Cluster()
    yield c
    c.stop()


def set_up(cluster, folder, schema, owner, writers, readers):
    """A partnership's store in `schema`, set up as a board would: the administrator, then the
    owner's `lif init`, then a login for each person. Returns a runner taking `login=`."""
    def run(*args, login="admin", expect=0):
        password = "admin-secret" if login == "admin" else f"{login}-secret"
        env = {"LIF_DATABASE": "postgres", "LIF_POSTGRES_SCHEMA": schema,
               "LIF_POSTGRES_URL": cluster.url(login, password)}
        result = CliRunner().invoke(lif, list(args), env=env)
        assert result.exit_code == expect, (args, login, result.output)
        return result.output

    def password_file(login):
        path = folder / login
        path.write_text(f"{login}-secret\n")
        return str(path)

    said = run("store", "init-postgres", "--owner", owner, "--password-file",
               password_file(owner))
    assert f"roles {schema}_writers and {schema}_readers" in said
    run("init", "--board", "Test SCP", "--chair", "chair1", "--chair-org", "Independent",
        "--manager", "bm1", "--manager-org", "Council", "--on", "2019-04-01", login=owner)
    for login in writers:
        run("store", "add-login", login, "--writer", "--password-file", password_file(login))
    for login in readers:
        run("store", "add-login", login, "--reader", "--password-file", password_file(login))
    run.cluster = cluster
    return run


@pytest.fixture(scope="module")
def partnership(cluster, tmp_path_factory):
    run = set_up(cluster, tmp_path_factory.mktemp("logins"), SCHEMA, "lif_owner",
                 ["asha", "ben"], ["ofsted"])
    run("case", "notify", "Child H", "--aware-on", "2019-10-01", "--abuse", "suspected",
        "--harm", "died", "--agency-concern", "yes", "--as", "bm1", "--on", "2019-10-02",
        login="asha")
    return run


def connect(cluster, login):
    return psycopg.connect(cluster.url(login, f"{login}-secret"),
                           options=f"-c search_path={SCHEMA}")


def test_each_person_logs_in_as_themself_and_the_server_records_them(partnership):
    run = partnership
    assert "by account asha]" in run("history", "Child H", login="ben")
    with connect(run.cluster, "ben") as db:
        keyed = dict(db.execute("SELECT topic, keyed_by FROM stored_events").fetchall())
    assert keyed[next(t for t in keyed if t.endswith("Case.Notified"))] == "asha"
    assert set(keyed.values()) == {"lif_owner", "asha"}  # lif init was the owner's
    assert "intact" in run("verify", login="ofsted")


def test_a_wrong_password_is_refused_in_one_line(partnership):
    env = {"LIF_DATABASE": "postgres", "LIF_POSTGRES_SCHEMA": SCHEMA,
           "LIF_POSTGRES_URL": partnership.cluster.url("asha", "guess")}
    result = CliRunner().invoke(lif, ["case", "list"], env=env)
    assert result.exit_code == 4 and "password authentication failed" in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("statement", [
    "UPDATE stored_events SET topic = 'x'",
    "DELETE FROM stored_events",
    "TRUNCATE stored_events",
    "ALTER TABLE stored_events DISABLE TRIGGER stored_events_keyed_by",
])
def test_a_writer_cannot_change_delete_or_empty_the_events(partnership, statement):
    with connect(partnership.cluster, "asha") as db:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            db.execute(statement)


def test_a_writer_cannot_name_someone_else_as_the_keyer(partnership):
    with connect(partnership.cluster, "ben") as db:
        db.execute("INSERT INTO stored_events (originator_id, originator_version, topic, "
                   "state, keyed_by) VALUES (gen_random_uuid(), 1, 'probe', 'x', 'asha')")
        assert db.execute("SELECT keyed_by FROM stored_events WHERE topic = 'probe'"
                          ).fetchone()[0] == "ben"
        db.rollback()


def test_an_inspector_reads_and_cannot_write(partnership):
    run = partnership
    assert "Child H" in run("case", "list", login="ofsted")
    out = run("case", "notify", "Child Q", "--aware-on", "2019-10-01", "--abuse", "suspected",
              "--harm", "died", "--agency-concern", "yes", "--as", "bm1", "--on",
              "2019-10-02", login="ofsted", expect=4)
    assert "permission denied" in out
    with connect(run.cluster, "ofsted") as db:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            db.execute("INSERT INTO stored_events (originator_id, originator_version, topic, "
                       "state) VALUES (gen_random_uuid(), 1, 'x', 'x')")


def test_setting_up_twice_or_without_the_administrator_changes_nothing(partnership, tmp_path):
    password = tmp_path / "pw"
    password.write_text("x\n")
    out = partnership("store", "init-postgres", "--owner", "lif_owner", "--password-file",
                      str(password), expect=1)
    assert "already there" in out and "nothing was changed" in out
    out = partnership("store", "add-login", "carl", "--writer", "--password-file",
                      str(password), login="asha", expect=1)
    assert "may not set up roles" in out


def test_once_logins_are_linked_a_login_acts_only_as_its_member_or_on_their_behalf(
        cluster, tmp_path):
    """Rule W6: cara is the chair's login, dev the business manager's."""
    run = set_up(cluster, tmp_path, "partnership_b", "owner_b", ["cara", "dev"], [])
    run("member", "link", "--as", "chair1", "--on", "2019-04-02", login="cara")
    run("member", "agree", "chair1", "--as", "bm1", "--on", "2019-04-02", login="dev")
    notify = ("case", "notify", "Child K", "--aware-on", "2019-10-01", "--abuse", "suspected",
              "--harm", "died", "--agency-concern", "yes", "--as", "bm1", "--on", "2019-10-02")
    out = run(*notify, login="dev", expect=1)  # dev is linked to nobody yet
    assert "login dev is linked to no member" in out and "rule W6" in out
    run("member", "link", "--as", "bm1", "--on", "2019-10-02", login="dev")  # its own link
    run("member", "agree", "bm1", "--as", "chair1", "--on", "2019-10-02", login="cara")
    assert "Recorded Child K" in run(*notify, login="dev")
    refused = run("case", "notify", "Child L", *notify[3:], login="cara", expect=1)
    assert "--on-behalf" in refused  # the chair's login keys the manager's step only so
    run("case", "notify", "Child L", *notify[3:], "--on-behalf", login="cara")
    assert "keyed on bm1's behalf by chair1" in run("history", "Child L", login="dev")


def saved_directory_position(cluster) -> tuple[int, int]:
    """Where the record directory's tables were last caught up to, and the log's last position."""
    with connect(cluster, "lif_owner") as db:
        saved = db.execute("SELECT value FROM lif_read_model WHERE name = 'read_model_position'"
                           ).fetchone()[0]
        return int(saved), db.execute("SELECT max(notification_id) FROM stored_events"
                                      ).fetchone()[0]


def test_writers_keep_the_record_directory_and_inspectors_read_it_without_writing(partnership):
    run = partnership
    run("case", "list", login="ben")
    saved, head = saved_directory_position(run.cluster)
    assert saved == head  # a writer's command caught the tables up
    run("case", "notify", "Child D", "--aware-on", "2019-10-01", "--abuse", "suspected",
        "--harm", "died", "--agency-concern", "yes", "--as", "bm1", "--on", "2019-10-02",
        login="asha")
    saved, head = saved_directory_position(run.cluster)
    assert saved < head
    # The inspector sees the case stored since, from memory, and writes nothing.
    assert "Child D" in run("case", "list", login="ofsted")
    assert "Child D" in run("due", "--as-of", "2019-10-03", login="ofsted")
    assert saved_directory_position(run.cluster) == (saved, head)
    with connect(run.cluster, "ofsted") as db:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            db.execute("DELETE FROM lif_records")
    run("case", "list", login="ben")
    assert saved_directory_position(run.cluster) == (head, head)


def test_writers_hold_and_erase_personal_data_in_the_store_and_inspectors_cannot_read_it(
        partnership):
    """The register's sealed bytes are in the partnership's database (ADR 0039)."""
    run = partnership
    run("case", "hold", "Child H", "--text", "Jayden Smith", "--as", "bm1", "--on",
        "2019-10-03", login="asha")
    assert "Child H's name: Jayden Smith" in run("case", "reveal", "Child H", login="ben")
    out = run("case", "reveal", "Child H", login="ofsted", expect=4)
    assert "may not use the personal data register" in out
    with connect(run.cluster, "ofsted") as db:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            db.execute("SELECT sealed FROM lif_personal")
    run("case", "erase", "Child H", "--reason", "retention period ended", "--as", "bm1",
        "--on", "2019-11-01", login="ben")
    assert "erased on 2019-11-01 by bm1" in run("case", "reveal", "Child H", login="asha")
    with connect(run.cluster, "ben") as db:
        assert db.execute("SELECT COUNT(*) FROM lif_personal").fetchone()[0] == 0


def test_a_writer_left_only_some_of_the_register_s_rights_is_refused_with_nothing_saved(
        cluster, tmp_path):
    """The register's check asks for each right it needs, not for any one of them."""
    run = set_up(cluster, tmp_path, "partnership_d", "owner_d", ["erin"], [])
    run("case", "notify", "Child Q", "--aware-on", "2019-10-01", "--abuse", "suspected",
        "--harm", "died", "--agency-concern", "yes", "--as", "bm1", "--on", "2019-10-02",
        login="erin")
    def as_owner():
        return psycopg.connect(cluster.url("owner_d", "owner_d-secret"), autocommit=True,
                               options="-c search_path=partnership_d")

    with as_owner() as db:
        db.execute("REVOKE UPDATE, DELETE ON lif_personal FROM partnership_d_writers")
        before = db.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]
    out = run("case", "hold", "Child Q", "--text", "Jayden Smith", "--as", "bm1", "--on",
              "2019-10-03", login="erin", expect=4)
    assert "may not use the personal data register" in out
    with as_owner() as db:
        assert db.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0] == before
        assert db.execute("SELECT COUNT(*) FROM lif_personal").fetchone()[0] == 0


def test_a_store_made_before_the_register_was_in_it_refuses_a_writer_until_its_owner_looks(
        cluster, tmp_path):
    run = set_up(cluster, tmp_path, "partnership_c", "owner_c", ["dana"], [])
    with psycopg.connect(cluster.url("owner_c", "owner_c-secret"),
                         options="-c search_path=partnership_c") as db:
        db.execute("DROP TABLE lif_personal")  # as a store made before ADR 0039 is
        before = db.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]
    run("case", "notify", "Child P", "--aware-on", "2019-10-01", "--abuse", "suspected",
        "--harm", "died", "--agency-concern", "yes", "--as", "bm1", "--on", "2019-10-02",
        login="dana")
    hold = ("case", "hold", "Child P", "--text", "Jayden Smith", "--as", "bm1", "--on",
            "2019-10-03")
    out = run(*hold, login="dana", expect=4)
    assert "register is not made yet" in out and "owner" in out
    with psycopg.connect(cluster.url("owner_c", "owner_c-secret"),
                         options="-c search_path=partnership_c") as db:
        assert db.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0] == before + 1
    assert "none held" in run("case", "reveal", "Child P", login="owner_c")  # makes it
    run(*hold, login="dana")
    assert "Jayden Smith" in run("case", "reveal", "Child P", login="dana")


@pytest.mark.parametrize("args, env, said", [
    (("store", "init-postgres", "--owner", "lif_owner"), {"LIF_DATABASE": "sqlite"},
     "roles and logins are a PostgreSQL store's"),
    (("store", "init-postgres", "--owner", "lif_owner"), {"LIF_POSTGRES_SCHEMA": "public"},
     "has a schema of its own"),
    (("store", "init-postgres", "--owner", "Robert'); DROP"), {}, "the owner must be a plain"),
    (("store", "add-login", "asha; DROP ROLE x", "--writer"), {}, "a login must be a plain"),
    (("store", "add-login", "9lives", "--reader"), {}, "a login must be a plain"),
    (("store", "init-postgres", "--owner", "new_owner"), {"LIF_POSTGRES_SCHEMA": "bad-name"},
     "LIF_POSTGRES_SCHEMA must be a plain name"),
], ids=["a SQLite store", "the public schema", "an owner's name", "a login's name",
        "a login beginning with a digit", "a schema's name"])
def test_store_set_up_refuses_what_it_cannot_do_in_one_line_and_changes_nothing(
        cluster, tmp_path, args, env, said):
    password = tmp_path / "pw"
    password.write_text("x-secret\n")
    with psycopg.connect(cluster.url("admin", "admin-secret")) as db:
        roles = db.execute("SELECT rolname FROM pg_roles ORDER BY 1").fetchall()
    result = CliRunner().invoke(lif, [*args, "--password-file", str(password)], env={
        "LIF_DATABASE": "postgres", "LIF_POSTGRES_SCHEMA": "partnership_r",
        "LIF_POSTGRES_URL": cluster.url("admin", "admin-secret"), **env})
    assert result.exit_code == 1 and said in result.output, result.output
    assert len(result.output.strip().splitlines()) == 1
    with psycopg.connect(cluster.url("admin", "admin-secret")) as db:
        assert db.execute("SELECT rolname FROM pg_roles ORDER BY 1").fetchall() == roles
        assert db.execute("SELECT count(*) FROM pg_namespace WHERE nspname = 'partnership_r'"
                          ).fetchone()[0] == 0
