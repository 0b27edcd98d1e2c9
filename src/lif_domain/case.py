"""A case: the notification of a serious incident, the panel's screening and the chair's decision
(REFERENCE §3; seed, Appendix B). Children are known only by pseudonymous references."""

from datetime import date

from dataclasses import dataclass, replace

from lif_domain.criteria import (Assessment, CaseFacts, ReviewChoice,  # noqa: F401
                                 assess, is_notifiable)  # ReviewChoice: also from here
from lif_domain.errors import InvalidInput, MissingRationale, OutOfOrder
from lif_domain.rules import need, not_before
from lif_domain.identifiers import check_pseudonym  # noqa: F401  (also from here)
from lif_domain.events import DateCorrected, DelayExplained, LifAggregate, Opened, record_id
from lif_domain.permissions import authorise
from lif_domain.roles import Actor


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

        def apply(self, case: "Case") -> None:
            case.aware_on = self.aware_on
            case.facts = CaseFacts.from_fields(self.facts)
            case.assessment = Assessment(self.criteria_met, self.criteria_rule,
                                         self.criteria_explanation)
            case.notifiable = self.notifiable

    class Notified(FactsRecorded, Opened):
        ref: str

        def apply(self, case: "Case") -> None:
            case.ref = self.ref
            case.notified_on = self.on
            case.dates[1] = ("notified_on", self.on)
            super().apply(case)

    class NotificationCorrected(FactsRecorded):
        corrects_version: int
        reason: str

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

    # ---- commands ----------------------------------------------------------------------------
    @staticmethod
    def id_for(ref: str):
        return record_id("case", ref)

    @classmethod
    def notify(cls, ref: str, aware_on: date, facts: CaseFacts, actor: Actor, on: date) -> "Case":
        authorise(actor, "record a notification")
        ref = check_pseudonym(ref)
        not_before(on, aware_on, "the notification", "the date the local authority became aware")
        return cls._open(cls.Notified, cls.id_for(ref), actor, on, ref=ref,
                         **_facts_fields(aware_on, facts))

    def correct_notification(self, aware_on: date, facts: CaseFacts, reason: str,
                             actor: Actor, on: date) -> None:
        authorise(actor, "correct a notification")
        need(reason, "a correction needs a reason")
        not_before(self.notified_on, aware_on, "the notification", "the date of awareness")
        self._record(self.NotificationCorrected, actor, on, corrects_version=1,
                     reason=reason.strip(), **_facts_fields(aware_on, facts))

    def recommend(self, recommendation: ReviewChoice, rationale: str, actor: Actor,
                  on: date) -> None:
        authorise(actor, "record the panel's recommendation")
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

    def _redate(self, correction) -> None:
        setattr(self, correction.key, correction.now_on)

    _DATE_ORDER = ("aware_on", "notified_on", "recommended_on", "decided_on", "panel_told_on")

    def _check_redate(self, key: str, now_on: date) -> None:
        i = self._DATE_ORDER.index(key)
        for earlier in reversed(self._DATE_ORDER[:i]):
            if getattr(self, earlier) is not None:
                not_before(now_on, getattr(self, earlier), key.replace("_", " "),
                           earlier.replace("_", " "))
                break
        for later in self._DATE_ORDER[i + 1:]:
            if getattr(self, later) is not None:
                not_before(getattr(self, later), now_on, later.replace("_", " "),
                           f"the corrected {key.replace('_', ' ')}")
                break

    def _require_decision(self, what: str) -> None:
        if self.decision is None:
            raise OutOfOrder(f"the chair's decision on {self.ref} must come before {what}")



def _facts_fields(aware_on: date, facts: CaseFacts) -> dict:
    """The fields of a FactsRecorded event: the facts and the criteria worked out from them."""
    a = assess(facts)
    return {"aware_on": aware_on, "facts": facts.as_fields(), "criteria_met": a.met,
            "criteria_rule": a.rule, "criteria_explanation": a.explanation,
            "notifiable": is_notifiable(facts)}
