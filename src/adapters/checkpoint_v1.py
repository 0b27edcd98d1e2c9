"""Checkpoints of the HMAC chain's head (ADR 0008), as LIF signed them before ADR 0025 with the
store's own key: still read, so those filed in minutes keep being checked against the stores
they were made of. LIF no longer makes them (adapters.checkpoint)."""

import base64
from dataclasses import dataclass

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
