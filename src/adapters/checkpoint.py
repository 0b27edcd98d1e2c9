"""Checkpoints: the tree head of a store's log at a size, signed by a custodian (ADR 0025), in
the C2SP tlog-checkpoint format (c2sp.org/tlog-checkpoint), so a witness or any tool that reads
signed notes can check one:

    lif-store/<the store's origin id>
    <tree size>
    <tree head, base64>
    time <when it was signed, UTC>

    \u2014 <custodian key name> <signature>
    \u2014 <witness key name> <cosignature>   (any number, added by `lif witness cosign`)

Who is trusted is never read from the store or the checkpoint: a trust file outside both
names the custodians' and witnesses' public keys (adapters.trust)."""

import base64
from dataclasses import dataclass, field
from datetime import datetime, timezone

from adapters.signed_note import Note, Signer
from lif_domain.errors import InvalidInput

ORIGIN = "lif-store/"


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    head: bytes
    time: str

    @property
    def body(self) -> str:
        return (f"{self.origin}\n{self.size}\n{base64.b64encode(self.head).decode()}\n"
                f"time {self.time}\n")


@dataclass(frozen=True)
class Signed:
    """A checkpoint with the trusted keys that signed it."""
    checkpoint: Checkpoint
    note: Note
    custodian: str
    witnesses: tuple[tuple[str, int], ...] = field(default=())  # (name, unix time)

    def describe(self) -> str:
        cosigned = "".join(f", cosigned by {name}" for name, _ in self.witnesses)
        return (f"{self.checkpoint.size} events at {self.checkpoint.time}, signed by "
                f"{self.custodian}{cosigned}")


class NotTrusted(InvalidInput):
    """Raised for a checkpoint no trusted custodian signed (cannot verify against it)."""


class Forged(ValueError):
    """Raised for a checkpoint whose trusted custodian's signature does not match its text:
    it was altered after signing."""


def origin(store_origin: str) -> str:
    return ORIGIN + store_origin


def make(store_origin: str, size: int, head: bytes, signer: Signer,
         now: datetime | None = None) -> str:
    now = now or datetime.now(timezone.utc)
    cp = Checkpoint(origin(store_origin), size, head,
                    now.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    return cp.body + "\n" + signer.sign(cp.body)


def parse(text: str) -> tuple[Checkpoint, Note]:
    note = Note.parse(text.replace("\r\n", "\n").strip("\n") + "\n")
    lines = note.text.splitlines()
    try:
        name, size, head, *extensions = lines
        times = [line[5:] for line in extensions if line.startswith("time ")]
        cp = Checkpoint(name, int(size), base64.b64decode(head, validate=True),
                        times[0] if times else "(no time)")
        if not name.startswith(ORIGIN) or cp.size < 0 or len(cp.head) != 32 or not size.isdigit():
            raise ValueError
    except ValueError:
        raise InvalidInput("not a LIF checkpoint (origin, size and tree head lines, then its "
                           "signatures)") from None
    return cp, note


def check(text: str, trust) -> Signed:
    """The checkpoint in `text` and who of `trust` signed it. NotTrusted when no trusted
    custodian's key signed it; Forged when one's signature is there but does not match."""
    cp, note = parse(text)
    custodian, named = None, False
    for key in trust.custodians:
        if any(s.name == key.name and s.key_id == key.key_id for s in note.signatures):
            named = True
            if note.signed_by(key) is not None:
                custodian = key.name
                break
    if custodian is None:
        if named:
            raise Forged(f"the checkpoint of {cp.time} does not match its custodian's "
                         "signature: it was altered after signing")
        signers = ", ".join(s.name for s in note.signatures)
        raise NotTrusted(f"the checkpoint of {cp.time} is signed by {signers}, not by a "
                         f"custodian in the trust file {trust.path}")
    witnesses = tuple((key.name, time) for key in trust.witnesses
                      if (time := note.signed_by(key)) is not None)
    return Signed(cp, note, custodian, witnesses)
