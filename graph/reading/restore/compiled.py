"""The switch between the compiled restoration core and its pure-Python twin.

The extension ``_beam`` (``graph/reading/restore/_beam*.c``, built by ``pip install`` / ``pip install -e .``
through setup.py as an optional extension) holds the hot loops of :mod:`.index`, :mod:`.search`,
:mod:`.edits` and :mod:`.apply`: the candidates of a run, its anchors, the beam search, the restored words
of a reading, the runs of a text with their edits, and the edits applied to the text.
Both versions give the same edits, float for float and tie for tie (tests/test_restore_compiled.py).

A build whose sources have changed since (an edited ``_beam*.c`` not yet rebuilt with ``pip install -e .``)
is not run: its digest of the sources differs from theirs, and the Python version runs instead.

Force the Python version with the environment variable ``LINEAGE_PURE_PYTHON=1`` (read at import) or
``use_compiled(False)`` (tests, debugging). Readings already memoised by the restoration caches
(``edits._RUN_CACHE``, ``search._CHUNK_CACHE``, ``index._CANDS_CACHE``) are not read again.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from types import ModuleType

# sorted, as setup.py
_SOURCES = ("_beam.c", "_beam.h", "_beam_apply.c", "_beam_changes.c", "_beam_model.c", "_beam_runs.c",
            "_beam_search.c", "_beam_text.c")


def _sources_digest() -> str | None:
    """The digest setup.py builds into the module, of the sources beside this file (None when absent)."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in _SOURCES:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            return None
    return digest.hexdigest()


def _load() -> ModuleType | None:
    """The compiled core, unless it is missing or was built from other sources than those beside it."""
    try:
        from graph.reading.restore import _beam
    except ImportError:  # installed without a C compiler
        return None
    sources = _sources_digest()
    return _beam if sources is None or getattr(_beam, "SOURCE_HASH", None) == sources else None


_beam = _load()

_ENABLED = [_beam is not None and os.environ.get("LINEAGE_PURE_PYTHON", "") in ("", "0")]


def available() -> bool:
    """Whether the compiled core was built and imports."""
    return _beam is not None


def use_compiled(enabled: bool) -> bool:
    """Run the compiled core (when built) or, with ``False``, the Python version; the previous setting."""
    before = _ENABLED[0]
    _ENABLED[0] = bool(enabled) and _beam is not None
    return before


def extension() -> ModuleType | None:
    """The compiled core when it is built, enabled or not (tests compare it with the Python version)."""
    return _beam


def native() -> ModuleType | None:
    """The compiled core when it is built and enabled, else None (the caller runs its Python version)."""
    return _beam if _ENABLED[0] else None
