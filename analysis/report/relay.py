"""What the report command says while the notebooks run: the kernels' progress bars and the load summary.

The kernels' own output goes into the executed notebooks, not to the terminal.  A long step in a
kernel (extracting attributions or claims from many articles, see :mod:`analysis.progress`)
writes its progress to a file this process names (``ANALYSIS_PROGRESS_FILE``); :class:`ProgressRelay`
reads it twice a second and draws the bars on stderr.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from pathlib import Path

from analysis.progress import RELAY_ENV


class ProgressRelay:
    """Draw on ``stream`` the progress the kernels report; ``environment`` is what to give the kernels."""

    def __init__(self, stream=None):
        self.stream = stream if stream is not None else sys.stderr
        fd, name = tempfile.mkstemp(prefix="analysis-progress-", suffix=".txt")
        os.close(fd)
        self.path = Path(name)
        self.environment = {RELAY_ENV: str(self.path)}
        self._read = 0
        self._rest = ""
        self._bars: dict[str, object] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="analysis-progress", daemon=True)

    def __enter__(self) -> ProgressRelay:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        try:
            self._poll()
        finally:
            for bar in self._bars.values():
                bar.close()
            self.path.unlink(missing_ok=True)

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            self._poll()

    def _poll(self) -> None:
        try:
            with open(self.path, encoding="utf-8") as relay:
                relay.seek(self._read)
                text = relay.read()
                self._read = relay.tell()
        except OSError:
            return
        *lines, self._rest = (self._rest + text).split("\n")
        for line in lines:
            parts = line.split("\t")
            if len(parts) == 4 and parts[1].isdigit() and parts[2].isdigit():
                self._show(parts[0], int(parts[1]), int(parts[2]), parts[3])

    def _show(self, step: str, done: int, total: int, unit: str) -> None:
        from tqdm import tqdm

        bar = self._bars.get(step)
        if bar is None:
            bar = self._bars[step] = tqdm(total=total, desc=step, unit=unit, file=self.stream, mininterval=0)
        bar.n = min(done, total)
        bar.refresh()
        if done >= total:
            bar.close()
            del self._bars[step]


def load_summary(work: Path, out: Path) -> str | None:
    """One line: articles loaded, files read and skipped, where the skipped are listed; None before the load."""
    import pandas as pd
    import pyarrow.parquet as pq

    report_path, articles_path = work / "load_report.parquet", work / "articles.parquet"
    if not (report_path.is_file() and articles_path.is_file()):
        return None
    try:
        report = pd.read_parquet(report_path, columns=["status"])
        articles = pq.read_metadata(articles_path).num_rows
    except (OSError, ValueError, KeyError):
        return None
    skipped = int((report["status"] == "skipped").sum())
    where = f": listed with the reason in {out / '01_skipped.csv'}" if skipped else ""
    return f"loaded {articles:,} articles from {len(report):,} files ({skipped:,} skipped{where})"
