"""Titles and axis labels of the charts in Arabic and English, and Arabic month names."""

from __future__ import annotations

from analysis.errors import OptionError

LABELS = {
    "ar": {
        "count": "عدد المرات", "doc_count": "عدد المقالات", "share": "الحصة من الكلمات",
        "doc_share": "نسبة المقالات", "top_terms": "أكثر الكلمات تكرارا", "over_time": "الكلمات عبر الزمن",
        "by_outlet": "أكثر الكلمات في كل وسيلة إعلامية", "terms_by_outlet": "الكلمات حسب الوسيلة الإعلامية",
        "keyness": "الكلمات المميزة", "over_in": "أكثر استخداما في: {}", "target": "المجموعة المدروسة",
        "reference": "المجموعة المرجعية", "log_likelihood": "الأرجحية اللوغاريتمية (G²)",
        "log_ratio": "النسبة اللوغاريتمية (Log Ratio)", "percent_diff": "الفرق النسبي (%DIFF)",
        "sources": "من يُنقل عنه، وكم مرة، وعبر أي وكالة", "speakers": "المتحدثون", "channels": "الوكالات والقنوات",
        "quotes": "عدد الاقتباسات", "no_channel": "دون وكالة", "unknown": "غير معروف", "direct": "اقتباس مباشر",
        "mixed": "اقتباس جزئي",
        "indirect": "اقتباس غير مباشر", "claims": "الأرقام المذكورة", "value": "القيمة", "unattributed": "غير منسوب",
        "approx": "تقريبي", "exact": "دقيق", "wordcloud": "سحابة الكلمات", "period": "الفترة",
        "claimed_by": "المصدر", "unit": "الوحدة", "times": "×{}", "type_named": "بالاسم", "type_role": "بالصفة",
        "type_anonymous": "مجهول", "type_institution": "مؤسسة", "type_group": "مجموعة",
        "type_document": "وثيقة", "type_agency": "وكالة", "type_outlet": "وسيلة إعلامية", "other": "أخرى",
    },
    "en": {
        "count": "occurrences", "doc_count": "articles", "share": "share of counted words",
        "doc_share": "share of articles", "top_terms": "Most frequent terms", "over_time": "Terms over time",
        "by_outlet": "Most frequent terms by outlet", "terms_by_outlet": "Terms by outlet",
        "keyness": "Key terms", "over_in": "More used in: {}", "target": "target", "reference": "reference",
        "log_likelihood": "log-likelihood (G²)", "log_ratio": "log ratio", "percent_diff": "%DIFF",
        "sources": "Who is quoted, how often, through which agency", "speakers": "speakers",
        "channels": "agencies and channels", "quotes": "quotes", "no_channel": "no agency", "unknown": "unknown",
        "direct": "direct quote",
        "mixed": "partly quoted", "indirect": "indirect quote", "claims": "Numbers claimed", "value": "value",
        "unattributed": "unattributed", "approx": "approximate", "exact": "exact", "wordcloud": "Word cloud",
        "period": "period", "claimed_by": "source", "unit": "unit", "times": "×{}", "type_named": "named",
        "type_role": "by role", "type_anonymous": "anonymous", "type_institution": "institution",
        "type_group": "group", "type_document": "document", "type_agency": "agency", "type_outlet": "outlet",
        "other": "other",
    },
}
#: Month names as Al Arabiya, Sky News Arabia and most Arab outlets write them.
ARABIC_MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
                 "نوفمبر", "ديسمبر")


def label_text(lang: str, key: str, *args) -> str:
    """The label ``key`` in ``lang`` (``"ar"`` or ``"en"``), with ``args`` filled in.

    >>> label_text("en", "over_in", "CNN")
    'More used in: CNN'
    """
    if lang not in LABELS:
        raise OptionError(f"lang must be one of {', '.join(LABELS)}; got {lang!r}")
    return LABELS[lang][key].format(*args)
