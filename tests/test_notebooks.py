"""The notebooks run headless on the seed and the sample, and the report reads right in a browser."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from analysis.report.runner import NotebookError, notebook_paths, run_notebook, run_report

REPO = Path(__file__).resolve().parents[1]


def _outputs(notebook: Path) -> str:
    nb = nbformat.read(notebook, as_version=4)
    texts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.get("output_type") != "error", f"{notebook.name}: {out.get('ename')}: {out.get('evalue')}"
            texts.append(out.get("text", ""))
            texts.extend(str(v) for k, v in out.get("data", {}).items() if k.startswith("text/"))
    return "\n".join(texts)


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed_report")
    report = run_report(REPO / "seeds", out, progress=lambda message: None)
    return out, report


def test_every_numbered_notebook_runs_on_the_seed(seed_report):
    out, _ = seed_report
    names = [p.name for p in notebook_paths()]
    assert names == ["01_corpus_overview.ipynb", "02_terms.ipynb", "03_sources.ipynb", "04_claims.ipynb",
                     "05_report.ipynb"]
    for name in names:
        assert (out / name).is_file(), f"executed {name} missing"
        _outputs(out / name)  # no error output anywhere


def test_seed_notebook_outputs_say_what_the_article_says(seed_report):
    out, _ = seed_report
    overview = _outputs(out / "01_corpus_overview.ipynb")
    assert "1 articles from" in overview
    summary = pd.read_csv(out / "01_summary.csv", encoding="utf-8-sig")
    assert summary.loc[0, "articles"] == 1 and summary.loc[0, "files_skipped"] == 0
    terms = pd.read_csv(out / "02_terms.csv", encoding="utf-8-sig")
    assert set(terms["term"].head(2)) == {"داعش", "ادلب"}
    assert terms.set_index("term").loc["ادلب", "spelling"] == "إدلب"
    kwic = pd.read_csv(out / "02_kwic.csv", encoding="utf-8-sig")
    assert kwic["match"].tolist() == ["الأناضول"] and kwic["left"].iloc[0].endswith("لمراسل")
    assert "occurrences of الأناضول" in _outputs(out / "02_terms.ipynb")
    for figure in ["01_articles_by_outlet", "02_top_terms", "02_top_stems", "02_top_bigrams", "02_wordcloud"]:
        for ext in ("png", "svg", "pdf", "csv"):
            assert (out / f"{figure}.{ext}").stat().st_size > 0, f"{figure}.{ext}"


def test_seed_sources_and_claims_notebooks(seed_report):
    out, _ = seed_report
    speakers = pd.read_csv(out / "03_speakers.csv", encoding="utf-8-sig")
    top = speakers.iloc[0]
    assert top["speaker"] == "ناجي أبو حذيفة" and top["statements"] == 7 and "الأناضول" in top["channels"]
    assert "مصادر محلية" in set(speakers["speaker"].dropna())
    agencies = pd.read_csv(out / "03_agency_counts.csv", encoding="utf-8-sig")
    assert agencies["agency"].tolist() == ["anadolu"]
    claims = pd.read_csv(out / "04_claims.csv", encoding="utf-8-sig")
    assert sorted(claims["value"].tolist()) == [3, 4, 12, 30, 80, 400, 400, 2000]
    thousands = claims[claims["value"] == 2000].iloc[0]
    assert thousands["value_text"] == "ألفي" and thousands["qualifier"] == "حوالي"
    assert thousands["source"] == "ناجي أبو حذيفة"
    assert "numeric claims in 1 articles" in _outputs(out / "04_claims.ipynb")
    for figure in ["03_sources", "03_sources_by_type", "03_verbs", "04_claims_by_unit", "04_claims_by_source"]:
        assert (out / f"{figure}.png").is_file(), figure


def test_html_report_embeds_every_figure_right_to_left(seed_report):
    out, report = seed_report
    page = report.read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in page
    pngs = sorted(out.glob("[0-9][0-9]_*.png"))
    assert page.count("<img src=\"data:image/png;base64,") == len(pngs) > 0
    assert "تكرار الكلمات" in page and "نظرة عامة على المدونة" in page
    assert "src=\"http" not in page and "href=\"http" not in page  # self-contained


def test_report_command_on_the_sample(sample_dir, tmp_path):
    out = tmp_path / "report"
    done = subprocess.run([sys.executable, "-m", "analysis", "report", str(sample_dir), "--out", str(out)],
                          cwd=REPO, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    assert re.search(r"\[1/\d+\] running 01_corpus_overview", done.stderr)
    by_outlet = pd.read_csv(out / "01_by_outlet.csv", encoding="utf-8-sig")
    assert by_outlet["articles"].sum() == 209 and len(by_outlet) == 5
    for figure in ["01_articles_by_month", "02_terms_by_outlet", "02_terms_over_time", "02_keyness"]:
        assert (out / f"{figure}.png").is_file(), figure
    keyness = pd.read_csv(out / "02_keyness_table.csv", encoding="utf-8-sig")
    assert {"target", "reference"} <= set(keyness["direction"])
    agencies = pd.read_csv(out / "03_agency_counts.csv", encoding="utf-8-sig").set_index("agency")
    assert agencies.loc["anadolu", "articles"] >= 80  # 84 sample articles mention الأناضول
    comparison = pd.read_csv(out / "04_comparison.csv", encoding="utf-8-sig")
    assert len(comparison) > 0 and {"outlet", "value_min", "value_max", "disagree"} <= set(comparison.columns)
    page = (out / "report.html").read_text(encoding="utf-8")
    assert page.count("<img ") == len(list(out.glob("[0-9][0-9]_*.png")))


def test_report_command_names_a_missing_corpus(tmp_path):
    done = subprocess.run([sys.executable, "-m", "analysis", "report", str(tmp_path / "nowhere"), "--out",
                           str(tmp_path / "out")], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "corpus path not found" in done.stderr and "nowhere" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_failing_notebook_is_named_with_its_cell(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("corpus = None\nout = None", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("raise ValueError('no articles here')"),
    ])
    path = tmp_path / "09_broken.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(NotebookError, match=r"09_broken\.ipynb failed in cell 3 .*no articles here"):
        run_notebook(path, tmp_path, {"corpus": "x", "out": str(tmp_path)})
    assert (tmp_path / "09_broken.ipynb").is_file()


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def test_report_in_a_real_browser(seed_report, tmp_path):
    browser = _chromium()
    if browser is None:
        pytest.skip("no Chromium (Debian package chromium, see .ci/apt-packages.txt)")
    _, report = seed_report
    probe = tmp_path / "probe.html"
    check = ("<script>const h=document.querySelector('h1');const imgs=[...document.images];"
             "document.body.setAttribute('data-check',JSON.stringify({dir:getComputedStyle(h).direction,"
             "h2:[...document.querySelectorAll('h2')].map(e=>getComputedStyle(e).direction),"
             "n:imgs.length,loaded:imgs.filter(i=>i.complete&&i.naturalWidth>0).length,"
             "right:h.getBoundingClientRect().right,width:document.documentElement.clientWidth}));</script>")
    probe.write_text(report.read_text(encoding="utf-8").replace("</body>", check + "</body>"), encoding="utf-8")
    done = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync",
                           f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000", "--dump-dom",
                           probe.as_uri()], capture_output=True, text=True, timeout=120)
    found = re.search(r"data-check=\"([^\"]+)\"", done.stdout)
    assert found, done.stderr[-1000:]
    state = json.loads(found.group(1).replace("&quot;", '"'))
    assert state["dir"] == "rtl" and set(state["h2"]) == {"rtl"}
    assert state["n"] == state["loaded"] > 0  # every figure decoded
    assert state["right"] > state["width"] / 2  # the Arabic heading sits on the right


def test_report_command_refuses_an_empty_folder_and_debug_shows_the_traceback(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    args = [sys.executable, "-m", "analysis", "report", str(empty), "--out", str(tmp_path / "out")]
    done = subprocess.run(args, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "corpus folder has no files" in done.stderr and "Traceback" not in done.stderr
    debug = subprocess.run([*args, "--debug"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert debug.returncode != 0 and "Traceback" in debug.stderr and "EmptyCorpusError" in debug.stderr
