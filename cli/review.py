"""lif review: a review (SCR, PLR or LCSPR) through its stages. One command per stage, built from the
stage's declaration (review_steps.STEPS), so that every stage has the same shape: REF, its
details, --as and --on."""

import click

from cli.common import (DATE, app_for, choice, correct_date_command, emit, reads,
                        step_commands, writes)
from lif_domain.review_steps import STEPS, TITLES


@click.group()
def review():
    """Commission reviews and record each stage (rules R1 to R3, P1 to P3 and LC1 to LC5 in
    docs/rules.md)."""


@review.command()
@click.argument("ref")
@click.option("--case", "case_ref", required=True, help="The case the chair decided on.")
@click.option("--kind", type=choice("scr", "plr", "lcspr"), required=True,
              help="lcspr: under Working Together 2018 and 2023, on the partners' decision.")
@click.option("--rationale", required=True)
@click.option("--partners-agreed-on", type=DATE, default=None,
              help="PLR only: the date the strategic partners agreed it.")
@writes
def commission(ctx, ref, case_ref, kind, rationale, partners_agreed_on, by, on):
    """Commission review REF for a case, following the chair's decision (an SCR or a PLR,
    Working Together 2015) or the safeguarding partners' (an LCSPR, 2018 and 2023).

    \b
    Example:
      lif review commission SCR-2017-01 --case "Child H" --kind scr \\
          --rationale "chair's decision of 12 May" --as chair1 --on 2017-05-15
      lif review commission LCSPR-2025-01 --case "Child R" --kind lcspr \\
          --rationale "partners' decision of 20 January" --as bm1 --on 2025-01-27
    """
    r = app_for(ctx).commission_review(ref, case_ref, kind.lower(), rationale,
                                       partners_agreed_on, by=by, on=on)
    click.echo(f"Commissioned {r.kind.upper()} {r.ref} for {r.case_ref}.")


def _record_stage(ctx, ref, step, by, on, details) -> str:
    r = app_for(ctx).record_step(ref, step, by=by, on=on, **details)
    return f"{r.ref}: {STEPS[step].title}."  # a past participle: "report published"


step_commands(review, "SCR-2017-01",
              {key: step.command for key, step in STEPS.items() if step.command}, _record_stage)


correct_date_command(review, "review", "correct_review_date", "SCR-2017-01")


def review_data(r) -> dict:
    return {"ref": r.ref, "kind": r.kind, "case": r.case_ref, "commissioned_on": r.commissioned_on,
            "reviewer": r.reviewer, "agencies": r.agencies, "imr_authors": r.imr_authors,
            "meetings": [{"number": m.number, "kind": m.kind, "planned_for": m.planned_for,
                          "held_on": m.held_on} for m in r.meetings],
            "family": r.family, "due_on": r.due_on, "monitored_every_weeks": r.monitoring_weeks,
            "steps": r.done, "next": r.next_steps(),
            "closed_on": r.closed_on}


@review.command()
@click.argument("ref")
@reads
def show(ctx, ref, as_json):
    """Show review REF: where it stands, what comes next, and its history.

    \b
    Example:
      lif review show SCR-2017-01
    """
    app = app_for(ctx)
    r = app.review(ref)
    data = review_data(r)
    from cli.render import clock_line, history_text, record_history

    data["history"] = record_history(app, "review", r)
    data["clocks"] = [k.row(app.today()) for k in app.clocks_of(r)]
    lines = [f"{r.kind.upper()} {r.ref} for {r.case_ref}, commissioned {r.commissioned_on}"
             f"{'; closed ' + str(r.closed_on) if r.closed_on else ''}",
             f"  Independent reviewer: {r.reviewer or '-'}",
             f"  Agencies: {', '.join(r.agencies) or '-'}",
             f"  Complete by: {r.due_on or 'timescale not yet agreed'}"]
    if r.kind == "lcspr":
        lines.append("  Time and quality monitored (rule LC2): " + (
            f"every {r.monitoring_weeks} weeks" if r.monitoring_weeks else "interval not yet "
                                                                             "agreed"))
    lines.append("  Stages done:")
    lines += [f"    {day}  {TITLES[step]}" for step, day in sorted(r.done.items(),
                                                                  key=lambda kv: kv[1])]
    lines.append("  Next: " + ("; ".join(TITLES[s] for s in r.next_steps()) or "nothing"))
    lines += ["Clocks:"] + ([clock_line(k) for k in data["clocks"]] or ["  none yet"])
    emit(as_json, data, "\n".join(lines) + "\n\n" + history_text(data["history"]))


@review.command("list")
@reads
def list_reviews(ctx, as_json):
    """List every review with its kind, case and state.

    \b
    Example:
      lif review list --json
    """
    rows = [review_data(r) for r in app_for(ctx).reviews()]
    lines = [f"{r['ref']:<16} {r['kind'].upper()} for {r['case']:<12} commissioned "
             f"{r['commissioned_on']}{'  closed ' + str(r['closed_on']) if r['closed_on'] else ''}"
             for r in rows]
    emit(as_json, rows, "\n".join(lines) or "No reviews.")
