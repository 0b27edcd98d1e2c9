"""Tamper evidence: every stored event bound into a keyed hash chain (HMAC-SHA256), written in
the same transaction as the event, so the chain follows commit order (ADR 0008).

A link covers a version tag, the position, the aggregate id and version, the event type, a
hash of the exact stored bytes, and the previous link; each field is length-prefixed so no two
different inputs can give the same message."""

import hashlib
import struct
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any
from uuid import UUID

from eventsourcing.persistence import ProgrammingError, StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor

TAG = b"LIF-CHAIN-v1"
GENESIS = b"\x00" * 32
META_TABLE = "lif_meta"


length_prefix = struct.Struct(">I").pack  # each field is prefixed with its length: 4 bytes, big-endian
TAG_FIELD = length_prefix(len(TAG)) + TAG
HASH_LENGTH = length_prefix(32)


_IPAD = bytes(x ^ 0x36 for x in range(256))
_OPAD = bytes(x ^ 0x5C for x in range(256))


class ChainKey:
    """HMAC-SHA256 under one key (RFC 2104), with the hashes of its two padded keys made once:
    copying two hashes costs less than copying an hmac object (0.6 against 1.0 us)."""

    def __init__(self, key: bytes):
        key = (hashlib.sha256(key).digest() if len(key) > 64 else key).ljust(64, b"\0")
        self.inner = hashlib.sha256(key.translate(_IPAD))
        self.outer = hashlib.sha256(key.translate(_OPAD))

    def digest(self, message: bytes) -> bytes:
        inner = self.inner.copy()
        inner.update(message)
        outer = self.outer.copy()
        outer.update(inner.digest())
        return outer.digest()


@lru_cache(maxsize=16)
def chain_key(key: bytes) -> ChainKey:
    return ChainKey(key)


def link(key: bytes, position: int, originator_id: str, version: int, topic: str,
         state: bytes, previous: bytes) -> bytes:
    position_field, id_field = str(position).encode(), originator_id.encode()
    version_field, topic_field = str(version).encode(), topic.encode()
    return chain_key(key).digest(b"".join((
        TAG_FIELD, length_prefix(len(position_field)), position_field,
        length_prefix(len(id_field)), id_field, length_prefix(len(version_field)), version_field,
        length_prefix(len(topic_field)), topic_field, HASH_LENGTH, hashlib.sha256(state).digest(),
        length_prefix(len(previous)), previous)))


class ChainedSQLiteRecorder(SQLiteApplicationRecorder):
    """The library's SQLite recorder, with each event's chain link in two more columns of its
    row (key_id, link).

    A save reads the last row's position and link, then inserts its events at the next
    positions with their links. LIF's connections begin every writing transaction with
    `BEGIN IMMEDIATE` (adapters.lif_sqlite), so the write lock is held before that read: the
    previous link is the true one, also with concurrent writers. (Were the lock not held, a
    writer that committed in between would make this insert fail, never fork the chain.) The
    composition root sets `key_source`, a callable giving (key id, key) when given the write
    transaction's cursor, called only when something is written."""

    key_source: Callable[[SQLiteCursor], tuple[str, bytes]] | None = None

    def __init__(self, datastore, events_table_name: str = "stored_events"):
        super().__init__(datastore, events_table_name)
        table = events_table_name
        self.select_head_statement = (f"SELECT rowid, link FROM {table} "
                                      "ORDER BY rowid DESC LIMIT 1")
        self.insert_linked_statement = (f"INSERT INTO {table} (rowid, originator_id, "
                                        "originator_version, topic, state, key_id, link) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?)")

    def construct_create_table_statements(self) -> list[str]:
        return [(f"CREATE TABLE IF NOT EXISTS {self.events_table_name} (originator_id TEXT, "
                 "originator_version INTEGER, topic TEXT, state BLOB, key_id TEXT, link BLOB, "
                 "PRIMARY KEY (originator_id, originator_version))"),
                f"CREATE TABLE IF NOT EXISTS {META_TABLE} (name TEXT PRIMARY KEY, value TEXT)"]

    def _insert_events(self, c: SQLiteCursor, stored_events: Sequence[StoredEvent],
                       **_: Any) -> Sequence[int] | None:
        if self.key_source is None:
            raise ProgrammingError("no chain key: events cannot be written unchained")
        key_id, key = self.key_source(c)
        c.execute(self.select_head_statement)
        head = c.fetchone()
        position, previous = (head[0], head[1] or GENESIS) if head else (0, GENESIS)
        rows = []
        for s in stored_events:
            oid = s.originator_id.hex if isinstance(s.originator_id, UUID) else str(s.originator_id)
            position += 1
            previous = link(key, position, oid, s.originator_version, s.topic, s.state, previous)
            rows.append((position, oid, s.originator_version, s.topic, s.state, key_id, previous))
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

    def key_source(c: SQLiteCursor) -> tuple[str, bytes]:
        # Read in the write transaction itself: a transaction of its own would open a second
        # connection, and saves would then alternate between two connections' page caches.
        if not cache:
            key_id = read_meta(c, "key_id")
            if key_id is None:
                raise ProgrammingError("this store has no chain key id")
            cache.append((key_id, keys.chain_key(key_id)))
        return cache[0]

    recorder.key_source = key_source
