"""Recompute a SQLite store's chain and report the first problem (ADR 0008).

Checks, in position order: every link against the exact stored bytes and the link before it;
positions without a gap (a gap is a deleted event); events without a link; versions 1..n
contiguous per aggregate; each checkpoint's signature, and that its head is still in the
chain with the same link and count; and SQLite's own quick check of the file."""

from dataclasses import dataclass, field

from adapters import checkpoint as checkpoints
from adapters.chain import GENESIS, link
from adapters.event_log import EventLog


@dataclass(frozen=True)
class Problem:
    position: int
    message: str


@dataclass
class Report:
    events: int = 0
    links: int = 0
    head_position: int = 0
    head: bytes = GENESIS
    problems: list[Problem] = field(default_factory=list)
    checkpoints: list[str] = field(default_factory=list)

    def flag(self, position: int, message: str) -> None:
        self.problems.append(Problem(position, message))

    @property
    def first(self) -> Problem | None:
        return min(self.problems, key=lambda p: p.position) if self.problems else None


def verify(log: EventLog, keys, checkpoint_texts: list[str] = ()) -> Report:
    """Raises KeyMissing or InvalidInput when it cannot verify."""
    report = Report()
    _walk(log.rows(linked=True), keys, report)
    damage = log.damage()
    if damage:  # the file itself is damaged, whatever the chain says
        report.flag(0, f"the database file is damaged: {'; '.join(damage[:3])}")
    for text in checkpoint_texts:
        cp = _check_signature(text, keys, report)
        if cp is not None:
            _check_head(log, cp, report)
    return report


def _walk(rows, keys, report: Report) -> None:
    key_cache: dict[str, bytes] = {}
    versions: dict[str, int] = {}
    previous, last_position = GENESIS, 0
    for position, originator_id, version, topic, state, key_id, stored in rows:
        # Values edited by hand may come back as other types: compare them as written.
        originator_id, topic = str(originator_id), str(topic)
        state = state if isinstance(state, bytes) else str(state).encode()
        version = version if isinstance(version, int) else -1
        report.events += 1
        if position != last_position + 1:
            missing = f"{last_position + 1}" + (f" to {position - 1}"
                                                if position - 1 > last_position + 1 else "")
            report.flag(last_position + 1, f"position {missing} is missing: an event was "
                                           "deleted")
        last_position = position
        if versions.get(originator_id, 0) + 1 != version:
            report.flag(position, f"aggregate {originator_id} has version {version} after "
                                  f"{versions.get(originator_id, 0)}: events missing or moved")
        versions[originator_id] = max(version, versions.get(originator_id, 0))
        if stored is None or key_id is None:
            report.flag(position, "an event has no chain link: written outside LIF or forged")
            continue
        if key_id not in key_cache:
            key_cache[key_id] = keys.chain_key(key_id)
        if link(key_cache[key_id], position, originator_id, version, topic, state,
                previous) != stored:
            report.flag(position, "an event does not match its chain link: changed, moved, "
                                  "copied, or the event before it was deleted")
        previous = stored
        report.links += 1
        report.head_position, report.head = position, stored


def _check_signature(text: str, keys, report: Report):
    try:
        cp = checkpoints.read(text, keys)
    except ValueError as e:  # a signature that does not match: the checkpoint was altered
        report.flag(0, f"checkpoint: {e}")
        return None
    report.checkpoints.append(f"position {cp.position}, {cp.count} events, {cp.time}")
    return cp


def _check_head(log: EventLog, cp, report: Report) -> None:
    link_at = log.link_at(cp.position)
    if link_at is None:
        report.flag(cp.position, f"the checkpoint of {cp.time} names position {cp.position}, "
                                 "which is no longer in the chain: the log was cut")
        return
    if link_at != cp.head:
        report.flag(cp.position, f"the chain at position {cp.position} differs from the "
                                 f"checkpoint of {cp.time}: the log was rewritten")
    count = log.count(through=cp.position)
    if count != cp.count:
        report.flag(cp.position, f"{count} events up to position {cp.position}, but the "
                                 f"checkpoint of {cp.time} counted {cp.count}")
