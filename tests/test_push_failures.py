"""``lineage push`` when the network to Neo4j fails mid-load, as a user runs it (a real process, the
session's real Bolt server behind a relay that cuts the connections): one line, exit code 3, only whole
batches in Neo4j, and running ``push`` again completes the load.

(Server down, wrong password and no URI at the CLI are in tests/test_push_cli.py; a server killed
mid-push at the library level in tests/test_neo4j_store.py.)
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bolt_server import wipe
from lineage_samples import chain_graph
from tcp_cut import CuttingRelay

from graph.lineage_graph import counts
from graph.stores import neo4j_store
from graph.stores.embedded import save_graph

pytestmark = pytest.mark.bolt
BATCH = 100


def push(store: Path, uri: str, server, timeout: float = 180) -> tuple[subprocess.CompletedProcess, float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update({"COLUMNS": "250", "NO_COLOR": "1", "NEO4J_USER": server.user,
                "NEO4J_PASSWORD": server.password})
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "graph.cli", "push", "--store", str(store), "--uri", uri,
                           "--batch-size", str(BATCH), "--json"], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=timeout)
    return proc, time.monotonic() - start


@pytest.fixture(scope="module")
def graph_and_bytes(bolt_server, _bolt_driver, tmp_path_factory):
    """The graph to push, its store, and how many bytes a whole push sends (measured through the relay)."""
    g = chain_graph(500, fan_out=2)
    store = tmp_path_factory.mktemp("push") / "chain.graph"
    save_graph(g, store)
    url = urlparse(bolt_server.uri)
    wipe(_bolt_driver)
    relay = CuttingRelay(url.hostname, url.port)
    try:
        proc, _ = push(store, relay.uri, bolt_server)
        assert proc.returncode == 0, proc.stderr
        total = relay.sent
    finally:
        relay.close()
    return g, store, total


@pytest.mark.parametrize("fraction", [0.6])
def test_connection_cut_mid_push_is_one_line_whole_batches_and_push_again_completes(
        fraction, graph_and_bytes, bolt_server, neo4j_driver):
    g, store, total = graph_and_bytes
    url = urlparse(bolt_server.uri)
    relay = CuttingRelay(url.hostname, url.port, cut_after=int(total * fraction))
    try:
        proc, took = push(store, relay.uri, bolt_server)
    finally:
        relay.close()
    assert relay.cut.is_set()
    assert proc.returncode == 3, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip() and not ln.lstrip().startswith(
        ("nodes", "relationships", "schema"))]  # the progress bar's lines
    errors = [ln for ln in lines if ln.startswith("error:")]
    assert len(errors) == 1, proc.stderr
    assert errors[0].startswith((f"error: lost the connection to Neo4j at {relay.uri}",
                                 f"error: cannot reach Neo4j at {relay.uri}")), errors[0]
    assert took < 90, f"push took {took:.0f} s to give up"
    print(f"cut at {relay.sent} of {total} bytes: {errors[0]} ({took:.1f} s)")
    # only whole batches: each batch is one transaction
    now = neo4j_store.counts(neo4j_driver)
    nodes = now["nodes"].get("Document", 0)
    rels = sum(now["relationships"].values())
    expected = counts(g)
    assert nodes % BATCH == 0 or nodes == expected["nodes"]["Document"], nodes
    assert rels % BATCH == 0 or rels == sum(expected["relationships"].values()), rels
    assert rels == 0 or nodes == expected["nodes"]["Document"]  # relationships come after all nodes
    # running push again, on a working connection, completes the load
    again, _ = push(store, bolt_server.uri, bolt_server)
    assert again.returncode == 0, again.stderr
    assert neo4j_store.counts(neo4j_driver) == expected
