"""A training event, conference or briefing as a record of its own (issue 14, item 4;
REFERENCE §2 step 6): it belongs to a programme, counts its attendance once (by organisation
and role, however many findings or sources it carries), is evaluated at the event and again
after an interval, and its provider is checked against the committee's standards."""

from dataclasses import dataclass
from datetime import date

from lif_domain.dates import add_months
from lif_domain.errors import InvalidInput, OutOfOrder
from lif_domain.events import LifAggregate, Opened, record_id
from lif_domain.permissions import authorise
from lif_domain.roles import Actor
from lif_domain.rules import need, not_before

FOLLOW_UP_MONTHS_AT_LEAST = 3  # an evaluation of impact "some months later" (issue 14)


@dataclass(frozen=True)
class Carried:
    """A finding the event passed on: the source it is of, and its number there."""

    source_ref: str
    finding: int


class TrainingEvent(LifAggregate):
    class Event(LifAggregate.Event):
        """Base of every training event's events: member, role and business date `on`."""

    class Recorded(Event, Opened):
        ref: str
        programme: str
        title: str
        held_on: date
        provider: str
        carries: list  # [source ref, finding number] pairs

        def apply(self, event: "TrainingEvent") -> None:
            event.ref, event.programme, event.title = self.ref, self.programme, self.title
            event.held_on, event.provider = self.held_on, self.provider
            event.carries = tuple(Carried(s, n) for s, n in self.carries)

    class AttendanceRecorded(Event):
        by_organisation: dict  # organisation -> people
        by_role: dict  # role (as the event's register gives it) -> people

        def apply(self, event: "TrainingEvent") -> None:
            event.by_organisation, event.by_role = self.by_organisation, self.by_role

    class Evaluated(Event):
        when: str  # "at the event" or "follow-up"
        summary: str

        def apply(self, event: "TrainingEvent") -> None:
            event.evaluations = (*event.evaluations, (self.when, self.on, self.summary))

    class ProviderChecked(Event):
        meets_standards: bool
        notes: str

        def apply(self, event: "TrainingEvent") -> None:
            event.provider_check = (self.on, self.meets_standards, self.notes)

    def __init__(self) -> None:
        self.by_organisation: dict[str, int] = {}
        self.by_role: dict[str, int] = {}
        self.evaluations: tuple[tuple[str, date, str], ...] = ()
        self.provider_check: tuple[date, bool, str] | None = None

    @staticmethod
    def id_for(ref: str):
        return record_id("training", ref)

    @property
    def attendees(self) -> int:
        """The people who attended, counted once for the event."""
        return sum(self.by_organisation.values())

    @classmethod
    def record(cls, ref: str, programme: str, title: str, held_on: date, provider: str,
               carries: list[tuple[str, int]], actor: Actor, on: date) -> "TrainingEvent":
        authorise(actor, "record dissemination")
        ref = ref.strip()
        if not ref or len(ref) > 40:
            raise InvalidInput("a training event's reference must be 1 to 40 characters, e.g. "
                               "TRN-2018-03")
        pairs = sorted({(s.strip(), int(n)) for s, n in carries})
        if not pairs:
            raise InvalidInput("name at least one finding the event passes on (source and "
                               "finding number)")
        return cls._open(cls.Recorded, cls.id_for(ref), actor, on, ref=ref,
                         programme=need(programme, "name the programme the event belongs to"),
                         title=need(title, "give the event's title"), held_on=held_on,
                         provider=need(provider, "name the event's provider"),
                         carries=[list(p) for p in pairs])

    def record_attendance(self, by_organisation: dict[str, int], by_role: dict[str, int],
                          actor: Actor, on: date) -> None:
        """Once per event: by organisation and by role, each adding up to the same people."""
        authorise(actor, "record dissemination")
        if self.by_organisation:
            raise OutOfOrder(f"{self.ref}'s attendance was already recorded "
                             f"({self.attendees} people): it is counted once")
        not_before(on, self.held_on, "the attendance", "the event")
        if any(n < 0 for n in (*by_organisation.values(), *by_role.values())):
            raise InvalidInput("attendance cannot be negative")
        if not by_organisation or sum(by_organisation.values()) != sum(by_role.values()):
            raise InvalidInput(f"attendance by organisation ({sum(by_organisation.values())}) "
                               f"and by role ({sum(by_role.values())}) must count the same "
                               "people")
        self._record(self.AttendanceRecorded, actor, on, by_organisation=dict(by_organisation),
                     by_role=dict(by_role))

    def evaluate(self, follow_up: bool, summary: str, actor: Actor, on: date) -> None:
        """At the event, or a follow-up at least FOLLOW_UP_MONTHS_AT_LEAST months after it."""
        authorise(actor, "record dissemination")
        not_before(on, self.held_on, "the evaluation", "the event")
        when = "follow-up" if follow_up else "at the event"
        if follow_up and on < add_months(self.held_on, FOLLOW_UP_MONTHS_AT_LEAST):
            raise InvalidInput(f"a follow-up evaluation comes at least "
                               f"{FOLLOW_UP_MONTHS_AT_LEAST} months after the event "
                               f"({add_months(self.held_on, FOLLOW_UP_MONTHS_AT_LEAST)} or later)")
        if any(w == when for w, _, _ in self.evaluations):
            raise OutOfOrder(f"{self.ref} was already evaluated {when}")
        self._record(self.Evaluated, actor, on, when=when,
                     summary=need(summary, "summarise what the evaluation found"))

    def check_provider(self, meets_standards: bool, notes: str, actor: Actor, on: date):
        """The PLQA committee's check of the provider against its standards."""
        authorise(actor, "assess an action's impact")  # the PLQA committee's judgement
        self._record(self.ProviderChecked, actor, on, meets_standards=meets_standards,
                     notes=need(notes, "say how the provider was checked against the "
                                       "committee's standards"))


def reach(events: list[TrainingEvent]) -> tuple[int, int]:
    """(distinct events, attendees counted once per event) of `events`."""
    return len(events), sum(e.attendees for e in events)
