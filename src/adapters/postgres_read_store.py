"""The record directory's tables in a partnership's PostgreSQL store (ADR 0015, ADR 0038).

The same two tables as on SQLite (adapters.sqlite_read_store), in the store's schema, and a
table of their own, `lif_read_model`, for the layout's version, the last position applied and
a check of both (not in `lif_meta`: writers may change the directory, never the store's
origin). Statement triggers on both tables spoil the check whenever rows are inserted,
changed, deleted or truncated; LIF's own writes then set it right in the same transaction.

The tables are made by the store's owner (`lif init`, or the owner's first command after an
upgrade). Writers may change them, as the directory is a copy of what the log says, rebuilt
from it whenever it fails its check, and compared with it by `lif verify --read-models`; the
log itself stays append-only. A reader (an inspector's login) may not write them: it reads
them as the last writer left them, and holds what was stored since in memory, for the one
command (directory.OverlayReadStore)."""

from collections.abc import Iterable

from psycopg.sql import SQL, Identifier

from adapters.postgres_roles import OWNS_SCHEMA, may, writers_role
from adapters.read_store_sql import (COLUMNS, META, RECORDS, REVIEWED, SELECT, SPOILT, check,
                                     chunks, is_valid, to_entries, where)
from lif_domain.application.directory import (VERSION, Entry, MemoryReadStore,
                                              OverlayReadStore, Query, ReadStore)

READ_MODEL = "lif_read_model"
SPOIL_FUNCTION = "lif_read_model_spoil"
TRIGGERS = [(f"lif_{table}_{what.lower()}", table, what)
            for table in (RECORDS, REVIEWED) for what in ("INSERT", "UPDATE", "DELETE",
                                                          "TRUNCATE")]
TABLES = (
    f"CREATE TABLE IF NOT EXISTS {RECORDS} (id text PRIMARY KEY, kind text NOT NULL, "
    "ref text NOT NULL, opened bigint NOT NULL, first_on text NOT NULL, last_on text NOT NULL, "
    "ended_on text, link text, clocks_from text, quiet_from text, due_until text)",
    f"CREATE INDEX IF NOT EXISTS {RECORDS}_kind ON {RECORDS} (kind, opened)",
    f"CREATE INDEX IF NOT EXISTS {RECORDS}_link ON {RECORDS} (kind, link)",
    f"CREATE TABLE IF NOT EXISTS {REVIEWED} (round_id text NOT NULL, action_ref text NOT NULL, "
    "PRIMARY KEY (action_ref, round_id))",
    f"CREATE TABLE IF NOT EXISTS {READ_MODEL} (name text PRIMARY KEY, value text)",
    f"CREATE OR REPLACE FUNCTION {SPOIL_FUNCTION}() RETURNS trigger LANGUAGE plpgsql "
    "SET search_path FROM CURRENT AS $$ "
    f"BEGIN UPDATE {READ_MODEL} SET value = '{SPOILT}' WHERE name = 'read_model_check'; "
    "RETURN NULL; END $$",
    *(f"CREATE OR REPLACE TRIGGER {name} AFTER {what} ON {table} FOR EACH STATEMENT "
      f"EXECUTE FUNCTION {SPOIL_FUNCTION}()" for name, table, what in TRIGGERS),
)
STATE = (  # whether the tables are all there, and whether this login may write them
    f"SELECT to_regclass('{RECORDS}') IS NOT NULL AND to_regclass('{REVIEWED}') IS NOT NULL "
    f"AND to_regclass('{READ_MODEL}') IS NOT NULL AS made, "
    "(SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgname = ANY(%s) AND tgrelid "
    f"IN (to_regclass('{RECORDS}'), to_regclass('{REVIEWED}'))) AS triggers, "
    f"{OWNS_SCHEMA} AS owner")
WRITABLE = (f"SELECT {may(RECORDS, 'INSERT', 'UPDATE', 'DELETE')} AND "
            f"{may(REVIEWED, 'INSERT', 'DELETE')} AND {may(READ_MODEL, 'INSERT', 'UPDATE')} "
            "AS writable")
# Rows go in as arrays, a chunk per statement: the statement triggers then run once a chunk, not
# once a row (each run updates the check's row again, and PostgreSQL walks every version of a
# row updated so far in the same transaction: a row per statement would cost the square).
UPSERT = (f"INSERT INTO {RECORDS} ({', '.join(COLUMNS)}) SELECT * FROM unnest("
          + ", ".join("%s::bigint[]" if c == "opened" else "%s::text[]" for c in COLUMNS)
          + ") ON CONFLICT (id) DO UPDATE SET "
          + ", ".join(f"{c} = EXCLUDED.{c}" for c in COLUMNS[1:]))
ADD_REVIEWED = (f"INSERT INTO {REVIEWED} SELECT * FROM unnest(%s::text[], %s::text[]) "
                "ON CONFLICT DO NOTHING")
ROWS_A_STATEMENT = 10_000
SET_META = (f"INSERT INTO {READ_MODEL} VALUES (%s, %s) ON CONFLICT (name) DO UPDATE SET "
            "value = EXCLUDED.value")


def open_read_store(datastore) -> ReadStore:
    """The directory's store for this login: the tables, made first if they are missing and
    the login may make them (the owner), the store's writers' role allowed to change them;
    read through a memory overlay if the login may only read them; in memory alone if they
    are not there."""
    store = PostgresReadStore(datastore)
    made, triggers, owner = store.state()
    if (not made or triggers != len(TRIGGERS)) and owner:
        store.make(writers_role(datastore.schema))
        made = True
    if not made:
        return MemoryReadStore()
    return store if store.writable() else OverlayReadStore(store)


class PostgresReadStore:
    def __init__(self, datastore):
        self.datastore = datastore

    def _cursor(self, commit: bool = False):
        return self.datastore.transaction(commit=commit)

    def _in_schema(self, c) -> None:
        c.execute(SQL("SET LOCAL search_path TO {0}").format(Identifier(self.datastore.schema)))

    def state(self) -> tuple[bool, int, bool]:
        with self._cursor() as c:
            self._in_schema(c)
            row = c.execute(STATE, ([t[0] for t in TRIGGERS],)).fetchone()
        return row["made"], row["triggers"], row["owner"]

    def make(self, writers: str) -> None:
        with self._cursor(commit=True) as c:
            self._in_schema(c)
            for statement in TABLES:
                c.execute(statement)
            # Made or mended: what the tables hold is not to be trusted until rebuilt.
            c.execute(SET_META, ("read_model_check", SPOILT))
            if c.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (writers,)).fetchone():
                c.execute(SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON {0}, {1}, {2} TO {3}"
                              ).format(*map(Identifier, (RECORDS, REVIEWED, READ_MODEL,
                                                         writers))))

    def writable(self) -> bool:
        with self._cursor() as c:
            self._in_schema(c)
            return c.execute(WRITABLE).fetchone()["writable"]

    def position(self) -> int | None:
        with self._cursor() as c:
            self._in_schema(c)
            c.execute(f"SELECT name, value FROM {READ_MODEL} WHERE name = ANY(%s)", (list(META),))
            meta = {row["name"]: row["value"] for row in c.fetchall()}
            triggers = c.execute(STATE, ([t[0] for t in TRIGGERS],)).fetchone()["triggers"]
        return is_valid(meta, triggers, len(TRIGGERS))

    def reset(self) -> None:
        with self._cursor(commit=True) as c:
            self._in_schema(c)
            self._lock_position(c)
            c.execute(f"DELETE FROM {RECORDS}")
            c.execute(f"DELETE FROM {REVIEWED}")
            c.executemany(SET_META, [("read_model_version", str(VERSION)),
                                     ("read_model_position", "0"),
                                     ("read_model_check", check(0))])

    def snapshot(self) -> tuple[int | None, dict[str, Entry], set[tuple[str, str]]]:
        position = self.position()
        with self._cursor() as c:
            self._in_schema(c)
            rows = {e.id: e for e in to_entries(c.execute(SELECT).fetchall())}
            c.execute(f"SELECT round_id, action_ref FROM {REVIEWED}")
            reviewed = {(r["round_id"], r["action_ref"]) for r in c.fetchall()}
        return position, rows, reviewed

    def get(self, ids: Iterable[str]) -> dict[str, Entry]:
        with self._cursor() as c:
            self._in_schema(c)
            return {e.id: e for chunk in chunks(ids) for e in to_entries(
                c.execute(f"{SELECT} WHERE id = ANY(%s)", (chunk,)).fetchall())}

    def commit(self, entries: list[Entry], reviewed: set[tuple[str, str]], since: int,
               position: int) -> bool:
        with self._cursor(commit=True) as c:
            self._in_schema(c)
            # Another reader catching it up at once waits here, then finds it moved.
            at = self._lock_position(c)
            if at != str(since):
                return False
            for chunk in chunks(entries, ROWS_A_STATEMENT):
                c.execute(UPSERT, [[getattr(e, f) for e in chunk] for f in COLUMNS])
            for chunk in chunks(sorted(reviewed), ROWS_A_STATEMENT):
                c.execute(ADD_REVIEWED, ([r for r, _ in chunk], [a for _, a in chunk]))
            # After the triggers have spoiled the check: LIF's own write sets it right.
            c.executemany(SET_META, [("read_model_position", str(position)),
                                     ("read_model_check", check(position))])
        return True

    @staticmethod
    def _lock_position(c) -> str | None:
        """The position, its row locked till commit: every change to the tables takes this
        first, so two commands changing them at once wait in turn, never for each other."""
        row = c.execute(f"SELECT value FROM {READ_MODEL} WHERE name = 'read_model_position' "
                        "FOR UPDATE").fetchone()
        return row and row["value"]

    def entries(self, query: Query) -> list[Entry]:
        clause, args = where(query, "%s")
        with self._cursor() as c:
            self._in_schema(c)
            return to_entries(c.execute(f"{SELECT} WHERE {clause} ORDER BY opened",
                                        args).fetchall())

    def rounds_reviewing(self, action_refs: Iterable[str]) -> list[Entry]:
        with self._cursor() as c:
            self._in_schema(c)
            found = {e.id: e for chunk in chunks(action_refs) for e in to_entries(c.execute(
                f"{SELECT} WHERE id IN (SELECT round_id FROM {REVIEWED} WHERE "
                "action_ref = ANY(%s))", (chunk,)).fetchall())}
        return sorted(found.values(), key=lambda e: e.opened)

    def first_reviews(self, action_refs: Iterable[str]) -> dict[str, str]:
        with self._cursor() as c:
            self._in_schema(c)
            return {row["action_ref"]: row["first"] for chunk in chunks(action_refs)
                    for row in c.execute(
                        f"SELECT r.action_ref, MIN(e.first_on) AS first FROM {REVIEWED} r "
                        f"JOIN {RECORDS} e ON e.id = r.round_id WHERE r.action_ref = ANY(%s) "
                        "GROUP BY r.action_ref", (chunk,)).fetchall()}
