"""The event log out to JSON Lines or CSV, streamed in constant memory and reproducible: the
same store and arguments give byte-identical files (issue 5).

Rows are read straight from the SQLite store in position order, in batches, and their stored
JSON is decoded once; nothing is held beyond one batch."""

import csv
import io
import json
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

COLUMNS = ("position", "event", "aggregate", "version", "on", "recorded_at", "member", "role",
           "payload")
SYSTEM = frozenset({"timestamp", "originator_topic", "member", "role", "on"})
BATCH = 5000


def rows(path: Path, since: date | None = None, until: date | None = None,
         types: tuple[str, ...] = (), aggregates: tuple[str, ...] = (),
         progress: Callable[[int], None] | None = None) -> Iterator[dict]:
    """Each event as a flat dict, in position order, filtered by business date, event type
    ('ChairDecided' or 'Case.ChairDecided') and aggregate id."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    wanted_ids = set(aggregates)
    first, last = (since.isoformat() if since else ""), (until.isoformat() if until else "~")
    try:
        position = 0
        while True:
            batch = db.execute("SELECT rowid, originator_id, originator_version, topic, state "
                               "FROM stored_events WHERE rowid > ? ORDER BY rowid LIMIT ?",
                               (position, BATCH)).fetchall()
            if not batch:
                return
            for position, originator_id, version, topic, state in batch:
                event = topic.rsplit(":", 1)[-1]
                if types and event not in types and event.rsplit(".", 1)[-1] not in types:
                    continue
                if wanted_ids and originator_id not in wanted_ids:
                    continue
                data = json.loads(state)
                on = data.get("on", {}).get("_data_", "")
                if not first <= on <= last:
                    continue
                payload = {k: (v["_data_"] if isinstance(v, dict) and "_type_" in v else v)
                           for k, v in data.items() if k not in SYSTEM}
                yield {"position": position, "event": event, "aggregate": originator_id,
                       "version": version, "on": on,
                       "recorded_at": data["timestamp"]["_data_"], "member": data["member"],
                       "role": data["role"], "payload": payload}
            if progress:
                progress(len(batch))
    finally:
        db.close()


def count(path: Path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return db.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]


def write(stream: io.TextIOBase, events: Iterator[dict], fmt: str) -> int:
    """Write rows as 'jsonl' or 'csv'; return how many."""
    n = 0
    if fmt == "jsonl":
        for row in events:
            stream.write(json.dumps(row, sort_keys=True, separators=(",", ":"),
                                    ensure_ascii=False) + "\n")
            n += 1
        return n
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in events:
        row["payload"] = json.dumps(row["payload"], sort_keys=True, separators=(",", ":"),
                                    ensure_ascii=False)
        writer.writerow([row[c] for c in COLUMNS])
        n += 1
    return n
