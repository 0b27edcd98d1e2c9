"""An action of an implementation programme, from proposal to closure with evidence of impact
(REFERENCE §7; seed, "The Learning and Improvement Process" steps 4 to 7).

Progress, RAG, due dates and escalation are history: each change is a new event, and the state
as at any business date is read from the dated timeline, never typed in."""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from lif_domain.action_steps import ENDED, STEPS, Level, Rag, Status
from lif_domain.errors import InvalidInput, MissingRationale, NotAuthorised, OutOfOrder
from lif_domain.events import DelayExplained, LifAggregate, Opened, record_id
from lif_domain.permissions import authorise
from lif_domain.roles import Actor
from lif_domain.rules import need, not_before
from lif_domain.stages import commands_of, takes

if TYPE_CHECKING:  # a source's event classes are not built for commands on actions
    from lif_domain.source import LearningSource


LEVELS = list(Level)


@dataclass(frozen=True)
class Update:
    on: date
    rag: Rag
    narrative: str


@dataclass(frozen=True)
class DueChange:
    requested_on: date
    requested_by: str
    new_due: date
    reason: str


class Action(LifAggregate):
    class Event(LifAggregate.Event):
        """Base of every action event: member, role and business date `on`."""

    class Proposed(Event, Opened):
        step = "propose"
        ref: str
        source_ref: str
        finding: int
        what: str
        owner: str
        lead_officer: str
        due_on: date
        measure: str

        def apply(self, action: "Action") -> None:
            action.ref, action.source_ref, action.finding = self.ref, self.source_ref, self.finding
            action.what, action.owner, action.lead_officer = self.what, self.owner, self.lead_officer
            action.measure = self.measure
            action._set("status", Status.PROPOSED, self.on)
            action._set("due_on", self.due_on, self.on)

    class Agreed(Event):
        step = "agree"
        def apply(self, action: "Action") -> None:
            action._set("status", Status.OPEN, self.on)

    class ProgressUpdated(Event):
        step = "update_progress"
        rag: str
        narrative: str

        def apply(self, action: "Action") -> None:
            action.updates.append(Update(self.on, Rag(self.rag), self.narrative))

    class CompletionClaimed(Event):
        step = "claim_complete"
        evidence: str

        def apply(self, action: "Action") -> None:
            action.claimant, action.evidence = self.member, self.evidence
            action._set("status", Status.CLAIMED, self.on)

    class CompletionVerified(Event):
        class_version = 2  # 2: the verifier's organisation (issue 14, rule A4)
        step = "verify"
        note: str
        organisation: str

        @staticmethod
        def upcast_v1_v2(state: dict) -> None:
            state["organisation"] = ""  # not recorded before

        def apply(self, action: "Action") -> None:
            action._set("status", Status.VERIFIED, self.on)

    class CompletionRejected(Event):
        step = "reject_claim"
        reasons: str

        def apply(self, action: "Action") -> None:
            action._set("status", Status.OPEN, self.on)

    class ImpactAssessed(Event):
        step = "assess_impact"
        measure: str
        result: str

        def apply(self, action: "Action") -> None:
            action.impact = (self.measure, self.result)
            action._set("status", Status.IMPACT_ASSESSED, self.on)

    class Closed(Event):
        step = "close"
        rationale: str

        def apply(self, action: "Action") -> None:
            action._set("status", Status.CLOSED, self.on)

    class DueDateChangeRequested(Event):
        step = "request_due_change"
        new_due: date
        reason: str

        def apply(self, action: "Action") -> None:
            action.pending = DueChange(self.on, self.member, self.new_due, self.reason)

    class DueDateChangeApproved(Event):
        step = "decide_due_change"
        old_due: date
        new_due: date
        note: str

        def apply(self, action: "Action") -> None:
            action.pending = None
            action._set("due_on", self.new_due, self.on)
            action.redated.append((self.on, self.new_due, self.member, self.note))

    class DueDateChangeRefused(Event):
        step = "decide_due_change"
        reasons: str

        def apply(self, action: "Action") -> None:
            action.pending = None

    class Escalated(Event):
        class_version = 2  # 2: the levels skipped, and why (issue 14, rule A2)
        step = "escalate"
        level: str
        reason: str
        skipped: list
        skip_reason: str

        @staticmethod
        def upcast_v1_v2(state: dict) -> None:
            state["skipped"], state["skip_reason"] = [], ""

        def apply(self, action: "Action") -> None:
            action._set("escalation", Level(self.level), self.on)

    class Withdrawn(Event):
        step = "withdraw"
        reasons: str

        def apply(self, action: "Action") -> None:
            action._set("status", Status.WITHDRAWN, self.on)
            action.discharges[self.on] = f"withdrawn: {self.reasons}"

    class Superseded(Event):
        step = "supersede"
        by_action: str
        reasons: str

        def apply(self, action: "Action") -> None:
            action._set("status", Status.SUPERSEDED, self.on)
            action.discharges[self.on] = f"superseded by {self.by_action}: {self.reasons}"

    class DelayExplained(Event, DelayExplained):
        pass

    class Reopened(Event):
        step = "reopen"
        reason: str

        def apply(self, action: "Action") -> None:
            action.impact = None
            action._set("status", Status.OPEN, self.on)

    # The events that can end one of the action's clocks (rule A5), late or not: a write of
    # any other is not judged against them.
    ENDS_A_CLOCK = (CompletionClaimed, Withdrawn, Superseded, DueDateChangeApproved)

    # ---- state: every changing value is a dated timeline ----------------------------------
    def __init__(self) -> None:
        self.timeline: dict[str, list[tuple[date, object]]] = {
            "status": [], "due_on": [], "escalation": []}
        self.updates: list[Update] = []
        self.pending: DueChange | None = None
        self.claimant: str | None = None
        self.evidence: str | None = None
        self.impact: tuple[str, str] | None = None
        # For its clocks (rule A5): each approved re-dating (on, new due date, by whom, note),
        # and why it was withdrawn or superseded, by the date it was.
        self.redated: list[tuple[date, date, str, str]] = []
        self.discharges: dict[date, str] = {}

    def _set(self, name: str, value, on: date) -> None:
        self.timeline[name].append((on, value))

    def value_on(self, name: str, as_of: date | None = None):
        """The value as it stood at the end of `as_of` (the latest when None)."""
        values = [v for on, v in self.timeline[name] if as_of is None or on <= as_of]
        return values[-1] if values else None

    @property
    def status(self) -> Status:
        return self.value_on("status")

    @property
    def due_on(self) -> date:
        return self.value_on("due_on")

    def rag_on(self, as_of: date | None = None) -> Rag | None:
        rags = [u.rag for u in self.updates if as_of is None or u.on <= as_of]
        return rags[-1] if rags else None

    def last_update_on(self, as_of: date | None = None) -> date | None:
        days = [u.on for u in self.updates if as_of is None or u.on <= as_of]
        return days[-1] if days else None

    def is_overdue(self, as_of: date) -> bool:
        """Open past its due date, as at `as_of`: derived, never typed in."""
        return self.value_on("status", as_of) is Status.OPEN and as_of > self.value_on(
            "due_on", as_of)

    # ---- commands ----------------------------------------------------------------------------
    @staticmethod
    def id_for(ref: str):
        return record_id("action", ref)

    @classmethod
    def propose(cls, ref: str, source: "LearningSource", finding: int, what: str, owner: str,
                lead_officer: str, due_on: date, measure: str, actor: Actor,
                on: date) -> "Action":
        authorise(actor, STEPS["propose"].permission)
        ref = ref.strip()
        if not ref or len(ref) > 40:
            raise InvalidInput("an action reference must be 1 to 40 characters, e.g. "
                               "SCR-2017-01/A1")
        source.finding(finding)
        not_before(on, source.recorded_on, "the action", f"the recording of {source.ref}")
        return cls._open(cls.Proposed, cls.id_for(ref), actor, on, ref=ref,
                         source_ref=source.ref, finding=finding,
                         what=need(what, "say what the action is"), owner=owner,
                         lead_officer=need(lead_officer, "name the lead officer"),
                         due_on=due_on,
                         measure=need(measure, "give a success or impact measure"))

    @takes("agree")
    def agree(self, actor: Actor, on: date) -> None:
        self._gate("agree", actor, on)
        if self.due_on < on:
            raise InvalidInput(f"the due date {self.due_on} is already past on {on}: "
                               "propose a new date before agreeing")
        self._record(self.Agreed, actor, on)

    @takes("update_progress")
    def update_progress(self, rag: Rag, narrative: str, actor: Actor, on: date) -> None:
        self._gate("update_progress", actor, on)
        self._record(self.ProgressUpdated, actor, on, rag=rag.value,
                     narrative=need(narrative, "a progress update needs a narrative"))

    @takes("claim_complete")
    def claim_complete(self, evidence: str, actor: Actor, on: date) -> None:
        self._gate("claim_complete", actor, on)
        self._record(self.CompletionClaimed, actor, on,
                     evidence=need(evidence, "completion needs evidence"))

    @takes("verify")
    def verify(self, note: str, actor: Actor, on: date, organisation: str = "") -> None:
        """By someone other than the claimant, and not of the organisation that owns the
        action (`organisation`: the verifier's, where known; rule A4)."""
        self._gate("verify", actor, on)
        self._not_claimant(actor, "verify")
        if organisation and organisation.casefold() == self.owner.casefold():
            raise NotAuthorised(f"{actor} is of {self.owner}, which owns {self.ref}: its "
                                "completion is verified by someone from another organisation "
                                "(rule A4)")
        self._record(self.CompletionVerified, actor, on,
                     note=need(note, "say how the evidence was checked"),
                     organisation=organisation)

    @takes("reject_claim")
    def reject_claim(self, reasons: str, actor: Actor, on: date) -> None:
        self._gate("reject_claim", actor, on)
        self._not_claimant(actor, "reject")
        self._record(self.CompletionRejected, actor, on,
                     reasons=need(reasons, "a rejected claim needs the reasons"))

    @takes("assess_impact")
    def assess_impact(self, measure: str, result: str, actor: Actor, on: date) -> None:
        self._gate("assess_impact", actor, on)
        self._record(self.ImpactAssessed, actor, on,
                     measure=need(measure, "name the measure used"),
                     result=need(result, "give the result of the measure"))

    @takes("close")
    def close(self, rationale: str, actor: Actor, on: date) -> None:
        authorise(actor, STEPS["close"].permission)
        if self.status is not Status.IMPACT_ASSESSED:
            raise OutOfOrder(f"{self.ref} needs an impact assessment before closure "
                             f"(it is {self.status.words})")
        self._gate("close", actor, on)
        self._record(self.Closed, actor, on, rationale=need(rationale, "closing needs a rationale"))

    @takes("request_due_change")
    def request_due_change(self, new_due: date, reason: str, actor: Actor, on: date) -> None:
        self._gate("request_due_change", actor, on)
        if self.pending is not None:
            raise OutOfOrder(f"a change to {self.pending.new_due} is already awaiting decision")
        if new_due == self.due_on:
            raise InvalidInput(f"{self.ref} is already due on {new_due}")
        if new_due < on:
            raise InvalidInput(f"the new due date {new_due} is already past")
        original = self.timeline["due_on"][0][1]
        if new_due < original:
            raise InvalidInput(f"the new due date {new_due} is before the date first agreed, "
                               f"{original}, which stays (rule A5): an action is re-dated "
                               "later, never earlier")
        self._record(self.DueDateChangeRequested, actor, on, new_due=new_due,
                     reason=need(reason, "a due-date change needs a reason"))

    @takes("decide_due_change")
    def decide_due_change(self, approve: bool, note: str, actor: Actor, on: date) -> None:
        self._gate("decide_due_change", actor, on)
        if self.pending is None:
            raise OutOfOrder(f"no due-date change of {self.ref} is awaiting decision")
        if actor.member == self.pending.requested_by:
            raise NotAuthorised(f"{actor.member} requested this change and cannot decide it")
        not_before(on, self.pending.requested_on, "the decision", "the request")
        note = need(note, "say why the change is approved or refused")
        if approve:
            self._record(self.DueDateChangeApproved, actor, on, old_due=self.due_on,
                         new_due=self.pending.new_due, note=note)
        else:
            self._record(self.DueDateChangeRefused, actor, on, reasons=note)

    @takes("escalate")
    def escalate(self, level: Level, reason: str, actor: Actor, on: date,
                 skip_reason: str = "") -> None:
        """One level at a time, unless the levels skipped are given a reason (rule A2)."""
        self._gate("escalate", actor, on)
        current = self.value_on("escalation")
        if current is not None and LEVELS.index(level) <= LEVELS.index(current):
            raise OutOfOrder(f"{self.ref} is already escalated to {current.words}; escalation "
                             f"goes up: {', then '.join(lv.words for lv in LEVELS)}")
        first = 0 if current is None else LEVELS.index(current) + 1
        skipped = LEVELS[first:LEVELS.index(level)]
        if skipped and not skip_reason.strip():
            raise MissingRationale(
                f"{self.ref} goes to {LEVELS[first].words} next: escalation goes one level at "
                f"a time (rule A2); give --skip-reason to go straight to {level.words}")
        self._record(self.Escalated, actor, on, level=level.value,
                     reason=need(reason, "an escalation needs a reason"),
                     skipped=[lv.value for lv in skipped],
                     skip_reason=skip_reason.strip() if skipped else "")

    @takes("withdraw")
    def withdraw(self, reasons: str, actor: Actor, on: date) -> None:
        self._gate("withdraw", actor, on)
        self._record(self.Withdrawn, actor, on,
                     reasons=need(reasons, "withdrawing needs the reasons"))

    @takes("supersede")
    def supersede(self, by_action: str, reasons: str, actor: Actor, on: date) -> None:
        self._gate("supersede", actor, on)
        if by_action.strip().casefold() == self.ref.casefold():
            raise InvalidInput("an action cannot supersede itself")
        self._record(self.Superseded, actor, on, by_action=by_action.strip(),
                     reasons=need(reasons, "superseding needs the reasons"))

    @takes("reopen")
    def reopen(self, reason: str, actor: Actor, on: date) -> None:
        self._gate("reopen", actor, on)
        self._record(self.Reopened, actor, on, reason=need(reason, "reopening needs a reason"))

    def _gate(self, key: str, actor: Actor, on: date) -> None:
        """Refuse step `key` (action_steps.STEPS) by the wrong role, from a status it may not be
        taken from, or dated before the action's last change of status: in that order."""
        step = STEPS[key]
        authorise(actor, step.permission)
        if self.status not in step.allowed:
            raise OutOfOrder(f"{self.ref} is {self.status.words}: cannot {step.permission} (only "
                             f"when {' or '.join(s.words for s in step.allowed)})")
        last = self.timeline["status"][-1][0]
        not_before(on, last, f"'{step.permission}'", "the action's last change of status")

    def _not_claimant(self, actor: Actor, what: str) -> None:
        if actor.member == self.claimant:
            raise NotAuthorised(f"{actor.member} claimed {self.ref} complete and cannot {what} "
                                "their own claim: another PLQA member must")


# The command that takes each step, by its key in action_steps.STEPS: derived from the @takes
# marks above, so a step's command is named once, beside its code.
COMMANDS = commands_of(Action)
