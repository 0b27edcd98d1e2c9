"""The chain link's format is fixed: stores written by any LIF version must verify with any
later one (ADR 0008). The link is computed fast; this checks it against the documented form."""

import hashlib
import hmac

import pytest

from adapters.hmac_chain import GENESIS, TAG, link


def documented(key, position, originator_id, version, topic, state, previous):
    """HMAC-SHA256 over the length-prefixed fields, as ADR 0008 writes it."""
    fields = (TAG, str(position).encode(), originator_id.encode(), str(version).encode(),
              topic.encode(), hashlib.sha256(state).digest(), previous)
    return hmac.new(key, b"".join(len(f).to_bytes(4, "big") + f for f in fields),
                    "sha256").digest()


@pytest.mark.parametrize("fields", [
    (1, "0" * 32, 1, "lif_domain.board:Board.Initialised", b"{}", GENESIS),
    (123_456, "a1" * 16, 17, "lif_domain.case:Case.Notified", b'{"ref":"Child H"}' * 40,
     bytes(range(32))),
    (7, "", 0, "", b"", b""),  # empty fields still differ from absent ones: lengths are bound
])
def test_a_link_is_the_documented_hmac(fields):
    for key in (b"k" * 32, bytes.fromhex("00ff" * 16)):
        assert link(key, *fields) == documented(key, *fields)


def test_every_field_and_the_key_change_the_link():
    key, fields = b"k" * 32, [5, "ab" * 16, 2, "lif_domain.case:Case.Notified", b"{}", GENESIS]
    base = link(key, *fields)
    changed = [5 + 1, "ba" * 16, 3, "lif_domain.case:Case.Decided", b"{ }", b"\x01" * 32]
    for i, value in enumerate(changed):
        assert link(key, *fields[:i], value, *fields[i + 1:]) != base
    assert link(b"j" * 32, *fields) != base
