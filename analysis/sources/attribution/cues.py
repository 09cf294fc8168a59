"""The cues of reported speech: reporting verbs (a data table users extend) and attribution phrases.

The verbs live in ``analysis/lexicons/reporting_verbs.tsv``, one row per lemma: its
masculine, feminine and plural forms, adverbial participles, the prepositions that may
open its content, what it ``takes`` (``person``, ``bare_content``, ``told``) and a note.
A user's own rows add to it or replace a lemma of the same name (:func:`load_reporting_verbs`).

>>> forms = verb_table().forms
>>> forms["اضافت"].lemma, forms["اضافت"].gender, forms["لافتا"].participle
('أضاف', 'f', True)
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.errors import ColumnError, TableError
from analysis.lexicons import load
from analysis.sources.attribution.words import NOT_W_AFTER, NOT_W_BEFORE, alternation
from analysis.text.normalize import norm

#: columns of the reporting-verb table (``lemma`` and one form column at least are required)
VERB_COLUMNS = ["lemma", "masculine", "feminine", "plural", "participles", "preps", "takes", "note"]
FORM_COLUMNS = ("masculine", "feminine", "plural", "participles")
TAKES = ("person", "bare_content", "told", "comp_only", "prep_only")


@dataclass(frozen=True)
class VerbForm:
    """One form of a reporting verb: its lemma, the subject's gender it agrees with (m f p), whether it
    is an adverbial participle, the prepositions that may open its content and what it takes."""

    lemma: str
    gender: str
    participle: bool
    preps: tuple[str, ...]
    takes: frozenset[str] = frozenset()


@dataclass(frozen=True, eq=False)
class VerbTable:
    """The reporting verbs compiled for matching: every form, and the regexes built from them."""

    forms: dict[str, VerbForm]
    verb_re: re.Pattern  # a verb form with its conjunction and "قد" ("وقد أعلنت")
    cue_re: re.Pattern  # a verb form or an attribution phrase: a paragraph without one has no statement
    issued_re: re.Pattern  # "وفق حصيلة أعلنها ...": a verb with an object pronoun
    object_relative_re: re.Pattern  # "الواحد مليون التي أعلنتها الحكومة": a relative, a verb and its pronoun


# "بحسب ما ذكرت"، "وفقا لما نقلته"، "حسبما أفادت"، "نقلا عن"، "وفق": the phrase, an optional
# "ما" and the verb it governs ("فحسب", only, is not matched: و is the only clitic allowed);
# "على حد قوله/تعبير الوزير/زعمها" (not "على حد سواء"); "وجاء في البيان أن" (a document's words).
PHRASE_RE = re.compile(
    rf"{NOT_W_BEFORE}(?P<pw>و?)(?P<ph>(?:وفقا|طبقا|استنادا)\s*ل(?=[^\W\d_]|[\"«“])"
    rf"|(?:ب?حسب(?:ما)?|وفق(?:ا|ما)?|طبقا|نقلا\s+عن|استنادا\s+(?:الي|علي)){NOT_W_AFTER}"
    rf"|علي\s+حد(?=\s+(?:قول|تعبير|زعم|وصف))|جاء\s+في{NOT_W_AFTER})"
    rf"(?P<ma>\s*ما{NOT_W_AFTER})?"
)
# the lemma a phrase reports as, by its first letters
PHRASE_LEMMA = {"حسب": "بحسب", "وفق": "وفقا", "طبق": "وفقا", "نقل": "نقلا عن", "است": "وفقا", "علي": "على حد قوله",
                "جاء": "جاء في"}
def _anonymous(pattern: str) -> str:
    """A pattern with its named groups made plain, to be joined with others that reuse the names."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


_PHRASE_ANON = _anonymous(PHRASE_RE.pattern)


# --- the table ---------------------------------------------------------------------------------------


def _rows_with_lines(path: Path, lex) -> list[int]:
    """Line numbers of the rows of a lexicon file (for messages naming the line)."""
    text = path.read_text(encoding="utf-8-sig")
    lines = [n for n, raw in enumerate(text.splitlines(), 1) if raw.strip() and not raw.startswith("#")]
    return lines[1:1 + len(lex.rows)]


def _check(table: pd.DataFrame, source: str, lines: list[int] | None = None) -> pd.DataFrame:
    missing = [c for c in ("lemma",) if c not in table.columns]
    if missing or not any(c in table.columns for c in FORM_COLUMNS):
        raise ColumnError(f"the reporting-verb table {source} needs the columns lemma and one of "
                          f"{', '.join(FORM_COLUMNS)}; it has {', '.join(map(str, table.columns))}")
    for column in VERB_COLUMNS:
        if column not in table.columns:
            table[column] = ""
    table = table[VERB_COLUMNS].fillna("").astype(str)
    for i, row in enumerate(table.itertuples(index=False)):
        where = f"{source}, line {lines[i]}" if lines else f"{source}, row {i + 1}"
        if not row.lemma.strip():
            raise TableError(f"{where}: empty lemma; every row names its verb's lemma")
        if not any(getattr(row, c).strip() for c in FORM_COLUMNS):
            raise TableError(f"{where}: the verb {row.lemma!r} has no form; list its forms in "
                             f"{', '.join(FORM_COLUMNS)}")
        bad = sorted(set(row.takes.split()) - set(TAKES))
        if bad:
            raise TableError(f"{where}: unknown 'takes' value(s) {', '.join(bad)}; use {', '.join(TAKES)}")
    return table.reset_index(drop=True)


def _normalised(table: pd.DataFrame) -> pd.DataFrame:
    table = table.copy()
    for column in (*FORM_COLUMNS, "preps"):
        table[column] = [" ".join(norm(w) for w in cell.split()) for cell in table[column]]
    table["lemma"] = table["lemma"].str.strip()
    return table


@functools.cache
def _shipped() -> pd.DataFrame:
    return _check(load("reporting_verbs").frame(), "analysis/lexicons/reporting_verbs.tsv")


def load_reporting_verbs(path: str | os.PathLike | pd.DataFrame | None = None) -> pd.DataFrame:
    """The reporting-verb table: the shipped one (``path=None``), or it with your rows added.

    ``path`` is a file in the shipped file's format (``analysis/lexicons/reporting_verbs.tsv``:
    a ``# key: norm`` line, a tab-separated header, one row per lemma; forms separated by
    spaces, written as you like: they are normalised) or a frame with those columns
    (:data:`VERB_COLUMNS`; ``lemma`` and one form column are required).  Your rows come
    first: a lemma of the same name (compared normalised) replaces the shipped row, a new
    lemma adds a verb, and a form listed under two lemmas belongs to yours.  Raises
    :class:`analysis.errors.TableError` naming the file and line of a malformed row.

    >>> mine = pd.DataFrame([{"lemma": "استرسل", "masculine": "استرسل", "feminine": "استرسلت",
    ...                       "participles": "مسترسلا مسترسلة"}])
    >>> table = load_reporting_verbs(mine)
    >>> table["lemma"].iloc[0], len(table) == len(load_reporting_verbs()) + 1
    ('استرسل', True)
    """
    shipped = _shipped()
    if path is None:
        return shipped.copy()
    if isinstance(path, pd.DataFrame):
        mine = _check(path.copy(), "(your frame)")
    else:
        lex = load(Path(path), normalise=False)
        mine = _check(lex.frame(), str(path), _rows_with_lines(Path(path), lex))
    mine = _normalised(mine)
    replaced = set(mine["lemma"].map(norm))
    rest = shipped[~shipped["lemma"].map(norm).isin(replaced)]
    return pd.concat([mine, rest], ignore_index=True)


def _forms(table: pd.DataFrame) -> dict[str, VerbForm]:
    forms: dict[str, VerbForm] = {}
    for row in table.itertuples(index=False):
        preps = tuple(row.preps.split())
        takes = frozenset(row.takes.split())
        for column, gender in (("masculine", "m"), ("feminine", "f"), ("plural", "p")):
            for w in getattr(row, column).split():
                forms.setdefault(w, VerbForm(row.lemma, gender, False, preps, takes))
        for w in row.participles.split():
            gender = "f" if w.endswith("ة") else "p" if w.endswith(("ين", "ون")) else "m"
            forms.setdefault(w, VerbForm(row.lemma, gender, True, preps, takes))
    return forms


def compile_verbs(table: pd.DataFrame) -> VerbTable:
    """Compile a table of :func:`load_reporting_verbs` for matching."""
    forms = _forms(table)
    # "و قال" (a space after the conjunction, a common slip) is "وقال"
    verb_re = re.compile(rf"{NOT_W_BEFORE}(?P<pre>(?:[وف] ?)?(?:قد\s+)?)(?P<v>{alternation(forms)}){NOT_W_AFTER}")
    said = [f for f, e in forms.items() if not e.participle]
    issuers = said + load("issuing_verbs").column("word")
    object_relative_re = re.compile(rf"{NOT_W_BEFORE}(?P<rel>التي|الذي|الذين)\s+(?P<v>{alternation(said)})"
                                    rf"(?P<pron>ه|ها|هم|هما){NOT_W_AFTER}")
    return VerbTable(
        forms=forms,
        verb_re=verb_re,
        cue_re=re.compile(verb_re.pattern + "|" + _PHRASE_ANON + "|" + _anonymous(object_relative_re.pattern)),
        issued_re=re.compile(rf"{NOT_W_BEFORE}(?:{alternation(issuers)})(?:ه|ها|هم){NOT_W_AFTER}"),
        object_relative_re=object_relative_re,
    )


@functools.cache
def _shipped_verbs() -> VerbTable:
    return compile_verbs(_shipped())


def verb_table(verbs: VerbTable | pd.DataFrame | str | os.PathLike | None = None) -> VerbTable:
    """The compiled verbs: the shipped table (``None``), or it with a user's rows (a path or a frame)."""
    if isinstance(verbs, VerbTable):
        return verbs
    if verbs is None:
        return _shipped_verbs()
    return compile_verbs(load_reporting_verbs(verbs))


def reporting_verbs() -> pd.DataFrame:
    """The reporting-verb forms as a frame: ``form`` (normalised), ``lemma``, ``gender``
    (``m``/``f``/``p``), ``participle`` and ``preps`` (prepositions that may open the content).

    >>> v = reporting_verbs().set_index("form")
    >>> v.loc["اضافت", ["lemma", "gender"]].tolist(), v.loc["لافتا", "participle"]
    (['أضاف', 'f'], np.True_)
    """
    return pd.DataFrame(
        [(f, e.lemma, e.gender, e.participle, " ".join(e.preps)) for f, e in verb_table().forms.items()],
        columns=["form", "lemma", "gender", "participle", "preps"],
    )
