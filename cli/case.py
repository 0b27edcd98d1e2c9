"""lif case: notification, the SCR panel's screening, the chair's decision, the national panel."""

import click

from cli.common import DATE, app_for, choice, correct_date_command, emit, lif_for, reads, writes

DECISIONS = ("scr", "plr", "other-review", "no-review")


def facts_options(required: bool):
    def wrap(func):
        for option in reversed([
            click.option("--abuse", type=choice("known", "suspected", "not-suspected"),
                         required=required, help="Abuse or neglect known, suspected or not."),
            click.option("--harm", type=choice("died", "seriously-harmed", "neither"),
                         required=required, help="What happened to the child."),
            click.option("--agency-concern", type=choice("yes", "no-definitive", "not-yet-known"),
                         required=required, help="Cause for concern about how agencies worked "
                         "together: yes; no, with definitive evidence; or not yet known."),
            click.option("--custody-death/--no-custody-death", default=None,
                         help="Died in custody, a secure setting or under the Mental Health Act."),
            click.option("--looked-after/--not-looked-after", default=None,
                         help="The child was looked after by the local authority."),
            click.option("--care-leaver/--not-care-leaver", default=None,
                         help="A care leaver aged up to and including 24 (rule N3)."),
        ]):
            func = option(func)
        return func

    return wrap


def make_facts(abuse, harm, agency_concern, custody_death, looked_after, care_leaver,
               base=None):
    from lif_domain.criteria import AbuseOrNeglect, AgencyConcern, CaseFacts, Harm

    def pick(given, parse, current):
        return parse(given) if given is not None else current

    return CaseFacts(
        pick(abuse, lambda v: AbuseOrNeglect.parse(v, "--abuse"), base and base.abuse),
        pick(harm, lambda v: Harm.parse(v, "--harm"), base and base.harm),
        pick(agency_concern, lambda v: AgencyConcern.parse(v, "--agency-concern"),
             base and base.agency_concern),
        bool(custody_death if custody_death is not None else base and base.custody_death),
        bool(looked_after if looked_after is not None else base and base.looked_after),
        bool(care_leaver if care_leaver is not None else base and base.care_leaver),
    )


@click.group()
def case():
    """Record and screen notifications of serious incidents."""


@case.command()
@click.argument("ref")
@click.option("--aware-on", type=DATE, required=True,
              help="Date the local authority became aware of the incident.")
@facts_options(required=True)
@writes
def notify(ctx, ref, aware_on, abuse, harm, agency_concern, custody_death, looked_after,
           care_leaver, by, on):
    """Record the notification of case REF (a pseudonym such as "Child H"; never a name).

    The case is judged by the regime in force on the date of awareness (rule G1): under
    Working Together 2015 LIF works out whether the SCR criteria of reg 5(2) are met; from
    2018, whether the incident is one the Panel must be told of (s16C). It records the rule
    used.

    \b
    Example:
      lif case notify "Child H" --aware-on 2017-05-01 --abuse suspected --harm died \\
          --agency-concern not-yet-known --as bm1 --on 2017-05-04
    """
    facts = make_facts(abuse, harm, agency_concern, custody_death, looked_after, care_leaver)
    c = app_for(ctx).notify_case(ref, aware_on, facts, by=by, on=on)
    met = "MET" if c.assessment.met else "NOT MET"
    click.echo(f"Recorded {c.ref}, judged under {c.policy.title} (rule G1; lif case show "
               f"says why). {c.policy.criteria_heading} {met} ({c.assessment.rule}): "
               f"{c.assessment.explanation}.")


@case.command()
@click.argument("ref")
@click.option("--aware-on", type=DATE, default=None, help="Corrected date of awareness.")
@facts_options(required=False)
@click.option("--reason", required=True, help="Why the record is corrected.")
@writes
def correct(ctx, ref, aware_on, abuse, harm, agency_concern, custody_death, looked_after,
            care_leaver, reason, by, on):
    """Correct the facts of REF's notification; the original stays in its history.

    \b
    Example:
      lif case correct "Child H" --agency-concern yes --reason "IMRs show gaps" --as bm1
    """
    app = app_for(ctx)
    facts = make_facts(abuse, harm, agency_concern, custody_death, looked_after, care_leaver,
                       base=app.case(ref).facts)
    c = app.correct_notification(ref, aware_on, facts, reason, by=by, on=on)
    met = "MET" if c.assessment.met else "NOT MET"
    click.echo(f"Corrected {c.ref}. {c.policy.criteria_heading} now {met} "
               f"({c.assessment.rule}).")


@case.command()
@click.argument("ref")
@click.option("--recommendation", type=choice(*DECISIONS), required=True)
@click.option("--rationale", required=True)
@writes
def recommend(ctx, ref, recommendation, rationale, by, on):
    """Record the SCR panel's recommendation to the chair on REF.

    \b
    Example:
      lif case recommend "Child H" --recommendation scr --rationale "criteria met" \\
          --as panel1 --on 2017-05-10
    """
    from lif_domain.case import ReviewChoice

    choice_ = ReviewChoice.parse(recommendation)
    app_for(ctx).recommend(ref, choice_, rationale, by=by, on=on)
    click.echo(f"Recorded the panel's recommendation of {choice_.words} for {ref}.")


@case.command()
@click.argument("ref")
@click.option("--decision", type=choice(*DECISIONS), required=True)
@click.option("--rationale", required=True)
@click.option("--departure-reason", default="",
              help="Required when the decision departs from the panel or from the criteria.")
@writes
def decide(ctx, ref, decision, rationale, departure_reason, by, on):
    """Record the chair's decision on REF (only the independent chair may).

    \b
    Example:
      lif case decide "Child H" --decision scr --rationale "agree with the panel" \\
          --as chair1 --on 2017-05-12
    """
    from lif_domain.case import ReviewChoice

    c = app_for(ctx).decide(ref, ReviewChoice.parse(decision), rationale,
                            departure_reason, by=by, on=on)
    click.echo(f"Recorded the chair's decision on {ref}: {c.decision.words}.")


@case.command("panel-told")
@click.argument("ref")
@writes
def panel_told(ctx, ref, by, on):
    """Record that the national panel was told of the decision on REF.

    \b
    Example:
      lif case panel-told "Child J" --as bm1 --on 2017-06-01
    """
    app_for(ctx).tell_national_panel(ref, by=by, on=on)
    click.echo(f"Recorded that the national panel was told of the decision on {ref}.")


@case.command("panel-request")
@click.argument("ref")
@click.option("--kind", type=choice("information", "attendance"), required=True)
@click.option("--detail", required=True, help="What the national panel asked for.")
@click.option("--answer-by", type=DATE, default=None, help="The date the panel asked to be "
              "answered by, if it gave one: a deadline in lif due (rule D3).")
@writes
def panel_request(ctx, ref, kind, detail, answer_by, by, on):
    """Record a request from the national panel about REF.

    \b
    Example:
      lif case panel-request "Child J" --kind attendance --detail "chair to attend 3 July" \\
          --answer-by 2017-07-03 --as bm1 --on 2017-06-12
    """
    number = app_for(ctx).receive_panel_request(ref, kind, detail, by=by, on=on,
                                                answer_by=answer_by)
    click.echo(f"Recorded national panel request {number} on {ref}.")


@case.command("panel-answer")
@click.argument("ref")
@click.option("--number", type=int, required=True, help="The request's number.")
@click.option("--answer", required=True, help="The board's answer.")
@writes
def panel_answer(ctx, ref, number, answer, by, on):
    """Record the board's answer to a national panel request about REF.

    \b
    Example:
      lif case panel-answer "Child J" --number 1 --answer "chair attended" --as bm1
    """
    app_for(ctx).answer_panel_request(ref, number, answer, by=by, on=on)
    click.echo(f"Recorded the answer to request {number} on {ref}.")


correct_date_command(case, "case", "correct_case_date", '"Child H"')


def case_data(c) -> dict:
    return {"ref": c.ref, "regime": c.policy.key, "regime_title": c.policy.title,
            "regime_reason": c.regime_reason,
            "aware_on": c.aware_on, "notified_on": c.notified_on,
            "facts": c.facts.as_fields(), "notifiable": c.notifiable,
            "criteria": {"met": c.assessment.met, "rule": c.assessment.rule,
                         "explanation": c.assessment.explanation},
            "recommendation": c.recommendation and c.recommendation.value,
            "recommended_on": c.recommended_on,
            "decision": c.decision and c.decision.value, "decided_on": c.decided_on,
            "national_panel_told_on": c.panel_told_on,
            "personal_data": {what: {"state": state, "on": day, "by": member}
                              for what, (state, day, member) in c.personal.items()},
            "national_panel_requests": [
                {"number": r.number, "kind": r.kind, "detail": r.detail,
                 "received_on": r.received_on, "answered_on": r.answered_on, "answer": r.answer}
                for r in c.requests],
            "rapid_review": rapid_review_data(c) if c.policy.rapid_review else None}


def rapid_review_data(c) -> dict:
    decided = c.partners_decision
    return {"panel_reference": c.panel_reference or None,
            "withdrawn_on": c.withdrawn_on, "withdrawal_reason": c.withdrawal or None,
            "agencies_asked": c.asked, "agencies_returned": c.returned,
            "meeting_on": c.meeting_on,
            "partners": {p: {"decision": choice_.value, "on": on, "by": by}
                         for p, (choice_, on, by) in sorted(c.positions.items())},
            "partners_decision": decided and decided[0].value,
            "partners_decided_on": decided and decided[1],
            "delegated_to": c.delegated and c.delegated[0],
            "delegation": c.delegated and c.delegated[1],
            "sent_to_panel_on": c.rapid_review_sent_on,
            "panel_responded_on": c.panel_responded_on,
            "panel_response": c.panel_response or None,
            "national_review": c.national_review and {
                "on": c.national_review[0], "reference": c.national_review[1],
                "local_part": c.national_review[2]}}


WHAT = click.option("--what", type=click.Choice(["name", "contact"]), default="name",
                    show_default=True, help="Which personal data.")


@case.command("hold")
@click.argument("ref")
@WHAT
@click.option("--text", required=True, help="The name or contact to hold (never in the log).")
@writes
def hold(ctx, ref, what, text, by, on):
    """Hold case REF's real name or a contact in the personal data register, sealed with a key
    of its own outside the event log (rule X3): the log records only that it is held.

    \b
    Example:
      lif case hold "Child H" --what name --text "the child's name" --as bm1
    """
    lif_for(ctx).hold_personal_data(ref, what, text, by=by, on=on)
    click.echo(f"Holding {ref}'s {what} in the register (encrypted, outside the log).")


@case.command("reveal")
@click.argument("ref")
@WHAT
@reads
def reveal(ctx, ref, what, as_json):
    """Show what the register holds of case REF, or when it was erased and by whom.

    \b
    Example:
      lif case reveal "Child H" --what name
    """
    found = lif_for(ctx).personal_data(ref, what)
    text = (f"{ref}'s {what}: {found['text']}" if found["text"] is not None else
            f"{ref}'s {what}: erased on {found['on']} by {found['by']}"
            if found["state"] == "erased" else f"{ref}'s {what}: none held")
    emit(as_json, found, text)


@case.command("erase")
@click.argument("ref")
@WHAT
@click.option("--reason", required=True, help="Why (a retention period ended, a request).")
@writes
def erase(ctx, ref, what, reason, by, on):
    """Erase case REF's name or contact from the register: its key is destroyed, so no copy of
    the store can show it again; the log still verifies, and says when and by whom.

    \b
    Example:
      lif case erase "Child H" --what name --reason "retention period ended" --as bm1
    """
    lif_for(ctx).erase_personal_data(ref, what, reason, by=by, on=on)
    click.echo(f"Erased {ref}'s {what}: its key is destroyed.")


@case.command()
@click.argument("ref")
@reads
def show(ctx, ref, as_json):
    """Show case REF as it stands, and its whole history in plain words.

    \b
    Example:
      lif case show "Child H"
    """
    app = app_for(ctx)
    c = app.case(ref)
    data = case_data(c)
    from cli.render import clock_line, history_text, record_history

    data["history"] = record_history(app, "case", c)
    data["clocks"] = [k.row(app.today()) for k in app.clocks_of(c)]
    met = "met" if c.assessment.met else "not met"
    lines = [f"Case {c.ref}",
             f"  Judged under {c.policy.title} (rule G1): {c.regime_reason}",
             f"  Aware {c.aware_on}; notified {c.notified_on}"
             f"{' (notifiable incident)' if c.notifiable else ''}",
             f"  {c.policy.criteria_heading} {met}: {c.assessment.rule}: "
             f"{c.assessment.explanation}"]
    lines += rapid_review_lines(data["rapid_review"]) if data["rapid_review"] else [
        f"  Panel recommended: "
        f"{c.recommendation.words + ' on ' + str(c.recommended_on) if c.recommendation else '-'}",
        f"  Chair decided: "
        f"{c.decision.words + ' on ' + str(c.decided_on) if c.decision else '-'}",
        f"  National panel told: {c.panel_told_on or '-'}"]
    lines += [f"  Personal data: {what} {state} on {day} by {member}"
              + (" (lif case reveal)" if state == "held" else "")
              for what, (state, day, member) in c.personal.items()]
    for r in c.requests:
        answered = f"answered {r.answered_on}" if r.answered_on else "NOT YET ANSWERED"
        lines.append(f"  National panel request {r.number} ({r.kind}, {r.received_on}): "
                     f"{answered}")
    lines += ["Clocks:"] + [clock_line(k) for k in data["clocks"]]
    emit(as_json, data, "\n".join(lines) + "\n\n" + history_text(data["history"]))


def rapid_review_lines(rr: dict) -> list[str]:
    from lif_domain.case import RapidReviewChoice
    from lif_domain.roles import Role, partner_title

    lines = [f"  Panel's reference: {rr['panel_reference'] or '-'}"]
    if rr["withdrawn_on"]:
        lines.append(f"  WITHDRAWN {rr['withdrawn_on']} with the Panel's agreement: "
                     f"{rr['withdrawal_reason']}")
    asked = rr["agencies_asked"]
    lines.append("  Agencies asked: " + (", ".join(
        f"{a} ({'returned ' + str(rr['agencies_returned'][a]) if a in rr['agencies_returned'] else 'no return yet'})"
        for a in asked) or "-"))
    lines.append(f"  Rapid Review meeting: {rr['meeting_on'] or '-'}")
    for partner, p in rr["partners"].items():
        lines.append(f"  {partner_title(Role(partner), p['on'])}: "
                     f"{RapidReviewChoice(p['decision']).words} "
                     f"({p['on']}, {p['by']})")
    decided = rr["partners_decision"]
    lines.append("  Partners' decision (rule RR2): " + (
        f"{RapidReviewChoice(decided).words} on {rr['partners_decided_on']}" if decided
        else f"not made ({len(rr['partners'])} of 3 partners)") + (
        f", by the {Role(rr['delegated_to']).title} under the published delegation "
        f"({rr['delegation']}; rule RR4)" if rr["delegated_to"] else ""))
    lines.append(f"  Sent to the Panel: {rr['sent_to_panel_on'] or '-'}; Panel responded: "
                 + (f"{rr['panel_responded_on']}: {rr['panel_response']}"
                    if rr["panel_responded_on"] else "-"))
    if national := rr["national_review"]:
        lines.append(f"  National review (rule RR5): {national['reference']}, taken on "
                     f"{national['on']}; the partnership's part: {national['local_part']}")
    return lines


@case.command("list")
@reads
def list_cases(ctx, as_json):
    """List every case with its criteria outcome and decision.

    \b
    Example:
      lif case list
    """
    rows = [case_data(c) for c in app_for(ctx).cases()]
    lines = [f"{r['ref']:<16} {r['regime']}  notified {r['notified_on']}  criteria "
             f"{'met' if r['criteria']['met'] else 'not met':<8} decision "
             f"{decision_of(r)}" for r in rows]
    emit(as_json, rows, "\n".join(lines) or "No cases.")


def decision_of(row: dict) -> str:
    """A case's decision: the chair's (2015) or the partners' (from 2018)."""
    rr = row["rapid_review"]
    if rr is None:
        return row["decision"] or "-"
    return ("withdrawn" if rr["withdrawn_on"] else rr["partners_decision"] or "-")
