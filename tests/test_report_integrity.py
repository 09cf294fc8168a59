"""A report one can trust: outputs traced to their corpus (and mixed corpora refused), re-runs that are atomic,
tables safe to open in a spreadsheet, HTML with no live markup, honest progress and summary lines."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from matplotlib.figure import Figure

import analysis
from analysis.errors import NotebookError, OutputFolderError
from analysis.output import provenance
from analysis.output.export import MARKER, read_marker, save_figure, save_table, spreadsheet_safe
from analysis.progress import RELAY_ENV, progress_bar
from analysis.report import notebook as nbhelpers
from analysis.report.relay import ProgressRelay
from analysis.report.runner import run_notebook, run_report
from analysis.report.staging import FAILED_RUN

REPO = Path(__file__).resolve().parents[1]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- 5. provenance ----------------------------------------------------------------------------------------


def test_the_fingerprint_follows_the_files_not_the_folder(tmp_path, seed_path):
    one = tmp_path / "one"
    one.mkdir()
    shutil.copy2(seed_path, one / "a.txt")
    two = tmp_path / "elsewhere" / "one"
    shutil.copytree(one, two)  # copy2: sizes and times kept
    first = provenance.corpus_fingerprint(one)
    assert first == provenance.corpus_fingerprint(str(one) + "/") and len(first.id) == 16
    assert provenance.corpus_fingerprint(two).id == first.id and first.files == 1 and first.bytes > 0
    (two / "b.txt").write_text("خبر آخر", encoding="utf-8")
    assert provenance.corpus_fingerprint(two).id != first.id
    stat = (one / "a.txt").stat()
    os.utime(one / "a.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # touched
    assert provenance.corpus_fingerprint(one).id != first.id
    assert provenance.corpus_name("x/antcorpus-multisource-v2.1.tar.gz") == "antcorpus-multisource-v2.1"
    assert provenance.corpus_name(seed_path) == "000_a81fb8a759cd5fd1"


def test_notebooks_run_by_hand_write_to_a_folder_named_for_their_corpus(tmp_path, seed_path, monkeypatch):
    monkeypatch.setattr(nbhelpers, "default_out", lambda: tmp_path / "figures")
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / ".gitkeep").touch()
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy2(seed_path, other / "x.txt")
    corpus, out = nbhelpers.resolve(str(seed_path), None)
    assert Path(out) == tmp_path / "figures" / "000_a81fb8a759cd5fd1"
    save_table(pd.DataFrame({"a": [1]}), "01_summary", out=out)
    _, out2 = nbhelpers.resolve(str(other), None)
    assert Path(out2) == tmp_path / "figures" / "other"
    _, given = nbhelpers.resolve(str(other), str(tmp_path / "mine"))  # told otherwise: as told
    assert Path(given) == tmp_path / "mine"
    marker = read_marker(out)
    fingerprint = provenance.corpus_fingerprint(seed_path)
    assert marker["provenance"] == {"01_summary.csv": fingerprint.id}
    assert marker["corpora"][fingerprint.id]["name"] == "000_a81fb8a759cd5fd1"
    # the per-corpus folders are ours: figures/ still counts as empty for the report command
    analysis.output.export.claim_folder(tmp_path / "figures")


def _mixed_folder(tmp_path: Path, seed_path: Path) -> tuple[Path, Path]:
    other = tmp_path / "sample"
    other.mkdir()
    shutil.copy2(seed_path, other / "copy.txt")
    os.utime(other / "copy.txt", ns=(0, 10**18))
    out = tmp_path / "figures"
    _, out_s = nbhelpers.resolve(str(seed_path), str(out))
    save_table(pd.DataFrame({"a": [1]}), "01_summary", out=out_s)
    fig = Figure()
    fig.add_subplot().bar(["أ"], [1])
    save_figure(fig, "02_top_terms", out=out_s, formats="png", data=pd.DataFrame({"term": ["أ"], "count": [1]}))
    nbhelpers.resolve(str(other), str(out))  # 03 run by hand on another corpus into the same folder
    save_table(pd.DataFrame({"speaker": ["س"]}), "03_speakers", out=out)
    return other, out


def test_mixed_corpora_are_refused_in_one_line(tmp_path, seed_path):
    other, out = _mixed_folder(tmp_path, seed_path)
    with pytest.raises(OutputFolderError) as refused:
        nbhelpers.one_corpus(str(seed_path), str(out))
    message = str(refused.value)
    assert "\n" not in message and "different corpora" in message and str(out) in message
    assert "03_speakers.csv from sample" in message and "01_summary.csv, 02_top_terms.csv" in message
    save_table(pd.DataFrame({"speaker": ["س"]}), "03_speakers", out=nbhelpers.resolve(str(seed_path), str(out))[1])
    nbhelpers.one_corpus(str(seed_path), str(out))  # all from the seed again: fine
    with pytest.raises(OutputFolderError, match="this report is for sample"):
        nbhelpers.one_corpus(str(other), str(out))  # the outputs are the seed's, the report would name sample


def test_the_report_notebook_refuses_to_assemble_mixed_corpora(tmp_path, seed_path):
    """05_report itself, run as in JupyterLab on a folder where 03 was run on another corpus."""
    _, out = _mixed_folder(tmp_path, seed_path)
    with pytest.raises(NotebookError, match=r"05_report\.ipynb failed in cell .*OutputFolderError: output folder "
                                            r".* holds outputs of different corpora"):
        run_notebook(REPO / "notebooks" / "05_report.ipynb", out, {"corpus": str(seed_path), "out": str(out)})
    assert not (out / "report.html").exists()


# --- 7. tables safe to open in a spreadsheet ------------------------------------------------------------------


def test_formula_cells_are_neutralised_in_the_files_only(tmp_path):
    frame = pd.DataFrame({"speaker": ["=HYPERLINK(\"x\",\"y\")", "+cmd", "@SUM(1)", "-2+3", "\tx", "وزير", None],
                          "value": [-3.5, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
                          "text_number": ["-3.5", "+20", "1,200", "x", "y", "z", "w"]})
    frame["kind"] = pd.Categorical(["=a", "b", "b", "b", "b", "b", "b"])
    frame["=col"] = 1
    before = frame.copy()
    path = save_table(frame, "01_t", out=tmp_path)
    pd.testing.assert_frame_equal(frame, before)  # the frame in Python is unchanged
    rows = list(csv.reader(path.open(encoding="utf-8-sig", newline="")))
    assert rows[0] == ["speaker", "value", "text_number", "kind", "'=col"]
    assert [r[0] for r in rows[1:]] == ["'=HYPERLINK(\"x\",\"y\")", "'+cmd", "'@SUM(1)", "'-2+3", "'\tx", "وزير", ""]
    assert [r[1] for r in rows[1:]][:2] == ["-3.5", "1.0"] and rows[1][2] == "-3.5" and rows[2][2] == "+20"
    assert rows[1][3] == "'=a"
    fig = Figure()
    fig.add_subplot().bar(["أ"], [1])
    written = save_figure(fig, "01_chart", out=tmp_path, formats="png", data=frame)
    assert written["csv"].read_text(encoding="utf-8-sig") == path.read_text(encoding="utf-8-sig")
    assert spreadsheet_safe(before) is not before and spreadsheet_safe(pd.DataFrame({"a": ["b"]})).iloc[0, 0] == "b"


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


HOSTILE = [
    {"title": "<script>alert('t')</script>=HYPERLINK(\"evil\",\"اضغط\")", "outlet": "=HYPERLINK(\"evil\")",
     "published": "2018-03-01",
     "text": "قال المتحدث باسم الدفاع المدني إن 12 شخصا قتلوا في القصف. وأضاف أن <img src=x onerror=alert(1)> "
             "الوضع صعب.\n\nوقال @SUM(1) إن القوات تقدمت نحو 30 كيلومترا."},
    {"title": "+cmd|' /C calc'!A0", "outlet": "@SUM(1)", "published": "2018-04-02",
     "text": "وقال =HYPERLINK(\"evil\") إن الهدنة صامدة. وأكد مسؤول محلي أن 400 عائلة نزحت من المدينة.\n\n"
             "<script>alert(2)</script> قالت مصادر محلية إن حوالي ألفي مقاتل من داعش وصلوا."},  # a naming mention:
    # a corpus with none fails in 02_terms today (naming(): merge on str and float64 for key variant)
    {"title": "-2+3+cmd", "outlet": "<b onmouseover=alert(3)>الجزيرة</b>", "published": "2018-05-03",
     "text": "=1+1 ذكرت وكالة الأناضول أن 80 شخصا أصيبوا. وقال الوزير إن \"=HYPERLINK(1)\" ليس حلا."},
]


def test_a_hostile_corpus_gives_no_live_markup_and_no_live_formula(tmp_path):
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    lines = [json.dumps(article, ensure_ascii=False) for article in HOSTILE]
    (corpus / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (corpus / "cover.jpg").write_bytes(b"\xff\xd8\xff\xe0 not an article")
    out = tmp_path / "out"
    said: list[str] = []
    report = run_report(corpus, out, progress=said.append)
    # 8. one summary line: articles loaded, files skipped and where they are listed
    summary = [line for line in said if line.startswith("loaded ")]
    listed = out / "01_skipped.csv"
    assert summary == [f"loaded 3 articles from 2 files (1 skipped: listed with the reason in {listed})"]
    assert "cover.jpg" in (out / "01_skipped.csv").read_text(encoding="utf-8-sig")
    # the payloads did reach the tables ...
    speakers = pd.read_csv(out / "03_speakers.csv", encoding="utf-8-sig", dtype=str)
    assert {"'=HYPERLINK", "'@SUM"} <= set(speakers["speaker"].dropna())
    outlets = (out / "01_by_outlet.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in outlets and "'@SUM(1)" in outlets
    # ... and no CSV has a live formula
    live = []
    for path in sorted(out.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.reader(handle):
                live += [(path.name, cell) for cell in row
                         if cell.startswith(FORMULA_STARTS) and not _number(cell)]
    assert live == []
    # report.html: the payloads are text, never markup
    page = report.read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(page)
    scripts = [attrs for tag, attrs in parser.tags if tag == "script"]
    assert scripts and all(attrs.get("type") == "application/json" for attrs in scripts)  # data, never code
    assert not [(tag, name) for tag, attrs in parser.tags for name in attrs if name.startswith("on")]
    assert not [tag for tag, _ in parser.tags if tag == "b"]
    assert "<script>alert" not in page and "<img src=x" not in page


def _number(cell: str) -> bool:
    try:
        float(cell.replace(",", ""))
    except ValueError:
        return False
    return True


# --- 6. atomic re-runs ------------------------------------------------------------------------------------------


def _notebook(path: Path, *cells: str) -> Path:
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("corpus = None\nout = None\nwork = None", metadata={"tags": ["parameters"]}),
        *(nbformat.v4.new_code_cell(cell) for cell in cells)])
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def test_a_failing_rerun_leaves_the_previous_report_and_keeps_the_failed_run_apart(tmp_path, seed_path):
    good = _notebook(tmp_path / "nb" / "01_good.ipynb",
                     "import pandas as pd\nfrom analysis.report.notebook import resolve\n"
                     "from analysis import save_table\ncorpus, out = resolve(corpus, out)\n"
                     "save_table(pd.DataFrame({'a': [1]}), '01_summary', out=out)")
    broken = _notebook(tmp_path / "nb2" / "01_good.ipynb",
                       "from pathlib import Path\nPath(out, '01_summary.csv').write_text('half')",
                       "raise ValueError('no articles here')")
    out = tmp_path / "out"
    run_report(seed_path, out, notebooks=[good], progress=lambda message: None)
    before = _snapshot(out)
    assert "01_summary.csv" in before and read_marker(out)["provenance"]["01_summary.csv"]
    with pytest.raises(NotebookError) as failed:
        run_report(seed_path, out, notebooks=[broken], progress=lambda message: None)
    message = str(failed.value)
    assert f"open {out / FAILED_RUN / '01_good.ipynb'}" in message and "still holds the previous report" in message
    assert (out / FAILED_RUN / "01_good.ipynb").is_file()
    assert {k: v for k, v in _snapshot(out).items() if not k.startswith(FAILED_RUN + "/")} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")] == []  # no temporary folder left
    run_report(seed_path, out, notebooks=[good], progress=lambda message: None)
    assert not (out / FAILED_RUN).exists()  # a complete run clears it


def test_an_interrupted_rerun_leaves_the_previous_report_byte_identical(tmp_path, seed_path):
    out = tmp_path / "out"
    said: list[str] = []
    run_report(seed_path, out, progress=said.append)
    assert "loaded 1 articles from 1 files (0 skipped)" in said
    before = _snapshot(out)
    assert "report.html" in before and "work/articles.parquet" in before and MARKER in before
    proc = subprocess.Popen([sys.executable, "-m", "analysis", "report", str(seed_path), "--out", str(out)],
                            cwd=REPO, stderr=subprocess.PIPE, text=True, start_new_session=True)
    lines = []
    for line in proc.stderr:
        lines.append(line)
        if "running 02_terms" in line:
            time.sleep(1.5)  # 01's files are written (into the temporary folder), 02 is running
            os.killpg(proc.pid, signal.SIGINT)
            break
    lines.append(proc.stderr.read())
    assert proc.wait(timeout=300) == 130, "".join(lines)
    after = _snapshot(out)
    assert sorted(after) == sorted(before)
    assert [name for name in before if before[name] != after[name]] == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")] == []


# --- 8. progress ------------------------------------------------------------------------------------------


def test_progress_bars_change_no_row_and_stay_off_below_the_threshold(seed, capsys):
    quiet = analysis.extract_attributions(seed)
    claims = analysis.extract_claims(seed, attributions=quiet)
    assert capsys.readouterr().err == ""  # one article: no bar
    pd.testing.assert_frame_equal(analysis.extract_attributions(seed, progress=True), quiet)
    pd.testing.assert_frame_equal(analysis.extract_claims(seed, attributions=quiet, progress=True), claims)
    err = capsys.readouterr().err
    assert "attributions" in err and "claims" in err and "100%" in err


def test_the_report_command_draws_the_kernels_progress(tmp_path, monkeypatch):
    stream = tmp_path / "terminal.txt"
    with stream.open("w", encoding="utf-8") as terminal, ProgressRelay(terminal) as relay:
        monkeypatch.setenv(RELAY_ENV, relay.environment[RELAY_ENV])
        assert list(progress_bar(range(5), total=5, desc="attributions")) == list(range(5))
    drawn = stream.read_text(encoding="utf-8")
    assert "attributions" in drawn and "5/5" in drawn
    assert not relay.path.exists()


def test_the_other_commands_say_what_was_loaded_and_where_the_skipped_are(tmp_path, seed_path, capsys):
    from analysis.report import cli

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy2(seed_path, corpus / "a.txt")
    (corpus / "cover.jpg").write_bytes(b"\xff\xd8\xff\xe0 not an article")
    assert cli.main(["tables", str(corpus), "--out", str(tmp_path / "tables")]) == 0
    said = [line for line in capsys.readouterr().err.splitlines() if line.startswith("loaded ")]
    assert len(said) == 1 and said[0].startswith("loaded 1 articles from 2 files in ")
    assert said[0].endswith(f"(1 skipped: listed with the reason in {tmp_path / 'tables' / 'load_report.csv'})")
    assert cli.main(["terms", str(corpus), "--top", "3"]) == 0
    said = [line for line in capsys.readouterr().err.splitlines() if line.startswith("loaded ")]
    assert len(said) == 1 and "python -m analysis tables" in said[0]
