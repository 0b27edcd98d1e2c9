"""lif evidence: an inspection evidence pack for a case or review, as HTML, Markdown and JSON."""

from pathlib import Path

import click

from cli.common import DATE, lif_for, refusals, replaceable


@click.command()
@click.argument("ref")
@click.option("--kind", type=click.Choice(["case", "review"]), default=None,
              help="When the reference names both a case and a review.")
@click.option("--out", "folder", type=click.Path(file_okay=False), default="evidence",
              show_default=True, help="The folder to write the pack into.")
@click.option("--as-of", type=DATE, default=None, help="The pack as it stood at the end of "
              "this date, by business dates: what had happened by then, and the deadlines as "
              "they stood then (default today).")
@replaceable
@click.pass_context
@refusals
def evidence(ctx, ref, kind, folder, as_of, force):
    """Write the evidence pack of case or review REF: a printable self-contained HTML page,
    Markdown, and JSON, with a summary, the timeline, decisions with their rationale,
    deadlines met and missed, actions and their monitoring, dissemination, and a statement of
    the log's integrity (from the last full `lif verify` and the events since, or a
    full verification when there is none).

    \b
    Example:
      lif evidence "Child H" --out inspection-2018
      lif evidence SCR-2017-01 --as-of 2018-03-31 --out as-at-year-end
    """
    lif = lif_for(ctx)
    pack = lif.app().evidence_pack(ref, kind, as_of)
    integrity = lif.integrity.statement()
    for path in lif.write_evidence(pack, integrity, Path(folder), force):
        click.echo(f"Wrote {path}")
    if integrity["status"] != "intact":
        click.echo(f"Warning: {integrity['text']}", err=True)
