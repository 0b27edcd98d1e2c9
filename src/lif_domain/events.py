"""Base classes shared by every LIF event and aggregate.

Every event carries who took the step (member and role) and the business date `on` on which it
was taken. Recorded time is the event's `timestamp`, set when it is stored (REFERENCE §10).
"""

from datetime import date
from types import MappingProxyType
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from lif_domain.event_classes import FieldsDefined
from lif_domain.errors import InvalidInput, NotAuthorised, OutOfOrder
from lif_domain.identifiers import screen_fields
from lif_domain.permissions import authorise
from lif_domain.roles import Actor, Role
from lif_domain.rules import need

LIF_NAMESPACE = uuid5(NAMESPACE_URL, "urn:lif:records")


def record_id(kind: str, ref: str) -> UUID:
    """Deterministic id of a record, so a re-run creation cannot make a duplicate."""
    return uuid5(LIF_NAMESPACE, f"{kind}:{ref.strip().casefold()}")


class Opened(FieldsDefined, Aggregate.Created):
    """Marks the first event of a record: `class Notified(Event, Opened)`."""


class DateCorrected(FieldsDefined, Aggregate.Event):
    """The business date of event `corrects_version` was wrong; it is `now_on`. Aggregates
    that allow corrections declare `class DateCorrected(Event, DateCorrected)`."""

    corrects_version: int
    key: str
    was_on: date
    now_on: date
    reason: str

    def apply(self, aggregate: "LifAggregate") -> None:
        aggregate.dates[self.corrects_version] = (self.key, self.now_on)
        aggregate._redate(self)


class DelayExplained(FieldsDefined, Aggregate.Event):
    """A reason why deadline `clock` (a clock's name) of an open obligation is, or will be,
    late (issue 11): recorded on the record it belongs to, shown with the clock. Records with
    clocks declare `class DelayExplained(Event, DelayExplained)`."""

    clock: str
    reason: str

    def apply(self, aggregate: "LifAggregate") -> None:
        aggregate.delays = (*aggregate.delays, (self.clock, self.on, self.member, self.reason))


# These two base classes stand outside any aggregate: the library redefines every event class
# it finds on an aggregate class for each subclass, which costs start-up time (ADR 0005).


class LifAggregate(Aggregate):
    """An aggregate whose events all carry an actor and a business date.

    Each subclass declares `class Event(LifAggregate.Event)` first and derives its events from
    it: the library then keeps the classes as declared instead of defining a second copy of
    each (half the start-up cost, ADR 0005).
    """

    class Event(FieldsDefined, Aggregate.Event):
        # Each event class's version (ADR 0017): one that gains or changes a field raises it
        # and declares `upcast_v1_v2(state)`, so events stored earlier replay as the new ones.
        class_version = 1

        member: str
        role: str
        on: date

    # Reasons for delay, oldest first: (clock name, business date, member, reason).
    delays: tuple[tuple[str, date, str, str], ...] = ()

    # Dates a correction may change: event version -> (what the date is, the date). Records
    # that allow corrections give each instance its own dict, filled by the apply steps.
    dates = MappingProxyType({})

    def correct_date(self, version: int, now_on: date, reason: str, actor: Actor,
                     on: date) -> None:
        """Correct the business date of an earlier event: a new event that points at it."""
        authorise(actor, "correct a date")
        if version not in self.dates:
            dated = ", ".join(str(v) for v in sorted(self.dates))
            raise InvalidInput(f"event {version} of {self.ref} has no date that can be corrected "
                               f"(events with one: {dated})")
        key, was_on = self.dates[version]
        if now_on == was_on:
            raise InvalidInput(f"event {version} is already dated {was_on}")
        reason = need(reason, "a correction needs a reason")
        self._check_redate(key, now_on)
        self._record(self.DateCorrected, actor, on, corrects_version=version, key=key,
                     was_on=was_on, now_on=now_on, reason=reason)

    def explain_delay(self, clock, reason: str, actor: Actor, on: date) -> None:
        """Record why `clock` (one of this record's clocks, judged at the end of `on`) is or
        will be late: only while it is open, by the role that owes it, the chair or the
        business manager, with a reason."""
        authorise(actor, "explain a delay")
        owner = Role(clock.owed_by)
        if actor.role not in (owner, Role.INDEPENDENT_CHAIR, Role.BUSINESS_MANAGER):
            raise NotAuthorised(f"only the role that owes it ({owner.title}), the chair or the "
                                f"business manager may explain a delay of {clock.subject}'s "
                                f"{clock.name}; {actor} may not")
        if not clock.open_on(on):
            raise OutOfOrder(f"{clock.subject}'s {clock.name} is {clock.status_on(on).value} on "
                             f"{on}: a delay is explained while a deadline is open")
        self._record(self.DelayExplained, actor, on, clock=clock.name,
                     reason=need(reason, "say why it is late"))

    def _check_redate(self, key: str, now_on: date) -> None:
        """Refuse a corrected date that would put steps out of order."""

    def _redate(self, correction: DateCorrected) -> None:
        """Move the corrected date into the state (an apply step: never fails)."""

    def _record(self, event_class: type[Event], actor: Actor, on: date, **fields: Any) -> None:
        screen_fields(fields)  # no personal identifier ever enters the log (rule X1)
        self.trigger_event(event_class, member=actor.member, role=actor.role.value, on=on, **fields)

    @classmethod
    def _open(cls, event_class: type[Opened], id: UUID, actor: Actor, on: date, **fields: Any):
        screen_fields(fields)
        return cls._create(
            event_class, id=id, member=actor.member, role=actor.role.value, on=on, **fields
        )


# The library gives LifAggregate a `Created` event class of its own, then defines a copy of it on
# every subclass (each costs start-up time, ADR 0005). LIF's records open with their own
# `Opened` events and never trigger `Created`, so the copies would be dead weight.
del LifAggregate.Created
