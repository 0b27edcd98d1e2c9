"""lif monitor: the PLQA committee's view of the action plan, and its monitoring rounds."""

import dataclasses

import click

from cli.common import DATE, app_for, choice, emit, lif_for, refusals, text_option, writes


@click.group(invoke_without_command=True)
@click.option("--as-of", type=DATE, default=None, help="As at this date (default today).")
@click.option("--json", "as_json", is_flag=True, help="Print data as JSON.")
@click.pass_context
@refusals
def monitor(ctx, as_of, as_json):
    """Show open, overdue and escalated actions by organisation, source and RAG, and the
    actions with no update since the last monitoring round: for reading out at PLQA.

    \b
    Example:
      lif monitor --as-of 2017-12-04
      lif monitor round PLQA-2017-12 --committee "PLQA committee" --as plqa1
    """
    if ctx.invoked_subcommand is not None:
        return
    report = app_for(ctx).monitor(as_of)
    data = {"as_of": report.as_of, "last_round": report.last_round,
            "last_round_on": report.last_round_on,
            "actions": [dataclasses.asdict(x) for x in report.lines],
            "by_organisation": report.count_by("owner"), "by_source": report.count_by("source"),
            "by_rag": report.count_by("rag"), "overdue": [x.ref for x in report.overdue],
            "escalated": [x.ref for x in report.escalated], "not_updated": report.not_updated}
    emit(as_json, data, _read_out(report))


def _read_out(report) -> str:
    def counts(key, lines=None):
        return ", ".join(f"{k} {v}" for k, v in report.count_by(key, lines).items()) or "none"

    since = (f"the last round ({report.last_round}, {report.last_round_on})"
             if report.last_round else "no round yet")
    n = len(report.lines)
    out = [f"Action plan as at {report.as_of}: {n} open action{'' if n == 1 else 's'}, "
           f"{len(report.overdue)} overdue, {len(report.escalated)} escalated.",
           f"  By organisation: {counts('owner')}",
           f"  By source:       {counts('source')}",
           f"  By RAG:          {counts('rag')}",
           "", "Overdue:"]
    out += [f"  {x.ref} ({x.owner}, lead {x.lead_officer}): due {x.due_on}, RAG {x.rag or '-'}"
            f"{', escalated to ' + x.escalation if x.escalation else ''}: {x.what}"
            for x in report.overdue] or ["  none"]
    out += ["", "Escalated:"]
    out += [f"  {x.ref} ({x.owner}): {x.escalation}" for x in report.escalated] or ["  none"]
    out += ["", f"No update since {since}:"]
    out += [f"  {ref}" for ref in report.not_updated] or ["  none"]
    return "\n".join(out)


@monitor.command("round")
@click.argument("ref")
@text_option("--committee", "committee", "The committee meeting, e.g. PLQA committee.")
@writes
def hold_round(ctx, ref, committee, by, on):
    """Record monitoring round REF (the --on date is the meeting).

    \b
    Example:
      lif monitor round PLQA-2017-12 --committee "PLQA committee" --as plqa1 --on 2017-12-04
    """
    app_for(ctx).hold_round(ref, committee, by=by, on=on)
    click.echo(f"Recorded monitoring round {ref}.")


OUTCOMES = ("on-track", "at-risk", "off-track", "completed", "escalated")


@monitor.command()
@click.argument("ref")
@click.option("--action", "action_refs", multiple=True, required=True,
              help="An action reviewed (repeat for several with the same outcome).")
@click.option("--outcome", type=choice(*OUTCOMES), required=True)
@text_option("--note", "note", "What the committee said.")
@writes
def outcome(ctx, ref, action_refs, outcome, note, by, on):
    """Record round REF's outcome for one action, or the same outcome for several (all or
    nothing).

    \b
    Example:
      lif monitor outcome PLQA-2017-12 --action AUD-2017-02/A1 --outcome off-track \\
          --note "escalate to subgroup" --as plqa1
      lif monitor outcome PLQA-2017-12 --action A1 --action A2 --outcome on-track \\
          --note "updates received" --as plqa1
    """
    n = app_for(ctx).record_outcomes(ref, [{"ref": a, "outcome": outcome, "note": note}
                                           for a in action_refs], by=by, on=on)
    click.echo(f"Recorded the outcome for {', '.join(action_refs)} in {ref}"
               + (f" ({n} actions)." if n > 1 else "."))


@monitor.command()
@click.argument("ref")
@click.argument("path", type=click.Path(dir_okay=False))
@writes
def outcomes(ctx, ref, path, by, on):
    """Record round REF's outcomes from a sheet (.csv or .xlsx with the columns Reference,
    Outcome and Note; one row per action): all or nothing, every refused row said.

    \b
    Example:
      lif monitor outcomes PLQA-2017-12 plqa-december.xlsx --as plqa1 --on 2017-12-04
    """
    from pathlib import Path

    lif = lif_for(ctx)
    n = lif.app().record_outcomes(ref, lif.read_outcomes(Path(path)), by=by, on=on)
    click.echo(f"Recorded {n} outcomes in {ref}.")
