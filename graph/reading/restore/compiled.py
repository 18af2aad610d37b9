"""The switch between the compiled restoration core and its pure-Python twin.

The extension ``_beam`` (``graph/reading/restore/_beam*.c``, built by ``pip install`` / ``pip install -e .``
through setup.py as an optional extension) holds the hot loops of :mod:`.index`, :mod:`.search`,
:mod:`.edits` and :mod:`.apply`: the candidates of a run, its anchors, the beam search, the restored words
of a reading, the runs of a text with their edits, and the edits applied to the text.
Both versions give the same edits, float for float and tie for tie (tests/test_restore_compiled.py).

A build whose sources have changed since (an edited ``_beam*.c`` not yet rebuilt with ``pip install -e .``)
is not run: its digest of the sources differs from theirs, and the Python version runs instead.

Force the Python version with the environment variable ``LINEAGE_PURE_PYTHON=1`` (read at import) or
``use_compiled(False)`` (tests, debugging); :class:`graph.reading.text.native.CompiledTwin` does the rest.
Readings already memoised by the restoration caches (``edits._RUN_CACHE``, ``search._CHUNK_CACHE``,
``index._CANDS_CACHE``) are not read again.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from graph.reading.text.native import CompiledTwin

TWIN = CompiledTwin("graph.reading.restore._beam", Path(__file__).resolve().parent, "_beam*.[ch]")

available = TWIN.available  # whether the compiled core was built and imports
use_compiled = TWIN.use_compiled  # run it (when built) or, with False, the Python version
native = TWIN.native  # the compiled core when built and switched on, else None


def extension() -> ModuleType | None:
    """The compiled core when it is built, switched on or not (tests compare it with the Python version)."""
    return TWIN.module
