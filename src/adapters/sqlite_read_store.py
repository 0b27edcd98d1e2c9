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

import hashlib
from collections.abc import Iterable

from adapters.chain import META_TABLE
from lif_domain.application.directory import VERSION, Entry, Query

RECORDS = "lif_records"
REVIEWED = "lif_round_actions"
COLUMNS = ("id", "kind", "ref", "opened", "first_on", "last_on", "ended_on", "link",
           "clocks_from", "quiet_from", "due_until")
SELECT = f"SELECT {', '.join(COLUMNS)} FROM {RECORDS}"
SPOIL = f"UPDATE {META_TABLE} SET value = 'changed outside LIF' WHERE name = 'read_model_check'"
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
META = ("read_model_version", "read_model_position", "read_model_check")


def check(position: int) -> str:
    return hashlib.blake2b(f"lif read model {VERSION} at {position}".encode(),
                           digest_size=16).hexdigest()


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
        position = meta.get("read_model_position", "")
        if (meta.get("read_model_version") != str(VERSION) or not position.isdigit()
                or meta.get("read_model_check") != check(int(position))
                or triggers != len(TRIGGERS)):
            return None
        return int(position)

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
            rows = {e.id: e for e in _entries(c.fetchall())}
            c.execute(f"SELECT round_id, action_ref FROM {REVIEWED}")
            reviewed = {tuple(r) for r in c.fetchall()}
        return position, rows, reviewed

    def get(self, ids: Iterable[str]) -> dict[str, Entry]:
        ids = list(ids)
        found = {}
        with self.datastore.transaction(commit=False) as c:
            for at in range(0, len(ids), 500):
                chunk = ids[at:at + 500]
                c.execute(f"{SELECT} WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
                found.update((e.id, e) for e in _entries(c.fetchall()))
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
        where, args = ["kind = ?"], [query.kind]
        if query.link is not None:
            where.append("link = ?")
            args.append(query.link)
        if query.active is not None:
            start, end = query.active
            where.append("first_on <= ? AND (last_on >= ? OR ended_on IS NULL OR "
                         "due_until >= ?)")
            args += [end, start, start]
        if query.clocks is not None:
            where.append("clocks_from <= ?")
            args.append(query.clocks)
            if not query.all_clocks:
                where.append("(quiet_from IS NULL OR quiet_from > ?)")
                args.append(query.clocks)
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"{SELECT} WHERE {' AND '.join(where)} ORDER BY opened", args)
            return _entries(c.fetchall())

    def rounds_reviewing(self, action_refs: Iterable[str]) -> list[Entry]:
        refs = list(dict.fromkeys(action_refs))
        rounds: list[Entry] = []
        with self.datastore.transaction(commit=False) as c:
            for at in range(0, len(refs), 500):
                chunk = refs[at:at + 500]
                c.execute(f"{SELECT} WHERE id IN (SELECT round_id FROM {REVIEWED} WHERE "
                          f"action_ref IN ({', '.join('?' * len(chunk))}))", chunk)
                rounds += _entries(c.fetchall())
        return sorted({e.id: e for e in rounds}.values(), key=lambda e: e.opened)

    def first_reviews(self, action_refs: Iterable[str]) -> dict[str, str]:
        refs = list(dict.fromkeys(action_refs))
        first: dict[str, str] = {}
        with self.datastore.transaction(commit=False) as c:
            for at in range(0, len(refs), 500):
                chunk = refs[at:at + 500]
                c.execute(f"SELECT r.action_ref, MIN(e.first_on) FROM {REVIEWED} r JOIN "
                          f"{RECORDS} e ON e.id = r.round_id WHERE r.action_ref IN "
                          f"({', '.join('?' * len(chunk))}) GROUP BY r.action_ref", chunk)
                first.update(c.fetchall())
        return first


def _entries(rows) -> list[Entry]:
    return [Entry(*row) for row in rows]
