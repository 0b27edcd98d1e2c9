"""Plain-words and JSON views of records and their histories."""


SYSTEM_FIELDS = frozenset({"originator_id", "originator_version", "timestamp", "originator_topic"})


def history_rows(events, with_fields: bool = True) -> list[dict]:
    """Each event in words; with its fields too (for --json)."""
    from lif_domain.narrative import describe

    rows = []
    for e in events:
        row = {"version": e.originator_version, "event": type(e).__qualname__,
               "recorded_at": e.timestamp.isoformat(timespec="seconds"), "text": describe(e)}
        if with_fields:
            row["fields"] = {k: getattr(e, k) for k in e.__dataclass_fields__
                             if k not in SYSTEM_FIELDS}
        rows.append(row)
    return rows


def history_text(rows: list[dict]) -> str:
    lines = ["History (business date, who, what; recorded time in brackets):"]
    for r in rows:
        lines.append(f"  {r['version']:>3}. {r['text']}  [recorded {r['recorded_at']}]")
    return "\n".join(lines)


def clock_line(row: dict) -> str:
    ended = f", {row['ended']}" if row["ended"] else ""
    return (f"  {row['status'].upper():<9} {row['subject']}: {row['clock']} {row['when']}"
            f"{ended} ({row['rule']})")
