"""What the rules read: the tables (agencies, reporting verbs), the paragraph and the sentence.

A :class:`Paragraph` is the normalised text of one paragraph with its sentence and quote
spans and the tables; a :class:`Sentence` is one sentence of it with its numbers in the
article.  Every stage is a plain function of these (offsets are in the normalised text).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pandas as pd

from analysis.sources.agencies import AgencyTable, agency_table
from analysis.sources.attribution.cues import VerbForm, VerbTable, verb_table
from analysis.sources.attribution.words import Span

TableLike = pd.DataFrame | str | os.PathLike | None


@dataclass(frozen=True, eq=False)
class Tables:
    """The agencies table and the reporting verbs, compiled for matching."""

    agencies: AgencyTable
    verbs: VerbTable


def attribution_tables(agencies: AgencyTable | TableLike = None, verbs: VerbTable | TableLike = None) -> Tables:
    """Compile the tables once: ``None`` gives the shipped ones (see :func:`analysis.sources.agencies.load_agencies`
    and :func:`load_reporting_verbs`)."""
    return Tables(agency_table(agencies), verb_table(verbs))


@dataclass(frozen=True, eq=False)
class Paragraph:
    """One paragraph being read: its normalised text, sentence spans, quote spans and the tables."""

    text: str
    sentences: tuple[Span, ...]
    quotes: list[Span]
    tables: Tables
    forms: dict[str, VerbForm] = field(init=False)  # the verb forms, read in every stage

    def __post_init__(self) -> None:
        object.__setattr__(self, "forms", self.tables.verbs.forms)


@dataclass(frozen=True, eq=False)
class Sentence:
    """One sentence of a paragraph: its span in the paragraph and its numbers in the article."""

    par: Paragraph
    start: int
    end: int
    par_no: int
    sent_no: int
