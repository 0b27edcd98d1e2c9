"""lif case, under Working Together 2018 and 2023: the Panel's reference, a notification
withdrawn, and the Rapid Review from the agencies' returns to the Panel's response (rules N2,
RR1 to RR3). A case under the 2015 rules refuses these steps (rule G1)."""

import click

from cli.case import case
from cli.common import PARTNERS, app_for, choice, writes


def _step(ctx, ref, step, command, *args, by, on) -> None:
    app_for(ctx).rapid_review_step(ref, step, command, *args, by=by, on=on)


@case.command("panel-reference")
@click.argument("ref")
@click.option("--reference", required=True, help="The reference the Panel gave the notification.")
@writes
def panel_reference(ctx, ref, reference, by, on):
    """Record the reference the Child Safeguarding Practice Review Panel gave REF's notification.

    \b
    Example:
      lif case panel-reference "Child P" --reference SIN-2024-0412 --as bm1 --on 2024-03-06
    """
    _step(ctx, ref, "record the Panel's reference", "record_panel_reference", reference,
          by=by, on=on)
    click.echo(f"Recorded the Panel's reference {reference.strip()} for {ref}.")


@case.command()
@click.argument("ref")
@click.option("--reason", required=True, help="Why the notification does not meet the criteria.")
@click.option("--panel-agreed", is_flag=True,
              help="The Panel agreed to the withdrawal (without it, nothing is recorded).")
@writes
def withdraw(ctx, ref, reason, panel_agreed, by, on):
    """Record REF's notification withdrawn with the Panel's agreement: the Rapid Review is no
    longer owed (rule RR3); a withdrawal after its deadline leaves that deadline missed.

    \b
    Example:
      lif case withdraw "Child W" --reason "injuries found accidental" --panel-agreed \\
          --as bm1 --on 2024-03-12
    """
    _step(ctx, ref, "withdraw a notification", "withdraw", reason, panel_agreed, by=by, on=on)
    click.echo(f"Recorded {ref}'s notification withdrawn: the Rapid Review is no longer owed.")


@case.command("ask-agencies")
@click.argument("ref")
@click.option("--agency", "agencies", multiple=True, required=True,
              help="An agency asked for information (repeat for each).")
@writes
def ask_agencies(ctx, ref, agencies, by, on):
    """Record the agencies asked for information for REF's Rapid Review.

    \b
    Example:
      lif case ask-agencies "Child P" --agency Health --agency Police --as bm1 --on 2024-03-06
    """
    _step(ctx, ref, "ask agencies for information", "ask_agencies", list(agencies), by=by, on=on)
    click.echo(f"Recorded {len(agencies)} agenc{'y' if len(agencies) == 1 else 'ies'} asked "
               f"for information on {ref}.")


@case.command("agency-return")
@click.argument("ref")
@click.option("--agency", required=True, help="The agency whose return came.")
@writes
def agency_return(ctx, ref, agency, by, on):
    """Record an agency's return of information for REF's Rapid Review.

    \b
    Example:
      lif case agency-return "Child P" --agency Health --as bm1 --on 2024-03-13
    """
    _step(ctx, ref, "record an agency's return", "record_return", agency, by=by, on=on)
    click.echo(f"Recorded {agency.strip()}'s return on {ref}.")


@case.command("rapid-review-meeting")
@click.argument("ref")
@click.option("--summary", required=True, help="What the meeting found from the facts.")
@click.option("--immediate-actions", required=True,
              help="Action needed at once to keep children safe, or 'none'.")
@click.option("--learning", default="", help="Learning shared at once, if any.")
@writes
def rapid_review_meeting(ctx, ref, summary, immediate_actions, learning, by, on):
    """Record the Rapid Review meeting on REF: the facts reviewed, immediate safeguarding
    action and learning.

    \b
    Example:
      lif case rapid-review-meeting "Child P" --summary "missed health appointments" \\
          --immediate-actions "sibling's plan reviewed" --as bm1 --on 2024-03-18
    """
    _step(ctx, ref, "record the Rapid Review meeting", "hold_meeting", summary,
          immediate_actions, learning, by=by, on=on)
    click.echo(f"Recorded the Rapid Review meeting on {ref}.")


@case.command("partner-decision")
@click.argument("ref")
@click.option("--decision", type=choice("lcspr", "no-lcspr", "national-review"), required=True,
              help="An LCSPR; none; or a suggestion that the Panel consider a national review.")
@click.option("--rationale", required=True)
@click.option("--learning", default="",
              help="How the learning is taken forward (required with no-lcspr).")
@click.option("--partner", type=click.Choice(sorted(PARTNERS)), default=None,
              help="The partner you decide for; it must be your own (rule RR2).")
@click.option("--under-delegation", is_flag=True,
              help="Decide for all three partners, under the published delegation to you "
              "recorded with 'lif board delegation' (rule RR4).")
@writes
def partner_decision(ctx, ref, decision, rationale, learning, partner, under_delegation, by,
                     on):
    """Record one safeguarding partner's decision on REF's Rapid Review. The partners'
    decision is made when all three have recorded the same one (rule RR2), or when the partner
    their published arrangements delegate it to decides (--under-delegation; rule RR4).

    \b
    Example:
      lif case partner-decision "Child P" --decision lcspr --rationale "learning on \\
          neglect" --partner police --as police1 --on 2024-03-20
      lif case partner-decision "Child P" --decision lcspr --rationale "learning on \\
          neglect" --under-delegation --as la1 --on 2024-03-20
    """
    from lif_domain.case import RapidReviewChoice
    from lif_domain.roles import Role

    choice_ = RapidReviewChoice.parse(decision, "--decision")
    c = app_for(ctx).partner_decision(
        ref, choice_, rationale, learning, Role(PARTNERS[partner]) if partner else None,
        under_delegation=under_delegation, by=by, on=on)
    decided = c.partners_decision
    click.echo(f"Recorded {by}'s decision on {ref}: {choice_.words}. " + (
        f"The partners' decision is made: {decided[0].words} (rule RR2)." if decided else
        f"{len(c.positions)} of 3 partners have decided; the decision is made when all three "
        "agree (rule RR2)."))


@case.command("rapid-review-sent")
@click.argument("ref")
@writes
def rapid_review_sent(ctx, ref, by, on):
    """Record REF's Rapid Review and the partners' decision sent to the Panel (rule RR1).

    \b
    Example:
      lif case rapid-review-sent "Child P" --as bm1 --on 2024-03-22
    """
    _step(ctx, ref, "send the Rapid Review to the Panel", "send_rapid_review", by=by, on=on)
    click.echo(f"Recorded {ref}'s Rapid Review sent to the Panel.")


@case.command("national-review")
@click.argument("ref")
@click.option("--reference", required=True, help="The Panel's reference for the review.")
@click.option("--local-part", required=True,
              help="The part the partnership plays in it.")
@writes
def national_review(ctx, ref, reference, local_part, by, on):
    """Record that the Panel took REF on as a national review, once it had the Rapid Review,
    and the part the partnership plays in it (rule RR5).

    \b
    Example:
      lif case national-review "Child N" --reference NR-2024-02 --local-part "chronology \\
          and a practitioner event" --as bm1 --on 2024-05-02
    """
    _step(ctx, ref, "record a national review the Panel takes on", "record_national_review",
          reference, local_part, by=by, on=on)
    click.echo(f"Recorded: the Panel took {ref} on as national review {reference}.")


@case.command("ministers-told")
@click.argument("ref")
@writes
def ministers_told(ctx, ref, by, on):
    """Record the Secretary of State and Ofsted told of the death of a looked-after child or,
    under Working Together 2023, a care leaver up to 24, whatever its cause (rule N3).

    \b
    Example:
      lif case ministers-told "Child L" --as la1 --on 2024-05-07
    """
    _step(ctx, ref, "record the Secretary of State and Ofsted told", "tell_ministers", by=by,
          on=on)
    click.echo(f"Recorded the Secretary of State and Ofsted told of {ref}'s death.")


@case.command("panel-response")
@click.argument("ref")
@click.option("--response", required=True, help="What the Panel said.")
@writes
def panel_response(ctx, ref, response, by, on):
    """Record the Panel's response to REF's Rapid Review.

    \b
    Example:
      lif case panel-response "Child P" --response "agrees an LCSPR" --as bm1 --on 2024-04-05
    """
    _step(ctx, ref, "record the Panel's response", "record_panel_response", response,
          by=by, on=on)
    click.echo(f"Recorded the Panel's response on {ref}.")
