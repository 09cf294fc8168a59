"""Naming-choice discovery: crafted corpora where the answer is known, then the real ANT corpus."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.errors import AnalysisError, OptionError
from analysis.measures.naming_discovery import CANDIDATE_COLUMNS, naming_candidates
from analysis.text.normalize import normalize
from analysis.text.stopwords import arabic_stopwords

# Two names of one actor in the same slots ("شن … هجوما", "مقاتلي … في"), clitic forms
# included; "السوق" is as frequent but stands in other slots; "تنظيم داعش" holds the seed.
SYNTHETIC = [
    "شن داعش هجوما على القرية. وقتل مقاتلي داعش في المعركة.",
    "شن تنظيم الدولة هجوما على البلدة. وقتل مقاتلي تنظيم الدولة في الاشتباكات.",
    "أعلن داعش مسؤوليته عن التفجير. واتهمت الحكومة تنظيم داعش بالهجوم.",
    "أعلن تنظيم الدولة مسؤوليته عن الهجوم. وتبنى تنظيم الدولة الهجوم.",
    "وقالت المصادر إن لداعش خلايا نائمة. وقالت المصادر إن لتنظيم الدولة خلايا نائمة.",
    "شن داعش هجوما جديدا. شن تنظيم الدولة هجوما جديدا. وقاتلت القوات وداعش في المدينة.",
    "يقع السوق قرب المسجد. افتتح السوق صباحا. ازدحم السوق بالناس. أغلق السوق مساء.",
    "زار الوزير السوق أمس. وارتفعت الأسعار في السوق. مقاتلي داعش في الجبال.",
    "مقاتلي تنظيم الدولة في الجبال. وبتنظيم الدولة ارتبطت الهجمات. بتنظيم الدولة عام 2014.",
]


@pytest.fixture(scope="module")
def synthetic() -> pd.DataFrame:
    return pd.DataFrame({"article_id": [f"s{i}" for i in range(len(SYNTHETIC))], "text": SYNTHETIC})


@pytest.fixture(scope="module")
def found(synthetic: pd.DataFrame) -> pd.DataFrame:
    return naming_candidates(synthetic, "داعش", min_count=3, top=50)


def test_columns_and_ranks(found: pd.DataFrame) -> None:
    assert list(found.columns) == CANDIDATE_COLUMNS
    assert found["rank"].tolist() == list(range(1, len(found) + 1))
    assert found["similarity"].between(0, 1).all()
    assert found["similarity"].is_monotonic_decreasing
    assert (found["count"] >= 3).all()


def test_the_other_name_ranks_first_and_the_unrelated_word_below(found: pd.DataFrame) -> None:
    assert found.loc[0, "candidate"] == "تنظيم الدولة"
    assert found.loc[0, "term"] == "تنظيم الدولة"
    # "السوق" is seen as often, but never in the slots "داعش" fills
    below = found.loc[found["candidate"] == "السوق", "similarity"]
    assert below.empty or below.iloc[0] < found.loc[0, "similarity"] / 2
    assert "هجوما" in found.loc[0, "shared"] or "مقاتلي" in found.loc[0, "shared"]


def test_clitic_forms_are_pooled(found: pd.DataFrame, synthetic: pd.DataFrame) -> None:
    # "تنظيم الدولة" 6 times bare, "لتنظيم" once, "وبتنظيم" once, "بتنظيم" once: one candidate, 9 occurrences
    row = found[found["term"] == "تنظيم الدولة"]
    assert len(row) == 1 and row["count"].iloc[0] == 9
    assert row["candidate"].iloc[0] == "تنظيم الدولة"  # the commonest written form
    assert not found["candidate"].str.contains("بتنظيم|لتنظيم|وبتنظيم").any()
    # the seed's clitic forms ("لداعش", "وداعش") count as the seed: a seed given with a clitic finds the same
    with_clitic = naming_candidates(synthetic, "وداعش", min_count=3, top=50)
    pd.testing.assert_frame_equal(with_clitic, found)


def test_seed_and_ngrams_holding_it_are_excluded(found: pd.DataFrame) -> None:
    terms = found["term"].tolist()
    assert not any("داعش" in t for t in terms)
    assert not found["candidate"].str.contains("داعش").any()


def test_phrase_seed_excludes_its_parts(synthetic: pd.DataFrame) -> None:
    found = naming_candidates(synthetic, "تنظيم الدولة", min_count=3, top=50)
    assert found.loc[0, "candidate"] == "داعش"
    assert not set(found["term"]) & {"تنظيم", "دولة", "تنظيم الدولة"}


def test_no_function_word_edges_and_no_numbers(found: pd.DataFrame) -> None:
    stops = arabic_stopwords()
    for candidate in found["candidate"]:
        words = candidate.split()
        assert normalize(words[0]) not in stops and normalize(words[-1]) not in stops, candidate
        assert not any(ch.isdigit() for ch in candidate), candidate


def test_max_words_limits_candidates(synthetic: pd.DataFrame) -> None:
    found = naming_candidates(synthetic, "داعش", min_count=3, max_words=1, top=50)
    assert (found["candidate"].str.split().str.len() == 1).all()
    assert "تنظيم الدولة" not in found["candidate"].tolist()


def test_top_limits_rows(synthetic: pd.DataFrame, found: pd.DataFrame) -> None:
    two = naming_candidates(synthetic, "داعش", min_count=3, top=2)
    pd.testing.assert_frame_equal(two, found.head(2))


@pytest.mark.parametrize("seed", ["", "  ", "...", "«»"])
def test_seed_without_a_word(synthetic: pd.DataFrame, seed: str) -> None:
    with pytest.raises(OptionError, match="no word"):
        naming_candidates(synthetic, seed)


@pytest.mark.parametrize("seed", ["طالبان", "تنظيم القاعدة"])
def test_seed_not_in_corpus_names_it_and_suggests_a_spelling_check(synthetic: pd.DataFrame, seed: str) -> None:
    with pytest.raises(OptionError, match="spelling") as info:
        naming_candidates(synthetic, seed)
    assert seed in str(info.value)
    assert isinstance(info.value, AnalysisError) and isinstance(info.value, ValueError)


@pytest.mark.parametrize("option", [
    {"top": 0}, {"top": -3}, {"top": 2.5}, {"top": True}, {"window": 0}, {"window": 11},
    {"min_count": 0}, {"min_count": "5"}, {"max_words": 0}, {"max_words": 7},
])
def test_options_out_of_range(synthetic: pd.DataFrame, option: dict) -> None:
    name = next(iter(option))
    with pytest.raises(OptionError, match=name):
        naming_candidates(synthetic, "داعش", **option)


def test_sample_corpus(sample: pd.DataFrame) -> None:
    found = naming_candidates(sample, "داعش")
    assert len(found) == 20
    top10 = found["candidate"].head(10).tolist()
    assert "الدولة الإسلامية" in top10 and "تنظيم الدولة الإسلامية" in top10
    assert not found["candidate"].str.contains("داعش").any()


def test_full_archive_finds_the_other_names_of_isis(ant_articles: pd.DataFrame) -> None:
    found = naming_candidates(ant_articles, "داعش")
    top10 = set(found["term"].head(10))
    # the key compares clitic-free first words: "بتنظيم الدولة" and "والدولة الإسلامية" are in these
    assert "تنظيم الدولة" in top10 or "تنظيم الدولة الاسلامية" in top10
    assert "دولة الاسلامية" in top10
    assert found["count"].min() >= 5
