"""A compiled twin of pure-Python code: run only when it is built, switched on, and built from the C sources
beside it (setup.py builds the digest of its sources into each extension as ``SOURCE_HASH``).

``LINEAGE_PURE_PYTHON=1`` (read at import) runs every Python twin instead; so does ``use_compiled(False)``.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from pathlib import Path
from types import ModuleType

PURE_PYTHON_ENV = "LINEAGE_PURE_PYTHON"


class CompiledTwin:
    """The extension ``module``, built from the files of ``folder`` that ``pattern`` names (setup.py compiles
    and hashes the same files, in the same sorted order: a new source file needs no list kept in step)."""

    def __init__(self, module: str, folder: Path, pattern: str) -> None:
        self.name, self.folder = module, folder
        self.sources = tuple(sorted(p.name for p in folder.glob(pattern)))
        self.module = self.load()
        self.enabled = self.module is not None and os.environ.get(PURE_PYTHON_ENV, "") in ("", "0")

    def sources_digest(self) -> str | None:
        """The digest of the sources beside the build (None when they are not there, as in a wheel)."""
        if not self.sources:
            return None
        digest = hashlib.sha256()
        for name in self.sources:
            try:
                digest.update((self.folder / name).read_bytes())
            except OSError:
                return None
        return digest.hexdigest()

    def load(self) -> ModuleType | None:
        """The extension, unless it is missing or was built from other sources than those beside it."""
        try:
            module = importlib.import_module(self.name)
        except ImportError:  # installed without a C compiler
            return None
        digest = self.sources_digest()
        return module if digest is None or getattr(module, "SOURCE_HASH", None) == digest else None

    def available(self) -> bool:
        """Whether the extension was built (from these sources) and imports."""
        return self.module is not None

    def use_compiled(self, enabled: bool) -> bool:
        """Run the extension (when built) or, with ``False``, the Python twin; the previous setting."""
        before = self.enabled
        self.enabled = bool(enabled) and self.module is not None
        return before

    def native(self) -> ModuleType | None:
        """The extension when built and switched on, else None (the caller runs its Python twin)."""
        return self.module if self.enabled else None
