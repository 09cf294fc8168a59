"""load_corpus on real Arabic news: the seed article, the ANT sample and archive, and every input format."""

from __future__ import annotations

import email.utils
import gzip
import io
import json
import re
import tarfile
import zipfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis.corpus.encoding import BinaryFileError, decode_bytes
from analysis.corpus.loader import ARTICLE_COLUMNS, REPORT_COLUMNS, load_corpus
from analysis.corpus.readers import read_text_article, read_trec
from analysis.errors import CorpusFormatError, CorpusNotFoundError, EmptyCorpusError
from analysis.text.tokens import count_words

SEED_TITLE = "المعارضة السورية المسلحة تأسر عناصر داعش فى إدلب"
SEED_SECTION = "عربي ودولي"
SEED_ID = "000_a81fb8a759cd5fd1"


def report_of(articles: pd.DataFrame) -> pd.DataFrame:
    return articles.attrs["load_report"]


def raw_field(raw: str, tag: str) -> str:
    """A TREC field read independently of the loader."""
    return re.search(rf"<{tag}>(.*?)</{tag}>", raw, re.S).group(1)


def strip_blank_lines(text: str) -> str:
    """Leading and trailing whitespace-only lines removed (NBSP-only lines occur in ANT)."""
    return re.sub(r"\A(?:[^\S\n]*\n)+|(?:\n[^\S\n]*)+\Z", "", text)


def sample_records(sample_dir: Path, n: int = 6) -> list[dict]:
    """The first ``n`` sample articles as plain dicts, parsed here with regular expressions."""
    records = []
    for path in sorted(sample_dir.glob("*.txt"))[:n]:
        raw = path.read_text(encoding="utf-8")
        records.append(
            {
                "id": raw_field(raw, "DOCNO").strip(),
                "headline": raw_field(raw, "TITLE").strip(),
                "content": strip_blank_lines(raw_field(raw, "TEXT")),
                "source": raw_field(raw, "SRC").strip(),
                "date": raw_field(raw, "TIME").strip(),
                "tags": raw_field(raw, "CAT").strip(),
            }
        )
    return records


MAPPING = {"id": "article_id", "headline": "title", "content": "text", "source": "outlet", "date": "published"}


def check_mapped(articles: pd.DataFrame, records: list[dict]) -> None:
    assert articles["article_id"].tolist() == [r["id"] for r in records]
    assert articles["title"].tolist() == [r["headline"] for r in records]
    assert articles["text"].tolist() == [r["content"] for r in records]
    assert articles["outlet"].tolist() == [r["source"] for r in records]
    expected = [pd.Timestamp(email.utils.parsedate_to_datetime(r["date"])).tz_convert("UTC") for r in records]
    assert articles["published"].tolist() == expected
    # An unmapped field is kept after the fixed columns, under its own name.
    assert list(articles.columns) == [*ARTICLE_COLUMNS, "tags"]
    assert articles["tags"].tolist() == [r["tags"] for r in records]


# --------------------------------------------------------------------------- the seed


def test_seed_article(seed_path: Path) -> None:
    articles = load_corpus(seed_path)
    assert list(articles.columns) == list(ARTICLE_COLUMNS)
    assert len(articles) == 1
    row = articles.iloc[0]
    assert row["article_id"] == SEED_ID
    assert row["title"] == SEED_TITLE
    assert row["section"] == SEED_SECTION
    assert row["text"].startswith("أسرت قوات المعارضة")
    assert row["text"].endswith("جنوب شرقي إدلب.")
    assert SEED_TITLE not in row["text"] and SEED_SECTION not in row["text"]
    assert row["encoding"] == "utf-8" and row["format"] == "text"
    assert row["n_chars"] == len(row["text"])
    assert row["n_words"] == count_words([row["text"]])[0]
    # Missing metadata is NA, never an empty string.
    assert articles[["outlet", "url", "author", "abstract"]].isna().all(axis=None)
    assert pd.isna(row["published"])
    # The body is exactly the file's body: paragraphs, single newlines and the NBSP kept.
    raw = seed_path.read_text(encoding="utf-8")
    assert raw.endswith(row["text"]) and "\n\n" in row["text"] and "ذلك\u00a0 خلال" in row["text"]


def test_columns_and_dtypes(seed_path: Path) -> None:
    articles = load_corpus(seed_path)
    for name in ("article_id", "title", "text", "outlet", "section", "url", "author", "abstract", "path"):
        assert articles[name].dtype == "str", name
    assert isinstance(articles["text"].array._pa_array, pa.ChunkedArray)  # Arrow-backed, read zero-copy
    assert str(articles["published"].dtype) == "datetime64[ns, UTC]"
    assert articles["n_chars"].dtype == "int64" and articles["n_words"].dtype == "int64"
    report = report_of(articles)
    assert list(report.columns) == list(REPORT_COLUMNS)
    assert report.loc[0, "status"] == "loaded" and report.loc[0, "n_articles"] == 1


@pytest.mark.parametrize(
    ("label", "encode", "expected"),
    [
        ("cp1256", lambda s: s.encode("cp1256"), "cp1256"),
        ("iso8859-6", lambda s: s.encode("iso8859-6"), "iso8859-6"),
        ("utf-8 with BOM", lambda s: s.encode("utf-8-sig"), "utf-8-sig"),
        ("utf-16 with BOM", lambda s: s.encode("utf-16"), "utf-16"),
        ("utf-16-le without BOM", lambda s: s.encode("utf-16-le"), "utf-16-le"),
        ("utf-16-be with BOM", lambda s: b"\xfe\xff" + s.encode("utf-16-be"), "utf-16"),
        ("utf-32 with BOM", lambda s: s.encode("utf-32"), "utf-32"),
        ("CRLF", lambda s: s.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        ("lone CR", lambda s: s.replace("\n", "\r").encode("utf-8"), "utf-8"),
        ("cp1256 + CRLF", lambda s: s.replace("\n", "\r\n").encode("cp1256"), "cp1256"),
    ],
)
def test_seed_in_other_encodings(seed_path: Path, tmp_path: Path, label: str, encode, expected: str) -> None:
    original = load_corpus(seed_path).iloc[0]
    copy = tmp_path / seed_path.name
    copy.write_bytes(encode(seed_path.read_text(encoding="utf-8")))
    row = load_corpus(copy).iloc[0]
    assert (row["title"], row["section"], row["text"]) == (original["title"], original["section"], original["text"])
    assert row["article_id"] == SEED_ID
    assert row["encoding"] == expected, label


def test_decode_bytes_rejects_binary() -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    with pytest.raises(BinaryFileError):
        decode_bytes(png)
    assert decode_bytes("عربي ودولي".encode("cp1256"), encoding="cp1256") == ("عربي ودولي", "cp1256")


def test_plain_text_layouts() -> None:
    no_section = read_text_article("عنوان الخبر\n\nقال المتحدث إن العملية مستمرة.\n\nوأضاف أن الوضع هادئ.\n")
    assert no_section == {
        "title": "عنوان الخبر",
        "section": None,
        "text": "قال المتحدث إن العملية مستمرة.\n\nوأضاف أن الوضع هادئ.",
    }
    # A short first paragraph with punctuation is body, not a section.
    dateline = read_text_article("عنوان\n\nالقاهرة: قال\n\nنص الخبر")
    assert dateline["section"] is None and dateline["text"] == "القاهرة: قال\n\nنص الخبر"
    # One line only: it is the text, not a title.
    assert read_text_article("\n\nقال المتحدث إن العملية مستمرة.\n") == {
        "title": None,
        "section": None,
        "text": "قال المتحدث إن العملية مستمرة.",
    }


# --------------------------------------------------------------------------- the real corpus


def test_sample_folder(sample_dir: Path) -> None:
    files = sorted(sample_dir.glob("*.txt"))
    articles = load_corpus(sample_dir)
    report = report_of(articles)
    assert len(articles) == len(files) == 209
    assert len(report) == 209 and (report["status"] == "loaded").all()
    assert report["n_articles"].sum() == 209 and report["reason"].isna().all()
    assert articles["article_id"].is_unique
    assert (articles["format"] == "trec").all() and (articles["encoding"] == "utf-8").all()
    assert str(articles["published"].dtype) == "datetime64[ns, UTC]" and articles["published"].notna().all()

    raws = {path.stem: path.read_text(encoding="utf-8") for path in files}
    by_id = articles.set_index("article_id")
    assert set(by_id.index) == {raw_field(raw, "DOCNO") for raw in raws.values()}
    assert sorted(articles["outlet"].unique()) == sorted({raw_field(raw, "SRC") for raw in raws.values()})
    for docno, raw in raws.items():
        row = by_id.loc[docno]
        assert row["outlet"] == raw_field(raw, "SRC")
        assert row["section"] == raw_field(raw, "CAT")
        assert row["url"] == raw_field(raw, "URL")
        assert row["title"] == raw_field(raw, "TITLE").strip()
        assert row["text"] == strip_blank_lines(raw_field(raw, "TEXT"))
        expected = email.utils.parsedate_to_datetime(raw_field(raw, "TIME"))
        assert row["published"] == pd.Timestamp(expected)
        author = raw_field(raw, "AUTHOR").strip()
        assert row["author"] == author if author else pd.isna(row["author"])
    # Anadolu is cited in 84 sample files (README), once only in the byline.
    fields = articles[["title", "text", "author", "abstract"]]
    cites = fields.apply(lambda column: column.str.contains("الأناضول").fillna(False)).any(axis=1)
    assert cites.sum() == sum("الأناضول" in raw for raw in raws.values()) == 84


def test_sample_text_matches_count_words(sample_dir: Path) -> None:
    articles = load_corpus(sample_dir)
    assert articles["n_words"].tolist() == count_words(articles["text"].tolist()).tolist()
    assert articles["n_chars"].tolist() == [len(t) for t in articles["text"]]


def test_full_ant_archive(ant_archive: Path, ant_articles: pd.DataFrame) -> None:
    articles = ant_articles
    report = report_of(articles)
    assert len(articles) == 31_525
    assert len(report) == 31_525 and (report["status"] == "loaded").all()
    assert articles["article_id"].is_unique
    assert articles["outlet"].nunique() == 5
    assert set(articles["outlet"]) == {"alarabia", "BBC", "CNN", "france24", "skynews"}
    assert report["path"].str.startswith(f"{ant_archive}::antcorpus-multisource-v2.1/").all()
    assert articles["published"].notna().all()
    # Two DOCs have an empty <TEXT>: they stay articles and the report says so.
    assert (articles["text"] == "").sum() == 2
    assert report["reason"].dropna().tolist() == ["1 <DOC> with empty <TEXT> kept"] * 2


def test_loaded_frames_concatenate_and_keep_their_report(seed_path: Path, sample_dir: Path) -> None:
    seed, sample = load_corpus(seed_path), load_corpus(sample_dir)
    both = pd.concat([seed, sample], ignore_index=True)
    assert len(both) == 210 and both["article_id"].is_unique
    # Two different loads: pandas drops attrs it cannot share; slices of one load keep it.
    assert "load_report" not in both.attrs
    cnn = sample["outlet"] == "CNN"
    again = pd.concat([sample[cnn], sample[~cnn]])
    assert report_of(again) is report_of(sample) and len(report_of(again)) == 209
    skipped = report_of(sample)[report_of(sample)["status"] == "skipped"]
    assert type(skipped) is pd.DataFrame and skipped.empty


# --------------------------------------------------------------------------- record formats


def test_json_array(sample_dir: Path, tmp_path: Path) -> None:
    records = sample_records(sample_dir)
    path = tmp_path / "news.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    articles = load_corpus(path, columns=MAPPING)
    check_mapped(articles, records)
    assert (articles["format"] == "json").all()


def test_jsonl_without_ids(sample_dir: Path, tmp_path: Path) -> None:
    records = sample_records(sample_dir)
    path = tmp_path / "news.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    check_mapped(load_corpus(path, columns=MAPPING), records)
    mapping = {k: v for k, v in MAPPING.items() if k != "id"}
    articles = load_corpus(path, columns=mapping)
    assert articles["article_id"].tolist() == [f"news#{i}" for i in range(1, len(records) + 1)]
    assert articles["id"].tolist() == [r["id"] for r in records]


def test_csv_and_tsv(sample_dir: Path, tmp_path: Path) -> None:
    records = sample_records(sample_dir)
    frame = pd.DataFrame(records)
    frame.to_csv(tmp_path / "news.csv", index=False)
    check_mapped(load_corpus(tmp_path / "news.csv", columns=MAPPING), records)
    frame.to_csv(tmp_path / "news.tsv", index=False, sep="\t")
    check_mapped(load_corpus(tmp_path / "news.tsv", columns=MAPPING), records)
    (tmp_path / "news.csv").write_bytes(frame.to_csv(index=False).encode("cp1256", errors="replace"))
    assert load_corpus(tmp_path / "news.csv", columns=MAPPING)["encoding"].eq("cp1256").all()


def test_parquet(sample_dir: Path, tmp_path: Path) -> None:
    records = sample_records(sample_dir)
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "news.parquet")
    articles = load_corpus(tmp_path / "news.parquet", columns=MAPPING)
    check_mapped(articles, records)
    assert (articles["format"] == "parquet").all()


def test_fields_named_like_ours_need_no_mapping(tmp_path: Path) -> None:
    rows = [
        {"article_id": "k1", "title": "عنوان", "text": "قال المتحدث", "outlet": "الجزيرة", "published": "2018-07-15"},
        {"article_id": "k2", "title": "", "text": "نص ثان", "outlet": None, "published": "ليس تاريخا"},
    ]
    (tmp_path / "a.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    articles = load_corpus(tmp_path / "a.json")
    assert articles["article_id"].tolist() == ["k1", "k2"]
    assert articles["published"].iloc[0] == pd.Timestamp("2018-07-15", tz="UTC")
    assert pd.isna(articles["published"].iloc[1]) and pd.isna(articles["title"].iloc[1])
    assert pd.isna(articles["outlet"].iloc[1])
    assert "unparseable published" in report_of(articles)["reason"].iloc[0]


# --------------------------------------------------------------------------- archives and mixed folders


def make_members(seed_path: Path, sample_dir: Path) -> dict[str, bytes]:
    trec = sorted(sample_dir.glob("*.txt"))[0]
    records = sample_records(sample_dir, 3)
    return {
        "news/seed.txt": seed_path.read_bytes(),
        "news/ant/" + trec.name: trec.read_bytes(),
        "news/records.jsonl": "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode("utf-8"),
    }


def write_zip(path: Path | io.BytesIO, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("news/", b"")  # a directory entry: not a file
        for name, data in members.items():
            zf.writestr(name, data)


def write_tar(path: Path, members: dict[str, bytes], mode: str) -> None:
    with tarfile.open(path, mode) as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("news/link.txt")
        link.type = tarfile.SYMTYPE
        link.linkname = "seed.txt"
        tf.addfile(link)


@pytest.mark.parametrize("kind", ["zip", "tar", "tar.gz", "tgz"])
def test_archives(seed_path: Path, sample_dir: Path, tmp_path: Path, kind: str) -> None:
    members = make_members(seed_path, sample_dir)
    archive = tmp_path / f"bundle.{kind}"
    if kind == "zip":
        write_zip(archive, members)
    else:
        write_tar(archive, members, "w:gz" if "gz" in kind else "w")
    articles = load_corpus(archive, columns=MAPPING)
    report = report_of(articles)
    links = report["reason"].str.startswith("symbolic link member (→ seed.txt)").fillna(False)
    assert report.loc[links, "path"].tolist() == ([] if kind == "zip" else [f"{archive}::news/link.txt"])
    report = report[~links]
    assert sorted(report["path"]) == sorted(f"{archive}::{name}" for name in members)
    assert (report["status"] == "loaded").all()
    seed = articles[articles["format"] == "text"].iloc[0]
    assert seed["article_id"] == "news/seed" and seed["title"] == SEED_TITLE
    assert seed["path"] == f"{archive}::news/seed.txt"
    trec = articles[articles["format"] == "trec"].iloc[0]
    assert trec["article_id"] == Path(sorted(m for m in members if "/ant/" in m)[0]).stem  # the DOCNO
    assert len(articles) == 1 + 1 + 3
    assert [p.name for p in tmp_path.iterdir()] == [archive.name]  # nothing extracted to disk


def test_nested_archive_and_compressed_file(seed_path: Path, tmp_path: Path) -> None:
    inner = io.BytesIO()
    write_zip(inner, {"a/seed.txt": seed_path.read_bytes()})
    lines = '{"content": "خبر مضغوط"}\n{"content": "خبر ثان"}\n'.encode()
    members = {"x/inner.zip": inner.getvalue(), "x/news.jsonl.gz": gzip.compress(lines)}
    write_tar(tmp_path / "outer.tar.gz", members, "w:gz")
    articles = load_corpus(tmp_path / "outer.tar.gz", columns={"content": "text"}, progress=True)
    assert articles["path"].tolist() == [
        f"{tmp_path}/outer.tar.gz::x/inner.zip::a/seed.txt",
        f"{tmp_path}/outer.tar.gz::x/news.jsonl.gz",
        f"{tmp_path}/outer.tar.gz::x/news.jsonl.gz",
    ]
    assert articles["article_id"].tolist() == ["a/seed", "x/news#1", "x/news#2"]
    assert articles["text"].iloc[1:].tolist() == ["خبر مضغوط", "خبر ثان"]


def test_json_lines_saved_as_json(tmp_path: Path) -> None:
    (tmp_path / "lines.json").write_text('{"text": "خبر أول"}\n{"text": "خبر ثان"}\n', encoding="utf-8")
    articles = load_corpus(tmp_path / "lines.json")
    assert articles["text"].tolist() == ["خبر أول", "خبر ثان"] and (articles["format"] == "jsonl").all()


def test_mixed_folder(seed_path: Path, sample_dir: Path, tmp_path: Path) -> None:
    records = sample_records(sample_dir, 4)
    root = tmp_path / "corpus"
    (root / "text").mkdir(parents=True)
    (root / "text" / "seed.txt").write_bytes(seed_path.read_bytes())
    (root / "text" / "seed_cp1256.txt").write_bytes(seed_path.read_text(encoding="utf-8").encode("cp1256"))
    (root / "ant").mkdir()
    for trec in sorted(sample_dir.glob("*.txt"))[10:13]:
        (root / "ant" / trec.name).write_bytes(trec.read_bytes())
    (root / "records.json").write_text(json.dumps(records[:2], ensure_ascii=False), encoding="utf-8")
    pd.DataFrame(records[2:]).to_csv(root / "records.csv", index=False)
    write_zip(root / "more.zip", {"inner/seed.txt": seed_path.read_bytes()})
    mapping = {k: v for k, v in MAPPING.items() if k != "id"}
    articles = load_corpus(root, columns=mapping)
    report = report_of(articles)
    assert (report["status"] == "loaded").all() and len(report) == 2 + 3 + 2 + 1
    assert len(articles) == 2 + 3 + 2 + 2 + 1
    assert set(articles["format"]) == {"text", "trec", "json", "csv"}
    assert articles["article_id"].is_unique
    assert "records#1" in set(articles["article_id"]) and "text/seed_cp1256" in set(articles["article_id"])
    # Files come in sorted relative-path order.
    assert report["path"].tolist() == sorted(report["path"], key=lambda p: p.replace(f"{root}/", ""))
    seeds = articles[articles["title"] == SEED_TITLE]
    assert len(seeds) == 3 and seeds["text"].nunique() == 1
    assert sorted(seeds["encoding"]) == ["cp1256", "utf-8", "utf-8"]


# --------------------------------------------------------------------------- malformed inputs


def test_malformed_files_are_reported(seed_path: Path, sample_dir: Path, tmp_path: Path) -> None:
    root = tmp_path / "mixed"
    root.mkdir()
    good_trec = sorted(sample_dir.glob("*.txt"))[0]
    raw = good_trec.read_text(encoding="utf-8")
    (root / "good.txt").write_bytes(seed_path.read_bytes())
    (root / good_trec.name).write_text(raw, encoding="utf-8")
    (root / "truncated.txt").write_text(raw[: raw.index("</TEXT>") - 20], encoding="utf-8")
    (root / "lines.jsonl").write_text(
        '{"text": "قال المتحدث إن العملية مستمرة"}\n{"text": "نص مقطوع\n{"text": ""}\n{"text": "نص ثالث"}\n',
        encoding="utf-8",
    )
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (root / "empty.txt").write_bytes(b"")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    # "body" would be read as the text (a common name): a name the loader cannot know.
    (root / "notext.json").write_text(json.dumps([{"headline": "عنوان", "matn": "نص"}]), encoding="utf-8")
    (root / "broken.zip").write_bytes(b"PK\x03\x04 this is not really a zip")

    articles = load_corpus(root)
    report = report_of(articles).set_index(report_of(articles)["path"].str.replace(f"{root}/", ""))
    assert len(report) == 10
    reason = report["reason"]
    assert report.loc["truncated.txt", "status"] == "skipped"
    line = raw[: raw.index("<TEXT>")].count("\n") + 1
    assert reason["truncated.txt"] == f"truncated <DOC>: no </TEXT> (in <DOC> {good_trec.stem}, line {line})"
    assert report.loc["lines.jsonl", "status"] == "loaded"
    assert report.loc["lines.jsonl", "n_articles"] == 2 and report.loc["lines.jsonl", "n_records_skipped"] == 2
    assert "line 2" in reason["lines.jsonl"] and "empty or missing text" in reason["lines.jsonl"]
    assert reason["binary.txt"] == "binary file (a PNG image), not text"
    assert reason["empty.txt"] == "empty file"
    assert reason["image.png"] == "unsupported file type: .png"
    assert reason[".DS_Store"] == "unsupported file type: .DS_Store"
    assert "no text field" in reason["notext.json"] and "headline" in reason["notext.json"]
    assert "matn" in reason["notext.json"]
    assert report.loc["broken.zip", "status"] == "skipped" and "BadZipFile" in reason["broken.zip"]
    loaded = report.index[report["status"] == "loaded"]
    assert sorted(loaded) == sorted(["good.txt", good_trec.name, "lines.jsonl"])
    assert sorted(articles["article_id"]) == sorted(["good", good_trec.stem, "lines#1", "lines#4"])
    assert articles.loc[articles["article_id"] == "good", "title"].item() == SEED_TITLE


def test_corrupt_tar_gz_keeps_what_was_read(sample_dir: Path, tmp_path: Path) -> None:
    members = {f"n/{path.name}": path.read_bytes() for path in sorted(sample_dir.glob("*.txt"))[:30]}
    good = tmp_path / "good.tar.gz"
    write_tar(good, members, "w:gz")
    data = good.read_bytes()
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(data[: len(data) // 2])
    articles = load_corpus(cut)
    report = report_of(articles)
    last = report.iloc[-1]
    assert last["path"] == str(cut) and last["status"] == "skipped"
    assert last["reason"].startswith("cannot read tar archive")
    assert 0 < len(articles) < 30 and (report["status"].iloc[:-1] == "loaded").all()


def test_trec_details(tmp_path: Path) -> None:
    two_docs = (
        "<DOC>\n<DOCNO>X-1</DOCNO>\n<TITLE>أخبار &amp; تقارير</TITLE>\n<TIME>Sun, 15 Jul 2018 21:56:56 +0400</TIME>\n"
        "<AUTHOR></AUTHOR>\n<LANG>ar</LANG>\n<TEXT>\nDolce&Gabbana في &quot;ميلانو&quot;\n</TEXT>\n</DOC>\n"
        "<DOC>\n<TIME>Thu, 99 Foo 2018</TIME>\n<TEXT>\nنص بلا رقم\n</TEXT>\n</DOC>\n"
    )
    (tmp_path / "two.txt").write_text(two_docs, encoding="utf-8")
    articles = load_corpus(tmp_path / "two.txt")
    assert articles["article_id"].tolist() == ["X-1", "two#2"]
    assert articles["title"].iloc[0] == "أخبار & تقارير"
    assert articles["text"].tolist() == ['Dolce&Gabbana في "ميلانو"', "نص بلا رقم"]
    assert articles["published"].iloc[0] == pd.Timestamp("2018-07-15 17:56:56", tz="UTC")
    assert pd.isna(articles["published"].iloc[1]) and pd.isna(articles["author"].iloc[0])
    assert articles["lang"].iloc[0] == "ar" and pd.isna(articles["lang"].iloc[1])
    assert "unparseable published" in report_of(articles)["reason"].iloc[0]
    assert read_trec("<DOC><TEXT>\n\n</TEXT></DOC>").records == [{"text": ""}]


def test_duplicate_ids_are_renamed_not_dropped(sample_dir: Path, tmp_path: Path) -> None:
    trec = sorted(sample_dir.glob("*.txt"))[0]
    for folder in ("a", "b", "c"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / trec.name).write_bytes(trec.read_bytes())
    articles = load_corpus(tmp_path)
    assert articles["article_id"].tolist() == [trec.stem, f"{trec.stem}~2", f"{trec.stem}~3"]
    reasons = report_of(articles)["reason"].tolist()
    assert pd.isna(reasons[0])
    assert reasons[1] == f"duplicate article_id {trec.stem!r} renamed to {trec.stem + '~2'!r}"
    assert reasons[2] == f"duplicate article_id {trec.stem!r} renamed to {trec.stem + '~3'!r}"


def test_stable_ids(sample_dir: Path, seed_path: Path, tmp_path: Path) -> None:
    write_zip(tmp_path / "a.zip", make_members(seed_path, sample_dir))
    (tmp_path / "b.json").write_text(json.dumps(sample_records(sample_dir, 3), ensure_ascii=False), encoding="utf-8")
    first = load_corpus(tmp_path, columns={"content": "text"})["article_id"].tolist()
    second = load_corpus(tmp_path, columns={"content": "text"})["article_id"].tolist()
    assert first == second and len(first) == len(set(first)) == 8


def test_forced_format_and_encoding(seed_path: Path, sample_dir: Path, tmp_path: Path) -> None:
    trec = sorted(sample_dir.glob("*.txt"))[0]
    as_text = load_corpus(trec, format="text")
    assert as_text["format"].item() == "text" and as_text["text"].item().startswith("<DOCNO>")
    (tmp_path / "seed.dat").write_bytes(seed_path.read_text(encoding="utf-8").encode("cp1256"))
    forced = load_corpus(tmp_path / "seed.dat", format="text", encoding="windows-1256")
    assert forced["title"].item() == SEED_TITLE and forced["encoding"].item() == "cp1256"
    (tmp_path / "seed.txt").write_bytes((tmp_path / "seed.dat").read_bytes())
    with pytest.raises(EmptyCorpusError) as info:
        load_corpus(tmp_path / "seed.txt", encoding="utf-8")
    assert "cannot decode as utf-8" in info.value.report["reason"].item()


# --------------------------------------------------------------------------- errors and progress


def test_missing_path() -> None:
    with pytest.raises(CorpusNotFoundError, match="no/such/corpus"):
        load_corpus("no/such/corpus")


def test_only_bad_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "x.png").write_bytes(b"\x89PNG")
    with pytest.raises(EmptyCorpusError) as info:
        load_corpus(tmp_path)
    message = str(info.value)
    assert str(tmp_path) in message and "empty file" in message and "unsupported file type: .png" in message
    assert info.value.report["status"].tolist() == ["skipped", "skipped"]
    with pytest.raises(EmptyCorpusError):
        load_corpus(tmp_path / "empty.txt")


@pytest.mark.parametrize(
    "options",
    [
        {"format": "xml"},
        {"columns": ["content"]},
        {"columns": {"content": "body"}},
        {"columns": {"content": "text", "body": "text"}},
        {"encoding": "no-such-codec"},
        {"progress": "yes"},
    ],
)
def test_bad_options(seed_path: Path, options: dict) -> None:
    with pytest.raises(CorpusFormatError):
        load_corpus(seed_path, **options)


def test_progress_bar(sample_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    load_corpus(sample_dir)
    assert capsys.readouterr().err == ""  # 209 files: below the threshold
    load_corpus(sample_dir, progress=True)
    assert "209" in capsys.readouterr().err
