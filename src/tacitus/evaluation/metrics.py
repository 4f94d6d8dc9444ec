"""Pure scoring functions: counts in, scores out. No I/O, no pipeline.

Everything here works on plain values (spans as ``(start, end)`` pairs, clusters as sets of
mention ids) so it can be tested on tiny hand-made examples.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088
ACC_KM = 161.0  # the usual "Acc@161": within 100 miles


@dataclass
class PRF:
    """Running true-positive / false-positive / false-negative counts."""

    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0

    def add(self, tp: float = 0.0, fp: float = 0.0, fn: float = 0.0) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return safe_div(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return safe_div(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def safe_div(num: float, den: float) -> float:
    """``num / den``, or 0.0 when there is nothing to divide by."""
    return num / den if den else 0.0


def f1(precision: float, recall: float) -> float:
    return safe_div(2 * precision * recall, precision + recall)


def multiset_prf(gold: Iterable[Hashable], predicted: Iterable[Hashable]) -> PRF:
    """Counts for two bags of items: each gold item can be matched once."""
    g, p = Counter(gold), Counter(predicted)
    tp = sum((g & p).values())
    return PRF(tp=tp, fp=sum(p.values()) - tp, fn=sum(g.values()) - tp)


def accuracy(pairs: Iterable[tuple[object, object]]) -> float:
    """Share of (gold, predicted) pairs that are equal."""
    items = list(pairs)
    return safe_div(sum(1 for g, p in items if g == p), len(items))


def macro_f1(gold: Sequence[str], predicted: Sequence[str], labels: Iterable[str]) -> float:
    """Unweighted mean of per-label F1 over ``labels`` (single-label classification)."""
    label_list = sorted(set(labels))
    scores = []
    for label in label_list:
        counts = PRF()
        for g, p in zip(gold, predicted, strict=True):
            counts.add(
                tp=float(g == label and p == label),
                fp=float(g != label and p == label),
                fn=float(g == label and p != label),
            )
        scores.append(counts.f1)
    return safe_div(sum(scores), len(scores))


def multilabel_macro_f1(
    gold: Sequence[frozenset[str]], predicted: Sequence[frozenset[str]], labels: Iterable[str]
) -> float:
    """Mean over labels of the binary F1 of "this label is present"."""
    label_list = sorted(set(labels))
    scores = []
    for label in label_list:
        counts = PRF()
        for g, p in zip(gold, predicted, strict=True):
            counts.add(
                tp=float(label in g and label in p),
                fp=float(label not in g and label in p),
                fn=float(label in g and label not in p),
            )
        scores.append(counts.f1)
    return safe_div(sum(scores), len(scores))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def within_km(
    gold: tuple[float, float],
    predicted: tuple[float | None, float | None] | None,
    km: float = ACC_KM,
) -> bool:
    """True when the predicted point exists and lies within ``km`` of the gold point."""
    if predicted is None or predicted[0] is None or predicted[1] is None:
        return False
    return haversine_km(gold[0], gold[1], predicted[0], predicted[1]) <= km


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Character spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def overlap_size(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(
    gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]], exact: bool = False
) -> list[tuple[int, int]]:
    """One-to-one matching of spans, largest overlaps first; returns (gold, pred) indices.

    With ``exact`` only identical spans match.
    """
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if (g == p) if exact else overlaps(g, p):
                candidates.append((overlap_size(g, p), gi, pi))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def span_prf(
    gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]], exact: bool = False
) -> PRF:
    matched = len(match_spans(gold, predicted, exact=exact))
    return PRF(tp=matched, fp=len(predicted) - matched, fn=len(gold) - matched)


# --- coreference ---------------------------------------------------------------------------

Cluster = frozenset[str]


def _partition(clusters: Iterable[Cluster], mentions: Iterable[str]) -> list[Cluster]:
    """Clusters restricted to ``mentions``, with every uncovered mention a singleton."""
    wanted = set(mentions)
    result = [frozenset(c & wanted) for c in clusters if c & wanted]
    covered = set().union(*result) if result else set()
    result.extend(frozenset([m]) for m in sorted(wanted - covered))
    return result


def muc_counts(key: Sequence[Cluster], response: Sequence[Cluster]) -> tuple[float, float]:
    """MUC (Vilain et al. 1995) recall numerator and denominator of key against response."""
    owner = {m: i for i, c in enumerate(response) for m in c}
    num = den = 0.0
    for cluster in key:
        parts = {owner.get(m, ("single", m)) for m in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return num, den


def b3_counts(key: Sequence[Cluster], response: Sequence[Cluster]) -> tuple[float, float]:
    """B-cubed recall numerator and denominator (mention-weighted)."""
    owner = {m: c for c in response for m in c}
    num = 0.0
    den = 0.0
    for cluster in key:
        for m in cluster:
            num += len(cluster & owner.get(m, frozenset([m]))) / len(cluster)
            den += 1
    return num, den


def ceafe_counts(key: Sequence[Cluster], response: Sequence[Cluster]) -> tuple[float, float, float]:
    """Entity CEAF (Luo 2005, phi4): best total similarity, number of key and response entities."""
    sims = [[2 * len(k & r) / (len(k) + len(r)) for r in response] for k in key]
    return max_assignment(sims), float(len(key)), float(len(response))


def max_assignment(weights: Sequence[Sequence[float]]) -> float:
    """Total weight of a maximum-weight one-to-one assignment (Hungarian algorithm)."""
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    if rows == 0 or cols == 0:
        return 0.0
    n = max(rows, cols)
    top = max(max(r) for r in weights)
    # Minimise cost = top - weight on a square matrix padded with zero-weight cells.
    cost = [
        [top - (weights[i][j] if i < rows and j < cols else 0.0) for j in range(n)]
        for i in range(n)
    ]
    u = [0.0] * (n + 1)
    v = [0.0] * (n + 1)
    match = [0] * (n + 1)  # match[column] = row (1-based)
    way = [0] * (n + 1)
    for i in range(1, n + 1):
        match[0] = i
        j0 = 0
        minv = [math.inf] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], math.inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    total = 0.0
    for j in range(1, n + 1):
        i = match[j]
        if i and i - 1 < rows and j - 1 < cols:
            total += weights[i - 1][j - 1]
    return total


@dataclass
class CorefCounts:
    """Summed numerators/denominators over documents for MUC, B3 and CEAFe."""

    muc_r: float = 0.0
    muc_rd: float = 0.0
    muc_p: float = 0.0
    muc_pd: float = 0.0
    b3_r: float = 0.0
    b3_rd: float = 0.0
    b3_p: float = 0.0
    b3_pd: float = 0.0
    ceaf_sim: float = 0.0
    ceaf_key: float = 0.0
    ceaf_resp: float = 0.0

    def add_document(
        self, key: Iterable[Cluster], response: Iterable[Cluster], mentions: Iterable[str]
    ) -> None:
        """Score one document on ``mentions`` (both sides restricted to them)."""
        ms = list(mentions)
        k, r = _partition(key, ms), _partition(response, ms)
        n, d = muc_counts(k, r)
        self.muc_r, self.muc_rd = self.muc_r + n, self.muc_rd + d
        n, d = muc_counts(r, k)
        self.muc_p, self.muc_pd = self.muc_p + n, self.muc_pd + d
        n, d = b3_counts(k, r)
        self.b3_r, self.b3_rd = self.b3_r + n, self.b3_rd + d
        n, d = b3_counts(r, k)
        self.b3_p, self.b3_pd = self.b3_p + n, self.b3_pd + d
        sim, nk, nr = ceafe_counts(k, r)
        self.ceaf_sim += sim
        self.ceaf_key += nk
        self.ceaf_resp += nr

    @property
    def muc_f1(self) -> float:
        return f1(safe_div(self.muc_p, self.muc_pd), safe_div(self.muc_r, self.muc_rd))

    @property
    def b3_f1(self) -> float:
        return f1(safe_div(self.b3_p, self.b3_pd), safe_div(self.b3_r, self.b3_rd))

    @property
    def ceafe_f1(self) -> float:
        return f1(safe_div(self.ceaf_sim, self.ceaf_resp), safe_div(self.ceaf_sim, self.ceaf_key))

    @property
    def conll_f1(self) -> float:
        """The CoNLL-2012 score: mean of MUC, B3 and CEAFe F1."""
        return (self.muc_f1 + self.b3_f1 + self.ceafe_f1) / 3


# --- dates ---------------------------------------------------------------------------------


def timex_precision(value: str) -> str | None:
    """The precision of a TimeML DATE value Tacitus represents, or None: underspecified values
    ("1989-QX", "1998-WXX", "199X"), times of day ("2000-01-05TEV") and durations ("P1D")."""
    patterns = (
        (r"\d{4}-\d{2}-\d{2}", "day"),
        (r"\d{4}-W\d{2}-WE", "weekend"),
        (r"\d{4}-W\d{2}", "week"),
        (r"\d{4}-\d{2}", "month"),
        (r"\d{4}-Q[1-4]", "quarter"),
        (r"\d{4}-H[12]", "half"),
        (r"\d{4}-(?:SP|SU|FA|WI)", "season"),
        (r"\d{4}", "year"),
        (r"\d{3}", "decade"),
        (r"\d{2}", "century"),
        (r"(?:PRESENT|PAST|FUTURE)_REF", "ref"),
    )
    for pattern, precision in patterns:
        if re.fullmatch(pattern, value):
            return precision
    return None


def pairwise_prf(predicted: dict[str, str], gold: dict[str, str]) -> PRF:
    """Pair counts of two clusterings of the same items (item -> cluster key): a pair is
    positive when both items are in one cluster."""

    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    both: dict[tuple[str, str], int] = {}
    pred_sizes: dict[str, int] = {}
    gold_sizes: dict[str, int] = {}
    for item, key in gold.items():
        gold_sizes[key] = gold_sizes.get(key, 0) + 1
        p = predicted.get(item, "\x00" + item)  # an item left out is alone
        pred_sizes[p] = pred_sizes.get(p, 0) + 1
        both[(p, key)] = both.get((p, key), 0) + 1
    tp = sum(pairs(n) for n in both.values())
    predicted_pairs = sum(pairs(n) for n in pred_sizes.values())
    gold_pairs = sum(pairs(n) for n in gold_sizes.values())
    return PRF(tp=tp, fp=predicted_pairs - tp, fn=gold_pairs - tp)
