"""Recompute a SQLite store's chain and report the first problem (ADR 0008).

Checks, in position order: every link against the exact stored bytes and the link before it;
positions without a gap (a gap is a deleted event); events without a link; versions 1..n
contiguous per aggregate; each checkpoint's signature, and that its head is still in the
chain with the same link and count; and SQLite's own quick check of the file. A large log is
walked in parts at once, one process per processor (ADR 0021)."""

import hashlib
from dataclasses import dataclass, field
from functools import partial

from adapters import checkpoint as checkpoints
from adapters.chain import GENESIS, HASH_LENGTH, TAG_FIELD, chain_key, length_prefix
from adapters.event_log import EventLog
from adapters.in_parts import how_many, in_parts
from adapters.keys import is_key_id


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
    verified_in_full: str | None = None  # a walk from the last full verification: its time
    walked: int = 0  # the events whose links this verification recomputed
    # A walk of part of the log: each record's first (position, version) in it, when what came
    # before is not known (`_walk_in_parts` joins them), and each record's last version.
    firsts: dict = field(default_factory=dict, repr=False)
    versions: dict = field(default_factory=dict, repr=False)

    def flag(self, position: int, message: str) -> None:
        self.problems.append(Problem(position, message))

    @property
    def first(self) -> Problem | None:
        return min(self.problems, key=lambda p: p.position) if self.problems else None


def verify(log: EventLog, keys, checkpoint_texts: list[str] = (), progress=None,
           parts: int | None = None) -> Report:
    """Raises KeyMissing or InvalidInput when it cannot verify. `progress(n)`, when given, is
    told of each `STEP` events walked. A large log is walked in as many parts at once as there
    are processors (adapters.in_parts; `parts` to choose)."""
    report = Report()
    head = log.head()
    parts = how_many(head, parts)
    if parts > 1:
        _walk_in_parts(log, keys, report, head, parts, progress)
    else:
        rows = log.rows(linked=True)
        _walk(_told(rows, progress) if progress else rows, keys, report)
    damage = log.damage()
    if damage:  # the file itself is damaged, whatever the chain says
        report.flag(0, f"the database file is damaged: {'; '.join(damage[:3])}")
    for text in checkpoint_texts:
        cp = _check_signature(text, keys, report)
        if cp is not None:
            _check_head(log, cp, report)
    return report


def verify_since(log: EventLog, keys, mark: str) -> Report | None:
    """The chain checked from `mark`, the signed checkpoint the last full verification left
    (Lif.verify): that its head is still in the chain with the same link, then each event
    after it (ADR 0020). Edits and deletions before the mark that keep the head's link are not
    looked for here (the next full verification finds them); a mark that is altered or signed
    by a key not held gives None, so the caller verifies in full."""
    from adapters.keys import KeyMissing
    from lif_domain.errors import InvalidInput

    try:
        cp = checkpoints.read(mark, keys)
    except (ValueError, InvalidInput, KeyMissing):
        return None
    report = Report(events=cp.count, links=cp.count, head_position=cp.position, head=cp.head,
                    verified_in_full=cp.time)
    _check_head(log, cp, report, counted=False)  # a deletion before it is a full walk's
    if not report.problems:
        _walk(log.rows(after=cp.position, linked=True), keys, report, cp.head, cp.position,
              lambda record: log.version_through(record, cp.position))
    return report


def _walk(rows, keys, report: Report, previous: bytes = GENESIS, last_position: int = 0,
          version_before=None) -> None:
    """Check each row's link against the one before it, positions without a gap and versions
    contiguous. The link is `chain.link`'s message, built here with its fields' encodings
    kept from row to row (a store has few topics and record ids repeat), since this loop is
    what `lif verify` costs (every verify test reads stores that `chain.link` wrote).
    `version_before(id)` gives a record's version before the first row walked (for a walk
    that starts part way), or None when it is not known (a part of `_walk_in_parts`)."""
    sha256, prefix, join = hashlib.sha256, length_prefix, b"".join
    macs: dict = {}
    fields: dict = {}  # str -> its length prefix and bytes, for ids, topics and versions
    versions: dict[str, int] = {}
    events = links = 0
    head_position, head = report.head_position, report.head
    for position, originator_id, version, topic, state, key_id, stored in rows:
        # Values edited by hand may come back as other types: compare them as written.
        if originator_id.__class__ is not str:
            originator_id = str(originator_id)
        if topic.__class__ is not str:
            topic = str(topic)
        if state.__class__ is not bytes:
            state = str(state).encode()
        if version.__class__ is not int:
            version = -1
        events += 1
        if position != last_position + 1:
            missing = f"{last_position + 1}" + (f" to {position - 1}"
                                                if position - 1 > last_position + 1 else "")
            report.flag(last_position + 1, f"position {missing} is missing: an event was "
                                           "deleted")
        last_position = position
        seen = versions.get(originator_id)
        if seen is None:
            seen = version_before(originator_id) if version_before else 0
            if seen is None:  # not known in this part of the log: checked when parts join
                report.firsts[originator_id] = (position, version)
                seen = version - 1
        if seen + 1 != version:
            report.flag(position, _moved(originator_id, version, seen))
        versions[originator_id] = version if version > seen else seen
        if stored is None or key_id is None:
            report.flag(position, "an event has no chain link: written outside LIF or forged")
            continue
        mac = macs.get(key_id)
        if mac is None:
            if not is_key_id(key_id):
                report.flag(position, "an event names a key that is not a key id: its key id "
                                      "was edited outside LIF")
                continue
            mac = macs[key_id] = chain_key(keys.chain_key(key_id))
        at = str(position).encode()
        number = str(version)
        if mac.digest(join((
            TAG_FIELD, prefix(len(at)), at,
            fields.get(originator_id) or fields.setdefault(originator_id, _field(originator_id)),
            fields.get(number) or fields.setdefault(number, _field(number)),
            fields.get(topic) or fields.setdefault(topic, _field(topic)),
            HASH_LENGTH, sha256(state).digest(), prefix(len(previous)), previous))) != stored:
            report.flag(position, "an event does not match its chain link: changed, moved, "
                                  "copied, or the event before it was deleted")
        previous = stored
        links += 1
        head_position, head = position, stored
    report.events += events
    report.walked += events
    report.links += links
    report.head_position, report.head = head_position, head
    report.versions = versions


def _walk_in_parts(log: EventLog, keys, report: Report, head: int, parts: int,
                   progress=None) -> None:
    """The chain walked as `parts` ranges of positions at once, one process each: every link
    is checked against the stored link before it, so a range needs only the last position and
    link before it. Then each record's first version in a range is checked against its last
    in the ranges before (the same first problem as one walk; a version moved across ranges
    may be counted once where one walk counts each row after it)."""
    walk = partial(_walk_part, log, keys)
    walked = in_parts(walk, walk, head, parts, progress)
    versions: dict[str, int] = {}
    for part in walked:
        for record, (position, version) in part.firsts.items():
            seen = versions.get(record, 0)
            if seen + 1 != version:
                report.flag(position, _moved(record, version, seen))
        for record, last in part.versions.items():
            versions[record] = max(last, versions.get(record, 0))
        report.problems += part.problems
        report.events += part.events
        report.walked += part.walked
        report.links += part.links
        if part.links:
            report.head_position, report.head = part.head_position, part.head
    report.problems.sort(key=lambda p: p.position)  # stable: a row's problems keep their order


def _walk_part(log: EventLog, keys, after: int, through: int, progress=None) -> Report:
    last_position, link_position, previous = log.before(after)
    part = Report(head_position=link_position, head=previous or GENESIS)
    rows = log.rows(after=after, through=through, linked=True)
    _walk(_told(rows, progress) if progress else rows, keys, part, previous or GENESIS,
          last_position, (lambda record: None) if after else None)
    return part


def _moved(record: str, version: int, seen: int) -> str:
    return f"aggregate {record} has version {version} after {seen}: events missing or moved"


STEP = 10_000


def _told(rows, progress):
    n = 0
    for n, row in enumerate(rows, 1):
        if n % STEP == 0:
            progress(STEP)
        yield row
    progress(n % STEP)


def _field(text: str) -> bytes:
    data = text.encode()
    return length_prefix(len(data)) + data


def _check_signature(text: str, keys, report: Report):
    try:
        cp = checkpoints.read(text, keys)
    except ValueError as e:  # a signature that does not match: the checkpoint was altered
        report.flag(0, f"checkpoint: {e}")
        return None
    report.checkpoints.append(f"position {cp.position}, {cp.count} events, {cp.time}")
    return cp


def _check_head(log: EventLog, cp, report: Report, counted: bool = True) -> None:
    """The checkpoint's head still in the chain with the same link and (when `counted`: a
    scan of the rows before it) the same count."""
    link_at = log.link_at(cp.position)
    if link_at is None:
        report.flag(cp.position, f"the checkpoint of {cp.time} names position {cp.position}, "
                                 "which is no longer in the chain: the log was cut")
        return
    if link_at != cp.head:
        report.flag(cp.position, f"the chain at position {cp.position} differs from the "
                                 f"checkpoint of {cp.time}: the log was rewritten")
    if not counted:
        return
    count = log.count(through=cp.position)
    if count != cp.count:
        report.flag(cp.position, f"{count} events up to position {cp.position}, but the "
                                 f"checkpoint of {cp.time} counted {cp.count}")
