"""Words of ``report.html`` besides the tables: each figure's caption and each section's methods box.

Captions are keyed by the figure's file stem, with shell patterns for the names a corpus decides
(``02_terms_by_*``); an unknown figure is captioned by its stem.  A methods box says in a few
lines, Arabic first and then English, what was counted, what was left out, and how to read the
measures and the marks of the section's charts.

>>> figure_title("02_keyness")
('الكلمات المميزة: الوسيلة الأكبر مقابل الوسائل الأخرى', 'Key terms: the largest outlet against the others')
>>> figure_title("09_new_chart")
('09_new_chart', '')
"""

from __future__ import annotations

from fnmatch import fnmatchcase

#: Figure stem (or pattern) -> (Arabic caption, English caption).
FIGURES: dict[str, tuple[str, str]] = {
    "01_articles_by_outlet": ("عدد المقالات حسب الوسيلة", "Articles by outlet"),
    "01_articles_by_section": ("عدد المقالات حسب القسم", "Articles by section"),
    "01_articles_by_month": ("عدد المقالات حسب الشهر", "Articles by month"),
    "01_articles_by_*": ("عدد المقالات", "Articles"),
    "02_top_terms": ("أكثر الكلمات تكرارا", "Most frequent terms"),
    "02_top_stems": ("أكثر الكلمات تكرارا دون السوابق واللواحق", "Most frequent stems (clitics stripped)"),
    "02_top_bigrams": ("أكثر العبارات الثنائية تكرارا", "Most frequent two-word terms"),
    "02_terms_by_outlet": ("أكثر الكلمات في كل وسيلة", "Most frequent terms by outlet"),
    "02_terms_by_section": ("أكثر الكلمات في كل قسم", "Most frequent terms by section"),
    "02_terms_by_*": ("أكثر الكلمات حسب المجموعة", "Most frequent terms by group"),
    "02_terms_over_time": ("الكلمات عبر الزمن", "Terms over time"),
    "02_keyness": ("الكلمات المميزة: الوسيلة الأكبر مقابل الوسائل الأخرى",
                   "Key terms: the largest outlet against the others"),
    "02_naming": ("التسميات: أي اسم تختاره كل وسيلة للجهة نفسها", "Naming: which name each outlet uses"),
    "02_naming_over_time": ("تسميات الجهة الأكثر ذكرا عبر الزمن", "Names of the most mentioned referent over time"),
    "02_wordcloud": ("سحابة الكلمات", "Word cloud"),
    "03_sources": ("من يُقتبس، وكم مرة، وعبر أي وكالة", "Who is quoted, how often, through which agency"),
    "03_sources_by_type": ("المتحدثون حسب النوع: بالاسم، بالصفة، مجهول ...", "Speakers by type"),
    "03_verbs": ("أفعال القول", "Reporting verbs"),
    "03_agencies": ("الوكالات المذكورة في المقالات", "Agencies credited in the articles"),
    "04_claims_by_unit": ("الأرقام المذكورة حسب الوحدة: من قال كم", "Numbers claimed, by unit: who said how many"),
    "04_claims_by_source": ("الأرقام المذكورة حسب المصدر", "Numbers claimed, by source"),
}


def figure_title(stem: str) -> tuple[str, str]:
    """A figure's caption (Arabic, English): by its stem, then by pattern; an unknown one is its stem."""
    if stem in FIGURES:
        return FIGURES[stem]
    for pattern, title in FIGURES.items():
        if any(c in pattern for c in "*?[") and fnmatchcase(stem, pattern):
            return title
    return stem, ""


#: Section number -> the methods box: (Arabic paragraphs, English paragraphs), the n-th English one saying what
#: the n-th Arabic one says.
#: In the Arabic paragraphs, `...` marks a left-to-right fragment (a file name, p < 0.05): the page isolates it.
METHODS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "01": (
        ("كل ملف أو سجل قُرئ مقالٌ واحد؛ الملفات التي تعذّرت قراءتها معدودة في «ملفات لم تُقرأ» ومع سبب كلٍّ منها "
         "في `01_skipped.csv`.",
         "الحصة: نسبة مقالات الوسيلة من كل مقالات المدونة. التواريخ بالتوقيت العالمي (UTC)، ويُكتب اليوم وحده "
         "حين يكون الوقت منتصف الليل (تاريخ بلا ساعة في الغالب).",
         "أقل من 10 مقالات: لا معنى لرسوم المدونة (أعمدة طولها مقال واحد)، فيقرأ التقرير كل مقال وحده: من يتكلم "
         "فيه، وأي أرقام يحمل ومن قالها، وأي وكالات يذكر، وكلماته المميزة.",
         "الأثاث الصفحي: جملة تكررها الوسيلة في مقالات كثيرة في سياقات مختلفة (خمسة مقالات على الأقل و0.2% من "
         "مقالاتها)، وصيغ مكان النشر، وأسطر «للمزيد:»، واسم الوسيلة نفسها؛ تُحذف من نسخة المحتوى التي تُعدّ منها "
         "الكلمات، ويبقى النص الأصلي ومواضعه للمصادر والأرقام والتسميات."),
        ("Every file or record read is one article; files that could not be read are counted under "
         "“files skipped”, each with its reason in 01_skipped.csv.",
         "Share: the outlet's part of all articles. Dates are UTC; the day alone is shown when the time is "
         "midnight (usually a date without a time).",
         "Fewer than 10 articles: corpus charts say nothing (bars one article long), so the report reads each "
         "article on its own: who speaks, which numbers it carries and who claims them, which agencies it "
         "credits, its key terms.",
         "Page furniture: a sentence an outlet repeats in many articles in different contexts (at least 5 "
         "articles and 0.2% of its articles), dateline formulas, “read more” lines and the outlet's own name; "
         "left out of the content view that terms are counted from, while the original text and its offsets "
         "stay for sources, claims and naming."),
    ),
    "02": (
        ("ما يُعدّ: الكلمات بعد التطبيع (توحيد أشكال الألف والياء، وحذف التشكيل والتطويل، وتوحيد الأرقام)، وبعد حذف "
         "كلمات الربط والوظيفة (قائمة `Arabic-Stopwords` بكل صيغها مع «قال» و«أضاف» وأمثالهما)، من نسخة المحتوى "
         "(دون الأثاث الصفحي، انظر القسم الأول)، مع توحيد الكتابات المتعددة للكلمة نفسها («ترامب / ترمب»، "
         "«الأمريكية / الأميركية»، «آذار / مارس») من جدول يوسّعه المستخدم. «الكلمة» هي الكتابة "
         "الأشيع للصيغة الموحّدة، و«الحصة» نصيبها من كل الكلمات المحسوبة.",
         "الكلمات المميزة: مقالات الوسيلة الأكبر مقابل مقالات الوسائل الأخرى مجتمعة. `G²` (الأرجحية اللوغاريتمية) "
         "يقيس قوة الدليل على أن الفرق في التكرار ليس مصادفة: `3.84` يقابل `p < 0.05`، و`10.83` يقابل `p < 0.001`؛ ومع "
         "آلاف الكلمات المختبرة تظهر قيم `p` صغيرة بالصدفة، فاقرأ الترتيب وحجم الفرق معا. `Log Ratio` هو لوغاريتم "
         "(الأساس 2) نسبة التكرارين النسبيين: `+1` ضعف التكرار في الوسيلة، و`+2` أربعة أضعاف، والسالب أكثر في الوسائل "
         "الأخرى. في الرسم: طول العمود `G²`، و`(16/1)` عدد المرات في الوسيلة / في الوسائل الأخرى. تُستبعد الكلمات "
         "التي تقل عن 3 مرات في المجموعتين معا.",
         "التسميات: حصة كل اسم من إشارات المجموعة (الجهة نفسها) في الوسيلة، بالنسبة المئوية، فمجموع كل عمود داخل "
         "الجهة نحو 100% (بعد التقريب)؛ الخانة الفارغة: أقل من 5 إشارات للجهة في تلك الوسيلة."),
        ("Counted: words after normalisation (alef and yeh forms unified, diacritics, tatweel and digit forms "
         "folded) and without function words (the Arabic-Stopwords list in all its clitic forms, plus قال, أضاف "
         "and the like), from the content view (page furniture left out, see section 1), with the spellings of "
         "one word counted as one (ترامب / ترمب, الأمريكية / الأميركية, آذار / مارس; a table users can extend). "
         "“Word” is the most frequent spelling of the normalised term; “share” its part of all counted words.",
         "Key terms: the largest outlet's articles against all other outlets together. G² (log-likelihood) "
         "measures the evidence that a frequency difference is not chance: 3.84 is p < 0.05, 10.83 is p < 0.001; "
         "with thousands of terms tested some small p-values come by chance, so read rank and size of the "
         "difference together. Log Ratio is the log₂ of the ratio of relative frequencies: +1 twice as frequent "
         "in the outlet, +2 four times, negative more frequent in the others (zero counts smoothed by 0.5). In "
         "the chart: bar length is G², and (16/1) the occurrences in the outlet / in the others. Terms seen "
         "fewer than 3 times in both together are left out.",
         "Naming: each name's share of the set's mentions (the same referent) in an outlet, in percent, so an "
         "outlet's column adds up to about 100% (rounded) within a referent; empty: fewer than 5 mentions of "
         "the set there."),
    ),
    "03": (
        ("المتحدثون: صف واحد لكل شخص أو جهة مهما اختلفت كتابة اسمه («أردوغان»، «رجب طيب أردوغان»، «الرئيس التركي»: "
         "الصيغ المعدودة في «كما كُتب الاسم»). التصريحات: عدد الأقوال المنسوبة إليه، مباشرة (بين علامتي تنصيص) "
         "أو غير مباشرة؛ المقالات: عدد المقالات التي نُقل عنه فيها؛ الأرقام بين القوسين عدد المرات.",
         "الوكالات: عدد المقالات التي تنسب شيئا إلى الوكالة (في سطر المصدر أو في النص؛ منطقة الأناضول ليست "
         "الوكالة)، والحصة من كل المقالات، ثم عددها في كل وسيلة."),
        ("Speakers: one row per person or body however the articles write the name (“أردوغان”, “رجب طيب "
         "أردوغان”, “الرئيس التركي”: the forms counted are listed). Statements: reported statements, direct "
         "(in quotation marks) or indirect; articles: the articles quoting them; numbers in brackets are counts.",
         "Agencies: articles crediting the agency (dateline or text; the region Anatolia is not the agency), "
         "their share of all articles, then the count per outlet."),
    ),
    "04": (
        ("كل رقم في خبر مع وحدته (قتيل، دولار، %...)، مكتوبا بالأرقام أو بالكلمات («ألفي» = 2000)، ومن قاله؛ "
         "الأرقام بلا وحدة لا تُرسم (لا شيء تقارن به). في الرسوم: لوحة لكل وحدة أو لكل مصدر وفئة وحدات، فلا "
         "تشترك وحدتان مختلفتان في محور؛ العمود المظلل أو النقطة المفرغة رقم تقريبي (حوالي، نحو، أكثر من) و≈ "
         "أمام القيمة؛ ×2 رقم متطابق تكرر؛ وحين تمتد القيم على أكثر من مئة ضعف تُرسم نقاطا على مقياس لوغاريتمي.",
         "المقارنة: أرقام من الوحدة والحدث والأسبوع نفسه وجملها متقاربة مجموعةٌ واحدة؛ يُعرض هنا ما تختلف فيه "
         "الوسائل فقط (والجدول كاملا في الملف). التفاوت: (الأعلى − الأدنى) / الأعلى داخل المجموعة."),
        ("Every number in a story with its unit (killed, dollars, %...), in digits or words, and who said it; "
         "numbers without a unit are not drawn (nothing to compare them with). In the charts: one panel per unit, "
         "or per source and family of units, so unlike units never share an axis; a hatched bar or a hollow dot "
         "is an approximate number (about, nearly, more than), ≈ before the value; ×2 an identical claim seen "
         "twice; values spanning more than a hundredfold are drawn as dots on a log scale.",
         "Comparison: numbers of the same unit, event and week whose sentences share enough words form one group; "
         "only groups where outlets give different numbers are shown here (the full table is in the file). "
         "Spread: (max − min) / max within the group."),
    ),
}


#: The files a paragraph of :data:`METHODS` is about (a pattern of stems, by paragraph): a paragraph whose files
#: the report does not have (no keyness for one outlet, no comparison without claims) is left out.
METHODS_ABOUT: dict[str, tuple[str | None, ...]] = {
    "01": (None, None, "01_articles", "01_furniture*"),
    "02": (None, "02_keyness*", "02_naming_shares"),
    "03": ("03_speakers", "03_agency_counts"),
    "04": (None, "04_comparison"),
}


def methods(number: str, stems=None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The methods box of a section (Arabic paragraphs, English paragraphs); empty when it has none.

    ``stems``: the figures and tables the report has; a paragraph about files it lacks is left out.

    >>> len(methods("02")[0]), len(methods("02", ["02_terms", "02_naming_shares"])[1])
    (3, 2)
    """
    arabic, english = METHODS.get(number, ((), ()))
    if stems is None:
        return arabic, english
    stems = list(stems)
    about = METHODS_ABOUT.get(number, ())
    keep = [i for i in range(len(arabic))
            if i >= len(about) or about[i] is None or any(fnmatchcase(s, about[i]) for s in stems)]
    return tuple(arabic[i] for i in keep), tuple(english[i] for i in keep if i < len(english))
