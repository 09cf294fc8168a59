"""Numbers claimed in the news, by unit or by source, with their qualifiers (bars, or dots on a log scale).

Unlike quantities never share an axis: a panel holds one unit (``by="unit"``) or, for one source,
one family of units (``by="source"``): counts, percent, money in one currency, one unit of distance
or of time, ages; a claim with no unit is left out (nothing to compare it with).  A legend names
every colour and marker.

>>> unit_family("قتيل"), unit_family("%"), unit_family("دولار"), unit_family("كيلومتر"), unit_family("سنة", "age")
('count', 'percent', 'money:دولار', 'distance:كيلومتر', 'age')
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import LogLocator, MaxNLocator, NullFormatter

from analysis.claims.units import kind_of
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

_FAMILY_NAMES = {"ar": {"count": "أعداد", "percent": "نسب مئوية", "share": "حصص", "age": "أعمار", "money": "مبالغ",
                        "distance": "مسافات", "duration": "مدد", "other": "مقادير"},
                 "en": {"count": "counts", "percent": "percent", "share": "shares", "age": "ages", "money": "money",
                        "distance": "distance", "duration": "duration", "other": "measures"}}
_SHAPES = {"ar": ("تقريبي (عمود مظلل)", "تقريبي (نقطة مفرغة)"),
           "en": ("approximate (hatched bar)", "approximate (hollow dot)")}


def unit_family(unit: str, kind: str | None = None) -> str:
    """The family of a unit key, what one axis may hold: "count", "percent", "share", "age", or kind:unit for
    money (by currency), distance, duration and other measures (one unit each: days are not months)."""
    family = kind if kind in ("age", "share") else kind_of(unit or None)
    return family if family in ("count", "percent", "share", "age") else f"{family}:{unit}"


def _family_name(family: str, lang: str) -> str:
    kind, _, unit = family.partition(":")
    name = _FAMILY_NAMES.get(lang, _FAMILY_NAMES["en"]).get(kind, kind)
    return f"{name}: {unit}" if unit else name


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def _dots(ax, labels, values, approx, colors, value_labels, rtl: bool) -> None:
    """A dot plot on a log scale (bars from zero mean nothing there): hollow dots for approximate values."""
    y = np.arange(len(labels))
    positive = values[values > 0]
    # At least one decade either side of the dots, so even one value gets two labelled ticks.
    low = min(positive.min() / 3, 10 ** np.floor(np.log10(positive.min())))
    high = max(positive.max() * 4, 10 ** (np.floor(np.log10(positive.max())) + 1))
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
    families: int = 3,
    log: bool | None = None,
    title: str | None = None,
    lang: str = "ar",
    rtl: bool | None = None,
    font=None,
) -> Figure:
    """Numbers claimed in the news, by unit or by source, with their qualifiers.

    ``claims``: the claims frame (``value, value_text, approx, qualifier, unit,
    source, ...``).  One panel per ``by`` group (the ``top`` groups with most
    claims): ``by="unit"`` compares what different sources claim for the same unit;
    ``by="source"`` lists what each source claims, one panel per family of units
    (:func:`unit_family`: counts, percent, money by currency, one unit of distance or
    time, ages; a source's ``families`` busiest ones, so that a source quoting forty
    units does not need forty panels), the family named on the panel's other side.
    Values of unlike units are never put on one axis; claims with no unit are left
    out.  Identical claims are
    merged and counted (×n).  Each bar is labelled with the qualifier and the number as
    written ("حوالي ألفي"); approximate values are hatched bars (or hollow dots); the
    legend names each colour (the sources, or the units) and these two markers.  ``log``
    (default: when a panel, or a source's panels, span more than two orders of
    magnitude) draws a dot plot on a log scale.
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
    kinds = claims["kind"].astype("object").to_numpy() if "kind" in claims else np.full(len(frame), None)
    frame["family"] = [unit_family(u, k) for u, k in zip(frame["unit"], kinds, strict=True)]
    frame["source"] = frame["source"].where(pd.notna(frame["source"]), label_text(lang, "unattributed")).astype(str)
    frame["value_text"] = [t if isinstance(t, str) and t.strip() else _number(v)
                           for t, v in zip(frame["value_text"], frame["value"], strict=True)]
    frame["qualifier"] = [q if isinstance(q, str) else "" for q in frame["qualifier"]]
    frame = frame[np.isfinite(frame["value"]) & (frame["unit"] != "").to_numpy()]  # no unit: nothing to compare
    keys = ["unit", "family", "source", "value", "approx", "qualifier", "value_text"]
    table = frame.groupby(keys, sort=False, dropna=False).size().rename("claims").reset_index()
    group_sizes = table.groupby(by, sort=False)["claims"].sum().sort_values(ascending=False, kind="stable")
    groups = group_sizes.index[:top].tolist()
    other = "source" if by == "unit" else "unit"
    table = table[table[by].isin(groups)]
    if by == "source":  # a source quoting numbers in forty units would need forty panels: its busiest families
        busy = table.groupby(["source", "family"], sort=False)["claims"].sum().reset_index()
        busy = busy.sort_values(["source", "claims"], ascending=[True, False], kind="stable")
        kept = set(map(tuple, busy.groupby("source", sort=False).head(families)[["source", "family"]].to_numpy()))
        table = table[[(s, f) in kept for s, f in zip(table["source"], table["family"], strict=True)]]
    table["panel"] = table[by] if by == "unit" else table["source"] + "\x00" + table["family"]
    table = table.sort_values([by, "family", "value", other], ascending=[True, True, False, True], kind="stable")
    table = table.groupby("panel", sort=False).head(rows_per_panel)
    table["label"] = [" ".join(p for p in (q, t) if p) + (f" {u}" if by == "source" else "")
                      for q, t, u in zip(table["qualifier"], table["value_text"], table["unit"], strict=True)]
    table["label"] = [f"{lab} — {s}" if by == "unit" else lab for lab, s in zip(table["label"], table["source"],
                                                                                 strict=True)]
    colours = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(dict.fromkeys(table[other]))}
    panels = [p for g in groups for p in dict.fromkeys(table.loc[table[by] == g, "panel"])]
    sizes = [max(int((table["panel"] == p).sum()), 1) for p in panels] or [1]
    # An outlet's own voice is its code ("skynews"): the panel (and the legend) say its name.
    sources = list(dict.fromkeys(table["source"]))
    names = dict(zip(sources, outlet_names(pd.Series(sources, dtype=object), lang=lang), strict=True))
    # One scale type for a source's panels: its values overall decide log or not.
    spans = table.loc[table["value"] > 0].groupby(by)["value"].agg(lambda v: v.max() / v.min())
    with chart_style(font):
        fig = new_figure(9, 1.4 + 0.42 * sum(sizes) + 0.45 * len(panels))
        axes = fig.subplots(max(len(panels), 1), 1, height_ratios=sizes, squeeze=False)[:, 0]
        approx_dots = approx_bars = False
        for ax, panel in zip(axes, panels, strict=False):
            rows = table[table["panel"] == panel]
            group = rows[by].iloc[0]
            values = rows["value"].to_numpy(dtype=float)
            labels = [lab + (" " + label_text(lang, "times", n) if n > 1 else "")
                      for lab, n in zip(rows["label"], rows["claims"], strict=True)]
            value_labels = [("≈" if a else "") + _number(v) for v, a in zip(values, rows["approx"], strict=True)]
            colors = [colours[s] for s in rows[other]]
            positive = values[values > 0]
            use_log = log if log is not None else bool(len(positive) and spans.get(group, 1.0) > 100)
            if use_log and len(positive):
                _dots(ax, labels, values, rows["approx"].to_numpy(), colors, value_labels, rtl)
            else:
                hbars(ax, labels, values, rtl=rtl, measure="count", color=colors, value_labels=value_labels)
                for patch, approx in zip(ax.patches, rows["approx"], strict=False):
                    if approx:
                        patch.set_hatch("///")
                        patch.set_edgecolor("white")
                ax.xaxis.set_major_locator(MaxNLocator(4))
            name = str(names.get(group, group) if by == "source" else group) or label_text(lang, "unknown")
            ax.set_title(name, loc="right" if rtl else "left", fontsize="medium", fontweight="bold")
            ax.set_title(_family_name(rows["family"].iloc[0], lang), loc="left" if rtl else "right",
                         fontsize="small", color="#555555")
            drawn_as_dots = bool(use_log and len(positive))
            approx_dots = approx_dots or (drawn_as_dots and bool(rows["approx"].any()))
            approx_bars = approx_bars or (not drawn_as_dots and bool(rows["approx"].any()))
        if len(axes):
            axes[-1].set_xlabel(label_text(lang, "value"), fontsize="small")
            _legend(fig, colours, names if by == "unit" else {}, approx_bars, approx_dots, rtl, lang)
        set_title(fig, title, label_text(lang, "claims"), rtl)
        return finish(fig, table.drop(columns=["panel"]), font)


def _legend(fig, colours: dict, names: dict, bars: bool, dots: bool, rtl: bool, lang: str) -> None:
    """Every colour (a source, or a unit) and the markers of approximate values used, below the panels."""
    hatched, hollow = _SHAPES.get(lang, _SHAPES["en"])
    handles = [Patch(facecolor=colour, label=str(names.get(key, key))) for key, colour in colours.items()]
    if bars:
        handles.append(Patch(facecolor="white", edgecolor="#555555", hatch="///", label=hatched))
    if dots:
        handles.append(Line2D([], [], marker="o", ms=7, mew=2, color="#555555", mfc="white", ls="", label=hollow))
    if not handles:
        return
    if rtl:  # first entry on the right, markers right of their labels
        handles = handles[::-1]
    fig.legend(handles=handles, loc="outside lower center", ncol=min(len(handles), 3), frameon=False,
               fontsize="small", markerfirst=not rtl)
