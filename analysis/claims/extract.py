"""Numeric claims in Arabic news: who says how many of what, with the sentence as evidence.

:func:`extract_claims` reads every number in the articles (:mod:`analysis.numbers`)
and keeps those that state a quantity: counts ("400 عنصرا"، "ألفي مقاتل"),
percentages, money, distances and durations, with the qualifier that softens or
bounds them ("حوالي"، "أكثر من"، "على الأقل"), the counted noun reduced to a key
("عنصرا"/"عناصر"/"عنصر" -> "عنصر"), who did what to how many where the sentence
says it, the place, and the source the claim is attributed to
(:func:`attach_sources`).  Years, dates, times, phone numbers, ordinals and
numbers inside names ("القرار 2254"، "كوفيد-19"، "F-16") are not claims: they are
dropped, or kept with their ``kind`` when ``include_non_claims=True``.

:func:`compare_claims` groups claims about the same thing and lays out who says
how many.

The columns (:data:`CLAIM_COLUMNS`):

==============  ============================================================================
article_id      the article
par_no sent_no  paragraph and sentence numbers (as :func:`analysis.segment.sentences`)
value           the number (float); NaN for a vague quantity ("عشرات"، "مئات الآلاف")
value_text      the number as written ("400"، "ألفي"، "1.5 مليون"، "عشرات")
approx          True when the number is not stated as exact: an approximator, a bound,
                or a vague quantity
qualifier       the word(s) as written ("حوالي"، "أكثر من"، "على الأقل"), the vague word
                itself for a vague quantity, else NA
unit            key of the counted noun ("عنصر"، "شخص"، "%"، "دولار"، "كيلومتر"، "سنة");
                NA when the sentence names nothing counted
unit_text       the unit as written ("عنصرا"، "بالمئة"، "كيلو متر")
kind            count | percent | money | distance | duration | other; non-claims (only
                with ``include_non_claims=True``): year | date | time | phone | name |
                ordinal | score
subject verb    who did what ("قوات المعارضة السورية" / "أسرت"), when the sentence says
place           a place named in the sentence (nearest to the number)
source          who the claim is attributed to (:func:`attach_sources`)
source_type     named | role | institution | anonymous | agency | outlet
sentence        the full sentence
start end       offsets of the number and its unit phrase in the article text
==============  ============================================================================
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis import engines
from analysis.claims.numbers import (
    NUMBER_HINT_PATTERN,
    NumberSpan,
    NumToken,
    find_numbers,
    is_number_word,
    number_tokens,
    word_key,
)
from analysis.text.normalize import normalize
from analysis.text.tokens import FORMAT_CHARS, MARKS

__all__ = ["CLAIM_COLUMNS", "CLAIM_KINDS", "NON_CLAIM_KINDS", "attach_sources", "compare_claims", "extract_claims",
           "unit_key"]

CLAIM_COLUMNS = ["article_id", "par_no", "sent_no", "value", "value_text", "approx", "qualifier", "unit", "unit_text",
                 "kind", "subject", "verb", "place", "source", "source_type", "sentence", "start", "end"]
CLAIM_KINDS = ("count", "percent", "money", "distance", "duration", "other")
NON_CLAIM_KINDS = ("year", "date", "time", "phone", "name", "ordinal", "score")


def _keys(words: str) -> frozenset[str]:
    return frozenset(word_key(w) for w in words.split())


# --- qualifiers ----------------------------------------------------------------------------------------

# Before the number.  Every one makes the value not exact (approx=True): approximators
# (حوالي، نحو) and bounds (أكثر من، ما لا يقل عن) alike.
_PRE_QUALIFIERS = sorted(
    (tuple(word_key(w) for w in q.split()) for q in (
        "حوالي", "حوالى", "نحو", "قرابة", "زهاء", "ما يقارب", "يقارب", "تقارب", "ما يقرب من", "يقرب من",
        "ما يناهز", "يناهز", "تناهز", "في حدود", "أكثر من", "ما يزيد عن", "ما يزيد على", "يزيد عن", "يزيد على",
        "تزيد عن", "تزيد على", "ما يزيد", "أزيد من", "ما يربو على", "يربو على", "ما يفوق", "يفوق", "تفوق",
        "ما لا يقل عن", "لا يقل عن", "لا تقل عن", "أقل من", "ما دون", "ما لا يزيد عن", "ما لا يزيد على",
        "لا يزيد عن", "لا يزيد على", "لا تزيد عن", "لا تزيد على", "لا يتجاوز", "لا تتجاوز", "ما يصل إلى",
        "يصل إلى", "تصل إلى", "ما يتجاوز", "يتجاوز", "تتجاوز", "أقرب إلى", "أكثر قليلا من", "أقل بقليل من")),
    key=len, reverse=True)
_POST_QUALIFIERS = [tuple(word_key(w) for w in q.split()) for q in ("على الأقل", "على الأكثر", "تقريبا")]
_QUALIFIER_CLITICS = ("و", "ب", "ل", "وب", "ول", "ف", "فب")

# --- units ---------------------------------------------------------------------------------------------

_PERCENT_WORDS = _keys("بالمئة بالمائة بالمئه بالمائه بالمية بالميه %")
_PERCENT_PAIRS = {("في", "المئه"), ("في", "المائه"), ("في", "الميه")}

# Broken plurals, irregular singulars and synonyms -> the key (normalised: bare alef, ى -> ي, ة kept).
_LEMMAS_RAW = """
عناصر عنصر|أشخاص شخص|قتلى قتيل|جرحى جريح|أسرى أسير|مصابين مصاب|أطفال طفل|نساء امرأة|نسوة امرأة|رجال رجل
جنود جندي|مدن مدينة|قرى قرية|دول دولة|منازل منزل|مبان مبنى|مباني مبنى|بيوت بيت|صواريخ صاروخ|عمال عامل
طلاب طالب|طلبة طالب|ضحايا ضحية|شهداء شهيد|مرضى مريض|أعضاء عضو|نواب نائب|وزراء وزير|سفن سفينة|قوارب قارب
مراكب مركب|مدافع مدفع|قذائف قذيفة|أسلحة سلاح|مواقع موقع|مراكز مركز|مستشفيات مستشفى|مدارس مدرسة|مساجد مسجد
كنائس كنيسة|بنوك بنك|مصارف مصرف|مشاريع مشروع|مشروعات مشروع|وظائف وظيفة|فرص فرصة|أصوات صوت|مقاعد مقعد
فصائل فصيل|كتائب كتيبة|ألوية لواء|أحزاب حزب|قرارات قرار|وفيات وفاة|مطالب مطلب|شروط شرط|بنود بند|نقاط نقطة
أهداف هدف|ملاعب ملعب|أطنان طن|طنا طن|براميل برميل|أمتار متر|أميال ميل|أيام يوم|أشهر شهر|شهور شهر|سنوات سنة
سنين سنة|سنه سنة|أعوام سنة|عام سنة|عاما سنة|أسابيع أسبوع|دقائق دقيقة|ثوان ثانية|ثواني ثانية|قرون قرن|ليال ليلة
ليالي ليلة|عقود عقد|دولارات دولار|ريالات ريال|دراهم درهم|دنانير دينار|جنيهات جنيه|روبلات روبل|فرنكات فرنك
شيكلات شيكل|شواكل شيكل|سنتات سنت|قروش قرش|يوروهات يورو|إسترليني جنيه|استرليني جنيه|دونمات دونم|هكتارات هكتار
كيلومترات كيلومتر|كم كيلومتر|كلم كيلومتر|كيلومتر كيلومتر|سم سنتيمتر|ملم مليمتر|كغ كيلوغرام|كلغ كيلوغرام
كيلوجرام كيلوغرام|جرام غرام|لترات لتر|قطع قطعة|أفراد فرد|أسر أسرة|سجناء سجين|رهائن رهينة|أطباء طبيب
خبراء خبير|علماء عالم|ضباط ضابط|هجمات هجوم|انفجارات انفجار|اجتماعات اجتماع|مطارات مطار|استثمارات استثمار
اعتداءات اعتداء|انتخابات انتخاب|حسابات حساب|طلبات طلب|ملفات ملف|حيوانات حيوان|منتجات منتج|اتصالات اتصال
تصريحات تصريح|مقترحات مقترح|مقابر مقبرة|جثث جثة|جثامين جثمان|منشآت منشأة|معارك معركة|أحياء حي
مخيمات مخيم|سجون سجن|أسواق سوق|محلات محل|شوارع شارع|جسور جسر|طرق طريق|آبار بئر|مزارع مزرعة|أشجار شجرة
رؤوس رأس|عمليات عملية|مواسم موسم|نجوم نجم|أضعاف ضعف|فرق فريق|مناطق منطقة|قضاة قاض|قادة قائد|أفلام فيلم
أجهزة جهاز|بلدان بلد|أندية ناد|حروب حرب|هزائم هزيمة|أنواع نوع|أسماء اسم|أبناء ابن|طوابق طابق|ألغام لغم|أجزاء جزء
أشواط شوط|جيوب جيب|حراس حارس|أماكن مكان|أسباب سبب|أطراف طرف|أنصار نصير|أجانب أجنبي|سياح سائح|زعماء زعيم
رؤساء رئيس|أولاد ولد|شبان شاب|فتية فتى|صبية صبي|حكام حاكم|ركاب راكب|هواتف هاتف|أرقام رقم|مصادر مصدر|وثائق وثيقة
تهم تهمة|قطاعات قطاع|كيانات كيان|لقاءات لقاء|إطارات إطار|مئوية درجة|م2 متر|حجاج حاج|مسلمين مسلم|أئمة إمام
مسلحين مسلح|فلسطينيين فلسطيني|إسرائيليين إسرائيلي|مليونا مليون
آخرون شخص|آخرين شخص|ملايين مليون|أصل أصل|نسمة نسمة|لاعبين لاعب|جوائز جائزة
ميداليات ميدالية|أهالي أهل|سكان ساكن|مواطنون مواطن|حالات حالة|غارات غارة|إصابات إصابة|درجات درجة|دبابات دبابة
ساعات ساعة|مرات مرة|مليارات مليار|جولات جولة|مباريات مباراة|قنوات قناة|مستوطنات مستوطنة|عائلات عائلة|نقطه نقطة
"""
_LEMMAS = {}
for _pair in _LEMMAS_RAW.replace("\n", "|").split("|"):
    if _pair.strip():
        _form, _lemma = _pair.split()
        _LEMMAS[word_key(_form)] = normalize(_lemma)
# Singular nouns that look like a sound plural or an accusative: left alone.
_KEEP = {word_key(w) for w in ("دين يمين بنزين مسكين تموين ين يورو بيزو كيلو راديو فيديو ميغاوات ميجاوات "
                                "كيلووات غيغاوات جيجاوات واط").split()}

_CURRENCIES = {normalize(w) for w in (
    "دولار يورو جنيه ريال درهم دينار ليرة روبل يوان ين فرنك شيكل روبية سنت قرش فلس بيزو كرونة راند تومان روبيه "
    "بتكوين").split()}
_DISTANCES = {normalize(w) for w in "كيلومتر متر ميل سنتيمتر مليمتر".split()}
_DURATIONS = {normalize(w) for w in "ثانية دقيقة ساعة يوم أسبوع شهر سنة قرن ليلة".split()}
# Measures that are neither distances nor money: kind "other".
_MEASURES = {normalize(w) for w in (
    "هكتار دونم فدان طن كيلوغرام غرام برميل لتر درجة نقطة ميغاوات ميغاواط ميجاوات ميجاواط كيلوواط واط "
    "قدم كيلو").split()}
_CURRENCY_ADJECTIVES = _keys(
    "أمريكي أميركي الأمريكي الأميركي أمريكية أميركية إسترليني استرليني مصري سعودي إماراتي أردني كويتي عراقي "
    "ليبي تونسي جزائري بحريني قطري عماني يمني سوداني مغربي لبناني سوري تركية سورية لبنانية إيراني إسرائيلي "
    "روسي صيني ياباني سويسري كندي أسترالي هندي باكستاني")
_AREA_WORDS = _keys("مربع مربعا مربعة")
_UNIT_WORDS_ALL = _CURRENCIES | _DISTANCES | _DURATIONS | _MEASURES | {normalize(w) for w in (
    "ليرة ليلة كيلوغرام ميغاوات كيلووات").split()}
# Nouns that may open with ب or ل and still be what a number counts; other ب/ل words after a
# number are a preposition and its noun ("2018 بروسيا"، "ثمانية بجروح").
_BL_NOUNS = {normalize(w) for w in (
    "بلد بلدة بند بنك برميل بيت بطولة بطاقة بوصة بيضة بئر باخرة بلدية بنت باحث باص بناية برج بحيرة بليون بيان "
    "بلاغ لاعب لاعبة لاجئ لغم لقب لتر ليتر ليرة ليلة لجنة لوحة لغة لقاء لقطة لحظة لواء لص لقاح بحار بحري "
    "لاجئة بعثة بوابة بورصة باحثة برنامج بضاعة").split()}
# Superlatives and quantifier nouns in construct: the counted noun is the one after them
# ("4 من كبار المطربين"، "10 أفضل لاعبين").
_ELATIVES = _keys("أكثر أقل أكبر أصغر أفضل أسوأ أهم أبرز أعلى أدنى أطول أقصر أغنى أفقر أقوى أسرع أخطر كبار "
                  "أغلب معظم جميع بعض كل أحد إحدى")
_VOLUME_WORDS = _keys("مكعب مكعبا")


@lru_cache(maxsize=50_000)
def _lemma(word: str) -> str | None:
    """Key of one counted noun as written (clitic article stripped), or None if nothing is left."""
    norm = normalize(word)
    if norm in ("%", "\u066a"):
        return "%"
    for art in ("وال", "بال", "فال", "كال", "لل", "ال"):
        if norm.startswith(art) and len(norm) - len(art) >= 2:
            rest = norm[len(art):]
            # "لليلة" is ل + الليلة: the article's lam and the noun's merged
            if art == "لل" and ("ل" + rest in _UNIT_WORDS_ALL or word_key("ل" + rest) in _LEMMAS):
                rest = "ل" + rest
            norm = rest
            break
    key = word_key(norm)
    if key in _LEMMAS:
        return _LEMMAS[key]
    if key in _KEEP:
        return norm
    if key.endswith("ايا") and len(key) >= 5:  # ضحايا-like: قضايا -> قضية
        return norm[:-3] + "ية"
    if key.endswith("ات") and len(key) >= 5:
        stem = norm[:-2]
        skey = key[:-2]
        if stem in _UNIT_WORDS_ALL or (len(skey) >= 5 and skey[0] == "ا") or (
                len(skey) == 5 and skey[0] == "ت" and (skey[3] == "ي" or skey[2] == "ا")):
            return stem  # انتصارات، تغييرات، تعادلات، كيلوغرامات: masculine singulars
        return stem + "ة"
    if key.endswith(("ين", "ون")) and len(key) >= 5:
        return norm[:-2]
    if key.endswith("ا") and len(key) >= 4:  # accusative tanween alif: عنصرا، قتيلا
        stem = norm[:-1]
        return _LEMMAS.get(word_key(stem), stem)
    return norm


def unit_key(unit: str | None) -> str | None:
    """The grouping key of a unit as written: one lemma-like form for all the noun's forms.

    Plurals, the accusative "ـا", the article and spelling variants meet in one key;
    percent words become "%"; years and "عام" are "سنة"; "كم"/"كيلو متر" are
    "كيلومتر"; an area adds "مربع".  Keys are normalised (bare alef, ى -> ي).

    >>> [unit_key(w) for w in ["عنصرا", "عناصر", "عنصر", "أعوام", "عاما", "بالمئة", "كيلو متر", "قتلى"]]
    ['عنصر', 'عنصر', 'عنصر', 'سنة', 'سنة', '%', 'كيلومتر', 'قتيل']
    >>> unit_key("كيلومتر مربع"), unit_key("مقاتلين"), unit_key("سيارات"), unit_key(None)
    ('كيلومتر مربع', 'مقاتل', 'سيارة', None)
    """
    if unit is None or (isinstance(unit, float) and math.isnan(unit)) or unit is pd.NA:
        return None
    words = str(unit).split()
    if not words:
        return None
    keys = [word_key(w) for w in words]
    if keys[0] in _PERCENT_WORDS or tuple(keys[:2]) in _PERCENT_PAIRS or keys[0] in ("%", "\u066a"):
        return "%"
    if keys[0] == "كيلو" and len(keys) > 1:
        if keys[1] in ("متر", "مترا", "مترات"):
            return "كيلومتر"
        if keys[1] in ("غرام", "جرام", "غراما", "جراما"):
            return "كيلوغرام"
    lemma = _lemma(words[0])
    if lemma is None:
        return None
    if len(keys) > 1 and lemma in _DISTANCES:
        if keys[1] in _AREA_WORDS:
            return lemma + " مربع"
        if keys[1] in _VOLUME_WORDS:
            return lemma + " مكعب"
    return lemma


def _kind_of(unit: str | None) -> str:
    if unit is None:
        return "other"
    if unit == "%":
        return "percent"
    if unit in _CURRENCIES:
        return "money"
    if unit in _DISTANCES:
        return "distance"
    if unit in _DURATIONS:
        return "duration"
    if unit in _MEASURES or unit.endswith((" مربع", " مكعب")) or unit in ("كيلوغرام",):
        return "other"
    return "count"


# --- words that are never the counted noun ---------------------------------------------------------------

_FUNCTION_WORDS = _keys(
    "عندما بينما كلما حينما ريثما لما مما ممن بينهم بينها عليهم لديهم عنهم تلو "
    "في من على إلى الى عن مع و أو ثم لكن لكنه بل حتى منذ بعد قبل خلال بين عند لدى حول ضد دون نحو حوالي أي كل "
    "بعض غير سوى ما ماذا لا لم لن قد لقد أن إن أنه إنه أنها إنها أنهم إنهم الذي التي الذين اللذين اللتين هو هي "
    "هم هن هذا هذه ذلك تلك هؤلاء أولئك هناك هنا كما فقط أيضا جميع عبر وفق وفقا حسب بحسب نقلا فيما بينما إذ إذا "
    "لو كي لكي حيث تقريبا مقابل مقارنة بنسبة نسبة منها منهم منهن منه فيها فيه عليها عليه لها له لهم بها به بهم "
    "وهو وهي وهم وذلك إثر جراء بسبب نتيجة تحت فوق أمام خلف وراء لدي ليس ليست كان كانت كانوا يكون تكون أصبح بات "
    "ظل مازال لايزال يوميا سنويا شهريا أسبوعيا آخر أخرى أخريات الأخرى على الأقل بالإضافة إضافة أصل "
    "مليون ألف أجل جانب طرف ضمن حاليا سنويا يوميا شهريا أسبوعيا رسميا مبدئيا إجماليا إضافيا فعليا نسبيا "
    "تدريجيا مجددا مجانا فورا سابقا "
    "لاحقا مؤخرا معا جميعا كذلك")
_TIME_WORDS = _keys(
    "اليوم أمس غدا الليلة صباح مساء صباحا مساء ظهرا عصرا فجرا ليلا ليل الاثنين الثلاثاء الأربعاء الخميس الجمعة "
    "السبت الأحد الماضي الماضية المقبل المقبلة الجاري الجارية الحالي الحالية الأخير الأخيرة")
_MONTHS = _keys(
    "يناير فبراير مارس أبريل ابريل إبريل مايو يونيو يونيه يوليو يوليه أغسطس اغسطس سبتمبر أكتوبر اكتوبر نوفمبر "
    "ديسمبر كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين محرم ربيع جمادى رجب شعبان رمضان شوال ذو ذي "
    "ماي يوليوز غشت شتنبر نونبر دجنبر جانفي فيفري أفريل جوان جويلية أوت")
_YEAR_CUES = _keys(
    "عام العام عامي سنة السنة لعام منذ مطلع منتصف نهاية بداية أواخر أوائل أواسط خلال حتى قبل بعد في موسم "
    "ميزانية موازنة ربيع خريف صيف شتاء")
_YEAR_AFTER = _keys("م ه هـ الماضي المقبل الجاري الحالي ميلادي ميلادية للميلاد")
_ERA_WORDS = _keys("م ه هـ هجرية هجري ميلادي ميلادية للميلاد للهجرة ق")
_TIME_AFTER = _keys("صباحا مساء مساءا ظهرا عصرا فجرا ليلا صباح بتوقيت")
_TIME_BEFORE = _keys("الساعة ساعة")
# Nouns after which a number names or ranks something instead of counting it.
_NAME_CUES = _keys(
    "قرار القرار رقم الرقم المادة مادة البند بند الفقرة فقرة الطريق طريق الحافلة حافلة الرحلة رحلة الفرقة "
    "اللواء الفوج الكتيبة طراز الطراز إصدار الإصدار نسخة النسخة كورونا كوفيد بوينغ بوينج إيرباص ايرباص آيفون "
    "ايفون جالاكسي غالاكسي سوخوي ميغ ميج توبوليف مجموعة المجموعة قناة القناة شارع الشارع المبنى الصفحة صفحة "
    "الدقيقة الشوط الجولة المركز المرتبة الترتيب الدورة النسخة الموديل موديل الغرفة المقعد الكيلو الحلقة حلقة "
    "الجزء جزء الفصل المجلد العدد الهاتف هاتف واتساب الفيديو إس اس إف اف جي تي بي الدقيقتين الدقائق")
_PHONE_CUES = _keys("هاتف الهاتف رقم الرقم واتساب الخط للاتصال")
_PLURAL_HINT = re.compile(r"(?:ات|ين|ون)$")

# --- verbs ---------------------------------------------------------------------------------------------

# Perfect third person masculine singular, normalised.  Reporting verbs (قال، أكد ...)
# are not here: they introduce the source, not the action.
_ACTION_VERBS = (
    "قتل أسر اعتقل احتجز أوقف خطف اختطف أعدم أطلق أفرج جرح أصاب أصيب سقط لقي قضى نزح فر هجر رحل طرد أعاد "
    "نقل دمر أسقط ضرب شن نفذ استهدف هاجم داهم ضبط صادر حجز ضم شكل دخل تظاهر شارك حضر فقد توفي مات بلغ تجاوز "
    "فاق ارتفع انخفض تراجع زاد صعد هبط قفز تقلص نما سجل خسر ربح كسب فاز حصل جمع باع اشترى أنفق خصص قدم منح "
    "استثمر استقبل استضاف وظف سرح أقال ساعد أنقذ أجلى تسلم سلم تلقى رصد وثق أحصى اكتشف بنى أنشأ افتتح حقق "
    "تكبد دفع طالب فرض رفع خفض صدر استورد أنتج ضخ وصل عاد غادر أصدر تضرر تعرض عاش عمل شمل تضمن امتد تكثف "
    "أحرز خلف أسفر أدى تسبب انتشل عثر شيع قصف أغار دهس غرق احترق اندلع انهار قدر هرع أرسل نشر حشد جند درب "
    "وقع أوقع رحل تقدم توقع أظهر بيع أبرم أودى خرج وفد فاز ترشح صوت انتخب نجا أنهى ضمت تبلغ يضم"
).split()
_IRREGULAR_VERB_FORMS = {
    "أصاب": "يصيب تصيب يصاب تصاب", "لقي": "لقوا لقيت يلقى يلقون", "قضى": "قضوا قضت يقضي", "أدى": "أدت يؤدي تؤدي",
    "أودى": "أودت يودي", "نجا": "نجوا نجت ينجو", "بنى": "بنت يبني", "اشترى": "اشترت يشتري", "ضم": "ضمت يضم تضم",
    "فر": "فروا فرت يفر", "نما": "نمت ينمو", "تلقى": "تلقت تلقوا يتلقى", "أجلى": "أجلت يجلي", "أحصى": "أحصت يحصي",
    "عاش": "يعيش تعيش عاشوا", "زاد": "زادت يزيد تزيد", "مات": "ماتوا ماتت يموت", "توفي": "توفيت توفوا يتوفى",
    "قام": "قمنا قاموا قامت يقوم تقوم نقوم", "بلغ": "يبلغ تبلغ بلغت", "وصل": "يصل تصل وصلت",
}
_LIGHT_VERB = "قام"
# Event nouns that stand for the verb before a number: "مقتل 86 مقاتلا"، "اعتقال 170 شخصا".
_EVENT_NOUNS = _keys(
    "مقتل قتل اعتقال توقيف احتجاز إصابة جرح أسر خطف اختطاف إعدام إطلاق ترحيل نزوح تهجير إجلاء إنقاذ إقالة "
    "تسريح سقوط تدمير إسقاط مصرع وفاة استهداف ضبط مصادرة إنفاق تخصيص استثمار بيع شراء ارتفاع انخفاض تراجع "
    "زيادة نمو هبوط صعود تقلص خسارة ربح فرض خفض رفع ضخ إنتاج تصدير استيراد تسجيل توظيف نقل إعادة تشريد")
_REPORTING = _keys(
    "قال قالت أضاف أضافت أكد أكدت أوضح أوضحت أشار أشارت شدد شددت لفت لفتت نوه نوهت صرح صرحت ذكر ذكرت أفاد أفادت "
    "تابع تابعت أعلن أعلنت نقل نقلت كشف كشفت يقول تقول قائلا مضيفا مشيرا موضحا مؤكدا لافتا بحسب وفق وفقا حسب "
    "أعلنه ذكره")
_COMPLEMENTIZERS = _keys("أن إن أنه إنه أنها إنها أنهم إنهم بأن لأن بأنه بأنها")
_PARTICLES = _keys("قد لقد كان كانت كانوا وكان وكانت كما ثم فقد وقد إذ")
_PREPOSITIONS = _keys("في من على إلى عن خلال منذ بعد قبل مع عبر لدى حتى نحو بين ضد حول دون عقب إثر بعيد قبيل طوال "
                      "أثناء جراء بسبب وسط داخل خارج لصالح")


def _build_verb_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for verb in _ACTION_VERBS:
        lemma = normalize(verb)
        key = word_key(verb)
        stem = key[1:] if key.startswith("ا") and len(key) > 3 else key
        # No dual "ـا": it is spelt like an accusative noun ("تراجعا"، "تقدما").
        for f in (key, key + "ت", key + "وا", key + "تا", key + "ن", key + "نا", key + "تم"):
            forms.setdefault(f, lemma)
        for p in "يتن":
            for f in (p + stem, p + stem + "ون", p + stem + "ان", p + stem + "ن"):
                forms.setdefault(f, lemma)
    for verb, extra in _IRREGULAR_VERB_FORMS.items():
        for f in extra.split():
            forms[word_key(f)] = normalize(verb)
    return forms


_VERB_FORMS = _build_verb_forms()


@lru_cache(maxsize=50_000)
def _verb_lemma(key: str) -> str | None:
    """The action verb a word key is a form of (conjunction and future prefixes stripped)."""
    for cand in (key, key[1:] if key[:1] in ("و", "ف") else None):
        if not cand:
            continue
        if cand in _VERB_FORMS:
            return _VERB_FORMS[cand]
        if cand[:1] == "س" and cand[1:2] in ("ي", "ت", "ن") and cand[1:] in _VERB_FORMS:
            return _VERB_FORMS[cand[1:]]
    return None


def _looks_verbal(key: str) -> bool:
    """A cheap test for a verb right after a number: plural perfect/imperfect endings or a known form."""
    bare = key[1:] if key[:1] in ("و", "ف") and len(key) > 3 else key
    lemma = _verb_lemma(key)
    if (lemma is not None and word_key(lemma) != bare) or bare in _keys("كان كانت كانوا يكون تكون أصبح بات ظل"):
        return True  # an inflected verb ("قدمت"); the bare form may be a noun ("قدم" feet, "صوت" vote)
    if bare.endswith("وا") and len(bare) >= 4:
        return True
    if bare.startswith(("تت", "يت", "يست", "تست", "ينت", "تنت")) and len(bare) >= 4:
        return True  # imperfect of derived stems: "تتخذ"، "يستخدم"
    return bare[:1] in ("ي", "ت") and bare.endswith("ون") and len(bare) >= 5


# --- places --------------------------------------------------------------------------------------------

_PLACES_RAW = """
سوريا سورية العراق اليمن ليبيا مصر لبنان الأردن فلسطين السعودية الإمارات قطر البحرين الكويت عمان تونس الجزائر
المغرب موريتانيا السودان الصومال جيبوتي جزر القمر تركيا إيران إسرائيل روسيا الصين اليابان الهند باكستان أفغانستان
أمريكا أميركا الولايات المتحدة بريطانيا المملكة المتحدة فرنسا ألمانيا إيطاليا إسبانيا اليونان هولندا بلجيكا السويد
النرويج الدنمارك سويسرا النمسا بولندا أوكرانيا كندا المكسيك البرازيل الأرجنتين فنزويلا كوبا كولومبيا تشيلي بيرو
أستراليا إندونيسيا ماليزيا الفلبين تايلاند فيتنام ميانمار بنغلاديش سريلانكا نيبال كوريا الشمالية كوريا الجنوبية
إثيوبيا أثيوبيا إريتريا أريتريا كينيا نيجيريا تشاد مالي النيجر السنغال جنوب أفريقيا أوغندا الكونغو ليبيريا جنوب السودان
أوروبا أفريقيا آسيا قبرص أرمينيا أذربيجان جورجيا كازاخستان أوزبكستان البوسنة صربيا كوسوفو ألبانيا المجر رومانيا
بلغاريا التشيك البرتغال أيرلندا فنلندا هايتي نيكاراغوا
دمشق حلب إدلب حماة حمص اللاذقية طرطوس درعا القنيطرة السويداء الرقة دير الزور الحسكة القامشلي عفرين منبج
عين العرب كوباني دوما الغوطة الغوطة الشرقية اليرموك جسر الشغور تل أبيض البوكمال تدمر الميادين خان شيخون
معرة النعمان سراقب أريحا الحجر الأسود جرابلس إعزاز
بغداد الموصل البصرة كركوك أربيل الأنبار الفلوجة الرمادي تكريت النجف كربلاء السليمانية نينوى ديالى صلاح الدين
صنعاء عدن الحديدة تعز مأرب صعدة حضرموت المكلا
طرابلس بنغازي مصراتة سرت درنة سبها
القاهرة الإسكندرية سيناء الجيزة أسوان الأقصر بورسعيد السويس شرم الشيخ العريش
غزة الضفة الغربية القدس رام الله الخليل نابلس جنين رفح خان يونس بيت لحم الجولان
بيروت صيدا بعلبك عرسال
عمان الزرقاء إربد العقبة
الرياض جدة مكة المدينة المنورة الدمام الطائف الظهران دبي أبوظبي أبو ظبي الشارقة الدوحة المنامة مسقط الكويت
الخرطوم دارفور الرباط الدار البيضاء مراكش فاس طنجة نواكشوط الجزائر العاصمة وهران تونس العاصمة صفاقس
أنقرة إسطنبول اسطنبول إزمير أزمير أضنة غازي عنتاب هطاي طهران أصفهان مشهد تبريز كابول إسلام أباد
واشنطن نيويورك لندن باريس برلين موسكو بكين طوكيو بروكسل جنيف فيينا روما مدريد نيودلهي أثينا ستوكهولم
أوسلو كوبنهاغن أمستردام وارسو كييف تورونتو سيدني بيونغ يانغ سيول هونغ كونغ شنغهاي لوس أنجلوس شيكاغو
ميامي تكساس كاليفورنيا فلوريدا سان فرانسيسكو
"""
_PLACE_PREFIX_WORDS = _keys("دير جسر رأس أبو عين تل بيت خان دار سيدي شرم كفر مرج بني أم رام معرة غازي الدار "
                            "جزر جنوب كوريا الولايات المملكة الغوطة الضفة المدينة بيونغ هونغ لوس سان نيو إسلام صلاح")
_PLACE_CUES = _keys("محافظة مدينة بلدة قرية ولاية إقليم مخيم حي ريف ناحية قضاء مقاطعة جزيرة")


def _build_places() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    singles: dict[str, str] = {}
    pairs: dict[tuple[str, str], str] = {}
    words = _PLACES_RAW.split()
    i = 0
    while i < len(words):
        w = words[i]
        if word_key(w) in _PLACE_PREFIX_WORDS and i + 1 < len(words):
            pairs[(word_key(w), word_key(words[i + 1]))] = f"{w} {words[i + 1]}"
            if word_key(w) not in ("الغوطة", "المدينة", "جنوب", "كوريا", "الولايات", "المملكة", "الضفة"):
                i += 2
                continue
        singles[word_key(w)] = w
        i += 1
    # Words that are places only as part of a pair, or common words too.
    for key in _keys("دير جسر رأس أبو عين تل بيت خان دار سيدي شرم كفر مرج بني أم رام غازي جزر جنوب كوريا "
                     "الولايات المملكة المدينة بيونغ هونغ لوس سان إسلام صلاح العاصمة الدار"):
        singles.pop(key, None)
    return singles, pairs


_PLACE_SINGLES, _PLACE_PAIRS = _build_places()


def _strip_place_clitics(key: str) -> list[str]:
    out = [key]
    for pre in ("و", "ب", "ل", "ف", "وب", "ول", "فب", "فل", "وفي"):
        if key.startswith(pre) and len(key) - len(pre) >= 3:
            out.append(key[len(pre):])
    if key.startswith("لل") and len(key) > 4:
        out.append("ال" + key[2:])
    if key.startswith(("وال", "بال", "فال")) and len(key) > 5:
        out.append(key[1:])
    return out


# --- one sentence --------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Claim:
    value: float | None
    value_text: str
    approx: bool
    qualifier: str | None
    unit: str | None
    unit_text: str | None
    kind: str
    subject: str | None
    verb: str | None
    place: str | None
    start: int
    end: int


def _is_word(tok: NumToken | None) -> bool:
    return tok is not None and tok.kind == "word"


_MEASURE_PRONOUN = re.compile(r"^(?:نسبت|قيمت|عدد|حجم|مساحت)(?:ه|ها|هم|هما)$")


def _match_qualifier(toks: list[NumToken], k: int, text: str) -> tuple[str, int] | None:
    """A qualifier ending right before token ``k``: (text as written, first token index).

    One "نسبتها"/"قيمته"/"عددهم" may stand between: "لا تتجاوز نسبتها خمسة في المئة".
    """
    found = _match_qualifier_at(toks, k, text)
    if found is None and k > 0 and toks[k - 1].kind == "word" and _MEASURE_PRONOUN.match(toks[k - 1].key):
        found = _match_qualifier_at(toks, k - 1, text)
    return found


def _match_qualifier_at(toks: list[NumToken], k: int, text: str) -> tuple[str, int] | None:
    for pattern in _PRE_QUALIFIERS:
        n = len(pattern)
        first = k - n
        if first < 0:
            continue
        window = toks[first:k]
        if not all(t.kind == "word" for t in window):
            continue
        keys = [t.key for t in window]
        if keys[1:] != list(pattern[1:]):
            continue
        head, want = keys[0], pattern[0]
        strip = 0
        if head != want:
            for clitic in _QUALIFIER_CLITICS:
                if head == clitic + want:
                    strip = len(clitic)
                    break
            else:
                continue
        start = window[0].start + _letters_to_chars(window[0].text, strip)
        return text[start:window[-1].end], first
    return None


def _letters_to_chars(raw: str, letters: int) -> int:
    if not letters:
        return 0
    seen = 0
    for pos, ch in enumerate(raw):
        if ch.isalpha():
            seen += 1
            if seen == letters:
                return pos + 1
    return 0


def _post_qualifier(toks: list[NumToken], k: int, text: str) -> str | None:
    for pattern in _POST_QUALIFIERS:
        window = toks[k:k + len(pattern)]
        if len(window) == len(pattern) and all(t.kind == "word" for t in window) and \
                tuple(t.key for t in window) == pattern:
            return text[window[0].start:window[-1].end]
    return None


def _unit_after(toks: list[NumToken], k: int, *, allow_definite: bool) -> tuple[str, str, int, int] | None:
    """The unit right after token ``k``: (key, unit_text, first token, end token) or None."""
    n = len(toks)
    if k >= n:
        return None
    tok = toks[k]
    if tok.kind == "punct" and tok.text in ("%", "\u066a"):
        return "%", tok.text, k, k + 1
    if tok.kind != "word" or (tok.newline and k > 0):
        return None
    key = tok.key
    if key in _PERCENT_WORDS:
        return "%", tok.text, k, k + 1
    if k + 1 < n and (key, toks[k + 1].key) in _PERCENT_PAIRS:
        return "%", f"{tok.text} {toks[k + 1].text}", k, k + 2
    if key == "من":  # partitive: "150 من الجنود"، "5 من عناصر الحركة"، "3.4 مليون من موظفي الدولة"
        if k + 1 < n and toks[k + 1].kind == "word":
            noun = toks[k + 1]
            construct = k + 2 < n and toks[k + 2].kind == "word" and toks[k + 2].key.startswith("ال") \
                and not toks[k + 2].newline
            if noun.key.startswith(("ال", "لل")) or (construct and noun.key not in _FUNCTION_WORDS):
                found = _unit_after(toks, k + 1, allow_definite=True)
                if found is not None and construct and not noun.key.startswith("ال") and noun.key.endswith("ي") \
                        and len(noun.key) >= 5 and found[0] == normalize(noun.text):
                    found = (unit_key(noun.text + "ن") or found[0],) + found[1:]  # موظفي -> موظفين -> موظف
                return found
        return None
    if key in _FUNCTION_WORDS or key in _MONTHS or key in _TIME_WORDS or _looks_verbal(key):
        return None
    if tok.text.isascii() or not key:
        return None
    if key[:1] == "و" and key not in _WAW_NOUNS and not allow_definite:
        return None  # "95.048 وعزز": a new clause, not a counted noun
    if key in _ELATIVES:  # "10 أفضل لاعبين"، "4 من كبار المطربين"
        if k + 1 < n and toks[k + 1].kind == "word":
            return _unit_after(toks, k + 1, allow_definite=True)
        return None
    if key == "عدد" and k + 1 < n and toks[k + 1].kind == "word" and toks[k + 1].key.startswith("ال"):
        found = _unit_after(toks, k + 1, allow_definite=True)  # "رفع إلى 245 عدد الضحايا"
        return None if found is None else (found[0], found[1], k, found[3])
    if key in ("م", "كم") and k + 1 < n and toks[k + 1].kind == "num" and toks[k + 1].key == "2" \
            and toks[k + 1].start == tok.end:
        area = "متر مربع" if key == "م" else "كيلومتر مربع"  # "419.291م2"
        return area, _text_of(toks, k, k + 2), k, k + 2
    if key[:1] in ("ب", "ل") and not key.startswith(("بال", "لل")) and len(key) > 3:
        lemma = unit_key(tok.text)
        if (lemma not in _BL_NOUNS and not (lemma or "").endswith("ي")) or key.endswith("يا"):
            return None
    definite = key.startswith(("ال", "وال", "بال", "لل")) and key not in ("الف", "الفي", "الفا", "الفين", "الاف")
    if definite and not allow_definite:
        return None
    end = k + 1
    if key == "كيلو" and k + 1 < n and toks[k + 1].key in ("متر", "مترا", "مترات", "غرام", "جرام", "غراما"):
        end = k + 2
    elif k + 1 < n and toks[k + 1].kind == "word" and toks[k + 1].key in ("اساس", "مءويه", "مئويه") \
            and key.startswith("نقط"):
        end = k + 2
    unit_words = " ".join(t.text for t in toks[k:end])
    lemma = unit_key(unit_words)
    if lemma is None:
        return None
    if end < n and toks[end].kind == "word":
        nxt = toks[end].key
        if lemma in _DISTANCES and (nxt in _AREA_WORDS or nxt in _VOLUME_WORDS):
            end += 1
            lemma = unit_key(" ".join(t.text for t in toks[k:end]))
        elif lemma in _CURRENCIES and nxt in _CURRENCY_ADJECTIVES:
            end += 1
    return lemma, " ".join(t.text for t in toks[k:end]) if end - k > 1 else tok.text, k, end


def _text_of(toks: list[NumToken], first: int, end: int) -> str:
    """The tokens ``first``..``end`` as written, single-spaced."""
    return " ".join(t.text for t in toks[first:end])


def _noun_before(toks: list[NumToken], k: int) -> tuple[str, str, int] | None:
    """The noun right before token ``k`` that a following number describes ("أسبوع واحد"، "الأيام الأربعة")."""
    j = k - 1
    if j < 0 or toks[j].kind != "word":
        return None
    key = toks[j].key
    if key in _FUNCTION_WORDS or key in _TIME_WORDS or _looks_verbal(key) or key in _MONTHS:
        return None
    lemma = unit_key(toks[j].text)
    if lemma is None:
        return None
    return lemma, toks[j].text, j


def _is_plural(key: str) -> bool:
    bare = key[2:] if key.startswith("ال") else key
    return bare in _LEMMAS or bool(_PLURAL_HINT.search(bare))


def _count_context(toks: list[NumToken], k: int) -> tuple[str, str] | None:
    """The noun after "عدد"/"حصيلة" earlier in the clause: "ارتفع عدد القتلى إلى 50" -> قتيل."""
    for j in range(k - 1, max(-1, k - 9), -1):
        t = toks[j]
        if t.kind == "num" or (t.kind == "punct" and t.text in ".؛;:"):
            return None
        bare = t.key[1:] if t.key[:1] in ("و", "ب") else t.key
        if t.kind == "word" and bare in ("عدد", "حصيله") and j + 1 < k and toks[j + 1].kind == "word":
            noun = toks[j + 1]
            if noun.key.startswith("ال") and noun.key not in _FUNCTION_WORDS:
                lemma = unit_key(noun.text)
                if lemma is not None:
                    return lemma, noun.text
    return None


def _non_claim_kind(toks: list[NumToken], span: NumberSpan, text: str) -> str | None:
    """year / date / time / phone / name / ordinal for numbers that are not quantities, else None."""
    i, j = span.tok_start, span.tok_end
    first = toks[i]
    prev = toks[i - 1] if i > 0 else None
    prev2 = toks[i - 2] if i > 1 else None
    nxt = toks[j] if j < len(toks) else None
    nxt2 = toks[j + 1] if j + 1 < len(toks) else None
    single_digits = span.digits and not span.words and j == i + 1
    raw = first.key if single_digits else ""
    glued_prev = prev is not None and prev.end == (first.pre_start if first.pre_start >= 0 else first.start)
    glued_next = nxt is not None and nxt.start == toks[j - 1].end
    prev_key = prev.key if _is_word(prev) else ""
    prev_bare = prev_key[1:] if prev_key[:1] in ("و", "ب", "ل", "ف") and len(prev_key) >= 3 else prev_key
    # Names and codes: "G20", "F-16", "كوفيد-19", "القرار 2254", "مجموعة العشرين".
    if single_digits and glued_prev and not first.pre and prev is not None and (
            (prev.kind == "word" and prev.key not in _FUNCTION_WORDS and prev.key not in _YEAR_CUES)
            or (prev.text in "-–" and _is_word(prev2) and prev2.end == prev.start)):
        return "name"  # "G20", "F-16", "كوفيد-19" (not "على25", a missing space)
    if _is_word(prev) and prev.text.isascii() and prev.text.isalpha():
        return "name"
    if prev_key in _NAME_CUES or prev_bare in _NAME_CUES:
        if prev_bare in _PHONE_CUES and single_digits and len(raw) >= 6:
            return "phone"
        return "name"
    if nxt is not None and glued_next and nxt.text == "-" and _is_word(nxt2) and nxt2.start == nxt.end:
        return "name"
    # Times: "10:30", "الساعة 10", "5 مساء".
    if single_digits and glued_next and nxt.text == ":" and nxt2 is not None and nxt2.kind == "num" \
            and nxt2.start == nxt.end:
        return "time"
    if prev is not None and prev.kind == "punct" and prev.text == ":" and prev2 is not None and prev2.kind == "num" \
            and prev.start == prev2.end and glued_prev:
        return "time"
    if (prev_bare == "الساعه" or (prev_key in _TIME_BEFORE and span.value is not None and span.value <= 24)) \
            and not (nxt is not None and _is_word(nxt) and nxt.key in _keys("ساعة ساعات ساعه")):
        return "time"
    if _is_word(nxt) and nxt.key in _TIME_AFTER and span.value is not None and span.value <= 24:
        return "time"
    if _is_word(nxt) and (nxt.key in ("تغ", "بتوقيت", "غرينتش", "جرينتش", "بالتوقيت") or (
            nxt.key == "ت" and nxt2 is not None and (nxt2.key == "غ" or nxt2.text == "."))):
        return "time"  # "(0900 ت غ)"، "13.00 ت.غ"
    # Era markers: "688 م"، "683هـ"، "605 هجرية".
    if single_digits and _is_word(nxt) and nxt.key in _ERA_WORDS and not (
            nxt2 is not None and nxt2.kind == "num" and nxt2.start == nxt.end):
        return "year"
    # List markers: "1." "11-" opening a sentence.
    if single_digits and i == 0 and glued_next and nxt.text in ".-–)" and span.value is not None \
            and span.value < 100:
        return "name"
    # A bare number in brackets ("(49)": a minute, a rank) with nothing counted.
    if single_digits and prev is not None and prev.text == "(" and nxt is not None and nxt.text == ")":
        return "name"
    # Scores and results: "6-1"، "3 - 2"، "2-صفر".
    if single_digits and span.value is not None and span.value <= 99 and span.value == int(span.value):
        for a, dash, b in ((toks[i], nxt, nxt2), (prev2, prev, toks[i])):
            if a is not None and b is not None and dash is not None and dash.text in "-–" and (
                    (b.kind == "num" and b.key.isdigit() and int(b.key) <= 99) or (b.kind == "word" and b.key == "صفر")
                    or (a.kind == "word" and a.key == "صفر")) and a.kind in ("num", "word"):
                after = toks.index(b) + 1 if b is not toks[i] else j
                if b is toks[i] or _unit_after(toks, after, allow_definite=False) is None:
                    return "score"
    # Decree and reference numbers, dates with spaces: "36 / 9"، "21 / 4 / 1439".
    if single_digits and ((nxt is not None and nxt.text == "/" and nxt2 is not None and nxt2.kind == "num")
                          or (prev is not None and prev.text == "/" and prev2 is not None and prev2.kind == "num")):
        return "date"
    # Phone numbers: long digit strings with a leading zero or a plus.
    if single_digits and raw.isdigit() and len(raw) >= 7 and (raw.startswith("0") or (prev and prev.text == "+")):
        return "phone"
    # Dates: "15 تموز/يوليو"، "الخامس من يوليو" is an ordinal word already; "12/5/2018".
    if single_digits and glued_next and nxt.text in "/-" and nxt2 is not None and nxt2.kind == "num" \
            and nxt2.start == nxt.end and (nxt.text == "/" or len(raw) == 4 or len(nxt2.key) == 4):
        return "date"
    if single_digits and glued_prev and prev.text in "/-" and prev2 is not None and prev2.kind == "num" \
            and prev2.end == prev.start and (prev.text == "/" or len(raw) == 4 or len(prev2.key) == 4):
        return "date"
    value = span.value
    if value is not None and span.digits and value == int(value) and 1 <= value <= 31:
        after = nxt2 if _is_word(nxt) and nxt.key == "من" else nxt
        if _is_word(after) and (after.key in _MONTHS or after.key[1:] in _MONTHS):
            return "date"
    # Years: four digits from 1800 to 2100 (and Hijri years), unless they plainly count something.
    if single_digits and raw.isdigit() and len(raw) == 4 and (1800 <= value <= 2100 or 1300 <= value <= 1500):
        if _is_word(nxt) and (nxt.key in _YEAR_AFTER or nxt.key in _MONTHS):
            return "year"
        if prev_key in _YEAR_CUES or prev_bare in _YEAR_CUES or prev_key in _MONTHS or prev_bare in _MONTHS \
                or (prev is not None and prev.text in "/-"):
            return "year"
        unit = _unit_after(toks, j, allow_definite=False)
        if unit is None or unit[0] in ("%",):
            return "year" if unit is None else None
        return None
    if _is_word(prev) and (prev_key in _MONTHS or prev_bare in _MONTHS) and value is not None and value <= 31 \
            and span.digits:
        return "date"
    return None


def _find_verb(toks: list[NumToken], i: int, text: str) -> tuple[str | None, int | None, int]:
    """The action verb before token ``i`` in its clause: (verb as written, its token index, clause start)."""
    clause_start = 0
    verb, verb_at = None, None
    commas = 0
    for j in range(i - 1, max(-1, i - 14), -1):
        t = toks[j]
        if t.kind == "punct":
            if t.text in ".؛;:!؟?":
                clause_start = j + 1
                break
            if t.text in "،,":
                commas += 1
                if commas > 1:
                    clause_start = j + 1
                    break
            continue
        if t.kind != "word":
            continue
        key = t.key
        if key in _COMPLEMENTIZERS or key in _REPORTING or (key[:1] in ("و", "ف") and key[1:] in _REPORTING):
            clause_start = j + 1
            break
        if verb is None:
            lemma = _verb_lemma(key)
            if lemma is not None:
                verb_at = j
                text_start = t.start + (_letters_to_chars(t.text, 1) if key[:1] in ("و", "ف") and
                                        key[1:2] and _verb_lemma(key[1:]) else 0)
                verb = text[text_start:t.end]
                if lemma == normalize(_LIGHT_VERB) and j + 1 < i and toks[j + 1].kind == "word" \
                        and toks[j + 1].key.startswith("ب"):
                    verb = text[text_start:toks[j + 1].end]  # "قمنا بأسر"
                continue
            bare = key[1:] if key[:1] in ("ب", "ل") else key
            if (key in _EVENT_NOUNS or bare in _EVENT_NOUNS) and j >= i - 3:
                verb_at = j
                verb = text[t.start + (_letters_to_chars(t.text, 1) if bare != key else 0):t.end]
                if key[:1] == "ب" and j > 0 and toks[j - 1].kind == "word" \
                        and _verb_lemma(toks[j - 1].key) == normalize(_LIGHT_VERB):
                    lead = toks[j - 1]
                    skip = _letters_to_chars(lead.text, 1) if lead.key[:1] in ("و", "ف") and \
                        _verb_lemma(lead.key[1:]) else 0
                    verb, verb_at = text[lead.start + skip:t.end], j - 1  # "قمنا بأسر"
                continue
    else:
        clause_start = max(0, i - 14)
    return verb, verb_at, clause_start


def _subject(toks: list[NumToken], verb_at: int, number_at: int, clause_start: int, text: str) -> str | None:
    """Who did it: the noun phrase before the verb (SVO) or after a clause-initial verb (VSO)."""
    words = [j for j in range(clause_start, verb_at) if toks[j].kind == "word"]
    while words and (toks[words[0]].key in _PARTICLES or toks[words[0]].key in _PREPOSITIONS):
        words.pop(0)
    while words and (toks[words[-1]].key in _PARTICLES or toks[words[-1]].key in _FUNCTION_WORDS):
        words.pop()
    if words:  # SVO: "غرفة عمليات "دحر الغزاة" تضم ..."، "وكان عناصر داعش قد دخلوا ..."
        if len(words) > 5 or any(_looks_verbal(toks[j].key) or toks[j].key in _FUNCTION_WORDS and
                                 toks[j].key not in _PREPOSITIONS for j in words):
            return None
        if any(toks[j].kind == "punct" and toks[j].text in "،,()" for j in range(words[0], words[-1])):
            return None
        return _close_quotes(text, toks[words[0]].start, toks[words[-1]].end)
    picked = []
    for j in range(verb_at + 1, number_at):  # VSO: "أسرت قوات المعارضة السورية اليوم، 400 عنصرا"
        t = toks[j]
        if t.kind != "word" or t.key in _TIME_WORDS or t.key in _PREPOSITIONS or t.key in _FUNCTION_WORDS \
                or (t.key[:1] in ("ب", "ل") and not picked) or _looks_verbal(t.key):
            break
        if not picked and t.key.endswith("ا") and len(t.key) >= 4 and t.key not in _PLACE_SINGLES:
            break  # an accusative object or adverb ("تقدما"، "كبيرا"), not the doer
        picked.append(t)
        if len(picked) == 5:
            break
    if picked and not _is_qualifier_word(picked[0].key):
        return _close_quotes(text, picked[0].start, picked[-1].end)
    return None


def _close_quotes(text: str, start: int, end: int) -> str:
    """Extend a span by a closing quote its text opened: 'غرفة عمليات "دحر الغزاة"'."""
    part = text[start:end]
    for opening, closing in (('"', '"'), ("«", "»"), ("“", "”")):
        opened = part.count(opening) if opening == closing else part.count(opening) - part.count(closing)
        if (opened % 2 if opening == closing else opened > 0) and text[end:end + 1] == closing:
            return text[start:end + 1]
    return part


def _is_qualifier_word(key: str) -> bool:
    return any(key == p[0] for p in _PRE_QUALIFIERS)


def _place(toks: list[NumToken], anchor: int) -> str | None:
    """The place named in the sentence nearest to token ``anchor``."""
    best, best_dist = None, None
    n = len(toks)
    for j, t in enumerate(toks):
        if t.kind != "word":
            continue
        name = None
        cands = _strip_place_clitics(t.key)
        if j + 1 < n and toks[j + 1].kind == "word":
            for c in cands:
                if (c, toks[j + 1].key) in _PLACE_PAIRS:
                    name = _PLACE_PAIRS[(c, toks[j + 1].key)]
                    break
        if name is None:
            for c in cands:
                if c in _PLACE_SINGLES:
                    name = _PLACE_SINGLES[c]
                    break
        if name is None and any(c in _PLACE_CUES for c in cands) and j + 1 < n and toks[j + 1].kind == "word":
            nk = toks[j + 1].key
            if nk not in _FUNCTION_WORDS and not nk.startswith("ال") and not _looks_verbal(nk):
                name = toks[j + 1].text
        if name is not None:
            dist = abs(j - anchor)
            if best_dist is None or dist < best_dist:
                best, best_dist = name, dist
    return best


_DUAL_DURATIONS = {}
for _sg, _duals in (("يوم", "يومين يومان"), ("شهر", "شهرين شهران"), ("سنة", "عامين عامان سنتين سنتان"),
                    ("أسبوع", "أسبوعين أسبوعان"), ("ساعة", "ساعتين ساعتان"), ("دقيقة", "دقيقتين دقيقتان"),
                    ("ليلة", "ليلتين ليلتان"), ("قرن", "قرنين قرنان")):
    for _d in _duals.split():
        _DUAL_DURATIONS[word_key(_d)] = normalize(_sg)
# Nouns that begin with و (a counted noun right after a number is never joined by "و").
_WAW_NOUNS = _keys("وزير وزراء وحدة وحدات وظيفة وظائف ولاية ولايات وثيقة وثائق وفاة وفيات وجبة وجبات ورقة وكالة "
                   "وكالات واقعة وقائع وسيلة وسائل ولد وطن وعد وقت وزن وديعة ودائع ورشة وحدتين ودية وصية وصايا وسام "
                   "أوسمة وكيل وادي واحة وسيط وافد وارد واجهة وقود ورق وجهة وجهات ورقة")
# Sentences worth reading: a digit, a number word, or a dual noun of time ("يومين").
# Presentation forms ("ﺧﻤﺲ") are read as letters by the parser: such a sentence is always read.
_CLAIM_HINT_PATTERN = (NUMBER_HINT_PATTERN + r"|(?:يوم|شهر|عام|سنت|[أا]سبوع|ساعت|دقيقت|ليلت|قرن)(?:ين|ان)"
                       + "|[\ufb50-\ufdff\ufe70-\ufefc]")
# Harakat, tatweel and invisible marks inside a word ("تَسع"، "ت\u00adسع") hide it from the hint: they are
# removed before a second look at the sentences the first one passed over.
_HINT_IGNORABLE = f"[{MARKS}{FORMAT_CHARS}\u0640]"
_LINK_WORDS = _keys("أو او إلى الى و حتى")
_OR_WORDS = _keys("أو او و")  # backwards only these: "ارتفع 2% إلى 95" is a level, not 95%


def _dual_duration(tok: NumToken) -> tuple[str, int] | None:
    """A dual noun of time ("يومين"، "لعامين"، "اليومين"): (unit key, clitic letters before it)."""
    key = tok.key
    for pre in ("", "و", "ب", "ل", "ف", "ال", "وال", "بال", "لل", "ول", "وب"):
        if key.startswith(pre) and key[len(pre):] in _DUAL_DURATIONS:
            return _DUAL_DURATIONS[key[len(pre):]], len(pre) - (1 if pre == "لل" else 0)
    return None


@dataclass(slots=True)
class _Candidate:
    span: NumberSpan
    unit: tuple | None  # (key, unit_text, first token, end token)
    before: tuple | None  # (key, unit_text, token) for "أسبوع واحد"
    small_word: bool


def _sentence_claims(text: str, *, include_non_claims: bool) -> list[_Claim]:
    toks = number_tokens(text)
    spans = find_numbers(text, toks)
    out: list[_Claim] = []
    cands: list[_Candidate] = []
    used_until = 0  # tokens already read as the unit of a claim ("في المئة" is not the number 100)
    for span in spans:
        i, j = span.tok_start, span.tok_end
        if i < used_until:
            continue
        kind = None if span.vague else _non_claim_kind(toks, span, text)
        if kind is not None:
            if include_non_claims:
                out.append(_Claim(span.value, span.text, False, None, None, None, kind, None, None, None,
                                  span.start, span.end))
            continue
        if span.fraction_only or (span.words and span.value == 0):
            continue
        small_word = span.words and not span.digits and span.n_words == 1 and span.value is not None \
            and span.value <= 10
        unit, before = None, None
        if span.definite and not span.vague:
            # "الأيام الأربعة"، "المطالب الـ13" describe the noun before; "القرن العشرين"، "الذكرى الـ45" rank it.
            prev_noun = _noun_before(toks, i)
            if prev_noun is not None and toks[prev_noun[2]].key.startswith(("ال", "وال", "بال", "لل")):
                if small_word or _is_plural(toks[prev_noun[2]].key):
                    before = prev_noun
                else:
                    if include_non_claims:
                        out.append(_Claim(span.value, span.text, False, None, None, None, "ordinal", None, None,
                                          None, span.start, span.end))
                    continue
        if before is None:
            unit = _unit_after(toks, j, allow_definite=span.vague)
        if unit is not None and span.value == 1 and span.words and toks[j].kind == "word" and toks[j].key == "من":
            continue  # "واحد من أكبر المخيمات": "one of", not a count
        if unit is None and before is None and not span.vague:
            if small_word and span.value <= 2 and not span.definite and used_until < i:
                # "أسبوع واحد"، "جنديين اثنين"; not "توفي عن 90 عاما واحد من أشهر ...", whose noun is taken
                before = _noun_before(toks, i)
            if before is None and span.definite:
                if include_non_claims:
                    out.append(_Claim(span.value, span.text, False, None, None, None, "ordinal", None, None, None,
                                      span.start, span.end))
                continue
        if unit is not None:
            used_until = unit[3]
        cands.append(_Candidate(span, unit, before, small_word))
    # Dual nouns of time carry their own number: "خلال يومين" = 2 days.
    taken = {k for cand in cands for k in range(cand.span.tok_start, max(cand.span.tok_end, cand.unit[3]
                                                                          if cand.unit else 0))}
    for k, tok in enumerate(toks):
        if tok.kind != "word" or k in taken:
            continue
        dual = _dual_duration(tok)
        if dual is not None:
            start = tok.start + _letters_to_chars(tok.text, dual[1])
            span = NumberSpan(start, tok.end, text[start:tok.end], 2.0, words=True, tok_start=k, tok_end=k + 1,
                              n_words=1)
            cands.append(_Candidate(span, (dual[0], span.text, -1, -1), None, False))
    cands.sort(key=lambda c: c.span.tok_start)
    # "يومين أو ثلاثة"، "ثلاثة أو أربعة أيام"، "بين 10 و20 شخصا": a number linked to a neighbour shares its unit.
    for k, cand in enumerate(cands):
        if cand.unit is not None or cand.before is not None or cand.span.vague:
            continue
        i, j = cand.span.tok_start, cand.span.tok_end
        nxt = cands[k + 1] if k + 1 < len(cands) else None
        prv = cands[k - 1] if k > 0 else None
        linked_next = nxt is not None and nxt.unit is not None and (
            (nxt.span.tok_start == j + 1 and toks[j].kind == "word" and toks[j].key in _LINK_WORDS)
            or (nxt.span.tok_start == j and toks[j].kind == "num" and word_key(toks[j].pre) in ("و", "او")))
        if linked_next:  # "50 و20 بالمئة"
            cand.unit = (nxt.unit[0], nxt.unit[1], -1, -1)
        elif prv is not None and prv.unit is not None and i >= 1 and toks[i - 1].kind == "word" \
                and toks[i - 1].key in _OR_WORDS and max(prv.span.tok_end, prv.unit[3]) == i - 1:
            cand.unit = (prv.unit[0], prv.unit[1], -1, -1)
    claims: list[tuple[int, _Claim]] = []
    for cand in cands:
        claim = _build_claim(toks, cand, text)
        if claim is not None:
            claims.append((cand.span.tok_start, claim))
    out.extend(c for _, c in claims)
    out.sort(key=lambda c: c.start)
    return out


def _build_claim(toks: list[NumToken], cand: _Candidate, text: str) -> _Claim | None:
    span, unit, before = cand.span, cand.unit, cand.before
    i, j = span.tok_start, span.tok_end
    if unit is not None:
        lemma, unit_text, _u_first, u_end = unit
        if u_end > 0:
            end = toks[u_end - 1].end
            post_at = u_end
        else:
            end = span.end
            post_at = j
        start = span.start
    elif before is not None:
        lemma, unit_text, unit_at = before
        start, end = toks[unit_at].start, span.end
        post_at = j
    else:
        ctx = _count_context(toks, i)
        lemma, unit_text = ctx if ctx is not None else (None, None)
        start, end = span.start, span.end
        post_at = j
        if cand.small_word or (span.words and not span.digits and span.value is not None and span.value < 1000
                               and lemma is None):
            return None  # a bare number word with nothing counted ("واحد من"، "ست") is too often a misreading
    qualifier, approx = None, span.approx or span.vague
    anchor_first = i
    q = _match_qualifier(toks, i, text)
    if q is not None:
        qualifier, approx = q[0], True
        anchor_first = q[1]
    else:
        post = _post_qualifier(toks, post_at, text)
        if post is not None:
            qualifier, approx = post, True
    if span.vague and qualifier is None:
        qualifier = span.text
    verb, verb_at, clause_start = _find_verb(toks, anchor_first, text)
    subject = None
    if verb_at is not None and _verb_lemma(toks[verb_at].key) is not None:
        subject = _subject(toks, verb_at, anchor_first, clause_start, text)
    elif verb_at is None:
        # The number as subject: "12 فصيلا معارضا شكلوا ..."
        for k in range(post_at, min(len(toks), post_at + 3)):
            if toks[k].kind != "word":
                break
            if _verb_lemma(toks[k].key) is not None:
                verb = toks[k].text
                break
    kind = "count" if span.vague and lemma is None else _kind_of(lemma)
    return _Claim(span.value, span.text, bool(approx), qualifier, lemma, unit_text, kind, subject, verb,
                  _place(toks, i), start, end)


# --- frames --------------------------------------------------------------------------------------------


def _empty_claims(id_dtype="str") -> pd.DataFrame:
    frame = pd.DataFrame({c: [] for c in CLAIM_COLUMNS})
    return _types(frame, id_dtype)


def _types(frame: pd.DataFrame, id_dtype="str") -> pd.DataFrame:
    """Column dtypes; ``article_id`` keeps the articles' own (an int id stays an int, as in the attributions)."""
    for col in ("par_no", "sent_no", "start", "end"):
        frame[col] = frame[col].astype("int64")
    frame["value"] = frame["value"].astype("float64")
    frame["approx"] = frame["approx"].astype(bool)
    frame["article_id"] = frame["article_id"].astype(id_dtype)
    for col in ("value_text", "qualifier", "unit", "unit_text", "kind", "subject", "verb", "place",
                "source", "source_type", "sentence"):
        frame[col] = frame[col].astype("str")
    return frame


def extract_claims(
    articles: pd.DataFrame,
    *,
    attributions: pd.DataFrame | None | bool = None,
    include_non_claims: bool = False,
) -> pd.DataFrame:
    """One row per numeric claim in ``articles`` (columns :data:`CLAIM_COLUMNS`).

    ``articles`` needs ``article_id`` and ``text`` (``outlet`` names the outlet's own
    voice).  ``attributions``: a frame from
    ``analysis.attribution.extract_attributions`` to take sources from
    (:func:`attach_sources`); ``None`` computes it when that module is available
    and otherwise leaves ``source``/``source_type`` NA; ``False`` skips sources.
    ``include_non_claims=True`` keeps years, dates, times, phone numbers, names and
    ordinals with their ``kind`` (dropped by default).

    Only sentences with a digit or a number word are read (a vectorised prefilter).

    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["الأناضول"],
    ...     "text": ["أسرت قوات المعارضة عام 2017 حوالي ألفي مقاتل خلال الأربعة أيام الأخيرة."]})
    >>> c = extract_claims(arts, attributions=False)
    >>> c[["value", "value_text", "qualifier", "unit", "kind", "verb"]].values.tolist()
    [[2000.0, 'ألفي', 'حوالي', 'مقاتل', 'count', 'أسرت'], [4.0, 'الأربعة', nan, 'يوم', 'duration', 'أسرت']]
    >>> arts.text[0][c.start[0]:c.end[0]]
    'ألفي مقاتل'

    A Dask DataFrame gives a lazy Dask frame of the same rows (see :mod:`analysis.dask_engine`).
    """
    if on_engine := engines.extract_claims.dispatch(articles):  # e.g. Dask: this function runs on each partition
        return on_engine(articles, attributions=attributions, include_non_claims=include_non_claims)
    from analysis.text.segment import sentences

    if "article_id" not in articles or "text" not in articles:
        raise ValueError("articles needs the columns 'article_id' and 'text'")
    sents = sentences(articles)
    if len(sents):
        hint = sents["text"].str.contains(_CLAIM_HINT_PATTERN, regex=True).fillna(False)
        hint = hint.to_numpy(dtype=bool, copy=True)
        marked = ~hint & sents["text"].str.contains(_HINT_IGNORABLE, regex=True).fillna(False).to_numpy(dtype=bool)
        if marked.any():
            plain = sents["text"][marked].str.replace(_HINT_IGNORABLE, "", regex=True)
            hint[marked] = plain.str.contains(_CLAIM_HINT_PATTERN, regex=True).fillna(False).to_numpy(dtype=bool)
        sents = sents[hint]
    rows: dict[str, list] = {c: [] for c in CLAIM_COLUMNS}
    for art, par, sno, stext, sstart in zip(sents["article_id"].tolist(), sents["par_no"].tolist(),
                                            sents["sent_no"].tolist(), sents["text"].tolist(),
                                            sents["start"].tolist(), strict=True):
        for c in _sentence_claims(stext, include_non_claims=include_non_claims):
            rows["article_id"].append(art)
            rows["par_no"].append(par)
            rows["sent_no"].append(sno)
            rows["value"].append(np.nan if c.value is None else c.value)
            rows["value_text"].append(c.value_text)
            rows["approx"].append(c.approx)
            rows["qualifier"].append(c.qualifier)
            rows["unit"].append(c.unit)
            rows["unit_text"].append(c.unit_text)
            rows["kind"].append(c.kind)
            rows["subject"].append(c.subject)
            rows["verb"].append(c.verb)
            rows["place"].append(c.place)
            rows["source"].append(None)
            rows["source_type"].append(None)
            rows["sentence"].append(stext)
            rows["start"].append(sstart + c.start)
            rows["end"].append(sstart + c.end)
    id_dtype = articles["article_id"].dtype
    if rows["article_id"]:
        claims = _types(pd.DataFrame(rows, columns=CLAIM_COLUMNS), id_dtype)
    else:
        claims = _empty_claims(id_dtype)
    if attributions is False:
        return claims
    if attributions is None or attributions is True:
        try:
            from analysis.sources.attribution import extract_attributions  # being built alongside; optional
        except ImportError:
            return claims
        attributions = extract_attributions(articles)
    return attach_sources(claims, attributions, articles)


def attach_sources(claims: pd.DataFrame, attributions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Fill ``source``/``source_type`` of each claim from the attributions of its article.

    A claim whose span ``[start, end)`` lies inside the attributed content
    ``[content_start, content_end)`` of one or more attribution rows of the same
    article takes ``speaker``/``speaker_type`` of the narrowest of them; any other
    claim is the outlet's own voice: ``source`` is the article's ``outlet`` (NA when
    unknown) and ``source_type`` is ``"outlet"``.  Returns a new frame.

    >>> claims = pd.DataFrame({"article_id": ["a", "a"], "start": [40, 5], "end": [50, 12],
    ...                        "source": [None, None], "source_type": [None, None]})
    >>> attrs = pd.DataFrame({"article_id": ["a", "a"], "speaker": ["ناجي أبو حذيفة", "الأناضول"],
    ...     "speaker_type": ["named", "agency"], "content_start": [30, 0], "content_end": [60, 100]})
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["CNN"]})
    >>> attach_sources(claims, attrs, arts)[["source", "source_type"]].values.tolist()
    [['ناجي أبو حذيفة', 'named'], ['الأناضول', 'agency']]
    """
    missing = {"article_id", "speaker", "speaker_type", "content_start", "content_end"} - set(attributions.columns)
    if missing:
        raise ValueError(f"attributions lacks the column(s) {sorted(missing)}")
    out = claims.copy()
    outlets = {}
    if "outlet" in articles:
        outlets = dict(zip(articles["article_id"].tolist(), articles["outlet"].tolist(), strict=True))
    source = [None if pd.isna(o) else o for o in (outlets.get(a) for a in out["article_id"].tolist())]
    source_type = ["outlet"] * len(out)
    if len(out) and len(attributions):
        left = pd.DataFrame({"row": np.arange(len(out)), "article_id": out["article_id"].to_numpy(),
                             "start": out["start"].to_numpy(), "end": out["end"].to_numpy()})
        right = attributions[["article_id", "speaker", "speaker_type", "content_start", "content_end"]]
        right = right[right["content_start"].notna() & right["content_end"].notna()]
        merged = left.merge(right, on="article_id", how="inner")
        inside = (merged["content_start"] <= merged["start"]) & (merged["end"] <= merged["content_end"])
        merged = merged[inside.to_numpy(dtype=bool)]
        if len(merged):
            merged = merged.assign(width=merged["content_end"] - merged["content_start"])
            merged = merged.sort_values(["row", "width"], kind="stable").drop_duplicates("row")
            for row, speaker, stype in zip(merged["row"].tolist(), merged["speaker"].tolist(),
                                           merged["speaker_type"].tolist(), strict=True):
                source[row] = None if pd.isna(speaker) else speaker
                source_type[row] = None if pd.isna(stype) else stype
    out["source"] = pd.Series(source, index=out.index, dtype="str")
    out["source_type"] = pd.Series(source_type, index=out.index, dtype="str")
    return out


# --- comparison ----------------------------------------------------------------------------------------


_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    from analysis.text.stemming import light_stem

    return light_stem(word)


def _context_tokens(*texts: str | None) -> frozenset[str]:
    """Light stems of the content words of some texts (sentence, subject, place): what a claim is about."""
    out = set()
    for text in texts:
        if isinstance(text, str):
            for w in _CONTENT_WORD.findall(text):
                key = word_key(w)
                if key not in _FUNCTION_WORDS and key not in _REPORTING and key not in _TIME_WORDS \
                        and not is_number_word(key):  # number words say how many, not what about
                    out.add(_stem(w))
    return frozenset(out)


def compare_claims(
    claims: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    *,
    by: str = "outlet",
    period: str | None = "W",
    fuzzy: float = 0.3,
    min_sides: int = 1,
) -> pd.DataFrame:
    """Who says how many: claims about the same thing side by side, one row per group and ``by`` value.

    Grouping key: claims of the same ``kind``, ``unit``, event (the verb reduced to its
    lemma, so "أسرت"، "قمنا بأسر" and "أسر" meet; "" when the sentence gives none) and
    period (``articles.published`` floored to ``period``: ``"D"``, ``"W"``, ``"M"``;
    None ignores dates) are one block; inside a block, claims are about the same
    thing when their sentences (with subject and place) share enough content words:
    Jaccard of light stems at least ``fuzzy``; the most similar pairs are joined first
    (equal numbers before different ones), and a group never holds two different
    numbers from one article (they state different facts).

    ``by``: ``"outlet"`` (from ``articles``), ``"source"`` (the claim's source; the
    outlet's own voice shows as ``"<outlet>"``), or any column of ``claims``.
    ``min_sides``: keep groups with at least that many distinct ``by`` values.

    Columns: ``group, kind, unit, event, topic, period, <by>, n_claims, n_articles,
    value_min, value_max, values, value_texts, approx, group_min, group_max,
    group_spread, disagree, sentences, article_ids``.  ``topic`` is the place or
    subject most named in the group; ``group_spread`` is (max - min) / max;
    ``disagree`` tells that the group's sides give different numbers.  Vague claims are
    listed with no value.  Groups that disagree come first, then those with most sides.

    >>> claims = pd.DataFrame({"article_id": ["a", "b", "c"], "kind": ["count"] * 3, "unit": ["قتيل"] * 3,
    ...     "value": [17.0, 17.0, 20.0], "value_text": ["17", "17", "عشرون"], "approx": [False, False, True],
    ...     "verb": ["قتل", "قتل", "قتل"], "subject": [None] * 3, "place": ["تركيا"] * 3,
    ...     "source": ["الأناضول", "الأناضول", "رويترز"], "source_type": ["agency"] * 3,
    ...     "sentence": ["قتل 17 شخصا في حادث حافلة تقل مهاجرين شرق تركيا"] * 2 + [
    ...                  "قتل نحو عشرين شخصا في حادث حافلة مهاجرين في تركيا"]})
    >>> arts = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["BBC", "CNN", "BBC"],
    ...     "published": pd.to_datetime(["2018-03-30"] * 3)})
    >>> compare_claims(claims, arts)[["outlet", "value_min", "value_max", "disagree"]].values.tolist()
    [['BBC', 17.0, 20.0, True], ['CNN', 17.0, 17.0, True]]
    >>> compare_claims(claims, arts, by="source")[["source", "values"]].values.tolist()
    [['الأناضول', [17.0, 17.0]], ['رويترز', [20.0]]]
    """
    cols = ["group", "kind", "unit", "event", "topic", "period", by, "n_claims", "n_articles", "value_min",
            "value_max", "values", "value_texts", "approx", "group_min", "group_max", "group_spread", "disagree",
            "sentences", "article_ids"]
    frame = claims.copy()
    if "kind" in frame:
        frame = frame[frame["kind"].isin(CLAIM_KINDS).to_numpy(dtype=bool)]
    frame = frame[frame["unit"].notna().to_numpy(dtype=bool)]
    if frame.empty:
        return pd.DataFrame({c: [] for c in cols})
    if articles is not None:
        keep = ["article_id"] + [c for c in ("outlet", "published") if c in articles and c not in frame]
        if len(keep) > 1:
            frame = frame.merge(articles[keep].drop_duplicates("article_id"), on="article_id", how="left")
    frame = frame.reset_index(drop=True)
    if by == "outlet":
        if "outlet" not in frame:
            raise ValueError("by='outlet' needs articles with an 'outlet' column")
        side = list(frame["outlet"])
    elif by == "source":
        outlet = frame["outlet"] if "outlet" in frame else pd.Series([None] * len(frame))
        side = [s if isinstance(s, str) else (f"<{o}>" if isinstance(o, str) else "<outlet>")
                for s, o in zip(frame.get("source", pd.Series([None] * len(frame))), outlet, strict=True)]
    else:
        side = list(frame[by])
    frame["_side"] = [x if isinstance(x, str) or not pd.isna(x) else "?" for x in side]
    if period is not None and "published" in frame:
        published = pd.to_datetime(frame["published"], utc=True, errors="coerce")
        periods = published.dt.tz_localize(None).dt.to_period(period).astype("str")
        frame["_period"] = periods.where(published.notna(), "")
    else:
        frame["_period"] = ""
    verbs = frame["verb"] if "verb" in frame else pd.Series([None] * len(frame))
    frame["_event"] = [_event_key(v) for v in verbs]
    sentences = frame["sentence"] if "sentence" in frame else pd.Series([None] * len(frame))
    subjects = frame["subject"] if "subject" in frame else pd.Series([None] * len(frame))
    places = frame["place"] if "place" in frame else pd.Series([None] * len(frame))
    context = [_context_tokens(a, b, c) for a, b, c in zip(sentences, subjects, places, strict=True)]
    group = np.full(len(frame), -1, dtype=np.int64)
    next_group = 0
    values = frame["value"].to_numpy(dtype=float)
    arts = frame["article_id"].to_numpy()
    for _, block in frame.groupby(["kind", "unit", "_event", "_period"], sort=False).groups.items():
        idx = list(block)
        # Most similar pairs first; equal numbers before different ones (the same fact retold).
        pairs = []
        for x, i in enumerate(idx):
            for k in idx[x + 1:]:
                if arts[i] == arts[k] and not (values[i] == values[k]):
                    continue  # one article, two numbers: two facts
                union = context[i] | context[k]
                sim = len(context[i] & context[k]) / len(union) if union else 0.0
                if sim >= fuzzy:
                    pairs.append((-(sim + (0.5 if values[i] == values[k] else 0.0)), i, k))
        pairs.sort()
        cluster = {i: i for i in idx}
        members = {i: {arts[i]: {values[i]}} for i in idx}
        for _, i, k in pairs:
            a, b = _find(cluster, i), _find(cluster, k)
            if a == b:
                continue
            ma, mb = members[a], members[b]
            # never one group holding two different numbers of one article
            if any(art in ma and len(ma[art] | vals) > 1 for art, vals in mb.items()):
                continue
            cluster[b] = a
            for art, vals in mb.items():
                ma.setdefault(art, set()).update(vals)
        roots: dict[int, int] = {}
        for i in idx:
            r = _find(cluster, i)
            if r not in roots:
                roots[r] = next_group
                next_group += 1
            group[i] = roots[r]
    frame["group"] = group
    rows = []
    for (g, side_value), part in frame.groupby(["group", "_side"], sort=False):
        vals = part["value"].dropna()
        rows.append({
            "group": g, "kind": part["kind"].iloc[0], "unit": part["unit"].iloc[0], "event": part["_event"].iloc[0],
            "period": part["_period"].iloc[0], by: side_value, "n_claims": len(part),
            "n_articles": part["article_id"].nunique(),
            "value_min": vals.min() if len(vals) else np.nan, "value_max": vals.max() if len(vals) else np.nan,
            "values": part["value"].tolist(), "value_texts": part["value_text"].tolist(),
            "approx": bool(part["approx"].fillna(False).astype(bool).any()) if "approx" in part else False,
            "sentences": list(dict.fromkeys(part["sentence"])) if "sentence" in part else [],
            "article_ids": sorted(set(part["article_id"])),
        })
    out = pd.DataFrame(rows)
    stats = frame.groupby("group")["value"].agg(["min", "max"])
    n_sides = frame.groupby("group")["_side"].nunique()
    topics = frame.assign(_topic=[p if isinstance(p, str) else (s if isinstance(s, str) else None)
                                  for p, s in zip(places, subjects, strict=True)])
    topic = topics.groupby("group")["_topic"].agg(lambda t: t.dropna().mode().iloc[0] if t.notna().any() else None)
    valued = frame.dropna(subset=["value"])
    n_values = valued.groupby("group")["value"].nunique()
    valued_sides = valued.groupby("group")["_side"].nunique()
    disagree = (n_values > 1) & (valued_sides > 1)
    out["topic"] = out["group"].map(topic)
    out["group_min"] = out["group"].map(stats["min"])
    out["group_max"] = out["group"].map(stats["max"])
    spread = (stats["max"] - stats["min"]) / stats["max"].where(stats["max"] != 0)
    out["group_spread"] = out["group"].map(spread).fillna(0.0)
    out["disagree"] = out["group"].map(disagree).fillna(False).astype(bool)
    out["_sides"] = out["group"].map(n_sides)
    out = out[(out["_sides"] >= min_sides).to_numpy(dtype=bool)]
    out = out.sort_values(["disagree", "_sides", "group_spread", "group", "value_min"],
                          ascending=[False, False, False, True, True], kind="stable")
    out = out.drop(columns="_sides").reset_index(drop=True)
    for col in ("period", "event"):
        out[col] = out[col].replace("", None)
    return out[cols]


# Verbs and event nouns that report the same event, for grouping: killed, wounded, arrested.
_EVENT_FAMILIES = {}
for _family, _words in (("قتل", "قتل مقتل مصرع لقي قضي توفي مات سقوط وفاه اودي"),
                        ("اصاب", "اصاب اصيب جرح اصابه"),
                        ("اعتقل", "اعتقل اعتقال اوقف توقيف احتجز احتجاز اسر")):
    for _w in _words.split():
        _EVENT_FAMILIES[_w] = _family


def _find(parent: dict[int, int], i: int) -> int:
    """Union-find root with path halving."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _event_key(verb) -> str:
    """The event a claim's verb reports ("قمنا بأسر" -> "اعتقل", "لقي" -> "قتل"), or "" when there is none.

    >>> _event_key("قمنا بأسر"), _event_key("مقتل"), _event_key("ارتفعت"), _event_key(None)
    ('اعتقل', 'قتل', 'ارتفع', '')
    """
    if not isinstance(verb, str) or not verb.split():
        return ""
    last = word_key(verb.split()[-1])
    key = last[1:] if last[:1] == "ب" and len(last) > 3 else last
    for cand in (last, key):
        lemma = _verb_lemma(cand)
        if lemma is not None:
            key = word_key(lemma)
            break
    return _EVENT_FAMILIES.get(key, key)


def claims_for(articles: Iterable[str], claims: pd.DataFrame) -> pd.DataFrame:
    """The claims of some articles, in reading order (a convenience for notebooks).

    >>> c = pd.DataFrame({"article_id": ["b", "a"], "start": [3, 1]})
    >>> claims_for(["a"], c).article_id.tolist()
    ['a']
    """
    wanted = set(articles)
    part = claims[claims["article_id"].isin(wanted)]
    return part.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)
