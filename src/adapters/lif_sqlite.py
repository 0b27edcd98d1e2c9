"""LIF's SQLite persistence module (PERSISTENCE_MODULE=adapters.lif_sqlite): the library's
SQLite infrastructure, with the chained recorder (ADR 0008), writing transactions that take
the write lock first, and connections that keep their prepared statements.

The library opens connections with a statement cache of one, so each save would prepare its
statements again (measured: once most of the chain's cost on a one-event save)."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import eventsourcing.sqlite as library  # a module name: the library looks for one factory here
from eventsourcing.persistence import InterfaceError, OperationalError

from adapters.chain import ChainedSQLiteRecorder

STATEMENTS_KEPT = 64


class ImmediateTransaction(library.SQLiteTransaction):
    """A writing transaction that takes SQLite's write lock first (`BEGIN IMMEDIATE`, waiting
    up to the lock timeout), before anything is read: the chained recorder reads the previous
    link in it (adapters.chain)."""

    def __enter__(self) -> library.SQLiteCursor:
        cursor = self.connection.cursor()
        try:
            cursor.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as e:
            cursor.sqlite_cursor.close()
            raise OperationalError(e) from e
        return cursor


class WriteLockingConnection(library.SQLiteConnection):
    """The library's connection, whose writing transactions begin `BEGIN IMMEDIATE`."""

    @contextmanager
    def transaction(self, *, commit: bool) -> Iterator[library.SQLiteCursor]:
        if not commit:
            with super().transaction(commit=False) as cursor:
                yield cursor
            return
        with ImmediateTransaction(self, commit=True) as cursor, cursor:
            yield cursor


class StatementKeepingPool(library.SQLiteConnectionPool):
    def _create_connection(self) -> library.SQLiteConnection:
        try:
            c = sqlite3.connect(database=self.db_name, uri=True, check_same_thread=False,
                                isolation_level=None, cached_statements=STATEMENTS_KEPT,
                                timeout=self.lock_timeout or library.SQLITE3_DEFAULT_LOCK_TIMEOUT)
        except (sqlite3.Error, TypeError) as e:
            raise InterfaceError(e) from e
        # A store on read-only media is opened immutable (adapters.sqlite_store.reading_uri):
        # its journal mode cannot, and need not, be set.
        if not self.is_sqlite_memory_mode and not self.is_journal_mode_wal \
                and "immutable=1" not in self.db_name:
            if c.execute("PRAGMA journal_mode;").fetchone()[0].lower() != "wal":
                c.execute("PRAGMA journal_mode=WAL;")
                self.journal_mode_was_changed_to_wal = True
            self.is_journal_mode_wal = True
        c.row_factory = sqlite3.Row
        return WriteLockingConnection(sqlite_conn=c, max_age=self.max_age)


class Factory(library.SQLiteFactory):
    application_recorder_class = ChainedSQLiteRecorder

    def __init__(self, env):
        super().__init__(env)
        library_pool = self.datastore.pool  # made by the library; no connection opened yet
        self.datastore.pool = StatementKeepingPool(db_name=library_pool.db_name,
                                                   lock_timeout=library_pool.lock_timeout)
