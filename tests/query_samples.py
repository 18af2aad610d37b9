"""The sample corpus as lineage graphs for the query tests.

- :func:`gold_graph`: the hand-checked gold extractions of the five corpus files
  (``tests/fixtures/gold``), built into a graph by the real builder (:mod:`graph.loaders.build`),
  so query tests do not depend on how well extraction does today.
- :func:`corpus_graph`: the corpus files through the whole pipeline (extraction, then the builder),
  what ``lineage ingest graph/data/corpus`` stores.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from graph.lineage_graph import Graph
from graph.loaders.build import build_graph
from graph.model import FileExtraction

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "gold"
CORPUS = ROOT / "graph" / "data" / "corpus"


@cache
def _gold() -> Graph:
    files = sorted(GOLD.glob("*.json"))
    if not files:
        raise FileNotFoundError(f"no gold extractions in {GOLD}")
    return build_graph(FileExtraction.model_validate(json.loads(p.read_text("utf-8"))) for p in files)


def gold_graph() -> Graph:
    """A fresh copy of the graph built from the gold extractions."""
    return _gold().copy()


@cache
def _corpus() -> Graph:
    from graph.reading.extract import extract_file

    return build_graph(extract_file(p) for p in sorted(CORPUS.glob("*.txt")))


def corpus_graph() -> Graph:
    """A fresh copy of the graph the real pipeline builds from the sample corpus."""
    return _corpus().copy()
