"""lif action: the implementation programme, one action at a time (REFERENCE §7)."""

import click

from cli.common import (DATE, app_for, emit, emit_rows, lif_for, new_file, progress,
                        reads, refusals, replaceable, step_commands, text_option, writes)
from lif_domain.action_steps import STEPS, Level, Rag


@click.group()
def action():
    """Propose, agree, update, complete, verify and close actions."""


@action.command()
@click.argument("ref")
@text_option("--source", "source_ref", "The learning source.")
@click.option("--finding", type=int, required=True, help="The number of the finding it answers.")
@text_option("--what", "what", "What will be done.")
@text_option("--owner", "owner", "The owner organisation (registered with 'lif org add').")
@text_option("--lead", "lead_officer", "The lead officer.")
@click.option("--due", "due_on", type=DATE, required=True, help="The due date.")
@text_option("--measure", "measure", "The success or impact measure.")
@writes
def propose(ctx, ref, source_ref, finding, what, owner, lead_officer, due_on, measure, by, on):
    """Propose action REF on a finding of a learning source.

    \b
    Example:
      lif action propose AUD-2017-02/A1 --source AUD-2017-02 --finding 1 \\
          --what "Train health visitors in neglect" --owner Health --lead hv-lead \\
          --due 2017-11-30 --measure "80% trained; re-audit" --as bm1
    """
    a, warning = app_for(ctx).propose_action(ref, source_ref, finding, what, owner,
                                             lead_officer, due_on, measure, by=by, on=on)
    click.echo(f"Proposed {a.ref} for {a.owner}, due {a.due_on}.")
    if warning:
        click.echo(f"Warning: {warning}", err=True)


def _take_step(ctx, ref, command, by, on, details) -> str:
    if "rag" in details:
        details["rag"] = Rag.parse(details["rag"], "--rag")
    if "level" in details:
        details["level"] = Level.parse(details["level"], "--level")
    a = app_for(ctx).action_step(ref, command, by=by, on=on, **details)
    return f"{a.ref} is {a.status.words}, due {a.due_on}."


step_commands(action, "AUD-2017-02/A1",
              {key: step.command for key, step in STEPS.items() if step.command}, _take_step)


def action_data(a, as_of=None) -> dict:
    return {"ref": a.ref, "source": a.source_ref, "finding": a.finding, "what": a.what,
            "owner": a.owner, "lead_officer": a.lead_officer, "due_on": a.due_on,
            "measure": a.measure, "status": a.status.value,
            "rag": a.rag_on().value if a.rag_on() else None,
            "escalation": a.value_on("escalation").value if a.value_on("escalation") else None,
            "overdue": a.is_overdue(as_of) if as_of else None,
            "updates": [{"on": u.on, "rag": u.rag.value, "narrative": u.narrative}
                        for u in a.updates],
            "evidence": a.evidence, "impact": list(a.impact) if a.impact else None}


@action.command()
@click.argument("ref")
@reads
def show(ctx, ref, as_json):
    """Show action REF, its updates and its whole history.

    \b
    Example:
      lif action show AUD-2017-02/A1
    """
    app = app_for(ctx)
    a = app.action(ref)
    data = action_data(a, app.today())
    from cli.render import clock_line, history_text, record_history

    data["clocks"] = [k.row(app.today()) for k in app.clocks_of(a)]
    data["history"] = record_history(app, "action", a)
    lines = [f"{a.ref}: {a.what}",
             f"  From {a.source_ref} finding {a.finding}; owner {a.owner}, lead {a.lead_officer}",
             f"  Due {a.due_on}; {a.status.words}{' (OVERDUE)' if data['overdue'] else ''}; "
             f"RAG {data['rag'] or '-'}; escalation {data['escalation'] or '-'}",
             f"  Measure: {a.measure}"]
    lines += ["Clocks:"] + ([clock_line(k) for k in data["clocks"]] or ["  none until agreed"])
    emit(as_json, data, "\n".join(lines) + "\n\n" + history_text(data["history"]))


@action.command("list")
@click.option("--source", "source_ref", default=None, help="Only the actions of this source.")
@reads
def list_actions(ctx, source_ref, as_json):
    """List actions with owner, due date, status and RAG.

    \b
    Example:
      lif action list --source AUD-2017-02
    """
    app = app_for(ctx)
    found = app.actions_of(source_ref) if source_ref else app.actions()
    today = app.today()
    emit_rows(as_json, (action_data(a, today) for a in found),
              lambda r: f"{r['ref']:<18} {r['owner']:<14} due {r['due_on']}  {r['status']:<18} "
                        f"{(r['rag'] or '-'):<6}{' OVERDUE' if r['overdue'] else ''}",
              "No actions.")


@action.command("export")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@click.option("--as-of", type=DATE, default=None, help="The plan as at this date (default today).")
@replaceable
@click.pass_context
@refusals
def export_plan(ctx, path, as_of, force):
    """Write the action plan to PATH, a .csv or .xlsx file, with the columns boards use.

    \b
    Example:
      lif action export action-plan.xlsx
      lif action export action-plan.csv --as-of 2018-03-31
    """
    from pathlib import Path

    new_file(ctx, path, force)
    lif = lif_for(ctx)
    rows = lif.app().action_plan_rows(as_of)
    lif.write_plan(Path(path), rows)
    click.echo(f"Wrote {len(rows)} actions to {path}.")


@action.command("import")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Say what would be created; write nothing.")
@click.option("--agree", is_flag=True, help="Also record each new action agreed (open), on "
              "the date in its Agreed column where the tracker gives one.")
@writes
def import_plan(ctx, path, dry_run, agree, by, on):
    """Import an existing action tracker (.csv or .xlsx). Rows already recorded are skipped,
    so importing the same file twice creates nothing new; if any row is invalid, nothing is
    written and every invalid row is listed with the reason.

    \b
    Required columns: Reference, Source, Finding, Action, Owner organisation, Lead officer,
    Due date, Success or impact measure. Optional: Agreed (the date it was agreed, kept
    with --agree, so last year's actions count as agreed last year).

    \b
    Example:
      lif action import tracker.xlsx --dry-run --as bm1
      lif action import tracker.xlsx --agree --as plqa1
    """
    from pathlib import Path

    lif = lif_for(ctx)
    rows = lif.read_plan(Path(path))
    with progress("Importing actions", lambda: len(rows)) as step:
        report = lif.app().import_actions(rows, agree=agree, dry_run=dry_run, by=by, on=on,
                                          progress=step)
    for r in report.results:
        click.echo(f"  row {r.row}: {r.ref or '(no reference)'}: {r.outcome}: {r.message}")
    would = "would create" if dry_run or report.invalid else "created"
    click.echo(f"{would} {report.count('create')}, skipped {report.count('exists')} already "
               f"recorded, {len(report.invalid)} invalid.")
    if report.invalid and not dry_run:
        raise click.ClickException(f"{len(report.invalid)} invalid rows: nothing was imported")
