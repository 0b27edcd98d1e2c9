"""lif board: the board or partnership itself, and the regimes its cases are judged by."""

from datetime import date

import click

from cli.common import DATE, PARTNERS, app_for, emit, reads, writes


@click.group()
def board():
    """The board or partnership: when its new arrangements took effect, and the regimes
    (Working Together 2015, 2018, 2023) its cases are judged by (rule G1)."""


@board.command()
@click.option("--took-effect", type=DATE, required=True,
              help="The date the partnership's new safeguarding arrangements took effect "
              "(between 2018-06-29 and 2019-09-29).")
@writes
def arrangements(ctx, took_effect, by, on):
    """Record the date the partnership's new arrangements (Working Together 2018) took effect.

    Cases the local authority became aware of from that date are judged under Working
    Together 2018; earlier ones under 2015, to the end (rule G1). Until it is recorded,
    29 September 2019 (the latest date for any area) is used. It is recorded once.

    \b
    Example:
      lif board arrangements --took-effect 2019-06-28 --as chair1 --on 2019-07-01
    """
    app_for(ctx).record_arrangements(took_effect, by=by, on=on)
    click.echo(f"Recorded: the new arrangements took effect on {took_effect}. Cases the local "
               "authority became aware of from then are judged under Working Together 2018 "
               "(rule G1).")


@board.command()
@click.option("--partner", type=click.Choice(sorted(PARTNERS)),
              required=True, help="The partner the decision is delegated to.")
@click.option("--published", required=True,
              help="Where the published arrangements delegate it (document and paragraph).")
@writes
def delegation(ctx, partner, published, by, on):
    """Record that the partners' published arrangements delegate their joint decision on a
    Rapid Review to one of them (rule RR4): from --on, that partner's decision, recorded with
    'lif case partner-decision --under-delegation', stands for all three. Recorded again, the
    latest stands; each partner can still decide for itself.

    \b
    Example:
      lif board delegation --partner local-authority --published "Arrangements 2024, 4.2" \\
          --as la1 --on 2024-01-08
    """
    from lif_domain.roles import Role

    app_for(ctx).record_delegation(Role(PARTNERS[partner]), published, by=by, on=on)
    click.echo(f"Recorded: the partners' Rapid Review decision is delegated to the "
               f"{Role(PARTNERS[partner]).title} from {on or 'today'} ({published}; rule RR4).")


@board.command("lead-partner")
@click.option("--partner", type=click.Choice(sorted(PARTNERS)),
              required=True, help="The partner it leads.")
@click.option("--lead", required=True,
              help="The lead partner's office, e.g. \"chief constable\".")
@click.option("--delegate", required=True,
              help="The member holding that partner's role who decides for it.")
@click.option("--published", required=True, help="Where the published arrangements say so.")
@writes
def lead_partner(ctx, partner, lead, delegate, published, by, on):
    """Working Together 2023: record a lead safeguarding partner (the council's or the
    integrated care board's chief executive, the chief constable) and the member it delegates
    its decisions to (rule RR6). From --on, only that member records that partner's Rapid
    Review decisions on cases under Working Together 2023.

    \b
    Example:
      lif board lead-partner --partner police --lead "chief constable" --delegate police1 \\
          --published "Arrangements 2024, 2.1" --as bm1 --on 2024-01-08
    """
    from lif_domain.roles import Role

    role = Role(PARTNERS[partner])
    app_for(ctx).name_lead_partner(role, lead, delegate, published, by=by, on=on)
    click.echo(f"Recorded: the {lead} leads the {role.title} and delegates its decisions to "
               f"{delegate} (rule RR6).")


@board.command()
@click.option("--summary", required=True,
              help="The scrutineer's assessment of how well the arrangements work.")
@writes
def scrutiny(ctx, summary, by, on):
    """Record the independent scrutineer's assessment of the partners' arrangements (rule Y3);
    the partners' yearly report lists those of its 12 months.

    \b
    Example:
      lif board scrutiny --summary "Rapid Reviews on time; learning from LCSPRs not yet \\
          reaching schools" --as scrutineer1 --on 2025-03-10
    """
    app_for(ctx).report_scrutiny(summary, by=by, on=on)
    click.echo("Recorded the independent scrutiny of the arrangements (rule Y3).")


@board.command()
@reads
def show(ctx, as_json):
    """Show the board: its name, organisations, and each regime with the date from which its
    cases are judged by it (rule G1).

    \b
    Example:
      lif board show
    """
    from lif_domain.regimes import REGIMES
    from lif_domain.roles import Role

    record = app_for(ctx).board()
    arranged = record.arrangements_on
    regimes = [{"regime": r.key, "title": r.title, "from": r.starts_for(arranged),
                "source": r.source, "reviews": list(r.review_kinds)} for r in REGIMES]
    data = {"name": record.name, "organisations": record.organisations,
            "arrangements_took_effect": arranged, "regimes": regimes,
            "relevant_agencies": list(record.relevant_agencies),
            "lead_partners": {p: [{"from": since, "lead": lead, "delegate": delegate,
                                   "published": published}
                                  for since, lead, delegate, published in named]
                              for p, named in record.leads.items()},
            "delegations": [{"to": to, "published": published, "from": since}
                            for since, to, published in record.delegations]}
    lines = [record.name,
             f"  Organisations: {', '.join(record.organisations) or '-'}",
             "  New arrangements took effect: "
             + (str(arranged) if arranged else "not recorded (lif board arrangements)"),
             "  Relevant agencies (rule RR6): " + (", ".join(record.relevant_agencies) or "-"),
             *(f"  Lead partner (rule RR6): the {lead} leads the {Role(p).title}, delegating "
               f"to {delegate} from {since} ({published})"
               for p, named in sorted(record.leads.items())
               for since, lead, delegate, published in named),
             *(f"  Rapid Review decision delegated (rule RR4): to the {Role(to).title} from "
               f"{since} ({published})" for since, to, published in record.delegations),
             *([] if record.delegations else ["  Rapid Review decision delegated (rule RR4): "
                                              "no; each partner decides for itself (rule RR2)"]),
             "Regimes (a case is judged by the one in force when the local authority became "
             "aware; rule G1):"]
    for r in regimes:
        since = "from the start" if r["from"] == date.min else f"from {r['from']}"
        lines.append(f"  {r['title']:<22} {since}: {r['source']}")
    emit(as_json, data, "\n".join(lines))
