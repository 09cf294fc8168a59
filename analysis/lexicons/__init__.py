"""The word lists and tables the rules read: data files, one per concept, in this folder.

Every file is UTF-8 text: ``#`` lines are comments (say what the list is for and why), one
comment names the normalisation key that entries are stored in and matched with
(``# key: norm``), the first other line is a tab-separated header, then one row per line.
A word list has the single column ``word``; a table has more (``reporting_verbs.tsv``:
``lemma``, ``masculine``, ``feminine``, ``plural``, ``participles``, ``preps``, ``takes``,
``note``).  Columns listed in ``# keyed:`` (default: the first) hold keys, and the first of
them may not be empty; several keys in one cell are separated by spaces.  ``# excludes: a, b``
names lists that may share no entry with this one (a test checks it): e.g. words that end a
speaker's name must not also be words that may stand inside one.  Shipped files store
each key already normalised, so what you read is what is matched (a test checks it);
a user's own file may be written naturally: it is normalised on loading.

The keys (normalisation for matching, never for display):

* ``norm``: :func:`analysis.text.normalize.norm`: tashkeel, tatweel and invisible marks
  dropped, أ إ آ ٱ → ا, ى → ي (ة kept);
* ``word_key``: the same and ة → ه (number words and claim context: "مئة" = "مئه");
* ``exact``: as written.

>>> sorted(words("anaphoric_adjectives"))[:2]
['المذكور', 'المذكورة']
>>> KEYS["word_key"]("ألفَيْ"), KEYS["norm"]("الأناضول")
('الفي', 'الاناضول')
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd

from analysis.errors import TableError
from analysis.text.normalize import norm, normalize


def _word_key(text: str) -> str:
    return normalize(text, teh_marbuta=True)


KEYS: dict[str, Callable[[str], str]] = {"norm": norm, "word_key": _word_key, "exact": str}


class LexiconError(TableError):
    """A lexicon file that cannot be read: names the file, the line and the problem."""


@dataclass(frozen=True)
class Lexicon:
    """One data file: its name, key, header, keyed columns and rows (tuples of cells, keys normalised)."""

    name: str
    key: str
    columns: tuple[str, ...]
    keyed: tuple[str, ...]
    excludes: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    source: str

    def column(self, name: str) -> list[str]:
        i = self.columns.index(name)
        return [row[i] for row in self.rows]

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(list(self.rows), columns=list(self.columns))


def _parse(text: str, source: str, *, normalise: bool) -> Lexicon:
    key, keyed, header, rows, excludes = None, None, None, [], ()
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        if line.startswith("#"):
            name, _, value = line[1:].partition(":")
            if name.strip() == "key":
                key = value.strip()
            elif name.strip() == "excludes":
                excludes = tuple(v.strip() for v in value.split(",") if v.strip())
            elif name.strip() == "keyed":
                keyed = tuple(v.strip() for v in value.split(",") if v.strip())
            continue
        cells = tuple(c.strip() for c in line.split("\t"))
        if header is None:
            header = cells
            continue
        if len(cells) > len(header):
            raise LexiconError(f"{source}, line {number}: {len(cells)} cells for {len(header)} columns "
                               f"({', '.join(header)}); separate cells with one tab")
        rows.append((number, cells + ("",) * (len(header) - len(cells))))
    if key is None or key not in KEYS:
        raise LexiconError(f"{source}: no '# key: NAME' line naming one of {', '.join(KEYS)}")
    if header is None:
        raise LexiconError(f"{source}: no header line (tab-separated column names)")
    keyed = keyed or header[:1]
    missing = [c for c in keyed if c not in header]
    if missing:
        raise LexiconError(f"{source}: '# keyed:' names {', '.join(missing)}, not in the header {', '.join(header)}")
    to_key = KEYS[key]
    positions = [header.index(c) for c in keyed]
    out = []
    for number, cells in rows:
        if not cells[positions[0]]:
            raise LexiconError(f"{source}, line {number}: empty {header[positions[0]]!r}")
        if normalise:
            cells = tuple(" ".join(to_key(w) for w in c.split()) if i in positions else c
                          for i, c in enumerate(cells))
        out.append(cells)
    name = Path(source).stem
    return Lexicon(name, key, header, keyed, excludes, tuple(out), source)


def available() -> list[str]:
    """Names of the shipped lexicons."""
    folder = resources.files(__name__)
    return sorted(p.name.rsplit(".", 1)[0] for p in folder.iterdir() if p.name.endswith((".tsv", ".txt")))


@functools.cache
def _shipped(name: str, normalise: bool) -> Lexicon:
    folder = resources.files(__name__)
    for ext in (".tsv", ".txt"):
        ref = folder.joinpath(name + ext)
        if ref.is_file():
            return _parse(ref.read_text(encoding="utf-8"), f"analysis/lexicons/{name}{ext}", normalise=normalise)
    raise LexiconError(f"no lexicon named {name!r}; shipped: {', '.join(available())}")


def load(name_or_path: str | os.PathLike[str], *, normalise: bool = True) -> Lexicon:
    """A shipped lexicon by name (``"time_words"``), or a user's file by path (normalised on loading).

    ``normalise=False`` gives the cells as written (the consistency test compares both).
    """
    if isinstance(name_or_path, str) and os.sep not in name_or_path and "." not in name_or_path:
        return _shipped(name_or_path, normalise)
    path = Path(name_or_path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise LexiconError(f"{path}: no such lexicon file") from None
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8") from None
    return _parse(text, str(path), normalise=normalise)


@functools.cache
def words(name: str, column: str | None = None) -> frozenset[str]:
    """The keys of one column (default: the first keyed one) of a shipped lexicon, as a set of cells.

    A cell may hold a phrase ("على الأقل"); tables whose cells list several forms are read with :func:`load`.
    """
    lex = _shipped(name, True)
    return frozenset(lex.column(column or lex.keyed[0]))


@functools.cache
def reporting_verb_forms(key: str = "word_key") -> frozenset[str]:
    """Every form of every lemma of ``reporting_verbs.tsv`` (past and present by gender, participles),
    under ``key``: the one definition of reporting verbs, for rules that only need to recognise one.

    >>> forms = reporting_verb_forms()
    >>> {"قال", "اضافت", "مشيرا", "يؤكد"} <= forms, "قالت" in reporting_verb_forms("norm")
    (True, True)
    """
    lex = _shipped("reporting_verbs", True)
    to_key = KEYS[key]
    columns = [lex.columns.index(c) for c in ("masculine", "feminine", "plural", "participles")]
    return frozenset(to_key(form) for row in lex.rows for i in columns for form in row[i].split())
