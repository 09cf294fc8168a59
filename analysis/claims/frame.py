"""Numeric claims in Arabic news: who says how many of what, with the sentence as evidence.

:func:`extract_claims` reads every number in the articles (:mod:`analysis.claims.numbers`)
and keeps those that state a quantity: counts ("400 عنصرا"، "ألفي مقاتل"),
percentages, money, distances and durations, with the qualifier that softens or
bounds them ("حوالي"، "أكثر من"، "على الأقل"), the counted noun reduced to a key
("عنصرا"/"عناصر"/"عنصر" -> "عنصر"), who did what to how many where the sentence
says it, the place, and the source the claim is attributed to
(:func:`attach_sources`).  Years, dates, times, phone numbers, ordinals and
numbers inside names ("القرار 2254"، "كوفيد-19"، "F-16") are not claims: they are
dropped, or kept with their ``kind`` when ``include_non_claims=True``.

:func:`compare_claims` groups claims about the same thing and lays out who says
how many.

The columns (:data:`CLAIM_COLUMNS`):

==============  ============================================================================
article_id      the article
par_no sent_no  paragraph and sentence numbers (as :func:`analysis.text.segment.sentences`)
value           the number (float); NaN for a vague quantity ("عشرات"، "مئات الآلاف"); for a
                range, its centre: the mean of ``low`` and ``high``
low high        the two ends of a range, one claim ("بين 5.25% و5.50%"، "ما بين 300 و400 جندي"،
                "من 20 إلى 25 مليون"، "20 - 25 مليون"); NaN for a single number
value_text      the number as written ("400"، "ألفي"، "1.5 مليون"، "عشرات")
approx          True when the number is not stated as exact: an approximator, a bound,
                or a vague quantity
qualifier       the word(s) as written ("حوالي"، "أكثر من"، "على الأقل"), the vague word
                itself for a vague quantity, else NA
unit            key of the counted noun ("عنصر"، "شخص"، "%"، "دولار"، "كيلومتر"، "سنة");
                NA when the sentence names nothing counted
unit_text       the unit as written ("عنصرا"، "بالمئة"، "كيلو متر")
kind            count | percent | share (a fraction in words of what follows: "ثلثي المدينة" =
                0.67, unit مدينة) | money | distance | duration | age (years of someone's age:
                "البالغ من العمر 81 عاما") | other; non-claims (only
                with ``include_non_claims=True``): year | date | time | phone | name |
                ordinal | score
subject verb    who did what ("قوات المعارضة السورية" / "أسرت"), when the sentence says
place           a place named in the sentence (nearest to the number; the gazetteer
                is ``analysis/lexicons/places.tsv``, extended with ``places=``)
source          who the claim is attributed to (:func:`attach_sources`)
source_type     who speaks: the statement's ``speaker_type`` (named | role | institution |
                anonymous | agency ...) for a number inside a quoted source's statement, or
                "outlet" for the outlet's own voice
sentence        the full sentence
start end       offsets of the number and its unit phrase in the article text
==============  ============================================================================
"""

from __future__ import annotations

import os
from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis import engines, lexicons
from analysis.claims.number_tokens import NUMBER_HINT_PATTERN, word_key
from analysis.claims.places import Gazetteer
from analysis.claims.places import gazetteer as places_table
from analysis.claims.sentence import sentence_claims
from analysis.claims.units import dual_stems
from analysis.errors import ColumnError, OptionTypeError
from analysis.progress import progress_bar, show_progress
from analysis.text.patterns import alternation
from analysis.text.segment import sentences
from analysis.text.tokens import FORMAT_CHARS, MARKS

__all__ = ["CLAIM_COLUMNS", "CLAIM_KINDS", "NON_CLAIM_KINDS", "attach_sources", "claims_for", "claims_of_articles",
           "extract_claims"]

CLAIM_COLUMNS = ["article_id", "par_no", "sent_no", "value", "low", "high", "value_text", "approx", "qualifier",
                 "unit", "unit_text",
                 "kind", "subject", "verb", "place", "source", "source_type", "sentence", "start", "end"]
CLAIM_KINDS = ("count", "percent", "share", "money", "distance", "duration", "age", "other")
NON_CLAIM_KINDS = ("year", "date", "time", "phone", "name", "ordinal", "score")

# Sentences worth reading: a digit, a number word, a dual noun of time ("يومين"), a feminine dual ("غارتين"),
# a masculine dual of a counted noun ("جنديان"، "يمنيان"), a multiple ("ضعف"). Presentation forms ("ﺧﻤﺲ") are
# read as letters by the parser: such a sentence is always read.
_MASCULINE_DUALS = alternation([a + w[1:] if w.startswith("ا") else w for w in dual_stems() if not w.endswith("ه")
                                for a in ("ا", "أ", "إ", "آ")])  # the stems are keys: "اسير" is also written "أسير"
_CLAIM_HINT_PATTERN = (NUMBER_HINT_PATTERN + r"|(?:يوم|شهر|عام|سنت|[أا]سبوع|ساعت|دقيقت|ليلت|قرن)(?:ين|ان)"
                       + r"|(?:تين|تان)(?!\w)|ضعف"
                       + "|[\ufb50-\ufdff\ufe70-\ufefc]")
# the masculine duals are a long alternation: looked for only in the sentences the pattern above passed over
_DUAL_HINT_PATTERN = rf"(?<!\w)[وبلف]?(?:{_MASCULINE_DUALS})(?:ين|ان)(?!\w)"
# Harakat, tatweel and invisible marks inside a word ("تَسع"، "ت\u00adسع") hide it from the hint: they are
# removed before a second look at the sentences the first one passed over.
_HINT_IGNORABLE = f"[{MARKS}{FORMAT_CHARS}\u0640]"

def _empty_claims(id_dtype="str") -> pd.DataFrame:
    frame = pd.DataFrame({c: [] for c in CLAIM_COLUMNS})
    return _types(frame, id_dtype)


def _types(frame: pd.DataFrame, id_dtype="str") -> pd.DataFrame:
    """Column dtypes; ``article_id`` keeps the articles' own (an int id stays an int, as in the attributions)."""
    for col in ("par_no", "sent_no", "start", "end"):
        frame[col] = frame[col].astype("int64")
    for col in ("value", "low", "high"):
        frame[col] = frame[col].astype("float64")
    frame["approx"] = frame["approx"].astype(bool)
    frame["article_id"] = frame["article_id"].astype(id_dtype)
    for col in ("value_text", "qualifier", "unit", "unit_text", "kind", "subject", "verb", "place",
                "source", "source_type", "sentence"):
        frame[col] = frame[col].astype("str")
    return frame


def extract_claims(
    articles: pd.DataFrame,
    *,
    attributions: pd.DataFrame | None | bool = None,
    include_non_claims: bool = False,
    places: str | os.PathLike[str] | pd.DataFrame | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """One row per numeric claim in ``articles`` (columns :data:`CLAIM_COLUMNS`).

    ``articles`` needs ``article_id`` and ``text`` (``outlet`` names the outlet's own
    voice).  ``attributions``: a frame from
    ``analysis.sources.attribution.extract_attributions`` to take sources from
    (:func:`attach_sources`); ``None`` computes it when that module is available
    and otherwise leaves ``source``/``source_type`` NA; ``False`` skips sources.
    ``include_non_claims=True`` keeps years, dates, times, phone numbers, names and
    ordinals with their ``kind`` (dropped by default).  ``places`` extends the gazetteer
    (``analysis/lexicons/places.tsv``): a file in its format or a frame with a ``place``
    column (and optionally ``forms``: spellings, alternatives separated by "|").  ``progress``: a bar over
    the sentences read (None: from :data:`analysis.progress.PROGRESS_FROM` articles; True, False: always,
    never; it changes no row).

    Only sentences with a digit or a number word are read (a vectorised prefilter).

    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["الأناضول"],
    ...     "text": ["أسرت قوات المعارضة عام 2017 حوالي ألفي مقاتل خلال الأربعة أيام الأخيرة."]})
    >>> c = extract_claims(arts, attributions=False)
    >>> c[["value", "value_text", "qualifier", "unit", "kind", "verb"]].values.tolist()
    [[2000.0, 'ألفي', 'حوالي', 'مقاتل', 'count', 'أسرت'], [4.0, 'الأربعة', nan, 'يوم', 'duration', 'أسرت']]
    >>> arts.text[0][c.start[0]:c.end[0]]
    'ألفي مقاتل'

    A Dask DataFrame gives a lazy Dask frame of the same rows (see :mod:`analysis.dask_engine`).
    """
    if on_engine := engines.extract_claims.dispatch(articles):  # e.g. Dask: runs claims_of_articles on each partition
        return on_engine(articles, attributions=attributions, include_non_claims=include_non_claims, places=places)
    return claims_of_articles(articles, attributions=attributions, include_non_claims=include_non_claims,
                              places=places, progress=progress)


def claims_of_articles(
    articles: pd.DataFrame,
    *,
    attributions: pd.DataFrame | None | bool = None,
    include_non_claims: bool = False,
    places: Gazetteer | str | os.PathLike[str] | pd.DataFrame | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """:func:`extract_claims` on a pandas frame: what an engine maps over its partitions (never dispatches)."""
    if not isinstance(articles, pd.DataFrame):
        raise OptionTypeError(f"articles must be a pandas DataFrame (from load_corpus), not {type(articles).__name__}")
    missing = [c for c in ("article_id", "text") if c not in articles]
    if missing:
        raise ColumnError(f"articles lacks the column(s) {', '.join(missing)}; extract_claims needs 'article_id' "
                          "and 'text' (as load_corpus gives them)")
    if not (attributions is None or isinstance(attributions, (bool, pd.DataFrame))):
        raise OptionTypeError("attributions must be a frame from extract_attributions, None (find them) or False "
                              f"(no sources), not {type(attributions).__name__}")
    gazetteer = places_table(places)
    sents = _sentences_with_numbers(articles)
    rows: dict[str, list] = {c: [] for c in CLAIM_COLUMNS}
    read = zip(sents["article_id"].tolist(), sents["par_no"].tolist(), sents["sent_no"].tolist(),
               sents["text"].tolist(), sents["start"].tolist(), strict=True)
    for art, par, sno, stext, sstart in progress_bar(read, total=len(sents), desc="claims", unit=" sentences",
                                                     show=show_progress(progress, len(articles))):
        for c in sentence_claims(stext, include_non_claims=include_non_claims, places=gazetteer):
            rows["article_id"].append(art)
            rows["par_no"].append(par)
            rows["sent_no"].append(sno)
            rows["value"].append(np.nan if c.value is None else c.value)
            rows["low"].append(np.nan if c.low is None else c.low)
            rows["high"].append(np.nan if c.high is None else c.high)
            rows["value_text"].append(c.value_text)
            rows["approx"].append(c.approx)
            rows["qualifier"].append(c.qualifier)
            rows["unit"].append(c.unit)
            rows["unit_text"].append(c.unit_text)
            rows["kind"].append(c.kind)
            rows["subject"].append(c.subject)
            rows["verb"].append(c.verb)
            rows["place"].append(c.place)
            rows["source"].append(None)
            rows["source_type"].append(None)
            rows["sentence"].append(stext)
            rows["start"].append(sstart + c.start)
            rows["end"].append(sstart + c.end)
    id_dtype = articles["article_id"].dtype
    if rows["article_id"]:
        claims = _types(pd.DataFrame(rows, columns=CLAIM_COLUMNS), id_dtype)
    else:
        claims = _empty_claims(id_dtype)
    if attributions is False:
        return claims
    if attributions is None or attributions is True:
        try:
            from analysis.sources.attribution import extract_attributions  # optional: sources NA without it
        except ImportError:
            return claims
        attributions = extract_attributions(articles, progress=progress)
    return attach_sources(claims, attributions, articles)


def _sentences_with_numbers(articles: pd.DataFrame) -> pd.DataFrame:
    """The sentences of the articles that may hold a number (a vectorised prefilter)."""
    sents = sentences(articles)
    if len(sents):
        hint = sents["text"].str.contains(_CLAIM_HINT_PATTERN, regex=True).fillna(False)
        hint = hint.to_numpy(dtype=bool, copy=True)
        if (~hint).any():
            hint[~hint] = sents["text"][~hint].str.contains(_DUAL_HINT_PATTERN, regex=True).fillna(False).to_numpy(bool)
        marked = ~hint & sents["text"].str.contains(_HINT_IGNORABLE, regex=True).fillna(False).to_numpy(dtype=bool)
        if marked.any():
            plain = sents["text"][marked].str.replace(_HINT_IGNORABLE, "", regex=True)
            hint[marked] = plain.str.contains(_CLAIM_HINT_PATTERN, regex=True).fillna(False).to_numpy(dtype=bool)
        sents = sents[hint]
    return sents


def attach_sources(claims: pd.DataFrame, attributions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Fill ``source``/``source_type`` of each claim from the attributions of its article.

    A claim whose span ``[start, end)`` lies inside the attributed content
    ``[content_start, content_end)`` of one or more attribution rows of the same
    article takes the speaker and ``speaker_type`` of the narrowest of them: the
    ``canonical`` speaker when the frame has that column and it is filled (the fullest
    name the article gives: "مصطفى الرميد" for "الوزير"), else ``speaker``; a source
    that is only data nouns and an agency ("وفقا لحسابات رويترز") is the agency (:func:`agency_of_data`); any other
    claim is the outlet's own voice: ``source`` is the article's ``outlet`` (NA when
    unknown) and ``source_type`` is ``"outlet"``.  A statement's content ends with its
    sentence: a number after the content in the same sentence (``par_no``/``sent_no``) is
    still the speaker's ("وسيتم تفعيل ...، حسب المصدر الإعلامي عينه؛ وسيتم الاقتصار على
    أربعة “كابلات”", ma-hespress-5), and a number in a later sentence with no cue of its
    own is the outlet's.
    Returns a new frame.

    >>> claims = pd.DataFrame({"article_id": ["a", "a"], "start": [40, 5], "end": [50, 12],
    ...                        "source": [None, None], "source_type": [None, None]})
    >>> attrs = pd.DataFrame({"article_id": ["a", "a"], "speaker": ["ناجي أبو حذيفة", "الأناضول"],
    ...     "speaker_type": ["named", "agency"], "content_start": [30, 0], "content_end": [60, 100]})
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["CNN"]})
    >>> attach_sources(claims, attrs, arts)[["source", "source_type"]].values.tolist()
    [['ناجي أبو حذيفة', 'named'], ['الأناضول', 'agency']]
    """
    missing = {"article_id", "speaker", "speaker_type", "content_start", "content_end"} - set(attributions.columns)
    if missing:
        raise ColumnError(f"attributions lacks the column(s) {sorted(missing)}; give the frame that "
                          "extract_attributions returns")
    out = claims.copy()
    outlets = {}
    if "outlet" in articles:
        outlets = dict(zip(articles["article_id"].tolist(), articles["outlet"].tolist(), strict=True))
    source = [None if pd.isna(o) else o for o in (outlets.get(a) for a in out["article_id"].tolist())]
    source_type = ["outlet"] * len(out)
    if len(out) and len(attributions):
        left = pd.DataFrame({"row": np.arange(len(out)), "article_id": out["article_id"].to_numpy(),
                             "start": out["start"].to_numpy(), "end": out["end"].to_numpy()})
        by_sentence = {"par_no", "sent_no"} <= set(out.columns) and {"par_no", "sent_no"} <= set(attributions.columns)
        if by_sentence:
            left = left.assign(c_par=out["par_no"].to_numpy(), c_sent=out["sent_no"].to_numpy())
        right = attributions[["article_id", "speaker", "speaker_type", "content_start", "content_end"]
                             + (["agency"] if "agency" in attributions else [])]
        if by_sentence:
            right = right.assign(a_par=attributions["par_no"], a_sent=attributions["sent_no"])
        if "canonical" in attributions:  # the speaker's fullest name, where attribution gives it
            right = right.assign(speaker=attributions["canonical"].where(attributions["canonical"].notna(),
                                                                         attributions["speaker"]))
        right = right[right["content_start"].notna() & right["content_end"].notna()]
        merged = left.merge(right, on="article_id", how="inner")
        inside = ((merged["content_start"] <= merged["start"])
                  & (merged["end"] <= merged["content_end"])).to_numpy(dtype=bool)
        later = np.zeros(len(merged), dtype=bool)
        if by_sentence:  # the content runs to the end of its sentence: "... حسب المصدر عينه؛ وسيتم ... أربعة “كابلات”"
            later = ((merged["c_par"] == merged["a_par"]) & (merged["c_sent"] == merged["a_sent"])
                     & (merged["content_start"] <= merged["start"])).to_numpy(bool)
        keep = inside | later
        merged, inside = merged[keep], inside[keep]
        if len(merged):
            # the narrowest statement holding the number, else the nearest one opened before it in its sentence
            width = np.where(inside, merged["content_end"] - merged["content_start"], -merged["content_start"])
            merged = merged.assign(rank=np.where(inside, 0, 1), width=width)
            merged = merged.sort_values(["row", "rank", "width"], kind="stable").drop_duplicates("row")
            agencies = merged["agency"].tolist() if "agency" in merged else [None] * len(merged)
            for row, speaker, stype, agency in zip(merged["row"].tolist(), merged["speaker"].tolist(),
                                                   merged["speaker_type"].tolist(), agencies, strict=True):
                source[row] = None if pd.isna(speaker) else speaker
                source_type[row] = None if pd.isna(stype) else stype
                if isinstance(agency, str) and isinstance(speaker, str) and (named := agency_of_data(speaker)):
                    source[row], source_type[row] = named, "agency"
    out["source"] = pd.Series(source, index=out.index, dtype="str")
    out["source_type"] = pd.Series(source_type, index=out.index, dtype="str")
    return out


_DATA_NOUNS = lexicons.words("data_nouns")


def agency_of_data(speaker: str) -> str | None:
    """The agency of a source that is only data nouns and an agency, as written: "حسابات رويترز" -> "رويترز".

    >>> agency_of_data("حسابات رويترز"), agency_of_data("إحصاءات وكالة الأناضول"), agency_of_data("مراسل رويترز")
    ('رويترز', 'وكالة الأناضول', None)
    """
    from analysis.sources.agencies import find_agencies  # the agency table: the sources stage, read lazily

    found = find_agencies(speaker, context=False)
    if len(found) != 1:
        return None
    _key, written, start, end = found[0]
    rest = [word_key(w) for w in (speaker[:start] + " " + speaker[end:]).split()]
    rest = [w[1:] if w[:1] == "ل" and w[1:] in _DATA_NOUNS else w for w in rest]
    return written if rest and all(w in _DATA_NOUNS for w in rest) else None


def claims_for(articles: Iterable[str], claims: pd.DataFrame) -> pd.DataFrame:
    """The claims of some articles, in reading order (a convenience for notebooks).

    >>> c = pd.DataFrame({"article_id": ["b", "a"], "start": [3, 1]})
    >>> claims_for(["a"], c).article_id.tolist()
    ['a']
    """
    wanted = set(articles)
    part = claims[claims["article_id"].isin(wanted)]
    return part.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)
