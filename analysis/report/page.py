"""``report.html``: one self-contained, right-to-left page with every figure embedded and the key tables.

Figures and tables are grouped by the notebook that wrote them (their ``NN_`` prefix), under the
headings of :data:`analysis.report.manifest.NOTEBOOKS`.
"""

from __future__ import annotations

import base64
import html
import json
import os
import time
from pathlib import Path

import pandas as pd

from analysis.output.display import table_html
from analysis.report.manifest import section_headings, shown_tables


def _image(path: Path) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(path.stem)}">'


def write_html_report(out: str | os.PathLike, *, corpus: str = "", title: str = "تقرير تحليل الأخبار") -> Path:
    """Assemble ``out/report.html`` from the PNG figures and CSV tables in ``out``.

    Figures are embedded (the page is one self-contained file), grouped by the
    notebook that made them (their ``NN_`` prefix); the tables the manifest names
    (:func:`analysis.report.manifest.shown_tables`) are shown, the others linked.
    """
    out = Path(out)
    figures = sorted(out.glob("[0-9][0-9]_*.png"))
    tables = sorted(out.glob("[0-9][0-9]_*.csv"))
    shown = shown_tables()
    parts = []
    for number, (heading_ar, heading_en) in section_headings().items():
        figs = [f for f in figures if f.name.startswith(number + "_")]
        tabs = [t for t in tables if t.name.startswith(number + "_") and not (out / (t.stem + ".png")).exists()]
        if not figs and not tabs:
            continue
        parts.append(f'<section id="s{number}"><h2>{html.escape(heading_ar)} '
                     f'<span class="en" dir="ltr">{html.escape(heading_en)}</span></h2>')
        for fig in figs:
            data = out / (fig.stem + ".csv")
            link = f' <a href="{html.escape(data.name)}">CSV</a>' if data.exists() else ""
            parts.append(f"<figure>{_image(fig)}<figcaption><bdi>{html.escape(fig.stem)}</bdi>{link}"
                         "</figcaption></figure>")
        for tab in tabs:
            if tab.stem in shown:
                frame = pd.read_csv(tab, encoding="utf-8-sig")
                parts.append(f"<h3><bdi>{html.escape(tab.stem)}</bdi></h3>{table_html(frame, max_rows=20)}")
            else:
                parts.append(f'<p class="file"><a href="{html.escape(tab.name)}"><bdi>{html.escape(tab.name)}</bdi>'
                             "</a></p>")
        parts.append("</section>")
    meta = json.dumps({"corpus": corpus, "generated": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())},
                      ensure_ascii=False)
    page = f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<style>
body {{ font-family: "Noto Naskh Arabic", "Amiri", "DejaVu Sans", sans-serif; margin: 2em auto; max-width: 1100px;
       line-height: 1.6; color: #222; }}
h1, h2, h3 {{ text-align: right; }}
h2 .en {{ font-size: 0.6em; color: #777; margin-inline-start: 1em; }}
figure {{ margin: 1.5em 0; }}
figure img {{ max-width: 100%; border: 1px solid #eee; }}
figcaption {{ font-size: 0.85em; color: #555; }}
table.data {{ border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }}
table.data th, table.data td {{ border-bottom: 1px solid #ddd; padding: 0.2em 0.6em; text-align: right; }}
p.more {{ font-size: 0.8em; color: #777; }}
</style>
</head>
<body>
<h1>{html.escape(title)} <span class="en" dir="ltr">News analysis report</span></h1>
<p class="meta">المدونة: <bdi>{html.escape(corpus)}</bdi></p>
<script type="application/json" id="report-meta">{html.escape(meta)}</script>
{''.join(parts)}
</body>
</html>
"""
    path = out / "report.html"
    path.write_text(page, encoding="utf-8")
    return path
