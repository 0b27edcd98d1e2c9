"""lif evidence: an inspection evidence pack for a case or review, as HTML, Markdown and JSON."""

import os
from pathlib import Path

import click

from cli.common import app_for, refusals


@click.command()
@click.argument("ref")
@click.option("--kind", type=click.Choice(["case", "review"]), default=None,
              help="When the reference names both a case and a review.")
@click.option("--out", "folder", type=click.Path(file_okay=False), default="evidence",
              show_default=True, help="The folder to write the pack into.")
@click.pass_context
@refusals
def evidence(ctx, ref, kind, folder):
    """Write the evidence pack of case or review REF: a printable self-contained HTML page,
    Markdown, and JSON, with a summary, the timeline, decisions with their rationale,
    deadlines met and missed, actions and their monitoring, dissemination, and a statement of
    the log's integrity from a full verification.

    \b
    Example:
      lif evidence "Child H" --out inspection-2018
    """
    from adapters.evidence_files import integrity_statement, write_pack
    from adapters.keys import KeyRing, default_key_dir
    from adapters.verify import verify
    from lif_domain.errors import LifError

    pack = app_for(ctx).evidence_pack(ref, kind)
    store = Path(ctx.find_root().obj["store"])
    try:
        integrity = integrity_statement(verify(store, KeyRing(default_key_dir(os.environ))))
    except LifError as e:
        integrity = integrity_statement(None, str(e))
    for path in write_pack(pack, integrity, Path(folder)):
        click.echo(f"Wrote {path}")
    if integrity["status"] != "intact":
        click.echo(f"Warning: {integrity['text']}", err=True)
