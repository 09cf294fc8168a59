"""Who speaks: the seed read by hand, each verb form, channel and agency spelling, continuations, the
real sample, a hand-annotated gold set with precision and recall, and the full ANT archive."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import ColumnError, TableError
from analysis.lexicons import KEYS, load
from analysis.sources.agencies import (
    AGENCY_COLUMNS,
    agency_mentions,
    detect_agencies,
    find_agencies,
    load_agencies,
    normalize_with_offsets,
    with_agencies,
)
from analysis.sources.attribution import (
    ATTRIBUTION_COLUMNS,
    QUOTE_TYPES,
    RESOLUTIONS,
    SPEAKER_TYPES,
    VERB_COLUMNS,
    attribution_tables,
    attributions_frame,
    extract_attributions,
    load_reporting_verbs,
    reporting_verbs,
)
from analysis.text.normalize import normalize
from analysis.text.segment import sentences

GOLD = Path(__file__).parent / "gold" / "attribution_gold.json"
SPOKESMAN = "ناجي أبو حذيفة"


def attributions(text: str) -> pd.DataFrame:
    return extract_attributions(pd.DataFrame({"article_id": ["t"], "text": [text]}))


def one(text: str) -> pd.Series:
    rows = attributions(text)
    assert len(rows) == 1, rows[["speaker", "verb", "content"]].values.tolist()
    return rows.iloc[0]


def credited(text: str, **kw) -> tuple[str, ...]:
    return detect_agencies(pd.DataFrame({"article_id": ["t"], "text": [text]}), **kw).iloc[0]


def check_offsets(rows: pd.DataFrame, texts: dict) -> None:
    """The contract the claims module relies on."""
    for r in rows.itertuples():
        text = texts[r.article_id]
        assert text[r.content_start:r.content_end] == r.content
        assert r.start <= r.content_start <= r.content_end <= r.end <= len(text)


# --- the seed -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_rows(seed):
    return extract_attributions(seed)


def test_seed_spokesperson_every_statement(seed, seed_rows):
    his = seed_rows[seed_rows["speaker"] == SPOKESMAN]
    # the قال sentence, then أضاف (quoted), أشار + لافتا, أوضح, شدد, أكد
    assert his["verb_lemma"].tolist() == ["قال", "أضاف", "أشار", "لفت", "أوضح", "شدد", "أكد"]
    assert his["sent_no"].tolist() == [4, 5, 6, 6, 7, 8, 9]
    assert his["resolution"].tolist() == ["explicit"] + ["continuation"] * 6
    assert (his["speaker_type"] == "named").all()
    assert (his["role"] == "متحدث غرفة العمليات").all()
    assert (his["agency"] == "anadolu").all()
    assert his["channel"].str.contains("لمراسل الأناضول").all()
    said = his.iloc[0]
    assert (said.verb, said.quote) == ("قال", "indirect")
    assert said.content.startswith("إن عمليتهم ضد التنظيم") and said.content.endswith("لا تزال مستمرة")
    added = his.iloc[1]
    assert (added.verb, added.quote) == ("أضاف", "direct")
    assert added.content == "لقد قمنا بأسر حوالي 400 عنصر من داعش بينهم 80 جريحا، في الريفين الجنوبي والشرقي لإدلب"
    assert his.iloc[2].content == 'أن غرفة عمليات "دحر الغزاة" تضم حوالي ألفي مقاتل'  # ends before "، لافتا"
    assert his.iloc[3].verb == "لافتا"
    check_offsets(seed_rows, {seed["article_id"].iloc[0]: seed["text"].iloc[0]})


def test_seed_local_sources_are_anonymous(seed_rows):
    row = seed_rows[seed_rows["speaker"] == "مصادر محلية"].iloc[0]
    assert (row.speaker_type, row.verb, row.verb_lemma, row.resolution) == ("anonymous", "نوهت", "نوه", "explicit")
    assert row.content == "بأن التنظيم بدأ بمرحلة التفكك، وانسحب من بؤره"
    assert pd.isna(row.agency)


def test_seed_continuation_before_anyone_is_named_stays_unresolved(seed_rows):
    first = seed_rows.iloc[0]  # "وأضاف أن 12 فصيلا ..." comes before the spokesperson is named
    assert (first.sent_no, first.verb_lemma, first.resolution) == (3, "أضاف", "unresolved")
    assert pd.isna(first.speaker) and pd.isna(first.speaker_type)


def test_seed_narration_is_not_a_statement(seed_rows):
    # "تجدر الإشارة إلى أن ..." and "يذكر أن ..." are the outlet's own narration
    assert set(seed_rows["sent_no"]) == {3, 4, 5, 6, 7, 8, 9, 10}


def test_seed_credited_to_anadolu(seed):
    assert detect_agencies(seed).tolist() == [("anadolu",)]
    assert with_agencies(seed)["agencies"].iloc[0] == ("anadolu",)


def test_seed_statement_offsets_are_sentences(seed, seed_rows):
    sents = sentences(seed).set_index("sent_no")
    said = seed_rows[seed_rows["verb_lemma"] == "قال"].iloc[0]
    assert (said.start, said.end, said.par_no) == (sents.loc[4, "start"], sents.loc[4, "end"], sents.loc[4, "par_no"])


# --- the frame ------------------------------------------------------------------------------------


@pytest.mark.parametrize("frame", [
    pd.DataFrame({"article_id": pd.Series([], dtype="str"), "text": pd.Series([], dtype="str")}),
    pd.DataFrame({"article_id": ["a", "b", "c"], "text": ["", None, "   \n "]}),
    pd.DataFrame({"article_id": ["a"], "text": ["أسرت قوات المعارضة 400 عنصر."]}),  # no reported speech
    pd.DataFrame(),
])
def test_empty_results_have_the_columns(frame):
    rows = extract_attributions(frame)
    assert list(rows.columns) == ATTRIBUTION_COLUMNS and rows.empty
    for col in ("par_no", "sent_no", "start", "end", "content_start", "content_end"):
        assert rows[col].dtype == "int64"


def test_values_and_dtypes():
    rows = attributions("وقال الوزير إن الوضع هادئ. وأضاف: «نحن مستعدون». وتابعت: \"سنرى\".")
    assert list(rows.columns) == ATTRIBUTION_COLUMNS
    assert set(rows["speaker_type"].dropna()) <= set(SPEAKER_TYPES)
    assert set(rows["quote"]) <= set(QUOTE_TYPES) and set(rows["resolution"]) <= set(RESOLUTIONS)
    assert rows["start"].dtype == "int64" and rows["speaker"].dtype == "str"


def test_integer_article_ids_keep_their_dtype():
    rows = extract_attributions(pd.DataFrame({"article_id": [7], "text": ["وقال الوزير إن الوضع هادئ."]}))
    assert rows["article_id"].tolist() == [7] and rows["article_id"].dtype == "int64"


def test_odd_text_does_not_crash():
    texts = ['وقال "', "«", ":", "وأضاف", "بحسب", "وفقا لـ", "نقلا عن", 'قال: "', "ﻻ قال إن", "وقال\u200f إن \ufeff",
             "قال" * 50, "، ".join(["وقال إن"] * 30), '"' * 9 + "قال إن" + "«" * 5, "\n".join(["وأكد أن"] * 40)]
    rows = extract_attributions(pd.DataFrame({"article_id": range(len(texts)), "text": texts}))
    check_offsets(rows, dict(enumerate(texts)))


# --- verbs: forms, gender, number, prefixes ---------------------------------------------------------


@pytest.mark.parametrize(("text", "lemma", "verb", "speaker"), [
    ("قالت المتحدثة باسم الخارجية إن الوضع هادئ.", "قال", "قالت", "المتحدثة باسم الخارجية"),
    ("ويقول الخبير الاقتصادي محمد علي إن الأسعار سترتفع.", "قال", "يقول", "محمد علي"),
    ("وتقول الأمم المتحدة إن لبنان يستضيف مليون لاجئ.", "قال", "تقول", "الأمم المتحدة"),
    ("وقال مسؤولون فرنسيون إن المساعدات وصلت.", "قال", "قال", "مسؤولون فرنسيون"),
    ("فأكد الوزير أن المحادثات مستمرة.", "أكد", "أكد", "الوزير"),
    ("وقد أكدت الحكومة أن الانتخابات في موعدها.", "أكد", "أكدت", "الحكومة"),
    ("وأوضحت الوزارة في بيان أن الحادث عرضي.", "أوضح", "أوضحت", "الوزارة"),
    ("وأشار الرئيس إلى أن الحوار ممكن.", "أشار", "أشار", "الرئيس"),
    ("وشددت الحكومة على أن الانتخابات ستجري في موعدها.", "شدد", "شددت", "الحكومة"),
    ("ولفت المسؤول إلى أن المساعدات وصلت.", "لفت", "لفت", "المسؤول"),
    ("ونوه المتحدث بأن الاجتماع إيجابي.", "نوه", "نوه", "المتحدث"),
    ("وصرح وزير الداخلية بأن الأمن مستتب.", "صرح", "صرح", "وزير الداخلية"),
    ("وذكرت صحيفة واشنطن بوست أن الاتفاق قريب.", "ذكر", "ذكرت", "صحيفة واشنطن بوست"),
    ("وأفادت مصادر أمنية بأن الانفجار وقع ظهرا.", "أفاد", "أفادت", "مصادر أمنية"),
    ("وأعلن الجيش عبر تويتر أن العملية انتهت.", "أعلن", "أعلن", "الجيش"),
    ("واعتبر النائب أن القرار خاطئ.", "اعتبر", "اعتبر", "النائب"),
    ("ورأى المحلل أن السوق ستتعافى.", "رأى", "رأى", "المحلل"),
    ("وكشف مصدر مطلع أن المفاوضات فشلت.", "كشف", "كشف", "مصدر مطلع"),
    ("وزعمت الجماعة أن الهجوم رد على القصف.", "زعم", "زعمت", "الجماعة"),
    ("ونفت الوزارة أن تكون قد تلقت أي طلب.", "نفى", "نفت", "الوزارة"),
    ("وحذر الأمين العام للأمم المتحدة من أن الوضع يتدهور.", "حذر", "حذر", "الأمين العام للأمم المتحدة"),
    ("وطالب المحتجون بإسقاط الحكومة.", "طالب", "طالب", "المحتجون"),
    ("ودعا الرئيس إلى ضبط النفس.", "دعا", "دعا", "الرئيس"),
    ("واتهم الوزير المعارضة بأنها تعرقل الحوار.", "اتهم", "اتهم", "الوزير"),
    ("وكتب الرئيس في تغريدة: «أمريكا أولا».", "كتب", "كتب", "الرئيس"),
    ("وقال شهود عيان إن القصف استمر.", "قال", "قال", "شهود عيان"),
    ("وذكر ناشطون أن الطرق مغلقة.", "ذكر", "ذكر", "ناشطون"),
])
def test_verb_forms(text, lemma, verb, speaker):
    row = one(text)
    assert (row.verb_lemma, row.verb, row.speaker, row.resolution) == (lemma, verb, speaker, "explicit")


def test_verbs_are_matched_normalised_but_reported_as_written():
    row = one("وأكّـد المُتحدِّث أنّ الوضعَ هادئ.")
    assert (row.verb, row.verb_lemma, row.speaker) == ("أكّـد", "أكد", "المُتحدِّث")
    assert row.content == "أنّ الوضعَ هادئ"


@pytest.mark.parametrize(("text", "lemma", "quote", "content"), [
    ('وتابعت الوزيرة: "لن نسمح بذلك".', "تابع", "direct", "لن نسمح بذلك"),
    ("وأردف قائلا: «سنواصل العمل».", "أردف", "direct", "سنواصل العمل"),
    ('وأضاف "لقد قمنا بأسر حوالي 400 عنصر".', "أضاف", "direct", "لقد قمنا بأسر حوالي 400 عنصر"),
    ("وقال الوزير: “الوضع تحت السيطرة”.", "قال", "direct", "الوضع تحت السيطرة"),
    ('وقال الوزير إن "الوضع تحت السيطرة تماما".', "قال", "mixed", 'إن "الوضع تحت السيطرة تماما"'),
    ('"نحن هنا للبقاء"، قال الوزير.', "قال", "direct", "نحن هنا للبقاء"),
])
def test_direct_and_mixed_quotes(text, lemma, quote, content):
    rows = attributions("وقال الوزير إن الاجتماع بدأ. " + text)
    row = rows.iloc[-1]
    assert (row.verb_lemma, row.quote, row.content) == (lemma, quote, content)


def test_quote_spanning_sentences_is_one_content():
    text = 'وقال الوزير: "لن نتراجع. سنواصل الطريق حتى النهاية". وانتهى الاجتماع.'
    row = one(text)
    assert row.content == "لن نتراجع. سنواصل الطريق حتى النهاية"
    assert text[row.start:row.end].startswith("وقال") and row.end >= text.index("النهاية")


def test_impersonal_present_is_narration():
    assert attributions("ويذكر أن الاتفاق وقع عام 2015. يشار إلى أن الحادث ليس الأول.").empty


def test_nouns_that_look_like_verbs_are_not_statements():
    assert attributions("ونقل الجرحى إلى المستشفى بعد أن أصيبوا. وفي رأي الخبراء أن الأزمة طويلة.").empty


# --- speakers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "speaker", "stype", "role"), [
    ("وقال وزير الخارجية التركي مولود جاويش أوغلو إن المحادثات مستمرة.", "مولود جاويش أوغلو", "named",
     "وزير الخارجية التركي"),
    ("وقال رئيس الوزراء الإسرائيلي بنيامين نتنياهو إن الرد سيكون قويا.", "بنيامين نتنياهو", "named",
     "رئيس الوزراء الإسرائيلي"),
    ("وقال المتحدث باسم حركة حماس فوزي برهوم إن الحركة ترفض ذلك.", "فوزي برهوم", "named", "المتحدث باسم حركة حماس"),
    ("قالت المستشارة الألمانية، أنجيلا ميركل، إن بلادها تريد الاستقرار.", "أنجيلا ميركل", "named",
     "المستشارة الألمانية"),
    ("وقال متحدث عسكري روسي إن الطائرات عادت.", "متحدث عسكري روسي", "role", "متحدث عسكري روسي"),
    ("وقالت مصادر محلية إن القصف توقف.", "مصادر محلية", "anonymous", None),
    ("وقال مصدر مطلع في وزارة النفط إن الأسعار ستنخفض.", "مصدر مطلع في وزارة النفط", "anonymous", None),
    ("وقال مسؤول سعودي، لم يذكر اسمه، لوكالة رويترز إن التحقيق بدأ.", "مسؤول سعودي", "anonymous", None),
    ("وقالت وزارة الدفاع الروسية إن الطائرات عادت.", "وزارة الدفاع الروسية", "institution", None),
    ("وتقول السعودية إنه غادر القنصلية.", "السعودية", "institution", None),
    ("وقالت وكالة الأنباء التركية \"الأناضول\" إن القطار خرج عن سكته.", 'وكالة الأنباء التركية "الأناضول"',
     "agency", None),
    ("وذكرت قناة الجزيرة أن الاجتماع انتهى.", "قناة الجزيرة", "outlet", None),
    ("وقال ترامب إن الاتفاق سيئ.", "ترامب", "named", None),
])
def test_speakers(text, speaker, stype, role):
    row = one(text)
    assert (row.speaker, row.speaker_type) == (speaker, stype)
    assert (row.role if isinstance(row.role, str) else None) == role


@pytest.mark.parametrize(("text", "speaker"), [
    ("وكانت وزارة الخارجية قد أعلنت أن السفير استدعي.", "وزارة الخارجية"),
    ("وكان تشاووش أوغلو قد أعلم قناة خبر التلفزيونية بأن الخطة جاهزة.", "تشاووش أوغلو"),
    ("لكن تركيا تقول إنه قد يكون مازال هناك.", "تركيا"),
    ("وهو ما تنفيه السلطات السعودية التي تقول إن الصحفي غادر.", "السلطات السعودية"),
    ("وجاء الحادث في اليوم الذي قال فيه وزير الداخلية إن الوضع خطير.", "وزير الداخلية"),
    ("بيد أن مسؤولا محليا في منبج أبلغ رويترز بأن التصريحات سابقة لأوانها.", "مسؤولا محليا في منبج"),
])
def test_subject_before_the_verb(text, speaker):
    assert one(text).speaker == speaker


def test_addressee_is_not_the_speaker():
    row = attributions("وقالت الصحيفة إنها قلقة. ودعت ولي العهد السعودي إلى الترحيب بالنقد.").iloc[1]
    assert (row.verb_lemma, row.speaker, row.resolution) == ("دعا", "الصحيفة", "continuation")


# --- channels ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "channel", "agency"), [
    ("وقال متحدث غرفة العمليات في حديث لمراسل الأناضول إن العملية مستمرة.", "في حديث لمراسل الأناضول", "anadolu"),
    ("وقال الوزير لمراسل الأناضول إن العملية مستمرة.", "لمراسل الأناضول", "anadolu"),
    ("وقال الوزير في تصريح لوكالة رويترز إن الأسعار سترتفع.", "في تصريح لوكالة رويترز", "reuters"),
    ("وقال الوزير في تصريحات لوكالة أنباء الشرق الأوسط (أ ش أ) إن الاتفاق تم.",
     "في تصريحات لوكالة أنباء الشرق الأوسط", "mena"),
    ("وكشف مصدر مطلع لـ\"سكاي نيوز عربية\" أن المفاوضات فشلت.", 'لـ"سكاي نيوز عربية"', "skynews"),
    ("وقالت الوزارة في بيان إن الحادث عرضي.", "في بيان", None),
    ("وقال الرئيس في تغريدة إن الصفقة سيئة.", "في تغريدة", None),
    ("وأعلن الجيش عبر تويتر أن العملية انتهت.", "عبر تويتر", None),
    ("وفي تصريح نقلته وكالة أنباء الأناضول، قال وزير العدل إن التحقيق سري.",
     "وفي تصريح نقلته وكالة أنباء الأناضول", "anadolu"),
    ("ونقلت رويترز عن مسؤول أمريكي قوله إن العقوبات ستفرض.", "رويترز عن", "reuters"),
    ("وأفادت وكالة الأناضول، نقلا عن أقداغ، أن البحث انتهى.", "وكالة الأناضول، نقلا عن", "anadolu"),
    ("وقال الوزير إن الاتفاق قريب، بحسب ما نقلت وكالة سبوتنيك.", "بحسب ما نقلت وكالة سبوتنيك", "sputnik"),
    ("وأبلغ مسؤول أمريكي رويترز أن العقوبات ستفرض.", "رويترز", "reuters"),
])
def test_channels(text, channel, agency):
    row = one(text)
    assert row.channel == channel
    assert (row.agency if isinstance(row.agency, str) else None) == agency


def test_relay_names_the_original_speaker():
    row = one("ونقلت وكالة الأناضول عن الوزير قوله: «لقد قمنا بالواجب».")
    assert (row.speaker, row.verb_lemma, row.agency, row.quote) == ("الوزير", "نقل", "anadolu", "direct")
    row = one("ونقلت وسائل إعلام عن تشاووش أوغلو قوله في رحلة عودته إنه في حال الانتهاء من الخطة فقد تطبق.")
    assert row.speaker == "تشاووش أوغلو" and row.content.startswith("إنه في حال")


@pytest.mark.parametrize(("text", "speaker", "stype", "lemma", "content"), [
    ("قتل خمسة أشخاص، بحسب مصادر طبية.", "مصادر طبية", "anonymous", "بحسب", "قتل خمسة أشخاص"),
    ("وبحسب شهود عيان، فإن القنصلية علقت أعمالها.", "شهود عيان", "anonymous", "بحسب", "إن القنصلية علقت أعمالها"),
    ("ووفقا لـ\"رويترز\"، فإن الشحنة وصلت.", "رويترز", "agency", "وفقا", "إن الشحنة وصلت"),
    ("وارتفعت الأسعار وفق ما أفادت وكالة \"فرانس برس\".", 'وكالة "فرانس برس"', "agency", "أفاد", "وارتفعت الأسعار"),
    ("وقتل 24 شخصا، وفق حصيلة أعلنها نائب رئيس الوزراء رجب أقداغ.", "رجب أقداغ", "named", "وفقا", "وقتل 24 شخصا"),
    ("وتوقفت الرحلات، وفقا للمفوضية الأوروبية.", "المفوضية الأوروبية", "institution", "وفقا", "وتوقفت الرحلات"),
    ("وتراجع عدد الزوار، حسبما قالت وزارة السياحة.", "وزارة السياحة", "institution", "قال", "وتراجع عدد الزوار"),
])
def test_attribution_phrases(text, speaker, stype, lemma, content):
    row = one(text)
    assert (row.speaker, row.speaker_type, row.verb_lemma, row.content) == (speaker, stype, lemma, content)


@pytest.mark.parametrize("text", [
    "وصلت الطائرة في الساعة الخامسة بحسب التوقيت المحلي.",
    "ووفقا للخصومات التي يقدمها المصدرون ستنخفض الأسعار.",
    "وهذا ليس فحسب ما حدث.",
    "وأصبح صوت فلاحي وفقراء الأناضول مسموعا.",
])
def test_phrases_without_a_source(text):
    assert attributions(text).empty


# --- continuations --------------------------------------------------------------------------------


def test_continuation_resolves_to_the_last_speaker():
    rows = attributions("وقالت خديجة إنها انتظرته طويلا. وأضافت أنها عادت صباحا. وتابعت: \"لم يخرج\".")
    assert rows["speaker"].tolist() == ["خديجة"] * 3
    assert rows["resolution"].tolist() == ["explicit", "continuation", "continuation"]


def test_continuation_prefers_a_speaker_of_the_same_gender():
    rows = attributions("وقالت الوزيرة إن الوضع هادئ. وقال المتحدث باسم الجيش إن القوات انسحبت. "
                        "وأضافت أن المساعدات وصلت.")
    assert rows.iloc[2][["speaker", "resolution"]].tolist() == ["الوزيرة", "continuation"]


@pytest.mark.parametrize("text", [
    "وأضاف أن العملية مستمرة.",
    "وتابع: «سنواصل».",
    "وأشار إلى أن الحوار ممكن.",
])
def test_continuation_without_earlier_speaker_is_unresolved(text):
    row = one(text)
    assert row.resolution == "unresolved" and pd.isna(row.speaker) and pd.isna(row.speaker_type)


def test_participle_after_an_unread_clause_is_not_guessed():
    rows = attributions("وقال الوزير إن الاجتماع انتهى. واستقبل الملك الوفد، مؤكدا أن العلاقات متينة.")
    assert rows.iloc[1][["verb", "resolution"]].tolist() == ["مؤكدا", "unresolved"]


def test_participle_continues_its_sentence():
    rows = attributions("أكد مصدر مطلع أن الأسعار ستنخفض، مشيرا إلى أن القرار نهائي.")
    assert rows["speaker"].tolist() == ["مصدر مطلع"] * 2
    assert rows["content"].tolist() == ["أن الأسعار ستنخفض", "أن القرار نهائي"]


def test_the_agency_named_before():
    rows = attributions("وذكرت وكالة الأناضول أن الاتفاق قريب. وتابعت الوكالة أن الخطة جاهزة.")
    assert rows["agency"].tolist() == ["anadolu", "anadolu"]
    assert rows.iloc[1][["speaker", "speaker_type"]].tolist() == ["الوكالة", "agency"]


# --- agencies -------------------------------------------------------------------------------------


def test_agency_table_columns_and_custom_table(tmp_path):
    table = load_agencies()
    assert set(["key", "name_en", "name_ar", "kind", "patterns"]) <= set(table.columns)
    assert list(table.columns[:len(AGENCY_COLUMNS)]) == AGENCY_COLUMNS
    assert table["key"].is_unique and set(table["kind"]) == {"agency", "outlet"}
    for key in ("anadolu", "reuters", "afp", "ap", "sana", "spa", "qna", "kuna", "wafa", "mena", "sputnik", "tass",
                "irna", "dpa", "aljazeera", "alarabiya", "bbc", "cnn", "france24", "skynews"):
        assert key in set(table["key"]), key
    mine = pd.concat([table, pd.DataFrame([{"key": "enab", "kind": "outlet", "name_en": "Enab Baladi",
                                            "name_ar": "عنب بلدي", "patterns": "عنب بلدي"}])])
    path = tmp_path / "agencies.csv"
    mine.to_csv(path, index=False)
    assert credited("وقال لموقع عنب بلدي إن الوضع هادئ.", table=path) == ("enab",)
    assert credited("وقال لموقع عنب بلدي إن الوضع هادئ.") == ()
    with pytest.raises(TableError, match="kind"):
        load_agencies(mine.assign(kind="wire"))
    with pytest.raises(TableError, match="duplicate agency key"):
        load_agencies(pd.concat([mine, mine.tail(1)]))
    with pytest.raises(ColumnError, match="lacks"):
        load_agencies(mine.drop(columns="patterns"))


@pytest.mark.parametrize(("text", "keys"), [
    ("غزة / الأناضول\nأسرت قوات المعارضة 400 عنصر.", ("anadolu",)),
    ("أنقرة (الأناضول) - أسرت قوات المعارضة 400 عنصر.", ("anadolu",)),
    ("كتب: الأناضول\nأسرت قوات المعارضة 400 عنصر.", ("anadolu",)),
    ("أسرت قوات المعارضة 400 عنصر.\nالمصدر: الأناضول", ("anadolu",)),
    ("وقالت وكالة الأنباء التركية \"الأناضول\" إن القطار خرج عن سكته.", ("anadolu",)),
    ("خفضت وكالتا الأناضول ودوغان توقعاتهما.", ("anadolu", "dogan")),
    ("وقال لمراسل الأناضول إن العملية مستمرة.", ("anadolu",)),
    ("وقال في تصريح للأناضول إن العملية مستمرة.", ("anadolu",)),
    ("وأكدت الأناضول أن الدفاع أعلنت ذلك.", ("anadolu",)),
    ("باريس (أ ف ب) - قال الرئيس", ("afp",)),
    ("باريس (أ.ف.ب) - قال الرئيس", ("afp",)),
    ("وذكرت وكالة فرانس برس أن", ("afp",)),
    ("وذكرت فرانس بريس أن", ("afp",)),
    ("Paris (AFP) - قال", ("afp",)),
    ("وقالت وكالة رويترز ان", ("reuters",)),
    ("بحسب Reuters", ("reuters",)),
    ("وذكرت وكالة أسوشيتد برس أن", ("ap",)),
    ("القاهرة (أ ش أ) - قال", ("mena",)),
    ("برلين - د ب أ", ("dpa",)),
    ("وذكرت وكالة الأنباء السورية (سانا) أن", ("sana",)),
    ("وذكرت سانا أن", ("sana",)),
    ("الرياض (واس) - أعلن", ("spa",)),
    ("الدوحة (قنا) - أعلن", ("qna",)),
    ("وذكرت وكالة الأنباء الكويتية (كونا) أن", ("kuna",)),
    ("وذكرت وكالة وفا أن", ("wafa",)),
    ("ونقلت وكالة سبوتنيك عن", ("sputnik",)),
    ("ونقلت وكالة تاس عن", ("tass",)),
    ("وذكرت وكالة الأنباء الإيرانية (إرنا) أن", ("irna",)),
    ("وقال لقناة الجزيرة إن", ("aljazeera",)),
    ("وقال لـ\"العربية\" إن", ("alarabiya",)),
    ("وقال لـ«العربية.نت» إن", ("alarabiya",)),
    ("وقال لبي بي سي إن", ("bbc",)),
    ("وقال لشبكة سي إن إن إن", ("cnn",)),
    ("وقال لـCNN إن", ("cnn",)),
    ("وقال لفرانس 24 إن", ("france24",)),
    ("وقال لسكاي نيوز عربية إن", ("skynews",)),
])
def test_agency_spellings(text, keys):
    assert credited(text) == keys


@pytest.mark.parametrize("text", [
    "تقع هضبة الأناضول في وسط تركيا.",
    "يعيش ملايين الفلاحين في وسط الأناضول.",
    "صوت فلاحي وفقراء الأناضول.",
    "قروض الأناضول بنك ارتفعت.",
    "يعود إلى قريته في الأناضول حيث ولد.",
    "زار الوزير محافظة قنا في صعيد مصر.",
    "تقع شبه الجزيرة العربية في جنوب غرب آسيا.",
    "وقال العالم إن الاكتشاف مهم.",
    "وقال هارون صباح الجمعة إن المحكمة عسكرية.",
    "يحب العالم العربي كرة القدم.",
])
def test_ordinary_words_are_not_agencies(text):
    assert credited(text) == ()


def test_own_outlet_byline_is_left_out():
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["skynews", "alarabia"],
                         "author": ["أبوظبي - سكاي نيوز عربية", "دبي - العربية.نت"],
                         "text": ["قالت وكالتا الأناضول ودوغان إن ...", "موسكو - رويترز\nقال الكرملين ..."]})
    assert detect_agencies(arts).tolist() == [("anadolu", "dogan"), ("reuters",)]
    assert detect_agencies(arts, include_own_outlet=True).tolist() == [("skynews", "anadolu", "dogan"),
                                                                       ("alarabiya", "reuters")]
    assert detect_agencies(arts).index.equals(arts.index)


def test_mentions_carry_evidence():
    arts = pd.DataFrame({"article_id": ["a"], "author": ["أنقرة - الأناضول"],
                         "text": ["غزة / الأناضول\nقال المتحدث لوكالة رويترز إن ..."]})
    m = agency_mentions(arts)
    assert m[["field", "key", "how"]].values.tolist() == [["author", "anadolu", "byline"],
                                                          ["text", "anadolu", "dateline"],
                                                          ["text", "reuters", "mention"]]
    for r in m.itertuples():
        assert arts[r.field].iloc[0][r.start:r.end] == r.mention


def test_offsets_survive_diacritics_and_ligatures():
    text = "وقال المُتحدِّث لـمراسل الأنـاضول ﻻحقا إن الوضع هادئ"
    norm, index = normalize_with_offsets(text)
    assert norm == normalize(text, casefold=False).replace("ﻻ", "لا")
    assert [(k, text[a:b]) for k, _, a, b in find_agencies(text)] == [("anadolu", "مراسل الأنـاضول")]


# --- the real sample ------------------------------------------------------------------------------


def test_sample_anadolu_credits(sample):
    ag = detect_agencies(sample)
    mentions = sample["text"].str.contains("الأناضول|الاناضول") | sample["author"].fillna("").str.contains("الأناضول")
    anadolu = ag.map(lambda keys: "anadolu" in keys)
    assert mentions.sum() == 84
    # every mention is credited except Anatolia the region and Anadolubank
    missed = set(sample.loc[mentions & ~anadolu, "article_id"])
    assert missed == {"BB-middleEast-670-20180626", "CN-economy-318-20180912"}
    assert not (anadolu & ~mentions).any()
    counts = pd.Series([k for keys in ag for k in keys]).value_counts()
    assert counts["anadolu"] == 82 and counts["afp"] >= 25 and counts["reuters"] >= 25


def test_sample_runs_and_keeps_its_promises(sample):
    rows = extract_attributions(sample)
    check_offsets(rows, dict(zip(sample["article_id"], sample["text"], strict=True)))
    assert len(rows) > 1000 and rows["article_id"].nunique() > 180
    assert (rows["resolution"] == "unresolved").mean() < 0.15
    assert rows.loc[rows["resolution"] == "unresolved", "speaker"].isna().all()
    assert rows.loc[rows["resolution"] != "unresolved", "speaker"].notna().all()
    assert rows.loc[rows["speaker_type"].isin(["agency", "outlet"]) & (rows["resolution"] == "explicit")
                    & rows["agency"].isna()].shape[0] < 80  # generic media ("وسائل إعلام تركية") have no key


# --- the gold set ---------------------------------------------------------------------------------


def _key(speaker) -> frozenset[str]:
    if not isinstance(speaker, str):
        return frozenset()
    text = normalize(speaker).translate(str.maketrans({"_": " ", "#": " "}))
    return frozenset(re.findall(r"[^\W_]+", text))


def score(rows: pd.DataFrame, gold: list[dict]) -> dict:
    """Speaker + verb detection: a gold statement is found by a row of its article with the same verb
    lemma whose speaker's words contain the gold speaker's words or are contained in them (after
    normalisation), each row used once.  Unresolved rows name nobody and are not counted."""
    tp = predicted = expected = same_type = same_agency = 0
    for art in gold:
        mine = rows[(rows["article_id"] == art["article_id"]) & rows["speaker"].notna()]
        predicted += len(mine)
        expected += len(art["statements"])
        used: set[int] = set()
        for g in art["statements"]:
            gk = _key(g["speaker"])
            for i, r in mine.iterrows():
                pk = _key(r.speaker)
                if i not in used and r.verb_lemma == g["verb_lemma"] and pk and (pk <= gk or gk <= pk):
                    used.add(i)
                    tp += 1
                    same_type += r.speaker_type == g["speaker_type"]
                    same_agency += (r.agency if isinstance(r.agency, str) else None) == g["channel_agency"]
                    break
    return {"precision": tp / max(predicted, 1), "recall": tp / max(expected, 1), "n": expected,
            "type_accuracy": same_type / max(tp, 1), "agency_accuracy": same_agency / max(tp, 1)}


@pytest.fixture(scope="module")
def gold_scores(sample):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    rows = extract_attributions(sample[sample["article_id"].isin({g["article_id"] for g in gold})])
    scores = {split: score(rows, [g for g in gold if g["split"] == split]) for split in ("dev", "heldout", "test")}
    scores["all"] = score(rows, gold)
    return scores


def test_gold_set_is_well_formed():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    assert len(gold) >= 12 and len({g["article_id"] for g in gold}) == len(gold)
    assert {g["article_id"][:2] for g in gold} == {"AL", "BB", "CN", "FR", "SK"}
    for art in gold:
        for st in art["statements"]:
            assert st["speaker_type"] in SPEAKER_TYPES and st["quote"] in QUOTE_TYPES


# Measured on the gold set (22 articles, 195 statements): dev P 0.97 R 0.83, heldout P 1.00 R 0.85 (first
# look before the fixes it prompted: P 0.92 R 0.74), test P 0.95 R 0.71 (first look: P 0.89 R 0.65; never
# tuned on), all P 0.98 R 0.80.  Thresholds sit just under, so a regression fails.
@pytest.mark.parametrize(("split", "precision", "recall"), [
    ("dev", 0.93, 0.80), ("heldout", 0.95, 0.82), ("test", 0.89, 0.66), ("all", 0.94, 0.77),
])
def test_gold_precision_recall(gold_scores, split, precision, recall):
    s = gold_scores[split]
    assert s["precision"] >= precision and s["recall"] >= recall, s


def test_gold_types_and_agencies(gold_scores):
    assert gold_scores["all"]["type_accuracy"] >= 0.88
    assert gold_scores["all"]["agency_accuracy"] >= 0.93


# --- the reporting-verb table and the word lists ---------------------------------------------------

DIGRESSION = "واسترسل الوزير أن المفاوضات ستستمر حتى التوصل إلى اتفاق."
MY_VERBS = (
    "# my verbs: one row per lemma, forms as I write them\n"
    "# key: norm\n"
    "lemma\tmasculine\tfeminine\tplural\tparticiples\tpreps\ttakes\tnote\n"
    "استرسل\tاسترسل يستطرد\tاسترسلت تستطرد\tاسترسلوا\tمستطردا مستطردة\t\t\ta digression that goes on\n"
)


def test_a_users_verb_file_makes_new_statements(tmp_path):
    assert attributions(DIGRESSION).empty  # not a shipped verb
    path = tmp_path / "verbs.tsv"
    path.write_text(MY_VERBS, encoding="utf-8")
    arts = pd.DataFrame({"article_id": ["t"], "text": [DIGRESSION]})
    row = extract_attributions(arts, verbs=path).iloc[0]
    assert (row["speaker"], row["speaker_type"], row["verb"], row["verb_lemma"], row["resolution"]) == (
        "الوزير", "role", "استرسل", "استرسل", "explicit")
    assert row["content"] == "أن المفاوضات ستستمر حتى التوصل إلى اتفاق"
    # the user's rows add to the shipped ones: the shipped verbs still read, and a participle continues
    text = "وقالت الوزيرة إن الحدود مفتوحة، مستطردة أن المعابر ستبقى تعمل."
    rows = extract_attributions(pd.DataFrame({"article_id": ["t"], "text": [text]}), verbs=path)
    assert rows[["speaker", "verb_lemma", "resolution"]].values.tolist() == [
        ["الوزيرة", "قال", "explicit"], ["الوزيرة", "استرسل", "continuation"]]
    table = load_reporting_verbs(path)
    assert table["lemma"].iloc[0] == "استرسل" and len(table) == len(load_reporting_verbs()) + 1
    assert table["masculine"].iloc[0] == "استرسل يستطرد"


def test_a_users_row_replaces_the_shipped_lemma():
    text = "وقالت الوزيرة إن الوضع هادئ. وأضافت أن الحدود مفتوحة."
    assert attributions(text)["verb_lemma"].tolist() == ["قال", "أضاف"]
    only_masculine = pd.DataFrame([{"lemma": "اضاف", "masculine": "أضاف"}])  # compared normalised
    arts = pd.DataFrame({"article_id": ["t"], "text": [text]})
    assert extract_attributions(arts, verbs=only_masculine)["verb_lemma"].tolist() == ["قال"]


def test_the_pandas_work_equals_the_public_function(seed):
    tables = attribution_tables(verbs=pd.DataFrame([{"lemma": "استرسل", "masculine": "استرسل"}]))
    pd.testing.assert_frame_equal(attributions_frame(seed, tables), extract_attributions(seed))


@pytest.mark.parametrize(("row", "message"), [
    ("استرسل\tاسترسل\tاسترسلت\t\t\t\t\tnote\textra", "line 4: 9 cells for 8 columns"),
    ("استرسل\t\t\t\t\t\t\tno form at all", "line 4: the verb 'استرسل' has no form"),
    ("استرسل\tاسترسل\tاسترسلت\t\t\t\tobject", "line 4: unknown 'takes' value"),
])
def test_a_malformed_verb_file_names_the_file_and_line(tmp_path, row, message):
    path = tmp_path / "bad_verbs.tsv"
    path.write_text("# key: norm\n" + MY_VERBS.splitlines()[2] + "\n\n" + row + "\n", encoding="utf-8")
    with pytest.raises(TableError, match=re.escape(message)) as err:
        extract_attributions(pd.DataFrame({"article_id": ["t"], "text": [DIGRESSION]}), verbs=path)
    assert str(path) in str(err.value)


def test_a_verb_frame_without_lemma_is_a_column_error():
    with pytest.raises(ColumnError, match="lemma"):
        load_reporting_verbs(pd.DataFrame([{"masculine": "استرسل"}]))


def test_the_shipped_verb_table():
    lex = load("reporting_verbs", normalise=False)
    assert list(lex.columns) == VERB_COLUMNS and lex.key == "norm"
    table = load_reporting_verbs()
    assert table["lemma"].is_unique and len(table) == 71
    assert all(table["feminine"].str.len() > 0)
    assert set(" ".join(table["takes"]).split()) == {"person", "bare_content", "told", "comp_only", "prep_only"}
    forms = reporting_verbs().set_index("form")
    assert forms.loc["يؤكد", "lemma"] == "أكد" and forms.loc["مشيرة", "gender"] == "f"
    assert "بين" not in forms.index and forms.loc["بينت", "lemma"] == "بين"  # "بين" is "between"
    assert forms.loc["عبر", "lemma"] == "عبر"  # a cue only with "عن" near it ("عبر صفحته" is "via")


ATTRIBUTION_LEXICONS = [
    "reporting_verbs", "time_words", "speaker_adverbials", "function_words", "prepositions", "impersonal_verbs",
    "content_prepositions", "issuing_verbs", "non_speech_before_complementizer", "role_heads",
    "anonymous_source_heads", "institution_heads", "media_heads", "countries_and_capitals", "role_complements",
    "role_prepositions", "anaphoric_adjectives", "channel_nouns", "channel_prepositions", "channel_participles",
    "media_nouns", "agency_name_words", "attribution_phrase_words", "relative_pronouns", "connectors",
    "adverbial_openers", "verb_openers", "not_sources", "subject_end_words", "description_openers",
    "role_adjectives", "day_parts", "addressees", "idiom_objects", "generic_media",
]


@pytest.mark.parametrize("name", ATTRIBUTION_LEXICONS)
def test_every_shipped_entry_equals_its_key(name):
    lex = load(name, normalise=False)
    key = KEYS[lex.key]
    assert lex.rows, name
    for column in lex.keyed:
        for cell in lex.column(column):
            for entry in cell.split():
                assert key(entry) == entry, (name, column, entry)


# --- the full archive -----------------------------------------------------------------------------


def test_full_archive_runs(ant_articles):
    rows = extract_attributions(ant_articles)
    assert len(rows) > 100_000
    texts = ant_articles.set_index("article_id")["text"]
    check_offsets(rows.sample(5000, random_state=0), texts)
    ag = detect_agencies(ant_articles)
    keys = pd.Series([k for ks in ag for k in ks]).value_counts()
    assert keys.index[:2].tolist() == ["reuters", "afp"]
    assert 300 <= keys["anadolu"] <= 340  # about 310 articles cite الأناضول
