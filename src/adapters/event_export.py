"""The event log out to JSON Lines or CSV, streamed in constant memory and reproducible: the
same store and arguments give byte-identical files (issue 5).

Rows are read from the event log (adapters.event_log) in position order, in batches; the front
of each stored JSON is read for its business date, recorded time, member and role, and the
payload written as it is stored, as bytes. Nothing is held beyond one batch."""

import io
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from functools import partial

from adapters.event_log import EventLog
from adapters.in_parts import how_many, in_parts

COLUMNS = ("position", "event", "aggregate", "version", "on", "recorded_at", "member", "role",
           "payload")

JSONL = (b'{"position":%d,"event":%s,"aggregate":"%s","version":%d,"on":"%s",'
         b'"recorded_at":"%s","member":%s,"role":%s,"payload":%s}\n')
CSV = b'%d,%s,%s,%d,%s,%s,%s,%s,"%s"\n'


def export(stream: io.BufferedIOBase, log: EventLog, fmt: str, since: date | None = None,
           until: date | None = None, types: tuple[str, ...] = (),
           aggregates: tuple[str, ...] = (), progress: Callable[[int], None] | None = None,
           parts: int | None = None) -> int:
    """Write each event as a line of COLUMNS ('jsonl' or 'csv') to a binary stream, in
    position order, filtered by business date, event type ('ChairDecided' or
    'Case.ChairDecided') and aggregate id; return how many. The payload is the event's state
    exactly as stored (the bytes its chain link covers). `progress(n)` is told of each batch
    read. A large log is cut into as many parts as there are processors (adapters.in_parts;
    `parts` to choose): the first is written here while the others are written to files in a
    temporary folder, copied after it in order, so the output is the same."""
    if fmt == "csv":
        stream.write(",".join(COLUMNS).encode() + b"\n")
    wanted = (fmt, since.isoformat().encode() if since else b"",
              until.isoformat().encode() if until else b"~", types, set(aggregates))
    head = log.head()
    parts = how_many(head, parts)
    if parts == 1:
        return _lines(stream, log, wanted, 0, head, progress)
    stream.flush()  # nothing buffered is copied into the forked processes
    with tempfile.TemporaryDirectory(prefix="lif-export-") as folder:
        written = in_parts(partial(_lines, stream, log, wanted),
                           partial(_lines_to_file, folder, log, wanted), head, parts, progress)
        n = written[0]
        for path, count in written[1:]:
            with open(path, "rb") as part:
                shutil.copyfileobj(part, stream, 1 << 20)
            n += count
    return n


def _lines_to_file(folder: str, log: EventLog, wanted: tuple, after: int,
                   through: int) -> tuple[str, int]:
    path = os.path.join(folder, f"after-{after}")
    with open(path, "wb") as out:
        return path, _lines(out, log, wanted, after, through)


def _lines(stream, log: EventLog, wanted: tuple, after: int, through: int,
           progress=None) -> int:
    """The lines of the events after position `after` and at or before `through`: one loop
    over the log's batches, since per-row work is what an export of a million events costs."""
    fmt, first, last, types, wanted_ids = wanted
    csv = fmt == "csv"
    line, quote = (CSV, _field) if csv else (JSONL, _json)
    write, n = stream.write, 0
    names: dict[str, tuple[str, bytes]] = {}  # topic -> event type, as written: few topics
    quoted: dict[bytes, bytes] = {}  # members and roles repeat: quote each once
    for batch in log.batches(after, through=through):
        if progress:
            progress(len(batch))
        for position, originator_id, version, topic, state in batch:
            named = names.get(topic)
            if named is None:
                event = topic.rsplit(":", 1)[-1]
                named = names[topic] = (event, event.encode() if csv else _json(event))
            if types and named[0] not in types and named[0].rsplit(".", 1)[-1] not in types:
                continue
            if wanted_ids and originator_id not in wanted_ids:
                continue
            on, recorded, member, role = _head(state)
            if first <= on <= last:
                write(line % (position, named[1], originator_id.encode(), version, on, recorded,
                              quoted.get(member) or quoted.setdefault(member, quote(member)),
                              quoted.get(role) or quoted.setdefault(role, quote(role)),
                              state.replace(b'"', b'""') if csv else state))
                n += 1
    return n


PREFIX = b'{"timestamp":{"_type_":"datetime_iso","_data_":"'
MEMBER, ROLE, ON = b',"member":"', b'","role":"', b'","on":{"_type_":"date_iso","_data_":"'
AT = len(PREFIX)


def _head(state: bytes) -> tuple[bytes, bytes, bytes, bytes]:
    """Business date, recorded time, member and role of a stored event, as UTF-8.

    The library writes every LIF event with these fields first and in this order, so they are
    read off the front of the bytes when the member and role are plain ASCII (their JSON is
    then their text); anything else is parsed in full."""
    if state.startswith(PREFIX):
        try:
            recorded_end = state.index(b'"', AT)
            member_at = state.index(MEMBER, recorded_end) + 11
            member_end = state.index(ROLE, member_at)
            role_end = state.index(ON, member_end + 10)
            member, role = state[member_at:member_end], state[member_end + 10:role_end]
            if member.isascii() and role.isascii() and b"\\" not in member \
                    and b"\\" not in role:
                return (state[role_end + 38:role_end + 48], state[AT:recorded_end], member, role)
        except ValueError:
            pass
    data = json.loads(state)
    return (data["on"]["_data_"].encode(), data["timestamp"]["_data_"].encode(),
            data["member"].encode(), data["role"].encode())


def _json(text: str | bytes) -> bytes:
    """`text` as a JSON string, as json.dumps writes it (ASCII, escaped)."""
    return json.dumps(text if isinstance(text, str) else text.decode()).encode()


def _field(text: bytes) -> bytes:
    if any(c in text for c in (b",", b'"', b"\r", b"\n")):
        return b'"' + text.replace(b'"', b'""') + b'"'
    return text
