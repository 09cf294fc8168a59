"""Crawler and dataset records load without ``columns=``: news-please, trafilatura, common dataset names.

Every test asserts the articles (title, outlet, published, text, ids) and the load report
row for row, on real Arabic text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from format_builders import ARTICLES, ENGLISH, news_please, trafilatura

from analysis.corpus.loader import load_corpus
from analysis.errors import EmptyCorpusError

NEWS_PLEASE_NOTE = (
    "fields read as news-please: maintext → text, source_domain → outlet, date_publish → published, "
    "authors → author, description → abstract"
)


def report_rows(articles: pd.DataFrame, root: Path) -> list[tuple]:
    report = articles.attrs["load_report"]
    return [
        (Path(row.path).relative_to(root).as_posix(), row.status, row.format, row.n_articles, row.n_records_skipped,
         row.reason)
        for row in report.itertuples()
    ]


def utc(value: str) -> pd.Timestamp:
    return pd.Timestamp(value).tz_convert("UTC")


def test_a_folder_of_news_please_files_loads_without_columns(tmp_path: Path) -> None:
    root = tmp_path / "crawl"
    (root / "aa.com.tr").mkdir(parents=True)
    for i, article in enumerate(ARTICLES):
        path = root / "aa.com.tr" / f"{i}.json"
        path.write_text(json.dumps(news_please(article), ensure_ascii=False, indent=2), encoding="utf-8")
    (root / "reuters.json").write_text(json.dumps(news_please(ENGLISH, "en")), encoding="utf-8")

    articles = load_corpus(root)

    # One article per file: the id is the file's path, as for a text file.
    assert articles["article_id"].tolist() == ["aa.com.tr/0", "aa.com.tr/1", "aa.com.tr/2"]
    assert articles["title"].tolist() == [a["title"] for a in ARTICLES]
    assert articles["text"].tolist() == [a["text"] for a in ARTICLES]
    assert articles["outlet"].tolist() == ["aa.com.tr", "alarabiya.net", "youm7.com"]  # www. dropped
    assert articles["published"].tolist() == [utc(a["published"]) for a in ARTICLES]
    assert articles["author"].tolist() == [a["author"] for a in ARTICLES]  # a list of one name
    assert articles["url"].tolist() == [a["url"] for a in ARTICLES]
    assert articles["language"].tolist() == ["ar", "ar", "ar"]  # kept as an extra column
    assert articles.loc[0, "abstract"].startswith("أسرت قوات المعارضة السورية")
    assert articles["n_words"].tolist() == [len(a["text"].split()) for a in ARTICLES]
    assert "maintext" not in articles.columns and "record_text" in articles.columns  # news-please's null "text"
    assert report_rows(articles, root) == [
        ("aa.com.tr/0.json", "loaded", "json", 1, 0, NEWS_PLEASE_NOTE),
        ("aa.com.tr/1.json", "loaded", "json", 1, 0, NEWS_PLEASE_NOTE),
        ("aa.com.tr/2.json", "loaded", "json", 1, 0, NEWS_PLEASE_NOTE),
        (
            "reuters.json",
            "skipped",
            "json",
            0,
            1,
            "1 record(s) not in Arabic skipped (language: en 1); the analysis counts Arabic text: correct or drop "
            f"their language field to load them; {NEWS_PLEASE_NOTE}",
        ),
    ]


def test_news_please_json_lines_mixing_languages(tmp_path: Path) -> None:
    path = tmp_path / "crawl.jsonl"
    records = [news_please(ARTICLES[0]), news_please(ENGLISH, "en"), news_please(ARTICLES[1], "ar")]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    articles = load_corpus(path)
    assert articles["article_id"].tolist() == ["crawl#1", "crawl#3"]
    assert articles["title"].tolist() == [ARTICLES[0]["title"], ARTICLES[1]["title"]]
    assert articles["outlet"].tolist() == ["aa.com.tr", "alarabiya.net"]
    assert "Oil" not in " ".join(articles["text"])
    report = articles.attrs["load_report"]
    assert report[["status", "format", "n_articles", "n_records_skipped"]].values.tolist() == [
        ["loaded", "jsonl", 2, 1]
    ]
    assert report["reason"].iloc[0].startswith("1 record(s) not in Arabic skipped (language: en 1)")


def test_trafilatura_json_takes_the_url_from_source_and_the_outlet_from_its_site_name(tmp_path: Path) -> None:
    root = tmp_path / "pages"
    root.mkdir()
    for i, article in enumerate(ARTICLES[:2]):
        (root / f"page{i}.json").write_text(json.dumps(trafilatura(article), ensure_ascii=False), encoding="utf-8")
    articles = load_corpus(root)
    assert articles["article_id"].tolist() == ["page0", "page1"]
    assert articles["title"].tolist() == [ARTICLES[0]["title"], ARTICLES[1]["title"]]
    # trafilatura's "text" keeps the paragraphs (one per line); "raw_text" runs them together.
    assert articles["text"].tolist() == [a["text"].replace("\n\n", "\n") for a in ARTICLES[:2]]
    assert articles["url"].tolist() == [ARTICLES[0]["url"], ARTICLES[1]["url"]]  # "source" is the URL here
    assert articles["outlet"].tolist() == ["وكالة aa", "وكالة alarabiya"]  # source-hostname (the site name)
    assert articles["published"].tolist() == [pd.Timestamp(day, tz="UTC") for day in ("2018-02-18", "2018-07-17")]
    assert articles["author"].tolist() == [ARTICLES[0]["author"], ARTICLES[1]["author"]]
    assert articles["abstract"].iloc[1].startswith("ارتفعت أسعار النفط")
    note = (
        "fields read as trafilatura: source-hostname → outlet, categories → section, date → published, "
        "source → url, excerpt → abstract"
    )
    assert report_rows(articles, root) == [
        ("page0.json", "loaded", "json", 1, 0, note),
        ("page1.json", "loaded", "json", 1, 0, note),
    ]


def test_common_dataset_names_in_english_and_arabic(tmp_path: Path) -> None:
    english = [
        {"headline": a["title"], "body": a["text"], "pubDate": a["published"], "media_name": "الأناضول",
         "link": a["url"], "category": "سياسة"}
        for a in ARTICLES[:2]
    ]
    (tmp_path / "english.json").write_text(json.dumps(english, ensure_ascii=False), encoding="utf-8")
    header = "العنوان,النص,تاريخ النشر,الرابط\n"
    rows = "".join(f'"{a["title"]}","{a["text"]}",{a["published"][:10]},{a["url"]}\n' for a in ARTICLES)
    (tmp_path / "arabic.csv").write_text(header + rows, encoding="utf-8")

    articles = load_corpus(tmp_path)
    assert articles["article_id"].tolist() == ["arabic#1", "arabic#2", "arabic#3", "english#1", "english#2"]
    assert articles["title"].tolist() == [a["title"] for a in ARTICLES] + [a["title"] for a in ARTICLES[:2]]
    assert articles["text"].tolist() == [a["text"] for a in ARTICLES] + [a["text"] for a in ARTICLES[:2]]
    # No outlet field in the CSV: the outlet is the URL's domain.
    assert articles["outlet"].tolist() == ["aa.com.tr", "alarabiya.net", "youm7.com", "الأناضول", "الأناضول"]
    assert articles["section"].fillna("-").tolist() == ["-", "-", "-", "سياسة", "سياسة"]
    assert articles["published"].iloc[2] == pd.Timestamp("2019-01-23", tz="UTC")
    assert articles["published"].iloc[3] == utc(ARTICLES[0]["published"])
    assert report_rows(articles, tmp_path) == [
        ("arabic.csv", "loaded", "csv", 3, 0,
         "fields read as common names: العنوان → title, النص → text, تاريخ النشر → published, الرابط → url"),
        ("english.json", "loaded", "json", 2, 0,
         "fields read as common names: headline → title, body → text, media_name → outlet, "
         "category → section, pubDate → published, link → url"),
    ]


def test_columns_given_still_win_over_the_names_recognised(tmp_path: Path) -> None:
    record = news_please(ARTICLES[0])
    record["summary_ar"] = "ملخص: " + ARTICLES[0]["title"]
    (tmp_path / "a.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    articles = load_corpus(tmp_path / "a.json", columns={"summary_ar": "text", "filename": "article_id"})
    assert articles["text"].tolist() == ["ملخص: " + ARTICLES[0]["title"]]
    assert articles["article_id"].tolist() == [record["filename"]]
    assert articles["maintext"].tolist() == [ARTICLES[0]["text"]]  # no longer the text: an extra column
    assert articles["outlet"].tolist() == ["aa.com.tr"]


def test_a_long_text_field_under_an_unknown_name_is_named_with_the_mapping_that_loads_it(tmp_path: Path) -> None:
    records = [{"id": i, "عنوان_فرعي": a["title"], "matn": a["text"]} for i, a in enumerate(ARTICLES)]
    (tmp_path / "dump.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(EmptyCorpusError) as caught:
        load_corpus(tmp_path / "dump.json")
    reason = caught.value.report["reason"].iloc[0]
    words = round(sum(len(a["text"].split()) for a in ARTICLES) / len(ARTICLES))
    assert words == 34
    assert reason == (
        f"no text field (fields: id, عنوان_فرعي, matn); field 'matn' holds long text ({words} words on average): "
        "load it with columns={'matn': 'text'}"
    )
    articles = load_corpus(tmp_path / "dump.json", columns={"matn": "text"})
    assert articles["text"].tolist() == [a["text"] for a in ARTICLES]

    # A text field that is always empty (news-please's "text" with no maintext): the hint follows the count.
    empty = [{"text": None, "title": a["title"], "story_body": a["text"]} for a in ARTICLES]
    (tmp_path / "empty.json").write_text(json.dumps(empty, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(EmptyCorpusError) as caught:
        load_corpus(tmp_path / "empty.json")
    assert caught.value.report["reason"].iloc[0] == (
        "3 record(s) with empty or missing text skipped (not articles); field 'story_body' holds long text "
        "(34 words on average): load it with columns={'story_body': 'text'}"
    )


def test_the_command_line_reads_a_folder_of_news_please_files(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = tmp_path / "crawl"
    root.mkdir()
    for i, article in enumerate(ARTICLES):
        (root / f"{i}.json").write_text(json.dumps(news_please(article), ensure_ascii=False), encoding="utf-8")
    (root / "en.json").write_text(json.dumps(news_please(ENGLISH, "en")), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "terms", str(root), "--by", "outlet", "--top", "2"],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "loaded 3 articles from 4 files" in done.stderr + done.stdout
    lines = done.stdout.splitlines()
    assert [line.split()[0] for line in lines[1:]] == ["aa.com.tr", "aa.com.tr", "alarabiya.net", "alarabiya.net",
                                                       "youm7.com", "youm7.com"]
    assert "ادلب" in done.stdout and "Oil" not in done.stdout
