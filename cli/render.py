"""Plain-words and JSON views of records and their histories."""


SYSTEM_FIELDS = frozenset({"originator_id", "originator_version", "timestamp", "originator_topic"})


def history_rows(events, with_fields: bool = True, notes: dict | None = None,
                 keyed_by: dict | None = None) -> list[dict]:
    """Each event in words, in business-date order (events of one date in the order they were
    recorded; `version` is the recorded order); with its fields too (for --json), a note
    where `notes` has one for its version, and who keyed it where `keyed_by` says."""
    from lif_domain.narrative import describe

    rows = []
    for e in sorted(events, key=lambda e: (e.on, e.originator_version)):
        row = {"version": e.originator_version, "on": e.on, "event": type(e).__qualname__,
               "recorded_at": e.timestamp.isoformat(timespec="seconds"), "text": describe(e)}
        if keyed_by and e.originator_version in keyed_by:
            row["keyed_by"] = keyed_by[e.originator_version]
        if notes and e.originator_version in notes:
            row["note"] = notes[e.originator_version]
        if with_fields:
            row["fields"] = {k: getattr(e, k) for k in e.__dataclass_fields__
                             if k not in SYSTEM_FIELDS}
        rows.append(row)
    return rows


def record_history(app, kind: str, record, events=None, with_fields: bool = True) -> list[dict]:
    """A record's history rows with who keyed each event and the notes on how it was keyed
    (rules W3, W5): what `lif history` and each `show` command print."""
    events = app.history(record) if events is None else events
    return history_rows(events, with_fields, notes=app.notes(kind, record.ref, events),
                        keyed_by=app.keyed_by(kind, record.ref))


def history_text(rows: list[dict]) -> str:
    """Numbered in business-date order; where that is not the order of recording, the event's
    place in the record's recorded order is said beside its recorded time."""
    lines = ["History in business-date order (business date, who, what; when recorded, and by "
             "which account, in brackets):"]
    for n, r in enumerate(rows, 1):
        order = f"; recorded as event {r['version']}" if r["version"] != n else ""
        keyed = f" by account {r['keyed_by']}" if r.get("keyed_by") else ""
        lines.append(f"  {n:>3}. {r['text']}  [recorded {r['recorded_at']}{keyed}{order}]")
        if r.get("note"):
            lines.append(f"       NOTE: {r['note']}")
    return "\n".join(lines)


def clock_line(row: dict) -> str:
    ended = f", {row['ended']}" if row["ended"] else ""
    against = f"; {row['against_original']}" if row["against_original"] else ""
    delays = "".join(f"\n            delay explained {d}" for d in row["delays"])
    return (f"  {row['status'].upper():<9} {row['subject']}: {row['clock']} {row['when']}"
            f"{ended}{against} ({row['rule']}){delays}")
