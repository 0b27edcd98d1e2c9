"""lif section11: Section 11 rounds (issue 14; rules SA1 to SA4 in docs/rules.md): agencies'
self-assessments per standard, keyed or imported from their returns, the challenge sessions,
amber and red carried forward, and two rounds compared."""

import click

from cli.common import DATE, app_for, choice, emit, lif_for, progress, reads, text_option, writes

RATINGS = ("green", "amber", "red")


@click.group()
def section11():
    """Section 11 self-assessments of the agencies' safeguarding arrangements (rules SA1 to
    SA4 in docs/rules.md)."""


@section11.command("open")
@click.argument("ref")
@click.option("--agency", "agencies", multiple=True, help="An agency asked to assess itself "
              "(repeat).")
@click.option("--standard", "standards", multiple=True,
              help="A standard, by number (1 to 8) or name (repeat; default: all eight).")
@click.option("--returns-due", type=DATE, required=True, help="The returns' deadline.")
@click.option("--carry-from", default=None,
              help="The last round, whose amber and red standards are carried forward.")
@writes
def open_round(ctx, ref, agencies, standards, returns_due, carry_from, by, on):
    """Open Section 11 round REF (rule SA1).

    \b
    Example:
      lif section11 open S11-2018 --agency Health --agency Police --returns-due 2018-06-29 \\
          --as bm1 --on 2018-04-03
      lif section11 open S11-2020 --agency Health --agency Police --carry-from S11-2018 \\
          --returns-due 2020-06-30 --as bm1 --on 2020-04-01
    """
    r = app_for(ctx).open_round(ref, list(agencies), list(standards), returns_due, by=by,
                                on=on, carry_from=carry_from)
    carried = f"; carried forward from {r.carried_from}: {len(r.carried)} amber or red" \
        if r.carried_from else ""
    click.echo(f"Opened {r.ref} for {', '.join(r.agencies)} on {len(r.standards)} standards, "
               f"returns due by {r.returns_due}{carried}.")


@section11.command()
@click.argument("ref")
@text_option("--agency", "agency", "The agency rating itself.")
@text_option("--standard", "standard", "The standard, by number (1 to 8) or name.")
@click.option("--rating", type=choice(*RATINGS), required=True,
              help="green (fully met), amber (partially met) or red (not met).")
@text_option("--evidence", "evidence", "The evidence for the rating.")
@writes
def assess(ctx, ref, agency, standard, rating, evidence, by, on):
    """Record an agency's self-assessment on one standard of round REF (rule SA2).

    \b
    Example:
      lif section11 assess S11-2018 --agency Health --standard training --rating amber \\
          --evidence "72% of staff trained at level 3" --as lead1 --on 2018-06-20
    """
    from lif_domain.section11 import Rating

    recorded = app_for(ctx).self_assess(ref, agency, standard, Rating.parse(rating, "--rating"),
                                        evidence, by=by, on=on)
    click.echo("Recorded the self-assessment." if recorded else
               "Already recorded with the same rating and evidence: nothing new.")


@section11.command("import")
@click.argument("ref")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check every row and say what would be "
              "recorded; write nothing.")
@writes
def import_returns(ctx, ref, path, dry_run, by, on):
    """Import agencies' returns to round REF from a .csv or .xlsx sheet with the columns
    Agency, Standard, Rating and Evidence: all rows or none; rows already recorded are
    skipped, so the same file imported twice records nothing new (rule SA2).

    \b
    Example:
      lif section11 import S11-2018 health-return.xlsx --dry-run --as bm1
      lif section11 import S11-2018 health-return.xlsx --as bm1 --on 2018-06-25
    """
    from pathlib import Path

    lif = lif_for(ctx)
    rows = lif.read_self_assessments(Path(path))
    with progress("Importing the returns", lambda: len(rows)):
        report = lif.app().import_self_assessments(ref, rows, dry_run=dry_run, by=by, on=on)
    for r in report.results:
        click.echo(f"  row {r.row}: {r.ref or '(empty)'}: {r.outcome}: {r.message}")
    would = "would record" if dry_run or report.invalid else "recorded"
    click.echo(f"{would} {report.count('create')}, skipped {report.count('exists')} already "
               f"recorded, {len(report.invalid)} invalid.")
    if report.invalid and not dry_run:
        raise click.ClickException(f"{len(report.invalid)} invalid rows: nothing was imported")


@section11.command()
@click.argument("ref")
@text_option("--agency", "agency", "The agency whose return is challenged.")
@text_option("--summary", "summary", "What the session tested and found.")
@click.option("--agree", "agreed", multiple=True,
              help="A rating agreed other than the agency's own, as STANDARD=RATING (repeat).")
@click.option("--reason", "reasons", multiple=True,
              help="Why, for each --agree in the same order.")
@writes
def challenge(ctx, ref, agency, summary, agreed, reasons, by, on):
    """Record the challenge session of an agency's return to round REF (rule SA3).

    \b
    Example:
      lif section11 challenge S11-2018 --agency Health --summary "evidence tested" \\
          --agree training=red --reason "no training records for GPs" --as plqa1
    """
    from lif_domain.errors import InvalidInput
    from lif_domain.section11 import Rating

    if len(agreed) != len(reasons):
        raise InvalidInput("give one --reason for each --agree")
    changes = []
    for item, reason in zip(agreed, reasons):
        key, sep, rating = item.rpartition("=")
        if not sep or not key.strip():
            raise InvalidInput(f"--agree {item!r} is not STANDARD=RATING")
        changes.append((key, Rating.parse(rating, "rating"), reason))
    r = app_for(ctx).challenge(ref, agency, summary, changes, by=by, on=on)
    click.echo(f"Recorded {r.agency(agency)}'s challenge session ({len(changes)} ratings "
               "agreed differently).")


def _round_rows(r) -> list[dict]:
    from lif_domain.section11 import STANDARDS

    rows = []
    for agency in r.agencies:
        for key in r.standards:
            own = r.ratings.get((agency, key))
            agreed = r.agreed(agency, key)
            rows.append({"agency": agency, "standard": key, "standard_words": STANDARDS[key],
                         "self_rating": own and own.rating.value,
                         "evidence": own and own.evidence,
                         "agreed_rating": agreed and agreed.value,
                         "challenged": agency in r.challenges})
    return rows


@section11.command()
@click.argument("ref")
@reads
def show(ctx, ref, as_json):
    """Show round REF: each agency's ratings, as rated and as agreed, and what it carried.

    \b
    Example:
      lif section11 show S11-2018 --json
    """
    app = app_for(ctx)
    r = app.s11_round(ref)
    rows = _round_rows(r)
    clocks = [c.row(app.today()) for c in app.clocks_of(r)]
    data = {"ref": r.ref, "opened_on": r.opened_on, "returns_due": r.returns_due,
            "agencies": list(r.agencies), "standards": list(r.standards),
            "carried_from": r.carried_from,
            "carried": [{"agency": a, "standard": s, "rating": x.value}
                        for a, s, x in r.carried],
            "ratings": rows, "clocks": clocks}
    lines = [f"Section 11 round {r.ref}, opened {r.opened_on}, returns due by {r.returns_due}"]
    if r.carried_from:
        lines.append(f"  Carried forward from {r.carried_from}: "
                     + ("; ".join(f"{a} {s} {x.value}" for a, s, x in r.carried) or "none"))
    lines += [f"  {row['agency']:<12} {row['standard']:<20} "
              f"{row['self_rating'] or 'not rated':<10} agreed "
              f"{row['agreed_rating'] or '-'}{'' if row['challenged'] else ' (not yet challenged)'}"
              for row in rows]
    lines += [f"  {c['status'].upper():<9} {c['subject']}: {c['clock']} {c['when']}"
              for c in clocks]
    emit(as_json, data, "\n".join(lines))


@section11.command()
@click.argument("earlier")
@click.argument("later")
@reads
def compare(ctx, earlier, later, as_json):
    """Compare two rounds by agency and standard: improved, the same, or worse (rule SA4).

    \b
    Example:
      lif section11 compare S11-2018 S11-2020
    """
    data = app_for(ctx).compare_rounds(earlier, later)
    lines = [f"{'Agency':<12} {'Standard':<20} {data['earlier']:<10} {data['later']:<10} "
             "Change"]
    lines += [f"{r['agency']:<12} {r['standard']:<20} {r['earlier'] or '-':<10} "
              f"{r['later'] or '-':<10} {r['change']}" for r in data["rows"]]
    emit(as_json, data, "\n".join(lines))


@section11.command("list")
@reads
def list_rounds(ctx, as_json):
    """List the Section 11 rounds, with their amber and red standards.

    \b
    Example:
      lif section11 list
    """
    rounds = app_for(ctx).s11_rounds()
    rows = [{"ref": r.ref, "opened_on": r.opened_on, "returns_due": r.returns_due,
             "agencies": list(r.agencies),
             "amber_or_red": [f"{a}: {s} {x.value}" for a, s, x in r.open_items()]}
            for r in rounds]
    emit(as_json, rows, "\n".join(f"{r['ref']:<12} opened {r['opened_on']}, "
                                  f"{len(r['agencies'])} agencies, "
                                  f"{len(r['amber_or_red'])} amber or red" for r in rows)
         or "No Section 11 rounds.")
