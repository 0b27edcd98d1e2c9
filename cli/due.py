"""lif due: the framework's clocks as at a date."""

import click

from cli.common import DATE, app_for, emit, reads
from cli.render import clock_line


@click.command()
@click.option("--as-of", type=DATE, default=None, help="Judge the clocks as at this date "
              "(default today).")
@click.option("--all", "show_all", is_flag=True, help="Include clocks met on time.")
@reads
def due(ctx, as_of, show_all, as_json):
    """List what is due, overdue, met late or breached: notification, decision, telling the
    national panel, review completion, notice before publication, and publication kept.

    Deadlines are judged on business dates; working days skip weekends and England and
    Wales bank holidays.

    \b
    Example:
      lif due --as-of 2017-06-30
      lif due --all --json
    """
    app = app_for(ctx)
    as_of = as_of or app.today()
    rows = [c.row(as_of) for c in app.clocks(as_of, met_too=show_all)]
    text = f"Clocks as at {as_of}:\n" + ("\n".join(clock_line(r) for r in rows)
                                         or "  nothing due, overdue or breached")
    emit(as_json, {"as_of": as_of, "clocks": rows}, text)
