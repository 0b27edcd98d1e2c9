"""The record directory: LIF's read model, kept beside the log (ADR 0015).

One entry per record (case, review, learning source, action, monitoring round, member, board):
its kind and reference, the record it belongs to, the first and last business dates of its
events, when it ended, and the dates on which it has a clock to show. Every view finds its
records here instead of replaying the log; it then loads just those records and asks the one
function that answers its question (clocks_of, monitor, cycle, annual_report).

The directory is caught up from the last position it saw before it answers, and rebuilt from
the log when its store says it is missing, stale beyond repair or damaged. Its storage is a
port (`ReadStore`): in memory here, tables in adapters.sqlite_read_store and
adapters.postgres_read_store."""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Protocol
from uuid import UUID

from lif_domain.application.base import store_errors
from lif_domain.lifespans import ENDED_BY_EACH_EVENT, ENDING

# The class that opens each kind of record, by its class name in the event's topic.
KINDS = {"Case": "case", "Review": "review", "LearningSource": "source", "Action": "action",
         "MonitoringRound": "round", "Member": "member", "Board": "board",
         "TrainingEvent": "training", "ChildDeath": "death", "Section11Round": "s11",
         "Audit": "audit", "TrainingProgramme": "programme"}
# The fields of a record's opening event that name the record it belongs to (the first given):
# a source belongs to its review, or to the audit or Section 11 round whose learning it takes.
LINK_FIELDS = {"review": ("case_ref",), "source": ("review_ref", "process_ref"),
               "action": ("source_ref",)}
CLOCKED = ("case", "review", "action", "death", "s11", "audit")
BATCH = 5000
VERSION = 5  # of the read model's layout, and of the clock rules its spans come from: a store
# built by another is rebuilt (3: last due dates kept; 4: the first review deadline stays;
# 5: actions have clocks)
ON_FIELD = b'"on":{"_type_":"date_iso","_data_":"'


@dataclass(frozen=True)
class Entry:
    """One record in the directory. Dates are ISO strings (they sort as dates do)."""

    id: str  # the record's id, as hex
    kind: str
    ref: str
    opened: int  # the position of its first event
    first_on: str
    last_on: str
    ended_on: str | None = None  # the date of the event that ended it, if it stays ended
    link: str | None = None  # the casefolded reference of the record it belongs to
    clocks_from: str | None = None  # first date on which it has a clock
    quiet_from: str | None = None  # from this date every clock of it is met, for good
    due_until: str | None = None  # the last date a clock of it falls due


@dataclass(frozen=True)
class Query:
    """Which entries a view needs: of `kind`, optionally belonging to `link`, active in the
    business dates `active` (first event by its end, and an event in it, not ended, or a
    clock falling due in it), with a clock to show on `clocks` (with `all_clocks`, also
    clocks met on time)."""

    kind: str
    link: str | None = None
    active: tuple[str, str] | None = None
    clocks: str | None = None
    all_clocks: bool = False

    def matches(self, e: Entry) -> bool:
        """The meaning of the query, for stores that filter in Python."""
        if e.kind != self.kind or (self.link is not None and e.link != self.link):
            return False
        if self.active is not None:
            start, end = self.active
            if not (e.first_on <= end and (e.last_on >= start or e.ended_on is None
                                           or (e.due_until or "") >= start)):
                return False
        if self.clocks is not None:
            if e.clocks_from is None or e.clocks_from > self.clocks:
                return False
            if not self.all_clocks and e.quiet_from is not None and e.quiet_from <= self.clocks:
                return False
        return True


class ReadStore(Protocol):
    def position(self) -> int | None:
        """The last position applied, or None when the store is missing, of another layout,
        or fails its checks: the directory then rebuilds it."""

    def reset(self) -> None: ...

    def get(self, ids: Iterable[str]) -> dict[str, Entry]: ...

    def commit(self, entries: list[Entry], reviewed: set[tuple[str, str]], since: int,
               position: int) -> bool:
        """Save `entries` (replacing those with the same id) and `reviewed` pairs (round id,
        casefolded action ref) and move to `position`, atomically, if the store is still at
        `since`; return False and save nothing if another reader moved it first."""

    def entries(self, query: Query) -> list[Entry]: ...

    def rounds_reviewing(self, action_refs: Iterable[str]) -> list[Entry]: ...

    def first_reviews(self, action_refs: Iterable[str]) -> dict[str, str]:
        """{casefolded action ref: the date of the first round that reviewed it}."""


@dataclass
class MemoryReadStore:
    """The directory held in memory, for the in-memory application (tests, scenarios)."""

    rows: dict[str, Entry] = field(default_factory=dict)
    reviewed: set[tuple[str, str]] = field(default_factory=set)
    at: int = 0

    def position(self) -> int | None:
        return self.at

    def reset(self) -> None:
        self.rows, self.reviewed, self.at = {}, set(), 0

    def get(self, ids: Iterable[str]) -> dict[str, Entry]:
        return {i: self.rows[i] for i in ids if i in self.rows}

    def commit(self, entries, reviewed, since, position) -> bool:
        if self.at != since:
            return False
        self.rows.update((e.id, e) for e in entries)
        self.reviewed |= reviewed
        self.at = position
        return True

    def entries(self, query: Query) -> list[Entry]:
        return sorted((e for e in self.rows.values() if query.matches(e)), key=_opened)

    def rounds_reviewing(self, action_refs: Iterable[str]) -> list[Entry]:
        refs = set(action_refs)
        ids = {r for r, a in self.reviewed if a in refs}
        return sorted((self.rows[i] for i in ids), key=_opened)

    def first_reviews(self, action_refs: Iterable[str]) -> dict[str, str]:
        refs = set(action_refs)
        first: dict[str, str] = {}
        for round_id, ref in self.reviewed:
            if ref in refs:
                on = self.rows[round_id].first_on
                first[ref] = min(first.get(ref, on), on)
        return first


def _opened(e: Entry) -> int:
    return e.opened


@dataclass
class OverlayReadStore:
    """A saved directory this login may read but not change (an inspector's, issue 15): its
    rows as the last writer saved them, and what was stored since, held in memory for the one
    command. If the saved one fails its checks, it is set aside and the memory holds it all."""

    saved: ReadStore
    memory: MemoryReadStore = field(default_factory=MemoryReadStore)
    using_saved: bool | None = None  # not yet asked

    def position(self) -> int | None:
        if self.using_saved is None:
            at = self.saved.position()
            self.using_saved = at is not None
            if at is None:
                return None
            self.memory.at = at
        return self.memory.at

    def reset(self) -> None:
        self.using_saved = False
        self.memory.reset()

    def snapshot(self):
        return self.saved.snapshot()

    def get(self, ids: Iterable[str]) -> dict[str, Entry]:
        ids = set(ids)
        found = self.memory.get(ids)
        if self.using_saved:
            found = {**self.saved.get(ids - found.keys()), **found}
        return found

    def commit(self, entries, reviewed, since, position) -> bool:
        return self.memory.commit(entries, reviewed, since, position)

    def entries(self, query: Query) -> list[Entry]:
        found = self.memory.entries(query)
        if self.using_saved:
            found += [e for e in self.saved.entries(query) if e.id not in self.memory.rows]
        return sorted(found, key=_opened)

    def rounds_reviewing(self, action_refs: Iterable[str]) -> list[Entry]:
        refs = set(action_refs)
        ids = {r for r, a in self.memory.reviewed if a in refs}
        if self.using_saved:
            ids |= {e.id for e in self.saved.rounds_reviewing(refs)}
        return sorted(self.get(ids).values(), key=_opened)

    def first_reviews(self, action_refs: Iterable[str]) -> dict[str, str]:
        # The saved dates stand for the rounds saved before: a round's first date is its
        # meeting's, for good (MonitoringRound.review refuses an outcome dated before it).
        refs = set(action_refs)
        first = self.saved.first_reviews(refs) if self.using_saved else {}
        pairs = [(r, a) for r, a in self.memory.reviewed if a in refs]
        rounds = self.get({r for r, _ in pairs})
        for round_id, ref in pairs:
            on = rounds[round_id].first_on
            first[ref] = min(first.get(ref, on), on)
        return first


class Directory:
    """Finds records for the views, caught up from the application's log before it answers."""

    def __init__(self, app, store: ReadStore):
        self.app = app
        self.store = store

    # ---- queries ---------------------------------------------------------------------------------
    def entries(self, kind: str, *, link: str | None = None,
                active: tuple[str, str] | None = None, clocks: str | None = None,
                all_clocks: bool = False) -> list[Entry]:
        query = Query(kind, link.casefold() if link else None, active, clocks, all_clocks)
        with store_errors():
            self.catch_up()
            return self.store.entries(query)

    def rounds_reviewing(self, action_refs: Iterable[str]) -> list[Entry]:
        refs = [r.casefold() for r in action_refs]
        if not refs:
            return []
        with store_errors():
            self.catch_up()
            return self.store.rounds_reviewing(refs)

    def first_reviews(self, action_refs: Iterable[str]) -> dict[str, str]:
        """{casefolded action ref: the date (ISO) of the first monitoring round that
        reviewed it}, for those of `action_refs` a round has reviewed."""
        refs = [r.casefold() for r in action_refs]
        if not refs:
            return {}
        with store_errors():
            self.catch_up()
            return self.store.first_reviews(refs)

    def refs(self, kind: str, **query) -> list[str]:
        return [e.ref for e in self.entries(kind, **query)]

    def ids(self, kind: str, **query) -> list[UUID]:
        return [UUID(hex=e.id) for e in self.entries(kind, **query)]

    # ---- keeping it up to date -----------------------------------------------------------------
    def rebuild(self) -> None:
        with store_errors():
            self.store.reset()
            self.catch_up()

    def catch_up(self) -> None:
        """Apply the events stored since the directory's position; rebuild it first when its
        store cannot say where it is (missing, another layout, or failing its checks)."""
        since, head = self.store.position(), self.app.max_position()
        if since is None or since > head:
            self.store.reset()
            since = 0
        if head <= since:
            return
        changed: dict[str, Entry] = {}
        reviewed: set[tuple[str, str]] = set()
        clocked: set[str] = set()
        position = since
        for batch in self.app.notifications_after(since, BATCH):
            known = {} if since == 0 else self.store.get(
                {n.originator_id.hex for n in batch} - changed.keys())
            for n in batch:
                position = n.id
                entry = self._apply(n, changed.get(n.originator_id.hex)
                                    or known.get(n.originator_id.hex), reviewed)
                if entry is not None:
                    changed[entry.id] = entry
                    if entry.kind in CLOCKED:
                        clocked.add(entry.id)
        from lif_domain.clocks import clock_span  # its review module costs start-up (ADR 0005)

        for id in clocked:
            start, quiet, due = clock_span(self.app.replay(UUID(hex=id)), self.app.calendar)
            changed[id] = replace(changed[id], clocks_from=start and start.isoformat(),
                                  quiet_from=quiet and quiet.isoformat(),
                                  due_until=due and due.isoformat())
        self.store.commit(list(changed.values()), reviewed, since, position)

    def _apply(self, n, entry: Entry | None, reviewed: set) -> Entry | None:
        kind_name, _, event_name = n.topic.partition(":")[2].partition(".")
        kind = KINDS.get(kind_name)
        if kind is None:
            return entry
        if entry is None or n.originator_version == 1:
            opening = self.app.mapper.to_domain_event(n)
            on = opening.on.isoformat()
            link = next((v for f in LINK_FIELDS.get(kind, ()) if (v := getattr(opening, f,
                                                                                 None))), None)
            entry = Entry(n.originator_id.hex, kind, getattr(opening, "ref", kind), n.id, on, on,
                          link=link.casefold() if link else None)
        on = self._business_date(n)
        if kind == "round" and event_name == "ActionReviewed":
            reviewed.add((entry.id, self.app.mapper.to_domain_event(n).action_ref.casefold()))
        ending = (True if kind_name in ENDED_BY_EACH_EVENT
                  else ENDING.get(f"{kind_name}.{event_name}"))
        ended_on = entry.ended_on if ending is None else (on if ending else None)
        return replace(entry, first_on=min(entry.first_on, on), last_on=max(entry.last_on, on),
                       ended_on=ended_on)

    def _business_date(self, n) -> str:
        """The event's business date, read off its stored JSON where it can be (LIF writes it
        as a top-level date field), else from the decoded event."""
        mapper = self.app.mapper
        if mapper.cipher is None and mapper.compressor is None:
            at = n.state.find(ON_FIELD)
            if at >= 0:
                return n.state[at + len(ON_FIELD):at + len(ON_FIELD) + 10].decode()
        return mapper.to_domain_event(n).on.isoformat()
