"""How ``report.html`` shows a table: Arabic headers, value formats, the columns and rows it shows.

The CSV files keep their English column names and raw values; the page shows each header in
Arabic with the English name as its tooltip (:data:`HEADERS`), each value in the format of its
column (:data:`FORMATS`, kinds of :func:`analysis.output.display.format_value`), codes in
words (:data:`VALUE_NAMES`) and a chosen set of columns per table (:data:`VIEWS`); the full
table is one click away as CSV.  Columns a corpus names (one per outlet in
``03_agency_counts`` and ``02_naming_shares``) are shown under the outlet's name.

>>> header("log_likelihood")
('الأرجحية اللوغاريتمية (G²)', 'log_likelihood')
>>> header("BBC", "03_agency_counts")
('بي بي سي', 'BBC: articles of this outlet crediting the agency')
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis.sources.agencies import outlet_names

#: Every column of the tables the report shows (and of a few it links), in Arabic.
HEADERS: dict[str, str] = {
    # 01 corpus overview
    "articles": "المقالات", "words": "الكلمات", "characters": "الحروف", "outlets": "الوسائل الإعلامية",
    "first": "أول تاريخ نشر", "last": "آخر تاريخ نشر", "files": "الملفات", "files_skipped": "ملفات لم تُقرأ",
    "dates_outlying": "تواريخ شاذة",
    "outlet": "رمز الوسيلة", "name": "الاسم", "share": "الحصة", "mean": "المتوسط", "median": "الوسيط",
    "min": "الأدنى", "max": "الأعلى", "path": "الملف", "reason": "السبب", "section": "القسم", "month": "الشهر",
    "title": "العنوان", "published": "تاريخ النشر", "n_words": "الكلمات", "articles_changed": "مقالات عُدّلت",
    "chars": "الحروف", "chars_removed": "حروف أزيلت", "share_removed": "الحصة المزالة", "text": "النص",
    "n_chars": "الحروف", "share_chars": "الحصة من حروف الوسيلة",
    # 02 terms and keyness
    "term": "الصيغة الموحّدة", "count": "التكرار", "doc_count": "عدد المقالات", "spelling": "الكلمة",
    "count_target": "التكرار في الوسيلة", "count_reference": "التكرار في الوسائل الأخرى",
    "per_million_target": "لكل مليون كلمة: الوسيلة", "per_million_reference": "لكل مليون كلمة: الأخرى",
    "doc_count_target": "مقالات الوسيلة", "doc_count_reference": "مقالات الوسائل الأخرى",
    "doc_share_target": "نسبة مقالات الوسيلة", "doc_share_reference": "نسبة مقالات الوسائل الأخرى",
    "log_likelihood": "الأرجحية اللوغاريتمية (G²)", "p_value": "قيمة p", "log_ratio": "النسبة اللوغاريتمية (Log Ratio)",
    "percent_diff": "الفرق النسبي (%DIFF)", "direction": "أكثر استخداما في",
    "الجهة": "الجهة", "التسمية": "التسمية", "set": "المجموعة", "referent": "الجهة", "variant": "التسمية",
    "set_mentions": "إشارات المجموعة",
    # 03 sources
    "speaker": "المتحدث", "speaker_type": "نوع المتحدث", "statements": "التصريحات", "direct": "اقتباس مباشر",
    "indirect": "اقتباس غير مباشر", "verbs": "أفعال القول", "channels": "صيغ الإسناد", "forms": "كما كُتب الاسم",
    "agency": "رمز الوكالة", "verb": "فعل القول", "quote": "نوع الاقتباس", "channel": "صيغة الإسناد",
    "content": "المضمون", "claimant": "القائل",
    # 04 claims
    "article_id": "المقال", "value": "القيمة", "value_text": "كما ورد", "qualifier": "المقيِّد", "unit": "الوحدة",
    "kind": "النوع", "source": "المصدر", "sentence": "الجملة", "group": "المجموعة", "event": "الحدث",
    "topic": "الموضوع", "period": "الفترة", "n_claims": "الأرقام", "n_articles": "المقالات",
    "value_min": "أدنى قيمة", "value_max": "أعلى قيمة", "values": "القيم", "value_texts": "كما ورد",
    "approx": "تقريبي", "group_min": "أدنى قيمة في المجموعة", "group_max": "أعلى قيمة في المجموعة",
    "group_spread": "التفاوت في المجموعة", "disagree": "تختلف الوسائل", "sentences": "الجمل",
    "article_ids": "المقالات",
}

#: Tooltips of columns whose CSV name is already Arabic (the English name is the tooltip of the others).
TOOLTIPS: dict[str, str] = {"الجهة": "referent (naming set)", "التسمية": "variant (the name used)"}

#: How a column's values are written (a kind of :func:`analysis.output.display.format_value`).
FORMATS: dict[str, str] = {
    "articles": "count", "words": "count", "characters": "count", "outlets": "count", "files": "count",
    "files_skipped": "count", "dates_outlying": "count", "first": "date", "last": "date", "share": "percent",
    "mean": "number",
    "median": "number", "min": "count", "max": "count", "count": "count", "doc_count": "count",
    "count_target": "count", "count_reference": "count", "per_million_target": "number",
    "per_million_reference": "number", "doc_count_target": "count", "doc_count_reference": "count",
    "doc_share_target": "percent", "doc_share_reference": "percent", "log_likelihood": "number",
    "p_value": "pvalue", "log_ratio": "ratio", "percent_diff": "percent100", "set_mentions": "count",
    "statements": "count", "direct": "count", "indirect": "count", "value": "value", "group": "count",
    "period": "period", "n_claims": "count", "n_articles": "count", "value_min": "value", "value_max": "value",
    "values": "list", "value_texts": "list", "approx": "bool", "group_min": "value", "group_max": "value",
    "group_spread": "percent", "disagree": "bool", "sentences": "lines", "article_ids": "list",
    "verbs": "text", "channels": "text", "forms": "text", "sentence": "text", "content": "text",
    "published": "date", "n_words": "count", "articles_changed": "count", "chars": "count", "chars_removed": "count",
    "share_removed": "percent", "n_chars": "count", "share_chars": "percent",
}

#: Codes shown in words (the CSV keeps the code).
VALUE_NAMES: dict[str, dict[str, str]] = {
    "direction": {"target": "الوسيلة المدروسة", "reference": "الوسائل الأخرى"},
    "speaker_type": {"named": "بالاسم", "role": "بالصفة", "anonymous": "مجهول", "institution": "مؤسسة",
                     "group": "مجموعة", "document": "وثيقة", "agency": "وكالة", "outlet": "وسيلة إعلامية"},
    "quote": {"direct": "مباشر", "indirect": "غير مباشر", "mixed": "جزئي"},
    "kind": {"count": "عدد", "percent": "نسبة مئوية", "share": "حصة", "age": "عمر", "money": "مبلغ",
             "distance": "مسافة", "duration": "مدة", "other": "مقدار"},
}


@dataclass(frozen=True)
class TableView:
    """What the page shows of one table.

    ``columns``: the columns shown, in order (those the frame lacks are skipped); ``others``:
    the kind of the columns the corpus names (one per outlet), shown after them under the
    outlet's name, or None to leave them to the CSV; ``headers``: this table's own wording of a
    header; ``outlets``: columns of outlet codes, shown by the outlet's name ("alarabia" -> العربية);
    ``empty``: what a missing value of a column says (a statement with no speaker named); ``max_rows``:
    the rows shown.
    """

    title_ar: str
    title_en: str
    columns: tuple[str, ...] = ()
    others: str | None = None
    others_tip: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    outlets: tuple[str, ...] = ()
    empty: dict[str, str] = field(default_factory=dict)
    max_rows: int = 20


#: The tables the report shows (``shown_tables`` of :mod:`analysis.report.manifest`) and those it links.
VIEWS: dict[str, TableView] = {
    "01_summary": TableView("ملخص المدونة", "Corpus summary",
                            ("articles", "outlets", "words", "characters", "first", "last", "files",
                             "files_skipped", "dates_outlying")),
    "01_by_outlet": TableView("المقالات حسب الوسيلة", "Articles by outlet", ("name", "articles", "share", "outlet"),
                              headers={"name": "الوسيلة", "share": "الحصة من المقالات"}),
    "01_articles": TableView("المقالات", "The articles"),
    "01_lengths": TableView("طول المقالات بالكلمات", "Article length in words, by outlet"),
    "01_furniture_summary": TableView("ما أزيل من نصوص الصفحات (عناصر الصفحة المتكررة)",
                                      "Page furniture removed, by outlet"),
    "01_furniture_removed": TableView("كل عنصر متكرر أزيل", "Every piece of page furniture removed"),
    "01_skipped": TableView("الملفات التي لم تُقرأ وسبب ذلك", "Files skipped, with the reason"),
    "01_outlying_dates": TableView("مقالات بتواريخ شاذة خارج مدى المدونة",
                                   "Articles dated far outside the corpus's span"),
    "02_terms": TableView("أكثر الكلمات تكرارا", "Most frequent terms",
                          ("spelling", "count", "doc_count", "share", "term"),
                          headers={"share": "الحصة من الكلمات المحسوبة"}),
    "02_keyness_table": TableView(
        "الكلمات المميزة للوسيلة الأكبر مقارنة بالوسائل الأخرى", "Key terms of the largest outlet against the others",
        ("spelling", "direction", "log_likelihood", "p_value", "log_ratio", "count_target", "count_reference",
         "per_million_target", "per_million_reference"), max_rows=40),
    "02_naming_shares": TableView("التسميات: حصة كل اسم من إشارات الجهة في كل وسيلة",
                                  "Naming: each name's share of the referent's mentions, by outlet",
                                  ("الجهة", "التسمية"), others="percent100",
                                  others_tip="share of the set's mentions in this outlet, %", max_rows=40),
    "02_article_terms": TableView("الكلمات المميزة لكل مقال", "Key terms of each article"),
    "02_naming_table": TableView("التسميات: الأعداد والحصص", "Naming choices: counts and shares"),
    "02_naming_mentions": TableView("كل إشارة محسوبة وموضعها", "Every counted mention with its offsets"),
    "02_naming_candidates": TableView("أسماء أخرى مقترحة للجهة", "Other names proposed for the seed"),
    "02_kwic": TableView("الكلمة في سياقها", "Keyword in context"),
    "03_attributions": TableView("كل تصريح منسوب", "Every reported statement"),
    "03_statements": TableView("من يتكلم في كل مقال", "Who speaks in each article"),
    "03_speakers": TableView("المتحدثون: من يُقتبس", "Who is quoted",
                             ("speaker", "speaker_type", "statements", "articles", "direct", "indirect", "verbs",
                              "channels", "forms"), empty={"speaker": "(متحدث غير مسمّى)"}),
    "03_agency_counts": TableView("الوكالات المذكورة في المقالات", "Agencies credited in the articles",
                                  ("name", "articles", "share"), others="count",
                                  others_tip="articles of this outlet crediting the agency",
                                  headers={"name": "الوكالة", "share": "الحصة من المقالات"}),
    "04_claims": TableView("الأرقام المذكورة", "Numeric claims",
                           ("value_text", "value", "unit", "qualifier", "source", "sentence", "article_id"),
                           outlets=("source",)),
    "04_numbers": TableView("الأرقام في كل مقال ومن قالها", "The numbers of each article and who claims them"),
    "04_comparison": TableView(
        "من يقول كم: الأرقام نفسها في وسائل مختلفة", "Who says how many: the same figure across outlets",
        ("group", "topic", "unit", "event", "period", "outlet", "value_texts", "value_min", "value_max",
         "group_spread", "approx", "n_articles", "sentences"), headers={"outlet": "الوسيلة"}, outlets=("outlet",),
        max_rows=30),
}


def table_title(stem: str) -> tuple[str, str]:
    """A table's title in words (Arabic, English); an unknown table is titled by its file name."""
    view = VIEWS.get(stem)
    return (view.title_ar, view.title_en) if view else (stem, "")


def _is_named_column(column: str) -> bool:
    return column in HEADERS


def header(column: str, table: str | None = None) -> tuple[str, str]:
    """A column's header in the report and its tooltip (the CSV's English name).

    A column the dictionary does not know is an outlet's (named by :func:`outlet_names`) or
    keeps its name.
    """
    view = VIEWS.get(table or "")
    if view and column in view.headers:
        return view.headers[column], column
    if column in HEADERS:
        return HEADERS[column], TOOLTIPS.get(column, column)
    name = outlet_names(pd.Series([column], dtype=object)).iloc[0]
    tip = f"{column}: {view.others_tip}" if view and view.others_tip else column
    return (str(name) if isinstance(name, str) else column), tip


def _others(frame: pd.DataFrame, view: TableView) -> list[str]:
    """The columns the corpus names (outlets), in the frame's order."""
    if view.others is None:
        return []
    return [c for c in frame.columns if c not in view.columns and not _is_named_column(c)]


@dataclass
class ShownTable:
    """A table ready for :func:`analysis.output.display.table_html`, and what the note under it says."""

    frame: pd.DataFrame
    headers: dict[str, tuple[str, str]]
    formats: dict[str, str | None]
    max_rows: int
    rows: int  # rows of the CSV
    columns: int  # columns of the CSV
    note_ar: str = ""
    note_en: str = ""


def select_rows(stem: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, str, str]:
    """The rows a table shows, with a note (Arabic, English) when they are a chosen part of it.

    ``04_comparison`` shows the groups whose outlets give different numbers (``disagree``);
    when none do, the groups more than one outlet reports (they agree), and says so.
    """
    if stem != "04_comparison" or "disagree" not in frame or "group" not in frame:
        return frame, "", ""
    disagree = frame["disagree"].astype(str).str.casefold().eq("true")
    groups = frame["group"].nunique()
    if disagree.any():
        kept = frame[disagree.to_numpy()]
        return (kept, f"المجموعات التي تختلف فيها الوسائل في الرقم فقط: {kept['group'].nunique():,} من {groups:,}.",
                f"Only the groups whose outlets give different numbers: {kept['group'].nunique():,} of {groups:,}.")
    side = "outlet" if "outlet" in frame else None
    shared = (frame.groupby("group")[side].transform("nunique") > 1) if side else pd.Series(False, index=frame.index)
    kept = frame[shared.to_numpy()]
    if kept.empty:
        return (kept, f"كل مجموعة من {groups:,} تنقلها وسيلة واحدة: لا شيء للمقارنة (المجموعات في الملف).",
                f"Each of the {groups:,} groups is reported by one outlet only: nothing to compare (the groups are "
                "in the CSV).")
    return (kept,
            f"لا تختلف الوسائل في أي رقم من {groups:,} مجموعة؛ هذه المجموعات التي نقلتها أكثر من وسيلة "
            f"({kept['group'].nunique():,}) وقد اتفقت.",
            f"No group of {groups:,} has outlets giving different numbers; shown: the "
            f"{kept['group'].nunique():,} groups more than one outlet reports (they agree).")


def table_view(stem: str, frame: pd.DataFrame) -> ShownTable:
    """The part of a CSV table the page shows, with its headers, formats and note.

    >>> t = table_view("01_by_outlet", pd.DataFrame({"outlet": ["BBC"], "name": ["بي بي سي"], "articles": [41],
    ...                                              "share": [0.196]}))
    >>> list(t.frame.columns), t.headers["share"], t.formats["share"]
    (['name', 'articles', 'share', 'outlet'], ('الحصة من المقالات', 'share'), 'percent')
    """
    view = VIEWS.get(stem) or TableView(stem, "")
    rows, note_ar, note_en = select_rows(stem, frame)
    if view.columns:
        columns = [c for c in view.columns if c in rows] + _others(rows, view)
    else:
        columns = list(rows.columns)
    shown = rows[columns].copy()
    for column, names in VALUE_NAMES.items():
        if column in shown:
            shown[column] = shown[column].map(lambda v, names=names: names.get(v, v) if isinstance(v, str) else v)
    for column, text in view.empty.items():
        if column in shown:
            shown[column] = shown[column].astype("object").where(shown[column].notna(), text)
    for column in view.outlets:
        if column in shown:
            shown[column] = outlet_names(shown[column].astype("object")).to_numpy()
    others = set(_others(rows, view))
    formats = {c: (view.others if c in others else FORMATS.get(c)) for c in columns}
    return ShownTable(shown, {c: header(c, stem) for c in columns}, formats, view.max_rows, len(frame),
                      len(frame.columns), note_ar, note_en)
