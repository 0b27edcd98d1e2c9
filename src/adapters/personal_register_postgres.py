"""The personal data register's sealed bytes in a partnership's PostgreSQL store (ADR 0039):
the table `lif_personal`, as on SQLite (adapters.personal_register), in the store's schema.
The keys stay in their folder outside the database, so an erasure destroys what opens the
bytes whatever PostgreSQL keeps of a deleted row until it is vacuumed, in its write-ahead
log or in a backup.

The store's owner makes the table (`lif init`, or its first use of the register in a store
made before); the writers' role may add, replace and delete its rows (an erasure deletes
one); the readers' role, an inspector's, may not read it, though the default privileges give
it every table the owner makes."""

from psycopg.sql import SQL, Identifier

from adapters.personal_register import TABLE
from adapters.postgres_roles import OWNS_SCHEMA, may, readers_role, writers_role
from adapters.postgres_settings import first_line
from lif_domain.errors import StoreError

NOT_ALLOWED = "this login may not use the personal data register (an inspector's may not read it)"
MAKE = f"CREATE TABLE {TABLE} (record text, what text, nonce bytea NOT NULL, " \
       "sealed bytea NOT NULL, PRIMARY KEY (record, what))"


class PostgresSealed:
    def __init__(self, conninfo: str, schema: str):
        self.conninfo, self.schema = conninfo, schema
        self.made = False
        self.db = None  # one login for the command, made at its first statement

    def _run(self, statement: str, args: tuple = ()) -> tuple | None:
        """One statement in a transaction of its own, the table made first if this login is
        the owner and it is missing; the row it returns."""
        import psycopg

        try:
            if self.db is None:
                self.db = psycopg.connect(self.conninfo, connect_timeout=10)
            with self.db.transaction():
                if not self.made:
                    self._make(self.db)
                cursor = self.db.execute(statement, args)
                row = cursor.fetchone() if cursor.description else None
            self.made = True  # (once the table's making, if any, is committed)
            return row
        except psycopg.errors.InsufficientPrivilege:
            raise StoreError(NOT_ALLOWED) from None
        except psycopg.Error as e:
            raise StoreError(f"the personal data register cannot be used ({first_line(e)})") \
                from None

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    def _make(self, db) -> None:
        made, owner = db.execute(f"SELECT to_regclass('{TABLE}') IS NOT NULL, {OWNS_SCHEMA}"
                                 ).fetchone()
        if not made and not owner:
            raise StoreError("this store's personal data register is not made yet: the "
                             "store's owner's login makes it, the first time it holds or "
                             "reveals personal data")
        if not made:
            db.execute(MAKE)
            roles = {row[0] for row in db.execute(
                "SELECT rolname FROM pg_roles WHERE rolname = ANY(%s)",
                ([writers_role(self.schema), readers_role(self.schema)],))}
            names = {"table": Identifier(TABLE), "writers": Identifier(writers_role(self.schema)),
                     "readers": Identifier(readers_role(self.schema))}
            if writers_role(self.schema) in roles:
                db.execute(SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {writers}"
                               ).format(**names))
            if readers_role(self.schema) in roles:
                db.execute(SQL("REVOKE ALL ON {table} FROM {readers}").format(**names))

    def ready(self) -> None:
        """Refused unless this login may use the table; made first if it is missing and this
        login is the owner (`lif init`)."""
        if not self._run(f"SELECT {may(TABLE, 'SELECT', 'INSERT', 'UPDATE', 'DELETE')}")[0]:
            raise StoreError(NOT_ALLOWED)

    def put(self, record: str, what: str, nonce: bytes, sealed: bytes) -> None:
        self._run(f"INSERT INTO {TABLE} VALUES (%s, %s, %s, %s) ON CONFLICT (record, what) DO "
                  "UPDATE SET nonce = EXCLUDED.nonce, sealed = EXCLUDED.sealed",
                  (record, what, nonce, sealed))

    def get(self, record: str, what: str) -> tuple[bytes, bytes] | None:
        row = self._run(f"SELECT nonce, sealed FROM {TABLE} WHERE record = %s AND what = %s",
                        (record, what))
        return row and (bytes(row[0]), bytes(row[1]))

    def delete(self, record: str, what: str) -> None:
        self._run(f"DELETE FROM {TABLE} WHERE record = %s AND what = %s", (record, what))
