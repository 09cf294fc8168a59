"""Small files of every kind a researcher's corpus comes in, built here from three Arabic news articles.

news-please and trafilatura JSON (their field names as the tools write them), WARC
(with warcio), XLSX and ODS (written by hand as the zipped XML the formats are, so a
test can put a formula or a huge cell exactly where it wants), Parquet shards and a
Hugging Face ``save_to_disk`` folder (written with pyarrow as ``datasets`` writes it).
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pyarrow as pa
import pyarrow.parquet as pq

#: three articles: title, text (two paragraphs), outlet domain, url, publication date (UTC), author
ARTICLES = [
    {
        "title": "المعارضة السورية تأسر عناصر من داعش في ريف إدلب",
        "text": (
            "أسرت قوات المعارضة السورية المسلحة 400 عنصر من تنظيم داعش في ريف إدلب الجنوبي الشرقي، "
            "بحسب ما أفاد مصدر عسكري لمراسل الأناضول.\n\n"
            "وقال المتحدث باسم الفصائل إن المعارك استمرت أربعة أيام، وإن نحو ألفي مقاتل شاركوا فيها."
        ),
        "domain": "www.aa.com.tr",
        "url": "https://www.aa.com.tr/ar/الدول-العربية/المعارضة-تأسر-عناصر-داعش/1076543",
        "published": "2018-02-18T10:15:00+00:00",
        "author": "تامر الصمادي",
    },
    {
        "title": "ارتفاع أسعار النفط مع تراجع المخزونات الأمريكية",
        "text": (
            "ارتفعت أسعار النفط اليوم الثلاثاء بنسبة 2 بالمئة، بعد أن أظهرت بيانات تراجع المخزونات "
            "الأمريكية للأسبوع الثالث على التوالي.\n\n"
            "وأوضح محللون لوكالة رويترز أن الطلب على الوقود في آسيا يدعم الأسعار رغم زيادة الإنتاج."
        ),
        "domain": "www.alarabiya.net",
        "url": "https://www.alarabiya.net/aswaq/oil/2018/07/17/oil-prices",
        "published": "2018-07-17T08:30:00+00:00",
        "author": "العربية.نت",
    },
    {
        "title": "افتتاح معرض الكتاب في القاهرة بمشاركة ثلاثين دولة",
        "text": (
            "افتتح وزير الثقافة المصري معرض القاهرة الدولي للكتاب بمشاركة ثلاثين دولة ونحو ألف ناشر "
            "عربي وأجنبي.\n\n"
            "وأشار رئيس الهيئة العامة للكتاب إلى أن المعرض يستقبل زواره حتى العاشر من الشهر المقبل."
        ),
        "domain": "www.youm7.com",
        "url": "https://www.youm7.com/story/2019/1/23/افتتاح-معرض-الكتاب/4111111",
        "published": "2019-01-23T12:00:00+00:00",
        "author": "محمد عبد الرحمن",
    },
]
#: an English article: a news-please record in another language must be reported, not counted
ENGLISH = {
    "title": "Oil prices rise as US inventories fall",
    "text": "Oil prices rose two percent on Tuesday after data showed US crude inventories fell again.",
    "domain": "www.reuters.com",
    "url": "https://www.reuters.com/markets/oil-prices",
    "published": "2018-07-17T08:00:00+00:00",
    "author": "Reuters",
}


def news_please(article: dict, language: str = "ar") -> dict:
    """A record as news-please writes it (every field it writes, ``text`` null beside ``maintext``)."""
    return {
        "authors": [article["author"]],
        "date_download": "2019-02-01 09:00:00",
        "date_modify": None,
        "date_publish": article["published"][:19].replace("T", " "),
        "description": article["text"].split("\n")[0][:80],
        "filename": article["url"].rsplit("/", 1)[-1] + ".json",
        "image_url": None,
        "language": language,
        "localpath": None,
        "maintext": article["text"],
        "source_domain": article["domain"],
        "text": None,
        "title": article["title"],
        "title_page": None,
        "title_rss": None,
        "url": article["url"],
    }


def trafilatura(article: dict) -> dict:
    """A record as ``trafilatura --json --with-metadata`` writes it (the URL under ``source``)."""
    return {
        "title": article["title"],
        "author": article["author"],
        "hostname": article["domain"].removeprefix("www."),
        "date": article["published"][:10],
        "fingerprint": "c0ffee",
        "id": None,
        "license": None,
        "comments": "",
        "raw_text": article["text"].replace("\n\n", " "),
        "text": article["text"].replace("\n\n", "\n"),
        "language": None,
        "image": None,
        "pagetype": "article",
        "filedate": "2019-02-01",
        "source": article["url"],
        "source-hostname": "وكالة " + article["domain"].split(".")[1],
        "excerpt": article["text"].split("\n")[0][:60],
        "categories": "",
        "tags": "",
    }


def html_page(article: dict, *, with_date: bool = True, site_name: str | None = None) -> str:
    """A saved news page: menus and footer around an <article> of the title and paragraphs."""
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in article["text"].split("\n\n"))
    meta = f'<meta property="article:published_time" content="{article["published"]}">' if with_date else ""
    if site_name:
        meta += f'<meta property="og:site_name" content="{escape(site_name)}">'
    return (
        f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{escape(article["title"])}'
        f"</title>{meta}</head><body><nav><p>الرئيسية</p><p>سياسة</p></nav><article><h1>{escape(article['title'])}"
        f"</h1>{paragraphs}</article><footer><p>جميع الحقوق محفوظة</p></footer></body></html>"
    )


# --------------------------------------------------------------------------- WARC


def warc(records: list[tuple[str, str, str, bytes]], *, gzip: bool, warc_date: str = "2019-02-01T09:00:00Z") -> bytes:
    """A WARC of (uri, HTTP status line, Content-Type, body) responses, each after its request, warcinfo first."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "tests/format_builders.py"}))
    for uri, status, content_type, body in records:
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", uri.split("/")[2])], is_http_request=True)
        writer.write_record(writer.create_warc_record(uri, "request", payload=io.BytesIO(b""), http_headers=request))
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=headers, warc_headers_dict={"WARC-Date": warc_date}
        )
        writer.write_record(record)
    return out.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


# --------------------------------------------------------------------------- spreadsheets


def _column(i: int) -> str:
    name = ""
    i += 1
    while i:
        i, rest = divmod(i - 1, 26)
        name = chr(65 + rest) + name
    return name


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    """An XLSX workbook: sheet name -> rows; a cell is a str (shared string), a number, None, or a formula
    ``("=FORMULA", saved value or None)`` as a spreadsheet program saves it."""
    strings: list[str] = []
    index: dict[str, int] = {}

    def shared(value: str) -> int:
        if value not in index:
            index[value] = len(strings)
            strings.append(value)
        return index[value]

    sheet_xml = []
    for rows in sheets.values():
        out = []
        for r, row in enumerate(rows, 1):
            cells = []
            for c, value in enumerate(row):
                ref = f"{_column(c)}{r}"
                if value is None:
                    continue
                if isinstance(value, tuple):
                    formula, saved = value
                    kind = ' t="str"' if isinstance(saved, str) else ""
                    cached = "" if saved is None else f"<v>{escape(str(saved))}</v>"
                    cells.append(f'<c r="{ref}"{kind}><f>{escape(formula[1:])}</f>{cached}</c>')
                elif isinstance(value, str):
                    cells.append(f'<c r="{ref}" t="s"><v>{shared(value)}</v></c>')
                else:
                    cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            out.append(f'<row r="{r}">{"".join(cells)}</row>')
        sheet_xml.append(
            '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main"><sheetData>{"".join(out)}</sheetData></worksheet>'
        )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006"
    n = len(sheets)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{pkg}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                for i in range(n)
            )
            + '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
        zf.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        zf.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
            + "".join(f'<sheet name="{escape(name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, name in
                      enumerate(sheets))
            + "</sheets></workbook>",
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}/relationships">'
            + "".join(f'<Relationship Id="rId{i + 1}" Type="{rel}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
                      for i in range(n))
            + f'<Relationship Id="rId{n + 1}" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
            + "</Relationships>",
        )
        for i, xml in enumerate(sheet_xml):
            zf.writestr(f"xl/worksheets/sheet{i + 1}.xml", xml)
        zf.writestr(
            "xl/sharedStrings.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}" count="{len(strings)}" '
            f'uniqueCount="{len(strings)}">'
            + "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings)
            + "</sst>",
        )
    return buffer.getvalue()


def ods(sheets: dict[str, list[list]]) -> bytes:
    """An OpenDocument spreadsheet: sheet name -> rows of str, numbers, None or ``("of:=FORMULA", saved value)``."""
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    tables = []
    for name, rows in sheets.items():
        out = []
        for row in rows:
            cells = []
            for value in row:
                if value is None:
                    cells.append("<table:table-cell/>")
                elif isinstance(value, tuple):
                    formula, saved = value
                    cells.append(
                        f'<table:table-cell table:formula="{escape(formula)}" office:value-type="string" '
                        f'office:string-value="{escape(str(saved))}">'
                        f"<text:p>{escape(str(saved))}</text:p></table:table-cell>"
                    )
                elif isinstance(value, str):
                    paragraphs = "".join(f"<text:p>{escape(p)}</text:p>" for p in value.split("\n"))
                    cells.append(f'<table:table-cell office:value-type="string">{paragraphs}</table:table-cell>')
                else:
                    cells.append(
                        f'<table:table-cell office:value-type="float" office:value="{value}">'
                        f"<text:p>{value}</text:p></table:table-cell>"
                    )
            out.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
        tables.append(f'<table:table table:name="{escape(name)}">{"".join(out)}</table:table>')
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{office}" '
        f'xmlns:table="{table}" xmlns:text="{text}" office:version="1.2"><office:body><office:spreadsheet>'
        f'{"".join(tables)}</office:spreadsheet></office:body></office:document-content>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
            'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
            'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
        )
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


# --------------------------------------------------------------------------- dataset folders


def dataset_table(articles: list[dict]) -> pa.Table:
    """The articles as a dataset table, with a common dataset schema (content, headline, date, source ...)."""
    return pa.table(
        {
            "headline": [a["title"] for a in articles],
            "content": [a["text"] for a in articles],
            "date": [a["published"] for a in articles],
            "source": [a["domain"].removeprefix("www.") for a in articles],
            "link": [a["url"] for a in articles],
            "label": pa.array([i % 2 for i in range(len(articles))], pa.int64()),
        }
    )


def parquet_shards(folder: Path, articles: list[dict], n_shards: int = 2) -> list[Path]:
    """A ``data/`` folder of ``train-0000i-of-0000n.parquet`` shards, as the Hub stores datasets."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n_shards):
        path = folder / f"train-{i:05d}-of-{n_shards:05d}.parquet"
        pq.write_table(dataset_table(articles[i::n_shards]), path)
        paths.append(path)
    return paths


def save_to_disk(folder: Path, articles: list[dict], n_shards: int = 2) -> None:
    """A folder as ``datasets.Dataset.save_to_disk`` writes it: Arrow IPC streams, state.json, dataset_info.json."""
    folder.mkdir(parents=True, exist_ok=True)
    table = dataset_table(articles)
    features = {name: {"dtype": str(table.schema.field(name).type), "_type": "Value"} for name in table.column_names}
    schema = table.schema.with_metadata({"huggingface": json.dumps({"info": {"features": features}})})
    files = []
    for i in range(n_shards):
        name = f"data-{i:05d}-of-{n_shards:05d}.arrow"
        shard = table.slice(i * 2, 2) if i < n_shards - 1 else table.slice(i * 2)
        with pa.ipc.new_stream(folder / name, schema) as writer:
            for batch in shard.cast(schema).to_batches(max_chunksize=1):
                writer.write_batch(batch)
        files.append({"filename": name})
    (folder / "state.json").write_text(
        json.dumps({"_data_files": files, "_fingerprint": "0f1e2d3c4b5a6978", "_format_columns": None,
                    "_format_kwargs": {}, "_format_type": None, "_output_all_columns": False, "_split": "train"},
                   indent=2),
        encoding="utf-8",
    )
    (folder / "dataset_info.json").write_text(
        json.dumps({"citation": "", "description": "أخبار عربية", "features": features, "homepage": "",
                    "license": ""}, ensure_ascii=False, indent=2),
        encoding="utf-8",
    )
