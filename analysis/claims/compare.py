"""Who says how many: claims about the same thing side by side (:func:`compare_claims`).

The steps: keep the claims that count or measure something (:func:`_claims_to_compare`), name
each claim's side (:func:`_sides`: outlet, source or any column), its period and its event
(:func:`_event_key`: the verb reduced to one lemma for "أسرت", "قمنا بأسر" and "أسر"), group
claims about the same thing (:func:`_group`: inside a block of one kind, unit, event and
period, the most similar sentences join first) and lay out one row per group and side
(:func:`_layout`), then the group's statistics (:func:`_group_stats`).  The event families
are data: ``analysis/lexicons/event_families.tsv``.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis import lexicons
from analysis.claims.frame import CLAIM_KINDS
from analysis.claims.number_tokens import word_key
from analysis.claims.number_words import is_number_word
from analysis.claims.verbs import verb_lemma
from analysis.errors import ColumnError, OptionError

__all__ = ["compare_claims"]

COMPARE_COLUMNS = ["group", "kind", "unit", "event", "topic", "period", "n_claims", "n_articles", "value_min",
                   "value_max", "values", "value_texts", "approx", "group_min", "group_max", "group_spread",
                   "disagree", "sentences", "article_ids"]
_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")
# Words that say nothing about what a claim is about.
_NOT_CONTENT = (lexicons.words("non_unit_words") | lexicons.reporting_verb_forms() | lexicons.words("source_cues")
                | lexicons.words("claim_time_words"))
# Verbs and event nouns that report the same event, for grouping: killed, wounded, arrested.
_EVENT_FAMILIES = {word: family for family, words in lexicons.load("event_families").rows for word in words.split()}


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    from analysis.text.stemming import light_stem

    return light_stem(word)


def _context_tokens(*texts: str | None) -> frozenset[str]:
    """Light stems of the content words of some texts (sentence, subject, place): what a claim is about."""
    out = set()
    for text in texts:
        if isinstance(text, str):
            for w in _CONTENT_WORD.findall(text):
                key = word_key(w)
                if key not in _NOT_CONTENT and not is_number_word(key):  # number words say how many, not what about
                    out.add(_stem(w))
    return frozenset(out)


def compare_claims(
    claims: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    *,
    by: str = "outlet",
    period: str | None = "W",
    fuzzy: float = 0.3,
    min_sides: int = 1,
) -> pd.DataFrame:
    """Who says how many: claims about the same thing side by side, one row per group and ``by`` value.

    Grouping key: claims of the same ``kind``, ``unit``, event (the verb reduced to its
    lemma, so "أسرت"، "قمنا بأسر" and "أسر" meet; "" when the sentence gives none) and
    period (``articles.published`` floored to ``period``: ``"D"``, ``"W"``, ``"M"``;
    None ignores dates) are one block; inside a block, claims are about the same
    thing when their sentences (with subject and place) share enough content words:
    Jaccard of light stems at least ``fuzzy``; the most similar pairs are joined first
    (equal numbers before different ones), and a group never holds two different
    numbers from one article (they state different facts).

    ``by``: ``"outlet"`` (from ``articles``), ``"source"`` (the claim's source; the
    outlet's own voice shows as ``"<outlet>"``), or any column of ``claims``.
    ``min_sides``: keep groups with at least that many distinct ``by`` values.

    Columns: ``group, kind, unit, event, topic, period, <by>, n_claims, n_articles,
    value_min, value_max, values, value_texts, approx, group_min, group_max,
    group_spread, disagree, sentences, article_ids``.  ``topic`` is the place or
    subject most named in the group; ``group_spread`` is (max - min) / max;
    ``disagree`` tells that the group's sides give different numbers.  Vague claims are
    listed with no value.  Groups that disagree come first, then those with most sides.

    >>> claims = pd.DataFrame({"article_id": ["a", "b", "c"], "kind": ["count"] * 3, "unit": ["قتيل"] * 3,
    ...     "value": [17.0, 17.0, 20.0], "value_text": ["17", "17", "عشرون"], "approx": [False, False, True],
    ...     "verb": ["قتل", "قتل", "قتل"], "subject": [None] * 3, "place": ["تركيا"] * 3,
    ...     "source": ["الأناضول", "الأناضول", "رويترز"], "source_type": ["agency"] * 3,
    ...     "sentence": ["قتل 17 شخصا في حادث حافلة تقل مهاجرين شرق تركيا"] * 2 + [
    ...                  "قتل نحو عشرين شخصا في حادث حافلة مهاجرين في تركيا"]})
    >>> arts = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["BBC", "CNN", "BBC"],
    ...     "published": pd.to_datetime(["2018-03-30"] * 3)})
    >>> compare_claims(claims, arts)[["outlet", "value_min", "value_max", "disagree"]].values.tolist()
    [['BBC', 17.0, 20.0, True], ['CNN', 17.0, 17.0, True]]
    >>> compare_claims(claims, arts, by="source")[["source", "values"]].values.tolist()
    [['الأناضول', [17.0, 17.0]], ['رويترز', [20.0]]]
    """
    cols = COMPARE_COLUMNS[:6] + [by] + COMPARE_COLUMNS[6:]
    if not 0 <= fuzzy <= 1:
        raise OptionError(f"fuzzy={fuzzy!r}: a Jaccard similarity from 0 to 1 (0.3 by default)")
    frame = _claims_to_compare(claims, articles)
    if frame.empty:
        return pd.DataFrame({c: [] for c in cols})
    frame["_side"] = _sides(frame, by)
    frame["_period"] = _periods(frame, period)
    frame["_event"] = [_event_key(v) for v in _column(frame, "verb")]
    frame["group"] = _group(frame, fuzzy)
    out = _layout(frame, by)
    out = _group_stats(out, frame)
    out = out[(out["_sides"] >= min_sides).to_numpy(dtype=bool)]
    out = out.sort_values(["disagree", "_sides", "group_spread", "group", "value_min"],
                          ascending=[False, False, False, True, True], kind="stable")
    out = out.drop(columns="_sides").reset_index(drop=True)
    for col in ("period", "event"):
        out[col] = out[col].replace("", None)
    return out[cols]


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column of the claims, or all None when they lack it."""
    return frame[name] if name in frame else pd.Series([None] * len(frame))


def _claims_to_compare(claims: pd.DataFrame, articles: pd.DataFrame | None) -> pd.DataFrame:
    """Claims (not non-claims) with a unit, with their article's outlet and date; a fresh index."""
    missing = [c for c in ("article_id", "unit", "value") if c not in claims]
    if missing:
        raise ColumnError(f"claims lacks the column(s) {', '.join(missing)}; give the frame extract_claims returns")
    frame = claims.copy()
    if "kind" in frame:
        frame = frame[frame["kind"].isin(CLAIM_KINDS).to_numpy(dtype=bool)]
    frame = frame[frame["unit"].notna().to_numpy(dtype=bool)]
    if articles is not None and not frame.empty:
        keep = ["article_id"] + [c for c in ("outlet", "published") if c in articles and c not in frame]
        if len(keep) > 1:
            frame = frame.merge(articles[keep].drop_duplicates("article_id"), on="article_id", how="left")
    return frame.reset_index(drop=True)


def _sides(frame: pd.DataFrame, by: str) -> list:
    """Who says each claim: its outlet, its source ("<outlet>" for the outlet's own voice) or a column."""
    if by == "outlet":
        if "outlet" not in frame:
            raise ColumnError("by='outlet' needs articles with an 'outlet' column")
        side = list(frame["outlet"])
    elif by == "source":
        outlet = _column(frame, "outlet")
        side = [s if isinstance(s, str) else (f"<{o}>" if isinstance(o, str) else "<outlet>")
                for s, o in zip(_column(frame, "source"), outlet, strict=True)]
    else:
        if by not in frame:
            raise ColumnError(f"by={by!r}: the claims have no such column; use 'outlet', 'source' or one of "
                              f"{', '.join(map(str, frame.columns))}")
        side = list(frame[by])
    return [x if isinstance(x, str) or not pd.isna(x) else "?" for x in side]


def _periods(frame: pd.DataFrame, period: str | None) -> pd.Series | str:
    """The period of each claim's article ("" without a date or with ``period=None``)."""
    if period is None or "published" not in frame:
        return ""
    published = pd.to_datetime(frame["published"], utc=True, errors="coerce")
    try:
        periods = published.dt.tz_localize(None).dt.to_period(period).astype("str")
    except (ValueError, TypeError):
        raise OptionError(f"period={period!r}: a pandas period such as 'D', 'W' or 'M', or None "
                          "(dates ignored)") from None
    return periods.where(published.notna(), "")


def _group(frame: pd.DataFrame, fuzzy: float) -> np.ndarray:
    """Group number of each claim: inside a block (kind, unit, event, period), similar claims joined."""
    context = [_context_tokens(a, b, c) for a, b, c in zip(_column(frame, "sentence"), _column(frame, "subject"),
                                                           _column(frame, "place"), strict=True)]
    group = np.full(len(frame), -1, dtype=np.int64)
    next_group = 0
    values = frame["value"].to_numpy(dtype=float)
    arts = frame["article_id"].to_numpy()
    for _, block in frame.groupby(["kind", "unit", "_event", "_period"], sort=False).groups.items():
        idx = list(block)
        cluster = _join_similar(idx, _similar_pairs(idx, context, values, arts, fuzzy), values, arts)
        roots: dict[int, int] = {}
        for i in idx:
            r = _find(cluster, i)
            if r not in roots:
                roots[r] = next_group
                next_group += 1
            group[i] = roots[r]
    return group


def _similar_pairs(idx: list[int], context: list[frozenset[str]], values: np.ndarray, arts: np.ndarray,
                   fuzzy: float) -> list[tuple[float, int, int]]:
    """Pairs of a block at least ``fuzzy`` alike, most similar first; equal numbers before different ones."""
    pairs = []
    for x, i in enumerate(idx):
        for k in idx[x + 1:]:
            if arts[i] == arts[k] and not (values[i] == values[k]):
                continue  # one article, two numbers: two facts
            union = context[i] | context[k]
            sim = len(context[i] & context[k]) / len(union) if union else 0.0
            if sim >= fuzzy:
                pairs.append((-(sim + (0.5 if values[i] == values[k] else 0.0)), i, k))
    pairs.sort()
    return pairs


def _join_similar(idx: list[int], pairs: list[tuple[float, int, int]], values: np.ndarray,
                  arts: np.ndarray) -> dict[int, int]:
    """Union the pairs in order, never letting a group hold two different numbers of one article."""
    cluster = {i: i for i in idx}
    members = {i: {arts[i]: {values[i]}} for i in idx}
    for _, i, k in pairs:
        a, b = _find(cluster, i), _find(cluster, k)
        if a == b:
            continue
        ma, mb = members[a], members[b]
        if any(art in ma and len(ma[art] | vals) > 1 for art, vals in mb.items()):
            continue
        cluster[b] = a
        for art, vals in mb.items():
            ma.setdefault(art, set()).update(vals)
    return cluster


def _layout(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """One row per group and side: what that side says."""
    rows = []
    for (g, side_value), part in frame.groupby(["group", "_side"], sort=False):
        vals = part["value"].dropna()
        rows.append({
            "group": g, "kind": part["kind"].iloc[0], "unit": part["unit"].iloc[0], "event": part["_event"].iloc[0],
            "period": part["_period"].iloc[0], by: side_value, "n_claims": len(part),
            "n_articles": part["article_id"].nunique(),
            "value_min": vals.min() if len(vals) else np.nan, "value_max": vals.max() if len(vals) else np.nan,
            "values": part["value"].tolist(), "value_texts": part["value_text"].tolist(),
            "approx": bool(part["approx"].fillna(False).astype(bool).any()) if "approx" in part else False,
            "sentences": list(dict.fromkeys(part["sentence"])) if "sentence" in part else [],
            "article_ids": sorted(set(part["article_id"])),
        })
    return pd.DataFrame(rows)


def _group_stats(out: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """Each row's group: topic, range, spread, whether its sides disagree, and its number of sides."""
    stats = frame.groupby("group")["value"].agg(["min", "max"])
    n_sides = frame.groupby("group")["_side"].nunique()
    places, subjects = _column(frame, "place"), _column(frame, "subject")
    topics = frame.assign(_topic=[p if isinstance(p, str) else (s if isinstance(s, str) else None)
                                  for p, s in zip(places, subjects, strict=True)])
    topic = topics.groupby("group")["_topic"].agg(lambda t: t.dropna().mode().iloc[0] if t.notna().any() else None)
    valued = frame.dropna(subset=["value"])
    n_values = valued.groupby("group")["value"].nunique()
    valued_sides = valued.groupby("group")["_side"].nunique()
    disagree = (n_values > 1) & (valued_sides > 1)
    out["topic"] = out["group"].map(topic)
    out["group_min"] = out["group"].map(stats["min"])
    out["group_max"] = out["group"].map(stats["max"])
    spread = (stats["max"] - stats["min"]) / stats["max"].where(stats["max"] != 0)
    out["group_spread"] = out["group"].map(spread).fillna(0.0)
    out["disagree"] = out["group"].map(disagree).fillna(False).astype(bool)
    out["_sides"] = out["group"].map(n_sides)
    return out


def _find(parent: dict[int, int], i: int) -> int:
    """Union-find root with path halving."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _event_key(verb) -> str:
    """The event a claim's verb reports ("قمنا بأسر" -> "اعتقل", "لقي" -> "قتل"), or "" when there is none.

    >>> _event_key("قمنا بأسر"), _event_key("مقتل"), _event_key("ارتفعت"), _event_key(None)
    ('اعتقل', 'قتل', 'ارتفع', '')
    """
    if not isinstance(verb, str) or not verb.split():
        return ""
    last = word_key(verb.split()[-1])
    key = last[1:] if last[:1] == "ب" and len(last) > 3 else last
    for cand in (last, key):
        lemma = verb_lemma(cand)
        if lemma is not None:
            key = word_key(lemma)
            break
    return _EVENT_FAMILIES.get(key, key)
