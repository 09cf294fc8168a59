"""Terms over time: one line per term, periods labelled with their month names and article counts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.measures.tables import group_codes
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
from analysis.output.charts.labels import ARABIC_MONTHS, label_text
from analysis.output.charts.spellings import display_spelling, resolve_terms
from analysis.output.shaping import rtl_axes


def _articles_count(n: int, lang: str) -> str:
    """"12 articles", with the Arabic counted noun in the form the number asks for.

    >>> [_articles_count(n, "ar") for n in (1, 2, 5, 11, 100)]
    ['مقال واحد', 'مقالان', '5 مقالات', '11 مقالا', '100 مقال']
    """
    if lang != "ar":
        return f"{n:,} article" + ("" if n == 1 else "s")
    if n == 1:
        return "مقال واحد"
    if n == 2:
        return "مقالان"
    rest = n % 100
    if 3 <= rest <= 10:
        return f"{n:,} مقالات"
    if rest >= 11:
        return f"{n:,} مقالا"
    return f"{n:,} مقال"


def _period_labels(starts: pd.DatetimeIndex, period: str, lang: str) -> list[str]:
    if period == "month":
        if lang == "ar":
            return [f"{ARABIC_MONTHS[d.month - 1]}\n{d.year}" for d in starts]
        return [d.strftime("%b\n%Y") for d in starts]
    if period == "year":
        return [str(d.year) for d in starts]
    if period == "quarter":
        return [f"{d.year} Q{(d.month - 1) // 3 + 1}" for d in starts]
    return [d.strftime("%Y-%m-%d") for d in starts]


def plot_terms_over_time(
    data: pd.DataFrame,
    terms: Sequence[str] | None = None,
    *,
    period: str = "month",
    top: int = 5,
    measure: str = "doc_share",
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
    """Lines of chosen terms per period: how attention to them rises and falls.

    ``data``: an articles frame with ``published``, or a ``term_frequency(...,
    by=period)`` frame.  ``terms``: words to follow, written any way (``"إدلب"``,
    ``"ادلب"``; with ``form="stem"`` also ``"والمعارضة"``); default: the ``top`` most
    frequent terms overall.  ``measure``: ``doc_share`` (share of the period's
    articles using the term; default, so busy months do not look like trends),
    ``doc_count``, ``count`` or ``share`` (of the period's counted words).  In RTL
    layout time runs from right to left.  Chart data: ``period, term, display,
    count, doc_count, share, doc_share, articles``.
    """
    check_measure(measure)
    rtl = lang == "ar" if rtl is None else rtl
    per_period = None
    if is_articles(data):
        table = term_frequency(data, form=form, ngram=ngram, stopwords=stopwords, normalize_options=normalize_options,
                               by=period)
        codes, labels = group_codes(data, period)
        per_period = pd.Series(np.bincount(codes, minlength=len(labels)), index=labels)
        table["articles"] = table[period].map(per_period).to_numpy()
        table["doc_share"] = table["doc_count"] / table["articles"]
    else:
        table = data.copy()
        require_columns(table, [period, "term", measure], "terms")
        if "articles" in table.columns:
            per_period = table.groupby(period)["articles"].first()
    table = table[table[period].notna()]
    if terms is None:
        totals = table.groupby("term")["count"].sum().sort_values(ascending=False, kind="stable")
        chosen = totals.index[:top].tolist()
    else:
        chosen = resolve_terms(terms, table, form, normalize_options)
    periods = pd.Index(sorted(table[period].unique()))
    table = table[table["term"].isin(chosen)].copy()
    table.insert(table.columns.get_loc("term") + 1, "display", display_spelling(table).to_numpy())
    wide = table.pivot_table(index=period, columns="term", values=measure, aggfunc="sum", fill_value=0)
    wide = wide.reindex(index=periods, columns=chosen, fill_value=0)
    starts = pd.DatetimeIndex([p.start_time if hasattr(p, "start_time") else pd.Timestamp(p) for p in wide.index])
    names = dict(zip(table["term"], table["display"], strict=False))
    with chart_style(font):
        own_axes = ax is None
        fig = ax.get_figure(root=True) if ax is not None else new_figure(9, 5)
        ax = ax if ax is not None else fig.add_subplot()
        x = np.arange(len(starts))
        for i, term in enumerate(chosen):
            ax.plot(x, wide[term].to_numpy(dtype=float), marker="o", lw=2, ms=4, color=PALETTE[i % len(PALETTE)],
                    label=names.get(term, term))
        step = max(1, int(np.ceil(len(x) / 12)))
        tick_labels = _period_labels(starts, period, lang)
        if per_period is not None and measure in ("doc_share", "share"):
            # Shares of small periods jump: say how many articles each period has.
            n = per_period.reindex(wide.index).fillna(0).astype(int)
            tick_labels = [f"{t}\n{_articles_count(k, lang)}" for t, k in zip(tick_labels, n, strict=True)]
        ax.set_xticks(x[::step], tick_labels[::step])
        ax.yaxis.set_major_formatter(measure_formatter(measure))
        ax.set_ylabel(label_text(lang, measure))
        ax.set_ylim(bottom=0)
        ax.grid(axis="y", alpha=0.3)
        ax.spines[["top", "right"]].set_visible(False)
        if rtl:
            rtl_axes(ax, category_axis="x")
        legend(fig, ax, rtl, own_axes=own_axes)
        set_title(ax, title, label_text(lang, "over_time"), rtl)
        table = table.sort_values([period, "term"], kind="stable")
        return finish(fig, table, font, axes=[ax])
