"""The reader's fingerprint: one digest of everything that decides what a text file reads as and which
facts it gives the graph.

``lineage ingest`` leaves a file unread when its bytes and this fingerprint are those of its last
ingest into the store (:mod:`graph.stores.ingested_files`). The digest is conservative: any change to
the reading code (``graph/reading/**``, the C sources of its compiled cores included), the loaders that
turn what is read into nodes, keys and relationships (``graph/loaders/**``), their reference data
(``graph/data/*.json``), the model and problem texts, the modules they use, the version of lineage or of
Python's Unicode tables changes it, and every file is read again once: a file's stored facts are always
those the code of this run would give it.
"""

from __future__ import annotations

import hashlib
import sys
import unicodedata
from importlib import resources
from pathlib import Path

import graph

#: the modules of ``graph`` outside ``graph/reading`` and ``graph/loaders`` that reading a text file and
#: loading what it gives import (a test checks that the list is complete)
READING_MODULES = ("__init__.py", "datafiles.py", "errors.py", "lineage_graph.py", "model.py",
                   "problem_text.py", "text.py", "vocabulary.py")
#: the folders whose every file is part of the fingerprint
_FOLDERS = ("reading", "loaders")
_SKIPPED_SUFFIXES = (".pyc", ".so", ".pyd", ".o")  # built from what is hashed (or caches of it)


def reader_files() -> list[Path]:
    """The files the fingerprint is made of, in a fixed order."""
    root = Path(str(resources.files("graph")))
    reading = sorted(p for folder in _FOLDERS for p in (root / folder).rglob("*")
                     if p.is_file() and "__pycache__" not in p.parts and p.suffix not in _SKIPPED_SUFFIXES)
    data = sorted((root / "data").glob("*.json"))
    return [*(root / name for name in READING_MODULES), *reading, *data]


def reader_fingerprint() -> str:
    """The SHA-256 (hex) of the reader: its files (names and bytes), lineage's version, Python's
    version and Unicode tables. Computed anew on each call (a few milliseconds): call it once a run."""
    root = Path(str(resources.files("graph")))
    digest = hashlib.sha256()
    digest.update(f"{graph.__version__}\0{sys.version_info[:2]}\0{unicodedata.unidata_version}\0".encode())
    for path in reader_files():
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
