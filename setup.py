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


def files(pattern: str) -> list[str]:
    """The files ``pattern`` names, relative to this folder, sorted (as native.CompiledTwin finds them)."""
    return sorted(str(p.relative_to(HERE)) for p in HERE.glob(pattern))


BEAM_FILES = files("graph/reading/restore/_beam*.[ch]")  # the sources and their header
SCAN_SOURCES = files("graph/reading/text/_scan*.c")


def digest(files: list[str]) -> str:
    """SHA-256 of ``files`` read in sorted order, as native.CompiledTwin computes it."""
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(HERE.joinpath(name).read_bytes())
    return h.hexdigest()


setup(
    ext_modules=[
        Extension(
            "graph.reading.restore._beam",
            sources=[f for f in BEAM_FILES if f.endswith(".c")],
            depends=[f for f in BEAM_FILES if f.endswith(".h")],
            define_macros=[("BEAM_SOURCE_HASH", f'"{digest(BEAM_FILES)}"')],
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
