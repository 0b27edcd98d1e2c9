"""lif checkpoint and lif verify: proving the log untouched (ADR 0008)."""

import sys
from pathlib import Path

import click

from cli.common import lif_for, new_file, progress, refusals, replaceable

CANNOT_VERIFY = 2


@click.command()
@click.option("--out", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also write the checkpoint to this file (a new one, unless --force).")
@replaceable
@click.pass_context
@refusals
def checkpoint(ctx, out, force):
    """Verify the store, then print a signed checkpoint of its head (position, count, head
    hash, time, key id), to put in the board's minutes or keep where the database
    administrator cannot change it. `lif verify --checkpoint FILE` checks the store against it.
    After a full `lif verify`, only the events recorded since (and the head it verified) are
    verified again.

    \b
    Example:
      lif checkpoint --out checkpoints/2018-03-31.txt
    """
    new_file(ctx, out, force)
    text = lif_for(ctx).checkpoint()
    if out:
        partial = Path(out + ".partial")
        partial.write_text(text)
        partial.replace(out)
    click.echo(text, nl=False)


@click.command("verify")
@click.option("--checkpoint", "checkpoint_files", multiple=True,
              type=click.Path(dir_okay=False), help="A signed checkpoint to check against "
              "(repeat for several).")
@click.pass_context
def verify_command(ctx, checkpoint_files):
    """Recompute the whole chain and report the first problem with its position.
    Exit 0: intact. Exit 1: tampered or inconsistent. Exit 2: cannot verify (a key or a
    checkpoint is missing).

    \b
    Example:
      lif verify --checkpoint checkpoints/2018-03-31.txt
    """
    from lif_domain.errors import LifError

    try:
        texts = [Path(f).read_text() for f in checkpoint_files]
        lif = lif_for(ctx)
        with progress("Verifying", lif.count_events) as step:
            report = lif.verify(texts, step)
    except OSError as e:
        _cannot(f"cannot read the checkpoint: {e.strerror}: {e.filename}")
    except LifError as e:
        _cannot(str(e))
    if report.problems:
        first = report.first
        raise click.ClickException(f"TAMPERED: {len(report.problems)} problem(s); the first at "
                                   f"position {first.position}: {first.message}")
    against = "; checkpoints match: " + "; ".join(report.checkpoints) if report.checkpoints \
        else "; no checkpoint given (a cut tail shows only against one)"
    click.echo(f"Verified {report.events} events and {report.links} chain links: intact, "
               f"versions contiguous{against}.")


def _cannot(message: str):
    click.echo(f"Cannot verify: {message}", err=True)
    sys.exit(CANNOT_VERIFY)


@click.command("rotate-key")
@click.pass_context
@refusals
def rotate_key(ctx):
    """Start a new chain and signing key for this store. Links already written keep the key
    they were made with (each link names its key id), so keep the old key files for
    verification; see docs/adr/0008.

    \b
    Example:
      LIF_KEY_DIR=/secure/lif-keys lif rotate-key
    """
    key_id, folder = lif_for(ctx).rotate_key()
    click.echo(f"New key {key_id} in {folder}; keep the old keys to verify older links.")
