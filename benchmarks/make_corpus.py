"""Write a large, realistic benchmark corpus by resampling sentences of the ANT archive.

Run on purpose (a benchmark tool, not part of the package's API):

    python benchmarks/make_corpus.py --articles 100000 --out /work/bench_data/ant-100k
    python benchmarks/make_corpus.py --articles 1000000 --out /work/bench_data/ant-1m --seed 0 --per-file 1000

The ANT archive is read once through :func:`analysis.load_corpus` and cut into
sentences with :func:`analysis.sentences`.  Every new article belongs to one outlet and
section, drawn with the real shares of the archive (skynews/middleEast is common,
france24/economy rare).  Its layout (how many paragraphs, how many sentences in each)
is the layout of a real article of the same outlet and section, drawn at random, so the
length distribution is the real one; every sentence slot is then filled with a sentence
drawn from all the articles of that outlet and section.  Metadata looks like ANT's:
a unique DOCNO in the outlet's style (``SK-middleEast-G1234-20160311``: ``G`` marks a
generated article), the outlet's web domain in the URL, an author drawn from the real
ones of that outlet and section (BBC and CNN have none), a title cut from a sentence
to a real title's length, an abstract (the first 200 characters, as in ANT) and a
publication date drawn uniformly over ``--years`` (so per-month views have data in
every month).

Files are TREC ``<DOC>`` files (the ANT format), ``--per-file`` articles each, in one
sub-folder per outlet: ``OUT/skynews/skynews-00001.trec``.  A million articles make
about a thousand files.  The output is deterministic for a seed (each file has its own
random stream, seeded by ``(seed, outlet, file number)``), and memory does not grow
with ``--articles``: only the sentence pool and one file are kept (peak RSS about
0.85 GB, reached while reading ANT, for 2,000 or 30,000 articles alike).

Resampled sentences keep ANT's vocabulary: a million generated articles hold no word
that ANT does not, so vocabulary-bound costs (distinct terms) stay at ANT's level
while per-article costs grow linearly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import analysis  # noqa: E402

DEFAULT_SOURCE = ROOT.parent / "shared" / "corpus" / "antcorpus-multisource-v2.1.tar.gz"
EXTENSION = ".trec"
ABSTRACT_CHARS = 200
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def escape(value: str) -> str:
    """Escape what the TREC reader unescapes, so text round-trips exactly.

    >>> escape("Dolce&Gabbana <b> «فالنتينو»")
    'Dolce&amp;Gabbana &lt;b&gt; «فالنتينو»'
    """
    if "&" in value or "<" in value or ">" in value:
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value


def cut_escaped(value: str, n: int) -> str:
    """The first ``n`` characters of escaped text, never cutting an entity in half.

    >>> cut_escaped("AT&amp;T", 4), cut_escaped("AT&amp;T", 7)
    ('AT', 'AT&amp;')
    """
    cut = value[:n]
    amp = cut.rfind("&", max(0, n - 4))
    if amp >= 0 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut


def rfc2822(seconds: int) -> str:
    """A Unix time as ANT writes dates (English names, whatever the locale).

    >>> rfc2822(1528056761)
    'Sun, 03 Jun 2018 20:12:41 +0000'
    """
    d = dt.datetime.fromtimestamp(seconds, dt.UTC)
    return f"{_DAYS[d.weekday()]}, {d.day:02d} {_MONTHS[d.month - 1]} {d.year} {d:%H:%M:%S} +0000"


@dataclass
class Group:
    """Everything needed to write articles of one outlet and section."""

    section: str
    n_real: int
    sentences: list[str] = field(default_factory=list)  # escaped, ready to write
    layouts: list[tuple[int, ...]] = field(default_factory=list)  # sentences per paragraph of each real article
    title_words: np.ndarray | None = None  # word counts of the real titles
    authors: list[str | None] = field(default_factory=list)  # real author fields, missing ones included


@dataclass
class Outlet:
    name: str
    prefix: str  # DOCNO prefix ("SK")
    domain: str  # the most common URL host
    groups: list[Group] = field(default_factory=list)

    @property
    def n_real(self) -> int:
        return sum(g.n_real for g in self.groups)


def build_pool(source: Path) -> list[Outlet]:
    """Read the source corpus once; group its sentences, layouts and metadata by outlet and section."""
    articles = analysis.load_corpus(source, progress=False)
    sents = analysis.sentences(articles)
    meta = articles[["article_id", "outlet", "section", "title", "author", "url"]].copy()
    meta["outlet"] = meta["outlet"].fillna("unknown")
    meta["section"] = meta["section"].fillna("general")
    sents = sents.merge(meta[["article_id", "outlet", "section"]], on="article_id", how="left")

    outlets: list[Outlet] = []
    for outlet_name, outlet_meta in meta.groupby("outlet", sort=True):
        prefixes = Counter(str(a).split("-", 1)[0] for a in outlet_meta["article_id"])
        hosts = Counter(urllib.parse.urlsplit(u).netloc for u in outlet_meta["url"].dropna())
        outlet = Outlet(
            name=str(outlet_name),
            prefix=prefixes.most_common(1)[0][0],
            domain=hosts.most_common(1)[0][0] if hosts else f"{outlet_name}.example",
        )
        outlet_sents = sents[sents["outlet"] == outlet_name]
        for section, section_meta in outlet_meta.groupby("section", sort=True):
            group_sents = outlet_sents[outlet_sents["section"] == section]
            if group_sents.empty:
                continue
            # One layout per real article with text: the sentence count of each paragraph, in order.
            per_par = group_sents.groupby(["article_id", "par_no"], sort=True).size()
            layouts = [tuple(int(n) for n in counts) for _, counts in per_par.groupby(level=0, sort=True)]
            titles = section_meta["title"].dropna().str.split().str.len()
            group = Group(
                section=str(section),
                n_real=len(layouts),
                sentences=[escape(s) for s in group_sents["text"].tolist()],
                layouts=layouts,
                title_words=titles[titles > 0].to_numpy(dtype=np.int64) if (titles > 0).any() else np.array([8]),
                authors=[None if a is None or a != a else escape(str(a)) for a in section_meta["author"].tolist()],
            )
            outlet.groups.append(group)
        if outlet.groups:
            outlets.append(outlet)
    return outlets


def allocate(total: int, weights: list[int]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainders), summing exactly to ``total``.

    >>> allocate(10, [3972, 1132, 120])
    [8, 2, 0]
    >>> sum(allocate(1_000_000, [5, 7, 11]))
    1000000
    """
    w = np.asarray(weights, dtype=np.float64)
    exact = total * w / w.sum()
    counts = np.floor(exact).astype(np.int64)
    short = total - int(counts.sum())
    order = np.argsort(-(exact - counts), kind="stable")
    counts[order[:short]] += 1
    return counts.tolist()


def make_title(words: list[str], n: int) -> str:
    """A headline: the first ``n`` words of a sentence, without its final punctuation.

    >>> make_title("أسرت قوات المعارضة السورية 400 عنصر من تنظيم داعش.".split(), 5)
    'أسرت قوات المعارضة السورية 400'
    >>> make_title("قال المتحدث: نعم.".split(), 9)
    'قال المتحدث: نعم'
    """
    return " ".join(words[:n]).rstrip(".،,:؛!؟?…")


def write_file(
    path: Path, outlet: Outlet, outlet_no: int, file_no: int, first_serial: int, count: int,
    *, seed: int, span: tuple[int, int],
) -> int:
    """Write ``count`` articles of ``outlet`` into one TREC file; return the bytes written.

    The file's random stream depends only on ``(seed, outlet_no, file_no)``, so a file's
    content does not depend on the files written before it.
    """
    rng = np.random.default_rng([seed, outlet_no, file_no])
    weights = np.array([g.n_real for g in outlet.groups], dtype=np.float64)
    group_idx = rng.choice(len(outlet.groups), size=count, p=weights / weights.sum())
    stamps = rng.integers(span[0], span[1], size=count)
    docs = []
    for i in range(count):
        group = outlet.groups[group_idx[i]]
        pool = group.sentences
        layout = group.layouts[rng.integers(len(group.layouts))]
        picks = rng.integers(len(pool), size=sum(layout)).tolist()
        paragraphs, k = [], 0
        for n in layout:
            paragraphs.append(" ".join(pool[j] for j in picks[k : k + n]))
            k += n
        text = "\n".join(paragraphs)
        title_sentence = pool[rng.integers(len(pool))].split()
        title = make_title(title_sentence, int(group.title_words[rng.integers(len(group.title_words))]))
        author = group.authors[rng.integers(len(group.authors))] or ""
        abstract = cut_escaped("".join(paragraphs), ABSTRACT_CHARS)
        stamp = int(stamps[i])
        docno = f"{outlet.prefix}-{group.section}-G{first_serial + i}-{dt.datetime.fromtimestamp(stamp, dt.UTC):%Y%m%d}"
        docs.append(
            f"<DOC>\n<DOCNO>{docno}</DOCNO>\n"
            f"<URL>https://{outlet.domain}/{group.section}/{first_serial + i}.html</URL>\n"
            f"<SRC>{outlet.name}</SRC>\n<CAT>{group.section}</CAT>\n"
            f"<TITLE>{title}</TITLE>\n<TIME>{rfc2822(stamp)}</TIME>\n<AUTHOR>{author}</AUTHOR>\n"
            f"<ABSTRACT>\n{abstract}\n</ABSTRACT>\n<TEXT>\n{text}\n</TEXT>\n</DOC>\n"
        )
    data = "".join(docs).encode("utf-8")
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    os.replace(tmp, path)  # an interrupted run leaves no half-written .trec file
    return len(data)


def plan(outlets: list[Outlet], articles: int, per_file: int) -> list[tuple[int, int, int, int]]:
    """``(outlet_no, file_no, first_serial, count)`` for every file to write, in writing order."""
    files = []
    for outlet_no, n in enumerate(allocate(articles, [o.n_real for o in outlets])):
        for file_no, start in enumerate(range(0, n, per_file), start=1):
            files.append((outlet_no, file_no, start + 1, min(per_file, n - start)))
    return files


def _prepare_out(out: Path, force: bool) -> None:
    if out.resolve().is_relative_to(ROOT):
        raise SystemExit(f"write generated corpora outside the repository ({ROOT}), e.g. /work/bench_data/")
    if out.exists() and any(out.iterdir()):
        if not force:
            raise SystemExit(f"{out} is not empty (use --force to replace a corpus written by this script)")
        foreign = [p for p in out.rglob("*") if p.is_file() and not p.name.endswith((EXTENSION, EXTENSION + ".part"))]
        if foreign or any(p.is_dir() and p.parent != out for p in out.rglob("*")):
            raise SystemExit(f"{out} holds files this script did not write ({foreign[:3]}); not touching it")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


def _human(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if n < 1000 or unit == "TB":
            return f"{n:.1f} {unit}" if unit != "B" else f"{n:.0f} B"
        n /= 1000
    return f"{n:.1f} TB"


def _years(value: str) -> tuple[int, int]:
    first, _, last = value.partition("-")
    span = (int(first), int(last or first))
    if span[0] > span[1]:
        raise argparse.ArgumentTypeError(f"first year after last: {value}")
    return span


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, required=True, help="how many articles to write")
    parser.add_argument("--out", type=Path, required=True, help="output folder (outside the repository)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--per-file", type=int, default=1000, help="articles per TREC file (default 1000)")
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="the ANT archive (or any corpus)")
    parser.add_argument("--years", type=_years, default=(2012, 2018), help="publication years, e.g. 2012-2018")
    parser.add_argument("--force", action="store_true", help="replace a corpus this script wrote before")
    parser.add_argument("--no-progress", action="store_true")
    args = parser.parse_args(argv)
    if args.articles < 1 or args.per_file < 1:
        parser.error("--articles and --per-file must be positive")
    if not args.source.exists():
        print(f"source corpus not found: {args.source}", file=sys.stderr)
        return 2
    _prepare_out(args.out, args.force)

    from tqdm import tqdm

    started = time.perf_counter()
    outlets = build_pool(args.source)
    n_sentences = sum(len(g.sentences) for o in outlets for g in o.groups)
    print(f"pool: {sum(o.n_real for o in outlets):,} articles, {n_sentences:,} sentences, "
          f"{sum(len(o.groups) for o in outlets)} outlet/section groups "
          f"({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    span = (
        int(dt.datetime(args.years[0], 1, 1, tzinfo=dt.UTC).timestamp()),
        int(dt.datetime(args.years[1] + 1, 1, 1, tzinfo=dt.UTC).timestamp()),
    )
    files = plan(outlets, args.articles, args.per_file)
    written = 0
    with tqdm(total=args.articles, unit="art", unit_scale=True, disable=args.no_progress, file=sys.stderr) as bar:
        for outlet_no, file_no, first_serial, count in files:
            outlet = outlets[outlet_no]
            folder = args.out / outlet.name
            folder.mkdir(exist_ok=True)
            path = folder / f"{outlet.name}-{file_no:05d}{EXTENSION}"
            written += write_file(path, outlet, outlet_no, file_no, first_serial, count, seed=args.seed, span=span)
            bar.update(count)
            bar.set_postfix_str(_human(written), refresh=False)
    seconds = time.perf_counter() - started
    print(f"wrote {args.articles:,} articles in {len(files):,} files to {args.out}: {_human(written)} "
          f"({written:,} bytes) in {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
