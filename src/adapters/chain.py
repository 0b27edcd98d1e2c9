"""Tamper evidence: every stored event bound into a keyed hash chain (HMAC-SHA256), written in
the same transaction as the event, so the chain follows commit order (ADR 0008).

A link covers a version tag, the position, the aggregate id and version, the event type, a
hash of the exact stored bytes, and the previous link; each field is length-prefixed so no two
different inputs can give the same message."""

import hashlib
import hmac
from collections.abc import Callable, Sequence
from typing import Any

from eventsourcing.persistence import ProgrammingError, StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor

TAG = b"LIF-CHAIN-v1"
GENESIS = b"\x00" * 32
META_TABLE = "lif_meta"


def link(key: bytes, position: int, originator_id: str, version: int, topic: str,
         state: bytes, previous: bytes) -> bytes:
    parts = (TAG, str(position).encode(), originator_id.encode(), str(version).encode(),
             topic.encode(), hashlib.sha256(state).digest(), previous)
    message = b"".join(len(p).to_bytes(4, "big") + p for p in parts)
    return hmac.digest(key, message, "sha256")


class ChainedSQLiteRecorder(SQLiteApplicationRecorder):
    """The library's SQLite recorder, with each event's chain link in two more columns of its
    row (key_id, link).

    The first event of a save is inserted by one statement that also reads the last row's link
    and computes its own (a SQL function): being a write, it takes SQLite's write lock before
    that read, so the previous link is the true one, also with concurrent writers. Holding the
    lock, the rest of the save follow at the next positions with links computed here. The
    composition root sets `key_source`, a callable giving (key id, key), called only when
    something is written."""

    key_source: Callable[[], tuple[str, bytes]] | None = None

    def construct_create_table_statements(self) -> list[str]:
        return [f"CREATE TABLE IF NOT EXISTS {self.events_table_name} (originator_id TEXT, "
                "originator_version INTEGER, topic TEXT, state BLOB, key_id TEXT, link BLOB, "
                "PRIMARY KEY (originator_id, originator_version))",
                f"CREATE TABLE IF NOT EXISTS {META_TABLE} (name TEXT PRIMARY KEY, value TEXT)"]

    def _insert_events(self, c: SQLiteCursor, stored_events: Sequence[StoredEvent],
                       **_: Any) -> Sequence[int] | None:
        if self.key_source is None:
            raise ProgrammingError("no chain key: events cannot be written unchained")
        key_id, key = self.key_source()
        table = self.events_table_name
        rows = [((s.originator_id.hex if hasattr(s.originator_id, "hex")
                  else str(s.originator_id)), s.originator_version, s.topic, s.state)
                for s in stored_events]
        if not rows:
            return []
        self._register_link_function(c.sqlite_cursor.connection, key)
        head = f"(SELECT COALESCE(MAX(rowid), 0) + 1 FROM {table})"
        c.execute(f"INSERT INTO {table} (rowid, originator_id, originator_version, topic, state, "
                  f"key_id, link) VALUES ({head}, ?, ?, ?, ?, ?, lif_link({head}, ?, ?, ?, ?, "
                  f"COALESCE((SELECT link FROM {table} ORDER BY rowid DESC LIMIT 1), ?)))",
                  (*rows[0], key_id, *rows[0], GENESIS))
        position = c.lastrowid
        previous = self._link_functions[id(c.sqlite_cursor.connection)][2][-1]
        positions, rest = [position], []
        for row in rows[1:]:
            position += 1
            previous = link(key, position, *row, previous)
            rest.append((position, *row, key_id, previous))
            positions.append(position)
        if rest:
            c.executemany(f"INSERT INTO {table} (rowid, originator_id, originator_version, "
                          "topic, state, key_id, link) VALUES (?, ?, ?, ?, ?, ?, ?)", rest)
        return positions

    def select_states(self, originator_id) -> list[tuple[int, str, bytes]]:
        """(version, topic, stored bytes) of a record's events, in order: what a lean reader
        needs, without building a StoredEvent and a UUID for each row."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT originator_version, topic, state FROM {self.events_table_name} "
                      "WHERE originator_id = ? ORDER BY originator_version",
                      (originator_id.hex,))
            return [tuple(row) for row in c.fetchall()]

    def _register_link_function(self, connection, key: bytes) -> None:
        """Register lif_link once per connection and key: registering a function makes SQLite
        prepare every statement again, which would cost more than the chain itself."""
        registered = self.__dict__.setdefault("_link_functions", {})
        if registered.get(id(connection), (None, None))[1] != key:
            made: list[bytes] = []  # the function keeps the link it made last, to chain on

            def lif_link(*fields) -> bytes:
                made[:] = [link(key, *fields)]
                return made[0]

            connection.create_function("lif_link", 6, lif_link)
            registered[id(connection)] = (connection, key, made)  # holding it keeps the id

def read_meta(c, name: str) -> str | None:
    c.execute(f"SELECT value FROM {META_TABLE} WHERE name = ?", (name,))
    row = c.fetchone()
    return row[0] if row else None


def attach_keys(recorder: ChainedSQLiteRecorder, keys, creating: bool) -> None:
    """Give the recorder its chain key, read when it first writes. `lif init` makes the
    store's keys if it has none yet."""
    if creating:
        with recorder.datastore.transaction(commit=True) as c:
            if read_meta(c, "key_id") is None:
                key_id = keys.create()
                c.executemany(f"INSERT INTO {META_TABLE} VALUES (?, ?)",
                              [("key_id", key_id), ("origin", key_id)])
    cache: list[tuple[str, bytes]] = []

    def key_source() -> tuple[str, bytes]:
        if not cache:
            with recorder.datastore.transaction(commit=False) as c:
                key_id = read_meta(c, "key_id")
            if key_id is None:
                raise ProgrammingError("this store has no chain key id")
            cache.append((key_id, keys.chain_key(key_id)))
        return cache[0]

    recorder.key_source = key_source
