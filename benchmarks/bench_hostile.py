"""Time on hostile input: long runs of one character must cost time linear in their length.

Scraped news carries runs of invisible marks, of "!!!" and of quotes.  For each text
function this times a run of ``n`` characters and of ``4 n``; a linear pass takes about
4x as long for the longer run, a quadratic one about 16x.

    python benchmarks/bench_hostile.py            # n = 10,000 and 40,000
    python benchmarks/bench_hostile.py --n 20000
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.claims import extract_claims  # noqa: E402
from analysis.claims.numbers import find_numbers  # noqa: E402
from analysis.sources.attribution import extract_attributions  # noqa: E402
from analysis.text.segment import sentences  # noqa: E402
from analysis.text.tokens import tokenize, tokenize_many  # noqa: E402


def _frame(text: str) -> pd.DataFrame:
    return pd.DataFrame({"article_id": ["a"], "text": [text]})


CASES = [
    ("tokenize", "run of fathas", lambda n: "قال " + "\u064e" * n, tokenize),
    ("tokenize", "run of RLMs", lambda n: "قال " + "\u200f" * n + " x", tokenize),
    ("tokenize_many", "run of RLMs", lambda n: "قال " + "\u200f" * n, lambda t: tokenize_many([t])),
    ("sentences", "run of '!' then a Latin letter", lambda n: "قال" + "!" * n + "x", lambda t: sentences(_frame(t))),
    ("sentences", "run of '?' then a digit", lambda n: "قال" + "?" * n + "4", lambda t: sentences(_frame(t))),
    ("find_numbers", "run of '!'", lambda n: "قال " + "!" * n + "4", find_numbers),
    ("extract_attributions", "run of quotes", lambda n: "وقال " + '"' * n + " إن",
     lambda t: extract_attributions(_frame(t))),
    ("extract_claims", "run of '!'", lambda n: "قتل 5" + "!" * n + "x",
     lambda t: extract_claims(_frame(t), attributions=False)),
]


def _best(func, text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="the shorter run (the longer is 4x)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    n = args.n
    print(f"| function | input | {n:,} chars (s) | {4 * n:,} chars (s) | ratio |")
    print("|---|---|---:|---:|---:|")
    for name, what, make, func in CASES:
        short, long = _best(func, make(n), args.repeat), _best(func, make(4 * n), args.repeat)
        print(f"| `{name}` | {what} | {short:.4f} | {long:.4f} | {long / short:.1f} |")


if __name__ == "__main__":
    main()
