"""Markdown tables from the JSON that ``tacitus eval --json`` and ``tacitus bench --json`` write.

``python -m tacitus.evaluation.report eval.json bench.json`` prints the tables that
docs/accuracy.md and docs/benchmarks.md carry, so refreshing the docs is a copy and paste.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def eval_markdown(results: dict[str, dict[str, float | int]]) -> str:
    """One row per (file, metric); a file with n = 0 was skipped or absent."""
    lines = ["| file | n | metric | value |", "|---|---:|---|---:|"]
    for key in sorted(results):
        scores = results[key]
        metrics = [(k, v) for k, v in scores.items() if k != "n"]
        if not metrics:
            lines.append(f"| {key} | {scores.get('n', 0)} | (skipped) | |")
        for i, (metric, value) in enumerate(metrics):
            file, n = (key, str(scores.get("n", 0))) if i == 0 else ("", "")
            lines.append(f"| {file} | {n} | {metric} | {value:.3f} |")
    return "\n".join(lines)


def bench_markdown(result: dict[str, Any]) -> str:
    from tacitus.bench import bench_rows

    rows = bench_rows(result)
    return "\n".join(["| measure | value |", "|---|---:|", *(f"| {a} | {b} |" for a, b in rows)])


def markdown(data: dict[str, Any]) -> str:
    """The right table for either kind of result file."""
    return bench_markdown(data) if "words_per_s" in data else eval_markdown(data)


def main(paths: list[str]) -> None:
    for path in paths:
        print(f"<!-- from {path} -->")
        print(markdown(json.loads(Path(path).read_text(encoding="utf-8"))))
        print()


if __name__ == "__main__":
    main(sys.argv[1:])
