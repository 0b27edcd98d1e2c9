"""lif member: appointments to the board's roles."""

import click

from cli.common import app_for, choice, emit, reads, writes
from lif_domain.roles import Role
from lif_domain.stages import possessive

ROLES = tuple(r.value for r in Role)


@click.group()
def member():
    """Appoint members to roles and end appointments."""


@member.command()
@click.argument("ref")
@click.option("--role", type=choice(*ROLES), required=True)
@click.option("--org", required=True, help="The member's organisation.")
@writes
def appoint(ctx, ref, role, org, by, on):
    """Appoint member REF to a role (registering REF if new).

    \b
    Example:
      lif member appoint panel1 --role scr_panel_member --org Police --as bm1 --on 2017-04-03
    """
    app_for(ctx).appoint(ref, Role.parse(role), org, by=by, on=on)
    click.echo(f"Appointed {ref} as {Role.parse(role).title}.")


@member.command()
@click.argument("ref")
@click.option("--role", type=choice(*ROLES), required=True)
@click.option("--reason", required=True)
@writes
def end(ctx, ref, role, reason, by, on):
    """End member REF's appointment to a role (the --on date is their last day).

    \b
    Example:
      lif member end panel1 --role scr_panel_member --reason "left the police" --as bm1
    """
    app_for(ctx).end_appointment(ref, Role.parse(role), reason, by=by, on=on)
    click.echo(f"Ended {possessive(ref)} appointment as {Role.parse(role).title}.")


@member.command("list")
@reads
def list_members(ctx, as_json):
    """List members and their appointments.

    \b
    Example:
      lif member list --json
    """
    rows = [{"member": m.ref, "appointments": [
        {"role": a.role.value, "organisation": a.organisation, "from": a.start, "to": a.end}
        for a in m.appointments]} for m in app_for(ctx).members()]
    lines = []
    for r in rows:
        for a in r["appointments"]:
            until = f" to {a['to']}" if a["to"] else ""
            lines.append(f"{r['member']:<16} {Role(a['role']).title:<22} {a['organisation']} "
                         f"(from {a['from']}{until})")
    emit(as_json, rows, "\n".join(lines) or "No members.")
