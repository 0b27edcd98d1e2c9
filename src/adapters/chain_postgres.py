"""The chained recorder on PostgreSQL (issue 15): each event's leaf hash (`link`) is written in
the same transaction as the event, as on SQLite (adapters.chain, ADR 0025), and who keyed it
is the database login, written by the server, not the client: a trigger sets `keyed_by` to
`session_user` on every insert, so a writer cannot put another name there (only the table's
owner can, copying a board's log in with the names it already has). The client hashes
the leaf with its own login; a row whose login was changed no longer matches its leaf.

Positions are the library's `notification_id` (a sequence: rolled-back transactions leave
gaps). Every LIF writer takes one transaction-scoped advisory lock for the store before its
positions are taken and holds it until commit, so positions follow commit order and the
leaves' order is the positions'. (The library takes an EXCLUSIVE lock on the table instead,
which PostgreSQL grants only to a role that may UPDATE, DELETE or TRUNCATE the table: rights
an append-only writer does not have.) The tree's shape comes from the number of leaves, never
from the positions themselves."""

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import InterfaceError, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.utils import retry
from psycopg.rows import tuple_row
from psycopg.sql import SQL, Identifier

from adapters.chain import META_TABLE, event_leaf

EVENTS = "stored_events"


class ChainedPostgresRecorder(PostgresApplicationRecorder):
    """The library's PostgreSQL recorder, with `link` and a server-written `keyed_by`."""

    def __init__(self, datastore, *, events_table_name: str = EVENTS):
        # The library names the table after the application's class ("lifapplication_events",
        # another for a test's subclass): LIF's table has one name, as on SQLite.
        super().__init__(datastore, events_table_name=EVENTS)
        names = {"schema": Identifier(self.datastore.schema),
                 "table": Identifier(self.events_table_name),
                 "meta": Identifier(META_TABLE),
                 "trigger": Identifier(f"{self.events_table_name}_keyed_by"),
                 "function": Identifier(f"{self.events_table_name}_keyed_by_login")}
        self.sql_create_statements[self.create_table_statement_index] = SQL(
            "CREATE TABLE IF NOT EXISTS {schema}.{table} ("
            "originator_id uuid NOT NULL, originator_version bigint NOT NULL, topic text, "
            "state bytea, notification_id bigserial, key_id text, link bytea, "
            # none for rows copied from a store made before LIF recorded who keyed
            "keyed_by text DEFAULT session_user, "
            "PRIMARY KEY (originator_id, originator_version))").format(**names)
        self.sql_create_statements += [
            SQL("CREATE TABLE IF NOT EXISTS {schema}.{meta} (name text PRIMARY KEY, "
                "value text)").format(**names),
            # The login is the server's to write: whatever a client sends is replaced, but
            # for the table's owner copying a board's log in (`lif store copy`), whose rows
            # keep who keyed them, as their leaf hashes do.
            SQL("CREATE OR REPLACE FUNCTION {schema}.{function}() RETURNS trigger "
                "LANGUAGE plpgsql AS $$ BEGIN IF NOT pg_has_role(session_user, (SELECT relowner "
                "FROM pg_class WHERE oid = TG_RELID), 'USAGE') THEN "
                "NEW.keyed_by := session_user; END IF; RETURN NEW; END $$").format(**names),
            SQL("CREATE OR REPLACE TRIGGER {trigger} BEFORE INSERT ON {schema}.{table} "
                "FOR EACH ROW EXECUTE FUNCTION {schema}.{function}()").format(**names),
        ]
        self.insert_linked_statement = SQL(
            "INSERT INTO {schema}.{table} (originator_id, originator_version, topic, state, "
            "link) SELECT * FROM unnest(%s::uuid[], %s::bigint[], %s::text[], %s::bytea[], "
            "%s::bytea[]) RETURNING notification_id").format(**names)
        self.select_states_statement = SQL(
            "SELECT originator_id, originator_version, topic, state FROM {schema}.{table} "
            "WHERE originator_id = ANY(%s::uuid[]) ORDER BY originator_id, originator_version"
        ).format(**names)
        self.login: str | None = None

    def _lock_table(self, curs) -> None:
        curs.execute("SELECT set_config('lock_timeout', %s, true), pg_advisory_xact_lock("
                     "hashtext(%s))", (f"{self.datastore.lock_timeout}s",
                                       f"lif:{self.datastore.schema}.{self.events_table_name}"))

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def insert_events(self, stored_events: Sequence[StoredEvent],
                      **_: Any) -> Sequence[int] | None:
        """As the library's, but BEGIN, the store's lock, the insert and COMMIT go to the
        server together, in one round trip: the lock is held for the server's own work, never
        while a client waits for its turn on a core between two round trips (with more
        writers than cores, that wait is what the others queued behind). No NOTIFY: LIF
        listens to no channel."""
        if not stored_events:
            return []
        if self.login is None:  # a recorder that postgres_store.prepare did not name
            with self.datastore.get_connection() as conn:
                self.login = conn.execute("SELECT session_user").fetchone()["session_user"]
        columns = self._columns(stored_events)
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            with conn.pipeline(), conn.transaction():
                self._lock_table(curs)
                curs.execute(self.insert_linked_statement, columns)
            return [row["notification_id"] for row in curs.fetchall()]

    def _columns(self, stored_events: Sequence[StoredEvent]) -> tuple[list, ...]:
        """The insert's arrays: ids, versions, topics, states and leaf hashes."""
        ids, versions, topics, states, links = [], [], [], [], []
        for s in stored_events:
            oid = s.originator_id if isinstance(s.originator_id, UUID) else UUID(
                str(s.originator_id))
            ids.append(oid)
            versions.append(s.originator_version)
            topics.append(s.topic)
            states.append(s.state)
            links.append(event_leaf(oid.hex, s.originator_version, s.topic, s.state,
                                    self.login))
        return ids, versions, topics, states, links

    def select_states(self, originator_id) -> list[tuple[int, str, bytes]]:
        """(version, topic, stored bytes) of a record's events, in order, as on SQLite
        (adapters.chain): what the application's lean decoder reads."""
        return self.select_states_of([originator_id]).get(originator_id, [])

    def select_states_of(self, originator_ids: Sequence[UUID], chunk: int = 500) -> dict:
        """{id: [(version, topic, stored bytes), ...]} for many records, a query per `chunk`
        of them: a view of hundreds of records makes a round trip a chunk, not one a record."""
        found: dict[UUID, list] = {}
        ids = list(dict.fromkeys(originator_ids))
        with self.datastore.get_connection() as conn, conn.cursor(row_factory=tuple_row) as c:
            for at in range(0, len(ids), chunk):
                c.execute(self.select_states_statement, (ids[at:at + chunk],), prepare=True)
                for oid, version, topic, state in c.fetchall():
                    found.setdefault(oid, []).append((version, topic, state))
        return found

    def select_keyed_by(self, originator_id) -> dict[int, str]:
        """{version: the login that keyed it} of a record's events (issue 15)."""
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(SQL("SELECT originator_version, keyed_by FROM {0}.{1} WHERE "
                             "originator_id = %s").format(Identifier(self.datastore.schema),
                                                          Identifier(self.events_table_name)),
                         (originator_id,))
            return {row["originator_version"]: row["keyed_by"] for row in curs.fetchall()}
