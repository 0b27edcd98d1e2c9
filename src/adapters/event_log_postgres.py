"""The reader of a PostgreSQL store's event table and metadata outside the event-sourcing
library (issue 15): the same questions as adapters.event_log asks of a SQLite file, so verify,
checkpoints, the export and the scenario runner read either store alike. Positions are the
table's `notification_id`, which has gaps: every question is asked of positions, never of
their being contiguous."""

from collections.abc import Iterator
from contextlib import contextmanager

from adapters.chain import META_TABLE
from adapters.chain_postgres import EVENTS
from adapters.event_log import LogRows
from adapters.postgres_settings import first_line as _first_line
from lif_domain.errors import InvalidInput, StoreError

BATCH = 5000
LAST = 2 ** 63 - 1


@contextmanager
def _read_errors():
    """The driver's failures to read, as LIF says them."""
    import psycopg

    try:
        yield
    except psycopg.errors.UndefinedTable:
        raise InvalidInput("this PostgreSQL database is not a LIF store (it has no event "
                           "table): run 'lif init' on an empty database") from None
    except psycopg.Error as e:
        raise StoreError(f"the PostgreSQL store cannot be read ({_first_line(e)})") from None


class PostgresEventLog(LogRows):
    gaps = True  # a sequence's: rolled-back transactions leave numbers unused

    def __init__(self, conninfo: str):
        self.conninfo = conninfo

    def _connect(self):
        import psycopg

        try:
            return psycopg.connect(self.conninfo, connect_timeout=10)
        except psycopg.Error as e:
            raise StoreError(f"the PostgreSQL store cannot be reached ({_first_line(e)})") \
                from None

    def batches(self, after: int = 0, linked: bool = False,
                through: int = LAST) -> Iterator[list[tuple]]:
        """One query streamed through a server-side cursor, BATCH rows at a time (a query per
        batch would let the planner sort the table again for each)."""
        columns = "notification_id, replace(originator_id::text, '-', ''), " \
                  "originator_version, topic, state" + (", key_id, link, keyed_by" if linked
                                                        else "")
        with self._connect() as db, db.cursor(name="lif_rows") as c, _read_errors():
            c.execute(f"SELECT {columns} FROM {EVENTS} WHERE notification_id > %s AND "
                      "notification_id <= %s ORDER BY notification_id", (after, through))
            while batch := c.fetchmany(BATCH):
                yield [(*row[:4], bytes(row[4]), *map(_bytes, row[5:])) for row in batch]

    def count(self, through: int | None = None) -> int:
        return self._one(f"SELECT COUNT(*) FROM {EVENTS} WHERE notification_id <= %s",
                         (LAST if through is None else through,))

    def head(self) -> int:
        return self._one(f"SELECT COALESCE(MAX(notification_id), 0) FROM {EVENTS}")

    def version_through(self, originator_id: str, position: int) -> int:
        return self._one(f"SELECT COALESCE(MAX(originator_version), 0) FROM {EVENTS} WHERE "
                         "replace(originator_id::text, '-', '') = %s AND notification_id <= %s",
                         (originator_id, position))

    def before(self, position: int) -> tuple[int, int, bytes | None, bool]:
        """As adapters.event_log.EventLog.before; a PostgreSQL store has only leaf hashes (no
        HMAC links of before ADR 0025)."""
        last, count = self._row(f"SELECT COALESCE(MAX(notification_id), 0), COUNT(*) FROM "
                                f"{EVENTS} WHERE notification_id <= %s", (position,))
        return last, count, None, count > 0

    def link_at(self, position: int) -> bytes | None:
        return _bytes(self._one(f"SELECT link FROM {EVENTS} WHERE notification_id = %s",
                                (position,)))

    def damage(self) -> list[str]:
        """PostgreSQL keeps its own pages whole; there is no file to check here."""
        return []

    def meta(self) -> dict[str, str]:
        with self._connect() as db:
            return dict(self._fetch(db, f"SELECT name, value FROM {META_TABLE}"))

    def set_meta(self, name: str, value: str) -> bool:
        """False when the login may not write the metadata (a reader's)."""
        import psycopg

        try:
            with self._connect() as db:
                db.execute(f"INSERT INTO {META_TABLE} VALUES (%s, %s) ON CONFLICT (name) DO "
                           "UPDATE SET value = excluded.value", (name, value))
            return True
        except (psycopg.Error, StoreError):
            return False

    def _one(self, sql: str, args: tuple = ()):
        row = self._row(sql, args)
        return row[0] if row else None

    def _row(self, sql: str, args: tuple = ()) -> tuple | None:
        with self._connect() as db:
            rows = self._fetch(db, sql, args)
            return rows[0] if rows else None

    @staticmethod
    def _fetch(db, sql: str, args: tuple = ()) -> list[tuple]:
        with _read_errors():
            return db.execute(sql, args).fetchall()

def _bytes(value):
    return bytes(value) if isinstance(value, memoryview) else value
