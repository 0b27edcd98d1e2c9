"""A case: the notification of a serious incident, the panel's screening and the chair's decision
(REFERENCE §3; seed, Appendix B). Children are known only by pseudonymous references."""

from datetime import date

from dataclasses import dataclass, replace

from lif_domain.criteria import (Assessment, CaseFacts, RapidReviewChoice,  # noqa: F401
                                 ReviewChoice)  # (also importable from here)
from lif_domain.errors import InvalidInput, MissingRationale, NotAuthorised, OutOfOrder
from lif_domain.rules import need, not_before
from lif_domain.identifiers import check_pseudonym  # noqa: F401  (also from here)
from lif_domain.events import DateCorrected, DelayExplained, LifAggregate, Opened, record_id
from lif_domain.permissions import authorise
from lif_domain.regimes import Regime, regime, regime_for
from lif_domain.roles import PARTNERS, Actor, Role


PERSONAL_KINDS = ("name", "contact")


def _personal_kind(what: str) -> str:
    what = what.strip().lower()
    if what not in PERSONAL_KINDS:
        raise InvalidInput(f"personal data is a {' or a '.join(PERSONAL_KINDS)}, not {what!r}")
    return what


@dataclass(frozen=True)
class PanelRequest:
    number: int
    kind: str
    detail: str
    received_on: date
    answered_on: date | None = None
    answer: str | None = None
    answer_by: date | None = None  # the date the panel gave, when it gave one (rule D3)


class Case(LifAggregate):
    class Event(LifAggregate.Event):
        """Base of every case event: member, role and business date `on`."""

    # ---- event catalogue -------------------------------------------------------------------
    class FactsRecorded(Event):
        """The facts the criteria need, and the outcome LIF worked out from them."""

        aware_on: date
        facts: dict
        criteria_met: bool
        criteria_rule: str
        criteria_explanation: str
        notifiable: bool
        regime: str  # the key of the regime whose criteria these are (rule G1)

        def apply(self, case: "Case") -> None:
            case.regime = self.regime
            case.aware_on = self.aware_on
            case.facts = CaseFacts.from_fields(self.facts)
            case.assessment = Assessment(self.criteria_met, self.criteria_rule,
                                         self.criteria_explanation)
            case.notifiable = self.notifiable

    class Notified(FactsRecorded, Opened):
        class_version = 2  # 2: the regime the case is judged by, and why (rule G1)
        ref: str
        regime_reason: str

        @staticmethod
        def upcast_v1_v2(state: dict) -> None:
            state["regime"] = "wt2015"  # LIF knew no other regime when it recorded these
            state["regime_reason"] = ("recorded before LIF knew the regimes after 2018, so "
                                      "kept under the rules it was recorded by")

        def apply(self, case: "Case") -> None:
            case.ref = self.ref
            case.regime_reason = self.regime_reason
            case.notified_on = self.on
            case.dates[1] = ("notified_on", self.on)
            super().apply(case)

    class NotificationCorrected(FactsRecorded):
        class_version = 2  # 2: the regime whose criteria were applied (rule G1)
        corrects_version: int
        reason: str

        @staticmethod
        def upcast_v1_v2(state: dict) -> None:
            state["regime"] = "wt2015"

    class PanelRecommended(Event):
        recommendation: str
        rationale: str

        def apply(self, case: "Case") -> None:
            case.recommendation = ReviewChoice(self.recommendation)
            case.recommended_on = self.on
            case.dates[self.originator_version] = ("recommended_on", self.on)

    class ChairDecided(Event):
        decision: str
        rationale: str
        departs_from_panel: bool
        departs_from_criteria: bool
        departure_reason: str

        @property
        def departures(self) -> list[str]:
            """What the decision departs from, in words (none: it follows both)."""
            return [what for what, departs in (
                ("the panel's recommendation", self.departs_from_panel),
                ("the SCR criteria", self.departs_from_criteria)) if departs]

        def apply(self, case: "Case") -> None:
            case.decision = ReviewChoice(self.decision)
            case.decided_on = self.on
            case.departures = self.departures
            case.departure_reason = self.departure_reason
            case.dates[self.originator_version] = ("decided_on", self.on)

    class NationalPanelTold(Event):
        def apply(self, case: "Case") -> None:
            case.panel_told_on = self.on
            case.dates[self.originator_version] = ("panel_told_on", self.on)

    class NationalPanelRequestReceived(Event):
        class_version = 2  # 2: the date the panel asked to be answered by (ADR 0017)
        number: int
        kind: str
        detail: str
        answer_by: date | None

        @staticmethod
        def upcast_v1_v2(state: dict) -> None:
            state["answer_by"] = None  # requests recorded before gave no date

        def apply(self, case: "Case") -> None:
            case.requests.append(PanelRequest(self.number, self.kind, self.detail, self.on,
                                              answer_by=self.answer_by))

    class NationalPanelRequestAnswered(Event):
        number: int
        answer: str

        def apply(self, case: "Case") -> None:
            i = self.number - 1
            case.requests[i] = replace(case.requests[i], answered_on=self.on,
                                            answer=self.answer)

    class PersonalDataHeld(Event):
        """Personal data of the case (a name, a contact) put in the register outside the log,
        encrypted with a key of its own (rule X3); the data itself is never in the event."""
        what: str

        def apply(self, case: "Case") -> None:
            case.personal = {**case.personal, self.what: ("held", self.on, self.member)}

    class PersonalDataErased(Event):
        what: str
        reason: str

        def apply(self, case: "Case") -> None:
            case.personal = {**case.personal, self.what: ("erased", self.on, self.member)}

    # The Rapid Review (Working Together 2018 and 2023; REFERENCE §9)
    class PanelReferenceRecorded(Event):
        reference: str

        def apply(self, case: "Case") -> None:
            case.panel_reference = self.reference

    class NotificationWithdrawn(Event):
        """Withdrawn with the Panel's agreement: the Rapid Review is no longer owed (rule RR3)."""
        reason: str

        def apply(self, case: "Case") -> None:
            case.withdrawn_on, case.withdrawal = self.on, self.reason
            case.dates[self.originator_version] = ("withdrawn_on", self.on)

    class AgenciesAsked(Event):
        agencies: list

        def apply(self, case: "Case") -> None:
            case.asked = {**case.asked, **{a: self.on for a in self.agencies}}

    class AgencyReturned(Event):
        agency: str

        def apply(self, case: "Case") -> None:
            case.returned = {**case.returned, self.agency: self.on}

    class RapidReviewMeetingHeld(Event):
        summary: str
        immediate_actions: str
        learning: str

        def apply(self, case: "Case") -> None:
            case.meeting_on, case.meeting_learning = self.on, self.learning

    class PartnerAgreed(Event):
        """One safeguarding partner's position on the Rapid Review's outcome (rule RR2); the
        partners' decision is made when all three hold the same one. Under a published
        delegation (rule RR4) one partner's decision stands for those it names."""
        class_version = 2  # 2: decisions taken under a published delegation (rule RR4)
        decision: str
        rationale: str
        learning: str  # how learning is taken forward, where no LCSPR is to be held
        on_behalf_of: list  # the other partners' roles, under `delegation`
        delegation: str  # where the published arrangements delegate the decision

        @staticmethod
        def upcast_v1_v2(state: dict) -> None:
            state["on_behalf_of"], state["delegation"] = [], ""  # each decided for itself

        def apply(self, case: "Case") -> None:
            for role in (self.role, *self.on_behalf_of):
                case.positions = {**case.positions, role: (
                    RapidReviewChoice(self.decision), self.on, self.member)}
                case.learning_forward = {**case.learning_forward, role: self.learning}
            if self.delegation:
                case.delegated = (self.role, self.delegation)

    class RapidReviewSent(Event):
        def apply(self, case: "Case") -> None:
            case.rapid_review_sent_on = self.on
            case.dates[self.originator_version] = ("rapid_review_sent_on", self.on)

    class PanelResponded(Event):
        response: str

        def apply(self, case: "Case") -> None:
            case.panel_responded_on, case.panel_response = self.on, self.response
            case.dates[self.originator_version] = ("panel_responded_on", self.on)

    class NationalReviewRecorded(Event):
        """The Panel took the case on as a national review (SI 2018/789 reg 3), and the part
        the partnership plays in it (rule RR5)."""
        reference: str
        local_part: str

        def apply(self, case: "Case") -> None:
            case.national_review = (self.on, self.reference, self.local_part)

    class MinistersTold(Event):
        """The local authority told the Secretary of State and Ofsted of the death of a
        looked-after child or (from 2023) a care leaver up to 24 (rule N3)."""

        def apply(self, case: "Case") -> None:
            case.ministers_told_on = self.on
            case.dates[self.originator_version] = ("ministers_told_on", self.on)

    class DateCorrected(Event, DateCorrected):
        pass

    class DelayExplained(Event, DelayExplained):
        pass

    # ---- state ---------------------------------------------------------------------------------
    def __init__(self) -> None:
        self.dates: dict[int, tuple[str, date]] = {}
        self.recommendation: ReviewChoice | None = None
        self.recommended_on: date | None = None
        self.decision: ReviewChoice | None = None
        self.decided_on: date | None = None
        self.departures: list[str] = []  # what the chair's decision departs from, if anything
        self.departure_reason = ""
        self.panel_told_on: date | None = None
        self.requests: list[PanelRequest] = []
        # what -> ("held" or "erased", business date, member): the register's data (rule X3)
        self.personal: dict[str, tuple[str, date, str]] = {}
        # The Rapid Review's record (Working Together 2018 and 2023)
        self.panel_reference = ""
        self.withdrawn_on: date | None = None
        self.withdrawal = ""
        self.asked: dict[str, date] = {}  # agency -> the date it was asked for information
        self.returned: dict[str, date] = {}  # agency -> the date its return came
        self.meeting_on: date | None = None
        self.meeting_learning = ""
        self.learning_forward: dict[str, str] = {}  # partner role -> how learning is taken on
        self.delegated: tuple[str, str] | None = None  # (partner, published) under rule RR4
        self.positions: dict[str, tuple[RapidReviewChoice, date, str]] = {}  # partner role ->
        self.rapid_review_sent_on: date | None = None
        self.panel_responded_on: date | None = None
        self.panel_response = ""
        self.ministers_told_on: date | None = None  # the Secretary of State and Ofsted
        self.national_review: tuple[date, str, str] | None = None  # (on, reference, our part)

    @property
    def policy(self) -> Regime:
        """The regime this case is judged by, from its triggering date to the end (rule G1)."""
        return regime(self.regime)

    @property
    def partners_decision(self) -> tuple[RapidReviewChoice, date] | None:
        """The partners' decision and the date it was made: when all three partners hold the
        same position (rule RR2); None until then."""
        held = {choice for choice, _, _ in self.positions.values()}
        if len(held) != 1 or set(self.positions) != {p.value for p in PARTNERS}:
            return None
        return held.pop(), max(on for _, on, _ in self.positions.values())

    # ---- commands ----------------------------------------------------------------------------
    @staticmethod
    def id_for(ref: str):
        return record_id("case", ref)

    @classmethod
    def notify(cls, ref: str, aware_on: date, facts: CaseFacts, actor: Actor, on: date,
               judged_by: tuple[Regime, str] | None = None) -> "Case":
        """`judged_by`: the regime in force on `aware_on` for the board, and why
        (regimes.regime_for); by default, the one in force by the national dates."""
        authorise(actor, "record a notification")
        ref = check_pseudonym(ref)
        not_before(on, aware_on, "the notification", "the date the local authority became aware")
        policy, why = judged_by or regime_for(aware_on, None)
        return cls._open(cls.Notified, cls.id_for(ref), actor, on, ref=ref, regime_reason=why,
                         **_facts_fields(aware_on, facts, policy))

    def correct_notification(self, aware_on: date, facts: CaseFacts, reason: str,
                             actor: Actor, on: date,
                             judged_by: tuple[Regime, str] | None = None) -> None:
        """`judged_by` (as for `notify`): the regime in force on the corrected `aware_on`,
        which must be the case's own: a case keeps its regime to the end (rule G1)."""
        authorise(actor, "correct a notification")
        need(reason, "a correction needs a reason")
        not_before(self.notified_on, aware_on, "the notification", "the date of awareness")
        judged = (judged_by or regime_for(aware_on, None))[0]
        if judged is not self.policy:
            raise OutOfOrder(f"{self.ref} is judged under {self.policy.title} (rule G1); "
                             f"awareness on {aware_on} would put it under {judged.title}: "
                             "record it as a new case instead")
        self._record(self.NotificationCorrected, actor, on, corrects_version=1,
                     reason=reason.strip(), **_facts_fields(aware_on, facts, self.policy))

    def recommend(self, recommendation: ReviewChoice, rationale: str, actor: Actor,
                  on: date) -> None:
        authorise(actor, "record the panel's recommendation")
        self.policy.allow("record the panel's recommendation", self.ref)
        if self.decision is not None:
            raise OutOfOrder(f"{self.ref} was already decided on {self.decided_on}")
        if self.recommendation is not None:
            raise OutOfOrder(f"the panel already recommended {self.recommendation.words} "
                             f"for {self.ref} on {self.recommended_on}")
        need(rationale, "the panel's recommendation needs a rationale")
        not_before(on, self.notified_on, "the recommendation", "the notification")
        self._record(self.PanelRecommended, actor, on, recommendation=recommendation.value,
                     rationale=rationale.strip())

    def decide(self, decision: ReviewChoice, rationale: str, departure_reason: str,
               actor: Actor, on: date) -> None:
        """The chair's decision (seed, Appendix B: 'The final decision ... sits with the Chair')."""
        authorise(actor, "decide whether to hold a review")
        self.policy.allow("decide whether to hold a review", self.ref)
        if self.decision is not None:
            raise OutOfOrder(f"{self.ref} was already decided on {self.decided_on}")
        if self.recommendation is None:
            raise OutOfOrder(f"the SCR panel's recommendation on {self.ref} must be recorded "
                             "before the chair's decision")
        need(rationale, "the chair's decision needs a rationale")
        not_before(on, self.recommended_on, "the decision", "the panel's recommendation")
        from_panel = decision is not self.recommendation
        from_criteria = (decision is ReviewChoice.SCR) is not self.assessment.met
        if (from_panel or from_criteria) and not departure_reason.strip():
            departs = " and ".join(
                w for w, d in (("the panel's recommendation", from_panel),
                               ("the criteria", from_criteria)) if d)
            raise MissingRationale(f"this decision departs from {departs}: give the reason "
                                   "for departing")
        self._record(self.ChairDecided, actor, on, decision=decision.value,
                     rationale=rationale.strip(), departs_from_panel=from_panel,
                     departs_from_criteria=from_criteria,
                     departure_reason=departure_reason.strip())

    def tell_national_panel(self, actor: Actor, on: date) -> None:
        authorise(actor, "record that the national panel was told")
        self.policy.allow("record that the national panel was told", self.ref)
        self._require_decision("telling the national panel")
        if self.panel_told_on is not None:
            raise OutOfOrder(f"the national panel was already told on {self.panel_told_on}")
        not_before(on, self.decided_on, "telling the national panel", "the decision")
        self._record(self.NationalPanelTold, actor, on)

    def hold_personal_data(self, what: str, actor: Actor, on: date) -> None:
        """Personal data of this case (`what`: 'name' or 'contact') goes into the register
        outside the log (rule X3), once; erased data is not held again."""
        authorise(actor, "hold a case's personal data")
        what = _personal_kind(what)
        if what in self.personal:
            state, day, member = self.personal[what]
            raise OutOfOrder(f"{self.ref}'s {what} was {state} on {day} by {member}: "
                             + ("erase it first to hold another" if state == "held"
                                else "erased data is not held again"))
        not_before(on, self.notified_on, f"holding {self.ref}'s {what}", "the notification")
        self._record(self.PersonalDataHeld, actor, on, what=what)

    def erase_personal_data(self, what: str, reason: str, actor: Actor, on: date) -> None:
        authorise(actor, "erase a case's personal data")
        what = _personal_kind(what)
        state = self.personal.get(what, ("none",))[0]
        if state != "held":
            raise OutOfOrder(f"{self.ref} holds no {what} to erase"
                             + (" (it was erased already)" if state == "erased" else ""))
        reason = need(reason, "erasing personal data needs a reason (rule X3)")
        not_before(on, self.personal[what][1], f"erasing {self.ref}'s {what}", "its holding")
        self._record(self.PersonalDataErased, actor, on, what=what, reason=reason)

    def receive_panel_request(self, kind: str, detail: str, actor: Actor, on: date,
                              answer_by: date | None = None) -> int:
        authorise(actor, "record a national panel request")
        self._require_decision("a national panel request")
        if kind not in ("information", "attendance"):
            raise InvalidInput(f"a national panel request is for 'information' or "
                               f"'attendance', not {kind!r}")
        need(detail, "record what the national panel asked for")
        not_before(on, self.decided_on, "the request", "the decision")
        if answer_by is not None and answer_by < on:
            raise InvalidInput(f"the date to answer by, {answer_by}, is before the request "
                               f"was received ({on})")
        number = len(self.requests) + 1
        self._record(self.NationalPanelRequestReceived, actor, on, number=number, kind=kind,
                     detail=detail.strip(), answer_by=answer_by)
        return number

    def answer_panel_request(self, number: int, answer: str, actor: Actor, on: date) -> None:
        authorise(actor, "record the board's answer to the national panel")
        if not 1 <= number <= len(self.requests):
            raise InvalidInput(f"{self.ref} has no national panel request number {number}")
        request = self.requests[number - 1]
        if request.answered_on is not None:
            raise OutOfOrder(f"request {number} was already answered on {request.answered_on}")
        need(answer, "record the board's answer")
        not_before(on, request.received_on, "the answer", "the request")
        self._record(self.NationalPanelRequestAnswered, actor, on, number=number,
                     answer=answer.strip())

    # ---- the Rapid Review (Working Together 2018 and 2023; REFERENCE §9) --------------------
    def record_panel_reference(self, reference: str, actor: Actor, on: date) -> None:
        self._rapid_review_step("record the Panel's reference", actor, on)
        if self.panel_reference:
            raise OutOfOrder(f"{self.ref} already has the Panel's reference "
                             f"{self.panel_reference}")
        reference = need(reference, "give the reference the Panel gave the notification")
        if len(reference) > 40:
            raise InvalidInput("the Panel's reference must be at most 40 characters")
        self._record(self.PanelReferenceRecorded, actor, on, reference=reference)

    def withdraw(self, reason: str, panel_agreed: bool, actor: Actor, on: date) -> None:
        """A notification found not to meet the criteria is withdrawn with the Panel's
        agreement, which ends the Rapid Review duty (rule RR3)."""
        self._rapid_review_step("withdraw a notification", actor, on)
        if self.rapid_review_sent_on is not None:
            raise OutOfOrder(f"the Rapid Review of {self.ref} was sent to the Panel on "
                             f"{self.rapid_review_sent_on}: the notification stands")
        reason = need(reason, "withdrawing a notification needs a reason (rule RR3)")
        if not panel_agreed:
            raise OutOfOrder("a notification is withdrawn with the Panel's agreement (rule "
                             "RR3): record it once the Panel has agreed")
        self._record(self.NotificationWithdrawn, actor, on, reason=reason)

    def ask_agencies(self, agencies: list[str], actor: Actor, on: date) -> None:
        self._rapid_review_step("ask agencies for information", actor, on)
        cleaned = list(dict.fromkeys(a.strip() for a in agencies if a.strip()))
        if not cleaned:
            raise InvalidInput("name at least one agency asked for information")
        if again := [a for a in cleaned if a in self.asked]:
            raise OutOfOrder(f"{', '.join(again)} already asked on {self.asked[again[0]]}")
        self._record(self.AgenciesAsked, actor, on, agencies=cleaned)

    def record_return(self, agency: str, actor: Actor, on: date) -> None:
        self._rapid_review_step("record an agency's return", actor, on)
        agency = agency.strip()
        if agency not in self.asked:
            raise InvalidInput(f"{agency!r} was not asked for information on {self.ref} "
                               f"(asked: {', '.join(self.asked) or 'none yet'})")
        if agency in self.returned:
            raise OutOfOrder(f"{agency}'s return was recorded on {self.returned[agency]}")
        not_before(on, self.asked[agency], f"{agency}'s return", "the request for it")
        self._record(self.AgencyReturned, actor, on, agency=agency)

    def hold_meeting(self, summary: str, immediate_actions: str, learning: str, actor: Actor,
                     on: date) -> None:
        self._rapid_review_step("record the Rapid Review meeting", actor, on)
        if self.meeting_on is not None:
            raise OutOfOrder(f"the Rapid Review meeting on {self.ref} was held on "
                             f"{self.meeting_on}")
        self._record(self.RapidReviewMeetingHeld, actor, on,
                     summary=need(summary, "summarise the meeting's review of the facts"),
                     immediate_actions=need(immediate_actions, "say what immediate action is "
                                            "needed to keep children safe, or that none is"),
                     learning=learning.strip())

    def partner_agrees(self, decision: RapidReviewChoice, rationale: str, learning: str,
                       partner: Role | None, actor: Actor, on: date,
                       delegation: tuple[str, str] | None = None) -> None:
        """One partner's position on the outcome, recorded by that partner only (rule RR2);
        or, given the published `delegation` in force (the partner's role, where it is
        published), the decision of the partner it names, for all three (rule RR4)."""
        self._rapid_review_step("record a safeguarding partner's decision", actor, on)
        if partner is not None and partner is not actor.role:
            raise NotAuthorised(f"{actor} may not record the {partner.title}'s decision: each "
                                "partner records its own (rule RR2)")
        others, published = [], ""
        if delegation is not None:
            if delegation[0] != actor.role.value:
                raise NotAuthorised(f"the published arrangements delegate the decision to the "
                                    f"{Role(delegation[0]).title}, not to {actor} (rule RR4)")
            others = [p.value for p in sorted(PARTNERS, key=lambda r: r.value)
                      if p is not actor.role]
            published = delegation[1]
        rationale = need(rationale, "a partner's decision needs a rationale")
        if decision is RapidReviewChoice.NO_LCSPR and not learning.strip():
            raise MissingRationale("a decision against an LCSPR must say how the learning "
                                   "will be taken forward")
        self._record(self.PartnerAgreed, actor, on, decision=decision.value,
                     rationale=rationale, learning=learning.strip(), on_behalf_of=others,
                     delegation=published)

    def send_rapid_review(self, actor: Actor, on: date) -> None:
        self._rapid_review_step("send the Rapid Review to the Panel", actor, on)
        if self.rapid_review_sent_on is not None:
            raise OutOfOrder(f"the Rapid Review of {self.ref} was sent on "
                             f"{self.rapid_review_sent_on}")
        decided = self.partners_decision
        if decided is None:
            held = "; ".join(f"{Role(p).title}: {c.words}" for p, (c, _, _) in
                             sorted(self.positions.items())) or "none yet"
            raise OutOfOrder(f"the Rapid Review of {self.ref} goes to the Panel with the "
                             f"partners' decision, made when all three partners agree (rule "
                             f"RR2); so far: {held}")
        not_before(on, decided[1], "sending the Rapid Review", "the partners' decision")
        self._record(self.RapidReviewSent, actor, on)

    def record_panel_response(self, response: str, actor: Actor, on: date) -> None:
        self._rapid_review_step("record the Panel's response", actor, on)
        if self.rapid_review_sent_on is None:
            raise OutOfOrder(f"the Rapid Review of {self.ref} has not been sent to the Panel")
        if self.panel_responded_on is not None:
            raise OutOfOrder(f"the Panel responded on {self.panel_responded_on}")
        not_before(on, self.rapid_review_sent_on, "the Panel's response", "the Rapid Review")
        self._record(self.PanelResponded, actor, on,
                     response=need(response, "record what the Panel said"))

    def record_national_review(self, reference: str, local_part: str, actor: Actor,
                               on: date) -> None:
        """The Panel decides on a national review once it has the Rapid Review (rule RR5)."""
        self._rapid_review_step("record a national review the Panel takes on", actor, on)
        if self.rapid_review_sent_on is None:
            raise OutOfOrder(f"the Panel takes a case on as a national review once it has the "
                             f"Rapid Review; {self.ref}'s has not been sent (rule RR5)")
        if self.national_review is not None:
            raise OutOfOrder(f"the Panel took {self.ref} on as national review "
                             f"{self.national_review[1]} on {self.national_review[0]}")
        not_before(on, self.rapid_review_sent_on, "the national review", "the Rapid Review")
        self._record(self.NationalReviewRecorded, actor, on,
                     reference=need(reference, "give the Panel's reference for the review"),
                     local_part=need(local_part, "say what part the partnership plays in it"))

    def rapid_review_learning(self) -> list[tuple[str, str]]:
        """(what was learned, where it was keyed) from the Rapid Review: the meeting's
        learning and how each partner will take it forward, each once (issue 13, item 6)."""
        found = []
        if self.meeting_learning:
            found.append((self.meeting_learning,
                          f"the Rapid Review meeting of {self.ref} on {self.meeting_on}"))
        for role, text in sorted(self.learning_forward.items()):
            if text and text not in [t for t, _ in found]:
                found.append((text, f"the {Role(role).title}'s decision on {self.ref}"))
        return found

    def tell_ministers(self, actor: Actor, on: date) -> None:
        """Whatever the cause, and whether or not the notification to the Panel stands."""
        step = "record the Secretary of State and Ofsted told"
        self.policy.allow(step, self.ref)
        authorise(actor, step)
        if not self.policy.ministers_told(self.facts):
            raise OutOfOrder(f"{self.ref} is not a death the Secretary of State and Ofsted are "
                             f"told of under {self.policy.title} (rule N3)")
        if self.ministers_told_on is not None:
            raise OutOfOrder(f"the Secretary of State and Ofsted were told on "
                             f"{self.ministers_told_on}")
        not_before(on, self.aware_on, "telling the Secretary of State and Ofsted",
                   "the local authority's awareness")
        self._record(self.MinistersTold, actor, on)

    def _rapid_review_step(self, step: str, actor: Actor, on: date) -> None:
        """A step of the Rapid Review: under a regime that has it, by a role that may take it,
        not after the notification was withdrawn, not before the notification (rule G1)."""
        self.policy.allow(step, self.ref)
        authorise(actor, step)
        if self.withdrawn_on is not None:
            raise OutOfOrder(f"the notification of {self.ref} was withdrawn on "
                             f"{self.withdrawn_on}: {self.withdrawal}")
        not_before(on, self.notified_on, step.removeprefix("record "), "the notification")

    def _redate(self, correction) -> None:
        setattr(self, correction.key, correction.now_on)

    # The dates a correction keeps in order: each chain runs from the earliest (rule T2).
    _DATE_CHAINS = (
        ("aware_on", "notified_on", "recommended_on", "decided_on", "panel_told_on"),
        ("aware_on", "notified_on", "rapid_review_sent_on", "panel_responded_on"),
        ("aware_on", "notified_on", "withdrawn_on"),
        ("aware_on", "ministers_told_on"))

    def _check_redate(self, key: str, now_on: date) -> None:
        for chain in (c for c in self._DATE_CHAINS if key in c):
            i = chain.index(key)
            for earlier in reversed(chain[:i]):
                if getattr(self, earlier) is not None:
                    not_before(now_on, getattr(self, earlier), key.replace("_", " "),
                               earlier.replace("_", " "))
                    break
            for later in chain[i + 1:]:
                if getattr(self, later) is not None:
                    not_before(getattr(self, later), now_on, later.replace("_", " "),
                               f"the corrected {key.replace('_', ' ')}")
                    break

    def _require_decision(self, what: str) -> None:
        if self.decision is None:
            raise OutOfOrder(f"the chair's decision on {self.ref} must come before {what}")



def _facts_fields(aware_on: date, facts: CaseFacts, policy: Regime) -> dict:
    """The fields of a FactsRecorded event: the facts and the criteria of the case's regime
    worked out from them."""
    a = policy.assess(facts)
    return {"aware_on": aware_on, "facts": facts.as_fields(), "criteria_met": a.met,
            "criteria_rule": a.rule, "criteria_explanation": a.explanation,
            "notifiable": policy.notifiable(facts), "regime": policy.key}
