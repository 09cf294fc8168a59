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
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path, PurePosixPath, PureWindowsPath

import matplotlib as mpl
import pandas as pd

from analysis.errors import OptionError, OutputFolderError
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

    The marker (JSON: who wrote the folder, when, from which corpus, which files) is written
    when missing, or rewritten when ``clean``.
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
    if marker is None and not force and any(name not in PLACEHOLDERS for name in entries):
        raise OutputFolderError(f"output folder {folder} is not empty and was not written by this package; "
                                "use --force (force=True) to write into it anyway, or choose another folder")
    if clean and marker:
        for name in marker.get("files", []):
            _remove_listed(folder, str(name))
    if marker is None or clean:
        info = {"written_by": producer, "files": []}
        if corpus is not None:
            info["corpus"] = str(corpus)
        _write_marker(folder, info)
    return folder


def _remove_listed(folder: Path, name: str) -> None:
    """Remove the file ``name`` a marker lists: a plain name, or ``subfolder/name`` (removing the subfolder
    once empty); never a path leading elsewhere, never the marker itself."""
    parts = name.split("/")
    if len(parts) > 2 or any(not part or part in (".", "..") or Path(part).name != part for part in parts):
        return
    if name in PLACEHOLDERS:
        return
    path = folder.joinpath(*parts)
    if path.is_file() or path.is_symlink():
        path.unlink()
    if len(parts) == 2 and not path.parent.is_symlink() and path.parent.is_dir() and not any(path.parent.iterdir()):
        path.parent.rmdir()


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
    """
    folder = claim_folder(out, force=force, producer=producer, clean=True, corpus=corpus)
    before = _stamps(folder, subfolders)
    try:
        yield folder
    finally:
        after = _stamps(folder, subfolders)
        files = sorted(name for name, stamp in after.items() if before.get(name) != stamp)
        info = {"written_by": producer, "files": files}
        if corpus is not None:
            info["corpus"] = str(corpus)
        _write_marker(folder, info)


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
      spreadsheet programs show the Arabic; no CSV when there is no data;
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
        _write(path, lambda p: table.to_csv(p, index=False, encoding="utf-8-sig", lineterminator="\n"))
        written["csv"] = path
    return written


def save_table(table: pd.DataFrame, name: str, *, out: str | os.PathLike = "figures") -> Path:
    """Write ``table`` as ``out/<name>.csv`` (UTF-8 with a BOM, so spreadsheets show Arabic).

    The same name overwrites the same file; nothing is written outside ``out``.
    """
    _refuse_paths(str(name))
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{safe_name(name)}.csv"
    _write(path, lambda p: table.to_csv(p, index=False, encoding="utf-8-sig", lineterminator="\n"))
    return path
