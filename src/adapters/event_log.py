"""The one reader of a SQLite store's event table and metadata outside the event-sourcing
library: verify, checkpoints, key rotation, the export and the scenario runner read the log
through it, so only this module and the recorder (adapters.chain) know the table's layout."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from adapters.chain import META_TABLE
from adapters.sqlite_store import reading_uri
from lif_domain.errors import InvalidInput

EVENTS = "stored_events"
BATCH = 5000


class LogRows:
    """What a store's log reader derives from its `batches`, whatever the store."""

    def rows(self, after: int = 0, linked: bool = False,
             through: int = 2 ** 63 - 1) -> Iterator[tuple]:
        """(position, aggregate id, version, topic, stored bytes[, key id, link, who keyed
        it]) of every event after `after` (and at or before `through`), in position order,
        read a batch at a time."""
        for batch in self.batches(after, linked, through):
            yield from batch

    def tree(self):
        """The Merkle tree of every event, its leaves hashed from the stored bytes (ADR 0025)."""
        from adapters.chain import event_leaf
        from adapters.merkle import Tree

        return Tree(b"".join(event_leaf(oid, v, t, s, by) for batch in self.batches(linked=True)
                             for _, oid, v, t, s, _, _, by in batch))


class EventLog(LogRows):
    gaps = False  # SQLite's positions are contiguous: a gap is a deleted event

    def __init__(self, path: Path):
        self.path = path

    def _open(self, write: bool = False) -> sqlite3.Connection:
        try:
            if write:
                return sqlite3.connect(self.path, timeout=30)
            return sqlite3.connect(reading_uri(self.path), uri=True)
        except sqlite3.Error as e:
            raise InvalidInput(f"{self.path} cannot be read as a LIF store ({e})") from None

    def batches(self, after: int = 0, linked: bool = False,
                through: int = 2 ** 63 - 1) -> Iterator[list[tuple]]:
        """The rows of `rows`, a list of up to BATCH at a time (for loops that pay per row);
        `linked` adds key id, link and who keyed it."""
        columns = "rowid, originator_id, originator_version, topic, state" + (
            f", key_id, link, {self._keyed_by()}" if linked else "")
        db = self._open()
        try:
            while batch := db.execute(f"SELECT {columns} FROM {EVENTS} WHERE rowid > ? AND "
                                      "rowid <= ? ORDER BY rowid LIMIT ?",
                                      (after, through, BATCH)).fetchall():
                yield batch
                after = batch[-1][0]
        except sqlite3.DatabaseError as e:
            raise InvalidInput(f"{self.path} cannot be read as a LIF store ({e})") from None
        finally:
            db.close()

    def _keyed_by(self) -> str:
        """The keyed_by column, or NULL in a store made before it (read-only, not migrated)."""
        if "_keyed_by_column" not in vars(self):
            db = self._open()
            try:
                names = [r[1] for r in db.execute(f"PRAGMA table_info({EVENTS})")]
            finally:
                db.close()
            self._keyed_by_column = "keyed_by" if "keyed_by" in names else "NULL"
        return self._keyed_by_column

    def count(self, through: int | None = None) -> int:
        """How many events there are (at or before position `through`)."""
        return self._one(f"SELECT COUNT(*) FROM {EVENTS} WHERE rowid <= ?",
                         (2 ** 63 - 1 if through is None else through,))

    def head(self) -> int:
        return self._one(f"SELECT COALESCE(MAX(rowid), 0) FROM {EVENTS}")

    def version_through(self, originator_id: str, position: int) -> int:
        """The last version of record `originator_id` at or before `position` (0: none)."""
        return self._one(f"SELECT COALESCE(MAX(originator_version), 0) FROM {EVENTS} WHERE "
                         "originator_id = ? AND rowid <= ?", (originator_id, position))

    def before(self, position: int) -> tuple[int, int, bytes | None, bool]:
        """Where a walk from `position` starts: the last position at or before it (0: none),
        how many events there are up to it (the walk's first leaf index), the last HMAC link
        at or before it (None: none; ADR 0008), and whether a row with a leaf hash is."""
        last, count = self._row(f"SELECT COALESCE(MAX(rowid), 0), COUNT(*) FROM {EVENTS} "
                                "WHERE rowid <= ?", (position,))
        link = self._one(f"SELECT link FROM {EVENTS} WHERE rowid <= ? AND link IS NOT NULL "
                         "AND key_id IS NOT NULL ORDER BY rowid DESC LIMIT 1", (position,))
        leaves = self._one(f"SELECT EXISTS (SELECT 1 FROM {EVENTS} WHERE rowid <= ? AND "
                           "key_id IS NULL)", (position,))
        return last, count, link, bool(leaves)

    def link_at(self, position: int) -> bytes | None:
        return self._one(f"SELECT link FROM {EVENTS} WHERE rowid = ?", (position,))

    def damage(self) -> list[str]:
        """What SQLite's quick check finds wrong with the file (nothing: [])."""
        with self._open() as db:
            return [r[0] for r in db.execute("PRAGMA quick_check") if r[0] != "ok"]

    def meta(self) -> dict[str, str]:
        with self._open() as db:
            return dict(db.execute(f"SELECT name, value FROM {META_TABLE}"))

    def set_meta(self, name: str, value: str) -> bool:
        """Set `name` in the store's metadata; False when the store cannot be written (a
        read-only copy, a lock held too long)."""
        try:
            with self._open(write=True) as db:
                db.execute(f"INSERT OR REPLACE INTO {META_TABLE} VALUES (?, ?)", (name, value))
            return True
        except (sqlite3.Error, InvalidInput):
            return False

    def _one(self, sql: str, args: tuple = ()):
        row = self._row(sql, args)
        return row[0] if row else None

    def _row(self, sql: str, args: tuple = ()) -> tuple | None:
        db = self._open()
        try:
            return db.execute(sql, args).fetchone()
        except sqlite3.DatabaseError as e:
            raise InvalidInput(f"{self.path} cannot be read as a LIF store ({e})") from None
        finally:
            db.close()
