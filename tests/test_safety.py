"""Safety of the package and of ``python -m analysis``: no network at run time, nothing written
outside the output folder, output folders that are not ours refused unless ``--force``, and every
error a user can cause reported in one line (what, where, what to do) with a documented type."""

from __future__ import annotations

import ast
import compileall
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from matplotlib.figure import Figure

import analysis
from analysis.errors import AnalysisError, CorpusFormatError, CorpusNotFoundError, EmptyCorpusError, FontError
from analysis.output.export import (
    MARKER,
    OutputFolderError,
    claim_folder,
    output_folder,
    read_marker,
    save_figure,
    save_table,
)
from analysis.report import cli
from analysis.report.runner import NotebookError, run_report

REPO = Path(__file__).resolve().parents[1]

# --- no network: what the code imports ------------------------------------------------------------------

#: Modules (top-level names) that open network connections or fetch URLs.
NETWORK_MODULES = frozenset({
    "socket", "ssl", "socketserver", "http", "urllib", "urllib3", "requests", "httpx", "aiohttp", "ftplib",
    "smtplib", "poplib", "imaplib", "nntplib", "telnetlib", "xmlrpc", "webbrowser", "websocket", "websockets",
    "tornado", "zmq", "grpc", "paramiko", "pycurl", "fsspec", "s3fs", "gcsfs", "boto3", "botocore", "distributed",
})
#: The one deliberate exception: the Dask engine runs on ``dask.distributed`` (a local cluster on
#: 127.0.0.1, or a scheduler whose address the user gives).  Nowhere else.
ALLOWED = {("distributed", "analysis/dask_engine/cluster.py")}
#: IPython magics that install, download or run shell commands.
NETWORK_MAGICS = frozenset({"pip", "conda", "mamba", "micromamba", "load", "loadpy", "sx", "system", "bash", "sh",
                            "script", "sc"})
URL = re.compile(r"\b(?:https?|ftps?|wss?|s3|gs)://", re.IGNORECASE)


def _imports(tree: ast.AST) -> list[tuple[str, int]]:
    """Every module a piece of code imports, statically or through ``__import__``/``import_module``."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module, node.lineno))
        elif isinstance(node, ast.Call) and ast.unparse(node.func) in ("__import__", "importlib.import_module",
                                                                       "import_module"):
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                found.append((node.args[0].value, node.lineno))
    return found


def _shell_and_magics(tree: ast.AST) -> list[tuple[str, int]]:
    """Shell escapes (``!cmd``) and network-capable magics (``%pip``) in a transformed notebook cell."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            if name in ("system", "getoutput"):
                found.append((f"!{ast.unparse(node.args[0]) if node.args else ''}", node.lineno))
            elif name in ("run_line_magic", "run_cell_magic") and node.args:
                magic = node.args[0].value if isinstance(node.args[0], ast.Constant) else ""
                if str(magic).lstrip("%") in NETWORK_MAGICS:
                    found.append((f"%{magic}", node.lineno))
    return found


def _url_literals(tree: ast.AST) -> list[tuple[str, int]]:
    """String constants that are (or hold) a URL, docstrings aside (they may cite a paper's page)."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [(node.value, node.lineno) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            and URL.search(node.value)]


def _code_sources() -> list[tuple[str, str]]:
    """(where, Python source) for every module of analysis/ and every code cell of notebooks/."""
    from IPython.core.inputtransformer2 import TransformerManager

    modules = sorted((REPO / "analysis").rglob("*.py"))
    sources = [(str(p.relative_to(REPO)), p.read_text(encoding="utf-8")) for p in modules]
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        for i, cell in enumerate(nbformat.read(path, as_version=4).cells):
            if cell.cell_type == "code":  # magics and shell escapes become plain Python calls
                sources.append((f"notebooks/{path.name} cell {i}", TransformerManager().transform_cell(cell.source)))
    return sources


def test_the_static_scan_sees_every_way_to_reach_the_network():
    code = ("import os, urllib.request\nfrom http import client\nfrom . import socket\n"
            "import importlib\nimportlib.import_module('requests')\n__import__('socket')\n"
            "def f():\n    'See https://example.org/paper for the method.'\n"
            "    return pd.read_csv('https://example.org/x.csv')\n")
    tree = ast.parse(code)
    assert [m for m, _ in _imports(tree) if m.split(".")[0] in NETWORK_MODULES] == [
        "urllib.request", "http", "requests", "socket"]  # "from . import socket" is a module of ours
    assert _url_literals(tree) == [("https://example.org/x.csv", 9)]  # the docstring's URL is not fetched
    from IPython.core.inputtransformer2 import TransformerManager

    cell = TransformerManager().transform_cell("!pip install wordcloud\n%pip install x\n%time y = 1\n")
    assert [m for m, _ in _shell_and_magics(ast.parse(cell))] == ["!'pip install wordcloud'", "%pip"]


def test_no_module_or_notebook_cell_can_reach_the_network():
    sources = _code_sources()
    assert sum(where.startswith("analysis/") for where, _ in sources) >= 25
    assert sum(where.startswith("notebooks/") for where, _ in sources) >= 30
    found = []
    for where, code in sources:
        tree = ast.parse(code, filename=where)
        found += [f"{where}:{line}: imports {m}" for m, line in _imports(tree)
                  if m.split(".")[0] in NETWORK_MODULES and (m.split(".")[0], where) not in ALLOWED]
        found += [f"{where}:{line}: imports {m}" for m, line in _imports(tree) if m == "dask.distributed"
                  and ("distributed", where) not in ALLOWED]
        found += [f"{where}:{line}: runs {what}" for what, line in _shell_and_magics(tree)]
        found += [f"{where}:{line}: names the URL {what!r}" for what, line in _url_literals(tree)]
    assert found == []


def test_fonts_come_from_local_files_only():
    """Charts use installed or bundled fonts (matplotlib's font manager), never a downloaded one."""
    import matplotlib as mpl

    from analysis.output import fonts

    choice = fonts.arabic_font()
    assert Path(os.fspath(choice.path)).is_file() and not URL.search(os.fspath(choice.path))
    assert [k for k, v in mpl.rcParams.items() if isinstance(v, str) and URL.search(v)] == []
    with pytest.raises(FontError, match="font file not found"):  # a URL is not a font file: refused, never fetched
        fonts.arabic_font("https://example.org/Amiri.ttf")


# --- no network: a guard that refuses every non-loopback connection ----------------------------------------

#: Source of the guard, used in this process (through monkeypatch) and, as sitecustomize.py, in the
#: report's processes and kernels.  Loopback stays open: Jupyter kernels talk to their client over it.
GUARD = '''
import ipaddress
import socket

_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def is_loopback(host):
    """True for a loopback host, and for no host at all (a passive lookup, to bind a port)."""
    if host is None or host in ("", b""):
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).strip("[]").split("%", 1)[0]
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def install(patch, record):
    """Make every non-loopback connection or name lookup raise OSError; record(kind, target) each one."""
    methods = {name: getattr(socket.socket, name) for name in ("connect", "connect_ex", "sendto")}
    functions = {name: getattr(socket, name)
                 for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "create_connection")}

    def refuse(kind, target):
        record(kind, target)
        raise OSError(f"network access blocked: {kind} {target!r}")

    def remote(address):
        return isinstance(address, tuple) and not is_loopback(address[0])  # AF_UNIX paths are local

    def connect(self, address):
        if remote(address):
            refuse("connect", address)
        return methods["connect"](self, address)

    def connect_ex(self, address):
        if remote(address):
            refuse("connect_ex", address)
        return methods["connect_ex"](self, address)

    def sendto(self, data, *rest):
        if rest and remote(rest[-1]):
            refuse("sendto", rest[-1])
        return methods["sendto"](self, data, *rest)

    def lookup(name):
        def guarded(host, *args, **kwargs):
            if not is_loopback(host):
                refuse(name, host)
            return functions[name](host, *args, **kwargs)
        return guarded

    def create_connection(address, *args, **kwargs):
        if remote(address):
            refuse("create_connection", address)
        return functions["create_connection"](address, *args, **kwargs)

    for name, function in (("connect", connect), ("connect_ex", connect_ex), ("sendto", sendto)):
        patch(socket.socket, name, function)
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        patch(socket, name, lookup(name))
    patch(socket, "create_connection", create_connection)
'''

SITECUSTOMIZE = GUARD + '''

def _start():
    import os
    import sys

    log = os.environ.get("ANALYSIS_TEST_NETGUARD")
    if not log:
        return

    def record(kind, target):
        with open(log + ".attempts", "a", encoding="utf-8") as f:
            f.write(f"{os.getpid()} {kind} {target!r}\\n")

    install(setattr, record)
    role = "kernel" if "JPY_PARENT_PID" in os.environ else "process"  # set by Jupyter's kernel launcher
    with open(log + ".loaded", "a", encoding="utf-8") as f:
        f.write(f"{os.getpid()} {role} {' '.join(sys.argv)}\\n")


_start()
'''


@pytest.fixture
def no_network(monkeypatch) -> list:
    """Block non-loopback connections and DNS in this process; the list collects every attempt."""
    namespace: dict = {}
    exec(compile(GUARD, "netguard", "exec"), namespace)  # noqa: S102 - the guard's source is defined above
    attempts: list = []
    namespace["install"](monkeypatch.setattr, lambda kind, target: attempts.append((kind, target)))
    return attempts


def test_the_guard_blocks_remote_hosts_and_lets_loopback_through(no_network):
    with pytest.raises(OSError, match="network access blocked"):
        socket.create_connection(("192.0.2.1", 80), timeout=1)  # TEST-NET-1: refused before any packet
    with pytest.raises(OSError, match="network access blocked"):
        socket.getaddrinfo("example.org", 443)
    with pytest.raises(OSError, match="network access blocked"):
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("198.51.100.7", 53))
    assert [kind for kind, _ in no_network] == ["create_connection", "getaddrinfo", "sendto"]
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=5):
            pass
    assert len(no_network) == 3  # loopback is not an attempt


def test_the_analysis_runs_without_the_network(no_network, seed_path, sample_dir, tmp_path):
    seed = analysis.load_corpus(seed_path)
    sample = analysis.load_corpus(sample_dir)
    assert len(seed) == 1 and len(sample) == 209
    with pytest.raises(CorpusNotFoundError):  # a URL is a path that does not exist: never fetched
        analysis.load_corpus("https://example.org/news.csv")

    terms = analysis.term_frequency(sample, by="outlet", form="stem", top=10)
    assert terms["outlet"].nunique() == sample["outlet"].nunique() > 1
    mine = sample["outlet"] == sample["outlet"].value_counts().index[0]
    key = analysis.keyness(sample[mine], sample[~mine], top=20)
    assert {"target", "reference"} <= set(key["direction"])
    lines = analysis.kwic(seed, "الأناضول", form="stem")
    assert lines["left"].str.endswith("لمراسل").any()
    statements = analysis.extract_attributions(seed)
    assert statements["channel"].str.contains("لمراسل الأناضول").any()
    claims = analysis.extract_claims(seed)
    assert 2000 in set(claims["value"])  # "ألفي مقاتل"
    comparison = analysis.compare_claims(analysis.extract_claims(sample), sample)
    agencies = analysis.agency_counts(analysis.with_agencies(sample))
    assert len(comparison) > 0 and "anadolu" in set(agencies["agency"])

    overview = analysis.corpus_overview(sample)
    figures = {
        "top_terms": analysis.plot_top_terms(seed),
        "by_outlet": analysis.plot_terms_by_outlet(sample, top=5),
        "over_time": analysis.plot_terms_over_time(sample, period="month"),
        "keyness": analysis.plot_keyness(key, target_label="أ", reference_label="ب"),
        "wordcloud": analysis.plot_wordcloud(seed, top=40),
        "sources": analysis.plot_sources(statements),
        "claims": analysis.plot_claims(claims),
        "outlets": analysis.plot_counts(overview["by_outlet"], "name"),
    }
    out = tmp_path / "figures"
    for name, fig in figures.items():
        formats = ("png", "svg", "pdf") if name in ("top_terms", "claims") else ("png",)  # PDF embeds the fonts
        written = save_figure(fig, name, out=out, formats=formats, dpi=100)
        assert all(path.stat().st_size > 0 for path in written.values())
    save_table(terms, "terms", out=out)
    assert no_network == []


def test_the_dask_engine_runs_without_the_network(no_network, seed_path, tmp_path, monkeypatch):
    """A local Dask cluster talks over loopback only, in this process and in its worker processes."""
    distributed = pytest.importorskip("distributed")
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(guard), str(REPO), os.environ.get("PYTHONPATH", "")]))
    monkeypatch.setenv("ANALYSIS_TEST_NETGUARD", str(guard / "net"))
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster):
        articles = analysis.load_corpus(seed_path, engine="dask")
        terms = analysis.term_frequency(articles, top=5)
        claims = analysis.extract_claims(articles).compute()
    assert set(terms["term"].head(2)) == {"داعش", "ادلب"} and 2000 in set(claims["value"])
    assert no_network == []
    assert (guard / "net.loaded").read_text(encoding="utf-8").strip(), "the worker processes ran the guard"
    assert not (guard / "net.attempts").exists()


# --- the report under the guard, in a sandbox: no network, nothing written outside --out ---------------------


def _snapshot(root: Path) -> dict[str, tuple]:
    """Every file and folder under ``root``: (size, mtime_ns) for files, mtime_ns for folders.

    A folder's mtime changes when an entry is created or removed in it, so even a temporary
    file that was cleaned up shows."""
    state = {".": ("dir", root.stat().st_mtime_ns)}
    for path in root.rglob("*"):
        info = path.lstat()
        key = path.relative_to(root).as_posix()
        state[key] = ("dir", info.st_mtime_ns) if path.is_dir() else (info.st_size, info.st_mtime_ns)
    return state


def _changes(before: dict, after: dict) -> list[str]:
    return sorted({k for k in before.keys() | after.keys() if before.get(k) != after.get(k)})


def _project_copy(target: Path) -> Path:
    """A checkout of the project (package, notebooks, seeds, figures/.gitkeep), imported once.

    The report runs from this copy so that any write into the project, including Python's
    bytecode caches, shows against a tree nobody else is editing."""
    for name in ("analysis", "notebooks", "seeds"):
        shutil.copytree(REPO / name, target / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints"))
    for name in ("pyproject.toml", "README.md", "requirements.txt"):
        shutil.copy2(REPO / name, target / name)
    (target / "figures").mkdir()
    (target / "figures" / ".gitkeep").touch()  # figures/ as checked out
    assert compileall.compile_dir(target / "analysis", quiet=1)
    return target


def _sandboxed_report(tmp_path: Path, corpus_source: Path) -> dict:
    """Run ``python -m analysis report`` on a copy of ``corpus_source`` with every user folder in a sandbox
    and the network guard in every Python process; return what changed where."""
    project = _project_copy(tmp_path / "project")
    corpus = tmp_path / "corpus"
    if corpus_source.is_dir():
        shutil.copytree(corpus_source, corpus)
    else:
        corpus.mkdir()
        shutil.copy2(corpus_source, corpus / corpus_source.name)
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    user = {name: tmp_path / "user" / name for name in ("home", "cache", "config", "data", "mpl", "runtime",
                                                         "ipython", "tmp")}
    for folder in user.values():
        folder.mkdir(parents=True)
    env = {**os.environ, "HOME": str(user["home"]), "XDG_CACHE_HOME": str(user["cache"]),
           "XDG_CONFIG_HOME": str(user["config"]), "XDG_DATA_HOME": str(user["data"]),
           "MPLCONFIGDIR": str(user["mpl"]), "JUPYTER_RUNTIME_DIR": str(user["runtime"]),
           "IPYTHONDIR": str(user["ipython"]), "TMPDIR": str(user["tmp"]),
           "PYTHONPATH": os.pathsep.join([str(guard), str(project)]),
           "ANALYSIS_TEST_NETGUARD": str(guard / "net")}
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_PATH", "PYTHONDONTWRITEBYTECODE",
                 "PYTHONPYCACHEPREFIX"):
        env.pop(name, None)
    out = tmp_path / "out"
    roots = {"project": project, "corpus": corpus, "cwd": cwd, "user": tmp_path / "user"}
    before = {name: _snapshot(root) for name, root in roots.items()}
    done = subprocess.run([sys.executable, "-m", "analysis", "report", str(corpus), "--out", str(out)],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=1800)
    after = {name: _snapshot(root) for name, root in roots.items()}
    loaded = (guard / "net.loaded").read_text(encoding="utf-8").splitlines() if (guard / "net.loaded").exists() else []
    attempts = (guard / "net.attempts").read_text(encoding="utf-8") if (guard / "net.attempts").exists() else ""
    return {"done": done, "out": out, "user": user, "loaded": loaded, "attempts": attempts,
            "changed": {name: _changes(before[name], after[name]) for name in roots}}


def _assert_safe_run(run: dict) -> None:
    done, out, user = run["done"], run["out"], run["user"]
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    assert (out / "report.html").is_file() and "report.html" in read_marker(out)["files"]
    # the guard ran in the command and in each of the five kernels, and nothing tried the network
    assert len({line.split()[0] for line in run["loaded"]}) >= 6, run["loaded"]
    assert sum(line.split()[1] == "kernel" for line in run["loaded"]) >= 5, run["loaded"]
    assert run["attempts"] == ""
    # nothing changed in the project, the corpus or the working folder
    changed = run["changed"]
    assert changed["project"] == [] and changed["corpus"] == [] and changed["cwd"] == []
    # outside --out only the documented caches: matplotlib's font cache, IPython's profile folder;
    # kernel connection files and temporary files are gone when the command ends
    user_root = user["home"].parent
    caches = ("mpl", "ipython", "runtime", "tmp")
    unexpected = [p for p in changed["user"] if p != "." and p.split("/")[0] not in caches]
    assert unexpected == []
    assert list(user["tmp"].iterdir()) == [] and list(user["runtime"].iterdir()) == []
    assert list(user["mpl"].glob("fontlist-*.json")), "the font cache was built under the guard"
    for name in ("home", "cache", "config", "data"):
        assert list((user_root / name).iterdir()) == [], name


def test_report_on_the_seed_stays_offline_and_inside_its_folder(tmp_path, seed_path):
    run = _sandboxed_report(tmp_path, seed_path)
    _assert_safe_run(run)
    claims = pd.read_csv(run["out"] / "04_claims.csv", encoding="utf-8-sig")
    assert 2000 in set(claims["value"])  # the notebooks did their work: "ألفي مقاتل"


def test_report_on_the_sample_stays_offline_and_inside_its_folder(tmp_path, sample_dir):
    run = _sandboxed_report(tmp_path, sample_dir)
    _assert_safe_run(run)
    by_outlet = pd.read_csv(run["out"] / "01_by_outlet.csv", encoding="utf-8-sig")
    assert by_outlet["articles"].sum() == 209


def test_the_sitecustomize_guard_blocks_a_subprocess(tmp_path):
    (tmp_path / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "ANALYSIS_TEST_NETGUARD": str(tmp_path / "net")}
    done = subprocess.run([sys.executable, "-c", "import socket; socket.getaddrinfo('example.org', 80)"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "network access blocked" in done.stderr
    assert "getaddrinfo 'example.org'" in (tmp_path / "net.attempts").read_text(encoding="utf-8")


# --- output folders: ours, or refused unless --force ---------------------------------------------------------


def test_a_new_or_placeholder_only_folder_is_claimed_and_marked(tmp_path):
    fresh = claim_folder(tmp_path / "a" / "b", producer="test")
    assert read_marker(fresh)["written_by"] == "test" and read_marker(fresh)["files"] == []
    kept = tmp_path / "figures"
    kept.mkdir()
    (kept / ".gitkeep").touch()  # as the repository's figures/
    claim_folder(kept)
    assert sorted(p.name for p in kept.iterdir()) == sorted([".gitkeep", MARKER])


def test_a_foreign_folder_is_refused_and_force_keeps_its_files(tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("مسودة", encoding="utf-8")
    with pytest.raises(OutputFolderError, match=rf"{re.escape(str(mine))} is not empty .*--force"):
        claim_folder(mine)
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]  # refused: nothing written, not even the marker
    with output_folder(mine, force=True, producer="test") as folder:
        (folder / "01_terms.csv").write_text("term\n", encoding="utf-8")
    assert read_marker(mine)["files"] == ["01_terms.csv"]  # the user's file is not ours
    claim_folder(mine)  # marked now: ours
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "مسودة"


def test_a_rerun_replaces_its_own_files_and_nothing_else(tmp_path):
    out = tmp_path / "out"
    with output_folder(out, producer="test") as folder:
        (folder / "01_old_chart.png").write_bytes(b"png")
        (folder / "02_terms.csv").write_text("a\n", encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")  # added by the user later
    (tmp_path / "outside.txt").write_text("keep", encoding="utf-8")
    marker = json.loads((out / MARKER).read_text(encoding="utf-8"))
    marker["files"] += ["../outside.txt", MARKER]  # a tampered marker cannot reach outside or itself
    (out / MARKER).write_text(json.dumps(marker), encoding="utf-8")
    with output_folder(out, producer="test") as folder:
        assert not (folder / "01_old_chart.png").exists()  # a stale figure never reaches the new report
        (folder / "02_terms.csv").write_text("b\n", encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "02_terms.csv", "notes.txt"]
    assert (tmp_path / "outside.txt").read_text(encoding="utf-8") == "keep"
    assert read_marker(out)["files"] == ["02_terms.csv"]


def test_a_rerun_replaces_the_files_of_its_work_area_and_nothing_else(tmp_path):
    """The report's work area (a subfolder) is listed as ``work/NAME`` and replaced; a tampered entry cannot
    reach deeper or outside, and the user's own files there stay."""
    out = tmp_path / "out"
    with output_folder(out, producer="test", subfolders=("work",)) as folder:
        (folder / "work").mkdir()
        (folder / "work" / "articles.parquet").write_bytes(b"PAR1")
        (folder / "01_summary.csv").write_text("x\n", encoding="utf-8")
    assert read_marker(out)["files"] == ["01_summary.csv", "work/articles.parquet"]
    (tmp_path / "outside.txt").write_text("keep", encoding="utf-8")
    marker = json.loads((out / MARKER).read_text(encoding="utf-8"))
    marker["files"] += ["work/../../outside.txt", "work/../01_summary.csv", "/etc/hostname"]
    (out / MARKER).write_text(json.dumps(marker), encoding="utf-8")
    with output_folder(out, producer="test", subfolders=("work",)) as folder:
        assert not (folder / "work").exists()  # emptied, then removed
    assert (tmp_path / "outside.txt").read_text(encoding="utf-8") == "keep"
    with output_folder(out, producer="test", subfolders=("work",)) as folder:
        (folder / "work").mkdir()
        (folder / "work" / "mine.txt").write_text("notes", encoding="utf-8")  # written by hand, not by a run
    marker = json.loads((out / MARKER).read_text(encoding="utf-8"))
    marker["files"].remove("work/mine.txt")
    (out / MARKER).write_text(json.dumps(marker), encoding="utf-8")
    claim_folder(out, clean=True)
    assert (out / "work" / "mine.txt").read_text(encoding="utf-8") == "notes"


def test_the_marker_lists_what_a_failed_run_wrote(tmp_path):
    with pytest.raises(RuntimeError), output_folder(tmp_path / "out", producer="test") as folder:
        (folder / "01_summary.csv").write_text("x\n", encoding="utf-8")
        raise RuntimeError("a notebook failed")
    assert read_marker(tmp_path / "out")["files"] == ["01_summary.csv"]


def test_run_report_refuses_a_foreign_folder_before_running_anything(tmp_path, seed_path):
    out = tmp_path / "thesis"
    out.mkdir()
    (out / "chapter1.docx").write_bytes(b"...")
    with pytest.raises(OutputFolderError, match="thesis"):
        run_report(seed_path, out, progress=lambda message: None)
    assert [p.name for p in out.iterdir()] == ["chapter1.docx"]


def test_the_output_folder_cannot_be_inside_the_corpus(tmp_path, seed_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy2(seed_path, corpus)
    with pytest.raises(OutputFolderError, match="inside the corpus"):
        run_report(corpus, corpus / "report", force=True, progress=lambda message: None)
    assert [p.name for p in corpus.iterdir()] == [seed_path.name]


def test_save_figure_refuses_names_that_leave_its_folder(tmp_path):
    fig = Figure()
    fig.add_subplot().bar(["أ", "ب"], [1, 2])
    out = tmp_path / "figs"
    for name in ["../x", "a/../../x", "..\\x", "/tmp/x", str(tmp_path / "abs"), "C:\\x", "~/x"]:
        with pytest.raises(ValueError, match="out of the export folder"):
            save_figure(fig, name, out=out, formats="png")
        with pytest.raises(ValueError, match="out of the export folder"):
            save_table(pd.DataFrame({"x": [1]}), name, out=out)
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing written anywhere
    written = save_figure(fig, "أكثر الكلمات / CNN", out=out, formats="png")  # a title's slash is not a path
    assert written["png"] == out / "أكثر_الكلمات_CNN.png" and written["png"].is_file()


# --- errors: one line, exit status, the file named, no traceback unless --debug -----------------------------


def _run(capsys, argv: list[str]) -> tuple[int, str]:
    try:
        status = cli.main(argv)
    except SystemExit as exc:  # argparse usage errors
        status = exc.code
    return status, capsys.readouterr().err


def _one_error_line(err: str) -> str:
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith(("error:", "internal error:", "interrupted"))]
    assert len(errors) == 1, err
    assert err.strip().splitlines()[-1] == errors[0], err  # the error is the last thing said
    return errors[0]


def test_missing_and_empty_corpora(capsys, tmp_path):
    for command in ("report", "tables", "terms"):
        status, err = _run(capsys, [command, str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")]
                           if command != "terms" else [command, str(tmp_path / "nowhere")])
        line = _one_error_line(err)
        assert status == 2 and "corpus path not found" in line and str(tmp_path / "nowhere") in line
    assert not (tmp_path / "out").exists()  # a failed start leaves nothing behind
    empty = tmp_path / "empty"
    empty.mkdir()
    status, err = _run(capsys, ["report", str(empty), "--out", str(tmp_path / "out")])
    assert status == 2 and str(empty) in _one_error_line(err)
    unreadable = tmp_path / "photos"
    unreadable.mkdir()
    (unreadable / "cover.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    status, err = _run(capsys, ["terms", str(unreadable)])
    line = _one_error_line(err)
    assert status == 2 and "no article could be loaded" in line and str(unreadable) in line


def test_an_output_path_that_is_a_file_or_foreign(capsys, tmp_path, seed_path):
    afile = tmp_path / "report.pdf"
    afile.write_bytes(b"%PDF")
    for command in ("report", "tables"):
        status, err = _run(capsys, [command, str(seed_path), "--out", str(afile)])
        line = _one_error_line(err)
        assert status == 2 and f"output folder {afile} is a file" in line and "another folder" in line
        status, err = _run(capsys, [command, str(seed_path), "--out", str(afile / "sub")])
        assert status == 2 and str(afile / "sub") in _one_error_line(err)
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "data.csv").write_text("x\n", encoding="utf-8")
    status, err = _run(capsys, ["tables", str(seed_path), "--out", str(foreign)])
    line = _one_error_line(err)
    assert status == 2 and str(foreign) in line and "--force" in line and "another folder" in line
    status, err = _run(capsys, ["tables", str(seed_path), "--out", str(foreign), "--force"])
    assert status == 0 and (foreign / "terms_normalized.csv").is_file()
    assert (foreign / "data.csv").read_text(encoding="utf-8") == "x\n"
    terms = pd.read_csv(foreign / "terms_normalized.csv", encoding="utf-8-sig")
    assert {"داعش", "ادلب"} <= set(terms["term"].head(5))
    status, err = _run(capsys, ["tables", str(seed_path), "--out", str(foreign)])  # ours now: no --force needed
    assert status == 0


def _permissions_bind(folder: Path) -> bool:
    """Whether a chmod 000 folder is really closed to this process (not for root, which may override)."""
    probe = folder / "probe"
    probe.mkdir()
    probe.chmod(0)
    try:
        list(probe.iterdir())
    except PermissionError:
        return True
    finally:
        probe.chmod(0o755)
        probe.rmdir()
    return False


def test_an_unwritable_output_folder(capsys, tmp_path, seed_path):
    if not _permissions_bind(tmp_path):
        pytest.skip("file permissions do not bind this user (root): chmod 000 folders stay writable")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        for out in (locked, locked / "sub"):
            for command in ("report", "tables"):
                status, err = _run(capsys, [command, str(seed_path), "--out", str(out)])
                line = _one_error_line(err)
                assert status == 2 and line.startswith(f"error: output folder {out} ") and "permissions" in line
        readonly = tmp_path / "readonly"
        readonly.mkdir()
        readonly.chmod(0o555)
        status, err = _run(capsys, ["report", str(seed_path), "--out", str(readonly)])
        assert status == 2 and f"{readonly} is not writable" in _one_error_line(err)
    finally:
        locked.chmod(0o755)
        (tmp_path / "readonly").chmod(0o755)


def test_bad_options_are_one_line_with_the_help_to_read(capsys, seed_path):
    cases = {
        ("terms", str(seed_path), "--form", "roots"): ("--form", "python -m analysis terms --help"),
        ("kwic", "الأناضول", str(seed_path), "--form", "lemma"): ("--form", "python -m analysis kwic --help"),
        ("terms", str(seed_path), "--top", "0"): ("--top", "terms --help"),
        ("terms", str(seed_path), "--ngram", "two"): ("--ngram", "terms --help"),
        ("analyse", str(seed_path)): ("invalid choice: 'analyse'", "python -m analysis --help"),
        (): ("required: command", "python -m analysis --help"),
        ("report", str(seed_path), "--outt", "x"): ("--outt", "python -m analysis --help"),
    }
    for argv, expected in cases.items():
        status, err = _run(capsys, list(argv))
        line = _one_error_line(err)
        assert status == 2 and all(text in line for text in expected), (argv, line)


def test_a_bad_by_column_names_the_corpus_and_the_choices(capsys, seed_path):
    status, err = _run(capsys, ["terms", str(seed_path), "--by", "newspaper"])
    line = _one_error_line(err)
    assert status == 2 and "--by newspaper" in line and str(seed_path) in line
    assert "outlet" in line and "month" in line  # what to use instead
    status, err = _run(capsys, ["terms", str(seed_path), "--by", "section"])
    assert status == 0
    assert issubclass(cli.UsageError, AnalysisError)


def test_bad_format_and_encoding_are_corpus_format_errors(capsys, seed_path):
    status, err = _run(capsys, ["terms", str(seed_path), "--format", "docx"])
    assert status == 2 and "docx" in _one_error_line(err)
    status, err = _run(capsys, ["terms", str(seed_path), "--encoding", "klingon-8"])
    assert status == 2 and "klingon-8" in _one_error_line(err)
    with pytest.raises(CorpusFormatError):
        cli.main(["--debug", "terms", str(seed_path), "--format", "docx"])


def test_a_failing_notebook_is_named_with_its_cell_and_where_to_look(capsys, tmp_path, seed_path, monkeypatch):
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("corpus = None\nout = None", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("import analysis\narticles = analysis.load_corpus(corpus)"),
        nbformat.v4.new_code_cell("articles['no_such_column'].sum()"),
    ])
    broken = tmp_path / "notebooks" / "07_broken.ipynb"
    broken.parent.mkdir()
    nbformat.write(nb, broken)
    monkeypatch.setattr("analysis.report.runner.notebook_paths", lambda: [broken])
    out = tmp_path / "out"
    status, err = _run(capsys, ["report", str(seed_path), "--out", str(out)])
    line = _one_error_line(err)
    assert status == 2
    assert "07_broken.ipynb failed in cell 3 (articles['no_such_column'].sum())" in line and "KeyError" in line
    assert f"open {out / '07_broken.ipynb'}" in line and (out / "07_broken.ipynb").is_file()
    assert read_marker(out)["files"] == ["07_broken.ipynb"]
    with pytest.raises(NotebookError) as raised:
        cli.main(["report", str(seed_path), "--out", str(out), "--debug"])
    assert type(raised.value.__cause__).__name__ == "CellExecutionError"  # --debug shows the cell's traceback


def test_interrupts_bugs_and_os_errors(capsys, seed_path, monkeypatch, tmp_path):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "load_corpus", interrupted)
    status, err = _run(capsys, ["tables", str(seed_path), "--out", str(tmp_path / "tables")])
    assert status == 130 and _one_error_line(err).startswith("interrupted")
    with pytest.raises(KeyboardInterrupt):
        cli.main(["terms", str(seed_path), "--debug"])

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "/data/ant/001.txt")

    monkeypatch.setattr(cli, "load_corpus", denied)
    status, err = _run(capsys, ["terms", str(seed_path)])
    line = _one_error_line(err)
    assert status == 2 and line.startswith("error: Permission denied: /data/ant/001.txt; check")

    monkeypatch.undo()

    def bug(*args, **kwargs):
        raise RuntimeError("unexpected state")

    monkeypatch.setattr(cli, "term_frequency", bug)
    status, err = _run(capsys, ["terms", str(seed_path)])
    line = _one_error_line(err)
    assert status == 1 and line.startswith("internal error: RuntimeError: unexpected state") and "--debug" in line
    with pytest.raises(RuntimeError):
        cli.main(["terms", str(seed_path), "--debug"])


def test_ctrl_c_during_the_report_stops_cleanly(tmp_path, seed_path):
    """A real Ctrl-C: SIGINT to the command and its kernel (one process group, as a terminal sends it)."""
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")  # records every Python process
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(guard), str(REPO)]),
           "ANALYSIS_TEST_NETGUARD": str(guard / "net")}
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "analysis", "report", str(seed_path), "--out", str(out)],
                            cwd=REPO, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True)
    said = []
    for line in proc.stderr:
        said.append(line)
        if "running 02_terms" in line:
            time.sleep(1.5)  # into the notebook's cells
            os.killpg(proc.pid, signal.SIGINT)
            break
    said.append(proc.stderr.read())
    status = proc.wait(timeout=300)
    err = "".join(said)
    assert status == 130, err
    assert "Traceback" not in err and err.strip().splitlines()[-1].startswith(f"interrupted; {out}")
    assert "01_summary.csv" in read_marker(out)["files"]  # what was written is recorded, to be replaced next time
    kernels = [int(line.split()[0]) for line in (guard / "net.loaded").read_text().splitlines()
               if line.split()[1] == "kernel"]
    assert kernels, "a kernel was running"
    deadline = time.monotonic() + 60
    while any(_alive(pid) for pid in kernels) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in kernels), "no kernel is left behind"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_closed_pipe_is_not_an_error(sample_dir):
    proc = subprocess.Popen([sys.executable, "-m", "analysis", "terms", str(sample_dir), "--top", "5000",
                             "--by", "outlet"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()  # as `| head -1` does
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=300) == 0 and first.strip()
    assert "Traceback" not in err and "Broken pipe" not in err and "BrokenPipeError" not in err


def test_every_error_type_is_documented_with_its_exit_status():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in ("CorpusNotFoundError", "EmptyCorpusError", "CorpusFormatError", "OutputFolderError", "UsageError",
                 "NotebookError", "KeyboardInterrupt", "--force", MARKER):
        assert name in readme, name
    for status in ("| 0 |", "| 1 |", "| 2 |", "| 130 |"):
        assert status in readme, status
    assert issubclass(OutputFolderError, AnalysisError) and issubclass(NotebookError, AnalysisError)
    assert issubclass(EmptyCorpusError, AnalysisError)
