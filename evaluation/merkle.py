"""Merkle tree hashing of the vote ledger (RFC 6962 / RFC 9162 §2.1), with no Django import.

Anyone can check a receipt with this file alone (or a reimplementation of it):

    leaf_hash(record)  = SHA-256(0x00 || record)   record: the entry's canonical JSON, UTF-8
    node_hash(l, r)    = SHA-256(0x01 || l || r)
    root of n leaves   = leaf_hash(d0) if n == 1, SHA-256("") if n == 0, else
                         node_hash(root(d[0:k]), root(d[k:n])) with k the largest power of two < n

`verify_inclusion(leaf, index, size, proof, root)` takes the hex strings the API
returns for a receipt (`GET /api/v1/votes/{receipt}`) and the root of a published
checkpoint (`GET /api/v1/campaigns/{id}/ledger`), and says whether the entry is the
`index`-th of the `size` entries summarised by `root`.
"""

import hashlib


def leaf_hash(record: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + record).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n):
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def root_from_leaves(leaves: list[bytes]) -> bytes:
    """The Merkle tree hash of leaf hashes (already hashed with leaf_hash)."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    level = list(leaves)
    # Bottom-up, pairing left to right and carrying an odd last node up unchanged:
    # the same tree as the recursive definition above.
    while len(level) > 1:
        paired = [node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            paired.append(level[-1])
        level = paired
    return level[0]


def inclusion_proof(leaves: list[bytes], index: int) -> list[bytes]:
    """The audit path of leaf `index` in the tree of `leaves` (RFC 6962 §2.1.1 PATH)."""
    if not 0 <= index < len(leaves):
        raise IndexError(index)
    if len(leaves) == 1:
        return []
    k = _split(len(leaves))
    if index < k:
        return inclusion_proof(leaves[:k], index) + [root_from_leaves(leaves[k:])]
    return inclusion_proof(leaves[k:], index - k) + [root_from_leaves(leaves[:k])]


def verify_inclusion(leaf_hex: str, index: int, size: int, proof_hex: list[str], root_hex: str) -> bool:
    """True when `leaf_hex` is leaf `index` of the `size`-leaf tree with root `root_hex` (RFC 9162 §2.1.3.2)."""
    if not 0 <= index < size:
        return False
    try:
        node = bytes.fromhex(leaf_hex)
        path = [bytes.fromhex(p) for p in proof_hex]
        root = bytes.fromhex(root_hex)
    except ValueError:
        return False
    fn, sn = index, size - 1
    for sibling in path:
        if sn == 0:
            return False
        if fn % 2 == 1 or fn == sn:
            node = node_hash(sibling, node)
            if fn % 2 == 0:
                while fn % 2 == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            node = node_hash(node, sibling)
        fn >>= 1
        sn >>= 1
    return sn == 0 and node == root
