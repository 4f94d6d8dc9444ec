"""Disjoint sets of ids whose representative is the smallest member: the same whatever the
order of the unions, so groups and their keys are deterministic."""

from __future__ import annotations

from collections import defaultdict


class UnionFind:
    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def __contains__(self, item: str) -> bool:
        return item in self._parent

    def add(self, item: str) -> None:
        self._parent.setdefault(item, item)

    def find(self, item: str) -> str:
        parent = self._parent
        root = item
        while parent[root] != root:
            root = parent[root]
        while parent[item] != root:  # path compression
            parent[item], item = root, parent[item]
        return root

    def union(self, a: str, b: str) -> str:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        low, high = (ra, rb) if ra < rb else (rb, ra)
        self._parent[high] = low
        return low

    def components(self) -> list[list[str]]:
        """Every set, its members sorted, the sets by smallest member."""
        sets: dict[str, list[str]] = defaultdict(list)
        for item in self._parent:
            sets[self.find(item)].append(item)
        return sorted((sorted(m) for m in sets.values()), key=lambda m: m[0])
