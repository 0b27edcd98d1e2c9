"""A PostgreSQL store of its own for a test (issue 15): a fresh schema in the server the tests
reach (LIF_TEST_POSTGRES_URL; default the machine's own, 127.0.0.1:5432, as user postgres),
dropped after the test."""

import os
import uuid
from contextlib import contextmanager

import psycopg

SERVER = os.environ.get("LIF_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
LOGIN = psycopg.conninfo.conninfo_to_dict(SERVER)["user"]  # who keys the tests' events there


@contextmanager
def postgres_store():
    """The environment that points LIF at a new, empty schema."""
    schema = f"lif_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(SERVER, autocommit=True) as db:
        db.execute(f"CREATE SCHEMA {schema}")
    try:
        yield {"LIF_DATABASE": "postgres", "LIF_POSTGRES_URL": SERVER,
               "LIF_POSTGRES_SCHEMA": schema}
    finally:
        with psycopg.connect(SERVER, autocommit=True) as db:
            db.execute(f"DROP SCHEMA {schema} CASCADE")


def count_events(env: dict) -> int:
    with psycopg.connect(env["LIF_POSTGRES_URL"]) as db:
        return db.execute(f"SELECT COUNT(*) FROM {env['LIF_POSTGRES_SCHEMA']}.stored_events"
                          ).fetchone()[0]
