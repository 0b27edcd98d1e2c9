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
    type ('ChairDecided' or 'Case.ChairDecided') and aggregate id. The payload is the event's
    state exactly as stored (the bytes its chain link covers)."""
    wanted_ids = set(aggregates)
    first, last = (since.isoformat() if since else ""), (until.isoformat() if until else "~")
    n = 0
    for n, (position, originator_id, version, topic, state) in enumerate(log.rows(), 1):
        if progress and n % BATCH == 0:
            progress(BATCH)
        event = topic.rsplit(":", 1)[-1]
        if types and event not in types and event.rsplit(".", 1)[-1] not in types:
            continue
        if wanted_ids and originator_id not in wanted_ids:
            continue
        text = state.decode()
        on, recorded, member, role = _head(text)
        if first <= on <= last:
            yield (position, event, originator_id, version, on, recorded, member, role, text)
    if progress and n % BATCH:
        progress(n % BATCH)


PREFIX = '{"timestamp":{"_type_":"datetime_iso","_data_":"'


def _head(text: str) -> tuple[str, str, str, str]:
    """Business date, recorded time, member and role of a stored event.

    The library writes every LIF event with these fields first and in this order, so they are
    read off the front of the text; anything else is parsed in full."""
    if text.startswith(PREFIX):
        try:
            recorded_end = text.index('"', len(PREFIX))
            member_at = text.index(',"member":"', recorded_end) + 11
            member_end = text.index('","role":"', member_at)
            role_end = text.index('","on":{"_type_":"date_iso","_data_":"', member_end + 10)
            on_at = role_end + 38
            member, role = text[member_at:member_end], text[member_end + 10:role_end]
            if "\\" not in member and "\\" not in role:
                return (text[on_at:on_at + 10], text[len(PREFIX):recorded_end], member, role)
        except ValueError:
            pass
    data = json.loads(text)
    return (data["on"]["_data_"], data["timestamp"]["_data_"], data["member"], data["role"])


def write(stream: io.TextIOBase, events: Iterator[tuple], fmt: str) -> int:
    """Write rows as 'jsonl' or 'csv'; return how many."""
    n = 0
    if fmt == "jsonl":
        quote = json.dumps
        for p, event, aggregate, version, on, recorded, member, role, payload in events:
            stream.write(f'{{"position":{p},"event":{quote(event)},"aggregate":"{aggregate}",'
                         f'"version":{version},"on":"{on}","recorded_at":"{recorded}",'
                         f'"member":{quote(member)},"role":{quote(role)},'
                         f'"payload":{payload}}}\n')
            n += 1
        return n
    stream.write(",".join(COLUMNS) + "\n")
    for p, event, aggregate, version, on, recorded, member, role, payload in events:
        # The payload always holds quotes: quote it, doubling its own (RFC 4180), as the csv
        # module would, but without its per-field work.
        stream.write(f'{p},{event},{aggregate},{version},{on},{recorded},{_field(member)},'
                     f'{_field(role)},"{payload.replace(chr(34), chr(34) * 2)}"\n')
        n += 1
    return n


def _field(text: str) -> str:
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text
