"""Who speaks in an article: reported statements with speaker, reporting verb, content and channel.

Arabic news reports speech in a few shapes, and this module reads them with rules
and word tables (no model to download):

* a reporting verb, its subject, and the content: ``وقال متحدث غرفة العمليات، ناجي
  أبو حذيفة، في حديث لمراسل الأناضول، إن ...`` (the verb first, as Arabic news
  prefers), ``وأضاف "لقد قمنا ..."`` (a direct quote), ``وأشار إلى أن ...``;
* an attribution phrase: ``..., بحسب ما ذكرت وكالة رويترز``, ``ووفقا لشهود عيان، فإن
  ...``, ``نقلا عن مصادر``;
* a wire relay: ``ونقلت وكالة الأناضول عن الوزير قوله: ...``;
* an adverbial participle that goes on with the same speaker: ``، لافتا إلى أن ...``;
* a subject before the verb: ``وكانت الوزارة قد أعلنت أن ...``, ``لكن تركيا تقول إنه ...``.

A verb with no subject ("وأضاف"، "وتابع"، "وأشار إلى أن") continues the speaker last
named in the article (``resolution="continuation"``, preferring one whose verb agreed
in gender); with nobody named before it, it stays ``unresolved`` (speaker NA) rather
than guessed; so does a participle after a clause that is not reported speech
("واستقبل الملك الوفد، مؤكدا أن ..."), whose subject the rules cannot read.  Matching
runs on normalised text (alef, yeh, tashkeel, tatweel, see :mod:`analysis.agencies`)
while every reported word and offset is the original.

Known limits: a bare object after the subject ("وأكد المتحدث حصول الغارات") is only
read when a comma and a day separate them ("أعلن الرئيس، الثلاثاء، عزم بلاده");
reporting nouns ("على القول إن") and verbs outside the table (رد، طلب، ندد، أنكر، تعهد)
are not read; continuations resolve to the last *speaker*, not to a person merely
mentioned ("ويعد خاشقجي ... وكتب: ...").

>>> import pandas as pd
>>> arts = pd.DataFrame({"article_id": ["a1"], "text": [
...     "وقال وزير الخارجية التركي مولود جاويش أوغلو لمراسل الأناضول، إن المحادثات مستمرة. "
...     "وأضاف: «لن نتراجع». ونوهت مصادر محلية بأن القصف توقف."]})
>>> rows = extract_attributions(arts)
>>> rows[["speaker", "speaker_type", "verb_lemma", "quote", "agency", "resolution"]].values.tolist()
[['مولود جاويش أوغلو', 'named', 'قال', 'indirect', 'anadolu', 'explicit'], \
['مولود جاويش أوغلو', 'named', 'أضاف', 'direct', 'anadolu', 'continuation'], \
['مصادر محلية', 'anonymous', 'نوه', 'indirect', nan, 'explicit']]
>>> rows["role"][0], rows["content"][1]
('وزير الخارجية التركي', 'لن نتراجع')
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis import engines
from analysis.sources.agencies import AgencyTable, agency_table
from analysis.text.normalize import NormText, norm
from analysis.text.segment import iter_paragraphs, iter_sentences

__all__ = [
    "ATTRIBUTION_COLUMNS",
    "QUOTE_TYPES",
    "RESOLUTIONS",
    "SPEAKER_TYPES",
    "extract_attributions",
    "reporting_verbs",
]

#: the attributions frame's columns, in order (a fixed interface: claims rely on it)
ATTRIBUTION_COLUMNS = [
    "article_id", "par_no", "sent_no", "speaker", "speaker_type", "role", "verb", "verb_lemma", "quote", "content",
    "channel", "agency", "resolution", "start", "end", "content_start", "content_end",
]
SPEAKER_TYPES = ("named", "role", "institution", "anonymous", "agency", "outlet")
QUOTE_TYPES = ("direct", "indirect", "mixed")
RESOLUTIONS = ("explicit", "continuation", "unresolved")
_INT_COLUMNS = ("par_no", "sent_no", "start", "end", "content_start", "content_end")

# --- reporting verbs: data ------------------------------------------------------------------------
# lemma | masculine | feminine | plural and dual | adverbial participles | prepositions that may
# introduce the content as a noun phrase ("دعا إلى وقف ..."; "أن" clauses need none).
# Feminine past forms carry ت, present ones ت-; news uses the past, the present in features.
_VERB_TABLE = """
قال | قال يقول | قالت تقول | قالوا قالا قالتا يقولون يقولان | قائلا قائلة قائلين قائلون |
أضاف | أضاف يضيف | أضافت تضيف | أضافوا أضافا أضافتا يضيفون | مضيفا مضيفة مضيفين |
أكد | أكد يؤكد | أكدت تؤكد | أكدوا أكدا أكدتا يؤكدون | مؤكدا مؤكدة مؤكدين | على
أوضح | أوضح يوضح | أوضحت توضح | أوضحوا أوضحا يوضحون | موضحا موضحة موضحين |
أشار | أشار يشير | أشارت تشير | أشاروا أشارا يشيرون | مشيرا مشيرة مشيرين | إلى
شدد | شدد يشدد | شددت تشدد | شددوا شددا يشددون | مشددا مشددة مشددين | على
لفت | لفت يلفت | لفتت تلفت | لفتوا لفتا يلفتون | لافتا لافتة لافتين | إلى
نوه | نوه ينوه | نوهت تنوه | نوهوا ينوهون | منوها منوهة منوهين | ب إلى
صرح | صرح يصرح | صرحت تصرح | صرحوا يصرحون | مصرحا مصرحة | ب
ذكر | ذكر يذكر | ذكرت تذكر | ذكروا يذكرون | ذاكرا ذاكرة |
أفاد | أفاد يفيد | أفادت تفيد | أفادوا يفيدون | مفيدا مفيدة | ب
تابع | تابع يتابع | تابعت تتابع | تابعوا | متابعا متابعة |
أعلن | أعلن يعلن | أعلنت تعلن | أعلنوا يعلنون | معلنا معلنة | عن ب
نقل | نقل ينقل | نقلت تنقل | نقلوا ينقلون | ناقلا ناقلة |
اعتبر | اعتبر يعتبر | اعتبرت تعتبر | اعتبروا يعتبرون | معتبرا معتبرة معتبرين |
رأى | رأى يرى | رأت ترى | رأوا يرون | |
كشف | كشف يكشف | كشفت تكشف | كشفوا يكشفون | كاشفا كاشفة | عن
أردف | أردف يردف | أردفت تردف | أردفوا | مردفا مردفة |
زعم | زعم يزعم | زعمت تزعم | زعموا يزعمون | زاعما زاعمة |
نفى | نفى ينفي | نفت تنفي | نفوا ينفون | نافيا نافية |
حذر | حذر يحذر | حذرت تحذر | حذروا يحذرون | محذرا محذرة محذرين | من
طالب | طالب يطالب | طالبت تطالب | طالبوا يطالبون | مطالبا مطالبة مطالبين | ب
دعا | دعا يدعو | دعت تدعو | دعوا يدعون | داعيا داعية | إلى
اتهم | اتهم يتهم | اتهمت تتهم | اتهموا يتهمون | متهما متهمة |
أعرب | أعرب يعرب | أعربت تعرب | أعربوا | معربا معربة | عن
أورد | أورد يورد | أوردت تورد | أوردوا | |
بين | | بينت تبين | بينوا | مبينا مبينة |
توقع | توقع | توقعت تتوقع | توقعوا يتوقعون | متوقعا متوقعة |
رجح | رجح | رجحت ترجح | رجحوا | مرجحا مرجحة |
أقر | أقر | أقرت | أقروا | مقرا مقرة | ب
اعترف | اعترف يعترف | اعترفت تعترف | اعترفوا | معترفا معترفة | ب
تساءل | تساءل يتساءل | تساءلت تتساءل | تساءلوا | متسائلا متسائلة |
أجاب | أجاب يجيب | أجابت تجيب | أجابوا | مجيبا مجيبة |
أبلغ | أبلغ | أبلغت | أبلغوا | |
أخبر | أخبر | أخبرت | أخبروا | |
أعلم | أعلم | أعلمت | | |
كتب | كتب | كتبت | كتبوا | |
غرد | غرد يغرد | غردت تغرد | غردوا | مغردا مغردة |
ناشد | ناشد يناشد | ناشدت تناشد | ناشدوا | مناشدا مناشدة | ب
حث | حث يحث | حثت تحث | حثوا | حاثا | على
مضى | مضى | مضت | مضوا | |
"""
# "بين" (masculine past) is left out on purpose: it is the preposition "between".

# Present forms that open an impersonal passive in news ("يذكر أن": it is worth noting that):
# with no subject they are the outlet's narration, not a continuation.
_IMPERSONAL = frozenset(norm(w) for w in "يذكر يشار يقال يتوقع يعتقد يرجح يعتبر يفترض يبدو يرى".split())
_STRONG_PREPS = frozenset(norm(w) for w in "إلى على عن".split())
# Verbs that take a person as object ("دعا الوزير الأطراف إلى"): agreement tells subject from object.
_OBJECT_VERBS = frozenset("دعا طالب اتهم أبلغ أخبر أعلم".split())
# Verbs whose content may be a bare object: "أعلن الرئيس، الثلاثاء، عزم بلاده ...".
_NP_OBJECT_VERBS = frozenset("أعلن أكد نفى كشف أوضح اتهم أعرب".split())
# Verbs whose object names who was told: the channel when it is an agency ("أبلغ مسؤول رويترز").
_TELL_VERBS = frozenset("أبلغ أخبر أعلم".split())  # lemmas, as written in the table


@dataclass(frozen=True)
class _Form:
    lemma: str
    gender: str  # m f p
    participle: bool
    preps: tuple[str, ...]


def _parse_verb_table(table: str) -> dict[str, _Form]:
    forms: dict[str, _Form] = {}
    for line in table.strip().splitlines():
        cells = [c.strip() for c in line.split("|")]
        lemma, masc, fem, plural, participles, preps = (cells + [""] * 6)[:6]
        prep_norm = tuple(norm(p) for p in preps.split())
        for words, gender, participle in ((masc, "m", False), (fem, "f", False), (plural, "p", False)):
            for w in words.split():
                forms.setdefault(norm(w), _Form(lemma, gender, participle, prep_norm))
        for w in participles.split():
            gender = "f" if w.endswith("ة") else "p" if w.endswith(("ين", "ون")) else "m"
            forms.setdefault(norm(w), _Form(lemma, gender, True, prep_norm))
    return forms


_FORMS = _parse_verb_table(_VERB_TABLE)


def reporting_verbs() -> pd.DataFrame:
    """The reporting-verb table as a frame: ``form`` (normalised), ``lemma``, ``gender``
    (``m``/``f``/``p``), ``participle`` and ``preps`` (prepositions that may open the content).

    >>> v = reporting_verbs().set_index("form")
    >>> v.loc["اضافت", ["lemma", "gender"]].tolist(), v.loc["لافتا", "participle"]
    (['أضاف', 'f'], np.True_)
    """
    return pd.DataFrame(
        [(f, e.lemma, e.gender, e.participle, " ".join(e.preps)) for f, e in _FORMS.items()],
        columns=["form", "lemma", "gender", "participle", "preps"],
    )


# --- word lists (normalised at import) -------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(norm(w) for w in text.split())


_W = r"[^\W_]"  # a letter or digit
_NOT_W_BEFORE = rf"(?<!{_W})"
_NOT_W_AFTER = rf"(?!{_W})"
_QUOTE_OPEN = "\"«“”„"
_QUOTE_CHARS = "\"«»“”„‟"
_PUNCT = "،,:;؛.!?؟"


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_VERB_RE = re.compile(rf"{_NOT_W_BEFORE}(?P<pre>[وف]?(?:قد\s+)?)(?P<v>{_alternation(_FORMS)}){_NOT_W_AFTER}")
# "بحسب ما ذكرت"، "وفقا لما نقلته"، "حسبما أفادت"، "نقلا عن"، "وفق": the phrase, an optional
# "ما" and the verb it governs ("فحسب", only, is not matched: و is the only clitic allowed).
_PHRASE_RE = re.compile(
    rf"{_NOT_W_BEFORE}(?P<pw>و?)(?P<ph>(?:وفقا|طبقا|استنادا)\s*ل(?=[^\W\d_]|[\"«“])"
    rf"|(?:ب?حسب(?:ما)?|وفق(?:ا|ما)?|طبقا|نقلا\s+عن|استنادا\s+(?:الي|علي)){_NOT_W_AFTER})"
    rf"(?P<ma>\s*ما{_NOT_W_AFTER})?"
)
_PHRASE_LEMMA = {"حسب": "بحسب", "وفق": "وفقا", "طبق": "وفقا", "نقل": "نقلا عن", "است": "وفقا"}
_CUE_RE = re.compile(_VERB_RE.pattern + "|" + _PHRASE_RE.pattern.replace("(?P<", "(?:").replace(
    "(?:pw>", "(?:").replace("(?:ph>", "(?:").replace("(?:ma>", "(?:"))

_COMP = r"[بف]?[ال]?ان(?:ه|ها|هم|هما|هن|نا|ني|كم|ك)?"
_MARKER_RE = re.compile(
    r"(?P<colon>:)"
    rf"|{_NOT_W_BEFORE}(?:(?P<prep>الي|علي|في|من|عن)\s+)?(?P<comp>{_COMP}){_NOT_W_AFTER}"
    rf"|(?P<quote>[{_QUOTE_OPEN}])"
    rf"|{_NOT_W_BEFORE}(?P<qaala>قائل(?:ا|ة|ين|ون|تين)){_NOT_W_AFTER}"
    rf"|{_NOT_W_BEFORE}(?P<qawl>قول(?:ه|ها|هم|هما|هن)){_NOT_W_AFTER}"
)
# After these a complementizer is not reported speech: "بعد أن", "إلا أن" (however), "يجب أن".
_NOT_SPEECH_BEFORE_COMP = _words(
    "بعد قبل منذ رغم برغم بالرغم دون بدون إلا غير حتى لو بيد مجرد يجب يمكن ينبغي لابد بد المقرر المتوقع "
    "المفترض المرجح الممكن مع كما وبعد وقبل ومنذ ورغم وحتى لأجل أجل بسبب لمجرد")
_WORD_RE = re.compile(rf"[^\s{re.escape(_PUNCT + _QUOTE_CHARS)}()\[\]\-–—/]+")

# Speakers.  Heads are compared without the article ال.
_ROLE_HEADS = _words(
    "وزير وزيرة رئيس رئيسة متحدث متحدثة ناطق ناطقة سفير سفيرة مدير مديرة قائد قائدة أمين أمينة مستشار مستشارة "
    "نائب نائبة زعيم زعيمة عضو عضوة محافظ مدعي المدعي قاضي قاضية ملك ملكة أمير أميرة ولي مبعوث مبعوثة مندوب "
    "مندوبة مراسل مراسلة خبير خبيرة محلل محللة باحث باحثة أستاذ أستاذة سيناتور مرشد عقيد لواء عميد جنرال نقيب "
    "رائد مقدم مشير بابا دكتور طبيب طبيبة محامي محامية قيادي قيادية مرشح مرشحة ممثل ممثلة مفوض مفوضة منسق "
    "منسقة مساعد مساعدة كبير كبيرة مدرب لاعب لاعبة مهاجم حارس نجم نجمة فنان فنانة كاتب كاتبة مخرج مخرجة مغني "
    "مغنية حاكم شيخ عمدة والي مفتي إمام خطيب أسقف بطريرك قس مطران ناشط ناشطة صحفي صحفية إعلامي إعلامية "
    "مدون مدونة وكيل وكيلة رئيسا سكرتير مفوض المستشار البروفيسور بروفيسور الدكتور د.")
_ANON_HEADS = _words(
    "مصدر مصدرا مصادر مصدران مصدرين شهود شاهد ناشطون ناشطين نشطاء سكان مسؤول مسؤولا مسؤولون مسؤولين مسؤولان "
    "مسؤولة مراقبون مراقبين متابعون مقربون مقربين أوساط دوائر جهات مواطن مواطنون مواطنين أهالي دبلوماسي "
    "دبلوماسيون دبلوماسيين خبراء محللون محللين شخص أشخاص أحد عناصر مسعفون أطباء معارضون موظفون عمال "
    "متظاهرون محتجون ناجون عسكري جندي ضابط مقاتل منتقدون منتقدين معارضون معارضين")
_INSTITUTION_HEADS = _words(
    "وزارة حكومة جيش شرطة أمم منظمة بيت كرملين مجلس هيئة لجنة حركة حزب جماعة تنظيم رئاسة سفارة قنصلية بنك "
    "مصرف صندوق شركة اتحاد مرصد تحالف قوات دفاع نيابة محكمة مكتب بيان تقرير دراسة خارجية داخلية بنتاغون "
    "برلمان كونغرس كونجرس جامعة مفوضية إدارة سلطات سلطة مديرية ديوان قيادة غرفة مركز معهد ائتلاف ناتو حلف "
    "استخبارات مخابرات أمن دولة نظام جبهة مجموعة مؤسسة دائرة هلال صليب قصر إليزيه ادعاء نادي بورصة حرس "
    "أوبك فيفا يويفا يونيسف يونسكو منظمات مفوض إحصاءات بيانات أرقام نتائج وثيقة تقديرات سجلات استطلاع "
    "محافظة بلدية كتائب فصائل فصيل ألوية لواء")
_MEDIA_HEADS = {**{w: "agency" for w in _words("وكالة وكالات")},
                **{w: "outlet" for w in _words(
                    "صحيفة جريدة قناة موقع تلفزيون إذاعة شبكة مجلة وسائل وسائط إعلام تقارير صحف قنوات")}}
_COUNTRIES = _words(
    "تركيا روسيا إيران سوريا سورية مصر فرنسا ألمانيا بريطانيا إسرائيل أمريكا واشنطن موسكو أنقرة طهران دمشق "
    "القاهرة باريس لندن برلين بكين الصين اليابان الهند باكستان قطر الكويت السعودية الرياض الإمارات الأردن "
    "لبنان العراق بغداد ليبيا تونس الجزائر المغرب السودان اليمن فلسطين البحرين عمان الدوحة أبوظبي بيروت "
    "عمان كندا إسبانيا إيطاليا اليونان أوكرانيا كوريا أفغانستان إثيوبيا الفاتيكان بروكسل جنيف نيويورك "
    "الولايات إيرلندا هولندا بلجيكا النمسا السويد النرويج البرازيل فنزويلا المكسيك كوبا نيجيريا الصومال "
    "كينيا جيبوتي موريتانيا الفلبين إندونيسيا ماليزيا أستراليا")
# Nouns that continue a role in a construct chain ("وزير خارجية ..."، "المتحدث باسم ...").
_ROLE_COMPLEMENTS = _words(
    "خارجية داخلية دفاع شؤون وزراء مجلس حزب حركة وزارة منظمة هيئة جماعة لجنة جيش شركة جامعة مكتب غرفة قوات "
    "إدارة جهاز قسم دائرة مديرية مركز اتحاد تحالف تنظيم فريق نادي منتخب حكومة جبهة برلمان سفارة صندوق بنك "
    "مصرف مؤسسة معهد مرصد عمليات أركان هيئة كتلة ائتلاف رابطة نقابة جمعية بلدية محافظة ولاية إقليم")
_ROLE_PREPS = _words("باسم في لدى عن من ل لشؤون بشؤون")
# Words that end a role and may be stripped from its end ("غرفة العمليات المذكورة").
_ANAPHORIC_ADJ = _words("المذكور المذكورة ذاته ذاتها نفسه نفسها المشار")
_TIME_WORDS = _words(
    "اليوم أمس غدا الليلة يوم مساء ظهر عصر ليلة ليل الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس "
    "الجمعة السبت الماضي الماضية الجاري المقبل الحالي أيضا كذلك "
    "بدوره بدورها بدورهم لاحقا سابقا مجددا أخيرا مؤخرا في وقت سابق لاحق وقت من جهته جهتها جانبه جانبها "
    "جهتهم جانبهم كما الآخر بدوري أول أمس قبل بعد ساعات أيام قليلة يناير فبراير مارس أبريل إبريل مايو يونيو "
    "يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين "
    "هذا الأسبوع الشهر الصباح المساء ظهيرة منتصف ذلك وقد قد حينها آنذاك حين فيه فيها")
_CHANNEL_NOUNS = _words(
    "حديث حديثه حديثها حديثهم تصريح تصريحات تصريحاته تصريحاتها تصريحه تصريحها بيان بيانه بيانها بيانات مؤتمر "
    "مؤتمره كلمة كلمته كلمتها تغريدة تغريدات تغريدته تغريدتها منشور منشورات رسالة رسالته رسالتها مقابلة "
    "مقابلته مقابلتها مقابلات لقاء لقائه اتصال اتصالات مكالمة خطاب خطابه خطابها تقرير تقريره تقريرها "
    "تقريرها حوار حواره حوارها مداخلة مداخلته إفادة شهادة ندوة جلسة اجتماع مقال مقاله مقالة افتتاحية صفحته "
    "صفحتها حسابه حسابها حسابهم موقعه موقعها تويتر فيسبوك إنستغرام يوتيوب تلغرام تصريحاتهم بث مقطع فيديو "
    "تسجيل شريط برنامج مقابلتين زيارة زيارته تعليق تعليقه تعليقها تعليقات")
_CHANNEL_PREPS = _words("في خلال عبر على أمام عقب ضمن أثناء إبان لدى عند")
_CHANNEL_PARTICIPLES = _words("متحدثا متحدثة متحدثين")
_MEDIA_NOUNS = _words("وكالة صحيفة قناة موقع شبكة تلفزيون إذاعة مجلة مراسل مراسلة مراسلي مراسلو جريدة هيئة "
                      "وسائل فضائية محطة")
_RELATIVES = _words("الذي التي الذين اللذين اللتين اللواتي اللاتي وهو وهي وهم الذى")
_CONNECTORS = _words(
    "و ف ثم كما لكن ولكن لكنه لكنها بيد غير بل أيضا كذلك وقد قد فقد بدوره بدورها بدورهم وبدوره وبدورها من ومن "
    "جهته جهتها جانبه جانبها جهتهم جانبهم جهة جانب ثانية أخرى ثالثة في وفي هذا السياق الصدد الإطار ذلك إلى "
    "وإلى غضون ذات ذاته نفسه تعليقا وتعليقا على وعلى ردا وردا لاحقا مجددا وأيضا حين وحين أما وأما بدوري "
    "ناحية أخرى المقابل وفي بالمقابل وبالمقابل كذلك أيضاً")
# Adverbial openers after which the verb still starts the sentence ("من جهته، قال ...").
_ADVERBIAL_OPENERS = _words(
    "من ومن في وفي إلى وإلى على وعلى بعد وبعد خلال وخلال عقب وعقب تعليقا وتعليقا ردا وردا بدوره وبدوره بدورها "
    "وبدورها أما وأما بالمقابل وبالمقابل كذلك وكذلك أيضا وأيضا لاحقا ولاحقا")
# Bare verbs (no و/ف) start a statement after punctuation or one of these words.
_VERB_OPENERS = _words(
    "ثم كما لكن ولكن بينما فيما حيث إذ اذ بل حين عندما وعندما لما ولما فقد وقد قد أيضا كذلك لذلك ولذلك أما "
    "لكنه لكنها ولكنه ولكنها")
# "بحسب التوقيت المحلي" is a clock, not a source.
_NOT_SOURCES = _words(
    "التوقيت توقيت الخطة خطة الاتفاق اتفاق القانون قانون الدستور الحاجة الظروف الترتيب الأصول المقرر الجدول "
    "البرنامج الأولوية الأهمية الطلب العادة النوع الفئة الحالة الاتجاه نوع ترتيب درجة الطريقة ذلك هذا هذه "
    "السن العمر الحجم المسافة الموسم الطقس الاحتياجات الإمكانيات الشروط القواعد الأنظمة اللوائح التصنيف "
    "تصنيف المعايير معايير الأسعار سعر الجنسية المنطقة الدول الفئات الأعمار الجنس")
# A possessive that names a speaker already met: "وفق قوله"، "حسب رأيها".
_PRONOUN_SOURCES = re.compile(norm(r"^(?:قول|رأي|تعبير|وصف|تقدير|كلام|زعم|رواية|تأكيد)(?:ه|ها|هم|هما)$"))
# Words a personal name does not contain: "رئيس بلدية حدودية تستضيف عشرات الآلاف من اللاجئين".
_FUNCTION_WORDS = _words("من في إلى عن مع التي الذي الذين منذ حتى بين عشرات مئات آلاف لم لا لن ما قد كل "
                         "أن إن أنه إنه أنها إنها أنهم إنهم أنهما أنني أننا إننا هو هي هم لكنه لكنها ولكنه "
                         "ولكنها كان كانت وكان وكانت غير قبل بعد")
# Adverbs and days that end a subject: "وأكد الرئيس التركي أيضا تحذيرات ...", "قال فيه وزير ...".
_SUBJECT_END = _words("أيضا كذلك مجددا بدوره بدورها بدورهم لاحقا سابقا مؤخرا أخيرا اليوم أمس الليلة يوم مساء "
                      "الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت فيه فيها ذات مرة علنا "
                      "بالقول هذه هذا ذلك تلك هؤلاء صراحة قد أمام إثر عقب قبيل يومين يومان ساعات أيام "
                      "أسابيع أشهر سنوات")
# A clause that describes the speaker: "مسؤول سعودي، لم يذكر اسمه،"، "طلب عدم الكشف عن هويته".
_DESCRIPTION_OPENERS = _words("لم لا لن طلب طالبا رفض رافضا فضل مفضلا مشترطا اشترط والذي والتي")
_ROLE_ADJECTIVES = _words("العام العامة الأعلى الأول الأولى السابق السابقة الجديد الجديدة الأسبق المكلف المكلفة "
                          "المستقيل المؤقت التنفيذي التنفيذية الدائم الدائمة الخاص الخاصة المساعد الرسمي الرسمية")
_DAY_PARTS = _words("صباح ظهر عصر فجر")
_PREPOSITIONS = _words("في وفي من ومن إلى وإلى على وعلى عن مع ومع لدى حول")  # "وفي رأي الخبراء": a noun
_ADDRESSEES = _words("صحفيين صحافيين إعلاميين مراسلين حضور جمهور")
_NOT_SPEAKERS = _words("النقاب الستار اللثام")
_GENERIC_MEDIA = _words("الوكالة الصحيفة القناة الشبكة الموقع الجريدة المجلة التلفزيون")


def _bare(word: str) -> str:
    """A word without quotes, a conjunction before its article, and the article: "والوزير" -> "وزير"."""
    w = word.strip(_QUOTE_CHARS + "()")
    if w.startswith("وال") and len(w) > 4:
        w = w[1:]
    if w.startswith("ال") and len(w) > 3:
        return w[2:]
    return w


def _in(word: str, lexicon: frozenset[str]) -> bool:
    w = word.strip(_QUOTE_CHARS + "()")
    if w in lexicon or _bare(w) in lexicon:
        return True
    # accusative tanween spelling after "أن" ("مسؤولا محليا")
    return w.endswith("ا") and len(w) > 3 and (w[:-1] in lexicon or _bare(w[:-1]) in lexicon)


# --- statements ------------------------------------------------------------------------------------

Span = tuple[int, int]


@dataclass
class _Stmt:
    """One reported statement while it is read; spans are offsets in the paragraph's normalised text."""

    par_no: int
    sent_no: int
    sent: Span
    cue: Span  # the verb or phrase, without the conjunction before it
    pre_start: int  # where the cue's conjunction ("و", "وقد") starts
    verb: Span
    lemma: str
    gender: str | None  # m f p, from the verb form
    kind: str  # verb | participle | phrase
    initial: bool = False  # only connectors before the cue in its sentence
    content: Span | None = None
    quote: str = "indirect"
    speaker: Span | None = None
    speaker_type: str | None = None
    role: Span | None = None
    channel: Span | None = None
    agency: str | None = None
    speaker_key: str | None = None  # the agency/outlet key when the speaker is one
    pronoun_gender: str | None = None  # "نقلت عنه": the speaker is a pronoun
    anaphoric_media: bool = False  # "وتابعت الوكالة": the agency named before
    resolution: str = "explicit"
    # texts as written, filled from the spans (or copied from an antecedent)
    speaker_text: str | None = None
    role_text: str | None = None
    channel_text: str | None = None
    drop: bool = False
    span: Span | None = None  # the whole statement
    marker: int = 0  # where the speaker ends and the content marker starts
    al: int = -1  # position of a ل standing for "ال" at the speaker's start ("وفقا للمفوضية")
    hidden: bool = False  # a subject for the participles after it, not a statement
    nt: NormText | None = None
    offset: int = 0  # the paragraph's offset in the article

    @property
    def explicit(self) -> bool:
        return self.speaker is not None


@dataclass
class _Np:
    speaker: Span | None = None
    speaker_type: str | None = None
    role: Span | None = None
    channel: Span | None = None
    agency: str | None = None
    speaker_key: str | None = None
    pronoun_gender: str | None = None
    anaphoric_media: bool = False
    guessed: bool = False  # typed by the fallback rule (no known head word)


def _tokens(P: str, a: int, b: int) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(P, a, b)]


def _nwords(P: str, a: int, b: int) -> int:
    return len(_WORD_RE.findall(P, a, b)) if b > a else 0


def _trim(P: str, a: int, b: int, chars: str = " \t\n،,.:;؛!?؟-–—") -> Span:
    while a < b and P[a] in chars:
        a += 1
    while b > a and P[b - 1] in chars:
        b -= 1
    return a, b


def _trim_connectors(P: str, a: int, b: int) -> Span:
    """Trim a content that stops where the next statement starts: "إن ...، كما" -> "إن ..."."""
    a, b = _trim(P, a, b, " \t\n،,-–—")
    while True:
        m = re.search(r"(?:^|\s)(?:كما|ثم|فيما|بينما|لكن|ولكن|حيث|إذ|اذ|و)$", P[a:b])
        if m is None:
            return a, b
        a, b = _trim(P, a, a + m.start(), " \t\n،,-–—")


_CLOSERS = {"«": "»", "“": "”", "„": "“”", '"': '"”', "”": '”"'}


def _quote_spans(P: str, sentences: list[Span]) -> list[Span]:
    """Quoted spans ``(open, close)`` of a paragraph; a quote left open runs to the end of its sentence."""
    spans = []
    opened, closer = None, ""
    for i, ch in enumerate(P):
        if ch not in _QUOTE_CHARS:
            continue
        if opened is None:
            if ch in _CLOSERS:
                opened, closer = i, _CLOSERS[ch]
        elif ch in closer:
            spans.append((opened, i))
            opened = None
    if opened is not None:
        end = next((e for s, e in sentences if s <= opened < e), len(P))
        spans.append((opened, end))
    return spans


def _inside(pos: int, spans: list[Span]) -> Span | None:
    """The span of ``spans`` (sorted, not overlapping, as :func:`_quote_spans` gives) strictly around ``pos``."""
    k = bisect_left(spans, (pos,))  # the last span that opens before pos is the only candidate
    if k and spans[k - 1][0] < pos < spans[k - 1][1]:
        return spans[k - 1]
    return None


@lru_cache(maxsize=64)
def _prep_re(preps: tuple[str, ...]) -> re.Pattern | None:
    words = [p for p in preps if p != "ب"]
    parts = []
    if words:
        parts.append(rf"(?:{'|'.join(words)})\s+")
    if "ب" in preps:
        parts.append(r"ب(?=[^\W\d_]{3})")  # "طالب بوقف ...", "نوه بأن" (the latter is a complementizer)
    return re.compile(rf"{_NOT_W_BEFORE}(?:{'|'.join(parts)})") if parts else None


_RELAY_RE = re.compile(rf"{_NOT_W_BEFORE}عن(?:ه|ها|هم|هما)?{_NOT_W_AFTER}")
_NAQLAN_RE = re.compile(rf"{_NOT_W_BEFORE}(?:نقلا\s+عن(?:ه|ها|هم|هما)?|علي\s+لسان){_NOT_W_AFTER}")
# "وفق حصيلة أعلنها نائب رئيس الوزراء": the source is who issued the figures
_ISSUERS = [f for f, e in _FORMS.items() if not e.participle] + [norm(w) for w in "نشر نشرت أصدر أصدرت".split()]
_ISSUED_RE = re.compile(rf"{_NOT_W_BEFORE}(?:{_alternation(_ISSUERS)})(?:ه|ها|هم){_NOT_W_AFTER}")
_REL_BEFORE_RE = re.compile(rf"{_NOT_W_BEFORE}(?:الذي|التي|الذين|اللذين|اللتين|اللواتي|اللاتي)\s+$")
_RESUMPTIVE_RE = re.compile(rf"\s+(?:فيه|فيها){_NOT_W_AFTER}")
_KAN_RE = re.compile(rf"{_NOT_W_BEFORE}[وف]?كان(?:ت|وا)?{_NOT_W_AFTER}")
_CLAUSE_CUT_RE = re.compile(
    rf"[،,؛;]|{_NOT_W_BEFORE}(?:و?لكن|بيد\s+ان|غير\s+ان|الا\s+ان|كما\s+ان|فيما|بينما|و?حيث|و?اذ){_NOT_W_AFTER}")
_SEGMENT_RE = re.compile(r"[،,؛;()]|\s[-–—]\s")
_PHRASE_STOP_RE = re.compile(r"[،,:؛;.!?؟()]|\s[-–—]\s")
_PREPOSED_STOP_RE = re.compile(rf"[،,:؛;]|{_NOT_W_BEFORE}[فو]?(?P<comp>ان(?:ه|ها|هم)?){_NOT_W_AFTER}")


class _Reader:
    """Reads the statements of one article at a time."""

    def __init__(self, table: AgencyTable):
        self.table = table

    # -- the article ---------------------------------------------------------------------------------
    def article(self, text: str) -> list[_Stmt]:
        stmts: list[_Stmt] = []
        credited: list[str] = []
        sent_no = 0
        for par_no, (ps, pe) in enumerate(iter_paragraphs(text), start=1):
            sents = list(iter_sentences(text, ps, pe))
            nt = NormText.of(text[ps:pe])
            P = nt.norm
            if not _CUE_RE.search(P):
                sent_no += len(sents)
                continue
            for mention in self.table.find(nt):
                if mention.key not in credited:
                    credited.append(mention.key)
            spans = [(nt.to_norm(s - ps), nt.to_norm(e - ps)) for s, e in sents]
            quotes = _quote_spans(P, spans)
            for ss, se in spans:
                sent_no += 1
                for st in self.sentence(P, ss, se, quotes, par_no, sent_no):
                    st.speaker_text = _orig(nt, st.speaker, st.al)
                    st.role_text = _orig(nt, st.role, st.al)
                    st.channel_text = _orig(nt, st.channel)
                    st.nt, st.offset = nt, ps
                    stmts.append(st)
        self.resolve(stmts, credited)
        return stmts

    # -- one sentence --------------------------------------------------------------------------------
    def sentence(self, P: str, ss: int, se: int, quotes: list[Span], par_no: int, sent_no: int) -> list[_Stmt]:
        phrases = [m for m in _PHRASE_RE.finditer(P, ss, se) if not _inside(m.start(), quotes)]
        phrase_verbs = [(m.start(), self._phrase_end(P, m, se)) for m in phrases]
        verbs = []
        for m in _VERB_RE.finditer(P, ss, se):
            if _inside(m.start("v"), quotes) or any(a <= m.start() < b for a, b in phrase_verbs):
                continue
            form = _FORMS[m.group("v")]
            rel = self._relative_before(P, ss, m)
            if rel is not None and not form.participle:
                # "السلطات التي تقول إن": the antecedent speaks; "الذي قال فيه الوزير إن": the subject follows
                if _RESUMPTIVE_RE.match(P, m.end()):
                    verbs.append((m, form, True, None, False))
                else:
                    subject = self._relative_antecedent(P, ss, rel)
                    if subject is not None:
                        verbs.append((m, form, False, subject, True))
                continue
            placed = self._position_ok(P, ss, m, form)
            subject = None
            if not form.participle and (not placed or "قد" in m.group("pre")):
                subject = self._subject_before(P, ss, m, strict=not placed)
            elif not form.participle and not m.group("pre"):
                subject = self._kan_subject(P, ss, m, 0)  # "وكان أردوغان (64 عاما) أعلن ...".
            if placed or subject is not None:
                verbs.append((m, form, placed, subject, False))
        if not verbs and not phrases:
            return []
        out: list[_Stmt] = []
        for i, cue in enumerate(verbs):
            nxt = verbs[i + 1][0].start() if i + 1 < len(verbs) else se
            st = self._verb(P, ss, se, cue, nxt, quotes, par_no, sent_no)
            if st is not None:
                out.append(st)
        starts = [m.start() for m, *_ in verbs]
        for m in phrases:
            # "وأفادت الوكالة، نقلا عن أقداغ، أن": a phrase inside a speaker belongs to that statement
            if any(st.cue[1] <= m.start() < st.marker for st in out):
                continue
            nxt = next((x for x in starts if x > m.start()), se)
            st = self._phrase(P, ss, se, m, nxt, quotes, par_no, sent_no)
            if st is not None:
                out.append(st)
        return self._settle(P, out)

    # -- a reporting verb ----------------------------------------------------------------------------
    def _verb(self, P, ss, se, cue, nxt, quotes, par_no, sent_no) -> _Stmt | None:
        m, form, placed, subject, relative = cue
        st = _Stmt(par_no, sent_no, (ss, se), (m.start("v"), m.end("v")), m.start(), (m.start("v"), m.end("v")),
                   form.lemma, form.gender, "participle" if form.participle else "verb")
        st.initial = self._initial(P, ss, m.start())
        found = self._marker(P, m.end(), min(se, nxt), se, form, quotes)
        if found is None:
            if placed and subject is None:
                post = self._postposed(P, ss, se, m, st, quotes)
                if post is not None:
                    return post
            found = self._lead_object(P, m.end(), min(se, nxt), se, form, quotes)
            if found is None:
                return self._hidden(P, st, subject, form) if not placed else None
        st.marker, st.content, st.quote = found
        np_ = self._np(P, m.end(), st.marker, form)
        if np_ is None:
            return None
        if np_.speaker is not None and (form.participle or self._object_not_subject(P, np_, form)):
            np_ = _Np(channel=np_.channel, agency=np_.agency)  # "داعيا أردوغان إلى"، "ودعت ولي العهد إلى"
        if subject is None and np_.speaker is None and np_.pronoun_gender is None and not form.participle \
                and not m.group("pre") and not st.initial:
            subject = self._subject_before(P, ss, m, strict=True)  # "إلا أن تقارير أخرى، أكدت أن"
        if subject is not None and not (relative and np_.speaker is not None):
            before = self._np(P, subject[0], subject[1], form)
            if not placed and not relative and (before is None or before.speaker is None):
                return None  # a verb inside a clause whose subject we cannot read ("أنه أبلغ ...")
            if before is not None and before.speaker is not None:
                # the noun phrase after the verb was its object or addressee: a channel if it is an agency
                channel, agency = np_.channel, np_.agency
                if np_.speaker_key and np_.speaker is not None:
                    channel, agency = channel or np_.speaker, agency or np_.speaker_key
                np_ = before
                np_.channel, np_.agency = channel or np_.channel, agency or np_.agency
        if np_.speaker is None and np_.pronoun_gender is None and m.group("v") in _IMPERSONAL:
            return None  # "يذكر أن": the outlet's narration
        if form.lemma == "نقل" and np_.speaker is not None and np_.channel is None and np_.speaker_type not in (
                "agency", "outlet"):
            return None  # "ونقل الجرحى إلى ...": transport, not a relay
        if np_.channel is None and st.initial:
            np_.channel, np_.agency = self._prefix_channel(P, ss, m.start())
        self._apply(st, np_)
        return st

    def _hidden(self, P, st: _Stmt, subject: Span | None, form: _Form) -> _Stmt | None:
        """"لكن متحدثا باسم القوات نفى ذلك، قائلا إن ...": no content of its own, but the subject a
        following participle continues.  Kept for resolution, never reported."""
        if subject is None:
            return None
        np_ = self._np(P, subject[0], subject[1], form)
        if np_ is None or np_.speaker is None:
            return None
        self._apply(st, np_)
        st.hidden, st.marker, st.content = True, st.cue[1], (st.cue[1], st.cue[1])
        return st

    def _object_not_subject(self, P, np_: _Np, form: _Form) -> bool:
        """"ودعت ولي العهد إلى": a masculine title after a feminine verb is the one addressed."""
        if form.lemma not in _OBJECT_VERBS or form.gender not in ("m", "f"):
            return False
        span = np_.role or np_.speaker
        head = _WORD_RE.findall(P, *span)[0]
        if not _in(head, _ROLE_HEADS):
            return False
        return ("f" if _bare(head).endswith("ة") else "m") != form.gender

    def _lead_object(self, P, pos, limit, se, form: _Form, quotes):
        """"أعلن الرئيس التركي، رجب طيب أردوغان، الثلاثاء، عزم بلاده ...": the object after the day."""
        if form.lemma not in _NP_OBJECT_VERBS or form.participle:
            return None
        segments, start = [], pos
        for sm in re.finditer(r"[،,]", P[pos:limit]):
            segments.append((start, pos + sm.start()))
            start = pos + sm.end()
        for k, (a, b) in enumerate(segments[:4]):
            words = _WORD_RE.findall(P, a, b)
            if k >= 1 and words and all(w in _TIME_WORDS for w in words):
                c0, c1 = _trim(P, b, se)
                if _nwords(P, c0, c1) >= 2:
                    return a, (c0, c1), self._quote_kind(P, c0, c1, quotes)
                return None
        return None

    def _position_ok(self, P, ss, m, form: _Form) -> bool:
        """A verb opens a statement after punctuation, a conjunction or an opener, not inside a noun phrase."""
        pre = m.group("pre")
        before = P[ss:m.start()].rstrip()
        prev_char = before[-1] if before else ""
        words = _WORD_RE.findall(before[-40:])
        prev = words[-1] if words and prev_char not in _PUNCT + _QUOTE_CHARS else ""
        if form.participle:
            return not before or prev_char in "،,:;؛-–—" + _QUOTE_CHARS or pre.startswith("و")
        if pre:
            return prev not in _RELATIVES
        return (not before or prev_char in _PUNCT + _QUOTE_CHARS + ")-–—" or prev in _VERB_OPENERS
                or (prev not in _PREPOSITIONS and self._initial(P, ss, m.start())))  # "من ناحية أخرى نقلت"

    def _marker(self, P, pos, limit, se, form: _Form, quotes):
        """Where the speaker ends and the content starts: ``(speaker_end, content_span, quote)`` or None."""
        # "وأشارت اللجنة إلى وجود ... وأن ...": a preposition of the verb before the first "أن" opens the content
        early = self._prep_marker(P, pos, limit, se, form, quotes, _STRONG_PREPS)

        def pick(found):
            return early if early is not None and found is not None and early[0] < found[0] else found

        skipped = False
        n_words, counted_to = 0, pos  # words from pos to the marker, counted once (a run of quotes was quadratic)
        for mk in _MARKER_RE.finditer(P, pos, limit):
            n_words += _nwords(P, counted_to, mk.start())
            counted_to = mk.start()
            if n_words > 25:
                return None
            if mk.group("colon"):
                c0 = mk.end()
                while c0 < se and P[c0] == " ":
                    c0 += 1
                span = _inside(c0 + 1, quotes) if c0 < len(P) and P[c0] in _QUOTE_OPEN else None
                if span and span[0] == c0:
                    return pick((mk.start(), _trim(P, span[0] + 1, span[1], " \t\n"), "direct"))
                c0, c1 = _trim(P, c0, se)
                return pick((mk.start(), (c0, c1), "direct")) if c1 > c0 else None
            if mk.group("comp"):
                prep = mk.group("prep")
                # "إلى أن"، "على أن" open the content of the verbs that take them; "محمد علي إن": a name
                start = mk.start() if prep is None or prep == "الي" or prep in form.preps else mk.start("comp")
                before = _WORD_RE.findall(P, max(pos, start - 30), start)
                if before and before[-1] in _NOT_SPEECH_BEFORE_COMP:
                    continue
                c0 = mk.start("comp")
                c1 = _trim(P, c0, se)[1]
                return pick((start, (c0, c1), self._quote_kind(P, c0, c1, quotes)))
            if mk.group("quote"):
                span = _inside(mk.start() + 1, quotes)
                if span is None or span[0] != mk.start():
                    continue
                if skipped or (mk.start() > 0 and P[mk.start() - 1].isalpha()):
                    skipped = True
                    continue  # لـ"وصول ...": a quoted noun after a preposition, not speech
                after = P[span[1] + 1:se].strip(" .،,")
                if _nwords(P, span[0], span[1]) >= 3 or not after:
                    return pick((mk.start(), _trim(P, span[0] + 1, span[1], " \t\n"), "direct"))
                # a quoted name inside the speaker: حركة "حماس"
            if mk.group("qaala") or mk.group("qawl"):
                # "وأضاف قائلا: ..."، "عن الوزير قوله في رحلته إنه ...": the content follows shortly
                rest = self._marker(P, mk.end(), se, se, form, quotes)
                if rest is not None and _nwords(P, mk.end(), rest[1][0]) <= 12:
                    return pick((mk.start(), rest[1], rest[2]))
                c0, c1 = _trim(P, mk.end(), se)
                return pick((mk.start(), (c0, c1), "direct")) if c1 > c0 else None
        return self._prep_marker(P, pos, limit, se, form, quotes, form.preps)

    def _prep_marker(self, P, pos, limit, se, form: _Form, quotes, allowed):
        """"دعا إلى وقف ..."، "طالب بالإفراج عن ...": the content as a noun phrase after the verb's preposition."""
        prep = _prep_re(tuple(p for p in form.preps if p in allowed))
        if prep is None:
            return None
        mk = prep.search(P, pos, limit)
        if mk is None or _nwords(P, pos, mk.start()) > 12:
            return None
        c0, c1 = _trim(P, mk.end(), se)
        return (mk.start(), (c0, c1), self._quote_kind(P, c0, c1, quotes)) if c1 > c0 else None

    def _quote_kind(self, P, c0, c1, quotes) -> str:
        """``mixed`` when an indirect content carries a quotation of three words or more."""
        for s, e in quotes:
            if c0 <= s < c1 and _nwords(P, s, min(e, c1)) >= 3:
                return "mixed"
        return "indirect"

    def _postposed(self, P, ss, se, m, st: _Stmt, quotes) -> _Stmt | None:
        """``"نحن هنا"، قال الوزير``: the quotation comes first."""
        before = P[ss:m.start()].rstrip(" ،,")
        if not before or before[-1] not in _QUOTE_CHARS:
            return None
        close = ss + len(before) - 1
        span = next((q for q in quotes if q[1] == close), None)
        if span is None:
            return None
        np_ = self._np(P, m.end(), se, _FORMS[m.group("v")])
        if np_ is None or np_.speaker is None:
            return None
        st.content, st.quote = _trim(P, span[0] + 1, span[1], " \t\n"), "direct"
        self._apply(st, np_)
        return st

    def _subject_before(self, P, ss, m, *, strict: bool) -> Span | None:
        """A subject before the verb: "وكانت الوزارة قد أعلنت"، "لكن تركيا تقول إنه"، "إلا أن تقارير، أكدت"."""
        pre = m.group("pre")
        before = P[ss:m.start()]
        if pre.startswith(("و", "ف")):
            return None
        cuts = [0] + [bm.end() for bm in _CLAUSE_CUT_RE.finditer(before)]
        cut = cuts[-1]
        if not before[cut:].strip() and len(cuts) > 1 and before[cut - 1] in "،,":
            cut = cuts[-2]  # the subject ends with a comma: "إلا أن تقارير أخرى، أكدت"
        kan = self._kan_subject(P, ss, m, cut if not pre else 0)
        if kan is not None or pre:
            return kan
        whole = _tokens(P, ss, m.start())
        if whole and len(whole) <= 12 and self._subject_head(whole[0][0]):
            return whole[0][1], m.start()  # "وزير الخارجية، مايك بومبيو، قال إن"
        words = _tokens(P, ss + cut, m.start())
        if not words or len(words) > 8:
            return None
        if self._subject_head(words[0][0]):
            return words[0][1], m.start()
        short_name = len(words) <= 3 and not any(
            w.startswith("ال") or w[0].isdigit() or w in _FORMS or w[1:] in _FORMS or w in _CONNECTORS
            or w in _FUNCTION_WORDS for w, _, _ in words)
        if short_name and (cut > 0 or not _WORD_RE.search(P, ss, words[0][1])):
            return words[0][1], m.start()  # "لكن ترامب قال إن": a short name
        return None

    def _relative_before(self, P, ss, m) -> int | None:
        """Start of the relative pronoun right before a bare verb ("التي تقول"), if any."""
        if m.group("pre"):
            return None
        rm = _REL_BEFORE_RE.search(P, max(ss, m.start() - 12), m.start())
        return rm.start() if rm is not None else None

    def _relative_antecedent(self, P, ss, rel: int) -> Span | None:
        """The noun phrase a relative pronoun refers to, when it names a speaker ("السلطات السعودية التي")."""
        a, b = _trim(P, ss, rel, " \t\n،,")
        cut = max(P.rfind(c, a, b) for c in "،,:؛;(")
        toks = _tokens(P, max(a, cut + 1), b)
        start = None
        for w, s0, _ in reversed(toks[-7:]):
            if w in _FUNCTION_WORDS or w in _FORMS or w[1:] in _FORMS:
                break  # the noun phrase starts after a verb or a particle
            if self._subject_head(w) or self._agency_at(P, s0):
                start = s0  # the farthest head word of the phrase: "وكالة الأنباء السعودية "واس""
        if start is not None:
            return start, b
        if 0 < len(toks) <= 4 and self._looks_like_name(toks):
            return toks[0][1], b
        return None

    def _kan_subject(self, P, ss, m, cut: int) -> Span | None:
        """The subject between "كان" and the verb: "وكانت الوزارة (قد) أعلنت أن"."""
        kan = None
        for found in _KAN_RE.finditer(P, ss + cut, m.start()):
            kan = found  # the last one before the verb
        if kan is None or not 0 < _nwords(P, kan.end(), m.start()) <= 14:
            return None
        between = P[kan.end():m.start()]
        if "قد" not in m.group("pre") and (any(c in between for c in _PUNCT) or any(
                w in _FUNCTION_WORDS for w in _WORD_RE.findall(between))):
            return None  # without "قد" the subject is a plain noun phrase: "وكانت المعارضة دعت"
        return kan.end(), m.start()

    def _subject_head(self, word: str) -> bool:
        w = word[1:] if word.startswith("و") and len(word) > 3 else word
        return (any(_in(x, lex) for x in (w, word) for lex in (_ROLE_HEADS, _ANON_HEADS, _INSTITUTION_HEADS))
                or w in _COUNTRIES or _bare(w) in _MEDIA_HEADS)

    def _initial(self, P, ss, pos) -> bool:
        """Only connectors, or a short adverbial and a comma ("من جهته،"), before ``pos`` in the sentence."""
        before = P[ss:pos]
        words = _WORD_RE.findall(before)
        if all(w in _CONNECTORS for w in words):
            return True
        return before.rstrip().endswith(("،", ",")) and len(words) <= 8 and words[0] in _ADVERBIAL_OPENERS

    def _prefix_channel(self, P, ss, pos) -> tuple[Span | None, str | None]:
        """"وفي تصريح نقلته وكالة الأناضول، قال ...": a channel before the verb."""
        toks = _tokens(P, ss, pos)
        for i, (w, s, _) in enumerate(toks):
            bare = w[1:] if w.startswith("و") else w
            nxt = toks[i + 1][0] if i + 1 < len(toks) else ""
            if (bare in _CHANNEL_PREPS and (nxt in _CHANNEL_NOUNS or _bare(nxt) in _CHANNEL_NOUNS)) or \
                    bare in _CHANNEL_NOUNS:
                span = _trim(P, s, pos)
                return span, self._agency_in(P, *span)
        return None, None

    # -- an attribution phrase -----------------------------------------------------------------------
    def _phrase_end(self, P, m, se) -> int:
        """End of "بحسب ما ذكرت" / "حسبما نقلته": the phrase and the verb "ما" governs."""
        end = m.end()
        if m.group("ma") is not None or m.group("ph").endswith("ما"):
            w = _WORD_RE.match(P, end + 1) if end < len(P) and P[end] == " " else _WORD_RE.match(P, end)
            if w and w.start() < se:
                end = w.end()
        return end

    def _phrase(self, P, ss, se, m, nxt, quotes, par_no, sent_no) -> _Stmt | None:
        ph = m.group("ph")
        lemma = _PHRASE_LEMMA.get(ph.removeprefix("ب")[:3], "بحسب")
        vend = self._phrase_end(P, m, se)
        verb, gender, form = (m.start("ph"), m.end("ph")), None, None
        if vend > m.end():
            w = P[m.end():vend].strip()
            form = _FORMS.get(w) or _FORMS.get(re.sub(r"(?:ه|ها|هم)$", "", w))
            if form is not None:
                lemma, gender, verb = form.lemma, form.gender, (vend - len(w), vend)
        st = _Stmt(par_no, sent_no, (ss, se), (m.start("ph"), vend), m.start(), verb, lemma, gender, "phrase")
        st.initial = self._initial(P, ss, m.start())
        limit = max(vend, min(nxt, se)) if nxt > vend else se
        if st.initial:
            # "وبحسب شهود عيان، فإن ...": speaker first, content after the comma or "فإن"
            stop = _PREPOSED_STOP_RE.search(P, vend, limit)
            if stop is None:
                return None
            sp_end = stop.start()
            c0 = stop.start("comp") if stop.group("comp") else stop.end()
            c0, c1 = _trim(P, c0, se)
            if P.startswith("فان", c0):
                c0 += 1
        else:
            # "...، بحسب ما ذكرت وكالة رويترز": content first
            stop = _PHRASE_STOP_RE.search(P, vend, limit)
            sp_end = stop.start() if stop else limit
            c0, c1 = _trim(P, ss, m.start())
        if c1 <= c0 or _nwords(P, vend, sp_end) > 15:
            return None
        st.content, st.quote = (c0, c1), self._quote_kind(P, c0, c1, quotes)
        pron = re.compile(rf"\s*عن(ه|ها|هم|هما){_NOT_W_AFTER}").match(P, vend)
        if pron is not None:
            # "حسبما نقلت عنه يونهاب": him, through the agency after the pronoun
            st.pronoun_gender = {"ه": "m", "ها": "f"}.get(pron.group(1), "p")
            chan = self._np(P, pron.end(), sp_end, None)
            st.channel = (m.start("ph"), sp_end)
            if chan is not None and chan.speaker is not None:
                st.agency = chan.speaker_key
            return st
        again = _WORD_RE.match(P, vend + 1) if vend < len(P) and P[vend] == " " else None
        if again is not None and again.group() in _FORMS and again.end() < sp_end:
            vend = again.end()  # "حسب ما ذكرته ذكرت وكالة ...": a doubled verb
        issued = _ISSUED_RE.search(P, vend, sp_end)
        start = issued.end() if issued else vend
        if P[start - 1:start + 1] == "لل" and P[m.end("ph") - 1] == "ل" and start == m.end("ph"):
            st.al = start  # "وفقا للمفوضية": the article's alef was dropped after the ل
        relay_form = form if form is not None and form.lemma == "نقل" else None  # "بحسب ما نقلت X عن Y"
        np_ = self._np(P, start, sp_end, relay_form, al=st.al >= 0)
        if np_ is None or (np_.speaker is None and np_.pronoun_gender is None):
            return None
        if np_.speaker is not None and (_WORD_RE.findall(P, *np_.speaker)[0] in _NOT_SOURCES or (
                np_.guessed and (np_.speaker_type == "role" or _nwords(P, *np_.speaker) > 4))):
            return None  # "بحسب التوقيت المحلي"، "وفقا للخصومات": not a source
        if np_.channel is None:
            np_.channel = (m.start("ph"), vend)
        self._apply(st, np_)
        return st

    def _apply(self, st: _Stmt, np_: _Np) -> None:
        st.speaker, st.speaker_type, st.role = np_.speaker, np_.speaker_type, np_.role
        st.channel, st.agency, st.speaker_key = np_.channel, np_.agency, np_.speaker_key
        st.pronoun_gender, st.anaphoric_media = np_.pronoun_gender, np_.anaphoric_media

    # -- the speaker's noun phrase -------------------------------------------------------------------
    def _np(self, P, a, b, form: _Form | None, *, al: bool = False) -> _Np | None:
        """Read ``P[a:b]`` into speaker (name and/or role), channel and time words; None: not a speaker."""
        out = _Np()
        a, b = _trim(P, a, b)
        if b <= a:
            return out
        relay = _RELAY_RE.search(P, a, b) if form is not None and form.lemma == "نقل" else None
        relay = relay or _NAQLAN_RE.search(P, a, b)
        if relay is not None:
            return self._relay(P, a, b, relay)
        first = _WORD_RE.match(P, a)
        if first is not None and _PRONOUN_SOURCES.match(first.group()):
            out.pronoun_gender = "f" if first.group().endswith("ها") else "m"  # "وفق قوله"، "حسب رأيها"
            return out
        if first is not None and first.group() in _NOT_SPEAKERS:
            return out  # "كشف النقاب عن": an idiom, no subject
        segments, start = [], a
        for sm in _SEGMENT_RE.finditer(P, a, b):
            segments.append(_trim(P, start, sm.start()))
            start = sm.end()
        segments.append(_trim(P, start, b))
        head: list | None = None
        names: list[Span] = []
        roles: list[Span] = []
        for s0, s1 in segments:
            toks = _tokens(P, s0, s1)
            if al and toks and toks[0][1] == a:
                toks[0] = ("ا" + toks[0][0], toks[0][1], toks[0][2])  # read "لمفوضية" as "المفوضية"
            cut = self._channel_start(P, toks, form)
            if cut is not None:
                if out.channel is None:
                    out.channel = (toks[cut][1], toks[-1][2])
                    out.agency = self._agency_in(P, *out.channel)
                toks = toks[:cut]
            if toks and (toks[0][0] in _RELATIVES or toks[0][0] in _DESCRIPTION_OPENERS):
                continue  # "الذي يزور أنقرة"، "لم يذكر اسمه": a description
            while toks and toks[0][0] in _TIME_WORDS:
                toks = toks[1:]
            if head is None:
                toks = self._subject_only(toks, form)
            stripped = False
            while toks and (toks[-1][0] in _TIME_WORDS or toks[-1][0][0].isdigit()):
                toks, stripped = toks[:-1], True
            if stripped and toks and toks[-1][0] in _DAY_PARTS:
                toks = toks[:-1]  # "صباح الاثنين" (a name when alone: "الشيخ صباح")
            while toks and toks[0][0] in _TIME_WORDS:
                toks = toks[1:]
            if not toks:
                continue
            whole_agency = self._agency_span(P, toks)
            if head is not None and whole_agency is not None:
                out.agency = out.agency or whole_agency  # "لوكالة الأنباء الكويتية (كونا)"
                continue
            if head is None:
                head = toks
            elif _in(toks[0][0], _ROLE_HEADS):
                roles.append((toks[0][1], toks[-1][2]))
            elif self._looks_like_name(toks):
                names.append((toks[0][1], toks[-1][2]))
            elif not (_in(toks[0][0], _INSTITUTION_HEADS) or toks[0][0] in _COUNTRIES):
                return None  # a clause, not an apposition: the verb's content lies elsewhere
        if head is None:
            return out
        w0 = head[0][0]
        if len(head) > 14 or w0 in _FUNCTION_WORDS or (w0.startswith("و") and (
                w0.startswith("وال") or w0[1:] in _FUNCTION_WORDS or w0[1:] in _SUBJECT_END or any(
                    _in(re.sub(r"(?:ه|ها|هم)$", "", w0[1:]), lex) for lex in (_INSTITUTION_HEADS, _ROLE_HEADS)) or any(
                _in(w0[1:], lex) for lex in (_ROLE_HEADS, _INSTITUTION_HEADS, _ANON_HEADS)) or w0[1:] in _FORMS)):
            return None  # "أعلن وحزبه ...": a coordination, not a subject
        self._classify(P, head, names, roles, out)
        return out

    def _relay(self, P, a, b, relay) -> _Np:
        """"نقلت وكالة الأناضول عن الوزير"، "أفادت الوكالة، نقلا عن أقداغ": the speaker after عن."""
        out = _Np()
        ch = _trim(P, a, relay.start())
        word = relay.group().split()[-1]
        if word not in ("عن", "لسان"):
            out.pronoun_gender = {"عنه": "m", "عنها": "f"}.get(word, "p")
        else:
            speaker = self._np(P, relay.end(), b, None)
            if speaker is not None and speaker.speaker is not None:
                out = speaker
        chan = self._np(P, *ch, None) if ch[1] > ch[0] else None
        if chan is not None and chan.speaker is not None:
            out.channel = (chan.speaker[0], relay.end())
            out.agency = chan.speaker_key or chan.agency
        else:
            out.channel = (ch[0] if ch[1] > ch[0] else relay.start(), relay.end())
        return out

    def _subject_only(self, toks, form: _Form | None):
        """Cut what follows the subject: "وأكد الرئيس التركي أيضا تحذيرات ..."، "المسلحون الذين دخلوا"،
        "المنظمة ذاتها تسجيل ..."، and the person addressed after "دعا"/"طالب": "دعا الحوثي مقاتليه"."""
        for i, (w, _, _) in enumerate(toks):
            if i == 0:
                continue
            if w in _SUBJECT_END or w in _RELATIVES:
                return toks[:i - 1] if i >= 2 and toks[i - 1][0] in _DAY_PARTS else toks[:i]  # "صباح الاثنين"
            if w in _ANAPHORIC_ADJ:
                return toks[:i + 1]
            if w.startswith("لل") and (_in("ال" + w[2:], _ROLE_HEADS) or w[2:] in _ADDRESSEES):
                return toks[:i]  # "أكد ترودو للرئيس الأمريكي"، "قال للصحفيين": the one spoken to
            if form is not None and form.lemma in _OBJECT_VERBS and toks[0][0] in _COUNTRIES:
                return toks[:1]  # "اتهمت تركيا فرنسا ب...": the country, then the accused
            if form is not None and form.lemma in _OBJECT_VERBS and toks[0][0].startswith("ال") and _in(
                    toks[0][0], _ROLE_HEADS) and w.startswith("ال") and not w.endswith(("ي", "ية")) \
                    and w not in _ROLE_ADJECTIVES:
                return toks[:i]  # "اتهم الوزير المعارضة بأنها ...": the accused
            if form is not None and form.lemma in _OBJECT_VERBS and len(w) > 3 and (
                    re.search(r"(?:ه|ها|هم|هن|كم)$", w) and not _in(w, _ROLE_COMPLEMENTS)
                    or w.startswith("ال") and w.endswith(("ات", "ون", "ين"))):
                return toks[:i]
        return toks

    def _channel_start(self, P, toks, form: _Form | None) -> int | None:
        """Index of the first word of a channel inside a speaker segment ("في بيان"، "لمراسل الأناضول")."""
        for i, (w, s, _) in enumerate(toks):
            nxt = toks[i + 1][0] if i + 1 < len(toks) else ""
            if w in _CHANNEL_PREPS and (nxt in _CHANNEL_NOUNS or _bare(nxt) in _CHANNEL_NOUNS):
                return i
            if w in _CHANNEL_PARTICIPLES or (i > 0 and w in _words("نقلا بحسب حسب وفق وفقا")):
                return i
            if w.startswith("ل") and len(w) > 2:
                rest = w[2:] if w.startswith("لل") else w[1:]
                if rest in _MEDIA_NOUNS or _bare(rest) in _MEDIA_NOUNS or self._agency_at(P, s + 1):
                    return i
            if w == "ل" and i > 0:
                return i
            if i > 0 and form is not None and form.lemma in _TELL_VERBS and self._agency_at(P, s):
                return i  # "أبلغ مسؤول رويترز": the agency was told
        return None

    def _agency_span(self, P, toks) -> str | None:
        """The key when the words are exactly one agency or outlet name ("كونا"، "أ ش أ")."""
        a, b = toks[0][1], toks[-1][2]
        hits = self.table.find(NormText(P[a:b], P[a:b]), context=False)
        return hits[0].key if len(hits) == 1 and hits[0].start <= 1 and hits[0].end >= b - a - 1 else None

    def _agency_at(self, P, pos) -> bool:
        end = min(len(P), pos + 40)
        hits = self.table.find(NormText(P[pos:end], P[pos:end]), context=False)
        return bool(hits) and hits[0].start <= 2

    def _agency_in(self, P, a, b) -> str | None:
        hits = self.table.find(NormText(P[a:b], P[a:b]), context=False)
        return hits[0].key if hits else None

    def _looks_like_name(self, toks) -> bool:
        w = toks[0][0]
        return len(toks) <= 6 and not w.startswith("ال") and not w[0].isdigit() and not any(
            _in(w, lex) for lex in (_ANON_HEADS, _INSTITUTION_HEADS, _ROLE_HEADS)) and not any(
            t in _FUNCTION_WORDS or t in _FORMS for t, _, _ in toks)

    def _classify(self, P, toks, names, roles, out: _Np) -> None:
        """Type the speaker from its first word: agency/outlet, anonymous, role (+ name), institution, name."""
        first = toks[0][0]
        span = (toks[0][1], toks[-1][2])
        # an agency or outlet at the head ("وكالة الأنباء التركية "الأناضول""), read with its context so
        # that "للمؤسسة العربية" is not Al Arabiya
        hits = self.table.find(NormText(P, P), span[0], span[1])
        if hits:
            key = hits[0].key
            before = _WORD_RE.findall(P, span[0], hits[0].start)
            if all(_bare(w) in _MEDIA_NOUNS or w in _MEDIA_NOUNS or w in _words("أنباء الأنباء") or (
                    w.startswith("ال") and w.endswith(("ية", "ي"))) for w in before):
                out.speaker, out.speaker_key, out.speaker_type = span, key, self.table.kind[key]
                return
            out.agency = out.agency or key  # "مصادر "سكاي نيوز عربية"": the outlet is the channel
        bare = _bare(first)
        second = toks[1][0] if len(toks) > 1 else ""
        if bare == "وكالة" and second and _bare(second) != "انباء" and not (
                second.startswith("ال") and second.endswith("ية")):
            out.speaker, out.speaker_type = span, "institution"  # "وكالة الطاقة الذرية"، "وكالة فيتش"
            return
        if bare in _MEDIA_HEADS:
            out.speaker, out.speaker_type = span, _MEDIA_HEADS[bare]
            out.anaphoric_media = len(toks) <= 2 and first in _GENERIC_MEDIA
            return
        if _in(first, _ANON_HEADS):
            out.speaker, out.speaker_type = span, "anonymous"
            if names:
                out.speaker, out.speaker_type, out.role = names[0], "named", span
            return
        if _in(first, _ROLE_HEADS):
            n = self._role_end(toks)
            role_toks, rest = toks[:n], toks[n:]
            while len(role_toks) > 1 and role_toks[-1][0] in _ANAPHORIC_ADJ:
                role_toks = role_toks[:-1]
            role = (role_toks[0][1], role_toks[-1][2])
            if names and (not rest or rest[0][0][0] in "لب"):
                # "الأمين العام للنقابة المستقلة لعمال التربية، بوعلام عمورة،": the name between commas
                out.speaker, out.speaker_type, out.role = names[0], "named", role if not rest else (
                    toks[0][1], toks[-1][2])
            elif rest and len(rest) <= 6 and not any(w in _FUNCTION_WORDS for w, _, _ in rest):
                out.speaker, out.speaker_type, out.role = (rest[0][1], rest[-1][2]), "named", role
            elif names:
                out.speaker, out.speaker_type, out.role = names[0], "named", role
            else:
                out.speaker, out.speaker_type, out.role = role, "role", role
            return
        if _in(first, _INSTITUTION_HEADS) or first in _COUNTRIES:
            out.speaker, out.speaker_type = span, "institution"
            return
        split = next((i for i, (w, _, _) in enumerate(toks) if 0 < i <= 4 and _in(w, _ROLE_HEADS)), None)
        if split is not None and not first.startswith("ال") and first not in _FUNCTION_WORDS:
            # "آلان دوهاز رئيس مجموعة أديكو": a name, then the role
            out.speaker, out.speaker_type = (toks[0][1], toks[split - 1][2]), "named"
            out.role = (toks[split][1], toks[-1][2])
            return
        if len(toks) > 6:
            return  # a long phrase with no known head is not a speaker we can name
        out.guessed = True
        if first.startswith("ال"):
            out.speaker, out.speaker_type = span, "role"
            if names:
                out.speaker, out.speaker_type, out.role = names[0], "named", span
            return
        if first in _FUNCTION_WORDS or first.startswith(("لل", "بال", "فال")) or (
                first.startswith("م") and first.endswith("ا") and len(first) >= 5):
            return  # "للمستثمرين"، "بالقول"، "موجها خطابه": not a name
        out.speaker, out.speaker_type = span, "named"
        if roles:
            out.role = roles[0]

    def _role_end(self, toks) -> int:
        """How many words the role takes: "رئيس الوزراء الإسرائيلي | بنيامين نتنياهو"."""
        construct = not toks[0][0].startswith("ال")  # an indefinite head governs the next word
        indefinite = construct
        j = 1
        while j < len(toks):
            w = toks[j][0]
            if construct:
                construct = not w.startswith("ال") and (_in(w, _ROLE_COMPLEMENTS) or _in(w, _ROLE_HEADS))
                indefinite = indefinite and not w.startswith("ال")
            elif w.startswith(("ال", "لل", "بال")) or w in _ROLE_PREPS or (
                    w[0] in "بل" and (_in(w[1:], _INSTITUTION_HEADS) or _in(w[1:], _ROLE_COMPLEMENTS) or (
                        j + 1 < len(toks) and toks[j + 1][0].startswith("ال")))):  # "لعمال التربية"
                construct = w in _ROLE_PREPS
                indefinite = False
            elif _in(w, _ROLE_COMPLEMENTS) or w in _COUNTRIES:
                construct = True
            elif not (indefinite and w.endswith(("ي", "ية")) and len(w) > 3):  # "متحدث عسكري روسي"
                break
            j += 1
        return j

    # -- the statements of one sentence together -----------------------------------------------------
    def _settle(self, P, out: list[_Stmt]) -> list[_Stmt]:
        out.sort(key=lambda s: s.cue[0])
        verbs = [s for s in out if s.kind != "phrase"]
        # a later statement inside an earlier one's indirect content ends that content
        for i, s in enumerate(verbs):
            for t in verbs[i + 1:]:
                if s.quote != "direct" and s.content[0] < t.pre_start < s.content[1]:
                    s.content = _trim_connectors(P, s.content[0], t.pre_start)
                    break
        for p in [s for s in out if s.kind == "phrase"]:
            host = next((s for s in verbs if s.content and s.content[0] <= p.pre_start < s.content[1]
                         and s.cue[0] < p.cue[0]), None)
            if host is None:
                continue
            if p.speaker_type in ("agency", "outlet") and p.speaker_key:
                # "قال الوزير إن ...، بحسب وكالة الأناضول": the agency is the channel of the statement
                if host.channel is None:
                    host.channel = (p.cue[0], p.speaker[1])
                    host.agency = p.speaker_key
                if host.quote != "direct":
                    host.content = _trim_connectors(P, host.content[0], p.pre_start)
                p.drop = True
            elif p.speaker is None:
                p.drop = True  # "حسب رأيها" inside her own statement
            else:
                p.content = _trim(P, host.content[0], p.pre_start)  # a source quoted inside the statement
        out = [s for s in out if not s.drop and s.content is not None and (s.content[1] > s.content[0] or s.hidden)]
        # the statement's span: its sentence, or its share of a sentence with several statements
        top = [s for s in out if not s.hidden and not (s.kind == "phrase" and s.content[1] <= s.pre_start
                                      and any(h is not s and h.content[0] <= s.content[0] and h.cue[0] < s.cue[0]
                                              for h in out))]
        for s in out:
            if s in top:
                k = top.index(s)
                a = s.sent[0] if k == 0 else min(s.pre_start, s.content[0])
                b = s.sent[1] if k == len(top) - 1 else max(top[k + 1].pre_start, s.content[1])
            else:
                a, b = min(s.pre_start, s.content[0]), max(s.cue[1], s.speaker[1] if s.speaker else 0)
            s.span = (min(a, s.content[0]), max(b, s.content[1]))
        return out

    # -- continuations -------------------------------------------------------------------------------
    def resolve(self, stmts: list[_Stmt], credited: list[str]) -> None:
        """Give subject-less statements the speaker last named before them (see the module docstring)."""
        history: list[_Stmt] = []
        last_key: dict[str, str] = {}
        for st in stmts:
            if st.anaphoric_media and st.speaker_key is None:
                st.speaker_key = last_key.get(st.speaker_type) or next(
                    (k for k in credited if self.table.kind.get(k) == st.speaker_type), None)
            if st.explicit:
                history.append(st)
            else:
                antecedent = self._antecedent(st, history)
                if antecedent is None:
                    st.resolution, st.speaker_type, st.role_text, st.speaker_text = "unresolved", None, None, None
                else:
                    st.resolution = "continuation"
                    st.speaker_text, st.speaker_type = antecedent.speaker_text, antecedent.speaker_type
                    st.role_text, st.speaker_key = antecedent.role_text, antecedent.speaker_key
                    if st.channel is None and st.agency is None:
                        st.channel_text, st.agency = antecedent.channel_text, antecedent.agency
                    if st.gender in (None, "p"):
                        st.gender = antecedent.gender
                    history.append(st)
            if st.agency is None and st.speaker_type in ("agency", "outlet"):
                st.agency = st.speaker_key
            for key in (st.speaker_key, st.agency):
                if key and key in self.table.kind:
                    last_key[self.table.kind[key]] = key

    @staticmethod
    def _antecedent(st: _Stmt, history: list[_Stmt]) -> _Stmt | None:
        same = [h for h in history if h.sent_no == st.sent_no and h.cue[0] < st.cue[0] and h.par_no == st.par_no]
        if same:
            return same[-1]  # "وقال X إن ...، مضيفا أن ...": the same sentence's speaker
        if not (st.initial or st.pronoun_gender is not None or st.kind == "phrase"):
            return None  # after a clause we did not read ("التقى الوزير ...، مؤكدا أن"): not guessed
        gender = st.pronoun_gender or st.gender
        for h in reversed(history):
            if gender in (None, "p") or h.gender in (None, "p") or gender == h.gender:
                return h
        return history[-1] if history else None


def _orig(nt: NormText, span: Span | None, al: int = -1) -> str | None:
    """The original text of a span, its quotes balanced ("وكالة "وام"" keeps its closing quote)."""
    if span is None:
        return None
    a, b = span
    P = nt.norm
    if sum(P[a:b].count(q) for q in _QUOTE_CHARS) % 2:
        if b < len(P) and P[b] in _QUOTE_CHARS:
            b += 1
        elif a > 0 and P[a - 1] in _QUOTE_CHARS:
            a -= 1
    text = nt.orig(a, b).strip()
    if a == al:
        text = "ا" + text  # "وفقا للمفوضية": the speaker is "المفوضية"
    return text or None


# --- the public function ---------------------------------------------------------------------------


def extract_attributions(articles: pd.DataFrame, *, agencies=None) -> pd.DataFrame:
    """One row per reported statement of each article: who says what, how, and through whom.

    Columns (:data:`ATTRIBUTION_COLUMNS`): ``article_id, par_no, sent_no`` (as in
    :func:`analysis.segment.sentences`); ``speaker`` as written (NA when unresolved);
    ``speaker_type`` (``named``, ``role``, ``institution``, ``anonymous``, ``agency``,
    ``outlet``); ``role`` ("متحدث غرفة العمليات"); ``verb`` as written without its
    conjunction ("أضاف", "نوهت", "قائلا", "بحسب") and ``verb_lemma`` ("أضاف", "نوه", "قال",
    "بحسب"); ``quote`` (``direct``, ``indirect``, ``mixed``); ``content`` (the quoted
    words, or the clause from its "أن"/"إن"); ``channel`` as written ("في حديث لمراسل
    الأناضول", "بحسب ما ذكرت", "نقلت وكالة الأناضول عن"); ``agency`` (key of the agency or
    outlet the statement came through, see :mod:`analysis.agencies`); ``resolution``
    (``explicit``, ``continuation``, ``unresolved``); ``start, end`` (the statement:
    its sentence, or its part of a sentence with several) and ``content_start,
    content_end`` (``text[content_start:content_end] == content``), offsets into the
    article text.  ``agencies``: an agencies table (see :func:`analysis.agencies.load_agencies`).
    A speaker glued to "لـ" keeps its article: "وفقا للمفوضية الأوروبية" gives "المفوضية الأوروبية".

    >>> arts = pd.DataFrame({"article_id": ["a"], "text": [
    ...     "وأضاف أن العملية مستمرة. وقالت المتحدثة باسم الخارجية الروسية ماريا زاخاروفا في بيان إن "
    ...     "موسكو ترفض ذلك، مشيرة إلى أن الحوار ممكن، بحسب ما نقلت وكالة سبوتنيك."]})
    >>> rows = extract_attributions(arts)
    >>> rows[["speaker", "verb", "verb_lemma", "resolution"]].values.tolist()
    [[nan, 'أضاف', 'أضاف', 'unresolved'], ['ماريا زاخاروفا', 'قالت', 'قال', 'explicit'], \
['ماريا زاخاروفا', 'مشيرة', 'أشار', 'continuation']]
    >>> rows["role"][1], rows["channel"][1], rows["agency"].tolist()
    ('المتحدثة باسم الخارجية الروسية', 'في بيان', [nan, nan, 'sputnik'])
    >>> rows["content"][2]
    'أن الحوار ممكن'

    A Dask DataFrame gives a lazy Dask frame of the same rows (see :mod:`analysis.dask_engine`).
    """
    if on_engine := engines.extract_attributions.dispatch(articles):  # e.g. Dask: this function runs on each partition
        return on_engine(articles, agencies=agencies)
    table = agency_table(agencies)
    reader = _Reader(table)
    rows: dict[str, list] = {c: [] for c in ATTRIBUTION_COLUMNS}
    if len(articles) and {"article_id", "text"} <= set(articles.columns):
        for article_id, text in zip(articles["article_id"].tolist(), articles["text"].tolist(), strict=True):
            if not isinstance(text, str) or not text.strip():
                continue
            for st in reader.article(text):
                if not st.hidden:
                    _add_row(rows, article_id, st)
    return _frame(rows, articles)


def _add_row(rows: dict[str, list], article_id, st: _Stmt) -> None:
    nt, off = st.nt, st.offset
    c0, c1 = nt.span(*st.content)
    s0, s1 = nt.span(*st.span)
    values = {
        "article_id": article_id, "par_no": st.par_no, "sent_no": st.sent_no,
        "speaker": st.speaker_text, "speaker_type": st.speaker_type, "role": st.role_text,
        "verb": nt.orig(*st.verb), "verb_lemma": st.lemma, "quote": st.quote, "content": nt.text[c0:c1],
        "channel": st.channel_text, "agency": st.agency, "resolution": st.resolution,
        "start": off + min(s0, c0), "end": off + max(s1, c1), "content_start": off + c0, "content_end": off + c1,
    }
    for key, value in values.items():
        rows[key].append(value)


def _frame(rows: dict[str, list], articles: pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)
    for col in _INT_COLUMNS:
        frame[col] = frame[col].astype("int64")
    for col in ATTRIBUTION_COLUMNS:
        if col not in _INT_COLUMNS and col != "article_id":
            frame[col] = frame[col].astype("str")
    if "article_id" in articles:
        frame["article_id"] = frame["article_id"].astype(articles["article_id"].dtype)
    else:
        frame["article_id"] = frame["article_id"].astype("str")
    return frame
