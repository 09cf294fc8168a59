"""Command line: ``python -m analysis COMMAND ...`` (see ``python -m analysis --help``)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

from .corpus import load_corpus
from .errors import AnalysisError
from .kwic import kwic
from .terms import term_frequency

DEFAULT_CORPUS = "seeds"
DEFAULT_OUT = "figures"


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _load(corpus: str, args) -> pd.DataFrame:
    started = time.perf_counter()
    articles = load_corpus(corpus, format=args.format, encoding=args.encoding)
    report = articles.attrs["load_report"]
    skipped = report[report["status"] == "skipped"]
    _say(f"loaded {len(articles):,} articles from {len(report):,} files in {time.perf_counter() - started:.1f} s"
         f" ({len(skipped):,} skipped{'; see load_report.csv' if len(skipped) else ''})")
    return articles


def cmd_report(args) -> int:
    """Run the notebooks on a corpus; write figures, tables, executed notebooks and report.html."""
    from .report import run_report

    report = run_report(args.corpus, args.out)
    _say(f"done: open {report}")
    return 0


def cmd_tables(args) -> int:
    """Load a corpus and export its tables (CSV, UTF-8 with BOM so spreadsheets read Arabic)."""
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    articles = _load(args.corpus, args)
    tables = {
        "load_report": articles.attrs["load_report"],
        "articles": articles.drop(columns=["text"]),
        "terms_normalized": term_frequency(articles, top=args.top),
        "terms_stem": term_frequency(articles, form="stem", top=args.top),
        "bigrams": term_frequency(articles, ngram=2, top=args.top),
    }
    if articles["outlet"].notna().any():
        tables["terms_by_outlet"] = term_frequency(articles, by="outlet", top=args.top)
    if articles["published"].notna().any():
        tables["terms_by_month"] = term_frequency(articles, by="month", top=args.top)
    for name, table in tables.items():
        path = out / f"{name}.csv"
        table.to_csv(path, index=False, encoding="utf-8-sig")
        _say(f"wrote {path} ({len(table):,} rows)")
    return 0


def cmd_terms(args) -> int:
    """Print the most frequent terms."""
    articles = _load(args.corpus, args)
    table = term_frequency(articles, form=args.form, by=args.by, ngram=args.ngram, top=args.top,
                           stopwords=not args.keep_stopwords)
    print(table.to_string(index=False))
    return 0


def cmd_kwic(args) -> int:
    """Print a keyword in context."""
    articles = _load(args.corpus, args)
    table = kwic(articles, args.keyword, form=args.form, window=args.window)
    with pd.option_context("display.max_colwidth", 80, "display.width", 250):
        print(table.to_string(index=False) if len(table) else f"no occurrence of {args.keyword!r}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Arabic news analysis: load a corpus (folder, file or archive of plain-text, TREC <DOC>, "
                    "JSON/JSONL, CSV or Parquet articles) and count its terms.",
        epilog="Errors print one line and exit with status 2; add --debug for the traceback.",
    )
    parser.add_argument("--debug", action="store_true", help="show the full traceback on errors")
    sub = parser.add_subparsers(dest="command", required=True)
    # --debug is accepted after the command too ("report --debug"), as users type it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show the full traceback on errors")

    def corpus_options(p):
        p.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS, help=f"corpus path (default: {DEFAULT_CORPUS}/)")
        p.add_argument("--format", help="force one format: text, trec, json, jsonl, csv, parquet")
        p.add_argument("--encoding", help="force one encoding for every file (default: detected per file)")
        p.add_argument("--top", type=int, default=50, help="terms to keep per group (default: 50)")

    p = sub.add_parser("report", parents=[common],
                       help="run the notebooks on a corpus: figures, tables and report.html (main job)",
                       description="Execute notebooks/01_... to 05_... headless on CORPUS and write into --out the "
                                   "executed notebooks, every figure (PNG, SVG, PDF, with its data as CSV), the "
                                   "tables (CSV) and report.html, a self-contained right-to-left page.")
    p.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS, help=f"corpus path (default: {DEFAULT_CORPUS}/)")
    p.add_argument("--out", default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT}/)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("tables", parents=[common],
                       help="export the corpus tables (load report, articles, terms, n-grams) as CSV")
    corpus_options(p)
    p.add_argument("--out", default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT}/)")
    p.set_defaults(func=cmd_tables)

    p = sub.add_parser("terms", parents=[common], help="print the most frequent terms")
    corpus_options(p)
    p.add_argument("--form", choices=["surface", "normalized", "stem"], default="normalized")
    p.add_argument("--by", help="group by an articles column (outlet, section) or a period (day, month, year)")
    p.add_argument("--ngram", type=int, default=1)
    p.add_argument("--keep-stopwords", action="store_true", help="count stopwords too")
    p.set_defaults(func=cmd_terms)

    p = sub.add_parser("kwic", parents=[common], help="print a keyword in context")
    p.add_argument("keyword", help="a word or phrase, e.g. الأناضول")
    corpus_options(p)
    p.add_argument("--form", choices=["surface", "normalized", "stem"], default="stem")
    p.add_argument("--window", type=int, default=8, help="words of context on each side")
    p.set_defaults(func=cmd_kwic)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (AnalysisError, OSError, ValueError, KeyError) as exc:
        if args.debug:
            raise
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        _say(f"error: {message}")
        return 2
