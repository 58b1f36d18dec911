#!/usr/bin/python3
"""merkle_ref.py - an independent RFC 6962 Merkle tree, for test_merkle.c.

Written straight from the definitions of RFC 6962 section 2.1: MTH, PATH
(2.1.1) and PROOF/SUBPROOF (2.1.2) as recursions over lists of leaves,
with nothing shared with src/merkle.c (which folds perfect subtrees
instead). The test asks; this answers; the two must agree.

Leaf i (0-based) is the bytes b"rapport leaf <i>". Reads one query a line
on stdin and prints one answer a line:
    root N       -> MTH of leaves 0..N-1, hex
    incl I N     -> PATH(I, D[N]), hex hashes joined by ",", "-" when empty
    cons M N     -> PROOF(M, D[N]), the same
Every proof printed is first checked with the RFC 9162 verifiers below,
which tests/cli/t0500-checkpoint.bats also imports to check rapport's proof
files from the outside.
"""
import functools
import hashlib
import sys


def H(b):
    return hashlib.sha256(b).digest()


def leaf(i):
    return b"rapport leaf %d" % i


def k_of(n):
    """The largest power of two smaller than n (n > 1)."""
    k = 1
    while k * 2 < n:
        k *= 2
    return k


@functools.lru_cache(maxsize=None)
def mth(lo, hi):
    """MTH(D[lo:hi])."""
    n = hi - lo
    if n == 0:
        return H(b"")
    if n == 1:
        return H(b"\x00" + leaf(lo))
    k = k_of(n)
    return H(b"\x01" + mth(lo, lo + k) + mth(lo + k, hi))


def path(m, lo, hi):
    """PATH(m, D[lo:hi]), m relative to lo."""
    n = hi - lo
    if n == 1:
        return []
    k = k_of(n)
    if m < k:
        return path(m, lo, lo + k) + [mth(lo + k, hi)]
    return path(m - k, lo + k, hi) + [mth(lo, lo + k)]


def subproof(m, lo, hi, b):
    n = hi - lo
    if m == n:
        return [] if b else [mth(lo, hi)]
    k = k_of(n)
    if m <= k:
        return subproof(m, lo, lo + k, b) + [mth(lo + k, hi)]
    return subproof(m - k, lo + k, hi, False) + [mth(lo, lo + k)]


def verify_inclusion(index, size, leaf_hash, proof, root):
    """RFC 9162 2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf_hash
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = H(b"\x01" + p + r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = H(b"\x01" + r + p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(first, second, proof, first_hash, second_hash):
    """RFC 9162 2.1.4.2, for 0 < first < second."""
    if not proof:
        return False
    if first & (first - 1) == 0:
        proof = [first_hash] + proof
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = H(b"\x01" + c + fr)
            sr = H(b"\x01" + c + sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = H(b"\x01" + sr + c)
        fn >>= 1
        sn >>= 1
    return fr == first_hash and sr == second_hash and sn == 0


def hexes(hs):
    return ",".join(h.hex() for h in hs) or "-"


def main():
    sys.setrecursionlimit(10000)
    for line in sys.stdin:
        q = line.split()
        if q[0] == "root":
            print(mth(0, int(q[1])).hex())
        elif q[0] == "incl":
            i, n = int(q[1]), int(q[2])
            p = path(i, 0, n)
            assert verify_inclusion(i, n, H(b"\x00" + leaf(i)), p, mth(0, n)), line
            print(hexes(p))
        elif q[0] == "cons":
            m, n = int(q[1]), int(q[2])
            p = subproof(m, 0, n, True)
            if m < n:
                assert verify_consistency(m, n, p, mth(0, m), mth(0, n)), line
            print(hexes(p))
        else:
            sys.exit("merkle_ref.py: unknown query " + line)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
