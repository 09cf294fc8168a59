"""The notebooks run headless on the seed and the sample, and the report reads right in a browser."""

from __future__ import annotations

import filecmp
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from analysis.claims import extract_claims
from analysis.corpus.loader import load_corpus
from analysis.measures.furniture import content_view, furniture_summary
from analysis.output.export import read_marker
from analysis.report import workarea
from analysis.report.manifest import NOTEBOOKS, notebook_folder
from analysis.report.runner import NotebookError, notebook_paths, run_notebook, run_report
from analysis.sources.attribution import extract_attributions

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


def test_the_manifest_lists_every_notebook_and_everything_they_write(seed_report):
    """One list of the report's notebooks: the numbered notebooks of notebooks/ are exactly its files, each headed
    by its number, and every file the report wrote is one its notebook declares."""
    out, _ = seed_report
    assert notebook_folder() == REPO / "notebooks"  # a checkout runs the notebooks users edit
    on_disk = sorted(p.name for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert on_disk == [n.file for n in NOTEBOOKS]
    for entry in NOTEBOOKS:
        first = nbformat.read(REPO / "notebooks" / entry.file, as_version=4).cells[0]
        assert first.cell_type == "markdown" and first.source.startswith(f"# {entry.number} · "), entry.file
    declared = [pattern for n in NOTEBOOKS for pattern in (*n.writes, n.file)]
    written = [p.name for p in out.iterdir() if p.is_file() and not p.name.startswith(".")]
    assert [name for name in written if not any(fnmatch.fnmatch(name, pattern) for pattern in declared)] == []


def test_the_notebooks_share_one_corpus_load_and_one_extraction(seed_report, seed_path):
    """The work area holds the articles, attributions and claims the notebooks shared, as the functions compute
    them; the marker lists those files so the next run replaces them."""
    out, _ = seed_report
    listed = read_marker(out)["files"]
    assert {f"work/{name}" for name in workarea.FILES.values()} <= set(listed)
    articles = load_corpus(seed_path)
    attributions = extract_attributions(articles)
    shared = workarea.SharedResults(str(seed_path), out / "work")
    pd.testing.assert_frame_equal(shared.articles(), articles)
    pd.testing.assert_frame_equal(shared.articles().attrs["load_report"], articles.attrs["load_report"],
                                  check_frame_type=False)
    pd.testing.assert_frame_equal(shared.attributions(), attributions)
    pd.testing.assert_frame_equal(shared.claims(), extract_claims(articles))
    view = content_view(articles)
    pd.testing.assert_frame_equal(shared.content(), view)
    pd.testing.assert_frame_equal(furniture_summary(shared.content()), furniture_summary(view))


def test_each_result_is_computed_once_per_work_area(tmp_path, seed_path, monkeypatch):
    """Two notebooks (two kernels: two SharedResults on one work area) load the corpus once and extract the
    attributions once; run alone (no work area), a notebook computes what it asks for, once."""
    calls = []

    def counted(name, function):
        def call(*args, **kwargs):
            calls.append(name)
            return function(*args, **kwargs)
        return call

    monkeypatch.setattr(workarea, "load_corpus", counted("load", workarea.load_corpus))
    monkeypatch.setattr(workarea, "extract_attributions", counted("attributions", workarea.extract_attributions))
    first, second = (workarea.SharedResults(str(seed_path), tmp_path / "work") for _ in range(2))
    sources = first.attributions()
    mine = first.articles()
    mine["outlet_name"] = "x"  # a notebook's own column stays its own
    assert "outlet_name" not in second.articles()
    pd.testing.assert_frame_equal(second.attributions(), sources)
    second.claims()
    assert calls == ["load", "attributions"]
    calls.clear()
    alone = workarea.SharedResults(str(seed_path))
    alone.claims(), alone.attributions(), alone.articles()
    assert calls == ["load", "attributions"]
    workarea.clear_work_area(tmp_path)
    assert sorted(p.name for p in (tmp_path / "work").iterdir()) == []


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
    for ext in ("png", "svg", "pdf", "csv"):
        assert (out / f"02_wordcloud.{ext}").stat().st_size > 0, f"02_wordcloud.{ext}"


def test_one_article_is_read_on_its_own_not_drawn_as_a_corpus(seed_report):
    out, _ = seed_report
    # no corpus charts of one article: no bars one article long, no top-terms bars of a corpus of one
    for figure in ["01_articles_by_outlet", "01_articles_by_section", "02_top_terms", "02_top_stems",
                   "02_top_bigrams", "03_sources", "03_verbs", "03_agencies", "04_claims_by_unit"]:
        assert not (out / f"{figure}.png").exists(), figure
    assert "so the report reads each article" in _outputs(out / "01_corpus_overview.ipynb")
    listed = pd.read_csv(out / "01_articles.csv", encoding="utf-8-sig")
    assert listed["title"].tolist() == ["المعارضة السورية المسلحة تأسر عناصر داعش فى إدلب"]
    assert listed["n_words"].iloc[0] > 300
    key = pd.read_csv(out / "02_article_terms.csv", encoding="utf-8-sig")
    assert set(key["term"].head(2)) == {"داعش", "ادلب"} and "إدلب" in set(key["spelling"])
    said = pd.read_csv(out / "03_statements.csv", encoding="utf-8-sig")
    assert (said["speaker"] == "ناجي أبو حذيفة").sum() == 7 and "مصادر محلية" in set(said["speaker"])
    assert set(said.loc[said["speaker"] == "ناجي أبو حذيفة", "agency"]) == {"anadolu"}
    numbers = pd.read_csv(out / "04_numbers.csv", encoding="utf-8-sig").set_index("value_text")
    assert numbers.loc["ألفي", "claimant"] == "ناجي أبو حذيفة" and numbers.loc["30", "claimant"] == "صوت الوسيلة"


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
    for figure in ["01_articles_by_month", "02_terms_by_outlet", "02_terms_over_time", "02_keyness", "02_top_terms",
                   "03_sources", "04_claims_by_unit", "02_naming"]:
        assert (out / f"{figure}.png").is_file(), figure
    for article_level in ["01_articles", "02_article_terms", "03_statements", "04_numbers"]:  # 209 is a corpus
        assert not (out / f"{article_level}.csv").exists(), article_level
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


def _copy_sources(target: Path) -> Path:
    """The files a build reads, copied out of the repository (a build writes build/ and *.egg-info beside them)."""
    target.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE"):
        if (REPO / name).is_file():
            shutil.copy2(REPO / name, target / name)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")
    shutil.copytree(REPO / "analysis", target / "analysis", ignore=skip)
    shutil.copytree(REPO / "notebooks", target / "notebooks", ignore=skip)
    return target


def test_installed_package_runs_the_report_from_another_folder(seed_report, tmp_path):
    """`pip install .` (not editable) into a fresh venv, then `python -m analysis report SEEDS --out DIR` from
    another working folder: the notebooks come from the package and the report equals the checkout's.

    The venv sees this environment's packages (pandas, nbclient ...) through a .pth line, after its own
    site-packages, and the package is installed with --no-deps: only the build backend is fetched, from
    pip's configured index, as for any `pip install .`.
    """
    source = _copy_sources(tmp_path / "source")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True, env=env).stdout.strip()
    Path(site, "_parent_environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    installed = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                                "--quiet", str(source)], capture_output=True, text=True, env=env, timeout=600)
    assert installed.returncode == 0, installed.stderr[-3000:]
    shutil.rmtree(source)  # nothing may come from the sources any more

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run([str(python), "-c", "import analysis.report.manifest as m; print(m.notebook_folder())"],
                           cwd=elsewhere, capture_output=True, text=True, env=env, check=True).stdout.strip()
    assert Path(where).is_relative_to(Path(site)) and Path(where).name == "notebooks"
    done = subprocess.run([str(python), "-m", "analysis", "report", str(REPO / "seeds"), "--out", "another/folder"],
                          cwd=elsewhere, capture_output=True, text=True, env=env, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    out = elsewhere / "another" / "folder"
    assert (out / "report.html").is_file() and (out / "work" / "articles.parquet").is_file()
    checkout, _ = seed_report
    tables = sorted(p.name for p in checkout.glob("*.csv"))
    assert tables == sorted(p.name for p in out.glob("*.csv")) and len(tables) > 10
    assert [name for name in tables if not filecmp.cmp(checkout / name, out / name, shallow=False)] == []
