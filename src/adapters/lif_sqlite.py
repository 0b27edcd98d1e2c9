"""LIF's SQLite persistence module (PERSISTENCE_MODULE=adapters.lif_sqlite): the library's
SQLite infrastructure, with the chained recorder (ADR 0008) and connections that keep their
prepared statements.

The library opens connections with a statement cache of one, so each save would prepare its
statements again; the chained insert reads the previous link inside its own statement and
costs far more to prepare than to run (measured: most of the chain's cost on a one-event
save)."""

import sqlite3

import eventsourcing.sqlite as library  # a module name: the library looks for one factory here
from eventsourcing.persistence import InterfaceError

from adapters.chain import ChainedSQLiteRecorder

STATEMENTS_KEPT = 64


class StatementKeepingPool(library.SQLiteConnectionPool):
    def _create_connection(self) -> library.SQLiteConnection:
        try:
            c = sqlite3.connect(database=self.db_name, uri=True, check_same_thread=False,
                                isolation_level=None, cached_statements=STATEMENTS_KEPT,
                                timeout=self.lock_timeout or library.SQLITE3_DEFAULT_LOCK_TIMEOUT)
        except (sqlite3.Error, TypeError) as e:
            raise InterfaceError(e) from e
        if not self.is_sqlite_memory_mode and not self.is_journal_mode_wal:
            if c.execute("PRAGMA journal_mode;").fetchone()[0].lower() != "wal":
                c.execute("PRAGMA journal_mode=WAL;")
                self.journal_mode_was_changed_to_wal = True
            self.is_journal_mode_wal = True
        c.row_factory = sqlite3.Row
        return library.SQLiteConnection(sqlite_conn=c, max_age=self.max_age)


class Factory(library.SQLiteFactory):
    application_recorder_class = ChainedSQLiteRecorder

    def __init__(self, env):
        super().__init__(env)
        library_pool = self.datastore.pool  # made by the library; no connection opened yet
        self.datastore.pool = StatementKeepingPool(db_name=library_pool.db_name,
                                                   lock_timeout=library_pool.lock_timeout)
