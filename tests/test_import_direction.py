"""The code's layout is the pipeline: data flows down the stages and no import goes back up.

Stages, in order (a module may import from its own stage or an earlier one, never a later one):
foundation (model, errors, text, vocabulary, graph types, cypher files) -> reading.text -> reading.restore
-> reading.documents -> reading.tasks -> reading (prepare, extract, pool) -> loaders -> stores -> ingest
-> queries -> visualizations -> cli. Every import counts, including one inside a function: a lazy import
that goes back up is still a dependency the wrong way. Modules must not import each other in a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("graph", "visualizations", "cypher")

#: (module prefix, stage rank); the longest matching prefix decides
STAGES: tuple[tuple[str, int], ...] = (
    ("graph", 0),
    ("cypher", 0),
    ("graph.reading.text", 1),
    ("graph.reading.restore", 2),
    ("graph.reading.documents", 3),
    ("graph.reading.tasks", 4),
    ("graph.reading", 5),
    ("graph.loaders", 6),
    ("graph.stores", 7),
    ("graph.ingest", 8),
    ("graph.queries", 9),
    ("visualizations", 10),
    ("graph.cli", 11),
)
STAGE_NAMES = {rank: prefix for prefix, rank in STAGES if prefix not in ("cypher",)}
STAGE_NAMES[0] = "foundation"

#: the foundation: small modules every stage may use
FOUNDATION = {"graph", "graph.model", "graph.errors", "graph.text", "graph.datafiles", "graph.vocabulary",
              "graph.i18n", "graph.problem_text", "graph.lineage_graph", "graph.subgraph", "cypher"}


def stage_of(module: str) -> int:
    best, rank = "", -1
    for prefix, r in STAGES:
        if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > len(best):
            best, rank = prefix, r
    return rank


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules(root: Path = ROOT) -> dict[str, Path]:
    mods = {}
    for pkg in PACKAGES:
        for path in sorted((root / pkg).rglob("*.py")):
            mods[module_name(path, root)] = path
    return mods


def imports_of(source: str, module: str, known: set[str], is_package: bool) -> set[str]:
    """Project modules imported anywhere in ``source`` (module level or inside functions)."""
    found: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


def import_graph(root: Path = ROOT) -> nx.DiGraph:
    mods = project_modules(root)
    g = nx.DiGraph()
    g.add_nodes_from(mods)
    for mod, path in mods.items():
        source = path.read_text(encoding="utf-8")
        for target in imports_of(source, mod, set(mods), path.name == "__init__.py"):
            g.add_edge(mod, target)
    return g


def wrong_way(g: nx.DiGraph) -> list[str]:
    bad = []
    for a, b in g.edges:
        if stage_of(b) > stage_of(a):
            bad.append(f"{a} (stage {STAGE_NAMES[stage_of(a)]}) imports {b} (later stage "
                       f"{STAGE_NAMES[stage_of(b)]})")
        elif stage_of(b) == 0 and b not in FOUNDATION and not b.startswith("cypher"):
            bad.append(f"{a} imports {b}, which is in no stage")
    return sorted(bad)


def cycles(g: nx.DiGraph) -> list[list[str]]:
    return [sorted(c) for c in nx.strongly_connected_components(g) if len(c) > 1]


def test_every_module_has_a_stage() -> None:
    loose = [m for m in project_modules() if stage_of(m) == 0 and m not in FOUNDATION
             and not m.startswith("cypher")]
    assert loose == [], f"modules outside every stage (add them to a stage or the foundation): {loose}"


def test_no_import_goes_back_up_the_pipeline() -> None:
    assert wrong_way(import_graph()) == []


def test_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


def test_every_package_says_what_its_stage_takes_and_gives() -> None:
    for mod, path in project_modules().items():
        if path.name == "__init__.py" and mod.startswith("graph"):
            doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
            where = path.relative_to(ROOT)
            assert doc and len(doc.strip()) > 40, f"{where}: say what the stage takes and gives"


@pytest.mark.parametrize(("where", "line", "problem"), [
    ("graph/reading/text/x.py", "from graph.cli.app import app\n", "later stage"),
    ("graph/loaders/x.py", "def f():\n    from graph.queries import bases\n", "later stage"),
    ("graph/reading/documents/x.py", "from graph.reading.tasks.money import to_dong\n", "later stage"),
])
def test_the_checker_catches_a_wrong_way_import(tmp_path: Path, where: str, line: str, problem: str) -> None:
    for pkg in PACKAGES:
        (tmp_path / pkg).mkdir()
        (tmp_path / pkg / "__init__.py").write_text('"""x"""\n')
    for sub in ("graph/reading", "graph/reading/text", "graph/reading/documents", "graph/reading/tasks",
                "graph/loaders", "graph/queries", "graph/cli"):
        (tmp_path / sub).mkdir(exist_ok=True)
        (tmp_path / sub / "__init__.py").write_text('"""x"""\n')
    (tmp_path / "graph/cli/app.py").write_text("app = 1\n")
    (tmp_path / "graph/queries/bases.py").write_text("x = 1\n")
    (tmp_path / "graph/reading/tasks/money.py").write_text("def to_dong(): ...\n")
    (tmp_path / where).write_text(line)
    found = wrong_way(import_graph(tmp_path))
    assert len(found) == 1 and problem in found[0]


def test_the_checker_catches_a_cycle(tmp_path: Path) -> None:
    for pkg in PACKAGES:
        (tmp_path / pkg).mkdir()
        (tmp_path / pkg / "__init__.py").write_text('"""x"""\n')
    (tmp_path / "graph/a.py").write_text("from graph import b\n")
    (tmp_path / "graph/b.py").write_text("def f():\n    import graph.a\n")
    assert cycles(import_graph(tmp_path)) == [["graph.a", "graph.b"]]
