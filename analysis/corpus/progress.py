"""A progress bar over the input files of a load, shown only when a corpus is large."""

from __future__ import annotations

__all__ = ["PROGRESS_THRESHOLD", "Progress"]

#: with ``progress=None`` a bar appears once more inputs than this have been met
PROGRESS_THRESHOLD = 500


class Progress:
    """A tqdm bar over input files, opened lazily once there are many (or at once if forced)."""

    def __init__(self, mode: bool | None):
        self.mode = mode
        self.total: int | None = None
        self.count = 0
        self.bar = None

    def step(self) -> None:
        """One more input met."""
        self.count += 1
        if self.bar is not None:
            self.bar.update(1)
        elif self.mode is True or (self.mode is None and self.count > PROGRESS_THRESHOLD):
            from tqdm.auto import tqdm

            from analysis.progress import bar_stream

            self.bar = tqdm(
                total=self.total,
                initial=self.count,
                unit=" files",
                desc="load_corpus",
                file=bar_stream(),
                mininterval=0.5,
            )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
