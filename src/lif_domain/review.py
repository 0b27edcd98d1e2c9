"""A review through its stages, from commissioning to closure: an SCR or a PLR under Working
Together 2015 (REFERENCE §3, §4), an LCSPR under 2018 and 2023 (REFERENCE §9)."""

from datetime import date
from typing import TYPE_CHECKING

from dataclasses import dataclass, replace

from lif_domain.criteria import RapidReviewChoice, ReviewChoice
from lif_domain.dates import add_months
from lif_domain.errors import InvalidInput, MissingRationale, NotAuthorised, OutOfOrder
from lif_domain.events import DateCorrected, DelayExplained, LifAggregate, Opened, record_id
from lif_domain.permissions import authorise
from lif_domain.regimes import regimes_reviewing
from lif_domain.review_steps import LCSPR, PLR, REVIEW_MONTHS, SCR, STEPS, TITLES, a_kind
from lif_domain.roles import PARTNERS, Actor, Role
from lif_domain.rules import Required, need, not_before
from lif_domain.stages import commands_of, takes

if TYPE_CHECKING:  # a case's event classes are not built for commands on reviews
    from lif_domain.case import Case

FAMILY_RESPONSES = ("accepted", "declined", "no_response")
# The report's turns: after each of them, the ones that may come next (the first, drafting,
# needs only what report_drafted requires).
REPORT_TURNS = {"report_drafted": {"report_presented"},
                "report_presented": {"report_approved", "report_returned"},
                "report_returned": {"report_drafted"}, "report_approved": set()}
MEETING_KINDS = ("initial", "update")
# What must have happened to an SCR's or an LCSPR's report before it closes (rules P3, LC4).
PUBLICATION_ENDS = {SCR: {"published", "not_published"},
                    LCSPR: {"published", "improvements_published"}}
REQUESTS = ("information", "draft_report")  # what the partners may ask an LCSPR's reviewer for
MONITOR_WEEKS_AT_MOST = 26


@dataclass(frozen=True)
class Meeting:
    number: int
    kind: str
    planned_for: date
    held_on: date | None = None


class Review(LifAggregate):
    # ---- event catalogue -------------------------------------------------------------------
    class Event(LifAggregate.Event):
        """Base of every review event: member, role and business date `on`."""

    class Stage(Event):
        """A review stage; `step` names its row in review_steps.STEPS."""

        step = ""

        def apply(self, review: "Review") -> None:
            review.done[self.step] = self.on
            review.dates[self.originator_version] = (self.step, self.on)

    class Commissioned(Event, Opened):
        step = "commissioned"
        ref: str
        kind: str
        case_ref: str
        partners_agreed_on: date | None
        rationale: str

        def apply(self, review: "Review") -> None:
            review.ref, review.kind, review.case_ref = self.ref, self.kind, self.case_ref
            review.commissioned_on = self.on
            review.done["commissioned"] = self.on
            review.dates[1] = ("commissioned", self.on)

    class ReviewerCommissioned(Stage):
        step = "reviewer_commissioned"
        reviewer: str
        independence_declaration: str

        def apply(self, review: "Review") -> None:
            super().apply(review)
            review.reviewer = self.reviewer

    class AgenciesIdentified(Stage):
        step = "agencies_identified"
        agencies: list

        def apply(self, review: "Review") -> None:
            super().apply(review)
            review.agencies.extend(a for a in self.agencies if a not in review.agencies)

    class ImrAuthorAdvised(Stage):
        step = "imr_author_advised"
        agency: str
        author: str

        def apply(self, review: "Review") -> None:
            super().apply(review)
            review.imr_authors[self.agency] = self.author

    class TermsDrafted(Stage):
        step = "terms_drafted"
        summary: str

    class TermsCirculated(Stage):
        step = "terms_circulated"
        circulated_to: str

    class TermsAgreed(Stage):
        step = "terms_agreed"

    class MethodologyChosen(Stage):
        step = "methodology_chosen"
        methodology: str
        rationale: str

    class MeetingScheduled(Stage):
        step = "meeting_scheduled"
        number: int
        meeting_kind: str
        planned_for: date

        def apply(self, review: "Review") -> None:
            super().apply(review)
            review.meetings.append(Meeting(self.number, self.meeting_kind, self.planned_for))

    class MeetingHeld(Stage):
        step = "meeting_held"
        number: int

        def apply(self, review: "Review") -> None:
            super().apply(review)
            review.meeting_versions[self.originator_version] = self.number
            review._meeting_held(self.number, self.on)

    class TimescaleAgreed(Stage):
        step = "timescale_agreed"
        due_on: date
        rationale: str

        def apply(self, review: "Review") -> None:
            super().apply(review)
            review.agreed[self.originator_version] = (self.due_on, self.member, self.rationale)

    class FamilyInvited(Stage):
        step = "family_invited"
        invitee: str

        def apply(self, review: "Review") -> None:
            super().apply(review)
            review.family[self.invitee] = "invited"

    class FamilyResponded(Stage):
        step = "family_responded"
        invitee: str
        response: str

        def apply(self, review: "Review") -> None:
            super().apply(review)
            review.family[self.invitee] = self.response

    class ProfessionalsInvolved(Stage):
        step = "professionals_involved"
        how: str

    class ReportDrafted(Stage):
        step = "report_drafted"

    class ReportPresented(Stage):
        step = "report_presented"
        presented_to: str

    class ReportApproved(Stage):
        step = "report_approved"
        rationale: str

        def apply(self, review: "Review") -> None:
            super().apply(review)
            review.approval_rationale = self.rationale

    class ReportReturned(Stage):
        step = "report_returned"
        reasons: str

        def apply(self, review: "Review") -> None:
            super().apply(review)
            for redo in ("report_drafted", "report_presented"):
                review.done.pop(redo, None)

    class SentToNationalPanel(Stage):
        step = "sent_to_national_panel"

    class PublicationDeferred(Stage):
        step = "publication_deferred"
        reasons: str

    class Published(Stage):
        step = "published"
        where: str

    class NotPublished(Stage):
        step = "not_published"
        reasons: str

    class RemovedFromWebsite(Stage):
        step = "removed_from_website"
        reason: str

    class MonitoringAgreed(Stage):
        step = "monitoring_agreed"
        every_weeks: int

        def apply(self, review: "Review") -> None:
            super().apply(review)
            review.monitoring_weeks = self.every_weeks

    class ProgressMonitored(Stage):
        step = "progress_monitored"
        time: str
        quality: str

    class InformationRequested(Stage):
        step = "information_requested"
        what: str
        letter: str

    class CopySent(Stage):
        step = "copy_sent"

    class ImprovementsPublished(Stage):
        step = "improvements_published"
        where: str
        reasons: str

    class EscalatedToScr(Stage):
        step = "escalated"
        rationale: str

        def apply(self, review: "Review") -> None:
            super().apply(review)
            review.kind = SCR

    class Closed(Stage):
        step = "closed"
        rationale: str

    class DateCorrected(Event, DateCorrected):
        pass

    class DelayExplained(Event, DelayExplained):
        pass

    # ---- state ---------------------------------------------------------------------------------
    def __init__(self) -> None:
        self.done: dict[str, date] = {}
        self.dates: dict[int, tuple[str, date]] = {}
        self.meeting_versions: dict[int, int] = {}
        self.reviewer: str | None = None
        self.agencies: list[str] = []
        self.imr_authors: dict[str, str] = {}
        self.meetings: list[Meeting] = []
        self.family: dict[str, str] = {}
        self.monitoring_weeks: int | None = None  # an LCSPR's interval (rule LC2)
        self.approval_rationale = ""
        # What each TimescaleAgreed event (by its version) agreed: (complete by, who agreed,
        # why), a dated timeline (ADR 0007) read as at any date through agreements_as_of().
        self.agreed: dict[int, tuple[date, str, str]] = {}

    def _redate(self, correction) -> None:
        key, was_on, now_on = correction.key, correction.was_on, correction.now_on
        if self.done.get(key) == was_on:
            self.done[key] = now_on
        if key == "commissioned":
            self.commissioned_on = now_on
        if correction.corrects_version in self.meeting_versions:
            self._meeting_held(self.meeting_versions[correction.corrects_version], now_on)

    def _meeting_held(self, number: int, on: date) -> None:
        meeting = replace(self.meetings[number - 1], held_on=on)
        self.meetings[number - 1] = meeting
        if meeting.kind == "initial":
            self.done["initial_meeting_held"] = on

    @property
    def due_on(self) -> date | None:
        """The completion date agreed last (None until a timescale is agreed)."""
        return self.agreed[max(self.agreed)][0] if self.agreed else None

    def agreements_as_of(self, as_of: date) -> list[tuple[date, date, str, str]]:
        """(agreed on, complete by, by whom, why) of each timescale agreed by the end of
        `as_of`, in the order of their dates (an agreement dated later, or corrected to a
        later date, does not yet count)."""
        return [(on, *self.agreed[v]) for on, v in sorted(
            (self.dates[v][1], v) for v in self.agreed) if on <= as_of]

    @property
    def completion_rule(self) -> str:
        """The rule its completion deadline follows: R1 for an SCR, R2 for a PLR, LC5 for an
        LCSPR."""
        return {SCR: "R1", PLR: "R2", LCSPR: "LC5"}[self.kind]

    def completion_starts(self, as_of: date) -> date | None:
        """When the review's completion clock started, if it had by the end of `as_of`: an
        SCR's at its initiation (rule R1), a PLR's at its initial meeting (rule R2), an
        LCSPR's when its timescale is first agreed, there being no statutory one (rule LC5)."""
        if self.kind == LCSPR:
            agreed = self.agreements_as_of(as_of)
            return agreed[0][0] if agreed else None
        start = self.done.get("commissioned" if self.kind == SCR else "initial_meeting_held")
        return start if start is not None and start <= as_of else None

    def first_deadline(self, as_of: date) -> date | None:
        """The deadline that stays whatever is agreed later (rules R1, R2), as known at the end
        of `as_of`: an SCR's six months from initiation; a PLR's timescale agreed at the
        initial meeting, or six months from that meeting until one is agreed. None before
        the clock starts."""
        start = self.completion_starts(as_of)
        if start is None:
            return None
        agreed = self.agreements_as_of(as_of)
        if self.kind != SCR and agreed:
            return agreed[0][1]
        return add_months(start, REVIEW_MONTHS)

    @property
    def closed_on(self) -> date | None:
        return self.done.get("closed")

    def next_steps(self) -> list[str]:
        """The steps that can be taken now: prerequisites met, not yet taken (unless they
        repeat, or are the report's next turn) and nothing in the review's state against
        them (`_blocked`)."""
        if self.closed_on:
            return []
        steps = ((name, step.of(self.kind)) for name, step in STEPS.items())
        return [name for name, step in steps
                if name != "commissioned" and self.kind in step.kinds
                and (name not in self.done or step.repeatable or name in REPORT_TURNS)
                and all(r in self.done for r in step.requires) and not self._blocked(name)]

    def _blocked(self, name: str) -> str | None:
        """Why stage `name` cannot be taken in the review's present state, beyond what must
        come first (None: nothing stands in its way). The gate and `next_steps` both ask."""
        title = TITLES[name]
        if name in REPORT_TURNS:
            turns = [(v, step) for v, (step, _) in self.dates.items() if step in REPORT_TURNS]
            last = max(turns)[1] if turns else None
            if last and name not in REPORT_TURNS[last]:
                return f"{self.ref}: '{title}' cannot follow '{TITLES[last]}'"
        if name == "meeting_held" and all(m.held_on for m in self.meetings):
            return f"{self.ref} has no meeting scheduled and not yet held"
        waiting = [m for m in self.meetings if m.kind == "initial" and not m.held_on]
        if name == "meeting_scheduled" and waiting:
            return (f"{self.ref} already has an initial meeting (number {waiting[0].number}), "
                    "not yet held: the initial review meeting must be held before another is "
                    "scheduled")
        if name in ("not_published", "publication_deferred", "improvements_published") and \
                "published" in self.done:
            return f"{self.ref} was already published on {self.done['published']}"
        if name == "published" and "improvements_published" in self.done:
            return (f"the partners decided not to publish {self.ref}'s report on "
                    f"{self.done['improvements_published']}: its improvements were published "
                    "instead (rule LC4)")
        ends = PUBLICATION_ENDS.get(self.kind)
        if name == "closed" and ends and not ends & self.done.keys():
            return (f"{a_kind(self.kind)} closes once published or decided not to be "
                    f"published; {self.ref} is neither")
        return None

    # ---- commands ----------------------------------------------------------------------------
    @staticmethod
    def id_for(ref: str):
        return record_id("review", ref)

    @classmethod
    def commission(cls, ref: str, case: "Case", kind: str, rationale: str,
                   partners_agreed_on: date | None, actor: Actor, on: date) -> "Review":
        if kind not in (SCR, PLR, LCSPR):
            raise InvalidInput(f"a review is an 'scr', a 'plr' or an 'lcspr', not {kind!r}")
        authorise(actor, STEPS["commissioned"].of(kind).permission)
        ref = ref.strip()
        if not ref or len(ref) > 40:
            raise InvalidInput("a review reference must be 1 to 40 characters, e.g. SCR-2017-01")
        case.policy.allow_review(kind, case.ref)
        if kind == LCSPR:
            partners_agreed_on = cls._partners_decided_on(case, on)
        else:
            cls._chair_decided(case, kind, on)
        if kind == PLR:
            if partners_agreed_on is None:
                raise OutOfOrder("a PLR begins once agreed through the strategic partners: "
                                 "give the date they agreed")
            not_before(on, partners_agreed_on, "commissioning", "the strategic partners' agreement")
        return cls._open(cls.Commissioned, cls.id_for(ref), actor, on, ref=ref, kind=kind,
                         case_ref=case.ref, partners_agreed_on=partners_agreed_on,
                         rationale=need(rationale, "commissioning a review needs a rationale"))

    @staticmethod
    def _chair_decided(case: "Case", kind: str, on: date) -> None:
        expected = {SCR: ReviewChoice.SCR, PLR: ReviewChoice.PLR}[kind]
        if case.decision is not expected:
            decided = case.decision.words if case.decision else "nothing yet"
            raise OutOfOrder(f"the chair must decide on {expected.words} for {case.ref} before "
                             f"one is commissioned (decided: {decided})")
        not_before(on, case.decided_on, "commissioning", "the chair's decision")

    @staticmethod
    def _partners_decided_on(case: "Case", on: date) -> date:
        """An LCSPR is commissioned on the partners' decision for one, made when all three
        agreed (rules RR2, LC1); it records the date they did."""
        decided = case.partners_decision
        if decided is None or decided[0] is not RapidReviewChoice.LCSPR:
            words = decided[0].words if decided else "nothing yet (rule RR2)"
            raise OutOfOrder(f"the safeguarding partners must decide on "
                             f"{RapidReviewChoice.LCSPR.words} for {case.ref} before one is "
                             f"commissioned (decided: {words}; rule LC1)")
        not_before(on, decided[1], "commissioning", "the partners' decision")
        return decided[1]

    @takes(ReviewerCommissioned)
    def commission_reviewer(self, reviewer: str, declaration: str, actor: Actor, on: date):
        self._step(self.ReviewerCommissioned, actor, on, reviewer=reviewer,
                   independence_declaration=Required(
                       declaration, "the independent reviewer must declare their independence "
                       "of the case and of the agencies reviewed"))

    @takes(AgenciesIdentified)
    def identify_agencies(self, agencies: list[str], actor: Actor, on: date) -> None:
        self._gate(self.AgenciesIdentified, actor, on)
        cleaned = [a.strip() for a in agencies if a.strip()]
        if not cleaned:
            raise InvalidInput("name at least one agency")
        self._step(self.AgenciesIdentified, actor, on, agencies=cleaned)

    @takes(ImrAuthorAdvised)
    def advise_imr_author(self, agency: str, author: str, actor: Actor, on: date) -> None:
        self._gate(self.ImrAuthorAdvised, actor, on)
        if agency not in self.agencies:
            raise InvalidInput(f"{agency!r} is not among the agencies identified for {self.ref} "
                               f"({', '.join(self.agencies) or 'none yet'})")
        self._step(self.ImrAuthorAdvised, actor, on, agency=agency,
                   author=Required(author, "name the IMR author's reference"))

    @takes(TermsDrafted)
    def draft_terms(self, summary: str, actor: Actor, on: date) -> None:
        self._step(self.TermsDrafted, actor, on,
                   summary=Required(summary, "summarise the terms of reference (scope, questions)"))

    @takes(TermsCirculated)
    def circulate_terms(self, circulated_to: str, actor: Actor, on: date) -> None:
        self._step(self.TermsCirculated, actor, on,
                   circulated_to=Required(circulated_to, "say to whom the terms were circulated"))

    @takes(TermsAgreed)
    def agree_terms(self, actor: Actor, on: date) -> None:
        self._step(self.TermsAgreed, actor, on)

    @takes(MethodologyChosen)
    def choose_methodology(self, methodology: str, rationale: str, actor: Actor, on: date):
        self._step(self.MethodologyChosen, actor, on,
                   methodology=Required(methodology, "name the methodology"),
                   rationale=Required(rationale, "explain why the methodology is proportionate to "
                                  "the scale and complexity of the case"))

    @takes(MeetingScheduled)
    def schedule_meeting(self, kind: str, planned_for: date, actor: Actor, on: date) -> int:
        self._gate(self.MeetingScheduled, actor, on)
        if kind not in MEETING_KINDS:
            raise InvalidInput(f"a meeting is 'initial' or 'update', not {kind!r}")
        initial = [m for m in self.meetings if m.kind == "initial"]
        if kind == "initial" and initial:
            raise OutOfOrder(f"{self.ref} already has an initial meeting (number "
                             f"{initial[0].number})")
        if kind == "update" and "initial_meeting_held" not in self.done:
            raise OutOfOrder("the initial review meeting must be held before an update meeting")
        number = len(self.meetings) + 1
        self._step(self.MeetingScheduled, actor, on, number=number, meeting_kind=kind,
                   planned_for=planned_for)
        return number

    @takes(MeetingHeld)
    def hold_meeting(self, number: int, actor: Actor, on: date) -> None:
        self._gate(self.MeetingHeld, actor, on)
        if not 1 <= number <= len(self.meetings):
            raise InvalidInput(f"{self.ref} has no meeting number {number}")
        meeting = self.meetings[number - 1]
        if meeting.held_on is not None:
            raise OutOfOrder(f"meeting {number} was already held on {meeting.held_on}")
        self._step(self.MeetingHeld, actor, on, number=number)

    @takes(TimescaleAgreed)
    def agree_timescale(self, due_on: date | None, rationale: str, actor: Actor, on: date):
        """Six months from the initial meeting unless agreed otherwise (seed, Appendix B)."""
        self._gate(self.TimescaleAgreed, actor, on)
        if self.agreements_as_of(on):
            return self._vary_timescale(due_on, rationale, actor, on)
        default = add_months(self.done.get("initial_meeting_held", on), REVIEW_MONTHS)
        due_on = due_on or default
        if due_on != default and not rationale.strip():
            raise MissingRationale(f"a timescale other than six months from the initial "
                                   f"meeting ({default}) needs a reason")
        if due_on < on:
            raise InvalidInput(f"the agreed completion date {due_on} is before the date agreed")
        self._step(self.TimescaleAgreed, actor, on, due_on=due_on,
                   rationale=rationale.strip() or "six months from the initial meeting")

    def _vary_timescale(self, due_on: date | None, rationale: str, actor: Actor, on: date):
        """A timescale agreed again varies the deadline (issue 11): the chair's decision, with
        a reason and a later date than the first deadline, which stays (rules R1, R2)."""
        varies, who = ((PARTNERS, "a safeguarding partner") if self.kind == LCSPR
                       else ({Role.INDEPENDENT_CHAIR}, "the independent chair"))
        if actor.role not in varies:
            raise NotAuthorised(f"{actor.member} ({actor.role.title}) may not vary {self.ref}'s "
                                f"timescale: once agreed, only {who} extends it")
        rationale = need(rationale, "varying a review's timescale needs a reason")
        first = self.first_deadline(on)
        if due_on is None:
            raise InvalidInput(f"give the new completion date (--due) that varies "
                               f"{self.ref}'s timescale")
        if due_on <= first:
            raise InvalidInput(f"the new completion date {due_on} must be after the first "
                               f"deadline, {first}, which stays (rule "
                               f"{self.completion_rule})")
        if due_on == self.due_on:
            raise InvalidInput(f"{self.ref} is already to be completed by {due_on}")
        if due_on < on:
            raise InvalidInput(f"the agreed completion date {due_on} is before the date agreed")
        self._step(self.TimescaleAgreed, actor, on, due_on=due_on, rationale=rationale)

    @takes(FamilyInvited)
    def invite_family(self, invitee: str, actor: Actor, on: date) -> None:
        self._step(self.FamilyInvited, actor, on,
                   invitee=Required(invitee, "say who was invited, by pseudonymous reference"))

    @takes(FamilyResponded)
    def record_family_response(self, invitee: str, response: str, actor: Actor, on: date):
        self._gate(self.FamilyResponded, actor, on)
        if invitee not in self.family:
            raise OutOfOrder(f"{invitee!r} must be invited before their response is recorded")
        if response not in FAMILY_RESPONSES:
            raise InvalidInput(f"a response is one of {', '.join(FAMILY_RESPONSES)}")
        self._step(self.FamilyResponded, actor, on, invitee=invitee, response=response)

    @takes(ProfessionalsInvolved)
    def involve_professionals(self, how: str, actor: Actor, on: date) -> None:
        self._step(self.ProfessionalsInvolved, actor, on,
                   how=Required(how, "say how professionals were involved"))

    @takes(ReportDrafted)
    def draft_report(self, actor: Actor, on: date) -> None:
        self._step(self.ReportDrafted, actor, on)

    @takes(ReportPresented)
    def present_report(self, presented_to: str, actor: Actor, on: date) -> None:
        self._step(self.ReportPresented, actor, on,
                   presented_to=Required(presented_to, "name the board or committee"))

    @takes(ReportApproved)
    def approve_report(self, rationale: str, actor: Actor, on: date) -> None:
        self._step(self.ReportApproved, actor, on,
                   rationale=Required(rationale, "approving the report needs a rationale"))

    @takes(ReportReturned)
    def return_report(self, reasons: str, actor: Actor, on: date) -> None:
        self._step(self.ReportReturned, actor, on,
                   reasons=Required(reasons, "a returned report needs the reasons"))

    @takes(SentToNationalPanel)
    def send_to_national_panel(self, actor: Actor, on: date) -> None:
        self._step(self.SentToNationalPanel, actor, on)

    @takes(PublicationDeferred)
    def defer_publication(self, reasons: str, actor: Actor, on: date) -> None:
        self._step(self.PublicationDeferred, actor, on,
                   reasons=Required(reasons, "deferring publication needs the reasons"))

    @takes(Published)
    def publish(self, where: str, actor: Actor, on: date) -> None:
        self._step(self.Published, actor, on,
                   where=Required(where, "say where the report is published"))

    @takes(NotPublished)
    def decide_not_to_publish(self, reasons: str, actor: Actor, on: date) -> None:
        self._step(self.NotPublished, actor, on,
                   reasons=Required(reasons, "a decision not to publish needs the reasons"))

    @takes(RemovedFromWebsite)
    def remove_from_website(self, reason: str, actor: Actor, on: date) -> None:
        self._step(self.RemovedFromWebsite, actor, on,
                   reason=Required(reason, "say why the report was taken down"))

    @takes(MonitoringAgreed)
    def agree_monitoring(self, every_weeks: int, actor: Actor, on: date) -> None:
        """Reg 14(1): the partners monitor the time taken and the quality "at regular
        intervals"; the interval is theirs to choose, once (rule LC2)."""
        self._gate(self.MonitoringAgreed, actor, on)
        if not 1 <= every_weeks <= MONITOR_WEEKS_AT_MOST:
            raise InvalidInput(f"monitor an LCSPR every 1 to {MONITOR_WEEKS_AT_MOST} weeks, "
                               f"not every {every_weeks}")
        self._step(self.MonitoringAgreed, actor, on, every_weeks=every_weeks)

    @takes(ProgressMonitored)
    def monitor_progress(self, time: str, quality: str, actor: Actor, on: date) -> None:
        self._step(self.ProgressMonitored, actor, on,
                   time=Required(time, "say how the time taken stands (reg 14(1))"),
                   quality=Required(quality, "say how the review's quality stands (reg 14(1))"))

    @takes(InformationRequested)
    def request_information(self, what: str, letter: str, actor: Actor, on: date) -> None:
        """Reg 14(2), (3): specified information or a draft report, asked for in writing."""
        self._gate(self.InformationRequested, actor, on)
        if what not in REQUESTS:
            raise InvalidInput(f"the partners may ask the reviewer for {' or '.join(REQUESTS)}, "
                               f"not {what!r}")
        self._step(self.InformationRequested, actor, on, what=what, letter=Required(
            letter, "a request to the reviewer must be made in writing: give the letter's "
                    "date and reference (reg 14(3))"))

    @takes(CopySent)
    def send_copy(self, actor: Actor, on: date) -> None:
        self._step(self.CopySent, actor, on)

    @takes(ImprovementsPublished)
    def publish_improvements(self, where: str, reasons: str, actor: Actor, on: date) -> None:
        self._step(self.ImprovementsPublished, actor, on,
                   where=Required(where, "say where the improvements are published"),
                   reasons=Required(reasons, "not publishing the report needs the reasons"))

    @takes(EscalatedToScr)
    def escalate(self, case: "Case", rationale: str, actor: Actor, on: date) -> None:
        self._gate(self.EscalatedToScr, actor, on)
        if not case.assessment.met:
            raise OutOfOrder(f"the record of {case.ref} does not meet the SCR criteria: "
                             "correct the notification first")
        self._step(self.EscalatedToScr, actor, on,
                   rationale=Required(rationale, "escalating to an SCR needs a rationale"))

    @takes(Closed)
    def close(self, rationale: str, actor: Actor, on: date) -> None:
        self._step(self.Closed, actor, on,
                   rationale=Required(rationale, "closing a review needs a rationale"))

    def _check_redate(self, key: str, now_on: date) -> None:
        if self.closed_on is not None:
            raise OutOfOrder(f"{self.ref} was closed on {self.closed_on}; nothing more can be "
                             "recorded on it")
        for required in STEPS[key].of(self.kind).requires if key in STEPS else ():
            if required in self.done:
                not_before(now_on, self.done[required], f"'{TITLES[key]}'",
                           f"'{TITLES[required]}'")

    # ---- the one gate every step passes ---------------------------------------------------------
    def _step(self, event_class: type[Stage], actor: Actor, on: date, **fields) -> None:
        self._gate(event_class, actor, on)
        self._record(event_class, actor, on, **{
            k: v.value() if isinstance(v, Required) else v for k, v in fields.items()})

    def _gate(self, event_class: type[Stage], actor: Actor, on: date) -> None:
        """Refuse the step on a closed review, on the wrong kind, by the wrong role, before
        what must come first, or dated before it. Commands call it before their own checks."""
        step = STEPS[event_class.step].of(self.kind)
        if self.closed_on is not None:
            raise OutOfOrder(f"{self.ref} was closed on {self.closed_on}; nothing more can be "
                             "recorded on it")
        if self.kind not in step.kinds:
            kinds = " or ".join(a_kind(k) for k in (SCR, PLR, LCSPR) if k in step.kinds)
            raise OutOfOrder(f"'{step.title}' is a stage of {kinds} only; {self.ref} is "
                             f"{a_kind(self.kind)}, a review under "
                             f"{regimes_reviewing(self.kind)} (rule G1)")
        authorise(actor, step.permission)
        missing = [TITLES[r] for r in step.requires if r not in self.done]
        if missing:
            raise OutOfOrder(f"{self.ref}: before '{step.title}', first: {'; '.join(missing)}")
        for required in step.requires:
            not_before(on, self.done[required], f"'{step.title}'", f"'{TITLES[required]}'")
        if blocked := self._blocked(event_class.step):
            raise OutOfOrder(blocked)


# The command that takes each stage, by its key in review_steps.STEPS: derived from the @takes
# marks above, so a stage's command is named once, beside its code.
COMMANDS = commands_of(Review)
