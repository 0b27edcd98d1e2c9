"""lif member: appointments to the board's roles."""

import click

from cli.common import app_for, choice, emit, reads, writes
from lif_domain.roles import Role
from lif_domain.stages import possessive

ROLES = tuple(r.value for r in Role)


@click.group()
def member():
    """Appoint members to roles and end appointments; link the account each member keys from;
    agree changes of powers; confirm entries keyed on your behalf.

    Appointing or ending a role that carries powers (chair, business manager, SCR panel, PLQA,
    and the local authority, health and police safeguarding partners)
    and linking an account are proposed by one member and take effect once a second member
    with the power to appoint agrees (rule W4). Once a member's account is linked, anyone else
    keys that member's steps only with --on-behalf, and the member confirms them (rule W5).
    """


def _proposed(proposal, ref: str, done: str = "") -> None:
    """Say what was proposed and how it is agreed, or (no proposal: made at once) `done`."""
    if proposal is None:
        click.echo(done)
        return
    click.echo(f"Proposed the {proposal.words} of {ref} (event {proposal.number}): it takes "
               f"effect once another member with the power to appoint agrees: lif member agree "
               f"{ref} {proposal.number} --as MEMBER")


@member.command()
@click.argument("ref")
@click.option("--role", type=choice(*ROLES), required=True)
@click.option("--org", required=True, help="The member's organisation.")
@writes
def appoint(ctx, ref, role, org, by, on):
    """Appoint member REF to a role (registering REF if new). A role that carries powers
    (chair, business manager, SCR panel, PLQA) is proposed, and held once a second member
    agrees (rule W4).

    \b
    Example:
      lif member appoint panel1 --role scr_panel_member --org Police --as bm1 --on 2017-04-03
    """
    proposal = app_for(ctx).appoint(ref, Role.parse(role), org, by=by, on=on)
    _proposed(proposal, ref, f"Appointed {ref} as {Role.parse(role).title}.")


@member.command()
@click.argument("ref")
@click.option("--role", type=choice(*ROLES), required=True)
@click.option("--reason", required=True)
@writes
def end(ctx, ref, role, reason, by, on):
    """End member REF's appointment to a role (the --on date is their last day); one that
    carries powers ends once a second member agrees (rule W4).

    \b
    Example:
      lif member end panel1 --role scr_panel_member --reason "left the police" --as bm1
    """
    proposal = app_for(ctx).end_appointment(ref, Role.parse(role), reason, by=by, on=on)
    _proposed(proposal, ref, f"Ended {possessive(ref)} appointment as {Role.parse(role).title}.")


@member.command()
@writes
def link(ctx, by, on):
    """Propose that you (--as) key from the operating-system account you run this from; it is
    linked once a second member with the power to appoint agrees. From then on, anyone else
    keys your steps only with --on-behalf, for you to confirm.

    \b
    Example: the chair, logged in as themself; then the business manager:
      lif member link --as chair1
      lif member agree chair1 --as bm1
    """
    _proposed(app_for(ctx).link_account(by=by, on=on), by)


@member.command()
@click.argument("ref")
@click.argument("number", type=int, required=False)
@writes
def agree(ctx, ref, number, by, on):
    """Agree the change proposed for member REF: proposal NUMBER, or the only one awaiting
    (lif due lists them). Not by the member who proposed it, nor the member it is for (except
    to end their appointment).

    \b
    Example:
      lif member agree plqa1 2 --as chair1 --on 2017-04-03
    """
    proposal = app_for(ctx).agree(ref, number, by=by, on=on)
    click.echo(f"Agreed the {proposal.words} of {ref}, from {proposal.on}.")


@member.command()
@click.argument("ref")
@click.argument("number", type=int, required=False)
@click.option("--reason", required=True)
@writes
def decline(ctx, ref, number, reason, by, on):
    """Decline (or, as its proposer, withdraw) the change proposed for member REF.

    \b
    Example:
      lif member decline plqa1 2 --reason "not agreed at the board meeting" --as chair1
    """
    proposal = app_for(ctx).decline(ref, number, reason, by=by, on=on)
    click.echo(f"Declined the {proposal.words} of {ref}.")


@member.command()
@click.argument("number", type=int, required=False)
@click.option("--dispute", "reason", default=None, metavar="REASON", help="Say the entries "
              "are not what you decided, and why, instead of confirming them.")
@writes
def confirm(ctx, number, reason, by, on):
    """Confirm the entries keyed on your (--as) behalf: entry NUMBER, or every one awaiting
    (lif due lists them). From your own account only.

    \b
    Example:
      lif member confirm --as chair1
      lif member confirm 7 --dispute "the minutes say deferred, not agreed" --as chair1
    """
    numbers = app_for(ctx).confirm(number, by=by, on=on, dispute=reason)
    done = "Disputed" if reason is not None else "Confirmed"
    click.echo(f"{done} {', '.join(str(n) for n in numbers)} (keyed on {possessive(by)} behalf).")


@member.command("list")
@reads
def list_members(ctx, as_json):
    """List members and their appointments.

    \b
    Example:
      lif member list --json
    """
    rows = [{"member": m.ref, "account": m.account, "appointments": [
        {"role": a.role.value, "organisation": a.organisation, "from": a.start, "to": a.end}
        for a in m.appointments],
        "proposed": [{"number": p.number, "change": p.words, "on": p.on, "by": p.by}
                     for p in m.proposals.values()]} for m in app_for(ctx).members()]
    lines = []
    for r in rows:
        for a in r["appointments"]:
            until = f" to {a['to']}" if a["to"] else ""
            lines.append(f"{r['member']:<16} {Role(a['role']).title:<22} {a['organisation']} "
                         f"(from {a['from']}{until})")
        if r["account"]:
            lines.append(f"{r['member']:<16} keys from account {r['account']}")
        for p in r["proposed"]:
            lines.append(f"{r['member']:<16} PROPOSED (event {p['number']}) {p['change']}, by "
                         f"{p['by']} on {p['on']}: awaits agreement")
    emit(as_json, rows, "\n".join(lines) or "No members.")
