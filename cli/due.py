"""lif due: the framework's clocks as at a date."""

import click

from cli.common import DATE, app_for, choice, emit, reads
from cli.render import clock_line
from lif_domain.application.directory import CLOCKED
from lif_domain.clocks import OWNERS, Status

STATUSES = tuple(s.value.replace(" ", "-") for s in Status)


@click.command()
@click.option("--as-of", type=DATE, default=None, help="Judge the clocks as at this date "
              "(default today).")
@click.option("--all", "show_all", is_flag=True, help="Include clocks ended well (met on "
              "time, discharged) and misses of earlier financial years.")
@click.option("--kind", type=click.Choice(CLOCKED), default=None,
              help="Only the clocks of cases, reviews or actions.")
@click.option("--record", "record", default=None, help="Only the clocks of this case, "
              "review or action.")
@click.option("--status", "statuses", multiple=True, type=choice(*STATUSES),
              help="Only clocks in this state (repeat for several).")
@click.option("--role", default=None, type=choice(*OWNERS),
              help="Only the clocks this role must act on.")
@reads
def due(ctx, as_of, show_all, kind, record, statuses, role, as_json):
    """List what is due, overdue, met late or breached: notification, decision, telling the
    national panel, review completion, notice before publication, publication kept, and
    actions by their due dates; then what awaits a member: changes of powers awaiting a second
    member's agreement (rule W4) and entries keyed on a member's behalf awaiting their
    confirmation (rule W5).

    By default: every deadline still open, and those missed (met late, breached, discharged
    late) in the financial year of --as-of. --all or --status shows the rest.

    Deadlines are judged on business dates; working days skip weekends and England and
    Wales bank holidays. Each clock cites its rule in docs/rules.md.

    \b
    Example:
      lif due --as-of 2017-06-30
      lif due --status overdue --role independent_chair
      lif due --record SCR-2017-01 --all --json
    """
    app = app_for(ctx)
    as_of = as_of or app.today()
    if record is not None:
        record = app.find(record, kind)[1].ref  # refused in one line if there is none
    wanted = {s.replace("-", " ") for s in statuses}
    rows = [c.row(as_of) for c in app.clocks(as_of, met_too=show_all or bool(wanted))]
    rows = [r for r in rows if (kind is None or r["kind"] == kind)
            and (record is None or r["subject"] == record)
            and (not wanted or r["status"] in wanted)
            and (role is None or r["owed_by"] == role)]
    text = f"Clocks as at {as_of}:\n" + ("\n".join(clock_line(r) for r in rows)
                                         or "  nothing due, overdue or breached")
    # What awaits a member is not a clock: shown unless the list is narrowed to clocks.
    awaiting = [] if (kind or record or wanted or role) else app.awaiting()
    if awaiting:
        text += "\nAwaiting a member (as it stands now):\n" + "\n".join(
            f"  {a['member']}: {a['what']} ({a['on']}): awaits {a['awaits']}: {a['command']}"
            for a in awaiting)
    emit(as_json, {"as_of": as_of, "clocks": rows, "awaiting": awaiting}, text)
