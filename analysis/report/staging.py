"""Atomic re-runs: a report is written into a temporary folder beside ``--out`` and moved in only when complete.

``python -m analysis report`` used to empty ``--out`` first, so a Ctrl-C or a failing
notebook left no report at all.  Now :func:`staged_output` claims ``--out`` (refusing a
foreign folder as before, changing nothing in one of ours), writes the new run into
``.NAME.partial-XXXX/`` beside it (inside ``--out`` when its parent cannot be written), and
when the run is complete swaps it in: the previous run's files (those the marker lists) are
removed, the new ones moved in (``os.replace``, the same file system), the marker rewritten.
Ctrl-C is held back for the few milliseconds the swap takes.

If the run stops (Ctrl-C, a failing notebook, a bug) and ``--out`` holds a previous report,
``--out`` is left byte-for-byte as it was; the files of a failed notebook run are kept in
``--out/failed-run/`` to read the error (removed by the next complete run).  If ``--out`` held
no report yet, what the run wrote is moved into ``--out`` as before.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from analysis.errors import NotebookError
from analysis.output.export import MARKER, claim_folder, output_folder, read_marker, record_swap

#: Where the files of a failed run are kept when ``--out`` holds a previous report.
FAILED_RUN = "failed-run"


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C back while the block runs (main thread only); a Ctrl-C meanwhile is dropped, the block completes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, lambda signum, frame: None)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _stage_folder(out: Path) -> Path:
    """A new temporary folder beside ``out`` (inside it when its parent cannot be written)."""
    try:
        return Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))
    except OSError:
        return Path(tempfile.mkdtemp(prefix=".partial-", dir=out))


def _move_in(stage: Path, out: Path) -> None:
    """Replace the previous run's files in ``out`` by the files ``stage``'s marker lists; rewrite the marker."""
    new, old = read_marker(stage) or {}, read_marker(out) or {}
    listed = [str(name) for name in new.get("files", [])]
    with _interrupts_held():
        record_swap(out, old, new, [name for name in listed if (stage / name).is_file()],
                    move=lambda name: os.replace(stage / name, out / name))
        failed = out / FAILED_RUN
        if (failed / MARKER).is_file() and not failed.is_symlink():
            shutil.rmtree(failed, ignore_errors=True)


def _keep_failed(stage: Path, out: Path) -> Path:
    failed = out / FAILED_RUN
    with _interrupts_held():
        if (failed / MARKER).is_file() and not failed.is_symlink():
            shutil.rmtree(failed, ignore_errors=True)
        if failed.exists():  # not ours: leave it, keep the run where it is
            return stage
        os.replace(stage, failed)
    return failed


@contextmanager
def staged_output(out: str | os.PathLike, *, force: bool = False, producer: str = "analysis",
                  corpus: str | os.PathLike | None = None, subfolders: Sequence[str] = ()) -> Iterator[Path]:
    """Claim ``out`` (see :func:`analysis.output.export.claim_folder`), yield a temporary folder to write the run
    into, and swap it into ``out`` when the block completes (see the module docstring for when it does not)."""
    out = Path(out)
    claim_folder(out, force=force, producer=producer, corpus=corpus)  # refuses a foreign folder; a report stays
    stage = _stage_folder(out)
    kept = None
    try:
        with output_folder(stage, producer=producer, corpus=corpus, subfolders=subfolders) as folder:
            yield folder
    except BaseException as exc:
        previous = read_marker(out) or {}
        if not previous.get("files"):  # no report to keep: what was written goes in, as before
            _move_in(stage, out)
            kept = out
        elif isinstance(exc, NotebookError):
            kept = _keep_failed(stage, out)
        if isinstance(exc, NotebookError) and kept is not None:
            raise NotebookError(_moved(str(exc), stage, kept, out)) from exc.__cause__
        raise
    else:
        _move_in(stage, out)
    finally:
        if kept != stage:
            shutil.rmtree(stage, ignore_errors=True)


def _moved(message: str, stage: Path, kept: Path, out: Path) -> str:
    """``message`` with the temporary folder's paths pointing where its files are now."""
    message = message.replace(str(stage), str(kept))
    if kept != out:
        message += f"; {out} still holds the previous report"
    return message
