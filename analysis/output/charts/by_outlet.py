"""Terms per outlet (or any grouping column): one panel per outlet, or grouped bars of the same terms."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.errors import OptionError, TableError
from analysis.measures.terms import term_frequency
from analysis.output.charts.common import (
    PALETTE,
    chart_style,
    check_measure,
    finish,
    format_value,
    hbars,
    is_articles,
    legend,
    new_figure,
    require_columns,
    set_title,
    style_bar_axes,
)
from analysis.output.charts.labels import label_text
from analysis.output.charts.spellings import display_spelling, resolve_terms
from analysis.output.shaping import rtl_axes


def plot_terms_by_outlet(
    data: pd.DataFrame,
    *,
    by: str = "outlet",
    top: int = 8,
    kind: str = "panels",
    terms: Sequence[str] | None = None,
    measure: str = "share",
    form: str = "normalized",
    ngram: int = 1,
    stopwords: bool | Iterable[str] = True,
    normalize_options: Mapping[str, bool] | None = None,
    ncols: int | None = None,
    title: str | None = None,
    lang: str = "ar",
    rtl: bool | None = None,
    font=None,
) -> Figure:
    """Terms per outlet (or any ``by`` column): small multiples or grouped bars.

    ``kind="panels"``: one panel per outlet with its own ``top`` terms.
    ``kind="grouped"``: the same terms for every outlet side by side (``terms``, or the
    ``top`` most frequent overall), to compare outlets on each term.  ``measure``:
    ``share`` (of the outlet's counted words; default, since outlets differ in
    size), ``count`` or ``doc_count``.  ``data``: an articles frame or a
    ``term_frequency(..., by=by)`` frame.
    """
    check_measure(measure, ("count", "doc_count", "share"))
    if kind not in ("panels", "grouped"):
        raise OptionError(f"kind must be 'panels' or 'grouped'; got {kind!r}")
    rtl = lang == "ar" if rtl is None else rtl
    if is_articles(data):
        table = term_frequency(data, by=by, form=form, ngram=ngram, stopwords=stopwords,
                               normalize_options=normalize_options)
    else:
        require_columns(data, [by, "term", measure], "terms")
        table = data
    table = table[table[by].notna()]
    if table.empty:
        raise TableError(f"no {by!r} values to split the terms by (the column is empty or missing)")
    groups = table.groupby(by, sort=False)["count"].sum().sort_values(ascending=False, kind="stable").index.tolist()
    if kind == "panels":
        table = table.sort_values([by, measure, "term"], ascending=[True, False, True], kind="stable")
        table = table.groupby(by, sort=False).head(top).copy()
    else:
        if terms is None:
            totals = table.groupby("term")["count"].sum().sort_values(ascending=False, kind="stable")
            chosen = totals.index[:top].tolist()
        else:
            chosen = resolve_terms(terms, table, form, normalize_options)
        table = table[table["term"].isin(chosen)].copy()
        full = pd.MultiIndex.from_product([groups, chosen], names=[by, "term"])
        table = table.set_index([by, "term"]).reindex(full).reset_index()
        for column in ("count", "doc_count", "share"):
            if column in table.columns:
                table[column] = table[column].fillna(0)
    table.insert(table.columns.get_loc("term") + 1, "display", display_spelling(table).to_numpy())
    with chart_style(font):
        if kind == "panels":
            fig = _panels(table, by, groups, measure, top, ncols, rtl)
        else:
            fig = _grouped(table, by, groups, chosen, measure, rtl)
        for ax in fig.axes:
            ax.set_xlabel(label_text(lang, measure), fontsize="small")
        set_title(fig, title, label_text(lang, "by_outlet" if kind == "panels" else "terms_by_outlet"), rtl)
        return finish(fig, table, font)


def _panels(table, by, groups, measure, top, ncols, rtl) -> Figure:
    n = max(len(groups), 1)
    ncols = ncols or min(n, 3)
    nrows = int(np.ceil(n / ncols))
    fig = new_figure(3.6 * ncols, 0.7 + nrows * (0.6 + 0.3 * top))
    axes = fig.subplots(nrows, ncols, squeeze=False)
    for i, group in enumerate(groups):
        row, col = divmod(i, ncols)
        ax = axes[row][ncols - 1 - col if rtl else col]
        rows = table[table[by] == group]
        hbars(ax, rows["display"].tolist(), rows[measure].to_numpy(dtype=float), rtl=rtl, measure=measure,
              color=PALETTE[i % len(PALETTE)])
        ax.set_title(str(group), loc="right" if rtl else "left", fontsize="medium", fontweight="bold")
    for j in range(len(groups), nrows * ncols):
        row, col = divmod(j, ncols)
        axes[row][ncols - 1 - col if rtl else col].set_visible(False)
    return fig


def _grouped(table, by, groups, chosen, measure, rtl) -> Figure:
    fig = new_figure(8, 1.2 + 0.22 * len(chosen) * max(len(groups), 1) + 0.2 * len(chosen))
    ax = fig.add_subplot()
    if rtl:
        rtl_axes(ax, category_axis="y")
    height = 0.8 / max(len(groups), 1)
    y = np.arange(len(chosen))
    names = table.drop_duplicates("term").set_index("term")["display"]
    for i, group in enumerate(groups):
        rows = table[table[by] == group].set_index("term").reindex(chosen)
        bars = ax.barh(y - 0.4 + height * (i + 0.5), rows[measure].to_numpy(dtype=float), height=height,
                       color=PALETTE[i % len(PALETTE)], label=str(group))
        ax.bar_label(bars, labels=[format_value(v, measure) for v in rows[measure].fillna(0)], padding=2,
                     fontsize="x-small")
    ax.set_yticks(y, [names.get(t, t) for t in chosen])
    style_bar_axes(ax, len(chosen), rtl=rtl, measure=measure)
    legend(fig, ax, rtl, own_axes=True)
    return fig
