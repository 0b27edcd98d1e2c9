"""lif audit: single- and multi-agency audits of practice (issue 14; rules AU1 to AU4 in
docs/rules.md): the plan, returns chased and received, moderation, findings by agency,
strengths and weaknesses, approval, and re-audits of an earlier audit's findings."""

import click

from cli.common import DATE, app_for, choice, emit, pairs, reads, text_option, writes


@click.group()
def audit():
    """Audits of practice in one or more agencies (rules AU1 to AU4 in docs/rules.md)."""


def _retests(values: tuple[str, ...]) -> list[tuple[str, int]]:
    return pairs(values, "--retest", ":", "AUDIT:FINDING, e.g. AUD-2017-02:1")


@audit.command()
@click.argument("ref")
@text_option("--theme", "theme", "What the audit is about, e.g. neglect.")
@text_option("--question", "question", "The question it answers.")
@click.option("--sample", "sample_size", type=int, required=True, help="Cases in the sample.")
@click.option("--agency", "agencies", multiple=True, required=True,
              help="An agency whose practice it looks at (repeat).")
@text_option("--tool", "tool", "The audit tool issued to the agencies.")
@click.option("--returns-due", type=DATE, required=True, help="The returns' deadline.")
@click.option("--retest", "retests", multiple=True,
              help="A finding of one earlier audit it re-tests, as AUDIT:NUMBER (repeat).")
@writes
def plan(ctx, ref, theme, question, sample_size, agencies, tool, returns_due, retests, by,
         on):
    """Plan audit REF (rule AU1); a re-audit names the findings it re-tests (rule AU4).

    \b
    Example:
      lif audit plan AUD-2018-01 --theme neglect --question "Is neglect recognised early?" \\
          --sample 20 --agency Health --agency Police --tool "neglect tool v2" \\
          --returns-due 2018-05-31 --as plqa1 --on 2018-04-09
    """
    a = app_for(ctx).plan_audit(ref, theme, question, sample_size, list(agencies), tool,
                                returns_due, by=by, on=on, retests=_retests(retests))
    again = f"; it re-tests {a.reaudit_of} findings {', '.join(map(str, a.retests))}" \
        if a.reaudit_of else ""
    click.echo(f"Planned audit {a.ref} of {', '.join(a.agencies)}, returns due by "
               f"{a.returns_due}{again}.")


@audit.command()
@click.argument("ref")
@text_option("--agency", "agency", "The agency whose return is chased.")
@writes
def chase(ctx, ref, agency, by, on):
    """Record that an agency's return to audit REF was chased (rule AU2).

    \b
    Example:
      lif audit chase AUD-2018-01 --agency Police --as bm1 --on 2018-06-04
    """
    app_for(ctx).chase_return(ref, agency, by=by, on=on)
    click.echo(f"Recorded {agency}'s return to {ref} chased.")


@audit.command("return")
@click.argument("ref")
@text_option("--agency", "agency", "The agency whose return came in.")
@click.option("--cases", type=int, required=True, help="Cases of the sample it audited.")
@writes
def receive(ctx, ref, agency, cases, by, on):
    """Record an agency's return to audit REF, once; late if after the date set (rule AU2).

    \b
    Example:
      lif audit return AUD-2018-01 --agency Health --cases 10 --as bm1 --on 2018-05-25
    """
    app_for(ctx).receive_return(ref, agency, cases, by=by, on=on)
    click.echo(f"Recorded {agency}'s return to {ref}.")


@audit.command()
@click.argument("ref")
@click.option("--how", type=choice("moderation", "challenge"), default="moderation",
              show_default=True, help="How the returns were tested.")
@text_option("--summary", "summary", "What the moderation or challenge found.")
@writes
def moderate(ctx, ref, how, summary, by, on):
    """Record the moderation or challenge of audit REF's returns (rule AU3).

    \b
    Example:
      lif audit moderate AUD-2018-01 --summary "two gradings raised" --as plqa1 --on 2018-06-12
    """
    app_for(ctx).moderate_audit(ref, how, summary, by=by, on=on)
    click.echo(f"Recorded the {how} of {ref}'s returns.")


@audit.command()
@click.argument("ref")
@text_option("--agency", "agency", "The agency it is about, or \"all agencies\".")
@click.option("--strength/--weakness", "strength", required=True,
              help="A strength or a weakness of practice.")
@text_option("--text", "text", "What was found.")
@click.option("--theme", "themes", multiple=True, help="A theme besides the audit's (repeat).")
@writes
def finding(ctx, ref, agency, strength, text, themes, by, on):
    """Record a finding of audit REF, attributed to an agency (rule AU3).

    \b
    Example:
      lif audit finding AUD-2018-01 --agency Health --weakness \\
          --text "Neglect recognised late in 6 of 10 cases" --as plqa1 --on 2018-06-20
    """
    number = app_for(ctx).audit_finding(ref, agency, "strength" if strength else "weakness",
                                        text, list(themes), by=by, on=on)
    click.echo(f"Recorded finding {number} of {ref}.")


@audit.command()
@click.argument("ref")
@text_option("--approved-by", "approved_by", "The committee that approved the findings.")
@text_option("--rationale", "rationale", "Why.")
@writes
def approve(ctx, ref, approved_by, rationale, by, on):
    """Record audit REF's findings report approved (rule AU3). Actions follow through a
    source that takes its findings: lif source record REF --type practice-audit --audit REF.

    \b
    Example:
      lif audit approve AUD-2018-01 --approved-by "PLQA committee" --rationale "sound" \\
          --as plqa1 --on 2018-07-03
    """
    app_for(ctx).approve_audit(ref, approved_by, rationale, by=by, on=on)
    click.echo(f"Recorded {ref}'s findings approved.")


@audit.command()
@click.argument("ref")
@click.option("--finding", "number", type=int, required=True,
              help="The number of the re-tested finding, in the audit re-audited.")
@text_option("--text", "text", "What changed.")
@writes
def changed(ctx, ref, number, text, by, on):
    """Record what changed on a finding re-audit REF re-tests (rule AU4).

    \b
    Example:
      lif audit changed AUD-2019-01 --finding 1 --text "recognised early in 8 of 10" \\
          --as plqa1 --on 2019-07-02
    """
    app_for(ctx).audit_change(ref, number, text, by=by, on=on)
    click.echo(f"Recorded what changed on finding {number}.")


def audit_data(app, a) -> dict:
    return {"ref": a.ref, "theme": a.theme, "question": a.question,
            "sample_size": a.sample_size, "agencies": list(a.agencies), "tool": a.tool,
            "planned_on": a.opened_on, "returns_due": a.returns_due,
            "returns": {g: {"received_on": on, "cases": n} for g, (on, n) in a.returns.items()},
            "chased": [{"agency": g, "on": on} for g, on in a.chased],
            "moderation": a.moderation and {"on": a.moderation[0], "how": a.moderation[1],
                                            "summary": a.moderation[2]},
            "findings": [{"number": f.number, "agency": f.agency, "nature": f.nature,
                          "text": f.text, "themes": list(f.themes)} for f in a.findings],
            "approval": a.approval and {"on": a.approval[0], "by": a.approval[1],
                                        "rationale": a.approval[2]},
            "reaudit_of": a.reaudit_of, "retests": list(a.retests),
            "changes": {n: {"on": on, "what_changed": t} for n, (on, t) in a.changes.items()},
            "clocks": [c.row(app.today()) for c in app.clocks_of(a)]}


@audit.command()
@click.argument("ref")
@reads
def show(ctx, ref, as_json):
    """Show audit REF: its plan, returns, moderation, findings, approval and re-tests.

    \b
    Example:
      lif audit show AUD-2018-01 --json
    """
    app = app_for(ctx)
    a = app.audit(ref)
    data = audit_data(app, a)
    lines = [f"Audit {a.ref}: {a.theme}: {a.question}",
             f"  Sample {a.sample_size} from {', '.join(a.agencies)} with {a.tool}; returns "
             f"due by {a.returns_due}"]
    lines += [f"  {c['status'].upper():<9} {c['clock']} {c['when']}"
              + (f", {c['ended']}" if c["ended"] else "") for c in data["clocks"]]
    if a.moderation:
        lines.append(f"  {a.moderation[1].capitalize()} {a.moderation[0]}: {a.moderation[2]}")
    lines += [f"  Finding {f.number}: {f.said}" for f in a.findings]
    if a.approval:
        lines.append(f"  Approved {a.approval[0]} by {a.approval[1]}: {a.approval[2]}")
    if a.reaudit_of:
        lines += [f"  Re-tests {a.reaudit_of} finding {n}: "
                  + (a.changes[n][1] if n in a.changes else "what changed not yet recorded")
                  for n in a.retests]
    emit(as_json, data, "\n".join(lines))


@audit.command("list")
@reads
def list_audits(ctx, as_json):
    """List the audits with where each stands.

    \b
    Example:
      lif audit list
    """
    audits = app_for(ctx).audits()
    rows = [{"ref": a.ref, "theme": a.theme, "planned_on": a.opened_on,
             "returns": f"{len(a.returns)} of {len(a.agencies)}",
             "findings": len(a.findings), "approved_on": a.approval and a.approval[0],
             "reaudit_of": a.reaudit_of} for a in audits]
    emit(as_json, rows, "\n".join(
        f"{r['ref']:<14} {r['theme']}: returns {r['returns']}, {r['findings']} findings, "
        + (f"approved {r['approved_on']}" if r["approved_on"] else "not approved")
        for r in rows) or "No audits.")
