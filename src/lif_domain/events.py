"""Base classes shared by every LIF event and aggregate.

Every event carries who took the step (member and role) and the business date `on` on which it
was taken. Recorded time is the event's `timestamp`, set when it is stored (REFERENCE §10).
"""

from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from lif_domain.roles import Actor

LIF_NAMESPACE = uuid5(NAMESPACE_URL, "urn:lif:records")


def record_id(kind: str, ref: str) -> UUID:
    """Deterministic id of a record, so a re-run creation cannot make a duplicate."""
    return uuid5(LIF_NAMESPACE, f"{kind}:{ref.strip().casefold()}")


class LifAggregate(Aggregate):
    """An aggregate whose events all carry an actor and a business date.

    Each subclass declares `class Event(LifAggregate.Event)` first and derives its events from
    it: the library then keeps the classes as declared instead of defining a second copy of
    each (half the start-up cost, ADR 0005).
    """

    class Event(Aggregate.Event):
        member: str
        role: str
        on: date

    class Created(Event, Aggregate.Created):
        """The first event of a record."""

    def _record(self, event_class: type[Event], actor: Actor, on: date, **fields: Any) -> None:
        self.trigger_event(event_class, member=actor.member, role=actor.role.value, on=on, **fields)

    @classmethod
    def _open(cls, event_class: type[Created], id: UUID, actor: Actor, on: date, **fields: Any):
        return cls._create(
            event_class, id=id, member=actor.member, role=actor.role.value, on=on, **fields
        )
