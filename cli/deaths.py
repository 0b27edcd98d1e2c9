"""lif deaths: child deaths as the panel that reviews them records them (issue 14; rules CD1 to
CD6 in docs/rules.md): notification, the response to an unexpected death, the review meeting,
the panel's review, a referral that opens a case, the period's figures and the analysis
export."""

import click

from cli.case import facts_options, make_facts
from cli.common import (DATE, app_for, choice, emit, lif_for, new_file, reads, refusals,
                        replaceable, text_option, writes)

AGE_BANDS = ("0-27-days", "28-364-days", "1-4-years", "5-9-years", "10-14-years",
             "15-17-years")
MODIFIABLE = ("yes", "no", "insufficient-information")


@click.group()
def deaths():
    """Child deaths: every death of a child in the area, reviewed by the Child Death Overview
    Panel (rules CD1 to CD6 in docs/rules.md)."""


@deaths.command()
@click.argument("ref")
@click.option("--died-on", type=DATE, required=True, help="The date of death.")
@click.option("--age-band", type=choice(*AGE_BANDS), required=True,
              help="The child's age as a band (never a date of birth).")
@click.option("--expected/--unexpected", required=True,
              help="Whether the death was expected.")
@writes
def notify(ctx, ref, died_on, age_band, expected, by, on):
    """Record the notification of child death REF to the panel (a code such as CD-2017-04,
    never a name or an NHS number; rule CD1).

    \b
    Example:
      lif deaths notify CD-2017-04 --died-on 2017-06-10 --age-band 28-364-days \\
          --unexpected --as bm1 --on 2017-06-11
    """
    from lif_domain.child_death import AgeBand

    d = app_for(ctx).notify_death(ref, died_on, AgeBand.parse(age_band, "--age-band"),
                                  expected, by=by, on=on)
    then = "" if d.expected else f"; an unexpected death: record its {d.response_kind}"
    click.echo(f"Recorded child death {d.ref}, notified {d.notified_on}{then}.")


@deaths.command()
@click.argument("ref")
@click.option("--started-on", type=DATE, required=True, help="When the response began.")
@click.option("--meeting-on", type=DATE, default=None,
              help="When its information-sharing meeting was held, if one was.")
@text_option("--summary", "summary", "What the response did and found.")
@writes
def response(ctx, ref, started_on, meeting_on, summary, by, on):
    """Record the rapid response (2015) or joint agency response (2018 on) to unexpected
    death REF (rule CD2).

    \b
    Example:
      lif deaths response CD-2017-04 --started-on 2017-06-10 --meeting-on 2017-06-11 \\
          --summary "home visit by the paediatrician and police" --as bm1 --on 2017-06-12
    """
    d = app_for(ctx).death_response(ref, started_on, meeting_on, summary, by=by, on=on)
    click.echo(f"Recorded {d.ref}'s {d.response_kind}.")


@deaths.command()
@click.argument("ref")
@text_option("--summary", "summary", "What the professionals involved found.")
@writes
def meeting(ctx, ref, summary, by, on):
    """Record death REF's child death review meeting (rule CD3).

    \b
    Example:
      lif deaths meeting CD-2020-01 --summary "hospital, GP and health visitor met" \\
          --as bm1 --on 2020-02-01
    """
    d = app_for(ctx).death_review_meeting(ref, summary, by=by, on=on)
    click.echo(f"Recorded {d.ref}'s child death review meeting.")


@deaths.command()
@click.argument("ref")
@click.option("--category", required=True,
              help="The analysis form's category, 1 to 10 (or its words).")
@click.option("--modifiable", type=choice(*MODIFIABLE), required=True,
              help="Whether there were modifiable factors.")
@click.option("--factors", default="", help="What the modifiable factors were (with yes).")
@text_option("--learning", "learning", "What the panel learned.")
@click.option("--theme", "themes", multiple=True, help="A theme across deaths (repeat).")
@writes
def review(ctx, ref, category, modifiable, factors, learning, themes, by, on):
    """Record the panel's review of death REF: category, modifiable factors and learning
    (rule CD3).

    \b
    Example:
      lif deaths review CD-2017-04 --category 10 --modifiable yes \\
          --factors "unsafe sleeping arrangement" --learning "safe sleep advice at every \\
          contact" --theme "safe sleep" --as cdop1 --on 2017-09-05
    """
    from lif_domain.child_death import Modifiable, category as parse_category

    d = app_for(ctx).panel_review(ref, parse_category(category),
                                  Modifiable.parse(modifiable, "--modifiable"), factors,
                                  learning, list(themes), by=by, on=on)
    click.echo(f"Recorded the panel's review of {d.ref}: category "
               f"{d.review.category_words}.")


@deaths.command()
@click.argument("ref")
@click.option("--case", "case_ref", required=True,
              help="The case it opens: a pseudonym such as \"Child K\".")
@click.option("--aware-on", type=DATE, required=True,
              help="When the local authority became aware of the death.")
@facts_options(required=True)
@text_option("--rationale", "rationale", "Why the death may meet the criteria.")
@writes
def refer(ctx, ref, case_ref, aware_on, abuse, harm, agency_concern, custody_death,
          looked_after, care_leaver, rationale, by, on):
    """Refer death REF to the chair (2015) or the safeguarding partners (2018 on) as one that
    may meet the criteria for a case review, opening case --case (rule CD4).

    \b
    Example:
      lif deaths refer CD-2017-04 --case "Child K" --aware-on 2017-06-10 \\
          --abuse suspected --harm died --agency-concern not-yet-known \\
          --rationale "injuries unexplained" --as cdop1 --on 2017-06-20
    """
    facts = make_facts(abuse, harm, agency_concern, custody_death, looked_after, care_leaver)
    app = app_for(ctx)
    d = app.refer_death(ref, case_ref, aware_on, facts, rationale, by=by, on=on)
    case = app.case(case_ref)
    click.echo(f"Referred {d.ref} to {d.referred_to}: case {case.ref} opened, judged under "
               f"{case.policy.title} (lif case show \"{case.ref}\").")


@deaths.command()
@click.option("--from", "since", type=DATE, default=None,
              help="First date (default: the start of the financial year).")
@click.option("--to", "until", type=DATE, default=None, help="Last date (default: today).")
@reads
def report(ctx, since, until, as_json):
    """The panel's figures for a period: deaths notified, by age band; deaths reviewed, by
    category, modifiable factors and theme; referrals (rule CD6).

    \b
    Example:
      lif deaths report --from 2017-04-01 --to 2018-03-31
      lif deaths report --from 2017-04-01 --to 2018-03-31 --json
    """
    figures = app_for(ctx).death_figures(since, until)
    data = figures.data()

    def counts(title, table):
        return [title] + [f"  {label}: {n}" for label, n in table.items()]

    lines = [f"Child deaths {figures.start} to {figures.end}",
             f"Notified: {data['notified']} ({data['expected']} expected, "
             f"{data['unexpected']} unexpected)", *counts("By age band:", data["by_age_band"]),
             f"Reviewed by the panel: {data['reviewed']}",
             *counts("By category:", data["by_category"]),
             *counts("Modifiable factors:", data["modifiable_factors"]),
             *counts("Themes:", data["themes"] or {"none recorded": 0}),
             f"Referred for a case review: {len(data['referred'])}",
             *(f"  {r['death']} on {r['on']} to {r['to']} (case {r['case']})"
               for r in data["referred"])]
    emit(as_json, data, "\n".join(lines))


@deaths.command("list")
@reads
def list_deaths(ctx, as_json):
    """List the child deaths with where each stands.

    \b
    Example:
      lif deaths list --json
    """
    rows = app_for(ctx).death_analysis()
    lines = [f"{r['reference']:<14} died {r['died_on']} {r['age_band']:<16} "
             + (f"reviewed {r['reviewed_on']}, category {r['category']}" if r["reviewed_on"]
                else "awaiting the panel's review")
             + (f"; referred: case {r['case']}" if r["case"] else "") for r in rows]
    emit(as_json, rows, "\n".join(lines) or "No child deaths.")


@deaths.command("export")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@click.option("--from", "since", type=DATE, default=None,
              help="Deaths notified from this date (default: all).")
@click.option("--to", "until", type=DATE, default=None,
              help="Deaths notified up to this date (default: all).")
@replaceable
@click.pass_context
@refusals
def export_analysis(ctx, path, since, until, force):
    """Write each death's analysis fields to PATH, a .csv or .json file, in the layout
    docs/child-deaths.md describes (for a national return; rule CD6).

    \b
    Example:
      lif deaths export deaths-2017-18.csv --from 2017-04-01 --to 2018-03-31
    """
    from pathlib import Path

    from lif_domain.errors import InvalidInput

    if not path.lower().endswith((".csv", ".json")):
        raise InvalidInput(f"{path}: the export is a .csv or a .json file")
    new_file(ctx, path, force)
    lif = lif_for(ctx)
    rows = lif.app().death_analysis(since, until)
    lif.write_death_analysis(Path(path), rows, replace=force)
    click.echo(f"Wrote {len(rows)} child deaths to {path}.")
