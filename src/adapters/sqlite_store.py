"""Checks on a SQLite store file before the event store opens it, so that a wrong file gets a
clear message instead of a library traceback."""

import os
import sqlite3
from pathlib import Path

from lif_domain.errors import StoreError

SQLITE_HEADER = b"SQLite format 3\x00"
# The layout of LIF's tables and the meaning of their values (ADR 0017). A store marked with a
# later version was written by a newer LIF: this one refuses it rather than misread or damage
# it. Stores made before the mark existed are version 1; version 2 adds who keyed each event
# (the keyed_by column, ADR 0025), added to a version 1 store as LIF opens it.
SCHEMA_VERSION = 2


def on_read_only_media(path: Path) -> bool:
    """Whether the store's folder cannot be written (read-only media, a read-only mount or
    share): SQLite cannot then make the -shm and -wal files a WAL store's readers need."""
    folder = path.parent
    try:
        read_only = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs (Windows)
        read_only = False
    return read_only or not os.access(folder, os.W_OK)


def reading_uri(path: Path) -> str:
    """The URI a reader opens the store with: read-only, and on read-only media immutable
    (SQLite then takes no locks and needs no -shm file; nothing can change the file there).
    A write-ahead log left beside it holds changes not yet in the file, which an immutable
    reader would not see: refused."""
    uri = Path(os.path.abspath(path)).as_uri()
    if not on_read_only_media(path):
        return f"{uri}?mode=ro"
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        raise StoreError(f"{path} is on read-only media with a write-ahead log beside it "
                         f"({wal.name}) holding changes not yet in the store: open it once "
                         "where it can be written (any read command folds them in)")
    return f"{uri}?immutable=1"


def check_store_file(path: Path, *, must_exist: bool) -> None:
    """Refuse a path that is missing (when it must exist) or that is not a LIF store.

    It looks inside for LIF's tables and for the store's layout version, and refuses a store
    written by a newer LIF. Only `lif init` (must_exist False) creates tables; other commands
    open the store without creating them."""
    if not path.exists():
        if must_exist:
            raise StoreError(f"no LIF store at {path}: run 'lif init' to create one, or pass "
                             "--store / set LIF_STORE")
        if not path.parent.is_dir():
            raise StoreError(f"cannot create a store at {path}: folder {path.parent} is missing")
        return
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a LIF store")
    with path.open("rb") as f:
        header = f.read(len(SQLITE_HEADER))
    if header and header != SQLITE_HEADER:
        raise StoreError(f"{path} is not a LIF store (not an SQLite database)")
    if not header:
        return  # an empty file: the store is created in it
    try:
        tables, marked = _layout(reading_uri(path))
    except sqlite3.OperationalError as e:
        # After a process was killed mid-write, a read-only connection cannot always rebuild
        # the write-ahead log's index ("attempt to write a readonly database"): where the
        # folder can be written, a read-write connection (which creates nothing) recovers it.
        if "readonly" not in str(e) or on_read_only_media(path):
            raise StoreError(f"{path} cannot be read as a LIF store ({e})") from None
        try:
            tables, marked = _layout(f"{Path(os.path.abspath(path)).as_uri()}?mode=rw")
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{path} cannot be read as a LIF store ({e})") from None
    except sqlite3.DatabaseError as e:
        raise StoreError(f"{path} cannot be read as a LIF store ({e})") from None
    if tables and "stored_events" not in tables:
        raise StoreError(f"{path} is an SQLite database but not a LIF store")
    version = int(marked[0]) if marked and str(marked[0]).isdigit() else 1
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path} was written by a newer LIF (store version {version}; this "
                         f"LIF reads up to version {SCHEMA_VERSION}): upgrade LIF to use it; "
                         "nothing was written")


def _layout(uri: str) -> tuple[set[str], tuple | None]:
    """The store's tables, and its layout version row if it has one."""
    with sqlite3.connect(uri, uri=True, timeout=1) as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        marked = db.execute("SELECT value FROM lif_meta WHERE name = 'schema_version'"
                            ).fetchone() if "lif_meta" in tables else None
    return tables, marked


def mark_schema(datastore) -> None:
    """Record the store's layout version (lif init)."""
    with datastore.transaction(commit=True) as c:
        c.execute("INSERT OR IGNORE INTO lif_meta VALUES ('schema_version', ?)",
                  (str(SCHEMA_VERSION),))


def is_driver_error(error: Exception) -> bool:
    """Whether `error` is SQLite's own (a damaged file, a lock held)."""
    return isinstance(error, sqlite3.DatabaseError)
