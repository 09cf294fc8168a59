"""The notebooks a report runs, in order, with their headings and what each writes: the one list of them.

The notebooks live at the top of the repository (``notebooks/``, where users open them in
JupyterLab); an installed package carries copies of them as package data
(``analysis/report/notebooks/``, put there by the build step in ``setup.py``).
:func:`notebook_folder` finds whichever applies.

>>> [n.number for n in NOTEBOOKS]
['01', '02', '03', '04', '05']
>>> section_headings()["02"]
('تكرار الكلمات', 'Term frequency')
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from analysis.errors import NotebookError

#: The folder that holds the ``analysis`` package: the repository in a checkout, site-packages once installed.
PACKAGE_PARENT = Path(__file__).resolve().parents[2]
#: Where the build step puts the notebooks inside the installed package.
SHIPPED_NOTEBOOKS = Path(__file__).resolve().parent / "notebooks"


@dataclass(frozen=True)
class ReportNotebook:
    """One notebook of the report: its file, the report's heading for its section, and what it writes.

    ``writes``: the files it exports into the output folder (shell patterns); ``shown_tables``:
    the tables of its section that ``report.html`` shows (the others are linked as CSV files);
    ``shares``: what it reads from (or first puts into) the work area, see :mod:`analysis.report.workarea`;
    ``order``: the stems of its figures and tables (shell patterns) in the order it writes them, the
    order ``report.html`` shows them in (stems it does not list come after, by name).
    """

    file: str
    heading_ar: str
    heading_en: str
    writes: tuple[str, ...]
    shown_tables: tuple[str, ...] = ()
    shares: tuple[str, ...] = ()
    order: tuple[str, ...] = ()

    @property
    def number(self) -> str:
        """The two-digit prefix that also starts the name of every file it writes."""
        return self.file[:2]


NOTEBOOKS = (
    ReportNotebook("01_corpus_overview.ipynb", "نظرة عامة على المدونة", "Corpus overview",
                   writes=("01_summary.csv", "01_by_outlet.csv", "01_articles.csv", "01_articles_by_*.*",
                           "01_lengths.csv", "01_furniture_*.csv", "01_skipped.csv", "01_outlying_dates.csv"),
                   shown_tables=("01_summary", "01_by_outlet", "01_articles", "01_furniture_summary",
                                 "01_outlying_dates"),
                   shares=("articles", "content"),
                   order=("01_summary", "01_by_outlet", "01_articles", "01_articles_by_outlet",
                          "01_articles_by_section", "01_articles_by_month", "01_articles_by_*", "01_lengths",
                          "01_furniture_summary", "01_furniture_removed", "01_furniture*", "01_skipped",
                          "01_outlying_dates")),
    ReportNotebook("02_terms.ipynb", "تكرار الكلمات", "Term frequency",
                   writes=("02_terms.csv", "02_top_*.*", "02_terms_by_*.*", "02_terms_over_time.*",
                           "02_keyness_table.csv", "02_keyness.*", "02_naming*.*", "02_kwic.csv",
                           "02_article_terms.csv", "02_wordcloud.*"),
                   shown_tables=("02_terms", "02_article_terms", "02_keyness_table", "02_naming_shares"),
                   shares=("articles", "content"),
                   order=("02_terms", "02_article_terms", "02_top_terms", "02_top_stems", "02_top_bigrams",
                          "02_top_*", "02_terms_by_*", "02_terms_over_time", "02_keyness_table", "02_keyness",
                          "02_naming_shares", "02_naming",
                          "02_naming_over_time", "02_naming_table", "02_naming_mentions", "02_naming_candidates",
                          "02_naming*", "02_kwic", "02_wordcloud")),
    ReportNotebook("03_sources.ipynb", "المصادر: من يُقتبس وعبر أي وكالة",
                   "Sources: who is quoted, through which agency",
                   writes=("03_attributions.csv", "03_speakers.csv", "03_sources.*", "03_sources_by_type.*",
                           "03_verbs.*", "03_agency_counts.csv", "03_agencies.*", "03_statements.csv"),
                   shown_tables=("03_statements", "03_speakers", "03_agency_counts"),
                   shares=("articles", "attributions"),
                   order=("03_attributions", "03_statements", "03_speakers", "03_sources", "03_sources_by_type",
                          "03_verbs", "03_agency_counts", "03_agencies")),
    ReportNotebook("04_claims.ipynb", "الأرقام والادعاءات", "Numeric claims",
                   writes=("04_claims.csv", "04_numbers.csv", "04_claims_by_unit.*", "04_claims_by_source.*",
                           "04_comparison.csv"),
                   shown_tables=("04_numbers", "04_claims", "04_comparison"),
                   shares=("articles", "attributions", "claims"),
                   order=("04_claims", "04_numbers", "04_claims_by_unit", "04_claims_by_source", "04_comparison")),
    ReportNotebook("05_report.ipynb", "التقرير", "Report", writes=("report.html",)),
)


def section_headings() -> dict[str, tuple[str, str]]:
    """The report's heading of each notebook's section, by number: ``{"01": (Arabic, English), ...}``."""
    return {n.number: (n.heading_ar, n.heading_en) for n in NOTEBOOKS}


def shown_tables() -> frozenset[str]:
    """The tables ``report.html`` shows in full (the rest are linked)."""
    return frozenset(name for n in NOTEBOOKS for name in n.shown_tables)


def section_order() -> dict[str, tuple[str, ...]]:
    """The order of each section's figures and tables, by number (see :attr:`ReportNotebook.order`)."""
    return {n.number: n.order for n in NOTEBOOKS}


def checkout_root() -> Path | None:
    """The repository this package is imported from, or None when it is installed."""
    root = PACKAGE_PARENT
    return root if (root / "pyproject.toml").is_file() and (root / "notebooks").is_dir() else None


def notebook_folder() -> Path:
    """The repository's ``notebooks/`` in a checkout (the ones users edit), else the copies shipped in the package."""
    root = checkout_root()
    return root / "notebooks" if root is not None else SHIPPED_NOTEBOOKS


def notebook_paths(folder: Path | None = None) -> list[Path]:
    """The notebooks of :data:`NOTEBOOKS`, in order, in ``folder`` (default: :func:`notebook_folder`).

    A notebook missing from the folder is a :class:`NotebookError` naming it.
    """
    folder = Path(folder) if folder is not None else notebook_folder()
    paths = [folder / n.file for n in NOTEBOOKS]
    missing = [p.name for p in paths if not p.is_file()]
    if missing:
        raise NotebookError(f"the report's notebook(s) {', '.join(missing)} are missing from {folder}; restore them "
                            "from the repository (or reinstall the package)")
    return paths
