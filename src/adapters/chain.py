"""Tamper evidence anyone can check: every stored event is a leaf of an RFC 6962 Merkle tree,
its leaf hash written in the same transaction as the event (ADR 0025). No key is needed to
write or to verify; checkpoints of the tree, signed by a custodian, are what fix it
(adapters.checkpoint).

    leaf hash = SHA-256(0x00 || "LIF-EVENT-v1" | aggregate id | version | event type |
                        SHA-256(the exact stored bytes) | who keyed it)

each field length-prefixed (4 bytes, big-endian), so no two different events share a leaf.
Who keyed it (`keyed_by`) is the operating-system account of the process that wrote the event,
taken by the composition root from the system, never from what the user typed (issue 12); on
PostgreSQL the database login (issue 15). Rows written before it was recorded have none.
The leaves are in position order; the tree's shape comes from their number, not their
positions, so gaps in positions (PostgreSQL's) change nothing."""

import hashlib
import struct
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor

from adapters.merkle import leaf_hash

TAG = b"LIF-EVENT-v1"
META_TABLE = "lif_meta"

length_prefix = struct.Struct(">I").pack
TAG_FIELD = length_prefix(len(TAG)) + TAG
HASH_LENGTH = length_prefix(32)


def field(text: str) -> bytes:
    data = text.encode()
    return length_prefix(len(data)) + data


def event_leaf(originator_id: str, version: int, topic: str, state: bytes,
               keyed_by: str | None = None) -> bytes:
    return leaf_hash(b"".join((TAG_FIELD, field(originator_id), field(str(version)),
                               field(topic), HASH_LENGTH, hashlib.sha256(state).digest(),
                               field(keyed_by or ""))))


class ChainedSQLiteRecorder(SQLiteApplicationRecorder):
    """The library's SQLite recorder, with each event's leaf hash (`link`) and who keyed it
    (`keyed_by`, set by the composition root) in its row; `key_id` is left empty: it named the
    HMAC key of rows written before ADR 0025.

    A save reads the last row's position and inserts its events at the next positions. LIF's
    connections begin every writing transaction with `BEGIN IMMEDIATE` (adapters.lif_sqlite),
    so the write lock is held before that read, also with concurrent writers; the positions
    give the leaves' order."""

    keyed_by: str | None = None

    def __init__(self, datastore, events_table_name: str = "stored_events"):
        super().__init__(datastore, events_table_name)
        table = events_table_name
        self.select_head_statement = f"SELECT MAX(rowid) FROM {table}"
        self.insert_linked_statement = (f"INSERT INTO {table} (rowid, originator_id, "
                                        "originator_version, topic, state, key_id, link, "
                                        "keyed_by) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)")

    def construct_create_table_statements(self) -> list[str]:
        return [(f"CREATE TABLE IF NOT EXISTS {self.events_table_name} (originator_id TEXT, "
                 "originator_version INTEGER, topic TEXT, state BLOB, key_id TEXT, link BLOB, "
                 "keyed_by TEXT, PRIMARY KEY (originator_id, originator_version))"),
                f"CREATE TABLE IF NOT EXISTS {META_TABLE} (name TEXT PRIMARY KEY, value TEXT)"]

    def _insert_events(self, c: SQLiteCursor, stored_events: Sequence[StoredEvent],
                       **_: Any) -> Sequence[int] | None:
        c.execute(self.select_head_statement)
        position = c.fetchone()[0] or 0
        rows, by = [], self.keyed_by
        for s in stored_events:
            oid = s.originator_id.hex if isinstance(s.originator_id, UUID) else str(s.originator_id)
            position += 1
            rows.append((position, oid, s.originator_version, s.topic, s.state,
                         event_leaf(oid, s.originator_version, s.topic, s.state, by), by))
        c.executemany(self.insert_linked_statement, rows)
        return [row[0] for row in rows]

    def select_states(self, originator_id) -> list[tuple[int, str, bytes]]:
        """(version, topic, stored bytes) of a record's events, in order: what a lean reader
        needs, without building a StoredEvent and a UUID for each row."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT originator_version, topic, state FROM {self.events_table_name} "
                      "WHERE originator_id = ? ORDER BY originator_version",
                      (originator_id.hex,))
            return [tuple(row) for row in c.fetchall()]

    def select_states_of(self, originator_ids: Sequence[UUID], chunk: int = 500) -> dict:
        """{id: [(version, topic, stored bytes), ...]} for many records, in one read
        transaction and a query per `chunk` of them."""
        found: dict[UUID, list] = {}
        by_hex = {i.hex: i for i in originator_ids}
        hexes = list(by_hex)
        with self.datastore.transaction(commit=False) as c:
            for at in range(0, len(hexes), chunk):
                part = hexes[at:at + chunk]
                c.execute(f"SELECT originator_id, originator_version, topic, state FROM "
                          f"{self.events_table_name} WHERE originator_id IN "
                          f"({', '.join('?' * len(part))}) ORDER BY originator_id, "
                          "originator_version", part)
                for oid, version, topic, state in c.fetchall():
                    found.setdefault(by_hex[oid], []).append((version, topic, state))
        return found


    def select_keyed_by(self, originator_id) -> dict[int, str]:
        """{version: who keyed it} of a record's events that say (ADR 0025)."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT originator_version, keyed_by FROM {self.events_table_name} "
                      "WHERE originator_id = ? AND keyed_by IS NOT NULL", (originator_id.hex,))
            return dict(c.fetchall())


def read_meta(c, name: str) -> str | None:
    c.execute(f"SELECT value FROM {META_TABLE} WHERE name = ?", (name,))
    row = c.fetchone()
    return row[0] if row else None


def add_keyed_by(recorder: ChainedSQLiteRecorder) -> None:
    """A store made before events recorded who keyed them gains the (empty) column: a change
    of layout, not of any stored event (ADR 0017). Left alone where the store cannot be
    written: reads do without it."""
    from eventsourcing.persistence import OperationalError

    try:
        with recorder.datastore.transaction(commit=False) as c:
            c.execute(f"PRAGMA table_info({recorder.events_table_name})")
            if any(row[1] == "keyed_by" for row in c.fetchall()):
                return
        with recorder.datastore.transaction(commit=True) as c:
            c.execute(f"ALTER TABLE {recorder.events_table_name} ADD COLUMN keyed_by TEXT")
            # An older LIF would write rows without it: it refuses a store of a later version.
            c.execute(f"INSERT OR REPLACE INTO {META_TABLE} VALUES ('schema_version', '2')")
    except OperationalError:
        pass  # read-only, or another process added it first


def name_the_log(recorder: ChainedSQLiteRecorder) -> None:
    """`lif init`: give a new store its origin, the name its checkpoints carry (C2SP
    tlog-checkpoint), unless it has one."""
    import secrets

    with recorder.datastore.transaction(commit=True) as c:
        if read_meta(c, "origin") is None:
            c.execute(f"INSERT INTO {META_TABLE} VALUES ('origin', ?)", (secrets.token_hex(8),))
