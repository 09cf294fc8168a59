"""Content over furniture: boilerplate, datelines, own names and link lines out of content views;
spelling variants folded with their spellings shown; stems shown without the article (issue 15, item 2)."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.errors import OptionError, OptionTypeError, TableError
from analysis.measures.furniture import furniture_words, variant_pairs
from analysis.text.variants import spelling_folder, word_variants

TOPICS = ["الحرب في اليمن", "أسعار النفط", "الانتخابات العراقية", "كأس العالم", "الطقس في الخليج",
          "المعارضة السورية", "الاقتصاد المصري", "الذهب والدولار"]
FOOTER = "يمكنكم استلام إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي على هاتفكم المحمول."


def crafted() -> pd.DataFrame:
    rows = []
    for i, topic in enumerate(TOPICS):
        rows.append({"article_id": f"b{i}", "outlet": "BBC",
                     "text": f"قال مسؤول لبي بي سي إن {topic} تشغل الناس منذ {i + 2} أيام.\nوأضاف أن الوضع صعب.\n"
                             f"{FOOTER}"})
        rows.append({"article_id": f"c{i}", "outlet": "CNN",
                     "text": f"دبي، الإمارات العربية المتحدة (CNN)-- أعلن وزير اليوم خبرا عن {topic} في كانون الثاني.\n"
                             f"للمزيد: خبر آخر عن {TOPICS[-1 - i]}\nوأكد الوزير في أيار/مايو أن ترمب يتابع {topic}."})
    # one article published twice: its sentences repeat, but in the same context
    rows.append({**rows[0], "article_id": "b0-copy"})
    return pd.DataFrame(rows)


def test_content_view_removes_furniture_and_keeps_the_articles_frame():
    articles = crafted()
    before = articles.copy()
    view = analysis.content_view(articles)
    pd.testing.assert_frame_equal(articles, before)  # never changed in place
    assert list(view["article_id"]) == list(articles["article_id"])
    bbc = view.set_index("article_id").loc["b1", "text"]
    assert "هاتفكم" not in bbc and "بي بي سي" not in bbc
    assert "أسعار النفط" in bbc and "وأضاف أن الوضع صعب." not in bbc  # repeated in 8 contexts: furniture here
    cnn = view.set_index("article_id").loc["c2", "text"]
    assert "CNN" not in cnn and "دبي" not in cnn and "للمزيد" not in cnn
    assert "أعلن وزير اليوم خبرا عن الانتخابات العراقية في يناير" in cnn  # كانون الثاني rewritten
    assert "أيار/مايو" not in cnn and "أيار" in cnn  # one word in two spellings written once
    report = analysis.furniture_report(view)
    assert {"boilerplate", "dateline", "link", "self_name", "spelling"} <= set(report["kind"])
    footer = report[(report.kind == "boilerplate") & (report.outlet == "BBC")]
    assert footer.set_index("text").loc[FOOTER, "n_articles"] == 9
    summary = analysis.furniture_summary(view).set_index("outlet")
    assert summary.loc["BBC", "articles_changed"] == 9
    assert 0 < summary.loc["CNN", "share_removed"] < 0.6
    assert view["removed_chars"].sum() == summary["chars_removed"].sum()


def test_a_sentence_of_a_republished_article_is_not_furniture():
    found = analysis.find_furniture(crafted())
    assert "واضاف ان الوضع صعب" in set(found["key"])  # in 8 different articles
    assert not found["key"].str.contains("تشغل الناس").any()  # only in b0 and its copy


def test_thresholds_are_options():
    articles = crafted()
    assert analysis.find_furniture(articles, min_articles=20).empty
    with pytest.raises(OptionError, match="min_articles"):
        analysis.find_furniture(articles, min_articles=1)
    with pytest.raises(OptionError, match="not a content view"):
        analysis.furniture_report(articles)
    with pytest.raises(OptionTypeError):
        analysis.content_view(articles["text"])


def test_keyness_of_the_content_view_has_no_furniture_and_no_variant_pair():
    articles = crafted()
    raw = analysis.keyness(articles[articles.outlet == "BBC"], articles[articles.outlet != "BBC"], min_count=2)
    assert {"هاتفكم", "اشعارات"} <= set(raw["term"])
    view = analysis.content_view(articles)
    key = analysis.keyness(view[view.outlet == "BBC"], view[view.outlet != "BBC"], min_count=2, fold=True)
    assert not set(key["term"]) & furniture_words(outlets=["BBC", "CNN"])
    assert variant_pairs(key["term"]) == []


def test_fold_counts_variants_as_one_term_and_shows_their_spellings():
    arts = pd.DataFrame({"article_id": list("abc"), "outlet": ["X", "Y", "Y"],
                         "text": ["قال الرئيس الأمريكي دونالد ترامب في آذار",
                                  "وقال الرئيس الأميركي دونالد ترمب في مارس", "ترمب والأميركية"]})
    plain = analysis.term_frequency(arts).set_index("term")
    assert {"ترامب", "ترمب", "الامريكي", "الاميركي"} <= set(plain.index)
    folded = analysis.term_frequency(arts, fold=True).set_index("term")
    assert "ترمب" not in folded.index and folded.loc["ترامب", "count"] == 3
    assert folded.loc["ترامب", "spelling"] == "ترمب / ترامب"  # most frequent first
    assert folded.loc["مارس", "count"] == 2 and set(folded.loc["مارس", "spelling"].split(" / ")) == {"آذار", "مارس"}
    assert folded.loc["والامريكية", "spelling"] == "والأميركية"
    stems = analysis.term_frequency(arts, form="stem", fold=True).set_index("term")
    assert stems.loc["امريكي", "count"] == 2 and stems.loc["امريكي", "spelling"] == "أمريكي / أميركي"
    bigrams = analysis.term_frequency(arts, ngram=2, fold=True).set_index("term")
    assert bigrams.loc["دونالد ترامب", "count"] == 2 and " / " not in bigrams.loc["دونالد ترامب", "spelling"]
    by = analysis.keyness(arts[arts.outlet == "X"], arts[arts.outlet == "Y"], min_count=1, fold=True)
    assert "ترمب" not in set(by["term"])


def test_users_extend_the_variants_table(tmp_path):
    mine = tmp_path / "mine.tsv"
    mine.write_text("# my spellings\n# key: norm\nvariant\tstandard\nغوغل\tجوجل\n", encoding="utf-8")
    arts = pd.DataFrame({"article_id": ["a", "b"], "text": ["أعلنت غوغل", "أعلنت جوجل"]})
    with pytest.raises(TableError, match="both a variant and a standard"):
        analysis.term_frequency(arts, fold=str(mine))  # the shipped table folds جوجل to غوغل
    mine.write_text("# my spellings\n# key: norm\nvariant\tstandard\nأعلنت\tاعلن\n", encoding="utf-8")
    got = analysis.term_frequency(arts, fold=str(mine)).set_index("term")
    assert got.loc["اعلن", "count"] == 2 and got.loc["غوغل", "count"] == 2
    assert spelling_folder({"ترمپ": "ترامب"})("وترمپ") == "وترامب"
    with pytest.raises(OptionTypeError):
        analysis.term_frequency(arts, fold=3)


def test_stems_show_the_word_without_the_article():
    arts = pd.DataFrame({"article_id": ["a", "b"], "text": ["قال الرئيس إن الرئيس والرئيس", "للرئيس رئيس"]})
    stems = analysis.term_frequency(arts, form="stem").set_index("term")
    assert stems.loc["رئيس", "count"] == 5
    assert stems.loc["رئيس", "spelling"] == "رئيس"
    assert analysis.term_frequency(arts, form="stem", ngram=2)["spelling"].str.startswith("ال").sum() == 0


def test_variant_pairs_check():
    assert variant_pairs(["ترامب", "ترمب"]) == [("ترامب", "ترمب")]
    assert variant_pairs(["سوريا", "روسيا", "ايران"]) == []


def test_on_the_sample(sample):
    view = analysis.content_view(sample)
    summary = analysis.furniture_summary(view)
    assert summary["articles"].sum() == len(sample)
    assert (summary["share_removed"] < 0.1).all()
    report = analysis.furniture_report(view)
    assert (report["kind"] == "self_name").any()
    for outlet in sorted(sample["outlet"].unique()):
        key = analysis.keyness(view[view.outlet == outlet], view[view.outlet != outlet], top=30, fold=True)
        top = key[key.direction == "target"]
        assert not set(top["term"]) & furniture_words(outlets=[outlet]), outlet
        assert not set(top["term"]) & set(word_variants()), outlet  # every variant counted as its standard
    stems = analysis.term_frequency(view, form="stem", top=50, fold=True)
    assert not stems["spelling"].str.startswith("ال").any()
