"""lif history: any record's events in plain words, as it stands or as it stood on a date."""

import dataclasses
from datetime import date
from enum import Enum

import click

from cli.common import DATE, app_for, emit, reads


def plain(value):
    """The aggregate's state as JSON-able data, exactly as held."""
    if dataclasses.is_dataclass(value):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def state_of(record) -> dict:
    return {k: plain(v) for k, v in sorted(vars(record).items())
            if not k.startswith("_") and k not in ("dates", "meeting_versions")}


@click.command()
@click.argument("ref")
@click.option("--kind", type=click.Choice(["case", "review", "source", "action", "round",
                                          "training", "programme", "death", "s11",
                                          "audit"]),
              default=None, help="When a reference names more than one kind of record.")
@click.option("--as-of", type=DATE, default=None,
              help="Show the record as it stood at the end of this date.")
@click.option("--by", "clock", type=click.Choice(["recorded", "business"]), default="recorded",
              show_default=True, help="With --as-of: what our record said by then (recorded "
              "time), or what had happened by then (business dates).")
@reads
def history(ctx, ref, kind, as_of, clock, as_json):
    """Every event of a case, review, learning source, action or monitoring round, in order,
    in plain words: business date, who and in what role, what and why, and when it was
    recorded; with the records it links to and, for cases and reviews, their clocks.

    \b
    Example:
      lif history "Child H"
      lif history SCR-2017-01 --kind review --as-of 2017-06-30 --by business --json
    """
    from cli.render import clock_line, history_text, record_history

    app = app_for(ctx)
    kind, record, events, also = app.read(ref, kind)
    day = as_of or app.today()
    state, events = app.as_it_stood(events, day, clock) if as_of else (record, events)
    rows = record_history(app, kind, record, events, with_fields=as_json)
    # By business time (and as it stands) a record's clocks are what we know now, judged at
    # the end of the day: the same answer lif due gives. By recorded time, they are what the
    # record held then said.
    known = state if clock == "recorded" and as_of else record
    clocks = [c.row(day) for c in app.clocks_of(known, day)] if state else []
    data = {"ref": record.ref, "kind": kind, "as_of": as_of, "by": clock if as_of else None,
            "state": state_of(state) if state else None, "links": app.links(kind, record),
            "clocks": clocks, "events": rows, "also": also}
    when = f" as it stood at the end of {as_of} ({clock} time)" if as_of else ""
    lines = [f"History of {kind} {record.ref}{when}"]
    lines += [f"  Linked {name}: {', '.join(refs)}" for name, refs in data["links"].items()
              if refs]
    lines += [f"  Also a {k}: lif history {record.ref!r} --kind {k}" for k in also]
    if clocks:
        lines += ["Clocks:"] + [clock_line(r) for r in clocks]
    body = history_text(rows) if rows else "Nothing was recorded by then."
    emit(as_json, data, "\n".join(lines) + "\n\n" + body)

