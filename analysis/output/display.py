"""Show Arabic frames right-to-left in JupyterLab and in HTML reports.

A DataFrame of Arabic text renders left-to-right by default: columns in the wrong
order for a reader and punctuation at the wrong end.  These helpers add
``dir="rtl"`` and isolate every cell (``<bdi>``), so Latin names, numbers and
quotes inside Arabic stay in place.

Values are written for reading (:func:`format_value`): shares as percent, counts with
thousands separators, dates without a time zone, lists and booleans in words, nothing
for a missing value.  The CSV files keep the raw values.
"""

from __future__ import annotations

import ast
import html
import math
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

_RTL_CSS = "direction: rtl; text-align: right; unicode-bidi: isolate;"

#: How :func:`format_value` writes a value: ``count`` (1,234), ``percent`` (a fraction: 0.263 -> 26%),
#: ``percent100`` (already in percent: 26.3 -> 26%), ``number`` (46.6, 1,896), ``ratio`` (signed: +6.13),
#: ``pvalue`` (< 0.001), ``value`` (a measured number as exact as given: 37,000,000,000 or 99.91),
#: ``date`` (2018-03-05 14:19, the day alone at midnight), ``period`` (2018-07-02 – 2018-07-08),
#: ``bool`` (نعم / لا), ``list`` (a، b), ``lines`` (one item a line), ``text`` (as it is, but a Python
#: list or an ISO date in a string is written as a list or a date); None: guessed from the value.
KINDS = ("count", "percent", "percent100", "number", "ratio", "pvalue", "value", "date", "period", "bool", "list",
         "lines", "text")
#: Arabic words for yes and no (a boolean cell).
YES, NO = "نعم", "لا"
#: The separator of a list's items in a cell (the Arabic comma).
LIST_SEPARATOR = "، "
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$")
_PERIOD = re.compile(r"^(\d{4}-\d{2}(?:-\d{2})?)/(\d{4}-\d{2}(?:-\d{2})?)$")


def _missing(value) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, (float, np.floating)):
        return math.isnan(value)
    if isinstance(value, str):
        return value == ""
    try:
        return bool(pd.isna(value)) if np.ndim(value) == 0 else False
    except (TypeError, ValueError):
        return False


def _as_float(value) -> float | None:
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.replace(",", ""))
        except ValueError:
            return None
    return None


def _plain(x: float, decimals: int) -> str:
    """A number with thousands separators and at most ``decimals`` decimals, trailing zeros dropped."""
    text = f"{x:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _percent(x: float) -> str:
    """A value in percent: whole percent from 1% on, two significant digits below (0.46%)."""
    if x == 0:
        return "0%"
    size = abs(x)
    if size >= 1:
        return f"{_plain(round(x), 0)}%"
    decimals = -math.floor(math.log10(size)) + 1
    return f"{_plain(x, decimals)}%"


def _infinite(x: float) -> str:
    return "∞" if x > 0 else "-∞"


def format_date(value) -> str:
    """A date or timestamp for reading: UTC, no time zone, the day alone when the time is midnight.

    >>> format_date("2018-01-26 14:19:07+00:00"), format_date("2018-03-05T00:00:00Z"), format_date("2018-03-05")
    ('2018-01-26 14:19', '2018-03-05', '2018-03-05')
    >>> format_date(pd.Timestamp("2018-01-26 16:19", tz="Etc/GMT-2"))
    '2018-01-26 14:19'
    """
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        return str(value)
    if stamp is pd.NaT:
        return ""
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    if (stamp.hour, stamp.minute, stamp.second, stamp.microsecond) == (0, 0, 0, 0):
        return stamp.strftime("%Y-%m-%d")
    return stamp.strftime("%Y-%m-%d %H:%M")


def _listed(value) -> list | None:
    """The items of a list, tuple or array, or of a string holding a Python list ("['a', 'b']"); else None."""
    if isinstance(value, (list, tuple, np.ndarray, pd.Series)):
        return list(value)
    if isinstance(value, str) and len(value) >= 2 and (value[0], value[-1]) in (("[", "]"), ("(", ")")):
        try:
            parsed = ast.literal_eval(value)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            return None
        if isinstance(parsed, (list, tuple)):
            return list(parsed)
    return None


def _item(value) -> str:
    """One item of a list: a number without a needless ".0", anything else as text."""
    if _missing(value):
        return ""
    number = _as_float(value) if not isinstance(value, str) else None
    if number is not None:
        return _infinite(number) if math.isinf(number) else _plain(number, 6)
    return str(value)


def format_value(value, kind: str | None = None) -> str:
    """``value`` as a report cell shows it (plain text, not yet HTML-escaped); see :data:`KINDS`.

    >>> [format_value(v, k) for v, k in [(0.2631578, "percent"), (0.0050516, "percent"), (100.0, "percent100"),
    ...                                  (1234, "count"), (46.63383, "number"), (1896.4086, "number"),
    ...                                  (6.1286, "ratio"), (8.5e-12, "pvalue"), (0.0312, "pvalue"),
    ...                                  (37000000000.0, "value"), (float("inf"), "number")]]
    ['26%', '0.51%', '100%', '1,234', '46.6', '1,896', '+6.13', '< 0.001', '0.031', '37,000,000,000', '∞']
    >>> format_value("['a', 'b']"), format_value("[10.0, 17.0]"), format_value(True), format_value("False", "bool")
    ('a، b', '10، 17', 'نعم', 'لا')
    >>> format_value(float("nan"), "percent"), format_value(None), format_value("2018-01-26 14:19:07+00:00")
    ('', '', '2018-01-26 14:19')
    >>> format_value("2018-07-02/2018-07-08", "period"), format_value(["جملة أولى.", "جملة ثانية."], "lines")
    ('2018-07-02 – 2018-07-08', 'جملة أولى.\\nجملة ثانية.')
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind={kind!r}: one of {', '.join(KINDS)} or None")
    items = _listed(value) if kind not in ("count", "percent", "percent100", "number", "ratio", "pvalue",
                                          "value") else None
    if items is not None:
        return ("\n" if kind == "lines" else LIST_SEPARATOR).join(
            t for t in (_item(v) for v in items) if t)
    if _missing(value):
        return ""
    if isinstance(value, (bool, np.bool_)) or kind == "bool":
        if isinstance(value, str):
            truth = {"true": True, "false": False}.get(value.strip().casefold())
            return str(value) if truth is None else (YES if truth else NO)
        return YES if bool(value) else NO
    if isinstance(value, (pd.Timestamp, np.datetime64)) or kind == "date":
        return format_date(value)
    if isinstance(value, pd.Period):
        return str(value)
    if kind == "period" and isinstance(value, str):
        found = _PERIOD.match(value.strip())
        return f"{found.group(1)} – {found.group(2)}" if found else value
    number = _as_float(value) if (kind in KINDS[:7] or not isinstance(value, str)) else None
    if number is not None:
        if math.isinf(number):
            return _infinite(number)
        if kind == "percent":
            return _percent(number * 100)
        if kind == "percent100":
            return _percent(number)
        if kind == "pvalue":
            return "< 0.001" if number < 0.001 else f"{number:.3f}"
        if kind == "ratio":
            return f"{number:+.2f}"
        if kind == "number" or (kind is None and not number.is_integer()):
            size = abs(number)
            return _plain(number, 0 if size >= 100 else 1 if size >= 10 else 2) if kind == "number" else \
                _plain(number, 3)
        if kind == "value":
            return _plain(number, 6)
        return _plain(number, 0) if number.is_integer() else _plain(number, 2)
    text = str(value)
    if kind in (None, "text") and _DATE.match(text.strip()):
        return format_date(text.strip())
    return text


def column_kind(values: pd.Series) -> str | None:
    """A column's kind when every value says it (booleans, whole numbers, dates); None: decided per value.

    >>> column_kind(pd.Series([True, False])), column_kind(pd.Series(["True", None])), column_kind(pd.Series([3, 4]))
    ('bool', 'bool', 'count')
    """
    if pd.api.types.is_bool_dtype(values):
        return "bool"
    if pd.api.types.is_integer_dtype(values):
        return "count"
    if pd.api.types.is_datetime64_any_dtype(values):
        return "date"
    present = values.dropna()
    if len(present) and present.map(lambda v: isinstance(v, str) and v in ("True", "False")).all():
        return "bool"
    return None


def _cell_html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


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


def table_html(frame: pd.DataFrame, *, max_rows: int | None = 30, precision: int = 3,
               headers: Mapping[str, tuple[str, str]] | None = None, formats: Mapping[str, str | None] | None = None,
               note: bool = True) -> str:
    """A standalone right-to-left HTML table, every cell isolated with ``<bdi>`` and escaped.

    ``headers``: column -> (the header shown, its tooltip), e.g. ``{"share": ("الحصة", "share")}``;
    columns not named keep their name.  ``formats``: column -> a kind of :func:`format_value`;
    columns not named are guessed (:func:`column_kind`).  The table sits in its own box that
    scrolls sideways when it is wider than the page.  ``note``: say how many rows are left out.
    ``precision`` is kept for callers of the earlier signature (the kinds decide the decimals).

    >>> '<table dir="rtl" class="data"><thead><tr>' in table_html(pd.DataFrame({"speaker": ["ناجي أبو حذيفة"]}))
    True
    >>> t = table_html(pd.DataFrame({"share": [0.263]}), headers={"share": ("الحصة", "share")},
    ...                formats={"share": "percent"})
    >>> '<th scope="col" title="share"><bdi>الحصة</bdi></th>' in t, '<bdi dir="ltr">26%</bdi>' in t
    (True, True)
    """
    del precision
    headers = headers or {}
    formats = formats or {}
    shown = frame.head(max_rows) if max_rows is not None else frame
    kinds = [formats[c] if c in formats else column_kind(shown[c]) for c in shown.columns] if len(
        set(shown.columns)) == len(shown.columns) else [None] * len(shown.columns)
    textual = ("text", "lines", "list", None)

    def head(column) -> str:
        label, tip = headers.get(column, (str(column), str(column)))
        title = f' title="{html.escape(str(tip))}"' if tip else ""
        return f'<th scope="col"{title}><bdi>{html.escape(str(label))}</bdi></th>'

    # Numbers, dates and signs read left to right ("< 0.001", "-5.28", "26%") whatever the page's direction.
    # Columns declared as running text get room to wrap (class "long") instead of being squeezed.
    cells = [('<td class="long">' if k in ("text", "lines") else "<td>", "<bdi>") if k in textual
             else ('<td class="num">', '<bdi dir="ltr">') for k in kinds]
    head_row = "".join(head(c) for c in shown.columns)
    rows = "".join(
        "<tr>" + "".join(f"{td}{bdi}{_cell_html(format_value(v, k))}</bdi></td>"
                         for v, k, (td, bdi) in zip(row, kinds, cells, strict=True)) + "</tr>"
        for row in shown.itertuples(index=False, name=None))
    more = (f'<p class="more">… {len(frame) - len(shown):,} more rows / صفوف أخرى</p>'
            if note and len(shown) < len(frame) else "")
    # A wide table scrolls inside its own box instead of widening the page.
    return (f'<div class="scroll" style="overflow-x: auto; max-width: 100%;"><table dir="rtl" class="data">'
            f"<thead><tr>{head_row}</tr></thead><tbody>{rows}</tbody></table></div>{more}")


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
