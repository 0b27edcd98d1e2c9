"""lif source: sources of learning, their findings, approval, dissemination and the cycle."""

import click

from cli.common import DATE, app_for, choice, emit, emit_rows, reads, text_option, writes

TYPES = ("scr", "child-death-review", "plr", "practice-audit", "section-11", "training-event",
         "national-learning", "member-performance", "rapid-review", "lcspr")
CHANNELS = ("practitioner-forum", "briefing", "training-course", "conference", "learning-brief")


@click.group()
def source():
    """Record sources of learning and follow each through the learning cycle."""


@source.command()
@click.argument("ref")
@click.option("--type", "source_type", type=choice(*TYPES), required=True)
@text_option("--title", "title", "What the source is.")
@click.option("--date", "source_date", type=DATE, required=True, help="Date of the source.")
@text_option("--lead", "lead", "The member leading it.")
@click.option("--review", "review_ref", default=None,
              help="SCR, PLR or LCSPR: the review it comes from.")
@click.option("--case", "case_ref", default=None,
              help="rapid-review: the case whose Rapid Review it is; its recorded learning "
              "becomes the source's findings, not keyed again.")
@click.option("--theme", "themes", multiple=True,
              help="rapid-review: a theme for the findings taken from the case (repeat).")
@click.option("--audit", "audit_ref", default=None,
              help="practice-audit: the audit whose approved findings (and approval) it takes.")
@click.option("--round", "round_ref", default=None,
              help="section-11: the round whose amber and red standards it takes.")
@writes
def record(ctx, ref, source_type, title, source_date, lead, review_ref, case_ref, themes,
           audit_ref, round_ref, by, on):
    """Record source of learning REF (one of the framework's types; rule L1). A Rapid Review
    source takes its findings from what its case recorded, an audit's from the audit and a
    Section 11 source from the round, so nobody keys them twice.

    \b
    Example:
      lif source record AUD-2017-02 --type practice-audit --title "Neglect audit" \\
          --date 2017-08-01 --lead plqa1 --as plqa1
      lif source record RR-2024-03 --type rapid-review --title "Child P" --date 2024-03-20 \\
          --lead bm1 --case "Child P" --theme neglect --as bm1
      lif source record AUD-2018-01 --type practice-audit --title "Neglect audit" \
          --date 2018-07-03 --lead plqa1 --audit AUD-2018-01 --as plqa1
    """
    from lif_domain.errors import InvalidInput
    from lif_domain.source import SourceType

    if audit_ref and round_ref:
        raise InvalidInput("a source takes its learning from an audit or a round, not both")
    kind = SourceType.parse(source_type, "--type")
    process_ref = audit_ref or round_ref
    if process_ref and kind is not (SourceType.PRACTICE_AUDIT if audit_ref
                                    else SourceType.SECTION_11):
        raise InvalidInput("--audit goes with --type practice-audit, --round with --type "
                           "section-11")
    s = app_for(ctx).record_source(ref, kind, title, source_date, lead, review_ref,
                                   case_ref=case_ref, themes=list(themes), by=by, on=on,
                                   process_ref=process_ref)
    taken = case_ref and f"{case_ref}'s Rapid Review" or process_ref
    click.echo(f"Recorded {s.source_type.label} source {s.ref}" + (
        f", with {len(s.findings)} findings taken from {taken}." if taken else "."))


@source.command()
@click.argument("ref")
@click.option("--kind", type=choice("finding", "recommendation"), default="finding",
              show_default=True)
@text_option("--text", "text", "What was found or recommended.")
@click.option("--theme", "themes", multiple=True, required=True,
              help="A theme tag (repeat): neglect, information-sharing, voice-of-the-child...")
@writes
def finding(ctx, ref, kind, text, themes, by, on):
    """Record a finding or recommendation of source REF, tagged with themes.

    \b
    Example:
      lif source finding AUD-2017-02 --text "Neglect recognised late" --theme neglect \\
          --theme voice-of-the-child --as bm1
    """
    number = app_for(ctx).record_finding(ref, kind.lower(), text, list(themes), by=by, on=on)
    click.echo(f"Recorded {kind} {number} of {ref}.")


@source.command()
@click.argument("ref")
@text_option("--body", "body", "The board or the named committee.")
@text_option("--rationale", "rationale", "Why it is approved.")
@writes
def approve(ctx, ref, body, rationale, by, on):
    """Record the report and action plan of REF approved by the board or a committee.

    \b
    Example:
      lif source approve AUD-2017-02 --body "PLQA committee" --rationale "accepted" --as plqa1
    """
    app_for(ctx).approve_source_report(ref, body, rationale, by=by, on=on)
    click.echo(f"Recorded the report and action plan of {ref} approved by {body}.")


@source.command("return")
@click.argument("ref")
@text_option("--body", "body", "The board or the named committee.")
@text_option("--reasons", "reasons", "Why it is returned.")
@writes
def return_report(ctx, ref, body, reasons, by, on):
    """Record the report and action plan of REF returned, with reasons.

    \b
    Example:
      lif source return AUD-2017-02 --body Board --reasons "too many actions" --as chair1
    """
    app_for(ctx).return_source_report(ref, body, reasons, by=by, on=on)
    click.echo(f"Recorded the report and action plan of {ref} returned.")


@source.command()
@click.argument("ref")
@click.option("--channel", type=choice(*CHANNELS), required=True)
@text_option("--audience", "audience", "Who it reached.")
@click.option("--attendance", type=click.IntRange(min=0), required=True)
@click.option("--finding", "findings", type=int, multiple=True, required=True,
              help="Number of a finding passed on (repeat).")
@click.option("--event", "event_ref", default=None,
              help="The training event it was (lif training record): its attendance is "
              "counted once however many sources it carries.")
@writes
def disseminate(ctx, ref, channel, audience, attendance, findings, event_ref, by, on):
    """Record learning from REF passed on to practitioners.

    \b
    Example:
      lif source disseminate AUD-2017-02 --channel practitioner-forum \\
          --audience "health visitors" --attendance 35 --finding 1 --as bm1
    """
    from lif_domain.source import Channel

    number = app_for(ctx).disseminate(ref, Channel.parse(channel, "--channel"), audience,
                                      attendance, list(findings), by=by, on=on,
                                      event_ref=event_ref)
    click.echo(f"Recorded dissemination {number} of {ref}.")


@source.command()
@click.argument("ref")
@text_option("--summary", "summary", "The evidence of impact.")
@click.option("--evidence", "evidence_ref", default=None,
              help="A later audit (a source, or a re-audit) or review that evidences it.")
@click.option("--why-open", default="",
              help="With actions still open: the committee's reason for judging impact "
              "evidenced now (rule L1).")
@writes
def impact(ctx, ref, summary, evidence_ref, why_open, by, on):
    """Record impact evidenced for REF: the last step of the learning cycle, once its actions
    are done (or, with --why-open, the committee's reason for judging it now; rule L1).

    \b
    Example:
      lif source impact AUD-2017-02 --summary "re-audit: earlier recognition" \\
          --evidence AUD-2018-05 --as plqa1
    """
    app_for(ctx).evidence_impact(ref, summary, evidence_ref, why_open=why_open, by=by, on=on)
    click.echo(f"Recorded impact evidenced for {ref}.")


def source_data(s, steps, action_refs: list[str]) -> dict:
    reached = [c for c in steps if c.reached_on]
    return {"ref": s.ref, "status": reached[-1].name if reached else "recorded",
            "type": s.source_type.value, "title": s.title, "date": s.source_date,
            "lead": s.lead, "review": s.review_ref,
            "findings": [{"number": f.number, "kind": f.kind, "text": f.text,
                          "themes": list(f.themes)} for f in s.findings],
            "approved_on": s.approved_on, "approved_by": s.approved_by,
            "disseminations": [{"number": d.number, "channel": d.channel.value,
                                "on": d.held_on, "audience": d.audience,
                                "attendance": d.attendance, "findings": list(d.findings)}
                               for d in s.disseminations],
            "impact": {"on": s.impact_on, "summary": s.impact_summary,
                       "evidence": s.impact_evidence_ref} if s.impact_on else None,
            "cycle": [{"step": c.number, "name": c.name, "reached_on": c.reached_on}
                      for c in steps],
            "actions": action_refs}


@source.command()
@click.argument("ref")
@reads
def show(ctx, ref, as_json):
    """Show source REF: findings, where it stands in the learning cycle, and its history.

    \b
    Example:
      lif source show AUD-2017-02
    """
    app = app_for(ctx)
    s, steps, action_refs = next(app.cycles([ref]))
    data = source_data(s, steps, action_refs)
    from cli.render import history_text, record_history

    data["history"] = record_history(app, "source", s)
    lines = [f"{s.source_type.label[0].upper()}{s.source_type.label[1:]} {s.ref}: {s.title} "
             f"({s.source_date}), "
             f"lead {s.lead}", "  Findings:"]
    lines += [f"    {f.number}. [{f.kind}] {f.text} ({', '.join(f.themes)})" for f in s.findings]
    lines.append("  Learning cycle:")
    lines += [f"    {c['step']}. {c['name']:<34} {c['reached_on'] or '-'}" for c in data["cycle"]]
    lines.append(f"  Status: {data['status']}; actions: {', '.join(data['actions']) or '-'}")
    emit(as_json, data, "\n".join(lines) + "\n\n" + history_text(data["history"]))


@source.command("list")
@reads
def list_sources(ctx, as_json):
    """List sources with the furthest step of the learning cycle each has reached.

    \b
    Example:
      lif source list --json
    """
    from lif_domain.source import SourceType

    app = app_for(ctx)
    emit_rows(as_json, (source_data(*found) for found in app.cycles()),
              lambda r: f"{r['ref']:<16} {SourceType(r['type']).label:<22} {r['status']}",
              "No sources.")
