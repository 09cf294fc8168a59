"""Exceptions a user of the package can meet, each naming what went wrong and where."""

from __future__ import annotations


class AnalysisError(Exception):
    """Base class of every error the package raises on purpose."""


class CorpusNotFoundError(AnalysisError, FileNotFoundError):
    """The corpus path given to :func:`analysis.load_corpus` does not exist."""


class EmptyCorpusError(AnalysisError, ValueError):
    """A corpus source exists but yielded no article; the load report says why per file."""

    def __init__(self, message: str, report=None):
        super().__init__(message)
        #: the load report frame (one row per input file), for inspection
        self.report = report


class CorpusFormatError(AnalysisError, ValueError):
    """An option or a file does not fit the format asked for (bad ``format=``, ``columns=`` ...)."""
