"""lif review: a review (SCR or PLR) through its stages. One command per stage, built from a
table so that every stage has the same shape: REF, its details, --as and --on."""

import click

from cli.common import (DATE, app_for, choice, correct_date_command, emit, reads,
                        step_commands, text_option, writes)


@click.group()
def review():
    """Commission reviews and record each stage (REFERENCE §3, §4; seed, Appendix B)."""


@review.command()
@click.argument("ref")
@click.option("--case", "case_ref", required=True, help="The case the chair decided on.")
@click.option("--kind", type=choice("scr", "plr"), required=True)
@click.option("--rationale", required=True)
@click.option("--partners-agreed-on", type=DATE, default=None,
              help="PLR only: the date the strategic partners agreed it.")
@writes
def commission(ctx, ref, case_ref, kind, rationale, partners_agreed_on, by, on):
    """Commission review REF for a case, following the chair's decision.

    \b
    Example:
      lif review commission SCR-2017-01 --case "Child H" --kind scr \\
          --rationale "chair's decision of 12 May" --as chair1 --on 2017-05-15
    """
    r = app_for(ctx).commission_review(ref, case_ref, kind.lower(), rationale,
                                       partners_agreed_on, by=by, on=on)
    click.echo(f"Commissioned {r.kind.upper()} {r.ref} for {r.case_ref}.")


# name, step, summary, example arguments, options
STAGE_COMMANDS = [
    ("reviewer", "reviewer_commissioned", "Record the independent reviewer commissioned.",
     '--reviewer rev1 --declaration "no involvement with the family or agencies" --as bm1',
     [text_option("--reviewer", "reviewer", "Member appointed as independent reviewer."),
      text_option("--declaration", "declaration", "Their declaration of independence.")]),
    ("agencies", "agencies_identified", "Record the agencies identified.",
     "--agency Police --agency Health --as bm1",
     [click.option("--agency", "agencies", multiple=True, required=True)]),
    ("imr-author", "imr_author_advised", "Record an IMR author advised to the panel.",
     "--agency Police --author police-imr-1 --as bm1",
     [text_option("--agency", "agency", "An identified agency."),
      text_option("--author", "author", "The author's reference.")]),
    ("terms-drafted", "terms_drafted", "Record the terms of reference drafted.",
     '--summary "period Jan 2016 to May 2017; multi-agency response" --as panel1',
     [text_option("--summary", "summary", "Scope, questions and period covered.")]),
    ("terms-circulated", "terms_circulated", "Record the terms circulated for agreement.",
     '--to "all panel members" --as panel1',
     [text_option("--to", "circulated_to", "To whom.")]),
    ("terms-agreed", "terms_agreed", "Record the terms of reference agreed.", "--as panel1", []),
    ("methodology", "methodology_chosen", "Record the methodology and why it is proportionate.",
     '--methodology "SCIE Learning Together" --rationale "complex, many agencies" --as panel1',
     [text_option("--methodology", "methodology", "The learning model."),
      text_option("--rationale", "rationale", "Why it is proportionate.")]),
    ("meeting-scheduled", "meeting_scheduled", "Schedule an initial or update meeting.",
     "--kind initial --date 2017-06-20 --as bm1",
     [click.option("--kind", type=choice("initial", "update"), required=True),
      click.option("--date", "planned_for", type=DATE, required=True)]),
    ("meeting-held", "meeting_held", "Record a scheduled meeting held (--on is its date).",
     "--number 1 --as bm1 --on 2017-06-20",
     [click.option("--number", type=int, required=True)]),
    ("timescale", "timescale_agreed",
     "Agree the timescale: six months from the initial meeting unless --due is given.",
     "--as panel1 --on 2017-06-20",
     [click.option("--due", "due_on", type=DATE, default=None),
      click.option("--rationale", default="", help="Needed for any other timescale.")]),
    ("family-invited", "family_invited", "Record a family member invited to contribute.",
     '--invitee "Mother of Child H" --as rev1',
     [text_option("--invitee", "invitee", "Pseudonymous reference.")]),
    ("family-response", "family_responded", "Record a family member's response.",
     '--invitee "Mother of Child H" --response accepted --as rev1',
     [text_option("--invitee", "invitee", "As invited."),
      click.option("--response", type=choice("accepted", "declined", "no_response"),
                   required=True)]),
    ("professionals", "professionals_involved", "Record how professionals were involved.",
     '--how "practitioner learning event, 14 staff" --as rev1',
     [text_option("--how", "how", "How they were involved.")]),
    ("report-drafted", "report_drafted", "Record the report drafted.", "--as rev1", []),
    ("report-presented", "report_presented", "Record the report and action plan presented.",
     '--to "Board" --as bm1', [text_option("--to", "presented_to", "The board or a named committee.")]),
    ("approve", "report_approved", "Record the report approved.",
     '--rationale "findings accepted" --as chair1', [text_option("--rationale", "rationale", "Why.")]),
    ("return", "report_returned", "Record the report returned, with reasons.",
     '--reasons "family view missing" --as chair1', [text_option("--reasons", "reasons", "Why.")]),
    ("sent-to-panel", "sent_to_national_panel",
     "Record the final report sent to the national panel.", "--as bm1", []),
    ("defer", "publication_deferred", "Record publication deferred, with reasons.",
     '--reasons "criminal trial listed for March" --as chair1',
     [text_option("--reasons", "reasons", "Why.")]),
    ("publish", "published", "Record the report published, and where.",
     "--where https://example.org/scr --as bm1", [text_option("--where", "where", "Where.")]),
    ("not-published", "not_published", "Record a decision not to publish, with reasons.",
     '--reasons "would identify siblings" --as chair1', [text_option("--reasons", "reasons", "Why.")]),
    ("taken-down", "removed_from_website", "Record the report taken off the website.",
     '--reason "12 months elapsed" --as bm1', [text_option("--reason", "reason", "Why.")]),
    ("escalate", "escalated", "Escalate a PLR to an SCR when the criteria turn out to be met.",
     '--rationale "new evidence of agency failings" --as chair1',
     [text_option("--rationale", "rationale", "Why.")]),
    ("close", "closed", "Close the review.", '--rationale "actions handed to PLQA" --as bm1',
     [text_option("--rationale", "rationale", "Why.")]),
]


def _record_stage(ctx, ref, step, by, on, details) -> str:
    from lif_domain.review_steps import STEPS

    r = app_for(ctx).record_step(ref, step, by=by, on=on, **details)
    return f"{r.ref}: recorded {STEPS[step].title}."


step_commands(review, "SCR-2017-01", STAGE_COMMANDS, _record_stage)


correct_date_command(review, "review", "correct_review_date", "SCR-2017-01")


def review_data(r) -> dict:
    return {"ref": r.ref, "kind": r.kind, "case": r.case_ref, "commissioned_on": r.commissioned_on,
            "reviewer": r.reviewer, "agencies": r.agencies, "imr_authors": r.imr_authors,
            "meetings": [{"number": m.number, "kind": m.kind, "planned_for": m.planned_for,
                          "held_on": m.held_on} for m in r.meetings],
            "family": r.family, "due_on": r.due_on, "steps": r.done, "next": r.next_steps(),
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
    from lif_domain.review_steps import TITLES

    app = app_for(ctx)
    r = app.review(ref)
    data = review_data(r)
    from cli.render import clock_line, history_rows, history_text

    data["history"] = history_rows(app.history(r))
    data["clocks"] = [k.row(app.today()) for k in app.clocks_of(r)]
    lines = [f"{r.kind.upper()} {r.ref} for {r.case_ref}, commissioned {r.commissioned_on}"
             f"{'; closed ' + str(r.closed_on) if r.closed_on else ''}",
             f"  Independent reviewer: {r.reviewer or '-'}",
             f"  Agencies: {', '.join(r.agencies) or '-'}",
             f"  Complete by: {r.due_on or 'timescale not yet agreed'}",
             "  Stages done:"]
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
