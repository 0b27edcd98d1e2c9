"""What the record directory's two database stores share (ADR 0015; SQLite in
adapters.sqlite_read_store, PostgreSQL in adapters.postgres_read_store): the tables' columns,
the check of the position they were caught up to, and the meaning of a directory query in SQL.
`mark` is the driver's placeholder: '?' for sqlite3, '%s' for psycopg."""

import hashlib

from lif_domain.application.directory import VERSION, Entry, Query

RECORDS = "lif_records"
REVIEWED = "lif_round_actions"
COLUMNS = ("id", "kind", "ref", "opened", "first_on", "last_on", "ended_on", "link",
           "clocks_from", "quiet_from", "due_until")
SELECT = f"SELECT {', '.join(COLUMNS)} FROM {RECORDS}"
META = ("read_model_version", "read_model_position", "read_model_check")
SPOILT = "changed outside LIF"


def check(position: int) -> str:
    return hashlib.blake2b(f"lif read model {VERSION} at {position}".encode(),
                           digest_size=16).hexdigest()


def is_valid(meta: dict[str, str], triggers: int, expected_triggers: int) -> int | None:
    """The position the directory was caught up to, or None when it fails its checks: another
    layout, a position or check edited, or a trigger that spoils the check missing."""
    position = meta.get("read_model_position", "")
    if (meta.get("read_model_version") != str(VERSION) or not position.isdigit()
            or meta.get("read_model_check") != check(int(position))
            or triggers != expected_triggers):
        return None
    return int(position)


def where(query: Query, mark: str) -> tuple[str, list]:
    """The WHERE clause (and its arguments) of the entries `query` asks for."""
    clauses, args = [f"kind = {mark}"], [query.kind]
    if query.link is not None:
        clauses.append(f"link = {mark}")
        args.append(query.link)
    if query.active is not None:
        start, end = query.active
        clauses.append(f"first_on <= {mark} AND (last_on >= {mark} OR ended_on IS NULL OR "
                       f"due_until >= {mark})")
        args += [end, start, start]
    if query.clocks is not None:
        clauses.append(f"clocks_from <= {mark}")
        args.append(query.clocks)
        if not query.all_clocks:
            clauses.append(f"(quiet_from IS NULL OR quiet_from > {mark})")
            args.append(query.clocks)
    return " AND ".join(clauses), args


def chunks(values, size: int = 500):
    values = list(dict.fromkeys(values))
    for at in range(0, len(values), size):
        yield values[at:at + size]


def to_entries(rows) -> list[Entry]:
    """Entries from rows of COLUMNS, as tuples or as dicts."""
    return [Entry(**row) if isinstance(row, dict) else Entry(*row) for row in rows]
