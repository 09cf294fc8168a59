"""Show Arabic frames right-to-left in JupyterLab and in HTML reports.

A DataFrame of Arabic text renders left-to-right by default: columns in the wrong
order for a reader and punctuation at the wrong end.  These helpers add
``dir="rtl"`` and isolate every cell (``<bdi>``), so Latin names, numbers and
quotes inside Arabic stay in place.
"""

from __future__ import annotations

import html

import pandas as pd

_RTL_CSS = "direction: rtl; text-align: right; unicode-bidi: isolate;"


def rtl(frame: pd.DataFrame, *, max_rows: int | None = 30, precision: int = 3):
    """A pandas Styler that shows ``frame`` right-to-left (for notebooks).

    >>> styled = rtl(pd.DataFrame({"term": ["إدلب"], "count": [10]}))
    >>> 'direction: rtl' in styled.to_html()
    True
    """
    shown = frame.head(max_rows) if max_rows is not None else frame
    return (shown.style.format(precision=precision, na_rep="")
            .set_table_attributes('dir="rtl"')
            .set_table_styles([{"selector": "th, td", "props": _RTL_CSS}]))


def table_html(frame: pd.DataFrame, *, max_rows: int | None = 30, precision: int = 3) -> str:
    """A standalone right-to-left HTML table, every cell isolated with ``<bdi>``.

    >>> '<table dir="rtl" class="data"><thead><tr>' in table_html(pd.DataFrame({"speaker": ["ناجي أبو حذيفة"]}))
    True
    """
    shown = frame.head(max_rows) if max_rows is not None else frame

    def cell(value) -> str:
        if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
            return ""
        if isinstance(value, float):
            value = f"{value:,.{precision}f}".rstrip("0").rstrip(".")
        return f"<bdi>{html.escape(str(value))}</bdi>"

    head = "".join(f"<th>{cell(c)}</th>" for c in shown.columns)
    rows = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>"
                   for row in shown.itertuples(index=False, name=None))
    more = (f'<p class="more">… {len(frame) - len(shown):,} more rows / صفوف أخرى</p>'
            if len(shown) < len(frame) else "")
    # A wide table scrolls inside its own box instead of widening the page.
    return (f'<div class="scroll" style="overflow-x: auto; max-width: 100%;"><table dir="rtl" class="data">'
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>{more}")


def kwic_html(kwic: pd.DataFrame, *, max_rows: int | None = 50) -> str:
    """Keyword-in-context lines as right-to-left HTML: context, highlighted match, context.

    Each part is isolated, so a left context ending in Latin or digits cannot jump to
    the wrong side of the match (the mixed-direction KWIC problem of concordancers).

    >>> k = pd.DataFrame({"article_id": ["a"], "left": ["قال لوكالة"], "match": ["الأناضول"],
    ...                   "right": ["(Anadolu) إن 400"], "start": [0], "end": [8]})
    >>> "<mark><bdi>الأناضول</bdi></mark>" in kwic_html(k)
    True
    """
    shown = kwic.head(max_rows) if max_rows is not None else kwic
    lines = "".join(
        "<tr>"
        f'<td class="left"><bdi>{html.escape(str(r.left))}</bdi></td>'
        f"<td class=\"match\"><mark><bdi>{html.escape(str(r.match))}</bdi></mark></td>"
        f'<td class="right"><bdi>{html.escape(str(r.right))}</bdi></td>'
        f'<td class="id"><bdi>{html.escape(str(r.article_id))}</bdi></td>'
        "</tr>"
        for r in shown.itertuples(index=False)
    )
    return f'<table dir="rtl" class="kwic"><tbody>{lines}</tbody></table>'


class HTML:
    """Wrap HTML text so Jupyter displays it (without importing IPython here)."""

    def __init__(self, text: str):
        self.text = text

    def _repr_html_(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text
