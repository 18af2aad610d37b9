"""Start-up: a command imports what it needs when it runs (issue 15).

Each command runs as a whole process, as the officer runs it, and reports the modules it imported
(``sys.modules`` at exit, which also sees ``importlib.import_module``; ``-X importtime`` does not).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph.stores.location import STORE_FILE

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "graph" / "data" / "corpus"
ENV = {**os.environ, "COLUMNS": "200", "NEO4J_URI": "", "LINEAGE_STORE": "", "PYTHONPATH": str(ROOT)}

# Runs the code on stdin as a program with the given arguments, then writes sys.modules to a file.
_RUN = ("import json, sys\nout, sys.argv = sys.argv[1], ['lineage', *sys.argv[2:]]\n"
        "try:\n    exec(sys.stdin.read())\nexcept SystemExit:\n    pass\n"
        "finally:\n    open(out, 'w').write(json.dumps(sorted(sys.modules)))\n")
LINEAGE = "from graph.cli import main\nmain()\n"  # what the `lineage` console script runs
# The smallest typer program with rich --help: what any typer CLI imports to print its help.
TYPER_HELP = ("import typer\napp = typer.Typer(rich_markup_mode='rich', add_completion=False)\n"
              "@app.command(help='A.')\ndef a() -> None: ...\n@app.command(help='B.')\ndef b() -> None: ...\n"
              "app()\n")

# Not imported by a query on the embedded store unless asked for (--neo4j, --html).
NOT_FOR_QUERIES = ("neo4j", "graph.reading", "graph.ingest", "pyvis", "visualizations")
# Not imported by --help: the driver, the reading code, the models and the graph library.
NOT_FOR_HELP = (*NOT_FOR_QUERIES, "pydantic", "networkx", "numpy", "graph.loaders", "graph.model")
# --help may import this many modules more than the smallest typer program: the ~20 modules of graph.cli,
# the ~12 small ones its option types read (graph.i18n, graph.errors, graph.vocabulary, the constants
# of graph.queries.backend, exports, neo4j_push ...), click (12) and some stdlib/rich helpers: 57 today.
# A heavy package adds about as many or more (pydantic 88 modules, neo4j 285, networkx 355, the reading
# code 225), and NOT_FOR_HELP names them in any case.
HELP_ALLOWANCE = 90


def run(code: str, *args: str, tmp_path: Path) -> tuple[subprocess.CompletedProcess, set[str]]:
    """Run ``code`` as a program with ``args``; its result and the modules it imported."""
    out = tmp_path / "modules.json"
    out.unlink(missing_ok=True)
    proc = subprocess.run([sys.executable, "-c", _RUN, str(out), *args], input=code, capture_output=True,
                          text=True, cwd=ROOT, env=ENV, timeout=120)
    return proc, set(json.loads(out.read_text()))


def loaded(modules: set[str], packages: tuple[str, ...]) -> list[str]:
    """The modules of ``packages`` (a package and its submodules) that were imported."""
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in packages))


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """The sample corpus ingested by the command line into a store of the default format."""
    path = tmp_path_factory.mktemp("startup") / STORE_FILE
    proc = subprocess.run([sys.executable, "-m", "graph.cli", "ingest", str(CORPUS), "--store", str(path),
                           "--workers", "1", "--json"], capture_output=True, text=True, cwd=ROOT, env=ENV,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    return path


@pytest.mark.parametrize("args", [("bases", "2174/QĐ-UBND"), ("derived", "749/QĐ-TTg"),
                                  ("find", "chuyen doi so"), ("status", "2174/QĐ-UBND")])
def test_a_query_imports_no_driver_reader_or_renderer(store, tmp_path, args):
    proc, modules = run(LINEAGE, *args, "--store", str(store), tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip()  # it did answer
    assert loaded(modules, NOT_FOR_QUERIES) == []


def test_html_still_imports_the_renderer(store, tmp_path):
    proc, modules = run(LINEAGE, "bases", "2174/QĐ-UBND", "--store", str(store), "--html",
                        str(tmp_path / "bases.html"), tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "bases.html").is_file() and "visualizations.render" in modules


def test_help_imports_few_modules(tmp_path):
    proc, modules = run(LINEAGE, "--help", tmp_path=tmp_path)
    assert proc.returncode == 0 and "find" in proc.stdout, proc.stderr
    assert loaded(modules, NOT_FOR_HELP) == []
    base_proc, typer_modules = run(TYPER_HELP, "--help", tmp_path=tmp_path)
    assert base_proc.returncode == 0, base_proc.stderr
    extra = sorted(modules - typer_modules)
    assert len(extra) <= HELP_ALLOWANCE, f"{len(modules)} modules, {len(extra)} beyond typer's: {extra}"


def test_a_command_help_imports_no_library(tmp_path):
    proc, modules = run(LINEAGE, "bases", "--help", tmp_path=tmp_path)
    assert proc.returncode == 0 and "--depth" in proc.stdout, proc.stderr
    # typer itself imports pydantic to parse a command's arguments (typer._adapters)
    assert loaded(modules, tuple(p for p in NOT_FOR_HELP if p != "pydantic")) == []
