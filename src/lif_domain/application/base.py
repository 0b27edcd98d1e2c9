"""The application service's shared machinery: acting members, loading records, saving safely."""

import json
from contextlib import contextmanager
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import (IntegrityError, OperationalError, PersistenceError,
                                      StoredEvent)
from eventsourcing.utils import get_topic, resolve_topic

from lif_domain.application.transcodings import DateAsISO
from lif_domain.dates import WorkingDays, check_business_date
from lif_domain.errors import DuplicateReference, StoreBusy, StoreError, UnknownRecord
from lif_domain.events import LifAggregate
from lif_domain.member import Member
from lif_domain.permissions import roles_for
from lif_domain.roles import Actor

if TYPE_CHECKING:
    from lif_domain.application.directory import ReadStore

A = TypeVar("A", bound=LifAggregate)


class LifBase(Application):
    """Commands take references and strings; they decide nothing themselves but load the
    records, ask the aggregates to decide, and save every change of one command atomically."""

    name = "LIF"

    def __init__(self, env=None, *, calendar: WorkingDays, today: Callable[[], date],
                 read_store: "ReadStore | None" = None):
        from lif_domain.application.directory import Directory, MemoryReadStore

        self.calendar = calendar
        self.today = today
        self.warnings: list[str] = []  # deadlines missed by this application's writes
        self.account: str | None = None  # the OS account keying, set by the composition root
        self.on_behalf = False  # the user says they key for another member (rule W5)
        self.logins_linked_only = False  # a partnership's PostgreSQL store (rule W6)
        self._links_exist: bool | None = None  # whether any login is linked, read once
        self._keyings: list = []  # steps of the current command keyed on a member's behalf
        self._decoders_cache: dict | None = None
        super().__init__(env)
        self.directory = Directory(self, read_store or MemoryReadStore())

    def register_transcodings(self, transcoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    # ---- acting members and business dates -----------------------------------------------------
    def business_date(self, on: date | None) -> date:
        today = self.today()
        return check_business_date(on or today, today)

    def act(self, member_ref: str, step: str, on: date | None) -> tuple[Actor, date]:
        """The acting member's role for `step`, and the checked business date."""
        on = self.business_date(on)
        self._keyings = []  # a new command
        return self.actor(member_ref, step, on), on

    def actor(self, member_ref: str, step: str, on: date) -> Actor:
        """The member's role for `step` on `on`; refused if someone else keys it without
        saying it is on the member's behalf (rule W5)."""
        from lif_domain.application.keyers import check_keyer

        member = self.load(Member, member_ref, "member")
        actor = member.act_as(roles_for(step), on, step)
        keying = check_keyer(self, member, actor, on, step)
        if keying is not None:
            self._keyings.append(keying)
        return actor

    # ---- loading and saving --------------------------------------------------------------------
    def load(self, cls: type[A], ref: str, what: str) -> A:
        try:
            return self.repository.get(cls.id_for(ref))
        except AggregateNotFoundError:
            raise UnknownRecord(f"no {what} {ref!r} in this store") from None
        except OperationalError as e:
            raise store_error(e) from None

    def board(self):
        from lif_domain.board import Board

        try:  # one read: on PostgreSQL each is a round trip to the server
            return self.repository.get(Board.ID)
        except AggregateNotFoundError:
            raise StoreError("this store has not been initialised: run 'lif init' first"
                             ) from None
        except OperationalError as e:
            raise store_error(e) from None

    def exists(self, id: UUID) -> bool:
        try:
            return bool(self.recorder.select_events(id, limit=1))
        except OperationalError as e:
            raise store_error(e) from None

    def keyed_by_account(self, id: UUID) -> dict[int, str]:
        """{event version: the account that keyed it} of record `id`, where the store says."""
        select = getattr(self.recorder, "select_keyed_by", None)
        with store_errors():
            return select(id) if select else {}

    def refuse_duplicate(self, cls: type[LifAggregate], ref: str, what: str) -> None:
        if self.exists(cls.id_for(ref)):
            raise DuplicateReference(f"a {what} {ref!r} already exists")

    def save_all(self, *aggregates: LifAggregate) -> None:
        """Save; a write that misses a deadline is recorded (it is a fact) and said in
        `warnings`."""
        missed = [line for a in aggregates for line in self._missed_by(a)]
        if self._keyings:
            from lif_domain.application.keyers import note_keyed_for

            aggregates += tuple(note_keyed_for(self._keyings, aggregates))
        try:
            self.save(*aggregates)
        except IntegrityError:
            raise StoreBusy(
                "another writer changed the same record at the same time; nothing was saved: "
                "run the command again") from None
        except PersistenceError as e:
            raise store_error(e) from None
        self.warnings += missed

    def _missed_by(self, record) -> list[str]:
        """The clocks of `record` that its unsaved events end late or cut short (met late,
        breached), judged on their business date by the one clock function."""
        from lif_domain.application.directory import CLOCKED, KINDS  # the records with clocks

        pending = record.pending_events
        kind = type(record).__qualname__
        if not pending or KINDS.get(kind) not in CLOCKED:
            return []
        if kind == "Action" and not any(isinstance(e, record.ENDS_A_CLOCK) for e in pending):
            return []  # a progress update, an escalation...: no clock of it ends (rule A5)
        from lif_domain.criteria import surely_notified_in_time  # loaded with any case

        stored = record.version - len(pending)
        if kind == "Case" and not stored and len(pending) == 1 and surely_notified_in_time(
                record.aware_on, record.notified_on):
            return []  # a new case, notified in time: nothing to judge
        from lif_domain.clocks import MISSED, clocks_of
        from lif_domain.dates import WEEKDAYS
        from lif_domain.events import DateCorrected

        on = max(e.on for e in pending)
        # Under Working Together 2015 only a case's notification clock counts working days.
        # Unless this write records or corrects the notification, that clock is the same
        # before and after, so it is judged on weekdays alone and the bank-holiday calendar
        # (0.05 s to load) is left unloaded. The Rapid Review's clock counts them throughout.
        notifying = kind == "Case" and (record.policy.working_days or any(
            isinstance(e, (record.FactsRecorded, DateCorrected)) for e in pending))
        calendar = self.calendar if notifying else WEEKDAYS
        before = replay(self.decoded_events(record.id)[:stored]) if stored else None
        was = {(c.subject, c.name): c.status_on(on)
               for c in (clocks_of(before, calendar, on) if before else [])}
        missed = []
        for clock in clocks_of(record, calendar, on):
            status = clock.status_on(on)
            if status in MISSED and was.get((clock.subject, clock.name)) is not status:
                missed.append(f"{clock.said(on)}: {status.value.upper()} ({clock.rule})")
        return missed

    def decoded_events(self, id: UUID) -> list:
        """A record's events, as the library's mapper would decode them, but leaner (see
        _decode)."""
        select_states = getattr(self.recorder, "select_states", None)  # LIF's own recorders
        rows = select_states(id) if select_states else [
            (s.originator_version, s.topic, s.state) for s in self.recorder.select_events(id)]
        return self._decode(id, rows, {})

    def _decode(self, id: UUID, rows, classes: dict[str, type]) -> list:
        """LIF's events hold transcoded values (dates, times) only at their top level, so one
        plain JSON parse and a pass over the top level does. Anything else (an upcast, a cipher,
        a nested transcoded value) goes through the library's mapper."""
        decoders = self._decoders()
        lean = self.mapper.cipher is None and self.mapper.compressor is None
        # One parse for all the record's events: a JSON array of their stored objects.
        states = json.loads(b"[" + b",".join(row[2] for row in rows) + b"]") if lean else None
        events = []
        for at, (version, topic, stored) in enumerate(rows):
            cls = classes.get(topic) or classes.setdefault(topic, resolve_topic(topic))
            state = states[at] if lean and getattr(cls, "class_version", 1) == 1 else None
            typed = 0
            for key, value in (state or {}).items():
                if value.__class__ is dict and "_type_" in value:
                    state[key] = decoders[value["_type_"]](value["_data_"])
                    typed += 1
            if state is None or stored.count(b'"_type_"') != typed:
                # An upcast, a cipher or a nested transcoded value: the library decodes it.
                events.append(self.mapper.to_domain_event(StoredEvent(id, version, topic,
                                                                      stored)))
                continue
            state["originator_id"], state["originator_version"] = id, version
            event = object.__new__(cls)
            object.__setattr__(event, "__dict__", state)
            events.append(event)
        return events

    def _decoders(self) -> dict:
        if self._decoders_cache is None:
            decoders = {name: t.decode for name, t in self.mapper.transcoder.names.items()}
            decoders.update(date_iso=date.fromisoformat, datetime_iso=datetime.fromisoformat)
            self._decoders_cache = decoders
        return self._decoders_cache

    def replay_all(self, *classes: type[LifAggregate]) -> dict[type, list]:
        """Every record of the given aggregate classes, rebuilt in one pass over the log in
        position order: events of other classes are skipped without being decoded."""
        prefixes = {get_topic(cls) + ".": cls for cls in classes}
        wanted = tuple(prefixes)
        states: dict = {}
        kinds: dict = {}
        start = 1
        try:
            while True:
                batch = self.recorder.select_notifications(start, 5000)
                if not batch:
                    break
                for n in batch:
                    if n.topic.startswith(wanted):
                        event = self.mapper.to_domain_event(n)
                        states[n.originator_id] = event.mutate(states.get(n.originator_id))
                        kinds.setdefault(n.originator_id, n.topic)
                start = batch[-1].id + 1
        except OperationalError as e:
            raise store_error(e) from None
        found: dict[type, list] = {cls: [] for cls in classes}
        for originator_id, topic in kinds.items():
            cls = next(c for p, c in prefixes.items() if topic.startswith(p))
            found[cls].append(states[originator_id])
        return found

    def replay(self, id: UUID):
        """The record `id`, rebuilt from its events read leanly (see decoded_events)."""
        return replay(self.decoded_events(id))

    def records(self, ids: list[UUID]) -> list:
        """The records `ids` (found through the directory), in that order."""
        return list(self.each_record(ids))

    def each_record(self, ids: list[UUID], chunk: int = 500) -> Iterator:
        """The records `ids`, in that order, rebuilt `chunk` at a time: their events are read
        in one query per chunk where the recorder can (one query per record costs more than
        decoding its events), and only one chunk's rows are held at once."""
        select_many = getattr(self.recorder, "select_states_of", None)  # LIF's own recorders
        if select_many is None:
            yield from (self.replay(id) for id in ids)
            return
        classes: dict[str, type] = {}
        for at in range(0, len(ids), chunk):
            part = ids[at:at + chunk]
            with store_errors():
                rows = select_many(part)
            yield from (replay(self._decode(id, rows.get(id, []), classes)) for id in part)

    def max_position(self) -> int:
        with store_errors():
            return self.recorder.max_notification_id() or 0

    def notifications_after(self, position: int, batch: int):
        """The stored events after `position`, in position order, a batch at a time."""
        with store_errors():
            while rows := self.recorder.select_notifications(position + 1, batch):
                yield rows
                position = rows[-1].id


def replay(events: list):
    """The aggregate its events make, as the repository would make it."""
    state = None
    for e in events:
        state = e.mutate(state)
    return state


@contextmanager
def store_errors():
    """The library's failures to read or write the store, as one StoreError line."""
    try:
        yield
    except OperationalError as e:
        raise store_error(e) from None


def store_error(error: Exception) -> StoreError:
    """The store's failure as LIF says it: busy (retry), not a LIF store, or damaged."""
    text = str(error)
    if "locked" in text or "busy" in text:
        return StoreBusy("the store is locked by another writer; nothing was saved: try again "
                         "shortly")
    if "readonly database" in text:
        return StoreError("the store is on read-only media or in a folder this account cannot "
                          "write: it can be read and verified there, not written; nothing was "
                          "saved")
    if "no such table" in text:
        return StoreError("this database is not a LIF store (it has no event table): run 'lif "
                          "init' on a new file")
    if "relation" in text and "does not exist" in text:  # PostgreSQL's words for it
        return StoreError("this PostgreSQL schema is not a LIF store (it has no event table): "
                          "run 'lif init' to make one there")
    return StoreError(f"the store is damaged or cannot be read or written; nothing was saved "
                      f"({text})")
