"""Content over furniture on a corpus: what :func:`analysis.content_view` removes, and keyness before and after.

Run on purpose (not part of the tests):

    python benchmarks/bench_furniture.py [CORPUS]

CORPUS defaults to the full ANT archive in ../shared/corpus.  Prints the removal summary per outlet,
the furniture found, then for each outlet against the rest the top 30 key terms (G², target side)
of the raw text and of the content view counted with ``fold=True``, and the checks of issue 15:
no furniture word ("هاتفكم"، "إشعارات"، outlets' own names) and no spelling-variant pair in any
outlet's top 30.  Times are printed, never asserted.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

import analysis  # noqa: E402
from analysis.measures.furniture import furniture_words, variant_pairs  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "antcorpus-multisource-v2.1.tar.gz"
TOP = 30


def top_terms(articles: pd.DataFrame, outlet: str, **options) -> pd.DataFrame:
    target, reference = articles[articles.outlet == outlet], articles[articles.outlet != outlet]
    table = analysis.keyness(target, reference, top=TOP, **options)
    return table[table.direction == "target"]


def check(label: str, articles: pd.DataFrame, **options) -> bool:
    outlets = sorted(articles["outlet"].dropna().unique())
    marks = furniture_words(outlets=outlets)
    tops, clean = {}, True
    start = time.perf_counter()
    for outlet in outlets:
        tops[outlet] = top_terms(articles, outlet, **options)
    took = time.perf_counter() - start
    print(f"\n== {label}: top {TOP} key terms per outlet against the rest ({took:.1f} s)")
    for outlet, table in tops.items():
        furniture = [t for t in table["term"] if set(t.split()) & marks]
        print(f"{outlet}: {' · '.join(table['spelling'])}")
        if furniture:
            print(f"   furniture words: {furniture}")
            clean = False
    pairs = variant_pairs(t for table in tops.values() for t in table["term"])
    within = [(o, p) for o, table in tops.items() for p in variant_pairs(table["term"])]
    print(f"spelling-variant pairs across the outlets' top {TOP}: {pairs or 'none'}")
    print(f"spelling-variant pairs within one outlet's top {TOP}: {within or 'none'}")
    return clean and not pairs


def main(argv: list[str]) -> None:
    pd.set_option("display.width", 220)
    pd.set_option("display.max_colwidth", 80)
    path = Path(argv[0]) if argv else DEFAULT
    if not path.exists():
        print(f"{path}: absent, skipped")
        return
    start = time.perf_counter()
    articles = analysis.load_corpus(path, progress=False)
    print(f"{path.name}: {len(articles):,} articles, loaded in {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    view = analysis.content_view(articles)
    print(f"content_view: {time.perf_counter() - start:.1f} s")
    summary = analysis.furniture_summary(view)
    total = summary[["chars", "chars_removed"]].sum()
    print(summary.to_string(index=False))
    print(f"all outlets: {total.chars_removed:,} of {total.chars:,} characters removed "
          f"({total.chars_removed / total.chars:.2%}); "
          f"{summary.articles_changed.sum():,} of {summary.articles.sum():,} articles changed")
    report = analysis.furniture_report(view)
    print("\nremoved, by outlet and kind (articles, characters):")
    print(report.groupby(["outlet", "kind"])[["n_articles", "n_chars"]].sum().to_string())
    print("\nthe largest removals of each outlet:")
    largest = report.sort_values("n_chars", ascending=False).groupby("outlet").head(6)
    print(largest.sort_values(["outlet", "n_chars"], ascending=[True, False]).to_string(index=False))
    print("\nphrases rewritten to one spelling:")
    print(report[report.kind == "spelling"].to_string(index=False))
    check("raw text, no folding", articles)
    ok = check("content view, fold=True", view, fold=True)
    print(f"\nissue 15 check (no furniture word, no spelling-variant pair in any top {TOP}): "
          f"{'PASS' if ok else 'FAIL'}")


if __name__ == "__main__":
    main(sys.argv[1:])
