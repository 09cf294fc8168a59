"""Report charts on top of the analysis frames, each returned as a matplotlib ``Figure``.

Every helper takes either an articles frame (it counts for you) or the frame an
analysis function returned (``term_frequency``, ``keyness``, attributions, claims),
and returns a Figure you can restyle and pass to :func:`analysis.save_figure`,
which exports it with the table it was drawn from (:func:`chart_data`).

Common options:

* ``lang``: ``"ar"`` (default) or ``"en"`` for titles and axis labels;
* ``rtl``: right-to-left layout, as in Arabic reports (category labels on the
  right, bars and time running leftwards); defaults to ``lang == "ar"``;
* ``font``: an Arabic font family or file (see :func:`analysis.fonts.arabic_font`);
* ``title``: ``None`` for the default title, ``""`` for none.

Terms are counted normalised (``ادلب``) but shown as the articles most often write
them (``إدلب``: the ``spelling`` column of the counts, or a ``display`` column you
add).  Arabic is handed to matplotlib as the renderer needs it
(:mod:`analysis.plotting`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping, Sequence

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullFormatter

from analysis.measures.keyness import keyness as _keyness
from analysis.measures.terms import group_codes, term_frequency
from analysis.output.fonts import arabic_font, font_file_for, font_rc
from analysis.output.shaping import arabic_text, chart_data, fix_arabic, renderer_shapes_text, rtl_axes, set_chart_data
from analysis.sources.agencies import agency_names, outlet_names
from analysis.text.normalize import normalize_many, normalizer
from analysis.text.stemming import LightStemmer

__all__ = [
    "chart_data",
    "plot_counts",
    "plot_claims",
    "plot_keyness",
    "plot_sources",
    "plot_terms_by_outlet",
    "plot_terms_over_time",
    "plot_top_terms",
    "plot_wordcloud",
]

LABELS = {
    "ar": {
        "count": "عدد المرات", "doc_count": "عدد المقالات", "share": "الحصة من الكلمات",
        "doc_share": "نسبة المقالات", "top_terms": "أكثر الكلمات تكرارا", "over_time": "الكلمات عبر الزمن",
        "by_outlet": "أكثر الكلمات في كل وسيلة إعلامية", "terms_by_outlet": "الكلمات حسب الوسيلة الإعلامية",
        "keyness": "الكلمات المميزة", "over_in": "أكثر استخداما في: {}", "target": "المجموعة المدروسة",
        "reference": "المجموعة المرجعية", "log_likelihood": "الأرجحية اللوغاريتمية (G²)",
        "log_ratio": "النسبة اللوغاريتمية (Log Ratio)", "percent_diff": "الفرق النسبي (%DIFF)",
        "sources": "من يُنقل عنه، وكم مرة، وعبر أي وكالة", "speakers": "المتحدثون", "channels": "الوكالات والقنوات",
        "quotes": "عدد الاقتباسات", "no_channel": "دون وكالة", "unknown": "غير معروف", "direct": "اقتباس مباشر",
        "indirect": "اقتباس غير مباشر", "claims": "الأرقام المذكورة", "value": "القيمة", "unattributed": "غير منسوب",
        "approx": "تقريبي", "exact": "دقيق", "wordcloud": "سحابة الكلمات", "period": "الفترة",
        "claimed_by": "المصدر", "unit": "الوحدة", "times": "×{}", "type_named": "بالاسم", "type_role": "بالصفة",
        "type_anonymous": "مجهول", "type_agency": "وكالة", "type_outlet": "وسيلة إعلامية", "other": "أخرى",
    },
    "en": {
        "count": "occurrences", "doc_count": "articles", "share": "share of counted words",
        "doc_share": "share of articles", "top_terms": "Most frequent terms", "over_time": "Terms over time",
        "by_outlet": "Most frequent terms by outlet", "terms_by_outlet": "Terms by outlet",
        "keyness": "Key terms", "over_in": "More used in: {}", "target": "target", "reference": "reference",
        "log_likelihood": "log-likelihood (G²)", "log_ratio": "log ratio", "percent_diff": "%DIFF",
        "sources": "Who is quoted, how often, through which agency", "speakers": "speakers",
        "channels": "agencies and channels", "quotes": "quotes", "no_channel": "no agency", "unknown": "unknown",
        "direct": "direct quote", "indirect": "indirect quote", "claims": "Numbers claimed", "value": "value",
        "unattributed": "unattributed", "approx": "approximate", "exact": "exact", "wordcloud": "Word cloud",
        "period": "period", "claimed_by": "source", "unit": "unit", "times": "×{}", "type_named": "named",
        "type_role": "by role", "type_anonymous": "anonymous", "type_agency": "agency", "type_outlet": "outlet",
        "other": "other",
    },
}
#: Month names as Al Arabiya, Sky News Arabia and most Arab outlets write them.
ARABIC_MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
                 "نوفمبر", "ديسمبر")
PALETTE = ("#1b6ca8", "#e07b39", "#3a9a5b", "#c23b3b", "#7d5ba6", "#8c6d46", "#d16ba5", "#6f6f6f", "#b5a426",
           "#2fa5b5")
_MEASURES = ("count", "doc_count", "share", "doc_share")


# --- shared machinery -------------------------------------------------------------------------


def _text(lang: str, key: str, *args) -> str:
    if lang not in LABELS:
        raise ValueError(f"lang must be one of {', '.join(LABELS)}; got {lang!r}")
    return LABELS[lang][key].format(*args)


def _is_articles(frame: pd.DataFrame) -> bool:
    return isinstance(frame, pd.DataFrame) and "text" in frame.columns


@contextlib.contextmanager
def _style(font):
    with mpl.rc_context(font_rc(font)):
        yield


def _new_figure(width: float, height: float) -> Figure:
    """A figure sized for the default 10 pt text, grown with larger ``font.size`` so labels never collide."""
    scale = max(1.0, float(mpl.rcParams["font.size"]) / 10)
    return Figure(figsize=(width * scale, height * scale), layout="constrained")


def _finish(fig: Figure, data: pd.DataFrame, font, axes=None) -> Figure:
    """Tick labels made later (at draw time) keep the Arabic font; remember the data; fix the text."""
    families = arabic_font(font, announce=False).families
    for ax in axes if axes is not None else fig.axes:
        ax.tick_params(which="both", labelfontfamily=families)
    set_chart_data(fig, data.reset_index(drop=True))
    return fix_arabic(fig)


def _title(ax_or_fig, title: str | None, default: str, rtl: bool) -> None:
    text = default if title is None else title
    if not text:
        return
    if isinstance(ax_or_fig, Figure):
        ax_or_fig.suptitle(text, x=0.99 if rtl else 0.01, ha="right" if rtl else "left", fontsize="x-large")
    else:
        ax_or_fig.set_title(text, loc="right" if rtl else "left", fontsize="large")


def _measure_formatter(measure: str):
    if measure in ("share", "doc_share"):
        return FuncFormatter(lambda x, _pos: f"{round(x * 100, 6):g}%")
    return FuncFormatter(lambda x, _pos: f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}")


def _legend(fig, ax, rtl: bool, *, own_axes: bool, where: str = "lower center", **kwargs):
    """A legend outside the plot (below it) for figures we made; inside for an ``ax`` the caller gave."""
    handles, labels = ax.get_legend_handles_labels()
    if not handles:
        return None
    if rtl:  # first entry on the right, markers right of their labels
        handles, labels = handles[::-1], labels[::-1]
        kwargs.setdefault("markerfirst", False)
    kwargs.setdefault("frameon", False)
    if not own_axes:
        return ax.legend(handles, labels, loc="best", **kwargs)
    kwargs.setdefault("ncol", min(len(handles), 5))
    return fig.legend(handles, labels, loc=f"outside {where}", **kwargs)


def _format_value(value: float, measure: str) -> str:
    if measure in ("share", "doc_share"):
        return f"{value:.1%}" if value >= 0.001 else f"{value:.2%}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def _hbars(ax, labels: Sequence[str], values: Sequence[float], *, rtl: bool, measure: str, color=PALETTE[0],
           value_labels: Sequence[str] | None = None) -> None:
    """Horizontal bars, first label on top, values printed at the bar ends."""
    y = np.arange(len(labels))
    bars = ax.barh(y, values, color=color, height=0.7)
    ax.set_yticks(y, list(labels))
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.margins(x=0.15)
    ax.xaxis.set_major_formatter(_measure_formatter(measure))
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    if rtl:
        rtl_axes(ax, category_axis="y")
    # After the axis is flipped: bar_label places the numbers by the direction at call time.
    texts = value_labels if value_labels is not None else [_format_value(v, measure) for v in values]
    ax.bar_label(bars, labels=list(texts), padding=3, fontsize="small")


# --- display spellings and the user's words ------------------------------------------------------



def _display(frame: pd.DataFrame, column: str = "term") -> pd.Series:
    """How to show each term: a ``display`` column, else the counted ``spelling``, else the term itself."""
    for given in ("display", "spelling"):
        if given in frame.columns:
            shown = frame[given].astype("object")
            return shown.where(shown.notna() & (shown.astype(str) != ""), frame[column]).astype("str")
    return frame[column].astype("str")


def _resolve_terms(words: Iterable[str], table: pd.DataFrame, form: str,
                   normalize_options: Mapping[str, bool] | None) -> list[str]:
    """The counted terms the user's words stand for: ``"إدلب"`` -> ``"ادلب"``, ``"المعارضة"`` -> its stem."""
    known = set(table["term"].astype(str))
    by_spelling = {}
    if "spelling" in table.columns:
        by_spelling = dict(zip(table["spelling"].astype(str), table["term"].astype(str), strict=False))
    options = dict(normalize_options or {})
    # A reader may ask for "المعارضة" when terms are stems: stem it the way the counts did,
    # with the counted terms as the lexicon that attests a stripped clitic.
    stem = LightStemmer(known, norm=normalizer(**options)) if form == "stem" else None
    chosen = []
    for word in words:
        plain = " ".join(normalize_many(str(word).split(), **options))
        candidates = [str(word), plain]
        if stem is not None:
            candidates.append(" ".join(stem(w) for w in str(word).split()))
        term = next((c for c in candidates if c in known), None) or by_spelling.get(str(word))
        if term is None:
            raise KeyError(f"term {word!r} does not occur in the counts (form={form!r})")
        chosen.append(term)
    return list(dict.fromkeys(chosen))


def _check_measure(measure: str, allowed: Sequence[str] = _MEASURES) -> None:
    if measure not in allowed:
        raise ValueError(f"measure must be one of {', '.join(allowed)}; got {measure!r}")


def _require(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"{what} frame has no column(s) {', '.join(missing)}")


# --- top terms ----------------------------------------------------------------------------------


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
    _check_measure(measure, ("count", "doc_count", "share"))
    rtl = lang == "ar" if rtl is None else rtl
    if _is_articles(data):
        table = term_frequency(data, form=form, ngram=ngram, stopwords=stopwords, normalize_options=normalize_options)
        table = table.sort_values([measure, "term"], ascending=[False, True], kind="stable").head(top)
    else:
        _require(data, ["term", measure], "terms")
        table = data.sort_values([measure, "term"], ascending=[False, True], kind="stable").head(top)
    table = table.copy()
    table.insert(0, "rank", np.arange(1, len(table) + 1))
    table.insert(2, "display", _display(table).to_numpy())
    with _style(font):
        fig = ax.get_figure(root=True) if ax is not None else _new_figure(8, 1.2 + 0.32 * max(len(table), 3))
        ax = ax if ax is not None else fig.add_subplot()
        _hbars(ax, table["display"].tolist(), table[measure].to_numpy(dtype=float), rtl=rtl, measure=measure,
               color=color)
        ax.set_xlabel(_text(lang, measure))
        _title(ax, title, _text(lang, "top_terms"), rtl)
        return _finish(fig, table, font, axes=[ax])


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

    >>> t = pd.DataFrame({"outlet": ["سكاي نيوز", "CNN"], "articles": [12, 7]})
    >>> chart_data(plot_counts(t, "outlet", title="المقالات"))["outlet"].tolist()
    ['سكاي نيوز', 'CNN']
    """
    _require(table, [label, value], "counts")
    rtl = lang == "ar" if rtl is None else rtl
    shown = table.sort_values(value, ascending=False, kind="stable") if sort else table
    shown = shown.reset_index(drop=True)
    with _style(font):
        fig = ax.get_figure(root=True) if ax is not None else _new_figure(8, 1.2 + 0.32 * max(len(shown), 3))
        ax = ax if ax is not None else fig.add_subplot()
        _hbars(ax, shown[label].astype(str).tolist(), shown[value].to_numpy(dtype=float), rtl=rtl, measure="count",
               color=color)
        if xlabel:
            ax.set_xlabel(xlabel)
        _title(ax, title, "", rtl)
        return _finish(fig, shown, font, axes=[ax])


# --- terms over time ------------------------------------------------------------------------------


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
    _check_measure(measure)
    rtl = lang == "ar" if rtl is None else rtl
    per_period = None
    if _is_articles(data):
        table = term_frequency(data, form=form, ngram=ngram, stopwords=stopwords, normalize_options=normalize_options,
                               by=period)
        codes, labels = group_codes(data, period)
        per_period = pd.Series(np.bincount(codes, minlength=len(labels)), index=labels)
        table["articles"] = table[period].map(per_period).to_numpy()
        table["doc_share"] = table["doc_count"] / table["articles"]
    else:
        table = data.copy()
        _require(table, [period, "term", measure], "terms")
        if "articles" in table.columns:
            per_period = table.groupby(period)["articles"].first()
    table = table[table[period].notna()]
    if terms is None:
        totals = table.groupby("term")["count"].sum().sort_values(ascending=False, kind="stable")
        chosen = totals.index[:top].tolist()
    else:
        chosen = _resolve_terms(terms, table, form, normalize_options)
    periods = pd.Index(sorted(table[period].unique()))
    table = table[table["term"].isin(chosen)].copy()
    table.insert(table.columns.get_loc("term") + 1, "display", _display(table).to_numpy())
    wide = table.pivot_table(index=period, columns="term", values=measure, aggfunc="sum", fill_value=0)
    wide = wide.reindex(index=periods, columns=chosen, fill_value=0)
    starts = pd.DatetimeIndex([p.start_time if hasattr(p, "start_time") else pd.Timestamp(p) for p in wide.index])
    names = dict(zip(table["term"], table["display"], strict=False))
    with _style(font):
        own_axes = ax is None
        fig = ax.get_figure(root=True) if ax is not None else _new_figure(9, 5)
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
        ax.yaxis.set_major_formatter(_measure_formatter(measure))
        ax.set_ylabel(_text(lang, measure))
        ax.set_ylim(bottom=0)
        ax.grid(axis="y", alpha=0.3)
        ax.spines[["top", "right"]].set_visible(False)
        if rtl:
            rtl_axes(ax, category_axis="x")
        _legend(fig, ax, rtl, own_axes=own_axes)
        _title(ax, title, _text(lang, "over_time"), rtl)
        table = table.sort_values([period, "term"], kind="stable")
        return _finish(fig, table, font, axes=[ax])


# --- terms by outlet --------------------------------------------------------------------------------


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
    _check_measure(measure, ("count", "doc_count", "share"))
    if kind not in ("panels", "grouped"):
        raise ValueError(f"kind must be 'panels' or 'grouped'; got {kind!r}")
    rtl = lang == "ar" if rtl is None else rtl
    if _is_articles(data):
        table = term_frequency(data, by=by, form=form, ngram=ngram, stopwords=stopwords,
                               normalize_options=normalize_options)
    else:
        _require(data, [by, "term", measure], "terms")
        table = data
    table = table[table[by].notna()]
    if table.empty:
        raise ValueError(f"no {by!r} values to split the terms by (the column is empty or missing)")
    groups = table.groupby(by, sort=False)["count"].sum().sort_values(ascending=False, kind="stable").index.tolist()
    if kind == "panels":
        table = table.sort_values([by, measure, "term"], ascending=[True, False, True], kind="stable")
        table = table.groupby(by, sort=False).head(top).copy()
    else:
        if terms is None:
            totals = table.groupby("term")["count"].sum().sort_values(ascending=False, kind="stable")
            chosen = totals.index[:top].tolist()
        else:
            chosen = _resolve_terms(terms, table, form, normalize_options)
        table = table[table["term"].isin(chosen)].copy()
        full = pd.MultiIndex.from_product([groups, chosen], names=[by, "term"])
        table = table.set_index([by, "term"]).reindex(full).reset_index()
        for column in ("count", "doc_count", "share"):
            if column in table.columns:
                table[column] = table[column].fillna(0)
    table.insert(table.columns.get_loc("term") + 1, "display", _display(table).to_numpy())
    with _style(font):
        if kind == "panels":
            fig = _panels(table, by, groups, measure, top, ncols, rtl)
        else:
            fig = _grouped(table, by, groups, chosen, measure, rtl)
        for ax in fig.axes:
            ax.set_xlabel(_text(lang, measure), fontsize="small")
        _title(fig, title, _text(lang, "by_outlet" if kind == "panels" else "terms_by_outlet"), rtl)
        return _finish(fig, table, font)


def _panels(table, by, groups, measure, top, ncols, rtl) -> Figure:
    n = max(len(groups), 1)
    ncols = ncols or min(n, 3)
    nrows = int(np.ceil(n / ncols))
    fig = _new_figure(3.6 * ncols, 0.7 + nrows * (0.6 + 0.3 * top))
    axes = fig.subplots(nrows, ncols, squeeze=False)
    for i, group in enumerate(groups):
        row, col = divmod(i, ncols)
        ax = axes[row][ncols - 1 - col if rtl else col]
        rows = table[table[by] == group]
        _hbars(ax, rows["display"].tolist(), rows[measure].to_numpy(dtype=float), rtl=rtl, measure=measure,
               color=PALETTE[i % len(PALETTE)])
        ax.set_title(str(group), loc="right" if rtl else "left", fontsize="medium", fontweight="bold")
    for j in range(len(groups), nrows * ncols):
        row, col = divmod(j, ncols)
        axes[row][ncols - 1 - col if rtl else col].set_visible(False)
    return fig


def _grouped(table, by, groups, chosen, measure, rtl) -> Figure:
    fig = _new_figure(8, 1.2 + 0.22 * len(chosen) * max(len(groups), 1) + 0.2 * len(chosen))
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
        ax.bar_label(bars, labels=[_format_value(v, measure) for v in rows[measure].fillna(0)], padding=2,
                     fontsize="x-small")
    ax.set_yticks(y, [names.get(t, t) for t in chosen])
    ax.set_ylim(len(chosen) - 0.5, -0.5)
    ax.margins(x=0.15)
    ax.xaxis.set_major_formatter(_measure_formatter(measure))
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    if rtl:
        rtl_axes(ax, category_axis="y")  # again: the spines set above
    _legend(fig, ax, rtl, own_axes=True)
    return fig


# --- keyness --------------------------------------------------------------------------------------


def plot_keyness(
    data: pd.DataFrame,
    reference: pd.DataFrame | None = None,
    *,
    top: int = 15,
    measure: str = "log_likelihood",
    target_label: str | None = None,
    reference_label: str | None = None,
    form: str = "normalized",
    ngram: int = 1,
    stopwords: bool | Iterable[str] = True,
    min_count: int = 3,
    normalize_options: Mapping[str, bool] | None = None,
    title: str | None = None,
    lang: str = "ar",
    rtl: bool | None = None,
    font=None,
) -> Figure:
    """Key terms of two groups: what the target over-uses beside what the reference over-uses.

    ``data``: a :func:`analysis.keyness` frame, or the target articles with the
    reference articles as ``reference`` (keyness is computed for you).  Two panels,
    one per direction (the target's on the right in RTL layout), bars by ``measure``
    (``log_likelihood``, ``log_ratio`` or ``percent_diff``) and the counts in each
    group printed beside them.
    """
    _check_measure(measure, ("log_likelihood", "log_ratio", "percent_diff"))
    rtl = lang == "ar" if rtl is None else rtl
    if _is_articles(data):
        if reference is None or not _is_articles(reference):
            raise ValueError("plot_keyness(target_articles, reference_articles): give the reference articles too")
        table = _keyness(data, reference, form=form, ngram=ngram, stopwords=stopwords, min_count=min_count,
                         normalize_options=normalize_options)
    else:
        _require(data, ["term", "direction", measure, "count_target", "count_reference"], "keyness")
        table = data
    target_label = target_label or _text(lang, "target")
    reference_label = reference_label or _text(lang, "reference")
    table = table[np.isfinite(table[measure].to_numpy(dtype=float))]
    parts = []
    for direction in ("target", "reference"):
        rows = table[table["direction"] == direction].copy()
        rows["_strength"] = rows[measure].abs()
        rows = rows.sort_values(["_strength", "term"], ascending=[False, True], kind="stable").head(top)
        parts.append(rows.drop(columns="_strength"))
    table = pd.concat(parts, ignore_index=True)
    table.insert(1, "display", _display(table).to_numpy())
    n = max(top, 3)
    with _style(font):
        fig = _new_figure(10, 1.3 + 0.32 * n)
        axes = fig.subplots(1, 2, sharex=True)
        order = (axes[1], axes[0]) if rtl else (axes[0], axes[1])
        for ax, direction, label, color in zip(order, ("target", "reference"), (target_label, reference_label),
                                               (PALETTE[0], PALETTE[1]), strict=True):
            rows = table[table["direction"] == direction]
            values = rows[measure].abs().to_numpy(dtype=float)
            counts = [f"{_format_value(v, measure)}  ({a:,}/{b:,})" for v, a, b in
                      zip(values, rows["count_target"], rows["count_reference"], strict=True)]
            _hbars(ax, rows["display"].tolist(), values, rtl=rtl, measure=measure, color=color, value_labels=counts)
            ax.set_title(_text(lang, "over_in", label), loc="right" if rtl else "left", fontsize="medium",
                         fontweight="bold")
            ax.set_xlabel(_text(lang, measure), fontsize="small")
        _title(fig, title, f"{_text(lang, 'keyness')}: {target_label} / {reference_label}", rtl)
        return _finish(fig, table, font)


# --- sources ------------------------------------------------------------------------------------------


def _speaker_labels(frame: pd.DataFrame, lang: str) -> pd.Series:
    speaker = frame["speaker"].astype("object") if "speaker" in frame else pd.Series(None, index=frame.index)
    role = frame["role"].astype("object") if "role" in frame else pd.Series(None, index=frame.index)
    label = speaker.where(speaker.notna() & (speaker.astype(str).str.strip() != ""), role)
    if {"agency", "speaker_type"} <= set(frame.columns):
        # "وكالة الأناضول", "وكالة أنباء الأناضول" and "الأناضول للأنباء" are one speaker.
        is_agency = frame["speaker_type"].isin(["agency", "outlet"]) & frame["agency"].notna()
        label = label.where(~is_agency, agency_names(frame["agency"], lang=lang))
    return label.where(label.notna(), _text(lang, "unknown")).astype(str)


def plot_sources(
    attributions: pd.DataFrame,
    *,
    top: int = 15,
    stack: str = "channel",
    channels_shown: int = 8,
    title: str | None = None,
    lang: str = "ar",
    rtl: bool | None = None,
    font=None,
) -> Figure:
    """Who is quoted, how often, and through which agency.

    ``attributions``: the attributions frame (``speaker, speaker_type, role, quote,
    channel, ...``; ``speaker`` and ``channel`` may be missing per row).  Left panel
    (right in RTL): the ``top`` speakers by number of quotes, each bar split by
    ``stack`` (``channel``: the agency it came through; or ``quote``: direct or
    indirect; or ``speaker_type``).  Other panel: quotes per agency or channel, split
    into direct and indirect.  Agencies are named from the ``agency`` key when the frame
    has one (so "لمراسل الأناضول" and "وفقا لوكالة الأناضول" are one bar); the
    ``channels_shown`` most quoted are kept and the rest grouped as "other".  Chart
    data: ``panel`` (speakers or channels), ``name``,
    ``split_by``, ``split`` (the value a bar part stands for) and ``quotes``.
    """
    _require(attributions, ["speaker"], "attributions")
    if stack not in ("channel", "quote", "speaker_type"):
        raise ValueError(f"stack must be 'channel', 'quote' or 'speaker_type'; got {stack!r}")
    rtl = lang == "ar" if rtl is None else rtl
    frame = pd.DataFrame({"speaker": _speaker_labels(attributions, lang)})
    for column in ("channel", "quote", "speaker_type"):
        values = attributions[column].astype("object") if column in attributions else pd.Series(None, index=frame.index)
        frame[column] = values.to_numpy()
    frame["channel"] = _agency_labels(attributions, lang, keep=channels_shown).to_numpy()
    quote_names = {"direct": _text(lang, "direct"), "indirect": _text(lang, "indirect")}
    frame["quote"] = frame["quote"].map(lambda q: quote_names.get(q, _text(lang, "unknown")))
    frame["speaker_type"] = [_text(lang, f"type_{t}") if f"type_{t}" in LABELS[lang] else
                             (str(t) if isinstance(t, str) else _text(lang, "unknown")) for t in frame["speaker_type"]]
    # Direct/indirect keep one grey pair in both panels, apart from the agencies' colours.
    quote_colours = {_text(lang, "direct"): "#3d3d3d", _text(lang, "indirect"): "#a6a6a6",
                     _text(lang, "unknown"): "#d9d9d9"}

    speakers = frame["speaker"].value_counts(sort=False)
    speakers = speakers.sort_values(ascending=False, kind="stable").head(top).index.tolist()
    table = (frame[frame["speaker"].isin(speakers)].groupby(["speaker", stack], sort=False).size()
             .rename("quotes").reset_index())
    channels = frame.groupby(["channel", "quote"], sort=False).size().rename("quotes").reset_index()
    with _style(font):
        fig = _new_figure(11, 1.4 + 0.34 * max(len(speakers), 4))
        axes = fig.subplots(1, 2, width_ratios=[3, 2])
        main, side = (axes[1], axes[0]) if rtl else (axes[0], axes[1])
        _stacked(main, table, "speaker", stack, speakers, rtl, lang, quote_colours if stack == "quote" else None)
        main.set_title(_text(lang, "speakers"), loc="right" if rtl else "left", fontsize="medium", fontweight="bold")
        order = channels.groupby("channel")["quotes"].sum().sort_values(ascending=False, kind="stable").index.tolist()
        _stacked(side, channels, "channel", "quote", order, rtl, lang, quote_colours)
        side.set_title(_text(lang, "channels"), loc="right" if rtl else "left", fontsize="medium", fontweight="bold")
        _legend(fig, main, rtl, own_axes=True, where="lower right" if rtl else "lower left", fontsize="small",
                title=_text(lang, "channels") if stack == "channel" else None)
        _legend(fig, side, rtl, own_axes=True, where="lower left" if rtl else "lower right", fontsize="small")
        _title(fig, title, _text(lang, "sources"), rtl)
        data = pd.concat([
            table.rename(columns={"speaker": "name", stack: "split"}).assign(panel="speakers", split_by=stack),
            channels.rename(columns={"channel": "name", "quote": "split"}).assign(panel="channels", split_by="quote"),
        ], ignore_index=True)
        cols = ["panel", "name", "split_by", "split", "quotes"]
        return _finish(fig, data[cols], font)


def _agency_labels(attributions: pd.DataFrame, lang: str, *, keep: int) -> pd.Series:
    """A readable agency name per statement: the agency table's name for its key, else
    "no agency"; beyond the ``keep`` most frequent, "other"."""
    none, other = _text(lang, "no_channel"), _text(lang, "other")
    if "agency" in attributions:
        labels = agency_names(attributions["agency"], lang=lang)
    else:
        labels = attributions["channel"].astype("object") if "channel" in attributions else pd.Series(
            None, index=attributions.index, dtype="object")
    labels = labels.where(labels.notna(), none).astype(str)
    common = labels[labels != none].value_counts().head(keep).index
    return labels.where(labels.isin(common) | (labels == none), other)


def _stacked(ax, table: pd.DataFrame, category: str, stack: str, order: list[str], rtl: bool, lang: str,
             colours: Mapping[str, str] | None = None) -> None:
    wide = table.pivot_table(index=category, columns=stack, values="quotes", aggfunc="sum", fill_value=0)
    wide = wide.reindex(index=order, fill_value=0)
    wide = wide[wide.sum().sort_values(ascending=False, kind="stable").index]
    y = np.arange(len(order))
    left = np.zeros(len(order))
    for i, column in enumerate(wide.columns):
        values = wide[column].to_numpy(dtype=float)
        colour = (colours or {}).get(column, PALETTE[i % len(PALETTE)])
        ax.barh(y, values, left=left, height=0.7, color=colour, label=str(column))
        left += values
    for yi, total in zip(y, left, strict=True):
        ax.annotate(f"{int(total):,}", (total, yi), xytext=(-4 if rtl else 4, 0), textcoords="offset points",
                    ha="right" if rtl else "left", va="center", fontsize="small")
    ax.set_yticks(y, order)
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.margins(x=0.12)
    ax.xaxis.set_major_formatter(_measure_formatter("count"))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel(_text(lang, "quotes"), fontsize="small")
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    if rtl:
        rtl_axes(ax, category_axis="y")


# --- claims -------------------------------------------------------------------------------------------


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def _dots(ax, labels, values, approx, colors, value_labels, rtl: bool) -> None:
    """A dot plot on a log scale (bars from zero mean nothing there): hollow dots for approximate values."""
    y = np.arange(len(labels))
    positive = values[values > 0]
    low, high = positive.min() / 3, positive.max() * 4
    ax.set_xscale("log")
    ax.hlines(y, low, np.maximum(values, low), color="#d9d9d9", lw=1, zorder=1)
    for yi, value, is_approx, color in zip(y, values, approx, colors, strict=True):
        ax.plot([value], [yi], "o", ms=8, mew=2, color=color, mfc="white" if is_approx else color, zorder=2)
    for yi, value, text in zip(y, values, value_labels, strict=True):
        ax.annotate(text, (value, yi), xytext=(-8 if rtl else 8, 0), textcoords="offset points",
                    ha="right" if rtl else "left", va="center", fontsize="small")
    ax.set_xlim(low, high)
    ax.set_yticks(y, list(labels))
    ax.set_ylim(len(labels) - 0.5, -0.5)
    # At most five decades labelled: long spans (10 to 10^11) otherwise print overlapping numbers.
    ax.xaxis.set_major_locator(LogLocator(base=10, numticks=5))
    ax.xaxis.set_major_formatter(_measure_formatter("count"))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", alpha=0.3)
    if rtl:
        rtl_axes(ax, category_axis="y")


def plot_claims(
    claims: pd.DataFrame,
    *,
    by: str = "unit",
    top: int = 8,
    rows_per_panel: int = 12,
    log: bool | None = None,
    title: str | None = None,
    lang: str = "ar",
    rtl: bool | None = None,
    font=None,
) -> Figure:
    """Numbers claimed in the news, by unit or by source, with their qualifiers.

    ``claims``: the claims frame (``value, value_text, approx, qualifier, unit,
    source, ...``).  One panel per ``by`` group (the ``top`` groups with most
    claims): ``by="unit"`` compares what different sources claim for the same unit
    (values of different units are never put on one scale); ``by="source"`` lists
    what each source claims.  Identical claims are merged and counted (×n).  Each bar
    is labelled with the qualifier and the number as written ("حوالي ألفي");
    approximate values are hatched bars (or hollow dots).  ``log`` (default: when a
    panel spans more than two orders of magnitude) draws a dot plot on a log scale.
    """
    _require(claims, ["value", "unit"], "claims")
    if by not in ("unit", "source"):
        raise ValueError(f"by must be 'unit' or 'source'; got {by!r}")
    rtl = lang == "ar" if rtl is None else rtl
    frame = pd.DataFrame({
        "unit": claims["unit"].astype("object").where(claims["unit"].notna(), "").astype(str).to_numpy(),
        "value": pd.to_numeric(claims["value"], errors="coerce").to_numpy(dtype=float),
    })
    for column in ("value_text", "qualifier", "source"):
        frame[column] = (claims[column].astype("object").to_numpy() if column in claims
                         else np.full(len(frame), None, dtype=object))
    frame["approx"] = (claims["approx"].fillna(False).astype(bool).to_numpy() if "approx" in claims
                       else np.zeros(len(frame), dtype=bool))
    frame["source"] = frame["source"].where(pd.notna(frame["source"]), _text(lang, "unattributed")).astype(str)
    frame["value_text"] = [t if isinstance(t, str) and t.strip() else _number(v)
                           for t, v in zip(frame["value_text"], frame["value"], strict=True)]
    frame["qualifier"] = [q if isinstance(q, str) else "" for q in frame["qualifier"]]
    frame = frame[np.isfinite(frame["value"])]
    keys = ["unit", "source", "value", "approx", "qualifier", "value_text"]
    table = frame.groupby(keys, sort=False, dropna=False).size().rename("claims").reset_index()
    group_sizes = table.groupby(by, sort=False)["claims"].sum().sort_values(ascending=False, kind="stable")
    groups = group_sizes.index[:top].tolist()
    other = "source" if by == "unit" else "unit"
    table = table[table[by].isin(groups)]
    table = table.sort_values([by, "value", other], ascending=[True, False, True], kind="stable")
    table = table.groupby(by, sort=False).head(rows_per_panel)
    table["label"] = [" ".join(p for p in (q, t) if p) + (f" {u}" if by == "source" else "")
                      for q, t, u in zip(table["qualifier"], table["value_text"], table["unit"], strict=True)]
    table["label"] = [f"{lab} — {s}" if by == "unit" else lab for lab, s in zip(table["label"], table["source"],
                                                                                 strict=True)]
    colours = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(dict.fromkeys(table[other]))}
    sizes = [max(int((table[by] == g).sum()), 1) for g in groups]
    # An outlet's own voice is its code ("skynews"): the panel says its name.
    titles = (dict(zip(groups, outlet_names(pd.Series(groups, dtype=object), lang=lang), strict=True))
              if by == "source" else {})
    with _style(font):
        fig = _new_figure(9, 0.9 + 0.42 * sum(sizes) + 0.45 * len(groups))
        axes = fig.subplots(max(len(groups), 1), 1, height_ratios=sizes or [1], squeeze=False)[:, 0]
        for ax, group in zip(axes, groups, strict=False):
            rows = table[table[by] == group]
            values = rows["value"].to_numpy(dtype=float)
            labels = [lab + (" " + _text(lang, "times", n) if n > 1 else "")
                      for lab, n in zip(rows["label"], rows["claims"], strict=True)]
            value_labels = [("≈" if a else "") + _number(v) for v, a in zip(values, rows["approx"], strict=True)]
            colors = [colours[s] for s in rows[other]]
            positive = values[values > 0]
            use_log = log if log is not None else bool(len(positive) > 1 and positive.max() / positive.min() > 100)
            if use_log and len(positive):
                _dots(ax, labels, values, rows["approx"].to_numpy(), colors, value_labels, rtl)
            else:
                _hbars(ax, labels, values, rtl=rtl, measure="count", color=colors, value_labels=value_labels)
                for patch, approx in zip(ax.patches, rows["approx"], strict=False):
                    if approx:
                        patch.set_hatch("///")
                        patch.set_edgecolor("white")
                ax.xaxis.set_major_locator(MaxNLocator(4))
            panel = str(titles.get(group, group)) if group else _text(lang, "unknown")
            ax.set_title(panel, loc="right" if rtl else "left", fontsize="medium", fontweight="bold")
        if len(axes):
            axes[-1].set_xlabel(_text(lang, "value"), fontsize="small")
        _title(fig, title, _text(lang, "claims"), rtl)
        return _finish(fig, table, font)


# --- word cloud -------------------------------------------------------------------------------------


def plot_wordcloud(
    data: pd.DataFrame,
    *,
    top: int = 100,
    measure: str = "count",
    form: str = "normalized",
    ngram: int = 1,
    stopwords: bool | Iterable[str] = True,
    normalize_options: Mapping[str, bool] | None = None,
    width: int = 1600,
    height: int = 900,
    prefer_horizontal: float = 1.0,
    colormap: str = "Dark2",
    background: str = "white",
    random_state: int = 0,
    title: str | None = "",
    lang: str = "ar",
    font=None,
    ax=None,
    **cloud_options,
) -> Figure:
    """A word cloud of the ``top`` terms, with Arabic drawn right by Pillow.

    The ``wordcloud`` package draws with Pillow: when Pillow shapes (built with raqm)
    the words go in as they are; otherwise they are reshaped and reordered first
    (:func:`analysis.plotting.arabic_text` with ``renderer="pillow"``).  Words are
    horizontal by default (``prefer_horizontal=1.0``) and the layout is reproducible
    (``random_state``).  Other keyword arguments go to ``wordcloud.WordCloud``
    (``margin``, ``max_font_size``, ``mask`` ...).  The cloud is a raster image inside
    the figure; chart data: ``term, display`` and the counts.
    """
    try:
        from wordcloud import WordCloud
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("plot_wordcloud needs the 'wordcloud' package (pip install wordcloud)") from exc
    _check_measure(measure, ("count", "doc_count", "share"))
    if _is_articles(data):
        table = term_frequency(data, form=form, ngram=ngram, stopwords=stopwords, normalize_options=normalize_options)
    else:
        _require(data, ["term", measure], "terms")
        table = data
    table = table.sort_values([measure, "term"], ascending=[False, True], kind="stable").head(top).copy()
    table.insert(1, "display", _display(table).to_numpy())
    shapes = renderer_shapes_text("pillow")
    table["drawn_as"] = [arabic_text(s, "pillow", shaped=shapes) for s in table["display"]]
    frequencies = table.groupby("drawn_as", sort=False)[measure].sum().astype(float).to_dict()
    options = dict(font_path=font_file_for(table["display"], font), width=width, height=height,
                   background_color=background, colormap=colormap, prefer_horizontal=prefer_horizontal,
                   random_state=random_state, max_words=max(len(frequencies), 1), collocations=False,
                   normalize_plurals=False)
    cloud = WordCloud(**{**options, **cloud_options})
    cloud.generate_from_frequencies(frequencies)
    with _style(font):
        fig = ax.get_figure(root=True) if ax is not None else _new_figure(width / 200, height / 200)
        ax = ax if ax is not None else fig.add_subplot()
        ax.imshow(cloud.to_array(), interpolation="bilinear")
        ax.set_axis_off()
        _title(ax, title, _text(lang, "wordcloud"), lang == "ar")
        return _finish(fig, table.drop(columns="drawn_as"), font, axes=[ax])
