"""What the charts over time share: every period of a span, where a period starts, date ticks in Arabic or
English, and the short lists of what a chart leaves out."""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.ticker import FuncFormatter

from analysis.output.charts.labels import ARABIC_MONTHS


def every_period(periods: list) -> list:
    """Every period from the first to the last of ``periods`` (sorted), so that a period missing from the data
    is a gap that breaks a line; the periods as given when they are not pandas Periods.

    >>> every_period([pd.Period("2018-01", "M"), pd.Period("2018-03", "M")])
    [Period('2018-01', 'M'), Period('2018-02', 'M'), Period('2018-03', 'M')]
    """
    if periods and all(hasattr(p, "freq") for p in periods):
        return list(pd.period_range(min(periods), max(periods), freq=periods[0].freq))
    return sorted(set(periods))


def period_start(p) -> pd.Timestamp:
    """Where period ``p`` sits on a time axis: its first moment."""
    return p.start_time if hasattr(p, "start_time") else pd.Timestamp(p)


def date_ticks(ax, lang: str) -> None:
    """Date ticks on the x axis: Arabic month names over the year, or matplotlib's concise English dates."""
    locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    if lang == "ar":
        ax.xaxis.set_major_formatter(FuncFormatter(
            lambda x, _pos: f"{ARABIC_MONTHS[mdates.num2date(x).month - 1]}\n{mdates.num2date(x).year}"))
    else:
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def name_list(items, lang: str, limit: int = 8) -> str:
    """The first ``limit`` items as one line, "…" when there are more.  In Arabic, "، " between them and each
    item held left-to-right by marks around it: inside an Arabic sentence "2018-01" was drawn "01-2018".

    >>> name_list(["2017-11", "2017-12", "2018-01"], "en", limit=2)
    '2017-11, 2017-12 …'
    >>> name_list(["2017-11"], "ar") == "\u200e2017-11\u200e"
    True
    """
    items = [f"\u200e{i}\u200e" if lang == "ar" else str(i) for i in items]
    return ("، " if lang == "ar" else ", ").join(items[:limit]) + (" …" if len(items) > limit else "")
