"""The package's shape: its import graph is a DAG, modules stay small, lexicons are consistent data.

The import graph counts every import statement of every module, those inside functions
included, resolved to the module it names (``from analysis.claims import frame`` is an edge
to ``analysis.claims.frame``; ``from analysis.claims import extract_claims`` to the package
``analysis.claims``).  An engine found by name through :mod:`analysis.engines` (the
``register_lazy`` plugin pattern) is not an import statement and is not an edge.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from analysis import lexicons

PACKAGE = Path(__file__).resolve().parents[1] / "analysis"
MAX_LINES = 500


def module_names(root: Path) -> dict[str, Path]:
    """Dotted name of every module under the package folder ``root``."""
    names = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def import_graph(root: Path) -> dict[str, set[str]]:
    """Edges module -> imported module of the package, imports in function bodies included."""
    modules = module_names(root)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = name.split(".") if is_package else name.split(".")[:-1]
                    base = base[: len(base) - node.level + 1]
                    module = ".".join([*base, node.module] if node.module else base)
                else:
                    module = node.module or ""
                targets = [f"{module}.{alias.name}" if f"{module}.{alias.name}" in modules else module
                           for alias in node.names]
            for target in targets:
                while target and target not in modules:  # "analysis.x.name" -> the module "analysis.x"
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_cycle_finder_finds_a_cycle_through_a_function_body_import(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "stage").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "stage" / "__init__.py").write_text("")
    (pkg / "stage" / "public.py").write_text("def f():\n    from pkg.engine import g\n    return g()\n")
    (pkg / "engine.py").write_text("from pkg.stage import public\n\ndef g():\n    return public\n")
    (pkg / "leaf.py").write_text("from . import engine\n")
    graph = import_graph(pkg)
    assert graph["pkg.leaf"] == {"pkg.engine"}
    assert cycles(graph) == [["pkg.engine", "pkg.stage.public"]]
    (pkg / "stage" / "public.py").write_text("def f():\n    return 1\n")
    assert cycles(import_graph(pkg)) == []


def test_the_package_import_graph_is_a_dag():
    graph = import_graph(PACKAGE)
    assert len(graph) > 30 and sum(map(len, graph.values())) > 50  # the walk did see the package
    assert cycles(graph) == []


def test_public_modules_never_import_an_engine():
    graph = import_graph(PACKAGE)
    offenders = sorted(m for m, deps in graph.items()
                       if not m.startswith("analysis.dask_engine") and any(d.startswith("analysis.dask_engine")
                                                                           for d in deps))
    assert offenders == []


def test_no_module_is_larger_than_the_limit():
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in module_names(PACKAGE).items()}
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}


# --- lexicons ---------------------------------------------------------------------------------------


def test_every_shipped_lexicon_loads_and_says_what_it_is_for():
    names = lexicons.available()
    assert "anaphoric_adjectives" in names and "agencies" not in names  # the agency table has its own reader
    for name in names:
        lex = lexicons.load(name)
        assert lex.rows, name
        text = (PACKAGE / "lexicons" / Path(lex.source).name).read_text(encoding="utf-8")
        comments = [line for line in text.splitlines() if line.startswith("#") and ":" not in line[:12]]
        assert comments, f"{name}: no comment saying what the list is for"


@pytest.mark.parametrize("name", lexicons.available())
def test_every_shipped_entry_is_its_own_key(name):
    written, keyed = lexicons.load(name, normalise=False), lexicons.load(name)
    assert written.rows == keyed.rows, [(a, b) for a, b in zip(written.rows, keyed.rows, strict=True) if a != b][:5]
    first = [row[written.columns.index(written.keyed[0])] for row in written.rows]
    if len(written.columns) == 1:
        duplicates = sorted({w for w in first if first.count(w) > 1})
        assert duplicates == [], f"{name}: listed twice"


def test_lists_that_exclude_each_other_share_no_entry():
    checked = 0
    for name in lexicons.available():
        lex = lexicons.load(name)
        for other in lex.excludes:
            shared = lexicons.words(name) & lexicons.words(other)
            assert shared == frozenset(), f"{name} and {other} both hold {sorted(shared)}"
            checked += 1
    assert checked >= 0


def test_a_users_lexicon_is_normalised_and_bad_files_are_named(tmp_path):
    good = tmp_path / "mine.tsv"
    good.write_text("# my words\n# key: norm\nword\tnote\nأعلنَ\tdiacritics and hamza\n", encoding="utf-8")
    assert lexicons.load(good).rows == (("اعلن", "diacritics and hamza"),)
    bad = tmp_path / "bad.tsv"
    bad.write_text("# key: norm\nword\nقال\tزائد\tزائد\n", encoding="utf-8")
    with pytest.raises(lexicons.LexiconError, match=r"bad\.tsv, line 3: 3 cells for 1 columns"):
        lexicons.load(bad)
    nokey = tmp_path / "nokey.tsv"
    nokey.write_text("word\nقال\n", encoding="utf-8")
    with pytest.raises(lexicons.LexiconError, match="nokey.tsv: no '# key: NAME' line"):
        lexicons.load(nokey)
    with pytest.raises(lexicons.LexiconError, match="no such lexicon file"):
        lexicons.load(tmp_path / "absent.tsv")


def test_notebooks_do_not_hold_analysis_logic():
    """Notebooks stay thin: no function or class definitions in their code cells."""
    for path in sorted((PACKAGE.parent / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                source = "".join(cell["source"])
                code = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
                tree = ast.parse("\n".join(code))
                defs = [n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
                assert defs == [], f"{path.name} defines {defs}"
