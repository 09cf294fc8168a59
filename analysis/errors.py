"""Exceptions a user of the package can meet, each naming what went wrong, where, and what to do.

Every error the package raises on purpose is an :class:`AnalysisError`, so one
``except AnalysisError`` catches them all; each also refines the builtin it resembles
(``FileNotFoundError``, ``ValueError``), so code written against those keeps working.

What :func:`analysis.load_corpus` raises:

=========================  ==========================================================
exception                  when (the message names the path and says what to do)
=========================  ==========================================================
CorpusNotFoundError        the path does not exist; it is a URL (only local files are
                           read); a symbolic link that is dangling or loops
EmptyCorpusError           the path exists but no article loads: an empty folder, or
                           every file skipped (unreadable, binary, damaged, refused
                           archive bomb, corrupt archive ...); ``.report`` has one
                           row per input with the reason
CorpusFormatError          a bad option (``format``, ``columns``, ``encoding``,
                           ``progress``, ``max_bytes``, ``max_ratio``) or a source that
                           is not a path (a number, a path with a NUL character)
=========================  ==========================================================

A damaged or refused file among good ones is never an exception: it is a row of the
load report (``articles.attrs["load_report"]``) with a reason, and the rest loads.

>>> from analysis import load_corpus
>>> try:
...     load_corpus("no/such/folder")
... except AnalysisError as exc:
...     print(type(exc).__name__, "-", str(exc).split(" (")[0])
CorpusNotFoundError - corpus path not found: no/such/folder
"""

from __future__ import annotations


class AnalysisError(Exception):
    """Base class of every error the package raises on purpose."""


class CorpusNotFoundError(AnalysisError, FileNotFoundError):
    """The corpus path given to :func:`analysis.load_corpus` does not exist (or is a URL, a dangling link, a loop)."""


class EmptyCorpusError(AnalysisError, ValueError):
    """A corpus source exists but yielded no article; the load report says why per file.

    The message names the source and, for up to three inputs, each one with its whole
    reason (e.g. an archive refused as a bomb, or corrupt); for more, the commonest reasons.
    """

    def __init__(self, message: str, report=None):
        super().__init__(message)
        #: the load report frame (one row per input file), for inspection
        self.report = report


class CorpusFormatError(AnalysisError, ValueError):
    """An option or a source does not fit (bad ``format=``, ``columns=``, ``max_bytes=`` ..., a source not a path)."""


class OptionError(AnalysisError, ValueError):
    """An argument value a function does not take (``form="roots"``, ``window=-1``, ``kind="pie"``);
    the message names the argument, the value and the values it takes."""


class OptionTypeError(AnalysisError, TypeError):
    """An argument of the wrong kind (a single string where a collection of words is expected)."""


class ColumnError(AnalysisError, KeyError):
    """A frame lacks a column the call needs (``by="outlet"`` on articles without outlets, claims
    without ``article_id``); the message names the frame, the column and where it comes from."""

    def __str__(self) -> str:  # KeyError would print the message in quotes
        return str(self.args[0]) if self.args else ""


class TableError(AnalysisError, ValueError):
    """A data table (agencies, reporting verbs, places, a lexicon file) that cannot be used: names the
    file or frame, the row or column, and the problem."""


class FontError(AnalysisError, ValueError):
    """A font asked for (``ANALYSIS_ARABIC_FONT``, ``use_arabic_font(name)``) is missing or has no Arabic."""


class OutputFolderError(AnalysisError):
    """The output folder cannot be used: it is a file, it is not writable, it lies inside the corpus,
    or it holds files this package did not write (pass ``--force`` / ``force=True`` to write there anyway)."""


class UsageError(AnalysisError, ValueError):
    """A command-line option does not fit the corpus (e.g. ``--by`` names a column it does not have)."""


class NotebookError(AnalysisError):
    """A notebook of the report failed; the message names the notebook and the cell."""
