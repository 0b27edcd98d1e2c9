"""A PostgreSQL store's own set-up, beside the library's tables (issue 15): its origin (the
name its checkpoints carry) and layout version, written by `lif init`; the login each command
runs as, which is who keys its events."""

import secrets

from adapters.chain import META_TABLE
from adapters.sqlite_store import SCHEMA_VERSION


def prepare(recorder, creating: bool) -> str:
    """Name a new store and mark its layout (`lif init`); the session's login, always."""
    from psycopg.sql import SQL, Identifier

    insert = SQL("INSERT INTO {0}.{1} VALUES ('origin', %s), ('schema_version', %s) ON "
                 "CONFLICT (name) DO NOTHING").format(Identifier(recorder.datastore.schema),
                                                      Identifier(META_TABLE))
    with recorder.datastore.get_connection() as conn, conn.transaction():
        if creating:
            conn.execute(insert, (secrets.token_hex(8), str(SCHEMA_VERSION)))
        # the login the recorder hashes into each leaf, read here once (not again on a write)
        recorder.login = conn.execute("SELECT session_user").fetchone()["session_user"]
        return recorder.login
