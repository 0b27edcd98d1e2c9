"""The framework's clocks, derived from business dates and judged as at any date (REFERENCE §3,
§4, §10). `clocks_of` is the one answer every view reads (lif due, case and review show,
history, the evidence pack, the annual report): a clock is computed from the record as we know
it now, judged at the end of the date asked about. Read models keep only `clock_span`, which
says on which dates a record has a clock to show, never a clock of their own.
"""

from datetime import date, timedelta
from enum import Enum
from itertools import count
from typing import TYPE_CHECKING

from dataclasses import dataclass, replace

from lif_domain.action_steps import Status as ActionStatus
from lif_domain.criteria import NOTIFY_WITHIN, RAPID_REVIEW_WITHIN, ReviewChoice
from lif_domain.dates import WorkingDays, add_months, add_working_days, year_start
from lif_domain.review_steps import LCSPR, REVIEW_MONTHS, SCR
from lif_domain.roles import Role

# Who must act on each clock (rule W2): the chair decides; the business unit records
# notifications and deals with the national panel and publication; the reviewer completes.
CHAIR, MANAGER = Role.INDEPENDENT_CHAIR.value, Role.BUSINESS_MANAGER.value
REVIEWER, LEAD = Role.INDEPENDENT_REVIEWER.value, Role.AGENCY_LEAD.value
LA_PARTNER = Role.LOCAL_AUTHORITY_PARTNER.value  # notifies the Panel (rule N2)
PARTNERS_OWE = LA_PARTNER  # the lead of the partners' joint duties (rule LC2)
CDOP = Role.CDOP_MEMBER.value  # reviews each child death (rule CD5)
OWNERS = (CHAIR, MANAGER, REVIEWER, LEAD, LA_PARTNER, CDOP)
LCSPR_NOTICE = 7  # working days before publication (rule LC3)
# Child deaths (rule CD5): local standards, not law, so each is one setting here. Local
# procedures ask for a death to be notified to the panel within 24 hours (read as by the next
# day), and panels aim to review a death within six months of it.
DEATH_NOTIFIED_WITHIN = timedelta(days=1)
DEATH_REVIEWED_WITHIN_MONTHS = 6

if TYPE_CHECKING:  # a write on a review judges its clocks without building a case's events
    from lif_domain.action import Action
    from lif_domain.case import Case
    from lif_domain.child_death import ChildDeath
    from lif_domain.review import Review


class Status(str, Enum):
    DUE = "due"  # open, not yet past its date
    OVERDUE = "overdue"  # open and past its date
    MET = "met"
    MET_LATE = "met late"
    RUNNING = "running"  # a minimum period still running
    BREACHED = "breached"  # a minimum period cut short
    DISCHARGED = "discharged"  # ended by its date as not applicable, with the reason
    DISCHARGED_LATE = "discharged late"  # ended so after its date: the miss stays


MISSED = frozenset({Status.MET_LATE, Status.BREACHED, Status.DISCHARGED_LATE})  # for good


@dataclass(frozen=True)
class Clock:
    subject: str  # the case or review reference
    name: str
    rule: str
    started_on: date
    due_on: date
    done_on: date | None
    minimum: bool = False  # "at least" periods: done before due_on breaches them
    ended_by: str = ""  # what ends a minimum period ("published"), in words
    kind: str = "case"  # of the record it belongs to
    owed_by: str = ""  # the role that must act on it (a roles.Role value)
    discharged: str = ""  # why it ended as not applicable on done_on (empty: it was done)
    varies: date | None = None  # the first due date, when this clock is one agreed again
    duty: str = ""  # the duty it counts under in the annual report, when not its name
    delays: tuple[tuple[date, str, str], ...] = ()  # reasons for delay: (on, member, reason)

    def late_against_original(self, as_of: date) -> int:
        """Days past the first due date when this clock varies one: done (by `as_of`) or
        still open at the end of `as_of`; 0 when on time against it or not a variation."""
        if self.varies is None:
            return 0
        end = self.done_on if self.done_on and self.done_on <= as_of else as_of
        return max(0, (end - self.varies).days)

    def wording(self, done_on: date | None) -> tuple[str, str]:
        """How to say the clock's date and its end: ("by 2017-06-05", "done 2017-05-22") for a
        deadline; ("at least until 2017-11-27", "published 2017-12-04") for a minimum period,
        whose end comes after its date when it is met."""
        if self.minimum:
            return (f"at least until {self.due_on}",
                    f"{self.ended_by} {done_on}" if done_on else "")
        if done_on and self.discharged:
            return (f"by {self.due_on}",
                    f"discharged {done_on} as not applicable ({self.discharged})")
        return f"by {self.due_on}", f"done {done_on}" if done_on else ""

    def row(self, as_of: date) -> dict:
        """The clock as data, as it stood at the end of `as_of`."""
        done_on = self.done_on if self.done_on and self.done_on <= as_of else None
        when, ended = self.wording(done_on)
        late = self.late_against_original(as_of)
        return {"subject": self.subject, "kind": self.kind, "owed_by": self.owed_by,
                "clock": self.name, "rule": self.rule,
                "started_on": self.started_on, "due_on": self.due_on, "done_on": done_on,
                "minimum_period": self.minimum, "when": when, "ended": ended,
                "status": self.status_on(as_of).value, "varies": self.varies,
                "days_late_against_original": late,
                "against_original": f"{late} days late against the original {self.varies}"
                if late else "",
                "delays": [f"{on} {member}: {reason}" for on, member, reason in self.delays
                           if on <= as_of]}

    def said(self, as_of: date) -> str:
        """The clock in a line as it stood at the end of `as_of`: "Child H: decision by
        2017-06-04, done 2017-06-20" ("not done" while it is open)."""
        row = self.row(as_of)
        against = f"; {row['against_original']}" if row["against_original"] else ""
        return f"{self.subject}: {self.name} {row['when']}, {row['ended'] or 'not done'}{against}"

    def status(self) -> Status:
        if self.minimum:
            if self.done_on is None:
                return Status.RUNNING
            return Status.MET if self.done_on >= self.due_on else Status.BREACHED
        if self.done_on is None:
            return Status.DUE
        if self.discharged:
            return Status.DISCHARGED if self.done_on <= self.due_on else Status.DISCHARGED_LATE
        return Status.MET if self.done_on <= self.due_on else Status.MET_LATE

    def open_on(self, as_of: date) -> bool:
        """Whether it is a deadline still to be met at the end of `as_of` (due or overdue);
        a minimum period is never one."""
        return not self.minimum and self.status_on(as_of) in (Status.DUE, Status.OVERDUE)

    def missed_on(self, as_of: date) -> bool:
        """Whether, at the end of `as_of`, it had been missed: still open past its date, or
        ended late or cut short (a miss that stays)."""
        return self.status_on(as_of) in MISSED | {Status.OVERDUE}

    def shown_on(self, as_of: date) -> bool:
        """Whether `lif due` lists it by default as at `as_of`: still open, or missed (met
        late, breached, discharged late) in the financial year of `as_of` (rule Y1). Clocks
        ended well, and misses of earlier years, are listed on asking (--all, --status)."""
        status = self.status_on(as_of)
        if status in (Status.DUE, Status.OVERDUE, Status.RUNNING):
            return True
        return status in MISSED and self.done_on >= year_start(as_of)

    def status_on(self, as_of: date) -> Status:
        """The status as it stood at the end of `as_of` (steps dated later not yet taken)."""
        done = self.done_on if self.done_on and self.done_on <= as_of else None
        clock = replace(self, done_on=done)
        status = clock.status()
        if status is Status.DUE and as_of > self.due_on:
            return Status.OVERDUE
        if status is Status.RUNNING and as_of >= self.due_on:
            return Status.MET
        return status


def _seen(day: date | None, as_of: date) -> date | None:
    return day if day is not None and day <= as_of else None


def case_clocks(case: "Case", calendar: WorkingDays, as_of: date) -> list[Clock]:
    """A case's clocks are its regime's (rule G1), with the national panel's requests."""
    clocks = case.policy.case_clocks(case, calendar, as_of) + _panel_request_clocks(case)
    return [c for c in clocks if c.started_on <= as_of]


def scr_case_clocks(case: "Case", calendar: WorkingDays, as_of: date) -> list[Clock]:
    """Working Together 2015: notification, the chair's decision, the national panel told."""
    clocks = []
    if case.notifiable:
        clocks.append(Clock(case.ref, "notification", "notify within 5 working days of "
                            "awareness (Working Together 2015; rule N1)", case.aware_on,
                            add_working_days(calendar, case.aware_on, NOTIFY_WITHIN),
                            case.notified_on, owed_by=MANAGER))
    clocks.append(Clock(case.ref, "decision", "decide within one month of notification "
                        "(Working Together 2015; rule D1)", case.notified_on,
                        add_months(case.notified_on, 1), case.decided_on, owed_by=CHAIR))
    decided = _seen(case.decided_on, as_of)
    if decided and case.decision is not ReviewChoice.SCR:
        clocks.append(Clock(case.ref, "national panel told", "tell the national panel of a "
                            "decision not to initiate an SCR within 14 days (rule D2)",
                            decided, decided + timedelta(days=14), case.panel_told_on,
                            owed_by=MANAGER))
    return clocks


def rapid_review_clocks(case: "Case", calendar: WorkingDays, as_of: date) -> list[Clock]:
    """Working Together 2018 and 2023 (REFERENCE §9): the local authority notifies the Child
    Safeguarding Practice Review Panel within 5 working days of becoming aware (rule N2), and
    the partners send it their Rapid Review within 15 working days of the notification (rule
    RR1); a notification withdrawn with the Panel's agreement ends that duty (rule RR3)."""
    clocks = []
    if case.notifiable:
        clocks.append(Clock(case.ref, "Panel notified", "notify the Child Safeguarding Practice "
                            "Review Panel within 5 working days of awareness (Children Act "
                            f"2004 s16C; {case.policy.title}; rule N2)", case.aware_on,
                            add_working_days(calendar, case.aware_on, NOTIFY_WITHIN),
                            case.notified_on, owed_by=LA_PARTNER))
    if case.policy.ministers_told(case.facts):
        clocks.append(Clock(case.ref, "Secretary of State and Ofsted told", "tell the "
                            "Secretary of State and Ofsted of the death of a looked-after "
                            f"child{' or care leaver up to 24' if case.facts.care_leaver else ''}"
                            f" within 5 working days of awareness ({case.policy.title}; rule "
                            "N3)", case.aware_on,
                            add_working_days(calendar, case.aware_on, NOTIFY_WITHIN),
                            case.ministers_told_on, owed_by=LA_PARTNER))
    withdrawn = case.withdrawn_on is not None and case.rapid_review_sent_on is None
    clocks.append(Clock(case.ref, "Rapid Review", "send the Rapid Review to the Panel within "
                        f"15 working days of the notification ({case.policy.title}; rule RR1)",
                        case.notified_on,
                        add_working_days(calendar, case.notified_on, RAPID_REVIEW_WITHIN),
                        case.withdrawn_on if withdrawn else case.rapid_review_sent_on,
                        owed_by=MANAGER,
                        discharged=f"notification withdrawn: {case.withdrawal}" if withdrawn
                        else ""))
    return clocks


def _panel_request_clocks(case: "Case") -> list[Clock]:
    """A date to answer a national panel request by, when the panel gave one (rule D3)."""
    return [Clock(case.ref, f"national panel request {request.number} answered",
                  f"answer the national panel's request for {request.kind} by the date it gave "
                  "(rule D3)", request.received_on, request.answer_by, request.answered_on,
                  owed_by=MANAGER, duty="national panel request answered")
            for request in case.requests if request.answer_by is not None]


def review_clocks(review: "Review", calendar: WorkingDays, as_of: date) -> list[Clock]:
    done = {step: day for step, day in review.done.items() if day <= as_of}
    clocks = []
    if start := review.completion_starts(as_of):
        # The first deadline stays whatever is agreed later (issue 11): an SCR's is six months
        # from initiation (rule R1); a PLR's is the timescale agreed at the initial meeting,
        # six months from it until one is (rule R2). A timescale agreed otherwise, or again,
        # is a clock of its own beside it, so a deadline missed is never turned into one met.
        agreed = review.agreements_as_of(as_of)
        approved = review.done.get("report_approved")
        first = review.first_deadline(as_of)
        if review.kind == SCR:
            rule = "complete within six months of initiation (Working Together 2015; rule R1)"
        elif review.kind == LCSPR:
            rule = "complete within the timescale the partners first agreed (rule LC5)"
            agreed = agreed[1:]
        elif agreed:
            rule = "complete within the timescale agreed at the initial meeting (rule R2)"
            agreed = agreed[1:]
        else:
            rule = "complete within six months of the initial meeting (rule R2)"
        clocks.append(Clock(review.ref, "review completed", rule, start, first, approved,
                            kind="review", owed_by=REVIEWER))
        if agreed and agreed[-1][1] != first:
            on, due, by, why = agreed[-1]
            clocks.append(Clock(review.ref, "review completed (timescale agreed)",
                                f"complete by the timescale agreed on {on} by {by}, varying "
                                f"the first deadline of {first}: {why} (rule {review.completion_rule})", on,
                                due, approved,
                                kind="review", owed_by=REVIEWER, varies=first))
    if sent := done.get("sent_to_national_panel"):
        clocks.append(Clock(review.ref, "national panel notice", "report to the national "
                            "panel at least a week before publication (rule P1)", sent,
                            sent + timedelta(days=7), review.done.get("published"), True,
                            "published", kind="review", owed_by=MANAGER))
    if copied := done.get("copy_sent"):
        clocks.append(Clock(review.ref, "Panel and Secretary of State notice", "copy of the "
                            "final report to the Panel and the Secretary of State at least "
                            f"{LCSPR_NOTICE} working days before publication (rule LC3)", copied,
                            add_working_days(calendar, copied, LCSPR_NOTICE),
                            review.done.get("published"), True, "published", kind="review",
                            owed_by=MANAGER))
    clocks += _monitoring_clocks(review, as_of)
    if review.kind == LCSPR:
        return clocks
    if published := done.get("published"):
        clocks.append(Clock(review.ref, "kept published", "published for at least 12 months "
                            "(rule P2)", published,
                            add_months(published, 12), review.done.get("removed_from_website"),
                            True, "taken down", kind="review", owed_by=MANAGER))
    return clocks


def _monitoring_clocks(review: "Review", as_of: date) -> list[Clock]:
    """The partners monitor an LCSPR's time and quality at the interval they agreed, until its
    final report is approved (reg 14(1); rule LC2): a recurring duty, one clock per interval,
    each from the last monitoring (or the agreement) to the next. An interval the approval
    ends before its date is discharged; one it ends after stays missed."""
    agreed = review.done.get("monitoring_agreed")
    if agreed is None or review.monitoring_weeks is None:
        return []
    every = timedelta(weeks=review.monitoring_weeks)
    held = sorted(on for step, on in review.dates.values() if step == "progress_monitored")
    ended = review.done.get("report_approved") or review.closed_on
    clocks, start = [], agreed
    for number in count(1):
        if start > as_of or (ended and start >= ended):
            break
        done = next((on for on in held if on > start), None)
        ends = ended is not None and (done is None or ended < done)
        clocks.append(Clock(review.ref, f"monitored ({number})", "monitor the time taken and "
                            f"the quality every {review.monitoring_weeks} weeks (SI 2018/789 "
                            "reg 14; rule LC2)", start, start + every, ended if ends else done,
                            kind="review", owed_by=PARTNERS_OWE, duty="LCSPR monitored",
                            discharged="final report approved" if ends else ""))
        if done is None or ends:
            break
        start = done
    return clocks


def action_clocks(action: "Action", as_of: date) -> list[Clock]:
    """An agreed action is owed by its due date (rule A5): its first due date stays, and a
    date agreed again later (rule A3) is a clock of its own beside it. It is done when its
    completion is claimed and the claim stands (not rejected, not reopened, by `as_of`);
    withdrawn or superseded, it is discharged as not applicable, with the reasons."""
    statuses = [(on, s) for on, s in action.timeline["status"] if on <= as_of]
    agreed = next((on for on, s in statuses if s is ActionStatus.OPEN), None)
    if agreed is None:
        return []
    done, discharged = None, ""
    for on, s in statuses:
        if s is ActionStatus.CLAIMED:
            done, discharged = on, ""
        elif s in (ActionStatus.WITHDRAWN, ActionStatus.SUPERSEDED) and done is None:
            done, discharged = on, action.discharges[on]
        elif s is ActionStatus.OPEN:  # agreed, a claim rejected, or reopened
            done, discharged = None, ""
    first = action.value_on("due_on", agreed)
    ended = {"done_on": done, "discharged": discharged, "kind": "action", "owed_by": LEAD}
    clocks = [Clock(action.ref, "action completed", "complete by the due date agreed for it "
                    "(rule A5)", agreed, first, **ended)]
    later = [r for r in action.redated if agreed <= r[0] <= as_of]
    if later and later[-1][1] != first:
        on, due, by, note = later[-1]
        clocks.append(Clock(action.ref, "action completed (re-dated)", f"complete by the date "
                            f"agreed again on {on} by {by}, varying the first due date of "
                            f"{first}: {note} (rules A3, A5)", on, due, varies=first, **ended))
    return clocks


def death_clocks(death: "ChildDeath", as_of: date) -> list[Clock]:
    """A child death is notified to the panel by the day after it (rule CD5), and reviewed by
    the panel within six months of it (local standards; DEATH_NOTIFIED_WITHIN,
    DEATH_REVIEWED_WITHIN_MONTHS). A delay awaiting an inquest or a case review is explained
    with `lif delay`; the deadline stays."""
    review = death.review.reviewed_on if death.review else None
    return [Clock(death.ref, "notified to the panel", "notify the child death overview panel "
                  "within 24 hours of the death (local standard; rule CD5)", death.died_on,
                  death.died_on + DEATH_NOTIFIED_WITHIN, death.notified_on, kind="death",
                  owed_by=MANAGER, duty="child death notified"),
            Clock(death.ref, "reviewed by the panel", "the panel reviews the death within "
                  f"{DEATH_REVIEWED_WITHIN_MONTHS} months of it (local standard; rule CD5)",
                  death.notified_on, add_months(death.died_on, DEATH_REVIEWED_WITHIN_MONTHS),
                  review, kind="death", owed_by=CDOP, duty="child death reviewed")]


def returns_clocks(record, as_of: date) -> list[Clock]:
    """Each agency's return to a Section 11 round (rule SA2) or an audit (rule AU2) is due by
    the date the round or audit set, owed by its agency lead."""
    return [Clock(record.ref, f"return from {agency}", f"{agency} returns by the date set "
                  f"({record.RETURNS_RULE})", record.opened_on, record.returns_due,
                  record.returned_on(agency), kind=record.KIND, owed_by=LEAD,
                  duty="agency return")
            for agency in record.agencies if record.opened_on <= as_of]


def clocks_of(record, calendar: WorkingDays, as_of: date) -> list[Clock]:
    """Every clock of a case, review, action or child death as at the end of `as_of` (none
    for others)."""
    kind = type(record).__qualname__  # the record's class, from its own module
    if kind == "Case":
        clocks = case_clocks(record, calendar, as_of) if record.notified_on <= as_of else []
    elif kind == "Review":
        clocks = review_clocks(record, calendar, as_of)
    elif kind == "Action":
        clocks = action_clocks(record, as_of)
    elif kind == "ChildDeath":  # as a case's, from the date it was notified
        clocks = death_clocks(record, as_of) if record.notified_on <= as_of else []
    elif kind in ("Section11Round", "Audit"):
        clocks = returns_clocks(record, as_of)
    else:
        return []
    if not record.delays:
        return clocks
    return [replace(c, delays=tuple((on, member, reason) for name, on, member, reason
                                    in record.delays if name == c.name)) for c in clocks]


def clock_span(record, calendar: WorkingDays) -> tuple[date | None, date | None, date | None]:
    """(from, quiet, last due): the first date on which `record` has a clock, the date from
    which `lif due` shows none of its clocks by default for good (Clock.shown_on; None: some
    clock is still open), and the latest date a clock of it falls due (the annual report
    counts a deadline in the year it falls due, even if met before). What is shown changes
    only on a record's own dates, a clock's due date or the day after it, or the start of the
    financial year after a clock ends, so judging the record on those dates is judging it on
    all."""
    far = clocks_of(record, calendar, date.max)
    if not far:
        return None, None, None
    timeline = getattr(record, "timeline", None)  # an action's values, dated
    days = ({on for values in timeline.values() for on, _ in values} if timeline is not None
            else {day for _, day in record.dates.values()})
    days |= {c.started_on for c in far}
    days |= {c.due_on for c in far} | {c.due_on + timedelta(days=1) for c in far}
    days |= {c.done_on for c in far if c.done_on}
    days |= {add_months(year_start(c.done_on), 12) for c in far if c.done_on}
    quiet = None
    for day in sorted(days):
        shown = any(c.shown_on(day) for c in clocks_of(record, calendar, day))
        quiet = None if shown else (quiet or day)
    return min(c.started_on for c in far), quiet, max(c.due_on for c in far)
