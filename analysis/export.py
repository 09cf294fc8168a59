"""Report-ready exports of charts: PNG at print resolution, SVG and PDF, and the data as CSV.

>>> import analysis
>>> fig = analysis.plot_top_terms(analysis.load_corpus("seeds"))  # doctest: +SKIP
>>> analysis.save_figure(fig, "top_terms")                          # doctest: +SKIP
{'png': PosixPath('figures/top_terms.png'), 'svg': ..., 'pdf': ..., 'csv': PosixPath('figures/top_terms.csv')}
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import matplotlib as mpl
import pandas as pd

from .plotting import chart_data, fix_arabic

FORMATS = ("png", "svg", "pdf")
SUPPORTED = ("png", "svg", "pdf", "eps", "ps", "jpg", "jpeg", "tif", "tiff", "webp")
#: Print resolution for raster exports.
PRINT_DPI = 300

# Settings that make each export identical from one run to the next and keep text right:
# glyph outlines in SVG (no font needed to view it, shaped as drawn), embedded TrueType in PDF
# (Type 42, as journals ask), a fixed salt for SVG ids.
_EXPORT_RC = {"svg.fonttype": "path", "svg.hashsalt": "analysis", "pdf.fonttype": 42, "ps.fonttype": 42}
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


def safe_name(name: str) -> str:
    """A stable file name stem: letters (Arabic too), digits, ``-`` and ``_`` only.

    >>> safe_name("Top terms / CNN (2018)")
    'Top_terms_CNN_2018'
    >>> safe_name("أكثر الكلمات")
    'أكثر_الكلمات'
    """
    name = unicodedata.normalize("NFC", str(name)).strip()
    name = re.sub(r"[^\w\-]+", "_", name).strip("_.")
    if not name:
        raise ValueError("save_figure needs a non-empty name made of letters, digits, '-' or '_'")
    return name


def _write(path: Path, write) -> None:
    """Write through a temporary file in the same folder, then replace: no half-written exports."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def save_figure(
    fig,
    name: str,
    *,
    formats: Sequence[str] = FORMATS,
    out: str | os.PathLike = "figures",
    dpi: int = PRINT_DPI,
    data: pd.DataFrame | None = None,
    transparent: bool = False,
) -> dict[str, Path]:
    """Export ``fig`` as ``out/<name>.<format>`` for each format, and its data as ``out/<name>.csv``.

    * PNG at ``dpi`` (300, print resolution); SVG with text as glyph outlines and PDF
      with embedded TrueType fonts, so Arabic reads right in any viewer and printer;
    * the same name gives the same files: re-running overwrites them, and the files
      carry no date, so a re-run that draws the same chart writes the same bytes;
    * the table behind the chart (``data``, or what the chart helper drew it from, see
      :func:`analysis.charts.chart_data`) goes beside it as UTF-8 CSV with a BOM, so
      spreadsheet programs show the Arabic; no CSV when there is no data;
    * nothing is written outside ``out`` (created when missing).

    Texts are passed through :func:`analysis.plotting.fix_arabic` first, so a figure
    made on a renderer that does not shape Arabic is exported right as well.
    Returns ``{format: path}`` (with ``"csv"`` when written).
    """
    if isinstance(formats, str):
        formats = (formats,)
    formats = [f.lower().lstrip(".") for f in formats]
    unknown = [f for f in formats if f not in SUPPORTED]
    if unknown:
        raise ValueError(f"unsupported format(s) {', '.join(unknown)}; use some of {', '.join(SUPPORTED)}")
    stem = safe_name(name)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    fix_arabic(fig)
    written: dict[str, Path] = {}
    with mpl.rc_context(_EXPORT_RC):
        for fmt in dict.fromkeys(formats):
            path = folder / f"{stem}.{fmt}"
            options = {"format": fmt, "dpi": dpi, "bbox_inches": "tight", "pad_inches": 0.1,
                       "transparent": transparent}
            if fmt in _METADATA:
                options["metadata"] = _METADATA[fmt]
            _write(path, lambda p, options=options: fig.savefig(p, **options))
            written[fmt] = path
    table = data if data is not None else chart_data(fig)
    if table is not None:
        path = folder / f"{stem}.csv"
        _write(path, lambda p: table.to_csv(p, index=False, encoding="utf-8-sig", lineterminator="\n"))
        written["csv"] = path
    return written


def save_table(table: pd.DataFrame, name: str, *, out: str | os.PathLike = "figures") -> Path:
    """Write ``table`` as ``out/<name>.csv`` (UTF-8 with a BOM, so spreadsheets show Arabic).

    The same name overwrites the same file; nothing is written outside ``out``.
    """
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{safe_name(name)}.csv"
    _write(path, lambda p: table.to_csv(p, index=False, encoding="utf-8-sig", lineterminator="\n"))
    return path
