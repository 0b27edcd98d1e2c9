"""A read model for the annual report: for each record, the first and last business dates of
its events and whether it has ended, kept in the store beside the log and brought up to date
from the position it reached (issue 5; ADR 0012).

A year's report needs only the records with an event on or after the year's first day, and
those not ended by then; on a large log that is a small part of it. The index is derived data,
not chained: `lif report annual --rebuild-index` makes it again from the log."""

import sqlite3
from datetime import date
from pathlib import Path
from uuid import UUID

from adapters.event_export import _head
from lif_domain.lifespans import ENDING, REPORTED

TABLE = "report_record_index"
BATCH = 20000


def relevant_records(path: Path, start: date, end: date, rebuild: bool = False) -> list[UUID]:
    """Ids of the reported records that a year from `start` to `end` needs."""
    db = sqlite3.connect(path, isolation_level=None, timeout=30)
    try:
        db.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (originator_id TEXT PRIMARY KEY, "
                   "topic TEXT, first_on TEXT, last_on TEXT, ended INTEGER, "
                   "first_position INTEGER)")
        if rebuild:
            db.execute(f"DELETE FROM {TABLE}")
            db.execute("DELETE FROM lif_meta WHERE name = 'report_index_position'")
        _catch_up(db)
        return [UUID(hex=row[0]) for row in db.execute(
            f"SELECT originator_id FROM {TABLE} WHERE first_on <= ? AND (last_on >= ? OR "
            "ended = 0) ORDER BY first_position", (end.isoformat(), start.isoformat()))]
    finally:
        db.close()


def _catch_up(db) -> None:
    row = db.execute("SELECT value FROM lif_meta WHERE name = 'report_index_position'").fetchone()
    position = int(row[0]) if row else 0
    fresh = position == 0  # nothing indexed yet: no entry to look up
    changed: dict[str, list] = {}
    while True:
        batch = db.execute("SELECT rowid, originator_id, topic, state FROM stored_events "
                           "WHERE rowid > ? ORDER BY rowid LIMIT ?", (position, BATCH)).fetchall()
        if not batch:
            break
        for position, originator_id, topic, state in batch:
            if not topic.startswith(REPORTED):
                continue
            on = _head(state.decode())[0]
            entry = changed.get(originator_id)
            if entry is None:
                known = None if fresh else db.execute(
                    f"SELECT topic, first_on, last_on, ended, first_position FROM {TABLE} "
                    "WHERE originator_id = ?", (originator_id,)).fetchone()
                entry = changed[originator_id] = (list(known) if known
                                                  else [topic, on, on, 0, position])
            entry[1], entry[2] = min(entry[1], on), max(entry[2], on)
            ending = ENDING.get(topic.rsplit(":", 1)[1])
            if ending is not None:
                entry[3] = int(ending)
    db.execute("BEGIN")
    db.executemany(f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?, ?, ?, ?, ?)",
                   [(k, *v) for k, v in changed.items()])
    db.execute("INSERT OR REPLACE INTO lif_meta VALUES ('report_index_position', ?)",
               (str(position),))
    db.execute("COMMIT")
