"""Bar charts of counts: the most frequent terms, and any value per label (articles per outlet ...)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.measures.terms import term_frequency
from analysis.output.charts.common import (
    PALETTE,
    chart_style,
    check_measure,
    finish,
    hbars,
    is_articles,
    new_figure,
    require_columns,
    set_title,
)
from analysis.output.charts.labels import label_text
from analysis.output.charts.spellings import display_spelling


def plot_top_terms(
    data: pd.DataFrame,
    *,
    top: int = 20,
    measure: str = "count",
    form: str = "normalized",
    ngram: int = 1,
    stopwords: bool | Iterable[str] = True,
    normalize_options: Mapping[str, bool] | None = None,
    title: str | None = None,
    lang: str = "ar",
    rtl: bool | None = None,
    font=None,
    color: str = PALETTE[0],
    ax=None,
) -> Figure:
    """Horizontal bar chart of the ``top`` most frequent terms.

    ``data``: an articles frame (terms are counted with
    :func:`analysis.term_frequency` and the given ``form``/``ngram``/``stopwords``) or
    a frame with ``term`` and the ``measure`` column (e.g. ``term_frequency`` output,
    optionally with a ``display`` column).  ``measure``: ``count``, ``doc_count``
    (articles using the term) or ``share``.  Chart data: ``rank, term, display`` and
    the counts.
    """
    check_measure(measure, ("count", "doc_count", "share"))
    rtl = lang == "ar" if rtl is None else rtl
    if is_articles(data):
        table = term_frequency(data, form=form, ngram=ngram, stopwords=stopwords, normalize_options=normalize_options)
        table = table.sort_values([measure, "term"], ascending=[False, True], kind="stable").head(top)
    else:
        require_columns(data, ["term", measure], "terms")
        table = data.sort_values([measure, "term"], ascending=[False, True], kind="stable").head(top)
    table = table.copy()
    table.insert(0, "rank", np.arange(1, len(table) + 1))
    table.insert(2, "display", display_spelling(table).to_numpy())
    with chart_style(font):
        fig = ax.get_figure(root=True) if ax is not None else new_figure(8, 1.2 + 0.32 * max(len(table), 3))
        ax = ax if ax is not None else fig.add_subplot()
        hbars(ax, table["display"].tolist(), table[measure].to_numpy(dtype=float), rtl=rtl, measure=measure,
              color=color)
        ax.set_xlabel(label_text(lang, measure))
        set_title(ax, title, label_text(lang, "top_terms"), rtl)
        return finish(fig, table, font, axes=[ax])


def plot_counts(
    table: pd.DataFrame,
    label: str,
    value: str = "articles",
    *,
    title: str | None = None,
    xlabel: str | None = None,
    sort: bool = True,
    lang: str = "ar",
    rtl: bool | None = None,
    font=None,
    color: str = PALETTE[0],
    ax=None,
) -> Figure:
    """Horizontal bars of any ``value`` per ``label`` (articles per outlet, section, month ...).

    ``sort=False`` keeps the table's order (months stay in calendar order).  The chart
    data is the table itself.

    >>> from analysis.output.shaping import chart_data
    >>> t = pd.DataFrame({"outlet": ["سكاي نيوز", "CNN"], "articles": [12, 7]})
    >>> chart_data(plot_counts(t, "outlet", title="المقالات"))["outlet"].tolist()
    ['سكاي نيوز', 'CNN']
    """
    require_columns(table, [label, value], "counts")
    rtl = lang == "ar" if rtl is None else rtl
    shown = table.sort_values(value, ascending=False, kind="stable") if sort else table
    shown = shown.reset_index(drop=True)
    with chart_style(font):
        fig = ax.get_figure(root=True) if ax is not None else new_figure(8, 1.2 + 0.32 * max(len(shown), 3))
        ax = ax if ax is not None else fig.add_subplot()
        hbars(ax, shown[label].astype(str).tolist(), shown[value].to_numpy(dtype=float), rtl=rtl, measure="count",
              color=color)
        if xlabel:
            ax.set_xlabel(xlabel)
        set_title(ax, title, "", rtl)
        return finish(fig, shown, font, axes=[ax])
