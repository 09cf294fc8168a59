"""Numbers claimed in the news, by unit or by source, with their qualifiers (bars, or dots on a log scale)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import LogLocator, MaxNLocator, NullFormatter

from analysis.errors import OptionError
from analysis.output.charts.common import (
    PALETTE,
    chart_style,
    finish,
    hbars,
    measure_formatter,
    new_figure,
    require_columns,
    set_title,
)
from analysis.output.charts.labels import label_text
from analysis.output.shaping import rtl_axes
from analysis.sources.agencies import outlet_names


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
    ax.xaxis.set_major_formatter(measure_formatter("count"))
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
    require_columns(claims, ["value", "unit"], "claims")
    if by not in ("unit", "source"):
        raise OptionError(f"by must be 'unit' or 'source'; got {by!r}")
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
    frame["source"] = frame["source"].where(pd.notna(frame["source"]), label_text(lang, "unattributed")).astype(str)
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
    with chart_style(font):
        fig = new_figure(9, 0.9 + 0.42 * sum(sizes) + 0.45 * len(groups))
        axes = fig.subplots(max(len(groups), 1), 1, height_ratios=sizes or [1], squeeze=False)[:, 0]
        for ax, group in zip(axes, groups, strict=False):
            rows = table[table[by] == group]
            values = rows["value"].to_numpy(dtype=float)
            labels = [lab + (" " + label_text(lang, "times", n) if n > 1 else "")
                      for lab, n in zip(rows["label"], rows["claims"], strict=True)]
            value_labels = [("≈" if a else "") + _number(v) for v, a in zip(values, rows["approx"], strict=True)]
            colors = [colours[s] for s in rows[other]]
            positive = values[values > 0]
            use_log = log if log is not None else bool(len(positive) > 1 and positive.max() / positive.min() > 100)
            if use_log and len(positive):
                _dots(ax, labels, values, rows["approx"].to_numpy(), colors, value_labels, rtl)
            else:
                hbars(ax, labels, values, rtl=rtl, measure="count", color=colors, value_labels=value_labels)
                for patch, approx in zip(ax.patches, rows["approx"], strict=False):
                    if approx:
                        patch.set_hatch("///")
                        patch.set_edgecolor("white")
                ax.xaxis.set_major_locator(MaxNLocator(4))
            panel = str(titles.get(group, group)) if group else label_text(lang, "unknown")
            ax.set_title(panel, loc="right" if rtl else "left", fontsize="medium", fontweight="bold")
        if len(axes):
            axes[-1].set_xlabel(label_text(lang, "value"), fontsize="small")
        set_title(fig, title, label_text(lang, "claims"), rtl)
        return finish(fig, table, font)
