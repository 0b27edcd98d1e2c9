"""lif export: the event log as JSON Lines or CSV."""

import sys
from pathlib import Path

import click

from cli.common import DATE, lif_for, new_file, progress, refusals, replaceable


@click.group()
def export():
    """Export the event log."""


@export.command()
@click.option("--from", "since", type=DATE, default=None, help="First business date.")
@click.option("--to", "until", type=DATE, default=None, help="Last business date.")
@click.option("--type", "types", multiple=True,
              help="Only this event type, e.g. ChairDecided or Case.ChairDecided (repeat).")
@click.option("--aggregate", "aggregates", multiple=True,
              help="Only this record: a reference (Child H, SCR-2017-01) or an id (repeat).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default=None,
              help="Default: from the --out file's ending, else jsonl.")
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="The file to write (default: standard output; a new file, unless --force).")
@replaceable
@click.pass_context
@refusals
def events(ctx, since, until, types, aggregates, fmt, out, force):
    """Stream the events in position order: position, event type, aggregate, version,
    business date, recorded time, member, role and payload. The same store and arguments
    always give byte-identical output. A progress bar shows on a terminal.

    \b
    Example:
      lif export events --from 2017-04-01 --to 2018-03-31 --out year.jsonl
      lif export events --type ChairDecided --format csv
    """
    from lif_domain.application.history import KINDS
    from lif_domain.events import record_id
    from lif_domain.errors import InvalidInput

    if since and until and since > until:
        raise InvalidInput(f"--from {since} is after --to {until}")
    new_file(ctx, out, force)
    lif = lif_for(ctx)
    app = lif.app()
    ids = []
    for ref in aggregates:
        found = [record_id(k, ref).hex for k in KINDS if app.exists(record_id(k, ref))]
        plain = ref.replace("-", "").lower()
        if not found and not (len(plain) == 32 and all(c in "0123456789abcdef" for c in plain)):
            raise InvalidInput(f"no record {ref!r} in this store")
        ids += found or [plain]
    fmt = fmt or ("csv" if out and out.lower().endswith(".csv") else "jsonl")
    # A bar only when writing to a file: on standard output it would mix with the events.
    with _target(out) as stream, progress("Exporting events", lif.count_events,
                                          show=out is not None) as step:
        n = lif.export_events(stream, fmt, since, until, tuple(types), tuple(ids), step)
    if out:
        click.echo(f"Wrote {n} events to {out}.", err=True)


class _target:
    """Standard output's bytes, or a file written under a .partial name and renamed when
    complete."""

    def __init__(self, out):
        self.out = out

    def __enter__(self):
        if self.out is None:
            sys.stdout.flush()
            return sys.stdout.buffer
        self.partial = Path(self.out + ".partial")
        self.stream = self.partial.open("wb")
        return self.stream

    def __exit__(self, kind, *_):
        if self.out is None:
            sys.stdout.buffer.flush()
            return
        self.stream.close()
        if kind is None:
            self.partial.replace(self.out)
        else:
            self.partial.unlink(missing_ok=True)
