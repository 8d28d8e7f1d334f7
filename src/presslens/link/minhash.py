"""MinHash signatures of articles and LSH bands for finding near-copies, in numpy.

A document is the set of its word 5-grams (shingles; lowercased words, so
spacing, case and punctuation do not count). Each shingle is hashed with CRC32
(stable across processes and runs, unlike Python's ``hash``) and passed
through ``num_perm`` random multiply-add-shift hash functions (``(a·x + b)``
modulo 2⁶⁴, top 32 bits); the signature keeps the minimum of each. Two signatures agree at a position with
probability equal to the Jaccard similarity of the shingle sets.

Near-copies are found with banded LSH: the signature is cut into ``bands``
bands; documents that agree on a whole band are candidates, which are then
checked with the estimated Jaccard similarity.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence

import numpy as np

from presslens.link.words import normalise_words

__all__ = ["MinHasher", "jaccard_estimate"]

_SHIFT = np.uint64(32)


class MinHasher:
    """Signatures of ``num_perm`` 32-bit values over word ``shingle``-grams, cut into ``bands`` LSH bands."""

    def __init__(self, num_perm: int = 128, shingle: int = 5, bands: int = 32, seed: int = 20240601) -> None:
        if num_perm % bands:
            raise ValueError(f"num_perm ({num_perm}) must be a multiple of bands ({bands})")
        rng = np.random.default_rng(seed)
        self.num_perm, self.shingle, self.bands = num_perm, shingle, bands
        # Odd multipliers; the products wrap around modulo 2**64 on purpose.
        self._a = rng.integers(0, 2**63, size=(num_perm, 1), dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        self._b = rng.integers(0, 2**63, size=(num_perm, 1), dtype=np.uint64)

    def shingles(self, text: str) -> np.ndarray:
        """CRC32 hashes of the text's word n-grams (of all its words when it has fewer than n)."""
        words = normalise_words(text)
        n = min(self.shingle, len(words))
        if n == 0:
            return np.zeros(0, dtype=np.uint64)
        grams = {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}
        return np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint64, count=len(grams))

    def signature(self, text: str) -> np.ndarray:
        """The MinHash signature (``num_perm`` uint32 values); all ``0xFFFFFFFF`` for a text with no words."""
        hashes = self.shingles(text)
        if len(hashes) == 0:
            return np.full(self.num_perm, 0xFFFFFFFF, dtype=np.uint32)
        signature = np.full(self.num_perm, np.iinfo(np.uint64).max, dtype=np.uint64)
        # Chunks bound the temporary (num_perm x chunk) array for very long texts.
        for start in range(0, len(hashes), 4096):
            chunk = hashes[None, start:start + 4096]
            np.minimum(signature, ((self._a * chunk + self._b) >> _SHIFT).min(axis=1), out=signature)
        return signature.astype(np.uint32)

    def band_hashes(self, signature: np.ndarray) -> list[tuple[int, int]]:
        """``(band, hash)`` pairs: one signed 64-bit key per band (it fits an SQLite INTEGER)."""
        rows = self.num_perm // self.bands
        data = np.ascontiguousarray(signature, dtype=np.uint32)
        out = []
        for band in range(self.bands):
            digest = hashlib.blake2b(data[band * rows:(band + 1) * rows].tobytes(), digest_size=8).digest()
            out.append((band, int.from_bytes(digest, "little", signed=True)))
        return out


def jaccard_estimate(a: np.ndarray | bytes, b: np.ndarray | bytes) -> float:
    """The share of positions where two signatures agree (signatures as arrays or their bytes)."""
    x = np.frombuffer(a, dtype=np.uint32) if isinstance(a, bytes) else np.asarray(a)
    y = np.frombuffer(b, dtype=np.uint32) if isinstance(b, bytes) else np.asarray(b)
    if len(x) != len(y) or len(x) == 0:
        return 0.0
    return float(np.mean(x == y))


def signatures_matrix(signatures: Sequence[bytes]) -> np.ndarray:
    """Signatures stored as bytes, stacked into one array."""
    return np.stack([np.frombuffer(s, dtype=np.uint32) for s in signatures]) if signatures else np.zeros((0, 0))
