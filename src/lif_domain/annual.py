"""The evidence half of the board's annual report for a financial year (1 April to 31 March;
REFERENCE §8): every figure computed from business dates, each with the events behind it."""

import re
from collections import Counter
from datetime import date

from lif_domain import report_accounts, report_processes
from lif_domain.action import Action, Status
from lif_domain.case import RapidReviewChoice
from lif_domain.clocks import action_clocks, case_clocks, review_clocks
from lif_domain.dates import WorkingDays, add_months
from lif_domain.errors import InvalidInput
from lif_domain.regimes import REGIMES
from lif_domain.report_parts import (ACTION_OUTCOMES, CASE_OUTCOMES, OUTCOMES, AnnualReport,
                                     Records, Section, compliance as _compliance,
                                     within as _within)
from lif_domain.source import SourceType

DONE = (Status.CLAIMED, Status.VERIFIED, Status.IMPACT_ASSESSED, Status.CLOSED)


def financial_year(text: str) -> tuple[date, date]:
    """'2017/18' -> (2017-04-01, 2018-03-31)."""
    match = re.fullmatch(r"(\d{4})/(\d{2})", text.strip())
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise InvalidInput(f"a financial year is written like 2017/18, not {text!r}")
    start = int(match[1])
    return date(start, 4, 1), date(start + 1, 3, 31)


def annual_report(year: str, records: Records, calendar: WorkingDays,
                  board=None) -> AnnualReport:
    """The board's annual report for a financial year (Working Together 2015; rule Y1)."""
    start, end = financial_year(year)
    report = _report(start, end, records, calendar)
    report.year, report.stem = year, f"annual-report-{year.replace('/', '-')}"
    report.title = f"Annual report {year}: learning and improvement"
    if board:  # whose report it is (issue 14, item 6)
        report.title = f"{board.name}, annual report {year}: learning and improvement"
    report.period = f"Financial year {start} to {end}."
    return report


def yearly_report(first_day: date, records: Records, calendar: WorkingDays,
                  board=None) -> AnnualReport:
    """The safeguarding partners' yearly report on the 12 months from `first_day`, a period
    they choose (Children Act 2004 s16G; Working Together 2018 and 2023; rule Y2): what they
    did under their arrangements, their Rapid Reviews and local reviews, and the board's
    figures beside theirs in a period that spans the transition."""
    start, end = twelve_months(first_day)
    report = _report(start, end, records, calendar)
    report.sections.insert(0, _partners(records.cases, _within(start, end), board))
    report.year = f"{start} to {end}"
    report.stem = f"partners-yearly-report-{start}"
    report.title = f"Safeguarding partners' yearly report, {start} to {end}"
    if board:
        report.title = f"{board.name}, safeguarding partners' yearly report, {start} to {end}"
    report.period = f"The 12 months from {start} to {end}."
    report.sent_to = ("Once published, the partners send it to the Child Safeguarding Practice "
                      "Review Panel and to Foundations (formerly What Works for Children's "
                      f"Social Care) within {YEARLY_REPORT_SENT_WITHIN} days (rule Y2).")
    return report


YEARLY_REPORT_SENT_WITHIN = 7  # days after publication (rule Y2)
PARTNERS_FROM = date(2018, 6, 29)  # the first day any area could have safeguarding partners


def twelve_months(first_day: date) -> tuple[date, date]:
    """The 12 months from `first_day`; refused where no safeguarding partners yet existed."""
    end = date.fromordinal(add_months(first_day, 12).toordinal() - 1)
    if end < PARTNERS_FROM:
        raise InvalidInput(f"the 12 months from {first_day} end before safeguarding partners "
                           f"existed ({PARTNERS_FROM}): use 'lif report annual' for a board's "
                           "year")
    return first_day, end


def _report(start: date, end: date, records: Records, calendar) -> AnnualReport:
    cases, reviews, sources, actions = (records.cases, records.reviews, records.sources,
                                        records.actions)
    within = _within(start, end)
    # the processes a board records in LIF, each with a section of its own (issue 14)
    processes = [section(found, start, end) for section, found in (
        (report_processes.child_deaths, records.deaths),
        (report_processes.section11, records.rounds),
        (report_processes.audits, records.audits),
        (report_processes.training, records.training)) if found]
    impact = _impact(actions, sources, within, end)
    report_accounts.process_impact(impact, records.rounds, records.audits, records.training,
                                   within)
    sections = [_cases(cases, within, end, calendar), *processes[:1],
                _reviews(reviews, within, end, calendar),
                report_accounts.accounts(reviews, sources, actions, start, end), *processes[1:],
                _lessons(sources, within), _actions(actions, within, end), impact,
                _dissemination(sources, within, records.training),
                _sources(sources, within), _carried(cases, reviews, actions, end)]
    kinds = ("scr", "plr", "lcspr") if any(r.kind == "lcspr" for r in reviews) else ("scr",
                                                                                     "plr")
    charts = {
        "Reviews by type": [(f"{k.upper()} {what}", n) for k in kinds
                            for what, n in (("initiated", _n(reviews, k, "commissioned", within)),
                                            ("completed", _n(reviews, k, "report_approved",
                                                             within)))],
        "Open actions at each month end": _monthly(actions, start, (Status.OPEN,)),
        "Completed actions at each month end (completed, verified, closed)":
            _monthly(actions, start, DONE),
        "Findings by theme": Counter(t for s in sources for f in s.findings
                                     if within(f.recorded_on) for t in f.themes).most_common(),
    }
    return AnnualReport("", start, end, sections, charts)


def _partners(cases, within, board) -> Section:
    """What the partners did under their arrangements on serious incidents: notifications to
    the Panel, Rapid Reviews, their decisions and national reviews (rules N2, RR1 to RR5),
    and the independent scrutiny of the arrangements (rule Y3). Their local reviews (rules
    LC1 to LC5) are counted with the other reviews."""
    s = Section("The partners' arrangements: Rapid Reviews, national reviews, scrutiny")
    theirs = [c for c in cases if c.policy.rapid_review]
    s.figure("Serious incidents notified to the Panel",
             [f"{c.ref}: notified {c.notified_on}" + (f" (Panel reference {c.panel_reference})"
                                                     if c.panel_reference else "")
              for c in theirs if within(c.notified_on)])
    s.figure("Notifications withdrawn with the Panel's agreement",
             [f"{c.ref}: {c.withdrawn_on}: {c.withdrawal}" for c in theirs
              if within(c.withdrawn_on)])
    s.figure("Rapid Reviews sent to the Panel",
             [f"{c.ref}: sent {c.rapid_review_sent_on}" for c in theirs
              if within(c.rapid_review_sent_on)])
    decided = [(c, *c.partners_decision) for c in theirs
               if c.partners_decision and within(c.partners_decision[1])]
    for choice in RapidReviewChoice:
        s.figure(f"Partners' decisions: {choice.words}",
                 [f"{c.ref}: decided {on}" + (
                     "; learning taken forward: " + "; ".join(sorted(set(
                         c.learning_forward.values()))) if choice is RapidReviewChoice.NO_LCSPR
                     else "") for c, made, on in decided if made is choice])
    s.figure("The Panel's responses", [f"{c.ref}: {c.panel_responded_on}: {c.panel_response}"
                                       for c in theirs if within(c.panel_responded_on)])
    s.figure("National reviews the Panel took on, and the partnership's part",
             [f"{c.ref}: {c.national_review[1]} ({c.national_review[0]}): "
              f"{c.national_review[2]}" for c in theirs
              if c.national_review and within(c.national_review[0])])
    s.figure("Independent scrutiny of the arrangements (rule Y3)",
             [f"{on} {member}: {summary}" for on, member, summary in
              (board.scrutiny if board else ()) if within(on)])
    s.figure("Relevant agencies named in the arrangements (rule RR6)",
             list(board.relevant_agencies if board else ()))
    return s


def _n(reviews, kind, step, within) -> int:
    return sum(1 for r in reviews if r.kind == kind and within(r.done.get(step)))


def _cases(cases, within, end, calendar) -> Section:
    s = Section("Cases notified and decided")
    notified = [c for c in cases if within(c.notified_on)]
    decided = [c for c in cases if within(c.decided_on)]
    s.figure("Cases notified", [f"{c.ref}: notified {c.notified_on}" for c in notified])
    s.figure("Cases whose SCR criteria were met",
             [f"{c.ref}: {c.assessment.rule}" for c in notified if c.assessment.met
              and not c.policy.rapid_review])
    partnership = [c for c in notified if c.policy.rapid_review]  # judged from 2018 (rule G1)
    if partnership:
        s.figure("Cases meeting the serious incident criteria (Working Together 2018 or 2023)",
                 [f"{c.ref}: {c.assessment.rule}" for c in partnership if c.assessment.met])
    s.figure("Cases decided by the chair", [f"{c.ref}: decided {c.decided_on}" for c in decided])
    for what in ("the panel's recommendation", "the SCR criteria"):
        s.figure(f"Decisions departing from {what}",
                 [f"{c.ref}: decided {c.decision.words} on {c.decided_on}; "
                  f"reason: {c.departure_reason}" for c in decided if what in c.departures])
    s.tables.append(("Cases notified in the year",
                     ["Case", "Notified", "Criteria" if partnership else "SCR criteria",
                      "Decision", "Decided"],
                     [[c.ref, str(c.notified_on),
                       ("met" if c.assessment.met else "not met") + f" ({c.assessment.rule})",
                       c.decision.words if c.decision and c.decided_on <= end else "-",
                       str(c.decided_on) if c.decided_on and c.decided_on <= end else "-"]
                      for c in notified]))
    clocks = [k for c in cases for k in case_clocks(c, calendar, end)]
    duties = [("notification", "Notified within 5 working days"),
              ("decision", "Decided within one month of notification"),
              ("national panel told", "National panel told of non-initiation within 14 days"),
              ("national panel request answered", "National panel requests answered by the "
                                                  "date given")]
    outcomes = OUTCOMES
    if any(k.name in RAPID_REVIEW_DUTIES and within(k.due_on) for k in clocks):
        # the duties after 2018 beside those of 2015 (rules N2, RR1); a Rapid Review is
        # discharged when its notification is withdrawn (rule RR3)
        duties += RAPID_REVIEW_DUTIES.items()
        outcomes = CASE_OUTCOMES
    _compliance(s, clocks, within, end, duties, outcomes)
    _side_by_side(s, cases, notified, clocks, within, end)
    return s


def _side_by_side(s: "Section", cases, notified, clocks, within, end: date) -> None:
    """In a period whose cases are judged by more than one regime (one spanning the
    transition; rule G1), each regime's figures in a column of its own."""
    due = [k for k in clocks if within(k.due_on)]
    regime_of = {c.ref: c.policy for c in cases}
    regimes = [r for r in REGIMES if any(c.policy is r for c in notified)
               or any(regime_of[k.subject] is r for k in due)]
    if len(regimes) < 2:
        return
    rows = {"Cases notified": lambda r: [c for c in notified if c.policy is r],
            "Cases meeting their criteria": lambda r: [c for c in notified if c.policy is r
                                                       and c.assessment.met],
            "Case deadlines falling due": lambda r: [k for k in due if regime_of[k.subject] is r],
            "... met or discharged on time": lambda r: [
                k for k in due if regime_of[k.subject] is r and not k.missed_on(end)],
            "... missed (late, breached or still open)": lambda r: [
                k for k in due if regime_of[k.subject] is r and k.missed_on(end)]}
    s.tables.append(("Each regime's figures side by side (the period spans the transition)",
                     ["Measure", *(r.title for r in regimes)],
                     [[label, *(str(len(count(r))) for r in regimes)]
                      for label, count in rows.items()]))


RAPID_REVIEW_DUTIES = {
    "Panel notified": "Serious incidents notified to the Panel within 5 working days",
    "Rapid Review": "Rapid Reviews sent to the Panel within 15 working days of notification",
    "Secretary of State and Ofsted told": "Deaths of looked-after children and care leavers "
                                          "told to the Secretary of State and Ofsted within 5 "
                                          "working days"}


# What a deadline falling in the year came to by its end (one due on 31 March and still open
# at the end of that day was not met in the year: missed).
def _reviews(reviews, within, end, calendar) -> Section:
    s = Section("Reviews initiated, completed and published")
    kinds = [("scr", "SCRs"), ("plr", "PLRs")]
    local = [r for r in reviews if r.kind == "lcspr"]
    if local:  # the partnership's reviews beside the board's, in a year after 2018
        kinds.append(("lcspr", "LCSPRs"))
    for kind, name in kinds:
        s.figure(f"{name} initiated", [f"{r.ref}: commissioned {r.done['commissioned']}"
                                       for r in reviews if r.kind == kind
                                       and within(r.done.get("commissioned"))])
        s.figure(f"{name} completed (report approved)",
                 [f"{r.ref}: approved {r.done['report_approved']}" for r in reviews
                  if r.kind == kind and within(r.done.get("report_approved"))])
    for kind, name in (k for k in kinds if k[0] != "plr"):  # a PLR is not published
        s.figure(f"{name} published", [f"{r.ref}: published {r.done['published']}"
                                       for r in reviews if r.kind == kind
                                       and within(r.done.get("published"))])
    for step, words in (("family_invited", "Family members invited to contribute to a review"),
                        ("family_responded", "Family members' answers recorded")):
        s.figure(words, [f"{r.ref}: {on}" for r in reviews for key, on in r.dates.values()
                         if key == step and within(on)])
    if local:
        s.figure("LCSPRs whose improvements were published instead of the report (rule LC4)",
                 [f"{r.ref}: {r.done['improvements_published']}" for r in local
                  if within(r.done.get("improvements_published"))])
    duties = [("review completed", "Reviews completed within their timescale"),
              ("review completed (timescale agreed)", "Reviews completed within a timescale "
                                                      "agreed otherwise"),
              ("national panel notice", "National panel told a week before publication"),
              ("kept published", "Reports kept published for 12 months")]
    if local:
        duties += [("LCSPR monitored", "LCSPRs' time and quality monitored at the interval "
                                       "agreed (reg 14)"),
                   ("Panel and Secretary of State notice", "Panel and Secretary of State sent "
                                                           "the report 7 working days before "
                                                           "publication")]
    _compliance(s, [k for r in reviews for k in review_clocks(r, calendar, end)], within, end,
                duties, CASE_OUTCOMES if local else OUTCOMES)
    return s


def _lessons(sources, within) -> Section:
    s = Section("Lessons and findings by theme")
    found = [(src, f) for src in sources for f in src.findings if within(f.recorded_on)]
    s.figure("Findings and recommendations recorded",
             [f"{src.ref} {f.kind} {f.number}: {f.text}" for src, f in found])
    themes = Counter(t for _, f in found for t in f.themes)
    s.tables.append(("Findings by theme", ["Theme", "Findings"],
                     [[t, str(n)] for t, n in sorted(themes.items(), key=lambda x: (-x[1], x[0]))]))
    for theme in sorted(themes):
        s.figure(f"Theme: {theme}", [f"{src.ref} finding {f.number}" for src, f in found
                                     if theme in f.themes])
    return s


def _first(action: Action, status: Status, within) -> date | None:
    """The date the action first reached `status`, if that was within the year."""
    days = [on for on, s in action.timeline["status"] if s is status]
    return days[0] if days and within(days[0]) else None


def _changed(action: Action, to: tuple[Status, ...], within) -> date | None:
    days = [on for on, status in action.timeline["status"] if status in to and within(on)]
    return days[0] if days else None


def _actions(actions, within, end) -> Section:
    s = Section("Actions agreed, completed, verified, overdue and escalated")
    measures = {
        "agreed": lambda a: _first(a, Status.OPEN, within),
        "completed": lambda a: _changed(a, (Status.CLAIMED,), within),
        "verified": lambda a: _changed(a, (Status.VERIFIED,), within),
        "overdue at year end": lambda a: end if a.is_overdue(end) else None,
        "escalated": lambda a: next((on for on, _ in a.timeline["escalation"] if within(on)),
                                    None),
    }
    _compliance(s, [k for a in actions for k in action_clocks(a, end)], within, end, (
        ("action completed", "Actions completed by their agreed due date"),
        ("action completed (re-dated)", "Actions completed by a due date agreed again")),
        ACTION_OUTCOMES)
    hits = {name: [a for a in actions if measure(a)] for name, measure in measures.items()}
    for name, found in hits.items():
        s.figure(f"Actions {name}", [f"{a.ref} ({a.owner}): {name} {measures[name](a)}"
                                     for a in found])
    for key, heading in (("owner", "organisation"), ("source_ref", "source")):
        counts = [Counter(getattr(a, key) for a in found) for found in hits.values()]
        groups = sorted({getattr(a, key) for a in actions})
        s.tables.append((f"Actions by {heading}", [heading.capitalize(), *hits],
                         [[g, *[str(c[g]) for c in counts]] for g in groups]))
    return s


def _impact(actions, sources, within, end) -> Section:
    s = Section("Improvements and their impact")
    assessed = [a for a in actions if _changed(a, (Status.IMPACT_ASSESSED,), within)]
    s.figure("Actions with impact evidenced", [f"{a.ref}: {a.impact[0]}: {a.impact[1]}"
                                               for a in assessed if a.impact])
    without = [a for a in actions if a.value_on("status", end) in (Status.CLAIMED,
                                                                   Status.VERIFIED)]
    s.figure("Actions completed but still without evidence of impact",
             [f"{a.ref} ({a.owner}): {a.value_on('status', end).words}" for a in without])
    s.figure("Sources whose impact was evidenced",
             [f"{src.ref}: {src.impact_summary}" for src in sources if within(src.impact_on)])
    return s


def _dissemination(sources, within, training=()) -> Section:
    """Learning passed on; practitioners reached count a training event's attendees once."""
    s = Section("Learning disseminated")
    events = [(src, d) for src in sources for d in src.disseminations if within(d.held_on)]
    s.figure("Dissemination events", [f"{src.ref}: {d.channel.words} on {d.held_on} to "
                                       f"{d.audience}" for src, d in events])
    # A training event carrying several sources' findings is counted once (issue 14).
    at_event = {e.ref: e.attendees for e in training}
    once = {d.event_ref: at_event.get(d.event_ref, d.attendance) for _, d in events
            if d.event_ref}
    s.figure("Practitioners reached (total attendance)",
             [f"{src.ref} {d.held_on}: {d.attendance} {d.audience}"
              + (f" (at {d.event_ref})" if d.event_ref else "") for src, d in events],
             value=sum(d.attendance for _, d in events if not d.event_ref)
             + sum(once.values()))
    return s


def _sources(sources, within) -> Section:
    s = Section("Sources of learning by type")
    after_2018 = (SourceType.RAPID_REVIEW, SourceType.LCSPR)  # shown where a year has them
    for kind in (k for k in SourceType if k not in after_2018
                 or any(src.source_type is k for src in sources)):
        s.figure(kind.label[0].upper() + kind.label[1:],
                 [f"{src.ref}: {src.title}" for src in sources if src.source_type is kind
                  and within(src.source_date)])
    return s


def _carried(cases, reviews, actions, end) -> Section:
    s = Section("Carried into the next year")
    s.figure("Cases awaiting the chair's decision",
             [c.ref for c in cases if c.notified_on <= end
              and (c.decided_on is None or c.decided_on > end)])
    s.figure("Reviews still open", [r.ref for r in reviews if r.done["commissioned"] <= end
                                    and not (r.closed_on and r.closed_on <= end)])
    s.figure("Actions still open", [f"{a.ref} (due {a.value_on('due_on', end)})"
                                    for a in actions if a.value_on("status", end)
                                    in (Status.OPEN, Status.PROPOSED)])
    return s


def _monthly(actions, start, statuses) -> list[tuple[str, int]]:
    points = []
    for month in range(12):
        last_day = date.fromordinal(add_months(start, month + 1).toordinal() - 1)
        points.append((last_day.strftime("%b %Y"),
                       sum(a.value_on("status", last_day) in statuses for a in actions)))
    return points
