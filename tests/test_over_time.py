"""Terms over time: a real time axis, thin periods and stray dates named not drawn, changing terms by default."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import analysis
from analysis.errors import OptionError
from analysis.measures.periods import changing_terms, date_outliers
from analysis.output.shaping import chart_data


def dated(rows):
    """Articles from (date, text) pairs."""
    frame = pd.DataFrame(rows, columns=["published", "text"])
    frame.insert(0, "article_id", [f"a{i}" for i in range(len(frame))])
    frame["published"] = pd.to_datetime(frame["published"], utc=True)
    return frame


def corpus():
    rows = [("2018-03-10", "الحكومة والميزانية")] * 20
    rows += [("2018-04-10", "هجوم كيميائي على دوما، والحكومة تنفي")] * 12
    rows += [("2018-04-11", "الحكومة والميزانية في يناير")] * 8
    rows += [("2018-06-10", "الحكومة والميزانية")] * 20  # May has no article: a gap
    rows += [("2018-07-02", "دوما مرة أخرى")] * 2  # a thin month
    rows += [("2013-12-01", "مقال قديم عن دوما")]  # a stray date
    return dated(rows)


def test_a_stray_date_is_outlying_and_the_core_is_not():
    flags = date_outliers(corpus()["published"])
    assert flags.sum() == 1 and flags.iloc[-1]
    assert not date_outliers(pd.Series(pd.to_datetime(["2018-01-01", None] * 10))).any()


def test_the_default_terms_are_those_that_change_not_the_frequent_or_the_calendar():
    articles = corpus()
    table = analysis.term_frequency(articles, by="month")
    per_month = articles.groupby(articles["published"].dt.tz_localize(None).dt.to_period("M")).size()
    chosen = changing_terms(table, "month", per_month, top=5)
    assert set(chosen) <= {"هجوم", "كيميائي", "دوما", "والحكومة", "تنفي"} and "دوما" in chosen  # April's story
    assert "الحكومة" not in chosen  # in every month: it does not change
    assert "يناير" not in chosen  # a month name changes with the calendar


def test_the_chart_sits_on_real_dates_and_names_what_it_leaves_out():
    fig = analysis.plot_terms_over_time(corpus(), ["دوما", "الحكومة"], lang="en")
    lines, bars = fig.axes[0], fig.axes[1]
    first = lines.get_lines()[0]
    x = np.asarray(first.get_xdata())
    assert len(x) == 5  # March to July, May included as a gap
    y = np.asarray(first.get_ydata(), dtype=float)
    assert np.isnan(y[2]) and np.isnan(y[4])  # May: no articles; July: 2 articles, fewer than 5
    assert y[1] == pytest.approx(12 / 20)
    note = bars.get_xlabel()
    assert "2018-07" in note and "2013-12" in note  # the thin month and the stray date are named
    data = chart_data(fig)
    assert "2013-12" not in data["month"].astype(str).tolist()
    assert not data.loc[data["month"].astype(str) == "2018-07", "drawn"].any()
    with pytest.raises(OptionError, match="min_articles"):
        analysis.plot_terms_over_time(corpus(), min_articles=0)


def test_the_overview_lists_stray_dates_apart_from_the_months():
    overview = analysis.corpus_overview(corpus())
    assert overview["summary"].loc[0, "dates_outlying"] == 1
    assert overview["outlying_dates"]["published"].dt.year.tolist() == [2013]
    assert overview["by_month"]["month"].tolist() == ["2018-03", "2018-04", "2018-05", "2018-06", "2018-07"]
