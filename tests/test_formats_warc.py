"""Web archives: the HTML pages of a WARC load as articles; images, 404s and damage are reported, never a crash."""

from __future__ import annotations

import gzip
import warnings
from pathlib import Path

import pandas as pd
import pytest
from format_builders import ARTICLES, PNG, html_page, warc

from analysis.corpus.loader import load_corpus
from analysis.errors import EmptyCorpusError

CAPTURED = "2019-02-01T09:00:00Z"
NOT_PAGES = "records that are not pages, passed over: 4 request, 1 warcinfo"
MISSING = "https://www.aa.com.tr/ar/غير-موجود"


def crawl(*, gz: bool) -> bytes:
    """Two news pages (the second in Windows-1256, without a date of its own), a logo and a 404."""
    return warc(
        [
            (ARTICLES[0]["url"], "200 OK", "text/html; charset=utf-8", html_page(ARTICLES[0]).encode("utf-8")),
            (ARTICLES[1]["url"], "200 OK", "text/html", html_page(ARTICLES[1], with_date=False,
                                                                  site_name="العربية").encode("cp1256")),
            ("https://www.aa.com.tr/static/logo.png", "200 OK", "image/png", PNG),
            (MISSING, "404 Not Found", "text/html; charset=utf-8", "<html><body><p>الصفحة غير موجودة</p></body></html>"
             .encode()),
        ],
        gzip=gz,
        warc_date=CAPTURED,
    )


def check_pages(articles: pd.DataFrame, stem: str) -> None:
    assert articles["article_id"].tolist() == [f"{stem}#3", f"{stem}#5"]  # WARC record numbers (warcinfo is 1)
    assert articles["title"].tolist() == [ARTICLES[0]["title"], ARTICLES[1]["title"]]
    assert articles["text"].tolist() == [ARTICLES[0]["text"], ARTICLES[1]["text"]]  # no menu, no footer
    assert articles["url"].tolist() == [ARTICLES[0]["url"], ARTICLES[1]["url"]]  # WARC-Target-URI
    assert articles["outlet"].tolist() == ["aa.com.tr", "العربية"]  # the domain, unless the page names its site
    # The page's own date when it has one, else the capture time; the capture time is always kept.
    assert articles["published"].tolist() == [pd.Timestamp(ARTICLES[0]["published"]), pd.Timestamp(CAPTURED)]
    assert articles["crawled"].tolist() == [CAPTURED, CAPTURED]
    assert (articles["format"] == "warc").all()
    assert articles["encoding"].tolist() == ["utf-8, cp1256", "utf-8, cp1256"]


@pytest.mark.parametrize("gz", [False, True])
def test_the_html_pages_of_a_warc_are_articles_and_the_rest_is_reported(tmp_path: Path, gz: bool) -> None:
    name = "crawl.warc.gz" if gz else "crawl.warc"
    (tmp_path / name).write_bytes(crawl(gz=gz))
    articles = load_corpus(tmp_path / name)
    check_pages(articles, "crawl")
    report = articles.attrs["load_report"]
    assert report[["status", "format", "encoding", "n_articles", "n_records_skipped"]].values.tolist() == [
        ["loaded", "warc", "utf-8, cp1256", 2, 2]
    ]
    assert report["reason"].iloc[0] == (
        "2 record(s) skipped: record 7 (https://www.aa.com.tr/static/logo.png): image/png, not an HTML page; "
        f"record 9 ({MISSING}): HTTP 404 Not Found, not a page to read; "
        f"1 page(s) state no publication date: published is their capture time (WARC-Date); {NOT_PAGES}"
    )


def test_a_warc_inside_a_folder_beside_other_files_and_gzipped_whole(tmp_path: Path) -> None:
    (tmp_path / "a.warc.gz").write_bytes(gzip.compress(crawl(gz=False)))  # one gzip stream, not one per record
    (tmp_path / "notes.txt").write_text("ملاحظات\n\nزحف موقع الأناضول في شباط", encoding="utf-8")
    articles = load_corpus(tmp_path)
    check_pages(articles[articles["format"] == "warc"], "a")
    report = articles.attrs["load_report"]
    assert report[["status", "n_articles", "n_records_skipped"]].values.tolist() == [["loaded", 2, 2], ["loaded", 1, 0]]
    assert report["reason"].iloc[0].endswith(
        f"{NOT_PAGES}; gzipped as one stream, not one gzip member per record: decompressed whole "
        "(warcio recompress makes a standard .warc.gz)"
    )


@pytest.mark.parametrize("gz", [False, True])
def test_a_warc_cut_anywhere_loads_only_whole_pages_and_says_where_it_stopped(tmp_path: Path, gz: bool) -> None:
    data = crawl(gz=gz)
    texts = {a["text"] for a in ARTICLES}
    cuts = range(40, len(data), 97)
    for i, cut in enumerate(cuts):
        (tmp_path / f"cut{i:03d}.warc{'.gz' if gz else ''}").write_bytes(data[:cut])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        articles = load_corpus(tmp_path)
    report = articles.attrs["load_report"]
    assert len(report) == len(cuts)  # every file has its row
    assert set(articles["text"]) <= texts  # never a page cut in the middle
    for row in report.itertuples():
        assert row.reason, row.path
        if row.n_articles == 0 and row.status == "skipped" and "not a readable WARC file" in row.reason:
            continue  # cut inside the first record
        assert "the WARC is cut off or corrupt here" in row.reason, (row.path, row.reason)
    # The file cut inside the 404's record: both pages load, the damage is named at record 9.
    cut = len(data) - 60
    (tmp_path / "late.warc").write_bytes(data[:cut] if not gz else gzip.decompress(data)[:-60])
    late = load_corpus(tmp_path / "late.warc")
    check_pages(late, "late")
    assert "record 9: the WARC is cut off or corrupt here" in late.attrs["load_report"]["reason"].iloc[0]


def test_corrupt_and_empty_warcs_are_reported(tmp_path: Path) -> None:
    (tmp_path / "noise.warc").write_bytes("ليس أرشيفا للويب".encode() * 40)
    (tmp_path / "noise.warc.gz").write_bytes(b"\x1f\x8b\x08\x00" + bytes(range(256)))
    (tmp_path / "empty.warc").write_bytes(b"")
    only_images = warc([("https://www.aa.com.tr/logo.png", "200 OK", "image/png", PNG)], gzip=True)
    (tmp_path / "images.warc.gz").write_bytes(only_images)
    with pytest.raises(EmptyCorpusError) as caught:
        load_corpus(tmp_path)
    report = caught.value.report
    rows = dict(zip(report["path"].map(lambda p: Path(p).name), report["reason"], strict=True))
    assert rows["empty.warc"] == "empty file"
    assert rows["noise.warc"].startswith("not a readable WARC file: ArchiveLoadFailed")
    assert rows["noise.warc.gz"].startswith("not a readable WARC file")
    assert rows["images.warc.gz"] == (
        "record 3 (https://www.aa.com.tr/logo.png): image/png, not an HTML page; "
        "records that are not pages, passed over: 1 request, 1 warcinfo"
    )
    assert (report["status"] == "skipped").all() and len(report) == 4


def test_a_page_over_max_bytes_stops_the_warc_there(tmp_path: Path) -> None:
    big = html_page({**ARTICLES[2], "text": ARTICLES[2]["text"] * 200})
    data = warc(
        [(ARTICLES[0]["url"], "200 OK", "text/html", html_page(ARTICLES[0]).encode()),
         (ARTICLES[2]["url"], "200 OK", "text/html", big.encode())],
        gzip=True,
    )
    (tmp_path / "big.warc.gz").write_bytes(data)
    articles = load_corpus(tmp_path / "big.warc.gz", max_bytes=len(big) // 2)
    assert articles["title"].tolist() == [ARTICLES[0]["title"]]
    reason = articles.attrs["load_report"]["reason"].iloc[0]
    assert reason.startswith("1 record(s) skipped: record 5: refused:") and "max_bytes=" in reason
    assert "reading stopped there" in reason
