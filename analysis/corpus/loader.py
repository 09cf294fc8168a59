"""Load a corpus of Arabic news articles (files, folders, archives) into one DataFrame.

:func:`load_corpus` walks a file, a folder or an archive, detects each file's format
and encoding, parses it with :mod:`analysis.corpus.readers` and returns the *articles
frame*: one row per article, plus a load report that accounts for every file it met.
The stages live in their own modules: :mod:`~analysis.corpus.options` (checks),
:mod:`~analysis.corpus.walk` (folders), :mod:`~analysis.corpus.archives` and
:mod:`~analysis.corpus.limits` (archives, archive bombs), :mod:`~analysis.corpus.formats`
(which reader), :mod:`~analysis.corpus.build` (the frame), :mod:`~analysis.corpus.ids`
(unique ids) and :mod:`~analysis.corpus.report` (the load report), tied together by
:class:`~analysis.corpus.intake.Intake`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import pandas as pd

from analysis import engines
from analysis.corpus.columns import ARTICLE_COLUMNS, FORMATS
from analysis.corpus.formats import classify
from analysis.corpus.intake import Intake
from analysis.corpus.limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_RATIO
from analysis.corpus.options import load_options, source_path
from analysis.corpus.problems import printable
from analysis.corpus.report import REPORT_COLUMNS
from analysis.corpus.walk import is_dir, list_files
from analysis.errors import CorpusFormatError

__all__ = ["ARTICLE_COLUMNS", "DEFAULT_MAX_BYTES", "DEFAULT_MAX_RATIO", "FORMATS", "REPORT_COLUMNS", "load_corpus"]


def load_corpus(
    source: str | os.PathLike[str],
    *,
    format: str | None = None,
    columns: Mapping[str, str] | None = None,
    encoding: str | None = None,
    progress: bool | None = None,
    engine: str = "pandas",
    scheduler: Any = None,
    partition_size: int | str | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    max_ratio: float | None = DEFAULT_MAX_RATIO,
) -> pd.DataFrame:
    """Load news articles from a file, a folder or an archive into the articles frame.

    ``source`` may be a plain-text article (title line, optional section line, body),
    a TREC/CLEF ``<DOC>`` file (as in the ANT corpus), JSON, JSON Lines, CSV/TSV,
    spreadsheet (``.xlsx``, ``.ods``), Parquet or Arrow records (a news-please or
    trafilatura JSON, a dataset's shards, a Hugging Face ``save_to_disk`` folder), a saved
    news page (``.html``: its article paragraphs, see :func:`analysis.corpus.readers.read_html`),
    a web archive (``.warc``, ``.warc.gz``: its HTML pages), a folder of any mix of these (walked
    recursively in sorted order), or a ``.zip`` / ``.tar`` / ``.tar.gz`` / ``.tar.bz2`` /
    ``.tar.xz`` archive of them, read in memory; ``.gz`` / ``.bz2`` / ``.xz`` files are
    decompressed.
    Each file's format comes from its extension and content (``format=`` forces one
    of :data:`FORMATS`) and its encoding is detected (UTF-8 with or without BOM,
    UTF-16/32, cp1256, ISO 8859-6; ``encoding=`` forces one).  Record fields named as
    news-please, trafilatura or common datasets name them (``maintext``, ``headline``,
    ``pubDate``, ``المصدر`` ...) are recognised (:mod:`analysis.corpus.schemas`);
    ``columns=`` maps others onto ours, e.g. ``{"khabar": "text", "masdar": "outlet"}``.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "خبر.txt").write_text(
    ...     "المعارضة تأسر عناصر داعش\\n\\nعربي ودولي\\n\\nأسرت قوات المعارضة 400 عنصر.\\n", encoding="cp1256"
    ... )
    >>> articles = load_corpus(folder)
    >>> articles.loc[0, ["article_id", "title", "section", "text", "encoding"]].tolist()
    ['خبر', 'المعارضة تأسر عناصر داعش', 'عربي ودولي', 'أسرت قوات المعارضة 400 عنصر.', 'cp1256']
    >>> articles["n_words"].tolist(), str(articles["published"].dtype)
    ([5], 'datetime64[ns, UTC]')
    >>> articles.attrs["load_report"][["status", "format", "n_articles"]].values.tolist()
    [['loaded', 'text', 1]]

    The ANT corpus, straight from its archive (about 4 s for 31,525 articles)::

        ant = load_corpus("antcorpus-multisource-v2.1.tar.gz")
        ant.loc[0, ["article_id", "outlet", "section"]].tolist()
        # ['AL-culture-1-20180218', 'alarabia', 'culture']
        load_corpus("news.jsonl", columns={"content": "text", "source": "outlet"})

    Returns one row per article with the columns :data:`ARTICLE_COLUMNS`:
    ``article_id`` (unique, stable: DOCNO, an ``article_id`` field, the file's path
    without extension, or ``path#record``; a repeated id becomes ``id~2``),
    ``title``, ``text`` (the body, never missing), ``outlet``, ``section``,
    ``published`` (``datetime64[ns, UTC]``), ``url``, ``author``, ``abstract``,
    ``path`` (``archive.tar.gz::member`` inside archives), ``format``, ``encoding``,
    ``n_chars`` and ``n_words`` (:func:`analysis.text.tokens.count_words`); extra record
    fields follow under their own names (``record_<name>`` if the name is one of the
    computed columns).  Text columns use pandas' ``str`` dtype; missing metadata is NA.

    ``articles.attrs["load_report"]`` has one row per input met: a file, an archive
    member (but folders), a symbolic link not followed, a folder that cannot be listed,
    and an archive that is corrupt or was stopped at a limit: ``path, status
    ('loaded'|'skipped'), reason, format, encoding, n_articles, n_records_skipped``;
    ``reason`` also notes repairs and records skipped in loaded files.  A progress bar
    goes to stderr when more than :data:`~analysis.corpus.progress.PROGRESS_THRESHOLD` files are read
    (``progress=`` forces it).

    What it refuses, and how it says so (each refusal is a report row whose reason
    says what, where and what to do; the other files still load):

    * damaged files: binary data (named: "a PNG image", "gzip data"), empty files,
      undecodable text; a file cut inside its last character, stray NUL bytes and a
      few invalid UTF-8 bytes are repaired and noted; a damaged ``<DOC>``, JSON line
      or CSV row is skipped and named with its line, the rest of the file loads;
    * symbolic links inside a folder are never followed (loops, links out of the
      corpus, second paths to a corpus file, dangling links): one row each, saying
      where the link points; FIFOs, sockets and devices are not opened;
    * archives are never extracted: members are read in memory; absolute or ``..``
      names are noted, links and devices recorded, not read; archives nest at most
      :data:`~analysis.corpus.archives.MAX_ARCHIVE_DEPTH` deep;
    * ``max_bytes`` (default :data:`DEFAULT_MAX_BYTES`, 4 GiB): no file, and nothing
      one archive or compressed file decompresses to, may exceed it (``None``: no
      limit); ``max_ratio`` (default :data:`DEFAULT_MAX_RATIO`): a stream that expands
      more than this many times past :data:`~analysis.corpus.limits.RATIO_GRACE` bytes is an archive bomb and
      refused at once, without filling the memory (``None``: no limit);
    * a corrupt archive is one row naming it and the damage; the members before the
      damage load.

    Raises (all :class:`~analysis.errors.AnalysisError`):
    :class:`~analysis.errors.CorpusNotFoundError` for a missing path, a dangling link
    or a link loop; :class:`~analysis.errors.EmptyCorpusError` (with ``.report``) when
    no article loads, its message naming the files and why (an unreadable path, a
    refused or corrupt archive ...); :class:`~analysis.errors.CorpusFormatError` for bad
    options (``format``, ``columns``, ``encoding``, ``progress``, ``max_bytes``,
    ``max_ratio``) or a source that is not a path.

    ``engine="dask"`` returns the same rows as a lazy ``dask.dataframe.DataFrame`` in
    parts of about ``partition_size`` bytes of input, computed on ``scheduler`` (see
    :func:`analysis.dask_engine.load_corpus`; the report is ``analysis.dask_engine.load_report``).
    """
    if engine != "pandas" or scheduler is not None or partition_size is not None:
        if engine not in engines.ENGINES:
            raise CorpusFormatError(f"engine={engine!r} is not one of {', '.join(map(repr, engines.ENGINES))}")
        if engine == "pandas":
            raise CorpusFormatError("scheduler= and partition_size= apply to engine='dask' only")
        return engines.loader(engine)(source, format=format, columns=columns, encoding=encoding, progress=progress,
                            engine=engine, scheduler=scheduler, partition_size=partition_size, max_bytes=max_bytes,
                            max_ratio=max_ratio)
    options = load_options(format, columns, encoding, progress, max_bytes, max_ratio)
    path, display = source_path(source)

    intake = Intake(options, progress)
    try:
        if is_dir(path):
            files, unreadable = list_files(path)
            if not any(classify(rel)[0] in ("tar", "zip") for rel, _ in files):
                intake.progress.total = len(files)
            for rel, exc in unreadable:
                intake.add_unreadable(os.path.join(display, printable(rel)), exc)
            for rel, file in files:
                intake.add_path(os.path.join(display, printable(rel)), rel, file)
        else:
            intake.add_path(display, path.name, path)
    finally:
        intake.progress.close()
    return intake.frame(display)
