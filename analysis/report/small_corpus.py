"""The report of one or a few articles: each article read on its own instead of corpus charts.

Charts of shares and counts over outlets and months say nothing about three articles (the seed's
report drew bars one article long with ticks at 0.2 articles).  Below :data:`CORPUS_CHARTS_FROM`
articles the notebooks show, per article, who speaks, which numbers it carries and who claims them,
which agencies it credits, and its key terms (against a reference corpus when one is given).

>>> arts = pd.DataFrame({"article_id": ["a"], "title": ["عنوان"], "outlet": ["aa"], "n_words": [120],
...                      "published": pd.to_datetime(["2018-03-05 14:19"], utc=True), "text": ["نص"]})
>>> is_small(arts), article_list(arts).values.tolist()
(True, [['a', 'عنوان', 'aa', '2018-03-05', 120]])
"""

from __future__ import annotations

import pandas as pd

from analysis.measures.keyness import keyness
from analysis.measures.terms import term_frequency

#: From this many articles on, the report draws corpus charts; below it, it reads each article.
CORPUS_CHARTS_FROM = 10
#: The claimant of a number the outlet states in its own voice, when the outlet is not known.
OWN_VOICE = "صوت الوسيلة"
#: A speaker or claimant the rules could not name (a continuation with no earlier speaker).
UNKNOWN = "غير معروف"
#: Longest excerpt of a statement's content or a claim's sentence shown in a table.
EXCERPT = 160


def is_small(articles: pd.DataFrame) -> bool:
    """Whether ``articles`` is too small for corpus charts (fewer than :data:`CORPUS_CHARTS_FROM`)."""
    return len(articles) < CORPUS_CHARTS_FROM


def article_list(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article: ``article_id, title, outlet, published`` (the date alone), ``n_words``."""
    out = pd.DataFrame({"article_id": articles["article_id"].to_numpy()})
    for column in ("title", "outlet"):
        out[column] = articles[column].to_numpy() if column in articles else None
    published = articles["published"] if "published" in articles else pd.Series(pd.NaT, index=articles.index)
    out["published"] = pd.to_datetime(published, utc=True).dt.strftime("%Y-%m-%d").to_numpy()
    out["n_words"] = articles["n_words"].to_numpy() if "n_words" in articles else None
    return out


def statements_by_article(attributions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Who speaks in each article, in reading order: ``article_id, title, speaker, speaker_type, verb, quote,
    agency, content``.  ``speaker`` is the canonical name where the article gives one, else the speaker as
    written, else the role, else :data:`UNKNOWN`; ``content`` is cut to :data:`EXCERPT` characters."""
    columns = ["article_id", "title", "speaker", "speaker_type", "verb", "quote", "agency", "content"]
    if attributions.empty:
        return pd.DataFrame(columns=columns)
    frame = attributions.sort_values(["article_id", "start"], kind="stable")
    who = frame["canonical"] if "canonical" in frame else frame["speaker"]
    who = who.where(who.notna(), frame["speaker"]).where(lambda s: s.notna(), frame.get("role")).fillna(UNKNOWN)
    titles = articles.set_index("article_id")["title"] if "title" in articles else pd.Series(dtype=object)
    return pd.DataFrame({
        "article_id": frame["article_id"].to_numpy(),
        "title": frame["article_id"].map(titles).to_numpy(),
        "speaker": who.to_numpy(),
        "speaker_type": frame["speaker_type"].to_numpy(),
        "verb": frame["verb"].to_numpy(),
        "quote": frame["quote"].to_numpy(),
        "agency": (frame["agency"] if "agency" in frame else frame["channel"]).to_numpy(),
        "content": frame["content"].map(_excerpt).to_numpy(),
    }, columns=columns)


def numbers_by_article(claims: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Which numbers each article carries and who claims them, in reading order: ``article_id, title,
    value_text, value, unit, qualifier, kind, claimant, sentence``.  ``claimant`` is the quoted source,
    the article's outlet when the outlet says it in its own voice (:data:`OWN_VOICE` when the outlet is not
    known), or :data:`UNKNOWN` inside a statement whose speaker the rules could not name."""
    columns = ["article_id", "title", "value_text", "value", "unit", "qualifier", "kind", "claimant", "sentence"]
    if claims.empty:
        return pd.DataFrame(columns=columns)
    frame = claims.sort_values(["article_id", "start"], kind="stable")
    titles = articles.set_index("article_id")["title"] if "title" in articles else pd.Series(dtype=object)
    outlets = articles.set_index("article_id")["outlet"] if "outlet" in articles else pd.Series(dtype=object)
    own_voice = frame["article_id"].map(outlets).where(lambda o: o.notna(), OWN_VOICE)
    claimant = frame["source"].where(frame["source"].notna(),
                                     own_voice.where(frame["source_type"] == "outlet", UNKNOWN))
    return pd.DataFrame({
        "article_id": frame["article_id"].to_numpy(),
        "title": frame["article_id"].map(titles).to_numpy(),
        "value_text": frame["value_text"].to_numpy(),
        "value": frame["value"].to_numpy(),
        "unit": frame["unit"].to_numpy(),
        "qualifier": frame["qualifier"].to_numpy(),
        "kind": frame["kind"].to_numpy() if "kind" in frame else None,
        "claimant": claimant.to_numpy(),
        "sentence": frame["sentence"].map(_excerpt).to_numpy(),
    }, columns=columns)


def article_terms(articles: pd.DataFrame, reference: pd.DataFrame | None = None, *, top: int = 10) -> pd.DataFrame:
    """Each article's key terms: ``article_id, term, spelling, count`` and, against a ``reference`` corpus,
    ``log_likelihood`` (the article's over-used terms, :func:`analysis.keyness`); without one, its most
    frequent content words (stems, function words removed)."""
    rows = []
    for article_id, one in articles.groupby("article_id", sort=False):
        if reference is not None and len(reference):
            key = keyness(one, reference, form="stem", top=top)
            key = key[key["direction"] == "target"].head(top)
            rows.append(pd.DataFrame({"article_id": article_id, "term": key["term"], "spelling": key["spelling"],
                                      "count": key["count_target"], "log_likelihood": key["log_likelihood"]}))
        else:
            terms = term_frequency(one, form="stem", top=top)
            rows.append(pd.DataFrame({"article_id": article_id, "term": terms["term"],
                                      "spelling": terms["spelling"], "count": terms["count"]}))
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=["article_id", "term", "spelling",
                                                                                   "count"])


def _excerpt(text) -> str | None:
    if not isinstance(text, str):
        return None
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[:EXCERPT - 1].rstrip() + "…"
