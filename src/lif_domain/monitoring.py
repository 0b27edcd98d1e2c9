"""A PLQA monitoring round: a meeting that reviews actions on the board's behalf and records
its outcome for each (REFERENCE §2 step 5, §7; seed: "monitored by the Performance, Learning
and Quality Assurance Committee")."""

from dataclasses import dataclass
from datetime import date

from lif_domain.choices import Choice
from lif_domain.errors import InvalidInput, OutOfOrder
from lif_domain.events import LifAggregate, Opened, record_id
from lif_domain.permissions import authorise
from lif_domain.roles import Actor
from lif_domain.rules import need, not_before


class Outcome(Choice):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    COMPLETED = "completed"
    ESCALATED = "escalated"


@dataclass(frozen=True)
class Reviewed:
    action_ref: str
    outcome: Outcome
    note: str


class MonitoringRound(LifAggregate):
    class Event(LifAggregate.Event):
        """Base of every monitoring-round event: member, role and business date `on`."""

    class Held(Event, Opened):
        ref: str
        committee: str

        def apply(self, round_: "MonitoringRound") -> None:
            round_.ref, round_.committee, round_.held_on = self.ref, self.committee, self.on
            round_.reviewed = {}

    class ActionReviewed(Event):
        action_ref: str
        outcome: str
        note: str

        def apply(self, round_: "MonitoringRound") -> None:
            round_.reviewed[self.action_ref] = Reviewed(self.action_ref, Outcome(self.outcome),
                                                        self.note)

    @staticmethod
    def id_for(ref: str):
        return record_id("round", ref)

    @classmethod
    def hold(cls, ref: str, committee: str, actor: Actor, on: date) -> "MonitoringRound":
        authorise(actor, "record a monitoring round")
        ref = ref.strip()
        if not ref or len(ref) > 40:
            raise InvalidInput("a round reference must be 1 to 40 characters, e.g. PLQA-2017-09")
        return cls._open(cls.Held, cls.id_for(ref), actor, on, ref=ref,
                         committee=need(committee, "name the committee"))

    def review(self, action_ref: str, outcome: Outcome, note: str, actor: Actor,
               on: date) -> None:
        """Record the round's outcome for one action (dated the meeting, or after it)."""
        authorise(actor, "record a monitoring round")
        if action_ref in self.reviewed:
            raise OutOfOrder(f"{self.ref} already recorded an outcome for {action_ref}")
        not_before(on, self.held_on, "the outcome", "the meeting")
        self._record(self.ActionReviewed, actor, on, action_ref=action_ref,
                     outcome=outcome.value, note=need(note, "note what the committee said"))
