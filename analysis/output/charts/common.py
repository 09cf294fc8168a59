"""What every chart shares: palette, figure and font setup, bars, legends, value formats, argument checks."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from analysis.errors import ColumnError, OptionError
from analysis.output.fonts import arabic_font, font_rc
from analysis.output.shaping import fix_arabic, rtl_axes, set_chart_data

PALETTE = ("#1b6ca8", "#e07b39", "#3a9a5b", "#c23b3b", "#7d5ba6", "#8c6d46", "#d16ba5", "#6f6f6f", "#b5a426",
           "#2fa5b5")
MEASURES = ("count", "doc_count", "share", "doc_share")


def is_articles(frame: pd.DataFrame) -> bool:
    """An articles frame (the chart counts for itself), rather than a table of counts."""
    return isinstance(frame, pd.DataFrame) and "text" in frame.columns


@contextlib.contextmanager
def chart_style(font):
    """Draw with the Arabic font chosen by ``font`` (see :func:`analysis.output.fonts.font_rc`)."""
    with mpl.rc_context(font_rc(font)):
        yield


def new_figure(width: float, height: float) -> Figure:
    """A figure sized for the default 10 pt text, grown with larger ``font.size`` so labels never collide."""
    scale = max(1.0, float(mpl.rcParams["font.size"]) / 10)
    return Figure(figsize=(width * scale, height * scale), layout="constrained")


def finish(fig: Figure, data: pd.DataFrame, font, axes=None) -> Figure:
    """Tick labels made later (at draw time) keep the Arabic font; remember the data; fix the text."""
    families = arabic_font(font, announce=False).families
    for ax in axes if axes is not None else fig.axes:
        ax.tick_params(which="both", labelfontfamily=families)
    set_chart_data(fig, data.reset_index(drop=True))
    return fix_arabic(fig)


def set_title(ax_or_fig, title: str | None, default: str, rtl: bool) -> None:
    text = default if title is None else title
    if not text:
        return
    if isinstance(ax_or_fig, Figure):
        ax_or_fig.suptitle(text, x=0.99 if rtl else 0.01, ha="right" if rtl else "left", fontsize="x-large")
    else:
        ax_or_fig.set_title(text, loc="right" if rtl else "left", fontsize="large")


def measure_formatter(measure: str):
    if measure in ("share", "doc_share"):
        return FuncFormatter(lambda x, _pos: f"{round(x * 100, 6):g}%")
    return FuncFormatter(lambda x, _pos: f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}")


def legend(fig, ax, rtl: bool, *, own_axes: bool, where: str = "lower center", **kwargs):
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


def format_value(value: float, measure: str) -> str:
    if measure in ("share", "doc_share"):
        return f"{value:.1%}" if value >= 0.001 else f"{value:.2%}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def style_bar_axes(ax, n: int, *, rtl: bool, measure: str, margin: float = 0.15, integer: bool = False,
                   xlabel: str | None = None) -> None:
    """The look of every horizontal bar chart: ``n`` categories on y, first on top, values on x with a light
    grid, no top/right spines; mirrored for right-to-left (after the spines are set, which it moves)."""
    ax.set_ylim(n - 0.5, -0.5)
    ax.margins(x=margin)
    ax.xaxis.set_major_formatter(measure_formatter(measure))
    if integer or measure in ("count", "doc_count"):  # counts of articles or words are whole: no 0.2 ticks
        ax.xaxis.get_major_locator().set_params(integer=True)
    if xlabel is not None:
        ax.set_xlabel(xlabel, fontsize="small")
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    if rtl:
        rtl_axes(ax, category_axis="y")


def hbars(ax, labels: Sequence[str], values: Sequence[float], *, rtl: bool, measure: str, color=PALETTE[0],
          value_labels: Sequence[str] | None = None) -> None:
    """Horizontal bars, first label on top, values printed at the bar ends."""
    y = np.arange(len(labels))
    bars = ax.barh(y, values, color=color, height=0.7)
    ax.set_yticks(y, list(labels))
    style_bar_axes(ax, len(labels), rtl=rtl, measure=measure)
    # After the axis is flipped: bar_label places the numbers by the direction at call time.
    texts = value_labels if value_labels is not None else [format_value(v, measure) for v in values]
    ax.bar_label(bars, labels=list(texts), padding=3, fontsize="small")


def check_measure(measure: str, allowed: Sequence[str] = MEASURES) -> None:
    """Refuse a ``measure=`` the chart cannot draw, naming the ones it can."""
    if measure not in allowed:
        raise OptionError(f"measure must be one of {', '.join(allowed)}; got {measure!r}")


def require_columns(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    """Refuse a ``what`` frame that lacks any of ``columns``, naming them."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ColumnError(f"{what} frame has no column(s) {', '.join(missing)}")
