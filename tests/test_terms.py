"""Term frequency, TF-IDF, keyness and keyword in context on the seed and the real corpus."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pandas as pd
import pytest

from analysis.measures.keyness import keyness
from analysis.measures.kwic import kwic
from analysis.measures.terms import term_frequency, tfidf
from analysis.text.normalize import normalize
from analysis.text.stopwords import arabic_stopwords
from analysis.text.tokens import tokenize


def reference_counts(texts, ngram=1):
    """A slow, obvious implementation: normalise each token, drop stopwords, count."""
    stops = arabic_stopwords()
    count, docs = Counter(), Counter()
    for text in texts:
        words = [normalize(t) for t in tokenize(text or "")]
        if ngram == 1:
            grams = [w for w in words if w and w not in stops]
        else:
            grams = []
            # n-grams stop at sentence ends and line breaks, as documented
            for piece in _sentence_pieces(text or ""):
                ws = [normalize(t) for t in tokenize(piece)]
                grams += [" ".join(ws[i:i + ngram]) for i in range(len(ws) - ngram + 1)
                          if ws[i] not in stops and ws[i + ngram - 1] not in stops and ws[i] and ws[i + ngram - 1]]
        count.update(grams)
        docs.update(set(grams))
    return count, docs


def _sentence_pieces(text):
    import re
    return re.split(r"[!?\u061f\u2026\n\u061b]+|\.(?:\s|$)", text)


# --- the seed, as an Arabic reader counts it ------------------------------------------

def test_seed_top_terms_are_what_a_reader_sees(seed):
    tf = term_frequency(seed)
    counts = dict(zip(tf["term"], tf["count"], strict=True))
    # "داعش" stands alone 10 times (twice more as "وداعش"); "إدلب" 10 times (once more as "لإدلب").
    assert counts["داعش"] == 10 and counts["ادلب"] == 10
    assert set(tf["term"].head(3)) == {"داعش", "ادلب", "المعارضة"}
    # Normalised: the title's "فى" is not counted (stopword), "الأناضول" is spelled without hamza.
    assert counts["الاناضول"] == 1
    assert not {"في", "فى", "من", "ان", "الي"} & set(counts)
    assert tf["share"].sum() == pytest.approx(1.0)
    assert (tf["doc_count"] == 1).all()
    # For display, each normalised term keeps the spelling the article uses.
    spelling = dict(zip(tf["term"], tf["spelling"], strict=True))
    assert spelling["ادلب"] == "إدلب" and spelling["الاناضول"] == "الأناضول"


def test_seed_stems_gather_clitic_forms(seed):
    normalized = dict(zip(*term_frequency(seed)[["term", "count"]].T.values, strict=True))
    stems = dict(zip(*term_frequency(seed, form="stem")[["term", "count"]].T.values, strict=True))
    # وداعش x2 join داعش; لإدلب joins إدلب; المعارضة/والمعارضة/المعارضة -> معارضة
    assert stems["داعش"] == normalized["داعش"] + 2
    assert stems["ادلب"] == normalized["ادلب"] + 1
    assert stems["معارضة"] >= normalized["المعارضة"]


def test_seed_bigrams(seed):
    bigrams = term_frequency(seed, ngram=2)
    counts = dict(zip(bigrams["term"], bigrams["count"], strict=True))
    assert counts["قوات المعارضة"] == 3
    assert counts["مناطق سيطرة"] == 4
    assert counts["خفض التوتر"] == 2
    assert not any(t.split()[0] in arabic_stopwords() for t in counts)


def test_surface_form_keeps_spellings_apart(seed):
    surface = dict(zip(*term_frequency(seed, form="surface")[["term", "count"]].T.values, strict=True))
    assert surface["إدلب"] == 10 and "ادلب" not in surface
    assert surface["الأناضول"] == 1


# --- the real sample, against an obvious implementation ------------------------------

def test_counts_equal_reference_on_the_sample(sample):
    tf = term_frequency(sample)
    ref_count, ref_docs = reference_counts(sample["text"].tolist())
    assert dict(zip(tf["term"], tf["count"], strict=True)) == dict(ref_count)
    assert dict(zip(tf["term"], tf["doc_count"], strict=True)) == dict(ref_docs)


def test_bigrams_equal_reference_on_the_sample(sample):
    tf = term_frequency(sample, ngram=2)
    ref_count, ref_docs = reference_counts(sample["text"].tolist(), ngram=2)
    assert dict(zip(tf["term"], tf["count"], strict=True)) == dict(ref_count)
    assert dict(zip(tf["term"], tf["doc_count"], strict=True)) == dict(ref_docs)


def test_trigrams_equal_reference_on_the_sample(sample):
    tf = term_frequency(sample, ngram=3)
    ref_count, ref_docs = reference_counts(sample["text"].tolist(), ngram=3)
    assert dict(zip(tf["term"], tf["count"], strict=True)) == dict(ref_count)
    assert dict(zip(tf["term"], tf["doc_count"], strict=True)) == dict(ref_docs)


def test_by_outlet_splits_the_corpus_counts(sample):
    total = term_frequency(sample)
    by = term_frequency(sample, by="outlet")
    assert set(by["outlet"]) == set(sample["outlet"])
    assert by.groupby("outlet")["share"].sum().round(9).eq(1).all()
    summed = by.groupby("term")["count"].sum()
    assert summed.to_dict() == dict(zip(total["term"], total["count"], strict=True))
    n_articles = sample["outlet"].value_counts()
    assert (by["doc_count"] <= by["outlet"].map(n_articles)).all()
    for outlet, group in sample.groupby("outlet"):
        ref, _ = reference_counts(group["text"].tolist())
        mine = by[by["outlet"] == outlet]
        assert dict(zip(mine["term"], mine["count"], strict=True)) == dict(ref)


def test_by_month_and_several_columns(sample):
    monthly = term_frequency(sample, by="month", top=5)
    months = sample["published"].dt.tz_convert("UTC").dt.tz_localize(None).dt.to_period("M")
    assert set(monthly["month"].astype(str)) == set(months.dropna().astype(str))
    assert monthly.groupby("month").size().max() <= 5
    both = term_frequency(sample, by=["outlet", "section"], top=3)
    assert list(both.columns[:2]) == ["outlet", "section"]
    with pytest.raises(KeyError, match="nope"):
        term_frequency(sample, by="nope")


def test_missing_group_values_are_a_group_not_dropped():
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", None], "text": ["داعش", "داعش داعش"]})
    by = term_frequency(arts, by="outlet")
    assert by["count"].sum() == 3 and by["outlet"].isna().sum() == 1


def test_object_dtype_text_and_missing_text():
    arts = pd.DataFrame({"article_id": ["a", "b", "c"], "text": pd.Series(["إدلب", None, "ادلب"], dtype=object)})
    tf = term_frequency(arts)
    assert tf["term"].tolist() == ["ادلب"] and tf["count"].tolist() == [2] and tf["doc_count"].tolist() == [2]


def test_bad_arguments_are_named():
    arts = pd.DataFrame({"article_id": ["a"], "text": ["داعش"]})
    with pytest.raises(ValueError, match="form"):
        term_frequency(arts, form="lemma")
    with pytest.raises(ValueError, match="ngram"):
        term_frequency(arts, ngram=0)
    with pytest.raises(KeyError, match="text"):
        term_frequency(arts.drop(columns="text"))


# --- TF-IDF ------------------------------------------------------------------------

def test_tfidf_on_the_sample(sample):
    table = tfidf(sample, top=5)
    assert table.groupby("article_id").size().max() <= 5
    texts = dict(zip(sample["article_id"], sample["text"], strict=True))
    n = len(sample)
    for row in table.sample(50, random_state=0).itertuples():
        assert row.term in {normalize(t) for t in tokenize(texts[row.article_id])}
        assert row.idf == pytest.approx(math.log((1 + n) / (1 + row.doc_count)) + 1)
    # A word in every article scores lower than one in a single article with the same tf.
    assert table["idf"].max() > table["idf"].min()


# --- keyness -----------------------------------------------------------------------

def test_keyness_log_likelihood_matches_the_2x2_formula():
    target = pd.DataFrame({"article_id": ["t"], "text": [" ".join(["داعش"] * 10 + ["إدلب"] * 90)]})
    reference = pd.DataFrame({"article_id": ["r"], "text": [" ".join(["داعش"] * 2 + ["إدلب"] * 198)]})
    row = keyness(target, reference).set_index("term").loc["داعش"]
    a, b, n1, n2 = 10, 2, 100, 200
    cells = [(a, n1 * (a + b) / (n1 + n2)), (b, n2 * (a + b) / (n1 + n2)),
             (n1 - a, n1 * (n1 + n2 - a - b) / (n1 + n2)), (n2 - b, n2 * (n1 + n2 - a - b) / (n1 + n2))]
    assert row["log_likelihood"] == pytest.approx(2 * sum(o * math.log(o / e) for o, e in cells))
    assert row["log_ratio"] == pytest.approx(math.log2((10 / 100) / (2 / 200)))
    assert row["direction"] == "target" and row["p_value"] < 0.01


def test_keyness_between_outlets_of_the_sample(sample):
    cnn = sample[sample["outlet"] == "CNN"]
    others = sample[sample["outlet"] != "CNN"]
    table = keyness(cnn, others, top=20)
    top_target = table[table["direction"] == "target"]
    assert "cnn" in top_target["term"].tolist()  # CNN articles name themselves
    assert (top_target["log_ratio"] > 0).all()
    assert (table[table["direction"] == "reference"]["log_ratio"] < 0).all()
    assert top_target["log_likelihood"].is_monotonic_decreasing
    assert ((table["doc_count_target"] <= len(cnn)) & (table["doc_count_reference"] <= len(others))).all()


# --- keyword in context ------------------------------------------------------------

def test_kwic_on_the_seed_points_at_the_evidence(seed):
    text = seed.loc[0, "text"]
    rows = kwic(seed, "الأناضول")
    assert len(rows) == 1
    row = rows.iloc[0]
    assert text[row["start"]:row["end"]] == row["match"] == "الأناضول"
    assert row["left"].endswith("في حديث لمراسل") and row["right"].startswith("، إن عمليتهم")


def test_kwic_stem_form_is_clitic_aware(seed):
    plain = kwic(seed, "داعش", form="normalized")
    stem = kwic(seed, "داعش", form="stem")
    assert len(plain) == 10 and len(stem) == 12
    assert set(stem["match"]) == {"داعش", "وداعش"}
    phrase = kwic(seed, "قوات المعارضة")
    assert len(phrase) == 3 and (phrase["match"] == "قوات المعارضة").all()


def test_kwic_count_agrees_with_term_counts_on_the_sample(sample):
    rows = kwic(sample, "الأناضول", window=5)
    counts = term_frequency(sample, stopwords=False)
    assert len(rows) == counts.set_index("term").loc["الاناضول", "count"]
    texts = dict(zip(sample["article_id"], sample["text"], strict=True))
    for row in rows.itertuples():
        assert normalize(texts[row.article_id][row.start:row.end]) == "الاناضول"
        assert "\n" not in row.left and "\n" not in row.right
    assert np.all(rows["start"] < rows["end"])


# --- the full ANT archive ------------------------------------------------------------

def test_full_archive_vectorised_tokens_equal_reference(ant_articles):
    from analysis.text.tokens import tokenize_many

    texts = ant_articles["text"].tolist()
    stream = tokenize_many(ant_articles["text"].array._pa_array)
    assert len(stream) == sum(len(tokenize(t)) for t in texts)
    # Spot-check order and content on every 97th article, all of their tokens.
    starts = np.searchsorted(stream.article, np.arange(len(texts)))
    for i in range(0, len(texts), 97):
        codes = stream.codes[starts[i]: starts[i + 1] if i + 1 < len(texts) else len(stream)]
        assert [stream.vocabulary[c] for c in codes] == tokenize(texts[i])


def test_full_archive_terms_by_outlet(ant_articles):
    by = term_frequency(ant_articles, by="outlet", top=30)
    assert set(by["outlet"]) == {"alarabia", "BBC", "CNN", "france24", "skynews"}
    top = by.groupby("outlet")["term"].apply(set)
    # CNN names itself in its texts; BBC's "بي بي سي" leaves "سي" among its top words.
    assert "cnn" in top["CNN"] and "سي" in top["BBC"]
    # House spellings: Sky News writes الأميركية, CNN and BBC الأمريكية.
    assert "الاميركية" in top["skynews"] and "الامريكية" not in top["skynews"]
    assert "الامريكية" in top["CNN"] and "الاميركية" not in top["CNN"]
    sky = ant_articles["outlet"] == "skynews"
    spelling = keyness(ant_articles[sky], ant_articles[~sky], top=10)
    assert "الاميركية" in set(spelling[spelling["direction"] == "target"]["term"])
    assert not any(t in arabic_stopwords() for t in by["term"])
    # Football and Trump dominate 2018 news across outlets.
    assert "ترامب" in set(term_frequency(ant_articles, top=40)["term"])


@pytest.mark.parametrize(("form", "ngram"), [("surface", 1), ("normalized", 1), ("stem", 1), ("normalized", 2),
                                            ("stem", 2), ("surface", 3)])
def test_batching_does_not_change_the_counts(sample, form, ngram):
    from analysis.measures.doc_terms import doc_term_counts

    def cells(table):
        return sorted(zip(table.article.tolist(), (table.terms[t] for t in table.term), table.count.tolist(),
                          strict=True))

    whole = doc_term_counts(sample, form=form, ngram=ngram, batch_bytes=10**9)
    small = doc_term_counts(sample, form=form, ngram=ngram, batch_bytes=20_000)  # dozens of batches
    assert cells(small) == cells(whole)
    assert dict(zip(small.terms, small.spellings, strict=True)) == dict(zip(whole.terms, whole.spellings, strict=True))


def test_spellings_are_the_most_frequent_written_form(seed):
    from analysis.measures.doc_terms import doc_term_counts

    table = doc_term_counts(seed)
    spelled = dict(zip(table.terms, table.spellings, strict=True))
    assert spelled["ادلب"] == "إدلب" and spelled["الاناضول"] == "الأناضول"
    stems = doc_term_counts(seed, form="stem")
    assert dict(zip(stems.terms, stems.spellings, strict=True))["داعش"] == "داعش"
