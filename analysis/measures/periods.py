"""Time in a corpus: which dates stand far outside its span, and which terms change most from period to period.

>>> dates = pd.Series(pd.to_datetime(["2018-03-01"] * 50 + ["2018-06-01"] * 50 + ["2013-12-05"]))
>>> date_outliers(dates).sum()
np.int64(1)
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from analysis import lexicons
from analysis.measures.tables import g2_statistic
from analysis.text.normalize import normalize

#: The share of dates at each end that may lie outside the core span before the outlier rule looks at them.
CORE_QUANTILE = 0.005
#: How far beyond the core span (as a share of its length, at least ``MIN_MARGIN``) a date must lie to be outlying.
MARGIN = 0.5
MIN_MARGIN = pd.Timedelta(days=30)


def date_outliers(published: pd.Series) -> pd.Series:
    """Whether each date lies far outside the corpus's span (a stray date: a scraper's default, an old
    article in a 2018 crawl).  The core span runs from the 0.5th to the 99.5th percentile of the dates;
    a date is outlying when it lies more than half the core span's length (at least 30 days) beyond it.
    Missing dates are not outlying.

    On the full ANT archive (February to October 2018) the 71 articles dated 2012-2017 are outlying.
    """
    dates = pd.to_datetime(published, utc=True) if not isinstance(published.dtype, pd.DatetimeTZDtype) else published
    known = dates.dropna()
    if len(known) < 10:
        return pd.Series(False, index=published.index)
    # the nearest real dates inside the quantiles: interpolating towards a lone stray date would stretch the core
    low = known.quantile(CORE_QUANTILE, interpolation="higher")
    high = known.quantile(1 - CORE_QUANTILE, interpolation="lower")
    margin = max((high - low) * MARGIN, MIN_MARGIN)
    return ((dates < low - margin) | (dates > high + margin)).fillna(False).astype(bool)


def as_periods(published: pd.Series, freq: str = "M") -> pd.Series:
    """Each date's period (``"M"`` months, ``"Y"`` years ...), counted in UTC with the time zone dropped first
    (pandas warns when a zoned date becomes a period).

    >>> as_periods(pd.Series(pd.to_datetime(["2018-03-31 23:00"], utc=True))).astype(str).tolist()
    ['2018-03']
    """
    return pd.to_datetime(published, utc=True).dt.tz_localize(None).dt.to_period(freq)


def n_periods(published: pd.Series, freq: str = "M") -> int:
    """How many distinct periods the dates fall in (see :func:`as_periods`).

    >>> n_periods(pd.Series(pd.to_datetime(["2018-03-01", "2018-03-30", "2018-05-02"], utc=True)))
    2
    """
    return int(as_periods(published, freq).nunique())


def changing_terms(table: pd.DataFrame, period: str, articles: pd.Series, *, top: int = 5,
                   min_articles: int = 5, min_docs: int = 5) -> list[str]:
    """The ``top`` terms whose share of articles rises most in some period against all the others.

    ``table``: ``term_frequency(..., by=period)`` rows (``term``, ``doc_count``); ``articles``: articles
    per period.  For each period with at least ``min_articles`` articles and each term used in at least
    ``min_docs`` articles overall, the log-likelihood G² of its articles in the period against the
    rest (only where it is over-used in the period); a term's score is its highest G².  Terms that
    are frequent everywhere ("قال", "العام") score low: they do not change.  Month and weekday names
    ("أكتوبر", "الخميس") are left out: they change with the calendar, not with the news.
    """
    wide = table.pivot_table(index="term", columns=period, values="doc_count", aggfunc="sum", fill_value=0)
    periods = [p for p in wide.columns if articles.get(p, 0) >= min_articles]
    if not periods or len(periods) < 2:
        return []
    wide = wide[periods]
    wide = wide[(wide.sum(axis=1) >= min_docs) & ~wide.index.map(_is_date_word).to_numpy(dtype=bool)]
    n = articles.reindex(periods).to_numpy(dtype=float)
    total_docs = wide.sum(axis=1).to_numpy(dtype=float)
    best = np.zeros(len(wide))
    for j in range(len(periods)):
        a = wide.iloc[:, j].to_numpy(dtype=float)
        b = total_docs - a
        n1, n2 = n[j], n.sum() - n[j]
        g2 = g2_statistic(a, b, n1, n2)
        over = a / n1 > b / max(n2, 1)
        best = np.maximum(best, np.where(over, g2, 0.0))
    order = np.lexsort((wide.index.to_numpy(), -best))
    return [wide.index[i] for i in order[:top] if best[i] > 0]


def _is_date_word(term: str) -> bool:
    """A month or weekday name (any word of a stem or phrase term), in any calendar the lexicons list."""
    words = _date_words()
    return any(w in words or w.replace("ة", "ه") in words for w in normalize(str(term)).split())


@functools.cache
def _date_words() -> frozenset[str]:
    words = set(lexicons.words("months")) | set(lexicons.words("time_words"))
    return frozenset(words | {w[2:] for w in words if w.startswith("ال")} | {"ال" + w for w in words})
