"""Naming choices: clitic-aware phrase matching, longest name wins, evidence offsets, user sets, shares, charts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import analysis
from analysis.errors import OptionError, TableError
from analysis.measures.naming_sets import NOT_COUNTED
from analysis.output.shaping import chart_data
from analysis.text.normalize import normalize


def arts(*texts, outlets=None):
    return pd.DataFrame({"article_id": [f"a{i}" for i in range(len(texts))], "text": list(texts),
                         "outlet": outlets or ["X"] * len(texts)})


def found(text, only, **kwargs):
    rows = analysis.naming_mentions(arts(text), only=only, **kwargs)
    return [(r.variant, r.match) for r in rows.itertuples()]


def assert_evidence(mentions, articles):
    texts = articles.set_index("article_id")["text"]
    for row in mentions.itertuples():
        assert texts[row.article_id][row.start:row.end] == row.match, row


# --- the shipped table ------------------------------------------------------------------------------


def test_the_shipped_table_has_fifteen_sets_each_with_a_note_and_two_names():
    table = analysis.naming_sets()
    sets = table.drop_duplicates("set")
    assert len(sets) >= 15
    assert (sets["note"].str.len() > 40).all() and (sets["referent"] != "").all() and (sets["referent_en"] != "").all()
    counted = table[table["variant"] != NOT_COUNTED].groupby("set")["variant"].nunique()
    assert (counted >= 2).all(), counted[counted < 2]
    for wanted in ("isis", "houthis", "syrian_government", "casualties", "israel", "sudan_rsf", "haftar_forces",
                   "yemen_government", "west_bank"):
        assert wanted in set(sets["set"])


# --- matching -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("هاجم مسلحو ولداعش مواقع", [("داعش", "ولداعش")]),
    ("وقالت إن بداعش خلايا نائمة", [("داعش", "بداعش")]),
    ("المقاتلون الأجانب للدولة الإسلامية", [("الدولة الإسلامية", "للدولة الإسلامية")]),  # ل + ال
    ("ضربات وبتنظيم الدولة خسائر", [("تنظيم الدولة", "وبتنظيم الدولة")]),
    ("هزيمة الدوله الاسلاميه في الموصل", [("الدولة الإسلامية", "الدوله الاسلاميه")]),  # ه for ة, no hamza
    ("عناصر داعـــش وتنظيمُ الدولةِ", [("داعش", "داعـــش"), ("تنظيم الدولة", "وتنظيمُ الدولةِ")]),
])
def test_clitics_and_spellings_are_one_name(text, expected):
    assert found(text, ["isis"]) == expected


def test_a_name_inside_a_longer_word_is_not_a_mention():
    assert found("تنظيمات الدولة وداعشيون والاحتلالات", ["isis", "israel"]) == []


def test_the_longest_name_wins_within_a_set():
    text = "أعلن تنظيم الدولة الإسلامية مسؤوليته، ثم قال تنظيم الدولة إن الدولة الإسلامية باقية."
    assert found(text, ["isis"]) == [("تنظيم الدولة الإسلامية", "تنظيم الدولة الإسلامية"),
                                     ("تنظيم الدولة", "تنظيم الدولة"), ("الدولة الإسلامية", "الدولة الإسلامية")]
    assert found("ما يسمى بالدولة الإسلامية", ["isis"]) == [("ما يسمى بالدولة الإسلامية",
                                                             "ما يسمى بالدولة الإسلامية")]


def test_phrases_marked_not_counted_hide_the_names_inside_them():
    text = "انتقد عبد الملك الحوثي الاحتلال التركي، وقصف الحوثيون مأرب."
    assert found(text, ["houthis", "israel"]) == [("الحوثيون", "الحوثيون")]
    hidden = found(text, ["houthis", "israel"], uncounted=True)
    assert (NOT_COUNTED, "عبد الملك الحوثي") in hidden and (NOT_COUNTED, "الاحتلال التركي") in hidden


def test_sets_count_independently():
    text = "اقتحم جيش الاحتلال مخيم جنين، وقالت إسرائيل إن الاحتلال مستمر"
    mentions = analysis.naming_mentions(arts(text), only=["israel", "israeli_army"])
    assert mentions[["set", "match"]].values.tolist() == [
        ["israel", "إسرائيل"], ["israel", "الاحتلال"], ["israeli_army", "جيش الاحتلال"]]


def test_quote_marks_and_blanks_may_separate_words_a_line_break_may_not():
    assert found("قال تنظيم «الدولة الإسلامية» إن", ["isis"]) == [
        ("تنظيم الدولة الإسلامية", "تنظيم «الدولة الإسلامية")]
    assert found("قال تنظيم  الدولة\u00a0 الإسلامية", ["isis"]) == [
        ("تنظيم الدولة الإسلامية", "تنظيم  الدولة\u00a0 الإسلامية")]
    assert found("تنظيم الدولة\nالإسلامية", ["isis"]) == [("تنظيم الدولة", "تنظيم الدولة")]


def test_every_mention_points_at_its_evidence():
    text = ("وأكّد المتحدث أن ميليشيات الحوثي قصفت، فيما قالت «أنصار الله» إن\u200f التحالف بقيادة السعودية "
            "قتل 12 مدنيًّا، وأعلنت جماعةُ الحوثي سقوط شهداء.\n\nوقال مسؤول إن قتلى داعش  والمتمردين الحوثيين كثر")
    articles = arts(text)
    mentions = analysis.naming_mentions(articles)
    assert_evidence(mentions, articles)
    assert {"ميليشيا الحوثي", "أنصار الله", "جماعة الحوثي", "التحالف بقيادة السعودية", "شهيد", "قتيل", "داعش",
            "المتمردون الحوثيون"} <= set(mentions["variant"])
    # each match, clitics aside, is its table form
    for row in mentions.itertuples():
        assert normalize(row.match, teh_marbuta=True).replace("«", "").replace("»", "").endswith(
            normalize(row.form, teh_marbuta=True).split()[-1]), row
    assert mentions["left"].str.contains("\n").sum() == 0 and mentions["right"].str.contains("\n").sum() == 0


# --- user sets ------------------------------------------------------------------------------------------


def test_a_users_file_adds_sets_and_replaces_one_of_the_same_name(tmp_path):
    mine = tmp_path / "mine.tsv"
    mine.write_text("# my sets\nset\tvariant\tforms\tnote\n"
                    "sudan_army\tالجيش السوداني\tالجيش السوداني | القوات المسلحة السودانية\tthe army's name\n"
                    "sudan_army\tجيش البرهان\tجيش البرهان\t\n"
                    "isis\tداعش\tداعش\t\nisis\tالخوارج\tخوارج العصر | الخوارج\t\n", encoding="utf-8")
    table = analysis.naming_sets(mine)
    assert set(table[table["set"] == "isis"]["variant"]) == {"داعش", "الخوارج"}
    assert "houthis" in set(table["set"])
    text = "قال الجيش السوداني إن جيش البرهان ... وإن خوارج العصر وتنظيم الدولة"
    rows = analysis.naming_mentions(arts(text), mine, only=["sudan_army", "isis"])
    assert rows[["set", "variant"]].values.tolist() == [["sudan_army", "الجيش السوداني"],
                                                        ["sudan_army", "جيش البرهان"], ["isis", "الخوارج"]]
    alone = analysis.naming_sets(mine, replace=True)
    assert sorted(alone["set"].unique()) == ["isis", "sudan_army"]
    given = analysis.naming_sets({"gulf_name": {"الخليج": "الخليج"}}, replace=True)
    assert given[["variant", "form"]].values.tolist() == [["الخليج", "الخليج"]]


@pytest.mark.parametrize(("content", "message"), [
    ("set\tvariant\nisis\tداعش\n", r"bad\.tsv: naming sets need the columns set, variant and forms"),
    ("set\tvariant\tforms\nisis\tداعش\tداعش | الدولة\nisis\tالدولة\tالدولة\n", r"listed under two variants"),
    ("set\tvariant\tforms\nisis\t\tداعش\n", r"bad\.tsv: a naming set row with an empty"),
    ("set\tvariant\tforms\nisis\tداعش\tداعش\tزائد\n", r"bad\.tsv: data row 1 has 4 cells for 3 columns"),
    ("# only a comment\n", r"bad\.tsv: no naming sets in the file"),
])
def test_a_bad_sets_file_is_named_with_its_problem(tmp_path, content, message):
    bad = tmp_path / "bad.tsv"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(TableError, match=message):
        analysis.naming_sets(bad)


def test_bad_options_say_what_is_known(tmp_path):
    with pytest.raises(OptionError, match="no naming set named 'isil'; known sets: isis, houthis"):
        analysis.naming_sets(only=["isil"])
    with pytest.raises(TableError, match="no such naming-sets file"):
        analysis.naming_sets(tmp_path / "none.tsv")
    latin1 = tmp_path / "latin1.tsv"
    latin1.write_bytes("set\tvariant\tforms\nx\t\xe9\t\xe9\n".encode("latin-1"))
    with pytest.raises(TableError, match="not UTF-8"):
        analysis.naming_sets(latin1)


# --- tables ---------------------------------------------------------------------------------------------


def test_shares_per_outlet_sum_to_one_and_unused_names_are_zero():
    articles = arts("قصف تنظيم الدولة، وداعش ينسحب", "عناصر تنظيم الدولة", "هزيمة داعش وقتلى", "نص بلا أسماء",
                    outlets=["X", "X", "Y", "Z"])
    table = analysis.naming(articles, only=["isis", "casualties"])
    assert set(table["outlet"]) == {"X", "Y"}  # Z never names either referent
    sums = table.groupby(["set", "outlet"])["share"].sum()
    assert np.allclose(sums, 1.0)
    x = table[(table["set"] == "isis") & (table["outlet"] == "X")].set_index("variant")
    assert x.loc["تنظيم الدولة", ["count", "articles", "set_mentions"]].tolist() == [2, 2, 3]
    assert x.loc["الدولة الإسلامية", "count"] == 0
    whole = analysis.naming(articles, only=["isis"], by=None)
    assert "outlet" not in whole and whole.set_index("variant").loc["داعش", "count"] == 2
    grid = analysis.naming_shares(table, min_mentions=1)
    assert grid.columns[:2].tolist() == ["الجهة", "التسمية"]
    assert grid[grid["التسمية"] == "داعش"][["X", "Y"]].values.tolist() == [[33.0, 100.0]]
    assert analysis.naming_shares(table, min_mentions=2).columns.tolist() == ["الجهة", "التسمية", "X"]


def test_articles_that_name_no_set_give_empty_tables():
    articles = arts("نص عن الطقس والرياضة")
    assert analysis.naming_mentions(articles).empty
    table = analysis.naming(articles)
    assert table.empty and list(table.columns) == ["set", "referent", "outlet", "variant", "count", "share",
                                                   "set_mentions", "articles"]
    assert analysis.naming_shares(table).empty


def test_shares_by_month_and_with_mentions_given():
    articles = arts("داعش", "تنظيم الدولة", "داعش")
    articles["published"] = pd.to_datetime(["2018-03-02", "2018-03-20", "2018-05-01"], utc=True)
    mentions = analysis.naming_mentions(articles, only=["isis"])
    table = analysis.naming(articles, by="month", only=["isis"], mentions=mentions)
    used = table[table["count"] > 0]
    assert used[["month", "variant", "count"]].astype(str).values.tolist() == [
        ["2018-03", "داعش", "1"], ["2018-03", "تنظيم الدولة", "1"], ["2018-05", "داعش", "1"]]


# --- charts ---------------------------------------------------------------------------------------------


def test_the_naming_chart_has_a_panel_per_set_and_names_thin_rows():
    articles = arts(*(["قصف داعش"] * 6 + ["قال تنظيم الدولة"] * 4 + ["داعش"] * 2 + ["قتلى وشهداء"] * 5),
                    outlets=["X"] * 10 + ["Y"] * 2 + ["X"] * 5)
    table = analysis.naming(articles, only=["isis", "casualties"])
    fig = analysis.plot_naming(table, min_mentions=5)
    axes = [ax for ax in fig.get_axes() if ax.get_visible()]
    assert len(axes) == 2
    data = chart_data(fig)
    assert set(data["outlet"]) == {"X"}  # Y has 2 mentions of isis: left out and named
    assert any("Y" in ax.get_xlabel() for ax in axes)
    with pytest.raises(TableError, match="one grouping column"):
        analysis.plot_naming(analysis.naming(articles, by=None, only=["isis"]))


def test_the_chart_draws_only_sets_with_a_row_to_draw():
    # isis is the most mentioned set but no outlet names it 5 times; casualties has a row to draw
    articles = arts(*(["داعش"] * 4 + ["داعش"] * 4 + ["قتلى"] * 5), outlets=["X"] * 4 + ["Y"] * 4 + ["X"] * 5)
    table = analysis.naming(articles, only=["isis", "casualties"])
    assert chart_data(analysis.plot_naming(table))["set"].unique().tolist() == ["casualties"]
    with pytest.raises(TableError, match="no naming set is mentioned 6 times in one outlet"):
        analysis.plot_naming(table, min_mentions=6)


def test_the_chart_over_time_breaks_where_months_are_missing():
    articles = arts(*(["داعش"] * 5 + ["تنظيم الدولة"] * 5 + ["داعش"] * 6))
    articles["published"] = pd.to_datetime(["2018-01-05"] * 10 + ["2018-04-05"] * 6, utc=True)
    table = analysis.naming(articles, by="month", only=["isis"])
    fig = analysis.plot_naming_over_time(table, "isis")
    line = fig.axes[0].get_lines()[0]
    assert len(line.get_xdata()) == 4 and np.isnan(np.asarray(line.get_ydata(), dtype=float)[1:3]).all()


# --- real corpus ---------------------------------------------------------------------------------------


def test_on_the_sample_each_outlet_names_isis_its_own_way(sample):
    mentions = analysis.naming_mentions(sample)
    assert_evidence(mentions, sample)
    table = analysis.naming(sample, only=["isis"], mentions=mentions).set_index(["outlet", "variant"])["count"]
    # Sky News Arabia writes داعش and never the group's own name; BBC Arabic the reverse
    assert table["skynews", "داعش"] >= 10
    assert table["skynews", "الدولة الإسلامية"] + table["skynews", "تنظيم الدولة الإسلامية"] == 0
    assert table["BBC", "تنظيم الدولة الإسلامية"] > table.get(("BBC", "داعش"), 0)


def test_on_the_full_archive_the_house_styles_hold(ant_articles):
    mentions = analysis.naming_mentions(ant_articles, only=["isis", "houthis"])
    assert_evidence(mentions.sample(min(len(mentions), 2000), random_state=0), ant_articles)
    table = analysis.naming(ant_articles, only=["isis", "houthis"], mentions=mentions)
    share = table.set_index(["set", "outlet", "variant"])["share"]
    assert share["isis", "skynews", "داعش"] > 0.9
    assert share["isis", "france24", "تنظيم الدولة الإسلامية"] > 0.5
    assert share["houthis", "skynews", "ميليشيا الحوثي"] > share["houthis", "BBC", "ميليشيا الحوثي"]


def test_a_dask_frame_gives_the_pandas_table(sample):
    dd = pytest.importorskip("dask.dataframe")
    lazy = dd.from_pandas(sample, npartitions=3)
    # the same rows; Dask hands strings back with pd.NA as their missing value, hence no dtype check
    pd.testing.assert_frame_equal(analysis.naming(lazy, only=["isis", "houthis"]),
                                  analysis.naming(sample, only=["isis", "houthis"]), check_dtype=False)
    pd.testing.assert_frame_equal(analysis.naming_mentions(lazy, only=["israel"]),
                                  analysis.naming_mentions(sample, only=["israel"]))
