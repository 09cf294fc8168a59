"""Keyword in context: every occurrence of a word or phrase, with its surroundings.

Matching is on tokens in the chosen ``form``: with ``form="stem"`` a search for
"المعارضة" also finds "والمعارضة" and "للمعارضة" (clitic-aware KWIC); with
``"normalized"`` it ignores diacritics, hamza forms and ى/ي.  Contexts are cut
from the original text, unchanged, and never run past the paragraph.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.errors import OptionError
from analysis.measures.doc_terms import FORMS, corpus_stemmer, text_array
from analysis.text.normalize import normalize_many, normalizer
from analysis.text.tokens import iter_tokens, tokenize, tokenize_many

KWIC_COLUMNS = ["article_id", "left", "match", "right", "start", "end"]


def kwic(
    articles: pd.DataFrame,
    keyword: str,
    *,
    form: str = "normalized",
    window: int = 8,
    normalize_options: Mapping[str, bool] | None = None,
) -> pd.DataFrame:
    """Occurrences of ``keyword`` (one word or a phrase) with ``window`` words each side.

    Columns: ``article_id, left, match, right, start, end`` where ``start``/``end``
    are character offsets of the match in the article text
    (``text[start:end] == match``).  Rows follow the articles' order.

    >>> arts = pd.DataFrame({"article_id": ["a"], "text": ["قال متحدث المعارضة إن قوات المعارضة، والمعارضة تتقدم."]})
    >>> kwic(arts, "المعارضة", window=2)[["left", "match", "right"]].values.tolist()
    [['قال متحدث', 'المعارضة', 'إن قوات'], ['إن قوات', 'المعارضة', '، والمعارضة تتقدم']]
    >>> kwic(arts, "معارضة", form="stem", window=1)["match"].tolist()
    ['المعارضة', 'المعارضة', 'والمعارضة']
    """
    if form not in FORMS:
        raise OptionError(f"form must be one of {', '.join(FORMS)}; got {form!r}")
    if window < 0:
        raise OptionError("window must be zero or more words")
    query = tokenize(keyword)
    if not query:
        raise OptionError(f"keyword {keyword!r} has no word to search for")

    texts = text_array(articles)
    stream = tokenize_many(texts)
    convert = _form_converter(form, stream, normalize_options)
    wanted = convert(query)
    vocab_forms = convert(stream.vocabulary)
    first_ids = np.flatnonzero(np.asarray([w == wanted[0] for w in vocab_forms], dtype=bool))
    candidates = np.unique(stream.article[np.isin(stream.codes, first_ids)]) if len(first_ids) else []

    ids = articles["article_id"].tolist()
    form_of = dict(zip(stream.vocabulary, vocab_forms, strict=True))
    rows: dict[str, list] = {c: [] for c in KWIC_COLUMNS}
    for i in np.asarray(candidates).tolist():
        text = texts[i].as_py()
        matches = list(iter_tokens(text))
        forms = [form_of.get(m.group(), "") for m in matches]
        n = len(wanted)
        for k in range(len(matches) - n + 1):
            if forms[k: k + n] != wanted:
                continue
            start, end = matches[k].start(), matches[k + n - 1].end()
            par_start = text.rfind("\n", 0, start) + 1
            par_end = text.find("\n", end)
            par_end = len(text) if par_end < 0 else par_end
            left_from = matches[max(k - window, 0)].start() if window else start
            right_to = matches[min(k + n - 1 + window, len(matches) - 1)].end() if window else end
            rows["article_id"].append(ids[i])
            rows["left"].append(text[max(left_from, par_start): start].strip())
            rows["match"].append(text[start:end])
            rows["right"].append(text[end: min(right_to, par_end)].strip())
            rows["start"].append(start)
            rows["end"].append(end)
    frame = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    frame[["start", "end"]] = frame[["start", "end"]].astype("int64")
    return frame


def _form_converter(form: str, stream, normalize_options):
    options = dict(normalize_options or {})
    if form == "surface":
        return list
    if form == "normalized":
        return lambda words: normalize_many(list(words), **options)
    normalized = normalize_many(stream.vocabulary, **options)
    counts = np.bincount(stream.codes, minlength=len(normalized))
    stem = corpus_stemmer(normalized, counts, normalizer(**options))
    return lambda words: [stem(w) for w in words]
