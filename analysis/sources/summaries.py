"""Summary tables of sources and agencies, ready for a notebook or a report.

They take the attributions frame of :func:`analysis.extract_attributions` and the
articles frame with its ``agencies`` column (:func:`analysis.sources.agencies.with_agencies`).
"""

from __future__ import annotations

import pandas as pd

from analysis.errors import ColumnError
from analysis.sources.agencies import agency_names
from analysis.sources.identity import corpus_ids, display_names


def _top_values(values: pd.Series, n: int = 3) -> str:
    counts = values.dropna().astype(str).value_counts()
    return "، ".join(f"{v} ({c})" for v, c in counts.head(n).items())


def speaker_table(attributions: pd.DataFrame) -> pd.DataFrame:
    """Who is quoted: one row per speaker with statements, articles, quote kinds, verbs, channels.

    With the identity columns of :func:`analysis.extract_attributions` (``canonical``,
    ``speaker_id``) a row is one person, agency or source however the articles write it:
    ``speaker`` is its name (the commonest fullest form), ``forms`` the written forms counted
    ("أردوغان"، "رجب طيب أردوغان"، "الرئيس التركي").  Without them, one row per written speaker.
    Unresolved statements (no speaker) are one row, speaker NA, listed last, so nothing is hidden.

    >>> a = pd.DataFrame({"article_id": ["s", "s", "s"], "speaker": ["ناجي أبو حذيفة", "ناجي أبو حذيفة", "مصادر محلية"],
    ...                   "speaker_type": ["named", "named", "anonymous"], "verb_lemma": ["قال", "أضاف", "نوه"],
    ...                   "quote": ["indirect", "direct", "indirect"], "channel": ["لمراسل الأناضول", None, None]})
    >>> speaker_table(a)[["speaker", "statements", "direct"]].values.tolist()
    [['ناجي أبو حذيفة', 2, 1], ['مصادر محلية', 1, 0]]
    >>> b = pd.DataFrame({"article_id": ["a", "b", "b"], "speaker": ["ترامب", "دونالد ترامب", "الرئيس"],
    ...     "speaker_type": ["named", "named", "role"], "canonical": ["ترامب", "دونالد ترامب", "دونالد ترامب"],
    ...     "speaker_id": ["person:دونالد ترامب"] * 3, "verb_lemma": ["قال"] * 3, "quote": ["indirect"] * 3,
    ...     "channel": [None] * 3})
    >>> speaker_table(b)[["speaker", "speaker_type", "statements", "articles", "forms"]].values.tolist()
    [['دونالد ترامب', 'named', 3, 2, 'ترامب (1)، دونالد ترامب (1)، الرئيس (1)']]
    """
    columns = ["speaker", "speaker_type", "statements", "articles", "direct", "indirect", "verbs", "channels"]
    if attributions.empty:
        return pd.DataFrame(columns=columns)
    frame = attributions.assign(speaker=attributions["speaker"].astype("object"))
    keys = ["speaker", "speaker_type"]
    if {"speaker_id", "canonical"} <= set(frame.columns):
        ids = corpus_ids(frame)  # "ترامب" of one article and "دونالد ترامب" of another are one person
        names = display_names(frame, ids)
        frame = frame.assign(form=frame["speaker"], speaker=ids.map(names).where(ids.notna(), None),
                             speaker_type=_types(frame, ids), speaker_id=ids)
        keys, columns = ["speaker_id"], [*columns, "forms"]
    grouped = frame.groupby(keys, dropna=False, sort=False)
    aggs = dict(
        statements=("article_id", "size"),
        articles=("article_id", "nunique"),
        direct=("quote", lambda q: int((q == "direct").sum())),
        indirect=("quote", lambda q: int((q == "indirect").sum())),
        verbs=("verb_lemma", _top_values),
        channels=("channel", _top_values),
    )
    if keys == ["speaker_id"]:
        aggs.update(speaker=("speaker", "first"), speaker_type=("speaker_type", "first"),
                    forms=("form", _top_values))
    table = grouped.agg(**aggs).reset_index()
    table = table.assign(_unresolved=table["speaker"].isna())
    table = table.sort_values(["_unresolved", "statements", "articles"], ascending=[True, False, False],
                              kind="stable").reset_index(drop=True)
    return table[columns]


def _types(frame: pd.DataFrame, ids: pd.Series) -> pd.Series:
    """The commonest ``speaker_type`` of each speaker id ("named" for a person also quoted by title)."""
    types = frame["speaker_type"].astype("object")
    person = ids.astype(str).str.startswith("person:") & types.isin(["named", "role"])
    types = types.where(~person, "named")
    known = pd.DataFrame({"id": ids, "t": types}).dropna()
    common = known.groupby("id")["t"].agg(lambda t: t.value_counts().index[0])
    return ids.map(common).where(ids.notna(), types)


def agency_counts(articles: pd.DataFrame, *, by: str | None = "outlet", lang: str = "ar") -> pd.DataFrame:
    """Articles crediting each agency (from the ``agencies`` column), overall and per ``by`` column.

    ``name`` is the agency's name from the agency table, in Arabic (``lang="ar"``) or English.

    >>> arts = pd.DataFrame({"outlet": ["CNN", "BBC", "BBC"], "agencies": [("anadolu",), ("reuters", "anadolu"), ()]})
    >>> agency_counts(arts)[["agency", "name", "articles", "BBC", "CNN"]].values.tolist()
    [['anadolu', 'وكالة الأناضول', 2, 1, 1], ['reuters', 'رويترز', 1, 1, 0]]
    """
    if "agencies" not in articles:
        raise ColumnError("the articles frame has no 'agencies' column "
                          "(add it with analysis.sources.agencies.with_agencies)")
    exploded = articles.explode("agencies").dropna(subset=["agencies"]).rename(columns={"agencies": "agency"})
    table = exploded.groupby("agency").size().rename("articles").reset_index()
    table.insert(1, "name", agency_names(table["agency"], lang=lang).to_numpy())
    table["share"] = table["articles"] / max(len(articles), 1)
    if by is not None and by in articles:
        per = exploded.pivot_table(index="agency", columns=by, values=exploded.columns[0], aggfunc="size",
                                   fill_value=0)
        per.columns = [str(c) for c in per.columns]
        table = table.merge(per.reset_index(), on="agency", how="left")
    return table.sort_values(["articles", "agency"], ascending=[False, True], kind="stable").reset_index(drop=True)
