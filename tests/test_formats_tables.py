"""Spreadsheets (XLSX, ODS) and dataset folders (Parquet shards, Hugging Face save_to_disk), row for row.

Hostile ones too: a formula cell, a huge cell, a damaged workbook, a zip bomb saved as
.xlsx, a damaged Arrow shard; each is reported, never a crash, and every file has its row.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from format_builders import ARTICLES, ods, parquet_shards, save_to_disk, xlsx

from analysis.corpus.loader import load_corpus
from analysis.errors import EmptyCorpusError

HEADER = ["العنوان", "النص", "تاريخ النشر", "المصدر", "الرابط"]
SHEET_NOTE = "fields read as common names: العنوان → title, النص → text, المصدر → outlet, تاريخ النشر → published"
DATASET_NOTE = (
    "fields read as common names: headline → title, content → text, source → outlet, date → published, link → url"
)


def rows_of(articles: list[dict]) -> list[list]:
    return [[a["title"], a["text"], a["published"][:10], "الأناضول", a["url"]] for a in articles]


def report_rows(report: pd.DataFrame, root: Path) -> list[tuple]:
    return [
        (Path(r.path).relative_to(root).as_posix(), r.status, r.format if isinstance(r.format, str) else None,
         r.n_articles, r.n_records_skipped, r.reason)
        for r in report.itertuples()
    ]


def test_an_xlsx_workbook_one_article_per_row(tmp_path: Path) -> None:
    rows = rows_of(ARTICLES)
    rows.insert(2, [None] * 5)  # a blank row is passed over
    (tmp_path / "أخبار.xlsx").write_bytes(xlsx({"أخبار شباط": [HEADER, *rows]}))
    articles = load_corpus(tmp_path / "أخبار.xlsx")
    assert articles["article_id"].tolist() == ["أخبار#1", "أخبار#2", "أخبار#3"]
    assert articles["title"].tolist() == [a["title"] for a in ARTICLES]
    assert articles["text"].tolist() == [a["text"] for a in ARTICLES]
    assert articles["outlet"].tolist() == ["الأناضول"] * 3
    assert articles["published"].tolist() == [pd.Timestamp(a["published"][:10], tz="UTC") for a in ARTICLES]
    assert articles["url"].tolist() == [a["url"] for a in ARTICLES]
    assert "sheet" not in articles.columns  # one sheet: no sheet column
    note = SHEET_NOTE + ", الرابط → url"
    assert report_rows(articles.attrs["load_report"], tmp_path) == [("أخبار.xlsx", "loaded", "xlsx", 3, 0, note)]


def test_an_ods_spreadsheet_with_two_sheets(tmp_path: Path) -> None:
    book = ods({"سياسة": [HEADER[:4], *[r[:4] for r in rows_of(ARTICLES[:2])]],
                "ثقافة": [HEADER[:4], *[r[:4] for r in rows_of(ARTICLES[2:])]],
                "فارغة": []})
    (tmp_path / "news.ods").write_bytes(book)
    articles = load_corpus(tmp_path / "news.ods")
    assert articles["title"].tolist() == [a["title"] for a in ARTICLES]
    assert articles["text"].tolist() == [a["text"] for a in ARTICLES]  # paragraphs (<text:p>) kept as lines
    assert articles["sheet"].tolist() == ["سياسة", "سياسة", "ثقافة"]
    assert articles["article_id"].tolist() == ["news#1", "news#2", "news#3"]
    assert report_rows(articles.attrs["load_report"], tmp_path) == [("news.ods", "loaded", "ods", 3, 0, SHEET_NOTE)]


def test_formula_cells_are_read_as_saved_never_evaluated(tmp_path: Path) -> None:
    rows = [HEADER[:2], [ARTICLES[0]["title"], ARTICLES[0]["text"]],
            [ARTICLES[1]["title"], ("=CONCATENATE(B2, \" - الأناضول\")", ARTICLES[1]["text"])],
            [("=HYPERLINK(\"http://attacker.example/x\", \"عنوان\")", "عنوان"), ("=WEBSERVICE(\"http://x\")", None)]]
    (tmp_path / "formulas.xlsx").write_bytes(xlsx({"Sheet1": rows}))
    articles = load_corpus(tmp_path / "formulas.xlsx")
    # The saved value of the formula, not the formula, nor anything fetched: the row without a saved text is empty.
    assert articles["text"].tolist() == [ARTICLES[0]["text"], ARTICLES[1]["text"]]
    report = articles.attrs["load_report"]
    assert report[["status", "n_articles", "n_records_skipped"]].values.tolist() == [["loaded", 2, 1]]
    assert report["reason"].iloc[0] == (
        "1 record(s) with empty or missing text skipped (not articles); 3 formula cell(s), e.g. sheet1 B3 "
        "=CONCATENATE(B2, \" - الأناضول\"): read as the values saved with the file, never evaluated (a formula "
        "saved without its value reads as empty); fields read as common names: العنوان → title, النص → text"
    )


def test_a_huge_cell_is_read_whole_and_noted(tmp_path: Path) -> None:
    huge = "\n\n".join([ARTICLES[2]["text"]] * 800)  # ~190,000 characters, past Excel's 32,767
    assert len(huge) > 150_000
    (tmp_path / "huge.xlsx").write_bytes(xlsx({"Sheet1": [HEADER[:2], [ARTICLES[2]["title"], huge],
                                                          [ARTICLES[0]["title"], ARTICLES[0]["text"]]]}))
    articles = load_corpus(tmp_path / "huge.xlsx")
    assert articles["text"].tolist() == [huge, ARTICLES[0]["text"]]
    assert articles["n_words"].iloc[0] == 800 * len(ARTICLES[2]["text"].split())
    reason = articles.attrs["load_report"]["reason"].iloc[0]
    assert reason.startswith("1 cell(s) of 32,767 characters or more: Excel and LibreOffice keep no more")


def test_damaged_and_hostile_workbooks_are_reported(tmp_path: Path) -> None:
    good = xlsx({"Sheet1": [HEADER[:2], [ARTICLES[0]["title"], ARTICLES[0]["text"]]]})
    (tmp_path / "cut.xlsx").write_bytes(good[: len(good) // 2])
    (tmp_path / "text.xlsx").write_text("هذا ليس ملف إكسل", encoding="utf-8")
    (tmp_path / "old.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    (tmp_path / "empty.ods").write_bytes(ods({"Sheet1": []}))
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("xl/worksheets/sheet1.xml", "w") as member:  # 80 MiB of spaces: about 80 KiB zipped
            for _ in range(80):
                member.write(b" " * 2**20)
    (tmp_path / "bomb.xlsx").write_bytes(bomb.getvalue())
    (tmp_path / "good.xlsx").write_bytes(good)
    articles = load_corpus(tmp_path)
    report = articles.attrs["load_report"]
    rows = {Path(p).name: (s, r) for p, s, r in zip(report["path"], report["status"], report["reason"], strict=True)}
    assert len(rows) == 6 and articles["text"].tolist() == [ARTICLES[0]["text"]]
    assert rows["good.xlsx"][0] == "loaded"
    assert all(status == "skipped" for name, (status, _) in rows.items() if name != "good.xlsx")
    assert rows["cut.xlsx"][1].startswith("not a readable XLSX workbook: BadZipFile")
    assert rows["text.xlsx"][1].startswith("not a readable XLSX workbook: BadZipFile")
    assert rows["old.xlsx"][1].startswith("not an XLSX workbook: an old binary Office file (.xls), or a workbook")
    assert rows["empty.ods"][1] == "empty OpenDocument spreadsheet: no sheet holds a value"
    assert rows["bomb.xlsx"][1].startswith("refused as an archive bomb: its XML decompresses to")
    assert "max_ratio=100" in rows["bomb.xlsx"][1]


# --------------------------------------------------------------------------- dataset folders


def test_a_folder_of_parquet_shards(tmp_path: Path) -> None:
    root = tmp_path / "dataset"
    parquet_shards(root / "data", ARTICLES)
    (root / "data" / "_SUCCESS").write_bytes(b"")
    (root / "README.md").write_text("# أخبار عربية\n", encoding="utf-8")
    articles = load_corpus(root)
    # Shard 0 holds articles 0 and 2, shard 1 article 1.
    order = [ARTICLES[0], ARTICLES[2], ARTICLES[1]]
    assert articles["article_id"].tolist() == [
        "data/train-00000-of-00002#1", "data/train-00000-of-00002#2", "data/train-00001-of-00002#1"
    ]
    assert articles["title"].tolist() == [a["title"] for a in order]
    assert articles["text"].tolist() == [a["text"] for a in order]
    assert articles["outlet"].tolist() == ["aa.com.tr", "youm7.com", "alarabiya.net"]
    assert articles["published"].tolist() == [pd.Timestamp(a["published"]) for a in order]
    assert articles["label"].tolist() == [0, 1, 0]  # an unmapped field stays a column
    assert report_rows(articles.attrs["load_report"], root) == [
        ("README.md", "skipped", None, 0, 0, "unsupported file type: .md"),
        ("data/_SUCCESS", "skipped", None, 0, 0,
         "empty file: the marker Spark and Hadoop leave when a job finished (_SUCCESS), not articles"),
        ("data/train-00000-of-00002.parquet", "loaded", "parquet", 2, 0, DATASET_NOTE),
        ("data/train-00001-of-00002.parquet", "loaded", "parquet", 1, 0, DATASET_NOTE),
    ]


def test_a_hugging_face_save_to_disk_folder_read_without_the_datasets_package(tmp_path: Path) -> None:
    root = tmp_path / "arabic_news"
    save_to_disk(root, ARTICLES)
    articles = load_corpus(root)
    assert articles["article_id"].tolist() == ["data-00000-of-00002#1", "data-00000-of-00002#2",
                                               "data-00001-of-00002#1"]
    assert articles["title"].tolist() == [a["title"] for a in ARTICLES]
    assert articles["text"].tolist() == [a["text"] for a in ARTICLES]
    assert articles["outlet"].tolist() == ["aa.com.tr", "alarabiya.net", "youm7.com"]
    assert articles["url"].tolist() == [a["url"] for a in ARTICLES]
    assert report_rows(articles.attrs["load_report"], root) == [
        ("data-00000-of-00002.arrow", "loaded", "arrow", 2, 0, DATASET_NOTE),
        ("data-00001-of-00002.arrow", "loaded", "arrow", 1, 0, DATASET_NOTE),
        ("dataset_info.json", "skipped", None, 0, 0, "Hugging Face dataset metadata (dataset_info.json, describes "
         "the dataset's features): not articles; the data-*.arrow shards are read"),
        ("state.json", "skipped", None, 0, 0, "Hugging Face dataset metadata (state.json, lists the data-*.arrow "
         "shards beside it): not articles; the data-*.arrow shards are read"),
    ]
    import sys

    assert "datasets" not in sys.modules


def test_a_damaged_arrow_shard_keeps_its_whole_batches(tmp_path: Path) -> None:
    root = tmp_path / "hf"
    save_to_disk(root, ARTICLES, n_shards=1)  # one shard, one row per batch
    shard = root / "data-00000-of-00001.arrow"
    data = shard.read_bytes()
    shard.write_bytes(data[: len(data) - 200])
    (root / "noise.arrow").write_bytes("ليس سهما".encode() * 20)
    articles = load_corpus(root)
    assert articles["text"].tolist() == [a["text"] for a in ARTICLES[: len(articles)]]
    assert 1 <= len(articles) < 3
    report = articles.attrs["load_report"].set_index("path")
    reason = report.loc[str(shard), "reason"]
    assert f"record batch {len(articles) + 1} (after row {len(articles)}): cannot be read" in reason
    assert report.loc[str(shard), "n_records_skipped"] == 1
    assert report.loc[str(root / "noise.arrow"), "reason"].startswith("invalid Arrow (neither an Arrow stream")


def test_a_dataset_without_a_known_text_field_names_the_long_one(tmp_path: Path) -> None:
    table = pa.table({"idx": [1, 2], "khabar": [ARTICLES[0]["text"], ARTICLES[1]["text"]]})
    import pyarrow.parquet as pq

    pq.write_table(table, tmp_path / "part-0.parquet")
    with pytest.raises(EmptyCorpusError) as caught:
        load_corpus(tmp_path)
    assert caught.value.report["reason"].iloc[0].endswith("load it with columns={'khabar': 'text'}")
    assert load_corpus(tmp_path, columns={"khabar": "text"})["text"].tolist() == [ARTICLES[0]["text"],
                                                                                 ARTICLES[1]["text"]]
