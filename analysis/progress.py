"""Progress bars over long steps (extracting sources and claims from many articles).

A bar appears from :data:`PROGRESS_FROM` articles (fewer run in seconds), or when asked
(``progress=True``); ``progress=False`` never shows one.  Where it is drawn:

* in a terminal or a script: tqdm's text bar on stderr;
* in a Jupyter notebook: tqdm's widget when ipywidgets is installed, else the text bar on
  stdout (a plain output, not a red stderr box);
* in a notebook run by ``python -m analysis report``: the report command draws the bar in its
  own terminal; the kernel writes ``step<TAB>done<TAB>total<TAB>unit`` lines to the file named by
  :data:`RELAY_ENV`, which the command reads (see :func:`analysis.report.runner.run_report`).
"""

from __future__ import annotations

import os
import sys
import time
import warnings
from collections.abc import Iterable, Iterator

from tqdm import TqdmWarning

with warnings.catch_warnings():
    # tqdm.auto warns ("IProgress not found") in a kernel without ipywidgets, at import, as a red box in
    # JupyterLab; the text bar below is used then.  Imported here once, before other modules import it.
    warnings.simplefilter("ignore", TqdmWarning)
    from tqdm.auto import tqdm as _auto_tqdm

__all__ = ["PROGRESS_FROM", "RELAY_ENV", "bar_stream", "progress_bar", "show_progress"]

#: With ``progress=None``, a bar appears from this many articles.
PROGRESS_FROM = 1000
#: Set by the report command for its kernels: the file their progress lines go to.
RELAY_ENV = "ANALYSIS_PROGRESS_FILE"


def show_progress(progress: bool | None, articles: int) -> bool:
    """Whether to draw a bar: ``progress`` when given, else from :data:`PROGRESS_FROM` ``articles`` (never
    by default on a Dask worker, where each partition would draw its own)."""
    if progress is None:
        return articles >= PROGRESS_FROM and not _on_dask_worker()
    return bool(progress)


def _on_dask_worker() -> bool:
    distributed = sys.modules.get("distributed")  # only when already imported by the Dask engine
    try:
        return distributed is not None and distributed.get_worker() is not None
    except (ValueError, AttributeError):
        return False


def _in_kernel() -> bool:
    shell = sys.modules.get("IPython")
    try:
        return shell is not None and "IPKernelApp" in shell.get_ipython().config
    except AttributeError:
        return False


def bar_stream():
    """Where a text bar goes: stdout inside a Jupyter kernel (a plain output, not a red stderr box), else stderr."""
    return sys.stdout if _in_kernel() else sys.stderr


def progress_bar(items: Iterable, *, total: int, desc: str, unit: str = " articles", show: bool = True) -> Iterable:
    """``items`` with a progress bar of ``total`` steps (``items`` as they are when not ``show``)."""
    if not show:
        return items
    relay = os.environ.get(RELAY_ENV)
    if relay:
        return _relayed(items, total, desc, unit, relay)
    if _in_kernel() and _auto_tqdm.__module__.startswith("tqdm.std"):  # no widgets: text, on stdout
        return _auto_tqdm(items, total=total, desc=desc, unit=unit, file=sys.stdout, mininterval=0.5)
    return _auto_tqdm(items, total=total, desc=desc, unit=unit, mininterval=0.5)


def _relayed(items: Iterable, total: int, desc: str, unit: str, path: str) -> Iterator:
    """``items``, writing ``desc\\tdone\\ttotal\\tunit`` lines to ``path`` at most twice a second and at the end."""
    last = 0.0
    done = 0

    def say() -> None:
        try:
            with open(path, "a", encoding="utf-8") as relay:
                relay.write(f"{desc}\t{done}\t{total}\t{unit}\n")
        except OSError:
            pass

    say()
    for item in items:
        yield item
        done += 1
        now = time.monotonic()
        if now - last >= 0.5:
            last = now
            say()
    say()
