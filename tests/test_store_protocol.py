"""Both stores behind :class:`graph.stores.protocol.Store`: the same sample graph, the same answers."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest
from bolt_server import BoltServer
from lineage_samples import kien_giang_graph

from graph.cli.store_cmds import open_store
from graph.lineage_graph import Graph, counts
from graph.stores.embedded import EmbeddedReader, save_graph
from graph.stores.neo4j_push import push
from graph.stores.neo4j_store import Neo4jStore
from graph.stores.protocol import Store


def _node_data(g: Graph) -> dict:
    return {key: dict(data) for key, data in g.nodes(data=True)}


def _edge_data(g: Graph) -> dict:
    return {(a, b, k): dict(data) for a, b, k, data in g.edges(keys=True, data=True)}


def _answers(store: Store) -> tuple[dict, dict, dict]:
    """What the protocol gives: counts, node data and edge data of the graph read back; then close."""
    assert isinstance(store, Store)
    try:
        g = store.read_graph()
        return store.counts(), _node_data(g), _edge_data(g)
    finally:
        store.close()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "kg.graph"
    save_graph(kien_giang_graph(), path)
    return path


def test_the_embedded_reader_answers_as_the_graph_it_stored(store_path):
    g = kien_giang_graph()
    assert _answers(EmbeddedReader(store_path)) == (counts(g), _node_data(g), _edge_data(g))
    assert isinstance(open_store(store_path), EmbeddedReader)  # what `lineage stats` counts through


def test_the_embedded_reader_loads_once_until_closed(store_path):
    with EmbeddedReader(store_path) as reader:
        first = reader.read_graph()
        assert reader.read_graph() is first
        reader.close()
        assert reader.read_graph() is not first


@pytest.mark.bolt
def test_both_stores_give_the_same_answers_for_the_same_graph(store_path, clean_neo4j,
                                                              bolt_server: BoltServer, monkeypatch):
    g = kien_giang_graph()
    push(clean_neo4j, g)
    embedded = _answers(EmbeddedReader(store_path))
    neo4j = _answers(Neo4jStore.connect(bolt_server.uri, bolt_server.user, bolt_server.password))
    assert embedded == neo4j == (counts(g), _node_data(g), _edge_data(g))

    monkeypatch.setenv("NEO4J_USER", bolt_server.user)
    monkeypatch.setenv("NEO4J_PASSWORD", bolt_server.password)
    with closing(open_store(None, bolt_server.uri)) as source:  # what `lineage stats --neo4j` counts through
        assert isinstance(source, Neo4jStore)
        assert source.counts() == embedded[0]
