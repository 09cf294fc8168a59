"""Terms over time: one line per term on a real time axis, with the articles of each period under it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.errors import OptionError, TableError
from analysis.measures.periods import as_periods, changing_terms, date_outliers
from analysis.measures.tables import PERIODS, group_codes
from analysis.measures.terms import term_frequency
from analysis.output.charts.common import (
    PALETTE,
    chart_style,
    check_measure,
    finish,
    is_articles,
    legend,
    measure_formatter,
    new_figure,
    require_columns,
    set_title,
)
from analysis.output.charts.labels import label_text
from analysis.output.charts.spellings import display_spelling, resolve_terms
from analysis.output.charts.time_axis import date_ticks, every_period, name_list, period_start
from analysis.output.shaping import rtl_axes


def plot_terms_over_time(
    data: pd.DataFrame,
    terms: Sequence[str] | None = None,
    *,
    period: str = "month",
    top: int = 5,
    measure: str = "doc_share",
    min_articles: int = 5,
    form: str = "normalized",
    ngram: int = 1,
    stopwords: bool | Iterable[str] = True,
    normalize_options: Mapping[str, bool] | None = None,
    title: str | None = None,
    lang: str = "ar",
    rtl: bool | None = None,
    font=None,
    ax=None,
) -> Figure:
    """Lines of chosen terms per period on a real time axis: how attention to them rises and falls.

    ``data``: an articles frame with ``published``, or a ``term_frequency(..., by=period)`` frame
    (with an ``articles`` column for the per-period minimum).  ``terms``: words to follow, written any
    way (``"إدلب"``, ``"ادلب"``; with ``form="stem"`` also ``"والمعارضة"``); default: the ``top`` terms
    that change most over time (each term's highest log-likelihood G² of its share of a period's
    articles against the other periods; see :func:`analysis.measures.periods.changing_terms`), not the
    most frequent ones, which are flat.  ``measure``: ``doc_share`` (share of the period's articles
    using the term; default, so busy months do not look like trends), ``doc_count``, ``count`` or
    ``share`` (of the period's counted words).

    Honest time: periods sit at their dates (a gap in the corpus is a gap on the axis and breaks
    the lines); shares of periods with fewer than ``min_articles`` articles are not drawn (their
    articles are, hollow, in the lower panel) and dates far outside the corpus's span
    (:func:`analysis.measures.periods.date_outliers`) are left out; the note under the chart names
    both.  In RTL layout time runs from right to left.  Chart data: ``period, term, display, count,
    doc_count, share, doc_share, articles, drawn``.
    """
    check_measure(measure)
    if min_articles < 1:
        raise OptionError("min_articles must be 1 or more")
    rtl = lang == "ar" if rtl is None else rtl
    per_period = None
    outlying: list = []
    if is_articles(data):
        if "published" in data:
            stray = date_outliers(data["published"])
            if stray.any():
                outlying = sorted(set(as_periods(data.loc[stray, "published"], PERIODS[period]).dropna()))
                data = data[~stray]
        table = term_frequency(data, form=form, ngram=ngram, stopwords=stopwords, normalize_options=normalize_options,
                               by=period)
        codes, labels = group_codes(data, period)
        per_period = pd.Series(np.bincount(codes, minlength=len(labels)), index=labels)
        per_period = per_period[per_period.index.notna()]
        table["articles"] = table[period].map(per_period).to_numpy()
        table["doc_share"] = table["doc_count"] / table["articles"]
    else:
        table = data.copy()
        require_columns(table, [period, "term", measure], "terms")
        if "articles" in table.columns:
            per_period = table.groupby(period)["articles"].first()
    table = table[table[period].notna()]
    if table.empty:
        raise TableError(f"no dated articles: a chart over time needs {period}s of 'published'")
    defaulted = terms is None
    if defaulted:
        chosen = (changing_terms(table, period, per_period, top=top, min_articles=min_articles)
                  if per_period is not None and "doc_count" in table else [])
        if not chosen:  # one period, or no counts per period: the most frequent terms
            totals = table.groupby("term")["count"].sum().sort_values(ascending=False, kind="stable")
            chosen = totals.index[:top].tolist()
    else:
        chosen = resolve_terms(terms, table, form, normalize_options)
    periods = sorted(table[period].unique())
    every = every_period(periods)
    table = table[table["term"].isin(chosen)].copy()
    table.insert(table.columns.get_loc("term") + 1, "display", display_spelling(table).to_numpy())
    wide = table.pivot_table(index=period, columns="term", values=measure, aggfunc="sum", fill_value=0)
    wide = wide.reindex(index=every, columns=chosen)
    seen = wide.index.isin(periods)  # a period with articles and no use of a term is 0; a period with none, a gap
    wide.loc[seen] = wide.loc[seen].fillna(0.0)
    counts = per_period.reindex(every).fillna(0).astype(int) if per_period is not None else None
    thin = []
    if counts is not None and measure in ("doc_share", "share"):
        thin = [p for p in every if 0 < counts[p] < min_articles]
        wide.loc[thin] = np.nan
    table["drawn"] = ~table[period].isin(thin)
    starts = [period_start(p) for p in every]
    names = dict(zip(table["term"], table["display"], strict=False))
    with chart_style(font):
        own_axes = ax is None
        if own_axes:
            fig = new_figure(9, 5.6 if counts is not None else 5)
            if counts is not None:
                ax, bars = fig.subplots(2, 1, sharex=True, height_ratios=[4, 1])
            else:
                ax, bars = fig.add_subplot(), None
        else:
            fig, bars = ax.get_figure(root=True), None
        for i, term in enumerate(chosen):
            ax.plot(starts, wide[term].to_numpy(dtype=float), marker="o", lw=2, ms=4,
                    color=PALETTE[i % len(PALETTE)], label=names.get(term, term))
        ax.yaxis.set_major_formatter(measure_formatter(measure))
        ax.set_ylabel(label_text(lang, measure))
        ax.set_ylim(bottom=0)
        ax.grid(axis="y", alpha=0.3)
        ax.spines[["top", "right"]].set_visible(False)
        bottom = bars if bars is not None else ax
        if bars is not None:
            _article_bars(bars, starts, counts, thin, period, lang)
        date_ticks(bottom, lang)
        note = _note(thin, outlying, min_articles, lang)
        if note:
            bottom.set_xlabel(note, fontsize="x-small")
        if rtl:
            for axis in (ax, bars) if bars is not None else (ax,):
                rtl_axes(axis, category_axis="x")
        legend(fig, ax, rtl, own_axes=own_axes)
        default_title = _TEXT[lang]["changing"] if defaulted else label_text(lang, "over_time")
        set_title(ax, title, default_title, rtl)
        table = table.sort_values([period, "term"], kind="stable")
        return finish(fig, table, font, axes=[a for a in (ax, bars) if a is not None])


_TEXT = {
    "ar": {"changing": "الكلمات الأكثر تغيرا عبر الزمن", "articles": "المقالات",
           "thin": "فترات فيها أقل من {} مقالات (لم تُرسم نسبها): {}",
           "stray": "تواريخ شاذة خارج مدى المدونة (لم تُرسم): {}"},
    "en": {"changing": "Terms that change most over time", "articles": "articles",
           "thin": "periods with fewer than {} articles (shares not drawn): {}",
           "stray": "stray dates outside the corpus's span (not drawn): {}"},
}


def _article_bars(ax, starts, counts: pd.Series, thin: list, period: str, lang: str) -> None:
    """Articles per period under the lines: the periods whose shares are not drawn as hollow bars."""
    width = _bar_width(period)
    hollow = np.array([p in thin for p in counts.index])
    values = counts.to_numpy(dtype=float)
    x = mdates.date2num(starts)
    ax.bar(x[~hollow], values[~hollow], width=width, color="#9e9e9e")
    if hollow.any():
        ax.bar(x[hollow], values[hollow], width=width, facecolor="none", edgecolor="#9e9e9e", hatch="//")
    ax.set_ylabel(_TEXT[lang]["articles"], fontsize="small")
    ax.spines[["top", "right"]].set_visible(False)
    ax.yaxis.get_major_locator().set_params(integer=True, nbins=3)


def _bar_width(period: str) -> float:
    """A bar a little narrower than its period, in days (the unit of a date axis)."""
    return {"day": 0.8, "week": 5, "month": 24, "quarter": 75, "year": 300}.get(period, 24)


def _note(thin: list, outlying: list, min_articles: int, lang: str) -> str:
    text, parts = _TEXT[lang], []
    if thin:
        parts.append(text["thin"].format(min_articles, name_list(thin, lang)))
    if outlying:
        parts.append(text["stray"].format(name_list(outlying, lang)))
    return "\n".join(parts)
