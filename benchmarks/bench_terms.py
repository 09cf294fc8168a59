"""Load and count the full ANT archive; compare with CountVectorizer and regex + Counter.

Run on purpose (not part of the tests):

    python benchmarks/bench_terms.py [CORPUS] [--repeat N]

CORPUS defaults to ../shared/corpus/antcorpus-multisource-v2.1.tar.gz.  Throughput is
megabytes of article text (UTF-8 bytes of the ``text`` column) per second of wall
time; memory is the peak resident set size reached during a task minus the resident
size just before it (Linux: the peak is reset through /proc/self/clear_refs).
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing as mp
import os
import platform
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyarrow.compute as pc  # noqa: E402

import analysis  # noqa: E402
from analysis.measures.doc_terms import text_array  # noqa: E402
from analysis.text.tokens import TOKEN_PATTERN  # noqa: E402

SIMPLE_PATTERN = r"(?u)\b\w+\b"  # the usual "Arabic" pattern: splits words at diacritics
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "antcorpus-multisource-v2.1.tar.gz"


def _status_kib(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _run_task(task, repeat: int, conn) -> None:
    """In a forked child: reset the peak RSS, run the task, send back times and peak."""
    try:
        Path("/proc/self/clear_refs").write_text("5")  # VmHWM := current RSS
        before = _status_kib("VmRSS")
    except OSError:
        before = None
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        task()
        times.append(time.perf_counter() - start)
        gc.collect()
    peak = (_status_kib("VmHWM") - before) / 1024 if before is not None else None
    conn.send((min(times), peak))
    conn.close()


def measure(task, repeat: int):
    """Best wall time of ``repeat`` runs and peak extra memory (MiB), in a fresh fork.

    Each task runs in its own child process forked after the corpus is loaded, so no
    task inherits another's allocator pools and every peak starts from the same base.
    """
    gc.collect()
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_run_task, args=(task, repeat, child))
    proc.start()
    child.close()
    result = parent.recv()
    proc.join()
    return result


def count_vectorizer(texts, pattern=TOKEN_PATTERN):
    from sklearn.feature_extraction.text import CountVectorizer

    vectorizer = CountVectorizer(token_pattern=pattern, lowercase=False)
    matrix = vectorizer.fit_transform(texts)
    counts = matrix.sum(axis=0)
    docs = (matrix > 0).sum(axis=0)
    return len(vectorizer.vocabulary_), counts, docs


def regex_counter(texts):
    token = re.compile(TOKEN_PATTERN)
    counter = Counter()
    for text in texts:
        counter.update(token.findall(text))
    return counter


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--repeat", type=int, default=3, help="runs per task; the best time is kept")
    args = parser.parse_args()
    if not Path(args.corpus).exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2

    print(f"# {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    start = time.perf_counter()
    articles = analysis.load_corpus(args.corpus, progress=False)
    load_s = time.perf_counter() - start
    report = articles.attrs["load_report"]
    texts_arrow = text_array(articles)
    mb = pc.sum(pc.binary_length(texts_arrow)).as_py() / 1e6
    texts = articles["text"].tolist()
    print(f"corpus: {args.corpus}")
    print(f"articles: {len(articles):,}  files: {len(report):,}  skipped: {(report['status'] == 'skipped').sum()}"
          f"  text: {mb:.1f} MB UTF-8")
    print(f"load_corpus: {load_s:.1f} s  ({len(report) / load_s:,.0f} files/s)")
    analysis.term_frequency(articles.head(50))  # warm up imports and the stopword list

    tasks = [
        ("term_frequency normalized (+doc counts)", lambda: analysis.term_frequency(articles)),
        ("term_frequency surface", lambda: analysis.term_frequency(articles, form="surface")),
        ("term_frequency stem", lambda: analysis.term_frequency(articles, form="stem")),
        ("term_frequency normalized by outlet", lambda: analysis.term_frequency(articles, by="outlet")),
        ("term_frequency bigrams", lambda: analysis.term_frequency(articles, ngram=2)),
        ("CountVectorizer (same token pattern, +doc counts)", lambda: count_vectorizer(texts)),
        ("CountVectorizer (pattern (?u)\\b\\w+\\b, +doc counts)", lambda: count_vectorizer(texts, SIMPLE_PATTERN)),
        ("re.findall + Counter (no normalisation)", lambda: regex_counter(texts)),
    ]
    results = {}
    print(f"\n{'task':52} {'seconds':>8} {'MB/s':>7} {'peak MiB':>9} {'x text':>7}")
    for name, task in tasks:
        seconds, peak = measure(task, args.repeat)
        results[name] = seconds
        peak_txt = f"{peak:9.0f} {peak / mb:7.2f}" if peak is not None else f"{'n/a':>9} {'':>7}"
        print(f"{name:52} {seconds:8.2f} {mb / seconds:7.1f} {peak_txt}")

    ours = results["term_frequency normalized (+doc counts)"]
    for name in [n for n in results if n.startswith("CountVectorizer")]:
        print(f"normalized term counting vs {name}: {results[name] / ours:.2f}x the throughput")
    print(f"normalized term counting vs re.findall + Counter: "
          f"{results['re.findall + Counter (no normalisation)'] / ours:.2f}x the throughput")
    return 0


if __name__ == "__main__":
    sys.exit(main())
