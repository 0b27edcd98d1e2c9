"""Recompute a store's Merkle tree from the exact stored bytes and check it against every
checkpoint a trusted custodian signed (ADR 0025); report every problem with its position.

Checked, in position order: each event's leaf hash against the one stored in its row (to
show where an edit was made when only the event was changed); positions without a gap (a gap
is a deleted event) where the store's positions have none (SQLite's; PostgreSQL's have gaps,
and there a deletion shows against the checkpoints and the records' versions); versions 1..n
contiguous per record; the HMAC links of rows written before ADR 0025, where their chain key
is at hand (ADR 0008). Then each checkpoint: its custodian's signature (keys from the trust
file only), that the log still has its events, and that the tree of its first `size` events
has its head, which fails for any event changed, removed, reordered or inserted before it,
whatever the store's own hashes say. Last, SQLite's check of the file. A large log is walked in parts at once, one process per processor (ADR 0021); the
parts' compact ranges join into the tree of the whole (adapters.merkle.Range)."""

import hashlib
import json
from dataclasses import dataclass, field, replace
from functools import partial

from adapters import checkpoint as tree_checkpoint, checkpoint_v1
from adapters.chain import HASH_LENGTH, TAG_FIELD, field as _field, length_prefix
from adapters.event_log import EventLog
from adapters.hmac_chain import GENESIS, TAG_FIELD as HMAC_TAG, chain_key
from adapters.in_parts import how_many, in_parts
from adapters.keys import KeyMissing, is_key_id
from adapters.merkle import Range, Tree, leaf_hash
from lif_domain.errors import InvalidInput


@dataclass(frozen=True)
class Problem:
    position: int
    message: str


@dataclass
class Report:
    events: int = 0
    head_position: int = 0
    tree: Range = field(default_factory=Range)
    problems: list[Problem] = field(default_factory=list)
    checkpoints: list[str] = field(default_factory=list)  # what each trusted one said
    latest: tree_checkpoint.Signed | None = None  # the largest trusted checkpoint
    hmac_checked: int = 0  # links of rows before ADR 0025 checked with their key
    hmac_unchecked: int = 0  # ... and not checked (no key here; the tree covers them)
    verified_in_full: str | None = None  # a walk from a mark: when the mark's checkpoint was
    walked: int = 0  # the events this verification read
    # Compact ranges (and positions) at the sizes of the checkpoints checked.
    at_sizes: dict = field(default_factory=dict, repr=False)
    # A walk of part of the log: each record's first (position, version) in it, when what came
    # before is not known (`_walk_in_parts` joins them), and each record's last version.
    firsts: dict = field(default_factory=dict, repr=False)
    versions: dict = field(default_factory=dict, repr=False)
    previous: bytes = GENESIS  # the last HMAC link walked
    leaves_seen: bool = False  # a row with a leaf hash walked (HMAC rows come only before)

    def flag(self, position: int, message: str) -> None:
        self.problems.append(Problem(position, message))

    @property
    def head(self) -> bytes:
        return self.tree.head()

    @property
    def first(self) -> Problem | None:
        return min(self.problems, key=lambda p: p.position) if self.problems else None

    def mark(self, size: int) -> str:
        """The compact range at `size` (a trusted checkpoint's), from which `verify_since`
        carries on (ADR 0020, as ADR 0025 revises it)."""
        tree, position = self.at_sizes[size]
        return json.dumps({"size": size, "position": position,
                           "nodes": [[lv, i, h.hex()] for lv, i, h in tree.nodes]})


def trusted(texts, trust, store_origin: str, report: Report):
    """The checkpoints of `texts` that a custodian of `trust` signed, largest last, and the
    legacy (ADR 0008) ones apart. A checkpoint altered after signing is flagged; one that no
    trusted key signed, or of another store, raises InvalidInput: it cannot be verified."""
    signed: dict = {}  # checkpoint -> Signed, its witnesses joined over copies of it
    legacy = []
    for text in texts:
        if text.startswith(checkpoint_v1.HEADER):
            legacy.append(text)
            continue
        try:
            cp = tree_checkpoint.check(text, trust)
        except tree_checkpoint.Forged as e:
            report.flag(0, f"checkpoint: {e}")
            continue
        if cp.checkpoint.origin != tree_checkpoint.origin(store_origin):
            raise InvalidInput(f"the checkpoint of {cp.checkpoint.time} is of "
                               f"{cp.checkpoint.origin}, not of this store "
                               f"({tree_checkpoint.origin(store_origin)})")
        seen = signed.get(cp.checkpoint)
        if seen is not None:
            cp = replace(cp, witnesses=tuple(dict.fromkeys(seen.witnesses + cp.witnesses)))
        signed[cp.checkpoint] = cp
    return sorted(signed.values(), key=lambda s: s.checkpoint.size), legacy


def verify(log: EventLog, trust, checkpoint_texts=(), keys=None, progress=None,
           parts: int | None = None) -> Report:
    """`keys`: the key folder of HMAC chain keys and v1 checkpoint keys (ADR 0008), for stores
    written before ADR 0025; None checks no HMAC link. `progress(n)` is told of each `STEP`
    events walked. Raises InvalidInput when a checkpoint cannot be verified."""
    report = Report()
    signed, legacy = trusted(checkpoint_texts, trust, log.meta().get("origin", ""), report)
    sizes = frozenset(s.checkpoint.size for s in signed)
    head = log.head()
    parts = how_many(head, parts)
    if parts > 1:
        _walk_in_parts(log, keys, report, head, parts, sizes, progress)
    else:
        rows = log.rows(linked=True)
        _walk(_told(rows, progress) if progress else rows, keys, report, sizes,
              gaps=log.gaps)
    _check_checkpoints(report, signed)
    for text in legacy:
        _check_legacy(log, keys, text, report)
    damage = log.damage()
    if damage:  # the file itself is damaged, whatever the tree says
        report.flag(0, f"the database file is damaged: {'; '.join(damage[:3])}")
    return report


def verify_since(log: EventLog, trust, checkpoint_texts, mark: str, keys=None) -> Report | None:
    """The log checked from `mark`, the compact range a full verification left at the size of
    a trusted checkpoint: the range is trusted only if its head is that checkpoint's, so the
    first `size` events are as the custodian signed them unless their rows were changed since
    the full walk (which the next full `lif verify` reads again, ADR 0020). Then each event
    after it, and every later checkpoint. None (verify in full) when the mark does not hold."""
    report = Report()
    try:
        signed, _ = trusted(checkpoint_texts, trust, log.meta().get("origin", ""), report)
        data = json.loads(mark)
        size, position = int(data["size"]), int(data["position"])
        tree = Range(0, size, [(int(lv), int(i), bytes.fromhex(h)) for lv, i, h in data["nodes"]])
        anchor = next(s for s in signed if s.checkpoint.size == size)
        if report.problems or tree.head() != anchor.checkpoint.head:
            return None
    except (ValueError, KeyError, TypeError, StopIteration, InvalidInput):
        return None
    report.tree, report.events, report.head_position = tree, size, position
    report.verified_in_full, report.leaves_seen = anchor.checkpoint.time, True
    report.at_sizes[size] = (tree.copy(), position)
    later = [s for s in signed if s.checkpoint.size >= size]
    _walk(log.rows(after=position, linked=True), keys, report,
          frozenset(s.checkpoint.size for s in later), position,
          lambda record: log.version_through(record, position), log.gaps)
    _check_checkpoints(report, later)
    return report


def _walk(rows, keys, report: Report, sizes=frozenset(), last_position: int = 0,
          version_before=None, gaps: bool = False) -> None:
    """Check each row and add its leaf to `report.tree`. This loop is what `lif verify`
    costs: the fields' encodings are kept from row to row (a store has few topics and record
    ids repeat). `version_before(id)` gives a record's version before the first row walked
    (for a walk that starts part way), or None when it is not known (a part of
    `_walk_in_parts`). `gaps`: the store's positions may skip numbers (PostgreSQL's)."""
    sha256, prefix, join, leaf_of = hashlib.sha256, length_prefix, b"".join, leaf_hash
    fields: dict = {}  # str -> its length prefix and bytes, for ids, topics and versions
    versions: dict[str, int] = {}
    macs: dict = {}
    leaves: list[bytes] = []
    hit: dict[int, int] = {}  # a checkpoint's size reached: the position of its last leaf
    before, previous = report.tree.end, report.previous
    events = 0
    head_position = report.head_position
    for position, originator_id, version, topic, state, key_id, stored, keyed_by in rows:
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
        if position != last_position + 1 and not gaps:
            missing = f"{last_position + 1}" + (f" to {position - 1}"
                                                if position - 1 > last_position + 1 else "")
            report.flag(last_position + 1, f"position {missing} is missing: an event was "
                                           "deleted")
        last_position = head_position = position
        seen = versions.get(originator_id)
        if seen is None:
            seen = version_before(originator_id) if version_before else 0
            if seen is None:  # not known in this part of the log: checked when parts join
                report.firsts[originator_id] = (position, version)
                seen = version - 1
        if seen + 1 != version:
            report.flag(position, _moved(originator_id, version, seen))
        versions[originator_id] = version if version > seen else seen
        number = str(version)
        id_field = fields.get(originator_id) or fields.setdefault(originator_id,
                                                                  _field(originator_id))
        version_field = fields.get(number) or fields.setdefault(number, _field(number))
        topic_field = fields.get(topic) or fields.setdefault(topic, _field(topic))
        state_hash = sha256(state).digest()
        if keyed_by.__class__ is not str:
            keyed_by = "" if keyed_by is None else str(keyed_by)
        by_field = fields.get(keyed_by) or fields.setdefault(keyed_by, _field(keyed_by))
        leaf = leaf_of(join((TAG_FIELD, id_field, version_field, topic_field, HASH_LENGTH,
                             state_hash, by_field)))
        if key_id is None:
            report.leaves_seen = True
            if stored != leaf:
                report.flag(position, "an event does not match the leaf hash in its row: it "
                                      "was changed outside LIF")
        elif report.leaves_seen:
            report.flag(position, "an event has an HMAC link after events with leaf hashes: "
                                  "its row was edited outside LIF")
        else:
            mac = macs.get(key_id)
            if mac is None and keys is not None and is_key_id(key_id):
                try:
                    mac = macs[key_id] = chain_key(keys.chain_key(key_id))
                except KeyMissing:
                    mac = macs[key_id] = False
            if not is_key_id(key_id):
                report.flag(position, "an event names a key that is not a key id: its key id "
                                      "was edited outside LIF")
            elif mac:
                at = str(position).encode()
                if mac.digest(join((HMAC_TAG, prefix(len(at)), at, id_field, version_field,
                                    topic_field, HASH_LENGTH, state_hash, prefix(len(previous)),
                                    previous))) != stored:
                    report.flag(position, "an event does not match its chain link (ADR 0008): "
                                          "changed, moved, copied, or the event before it was "
                                          "deleted")
                report.hmac_checked += 1
            else:
                report.hmac_unchecked += 1
            previous = stored if isinstance(stored, bytes) else GENESIS
        leaves.append(leaf)
        if before + events in sizes:
            hit[before + events] = position
    # The walk's leaves hashed level by level (adapters.merkle.Tree: a loop in C per level,
    # where adding them one by one was a third of the walk), joined to the tree before them.
    walked = Tree(join(leaves), before)
    for size, position in hit.items():
        prefix_tree = report.tree.copy()
        prefix_tree.extend(walked.range(size))
        report.at_sizes[size] = (prefix_tree, position)
    report.tree.extend(walked.range())
    report.events += events
    report.walked += events
    report.head_position, report.previous = head_position, previous
    report.versions = versions


def _walk_in_parts(log: EventLog, keys, report: Report, head: int, parts: int, sizes,
                   progress=None) -> None:
    """The log walked as `parts` ranges of positions at once, one process each. Each part's
    leaves make a compact range from its first leaf, which joins the ranges before it; each
    record's first version in a part is checked against its last in the parts before (the same
    problems as one walk; a version moved across parts may be counted once where one walk
    counts each row after it)."""
    walk = partial(_walk_part, log, keys, sizes)
    walked = in_parts(walk, walk, head, parts, progress)
    versions: dict[str, int] = {}
    tree = Range()
    for part in walked:
        for record, (position, version) in part.firsts.items():
            seen = versions.get(record, 0)
            if seen + 1 != version:
                report.flag(position, _moved(record, version, seen))
        for record, last in part.versions.items():
            versions[record] = max(last, versions.get(record, 0))
        for size, (snapshot, position) in part.at_sizes.items():
            whole = tree.copy()
            whole.extend(snapshot)
            report.at_sizes[size] = (whole, position)
        tree.extend(part.tree)
        report.problems += part.problems
        report.events += part.events
        report.walked += part.walked
        report.hmac_checked += part.hmac_checked
        report.hmac_unchecked += part.hmac_unchecked
        if part.events:
            report.head_position = part.head_position
    report.tree = tree
    report.problems.sort(key=lambda p: p.position)  # stable: a row's problems keep their order


def _walk_part(log: EventLog, keys, sizes, after: int, through: int, progress=None) -> Report:
    last_position, leaves_before, previous, leaves_seen = log.before(after)
    part = Report(head_position=last_position, tree=Range(leaves_before),
                  previous=previous or GENESIS, leaves_seen=leaves_seen)
    rows = log.rows(after=after, through=through, linked=True)
    _walk(_told(rows, progress) if progress else rows, keys, part, sizes, last_position,
          (lambda record: None) if after else None, log.gaps)
    return part


def _check_checkpoints(report: Report, signed) -> None:
    """Each trusted checkpoint against the tree walked: its events all there, and the head of
    its first `size` leaves the head it signed."""
    for s in signed:
        cp = s.checkpoint
        if cp.size > report.tree.end:
            report.flag(report.head_position + 1,
                        f"the log has {report.tree.end} events, but the checkpoint of "
                        f"{cp.time} signed by {s.custodian} has {cp.size}: events were "
                        "removed from its end (the log was cut)")
            continue
        tree, position = report.at_sizes.get(cp.size, (Range(), 0))
        if tree.head() != cp.head:
            report.flag(position, f"the first {cp.size} events differ from the checkpoint of "
                                  f"{cp.time} signed by {s.custodian}: an event up to position "
                                  f"{position} was changed, removed, reordered or inserted")
            continue
        report.checkpoints.append(s.describe())
        report.latest = s


def _check_legacy(log: EventLog, keys, text: str, report: Report) -> None:
    """A checkpoint of the HMAC chain (ADR 0008): its signature with the store's old key, and
    its head still in the chain with the same link and count."""
    if keys is None:
        raise KeyMissing("a checkpoint made before ADR 0025 needs the key folder it was signed "
                         "with (LIF_KEY_DIR)")
    try:
        cp = checkpoint_v1.read(text, keys)
    except ValueError as e:
        report.flag(0, f"checkpoint: {e}")
        return
    if log.link_at(cp.position) != cp.head:
        report.flag(cp.position, f"the chain at position {cp.position} differs from the "
                                 f"checkpoint of {cp.time}, or it is no longer there: the log "
                                 "was rewritten or cut")
    elif log.count(through=cp.position) != cp.count:
        report.flag(cp.position, f"{log.count(through=cp.position)} events up to position "
                                 f"{cp.position}, but the checkpoint of {cp.time} counted "
                                 f"{cp.count}")
    else:
        report.checkpoints.append(f"{cp.count} events at {cp.time}, signed with the store's key "
                                  f"{cp.key_id} (before ADR 0025)")


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
