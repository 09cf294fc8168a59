"""Report-ready exports of charts: PNG at print resolution, SVG and PDF, and the data as CSV.

>>> import analysis
>>> fig = analysis.plot_top_terms(analysis.load_corpus("seeds"))  # doctest: +SKIP
>>> analysis.save_figure(fig, "top_terms")                          # doctest: +SKIP
{'png': PosixPath('figures/top_terms.png'), 'svg': ..., 'pdf': ..., 'csv': PosixPath('figures/top_terms.csv')}
"""

from __future__ import annotations

import json
import os
import re
import time
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path, PurePosixPath, PureWindowsPath

import matplotlib as mpl
import numpy as np
import pandas as pd

from analysis.errors import OptionError, OutputFolderError
from analysis.output.provenance import Fingerprint, corpus_fingerprint, folder_corpus
from analysis.output.shaping import chart_data, fix_arabic

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
        raise OptionError("save_figure needs a non-empty name made of letters, digits, '-' or '_'")
    return name


def _refuse_paths(name: str) -> None:
    """Refuse a name that reads as a path out of the export folder (``../x``, ``/tmp/x``, ``C:\\x``).

    Such a name is a mistake, not a title: say so instead of quietly writing ``x`` in the folder.
    A slash inside a title ("Top terms / CNN") is fine and becomes ``_``.

    >>> _refuse_paths("../x")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    analysis.errors.OptionError: name '../x' is a path leading out of the export folder; give a plain name ...
    >>> _refuse_paths("Top terms / CNN (2018)")  # a title, not a path
    """
    windows = PureWindowsPath(name)
    parts = [*PurePosixPath(name).parts, *windows.parts]
    if name.startswith(("/", "\\", "~/", "~\\")) or windows.drive or ".." in parts:
        raise OptionError(f"name {name!r} is a path leading out of the export folder; give a plain name and choose "
                         "the folder with out=")


#: The file that marks a folder as written by this package (see :func:`claim_folder`).
MARKER = ".analysis-report"
#: Files that do not make a folder "non-empty" (a placeholder that keeps an empty folder in git).
PLACEHOLDERS = frozenset({".gitkeep", MARKER})


def _fail(folder: Path, what: str, todo: str, exc: OSError | None = None) -> OutputFolderError:
    reason = f" ({exc.strerror or exc})" if exc is not None else ""
    return OutputFolderError(f"output folder {folder} {what}{reason}; {todo}")


def read_marker(folder: str | os.PathLike) -> dict | None:
    """What the marker of ``folder`` says (who wrote the folder, when, which files), or None without a marker."""
    path = Path(folder) / MARKER
    if not path.is_file():
        return None
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def _write_marker(folder: Path, info: dict) -> None:
    info = {"written_by": info.get("written_by", "analysis"), **info,
            "updated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "note": "This folder was written by the Arabic news analysis package; running the command again "
                    "replaces the files listed here. Delete this file to protect the folder from being overwritten."}
    text = json.dumps(info, ensure_ascii=False, indent=1) + "\n"
    try:
        _write(folder / MARKER, lambda p: p.write_text(text, encoding="utf-8"))
    except OSError as exc:
        raise _fail(folder, "is not writable", "choose another folder", exc) from exc


def _provenance(folder: Path, marker: dict | None, written: Iterable[str] = (),
                fingerprint: Fingerprint | None = None) -> dict:
    """The marker's provenance entries: the files still there keep theirs, ``written`` get ``fingerprint``'s."""
    marker = marker or {}
    traced = {name: fid for name, fid in (marker.get("provenance") or {}).items()
              if isinstance(fid, str) and (folder / name).is_file()}
    corpora = dict(marker.get("corpora") or {})
    if fingerprint is not None:
        traced.update(dict.fromkeys(written, fingerprint.id))
        corpora[fingerprint.id] = fingerprint.as_dict()
    used = set(traced.values())
    return {"provenance": dict(sorted(traced.items())), "corpora": {k: v for k, v in corpora.items() if k in used}}


def _run_info(producer: str, files: list[str], fingerprint: Fingerprint | None, corpus) -> dict:
    info: dict = {"written_by": producer, "files": files}
    if corpus is not None:
        info["corpus"] = str(corpus)
    if fingerprint is not None:
        info["corpus_fingerprint"] = fingerprint.id
    return info


def record_outputs(folder: str | os.PathLike, names: Iterable[str],
                   fingerprint: Fingerprint | None = None) -> None:
    """Record in the marker of ``folder`` that the files ``names`` were written from ``fingerprint`` (default: the
    corpus this process exports into ``folder`` from, see :func:`analysis.output.provenance.use_corpus`).

    Nothing is recorded without a fingerprint or in a folder without a marker (not one of ours).
    """
    folder = Path(folder)
    fingerprint = fingerprint if fingerprint is not None else folder_corpus(folder)
    marker = read_marker(folder) if fingerprint is not None else None
    if fingerprint is None or marker is None:
        return
    _write_marker(folder, {**marker, **_provenance(folder, marker, names, fingerprint)})


def claim_folder(out: str | os.PathLike, *, force: bool = False, producer: str = "analysis",
                 clean: bool = False, corpus: str | os.PathLike | None = None) -> Path:
    """Make ``out`` ready for exports and mark it as ours; return it as a Path.

    * a missing folder is created; an existing one must be a writable folder;
    * an existing folder that holds anything but a ``.gitkeep`` and has no marker file
      (:data:`MARKER`) belongs to someone else: :class:`OutputFolderError`, unless ``force``;
    * a folder with the marker was written by this package and may be written again; with
      ``clean`` the files its marker lists (the previous run's outputs, ``name`` or
      ``subfolder/name``) are removed first, so a report never shows a stale figure; nothing
      else is ever removed;
    * ``corpus``: the output folder must not be the corpus folder or lie inside it (the next
      notebook would read the outputs as articles).

    The marker (JSON: who wrote the folder, when, from which corpus and its fingerprint, which files, and
    per file the corpus fingerprint it was written from) is written when missing, or rewritten when ``clean``.
    """
    folder = Path(out)
    if corpus is not None:
        source = Path(corpus).resolve()
        if source.is_dir() and folder.resolve().is_relative_to(source):
            raise OutputFolderError(f"output folder {folder} is inside the corpus folder {corpus}: the outputs would "
                                    "be read as articles; choose a folder outside the corpus")
    try:
        a_file = folder.exists() and not folder.is_dir()
    except OSError as exc:  # a folder above it cannot be read
        raise _fail(folder, "cannot be reached", "fix the permissions of the folders above it or choose another "
                    "folder", exc) from exc
    if a_file:
        raise _fail(folder, "is a file, not a folder", "choose another folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _fail(folder, "cannot be created", "choose a folder you can write to", exc) from exc
    try:
        entries = [p.name for p in folder.iterdir()]
    except OSError as exc:
        raise _fail(folder, "cannot be read", "fix its permissions or choose another folder", exc) from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _fail(folder, "is not writable", "fix its permissions or choose another folder")
    marker = read_marker(folder)
    if marker is None and not force and any(name not in PLACEHOLDERS and not _ours(folder / name) for name in entries):
        raise OutputFolderError(f"output folder {folder} is not empty and was not written by this package; "
                                "use --force (force=True) to write into it anyway, or choose another folder")
    if clean and marker:
        for name in marker.get("files", []):
            _remove_listed(folder, str(name))
    if marker is None or clean:
        fingerprint = corpus_fingerprint(corpus) if corpus is not None else None
        _write_marker(folder, {**_run_info(producer, [], fingerprint, corpus), **_provenance(folder, marker)})
    return folder


def _ours(path: Path) -> bool:
    """A folder this package wrote (it holds a marker): e.g. the per-corpus folders of notebooks run by hand."""
    try:
        return path.is_dir() and not path.is_symlink() and (path / MARKER).is_file()
    except OSError:
        return False


def _listed_name(name: str) -> bool:
    """Whether ``name`` is what a marker may list: a plain name or ``subfolder/name``, never the marker."""
    parts = name.split("/")
    return not (len(parts) > 2 or any(not part or part in (".", "..") or Path(part).name != part for part in parts)
                or name in PLACEHOLDERS)


def _remove_listed(folder: Path, name: str) -> None:
    """Remove the file ``name`` a marker lists: a plain name, or ``subfolder/name`` (removing the subfolder
    once empty); never a path leading elsewhere, never the marker itself."""
    if not _listed_name(name):
        return
    parts = name.split("/")
    path = folder.joinpath(*parts)
    if path.is_file() or path.is_symlink():
        path.unlink()
    if len(parts) == 2 and not path.parent.is_symlink() and path.parent.is_dir() and not any(path.parent.iterdir()):
        path.parent.rmdir()


def record_swap(out: Path, old: dict, new: dict, names: Sequence[str], move) -> None:
    """Swap a complete run into ``out``: remove the files its marker ``old`` lists, ``move(name)`` each of ``names``
    (the new run's files, ``name`` or ``subfolder/name``) into it, and write the marker ``new`` (the run's, with the
    provenance of the files ``out`` keeps).  See :mod:`analysis.report.staging`."""
    for name in old.get("files", []):
        _remove_listed(out, str(name))
    moved = []
    for name in names:
        if _listed_name(name):
            (out / name).parent.mkdir(exist_ok=True)
            move(name)
            moved.append(name)
    kept = _provenance(out, old)
    traced = {**kept["provenance"], **{k: v for k, v in (new.get("provenance") or {}).items() if k in moved}}
    corpora = {**kept["corpora"], **(new.get("corpora") or {})}
    info = {k: v for k, v in new.items() if k not in ("updated", "note", "provenance", "corpora")}
    used = set(traced.values())
    _write_marker(out, {**info, "files": moved, "provenance": dict(sorted(traced.items())),
                        "corpora": {k: v for k, v in corpora.items() if k in used}})


def _stamps(folder: Path, subfolders: Sequence[str] = ()) -> dict[str, int]:
    """Modification times of the files of ``folder`` and of its ``subfolders`` (named ``subfolder/name``)."""
    stamps = {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if p.is_file() and p.name not in PLACEHOLDERS}
    for sub in subfolders:
        inside = folder / sub
        if inside.is_dir() and not inside.is_symlink():
            stamps.update({f"{sub}/{p.name}": p.stat().st_mtime_ns for p in inside.iterdir() if p.is_file()})
    return stamps


@contextmanager
def output_folder(out: str | os.PathLike, *, force: bool = False, producer: str = "analysis",
                  corpus: str | os.PathLike | None = None, subfolders: Sequence[str] = ()) -> Iterator[Path]:
    """Claim ``out`` with :func:`claim_folder` (``clean=True``) for one run; record the files it wrote.

    On leaving (also after an error or Ctrl-C), the marker lists every file the run created or
    changed, so the next run replaces exactly those; files written in ``subfolders`` (plain
    folder names, such as the report's work area ``work``) are listed as ``subfolder/name``.
    With a ``corpus``, each of those files is recorded as written from its fingerprint
    (:mod:`analysis.output.provenance`).
    """
    folder = claim_folder(out, force=force, producer=producer, clean=True, corpus=corpus)
    fingerprint = corpus_fingerprint(corpus) if corpus is not None else None
    before = _stamps(folder, subfolders)
    try:
        yield folder
    finally:
        after = _stamps(folder, subfolders)
        files = sorted(name for name, stamp in after.items() if before.get(name) != stamp)
        marker = read_marker(folder)
        _write_marker(folder, {**_run_info(producer, files, fingerprint, corpus),
                               **_provenance(folder, marker, files, fingerprint)})


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
      :func:`analysis.output.charts.chart_data`) goes beside it as UTF-8 CSV with a BOM, so
      spreadsheet programs show the Arabic, formula-like cells neutralised (:func:`spreadsheet_safe`);
      no CSV when there is no data;
    * nothing is written outside ``out`` (created when missing): a ``name`` that is a path out
      of it (``../x``, ``/tmp/x``) is refused with OptionError (a ValueError); a title's slashes become ``_``.

    Texts are passed through :func:`analysis.output.shaping.fix_arabic` first, so a figure
    made on a renderer that does not shape Arabic is exported right as well.
    Returns ``{format: path}`` (with ``"csv"`` when written).
    """
    if isinstance(formats, str):
        formats = (formats,)
    formats = [f.lower().lstrip(".") for f in formats]
    unknown = [f for f in formats if f not in SUPPORTED]
    if unknown:
        raise OptionError(f"unsupported format(s) {', '.join(unknown)}; use some of {', '.join(SUPPORTED)}")
    _refuse_paths(str(name))
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
        _write_csv(table, path)
        written["csv"] = path
    record_outputs(folder, [p.name for p in written.values()])
    return written


def save_table(table: pd.DataFrame, name: str, *, out: str | os.PathLike = "figures") -> Path:
    """Write ``table`` as ``out/<name>.csv`` (UTF-8 with a BOM, so spreadsheets show Arabic).

    A text cell a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` ...) is written with a leading
    apostrophe (:func:`spreadsheet_safe`); ``table`` is not changed.  The same name overwrites the same file;
    nothing is written outside ``out``.
    """
    _refuse_paths(str(name))
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{safe_name(name)}.csv"
    _write_csv(table, path)
    record_outputs(folder, [path.name])
    return path


#: What makes a spreadsheet program read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?")


def _formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value)


def spreadsheet_safe(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` as a spreadsheet may open it: each text cell (and column name) that starts with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return gets a leading apostrophe, so it shows as text, never runs
    as a formula.  Numbers are left alone (``-3.5`` in a number column, or written as text); ``table`` itself is
    not changed (a new frame is returned when a cell needs it).

    >>> t = pd.DataFrame({"speaker": ["=SUM(1)", "وزير", "-3.5"], "change": [-3.5, 2.0, 1.0]})
    >>> spreadsheet_safe(t).values.tolist()
    [["'=SUM(1)", -3.5], ['وزير', 2.0], ['-3.5', 1.0]]
    >>> t.loc[0, "speaker"]
    '=SUM(1)'
    """
    safe = table
    for i in range(table.shape[1]):
        values = table.iloc[:, i]
        if pd.api.types.is_numeric_dtype(values.dtype) or pd.api.types.is_datetime64_any_dtype(values.dtype):
            continue
        cells = values.tolist()
        risky = np.fromiter((_formula_like(v) for v in cells), dtype=bool, count=len(cells))
        if risky.any():
            if safe is table:
                safe = table.copy()
            safe.isetitem(i, pd.Series([f"'{v}" if r else v for v, r in zip(cells, risky, strict=True)],
                                       index=table.index, dtype=object if values.dtype == object else None))
    if any(_formula_like(c) for c in table.columns):
        safe = safe.copy() if safe is table else safe
        safe.columns = [f"'{c}" if _formula_like(c) else c for c in table.columns]
    return safe


def _write_csv(table: pd.DataFrame, path: Path) -> None:
    """``table`` as CSV for spreadsheets: UTF-8 with a BOM (Arabic shows), formula-like cells neutralised."""
    safe = spreadsheet_safe(table)
    _write(path, lambda p: safe.to_csv(p, index=False, encoding="utf-8-sig", lineterminator="\n"))
