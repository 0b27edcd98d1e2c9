"""The record directory's SQLite tables, kept in the store beside the log (ADR 0015).

Two tables, `lif_records` (one row per record) and `lif_round_actions` (which rounds recorded
an outcome for which action), and three values in `lif_meta`: the layout's version, the last
position applied, and a check of both. Triggers on both tables spoil the check whenever a row
is inserted, changed or deleted; LIF's own writes then set it right in the same transaction.
So a row edited, added or deleted by anything else, a position edited, a table or trigger
dropped, or another layout, all make `position()` answer None, and the directory rebuilds
itself from the log before it answers. It costs one small query per command, whatever the
size of the store.

It shares the application's connection (adapters.lif_sqlite): writes take the write lock
first, as the chained recorder's do."""

from collections.abc import Iterable

from adapters.chain import META_TABLE
from adapters.read_store_sql import (COLUMNS, META, RECORDS, REVIEWED, SELECT, SPOILT, check,
                                     chunks, is_valid, to_entries, where)
from lif_domain.application.directory import VERSION, Entry, Query

SPOIL = f"UPDATE {META_TABLE} SET value = '{SPOILT}' WHERE name = 'read_model_check'"
TRIGGERS = [(f"lif_{table}_{what.lower()}", table, what)
            for table in (RECORDS, REVIEWED) for what in ("INSERT", "UPDATE", "DELETE")]
TABLES = (
    f"CREATE TABLE {RECORDS} (id TEXT PRIMARY KEY, kind TEXT NOT NULL, ref TEXT NOT NULL, "
    "opened INTEGER NOT NULL, first_on TEXT NOT NULL, last_on TEXT NOT NULL, ended_on TEXT, "
    "link TEXT, clocks_from TEXT, quiet_from TEXT, due_until TEXT)",
    f"CREATE INDEX {RECORDS}_kind ON {RECORDS} (kind, opened)",
    f"CREATE INDEX {RECORDS}_link ON {RECORDS} (kind, link)",
    f"CREATE TABLE {REVIEWED} (round_id TEXT NOT NULL, action_ref TEXT NOT NULL, "
    "PRIMARY KEY (action_ref, round_id))",
    *(f"CREATE TRIGGER {name} AFTER {what} ON {table} BEGIN {SPOIL}; END"
      for name, table, what in TRIGGERS),
)


class SQLiteReadStore:
    def __init__(self, datastore):
        self.datastore = datastore

    def position(self) -> int | None:
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT name, value FROM {META_TABLE} WHERE name IN (?, ?, ?)", META)
            meta = dict(c.fetchall())
            c.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN "
                      f"({', '.join('?' * len(TRIGGERS))})", [t[0] for t in TRIGGERS])
            triggers = c.fetchone()[0]
        return is_valid(meta, triggers, len(TRIGGERS))

    def reset(self) -> None:
        with self.datastore.transaction(commit=True) as c:
            c.execute(f"DROP TABLE IF EXISTS {RECORDS}")  # drops its indexes and triggers
            c.execute(f"DROP TABLE IF EXISTS {REVIEWED}")
            for statement in TABLES:
                c.execute(statement)
            c.executemany(f"INSERT OR REPLACE INTO {META_TABLE} VALUES (?, ?)",
                          [("read_model_version", str(VERSION)), ("read_model_position", "0"),
                           ("read_model_check", check(0))])

    def snapshot(self) -> tuple[int | None, dict[str, Entry], set[tuple[str, str]]]:
        """Its position (None: it fails its own check), every row, and every round's reviewed
        action, read in one transaction: what `lif verify --read-models` compares."""
        position = self.position()
        with self.datastore.transaction(commit=False) as c:
            c.execute(SELECT)
            rows = {e.id: e for e in to_entries(c.fetchall())}
            c.execute(f"SELECT round_id, action_ref FROM {REVIEWED}")
            reviewed = {tuple(r) for r in c.fetchall()}
        return position, rows, reviewed

    def get(self, ids: Iterable[str]) -> dict[str, Entry]:
        found = {}
        with self.datastore.transaction(commit=False) as c:
            for chunk in chunks(ids):
                c.execute(f"{SELECT} WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
                found.update((e.id, e) for e in to_entries(c.fetchall()))
        return found

    def commit(self, entries: list[Entry], reviewed: set[tuple[str, str]], since: int,
               position: int) -> bool:
        with self.datastore.transaction(commit=True) as c:
            c.execute(f"SELECT value FROM {META_TABLE} WHERE name = 'read_model_position'")
            if int(c.fetchone()[0]) != since:
                return False  # another reader caught it up first
            c.executemany(f"INSERT OR REPLACE INTO {RECORDS} VALUES "
                          f"({', '.join('?' * len(COLUMNS))})",
                          [tuple(getattr(e, f) for f in COLUMNS) for e in entries])
            c.executemany(f"INSERT OR IGNORE INTO {REVIEWED} VALUES (?, ?)", sorted(reviewed))
            # After the triggers have spoiled the check: LIF's own write sets it right.
            c.executemany(f"UPDATE {META_TABLE} SET value = ? WHERE name = ?",
                          [(str(position), "read_model_position"),
                           (check(position), "read_model_check")])
        return True

    def entries(self, query: Query) -> list[Entry]:
        clause, args = where(query, "?")
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"{SELECT} WHERE {clause} ORDER BY opened", args)
            return to_entries(c.fetchall())

    def rounds_reviewing(self, action_refs: Iterable[str]) -> list[Entry]:
        rounds: list[Entry] = []
        with self.datastore.transaction(commit=False) as c:
            for chunk in chunks(action_refs):
                c.execute(f"{SELECT} WHERE id IN (SELECT round_id FROM {REVIEWED} WHERE "
                          f"action_ref IN ({', '.join('?' * len(chunk))}))", chunk)
                rounds += to_entries(c.fetchall())
        return sorted({e.id: e for e in rounds}.values(), key=lambda e: e.opened)

    def first_reviews(self, action_refs: Iterable[str]) -> dict[str, str]:
        first: dict[str, str] = {}
        with self.datastore.transaction(commit=False) as c:
            for chunk in chunks(action_refs):
                c.execute(f"SELECT r.action_ref, MIN(e.first_on) FROM {REVIEWED} r JOIN "
                          f"{RECORDS} e ON e.id = r.round_id WHERE r.action_ref IN "
                          f"({', '.join('?' * len(chunk))}) GROUP BY r.action_ref", chunk)
                first.update(c.fetchall())
        return first
