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
CHAIN_TABLE = "event_chain"
META_TABLE = "lif_meta"


def link(key: bytes, position: int, originator_id: str, version: int, topic: str,
         state: bytes, previous: bytes) -> bytes:
    parts = (TAG, str(position).encode(), originator_id.encode(), str(version).encode(),
             topic.encode(), hashlib.sha256(state).digest(), previous)
    message = b"".join(len(p).to_bytes(4, "big") + p for p in parts)
    return hmac.digest(key, message, "sha256")


class ChainedSQLiteRecorder(SQLiteApplicationRecorder):
    """The library's SQLite recorder, writing a chain link for each event it inserts.

    The composition root sets `key_source`, a callable giving (key id, key); it is called only
    when something is written, so reading needs no key."""

    key_source: Callable[[], tuple[str, bytes]] | None = None

    def construct_create_table_statements(self) -> list[str]:
        return [*super().construct_create_table_statements(),
                f"CREATE TABLE IF NOT EXISTS {CHAIN_TABLE} (position INTEGER PRIMARY KEY, "
                "key_id TEXT NOT NULL, link BLOB NOT NULL)",
                f"CREATE TABLE IF NOT EXISTS {META_TABLE} (name TEXT PRIMARY KEY, value TEXT)"]

    def _insert_events(self, c: SQLiteCursor, stored_events: Sequence[StoredEvent],
                       **kwargs: Any) -> Sequence[int] | None:
        if self.key_source is None:
            raise ProgrammingError("no chain key: events cannot be written unchained")
        key_id, key = self.key_source()
        positions = super()._insert_events(c, stored_events, **kwargs)
        c.execute(f"SELECT link FROM {CHAIN_TABLE} ORDER BY position DESC LIMIT 1")
        row = c.fetchone()
        previous = row[0] if row else GENESIS
        for position, s in zip(positions, stored_events):
            previous = link(key, position, s.originator_id.hex if hasattr(s.originator_id, "hex")
                            else str(s.originator_id), s.originator_version, s.topic, s.state,
                            previous)
            c.execute(f"INSERT INTO {CHAIN_TABLE} VALUES (?, ?, ?)", (position, key_id, previous))
        return positions


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
