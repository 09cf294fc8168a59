"""The corpus loader: files, folders and archives of news articles into the articles frame.

The stages, in the order a load runs them:

* :mod:`~analysis.corpus.options`: the options checked, the source path;
* :mod:`~analysis.corpus.walk`: a folder's files (links never followed);
* :mod:`~analysis.corpus.archives`, :mod:`~analysis.corpus.limits`: archives and compressed
  files streamed in memory within ``max_bytes`` and ``max_ratio``;
* :mod:`~analysis.corpus.formats`, :mod:`~analysis.corpus.encoding`,
  :mod:`~analysis.corpus.readers`: each file's format, encoding and records (text, TREC,
  HTML, WARC, JSON, CSV, spreadsheets, Parquet, Arrow); :mod:`~analysis.corpus.datasets`:
  the metadata files of dataset folders (Hugging Face, Spark), reported as such;
* :mod:`~analysis.corpus.schemas`: which record field fills which column (news-please,
  trafilatura and common dataset names, as a table);
* :mod:`~analysis.corpus.build`, :mod:`~analysis.corpus.dates`, :mod:`~analysis.corpus.ids`:
  the articles frame, its published dates and unique ids;
* :mod:`~analysis.corpus.report`: the load report;
* :mod:`~analysis.corpus.intake` ties them together for :func:`load_corpus`
  (:mod:`~analysis.corpus.loader`) and for the Dask engine's parts (:mod:`~analysis.corpus.parts`).
"""

from analysis.corpus.columns import ARTICLE_COLUMNS
from analysis.corpus.loader import load_corpus
from analysis.corpus.report import REPORT_COLUMNS, LoadReport

__all__ = ["ARTICLE_COLUMNS", "REPORT_COLUMNS", "LoadReport", "load_corpus"]
