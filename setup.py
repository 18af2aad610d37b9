"""Build of the optional compiled extension (the rest of the package is configured in pyproject.toml).

``graph.reading.restore._beam`` is the hot core of the restoration of damaged text in C (see
graph/reading/restore/compiled.py); without a compiler the install still succeeds and the restoration
runs its pure-Python twin (same output).
"""

import hashlib
from pathlib import Path

from setuptools import Extension, setup

SOURCES = [f"graph/reading/restore/{name}.c"
           for name in ("_beam", "_beam_search", "_beam_runs", "_beam_changes")]
HEADER = "graph/reading/restore/_beam.h"
# the whole-text scans of the text preparation (graph/reading/text/scan.py switches to their Python twins)
SCAN_SOURCES = ["graph/reading/text/_scan.c"]  # sorted, as scan.py
SCAN_HASH = hashlib.sha256(b"".join(Path(__file__).resolve().parent.joinpath(name).read_bytes()
                                    for name in SCAN_SOURCES)).hexdigest()


def source_hash() -> str:
    """The digest of the C sources, built into the module: compiled.py runs a build only with its sources."""
    digest = hashlib.sha256()
    for name in sorted([*SOURCES, HEADER]):
        digest.update(Path(__file__).resolve().parent.joinpath(name).read_bytes())
    return digest.hexdigest()


setup(
    ext_modules=[
        Extension(
            "graph.reading.restore._beam",
            sources=SOURCES,
            depends=[HEADER],
            define_macros=[("BEAM_SOURCE_HASH", f'"{source_hash()}"')],
            # the float additions must be Python's: no -ffast-math, no contraction into fused operations
            extra_compile_args=["-O2", "-ffp-contract=off"],
            optional=True,
        ),
        Extension(
            "graph.reading.text._scan",
            sources=SCAN_SOURCES,
            # their digest, as scan.py computes it: a build of other sources is not run
            define_macros=[("SCAN_SOURCE_HASH", f'"{SCAN_HASH}"')],
            extra_compile_args=["-O2"],
            optional=True,
        ),
    ]
)
