"""Time :func:`analysis.measures.naming_discovery.naming_candidates` and print what it proposes.

Run on purpose (not part of the tests):

    python benchmarks/bench_naming_discovery.py [CORPUS ...] [--seed WORD ...] [--top N]

CORPUS defaults to the 209-article sample and the full ANT archive in ../shared/corpus.
Loading is timed apart from the search; each seed's time is one full call (it tokenises
and stems the corpus again: the function keeps no cache between calls).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

import analysis  # noqa: E402
from analysis.measures.naming_discovery import naming_candidates  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
DEFAULT_CORPORA = [SHARED / "sample", SHARED / "antcorpus-multisource-v2.1.tar.gz"]
DEFAULT_SEEDS = ["داعش", "الحوثيين", "النظام السوري"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--seed", action="append", dest="seeds", help="a seed name (repeatable)")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    pd.set_option("display.width", 250)
    pd.set_option("display.max_colwidth", 70)
    for path in args.corpora:
        if not path.exists():
            print(f"skipped {path}: not found")
            continue
        start = time.perf_counter()
        articles = analysis.load_corpus(path, progress=False)
        print(f"\n=== {path.name}: {len(articles):,} articles, loaded in {time.perf_counter() - start:.1f} s")
        for seed in args.seeds or DEFAULT_SEEDS:
            start = time.perf_counter()
            found = naming_candidates(articles, seed, top=args.top)
            print(f"\n--- {seed!r}: {time.perf_counter() - start:.1f} s")
            print(found.to_string(index=False, float_format=lambda x: f"{x:.3f}"))


if __name__ == "__main__":
    main()
