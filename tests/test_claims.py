"""Numeric claims: the seed read by hand, non-claims kept out, sources, comparison, a gold set, the full archive."""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from analysis.claims import CLAIM_COLUMNS, CLAIM_KINDS, attach_sources, compare_claims, extract_claims, unit_key
from analysis.corpus.loader import load_corpus
from analysis.errors import ColumnError
from analysis.text.segment import sentences

GOLD = Path(__file__).parent / "gold" / "claims_gold.json"


@pytest.fixture(scope="module")
def seed(seed_path) -> pd.DataFrame:
    return load_corpus(seed_path)


@pytest.fixture(scope="module")
def seed_claims(seed) -> pd.DataFrame:
    return extract_claims(seed, attributions=False)


def _one_sentence(text: str, **kw) -> pd.DataFrame:
    return extract_claims(pd.DataFrame({"article_id": ["t"], "text": [text]}), attributions=False, **kw)


# --- the seed, read by hand -------------------------------------------------------------------------

SEED_EXPECTED = [
    # value, value_text, qualifier, unit, kind, text[start:end]
    (400, "400", None, "عنصر", "count", "400 عنصرا"),
    (12, "12", None, "فصيل", "count", "12 فصيلا"),
    (400, "400", "حوالي", "عنصر", "count", "400 عنصر"),
    (80, "80", None, "جريح", "count", "80 جريحا"),
    (2000, "ألفي", "حوالي", "مقاتل", "count", "ألفي مقاتل"),
    (4, "الأربعة", None, "يوم", "duration", "الأربعة أيام"),
    (3, "3", None, "شهر", "duration", "3 أشهر"),
    (30, "30", None, "كيلومتر", "distance", "30 كيلو متر"),
]


def test_seed_claims_are_what_a_reader_lists(seed, seed_claims):
    text = seed["text"].iloc[0]
    got = [(r.value, r.value_text, None if pd.isna(r.qualifier) else r.qualifier, r.unit, r.kind, text[r.start:r.end])
           for r in seed_claims.itertuples()]
    assert got == SEED_EXPECTED
    assert list(seed_claims.columns) == CLAIM_COLUMNS
    assert seed_claims["approx"].tolist() == [False, False, True, False, True, False, False, False]


def test_seed_claims_carry_their_evidence(seed, seed_claims):
    sents = sentences(seed).set_index("sent_no")
    for row in seed_claims.itertuples():
        sent = sents.loc[row.sent_no]
        assert row.sentence == sent.text
        assert sent.start <= row.start < row.end <= sent.end
    by_value = seed_claims.set_index("value_text")
    assert by_value.loc["ألفي", "verb"] == "تضم"
    assert by_value.loc["ألفي", "subject"] == 'غرفة عمليات "دحر الغزاة"'
    first = seed_claims.iloc[0]
    assert (first.verb, first.subject, first.place) == ("أسرت", "قوات المعارضة السورية", "إدلب")
    assert seed_claims.iloc[2]["verb"] == "قمنا بأسر"


def test_seed_non_claims_are_kept_out_or_marked(seed):
    everything = extract_claims(seed, attributions=False, include_non_claims=True)
    assert len(everything) == len(SEED_EXPECTED)  # the seed writes no year, date or name number
    assert set(everything["kind"]) <= {"count", "duration", "distance"}


# --- what is not a claim ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "kind"), [
    ("وقعت محاولة الانقلاب عام 2016 في تركيا.", "year"),
    ("وقتل في 2017، بحسب التقرير.", "year"),
    ("اختفى يوم 2 أكتوبر/تشرين الأول بعدما دخل القنصلية.", "date"),
    ("في 15 تموز/يوليو 2016 وقعت المحاولة.", "date"),
    ("ويعقد الاجتماع عند الساعة 10 صباحا.", "time"),
    ("تبدأ الجلسة 10:30 بالتوقيت المحلي.", "time"),
    ("طالب بتطبيق القرار 2254 الصادر عن مجلس الأمن.", "name"),
    ("ارتفعت إصابات كوفيد-19 في البلاد.", "name"),
    ("أسقطت الدفاعات مقاتلة من طراز F-16 فوق الجولان.", "name"),
    ("اتصلوا على الرقم 0501234567 للاستفسار.", "phone"),
    ("احتفلت البلاد بالذكرى الـ70 لتأسيسها.", "ordinal"),
    ("في القرن العشرين تغير كل شيء.", "ordinal"),
    ("فاز الفريق 3-1 على ضيفه.", "score"),
])
def test_non_claims(text, kind):
    assert _one_sentence(text).empty
    marked = _one_sentence(text, include_non_claims=True)
    assert kind in set(marked["kind"])
    assert not set(marked["kind"]) & {"count", "percent", "money", "distance", "duration"}


@pytest.mark.parametrize(("text", "value", "unit", "kind", "qualifier"), [
    ("ارتفع المؤشر 0.2% في الشهر الماضي.", 0.2, "%", "percent", None),
    ("وهبط اليورو 0.6 بالمئة إلى 1.1615 دولار.", 0.6, "%", "percent", None),
    ("يسيطر الحوثيون على 70 في المئة من اليمن.", 70, "%", "percent", None),
    ("فرضت رسوما على واردات بقيمة 34 مليار دولار.", 34e9, "دولار", "money", None),
    ("تقلص العجز إلى ٧٫٦ مليار درهم في الربع الأول.", 7.6e9, "درهم", "money", None),
    ("قتل 17 شخصاً على الأقل في الحادث.", 17, "شخص", "count", "على الأقل"),
    ("اعتقل أكثر من 50 ألف شخص منذ الانقلاب.", 50000, "شخص", "count", "أكثر من"),
    ("كما اعتقلت الشرطة 150 من الجنود المعنيين.", 150, "جندي", "count", None),
    ("قتل ما لا يقل عن 25 مدنيا في الغارات.", 25, "مدني", "count", "ما لا يقل عن"),
    ("وصل عدد القتلى إلى نحو ثلاثين شخصا.", 30, "شخص", "count", "نحو"),
    ("ويصل 7 آلاف مهاجر أفريقي شهريا إلى اليمن.", 7000, "مهاجر", "count", None),
    ("يضم مجلس النواب 329 مقعدا.", 329, "مقعد", "count", None),
    ("عاش في تركيا لمدة 23 عاما.", 23, "سنة", "duration", None),
    ("ويتوقع الرد خلال يومين.", 2, "يوم", "duration", None),
    ("وتبلغ المساحة 20 كيلومترا مربعا.", 20, "كيلومتر مربع", "other", None),
    ("قتل عشرات المدنيين في القصف.", None, "مدني", "count", "عشرات"),
    ("نزح مئات الآلاف من السكان.", None, "ساكن", "count", "مئات الآلاف"),
])
def test_claim_forms(text, value, unit, kind, qualifier):
    c = _one_sentence(text)
    assert len(c) >= 1
    row = c.iloc[0]
    assert (math.isnan(row.value) if value is None else row.value == pytest.approx(value))
    assert (row.unit, row.kind) == (unit, kind)
    assert (None if pd.isna(row.qualifier) else row.qualifier) == qualifier
    assert row.approx == (qualifier is not None)
    assert text[row.start:row.end].startswith(row.value_text) or text[row.start:row.end].endswith(row.value_text)


def test_linked_numbers_share_a_unit():
    c = _one_sentence("ويتوقع أن يحصل على الضمانات خلال يومين أو ثلاثة، ثم نقل 10 أو 15 شخصا.")
    assert list(zip(c["value"], c["unit"], strict=True)) == [(2, "يوم"), (3, "يوم"), (10, "شخص"), (15, "شخص")]


def test_unit_key_groups_forms():
    assert {unit_key(w) for w in ["عنصرا", "عناصر", "عنصر", "العناصر"]} == {"عنصر"}
    assert {unit_key(w) for w in ["عام", "عاما", "أعوام", "سنوات", "سنة"]} == {"سنة"}
    assert {unit_key(w) for w in ["%", "بالمئة", "في المائة", "٪"]} == {"%"}
    assert unit_key("مقاتلين") == unit_key("مقاتلا") == "مقاتل"
    for key in ["عنصر", "سنة", "%", "كيلومتر", "شخص", "قتيل", "امرأة"]:
        assert unit_key(unit_key(key)) == unit_key(key)  # keys are fixed points


# --- sources ------------------------------------------------------------------------------------------

def _seed_attributions(seed: pd.DataFrame) -> pd.DataFrame:
    """Attribution rows as analysis.sources.attribution would give them, made by hand from the seed's sentences."""
    text = seed["text"].iloc[0]
    sents = sentences(seed).set_index("sent_no")
    rows = []

    def add(sent_no, speaker, speaker_type, verb, after, quote="indirect"):
        s = sents.loc[sent_no]
        cs = text.index(after, s.start) + len(after)
        ce = s.end - 1 if text[s.end - 1] in '.".' else s.end
        if quote == "direct":
            cs, ce = text.index('"', s.start) + 1, text.index('"', text.index('"', s.start) + 1)
        rows.append({"article_id": seed["article_id"].iloc[0], "par_no": s.par_no, "sent_no": sent_no,
                     "speaker": speaker, "speaker_type": speaker_type, "role": "متحدث غرفة العمليات",
                     "verb": verb, "verb_lemma": verb, "quote": quote, "content": text[cs:ce],
                     "channel": "الأناضول", "agency": None, "resolution": "explicit",
                     "start": s.start, "end": s.end, "content_start": cs, "content_end": ce})

    spokesman = "ناجي أبو حذيفة"
    add(4, spokesman, "named", "قال", "إن ")
    add(5, spokesman, "named", "أضاف", "", quote="direct")
    add(6, spokesman, "named", "أشار", "إلى أن ")
    add(7, spokesman, "named", "أوضح", "أنهم ")
    add(8, spokesman, "named", "شدد", "على أن ")
    add(9, spokesman, "named", "أكد", "أن ")
    add(10, "مصادر محلية", "anonymous", "نوه", "بأن ")
    frame = pd.DataFrame(rows)
    # A wider row (the whole report as the agency's) must lose to the narrower speaker.
    wide = frame.iloc[[0]].assign(speaker="الأناضول", speaker_type="agency", content_start=0,
                                  content_end=len(text), content=text, sent_no=1)
    return pd.concat([frame, wide], ignore_index=True)


def test_attach_sources_takes_the_narrowest_speaker(seed, seed_claims):
    attrs = _seed_attributions(seed)
    text = seed["text"].iloc[0]
    assert all(text[r.content_start:r.content_end] == r.content for r in attrs.itertuples())
    out = attach_sources(seed_claims, attrs, seed)
    got = dict(zip(out["value_text"] + "|" + out["sent_no"].astype(str), zip(out["source"], out["source_type"],
                                                                              strict=True), strict=True))
    assert got["400|5"] == ("ناجي أبو حذيفة", "named")
    assert got["ألفي|6"] == ("ناجي أبو حذيفة", "named")
    assert got["80|5"] == ("ناجي أبو حذيفة", "named")
    assert got["الأربعة|8"] == ("ناجي أبو حذيفة", "named")
    assert got["400|1"] == ("الأناضول", "agency")  # only the wide row covers the lead


def test_attach_sources_outlet_voice(seed, seed_claims):
    attrs = _seed_attributions(seed)
    attrs = attrs[attrs["speaker_type"] != "agency"]
    out = attach_sources(seed_claims, attrs, seed.assign(outlet="الأناضول"))
    lead = out.iloc[0]
    assert (lead.source, lead.source_type) == ("الأناضول", "outlet")
    unknown = attach_sources(seed_claims, attrs, seed)  # the seed's outlet is unknown
    assert pd.isna(unknown.iloc[0]["source"]) and unknown.iloc[0]["source_type"] == "outlet"
    with pytest.raises(ColumnError, match="content_start"):
        attach_sources(seed_claims, attrs.drop(columns="content_start"), seed)


def test_sources_stay_na_without_the_attribution_module(seed, monkeypatch):
    monkeypatch.setitem(sys.modules, "analysis.sources.attribution", None)  # import fails
    c = extract_claims(seed)
    assert c["source"].isna().all() and c["source_type"].isna().all()


def test_explicit_attributions_are_used(seed):
    c = extract_claims(seed, attributions=_seed_attributions(seed))
    assert (c["source"] == "ناجي أبو حذيفة").sum() == 4  # 400 and 80 (quoted), ألفي, الأربعة


# --- comparison ---------------------------------------------------------------------------------------

def test_compare_who_says_how_many():
    text = {"a": "قتل 17 شخصا على الأقل في حادث حافلة تقل مهاجرين شرق تركيا.",
            "b": "قتل 17 شخصا في حادث حافلة صغيرة تقل مهاجرين في شرق تركيا.",
            "c": "قتل نحو عشرين شخصا في حادث حافلة تقل مهاجرين شرق تركيا.",
            "d": "ارتفعت أسعار النفط 3 بالمئة في لندن."}
    arts = pd.DataFrame({"article_id": list(text), "text": list(text.values()),
                         "outlet": ["BBC", "CNN", "skynews", "BBC"],
                         "published": pd.to_datetime(["2018-03-30", "2018-03-30", "2018-03-31", "2018-03-30"])})
    claims = extract_claims(arts, attributions=False)
    table = compare_claims(claims, arts)
    bus = table[table["unit"] == "شخص"]
    assert bus["group"].nunique() == 1
    assert dict(zip(bus["outlet"], bus["value_max"], strict=True)) == {"BBC": 17, "CNN": 17, "skynews": 20}
    assert bus["disagree"].all() and bus["group_spread"].iloc[0] == pytest.approx(0.15)
    assert bus["event"].iloc[0] == "قتل"
    assert table.iloc[0]["unit"] == "شخص"  # disagreements first
    assert compare_claims(claims, arts, min_sides=2)["unit"].eq("شخص").all()
    by_source = compare_claims(claims, arts, by="source")
    assert set(by_source["source"]) == {"<BBC>", "<CNN>", "<skynews>"}


def test_compare_on_real_articles(sample_dir):
    """Two outlets reporting the same bus crash in Turkey (read by hand): the same numbers line up."""
    ids = ["AL-internationalNews-692-20180330", "SK-internationalNews-688-20180330"]
    arts = load_corpus(sample_dir)
    arts = arts[arts["article_id"].isin(ids)]
    table = compare_claims(extract_claims(arts, attributions=False), arts, min_sides=2)
    lined_up = {(r.unit, r.value_min) for r in table.itertuples()}
    assert {("شخص", 17.0), ("شخص", 36.0), ("مهاجر", 13.0), ("شخص", 3530.0)} <= lined_up
    assert not table["disagree"].any()
    assert set(table["outlet"]) == {"alarabia", "skynews"}


# --- the gold set -------------------------------------------------------------------------------------

def _gold_scores(sample_dir, split: str | None = None) -> tuple[float, float, int]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    if split:
        gold = [g for g in gold if g["split"] == split]
    ids = [g["article_id"] for g in gold]
    arts = load_corpus(sample_dir)
    arts = arts[arts["article_id"].isin(ids)]
    assert len(arts) == len(ids)
    claims = extract_claims(arts, attributions=False)

    def key(value, unit):
        v = None if value is None or (isinstance(value, float) and math.isnan(value)) else round(float(value), 4)
        return v, unit_key(unit) if isinstance(unit, str) else None

    tp = fp = fn = 0
    for g in gold:
        want = Counter(key(c["value"], c["unit"]) for c in g["claims"])
        part = claims[claims["article_id"] == g["article_id"]]
        have = Counter(key(v, u) for v, u in zip(part["value"], part["unit"], strict=True))
        tp += sum((want & have).values())
        fp += sum((have - want).values())
        fn += sum((want - have).values())
    return tp / (tp + fp), tp / (tp + fn), tp + fn


def test_gold_precision_recall(sample_dir):
    """16 articles of 5 outlets annotated by reading them (128 claims): match on article, value and unit key.

    Measured: P 0.984 (127/129), R 0.992 (127/128) over all; the 7 dev articles P 0.983 / R 1.000;
    the 9 held-out ones (annotated before any rule was tuned) scored P 0.958 / R 0.958 on the
    first run and 0.986 / 0.986 now.
    """
    precision, recall, n = _gold_scores(sample_dir)
    assert n == 128
    assert precision >= 0.95 and recall >= 0.95
    held_p, held_r, _ = _gold_scores(sample_dir, "heldout")
    assert held_p >= 0.94 and held_r >= 0.94


def test_real_articles_read_by_hand(sample_dir):
    arts = load_corpus(sample_dir).set_index("article_id")
    ids = ["AL-economy-664-20180525", "BB-middleEast-480-20180509", "SK-middleEast-1616-20180512"]
    claims = extract_claims(arts.loc[ids].reset_index(), attributions=False)
    for row in claims.itertuples():
        assert row.value_text in arts.loc[row.article_id, "text"][row.start:row.end]
    rows = {(r.article_id[:2], r.value_text): r for r in claims.itertuples()}
    assert rows[("AL", "ثمانية مليارات")].value == 8e9 and rows[("AL", "ثمانية مليارات")].unit == "درهم"
    assert rows[("AL", "802.98 مليون")].kind == "money"
    assert rows[("BB", "10 آلاف")].value == 10000 and rows[("BB", "10 آلاف")].unit == "شخص"
    assert rows[("BB", "3 ملايين")].qualifier == "نحو"
    assert rows[("SK", "160 ألف")].value == 160000
    assert rows[("SK", "خمسة")].unit == "%" and rows[("SK", "خمسة")].qualifier == "لا تتجاوز"
    assert not (claims["value"] == 2012).any() and not (claims["value"] == 2018).any()


# --- the full archive ---------------------------------------------------------------------------------

def test_full_archive_runs(ant_articles):
    claims = extract_claims(ant_articles, attributions=False)
    assert len(claims) > 100_000
    assert set(claims["kind"]) <= set(CLAIM_KINDS)  # "age" (years of someone's age) added by issue 14
    assert claims["kind"].value_counts()["count"] > 40_000
    texts = ant_articles.set_index("article_id")["text"]
    sample = claims.sample(2000, random_state=0)
    for row in sample.itertuples():
        span = texts[row.article_id][row.start:row.end]
        assert span.startswith(row.value_text) or span.endswith(row.value_text)
        assert span in row.sentence
    assert not claims["value"].between(1990, 2030).all()


# --- the gazetteer and errors -------------------------------------------------------------------------

JABALIA = ("وقال البابا \"كنت أصور في منطقة شرق جباليا، بينما بدأت احتجاجات محدودة في المنطقة كنت على بعد "
           "عشرات الأمتار من المتظاهرين الفلسطينيين\"")  # a sentence of the sample corpus


def test_the_gazetteer_names_arab_capitals_and_cities():
    got = _one_sentence("قتل 5 أشخاص في انفجار بمقديشو").place.tolist()
    assert got == ["مقديشو"]
    assert _one_sentence("أصيب 12 شخصا في رأس الخيمة").place.tolist() == ["رأس الخيمة"]


def test_a_user_adds_a_place(tmp_path):
    assert _one_sentence(JABALIA).place.isna().all()  # جباليا is not in places.tsv
    mine = pd.DataFrame({"place": ["جباليا"], "country": ["فلسطين"]})
    frame = extract_claims(pd.DataFrame({"article_id": ["t"], "text": [JABALIA]}), attributions=False, places=mine)
    assert frame[["value_text", "unit", "place"]].values.tolist() == [["عشرات", "متر", "جباليا"]]
    path = tmp_path / "my_places.tsv"
    path.write_text("# Gaza camps\n# key: word_key\nplace\tcountry\tkind\tforms\nجباليا\tفلسطين\tcity\tجباليا|جباليه\n",
                    encoding="utf-8")
    again = extract_claims(pd.DataFrame({"article_id": ["t"], "text": [JABALIA]}), attributions=False, places=path)
    assert again["place"].tolist() == ["جباليا"]
    assert extract_claims(pd.DataFrame({"article_id": ["t"], "text": [JABALIA]}),
                          attributions=False)["place"].isna().all()  # the shipped table is left as it was


def test_bad_arguments_raise_analysis_errors():
    from analysis.errors import OptionError, OptionTypeError, TableError

    arts = pd.DataFrame({"article_id": ["t"], "text": [JABALIA]})
    with pytest.raises(ColumnError, match="'place'"):
        extract_claims(arts, attributions=False, places=pd.DataFrame({"name": ["جباليا"]}))
    with pytest.raises(OptionTypeError, match="places"):
        extract_claims(arts, attributions=False, places=42)
    with pytest.raises(TableError, match="one or two words"):
        extract_claims(arts, attributions=False, places=pd.DataFrame({"place": ["مخيم جباليا للاجئين شمالا"]}))
    with pytest.raises(ColumnError, match="'text'"):
        extract_claims(arts.drop(columns="text"), attributions=False)
    claims = extract_claims(arts, attributions=False)
    with pytest.raises(ColumnError, match="no such column"):
        compare_claims(claims, by="speaker")
    with pytest.raises(OptionError, match="fuzzy"):
        compare_claims(claims, fuzzy=3)
    dated = pd.DataFrame({"article_id": ["t"], "outlet": ["CNN"], "published": pd.to_datetime(["2018-03-30"])})
    with pytest.raises(OptionError, match="period"):
        compare_claims(claims, dated, period="fortnight")


def test_non_claim_rules_are_named_documented_and_ordered():
    from analysis.claims.non_claims import RULES

    assert len({rule.__name__ for rule in RULES}) == len(RULES)
    for rule in RULES:
        assert rule.__doc__ and any("\u0600" <= ch <= "\u06ff" or ch.isdigit() for ch in rule.__doc__), rule.__name__
    names = [rule.__name__ for rule in RULES]
    assert names.index("after_name_cue") < names.index("year")  # "القرار 2018" names, not a year


ARAB_LEAGUE = ("الجزائر البحرين جزر القمر|جيبوتي|مصر|العراق|الأردن|الكويت|لبنان|ليبيا|موريتانيا|المغرب|عمان|فلسطين|قطر|"
               "السعودية|الصومال|السودان|سوريا|تونس|الإمارات|اليمن")


def test_places_cover_every_arab_league_state():
    from analysis import lexicons

    states = ARAB_LEAGUE.replace("الجزائر البحرين ", "الجزائر|البحرين|").split("|")
    assert len(states) == 22
    table = lexicons.load("places").frame()
    cities = table[table["kind"].isin(["capital", "city"])]
    assert sorted(set(states) - set(cities["country"])) == []
