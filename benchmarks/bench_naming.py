"""Time :func:`analysis.naming_mentions` and :func:`analysis.naming` and print the naming tables of four sets.

Run on purpose (not part of the tests):

    python benchmarks/bench_naming.py [CORPUS ...]

CORPUS defaults to the 209-article sample and the full ANT archive in ../shared/corpus.  Loading is
timed apart; peak memory is the process's maximum resident size after each corpus.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

import analysis  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
DEFAULT_CORPORA = [SHARED / "sample", SHARED / "antcorpus-multisource-v2.1.tar.gz"]
SHOWN = ["isis", "houthis", "syrian_government", "casualties"]


def main(paths: list[str]) -> None:
    pd.set_option("display.width", 200)
    for path in [Path(p) for p in paths] or DEFAULT_CORPORA:
        if not path.exists():
            print(f"{path}: absent, skipped")
            continue
        start = time.perf_counter()
        articles = analysis.load_corpus(path, progress=False)
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        mentions = analysis.naming_mentions(articles, progress=False)
        found = time.perf_counter() - start
        start = time.perf_counter()
        table = analysis.naming(articles, mentions=mentions)
        tabulated = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        mb = articles["text"].str.len().sum() / 1e6
        print(f"\n{path.name}: {len(articles):,} articles, {mb:.1f} M characters; load {loaded:.1f} s, "
              f"naming_mentions {found:.1f} s ({len(mentions):,} mentions, {mb / found:.1f} M chars/s), "
              f"naming {tabulated:.2f} s, peak RSS {peak:,.0f} MB")
        for name in SHOWN:
            rows = table[table["set"] == name]
            grid = rows.pivot_table(index="outlet", columns="variant", values="count", aggfunc="sum", fill_value=0,
                                    sort=False)
            print(f"\n{name}: mentions per outlet and name")
            print(grid.to_string())


if __name__ == "__main__":
    main(sys.argv[1:])
