"""Checks on a SQLite store file before the event store opens it, so that a wrong file gets a
clear message instead of a library traceback."""

import sqlite3
from pathlib import Path

from lif_domain.errors import StoreError

SQLITE_HEADER = b"SQLite format 3\x00"


def check_store_file(path: Path, *, must_exist: bool) -> None:
    """Refuse a path that is missing (when it must exist) or that is not a LIF store.

    Only `lif init` (must_exist False) looks inside for tables, before creating its own; other
    commands open the store without creating tables, and a database without LIF's table fails
    there with the same clear message (see lif_domain.application.base)."""
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
    if not header or must_exist:
        return  # an empty file: the store is created in it
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as db:
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as e:
        raise StoreError(f"{path} cannot be read as a LIF store ({e})") from None
    if tables and "stored_events" not in tables:
        raise StoreError(f"{path} is an SQLite database but not a LIF store")
