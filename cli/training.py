"""lif training: training events, conferences and briefings as records of their own (issue
14): their programme, the findings they pass on, attendance counted once, evaluation at the
event and months later, and the provider checked against the committee's standards."""

import click

from cli.common import DATE, app_for, emit, pairs, reads, text_option, writes


@click.group()
def training():
    """Training events, conferences and briefings: reach counted once per event (rule L2 in
    docs/rules.md)."""


def _pairs(values: tuple[str, ...], what: str, number: bool) -> list[tuple[str, int]]:
    """"SCR-2017-01:1" or "Health=80" -> (name, count)."""
    sep = ":" if number else "="
    return pairs(values, what, sep, f"NAME{sep}NUMBER")


@training.command()
@click.argument("ref")
@text_option("--title", "title", "What the programme is.")
@click.option("--standard", "standards", multiple=True, required=True,
              help="A standard the PLQA committee expects of its providers (repeat).")
@writes
def programme(ctx, ref, title, standards, by, on):
    """Record training programme REF and the standards its providers must meet (rule L2).

    \b
    Example:
      lif training programme NEGLECT-2018 --title "Neglect 2017-18" \\
          --standard "trainers accredited at level 3" --standard "content agreed by PLQA" \\
          --as bm1
    """
    p = app_for(ctx).record_programme(ref, title, list(standards), by=by, on=on)
    click.echo(f"Recorded programme {p.ref} with {len(p.standards)} standards for its "
               "providers.")


@training.command()
@click.argument("ref")
@text_option("--programme", "programme", "The programme the event belongs to (recorded).")
@text_option("--title", "title", "What the event is.")
@click.option("--date", "held_on", type=DATE, required=True, help="When it was held.")
@text_option("--provider", "provider", "Who provided it.")
@click.option("--finding", "findings", multiple=True, required=True,
              help="A finding it passes on, as SOURCE:NUMBER (repeat).")
@writes
def record(ctx, ref, programme, title, held_on, provider, findings, by, on):
    """Record training event REF and the findings it passes on.

    \b
    Example:
      lif training record TRN-2018-03 --programme NEGLECT-2018 --title "Neglect \\
          conference" --date 2018-03-14 --provider "Learning Partners" \\
          --finding SCR-2017-01:1 --finding AUD-2017-02:2 --as bm1
    """
    e = app_for(ctx).record_training_event(ref, programme, title, held_on, provider,
                                           _pairs(findings, "--finding", True), by=by, on=on)
    click.echo(f"Recorded training event {e.ref} ({len(e.carries)} findings passed on).")


@training.command()
@click.argument("ref")
@click.option("--org", "orgs", multiple=True, required=True,
              help="People from an organisation, as ORGANISATION=NUMBER (repeat).")
@click.option("--role", "roles", multiple=True, required=True,
              help="People in a role, as ROLE=NUMBER (repeat); the same people in total.")
@writes
def attendance(ctx, ref, orgs, roles, by, on):
    """Record REF's attendance, once, by organisation and by role.

    \b
    Example:
      lif training attendance TRN-2018-03 --org Health=80 --org Police=60 \\
          --role "health visitor=50" --role GP=30 --role officer=60 --as bm1
    """
    e = app_for(ctx).record_attendance(ref, dict(_pairs(orgs, "--org", False)),
                                       dict(_pairs(roles, "--role", False)), by=by, on=on)
    click.echo(f"Recorded {e.attendees} people at {e.ref}, counted once.")


@training.command()
@click.argument("ref")
@click.option("--follow-up", is_flag=True, help="The evaluation months after the event.")
@text_option("--summary", "summary", "What the evaluation found.")
@writes
def evaluate(ctx, ref, follow_up, summary, by, on):
    """Record REF's evaluation at the event, or (--follow-up) at least 3 months after it.

    \b
    Example:
      lif training evaluate TRN-2018-03 --follow-up --summary "earlier referrals" --as bm1
    """
    app_for(ctx).evaluate_training(ref, follow_up, summary, by=by, on=on)
    click.echo(f"Recorded the {'follow-up ' if follow_up else ''}evaluation of {ref}.")


@training.command()
@click.argument("ref")
@click.option("--met", "met", multiple=True, help="A standard of the programme the provider "
              "meets (repeat).")
@click.option("--not-met", "not_met", multiple=True, help="A standard it does not meet "
              "(repeat).")
@text_option("--notes", "notes", "How it was checked.")
@writes
def provider(ctx, ref, met, not_met, notes, by, on):
    """Record the PLQA committee's check of REF's provider against each standard of the
    event's programme, every one met or not (rule L2).

    \b
    Example:
      lif training provider TRN-2018-03 --met "trainers accredited at level 3" \\
          --not-met "content agreed by PLQA" --notes "slides not shared" --as plqa1
    """
    from lif_domain.errors import InvalidInput

    judged = [(s, True) for s in met] + [(s, False) for s in not_met]
    if len({s.strip().casefold() for s, _ in judged}) != len(judged):
        raise InvalidInput("each standard is judged once, met or not met")
    e = app_for(ctx).check_training_provider(ref, dict(judged), notes, by=by, on=on)
    click.echo(f"Recorded the check of {e.ref}'s provider: "
               f"{'meets' if e.provider_check[1] else 'does NOT meet'} the programme's "
               "standards.")


@training.command("list")
@reads
def list_events(ctx, as_json):
    """List the training events with their attendance, and the reach: distinct events and
    attendees counted once per event.

    \b
    Example:
      lif training list --json
    """
    events = app_for(ctx).training_events()
    rows = [{"ref": e.ref, "programme": e.programme, "title": e.title, "held_on": e.held_on,
             "provider": e.provider, "attendees": e.attendees,
             "findings": [f"{c.source_ref}:{c.finding}" for c in e.carries],
             "evaluations": [w for w, _, _ in e.evaluations],
             "provider_meets_standards": e.provider_check and e.provider_check[1],
             "provider_judged": e.provider_judged}
            for e in events]
    from lif_domain.training import reach

    count, attendees = reach(events)
    data = {"events": rows, "reach": {"events": count, "attendees": attendees}}
    lines = [f"{r['ref']:<14} {r['held_on']} {r['title']} ({r['programme']}): "
             f"{r['attendees']} attended" for r in rows]
    lines.append(f"Reach: {count} events, {attendees} attendees (each "
                 "counted once per event)")
    emit(as_json, data, "\n".join(lines))
