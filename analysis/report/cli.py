"""Command line: ``python -m analysis COMMAND ...`` (see ``python -m analysis --help``).

Every error a user can cause prints one line on stderr (what went wrong, where, what to
do) and exits non-zero, without a traceback unless ``--debug``:

* 0: done;
* 1: an unexpected error (a bug): one line, ``--debug`` shows the traceback to report;
* 2: a usage error (unknown command, option or choice), or an :class:`~analysis.errors.AnalysisError`
  (missing or empty corpus, a bad ``--by``, an output folder that cannot be used, a failing
  notebook ...), or an operating-system error on a named file;
* 130: interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import pandas as pd

from analysis.corpus.loader import load_corpus
from analysis.errors import AnalysisError, CorpusNotFoundError, UsageError
from analysis.measures.kwic import kwic
from analysis.measures.tables import PERIODS
from analysis.measures.terms import term_frequency

DEFAULT_CORPUS = "seeds"
DEFAULT_OUT = "figures"
#: Exit statuses (see the module docstring and the README).
EXIT_OK, EXIT_BUG, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line: what is wrong and where to read more."""

    def error(self, message: str):
        self.exit(EXIT_ERROR, f"error: {message}; see '{self.prog} --help'\n")


def _count(minimum: int):
    """An argparse type: a whole number of at least ``minimum``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{value} is less than {minimum}")
        return value

    parse.__name__ = "number"
    return parse


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _load(corpus: str, args, listed: Path | None = None) -> pd.DataFrame:
    """Load ``corpus`` and say so in one line: articles, files, skipped files and where they are listed."""
    started = time.perf_counter()
    articles = load_corpus(corpus, format=args.format, encoding=args.encoding)
    report = articles.attrs["load_report"]
    skipped = int((report["status"] == "skipped").sum())
    where = ""
    if skipped:
        where = (f": listed with the reason in {listed}" if listed is not None else
                 f": 'python -m analysis tables {corpus}' lists them with the reason in load_report.csv")
    _say(f"loaded {len(articles):,} articles from {len(report):,} files in {time.perf_counter() - started:.1f} s"
         f" ({skipped:,} skipped{where})")
    return articles


def cmd_report(args) -> int:
    """Run the notebooks on a corpus; write figures, tables, executed notebooks and report.html."""
    from analysis.report.runner import run_report

    report = run_report(args.corpus, args.out, force=args.force)
    _say(f"done: open {report}")
    return 0


def cmd_tables(args) -> int:
    """Load a corpus and export its tables (CSV, UTF-8 with BOM so spreadsheets read Arabic)."""
    from analysis.output.export import output_folder

    if not Path(args.corpus).exists():  # before creating the output folder
        raise CorpusNotFoundError(f"corpus path not found: {args.corpus}; give an existing folder, file or archive")
    # The output folder is checked (and refused when foreign) before the corpus is loaded.
    with output_folder(args.out, force=args.force, producer="python -m analysis tables", corpus=args.corpus) as out:
        _write_tables(_load(args.corpus, args, listed=out / "load_report.csv"), out, args)
    return 0


def _write_tables(articles: pd.DataFrame, out: Path, args) -> None:
    from analysis.output.export import save_table

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
        path = save_table(table, name, out=out)  # UTF-8 with a BOM; formula-like cells neutralised
        _say(f"wrote {path} ({len(table):,} rows)")
    return 0


def cmd_terms(args) -> int:
    """Print the most frequent terms."""
    articles = _load(args.corpus, args)
    if args.by is not None and args.by not in articles.columns and args.by not in PERIODS:
        columns = [c for c in articles.columns if c not in ("text", "n_chars", "n_words")]
        raise UsageError(f"--by {args.by}: the articles of {args.corpus} have no such column; use a column "
                         f"({', '.join(columns)}) or a period ({', '.join(PERIODS)})")
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
    parser = _Parser(
        prog="python -m analysis",
        description="Arabic news analysis: load a corpus (folder, file or archive of plain-text, TREC <DOC>, "
                    "JSON/JSONL, CSV or Parquet articles) and count its terms.",
        epilog="Errors print one line (what went wrong, where, what to do) and exit with status 2 (1 for an "
               "unexpected error, 130 when interrupted); add --debug for the traceback. Nothing is fetched from "
               "the network and nothing is written outside the output folder.",
    )
    parser.add_argument("--debug", action="store_true", help="show the full traceback on errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="command",
                                help="report, tables, terms or kwic (python -m analysis COMMAND --help)")
    # --debug is accepted after the command too ("report --debug"), as users type it.
    common = _Parser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show the full traceback on errors")

    def corpus_options(p):
        p.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS, help=f"corpus path (default: {DEFAULT_CORPUS}/)")
        p.add_argument("--format", help="force one format: text, trec, json, jsonl, csv, parquet")
        p.add_argument("--encoding", help="force one encoding for every file (default: detected per file)")
        p.add_argument("--top", type=_count(1), default=50, help="terms to keep per group (default: 50)")

    def out_options(p, what):
        p.add_argument("--out", default=DEFAULT_OUT,
                       help=f"output folder for {what} (default: {DEFAULT_OUT}/); created when missing and marked "
                            "with a .analysis-report file; a folder holding other files is refused")
        p.add_argument("--force", action="store_true",
                       help="write into a non-empty output folder this command did not create (files of the same "
                            "name are overwritten, others are left alone)")

    p = sub.add_parser("report", parents=[common],
                       help="run the notebooks on a corpus: figures, tables and report.html (main job)",
                       description="Execute the report's notebooks (01_corpus_overview to 05_report, listed in "
                                   "analysis/report/manifest.py) headless on CORPUS and write into --out the "
                                   "executed notebooks, every figure (PNG, SVG, PDF, with its data as CSV), the "
                                   "tables (CSV) and report.html, a self-contained right-to-left page. The corpus "
                                   "is loaded once and the sources extracted once: the notebooks share them as "
                                   "Parquet files in --out/work/. Re-running into the same folder replaces the "
                                   "previous run's files.")
    p.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS, help=f"corpus path (default: {DEFAULT_CORPUS}/)")
    out_options(p, "the report")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("tables", parents=[common],
                       help="export the corpus tables (load report, articles, terms, n-grams) as CSV")
    corpus_options(p)
    out_options(p, "the CSV files")
    p.set_defaults(func=cmd_tables)

    p = sub.add_parser("terms", parents=[common], help="print the most frequent terms")
    corpus_options(p)
    p.add_argument("--form", choices=["surface", "normalized", "stem"], default="normalized")
    p.add_argument("--by", help="group by an articles column (outlet, section) or a period (day, month, year)")
    p.add_argument("--ngram", type=_count(1), default=1, help="words per term (default: 1)")
    p.add_argument("--keep-stopwords", action="store_true", help="count stopwords too")
    p.set_defaults(func=cmd_terms)

    p = sub.add_parser("kwic", parents=[common], help="print a keyword in context")
    p.add_argument("keyword", help="a word or phrase, e.g. الأناضول")
    corpus_options(p)
    p.add_argument("--form", choices=["surface", "normalized", "stem"], default="stem")
    p.add_argument("--window", type=_count(0), default=8, help="words of context on each side")
    p.set_defaults(func=cmd_kwic)
    return parser


def _message(exc: BaseException) -> str:
    """One line for ``exc``: the package's own messages as they are, the OS's with the file and a hint."""
    if isinstance(exc, OSError) and not isinstance(exc, AnalysisError) and exc.strerror:
        where = f": {exc.filename}" if exc.filename is not None else ""
        return f"{exc.strerror}{where}; check the path, its permissions and the free space"
    message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
    return " ".join(str(message).split()) or type(exc).__name__


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the exit status (see the module docstring)."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        if args.debug:
            raise
        partial = f"; {args.out} may hold partial results" if getattr(args, "out", None) else ""
        _say(f"interrupted{partial}; run the command again to redo it")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader stopped reading (``... | head``): not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except (AnalysisError, OSError, ValueError, KeyError, LookupError) as exc:
        if args.debug:
            raise
        _say(f"error: {_message(exc)}")
        return EXIT_ERROR
    except Exception as exc:
        if args.debug:
            raise
        _say(f"internal error: {type(exc).__name__}: {_message(exc)}; this is a bug: run the command again with "
             "--debug and report the traceback")
        return EXIT_BUG
