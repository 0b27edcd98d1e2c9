"""Signed checkpoints of the chain's head (Ed25519), to print in board minutes or keep where
the database administrator cannot change them: a chain cannot see its own tail cut off, a
checkpoint can (ADR 0008). The text follows the shape of a C2SP signed note: a body of lines,
a blank line, and a signature line."""

import base64
from dataclasses import dataclass
from datetime import datetime, timezone

from adapters.keys import KeyMissing
from lif_domain.errors import InvalidInput

HEADER = "LIF checkpoint v1"


@dataclass(frozen=True)
class Checkpoint:
    origin: str  # the store's key id when first made: names the store
    count: int  # events at or before `position`
    position: int
    head: bytes  # the chain link at `position`
    time: str
    key_id: str

    def body(self) -> str:
        return (f"{HEADER}\norigin {self.origin}\nsize {self.count}\nposition {self.position}\n"
                f"head {base64.b64encode(self.head).decode()}\ntime {self.time}\n"
                f"key {self.key_id}\n")


def make(origin: str, count: int, position: int, head: bytes, key_id: str, keys) -> str:
    checkpoint = Checkpoint(origin, count, position, head,
                            datetime.now(timezone.utc).isoformat(timespec="seconds"), key_id)
    body = checkpoint.body()
    signature = keys.signing_key(key_id).sign(body.encode())
    return f"{body}\n\u2014 lif-{key_id} {base64.b64encode(signature).decode()}\n"


def read(text: str, keys) -> Checkpoint:
    """Parse and check the signature; InvalidInput if malformed, KeyMissing if no key, and
    ValueError if the signature does not match."""
    from cryptography.exceptions import InvalidSignature

    body, _, signature_line = text.partition("\n\n")
    fields = dict(line.split(" ", 1) for line in body.splitlines()[1:] if " " in line)
    if not body.startswith(HEADER) or not signature_line.startswith("\u2014 lif-"):
        raise InvalidInput("not a LIF checkpoint")
    try:
        checkpoint = Checkpoint(fields["origin"], int(fields["size"]), int(fields["position"]),
                                base64.b64decode(fields["head"]), fields["time"], fields["key"])
        signature = base64.b64decode(signature_line.split()[2])
    except (KeyError, ValueError, IndexError):
        raise InvalidInput("a LIF checkpoint with missing or malformed lines") from None
    if checkpoint.body() != body + "\n":
        raise InvalidInput("a LIF checkpoint whose lines are out of order")
    try:
        keys.public_key(checkpoint.key_id).verify(signature, body.encode() + b"\n")
    except InvalidSignature:
        raise ValueError("the checkpoint's signature does not match its text") from None
    except KeyMissing:
        raise
    return checkpoint
