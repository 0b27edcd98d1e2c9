"""Moving a board's log to another store (issue 15, item 4): SQLite to PostgreSQL or back.

The source is verified first; the target must be empty. Every event is copied with its exact
stored bytes, who keyed it and its leaf hash, in position order, and the target takes the
source's origin (the name its checkpoints carry), so the tree is the same tree and every
checkpoint a custodian signed verifies on both sides. The target is then verified against the
same checkpoints. Positions are kept where the target can keep them (a PostgreSQL target keeps
a SQLite store's); a SQLite target numbers the events 1, 2, 3... (PostgreSQL's positions have
gaps, which a SQLite store reads as deletions). The personal data register is not part of the
log and is not copied."""

from collections.abc import Callable

from adapters.chain import META_TABLE
from lif_domain.errors import InvalidInput

COPIED_META = ("origin", "schema_version")  # not a verification mark: its positions may change


def copy_rows(source_log, target_env: dict, target_path, progress: Callable | None = None
              ) -> int:
    """Copy every event of `source_log` into the (new, empty) target; return how many."""
    meta = {k: v for k, v in source_log.meta().items() if k in COPIED_META}
    if target_env.get("LIF_DATABASE") == "postgres":
        return _into_postgres(source_log, target_env, meta, progress)
    return _into_sqlite(source_log, target_path, meta, progress)


def _into_postgres(source_log, env: dict, meta: dict, progress) -> int:
    import psycopg

    from adapters.postgres_settings import conninfo

    copied = 0
    with psycopg.connect(conninfo(env)) as db:
        if db.execute("SELECT EXISTS (SELECT 1 FROM stored_events)").fetchone()[0]:
            raise InvalidInput("the target store already has events: copy into an empty one")
        db.execute(f"DELETE FROM {META_TABLE} WHERE name = ANY(%s)", (list(meta),))
        with db.cursor() as c:
            c.executemany(f"INSERT INTO {META_TABLE} VALUES (%s, %s)", list(meta.items()))
            for batch in source_log.batches(linked=True):
                c.executemany(
                    "INSERT INTO stored_events (notification_id, originator_id, "
                    "originator_version, topic, state, key_id, link, keyed_by) VALUES "
                    "(%s, %s::uuid, %s, %s, %s, %s, %s, %s)", batch)
                copied += len(batch)
                if progress:
                    progress(len(batch))
        db.execute("SELECT setval('stored_events_notification_id_seq', "
                   "(SELECT COALESCE(MAX(notification_id), 1) FROM stored_events))")
    return copied


def _into_sqlite(source_log, path, meta: dict, progress) -> int:
    import sqlite3

    copied = 0
    with sqlite3.connect(path) as db:
        if db.execute("SELECT EXISTS (SELECT 1 FROM stored_events)").fetchone()[0]:
            raise InvalidInput("the target store already has events: copy into an empty one")
        db.executemany(f"INSERT OR REPLACE INTO {META_TABLE} VALUES (?, ?)", list(meta.items()))
        for batch in source_log.batches(linked=True):
            db.executemany("INSERT INTO stored_events (rowid, originator_id, "
                           "originator_version, topic, state, key_id, link, keyed_by) VALUES "
                           "(?, ?, ?, ?, ?, ?, ?, ?)",
                           [(copied + n + 1, *row[1:]) for n, row in enumerate(batch)])
            copied += len(batch)
            if progress:
                progress(len(batch))
    return copied
