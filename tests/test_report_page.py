"""report.html made for reading: Arabic headers, formatted values, chosen columns, every column reachable in a
real browser, titles and methods in words, and no live markup from what the corpus wrote."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.output.display import column_kind, format_date, format_value, table_html
from analysis.report import columns as report_columns
from analysis.report.captions import METHODS, METHODS_ABOUT, figure_title, methods
from analysis.report.columns import VIEWS, header, select_rows, table_view
from analysis.report.manifest import NOTEBOOKS, shown_tables
from analysis.report.page import write_html_report
from analysis.report.runner import run_report

ARABIC = re.compile(r"[\u0600-\u06FF]")
#: Columns holding shares: a cell shows a percent sign.
SHARE_TIPS = ("share", "doc_share_target", "doc_share_reference", "group_spread")


# --- formatting functions on crafted values and frames ------------------------------------------------------

@pytest.mark.parametrize(("value", "kind", "shown"), [
    (0.2631578947368421, "percent", "26%"),
    (0.005051619, "percent", "0.51%"),
    (0.0, "percent", "0%"),
    (1.0, "percent", "100%"),
    (67.0, "percent100", "67%"),
    (6896.799810359133, "percent100", "6,897%"),
    (float("inf"), "percent100", "∞"),
    (62587, "count", "62,587"),
    (1234.0, "count", "1,234"),
    (np.int64(377072), None, "377,072"),
    (46.63383702973802, "number", "46.6"),
    (1896.408676069693, "number", "1,896"),
    (8.12, "number", "8.12"),
    (6.128623309316396, "ratio", "+6.13"),
    (-5.28, "ratio", "-5.28"),
    (8.556985944826107e-12, "pvalue", "< 0.001"),
    (0.0123, "pvalue", "0.012"),
    (37000000000.0, "value", "37,000,000,000"),
    (99.91, "value", "99.91"),
    ("2018-01-26 14:19:07+00:00", "date", "2018-01-26 14:19"),
    ("2018-03-05 00:00:00+00:00", "date", "2018-03-05"),
    ("2018-10-19T17:55:18Z", None, "2018-10-19 17:55"),
    (pd.Timestamp("2018-03-05", tz="UTC"), None, "2018-03-05"),
    ("2018-07-02/2018-07-08", "period", "2018-07-02 – 2018-07-08"),
    ("['10', 'عشرة']", "list", "10، عشرة"),
    ("[10.0, 17.0]", None, "10، 17"),
    (["الأناضول", "رويترز"], None, "الأناضول، رويترز"),
    ("('anadolu', 'afp')", None, "anadolu، afp"),
    ("['جملة أولى.', 'جملة ثانية.']", "lines", "جملة أولى.\nجملة ثانية."),
    (True, None, "نعم"),
    (np.bool_(False), None, "لا"),
    ("True", "bool", "نعم"),
    ("False", "bool", "لا"),
    (float("nan"), "percent", ""),
    (None, "count", ""),
    (pd.NaT, "date", ""),
    ("", None, ""),
    ("(داعش)", None, "(داعش)"),  # brackets that are not a Python list stay text
    ("[غير مكتمل", None, "[غير مكتمل"),
    ("قال 17", "text", "قال 17"),
])
def test_format_value(value, kind, shown):
    assert format_value(value, kind) == shown


def test_format_value_rejects_an_unknown_kind():
    with pytest.raises(ValueError, match="kind="):
        format_value(1, "percentage")


def test_dates_lose_their_time_zone_in_utc():
    assert format_date(pd.Timestamp("2018-01-26 17:19", tz="Asia/Riyadh")) == "2018-01-26 14:19"
    assert format_date("2018-01-26T17:19:00+03:00") == "2018-01-26 14:19"


def test_column_kinds_are_guessed_from_the_whole_column():
    assert column_kind(pd.Series([True, False])) == "bool"
    assert column_kind(pd.Series(["True", "False", None], dtype=object)) == "bool"
    assert column_kind(pd.Series([1, 2], dtype="int64")) == "count"
    assert column_kind(pd.to_datetime(pd.Series(["2018-01-01"]), utc=True)) == "date"
    assert column_kind(pd.Series(["True", "نعم"])) is None


def test_table_html_formats_a_crafted_frame_and_escapes_it():
    frame = pd.DataFrame({
        "name": ["سكاي نيوز عربية", "<b>x</b>"], "articles": [1234, 5], "share": [0.2631, float("nan")],
        "first": ["2018-01-26 14:19:07+00:00", None], "values": ["[10.0, 17.0]", "['a', 'b']"],
        "approx": [True, False],
    })
    page = table_html(frame, headers={"share": ("الحصة", "share"), "name": ("الوسيلة", "name")},
                      formats={"share": "percent", "first": "date"})
    cells = re.findall(r"<td[^>]*><bdi[^>]*>(.*?)</bdi></td>", page)
    assert cells == ["سكاي نيوز عربية", "1,234", "26%", "2018-01-26 14:19", "10، 17", "نعم",
                     "&lt;b&gt;x&lt;/b&gt;", "5", "", "", "a، b", "لا"]
    assert '<th scope="col" title="share"><bdi>الحصة</bdi></th>' in page
    assert '<td class="num"><bdi dir="ltr">26%</bdi></td>' in page  # numbers read left to right
    assert "overflow-x: auto" in page


def _crafted(stem: str) -> pd.DataFrame:
    """A frame with the columns a real run writes for ``stem`` (read from the README's contract and the sample)."""
    columns = {
        "01_summary": ["articles", "words", "characters", "outlets", "first", "last", "files", "files_skipped",
                       "dates_outlying"],
        "01_outlying_dates": ["article_id", "outlet", "published", "title"],
        "01_by_outlet": ["outlet", "name", "articles", "share"],
        "01_articles": ["article_id", "title", "outlet", "published", "n_words"],
        "01_furniture_summary": ["outlet", "articles", "articles_changed", "chars", "chars_removed", "share_removed"],
        "02_article_terms": ["article_id", "term", "spelling", "count", "log_likelihood"],
        "03_statements": ["article_id", "title", "speaker", "speaker_type", "verb", "quote", "agency", "content"],
        "04_numbers": ["article_id", "title", "value_text", "value", "unit", "qualifier", "kind", "claimant",
                       "sentence"],
        "02_terms": ["term", "count", "doc_count", "share", "spelling"],
        "02_keyness_table": ["term", "count_target", "count_reference", "per_million_target",
                             "per_million_reference", "doc_count_target", "doc_count_reference", "doc_share_target",
                             "doc_share_reference", "log_likelihood", "p_value", "log_ratio", "percent_diff",
                             "direction", "spelling"],
        "02_naming_shares": ["الجهة", "التسمية", "سكاي نيوز عربية", "بي بي سي"],
        "03_speakers": ["speaker", "speaker_type", "statements", "articles", "direct", "indirect", "verbs",
                        "channels", "forms"],
        "03_agency_counts": ["agency", "name", "articles", "share", "BBC", "CNN", "alarabia"],
        "04_claims": ["article_id", "value", "value_text", "qualifier", "unit", "kind", "source", "sentence"],
        "04_comparison": ["group", "kind", "unit", "event", "topic", "period", "outlet", "n_claims", "n_articles",
                          "value_min", "value_max", "values", "value_texts", "approx", "group_min", "group_max",
                          "group_spread", "disagree", "sentences", "article_ids"],
    }[stem]
    return pd.DataFrame({c: [1] for c in columns})


@pytest.mark.parametrize("stem", sorted(shown_tables()))
def test_every_column_of_a_shown_table_has_an_arabic_header_and_a_title(stem):
    frame = _crafted(stem)
    view = table_view(stem, frame)
    assert len(view.frame.columns) > 0
    for column in view.frame.columns:
        label, tip = view.headers[column]
        assert ARABIC.search(label), (stem, column, label)
        assert tip, (stem, column)
    title_ar, title_en = VIEWS[stem].title_ar, VIEWS[stem].title_en
    assert ARABIC.search(title_ar) and title_en and stem not in title_ar


def test_headers_keep_the_english_name_as_tooltip_and_name_outlets():
    assert header("share", "01_by_outlet") == ("الحصة من المقالات", "share")
    assert header("p_value") == ("قيمة p", "p_value")
    label, tip = header("alarabia", "03_agency_counts")
    assert label == "العربية" and tip.startswith("alarabia")
    assert header("التسمية", "02_naming_shares")[0] == "التسمية"


def test_chosen_columns_and_codes_in_words():
    frame = pd.DataFrame({"term": ["الاخوان"], "count_target": [16], "count_reference": [1],
                          "per_million_target": [1896.4], "per_million_reference": [27.1], "doc_count_target": [1],
                          "doc_count_reference": [1], "doc_share_target": [0.018], "doc_share_reference": [0.006],
                          "log_likelihood": [46.6], "p_value": [8.6e-12], "log_ratio": [6.13],
                          "percent_diff": [6896.8], "direction": ["target"], "spelling": ["الإخوان"]})
    view = table_view("02_keyness_table", frame)
    assert list(view.frame.columns) == list(VIEWS["02_keyness_table"].columns)
    assert view.frame["direction"].tolist() == ["الوسيلة المدروسة"]
    assert view.columns == 15 and view.rows == 1
    assert view.formats["p_value"] == "pvalue" and view.formats["log_ratio"] == "ratio"


def test_the_comparison_shows_only_groups_where_outlets_disagree():
    rows = pd.DataFrame({"group": [1, 1, 2, 2, 3], "outlet": ["BBC", "CNN", "BBC", "CNN", "BBC"],
                         "value_min": [10.0, 12.0, 5.0, 5.0, 7.0], "disagree": [True, True, False, False, False]})
    kept, note_ar, note_en = select_rows("04_comparison", rows)
    assert kept["group"].tolist() == [1, 1] and "1 of 3" in note_en and ARABIC.search(note_ar)
    # From the CSV, booleans are read back as bools or as the strings "True"/"False"; no disagreement at all:
    # the groups more than one outlet reports, said so.
    agree = rows.assign(disagree=["False"] * 5)
    kept, _, note_en = select_rows("04_comparison", agree)
    assert kept["group"].unique().tolist() == [1, 2] and "No group of 3" in note_en
    view = table_view("04_comparison", rows.assign(group=range(5), disagree=[True] * 5))
    assert view.frame["outlet"].tolist()[:2] == ["بي بي سي", "سي إن إن"]  # outlets by name
    assert select_rows("04_claims", rows)[0] is rows
    alone = pd.DataFrame({"group": [1, 2], "outlet": ["BBC", "BBC"], "disagree": [False, False]})
    kept, _, note_en = select_rows("04_comparison", alone)
    assert kept.empty and "one outlet only" in note_en


def test_a_statement_without_a_named_speaker_says_so():
    frame = pd.DataFrame({"speaker": ["ناجي أبو حذيفة", None], "statements": [7, 1]})
    assert table_view("03_speakers", frame).frame["speaker"].tolist() == ["ناجي أبو حذيفة", "(متحدث غير مسمّى)"]


def test_figures_have_captions_in_words_and_unknown_ones_their_stem():
    assert figure_title("02_terms_by_outlet")[0] == "أكثر الكلمات في كل وسيلة"
    assert figure_title("02_terms_by_month")[1] == "Most frequent terms by group"  # a pattern
    assert figure_title("07_something_new") == ("07_something_new", "")
    for number in ("01", "02", "03", "04"):
        arabic, english = METHODS[number]
        assert arabic and len(arabic) == len(english) == len(METHODS_ABOUT[number])
        assert all(ARABIC.search(p) for p in arabic)
    # one article, one outlet: no keyness, so the box says nothing about G²
    arabic, english = methods("02", ["02_terms", "02_wordcloud", "02_naming_shares"])
    assert not any("G²" in p for p in arabic + english) and len(arabic) == 2


def test_every_notebook_lists_its_order():
    for notebook in NOTEBOOKS[:-1]:
        assert notebook.order, notebook.file
        for table in notebook.shown_tables:
            assert any(re.fullmatch(p.replace("*", ".*"), table) for p in notebook.order), table


# --- escaping: nothing the corpus wrote becomes markup ------------------------------------------------------

PAYLOADS = ["<script>alert(1)</script>", '<img src=x onerror="alert(2)">', '"><svg onload=alert(3)>',
            "';alert(4)//", "</table><iframe src=javascript:alert(5)>", "`${alert(6)}`"]

_ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "span", "p", "bdi", "script",
                 "section", "details", "summary", "div", "table", "thead", "tbody", "tr", "th", "td", "a", "br",
                 "figure", "figcaption", "img"}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def test_report_page_escapes_payloads_in_cells_columns_and_file_names(tmp_path):
    from PIL import Image

    out = tmp_path / "out"
    out.mkdir()
    evil = " ".join(PAYLOADS)
    pd.DataFrame({"outlet": ["x"], "name": [evil], "articles": [3], "share": [0.5]}).to_csv(
        out / "01_by_outlet.csv", index=False, encoding="utf-8-sig")
    pd.DataFrame({"speaker": [evil], "speaker_type": [PAYLOADS[1]], "statements": [1], "articles": [1],
                  "direct": [0], "indirect": [1], "verbs": [evil], "channels": [None], "forms": [evil],
                  PAYLOADS[2]: [PAYLOADS[0]]}).to_csv(out / "03_speakers.csv", index=False, encoding="utf-8-sig")
    pd.DataFrame({"agency": ["a"], "name": [evil], "articles": [1], "share": [1.0], PAYLOADS[1]: [1]}).to_csv(
        out / "03_agency_counts.csv", index=False, encoding="utf-8-sig")
    pd.DataFrame({"group": [1, 1], "outlet": [evil, "BBC"], "value_texts": [f"['{PAYLOADS[0]}']", "['2']"],
                  "sentences": [str([evil]), "['x']"], "disagree": [True, True]}).to_csv(
        out / "04_comparison.csv", index=False, encoding="utf-8-sig")
    Image.new("RGB", (4, 4), "white").save(out / '01_x"><img src=x onerror=alert(7)>.png')
    (out / "02_<script>alert(8).csv").write_text("a\n1\n", encoding="utf-8-sig")
    page = write_html_report(out, corpus=evil, title="تقرير").read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(page)
    tags = {tag for tag, _ in parser.tags}
    assert tags <= _ALLOWED_TAGS, tags - _ALLOWED_TAGS
    for tag, attrs in parser.tags:
        assert not any(name.startswith("on") for name, _ in attrs), (tag, attrs)
        assert not any(value and "javascript:" in value.lower() for _, value in attrs), (tag, attrs)
        if tag == "script":
            assert dict(attrs).get("type") == "application/json"
        if tag == "img":
            assert dict(attrs)["src"].startswith("data:image/png;base64,")
    assert page.count("<script") == 1 and "<iframe" not in page and "<svg" not in page
    meta = re.search(r'<script type="application/json" id="report-meta">(.*?)</script>', page, re.S).group(1)
    assert json.loads(html.unescape(meta))["corpus"] == evil  # the meta block says what it was given, inert
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# --- the sample report in a real browser --------------------------------------------------------------------

def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.fixture(scope="module")
def sample_report(sample_dir, tmp_path_factory) -> Path:
    """The report of the 209-article sample, run once for this module (about two minutes)."""
    out = tmp_path_factory.mktemp("sample_report")
    return run_report(sample_dir, out, progress=lambda message: None)


_PROBE = r"""<script>
(() => {
  const doc = document.documentElement, width = doc.clientWidth;
  const inScroll = e => !!e.closest('div.scroll');
  const wide = [...document.body.querySelectorAll('*')].filter(e => !inScroll(e)).filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && (r.right > width + 1 || r.left < -1);
  }).map(e => e.tagName + '#' + (e.id || e.className));
  const tables = [...document.querySelectorAll('.table-block')].map(block => {
    const box = block.querySelector('div.scroll');
    if (!box) return {id: block.id, box: false};
    const style = getComputedStyle(box);
    const heads = [...box.querySelectorAll('thead th')];
    const unreachable = [];
    for (const th of heads) {
      th.scrollIntoView({block: 'nearest', inline: 'nearest'});
      const r = th.getBoundingClientRect(), b = box.getBoundingClientRect();
      if (r.left < b.left - 1 || r.right > b.right + 1 || r.left < -1 || r.right > width + 1)
        unreachable.push(th.getAttribute('title'));
    }
    const rows = [...box.querySelectorAll('tbody tr')].map(tr => [...tr.cells].map(td => td.innerText));
    return {id: block.id, box: true, overflowX: style.overflowX, scrollWidth: box.scrollWidth,
            clientWidth: box.clientWidth,
            headers: heads.map(th => ({text: th.innerText, title: th.getAttribute('title')})),
            unreachable, rows};
  });
  window.scrollTo(0, 0);
  document.body.setAttribute('data-check', JSON.stringify({scrollWidth: doc.scrollWidth, clientWidth: width,
    wide, tables, h3: [...document.querySelectorAll('.table-block h3')].map(h => h.innerText),
    captions: [...document.querySelectorAll('figcaption')].map(f => f.innerText),
    methods: document.querySelectorAll('details.methods').length}));
})();
</script>"""


def _probe(report: Path, tmp_path: Path, width: int) -> dict:
    browser = _chromium()
    if browser is None:
        pytest.skip("no Chromium (Debian package chromium, see .ci/apt-packages.txt)")
    probe = report.parent / f"probe_{width}.html"  # beside the report: its CSV links resolve
    probe.write_text(report.read_text(encoding="utf-8").replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    done = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync",
                           "--hide-scrollbars", f"--window-size={width},900",
                           f"--user-data-dir={tmp_path / f'profile_{width}'}", "--virtual-time-budget=5000",
                           "--dump-dom", probe.as_uri()], capture_output=True, text=True, timeout=180)
    probe.unlink()
    found = re.search(r"data-check=\"([^\"]+)\"", done.stdout)
    assert found, done.stderr[-1000:]
    return json.loads(html.unescape(found.group(1)))


@pytest.mark.parametrize("width", [1280, 820])
def test_sample_report_tables_in_a_real_browser(sample_report, tmp_path, width):
    """Every column of every shown table can be scrolled to inside its own box, nothing is wider than the page,
    headers are Arabic with the CSV's name as tooltip, values are formatted, titles are words."""
    out = sample_report.parent
    state = _probe(sample_report, tmp_path, width)
    assert state["scrollWidth"] <= state["clientWidth"], state["wide"]
    assert state["wide"] == []
    tables = {t["id"].removeprefix("t-"): t for t in state["tables"]}
    assert set(tables) == {s for s in shown_tables() if (out / f"{s}.csv").is_file()}
    assert {"01_summary", "02_keyness_table", "03_speakers", "04_claims"} <= set(tables)
    scrolled = 0
    for stem, table in tables.items():
        csv = pd.read_csv(out / f"{stem}.csv", encoding="utf-8-sig")
        if not table["box"]:  # a table with no rows to show says so instead
            continue
        assert table["unreachable"] == [], (stem, table["unreachable"])
        if table["scrollWidth"] > table["clientWidth"]:
            assert table["overflowX"] in ("auto", "scroll"), stem
            scrolled += 1
        titles = [h["title"] for h in table["headers"]]
        assert all(ARABIC.search(h["text"]) for h in table["headers"]), (stem, table["headers"])
        expected = table_view(stem, csv)
        assert len(titles) == len(expected.frame.columns) and all(titles), stem
        for column, title in zip(expected.frame.columns, titles, strict=True):
            assert title.split(":")[0] == column or column in report_columns.TOOLTIPS, (stem, column, title)
        cells = [cell for row in table["rows"] for cell in row]
        for bad in (r"\+00:00", r"\['", r'\["', r"\bTrue\b", r"\bFalse\b", r"\bnan\b", r"\bNaN\b", r"\bNone\b"):
            assert not any(re.search(bad, c) for c in cells), (stem, bad)
        for index, column in enumerate(expected.frame.columns):
            values = [row[index] for row in table["rows"] if row[index].strip()]
            if column in SHARE_TIPS or expected.formats.get(column) in ("percent", "percent100"):
                assert values and all(v.endswith("%") for v in values), (stem, column, values[:3])
            if expected.formats.get(column) == "count":
                big = [v for v in values if len(v.replace(",", "")) > 3]
                assert all("," in v for v in big), (stem, column, big[:3])
    if width < 1000:
        assert scrolled >= 1  # the keyness table at least is wider than a narrow window: it scrolls in its box
    assert not any(re.fullmatch(r"\d\d_\w+", h.split()[0]) for h in state["h3"])  # titles in words
    assert all(ARABIC.search(c) for c in state["captions"])
    assert state["methods"] >= 4


def test_sample_report_orders_figures_as_the_notebooks_write_them(sample_report):
    page = sample_report.read_text(encoding="utf-8")
    ids = re.findall(r'<(?:figure|div class="table-block") id="([ft]-[^"]+)"', page)
    def at(name):
        return ids.index(name)
    assert at("t-01_summary") < at("f-01_articles_by_outlet") < at("f-01_articles_by_section") < \
        at("f-01_articles_by_month")
    assert at("f-02_top_terms") < at("f-02_top_stems") < at("f-02_top_bigrams") < at("t-02_keyness_table") < \
        at("f-02_keyness") < at("f-02_wordcloud")
    assert at("f-04_claims_by_unit") < at("f-04_claims_by_source") < at("t-04_comparison")
    assert '<a href="04_comparison.csv">' in page  # the full table one click away


def test_every_file_of_the_sample_report_has_its_place_in_the_manifest_order(sample_report):
    """A new figure or table goes where its notebook writes it: add its stem to the notebook's ``order``."""
    from analysis.report.page import _rank

    orders = {n.number: n.order for n in NOTEBOOKS}
    out = sample_report.parent
    stems = {p.stem for p in out.glob("[0-9][0-9]_*") if p.suffix in (".png", ".csv")}
    unplaced = sorted(s for s in stems if _rank(s, orders[s[:2]]) == len(orders[s[:2]]))
    assert unplaced == [], f"add these stems to the order of their notebook in analysis/report/manifest.py: {unplaced}"
