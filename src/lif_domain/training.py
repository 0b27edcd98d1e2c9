"""A training event, conference or briefing as a record of its own (issue 14, item 4;
REFERENCE §2 step 6; rule L2): it belongs to a recorded programme, counts its attendance once
(by organisation and role, however many findings or sources it carries), is evaluated at the
event and again after an interval, and its provider is checked against each of the standards
the PLQA committee set for the programme's providers."""

from dataclasses import dataclass
from datetime import date

from lif_domain.dates import add_months
from lif_domain.errors import InvalidInput, OutOfOrder
from lif_domain.events import LifAggregate, Opened, record_id
from lif_domain.permissions import authorise
from lif_domain.roles import Actor
from lif_domain.rules import need, not_before, one_of, reference, unique

FOLLOW_UP_MONTHS_AT_LEAST = 3  # an evaluation of impact "some months later" (issue 14)


@dataclass(frozen=True)
class Carried:
    """A finding the event passed on: the source it is of, and its number there."""

    source_ref: str
    finding: int


class TrainingProgramme(LifAggregate):
    """A programme of training events, and the standards the PLQA committee expects of the
    providers who deliver it."""

    class Event(LifAggregate.Event):
        """Base of every programme's events: member, role and business date `on`."""

    class Recorded(Event, Opened):
        ref: str
        title: str
        standards: list

        def apply(self, programme: "TrainingProgramme") -> None:
            programme.ref, programme.title = self.ref, self.title
            programme.standards = tuple(self.standards)

    @staticmethod
    def id_for(ref: str):
        return record_id("programme", ref)

    @classmethod
    def record(cls, ref: str, title: str, standards: list[str], actor: Actor,
               on: date) -> "TrainingProgramme":
        authorise(actor, "record dissemination")
        ref = reference(ref, "a programme's reference", "NEGLECT-2018")
        named = unique(standards)
        if not named:
            raise InvalidInput("name at least one standard the programme's providers must meet")
        return cls._open(cls.Recorded, cls.id_for(ref), actor, on, ref=ref,
                         title=need(title, "give the programme's title"), standards=named)


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
        class_version = 2  # 2: each of the programme's standards judged (issue 14)
        meets_standards: bool
        notes: str
        judged: dict  # standard -> met

        @staticmethod
        def upcast_v1_v2(state: dict) -> None:
            state["judged"] = {}  # judged as a whole, before programmes had standards

        def apply(self, event: "TrainingEvent") -> None:
            event.provider_check = (self.on, self.meets_standards, self.notes)
            event.provider_judged = dict(self.judged)

    def __init__(self) -> None:
        self.by_organisation: dict[str, int] = {}
        self.by_role: dict[str, int] = {}
        self.evaluations: tuple[tuple[str, date, str], ...] = ()
        self.provider_check: tuple[date, bool, str] | None = None
        self.provider_judged: dict[str, bool] = {}

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
        ref = reference(ref, "a training event's reference", "TRN-2018-03")
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

    def check_provider(self, judged: dict[str, bool], standards: tuple[str, ...], notes: str,
                       actor: Actor, on: date):
        """The PLQA committee's check of the provider against each of the programme's
        `standards`, every one judged met or not (rule L2)."""
        authorise(actor, "assess an action's impact")  # the PLQA committee's judgement
        given = {}
        for standard, met in judged.items():
            key = one_of(standard, standards)
            if key is None:
                raise InvalidInput(f"{standard!r} is not a standard of the {self.programme} "
                                   f"programme (its standards: {'; '.join(standards)})")
            given[key] = met
        missing = [s for s in standards if s not in given]
        if missing or len(given) != len(judged):
            raise InvalidInput(f"judge each standard of the {self.programme} programme once, "
                               f"met or not: {'; '.join(missing) or 'one is judged twice'}")
        not_before(on, self.held_on, "the provider's check", "the event")
        self._record(self.ProviderChecked, actor, on, meets_standards=all(given.values()),
                     notes=need(notes, "say how the provider was checked against the "
                                       "committee's standards"),
                     judged={s: given[s] for s in standards})


def reach(events: list[TrainingEvent]) -> tuple[int, int]:
    """(distinct events, attendees counted once per event) of `events`."""
    return len(events), sum(e.attendees for e in events)
