"""Board membership: a member's appointments to roles, each dated (REFERENCE §1)."""

from datetime import date, datetime

from dataclasses import dataclass, replace

from lif_domain.errors import InvalidInput, NotAuthorised, OutOfOrder
from lif_domain.events import LifAggregate, Opened, record_id
from lif_domain.permissions import any_of, authorise
from lif_domain.roles import Actor, Role


@dataclass(frozen=True)
class Appointment:
    role: Role
    organisation: str
    start: date
    end: date | None = None
    ended_at: datetime | None = None  # when the end was recorded (the store's time)

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class Member(LifAggregate):
    """A person on the board, known by a short reference (e.g. 'jsmith'), never by personal data."""

    class Event(LifAggregate.Event):
        """Base of every member event: member, role and business date `on`."""

    # ---- event catalogue -------------------------------------------------------------------
    class Registered(Event, Opened):
        ref: str

        def apply(self, member: "Member") -> None:
            member.ref = self.ref
            member.appointments = []

    class Appointed(Event):
        appointed_role: str
        organisation: str

        def apply(self, member: "Member") -> None:
            role = Role(self.appointed_role)
            member.appointments.append(Appointment(role, self.organisation, self.on))

    class AppointmentEnded(Event):
        appointed_role: str
        reason: str

        def apply(self, member: "Member") -> None:
            role = Role(self.appointed_role)
            for i, a in enumerate(member.appointments):
                if a.role is role and a.end is None:
                    member.appointments[i] = replace(a, end=self.on, ended_at=self.timestamp)

    # ---- commands ----------------------------------------------------------------------------
    @staticmethod
    def id_for(ref: str):
        return record_id("member", ref)

    @classmethod
    def register(cls, ref: str, actor: Actor, on: date) -> "Member":
        if not ref.strip() or len(ref) > 40:
            raise InvalidInput("a member reference must be 1 to 40 characters")
        authorise(actor, "appoint a member")
        return cls._open(cls.Registered, cls.id_for(ref), actor, on, ref=ref.strip())

    def appoint(self, role: Role, organisation: str, actor: Actor, on: date,
                founding: bool = False) -> None:
        """Appoint this member to `role`; nobody appoints themselves (rule W3), except the
        first chair as the board is founded."""
        authorise(actor, "appoint a member")
        if actor.member.casefold() == self.ref.casefold() and not founding:
            raise NotAuthorised(f"{actor.member} may not appoint themselves (rule W3): another "
                                "member with the power to appoint must do it")
        if not organisation.strip():
            raise InvalidInput("an appointment needs the member's organisation")
        if any(a.role is role and a.end is None for a in self.appointments):
            raise OutOfOrder(f"{self.ref} already holds the role of {role.title}")
        self._record(self.Appointed, actor, on, appointed_role=role.value,
                     organisation=organisation.strip())

    def end_appointment(self, role: Role, reason: str, actor: Actor, on: date) -> None:
        authorise(actor, "end an appointment")
        current = [a for a in self.appointments if a.role is role and a.end is None]
        if not current:
            raise OutOfOrder(f"{self.ref} holds no current appointment as {role.title}")
        if on < current[0].start:
            raise OutOfOrder(f"the appointment began on {current[0].start}; it cannot end before")
        if not reason.strip():
            raise InvalidInput("ending an appointment needs a reason")
        self._record(self.AppointmentEnded, actor, on, appointed_role=role.value, reason=reason)

    # ---- queries -----------------------------------------------------------------------------
    def ended_before_keyed(self, role: Role, on: date, recorded_at: datetime):
        """The appointment in `role` that covers `on` if its end was recorded before
        `recorded_at`: an entry dated within the appointment but keyed after it ended (rule
        W3). None otherwise."""
        for a in self.appointments:
            if a.role is role and a.covers(on) and a.ended_at and recorded_at > a.ended_at:
                return a
        return None

    def roles_on(self, day: date) -> list[Role]:
        return [a.role for a in self.appointments if a.covers(day)]

    def act_as(self, allowed: frozenset[Role], day: date, step: str) -> Actor:
        """The actor this member is when taking `step` on `day`, or NotAuthorised."""
        held = self.roles_on(day)
        for role in Role:  # a stable order when several roles qualify
            if role in allowed and role in held:
                return Actor(self.ref, role)
        holds = ", ".join(r.title for r in held) or "no role"
        raise NotAuthorised(
            f"{self.ref} may not {step} on {day}: that needs {any_of(allowed)}, and {self.ref} held {holds}"
        )
