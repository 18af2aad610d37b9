"""``lineage push`` as a user runs it (a real process, a real Bolt server): exit codes and messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bolt_server import BoltServer, free_port
from lineage_samples import CORPUS, kien_giang_graph

from graph.lineage_graph import counts
from graph.stores import neo4j_store
from graph.stores.embedded import save_graph

pytestmark = pytest.mark.bolt


def lineage(*args: str, server: BoltServer | None = None, env: dict[str, str] | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``lineage ARGS`` in a fresh process; the server's settings come through the environment."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    full_env.update({"COLUMNS": "200", "NO_COLOR": "1"})
    if server is not None:
        full_env.update({"NEO4J_URI": server.uri, "NEO4J_USER": server.user,
                         "NEO4J_PASSWORD": server.password})
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], capture_output=True, text=True,
                          env=full_env, timeout=timeout, encoding="utf-8")


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "lineage.graph"
    save_graph(kien_giang_graph(), path)
    return path


def test_push_loads_the_store_and_reports_what_is_in_neo4j(store, bolt_server, neo4j_driver):
    result = lineage("push", "--store", str(store), "--batch-size", "4", "--json", server=bolt_server)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    expected = counts(kien_giang_graph())
    assert report["neo4j_counts"] == expected == neo4j_store.counts(neo4j_driver)
    assert (report["nodes"], report["relationships"]) == (10, 10)
    assert report["uri"] == bolt_server.uri


def test_push_twice_is_idempotent_and_prints_a_table(store, bolt_server, neo4j_driver):
    first = lineage("push", "--store", str(store), server=bolt_server)
    second = lineage("push", "--store", str(store), server=bolt_server)
    assert first.returncode == second.returncode == 0, second.stderr
    assert "Pushed 10 nodes and 10 relationships" in second.stdout
    assert "CĂN_CỨ" in second.stdout and "LegalBasis" in second.stdout
    assert neo4j_store.counts(neo4j_driver) == counts(kien_giang_graph())


def test_options_override_the_environment(store, bolt_server, neo4j_driver):
    result = lineage("push", "--store", str(store), "--uri", bolt_server.uri, "--user", bolt_server.user,
                     "--password", bolt_server.password, "--json",
                     env={"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "wrong-one"})
    assert result.returncode == 0, result.stderr
    assert neo4j_store.counts(neo4j_driver) == counts(kien_giang_graph())


def test_clear_removes_what_the_store_no_longer_has(store, tmp_path, bolt_server, neo4j_driver):
    assert lineage("push", "--store", str(store), server=bolt_server).returncode == 0
    g = kien_giang_graph()
    g.remove_node("target/kien-giang/2016/dvc-muc-4")
    smaller = tmp_path / "smaller.graph"
    save_graph(g, smaller)
    result = lineage("push", "--store", str(smaller), "--clear", "--json", server=bolt_server)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["deleted_nodes"] == 10
    assert neo4j_store.counts(neo4j_driver) == counts(g)


def test_wrong_password_exits_3_with_one_line(store, bolt_server):
    result = lineage("push", "--store", str(store), server=bolt_server,
                     env={"NEO4J_PASSWORD": "not-it-at-all"})
    assert result.returncode == 3
    assert result.stderr.splitlines()[0] == (
        f"error: Neo4j refused the credentials for user '{bolt_server.user}' at {bolt_server.uri}")
    assert "Traceback" not in result.stderr


def test_closed_port_exits_3_with_one_line(store):
    uri = f"bolt://127.0.0.1:{free_port()}"
    result = lineage("push", "--store", str(store), "--uri", uri, "--password", "whatever-pw")
    assert result.returncode == 3
    assert result.stderr.splitlines()[0] == f"error: cannot reach Neo4j at {uri}: connection refused"
    assert "Traceback" not in result.stderr


def test_no_uri_exits_3_and_says_how_to_give_one(store):
    result = lineage("push", "--store", str(store))
    assert result.returncode == 3
    assert result.stderr.splitlines()[0] == "error: no Neo4j URI given"
    assert "NEO4J_URI" in result.stderr


def test_missing_store_is_reported_before_connecting(tmp_path):
    missing = tmp_path / "none.graph"
    result = lineage("push", "--store", str(missing), "--uri", "bolt://127.0.0.1:1")
    assert result.returncode == 2
    assert str(missing) in result.stderr.splitlines()[0]
    assert "Traceback" not in result.stderr


def test_help_has_an_example():
    result = lineage("push", "--help")
    assert result.returncode == 0
    assert "Example: " in result.stdout and "lineage push --uri bolt://" in result.stdout


@pytest.mark.slow
def test_the_sample_corpus_has_the_same_counts_in_both_stores(tmp_path, bolt_server, neo4j_driver):
    """Ingest the sample corpus, push it, and compare `lineage stats` on both stores."""
    store = tmp_path / "corpus.graph"
    ingest = lineage("ingest", str(CORPUS), "--store", str(store))
    assert ingest.returncode == 0, ingest.stderr
    assert lineage("push", "--store", str(store), server=bolt_server).returncode == 0
    embedded = lineage("stats", "--store", str(store), "--json")
    in_neo4j = lineage("stats", "--json", server=bolt_server)
    assert embedded.returncode == in_neo4j.returncode == 0, in_neo4j.stderr
    embedded_counts = json.loads(embedded.stdout)
    assert embedded_counts["nodes"] and embedded_counts["relationships"]
    assert json.loads(in_neo4j.stdout) == embedded_counts
