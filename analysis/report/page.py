"""``report.html``: one self-contained, right-to-left page with every figure embedded and the key tables.

Figures and tables are grouped by the notebook that wrote them (their ``NN_`` prefix), under the
headings of :data:`analysis.report.manifest.NOTEBOOKS`, in the order each notebook writes them
(its ``order``; files it does not list come after, by name).  Each section opens with a short
methods box (:mod:`analysis.report.captions`); figures are captioned and tables titled in words,
and the tables the manifest names are shown for reading (:mod:`analysis.report.columns`: Arabic
headers with the CSV's English names as tooltips, formatted values, chosen columns, each table in
its own sideways-scrolling box) with the full CSV one click away.  Everything taken from the
files (names, cells) is HTML-escaped.
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
import time
from fnmatch import fnmatchcase
from pathlib import Path

import pandas as pd

from analysis.output.display import table_html
from analysis.report.captions import figure_title, methods
from analysis.report.columns import table_title, table_view
from analysis.report.manifest import section_headings, section_order, shown_tables

_CSS = """
body { font-family: "Noto Naskh Arabic", "Amiri", "DejaVu Sans", sans-serif; margin: 2em auto; max-width: 1100px;
       padding: 0 1em; line-height: 1.6; color: #222; }
h1, h2, h3 { text-align: right; overflow-wrap: anywhere; }
.en { font-size: 0.8em; color: #666; }
h1 .en, h2 .en { font-size: 0.6em; color: #777; margin-inline-start: 0.6em; }
h3 .en { font-weight: normal; margin-inline-start: 0.5em; }
p.meta, p.file, figcaption, p.note, p.more { overflow-wrap: anywhere; }
section { margin-top: 2.5em; }
details.methods { background: #f7f6f0; border: 1px solid #dedbd0; border-radius: 4px; padding: 0.4em 1em;
                  margin: 0.8em 0 1.5em; font-size: 0.92em; }
details.methods summary { cursor: pointer; font-weight: bold; }
details.methods p { margin: 0.4em 0; }
details.methods p[lang="en"] { color: #555; font-size: 0.95em; text-align: left; }
figure { margin: 1.5em 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { font-size: 0.9em; color: #444; }
figcaption .files, h3 .files { font-size: 0.8em; font-weight: normal; margin-inline-start: 0.8em; }
.files a { margin-inline-end: 0.5em; }
.table-block { margin: 1.5em 0; }
.table-block h3 { margin-bottom: 0.3em; }
div.scroll { overflow-x: auto; max-width: 100%; width: fit-content; border: 1px solid #e4e4e4; }
table.data { border-collapse: collapse; font-size: 0.88em; }
table.data th { background: #f4f4f4; white-space: nowrap; cursor: help; font-weight: bold; }
table.data th, table.data td { border-bottom: 1px solid #ddd; padding: 0.25em 0.6em; text-align: right;
                               vertical-align: top; }
table.data td.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
table.data td:not(.num) > bdi { display: inline-block; max-width: 34em; }
table.data td.long > bdi { min-width: 14em; }
table.data td:first-child > bdi { min-width: 6em; }
[lang="en"] { font-family: "DejaVu Sans", "Noto Sans", sans-serif; }
p.note, p.more { font-size: 0.82em; color: #666; margin: 0.3em 0; }
p.file { margin: 0.3em 0; font-size: 0.92em; }
p.file .name { font-size: 0.85em; color: #777; }
"""


def _image(path: Path, alt: str) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">'


def _english(text: str) -> str:
    return f' <span class="en" lang="en" dir="ltr">{html.escape(text)}</span>' if text else ""


def _rank(stem: str, order: tuple[str, ...]) -> int:
    """Where a stem comes in its notebook's order: the first pattern it matches, else after them all."""
    return next((i for i, pattern in enumerate(order) if fnmatchcase(stem, pattern)), len(order))


def _files(out: Path, stem: str) -> str:
    """Links to a figure's data and vector versions, those that exist."""
    links = [(f"{stem}.csv", "البيانات CSV"), (f"{stem}.svg", "SVG"), (f"{stem}.pdf", "PDF")]
    shown = [f'<a href="{html.escape(name)}">{html.escape(label)}</a>' for name, label in links
             if (out / name).exists()]
    return f' <span class="files">{"".join(shown)}</span>' if shown else ""


def _figure(out: Path, fig: Path) -> str:
    title_ar, title_en = figure_title(fig.stem)
    return (f'<figure id="f-{html.escape(fig.stem)}">{_image(fig, title_ar)}<figcaption><bdi>{html.escape(title_ar)}'
            f"</bdi>{_english(title_en)}{_files(out, fig.stem)}</figcaption></figure>")


def _read(path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path, encoding="utf-8-sig")
    except pd.errors.EmptyDataError:
        return pd.DataFrame()


def _table(tab: Path) -> str:
    """A shown table: its title, the link to the full CSV, the chosen rows and columns, what was left out."""
    frame = _read(tab)
    view = table_view(tab.stem, frame)
    title_ar, title_en = table_title(tab.stem)
    link = (f' <span class="files"><a href="{html.escape(tab.name)}">الجدول كاملا CSV · full table</a>'
            "</span>")
    parts = [f'<div class="table-block" id="t-{html.escape(tab.stem)}">',
             f"<h3><bdi>{html.escape(title_ar)}</bdi>{_english(title_en)}{link}</h3>"]
    if view.note_ar:
        parts.append(f'<p class="note">{html.escape(view.note_ar)}{_english(view.note_en)}</p>')
    if view.frame.empty:
        if not view.note_ar:
            parts.append('<p class="note">لا صفوف <span class="en" lang="en" dir="ltr">no rows</span></p>')
    else:
        parts.append(table_html(view.frame, max_rows=view.max_rows, headers=view.headers, formats=view.formats,
                                note=False))
        rows, cols = min(len(view.frame), view.max_rows), len(view.frame.columns)
        said_ar, said_en = [], []
        if rows < view.rows:
            said_ar.append(f"{rows:,} من {view.rows:,} صفا")
            said_en.append(f"{rows:,} of {view.rows:,} rows")
        if cols < view.columns:
            said_ar.append(f"{cols:,} من {view.columns:,} عمودا")
            said_en.append(f"{cols:,} of {view.columns:,} columns")
        if said_ar:
            english = f"{' and '.join(said_en)} shown; the rest is in the CSV"
            parts.append(f'<p class="more">يُعرض {" و".join(said_ar)}؛ الباقي في الملف{_english(english)}</p>')
    parts.append("</div>")
    return "".join(parts)


def _linked(tab: Path) -> str:
    title_ar, title_en = table_title(tab.stem)
    words = f"<bdi>{html.escape(title_ar)}</bdi>{_english(title_en)} " if title_ar != tab.stem else ""
    return (f'<p class="file"><a href="{html.escape(tab.name)}">{words}<bdi class="name">{html.escape(tab.name)}'
            "</bdi></a></p>")


def _ltr_fragments(escaped: str) -> str:
    """`...` fragments of an Arabic paragraph (already escaped) as left-to-right isolates.

    >>> _ltr_fragments("يقابل `p &lt; 0.05`")
    'يقابل <bdi dir="ltr">p &lt; 0.05</bdi>'
    """
    return re.sub(r"`([^`]+)`", r'<bdi dir="ltr">\1</bdi>', escaped)


def _methods(number: str, stems: list[str]) -> str:
    arabic, english = methods(number, stems)
    if not arabic and not english:
        return ""
    paragraphs = "".join(f"<p>{_ltr_fragments(html.escape(p))}</p>" for p in arabic)
    paragraphs += "".join(f'<p lang="en" dir="ltr">{html.escape(p).replace("`", "")}</p>' for p in english)
    return ('<details class="methods" open><summary>طريقة الحساب وكيف تُقرأ'
            f'{_english("Methods: what was counted and how to read it")}</summary>{paragraphs}</details>')


def write_html_report(out: str | os.PathLike, *, corpus: str = "", title: str = "تقرير تحليل الأخبار") -> Path:
    """Assemble ``out/report.html`` from the PNG figures and CSV tables in ``out``.

    Figures are embedded (the page is one self-contained file), grouped by the
    notebook that made them (their ``NN_`` prefix) and in the order it writes them;
    the tables the manifest names (:func:`analysis.report.manifest.shown_tables`) are
    shown, the others linked.
    """
    out = Path(out)
    figures = sorted(out.glob("[0-9][0-9]_*.png"))
    tables = sorted(out.glob("[0-9][0-9]_*.csv"))
    shown = shown_tables()
    orders = section_order()
    parts = []
    for number, (heading_ar, heading_en) in section_headings().items():
        figs = [f for f in figures if f.name.startswith(number + "_")]
        tabs = [t for t in tables if t.name.startswith(number + "_") and not (out / (t.stem + ".png")).exists()]
        if not figs and not tabs:
            continue
        order = orders.get(number, ())
        items = sorted(figs + tabs, key=lambda p: (_rank(p.stem, order), p.stem, p.suffix))
        parts.append(f'<section id="s{number}"><h2>{html.escape(heading_ar)}{_english(heading_en)}</h2>')
        parts.append(_methods(number, [p.stem for p in items]))
        for item in items:
            if item.suffix == ".png":
                parts.append(_figure(out, item))
            elif item.stem in shown:
                parts.append(_table(item))
            else:
                parts.append(_linked(item))
        parts.append("</section>")
    meta = json.dumps({"corpus": corpus, "generated": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())},
                      ensure_ascii=False)
    page = f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<h1>{html.escape(title)}{_english("News analysis report")}</h1>
<p class="meta">المدونة: <bdi>{html.escape(corpus)}</bdi></p>
<script type="application/json" id="report-meta">{html.escape(meta)}</script>
{''.join(parts)}
</body>
</html>
"""
    path = out / "report.html"
    path.write_text(page, encoding="utf-8")
    return path
