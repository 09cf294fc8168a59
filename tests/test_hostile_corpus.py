"""load_corpus on a hostile corpus, built here from the seed and the ANT sample.

Every encoding and line end, files cut short, binary files named .txt, empty files of
every extension, malformed TREC/JSON/CSV, HTML pages, a folder 60 levels deep, symbolic
link loops and links out of the corpus, a FIFO, odd file names, a 200 MB file, and
archives built to hurt: absolute and ``..`` member names, link and device members,
bombs (2 GB of zeros in a few MB, headers that lie), deep nesting and corrupt archives.

What must hold: every input has exactly one report row (one per archive member) whose
reason says what went wrong; good files around bad ones load exactly as their clean
copies do; nothing is written outside the test folders; nothing crashes or hangs.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import html
import io
import json
import lzma
import os
import random
import re
import stat
import struct
import subprocess
import sys
import tarfile
import uuid
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis.corpus.loader import DEFAULT_MAX_RATIO, REPORT_COLUMNS, load_corpus
from analysis.errors import AnalysisError, CorpusFormatError, CorpusNotFoundError, EmptyCorpusError

REPO_ROOT = Path(__file__).resolve().parents[1]
MiB = 2**20
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
N_SAMPLE = 30


def report_of(articles: pd.DataFrame) -> pd.DataFrame:
    return articles.attrs["load_report"]


def shown(path: str | Path) -> str:
    """How the report shows a path: bytes of a name that are not UTF-8 as \\xNN (an independent oracle)."""
    return os.fsencode(os.fspath(path)).decode("utf-8", "backslashreplace")


def raw_field(raw: str, tag: str) -> str:
    return re.search(rf"<{tag}>(.*?)</{tag}>", raw, re.S).group(1)


# --------------------------------------------------------------------------- the hostile folder

#: encodings of the seed and sample articles: name -> (encoder, the encoding the loader must report)
ENCODINGS = {
    "utf-8": (lambda s: s.encode("utf-8"), "utf-8"),
    "utf-8-bom": (lambda s: s.encode("utf-8-sig"), "utf-8-sig"),
    "utf-16-le-bom": (lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"), "utf-16"),
    "utf-16-be-bom": (lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"), "utf-16"),
    "utf-16-le": (lambda s: s.encode("utf-16-le"), "utf-16-le"),
    "utf-16-be": (lambda s: s.encode("utf-16-be"), "utf-16-be"),
    "cp1256": (lambda s: s.encode("cp1256", "replace"), "cp1256"),
    "iso8859-6": (lambda s: s.encode("iso8859-6", "replace"), "iso8859-6"),
}
#: (folder, encoding, line end) of every re-encoded copy
VARIANTS = [(name, name, "\n") for name in ENCODINGS] + [
    ("utf-8-crlf", "utf-8", "\r\n"),
    ("utf-8-cr", "utf-8", "\r"),
    ("cp1256-crlf", "cp1256", "\r\n"),
    ("utf-16-le-bom-cr", "utf-16-le-bom", "\r"),
]


@dataclass
class Case:
    """One crafted input: the status the loader must give it and a pattern its reason must match."""

    status: str
    reason: str | None = None  # regular expression searched in the reason; None: no reason at all
    damage: str = ""


@dataclass
class Hostile:
    root: Path
    refs: Path  # clean UTF-8, LF copies of every re-encoded file, same relative paths
    outside: Path
    cases: dict[str, Case] = field(default_factory=dict)  # relative path (as the report shows it) -> case
    reference_of: dict[str, str] = field(default_factory=dict)  # damaged file -> the clean file it must equal
    expected_encoding: dict[str, str] = field(default_factory=dict)
    html_pages: dict[str, dict] = field(default_factory=dict)


def representable(text: str, encoding: str) -> str:
    """What survives encoding: characters the code page lacks become '?', as the encoder wrote them."""
    if encoding in ("cp1256", "iso8859-6"):
        return text.encode(encoding, "replace").decode(encoding)
    return text


def html_page(raw: str) -> tuple[str, dict]:
    """A full news page around a sample article, and what the loader must read from it."""
    title = raw_field(raw, "TITLE").strip()
    paragraphs = [line.strip(" \t") for line in raw_field(raw, "TEXT").split("\n") if line.strip()]
    outlet = raw_field(raw, "SRC").strip()
    url = raw_field(raw, "URL").strip()
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    page = f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>{html.escape(title)} | {outlet}</title>
<meta property="og:site_name" content="{outlet}">
<meta property="article:published_time" content="2018-06-03T16:12:41Z">
<link rel="canonical" href="{html.escape(url)}">
<script>window.dataLayer = [{{"page": "<p>ليس من الخبر</p>"}}]; if (a < b && c > d) {{ track(); }}</script>
<style>p {{ color: #333; }} .ad::before {{ content: "<p>"; }}</style>
</head>
<body>
<header><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/sport">رياضة</a></li></ul></nav></header>
<aside><p>الأكثر قراءة: خبر آخر لا علاقة له بالمقال</p></aside>
<main>
<article>
<header><h1>{html.escape(title)}</h1><p class="byline">القاهرة - مراسلنا</p></header>
{body}
</article>
</main>
<footer><p>جميع الحقوق محفوظة © 2018</p><form><button>اشترك</button></form></footer>
<script src="/app.js"></script>
</body>
</html>
"""
    expected = {
        "title": title,
        "text": "\n\n".join(re.sub(r"[ \t\n\r\f]+", " ", p).strip(" ") for p in paragraphs),
        "outlet": outlet,
        "url": url,
        "published": pd.Timestamp("2018-06-03T16:12:41Z"),
    }
    return page, expected


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def tar_bytes(members: dict[str, bytes], mode: str = "w:gz") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def build_hostile(base: Path, seed_path: Path, sample_dir: Path) -> Hostile:
    root, refs, outside = base / "corpus", base / "refs", base / "outside"
    for folder in (root, refs, outside):
        folder.mkdir()
    h = Hostile(root, refs, outside)
    seed_text = seed_path.read_text(encoding="utf-8")
    samples = sorted(sample_dir.glob("*.txt"))[:N_SAMPLE]
    sources = {"seed.txt": seed_text} | {p.name: p.read_text(encoding="utf-8") for p in samples}

    def put(rel: str, data: bytes | str, case: Case) -> Path:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        h.cases[rel] = case
        return path

    def reference(rel: str, text: str) -> None:
        path = refs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    # Every encoding and line end: the good files the damage sits among.
    for folder, encoding, newline in VARIANTS:
        encode, reported = ENCODINGS[encoding]
        for name, text in sources.items():
            rel = f"encodings/{folder}/{name}"
            put(rel, encode(text.replace("\n", newline)), Case("loaded", None, f"encoding {folder}"))
            reference(rel, representable(text, encoding))
            h.reference_of[rel] = rel
            h.expected_encoding[rel] = reported

    seed_bytes = seed_text.encode("utf-8")
    trec_raw = sources[samples[0].name]
    trec_bytes = trec_raw.encode("utf-8")

    # Cut short: inside a UTF-8 character, inside a UTF-16 code unit, inside <DOC>, JSON, JSON Lines, CSV.
    cut = len(seed_bytes) - 40
    while (seed_bytes[cut] & 0xC0) != 0xC0:  # the lead byte of a multibyte character
        cut -= 1
    put("truncated/cut_in_utf8_char.txt", seed_bytes[: cut + 1], Case("loaded", "ends inside a character", "cut"))
    reference("truncated/cut_in_utf8_char.txt", seed_bytes[:cut].decode("utf-8"))
    h.reference_of["truncated/cut_in_utf8_char.txt"] = "truncated/cut_in_utf8_char.txt"
    utf16 = seed_text.encode("utf-16")
    put("truncated/cut_in_utf16_unit.txt", utf16[: len(utf16) - 41], Case("loaded", "ends inside a character", "cut"))
    reference("truncated/cut_in_utf16_unit.txt", utf16[: len(utf16) - 42].decode("utf-16"))
    h.reference_of["truncated/cut_in_utf16_unit.txt"] = "truncated/cut_in_utf16_unit.txt"
    text_at = trec_raw.index("<TEXT>")
    line = trec_raw[:text_at].count("\n") + 1
    put(
        "truncated/cut_in_text.txt",
        trec_bytes[: trec_bytes.index(b"</TEXT>") - 30],
        Case("skipped", rf"^truncated <DOC>: no </TEXT> \(in <DOC> {samples[0].stem}, line {line}\)$", "cut <DOC>"),
    )
    three = "".join(sources[p.name] for p in samples[1:4])
    put(
        "truncated/three_docs_last_cut.trec",
        three[: three.rindex("<TEXT>") + 50],
        Case("loaded", r"1 record\(s\) skipped: truncated <DOC>: no </TEXT> \(in <DOC> .*, line \d+\)", "cut <DOC>"),
    )
    records = [{"text": raw_field(sources[p.name], "TEXT").strip(), "title": raw_field(sources[p.name], "TITLE")}
               for p in samples[:5]]
    whole = json.dumps(records, ensure_ascii=False, indent=1)
    put("truncated/cut.json", whole[: len(whole) // 2],
        Case("skipped", r"^invalid JSON at line \d+, column \d+", "cut"))
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in records)
    put("truncated/cut.jsonl", lines[: lines.rindex("\n") + 40],
        Case("loaded", r"1 record\(s\) skipped: line 5: invalid JSON", "cut"))
    table = pd.DataFrame([{k: v.replace('"', "") for k, v in r.items()} for r in records]).to_csv(index=False)
    put("truncated/cut_in_quoted_cell.csv", table[: table.rindex('",') - 50],
        Case("loaded", r"row 5 \(line \d+\): a quote opened on this line is never closed", "cut"))

    # Binary files named .txt.
    rng = random.Random(20260101)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(4000)
    put("binary/image.txt", png, Case("skipped", r"^binary file \(a PNG image\), not text$", "binary"))
    put("binary/random.txt", rng.randbytes(8000), Case("skipped", r"^binary file", "binary"))
    put("binary/gzip_stream.txt", gzip.compress(seed_bytes),
        Case("skipped", r"^binary file \(gzip-compressed data: name it \.gz", "binary"))
    put("binary/zeros.txt", bytes(5000), Case("skipped", r"^binary file \(only NUL bytes", "binary"))
    put("binary/zip_named.txt", zip_bytes({"a.txt": seed_bytes}),
        Case("skipped", r"^binary file \(a zip archive .*name it \.zip", "binary"))

    # Zero-byte files of every extension, and whitespace only.
    for ext in (".txt", ".trec", ".json", ".jsonl", ".csv", ".tsv", ".parquet", ".html", ".xml",
                ".gz", ".bz2", ".xz", ".zip", ".tar", ".tar.gz", ".tgz", ""):
        put(f"empty/empty{ext or '_no_extension'}", b"", Case("skipped", r"^empty file$", "zero bytes"))
    put("empty/blank.txt", " \n\t\n \u00a0\n", Case("skipped", r"^blank file", "whitespace only"))

    # HTML pages: a full news page, the same saved as .txt, JSON-LD only, and a page with no article.
    for rel, raw in (("html/page.html", sources[samples[4].name]), ("html/saved_page.txt", sources[samples[5].name])):
        page, expected = html_page(raw)
        put(rel, page, Case("loaded", None, "HTML page"))
        h.html_pages[rel] = expected
    body = raw_field(sources[samples[6].name], "TEXT").strip()
    ld = {"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, {
        "@type": "NewsArticle", "headline": "عنوان من JSON-LD", "articleBody": body,
        "datePublished": "2018-07-15T10:00:00Z", "author": [{"@type": "Person", "name": "أحمد"}],
        "publisher": {"@type": "Organization", "name": "سكاي نيوز عربية"}}]}
    put("html/jsonld_only.htm",
        f'<!doctype html><html><head><script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}'
        "</script></head><body><div id=app></div><script>render()</script></body></html>",
        Case("loaded", None, "HTML page"))
    h.html_pages["html/jsonld_only.htm"] = {"title": "عنوان من JSON-LD", "text": body, "outlet": "سكاي نيوز عربية",
                                            "author": "أحمد", "published": pd.Timestamp("2018-07-15T10:00:00Z")}
    put("html/menu_only.html", "<html><body><nav><a href=/>الرئيسية</a></nav><div>اشترك</div></body></html>",
        Case("skipped", r"^HTML page without article text", "HTML page"))

    # Malformed TREC / XML.
    doc = sources[samples[7].name]
    inner = sources[samples[8].name]
    put("xml/nested.trec", doc.replace("</TEXT>", "</TEXT>\n" + inner, 1),
        Case("loaded", r"1 record\(s\) skipped: <DOC> #1 \(line 1\) is not closed before the next <DOC> \(line \d+\)",
             "nested <DOC>"))
    put("xml/unclosed.xml", doc.replace("</DOC>", ""),
        Case("skipped", r"^<DOC> #1 \(line 1\) is truncated: no </DOC> before the end of the file$", "unclosed <DOC>"))
    put("xml/feed.xml", '<?xml version="1.0"?><rss><channel><item><title>خبر</title></item></channel></rss>',
        Case("skipped", r"^unsupported file type: \.xml \(not a <DOC> file\)$", "not TREC"))

    # Malformed JSON and JSON Lines.
    good = json.dumps(records[:2], ensure_ascii=False)
    put("json/trailing_comma.json", good[:-1] + ",]",
        Case("skipped", r"^invalid JSON at line 1, column \d+: .*\(a trailing comma, or a cut-off file\?\)$", "JSON"))
    put("json/top_level_string.json", json.dumps("خبر"),
        Case("skipped", r"^JSON top level is a string, not an array of objects", "JSON"))
    put("json/record_without_text.json", json.dumps([*records[:2], {"title": "بلا نص"}], ensure_ascii=False),
        Case("loaded", r"1 record\(s\) with empty or missing text skipped", "JSON"))
    put("json/nested_too_deep.json", "[" * 200_000 + "]" * 200_000,
        Case("skipped", r"nested too deeply", "JSON"))
    put("json/lone_surrogate.json", '[{"text": "قال المتحدث \\ud800 إن", "title": "\\udfff"}]',
        Case("loaded", r"2 lone surrogate escape\(s\) .* replaced with U\+FFFD", "JSON"))
    put("json/mixed.jsonl", "\n".join([json.dumps(records[0], ensure_ascii=False), "[1, 2]", "{oops",
                                       json.dumps(records[1], ensure_ascii=False), '"نص"']),
        Case("loaded", r"3 record\(s\) skipped: line 2: a JSON array, not an object; line 3: invalid JSON", "JSONL"))
    put("json/only_bad_lines.jsonl", "{oops\n", Case("skipped", r"^line 1: invalid JSON", "JSONL"))
    odd = [10**400, -(10**30), float("inf"), True, [1], {"a": 1}, "2018-13-45", "\x00"]
    put("json/odd_published.jsonl", "\n".join(json.dumps({"text": "نص", "published": v}) for v in odd),
        Case("loaded", r"^8 unparseable published value\(s\) set to NaT: 10{54}\.\.\.00; -10{30}; inf; "
             r"\.\.\. \(5 more\)$", "JSON values"))

    # Malformed CSV.
    put("csv/ragged.csv", "text,title\nنص أول,عنوان\nنص ثان,عنوان,زائد,زائد\nنص ثالث\n",
        Case("loaded", r"1 record\(s\) skipped: row 2 \(line 3\): 4 cells, header has 2", "CSV"))
    put("csv/bad_quote.csv", 'text,title\n"نص أول",عنوان\n"نص ثان لم يغلق,عنوان\nنص ثالث,عنوان\n',
        Case("loaded", r"row 2 \(line 3\): a quote opened on this line is never closed, so lines 3-4", "CSV"))
    rows = "".join(f"نص رقم {i} من الأخبار العاجلة,عنوان {i}\n" for i in range(3, 30))
    put("csv/nul_bytes.csv", f"text,title\nنص أول,عنوان\x00\nنص\x00 ثان,عنوان\n{rows}".encode(),
        Case("loaded", r"2 stray NUL byte\(s\) removed", "CSV"))
    put("csv/header_only.csv", "text,title\n", Case("skipped", r"^no records$", "CSV"))

    # A folder 60 levels deep, with the seed at the bottom.
    deep = "/".join(f"d{i}" for i in range(60))
    put(f"deep/{deep}/seed.txt", seed_bytes, Case("loaded", None, "60 folders deep"))

    # Odd names: Arabic, bytes that are not UTF-8, a newline.
    put("names/خبر عاجل.txt", seed_bytes, Case("loaded", None, "Arabic name"))
    odd = os.fsdecode(b"names/odd-\xff\xfe-name.txt")
    put(odd, seed_bytes, Case("loaded", None, "non-UTF-8 name"))
    h.cases[shown(odd)] = h.cases.pop(odd)
    put("names/two\nlines.txt", seed_bytes, Case("loaded", None, "newline in name"))

    # Symbolic links: loops, out of the corpus, second paths, dangling; a FIFO.
    (outside / "elsewhere").mkdir()
    (outside / "elsewhere" / "article.txt").write_bytes(seed_bytes)
    secret = "كلمة السر: لا تنشر\n\nهذا ملف خارج المدونة لا يجوز قراءته.\n"
    (outside / "secret.txt").write_text(secret, encoding="utf-8")
    links = root / "links"
    links.mkdir()
    link_cases = {
        "links/to_parent": (root, "a folder that contains it .*a loop"),
        "links/to_itself": (links, "a folder that contains it .*a loop"),
        "links/to_outside_folder": (outside / "elsewhere", "a folder outside the corpus .*load that folder itself"),
        "links/to_outside_file.txt": (outside / "secret.txt", "a file outside the corpus .*copy the file in"),
        "links/to_corpus_folder": (root / "names", "a folder of the corpus .*read under their own paths"),
        "links/to_corpus_file.txt": (root / "names" / "خبر عاجل.txt", "a file of the corpus .*not read twice"),
        "links/dangling.txt": (root / "no" / "such" / "file.txt", "^dangling symbolic link .*does not exist"),
        "links/loop_a.txt": (links / "loop_b.txt", "^symbolic link loop"),
        "links/loop_b.txt": (links / "loop_a.txt", "^symbolic link loop"),
    }
    for rel, (target, pattern) in link_cases.items():
        os.symlink(target, root / rel)
        h.cases[rel] = Case("skipped", pattern, "symbolic link")
    os.mkfifo(root / "links" / "pipe.txt")
    h.cases["links/pipe.txt"] = Case("skipped", r"^not a regular file \(a FIFO\): not read$", "FIFO")

    # Unreadable file and folder (root reads them anyway: see test_unreadable_files_and_folders).
    if not IS_ROOT:
        locked = put("locked/locked.txt", seed_bytes, Case("skipped", r"^cannot read: PermissionError", "chmod 000"))
        locked.chmod(0)
        put("locked_folder/inside.txt", seed_bytes, Case("skipped", "", "chmod 000"))
        del h.cases["locked_folder/inside.txt"]  # its folder cannot be listed: the folder is the row
        (root / "locked_folder").chmod(0)
        h.cases["locked_folder"] = Case("skipped", r"^cannot read folder: PermissionError", "chmod 000")

    # Good files at the top, among the damage.
    put("good/seed.txt", seed_bytes, Case("loaded", None, "good"))
    put("good/sample.trec", trec_bytes, Case("loaded", None, "good"))
    pq.write_table(pa.Table.from_pylist(records), root / "good" / "records.parquet")
    h.cases["good/records.parquet"] = Case("loaded", None, "good")
    put("good/feed.jsonl.gz", gzip.compress(lines.encode("utf-8")), Case("loaded", None, "good"))
    return h


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory, seed_path: Path, sample_dir: Path):
    h = build_hostile(tmp_path_factory.mktemp("hostile"), seed_path, sample_dir)
    yield h
    for folder in (h.root / "locked_folder", h.root / "locked"):  # let pytest clean up
        if folder.exists():
            folder.chmod(0o755)


@pytest.fixture(scope="session")
def hostile_load(hostile: Hostile):
    articles = load_corpus(hostile.root, progress=False)
    report = report_of(articles)
    by_rel = report.assign(rel=report["path"].str.slice(len(str(hostile.root)) + 1)).set_index("rel")
    return articles, by_rel


RENAMED = r"duplicate article_id '([^']+)' renamed to '\1~\d+'"


def expected_inputs(root: Path) -> list[str]:
    """Every path under ``root`` the loader must account for, found with os.walk (links not followed)."""
    found: list[str] = []
    for folder, dirs, files in os.walk(root, onerror=lambda exc: found.append(exc.filename)):  # noqa: B023
        found.extend(os.path.join(folder, name) for name in files)
        found.extend(os.path.join(folder, name) for name in dirs if os.path.islink(os.path.join(folder, name)))
    return sorted(shown(os.path.relpath(p, root)) for p in found)


# --------------------------------------------------------------------------- the folder


def test_every_input_has_exactly_one_row(hostile: Hostile, hostile_load) -> None:
    articles, by_rel = hostile_load
    assert list(report_of(articles).columns) == list(REPORT_COLUMNS)
    assert by_rel.index.is_unique, by_rel.index[by_rel.index.duplicated()].tolist()
    assert sorted(by_rel.index) == expected_inputs(hostile.root)
    assert sorted(by_rel.index) == sorted(hostile.cases)  # and each one was crafted on purpose
    assert by_rel["status"].isin(["loaded", "skipped"]).all()
    assert by_rel.loc[by_rel["status"] == "skipped", "reason"].notna().all()


@pytest.mark.parametrize("group", ["encodings", "truncated", "binary", "empty", "html", "xml", "json", "csv",
                                   "deep", "names", "links", "good"])
def test_each_damage_is_named(hostile: Hostile, hostile_load, group: str) -> None:
    _, by_rel = hostile_load
    cases = {rel: case for rel, case in hostile.cases.items() if rel.startswith(group + "/")}
    assert cases
    for rel, case in cases.items():
        row = by_rel.loc[rel]
        assert row["status"] == case.status, (rel, row["reason"])
        if case.reason is None:  # nothing to say, but that copies of one article got ids id~2, id~3 ...
            assert pd.isna(row["reason"]) or re.fullmatch(RENAMED, row["reason"]), (rel, row["reason"])
        else:
            assert re.search(case.reason, row["reason"]), (rel, row["reason"])
        assert (row["n_articles"] > 0) == (case.status == "loaded"), rel


def test_reencoded_files_load_as_their_clean_copies(hostile: Hostile, hostile_load) -> None:
    articles, by_rel = hostile_load
    refs = load_corpus(hostile.refs, progress=False)
    ref_rel = refs["path"].str.slice(len(str(hostile.refs)) + 1)
    got_rel = articles["path"].str.slice(len(str(hostile.root)) + 1)
    columns = ["title", "section", "text", "outlet", "url", "author", "abstract", "published", "n_words"]
    compared = 0
    for rel, ref in hostile.reference_of.items():
        got = articles.loc[got_rel == rel, columns].reset_index(drop=True)
        want = refs.loc[ref_rel == ref, columns].reset_index(drop=True)
        assert len(got) == len(want) == 1, rel
        pd.testing.assert_frame_equal(got, want, obj=rel)
        compared += 1
    assert compared == len(VARIANTS) * (N_SAMPLE + 1) + 2
    for rel, encoding in hostile.expected_encoding.items():
        assert by_rel.loc[rel, "encoding"] == encoding, rel
    # The text really is Arabic, not mojibake: the seed's title in every encoding.
    seeds = articles[got_rel.str.endswith("/seed.txt") & got_rel.str.startswith("encodings/")]
    assert len(seeds) == len(VARIANTS)
    assert seeds["title"].eq("المعارضة السورية المسلحة تأسر عناصر داعش فى إدلب").all()


def test_good_files_among_the_damage(hostile: Hostile, hostile_load, seed: pd.DataFrame) -> None:
    articles, by_rel = hostile_load
    got_rel = articles["path"].str.slice(len(str(hostile.root)) + 1)
    seed_row = seed.iloc[0]
    for rel in ("good/seed.txt", f"deep/{'/'.join(f'd{i}' for i in range(60))}/seed.txt", "names/خبر عاجل.txt",
                shown(os.fsdecode(b"names/odd-\xff\xfe-name.txt")), "names/two\nlines.txt"):
        row = articles[got_rel == rel]
        assert len(row) == 1, rel
        assert row["text"].item() == seed_row["text"] and row["title"].item() == seed_row["title"], rel
    assert articles.loc[got_rel == "names/خبر عاجل.txt", "article_id"].item() == "names/خبر عاجل"
    assert "\\xff\\xfe" in articles.loc[got_rel.str.contains("odd-"), "article_id"].item()
    assert by_rel.loc["good/records.parquet", "n_articles"] == 5
    assert by_rel.loc["good/feed.jsonl.gz", "n_articles"] == 5
    # Damaged files keep what is good in them.
    assert by_rel.loc["truncated/three_docs_last_cut.trec", "n_articles"] == 2
    assert by_rel.loc["truncated/cut.jsonl", "n_articles"] == 4
    assert by_rel.loc["truncated/cut_in_quoted_cell.csv", "n_articles"] == 4
    assert by_rel.loc["xml/nested.trec", "n_articles"] == 1
    assert by_rel.loc["json/mixed.jsonl", "n_articles"] == 2
    assert by_rel.loc["csv/ragged.csv", "n_articles"] == 2
    bad_quote = articles[got_rel == "csv/bad_quote.csv"]
    assert bad_quote["text"].tolist() == ["نص أول"]
    nul = articles[got_rel == "csv/nul_bytes.csv"]
    assert nul["text"].tolist()[:3] == ["نص أول", "نص ثان", "نص رقم 3 من الأخبار العاجلة"]
    assert nul["title"].tolist()[:2] == ["عنوان", "عنوان"] and len(nul) == 29
    surrogate = articles[got_rel == "json/lone_surrogate.json"]
    assert surrogate["text"].item() == "قال المتحدث \ufffd إن" and surrogate["title"].item() == "\ufffd"
    # Nothing from outside the corpus was read through a link.
    assert not articles["text"].str.contains("كلمة السر").any()


def test_html_pages_give_the_article(hostile: Hostile, hostile_load) -> None:
    articles, by_rel = hostile_load
    got_rel = articles["path"].str.slice(len(str(hostile.root)) + 1)
    for rel, expected in hostile.html_pages.items():
        row = articles[got_rel == rel].iloc[0]
        assert row["format"] == "html", rel
        for name, value in expected.items():
            assert row[name] == value, (rel, name)
        for junk in ("الرئيسية", "ليس من الخبر", "الأكثر قراءة", "جميع الحقوق", "اشترك", "مراسلنا", "track("):
            assert junk not in row["text"], (rel, junk)


def test_links_are_never_followed(hostile: Hostile, hostile_load) -> None:
    _, by_rel = hostile_load
    links = by_rel[by_rel.index.str.startswith("links/")]
    assert (links["status"] == "skipped").all() and (links["n_articles"] == 0).all()
    # The report says where each link points.
    assert f"→ {hostile.outside / 'secret.txt'}" in by_rel.loc["links/to_outside_file.txt", "reason"]
    assert f"→ {hostile.root}" in by_rel.loc["links/to_parent", "reason"]
    # Loading the link target directly works: the advice in the reason is sound.
    assert len(load_corpus(hostile.outside / "elsewhere")) == 1


@pytest.mark.skipif(IS_ROOT, reason="running as root, which reads files and folders even with mode 000, so an "
                                    "unreadable file cannot be made; run the tests as a normal user to cover it")
def test_unreadable_files_and_folders(hostile: Hostile, hostile_load) -> None:
    _, by_rel = hostile_load
    assert re.search(r"^cannot read: PermissionError", by_rel.loc["locked/locked.txt", "reason"])
    assert by_rel.loc["locked_folder", "reason"].startswith("cannot read folder: PermissionError")
    assert "check its permissions" in by_rel.loc["locked_folder", "reason"]


def test_damage_summary(hostile: Hostile, hostile_load) -> None:
    """The counts behind the hostile corpus (printed with -s): inputs, kinds of damage, rows, crashes."""
    articles, by_rel = hostile_load
    kinds = {case.damage for case in hostile.cases.values()}
    crashes = by_rel["reason"].fillna("").str.contains(r"^\w+Error: |Traceback", regex=True)
    print(f"\nhostile corpus: {len(hostile.cases)} inputs, {len(kinds)} kinds of damage, {len(by_rel)} report rows, "
          f"{(by_rel['status'] == 'loaded').sum()} loaded, {(by_rel['status'] == 'skipped').sum()} skipped, "
          f"{len(articles)} articles, {crashes.sum()} unexplained errors")
    assert len(by_rel) == len(hostile.cases)
    assert not crashes.any(), by_rel.loc[crashes, "reason"].tolist()


# --------------------------------------------------------------------------- a 200 MB file

BIG_BYTES = 200 * MiB


@pytest.fixture(scope="session")
def big_trec(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path) -> tuple[Path, int]:
    """One TREC file of about 200 MB: the sample's <DOC>s repeated with fresh DOCNOs (written once a session)."""
    docs = [p.read_text(encoding="utf-8") for p in sorted(sample_dir.glob("*.txt"))]
    path = tmp_path_factory.mktemp("big") / "big.trec"
    size = n = 0
    with open(path, "w", encoding="utf-8") as out:
        while size < BIG_BYTES:
            doc = docs[n % len(docs)].replace("<DOCNO>", f"<DOCNO>big{n}-", 1)
            out.write(doc)
            size += len(doc.encode("utf-8"))
            n += 1
    return path, n


# Peak RSS of a fresh process from Linux's high-water mark, reset once the imports are done: ru_maxrss
# would start from the parent's peak (it survives fork and exec), hiding what the load itself costs.
_PEAK = """
import json, sys
from analysis.corpus.loader import load_corpus
from analysis.errors import EmptyCorpusError


def status(field):
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith(field + ":"))


with open("/proc/self/clear_refs", "w") as fh:
    fh.write("5")
base = status("VmRSS")
"""
_MEASURE = _PEAK + """
articles = load_corpus(sys.argv[1], progress=False)
peak = status("VmHWM")
report = articles.attrs["load_report"]
print(json.dumps({"rows": len(articles), "base_kib": base, "peak_kib": peak, "status": report["status"].tolist(),
                  "first": articles["article_id"].iloc[0], "last": articles["article_id"].iloc[-1],
                  "text_1000": articles["text"].iloc[1000], "id_1000": articles["article_id"].iloc[1000]}))
"""


def measure_load(path: Path) -> dict:
    """Load ``path`` in a fresh process and return what it measured (peak RSS in KiB, rows ...)."""
    if not os.access("/proc/self/clear_refs", os.W_OK):
        pytest.skip("measuring the peak memory of a load needs Linux's /proc/self/clear_refs")
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True, cwd=REPO_ROOT, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_200_mb_file_loads_in_bounded_memory(big_trec, sample_dir: Path, record_property) -> None:
    path, n_docs = big_trec
    size = path.stat().st_size
    measured = measure_load(path)
    assert measured["rows"] == n_docs and measured["status"] == ["loaded"]
    assert measured["first"] == f"big0-{sorted(sample_dir.glob('*.txt'))[0].stem}"
    # The 1001st article is the sample's (1000 mod 209)th, text unchanged.
    docs = sorted(sample_dir.glob("*.txt"))
    raw = docs[1000 % len(docs)].read_text(encoding="utf-8")
    assert measured["id_1000"] == f"big1000-{raw_field(raw, 'DOCNO')}"
    assert measured["text_1000"] == load_corpus(docs[1000 % len(docs)])["text"].item()
    ratio = (measured["peak_kib"] - measured["base_kib"]) * 1024 / size
    record_property("peak_rss_over_file_size", round(ratio, 2))
    print(f"\n200 MB file: {size / MiB:.0f} MiB, {n_docs} <DOC>s, peak RSS {ratio:.2f}x its size above the baseline")
    # The articles frame itself holds the text (about 1x) plus titles and abstracts; reading costs the rest.
    assert ratio < 3.5


# --------------------------------------------------------------------------- archives built to hurt


def test_members_with_unsafe_names_are_read_in_memory_only(tmp_path: Path, seed_path: Path) -> None:
    token = uuid.uuid4().hex
    seed = seed_path.read_bytes()
    absolute = f"/tmp/{token}/abs.txt"
    dotdot = f"../../{token}-dotdot.txt"
    archive = tmp_path / "evil.tar"
    with tarfile.open(archive, "w") as tf:
        for name, kind, target in [
            (absolute, tarfile.REGTYPE, ""),
            (dotdot, tarfile.REGTYPE, ""),
            ("ok/seed.txt", tarfile.REGTYPE, ""),
            ("ok/", tarfile.DIRTYPE, ""),
            ("ok/passwd.txt", tarfile.SYMTYPE, "/etc/passwd"),
            ("ok/up.txt", tarfile.SYMTYPE, f"../../{token}-link"),
            ("ok/hard.txt", tarfile.LNKTYPE, "ok/seed.txt"),
            ("dev/null", tarfile.CHRTYPE, ""),
            ("dev/fifo", tarfile.FIFOTYPE, ""),
        ]:
            info = tarfile.TarInfo(name)
            info.type, info.linkname = kind, target
            data = seed if kind == tarfile.REGTYPE else b""
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    zip_path = tmp_path / "evil.zip"
    with zipfile.ZipFile(zip_path, "w") as zf:
        zf.writestr(absolute, seed)
        zf.writestr(dotdot, seed)
        link = zipfile.ZipInfo("ok/link.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
        zf.writestr("عربي/خبر.txt", seed)
    zip_path.write_bytes(without_utf8_flag(zip_path.read_bytes(), "عربي/خبر.txt".encode()))
    before = sorted(p.name for p in tmp_path.iterdir())

    tar_articles = load_corpus(archive)
    zip_articles = load_corpus(zip_path)

    tar_report = report_of(tar_articles).set_index("path")
    reasons = tar_report["reason"]
    assert sorted(tar_report.index) == sorted(f"{archive}::{n}" for n in (
        absolute, dotdot, "ok/seed.txt", "ok/passwd.txt", "ok/up.txt", "ok/hard.txt", "dev/null", "dev/fifo"))
    for name in (absolute, dotdot):
        assert tar_report.loc[f"{archive}::{name}", "status"] == "loaded"
        reason = reasons[f"{archive}::{name}"]
        assert "unsafe member name" in reason and "nothing is ever extracted" in reason
    assert reasons[f"{archive}::ok/passwd.txt"].startswith("symbolic link member (→ /etc/passwd): not followed")
    assert reasons[f"{archive}::ok/hard.txt"].startswith("hard link member (→ ok/seed.txt): not followed")
    assert reasons[f"{archive}::dev/null"].startswith("device member")
    assert reasons[f"{archive}::dev/fifo"].startswith("FIFO member")
    assert len(tar_articles) == 3 and tar_articles["title"].nunique() == 1
    assert tar_articles["article_id"].tolist() == [f"tmp/{token}/abs", f"../../{token}-dotdot", "ok/seed"]

    zip_report = report_of(zip_articles).set_index("path")
    assert zip_report.loc[f"{zip_path}::ok/link.txt", "reason"].startswith("symbolic link member (→ /etc/passwd)")
    assert f"{zip_path}::عربي/خبر.txt" in zip_report.index  # the name repaired, not "┘ê..."
    assert (zip_report["status"] == "loaded").sum() == 3
    assert not zip_articles["text"].str.contains("root:").any()

    # Nothing was written: not where the names point, not next to the archive, not in the working folder.
    for place in (Path(absolute).parent, tmp_path.parent.parent / f"{token}-dotdot.txt",
                  Path.cwd().parent.parent / f"{token}-dotdot.txt", tmp_path.parent.parent / f"{token}-link"):
        assert not place.exists(), place
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    for base in {tmp_path, tmp_path.parent, tmp_path.parent.parent, Path("/tmp"), Path.cwd(), Path.cwd().parent}:
        assert not list(base.glob(f"*{token}*")), base


def without_utf8_flag(data: bytes, name: bytes) -> bytes:
    """A zip whose entry ``name`` (UTF-8 bytes) lacks the UTF-8 flag, as old zip tools wrote it."""
    data = bytearray(data)
    for signature, flag_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        at = data.find(signature)
        while at >= 0:
            if data[at + name_at : at + name_at + len(name)] == name:
                flags = struct.unpack_from("<H", data, at + flag_at)[0]
                struct.pack_into("<H", data, at + flag_at, flags & ~0x800)
            at = data.find(signature, at + 4)
    return bytes(data)


BLOCK = bytes(16 * MiB)


def _deflate_repeated(prefix: bytes, n_blocks: int, suffix: bytes) -> tuple[bytes, int, int]:
    """Raw deflate of prefix + n_blocks x 16 MiB of zeros + suffix, streamed: one compressed block repeated.

    After a full flush the compressor starts afresh, so every block of zeros compresses
    to the same bytes; the stream decodes to the whole, never held in memory here.
    """
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = c.compress(prefix) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(BLOCK) + c.flush(zlib.Z_FULL_FLUSH)
    assert c.compress(BLOCK) + c.flush(zlib.Z_FULL_FLUSH) == block
    tail = c.compress(suffix) + c.flush()
    crc = zlib.crc32(prefix)
    for _ in range(n_blocks):
        crc = zlib.crc32(BLOCK, crc)
    return head + block * n_blocks + tail, zlib.crc32(suffix, crc), len(prefix) + n_blocks * len(BLOCK) + len(suffix)


def _gzip(raw: bytes, crc: int, size: int) -> bytes:
    return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + raw + struct.pack("<II", crc, size & 0xFFFFFFFF)


def tar_gz_bomb(n_blocks: int) -> bytes:
    info = tarfile.TarInfo("news/zeros.txt")
    info.size = n_blocks * len(BLOCK)
    return _gzip(*_deflate_repeated(info.tobuf(format=tarfile.GNU_FORMAT), n_blocks, bytes(1024 + 10240)))


def gz_bomb(n_blocks: int) -> bytes:
    return _gzip(*_deflate_repeated(b"", n_blocks, b""))


def test_the_bomb_builders_build_what_they_say() -> None:
    """Small bombs decompress to exactly their zeros: the 2 GB ones below are real."""
    with tarfile.open(fileobj=io.BytesIO(tar_gz_bomb(2)), mode="r:gz") as tf:
        (member,) = tf.getmembers()
        assert member.name == "news/zeros.txt" and tf.extractfile(member).read() == bytes(32 * MiB)
    assert gzip.decompress(gz_bomb(2)) == bytes(32 * MiB)


@pytest.fixture(scope="session")
def bombs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """2 GB of zeros in a few MB, as every archive and compressed format the loader reads (built streaming)."""
    folder = tmp_path_factory.mktemp("bombs")
    out = {}
    out["tar.gz"] = folder / "bomb.tar.gz"
    out["tar.gz"].write_bytes(tar_gz_bomb(128))
    out["gz"] = folder / "zeros.txt.gz"
    out["gz"].write_bytes(gz_bomb(128))
    out["bz2"] = folder / "zeros.txt.bz2"
    out["bz2"].write_bytes(bz2.compress(BLOCK) * 128)  # concatenated streams: 2 GiB
    out["xz"] = folder / "zeros.txt.xz"
    out["xz"].write_bytes(lzma.compress(BLOCK, preset=0) * 128)
    out["zip"] = folder / "bomb.zip"
    with zipfile.ZipFile(out["zip"], "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open("zeros.txt", "w") as member:
            for _ in range(119):  # 1.99 GB: no zip64 needed
                member.write(BLOCK)
        zf.writestr("seed_after.txt", "خبر بعد القنبلة\n\nنص الخبر.\n")
    # The same zip with a header that lies: a huge compressed size makes its ratio look harmless.
    lying = bytearray(out["zip"].read_bytes())
    for signature, at in ((b"PK\x03\x04", 18), (b"PK\x01\x02", 20)):
        struct.pack_into("<I", lying, lying.index(signature) + at, 0x7FFFFFF0)
    out["lying.zip"] = folder / "lying.zip"
    out["lying.zip"].write_bytes(bytes(lying))
    return out


@pytest.mark.parametrize("kind", ["tar.gz", "gz", "bz2", "xz", "zip", "lying.zip"])
def test_archive_bombs_are_refused(bombs: dict[str, Path], kind: str) -> None:
    path = bombs[kind]
    assert path.stat().st_size < 10 * MiB
    if kind == "zip":  # the other member loads: no error, the bomb is one report row
        report = report_of(load_corpus(path))
    else:
        with pytest.raises(EmptyCorpusError) as info:
            load_corpus(path)
        message = str(info.value)
        assert str(path) in message and "archive bomb" in message
        assert "max_ratio=None" in message  # and how to read it anyway
        report = info.value.report
    refused = report[report["reason"].str.contains("archive bomb")]
    assert len(refused) == 1
    reason = refused["reason"].item()
    assert f"more than max_ratio={DEFAULT_MAX_RATIO}" in reason
    member = {"tar.gz": "::news/zeros.txt", "zip": "::zeros.txt", "lying.zip": "::zeros.txt"}.get(kind, "")
    assert refused["path"].item() == f"{path}{member}"
    if kind == "zip":  # refused from its header: not a byte decompressed
        assert "its header says it decompresses to 1.9 GiB" in reason
    else:  # refused while streaming, long before the 2 GB
        read = re.search(r"decompressed to ([\d.]+) MiB", reason)
        assert read and float(read.group(1)) < 256, reason
    if kind in ("tar.gz", "lying.zip"):  # a stream cannot skip a bomb: the archive stops there
        stop = report.loc[report["path"] == str(path), "reason"].item()
        assert stop.startswith(f"stopped reading this {'tar' if kind == 'tar.gz' else 'zip'} archive at ")


def test_the_zip_bomb_spares_the_other_members(bombs: dict[str, Path]) -> None:
    articles = load_corpus(bombs["zip"])
    assert articles["title"].tolist() == ["خبر بعد القنبلة"]
    report = report_of(articles)
    assert report["status"].tolist() == ["skipped", "loaded"]


def test_bombs_are_refused_in_bounded_memory(bombs: dict[str, Path]) -> None:
    """Every bomb in one fresh process: the peak stays far below the 2 GB each one holds."""
    if not os.access("/proc/self/clear_refs", os.W_OK):
        pytest.skip("measuring the peak memory of a load needs Linux's /proc/self/clear_refs")
    script = _PEAK + (
        "for path in sys.argv[1:]:\n"
        "    try:\n"
        "        load_corpus(path)\n"
        "    except EmptyCorpusError:\n"
        "        pass\n"
        "print(json.dumps((status('VmHWM') - base) * 1024))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, *map(str, bombs.values())], capture_output=True, text=True,
                          cwd=REPO_ROOT, check=True)
    grown = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"\nbombs: peak RSS grew {grown / MiB:.0f} MiB while refusing {len(bombs)} bombs of ~2 GB each")
    assert grown < 400 * MiB


def test_max_bytes_bounds_files_members_and_archives(tmp_path: Path, seed_path: Path, sample_dir: Path) -> None:
    seed = seed_path.read_bytes()
    trecs = [p.read_bytes() for p in sorted(sample_dir.glob("*.txt"))[:6]]
    limit = sum(map(len, trecs[:3])) + 100
    # A tar stream: the member that would pass the limit stops the archive (skipping it costs the same).
    (tmp_path / "many.tar.gz").write_bytes(tar_bytes({f"n/{i}.txt": t for i, t in enumerate(trecs)}))
    articles = load_corpus(tmp_path / "many.tar.gz", max_bytes=limit)
    report = report_of(articles)
    assert len(articles) == 3
    assert report["reason"].iloc[3].startswith(f"refused: {tmp_path / 'many.tar.gz'} would decompress to more than "
                                               f"max_bytes={limit}")
    assert "pass a larger max_bytes=" in report["reason"].iloc[3]
    assert report["reason"].iloc[4].startswith("stopped reading this tar archive at n/3.txt")
    # A zip: a member over the limit is refused, the others read.
    big = "عنوان\n\n" + "نص طويل جدا " * 20000
    (tmp_path / "some.zip").write_bytes(zip_bytes({"a.txt": seed, "big.txt": big.encode(), "c.txt": seed}))
    report = report_of(load_corpus(tmp_path / "some.zip", max_bytes=len(seed) * 3))
    assert report["status"].tolist() == ["loaded", "skipped", "loaded"]
    assert report["reason"].iloc[1].startswith("refused: ") and "for one file" in report["reason"].iloc[1]
    # A plain file over the limit, and no limit at all.
    with pytest.raises(EmptyCorpusError, match=r"refused: the file is .* more than max_bytes=100 "):
        load_corpus(seed_path, max_bytes=100)
    assert len(load_corpus(tmp_path / "many.tar.gz", max_bytes=None, max_ratio=None)) == 6


def test_max_ratio_none_reads_a_trusted_highly_compressed_file(tmp_path: Path, seed: pd.DataFrame) -> None:
    title, paragraph = seed["title"].item(), seed["text"].item().split("\n\n")[0]
    repeats = 70 * MiB // len(paragraph.encode("utf-8")) + 1  # past the 64 MiB grace, 1,000 times smaller as xz
    body = "\n\n".join([paragraph] * repeats)
    path = tmp_path / "repeated.txt.xz"
    path.write_bytes(lzma.compress(f"{title}\n\n{body}\n".encode(), preset=0))
    with pytest.raises(EmptyCorpusError, match="refused as an archive bomb"):
        load_corpus(path)
    articles = load_corpus(path, max_ratio=None)
    assert articles["title"].item() == title and articles["text"].item() == body


def test_nesting_is_depth_limited(tmp_path: Path, seed_path: Path) -> None:
    seed = seed_path.read_bytes()
    data, name = seed, "seed.txt"
    for level in range(6):  # zip in tar.gz in zip ... six archives around the seed
        if level % 2 == 0:
            data, name = zip_bytes({name: data}), f"level{level}.zip"
        else:
            data, name = tar_bytes({name: data}), f"level{level}.tar.gz"
    (tmp_path / name).write_bytes(data)
    with pytest.raises(EmptyCorpusError) as info:
        load_corpus(tmp_path / name)
    (row,) = info.value.report.itertuples()
    assert row.path == f"{tmp_path / name}::level4.zip::level3.tar.gz::level2.zip::level1.tar.gz"
    assert "inside 4 nested archives: not opened" in row.reason and "extract the outer archive" in row.reason
    # An archive inside three archives inside the one given is read.
    three = zip_bytes({"l3.tar.gz": tar_bytes({"l2.zip": zip_bytes({"l1.tar": tar_bytes({"s.txt": seed}, "w")})})})
    (tmp_path / "three.zip").write_bytes(three)
    articles = load_corpus(tmp_path / "three.zip")
    assert articles["path"].item() == f"{tmp_path / 'three.zip'}::l3.tar.gz::l2.zip::l1.tar::s.txt"


@pytest.mark.parametrize(
    ("name", "damage", "problem"),
    [
        ("random.zip", lambda good: random.Random(1).randbytes(5000), r"not a zip archive .*BadZipFile"),
        ("no_central_directory.zip", lambda good: good[: good.rindex(b"PK\x01\x02")], r"BadZipFile"),
        ("bad_central_directory.zip",
         lambda good: good.replace(b"PK\x01\x02", b"PK\x01\x09"), r"BadZipFile"),
        ("random.tar.gz", lambda good: random.Random(2).randbytes(5000), r"not a tar archive .*ReadError"),
        ("cut.tar.gz", lambda good: good[:200], r"cannot read tar archive"),
        ("cut.tar.xz", lambda good: good[:300], r"cannot read tar archive"),
        ("cut.jsonl.gz", lambda good: good[:60], r"cannot decompress this \.gz file: corrupt or truncated"),
        ("cut.jsonl.bz2", lambda good: good[:60], r"cannot decompress this \.bz2 file: corrupt or truncated"),
    ],
)
def test_corrupt_archive_as_the_source_names_it(tmp_path: Path, seed_path: Path, name: str, damage, problem: str):
    seed = seed_path.read_bytes()
    if name.endswith(".zip"):
        good = zip_bytes({"a/seed.txt": seed})
    elif name.endswith(".tar.gz"):
        good = tar_bytes({"a/seed.txt": seed * 20})
    elif name.endswith(".tar.xz"):
        good = tar_bytes({"a/seed.txt": seed * 20}, "w:xz")
    elif name.endswith(".gz"):
        good = gzip.compress(json.dumps({"text": seed.decode()}).encode())
    else:
        good = bz2.compress(json.dumps({"text": seed.decode()}).encode())
    path = tmp_path / name
    path.write_bytes(damage(good))
    with pytest.raises(EmptyCorpusError) as info:
        load_corpus(path)
    message = str(info.value)
    assert message.startswith(f"no article could be loaded from {path}: ")
    assert re.search(problem, message), message
    assert re.search(r"re-download|re-create|re-compress", message), message
    assert isinstance(info.value, AnalysisError)


def test_other_archive_formats_load(tmp_path: Path, seed_path: Path) -> None:
    seed = seed_path.read_bytes()
    for mode, ext in (("w:bz2", "tar.bz2"), ("w:xz", "tar.xz"), ("w", "tar")):
        (tmp_path / f"a.{ext}").write_bytes(tar_bytes({"x/seed.txt": seed}, mode))
    for ext, compress in ((".gz", gzip.compress), (".bz2", bz2.compress), (".xz", lzma.compress)):
        (tmp_path / f"seed.txt{ext}").write_bytes(compress(seed))
    articles = load_corpus(tmp_path)
    assert len(articles) == 6 and articles["title"].nunique() == 1
    assert (report_of(articles)["status"] == "loaded").all()


# --------------------------------------------------------------------------- errors


def test_every_error_is_documented_and_says_what_where_and_what_to_do(tmp_path: Path, seed_path: Path) -> None:
    os.symlink(tmp_path / "nowhere", tmp_path / "dangling")
    os.symlink(tmp_path / "loop", tmp_path / "loop")
    empty = tmp_path / "empty"
    empty.mkdir()
    cases = [
        (lambda: load_corpus(tmp_path / "missing"), CorpusNotFoundError, [str(tmp_path / "missing"), "relative paths"]),
        (lambda: load_corpus(tmp_path / "dangling"), CorpusNotFoundError, ["dangling", "nowhere", "fix the link"]),
        (lambda: load_corpus(tmp_path / "loop"), CorpusNotFoundError, ["symbolic link loop", "fix the link"]),
        (lambda: load_corpus("https://example.org/news.csv"), CorpusNotFoundError, ["URL", "download it first"]),
        (lambda: load_corpus("news\0.txt"), CorpusFormatError, ["NUL character"]),
        (lambda: load_corpus(42), CorpusFormatError, ["must be a path", "int"]),
        (lambda: load_corpus(seed_path, max_bytes=0), CorpusFormatError, ["max_bytes=", "positive"]),
        (lambda: load_corpus(seed_path, max_bytes="1GB"), CorpusFormatError, ["max_bytes=", "'1GB'"]),
        (lambda: load_corpus(seed_path, max_ratio=0.5), CorpusFormatError, ["max_ratio=", "at least 1"]),
        (lambda: load_corpus(empty), EmptyCorpusError, [str(empty), "holds no files", "put articles in it"]),
        (lambda: load_corpus(seed_path, encoding="ascii"), EmptyCorpusError,
         [str(seed_path), "cannot decode as ascii", "line ", "leave encoding=None"]),
    ]
    for call, kind, words in cases:
        with pytest.raises(AnalysisError) as info:
            call()
        assert type(info.value) is kind, (words, info.value)
        for word in words:
            assert word in str(info.value), (word, str(info.value))
    # The exception types are the ones errors.py documents, catchable as the builtin they refine.
    assert issubclass(CorpusNotFoundError, FileNotFoundError) and issubclass(EmptyCorpusError, ValueError)
    assert issubclass(CorpusFormatError, ValueError)


def test_a_fifo_as_the_source_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "news.txt")
    with pytest.raises(EmptyCorpusError, match=r"not a regular file \(a FIFO\)"):
        load_corpus(tmp_path / "news.txt")
