"""Build of the optional compiled extensions (the rest of the package is configured in pyproject.toml).

``graph.reading.restore._beam`` is the hot core of the restoration of damaged text (see
graph/reading/restore/compiled.py) and ``graph.reading.text._scan`` the whole-text scans of the text
preparation (graph/reading/text/scan.py), both in C. Without a compiler the install still succeeds and
each runs its pure-Python twin (same output). Each build carries the digest of its sources: the Python
side refuses a build whose sources have changed since.
"""

import hashlib
from pathlib import Path

from setuptools import Extension, setup

HERE = Path(__file__).resolve().parent
BEAM = "graph/reading/restore"
BEAM_SOURCES = [f"{BEAM}/{name}.c" for name in ("_beam", "_beam_search", "_beam_model", "_beam_runs",
                                                 "_beam_changes", "_beam_text", "_beam_apply",
                                                 "_beam_frags")]
BEAM_HEADER = f"{BEAM}/_beam.h"
SCAN_SOURCES = ["graph/reading/text/_scan.c", "graph/reading/text/_scan_layout.c"]


def digest(files: list[str]) -> str:
    """SHA-256 of ``files`` read in sorted order, as compiled.py and scan.py compute it."""
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(HERE.joinpath(name).read_bytes())
    return h.hexdigest()


setup(
    ext_modules=[
        Extension(
            "graph.reading.restore._beam",
            sources=BEAM_SOURCES,
            depends=[BEAM_HEADER],
            define_macros=[("BEAM_SOURCE_HASH", f'"{digest([*BEAM_SOURCES, BEAM_HEADER])}"')],
            # the float additions must be Python's: no -ffast-math, no contraction into fused operations
            extra_compile_args=["-O2", "-ffp-contract=off"],
            optional=True,
        ),
        Extension(
            "graph.reading.text._scan",
            sources=SCAN_SOURCES,
            define_macros=[("SCAN_SOURCE_HASH", f'"{digest(SCAN_SOURCES)}"')],
            extra_compile_args=["-O2"],
            optional=True,
        ),
    ]
)
