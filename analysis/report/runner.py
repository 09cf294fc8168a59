"""The main job: run the report's notebooks on a corpus and assemble a report.

``run_report(corpus, out)`` executes the notebooks listed in :mod:`analysis.report.manifest`
headless (nbclient), with the corpus, the output folder and the work area injected after the
cell tagged ``parameters`` (the papermill convention), writes the executed notebooks, the
figures and tables the notebooks export, and ``report.html`` (:mod:`analysis.report.page`).
The notebooks share the corpus and the extraction results through the work area
(:mod:`analysis.report.workarea`): the corpus is loaded once per report, the attributions
extracted once.  The run is written into a temporary folder beside ``out`` and swapped in when
complete (:mod:`analysis.report.staging`): an interrupted or failed re-run leaves the previous
report as it was.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from analysis.errors import CorpusNotFoundError, EmptyCorpusError, NotebookError
from analysis.report.manifest import NOTEBOOKS, PACKAGE_PARENT, checkout_root, notebook_paths
from analysis.report.page import write_html_report
from analysis.report.relay import ProgressRelay, load_summary
from analysis.report.staging import staged_output
from analysis.report.workarea import WORK_FOLDER, clear_work_area, work_area

__all__ = ["default_corpus", "default_out", "notebook_paths", "run_notebook", "run_report", "write_html_report",
           "NotebookError"]


def default_corpus() -> Path:
    """What the notebooks analyse when given nothing else: the project's seeds/ in a checkout, else ./seeds."""
    root = checkout_root()
    return root / "seeds" if root is not None else Path("seeds")


def default_out() -> Path:
    """Where the notebooks write when given nothing else: the project's figures/ in a checkout, else ./figures."""
    root = checkout_root()
    return root / "figures" if root is not None else Path("figures")


def _inject(nb, parameters: dict) -> None:
    """Add a cell setting ``parameters`` right after the cell tagged ``parameters``."""
    import nbformat

    source = "# Parameters injected by `python -m analysis report`\n" + "".join(
        f"{k} = {v!r}\n" for k, v in parameters.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    at = next((i + 1 for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])), 0)
    nb.cells.insert(at, cell)


def run_notebook(path: Path, out: Path, parameters: dict, *, timeout: int = 1800,
                 environment: dict[str, str] | None = None) -> Path:
    """Execute one notebook headless; save the executed copy in ``out``; return its path.

    ``environment``: variables given to the kernel besides this process's.  Every failure is a
    :class:`NotebookError` naming the notebook (and the cell when one failed).
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
    paths = [str(PACKAGE_PARENT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    env = {**os.environ, **(environment or {}), "PYTHONPATH": os.pathsep.join(dict.fromkeys(paths))}
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
        stopping = getattr(client, "_async_cleanup_kernel_future", None) is not None  # the client caught the signal
        interrupted = isinstance(exc, KeyboardInterrupt) or stopping
        if interrupted:
            # the client's kernel watcher may die with the kernel; asyncio would print its traceback ("Task
            # exception was never retrieved") when the task is collected, after our "interrupted" line
            logging.getLogger("asyncio").setLevel(logging.CRITICAL)
        if interrupted and not isinstance(exc, KeyboardInterrupt):
            raise KeyboardInterrupt(f"interrupted while running {name}") from exc
        raise


def run_report(corpus: str | os.PathLike | None = None, out: str | os.PathLike | None = None, *,
               force: bool = False, notebooks: Sequence[Path] | None = None,
               progress: Callable[[str], None] | None = None) -> Path:
    """Run every notebook on ``corpus`` and write figures, tables and ``report.html`` into ``out``.

    Returns the path of ``report.html``.  Nothing is written outside ``out`` but the run's
    temporary folder beside it (kernels run with it as their working folder): the run is written
    there and swapped into ``out`` when complete, so an interrupted or failing re-run leaves the
    previous report as it was (:mod:`analysis.report.staging`).  ``out`` is created and marked as
    ours (a ``.analysis-report`` file, see :func:`analysis.output.export.claim_folder`); a folder
    that already holds other files is refused unless ``force``; the files of an earlier run into
    the same folder are replaced, the work area ``out/work/`` included.  The marker records the
    corpus's fingerprint, per file (:mod:`analysis.output.provenance`).

    ``progress`` is called with each line to say (default: print on stderr): the notebooks as they
    run, and one line of articles loaded and files skipped; the kernels' progress bars go to stderr.

    Raises :class:`CorpusNotFoundError` when the corpus is missing, :class:`EmptyCorpusError`
    when it is an empty folder, :class:`~analysis.errors.OutputFolderError` when ``out``
    cannot be used, and :class:`NotebookError` when a notebook is missing or fails (naming
    the notebook and cell).
    """
    corpus = Path(corpus) if corpus is not None else default_corpus()
    out = Path(out) if out is not None else default_out()
    if not corpus.exists():
        raise CorpusNotFoundError(f"corpus path not found: {corpus}; give an existing folder, file or archive")
    if corpus.is_dir() and not any(p.is_file() for p in corpus.rglob("*")):
        raise EmptyCorpusError(f"corpus folder has no files: {corpus}; put article files in it or give another path")
    say = progress or (lambda message: print(message, file=sys.stderr, flush=True))
    paths = list(notebooks) if notebooks is not None else notebook_paths()
    with staged_output(out, force=force, producer="python -m analysis report", corpus=corpus,
                       subfolders=(WORK_FOLDER,)) as stage, ProgressRelay() as relay:
        clear_work_area(stage)  # the notebooks must never read an earlier run's articles
        parameters = {"corpus": str(corpus.resolve()), "out": str(stage.resolve()),
                      "work": str(work_area(stage).resolve())}
        summary = None
        for i, path in enumerate(paths, start=1):
            started = time.perf_counter()
            say(f"[{i}/{len(paths)}] running {path.name} ...")
            run_notebook(path, stage, parameters, environment=relay.environment)
            say(f"[{i}/{len(paths)}] {path.name} done in {time.perf_counter() - started:.1f} s")
            if summary is None and (summary := load_summary(work_area(stage), out)) is not None:
                say(summary)
        if not any(path.name in _PAGE_WRITERS for path in paths):
            write_html_report(stage, corpus=str(corpus))
    report = out / "report.html"
    say(f"report: {report}")
    return report


#: The notebooks that write report.html themselves (otherwise the runner writes it).
_PAGE_WRITERS = frozenset(n.file for n in NOTEBOOKS if "report.html" in n.writes)
