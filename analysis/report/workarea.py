"""The work area of a report: the corpus and the extraction results, computed once and shared by the notebooks.

``python -m analysis report`` runs every notebook in a kernel of its own.  Each one used to
load the corpus again, and 03 and 04 both extracted the attributions.  Now the report gives
the notebooks one work area, ``OUT/work/``: the first notebook that needs the articles loads
the corpus and writes them there as Parquet (with the load report beside them), the later
ones read them back; the same for the attributions (first needed by 03, reused by 04 for the
claims' sources) and the claims.  The runner empties the work area when a run starts and the
output folder's marker lists its files, so a run never reads another run's results.

A notebook run alone (in JupyterLab, no work area) computes what it needs itself, in memory.

>>> shared = SharedResults("seeds")  # no folder: computed here, kept in memory
>>> shared.path("claims") is None
True
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.claims import extract_claims
from analysis.corpus import LoadReport, load_corpus
from analysis.measures.furniture import content_view
from analysis.sources.attribution import extract_attributions

#: The work area's folder inside the output folder.
WORK_FOLDER = "work"
#: What the work area holds: one Parquet file per frame.
FILES = {"articles": "articles.parquet", "load_report": "load_report.parquet",
         "content": "content.parquet", "furniture": "furniture.parquet",
         "furniture_summary": "furniture_summary.parquet",
         "attributions": "attributions.parquet", "claims": "claims.parquet"}
#: The frames a shared frame carries in its ``attrs`` (Parquet keeps none), each shared in a file of its own.
ATTRS = {"articles": ("load_report",), "content": ("furniture", "furniture_summary")}


def work_area(out: str | os.PathLike) -> Path:
    """The work area of the output folder ``out`` (not created here)."""
    return Path(out) / WORK_FOLDER


def clear_work_area(out: str | os.PathLike) -> None:
    """Remove the work area's files (only those: a file of another name is left alone)."""
    folder = work_area(out)
    for name in FILES.values():
        (folder / name).unlink(missing_ok=True)


@dataclass
class SharedResults:
    """The articles, their content view, attributions and claims of ``corpus``, each computed once.

    With a ``folder`` (the report's work area) each frame is read from it when an earlier
    notebook put it there, else computed and written there for the next notebooks; without
    one, computed and kept in memory.  Every call returns the frame as a new (copy-on-write)
    DataFrame, so a notebook adding a column changes nothing for the others.
    """

    corpus: str
    folder: Path | None = None
    _frames: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    def path(self, name: str) -> Path | None:
        """Where the frame ``name`` is shared (None without a work area)."""
        return self.folder / FILES[name] if self.folder is not None else None

    def articles(self) -> pd.DataFrame:
        """``analysis.load_corpus(corpus)``, with its load report in ``attrs["load_report"]``."""
        return self._cached("articles").copy(deep=False)

    def content(self) -> pd.DataFrame:
        """``analysis.content_view(articles)``: page furniture removed (what, in ``attrs``), for counting."""
        return self._cached("content").copy(deep=False)

    def attributions(self) -> pd.DataFrame:
        """``analysis.extract_attributions(articles)``."""
        return self._cached("attributions").copy(deep=False)

    def claims(self) -> pd.DataFrame:
        """``analysis.extract_claims(articles)``, the sources taken from :meth:`attributions` (not extracted again)."""
        return self._cached("claims").copy(deep=False)

    def _cached(self, name: str) -> pd.DataFrame:
        if name not in self._frames:
            self._frames[name] = self._read(name) if self._shared(name) else self._keep(name, self._compute(name))
        return self._frames[name]

    def _compute(self, name: str) -> pd.DataFrame:
        if name == "articles":
            return self._load_articles()
        articles = self._cached("articles")
        if name == "content":
            return content_view(articles)
        if name == "attributions":
            return extract_attributions(articles)
        return extract_claims(articles, attributions=self._cached("attributions"))

    def _shared(self, name: str) -> bool:
        path = self.path(name)
        return path is not None and path.is_file()

    def _load_articles(self) -> pd.DataFrame:
        return load_corpus(self.corpus)

    def _read(self, name: str) -> pd.DataFrame:
        frame = pd.read_parquet(self.path(name))
        for attr in ATTRS.get(name, ()):
            value = pd.read_parquet(self.path(attr))
            frame.attrs[attr] = LoadReport(value) if attr == "load_report" else value
        return frame

    def _keep(self, name: str, frame: pd.DataFrame) -> pd.DataFrame:
        if self.folder is not None:
            for attr in ATTRS.get(name, ()):  # first: the frame's own file says it is all there
                _write_parquet(frame.attrs[attr], self.path(attr))
            _write_parquet(frame, self.path(name))
        return frame


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """Write ``frame`` (without its ``attrs``: Parquet keeps only JSON there) through a temporary file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    plain = frame.copy(deep=False)
    plain.attrs = {}
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        pd.DataFrame(plain).to_parquet(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
