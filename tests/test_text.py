"""Normalisation, tokenisation, stemming, stopwords and segmentation on real Arabic text."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.measures.doc_terms import corpus_stemmer
from analysis.text.normalize import normalize, normalize_many
from analysis.text.segment import iter_sentences, paragraphs, sentences
from analysis.text.stemming import LightStemmer, light_stem
from analysis.text.stopwords import arabic_stopwords, resolve_stopwords
from analysis.text.tokens import count_words, tokenize, tokenize_many

# --- normalisation -----------------------------------------------------------------

@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("أكد إن آمال ٱلمدينة", "اكد ان امال المدينة"),  # alef forms
        ("فى مستشفى", "في مستشفي"),  # alef maqsura, as in the seed's title
        ("مُحَمَّدٌ", "محمد"),  # tashkeel
        ("الـمـعـارضة", "المعارضة"),  # tatweel
        ("ﺍﻟﻤﻌﺎﺭﺿﺔ", "المعارضة"),  # presentation forms (NFKC)
        ("\u200fالأناضول\u200e", "الاناضول"),  # bidi marks
        ("داع\ufeffش", "داعش"),  # stray U+FEFF inside a word
        ("\u202bرويترز\u202c \u2067AFP\u2069", "رويترز afp"),  # embeddings, isolates, Latin case
        ("٤٠٠ و۱۲ و٢٫٥ و١٬٠٠٠", "400 و12 و2.5 و1,000"),  # every digit system and separator
    ],
)
def test_normalize_design_cases(raw, expected):
    assert normalize(raw) == expected


def test_normalize_steps_switch_off_one_by_one():
    assert normalize("المعارضة") == "المعارضة"  # ة kept by default
    assert normalize("المعارضة", teh_marbuta=True) == "المعارضه"
    assert normalize("أكّد", alef=False) == "أكد"
    assert normalize("أكّد", tashkeel=False) == "اكّد"
    assert normalize("فى", yeh=False) == "فى"
    assert normalize("٤٠٠", digits=False) == "٤٠٠"
    assert normalize("الـ", tatweel=False) == "الـ"
    assert normalize("\u200fا", invisible=False) == "\u200fا"
    assert normalize("ﻻ", nfkc=False) == "ﻻ"
    assert normalize("Reuters", casefold=False) == "Reuters"


def test_normalize_is_idempotent_and_batch_equals_single(seed):
    text = seed.loc[0, "text"]
    once = normalize(text)
    assert normalize(once) == once
    words = tokenize(text) + ["ﷲ", "ﻻ", "ـــ", "Straße"]
    assert normalize_many(words) == [normalize(w) for w in words]


# --- tokenisation ------------------------------------------------------------------

def test_tokenize_keeps_arabic_latin_and_all_digit_systems():
    text = "قال «المتحدث» لـ(رويترز) Reuters: أسر ٤٠٠ و۴۰ و400 عنصر، و2.5% و٢٫٥ مليون؟"
    assert tokenize(text) == [
        "قال", "المتحدث", "لـ", "رويترز", "Reuters", "أسر", "٤٠٠", "و۴۰", "و400", "عنصر", "و2.5", "و٢٫٥", "مليون",
    ]


def test_tokenize_never_splits_a_word_on_marks_or_invisible_characters():
    for word in ["مُحَمَّدٌ", "الـمعارضة", "الأنا\u200fضول", "داع\ufeffش", "نقل\u200cت"]:
        assert tokenize(f"قال {word}، ثم") == ["قال", word, "ثم"]


def test_tokenize_loses_no_arabic_letter(seed):
    text = seed.loc[0, "text"]
    letters = re.findall(r"[\u0621-\u064a]", text)
    assert re.findall(r"[\u0621-\u064a]", "".join(tokenize(text))) == letters


def _assert_stream_equals_reference(texts):
    stream = tokenize_many(texts)
    expected = [(i, tok) for i, text in enumerate(texts) for tok in tokenize(text or "")]
    got = list(zip(stream.article.tolist(), (stream.vocabulary[c] for c in stream.codes), strict=True))
    assert got == expected


def test_tokenize_many_equals_tokenize_on_edge_cases():
    _assert_stream_equals_reference(
        ["\U0002ebf0", "ab\U0002ebf0cd", "\u0870\u0871",  # letters newer than some Unicode tables
         "", "   ", "...", None, "x.y 1.2.3 ..", "كلمة\u200fكلمة، 2٫5 ـــ", "«قال» \"أضاف\" (أ ف ب) #إدلب_الآن",
         "٣٠ كيلو متر؛ ۱۲ فصيلا؟ نعم!", "ﺍﻟﻤﻌﺎﺭﺿﺔ ﻻ", "https://example.com/a-b?x=1"] * 300
    )


def test_tokenize_many_equals_tokenize_on_the_sample(sample):
    _assert_stream_equals_reference(sample["text"].tolist())
    assert count_words(sample["text"].tolist()).tolist() == [len(tokenize(t)) for t in sample["text"]]


# --- stemming ----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("word", "stem"),
    [("والمعارضة", "معارضة"), ("بالتزامن", "تزامن"), ("للأناضول", "اناضول"), ("الأناضول", "اناضول"),
     ("وبالمعارضة", "معارضة"), ("المعارضة", "معارضة")],
)
def test_light_stem_strips_article_bearing_clitics(word, stem):
    assert light_stem(word) == stem


@pytest.mark.parametrize("word", ["ألمانيا", "ألفي", "الله", "لبنان", "وزير", "فيلم", "بلد", "ولد", "كلمة", "الذي"])
def test_light_stem_leaves_short_and_clitic_like_words_alone(word):
    assert light_stem(word) == normalize(word)


def test_stemmer_with_corpus_lexicon_strips_attested_clitics_only(sample):
    stream = tokenize_many(sample["text"].tolist())
    counts = np.bincount(stream.codes, minlength=len(stream.vocabulary))
    stem = corpus_stemmer(normalize_many(stream.vocabulary), counts, normalize)
    # The sample says "وقال" and "قال", "لمراسل" and "مراسل": the clitic goes.
    assert stem("وقال") == "قال"
    assert stem("وأضاف") == "اضاف"
    assert stem("لمراسل") == "مراسل"
    # Words that only look like clitic + word stay whole.
    for word in ["وزير", "لبنان", "فيلم", "ألمانيا", "بريطانيا", "كلمة", "وكالة", "ولاية"]:
        assert stem(word) == normalize(word), word


def test_stemmer_suffixes_need_attestation():
    stem = LightStemmer(lexicon={"عملية", "عناصر"})
    assert stem("عمليتهم") == "عملية"
    assert stem("عناصره") == "عناصر"
    assert stem("انتباه") == "انتباه"  # "انتبا" is not a word
    assert LightStemmer()("عناصره") == "عناصره"  # no lexicon: no guessing


# --- stopwords ---------------------------------------------------------------------

def test_stopwords_cover_clitic_forms_and_news_verbs():
    stops = arabic_stopwords()
    for word in ["في", "وفي", "من", "والذي", "بأنه", "إلى", "على", "وقال", "قالت", "وأضاف"]:
        assert normalize(word) in stops, word
    for word in ["المعارضة", "داعش", "إدلب", "مقاتل", "الأناضول", "سوريا"]:
        assert normalize(word) not in stops, word


def test_resolve_stopwords_options():
    assert resolve_stopwords(False) == frozenset()
    assert resolve_stopwords(["إلى"]) == {"الي"}
    with pytest.raises(TypeError):
        resolve_stopwords("في")


# --- segmentation ------------------------------------------------------------------

def test_seed_paragraphs_are_the_body_lines(seed):
    text = seed.loc[0, "text"]
    pars = paragraphs(seed)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    assert pars["text"].tolist() == lines
    assert pars["par_no"].tolist() == list(range(1, len(lines) + 1))
    assert all(text[s:e] == t for s, e, t in zip(pars["start"], pars["end"], pars["text"], strict=True))


def test_seed_sentences_end_at_arabic_punctuation_and_keep_quotes(seed):
    text = seed.loc[0, "text"]
    sents = sentences(seed)
    assert all(text[s:e] == t for s, e, t in zip(sents["start"], sents["end"], sents["text"], strict=True))
    quoted = sents[sents["text"].str.startswith('وأضاف "لقد')]
    assert len(quoted) == 1 and quoted["text"].iloc[0].endswith('لإدلب".')
    assert sents["sent_no"].tolist() == list(range(1, len(sents) + 1))
    assert sents["text"].str.contains("ألفي مقاتل").sum() == 1


def test_sentences_do_not_split_decimals_initials_or_titles():
    text = "ارتفعت النسبة إلى 2.5 بالمئة، قال د. أحمد لوكالة أ.ف.ب اليوم. هل انتهى؟ نعم! «انتهى». ثم"
    got = [text[s:e] for s, e in iter_sentences(text)]
    assert got == [
        "ارتفعت النسبة إلى 2.5 بالمئة، قال د. أحمد لوكالة أ.ف.ب اليوم.", "هل انتهى؟", "نعم!", "«انتهى».", "ثم",
    ]


def test_sentences_split_when_the_space_after_a_period_is_missing():
    text = 'عبر موقع التواصل الاجتماعي "تويتر".بعد الجدل الذي أثارته'
    got = [text[s:e] for s, e in iter_sentences(text)]
    assert got == ['عبر موقع التواصل الاجتماعي "تويتر".', "بعد الجدل الذي أثارته"]


def test_hard_wrapped_lines_are_joined_into_their_paragraphs():
    # jo-alrai-2 of the regional gold is stored wrapped at ~80 characters, breaking sentences anywhere
    import json
    from pathlib import Path

    art = json.loads((Path(__file__).parent / "gold/regional/articles/jo-alrai-2.json").read_text(encoding="utf-8"))
    text = art["text"]
    pars = paragraphs(pd.DataFrame({"article_id": ["a"], "text": [text]}))
    lines = [line for line in text.split("\n") if line.strip()]
    assert len(pars) < len(lines) / 2
    # every paragraph ends a sentence, a list item or the text, and keeps its offsets
    assert all(re.search(r"[.!?؟:»\")]$", t) or t is pars["text"].iloc[-1] for t in pars["text"])
    assert all(text[s:e] == t for s, e, t in zip(pars["start"], pars["end"], pars["text"], strict=True))
    first = pars["text"].iloc[0]
    assert first.startswith("عمان - الرأي - اكد المهندس نضال الحديد") and first.count("\n") >= 2
    # sentences run across the line breaks
    sents = sentences(pd.DataFrame({"article_id": ["a"], "text": [text]}))
    assert sents["text"].str.contains("\n").any()
    assert not any(re.search(r"[\w،]$", t) for t in sents["text"].iloc[:-1])


def test_paragraphs_with_lines_of_varied_length_stay_one_per_line():
    # a one-paragraph-per-line article: short and long lines, several ending without a full stop
    text = ("عاجل\nقالت وزارة الصحة إن عدد الإصابات ارتفع إلى 120 حالة خلال الأسبوع الماضي في ثلاث محافظات\n"
            "وأضاف المتحدث باسم الوزارة أن الفرق الطبية تعمل على مدار الساعة\nالمصدر: وكالة الأنباء\n"
            "وفي سياق متصل أعلنت السلطات إغلاق المدارس")
    pars = paragraphs(pd.DataFrame({"article_id": ["a"], "text": [text]}))
    assert pars["text"].tolist() == text.split("\n")


def test_sentences_offsets_hold_on_the_sample(sample):
    sents = sentences(sample)
    texts = dict(zip(sample["article_id"], sample["text"], strict=True))
    assert set(sents["article_id"]) == {a for a, t in texts.items() if t.strip()}
    for row in sents.sample(500, random_state=1).itertuples():
        assert texts[row.article_id][row.start:row.end] == row.text
        assert row.text == row.text.strip() and row.text


# --- property: the vectorised tokeniser is the reference tokeniser -------------------

_ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" "أإآٱءؤئىة" "ًٌٍَُِّْـ" "٠١٢٣٤٥٦٧٨٩۰۱۲" "0123456789" "abcXYZß"
    " \n\t\u00a0\u2009" ".,،؛؟!:\"'«»()-_/#%٪٫٬…" "\u200c\u200d\u200e\u200f\u061c\ufeff\u202b\u2067\u200b" "ﻻﺍ²½"
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=_ALPHABET, max_size=40), max_size=6))
def test_tokenize_many_equals_tokenize_on_arbitrary_text(texts):
    _assert_stream_equals_reference(texts)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=30), max_size=5))
def test_tokenize_many_equals_tokenize_on_any_unicode(texts):
    _assert_stream_equals_reference(texts)
