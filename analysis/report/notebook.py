"""Small helpers that keep the notebooks thin: resolve parameters, share the corpus and results, show and export."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.output.display import HTML, rtl, table_html
from analysis.output.export import claim_folder, read_marker, save_figure, save_table
from analysis.output.provenance import check_one_corpus, corpus_fingerprint, corpus_name, use_corpus
from analysis.report.runner import default_corpus, default_out
from analysis.report.workarea import SharedResults


def resolve(corpus: str | None, out: str | None, *, force: bool = False) -> tuple[str, str]:
    """The corpus and output folder a notebook works on.

    ``corpus`` None: the project's seeds/.  ``out`` None (a notebook run by hand): a folder named
    for the corpus inside the project's figures/ (``figures/seeds/``, ``figures/sample/``), so
    notebooks run on different corpora never write into one folder; the report command passes
    its ``--out``.  The output folder is created and marked as written by this package; a folder
    that already holds other files is refused (:class:`analysis.errors.OutputFolderError`) unless
    ``force``, as with ``python -m analysis report --force``.  Every figure and table this process
    then exports there is recorded as written from the corpus's fingerprint
    (:mod:`analysis.output.provenance`).
    """
    corpus = str(corpus) if corpus else str(default_corpus())
    out = str(out) if out else str(default_out() / corpus_name(corpus))
    claim_folder(out, force=force, producer="notebooks/ (analysis.notebook.resolve)")
    use_corpus(out, corpus)
    return corpus, out


def one_corpus(corpus: str, out: str) -> None:
    """Refuse to assemble a report from ``out`` when its figures and tables were written from different corpora,
    or from another corpus than ``corpus``: :class:`analysis.errors.OutputFolderError`, one line naming them."""
    names = [p.name for p in Path(out).glob("[0-9][0-9]_*") if p.is_file()]
    check_one_corpus(out, read_marker(out), names, corpus_fingerprint(corpus))


def shared(corpus: str, work: str | None = None) -> SharedResults:
    """The corpus's articles, attributions and claims, each computed once (see :mod:`analysis.report.workarea`).

    Run by ``python -m analysis report``, ``work`` is the report's work area: what an earlier
    notebook computed is read from there, and what this one computes first is put there for the
    next.  Run alone (``work=None``), the notebook computes what it asks for.

    >>> data = shared("seeds")
    >>> data.folder is None
    True
    """
    return SharedResults(str(corpus), Path(work) if work else None)


def show(fig, name: str, out: str):
    """Export ``fig`` (PNG, SVG, PDF and its data as CSV) and return the PNG for display.

    Showing the exported file means the notebook shows exactly what goes into a report.
    """
    from IPython.display import Image

    paths = save_figure(fig, name, out=out)
    return Image(filename=str(paths["png"]), width=800)


def table(frame: pd.DataFrame, name: str | None = None, out: str | None = None, *, max_rows: int = 20):
    """Save ``frame`` as CSV when ``name`` is given, and return it styled right-to-left."""
    if name is not None and out is not None:
        save_table(frame, name, out=out)
    try:
        return rtl(frame, max_rows=max_rows)
    except (ImportError, AttributeError):  # Styler needs jinja2; fall back to plain HTML
        return HTML(table_html(frame, max_rows=max_rows))
