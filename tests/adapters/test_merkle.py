"""The RFC 6962 Merkle tree: heads, inclusion and consistency proofs, and compact ranges
joined from parts, against the published test vectors and a direct reading of the RFC."""

import hashlib

from hypothesis import given, settings, strategies as st

from adapters.merkle import EMPTY, Range, Tree, leaf_hash, node_hash, verify_consistency, \
    verify_inclusion

# The test vectors of RFC 6962's reference implementations (certificate-transparency-go,
# Trillian): eight leaves and the tree head at every size.
LEAVES = [b"", b"\x00", b"\x10", b"\x20\x21", b"\x30\x31", b"\x40\x41\x42\x43",
          bytes(range(0x50, 0x58)), bytes(range(0x60, 0x70))]
HEADS = ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
         "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
         "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
         "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
         "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
         "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
         "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
         "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"]
CONSISTENCY_1_8 = ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                   "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                   "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]


def tree_of(n: int) -> tuple[Tree, list[bytes]]:
    leaves = [leaf_hash(i.to_bytes(4, "big")) for i in range(n)]
    return Tree(b"".join(leaves)), leaves


def reference_head(leaves: list[bytes]) -> bytes:
    """MTH exactly as RFC 6962 §2.1 defines it."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return node_hash(reference_head(leaves[:k]), reference_head(leaves[k:]))


def test_the_published_vectors():
    tree = Tree(b"".join(leaf_hash(d) for d in LEAVES))
    assert [tree.head(m).hex() for m in range(1, 9)] == HEADS
    assert tree.head(0) == EMPTY == hashlib.sha256(b"").digest()
    assert [p.hex() for p in tree.consistency(1, 8)] == CONSISTENCY_1_8


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 300), st.data())
def test_heads_and_proofs_agree_with_the_rfc(n, data):
    tree, leaves = tree_of(n)
    m = data.draw(st.integers(1, n))
    index = data.draw(st.integers(0, m - 1))
    assert tree.head(m) == reference_head(leaves[:m]) == tree.range(m).head()
    path = tree.inclusion(index, m)
    assert verify_inclusion(index, m, leaves[index], path, tree.head(m))
    assert not verify_inclusion(index, m, leaf_hash(b"forged"), path, tree.head(m))
    proof = tree.consistency(m, n)
    assert verify_consistency(m, n, tree.head(m), tree.head(n), proof)
    if m < n:  # a rewritten later tree, or a rewritten earlier one, is not consistent
        assert not verify_consistency(m, n, tree.head(m), leaf_hash(b"other"), proof)
        assert not verify_consistency(m, n, leaf_hash(b"other"), tree.head(n), proof)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 300), st.lists(st.integers(1, 299), max_size=5))
def test_ranges_hashed_in_parts_join_into_the_head_of_the_whole(n, cuts):
    tree, leaves = tree_of(n)
    bounds = sorted({0, n, *(c for c in cuts if c < n)})
    parts = []
    for lo, hi in zip(bounds, bounds[1:]):
        part = Range(lo)
        for leaf in leaves[lo:hi]:
            part.add(leaf)
        parts.append(part)
    whole = parts[0]
    for part in parts[1:]:
        whole.extend(part)
    assert whole.end == n and whole.head() == tree.head()
    hashed = Tree(b"".join(leaves[:bounds[1]])).range()  # the same parts, each hashed whole
    for lo, hi in zip(bounds[1:], bounds[2:]):
        part = Tree(b"".join(leaves[lo:hi]), lo)
        assert part.range().nodes == parts[bounds.index(lo)].nodes
        hashed.extend(part.range())
    assert hashed.head() == tree.head()
