"""The event log out to JSON Lines or CSV, streamed in constant memory and reproducible: the
same store and arguments give byte-identical files (issue 5).

Rows are read from the event log (adapters.event_log) in position order, in batches; each stored
JSON is parsed once for its business date, member and role, and written as it is stored.
Nothing is held beyond one batch."""

import io
import json
from collections.abc import Callable, Iterator
from datetime import date

from adapters.event_log import EventLog

COLUMNS = ("position", "event", "aggregate", "version", "on", "recorded_at", "member", "role",
           "payload")
BATCH = 5000


def rows(log: EventLog, since: date | None = None, until: date | None = None,
         types: tuple[str, ...] = (), aggregates: tuple[str, ...] = (),
         progress: Callable[[int], None] | None = None) -> Iterator[tuple]:
    """Each event as a tuple of COLUMNS, in position order, filtered by business date, event
    type ('ChairDecided' or 'Case.ChairDecided') and aggregate id: the position and version as
    numbers, the event type and aggregate as text, the rest as UTF-8 bytes. The payload is
    the event's state exactly as stored (the bytes its chain link covers)."""
    wanted_ids = set(aggregates)
    first = since.isoformat().encode() if since else b""
    last = until.isoformat().encode() if until else b"~"
    names: dict[str, str] = {}  # topic -> event type: a store has few topics
    n = 0
    for n, (position, originator_id, version, topic, state) in enumerate(log.rows(), 1):
        if progress and n % BATCH == 0:
            progress(BATCH)
        event = names.get(topic)
        if event is None:
            event = names[topic] = topic.rsplit(":", 1)[-1]
        if types and event not in types and event.rsplit(".", 1)[-1] not in types:
            continue
        if wanted_ids and originator_id not in wanted_ids:
            continue
        on, recorded, member, role = _head(state)
        if first <= on <= last:
            yield (position, event, originator_id, version, on, recorded, member, role, state)
    if progress and n % BATCH:
        progress(n % BATCH)


PREFIX = b'{"timestamp":{"_type_":"datetime_iso","_data_":"'
MEMBER, ROLE, ON = b',"member":"', b'","role":"', b'","on":{"_type_":"date_iso","_data_":"'


def _head(state: bytes) -> tuple[bytes, bytes, bytes, bytes]:
    """Business date, recorded time, member and role of a stored event, as UTF-8.

    The library writes every LIF event with these fields first and in this order, so they are
    read off the front of the bytes when the member and role are plain ASCII (their JSON is
    then their text); anything else is parsed in full."""
    if state.startswith(PREFIX):
        try:
            recorded_end = state.index(b'"', len(PREFIX))
            member_at = state.index(MEMBER, recorded_end) + 11
            member_end = state.index(ROLE, member_at)
            role_end = state.index(ON, member_end + 10)
            member, role = state[member_at:member_end], state[member_end + 10:role_end]
            if member.isascii() and role.isascii() and b"\\" not in member \
                    and b"\\" not in role:
                return (state[role_end + 38:role_end + 48], state[len(PREFIX):recorded_end], member,
                        role)
        except ValueError:
            pass
    data = json.loads(state)
    return (data["on"]["_data_"].encode(), data["timestamp"]["_data_"].encode(),
            data["member"].encode(), data["role"].encode())


def write(stream: io.BufferedIOBase, events: Iterator[tuple], fmt: str) -> int:
    """Write rows as 'jsonl' or 'csv' to a binary stream; return how many."""
    n = 0
    names: dict[str, bytes] = {}  # event types, members and roles repeat: encode each once
    if fmt == "jsonl":
        quoted: dict[bytes, bytes] = {}
        for p, event, aggregate, version, on, recorded, member, role, payload in events:
            stream.write(b'{"position":%d,"event":%s,"aggregate":"%s","version":%d,"on":"%s",'
                         b'"recorded_at":"%s","member":%s,"role":%s,"payload":%s}\n' % (
                             p, names.get(event) or names.setdefault(event, _json(event)),
                             aggregate.encode(), version, on, recorded,
                             quoted.get(member) or quoted.setdefault(member, _json(member)),
                             quoted.get(role) or quoted.setdefault(role, _json(role)),
                             payload))
            n += 1
        return n
    stream.write(",".join(COLUMNS).encode() + b"\n")
    fields: dict[bytes, bytes] = {}
    for p, event, aggregate, version, on, recorded, member, role, payload in events:
        # The payload always holds quotes: quote it, doubling its own (RFC 4180), as the csv
        # module would, but without its per-field work.
        stream.write(b'%d,%s,%s,%d,%s,%s,%s,%s,"%s"\n' % (
            p, names.get(event) or names.setdefault(event, event.encode()), aggregate.encode(),
            version, on, recorded, fields.get(member) or fields.setdefault(member, _field(member)),
            fields.get(role) or fields.setdefault(role, _field(role)),
            payload.replace(b'"', b'""')))
        n += 1
    return n


def _json(text: str | bytes) -> bytes:
    """`text` as a JSON string, as json.dumps writes it (ASCII, escaped)."""
    return json.dumps(text if isinstance(text, str) else text.decode()).encode()


def _field(text: bytes) -> bytes:
    if any(c in text for c in (b",", b'"', b"\r", b"\n")):
        return b'"' + text.replace(b'"', b'""') + b'"'
    return text
