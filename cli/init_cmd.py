"""lif init: create a store with its first independent chair and business manager."""

import click

from cli.common import DATE, app_for, lif_for, refusals


@click.command()
@click.option("--board", required=True, help="The board's name.")
@click.option("--chair", required=True, metavar="MEMBER", help="Reference of the independent chair.")
@click.option("--chair-org", required=True, help="The chair's organisation.")
@click.option("--manager", required=True, metavar="MEMBER", help="Reference of the business manager.")
@click.option("--manager-org", required=True, help="The business manager's organisation.")
@click.option("--on", type=DATE, default=None, help="Date the appointments start (default today).")
@click.pass_context
@refusals
def init(ctx, board, chair, chair_org, manager, manager_org, on):
    """Create the store (the --store file) with its first chair and business manager.

    \b
    Example:
      lif --store board.sqlite init --board "Example LSCB" --chair chair1 \\
          --chair-org Independent --manager bm1 --manager-org Council --on 2017-04-01
    """
    app = app_for(ctx, creating=True)
    app.initialise(board, chair, chair_org, manager, manager_org, on)
    click.echo(f"Initialised {lif_for(ctx).where} for {board}: {chair} is independent "
               f"chair, {manager} business manager.")
