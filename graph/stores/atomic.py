"""Writing an output file whole or not at all: a temporary file beside it, then a rename.

A failure part-way (a disk full, text that cannot be encoded, a kill) leaves the earlier file as it
was, never an empty or half-written one in its place. A path that names no regular file but a device,
a pipe or a socket (``/dev/stdout``, a FIFO) is written in place: it cannot be half-written, and
renaming over it would replace the device itself.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike[str], mode: str = "w", **open_args: Any) -> Iterator[IO[Any]]:
    """``with atomic_file(path) as f: f.write(...)``: ``path`` is replaced only when the block ends
    without an error. Keeps the mode of the file it replaces (else 0666 less the umask)."""
    if _is_special(path):
        with open(path, mode, **open_args) as f:
            yield f
        return
    target = Path(path)
    target = target.resolve() if target.is_symlink() else target
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        keep = target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        keep = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, mode, **open_args) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, keep)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _is_special(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` (its links followed) is a device, a pipe or a socket: neither a regular file nor
    a folder, nor missing."""
    try:
        kind = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(kind) or stat.S_ISDIR(kind))


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text atomically."""
    with atomic_file(path, "w", encoding="utf-8") as f:
        f.write(text)


def write_with(path: str | os.PathLike[str], writer: Callable[[IO[bytes]], None]) -> None:
    """Let ``writer`` write a binary file, atomically."""
    with atomic_file(path, "wb") as f:
        writer(f)
