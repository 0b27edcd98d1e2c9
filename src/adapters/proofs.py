"""Consistency proofs between two checkpoints (RFC 9162 §2.1.4), as text: whoever holds two
checkpoints a custodian signed and the proof can check, without the store, that the later log
extends the earlier one (ADR 0025).

    lif consistency proof v1
    <earlier size>
    <later size>
    <one hash per line, base64>
"""

import base64

from adapters import checkpoint as checkpoints
from adapters.merkle import Tree, verify_consistency
from lif_domain.errors import InvalidInput

HEADER = "lif consistency proof v1"


class NotConsistent(InvalidInput):
    """Raised when a proof shows that a later log does not extend an earlier one."""


def proof_text(tree: Tree, old: int, new: int) -> str:
    lines = [HEADER, str(old), str(new)]
    lines += [base64.b64encode(h).decode() for h in tree.consistency(old, new)]
    return "\n".join(lines) + "\n"


def read_proof(text: str) -> tuple[int, int, list[bytes]]:
    lines = text.strip().splitlines()
    try:
        if lines[0] != HEADER:
            raise ValueError
        hashes = [base64.b64decode(line, validate=True) for line in lines[3:]]
        if any(len(h) != 32 for h in hashes):
            raise ValueError
        return int(lines[1]), int(lines[2]), hashes
    except (ValueError, IndexError):
        raise InvalidInput(f"not a LIF consistency proof (it starts '{HEADER}')") from None


def outcome(old_text: str, new_text: str, proof: str, trust) -> tuple[str, str]:
    """('extends', what was shown), ('rewritten', why: the proof fails, or a checkpoint was
    altered after signing) or ('cannot', why: not a trusted custodian's, or malformed)."""
    try:
        old, new = check(old_text, new_text, proof, trust)
    except (NotConsistent, checkpoints.Forged) as e:
        return "rewritten", str(e)
    except InvalidInput as e:
        return "cannot", str(e)
    return "extends", (f"The log of {new.describe()} extends the log of {old.describe()}.")


def check(old_text: str, new_text: str, proof: str, trust) -> tuple:
    """(earlier, later) signed checkpoints, once both are a trusted custodian's and the proof
    shows the later extends the earlier; NotConsistent when it does not."""
    old, new = checkpoints.check(old_text, trust), checkpoints.check(new_text, trust)
    a, b = old.checkpoint, new.checkpoint
    if a.origin != b.origin:
        raise InvalidInput(f"the checkpoints are of two logs ({a.origin}, {b.origin})")
    sizes = read_proof(proof)
    if sizes[:2] != (a.size, b.size):
        raise InvalidInput(f"the proof is from {sizes[0]} to {sizes[1]} events, not from "
                           f"{a.size} to {b.size}")
    if not verify_consistency(a.size, b.size, a.head, b.head, sizes[2]):
        raise NotConsistent(f"the log of {b.size} events at {b.time} does not extend the log "
                           f"of {a.size} at {a.time}: history was rewritten between them")
    return old, new
