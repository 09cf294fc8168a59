"""Naming choices: one small panel per naming set with each outlet's shares stacked, and one set over time."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from analysis.errors import OptionError, TableError
from analysis.measures.naming import NAMING_COLUMNS, naming
from analysis.measures.naming_sets import naming_sets, set_notes
from analysis.output.charts.common import (
    PALETTE,
    chart_style,
    finish,
    is_articles,
    new_figure,
    require_columns,
    set_title,
)
from analysis.output.charts.time_axis import date_ticks, every_period, name_list, period_start
from analysis.output.shaping import rtl_axes

_TEXT = {
    "ar": {"title": "التسميات: أي اسم تختاره كل وسيلة للجهة نفسها", "share": "الحصة من الإشارات",
           "over_time": "التسميات عبر الزمن: {}", "few": "أقل من {} إشارات (غير مرسوم): {}", "n": "ن={:,}",
           "mentions": "إشارات"},
    "en": {"title": "Naming: which name each outlet chooses for the same referent", "share": "share of mentions",
           "over_time": "Naming over time: {}", "few": "fewer than {} mentions (not drawn): {}", "n": "n={:,}",
           "mentions": "mentions"},
}


def _group_columns(table: pd.DataFrame) -> list[str]:
    return [c for c in table.columns if c not in NAMING_COLUMNS]


def _titles(table: pd.DataFrame, lang: str) -> dict[str, str]:
    notes = set_notes(naming_sets()).set_index("set")
    column = "referent" if lang == "ar" else "referent_en"
    titles = {}
    for name, referent in table.drop_duplicates("set")[["set", "referent"]].itertuples(index=False):
        shipped = notes[column].get(name, "") if name in notes.index else ""
        titles[name] = (shipped or (referent if lang == "ar" else "") or name)
    return titles


def plot_naming(
    data: pd.DataFrame,
    *,
    sets: Sequence[str] | None = None,
    top_sets: int = 8,
    min_mentions: int = 5,
    ncols: int = 2,
    title: str | None = None,
    lang: str = "ar",
    rtl: bool | None = None,
    font=None,
) -> Figure:
    """One panel per naming set, one row per outlet: the shares of each name, stacked to 100%.

    ``data``: a :func:`analysis.naming` table with one grouping column (``by="outlet"`` or any column),
    or an articles frame (counted per outlet).  ``sets``: the sets to draw, in order; default: the
    ``top_sets`` most mentioned.  Rows with fewer than ``min_mentions`` mentions of the set are left
    out and named under the panel (a share of two mentions says little).  Each panel has its own
    legend (the names differ per set); ``n=`` is the set's mentions in that row.  Chart data: the
    rows drawn.
    """
    if lang not in _TEXT:
        raise OptionError(f"lang must be one of {', '.join(_TEXT)}; got {lang!r}")
    if min_mentions < 1 or top_sets < 1 or ncols < 1:
        raise OptionError("min_mentions, top_sets and ncols must be 1 or more")
    rtl = lang == "ar" if rtl is None else rtl
    table = naming(data) if is_articles(data) else data
    require_columns(table, ["set", "variant", "count", "share", "set_mentions"], "naming")
    groups = _group_columns(table)
    if len(groups) != 1:
        raise TableError(f"plot_naming draws one grouping column (naming(..., by='outlet')); this table has "
                         f"{len(groups)}: {', '.join(groups) or 'none'}")
    by = groups[0]
    totals = table.drop_duplicates(["set", by]).groupby("set", sort=False)["set_mentions"].sum()
    if sets is None:  # the most mentioned sets that have a row to draw
        drawable = set(table.loc[table["set_mentions"] >= min_mentions, "set"])
        totals_drawn = totals[totals.index.isin(drawable)]
        chosen = totals_drawn.sort_values(ascending=False, kind="stable").head(top_sets).index.tolist()
    else:
        chosen = list(sets)
        unknown = [s for s in chosen if s not in totals.index]
        if unknown:
            raise TableError(f"no mentions of the set(s) {', '.join(unknown)} in this table")
    if not chosen:
        raise TableError(f"no naming set is mentioned {min_mentions} times in one {by}: nothing to draw "
                         "(lower min_mentions, or read the table)")
    titles = _titles(table, lang)
    text = _TEXT[lang]
    shown = table[table["set"].isin(chosen) & (table["set_mentions"] >= min_mentions)]
    heights = [max(shown[shown["set"] == s][by].nunique(), 1) for s in chosen]
    nrows = int(np.ceil(len(chosen) / ncols))
    row_heights = [max(heights[r * ncols:(r + 1) * ncols]) for r in range(nrows)]
    width = min(ncols, len(chosen))
    with chart_style(font):
        # One subfigure per panel, so that each legend sits under its own panel and the layout makes room for it.
        fig = new_figure(6.2 * width, 0.6 + sum(2.3 + 0.32 * h for h in row_heights))
        cells = fig.subfigures(nrows, width, squeeze=False, height_ratios=[2.3 + 0.32 * h for h in row_heights])
        for i, name in enumerate(chosen):
            row, col = divmod(i, ncols)
            cell = cells[row][(width - 1 - col) if rtl else col]
            ax = cell.add_subplot()
            rows = table[table["set"] == name]
            few = rows[rows["set_mentions"] < min_mentions].drop_duplicates(by)
            _panel(ax, rows[rows["set_mentions"] >= min_mentions], by, rtl, text)
            ax.set_title(titles[name], loc="right" if rtl else "left", fontsize="medium", fontweight="bold")
            if len(few):
                ax.set_xlabel(text["few"].format(min_mentions, name_list(few[by], lang, limit=len(few))),
                              fontsize="x-small")
            handles, labels = ax.get_legend_handles_labels()
            if rtl:
                handles, labels = handles[::-1], labels[::-1]
            if labels:
                cell.legend(handles, labels, loc="outside lower center", ncol=min(len(labels), 3),
                            fontsize="small", frameon=False, markerfirst=not rtl)
        set_title(fig, title, text["title"], rtl)
        return finish(fig, shown.reset_index(drop=True), font, axes=[a for a in fig.get_axes()])


def _panel(ax, rows: pd.DataFrame, by: str, rtl: bool, text: dict) -> None:
    variants = list(dict.fromkeys(rows["variant"]))
    order = rows.drop_duplicates(by).sort_values("set_mentions", ascending=False, kind="stable")[by].tolist()
    wide = rows.pivot_table(index=by, columns="variant", values="share", aggfunc="sum", fill_value=0)
    wide = wide.reindex(index=order, columns=variants, fill_value=0)
    y = np.arange(len(order))
    left = np.zeros(len(order))
    for k, variant in enumerate(variants):
        values = wide[variant].to_numpy(dtype=float)
        bars = ax.barh(y, values, left=left, height=0.7, color=PALETTE[k % len(PALETTE)], label=variant)
        ax.bar_label(bars, labels=[f"{v:.0%}" if v >= 0.12 else "" for v in values], label_type="center",
                     fontsize="x-small", color="white")
        left += values
    n = rows.drop_duplicates(by).set_index(by)["set_mentions"].reindex(order)
    for yi, count in zip(y, n, strict=True):
        ax.annotate(text["n"].format(int(count)), (1.0, yi), xytext=(-4 if rtl else 4, 0), textcoords="offset points",
                    ha="right" if rtl else "left", va="center", fontsize="x-small")
    ax.set_yticks(y, [str(g) for g in order])
    pad = max(0.0, (3 - len(order)) / 2)  # one or two rows keep the bar height of a fuller panel
    ax.set_ylim(len(order) - 0.5 + pad, -0.5 - pad)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="y", length=0)
    if rtl:
        rtl_axes(ax, category_axis="y")


def plot_naming_over_time(
    table: pd.DataFrame,
    set_name: str,
    *,
    period: str = "month",
    min_mentions: int = 5,
    title: str | None = None,
    lang: str = "ar",
    rtl: bool | None = None,
    font=None,
) -> Figure:
    """The shares of one set's names per period, on a real time axis.

    ``table``: ``naming(articles, by="month")`` (or ``"year"``, ``"quarter"``, ``"week"``, ``"day"``:
    give the same ``period``).  Periods with fewer than ``min_mentions`` mentions of the set are not
    drawn and are named in a note under the chart; a gap in time stays a gap.  Chart data: the rows drawn.
    """
    if lang not in _TEXT:
        raise OptionError(f"lang must be one of {', '.join(_TEXT)}; got {lang!r}")
    rtl = lang == "ar" if rtl is None else rtl
    require_columns(table, ["set", "variant", "share", "set_mentions", period], "naming")
    rows = table[(table["set"] == set_name) & table[period].notna()]
    if rows.empty:
        raise TableError(f"no mentions of the set {set_name!r} with a {period} in this table")
    text = _TEXT[lang]
    few = rows[rows["set_mentions"] < min_mentions].drop_duplicates(period)[period].tolist()
    drawn = rows[rows["set_mentions"] >= min_mentions].copy()
    with chart_style(font):
        fig = new_figure(9, 4.8)
        ax = fig.add_subplot()
        # Every period from the first to the last, so a period with no (or too few) mentions breaks the line.
        every = every_period(rows[period].tolist())
        starts = [period_start(p) for p in every]
        for k, variant in enumerate(dict.fromkeys(rows["variant"])):
            line = drawn[drawn["variant"] == variant].set_index(period)["share"].reindex(every)
            ax.plot(starts, line.to_numpy(dtype=float), marker="o", ms=4, lw=1.8, color=PALETTE[k % len(PALETTE)],
                    label=variant)
        ax.set_ylim(0, 1.02)
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_ylabel(text["share"])
        date_ticks(ax, lang)
        ax.grid(axis="y", alpha=0.3)
        ax.spines[["top", "right"]].set_visible(False)
        if few:
            ax.set_xlabel(text["few"].format(min_mentions, name_list(few, lang, limit=12)), fontsize="x-small")
        if rtl:
            rtl_axes(ax, category_axis="x")
        handles, labels = ax.get_legend_handles_labels()
        if rtl:
            handles, labels = handles[::-1], labels[::-1]
        fig.legend(handles, labels, loc="outside lower center", ncol=min(len(labels), 4), frameon=False,
                   markerfirst=not rtl, fontsize="small")
        name = _titles(rows, lang)[set_name]
        set_title(ax, title, text["over_time"].format(name), rtl)
        return finish(fig, drawn.reset_index(drop=True), font, axes=[ax])
