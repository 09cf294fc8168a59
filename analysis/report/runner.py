"""The main job: run the numbered notebooks on a corpus and assemble a report.

``run_report(corpus, out)`` executes every notebook of ``notebooks/`` headless
(nbclient), with the corpus and output folder injected after the cell tagged
``parameters`` (the papermill convention), writes the executed notebooks, the
figures and tables the notebooks export, and ``report.html``: one self-contained,
right-to-left page with every figure embedded and the key tables.
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from analysis.errors import AnalysisError, CorpusNotFoundError, EmptyCorpusError, NotebookError
from analysis.output.display import table_html
from analysis.output.export import output_folder

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = PROJECT_ROOT / "notebooks"
DEFAULT_CORPUS = PROJECT_ROOT / "seeds"
DEFAULT_OUT = PROJECT_ROOT / "figures"
#: What each notebook answers, for the report's headings (Arabic, English).
SECTIONS = {
    "01": ("نظرة عامة على المدونة", "Corpus overview"),
    "02": ("تكرار الكلمات", "Term frequency"),
    "03": ("المصادر: من يُقتبس وعبر أي وكالة", "Sources: who is quoted, through which agency"),
    "04": ("الأرقام والادعاءات", "Numeric claims"),
    "05": ("التقرير", "Report"),
}
#: Tables shown in the HTML report (the rest are linked as CSV files).
REPORT_TABLES = ("01_summary", "01_by_outlet", "02_terms", "02_keyness_table", "03_speakers", "03_agency_counts",
                 "04_claims", "04_comparison")


def default_corpus() -> Path:
    """The project's seed folder: what the notebooks analyse when given nothing else."""
    return DEFAULT_CORPUS


def default_out() -> Path:
    return DEFAULT_OUT


def notebook_paths(folder: Path = NOTEBOOKS) -> list[Path]:
    """The numbered notebooks, in order (``01_...ipynb`` ...)."""
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb") if p.is_file())


def _inject(nb, parameters: dict) -> None:
    """Add a cell setting ``parameters`` right after the cell tagged ``parameters``."""
    import nbformat

    source = "# Parameters injected by `python -m analysis report`\n" + "".join(
        f"{k} = {v!r}\n" for k, v in parameters.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    at = next((i + 1 for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])), 0)
    nb.cells.insert(at, cell)


def run_notebook(path: Path, out: Path, parameters: dict, *, timeout: int = 1800) -> Path:
    """Execute one notebook headless; save the executed copy in ``out``; return its path.

    Every failure is a :class:`NotebookError` naming the notebook (and the cell when one failed).
    """
    try:
        import nbformat
        from jupyter_client.kernelspec import NoSuchKernel
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    except ImportError as exc:
        raise NotebookError(f"running {path.name} needs nbclient, nbformat and ipykernel ({exc}); "
                            "install them with: pip install -r requirements.txt") from exc
    try:
        nb = nbformat.read(path, as_version=4)
    except (OSError, ValueError) as exc:
        raise NotebookError(f"cannot read the notebook {path}: {exc}; restore it from the repository") from exc
    _inject(nb, parameters)
    # The kernel must import this very package, installed or not (given to the kernel only:
    # this process's environment is left as it was).
    paths = [str(PROJECT_ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(dict.fromkeys(paths))}
    # The kernel works in the output folder: a relative path in a cell lands there, not in the project.
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(out.resolve())}})
    executed = out / path.name
    # The kernel process's own messages (not the cells' output, which goes into the notebook) are kept
    # out of the user's terminal, in an anonymous temporary file, and quoted only when the kernel fails.
    with tempfile.TemporaryFile() as log:
        try:
            _execute(client, path.name, env=env, stdout=log, stderr=log)
        except CellExecutionError as exc:
            nbformat.write(nb, executed)
            failed = next((i for i, c in enumerate(nb.cells)
                           if any(o.get("output_type") == "error" for o in c.get("outputs", []))), None)
            where = f"cell {failed}" if failed is not None else "a cell"
            code = nb.cells[failed].source.strip().splitlines()[:1] if failed is not None else []
            message = re.sub(r"\x1b\[[0-9;]*m", "", str(exc)).strip()  # drop terminal colours
            last = message.splitlines()[-1] if message else type(exc).__name__
            raise NotebookError(f"{path.name} failed in {where} ({code[0] if code else ''!s}): {last}; "
                                f"open {executed} to see the error in its cell") from exc
        except (CellTimeoutError, DeadKernelError, NoSuchKernel) as exc:
            log.seek(0)
            lines = [line.strip() for line in log.read().decode("utf-8", "replace").splitlines() if line.strip()]
            said = f"; the kernel said: {lines[-1][:300]}" if lines else ""
            if isinstance(exc, NoSuchKernel):
                raise NotebookError(f"cannot start a python3 Jupyter kernel to run {path.name} ({exc}){said}; "
                                    "install one with: pip install ipykernel") from exc
            nbformat.write(nb, executed)
            what = f"took longer than {timeout} s in a cell" if isinstance(exc, CellTimeoutError) else "lost its kernel"
            raise NotebookError(f"{path.name} {what}{said}; the executed notebook so far is {executed}; "
                                "try a smaller corpus, or run with --debug") from exc
    nbformat.write(nb, executed)
    return executed


def _execute(client, name: str, **kwargs) -> None:
    """``client.execute(**kwargs)``; a Ctrl-C (or SIGTERM) comes out as KeyboardInterrupt.

    The notebook client handles those signals in its event loop: it stops the kernel, then
    fails in one of several ways (the kernel died, its clean-up trips on the kernel already
    gone); whichever it raises, the caller sees the interrupt.
    """
    try:
        client.execute(**kwargs)
    except BaseException as exc:
        if getattr(client, "_async_cleanup_kernel_future", None) is not None and not isinstance(exc, KeyboardInterrupt):
            raise KeyboardInterrupt(f"interrupted while running {name}") from exc
        raise


def run_report(corpus: str | os.PathLike | None = None, out: str | os.PathLike | None = None, *,
               force: bool = False, notebooks: Sequence[Path] | None = None,
               progress: Callable[[str], None] | None = None) -> Path:
    """Run every notebook on ``corpus`` and write figures, tables and ``report.html`` into ``out``.

    Returns the path of ``report.html``.  Nothing is written outside ``out`` (kernels run
    with ``out`` as their working folder).  ``out`` is created and marked as ours (a
    ``.analysis-report`` file, see :func:`analysis.export.claim_folder`); a folder that
    already holds other files is refused unless ``force``; the files of an earlier run
    into the same folder are replaced.

    Raises :class:`CorpusNotFoundError` when the corpus is missing, :class:`EmptyCorpusError`
    when it is an empty folder, :class:`~analysis.export.OutputFolderError` when ``out``
    cannot be used, and :class:`NotebookError` (naming the notebook and cell) when a
    notebook fails.
    """
    corpus = Path(corpus) if corpus is not None else default_corpus()
    out = Path(out) if out is not None else default_out()
    if not corpus.exists():
        raise CorpusNotFoundError(f"corpus path not found: {corpus}; give an existing folder, file or archive")
    if corpus.is_dir() and not any(p.is_file() for p in corpus.rglob("*")):
        raise EmptyCorpusError(f"corpus folder has no files: {corpus}; put article files in it or give another path")
    say = progress or (lambda message: print(message, file=sys.stderr, flush=True))
    paths = list(notebooks) if notebooks is not None else notebook_paths()
    if not paths:
        raise AnalysisError(f"no numbered notebooks found in {NOTEBOOKS}; restore the notebooks/ folder")
    with output_folder(out, force=force, producer="python -m analysis report", corpus=corpus):
        parameters = {"corpus": str(corpus.resolve()), "out": str(out.resolve())}
        for i, path in enumerate(paths, start=1):
            started = time.perf_counter()
            say(f"[{i}/{len(paths)}] running {path.name} ...")
            run_notebook(path, out, parameters)
            say(f"[{i}/{len(paths)}] {path.name} done in {time.perf_counter() - started:.1f} s")
        report = out / "report.html"
        if not any(p.name.endswith("_report.ipynb") for p in paths):  # 05_report writes it otherwise
            report = write_html_report(out, corpus=str(corpus))
    say(f"report: {report}")
    return report


def _image(path: Path) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(path.stem)}">'


def write_html_report(out: str | os.PathLike, *, corpus: str = "", title: str = "تقرير تحليل الأخبار") -> Path:
    """Assemble ``out/report.html`` from the PNG figures and CSV tables in ``out``.

    Figures are embedded (the page is one self-contained file), grouped by the
    notebook that made them (their ``NN_`` prefix); the tables of
    :data:`REPORT_TABLES` are shown, the others linked.
    """
    out = Path(out)
    figures = sorted(out.glob("[0-9][0-9]_*.png"))
    tables = sorted(out.glob("[0-9][0-9]_*.csv"))
    parts = []
    for number, (heading_ar, heading_en) in SECTIONS.items():
        figs = [f for f in figures if f.name.startswith(number + "_")]
        tabs = [t for t in tables if t.name.startswith(number + "_") and not (out / (t.stem + ".png")).exists()]
        if not figs and not tabs:
            continue
        parts.append(f'<section id="s{number}"><h2>{html.escape(heading_ar)} '
                     f'<span class="en" dir="ltr">{html.escape(heading_en)}</span></h2>')
        for fig in figs:
            data = out / (fig.stem + ".csv")
            link = f' <a href="{html.escape(data.name)}">CSV</a>' if data.exists() else ""
            parts.append(f"<figure>{_image(fig)}<figcaption><bdi>{html.escape(fig.stem)}</bdi>{link}"
                         "</figcaption></figure>")
        for tab in tabs:
            if tab.stem in REPORT_TABLES:
                frame = pd.read_csv(tab, encoding="utf-8-sig")
                parts.append(f"<h3><bdi>{html.escape(tab.stem)}</bdi></h3>{table_html(frame, max_rows=20)}")
            else:
                parts.append(f'<p class="file"><a href="{html.escape(tab.name)}"><bdi>{html.escape(tab.name)}</bdi>'
                             "</a></p>")
        parts.append("</section>")
    meta = json.dumps({"corpus": corpus, "generated": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())},
                      ensure_ascii=False)
    page = f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<style>
body {{ font-family: "Noto Naskh Arabic", "Amiri", "DejaVu Sans", sans-serif; margin: 2em auto; max-width: 1100px;
       line-height: 1.6; color: #222; }}
h1, h2, h3 {{ text-align: right; }}
h2 .en {{ font-size: 0.6em; color: #777; margin-inline-start: 1em; }}
figure {{ margin: 1.5em 0; }}
figure img {{ max-width: 100%; border: 1px solid #eee; }}
figcaption {{ font-size: 0.85em; color: #555; }}
table.data {{ border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }}
table.data th, table.data td {{ border-bottom: 1px solid #ddd; padding: 0.2em 0.6em; text-align: right; }}
p.more {{ font-size: 0.8em; color: #777; }}
</style>
</head>
<body>
<h1>{html.escape(title)} <span class="en" dir="ltr">News analysis report</span></h1>
<p class="meta">المدونة: <bdi>{html.escape(corpus)}</bdi></p>
<script type="application/json" id="report-meta">{html.escape(meta)}</script>
{''.join(parts)}
</body>
</html>
"""
    path = out / "report.html"
    path.write_text(page, encoding="utf-8")
    return path
