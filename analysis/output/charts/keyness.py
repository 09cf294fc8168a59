"""Key terms of two groups side by side: what each over-uses, with the counts behind the measure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.errors import OptionError
from analysis.measures.keyness import keyness as compute_keyness
from analysis.output.charts.common import (
    PALETTE,
    chart_style,
    check_measure,
    finish,
    format_value,
    hbars,
    is_articles,
    new_figure,
    require_columns,
    set_title,
)
from analysis.output.charts.labels import label_text
from analysis.output.charts.spellings import display_spelling


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
    check_measure(measure, ("log_likelihood", "log_ratio", "percent_diff"))
    rtl = lang == "ar" if rtl is None else rtl
    if is_articles(data):
        if reference is None or not is_articles(reference):
            raise OptionError("plot_keyness(target_articles, reference_articles): give the reference articles too")
        table = compute_keyness(data, reference, form=form, ngram=ngram, stopwords=stopwords, min_count=min_count,
                                normalize_options=normalize_options)
    else:
        require_columns(data, ["term", "direction", measure, "count_target", "count_reference"], "keyness")
        table = data
    target_label = target_label or label_text(lang, "target")
    reference_label = reference_label or label_text(lang, "reference")
    table = table[np.isfinite(table[measure].to_numpy(dtype=float))]
    parts = []
    for direction in ("target", "reference"):
        rows = table[table["direction"] == direction].copy()
        rows["_strength"] = rows[measure].abs()
        rows = rows.sort_values(["_strength", "term"], ascending=[False, True], kind="stable").head(top)
        parts.append(rows.drop(columns="_strength"))
    table = pd.concat(parts, ignore_index=True)
    table.insert(1, "display", display_spelling(table).to_numpy())
    n = max(top, 3)
    with chart_style(font):
        fig = new_figure(10, 1.3 + 0.32 * n)
        axes = fig.subplots(1, 2, sharex=True)
        order = (axes[1], axes[0]) if rtl else (axes[0], axes[1])
        for ax, direction, label, color in zip(order, ("target", "reference"), (target_label, reference_label),
                                               (PALETTE[0], PALETTE[1]), strict=True):
            rows = table[table["direction"] == direction]
            values = rows[measure].abs().to_numpy(dtype=float)
            counts = [f"{format_value(v, measure)}  ({a:,}/{b:,})" for v, a, b in
                      zip(values, rows["count_target"], rows["count_reference"], strict=True)]
            hbars(ax, rows["display"].tolist(), values, rtl=rtl, measure=measure, color=color, value_labels=counts)
            ax.set_title(label_text(lang, "over_in", label), loc="right" if rtl else "left", fontsize="medium",
                         fontweight="bold")
            ax.set_xlabel(label_text(lang, measure), fontsize="small")
        set_title(fig, title, f"{label_text(lang, 'keyness')}: {target_label} / {reference_label}", rtl)
        return finish(fig, table, font)
