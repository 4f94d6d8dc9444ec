"""Pure scorers on tiny hand-made examples."""

from __future__ import annotations

import pytest

from tacitus.evaluation.metrics import (
    PRF,
    CorefCounts,
    accuracy,
    b3_counts,
    haversine_km,
    macro_f1,
    match_spans,
    max_assignment,
    muc_counts,
    multilabel_macro_f1,
    multiset_prf,
    span_prf,
    timex_precision,
    within_km,
)


@pytest.mark.parametrize(
    ("tp", "fp", "fn", "p", "r", "f"),
    [
        (0, 0, 0, 0.0, 0.0, 0.0),  # nothing to score: zeros, no division error
        (1, 1, 0, 0.5, 1.0, 2 / 3),
        (2, 0, 2, 1.0, 0.5, 2 / 3),
        (3, 0, 0, 1.0, 1.0, 1.0),
    ],
)
def test_prf(tp: int, fp: int, fn: int, p: float, r: float, f: float) -> None:
    counts = PRF(tp, fp, fn)
    assert counts.precision == pytest.approx(p)
    assert counts.recall == pytest.approx(r)
    assert counts.f1 == pytest.approx(f)


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        (["a", "a", "b"], ["a", "c"], (1, 1, 2)),
        (["a"], ["a", "a"], (1, 1, 0)),  # a gold item matches once
        ([], [], (0, 0, 0)),
    ],
)
def test_multiset_prf(gold: list[str], pred: list[str], expected: tuple[int, int, int]) -> None:
    c = multiset_prf(gold, pred)
    assert (c.tp, c.fp, c.fn) == expected


def test_accuracy_and_macro_f1() -> None:
    gold = ["A", "A", "B", "C"]
    pred = ["A", "B", "B", "NONE"]
    assert accuracy(zip(gold, pred, strict=True)) == 0.5
    # A: p=1 r=.5 f=2/3; B: p=.5 r=1 f=2/3; C: 0
    assert macro_f1(gold, pred, gold) == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    assert accuracy([]) == 0.0


def test_multilabel_macro_f1() -> None:
    gold = [frozenset({"KILL"}), frozenset(), frozenset({"ARREST", "KILL"})]
    pred = [frozenset({"KILL"}), frozenset({"ARREST"}), frozenset({"KILL"})]
    # KILL: tp 2 -> f1 1.0; ARREST: tp 0, fp 1, fn 1 -> 0
    assert multilabel_macro_f1(gold, pred, ["KILL", "ARREST"]) == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((36.19, 43.99), (36.19, 43.99), 0.0),
        ((0.0, 0.0), (0.0, 1.0), 111.2),  # one degree of longitude at the equator
        ((51.5074, -0.1278), (48.8566, 2.3522), 343.6),  # London - Paris
    ],
)
def test_haversine(a: tuple[float, float], b: tuple[float, float], km: float) -> None:
    assert haversine_km(*a, *b) == pytest.approx(km, abs=0.5)


@pytest.mark.parametrize(
    ("pred", "ok"),
    [
        ((35.8, 43.3), True),  # Qayyarah vs Mosul: about 60 km
        ((33.3, 44.4), False),  # Baghdad: about 350 km
        (None, False),
        ((None, None), False),
    ],
)
def test_within_km(pred: tuple[float | None, float | None] | None, ok: bool) -> None:
    assert within_km((36.34, 43.13), pred) is ok


def test_match_spans_one_to_one_largest_overlap_first() -> None:
    gold = [(0, 10), (20, 25)]
    pred = [(5, 12), (0, 9), (30, 40)]
    assert match_spans(gold, pred) == [(0, 1)]  # (0, 9) overlaps (0, 10) more than (5, 12)
    assert match_spans(gold, [(0, 10)], exact=True) == [(0, 0)]
    assert match_spans(gold, [(0, 9)], exact=True) == []
    c = span_prf(gold, pred)
    assert (c.tp, c.fp, c.fn) == (1, 2, 1)


def _clusters(*groups: str) -> list[frozenset[str]]:
    return [frozenset(g) for g in groups]


def test_muc_counts_textbook_example() -> None:
    # Key {a b c d}; response {a b} {c d}: one link missing -> recall 2/3.
    num, den = muc_counts(_clusters("abcd"), _clusters("ab", "cd"))
    assert (num, den) == (2, 3)


def test_b3_counts() -> None:
    # Key {a b} {c}; response {a b c}: precision per mention 2/3, 2/3, 1/3.
    num, den = b3_counts(_clusters("abc"), _clusters("ab", "c"))
    assert num / den == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)


def test_max_assignment() -> None:
    assert max_assignment([[1, 0], [0, 1]]) == 2
    assert max_assignment([[0.2, 0.9], [0.8, 0.1]]) == pytest.approx(1.7)
    assert max_assignment([[0.5, 0.4, 0.9]]) == pytest.approx(0.9)  # rectangular
    assert max_assignment([]) == 0.0


def test_coref_perfect_and_all_singletons() -> None:
    perfect = CorefCounts()
    perfect.add_document(_clusters("ab", "cd"), _clusters("ab", "cd"), "abcde")
    assert perfect.conll_f1 == pytest.approx(1.0)
    singletons = CorefCounts()
    singletons.add_document(_clusters("ab", "cd"), [], "abcde")
    assert singletons.muc_f1 == 0.0  # no links predicted
    assert 0.0 < singletons.b3_f1 < 1.0  # singletons still get partial B3 credit
    assert singletons.conll_f1 < perfect.conll_f1


@pytest.mark.parametrize(
    ("value", "precision"),
    [
        ("1998-08-07", "day"),
        ("1998-W32", "week"),
        ("1998-08", "month"),
        ("1998", "year"),
        ("1998-Q3", "quarter"),
        ("1990-H1", "half"),
        ("1998-SU", "season"),
        ("1990-W32-WE", "weekend"),
        ("197", "decade"),
        ("19", "century"),
        ("PRESENT_REF", "ref"),
        ("199X", None),  # underspecified
        ("1989-QX", None),
        ("2000-01-05TEV", None),  # a time of day
        ("P1D", None),  # a duration
    ],
)
def test_timex_precision(value: str, precision: str | None) -> None:
    assert timex_precision(value) == precision


def test_markdown_tables() -> None:
    from tacitus.evaluation.report import markdown

    table = markdown({"geo/lgl": {"n": 3, "recognition_f1": 0.5}, "quotes/p": {"n": 0}})
    assert "| geo/lgl | 3 | recognition_f1 | 0.500 |" in table
    assert "| quotes/p | 0 | (skipped) | |" in table
