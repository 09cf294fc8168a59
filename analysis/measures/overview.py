"""What a corpus holds: articles per outlet, section and month, lengths, and what was skipped."""

from __future__ import annotations

import pandas as pd

from analysis.measures.periods import date_outliers
from analysis.sources.agencies import outlet_names


def _counts(articles: pd.DataFrame, column: str, label: str) -> pd.DataFrame:
    keys = articles[column].astype("object").where(articles[column].notna(), "(غير معروف / unknown)")
    table = keys.value_counts().rename_axis(label).reset_index(name="articles")
    table["share"] = table["articles"] / max(len(articles), 1)
    return table


def articles_per_month(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per calendar month of ``published`` (UTC), months without articles included.

    >>> arts = pd.DataFrame({"published": pd.to_datetime(["2018-02-03", "2018-04-01", None], utc=True)})
    >>> articles_per_month(arts).values.tolist()
    [['2018-02', 1], ['2018-03', 0], ['2018-04', 1]]
    """
    published = articles["published"].dropna()
    if published.empty:
        return pd.DataFrame({"month": pd.Series([], dtype="str"), "articles": pd.Series([], dtype="int64")})
    months = published.dt.tz_convert("UTC").dt.tz_localize(None).dt.to_period("M")
    counts = months.value_counts().sort_index()
    full = pd.period_range(counts.index.min(), counts.index.max(), freq="M")
    counts = counts.reindex(full, fill_value=0)
    return pd.DataFrame({"month": counts.index.astype(str), "articles": counts.to_numpy()})


def corpus_overview(articles: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The tables of a corpus overview, each a DataFrame ready to show or save.

    * ``summary``: one row of totals (articles, words, characters, outlets, date range, files skipped);
    * ``by_outlet`` (with the outlet's readable ``name``), ``by_section``: articles and their share;
    * ``by_month``: articles per month over the corpus's span (empty when no date is known); dates far
      outside it (:func:`analysis.measures.periods.date_outliers`: the 71 ANT articles dated 2012-2017
      in a 2018 corpus) are not months of the corpus: they are counted in ``summary`` (``dates_outlying``)
      and listed in ``outlying_dates`` (``article_id, outlet, published, title``);
    * ``lengths``: words per article by outlet (count, mean, median, min, max);
    * ``skipped``: the load report's skipped files with their reasons.

    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["CNN", "BBC"], "section": ["x", "x"],
    ...                      "published": pd.to_datetime(["2018-02-03", "2018-04-01"], utc=True),
    ...                      "n_words": [100, 300], "n_chars": [500, 1500], "text": ["..", ".."]})
    >>> corpus_overview(arts)["summary"][["articles", "words", "outlets"]].values.tolist()
    [[2, 400, 2]]
    """
    report = articles.attrs.get("load_report")
    stray = date_outliers(articles["published"]) if "published" in articles else pd.Series(False, index=articles.index)
    outlying = articles.loc[stray, [c for c in ("article_id", "outlet", "published", "title") if c in articles]]
    published = articles["published"].dropna() if "published" in articles else pd.Series([], dtype="object")
    skipped = (report[report["status"] == "skipped"][["path", "reason"]].reset_index(drop=True)
               if report is not None else pd.DataFrame({"path": [], "reason": []}))
    summary = pd.DataFrame([{
        "articles": len(articles),
        "words": int(articles["n_words"].sum()) if "n_words" in articles else None,
        "characters": int(articles["n_chars"].sum()) if "n_chars" in articles else None,
        "outlets": int(articles["outlet"].nunique()) if "outlet" in articles else 0,
        "first": published.min() if len(published) else pd.NaT,
        "last": published.max() if len(published) else pd.NaT,
        "files": len(report) if report is not None else None,
        "files_skipped": len(skipped),
        "dates_outlying": int(stray.sum()),
    }])
    by_outlet = _counts(articles, "outlet", "outlet") if "outlet" in articles else pd.DataFrame()
    if len(by_outlet):
        by_outlet.insert(1, "name", outlet_names(by_outlet["outlet"]).to_numpy())
    outlet = articles["outlet"] if "outlet" in articles else pd.Series([None] * len(articles))
    lengths = (articles.assign(outlet=outlet.astype("object").where(outlet.notna(), "(unknown)"))
               .groupby("outlet")["n_words"].agg(["count", "mean", "median", "min", "max"])
               .rename(columns={"count": "articles"}).reset_index()) if "n_words" in articles else pd.DataFrame()
    return {
        "summary": summary,
        "by_outlet": by_outlet,
        "by_section": _counts(articles, "section", "section") if "section" in articles else pd.DataFrame(),
        "by_month": articles_per_month(articles[~stray]) if "published" in articles else pd.DataFrame(),
        "lengths": lengths,
        "skipped": skipped,
        "outlying_dates": outlying.sort_values("published", kind="stable").reset_index(drop=True)
        if "published" in outlying else outlying.reset_index(drop=True),
    }
