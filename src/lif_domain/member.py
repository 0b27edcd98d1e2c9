"""Board membership: a member's appointments to roles, each dated (REFERENCE §1); changes to
appointments that carry powers, agreed by a second member (rule W4); the operating-system
account the member keys from; entries keyed on their behalf, and their confirmation (rule W5)."""

from datetime import date, datetime

from dataclasses import dataclass, replace

from lif_domain.errors import InvalidInput, NotAuthorised, OutOfOrder
from lif_domain.events import LifAggregate, Opened, record_id
from lif_domain.permissions import any_of, authorise
from lif_domain.powers import KeyedForMember, Proposal, check_account
from lif_domain.roles import POWERS, Actor, Role
from lif_domain.rules import need


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
            member.proposals = {}  # number -> Proposal awaiting agreement
            member.keyed_for = {}  # number -> KeyedForMember
            member.account = None

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
            member._end(Role(self.appointed_role), self.on, self.timestamp)

    # Changes that carry powers (rule W4): proposed, then agreed or declined by another member.
    class AppointmentProposed(Event):
        appointed_role: str
        organisation: str

        def apply(self, member: "Member") -> None:
            member._propose(self, "appoint", Role(self.appointed_role), self.organisation)

    class EndProposed(Event):
        appointed_role: str
        reason: str

        def apply(self, member: "Member") -> None:
            member._propose(self, "end", Role(self.appointed_role), self.reason)

    class AccountLinkProposed(Event):
        account: str

        def apply(self, member: "Member") -> None:
            member._propose(self, "link", None, self.account)

    class ChangeAgreed(Event):
        proposal: int

        def apply(self, member: "Member") -> None:
            p = member.proposals.pop(self.proposal, None)
            if p is None:
                return
            if p.change == "appoint":
                member.appointments.append(Appointment(p.role, p.detail, p.on))
            elif p.change == "end":
                member._end(p.role, p.on, self.timestamp)
            else:
                member.account = p.detail

    class ChangeDeclined(Event):
        proposal: int
        reason: str

        def apply(self, member: "Member") -> None:
            member.proposals.pop(self.proposal, None)

    # Entries keyed on the member's behalf (rule W5), and the member's answer.
    class KeyedOnBehalf(Event):
        entries: list  # [kind, reference, event version] of each entry
        keyer: str  # the member whose account keyed them, or ''

        def apply(self, member: "Member") -> None:
            member.keyed_for[self.originator_version] = KeyedForMember(
                self.originator_version, tuple(tuple(e) for e in self.entries), self.keyer,
                Role(self.role), self.on)

    class OnBehalfConfirmed(Event):
        entry: int

        def apply(self, member: "Member") -> None:
            member._settle(self.entry, "confirmed", self.on, "")

    class OnBehalfDisputed(Event):
        entry: int
        reason: str

        def apply(self, member: "Member") -> None:
            member._settle(self.entry, "disputed", self.on, self.reason)

    def _propose(self, event, change: str, role: Role | None, detail: str) -> None:
        self.proposals[event.originator_version] = Proposal(
            event.originator_version, change, role, detail, event.on, event.member)

    def _end(self, role: Role, on: date, recorded_at: datetime) -> None:
        for i, a in enumerate(self.appointments):
            if a.role is role and a.end is None:
                self.appointments[i] = replace(a, end=on, ended_at=recorded_at)

    def _settle(self, number: int, how: str, on: date, reason: str) -> None:
        if number in self.keyed_for:
            self.keyed_for[number] = replace(self.keyed_for[number], settled=how, settled_on=on,
                                             reason=reason)

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
                founding: bool = False) -> Proposal | None:
        """Appoint this member to `role`; nobody appoints themselves (rule W3), except the
        first chair as the board is founded. A role that carries powers is proposed, and
        held once a second member agrees (rule W4): the proposal is returned."""
        authorise(actor, "appoint a member")
        self._refuse_self(actor, "appoint themselves", founding)
        if not organisation.strip():
            raise InvalidInput("an appointment needs the member's organisation")
        if any(a.role is role and a.end is None for a in self.appointments):
            raise OutOfOrder(f"{self.ref} already holds the role of {role.title}")
        self._refuse_pending("appoint", role)
        if role in POWERS and not founding:
            return self._proposed(self.AppointmentProposed, actor, on, appointed_role=role.value,
                                  organisation=organisation.strip())
        self._record(self.Appointed, actor, on, appointed_role=role.value,
                     organisation=organisation.strip())
        return None

    def end_appointment(self, role: Role, reason: str, actor: Actor, on: date) -> Proposal | None:
        """End the appointment in `role` on `on` (the last day); one that carries powers is
        proposed, and ends once a second member agrees (rule W4)."""
        authorise(actor, "end an appointment")
        current = [a for a in self.appointments if a.role is role and a.end is None]
        if not current:
            raise OutOfOrder(f"{self.ref} holds no current appointment as {role.title}")
        if on < current[0].start:
            raise OutOfOrder(f"the appointment began on {current[0].start}; it cannot end before")
        if not reason.strip():
            raise InvalidInput("ending an appointment needs a reason")
        self._refuse_pending("end", role)
        if role in POWERS:
            return self._proposed(self.EndProposed, actor, on, appointed_role=role.value,
                                  reason=reason)
        self._record(self.AppointmentEnded, actor, on, appointed_role=role.value, reason=reason)
        return None

    def link_account(self, account: str, actor: Actor, on: date) -> Proposal:
        """This member proposes that they key from operating-system account `account`, the
        one they propose it from (issue 12): who can act as whom is a power, so a second
        member agrees (rule W4)."""
        authorise(actor, "link one's own account")
        if actor.member.casefold() != self.ref.casefold():
            raise NotAuthorised(f"{self.ref} links their own account, from that account; "
                                f"{actor} may not")
        account = check_account(account)
        if account == self.account:
            raise OutOfOrder(f"{self.ref} already keys from account {account}")
        self._refuse_pending("link", None)
        return self._proposed(self.AccountLinkProposed, actor, on, account=account)

    def agree(self, number: int, actor: Actor, on: date) -> Proposal:
        """A second member agrees proposal `number`: it takes effect from its own date. Not
        the member who proposed it, nor (except to end an appointment) the member it is for."""
        authorise(actor, "agree or decline a change of powers")
        proposal = self.proposal(number)
        if actor.member.casefold() == proposal.by.casefold():
            raise NotAuthorised(f"{proposal.by} proposed it: a second member with the power to "
                                "appoint must agree (rule W4)")
        if proposal.change != "end":
            self._refuse_self(actor, "agree a change of their own powers")
        if on < proposal.on:
            raise OutOfOrder(f"it was proposed on {proposal.on}; it cannot be agreed before")
        self._record(self.ChangeAgreed, actor, on, proposal=number)
        return proposal

    def decline(self, number: int, reason: str, actor: Actor, on: date) -> Proposal:
        """The proposal is not made: declined by another member, or withdrawn by its own."""
        authorise(actor, "agree or decline a change of powers")
        proposal = self.proposal(number)
        self._record(self.ChangeDeclined, actor, on, proposal=number,
                     reason=need(reason, "say why the change is declined"))
        return proposal

    def keyed_on_behalf(self, entries: list, keyer: str, actor: Actor, on: date) -> None:
        """Entries of one command were keyed for this member (acting as `actor`) by someone
        else: the member confirms them later (rule W5)."""
        self._record(self.KeyedOnBehalf, actor, on, entries=[list(e) for e in entries],
                     keyer=keyer)

    def confirm(self, number: int, actor: Actor, on: date) -> None:
        """The member confirms entries keyed on their behalf."""
        self._check_settling(number, actor, on)
        self._record(self.OnBehalfConfirmed, actor, on, entry=number)

    def dispute(self, number: int, reason: str, actor: Actor, on: date) -> None:
        """The member says entries keyed on their behalf are not what they decided."""
        self._check_settling(number, actor, on)
        self._record(self.OnBehalfDisputed, actor, on, entry=number,
                     reason=need(reason, "say what is wrong with the entries"))

    def _proposed(self, event_class, actor: Actor, on: date, **fields) -> Proposal:
        self._record(event_class, actor, on, **fields)
        return self.proposals[self.version]

    def _refuse_self(self, actor: Actor, what: str, founding: bool = False) -> None:
        if actor.member.casefold() == self.ref.casefold() and not founding:
            raise NotAuthorised(f"{actor.member} may not {what} (rules W3, W4): another member "
                                "with the power to appoint must do it")

    def _refuse_pending(self, change: str, role: Role | None) -> None:
        for p in self.proposals.values():
            if p.change == change and p.role is role:
                raise OutOfOrder(f"the {p.words} of {self.ref} was proposed on {p.on} (event "
                                 f"{p.number}) and awaits agreement")

    def _check_settling(self, number: int, actor: Actor, on: date) -> None:
        authorise(actor, "confirm an entry keyed on their behalf")
        if actor.member.casefold() != self.ref.casefold():
            raise NotAuthorised(f"only {self.ref} confirms or disputes what was keyed on their "
                                f"behalf; {actor} may not")
        entry = self.keyed_for.get(number)
        if entry is None:
            waiting = ", ".join(str(n) for n in self.awaiting_confirmation()) or "none"
            raise InvalidInput(f"event {number} of {self.ref} is not an entry keyed on their "
                               f"behalf (awaiting confirmation: {waiting})")
        if entry.settled:
            raise OutOfOrder(f"{self.ref} {entry.settled} entry {number} on {entry.settled_on}")
        if on < entry.on:
            raise OutOfOrder(f"the entries were keyed for {entry.on}; they cannot be confirmed "
                             "before")

    # ---- queries -----------------------------------------------------------------------------
    def ended_before_keyed(self, role: Role, on: date, recorded_at: datetime):
        """The appointment in `role` that covers `on` if its end was recorded before
        `recorded_at`: an entry dated within the appointment but keyed after it ended (rule
        W3). None otherwise."""
        for a in self.appointments:
            if a.role is role and a.covers(on) and a.ended_at and recorded_at > a.ended_at:
                return a
        return None

    def proposal(self, number: int) -> Proposal:
        if number not in self.proposals:
            waiting = ", ".join(str(n) for n in self.proposals) or "none"
            raise InvalidInput(f"event {number} of {self.ref} is not a change awaiting "
                               f"agreement (awaiting: {waiting})")
        return self.proposals[number]

    def awaiting_confirmation(self) -> dict[int, KeyedForMember]:
        return {n: k for n, k in self.keyed_for.items() if not k.settled}

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
