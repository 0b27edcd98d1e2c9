"""The Merkle tree of RFC 6962 (and RFC 9162 §2.1) over a log's leaves: tree heads, and the
inclusion and consistency proofs anyone can check with hashes alone (ADR 0025).

    leaf hash  = SHA-256(0x00 || leaf data)
    node hash  = SHA-256(0x01 || left || right)
    MTH(D[n])  = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k the largest power of 2 < n

A `Tree` keeps each level of complete subtrees as one bytes string (32 bytes a node), so a
tree of a million leaves is 64 MB and every head and proof of any size up to it is a few
lookups. A `Range` is the compact form of part of a tree (one hash per complete subtree):
enough to go on adding leaves, to join the parts of a log hashed at once, and to give the
head, without the leaves."""

import hashlib

EMPTY = hashlib.sha256(b"").digest()  # the head of the empty tree
SIZE = 32
_LEAF = hashlib.sha256(b"\x00")
_NODE = hashlib.sha256(b"\x01")


def leaf_hash(data: bytes) -> bytes:
    h = _LEAF.copy()
    h.update(data)
    return h.digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    h = _NODE.copy()
    h.update(left)
    h.update(right)
    return h.digest()


def _split(n: int) -> int:
    """The largest power of two smaller than n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


class Tree:
    def __init__(self, leaves: bytes, begin: int = 0):
        """`leaves`: the leaf hashes, 32 bytes each, joined in log order, of leaves `begin`
        on (a part of a log, hashed apart from the rest: `range` gives what joins it)."""
        if len(leaves) % SIZE:
            raise ValueError("leaf hashes are 32 bytes each")
        self.begin, self.end = begin, begin + len(leaves) // SIZE
        self.size = self.end - begin
        # levels[d]: the complete subtrees of 2**d leaves inside [begin, end), by index from
        # firsts[d] (a node at level d, index i, covers leaves i * 2**d to (i + 1) * 2**d).
        self.levels, self.firsts = [bytes(leaves)], [begin]
        level, first, depth = self.levels[0], begin, 0
        while True:
            up = -(-self.begin // (2 << depth))  # the first whole node one level up
            skip = (2 * up - first) * SIZE  # its left child's offset in this level
            count = (self.end >> (depth + 1)) - up
            if count <= 0:
                break
            view, node = memoryview(level), _NODE.copy
            parts = []
            for at in range(skip, skip + count * 2 * SIZE, 2 * SIZE):
                h = node()
                h.update(view[at:at + 2 * SIZE])
                parts.append(h.digest())
            level, first, depth = b"".join(parts), up, depth + 1
            self.levels.append(level)
            self.firsts.append(first)

    def _node(self, depth: int, index: int) -> bytes:
        at = (index - self.firsts[depth]) * SIZE
        return self.levels[depth][at:at + SIZE]

    def range(self, end: int | None = None) -> "Range":
        """The compact range of leaves [begin, end)."""
        end = self.end if end is None else end
        if not self.begin <= end <= self.end:
            raise ValueError(f"leaves {self.begin} to {self.end}, not to {end}")
        nodes, lo = [], self.begin
        while lo < end:
            depth = (lo & -lo).bit_length() - 1 if lo else (end - lo).bit_length() - 1
            while lo + (1 << depth) > end:
                depth -= 1
            nodes.append((depth, lo >> depth, self._node(depth, lo >> depth)))
            lo += 1 << depth
        return Range(self.begin, end, nodes)

    def leaf(self, index: int) -> bytes:
        return self._node(0, index)

    def head(self, size: int | None = None) -> bytes:
        """The tree head of the first `size` leaves (all of them by default; a tree from leaf
        0 only)."""
        size = self.size if size is None else size
        if self.begin or not 0 <= size <= self.size:
            raise ValueError(f"the tree has {self.size} leaves, not {size}")
        return self._hash(0, size) if size else EMPTY

    def _hash(self, lo: int, hi: int) -> bytes:
        n = hi - lo
        if n & (n - 1) == 0 and lo % n == 0:  # a complete subtree: stored
            depth = n.bit_length() - 1
            return self._node(depth, lo >> depth)
        k = _split(n)
        return node_hash(self._hash(lo, lo + k), self._hash(lo + k, hi))

    def inclusion(self, index: int, size: int | None = None) -> list[bytes]:
        """The audit path of leaf `index` in the tree of the first `size` leaves (RFC 6962
        §2.1.1)."""
        size = self.size if size is None else size
        if not 0 <= index < size <= self.size:
            raise ValueError(f"no leaf {index} in a tree of {size}")
        path, lo, hi = [], 0, size
        while hi - lo > 1:
            k = _split(hi - lo)
            if index < lo + k:
                path.append(self._hash(lo + k, hi))
                hi = lo + k
            else:
                path.append(self._hash(lo, lo + k))
                lo += k
        return path[::-1]

    def consistency(self, old: int, new: int | None = None) -> list[bytes]:
        """The proof that the tree of `new` leaves extends the tree of `old` (RFC 6962
        §2.1.2)."""
        new = self.size if new is None else new
        if not 0 < old <= new <= self.size:
            raise ValueError(f"no proof from {old} to {new} leaves in a tree of {self.size}")
        proof, lo, hi, whole = [], 0, new, True
        while old != hi:
            k = _split(hi - lo)
            if old - lo <= k:
                proof.append(self._hash(lo + k, hi))
                hi = lo + k
            else:
                proof.append(self._hash(lo, lo + k))
                lo += k
                whole = False
        if not whole:
            proof.append(self._hash(lo, hi))
        return proof[::-1]


def verify_inclusion(index: int, size: int, leaf: bytes, path: list[bytes],
                     head: bytes) -> bool:
    """RFC 9162 §2.1.3.2: leaf `index` with hash `leaf` is in the tree of `size` with `head`."""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == head


def verify_consistency(old: int, new: int, old_head: bytes, new_head: bytes,
                       proof: list[bytes]) -> bool:
    """RFC 9162 §2.1.4.2: the tree of `new` leaves with `new_head` extends the tree of `old`
    leaves with `old_head`."""
    if not 0 < old <= new:
        return False
    if old == new:
        return not proof and old_head == new_head
    if old & (old - 1) == 0:
        proof = [old_head, *proof]
    if not proof:
        return False
    fn, sn = old - 1, new - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == old_head and sr == new_head


class Range:
    """A compact range (RFC 9162's verification uses the same idea): the complete subtrees
    that cover leaves [begin, end) of a tree, left to right, as (level, index, hash). From
    leaf 0 it is a tree's right edge, log2(size) hashes, enough to give the head and to go on
    adding leaves; ranges cut at any leaf join again (`extend`), so parts of a log hashed at
    once give the head of the whole."""

    def __init__(self, begin: int = 0, end: int | None = None, nodes=()):
        self.begin, self.end = begin, begin if end is None else end
        self.nodes = list(nodes)

    def copy(self) -> "Range":
        return Range(self.begin, self.end, self.nodes)

    def add(self, leaf: bytes) -> None:
        self._push(0, self.end, leaf)
        self.end += 1

    def _push(self, level: int, index: int, hash_: bytes) -> None:
        nodes = self.nodes
        while index & 1 and nodes and nodes[-1][0] == level and nodes[-1][1] == index - 1:
            hash_ = node_hash(nodes.pop()[2], hash_)
            index >>= 1
            level += 1
        nodes.append((level, index, hash_))

    def extend(self, other: "Range") -> None:
        """Join the range that follows this one."""
        if other.begin != self.end:
            raise ValueError(f"a range from {other.begin} cannot follow one to {self.end}")
        for level, index, hash_ in other.nodes:
            self._push(level, index, hash_)
        self.end = other.end

    def head(self) -> bytes:
        """The tree head of leaves [0, end) (a range from leaf 0 only)."""
        if self.begin:
            raise ValueError("only a range from the first leaf has a tree head")
        if not self.nodes:
            return EMPTY
        r = self.nodes[-1][2]
        for _, _, h in reversed(self.nodes[:-1]):
            r = node_hash(h, r)
        return r
