"""Shared pytest fixtures. Each engineer appends theirs below; keep large helpers in their own modules."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

# A real Bolt server for the Neo4j tests (see tests/bolt_server.py): bolt_server, neo4j_driver, clean_neo4j.
from bolt_server import _bolt_driver, bolt_server, clean_neo4j, neo4j_driver  # noqa: F401

# The tests read English messages (the product's default is Vietnamese): tests of the language choice clear
# this themselves (tests/test_i18n.py).
os.environ.setdefault("LINEAGE_LANG", "en")


@pytest.fixture
def vietnamese():
    """The screen's language set to Vietnamese for one test, then back to the environment's choice."""
    from graph.i18n import set_language

    set_language("vi")
    yield
    set_language(None)


@pytest.fixture(autouse=True)
def _language_from_the_environment():
    """Every test starts with the environment's language (English here): a command run with ``--lang vi``
    in the test process chooses the language for the rest of that process."""
    yield
    from graph.i18n import set_language

    set_language(None)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """``lineage demo`` run once per test module: the sample corpus ingested for real (the store beside
    the index page), the pages, and the JSON it printed: ``(index page, JSON)``."""
    import json

    from typer.testing import CliRunner

    from graph.cli import app

    out = tmp_path_factory.mktemp("demo") / "site" / "index.html"
    result = CliRunner().invoke(app, ["demo", "--output", str(out), "--json"])
    assert result.exit_code == 0, result.output
    return out, json.loads(result.stdout)


@pytest.fixture(scope="session")
def samples_store(tmp_path_factory) -> Path:
    """The sample and dev documents ingested for real, once a session (read only: tests/derived_stores.py)."""
    from derived_stores import ingest_samples

    return ingest_samples(tmp_path_factory.mktemp("docs"))


@pytest.fixture(scope="session")
def national_store_10k(tmp_path_factory) -> Path:
    """A generated national store of 10,000 documents, once a session (read only)."""
    from derived_stores import national_10k

    return national_10k(tmp_path_factory.mktemp("national"))
