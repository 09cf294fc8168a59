"""Claims on the regional press (issue 14): one test per cause, each built from a sentence of the DEV split
of tests/gold/regional (the article is named; the test split is never read here)."""

from __future__ import annotations

import math

import pandas as pd

import analysis
from analysis.claims import CLAIM_COLUMNS
from analysis.claims.places import gazetteer
from analysis.claims.sentence import sentence_claims


def _claims(text: str) -> list[tuple]:
    return [(c.value, c.unit, c.kind, c.qualifier) for c in sentence_claims(text, include_non_claims=False,
                                                                           places=gazetteer())]


def test_thousand_separators_and_decimal_comma():
    # ma-ahdath-2: "بمبلغ قدره 1.635.092,22 دولار"; ma-hespress-8: "47,1 مليار درهم"
    assert _claims("بمبلغ قدره 1.635.092,22 دولار")[0][:2] == (1635092.22, "دولار")
    assert _claims("حجم تبادل العملات مقابل الدرهم 47,1 مليار درهم في مارس 2022")[0][:2] == (47.1e9, "درهم")


def test_range_is_one_claim_with_low_and_high():
    # qa-aljazeera-14
    text = "أبقى على سعر الفائدة الرئيسي بين 5.25% و5.50%"
    [c] = sentence_claims(text, include_non_claims=False, places=gazetteer())
    assert (c.low, c.high, c.value, c.unit) == (5.25, 5.5, 5.375, "%")


def test_a_change_from_to_is_two_claims():
    # ma-ahdath-11: "انخفض من 90.2 إلى 87.2 بالمائة" is a change, not a range
    values = [v for v, *_ in _claims("كمؤشر استمرار الدراسة الذي انخفض من 90.2 إلى 87.2 بالمائة بالإبتدائي")]
    assert values == [90.2, 87.2]


def test_low_high_columns_follow_value():
    assert CLAIM_COLUMNS[CLAIM_COLUMNS.index("value"):][:3] == ["value", "low", "high"]
    arts = pd.DataFrame({"article_id": ["qa-aljazeera-14"], "outlet": ["Al Jazeera"],
                         "text": ["أبقى على سعر الفائدة الرئيسي بين 5.25% و5.50% منذ يوليو."]})
    c = analysis.extract_claims(arts, attributions=False)
    assert c[["low", "high"]].values.tolist() == [[5.25, 5.5]]
    single = analysis.extract_claims(arts.assign(text=["قتل 17 شخصا."]), attributions=False)
    assert math.isnan(single["low"].iloc[0]) and single["low"].dtype == "float64"


def test_duals_count_two():
    # lb-almayadeen-2, lb-almayadeen-3, ma-hespress-12
    assert _claims("شنّت الطائرات الحربية الإسرائيلية غارتين على مدينة بنت جبيل")[0][:2] == (2.0, "غارة")
    assert (2.0, "مرة") in [c[:2] for c in _claims("وبدأت لمدّة 4 أيام جرى تمديدها مرتين، الأولى ليومين")]
    assert _claims("وافق البرلمان المغربي بشأنها بالفعل على لائحتين")[0][:2] == (2.0, "لائحة")


def test_duals_that_are_not_counts():
    # lb-almayadeen-2: a participle and a plural nisba; ma-ahdath-14: an adjective of a definite plural
    assert _claims("استهدفوا جنود الاحتلال في منطقة بيت هيلل، موقعين إصابات مؤكدة في صفوفهم") == []
    assert _claims("وأسرت جنوداً ومستوطنين إسرائيليين") == []
    assert _claims("وانعقد بطلب من الأمناء العامين لبعض الأحزاب السياسية") == []


def test_one_of_is_no_count():
    # dz-elkhabar-2: "وأحد أشهر معارضي الرئيس" is "one of the most famous", not one month
    assert _claims("رئيس الوزراء السابق وأحد أشهر معارضي الرئيس واد") == []


def test_totals_and_partitives_are_counts_not_years_or_names():
    # ma-ahdath-8, ma-ahdath-15: four digits in the Hijri range, no cue of a year
    assert [v for v, *_ in _claims("وبلغ عدد اللوائح المودعة ما مجموعه 1410 لائحة منها 1385 لائحة ترشيح")] \
        == [1410.0, 1385.0]
    assert _claims("ووجدوا أن 1325 منها")[0][0] == 1325.0


def test_identifiers_and_dates_are_not_counted():
    # qa-aljazeera-1: "للمادة 47 من الدستور"; ye-saba-1: "08/ديسمبر/2009"
    assert _claims('تطلب فيه "تقديم تفسير واضح للمادة 47 من الدستور"') == []
    assert _claims("[08/ديسمبر/2009] واشنطن ـ سبأنت:") == []


def test_rate_base_is_not_a_claim():
    # qa-aljazeera-4: "1.60 دولار لكل 12 بيضة"
    assert [v for v, *_ in _claims("وصل سعر البيض إلى 1.60 دولار لكل 12 بيضة")] == [1.6]


def test_qualifiers_of_the_regional_press():
    # ma-ahdath-11, ma-ahdath-14, ma-ahdath-5, ma-ahdath-8, ma-hespress-5
    cases = [("ومحاربة الأمية لم تتجاوز عتبة 650 ألف عوض الواحد مليون", "لم تتجاوز"),
             ("لا يتعدى عددها 110 حالة", "لا يتعدى"),
             ("عدد الملاحظين المعتمدين في هذه الاستحقاقات تجاوز 4 آلاف و700 ملاحظ", "تجاوز"),
             ("أي بمعدل 15 لائحة عن كل دائرة محلية", "بمعدل"),
             ("أي ما يعادل تقريبا 200 مليار درهم", "ما يعادل تقريبا")]
    for text, qualifier in cases:
        assert _claims(text)[0][3] == qualifier, text


def test_age_is_typed_age():
    # qa-aljazeera-1: "وهو البالغ من العمر 81 عامًا"; qa-aljazeera-4: "منذ 30 عاما" stays a duration
    assert _claims("بشأن أهلية زوما للترشح، وهو البالغ من العمر 81 عامًا")[0][:3] == (81.0, "سنة", "age")
    assert _claims("ارتفاع الأسعار غير المسبوق منذ 30 عاما")[0][2] == "duration"


def test_claimant_is_the_canonical_speaker():
    # ma-ahdath-14: "الوزير" is the canonical speaker's role; the claim takes the canonical name
    claims = pd.DataFrame({"article_id": ["a"], "start": [10], "end": [20], "source": [None], "source_type": [None]})
    attrs = pd.DataFrame({"article_id": ["a"], "speaker": ["الوزير"], "canonical": ["مصطفى الرميد"],
                          "speaker_type": ["named"], "content_start": [0], "content_end": [50]})
    out = analysis.attach_sources(claims, attrs, pd.DataFrame({"article_id": ["a"], "outlet": ["Ahdath"]}))
    assert out[["source", "source_type"]].values.tolist() == [["مصطفى الرميد", "named"]]


def test_quoted_unit_and_noun_before():
    # ma-hespress-5: the counted noun in quotation marks, after and before the number
    text = "وسيتم الاقتصار في البداية على أربعة “كابلات”، فيما سيتم إطلاق “الكابلات” الثلاثة المتبقية بحلول عام 2029"
    assert [c[:2] for c in _claims(text)] == [(4.0, "كابل"), (3.0, "كابل")]


def test_points_as_thousands_and_decimal():
    # qa-aljazeera-12: "لتصل إلى 2.414.30 دولارا" is 2414.30 dollars, reached (exact), not "up to"
    [_rise, gold] = _claims("حيث ارتفعت بنسبة 1.8% لتصل إلى 2.414.30 دولارا")
    assert gold == (2414.3, "دولار", "money", None)


def test_dual_with_its_adjective():
    # ma-hespress-11: "محورين استراتيجيين" (a dual in م followed by its adjective)
    assert _claims("تتضمن محورين استراتيجيين")[0][:2] == (2.0, "محور")


# --- forms named by issue 14 that no DEV sentence holds (the issue's own examples) -----------------------

def test_forms_of_the_issue_without_a_dev_sentence():
    assert _claims("بطول (12) كيلومترا")[0][:2] == (12.0, "كيلومتر")  # bracketed number, then its unit
    assert _claims("حصل على (11) ألف صوت")[0][:2] == (11000.0, "صوت")
    assert _claims("إنتاج 2ر5 مليون برميل يوميا")[0][:2] == (2.5e6, "برميل")  # the Arabic decimal mark
    [c] = sentence_claims("من 20 إلى 25 مليون دولار", include_non_claims=False, places=gazetteer())
    assert (c.low, c.high, c.value) == (20e6, 25e6, 22.5e6)  # the multiplier is shared by both ends
    [c] = sentence_claims("بين 20 - 25 مليون دولار", include_non_claims=False, places=gazetteer())
    assert (c.low, c.high) == (20e6, 25e6)
    assert [c[:2] for c in _claims("نشر ما بين 300 و400 جندي")] == [(350.0, "جندي")]
    assert len(_claims("ارتفع عدد القتلى من 20 إلى 25 شخصا")) == 2  # a change, not a range
    assert _claims("قتل اثنين من أفرادها")[0][:2] == (2.0, "فرد")
    assert _claims("قتل ثلاثة منهم")[0][0] == 3.0
    assert _claims("أصيب جنديان")[0][:2] == (2.0, "جندي")
    for text in ("مجموعة 5+1", "القانون 13.89 المتعلق", "يوم 21 من الشهر", "يومي 18 و19 يونيو", "في عامي 2010 و2011"):
        assert _claims(text) == [], text
    assert _claims("عدد سكانه أربعة ملايين أو أقل")[0][3] == "أو أقل"
    assert _claims("على ألا تقل عن 30 بالمئة")[0][3] == "على ألا تقل عن"
    assert _claims("توفي عن 80 عاما")[0][2] == "age"


def test_claims_chart_keeps_unlike_quantities_apart_with_a_full_legend():
    # ma-ahdath-11: one speaker gives percents, dirhams and teachers: three panels, never one axis
    from analysis.output.shaping import chart_data

    claims = pd.DataFrame({"value": [90.2, 87.2, 3e9, 37779.0, 45000.0],
                           "value_text": ["90.2", "87.2", "3 مليار", "37779", "45 ألف"],
                           "approx": [False, False, False, False, True], "qualifier": [None, None, None, None, "حوالي"],
                           "unit": ["%", "%", "درهم", "استاذ", "مستفيد"],
                           "kind": ["percent", "percent", "money", "count", "count"], "source": ["السعيد بلوط"] * 5})
    fig = analysis.plot_claims(claims, by="source")
    assert len(fig.axes) == 3
    assert sorted(set(chart_data(fig)["family"])) == ["count", "money:درهم", "percent"]
    assert {ax.get_title(loc="left") for ax in fig.axes} == {"أعداد", "مبالغ: درهم", "نسب مئوية"}
    [legend] = fig.legends
    texts = [t.get_text() for t in legend.get_texts()]
    assert {"%", "درهم", "استاذ", "مستفيد", "تقريبي (نقطة مفرغة)"} == set(texts)  # every colour, the hollow dot
    by_unit = analysis.plot_claims(claims.assign(unit=[None, "%", "درهم", "استاذ", "مستفيد"]))
    assert len(by_unit.axes) == 4  # the claim with no unit is left out, not put on someone's axis


def test_data_of_an_agency_credit_the_agency():
    # the issue's form (no DEV sentence has it): "وفقا لحسابات رويترز" credits رويترز, not "حسابات"
    arts = pd.DataFrame({"article_id": ["a"], "outlet": ["x"], "text": ["وقتل 20 شخصا في الهجوم وفقا لحسابات رويترز."]})
    claims = analysis.extract_claims(arts)
    assert claims[["value", "source", "source_type"]].values.tolist() == [[20.0, "رويترز", "agency"]]


def test_changes_are_not_ranges():
    # sentences of the ANT archive where a first reading took a change for a range
    assert len(_claims("وتراجع نيكي 440,65 نقطة إلى 21857,43 نقطة، وهو أقل مستوى")) == 2
    assert len(_claims("رفع سعر لتر الكيروسين من 3.65 جنيه إلى 5.5 جنيه للتر")) == 2
    [c] = sentence_claims("لمدة من 3 أشهر إلى 12 شهرا", include_non_claims=False, places=gazetteer())
    assert (c.low, c.high, c.unit) == (3.0, 12.0, "شهر")


def test_a_number_after_the_content_in_its_sentence_is_the_speakers():
    # ma-hespress-5: "وسيتم تفعيل أطول “كابل” ...، حسب المصدر الإعلامي عينه؛ وسيتم الاقتصار في البداية على أربعة
    # “كابلات”" -- the statement's content ends with its sentence (GUIDE.md); the next sentence is the outlet's
    text = ("وسيتم تفعيل أطول “كابل” كهربائي بحري في العالم في أوائل عام 2027، حسب المصدر الإعلامي عينه؛ "
            "وسيتم الاقتصار في البداية على أربعة “كابلات”.\n\nوقتل 3 أشخاص.")
    arts = pd.DataFrame({"article_id": ["ma-hespress-5"], "outlet": ["Hespress"], "text": [text]})
    claims = analysis.extract_claims(arts, attributions=False)
    cut = text.index("، حسب")
    attrs = pd.DataFrame({"article_id": ["ma-hespress-5"], "par_no": [1], "sent_no": [1],
                          "speaker": ["المصدر الإعلامي عينه"], "canonical": ["صحيفة “إلكتريك”"],
                          "speaker_type": ["outlet"], "content_start": [0], "content_end": [cut]})
    out = analysis.attach_sources(claims, attrs, arts)
    assert out[["value", "source", "source_type"]].values.tolist() == [
        [4.0, "صحيفة “إلكتريك”", "outlet"], [3.0, "Hespress", "outlet"]]


def claims(text: str) -> pd.DataFrame:
    """The claims of one crafted article (the whole pipeline, prefilter included)."""
    return analysis.extract_claims(pd.DataFrame({"article_id": ["t"], "text": [text]}), attributions=False)


def test_fractions_are_shares_of_what_follows():
    # jo-alrai-1 ("ضعف الحجم") and the forms of the issue: a fraction in words is a share of the noun after it
    got = claims("وسيطر التنظيم على ثلثي المدينة، فيما قتل ربع السكان وأصيب ثلاثة أرباع المقاتلين.")
    assert got[["value_text", "unit", "kind"]].values.tolist() == [
        ["ثلثي", "مدينة", "share"], ["ربع", "ساكن", "share"], ["ثلاثة أرباع", "مقاتل", "share"]]
    assert got["value"].round(3).tolist() == [0.667, 0.25, 0.75]
    # a measure keeps its unit; a round, a period and the half of a mixed number are no share
    assert claims("ارتفع سعر قنينة نصف لتر.")[["value", "unit"]].values.tolist() == [[0.5, "لتر"]]
    for text in ("تأهل الفريق إلى الدور نصف النهائي.", "في النصف الأول من العام الجاري.",
                 "حكمت المحكمة بالسجن عامين ونصف العام."):
        assert not (claims(text)["value"] == 0.5).any(), text


def test_multiples_in_words_are_two_times():
    # ma-ahdath-14 and qa-aljazeera-4 (dev): "ضعف العدد المسجل"، "بمقدار الضعف تقريبا"; not "ضعف" = weakness
    got = claims("وهو ما يمثل ضعف العدد المسجل خلال الانتخابات السابقة.")
    assert got[["value", "unit", "kind"]].values.tolist() == [[2.0, "ضعف", "other"]]
    got = claims("وسعر البيض ارتفع بمقدار الضعف تقريبا.")
    assert got[["value", "unit", "approx"]].values.tolist() == [[2.0, "ضعف", True]]
    assert claims("وذلك بسبب ضعف الإقبال على مراكز الاقتراع.").empty


def test_feminine_duals_without_digits_in_the_sentence():
    # lb-almayadeen-2 (dev): a sentence with no digit is read when it holds a feminine dual
    got = claims("الطيران الحربي المعادي يشنّ غارتين على أطراف بلدة عيتا الشعب.")
    assert got[["value", "unit"]].values.tolist() == [[2.0, "غارة"]]
    # its adjective a few words on is no second count
    got = claims("وأفادت تقارير بأن سيارتين لجمع القمامة تابعتين للبلدية خرجتا من الحديقة.")
    assert got[["value", "unit"]].values.tolist() == [[2.0, "سيارة"]]


def test_a_range_opened_by_bayna_needs_no_unit():
    # jo-alrai-5 (dev): "... قبل 11 سبتمبر وما بين100 و150 منذ ذلك الحين" (the digits glued to "بين")
    got = claims("شاركت في أكثر من 80 عملية نقل معتقلين قبل 11 سبتمبر وما بين100 و150 منذ ذلك الحين.")
    row = got[got["low"].notna()].iloc[0]
    assert (row.low, row.high, row.value) == (100.0, 150.0, 125.0)


def test_masculine_duals_without_digits_in_the_sentence():
    # the prefilter reads a sentence whose only quantity is a masculine dual of a counted noun
    assert claims("ونجا جنديان فيما فقد آخران.")[["value", "unit"]].values.tolist() == [[2.0, "جندي"]]
    assert claims("وقال مصدران في وقت سابق إن التقرير جاهز.")[["value", "unit"]].values.tolist() == [[2.0, "مصدر"]]


def test_a_number_after_its_noun_counts_it():
    # sa-alwatan-2 (dev): "ممثلو الأعضاء الاثنين والعشرين" is 22 members, not Monday and twenty
    got = claims("وصفق ممثلو الأعضاء الاثنين والعشرين في الجامعة العربية و12 دولة في أمريكا الجنوبية.")
    assert [22.0, "عضو"] in got[["value", "unit"]].values.tolist()
    assert claims("وصل الوزير يوم الاثنين والتقى الرئيس.").empty
    # a possessed plural before the number ("بدوله السبع والعشرين") is what it counts, as "الدول السبع والعشرين"
    for text in ("وقرر الاتحاد الأوروبي بدوله السبع والعشرين تمديد العقوبات.",
                 "وقرر قادة الدول السبع والعشرين تمديد العقوبات."):
        assert claims(text)[["value", "unit"]].values.tolist() == [[27.0, "دولة"]], text
