"""Speaker identity (canonical speaker, speaker_id) and the region's agencies, on sentences of the
regional gold's DEV split (tests/gold/regional, article named in each test)."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.sources.agencies import agency_mentions, detect_agencies, find_agencies
from analysis.sources.identity import corpus_ids, same_person, with_identity
from analysis.sources.summaries import speaker_table


def _rows(text: str, article_id: str = "a") -> pd.DataFrame:
    return analysis.extract_attributions(pd.DataFrame({"article_id": [article_id], "text": [text]}))


def _canonical_of(rows: pd.DataFrame, speaker: str) -> set[str]:
    return set(rows.loc[rows["speaker"] == speaker, "canonical"])


# --- one article: a surname or a title refers back to the full name ------------------------------

def test_a_surname_takes_the_full_name_the_article_gave():
    # dev ma-ahdath-8
    text = ("دعا الأمين العام لحزب العدالة والتنمية عبد الإله ابن كيران، اليوم الجمعة، المواطنين إلى اختيار "
            "ما فيه مصلحتهم ومصلحة البلاد.\n\nوقال ابن كيران، في تصريح للصحافة عقب إدلائه بصوته، إن الأمر محسوم.")
    rows = _rows(text)
    assert _canonical_of(rows, "ابن كيران") == {"عبد الإله ابن كيران"}
    assert rows["speaker_id"].nunique() == 1


def test_the_title_written_with_the_name_joins_the_bare_title():
    # dev qa-aljazeera-13 (the title), made-up continuation with the bare title
    text = ("وقبل نهاية العام الماضي، قال الرئيس التركي رجب طيب أردوغان إن صادرات بلاده بلغت 255 مليار دولار. "
            "ولفت أردوغان حينها إلى أن صادرات تركيا السنوية كانت 36.1 مليار دولار. "
            "وأكد الرئيس التركي أن الصادرات ستزيد.")
    rows = _rows(text)
    assert set(rows["canonical"]) == {"رجب طيب أردوغان"}
    assert set(rows["speaker_id"]) == {"person:رجب طيب اردوغان"}
    assert set(rows["speaker"]) >= {"أردوغان"}  # the written form stays


def test_a_bare_title_without_the_name_in_the_article_stays_a_title():
    rows = _rows("وقال الرئيس التركي إن الصادرات ستزيد. وقال دونالد ترامب إن الرسوم باقية.")
    assert _canonical_of(rows, "الرئيس التركي") == {"الرئيس التركي"}


def test_an_official_referred_back_to_is_the_person_named_before():
    # dev qa-aljazeera-14
    text = ("اعتبرت المديرة العامة لصندوق النقد الدولي كريستالينا جورجيفا أن أسعار الفائدة المرتفعة لم تكن مفاجئة. "
            "وفي حدث استضافه المجلس الأطلسي في واشنطن قالت جورجيفا إن الحكومة الأميركية بإمكانها النظر في إجراءات. "
            "وأوضحت المسؤولة الدولية أن \"ارتفاع أسعار الفائدة بالنسبة لبقية العالم ليس خبرا سارا\".")
    rows = _rows(text)
    assert set(rows["canonical"]) == {"كريستالينا جورجيفا"}


def test_a_minister_by_title_is_the_minister_the_article_named():
    # dev ma-hespress-15
    text = ("أكدت وزيرة التربية والتكوين المهني الإسبانية، بيلار أليغريا، الخميس، على الأهمية الجوهرية لعلاقات "
            "مستقرة مع المغرب. وقالت أليغريا، في حديث خصت به المحطة الإذاعية “كادينا سير”، إن “إقامة علاقات مستقرة "
            "أمر جوهري”. وفي هذا السياق، أوضحت الوزيرة أن العلاقات الدبلوماسية القائمة مع المغرب إستراتيجية.")
    rows = _rows(text)
    assert _canonical_of(rows, "الوزيرة") == {"بيلار أليغريا"}
    assert _canonical_of(rows, "أليغريا") == {"بيلار أليغريا"}


def test_a_surname_spelt_with_one_more_long_vowel_is_the_same_person():
    # dev qa-aljazeera-12: "ريكاردو إيفانغليستا" then "إيفانغيليستا"
    rows = pd.DataFrame({"article_id": ["q"] * 2, "speaker": ["ريكاردو إيفانغليستا", "إيفانغيليستا"],
                         "speaker_type": ["named", "named"], "role": [None, None], "agency": [None, None]})
    assert with_identity(rows)["canonical"].tolist() == ["ريكاردو إيفانغليستا"] * 2


def test_a_surname_takes_the_name_written_in_apposition_or_after_a_title():
    # dev ma-ahdath-2 ("، زهير الشرفي،") and dev eg-youm7-1 ("الدكتور محمد عبد العاطي" ... "الدكتور عبدالعاطي")
    rows = pd.DataFrame({"article_id": ["m", "e", "e"], "speaker": ["الشرفي", "عبدالعاطي", "عبد العاطي"],
                         "speaker_type": ["role", "named", "named"], "role": [None] * 3, "agency": [None] * 3})
    texts = {"m": "وقال الكاتب العام لوزارة الاقتصاد والمالية، زهير الشرفي، في كلمة تلاها بالنيابة عنه نائب مدير "
                  "الميزانية، إن ... أبرز الشرفي أن الدينامية المعيارية",
             "e": "شهد الدكتور محمد عبد العاطي وزير الموارد المائية والرى مراسم توقيع عقد المرحلة الثانية. "
                  "وأثني الدكتور عبدالعاطي علي الجهد المبذول. كما أكد عبد العاطي علي ضرورة بذل المزيد من الجهد"}
    out = with_identity(rows, texts)
    assert out["canonical"].tolist() == ["زهير الشرفي", "محمد عبد العاطي", "محمد عبد العاطي"]
    assert out["speaker_id"][1] == out["speaker_id"][2]


# --- the corpus: one id per person, never two full names ----------------------------------------------

def _frame(*people):
    return pd.DataFrame({"article_id": [f"a{i}" for i in range(len(people))], "speaker": [p for p, _ in people],
                         "speaker_type": [t for _, t in people], "role": [None] * len(people),
                         "agency": [None] * len(people)})


def test_spellings_and_surnames_of_one_person_share_an_id():
    out = with_identity(_frame(("ترامب", "named"), ("ترمب", "named"), ("دونالد ترامب", "named"),
                               ("الرئيس الأمريكي دونالد ترامب", "named"), ("أردوغان", "named"),
                               ("رجب طيب أردوغان", "named")))
    # read article by article: the spelling is joined, the surname waits for the corpus
    assert out["speaker_id"].tolist()[:3] == ["person:ترامب", "person:ترامب", "person:دونالد ترامب"]
    assert corpus_ids(out).tolist() == ["person:دونالد ترامب"] * 4 + ["person:رجب طيب اردوغان"] * 2


def test_two_full_names_are_never_joined():
    out = with_identity(_frame(("جو بايدن", "named"), ("هانتر بايدن", "named"), ("بايدن", "named"),
                               ("محمد بن سلمان", "named"), ("سلمان", "named")))
    ids = corpus_ids(out).tolist()
    assert ids[0] != ids[1] and ids[2] not in (ids[0], ids[1])  # "بايدن" alone: two owners of like weight
    assert ids[4] != ids[3]  # "سلمان" is not "محمد بن سلمان"
    assert not same_person(("سلمان",), ("محمد", "بن", "سلمان"))


def test_generic_nouns_are_never_persons_and_agencies_are_one_agency():
    out = with_identity(pd.DataFrame({
        "article_id": list("abcdefg"),
        "speaker": ["البيان", "التقرير", "الشرطة", "المصدر", "وكالة أنباء الأناضول", "الأناضول للأنباء", "الوكالة"],
        "speaker_type": ["institution", "institution", "institution", "anonymous", "agency", "agency", "agency"],
        "role": [None] * 7, "agency": [None] * 6 + ["anadolu"]}))
    assert not out["speaker_id"][:4].str.startswith("person:").any()
    assert set(out["speaker_id"][4:]) == {"agency:anadolu"}
    assert set(out["canonical"][4:]) == {"وكالة الأناضول"}


def test_the_speaker_table_has_one_row_per_person():
    arts = pd.DataFrame({"article_id": ["a", "b"], "text": [
        "قال الرئيس التركي رجب طيب أردوغان إن الاقتصاد قوي. وأضاف أردوغان أن التضخم سينخفض.",
        "وقال أردوغان إن تركيا لن تتراجع. وقال ترمب إن الرسوم باقية. وقال دونالد ترامب إن الاتفاق قريب."]})
    table = speaker_table(analysis.extract_attributions(arts))
    people = table.set_index("speaker")
    assert people.loc["رجب طيب أردوغان", "statements"] == 3
    assert people.loc["دونالد ترامب", "statements"] == 2
    assert len(table) == 2


# --- agencies of the region ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "key"), [
    # dev ma-ahdath-14: MAP's head line
    ("و م ع\n\nكشفت اللجنة الحكومية لتتبع الانتخابات، في اجتماع لها أمس الثلاثاء، أن عدد المبادرات ناهز", "map"),
    ("[08/ديسمبر/2009] واشنطن ـ سبأنت: طالب الكونجرس الأمريكي الإدارة الأمريكية تقديم الدعم", "saba"),  # ye-saba-1
    # dev ye-saba-1, its last line
    ("ان \"على الولايات المتحدة و اليمنيين خصوصا أن يعملوا معا لمجابهة التحديات القائمة\". سبأ", "saba"),
    ("الرياض 12 مارس 2019 م واس\nأعلنت الهيئة أن ...", "spa"),  # issue 13: the SPA dateline closed by the agency
    ("رام الله 5-6-2019 وفا- قالت الوزارة إن ...", "wafa"),  # issue 13
    ("الرياض 12 مارس (واس) - أعلنت الهيئة أن ...", "spa"),
    ("قنا - الدوحة\nأعلنت وزارة الخارجية أن ...", "qna"),  # issue 13: the name opening the dateline
    ("ففي العام الماضي، ذكرت AP أن \"غوغل\" استمرت في تخزين بيانات موقع المستخدم", "ap"),  # dev ma-ahdath-15
])
def test_national_agencies_are_credited_in_their_datelines(text, key):
    assert key in detect_agencies(pd.DataFrame({"article_id": ["x"], "text": [text]}))[0]


def test_an_employer_is_no_credit():
    # dev lb-almayadeen-3
    text = ("وكان بين الشهداء المصوّر الصحافي، عبد الله درويش، من قناة الأقصى الفضائية الفلسطينية، والصحافي "
            "المصوّر في وكالة الأناضول التركية، منتصر الصواف.")
    arts = pd.DataFrame({"article_id": ["x"], "text": [text]})
    assert detect_agencies(arts)[0] == ()
    assert set(agency_mentions(arts)["how"]) == {"affiliation"}


def test_an_outlet_absent_from_the_table_is_credited_by_its_name():
    # dev sa-alyaum-1 and ma-ahdath-15
    arts = pd.DataFrame({"article_id": ["x", "y"], "text": [
        "وقالت رايس في حديث لصحيفة لا ستامبا الايطالية ان الرئيس جورج بوش لم يقرر شيئا بخصوص العراق.",
        "ومن المقرر أن يقدم إيغلمان معلومات أكثر تفصيلا في مؤتمر Usenix Security في آب المقبل، وفقا لموقع CNET."]})
    assert detect_agencies(arts).tolist() == [("لا ستامبا",), ("CNET",)]
    assert set(agency_mentions(arts)["how"]) == {"unknown"}


def test_common_words_stay_words_and_platforms_are_no_outlets():
    arts = pd.DataFrame({"article_id": list("abcd"), "text": [
        "تقع هضبة الأناضول في وسط تركيا.", "بلغت قروض الأناضول بنك 24% من المحفظة.",
        "وكتب على موقع تويتر أن الحياة صعبة في قنا.", "وقال في النهار إن الوضع هادئ."]})
    assert detect_agencies(arts).tolist() == [(), (), (), ()]


def test_the_publishing_outlet_is_read_from_its_display_name():
    table = analysis.sources.agencies.agency_table()
    assert table.own_key("Al Jazeera (aljazeera.net)") == "aljazeera"
    assert table.own_key("SANA – Syrian Arab News Agency (sana.sy)") == "sana"
    assert find_agencies("(كونا)")[0][0] == "kuna"


def test_a_definite_institution_points_back_to_the_one_named():
    # ma-hespress-8 (regional dev): "أفاد بنك المغرب ... وذكر البنك المركزي ... أنه"
    import pandas as pd

    from analysis import extract_attributions

    text = ("أفاد بنك المغرب بأن الدرهم ارتفع بـ0,95 في المائة مقابل اليورو. وذكر البنك المركزي، في نشرته "
            "الشهرية الأخيرة، أنه لم يتم إجراء أي عملية مناقصة منذ دجنبر 2021. وقالت وزارة الصحة إن الوضع "
            "مستقر. وأضافت الوزارة أن المستشفيات جاهزة.")
    rows = extract_attributions(pd.DataFrame({"article_id": ["a"], "text": [text]}))
    assert rows["canonical"].tolist() == ["بنك المغرب", "بنك المغرب", "وزارة الصحة", "وزارة الصحة"]
    assert rows["speaker"].tolist()[1] == "البنك المركزي"  # the written form stays
