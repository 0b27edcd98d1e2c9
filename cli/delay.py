"""lif delay: a reason for delay recorded on an open deadline."""

import click

from cli.common import app_for, writes
from lif_domain.application.directory import CLOCKED


@click.command()
@click.argument("ref")
@click.option("--clock", "clock_name", required=True, metavar="NAME",
              help="The deadline, as lif due names it (e.g. 'review completed').")
@click.option("--reason", required=True, help="Why it is, or will be, late.")
@click.option("--kind", type=click.Choice(CLOCKED), default=None,
              help="Which record REF is, where a case, review or action share it.")
@writes
def delay(ctx, ref, clock_name, reason, kind, by, on):
    """Record why deadline NAME of case, review or action REF is, or will be, late. Only an
    open deadline (due or overdue) takes a reason, from the role that owes it (lif due
    --role), the chair or the business manager. The reason is shown with the deadline in lif
    due, case, review and action show, the history and the evidence pack; the deadline itself
    never moves (to vary a review's timescale, see lif review timescale).

    \b
    Example:
      lif delay SCR-2017-01 --clock "review completed" \\
          --reason "criminal trial: police disclosure awaited" --as bm1 --on 2017-11-10
    """
    app_for(ctx).explain_delay(ref, clock_name, reason, by=by, kind=kind, on=on)
    click.echo(f"Recorded the reason for delay of {ref}'s {clock_name} deadline.")
