"""The personal data register (rule X3, ADR 0028): what a board must hold about a case's child
or family (a real name for the business manager's own look-up, a contact), kept outside the
event log. Each item is sealed (AES-256-GCM, `cryptography`) with a key of its own, kept in a
folder outside the store; the sealed bytes are in the store's `lif_personal` table.

Erasing overwrites and removes the key, then deletes the sealed bytes (with SQLite's
secure_delete; on PostgreSQL, adapters.personal_register_postgres, ADR 0039). Any copy of the
store made before (a backup) keeps only bytes no one can read again, and the log, which never
held the data, still verifies.

    <folder>/<record id>-<what>.key   32 random bytes (LIF_PERSONAL_KEYS, default
                                      ~/.config/lif/personal/<store origin>/)"""

import os
import secrets
import sqlite3
from collections.abc import Callable
from pathlib import Path

from adapters.files import write_new
from lif_domain.errors import StoreError

TABLE = "lif_personal"


def default_key_folder(env, store_origin: Callable[[], str]) -> Path:
    """LIF_PERSONAL_KEYS, or a folder named for the store's origin (asked of the store only
    then: on PostgreSQL, asking is a login)."""
    configured = env.get("LIF_PERSONAL_KEYS")
    if configured:
        return Path(configured)
    home = Path(env.get("HOME") or Path.home())
    return home / ".config" / "lif" / "personal" / store_origin()


class SqliteSealed:
    """The sealed bytes, in the SQLite store's file."""

    def __init__(self, store: Path):
        self.store = store

    def _db(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.store, timeout=30)
        db.execute("PRAGMA secure_delete = ON")
        db.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (record TEXT, what TEXT, nonce BLOB, "
                   "sealed BLOB, PRIMARY KEY (record, what))")
        return db

    def ready(self) -> None:
        """The file's table is made on first use, by whoever may write the file."""

    def close(self) -> None:
        """Nothing to give back: each use opens the file and is done with it."""

    def put(self, record: str, what: str, nonce: bytes, sealed: bytes) -> None:
        with self._db() as db:
            db.execute(f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?, ?, ?)",
                       (record, what, nonce, sealed))

    def get(self, record: str, what: str) -> tuple[bytes, bytes] | None:
        with self._db() as db:
            return db.execute(f"SELECT nonce, sealed FROM {TABLE} WHERE record = ? AND "
                              "what = ?", (record, what)).fetchone()

    def delete(self, record: str, what: str) -> None:
        with self._db() as db:
            db.execute(f"DELETE FROM {TABLE} WHERE record = ? AND what = ?", (record, what))


class Register:
    """Items sealed with keys of their own: the keys in a folder, the sealed bytes in `table`
    (SqliteSealed, or personal_register_postgres.PostgresSealed)."""

    def __init__(self, table, keys: Path):
        self.table, self.keys = table, keys

    def close(self) -> None:
        self.table.close()

    def _key_path(self, record: str, what: str) -> Path:
        return self.keys / f"{record}-{what}.key"

    def put(self, record: str, what: str, text: str) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self.keys.mkdir(parents=True, exist_ok=True, mode=0o700)
        key, nonce = secrets.token_bytes(32), secrets.token_bytes(12)
        write_new(self._key_path(record, what), key, replace=True)
        sealed = AESGCM(key).encrypt(nonce, text.encode(), f"{record}/{what}".encode())
        self.table.put(record, what, nonce, sealed)

    def has(self, record: str, what: str) -> bool:
        """Whether the item's key is still there."""
        return self._key_path(record, what).exists()

    def get(self, record: str, what: str) -> str | None:
        """The item, or None when its key or its sealed bytes are gone."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            key = self._key_path(record, what).read_bytes()
        except OSError:
            return None
        row = self.table.get(record, what)
        if row is None:
            return None
        try:
            return AESGCM(key).decrypt(row[0], row[1], f"{record}/{what}".encode()).decode()
        except (InvalidTag, ValueError):
            raise StoreError(f"the register's {what} of this record does not open with its key: "
                             "it was changed outside LIF") from None

    def erase(self, record: str, what: str) -> None:
        path = self._key_path(record, what)
        if path.exists():
            with path.open("r+b") as f:  # the key's bytes overwritten before it is removed
                f.write(b"\0" * max(32, path.stat().st_size))
                f.flush()
                os.fsync(f.fileno())
            path.unlink()
        self.table.delete(record, what)
