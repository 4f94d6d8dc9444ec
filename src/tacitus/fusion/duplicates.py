"""Near-duplicate articles: wire copies, re-publications and updates of one story.

Each article's cleaned text becomes a set of word 5-gram shingles; a datasketch ``MinHash``
(128 permutations, fixed seed) summarises it; locality-sensitive hashing over 32 bands of 4
rows proposes candidate pairs (a pair with Jaccard 0.5 shares a band with probability 0.87,
one with 0.2 with 0.05), and a candidate is a duplicate when the signatures' estimated
Jaccard is at least ``DUPLICATE_JACCARD``. Groups are the connected components of
duplicate pairs, so they do not depend on the order articles come in.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from urllib.parse import urlsplit

import numpy as np
from datasketch import MinHash

from tacitus.fusion.unionfind import UnionFind
from tacitus.model import DuplicateGroup

NUM_PERM = 128
BANDS, ROWS = 32, 4
SHINGLE_WORDS = 5
DUPLICATE_JACCARD = 0.5
_SEED = 1
_WORD = re.compile(r"\w+")
_ARCHIVED = re.compile(r"^https?://web\.archive\.org/web/[^/]+/(.+)$")


def shingles(text: str) -> list[bytes]:
    """Lower-cased word 5-grams (a text shorter than that: the whole text)."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return [" ".join(words).encode("utf-8")] if words else []
    return [
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(len(words) - SHINGLE_WORDS + 1)
    ]


def signature(text: str) -> np.ndarray:
    """The MinHash signature of a text: NUM_PERM unsigned 64-bit values."""
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED)
    pieces = shingles(text)
    if pieces:
        minhash.update_batch(pieces)
    return np.asarray(minhash.hashvalues, dtype=np.uint64)


def band_keys(sig: np.ndarray) -> list[int]:
    """One key per band (a signed 64-bit integer, as DuckDB's BIGINT stores it)."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "big")).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def outlet(source: str | None, url: str | None) -> str | None:
    """The outlet an article comes from: its ``source``, else its URL's host (no "www.")."""
    if source and source.strip():
        return source.strip().lower()
    if url:
        if m := _ARCHIVED.match(url):  # a Wayback Machine copy: the outlet archived
            url = m.group(1)
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.") or None
    return None


class DuplicateIndex:
    """Articles added one by one (or in batches); groups of near-duplicates on demand."""

    def __init__(self) -> None:
        self._signatures: dict[str, np.ndarray] = {}
        self._outlets: dict[str, str | None] = {}
        self._bands: dict[tuple[int, int], list[str]] = defaultdict(list)
        self._groups = UnionFind()

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, article_id: str, text: str, outlet_: str | None = None) -> list[str]:
        """Index one article; returns the already indexed articles it duplicates, sorted."""
        return self.add_signature(article_id, signature(text), outlet_)

    def add_signature(self, article_id: str, sig: np.ndarray, outlet_: str | None) -> list[str]:
        if article_id in self._signatures:
            raise ValueError(f"article {article_id!r} is already indexed")
        self._signatures[article_id] = sig
        self._outlets[article_id] = outlet_
        self._groups.add(article_id)
        candidates: set[str] = set()
        for band, key in enumerate(band_keys(sig)):
            bucket = self._bands[(band, key)]
            candidates.update(bucket)
            bucket.append(article_id)
        found = sorted(
            c for c in candidates if similarity(sig, self._signatures[c]) >= DUPLICATE_JACCARD
        )
        for other in found:
            self._groups.union(article_id, other)
        return found

    def group_of(self, article_id: str) -> str:
        """The group key of an article: the smallest id among its duplicates (itself alone)."""
        return self._groups.find(article_id)

    def groups(self) -> list[DuplicateGroup]:
        """Groups of two or more articles, by id."""
        members = self._groups.components()
        out = []
        for ids in members:
            if len(ids) < 2:
                continue
            sources = sorted({o for i in ids if (o := self._outlets[i]) is not None})
            out.append(DuplicateGroup(id=group_id(ids), article_ids=ids, sources=sources))
        return sorted(out, key=lambda g: g.article_ids[0])


def group_id(article_ids: Sequence[str]) -> str:
    return "dup:" + hashlib.sha1(min(article_ids).encode("utf-8")).hexdigest()[:20]
