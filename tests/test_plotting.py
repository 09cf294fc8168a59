"""Charts, fonts and exports, with the Arabic text proved right by reading the renderings back.

The OCR tests render labels, read them back with tesseract's Arabic model and look
for each expected label.  Every positive check has a twin on a deliberately wrong
rendering (the classic reshape+bidi recipe on top of a renderer that shapes, or raw
text on a renderer that does not), where the same check must fail: that is what
shows the check can tell right from wrong.  They need the Debian packages listed in
``.ci/apt-packages.txt`` and are skipped, with the reason, when those are missing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from difflib import SequenceMatcher
from pathlib import Path

import arabic_reshaper
import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from bidi.algorithm import get_display
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from PIL import Image, ImageDraw, ImageFont

from analysis.corpus.loader import load_corpus
from analysis.errors import ColumnError, FontError, OptionError, TableError
from analysis.output import fonts
from analysis.output.charts import (
    chart_data,
    plot_claims,
    plot_keyness,
    plot_sources,
    plot_terms_by_outlet,
    plot_terms_over_time,
    plot_top_terms,
    plot_wordcloud,
)
from analysis.output.export import safe_name, save_figure
from analysis.output.shaping import (
    ArabicFormatter,
    arabic_text,
    assume_shaping,
    fix_arabic,
    is_visual,
    logical_text,
    matplotlib_shapes_text,
    pillow_shapes_text,
    renderer_shapes_text,
    rtl_axes,
    visual_text,
)
from analysis.text.normalize import normalize

# Labels from the seed article: names, an agency, numbers with words, quotes.
LABELS = ["المعارضة السورية", "الأناضول", "مصادر محلية", "إدلب", "ناجي أبو حذيفة"]
MIXED = ["400 عنصر", "الأناضول (Anadolu)", "«دحر الغزاة»", 'قال: "لقد قمنا بأسر حوالي 400 عنصر"']


def old_recipe(text: str) -> str:
    """What tutorials for matplotlib < 3.11 tell you to do (reversed on a renderer that shapes)."""
    return get_display(arabic_reshaper.reshape(text))


# --- seed frames: attributions and claims as DESIGN.md specifies them, from the seed's sentences --

SEED_ATTRIBUTIONS = pd.DataFrame(
    [
        (4, 0, "ناجي أبو حذيفة", "named", "متحدث غرفة العمليات", "قال", "indirect",
         "إن عمليتهم ضد التنظيم الإرهابي الذي يحاول التقدم نحو إدلب لا تزال مستمرة", "الأناضول"),
        (5, 0, "ناجي أبو حذيفة", "named", "متحدث غرفة العمليات", "أضاف", "direct",
         "لقد قمنا بأسر حوالي 400 عنصر من داعش بينهم 80 جريحا", "الأناضول"),
        (5, 1, "ناجي أبو حذيفة", "named", "متحدث غرفة العمليات", "أشار", "indirect",
         "أن غرفة عمليات دحر الغزاة تضم حوالي ألفي مقاتل", "الأناضول"),
        (5, 3, "ناجي أبو حذيفة", "named", "متحدث غرفة العمليات", "شدد", "indirect",
         "أن الاشتباكات تكثفت خلال الأربعة أيام الأخيرة", "الأناضول"),
        (5, 5, "مصادر محلية", "anonymous", None, "نوهت", "indirect", "بأن التنظيم بدأ بمرحلة التفكك", None),
    ],
    columns=["par_no", "sent_no", "speaker", "speaker_type", "role", "verb", "quote", "content", "channel"],
).assign(article_id="000_a81fb8a759cd5fd1", start=0, end=0)

SEED_CLAIMS = pd.DataFrame(
    [
        (1, 0, 400.0, "400", False, None, "عنصر", "تنظيم داعش", "أسرت", "إدلب", None, None),
        (5, 0, 400.0, "400", True, "حوالي", "عنصر", "داعش", "قمنا بأسر", "إدلب", "ناجي أبو حذيفة", "named"),
        (5, 0, 80.0, "80", False, None, "جريح", "داعش", "أسر", "إدلب", "ناجي أبو حذيفة", "named"),
        (3, 0, 12.0, "12", False, None, "فصيل", "فصائل المعارضة", "شكلوا", "إدلب", None, None),
        (5, 1, 2000.0, "ألفي", True, "حوالي", "مقاتل", "غرفة عمليات دحر الغزاة", "تضم", None, "ناجي أبو حذيفة",
         "named"),
        (5, 3, 4.0, "الأربعة", False, None, "يوم", "الاشتباكات", "تكثفت", "إدلب", "ناجي أبو حذيفة", "named"),
        (5, 9, 3.0, "3", False, None, "شهر", "قوات النظام وداعش", "أحرزا", None, None, None),
        (5, 10, 30.0, "30", False, None, "كيلو متر", "ممر", "دخلوا", "إدلب", None, None),
    ],
    columns=["par_no", "sent_no", "value", "value_text", "approx", "qualifier", "unit", "subject", "verb", "place",
             "source", "source_type"],
).assign(article_id="000_a81fb8a759cd5fd1", sentence="", start=0, end=0)


# --- OCR helpers --------------------------------------------------------------------------------

_ARABIC_WORD = re.compile("[\u0621-\u064a]+")


@pytest.fixture(scope="module")
def ocr_ready():
    """Skip unless tesseract with the Arabic model and an Arabic font are installed."""
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract is not installed (Debian: tesseract-ocr tesseract-ocr-ara)")
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split()
    if "ara" not in langs:
        pytest.skip("tesseract has no Arabic model 'ara' (Debian: tesseract-ocr-ara)")
    if not fonts.arabic_font(announce=False).arabic:
        pytest.skip("no Arabic font installed (Debian: fonts-noto-core or fonts-hosny-amiri)")
    return True


def ocr(image: Path, *, psm: int = 6, lang: str = "ara", keep: str = "black") -> str:
    """Read an image with tesseract, after dropping what is not text.

    ``keep="black"``: coloured marks (bars, lines) are whitened so only the black text
    remains; ``keep="ink"``: every non-white pixel is text (a word cloud's coloured words).
    """
    img = Image.open(image).convert("RGB")
    rgb = np.asarray(img).copy()
    if keep == "black":
        rgb[np.asarray(img.convert("HSV"))[..., 1] > 60] = 255
        clean = Image.fromarray(rgb).convert("L")
    else:
        clean = Image.fromarray(np.where(np.asarray(img.convert("L")) < 200, 0, 255).astype("uint8"))
    path = image.with_name(image.stem + ".ocr.png")
    clean.save(path)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    result = subprocess.run(["tesseract", str(path), "-", "-l", lang, "--psm", str(psm)], capture_output=True,
                            text=True, env=env, timeout=120)
    return result.stdout


def arabic_words(text: str) -> list[str]:
    return _ARABIC_WORD.findall(normalize(text, teh_marbuta=True))


def match_ratio(label: str, read: str) -> float:
    """How well the Arabic words of ``label`` appear, in order, in the OCR output (0..1)."""
    goal = " ".join(arabic_words(label))
    seen = arabic_words(read)
    n = len(goal.split())
    best = 0.0
    for size in sorted({max(1, n - 1), n, n + 1}):
        for i in range(max(len(seen) - size + 1, 0)):
            best = max(best, SequenceMatcher(None, goal, " ".join(seen[i:i + size])).ratio())
    return best


def assert_labels_read(read: str, labels, threshold: float = 0.8) -> None:
    """Every label must come back from OCR (word match, or difflib ratio >= threshold)."""
    ratios = {label: round(match_ratio(label, read), 2) for label in labels}
    missing = {label: r for label, r in ratios.items() if r < threshold}
    assert not missing, f"labels not read back: {missing}; tesseract read: {read!r}"


def assert_labels_not_read(read: str, labels, threshold: float = 0.8) -> None:
    """The check above must fail on a wrong rendering: no label may come back."""
    with pytest.raises(AssertionError):
        assert_labels_read(read, labels, threshold)
    found = {label: round(match_ratio(label, read), 2) for label in labels if match_ratio(label, read) >= threshold}
    assert not found, f"a wrong rendering still read as right: {found}; tesseract read: {read!r}"


def rasterise(path: Path, dpi: int = 200) -> Path:
    """SVG through librsvg, PDF through poppler, to a PNG for OCR."""
    out = path.with_name(path.stem + f".{path.suffix[1:]}.png")
    if path.suffix == ".svg":
        if shutil.which("rsvg-convert") is None:
            pytest.skip("rsvg-convert is not installed (Debian: librsvg2-bin)")
        subprocess.run(["rsvg-convert", "-d", str(dpi), "-p", str(dpi), "-b", "white", "-f", "png", "-o", str(out),
                        str(path)], check=True, timeout=120)
    elif path.suffix == ".pdf":
        if shutil.which("pdftoppm") is None:
            pytest.skip("pdftoppm is not installed (Debian: poppler-utils)")
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(path), str(out.with_suffix(""))],
                       check=True, timeout=120)
    else:
        return path
    return out


def top_terms_chart(tmp_path: Path, name: str, *, shapes: bool, formats=("png",)) -> dict[str, Path]:
    """A bar chart of LABELS with a title and axis label, at OCR-friendly sizes."""
    terms = pd.DataFrame({"term": LABELS, "count": [9, 7, 5, 4, 3]})
    with mpl.rc_context({"font.size": 22}), assume_shaping(shapes):
        fig = plot_top_terms(terms, title="أكثر الكلمات تكرارا")
        return save_figure(fig, name, out=tmp_path, formats=formats, dpi=200)


CHART_TEXT = [*LABELS, "أكثر الكلمات تكرارا", "عدد المرات"]


# --- the renderer question ---------------------------------------------------------------------------


def test_renderer_detection_follows_libraqm_and_can_be_overridden():
    from matplotlib import ft2font
    from PIL import features

    assert matplotlib_shapes_text() == hasattr(ft2font, "__libraqm_version__")
    assert pillow_shapes_text() == bool(features.check_feature("raqm"))
    assert not matplotlib_shapes_text(backend="gtk3cairo")  # cairo's toy text API neither shapes nor reorders
    detected = renderer_shapes_text("matplotlib")
    with assume_shaping(not detected):
        assert renderer_shapes_text("matplotlib") is (not detected)
        with assume_shaping(detected):
            assert renderer_shapes_text("matplotlib") is detected
        assert renderer_shapes_text("matplotlib") is (not detected)
    assert renderer_shapes_text("matplotlib") is detected
    with pytest.raises(OptionError, match="renderer"):
        renderer_shapes_text("cairo")


@pytest.mark.parametrize("text", [*LABELS, *MIXED, "Reuters رويترز", "لا", "السطر الأول\nالسطر الثاني"])
def test_visual_text_round_trips_and_never_shapes_twice(text):
    shown = visual_text(text)
    assert shown != text and is_visual(shown)
    assert visual_text(shown) == shown  # already shaped: left alone
    assert arabic_text(shown, shaped=False) == shown
    assert logical_text(shown) == text  # and back, for renderers that shape
    assert arabic_text(text, shaped=True) == text
    if "\n" not in text and not re.search(r"[()«»]", text):
        # python-bidi's Rust get_display does not mirror brackets, so only bracket-free text comes back exactly.
        assert arabic_text(old_recipe(text), shaped=True) == text


def test_visual_text_keeps_numbers_latin_and_brackets_readable():
    # Digits stay in their own order, Latin stays left to right, brackets and guillemets mirror.
    assert visual_text("400 عنصر") == "ﺮﺼﻨﻋ 400"
    assert visual_text("الأناضول (Anadolu)").startswith("(Anadolu) ")
    shown = visual_text("«دحر الغزاة»")
    assert shown[0] == "«" and shown[-1] == "»"
    assert visual_text("Reuters 2018") == "Reuters 2018"
    assert arabic_text("$\\alpha$ عنصر", shaped=False) == "$\\alpha$ عنصر"  # mathtext is left alone


def _every_artist_figure() -> tuple[Figure, dict[str, str]]:
    """A figure with Arabic in every kind of text artist."""
    texts = {
        "suptitle": "الأرقام المذكورة", "title": "من يُنقل عنه", "xlabel": "عدد الاقتباسات", "ylabel": "المتحدث",
        "legend": "الأناضول", "legend_title": "الوكالة", "annotation": "حوالي ألفي مقاتل",
        "bar_label": "400 عنصر", "cell": "مصادر محلية", "figtext": "المصدر: الأناضول",
    }
    fig = Figure(figsize=(8, 6))
    ax = fig.add_subplot()
    bars = ax.bar(["ناجي أبو حذيفة", "مصادر محلية"], [4, 1], label=texts["legend"])
    ax.bar_label(bars, labels=[texts["bar_label"], "1"])
    ax.set_title(texts["title"])
    ax.set_xlabel(texts["xlabel"])
    ax.set_ylabel(texts["ylabel"])
    ax.legend(title=texts["legend_title"])
    ax.annotate(texts["annotation"], (0, 2))
    ax.table(cellText=[[texts["cell"], "1"]], loc="bottom", bbox=[0, -0.5, 1, 0.2])
    fig.suptitle(texts["suptitle"])
    fig.text(0.01, 0.01, texts["figtext"])
    return fig, texts


def _all_texts(fig) -> list[str]:
    from matplotlib.text import Text

    fig.draw_without_rendering()  # tick labels come from their formatters at draw time
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def test_fix_arabic_reaches_every_artist_and_is_idempotent():
    fig, texts = _every_artist_figure()
    originals = set(texts.values()) | {"ناجي أبو حذيفة"}
    with assume_shaping(True):
        fix_arabic(fig)
        assert originals <= set(_all_texts(fig))  # a shaping renderer gets the text as typed
    with assume_shaping(False):
        fix_arabic(fig)
        fix_arabic(fig)  # twice: still shaped once
        shown = set(_all_texts(fig))
        assert {visual_text(s) for s in originals} <= shown
        assert not (originals & shown)
        assert isinstance(fig.axes[0].xaxis.get_major_formatter(), ArabicFormatter)
    with assume_shaping(True):
        fix_arabic(fig)  # back to a shaping renderer: the logical text returns
        assert originals <= set(_all_texts(fig))


def test_fix_arabic_repairs_labels_made_with_the_old_recipe():
    fig = Figure()
    ax = fig.add_subplot()
    ax.barh([old_recipe(s) for s in LABELS], range(1, 6))
    ax.set_title(old_recipe("أكثر الكلمات تكرارا"))
    with assume_shaping(True):
        fix_arabic(fig)
        shown = _all_texts(fig)
    assert set(LABELS) | {"أكثر الكلمات تكرارا"} <= set(shown)


def test_rtl_axes_puts_categories_on_the_right_and_reads_right_to_left():
    fig = Figure()
    ax = fig.add_subplot()
    ax.barh(["أ", "ب"], [1, 2])
    ax.set_title("عنوان")
    rtl_axes(ax)
    rtl_axes(ax)  # twice is once
    assert ax.xaxis_inverted()
    assert ax.yaxis.get_label_position() == "right" and ax.yaxis.get_ticks_position() == "right"
    assert ax.get_title(loc="right") == "عنوان" and ax.get_title() == ""


# --- fonts --------------------------------------------------------------------------------------------


def test_font_choice_prefers_an_installed_arabic_font_and_falls_back_to_dejavu(monkeypatch):
    monkeypatch.delenv(fonts.FONT_ENV, raising=False)
    choice = fonts.arabic_font(announce=False)
    assert choice.families[-1] == "DejaVu Sans"
    installed = [f for f in fonts.ARABIC_FAMILIES if fonts._installed(f)]
    if installed:
        assert choice.family == installed[0] and choice.arabic
        assert choice.families == [installed[0], "DejaVu Sans"]
    else:
        assert choice.family == "DejaVu Sans" and not choice.arabic
    rc = fonts.font_rc(announce=False)
    assert rc["font.family"] == choice.families and rc["svg.fonttype"] == "path"


def test_font_named_by_file_or_family_and_errors(monkeypatch):
    dejavu = Path(mpl.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    assert fonts.arabic_font(dejavu, announce=False).family == "DejaVu Sans"
    with pytest.raises(FontError, match="no Arabic letters"):
        fonts.arabic_font(Path(mpl.get_data_path()) / "fonts" / "ttf" / "DejaVuSerif.ttf", announce=False)
    with pytest.raises(FontError, match="font file not found"):
        fonts.arabic_font("/nonexistent/font.ttf", announce=False)
    with pytest.raises(FontError, match="not installed"):
        fonts.arabic_font("No Such Arabic Font", announce=False)
    monkeypatch.setenv(fonts.FONT_ENV, str(dejavu))
    assert fonts.arabic_font(announce=False).path == str(dejavu)


def test_font_in_use_is_told_once(monkeypatch, capsys):
    """Said once, on stdout: a notice, not a warning (no red stderr box in JupyterLab)."""
    monkeypatch.setattr(fonts, "_announced", set())
    monkeypatch.delenv(fonts.FONT_ENV, raising=False)
    fonts.arabic_font()
    fonts.arabic_font()
    plot_top_terms(pd.DataFrame({"term": ["إدلب"], "count": [1]}))
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("analysis:")]
    assert len(lines) == 1 and fonts.arabic_font(announce=False).family in lines[0]


def test_font_file_for_pillow_covers_latin_too():
    path = fonts.font_file_for(["إدلب", "CNN"])
    assert fonts._covers(path, set("إدلبCNN"))


# --- charts on the seed and the sample ------------------------------------------------------------------


def test_top_terms_on_the_seed_shows_surface_spellings(seed):
    fig = plot_top_terms(seed, top=10)
    data = chart_data(fig)
    assert list(data.columns[:3]) == ["rank", "term", "display"]
    shown = dict(zip(data["term"], data["display"], strict=True))
    assert shown["ادلب"] == "إدلب"  # counted without hamza, shown as the article writes it
    ax = fig.axes[0]
    fig.draw_without_rendering()
    assert [t.get_text() for t in ax.get_yticklabels()][:2] == data["display"].tolist()[:2]
    assert ax.xaxis_inverted() and ax.yaxis.get_label_position() == "right"  # Arabic default: RTL
    fig_en = plot_top_terms(seed, top=5, lang="en", form="stem")
    assert not fig_en.axes[0].xaxis_inverted() and fig_en.axes[0].get_xlabel() == "occurrences"


def test_stem_charts_resolve_the_words_a_reader_types(seed):
    fig = plot_top_terms(seed, top=5, form="stem")
    data = chart_data(fig)
    assert "ادلب" in set(data["term"]) and "إدلب" in set(data["display"])
    by_section = plot_terms_by_outlet(seed, by="section", kind="grouped", form="stem",
                                      terms=["إدلب", "والمعارضة", "داعش"])
    assert chart_data(by_section)["term"].tolist() == ["ادلب", "معارضة", "داعش"]
    with pytest.raises(ColumnError, match="does not occur"):
        plot_terms_by_outlet(seed, by="section", kind="grouped", terms=["كلمةغيرموجودة"])


def test_terms_over_time_and_by_outlet_on_the_sample(sample):
    fig = plot_terms_over_time(sample, ["إدلب", "الأناضول", "ترامب"])
    data = chart_data(fig)
    assert set(data["term"]) == {"ادلب", "الاناضول", "ترامب"}
    assert set(data["display"]) == {"إدلب", "الأناضول", "ترامب"}
    assert (data["doc_share"] <= 1).all() and (data["doc_count"] <= data["articles"]).all()
    assert fig.axes[0].xaxis_inverted()  # RTL: time runs right to left
    with pytest.raises(ColumnError, match="does not occur"):
        plot_terms_over_time(sample, ["كلمةغيرموجودة"])

    panels = plot_terms_by_outlet(sample, top=5)
    data = chart_data(panels)
    assert set(data["outlet"]) == set(sample["outlet"].dropna())
    assert (data.groupby("outlet").size() == 5).all()
    assert len([ax for ax in panels.axes if ax.get_visible()]) == sample["outlet"].nunique()
    grouped = plot_terms_by_outlet(sample, kind="grouped", terms=["تركيا", "السعودية"])
    data = chart_data(grouped)
    assert len(data) == 2 * sample["outlet"].nunique()
    with pytest.raises(TableError, match="no 'outlet' values"):
        plot_terms_by_outlet(load_corpus(Path(__file__).parents[1] / "seeds", progress=False))


def test_keyness_chart_from_articles_and_from_a_keyness_frame(sample):
    target = sample[sample["outlet"] == "CNN"]
    reference = sample[sample["outlet"] != "CNN"]
    fig = plot_keyness(target, reference, top=8, target_label="CNN", reference_label="غيرها")
    data = chart_data(fig)
    assert set(data["direction"]) == {"target", "reference"}
    assert (data.groupby("direction").size() <= 8).all()
    assert "display" in data
    titles = {ax.get_title(loc="right") for ax in fig.axes}
    assert "أكثر استخداما في: CNN" in titles
    from analysis.measures.keyness import keyness

    again = plot_keyness(keyness(target, reference), top=8, measure="log_ratio", lang="en", rtl=False)
    assert len(chart_data(again)) == len(data)
    with pytest.raises(OptionError, match="reference"):
        plot_keyness(target)


def test_chart_options_and_columns_are_checked_with_the_package_errors(seed):
    """A value an option does not take is an OptionError (a ValueError); a missing column a ColumnError (a KeyError)."""
    terms = pd.DataFrame({"term": ["ادلب"], "count": [3]})
    for call, option in [(lambda: plot_top_terms(terms, measure="tfidf"), "measure"),
                         (lambda: plot_top_terms(terms, lang="fr"), "lang"),
                         (lambda: plot_terms_by_outlet(seed, by="section", kind="pie"), "kind"),
                         (lambda: plot_sources(SEED_ATTRIBUTIONS, stack="verb"), "stack"),
                         (lambda: plot_claims(pd.DataFrame({"value": [1], "unit": ["x"]}), by="outlet"), "by"),
                         (lambda: arabic_text("إدلب", "cairo"), "renderer")]:
        with pytest.raises(OptionError, match=option):
            call()
    with pytest.raises(ColumnError, match="no column.*count") as raised:
        plot_top_terms(pd.DataFrame({"term": ["ادلب"]}))
    assert isinstance(raised.value, KeyError) and "'" not in str(raised.value)[:5]


def test_sources_chart_counts_speakers_and_agencies():
    fig = plot_sources(SEED_ATTRIBUTIONS)
    data = chart_data(fig)
    speakers = data[data["panel"] == "speakers"]
    assert speakers[["name", "split", "quotes"]].values.tolist() == [["ناجي أبو حذيفة", "الأناضول", 4],
                                                                    ["مصادر محلية", "دون وكالة", 1]]
    channels = data[data["panel"] == "channels"].groupby(["name", "split"])["quotes"].sum().to_dict()
    assert channels == {("الأناضول", "اقتباس غير مباشر"): 3, ("الأناضول", "اقتباس مباشر"): 1,
                        ("دون وكالة", "اقتباس غير مباشر"): 1}
    fig.draw_without_rendering()
    labels = {t.get_text() for ax in fig.axes for t in ax.get_yticklabels()}
    assert {"ناجي أبو حذيفة", "مصادر محلية", "الأناضول", "دون وكالة"} <= labels
    by_quote = chart_data(plot_sources(SEED_ATTRIBUTIONS, stack="quote", lang="en"))
    assert set(by_quote["split"]) == {"direct quote", "indirect quote"}


def test_claims_chart_shows_qualifiers_and_keeps_units_apart():
    fig = plot_claims(SEED_CLAIMS)
    data = chart_data(fig)
    assert len(fig.axes) == SEED_CLAIMS["unit"].nunique()  # one panel per unit: no shared scale
    assert "حوالي ألفي — ناجي أبو حذيفة" in set(data["label"])
    assert "حوالي 400 — ناجي أبو حذيفة" in set(data["label"])
    fighters = fig.axes[[ax.get_title(loc="right") for ax in fig.axes].index("مقاتل")]
    assert fighters.patches[0].get_hatch() == "///"  # approximate
    assert {"≈2,000"} <= {t.get_text() for t in fighters.texts}
    by_source = plot_claims(SEED_CLAIMS, by="source")
    assert {ax.get_title(loc="right") for ax in by_source.axes} == {"ناجي أبو حذيفة", "غير منسوب"}
    assert all(ax.get_xscale() == "log" for ax in by_source.axes)  # 3 to 2,000: a dot plot on a log scale


def test_claims_by_source_names_outlets_and_keeps_log_ticks_apart():
    # An outlet's own voice is its code; a span of ten decades once printed ten overlapping tick labels.
    claims = SEED_CLAIMS.assign(value=[10.0, 3e10, 400.0, 12.0, 2000.0, 4.0, 3.0, 5e5],
                                source=["skynews"] * 4 + ["ناجي أبو حذيفة"] * 4)
    fig = plot_claims(claims, by="source")
    titles = {ax.get_title(loc="right") for ax in fig.axes}
    assert titles == {"سكاي نيوز عربية", "ناجي أبو حذيفة"}
    fig.canvas.draw()
    for ax in fig.axes:
        low, high = ax.get_xlim()
        shown = [label.get_text() for loc, label in zip(ax.get_xticks(), ax.get_xticklabels(), strict=True)
                 if label.get_text() and min(low, high) <= loc <= max(low, high)]
        assert 2 <= len(shown) <= 5, shown


def test_claims_by_source_draws_a_sources_busiest_unit_families_only():
    # the seed's claims: counts (5), durations in days and months, a distance: four families for one source
    claims = SEED_CLAIMS.assign(source="ناجي أبو حذيفة")
    families = chart_data(plot_claims(claims, by="source", families=2))["family"]
    assert families.nunique() == 2 and "count" in set(families)
    assert chart_data(plot_claims(claims, by="source"))["family"].nunique() == 3


def test_wordcloud_chart(seed):
    fig = plot_wordcloud(seed, top=30, width=600, height=300)
    data = chart_data(fig)
    assert len(data) == 30 and "ادلب" in set(data["term"]) and "إدلب" in set(data["display"])
    assert fig.axes[0].images


def test_chart_from_the_full_archive(ant_articles):
    # Its speed is measured in benchmarks/, not asserted here.
    fig = plot_top_terms(ant_articles, top=20)
    data = chart_data(fig)
    assert len(data) == 20 and data["count"].is_monotonic_decreasing


# --- exports --------------------------------------------------------------------------------------------


def test_save_figure_writes_stable_report_files_only_inside_out(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fig = plot_claims(SEED_CLAIMS)
    written = save_figure(fig, "claims by unit", out="figs")
    assert set(written) == {"png", "svg", "pdf", "csv"}
    assert sorted(p.name for p in (tmp_path / "figs").iterdir()) == [
        "claims_by_unit.csv", "claims_by_unit.pdf", "claims_by_unit.png", "claims_by_unit.svg"]
    assert [p.name for p in tmp_path.iterdir()] == ["figs"]
    with Image.open(written["png"]) as png:
        assert round(png.info["dpi"][0]) == 300
    table = pd.read_csv(written["csv"], encoding="utf-8-sig")
    assert table["label"].tolist() == chart_data(fig)["label"].tolist()
    first = {k: p.read_bytes() for k, p in written.items()}
    again = save_figure(plot_claims(SEED_CLAIMS), "claims by unit", out="figs")  # a re-run draws it anew
    assert again == written
    assert {k: p.read_bytes() for k, p in again.items()} == first  # same chart, same bytes: no dates inside
    assert sorted(p.name for p in (tmp_path / "figs").iterdir()) == sorted(p.name for p in written.values())


def test_save_figure_options_and_errors(tmp_path):
    fig = Figure()
    fig.add_subplot().plot([1, 2])
    written = save_figure(fig, "plain", out=tmp_path, formats="png")
    assert set(written) == {"png"}  # no data, no CSV
    written = save_figure(fig, "plain", out=tmp_path, formats=("svg",), data=pd.DataFrame({"x": [1, 2]}))
    assert set(written) == {"svg", "csv"}
    with pytest.raises(OptionError, match="unsupported"):
        save_figure(fig, "plain", out=tmp_path, formats=("docx",))
    with pytest.raises(OptionError, match="name"):
        save_figure(fig, "///", out=tmp_path)
    assert safe_name("../etc/passwd") == "etc_passwd"


# --- OCR: the text is right, and the check can tell -----------------------------------------------------


def test_ocr_png_native_renderer_reads_labels_back(ocr_ready, tmp_path):
    png = top_terms_chart(tmp_path, "native", shapes=renderer_shapes_text())["png"]
    assert_labels_read(ocr(png), CHART_TEXT)


def test_ocr_png_reversed_rendering_fails_the_same_check(ocr_ready, tmp_path):
    # The old recipe on top of a renderer that shapes: what a wrong capability answer draws.
    png = top_terms_chart(tmp_path, "reversed", shapes=not renderer_shapes_text())["png"]
    assert_labels_not_read(ocr(png), CHART_TEXT)


@pytest.mark.parametrize("fmt", ["svg", "pdf"])
def test_ocr_svg_and_pdf_through_a_rasteriser(ocr_ready, tmp_path, fmt):
    right = top_terms_chart(tmp_path, "native", shapes=renderer_shapes_text(), formats=(fmt,))[fmt]
    assert_labels_read(ocr(rasterise(right)), CHART_TEXT)
    wrong = top_terms_chart(tmp_path, "reversed", shapes=not renderer_shapes_text(), formats=(fmt,))[fmt]
    assert_labels_not_read(ocr(rasterise(wrong)), CHART_TEXT)


def test_ocr_mixed_strings_keep_digits_latin_and_quotes(ocr_ready, tmp_path):
    lines = ["الأناضول (Anadolu)", "80 جريحا و12 فصيلا", "«دحر الغزاة»", 'قال: "لقد قمنا بأسر حوالي 400 عنصر"']

    def render(name: str) -> str:
        with mpl.rc_context(fonts.font_rc(announce=False)):
            fig = Figure(figsize=(9, 3.2))
            for i, text in enumerate(lines):
                fig.text(0.5, 0.8 - 0.22 * i, text, fontsize=20, ha="center")
        return ocr(save_figure(fig, name, out=tmp_path, formats=("png",), dpi=200)["png"], lang="ara+eng")

    read = render("mixed")
    assert_labels_read(read, lines)
    # Latin and digits come back in their own order (tesseract drops digits that open an RTL line,
    # so the numbers checked here sit inside the lines).
    assert "(Anadolu)" in read
    assert re.search(r"و12\s+فصيلا", read) and re.search(r"حوالي\s+400\s+عنصر", read)
    with assume_shaping(False):  # the old recipe on top of libraqm
        wrong = render("mixed_reversed")
    assert_labels_not_read(wrong, lines)


def test_ocr_every_artist_on_the_native_renderer(ocr_ready, tmp_path):
    with mpl.rc_context({**fonts.font_rc(announce=False), "font.size": 20}):
        fig, texts = _every_artist_figure()
        fig.set_size_inches(14, 11)
    png = save_figure(fig, "artists", out=tmp_path, formats=("png",), dpi=150)["png"]
    read = ocr(png, psm=11)
    turned = png.with_name("artists_turned.png")  # the y label is drawn turned by 90 degrees
    Image.open(png).rotate(-90, expand=True).save(turned)
    read += "\n" + ocr(turned, psm=11)
    # Bar labels sit on coloured bars and are checked without OCR (test_fix_arabic_reaches_every_artist).
    assert_labels_read(read, [v for k, v in texts.items() if k != "bar_label"] + ["مصادر محلية"])  # + a tick


# --- OCR on renderers that do not shape ------------------------------------------------------------------


def _draw_basic(texts, path: Path) -> Path:
    """Pillow's basic layout: one glyph per character, left to right, no shaping, like a non-raqm renderer."""
    font = ImageFont.truetype(fonts.arabic_font(announce=False).path, 56, layout_engine=ImageFont.Layout.BASIC)
    img = Image.new("RGB", (1400, 110 * len(texts) + 40), "white")
    draw = ImageDraw.Draw(img)
    for i, text in enumerate(texts):
        draw.text((40, 20 + 110 * i), text, font=font, fill="black")
    img.save(path)
    return path


def test_ocr_no_shaping_renderer_pillow_basic(ocr_ready, tmp_path):
    with assume_shaping(False, "pillow"):  # detection says: no raqm
        prepared = [arabic_text(s, "pillow") for s in LABELS]
    assert all(is_visual(s) for s in prepared)
    assert_labels_read(ocr(_draw_basic(prepared, tmp_path / "basic_right.png")), LABELS)
    # Raw logical text on the same renderer: unjoined letters in reverse order.
    assert_labels_not_read(ocr(_draw_basic(LABELS, tmp_path / "basic_raw.png")), LABELS)


def _basic_truetype(monkeypatch):
    original = ImageFont.truetype

    def truetype(*args, **kwargs):
        kwargs["layout_engine"] = ImageFont.Layout.BASIC
        return original(*args, **kwargs)

    monkeypatch.setattr(ImageFont, "truetype", truetype)


CLOUD = pd.DataFrame({"term": ["المعارضة", "الأناضول", "السورية", "إدلب", "مقاتل"], "count": [10, 9, 9, 8, 8]})


def _cloud_read(tmp_path, name) -> str:
    # Wide margins between words so that OCR can find them; the layout is fixed by random_state.
    fig = plot_wordcloud(CLOUD, width=1200, height=500, margin=40, max_font_size=110)
    png = save_figure(fig, name, out=tmp_path, formats=("png",), dpi=200)["png"]
    return ocr(png, psm=6, keep="ink") + "\n" + ocr(png, psm=11, keep="ink")


def _cloud_hits(read: str) -> int:
    return sum(match_ratio(word, read) >= 0.8 for word in CLOUD["term"])


def test_ocr_wordcloud_native_pillow(ocr_ready, tmp_path):
    if not pillow_shapes_text():
        pytest.skip("this Pillow has no raqm: the no-shaping word cloud test covers it")
    assert _cloud_hits(_cloud_read(tmp_path, "cloud")) >= 4


def test_ocr_wordcloud_on_pillow_without_raqm(ocr_ready, tmp_path, monkeypatch):
    _basic_truetype(monkeypatch)  # wordcloud now draws with Pillow's basic layout
    with assume_shaping(False, "pillow"):
        assert _cloud_hits(_cloud_read(tmp_path, "cloud_basic")) >= 4
    with assume_shaping(True, "pillow"):  # wrong answer: raw words to a renderer that does not shape
        assert _cloud_hits(_cloud_read(tmp_path, "cloud_basic_raw")) <= 1


def _left_to_right_renderers(monkeypatch):
    """Make the Agg, SVG and PDF renderers lay every string out strictly left to right in the given
    order (no bidi reordering), as matplotlib before 3.11 did: a left-to-right override around it."""
    from matplotlib.backends.backend_pdf import RendererPdf
    from matplotlib.backends.backend_svg import RendererSVG

    for renderer in (RendererAgg, RendererSVG, RendererPdf):
        original = renderer.draw_text

        def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None, _original=original):
            if not ismath:
                s = "\u202d" + s + "\u202c"
            return _original(self, gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)

        monkeypatch.setattr(renderer, "draw_text", draw_text)


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_ocr_chart_on_a_matplotlib_that_does_not_reorder(ocr_ready, tmp_path, monkeypatch, fmt):
    _left_to_right_renderers(monkeypatch)
    right = top_terms_chart(tmp_path, "ltr_fixed", shapes=False, formats=(fmt,))[fmt]  # detection: no raqm
    assert_labels_read(ocr(rasterise(right)), CHART_TEXT)
    wrong = top_terms_chart(tmp_path, "ltr_raw", shapes=True, formats=(fmt,))[fmt]  # raw text on that renderer
    assert_labels_not_read(ocr(rasterise(wrong)), CHART_TEXT)
