"""Record every output frame of the package on a corpus, to prove a refactor changed nothing.

    python benchmarks/snapshot.py CORPUS OUT_DIR          # writes OUT_DIR/<name>.parquet
    python benchmarks/snapshot.py --compare DIR_A DIR_B   # frame by frame; exit 1 on any difference

Run it on the same corpus before and after a change (from two checkouts, e.g. a
`git worktree` of the old commit run with its own folder first on `sys.path`) and compare.
The frames: the articles and their load report, term tables (normalised, stems,
bigrams, by outlet, TF-IDF, keyness of the largest outlet), attributions, speaker and
agency tables, agencies per article, claims, claims with sources, compare_claims.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd


def _frames(corpus: str):
    import analysis

    articles = analysis.load_corpus(corpus)
    yield "articles", articles
    yield "load_report", pd.DataFrame(articles.attrs["load_report"])
    yield "terms", analysis.term_frequency(articles)
    yield "terms_stem", analysis.term_frequency(articles, form="stem")
    yield "bigrams", analysis.term_frequency(articles, ngram=2, min_count=2)
    yield "terms_by_outlet", analysis.term_frequency(articles, by="outlet", top=50)
    yield "tfidf", analysis.tfidf(articles, top=20)
    if articles["outlet"].nunique() > 1:
        top = articles["outlet"].value_counts().index[0]
        yield "keyness", analysis.keyness(articles[articles.outlet == top], articles[articles.outlet != top])
    statements = analysis.extract_attributions(articles)
    yield "attributions", statements
    yield "speakers", analysis.speaker_table(statements)
    yield "agency_counts", analysis.agency_counts(analysis.with_agencies(articles))
    yield "agencies", analysis.with_agencies(articles)[["article_id", "agencies"]].astype({"agencies": str})
    claims = analysis.extract_claims(articles)
    yield "claims", claims
    sourced = analysis.attach_sources(claims, statements, articles)
    yield "claims_sourced", sourced
    yield "compare", analysis.compare_claims(sourced, articles)


def snapshot(corpus: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for name, frame in _frames(corpus):
        frame = frame.reset_index(drop=True)
        frame.attrs = {}
        frame.columns = [str(c) for c in frame.columns]
        for col in frame.columns:  # lists, dicts and mixed objects as text: parquet needs one type
            if frame[col].dtype == object:
                frame[col] = frame[col].map(lambda v: v if v is None or isinstance(v, str) else repr(v))
        frame.to_parquet(out / f"{name}.parquet")
        print(f"{name:16} {len(frame):>8,} rows  {time.perf_counter() - start:7.1f} s", flush=True)


def compare(a: Path, b: Path) -> int:
    names = sorted({p.stem for p in a.glob("*.parquet")} | {p.stem for p in b.glob("*.parquet")})
    bad = 0
    for name in names:
        pa, pb = a / f"{name}.parquet", b / f"{name}.parquet"
        if not (pa.exists() and pb.exists()):
            print(f"{name}: only in {a if pa.exists() else b}")
            bad += 1
            continue
        fa, fb = pd.read_parquet(pa), pd.read_parquet(pb)
        try:
            pd.testing.assert_frame_equal(fa, fb)
            print(f"{name}: equal ({len(fa):,} rows)")
        except AssertionError as exc:
            bad += 1
            print(f"{name}: DIFFERENT ({len(fa):,} vs {len(fb):,} rows)\n  {str(exc)[:600]}")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs=2)
    parser.add_argument("--compare", action="store_true")
    args = parser.parse_args(argv)
    if args.compare:
        return compare(Path(args.paths[0]), Path(args.paths[1]))
    snapshot(args.paths[0], Path(args.paths[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
