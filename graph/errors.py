"""Errors the user can act on. The CLI prints their message in one line and exits with their code."""

from __future__ import annotations


class LineageError(Exception):
    """Base of every error meant for the user (never shown with a traceback)."""

    exit_code = 2
    hint: str | None = None

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint


class InputError(LineageError):
    """An input file that cannot be read or understood (empty, binary, unknown encoding ...)."""

    exit_code = 2


class NotFoundError(LineageError):
    """The query found nothing (unknown document, empty result)."""

    exit_code = 1


class AmbiguousError(LineageError):
    """A document reference matches several documents."""

    exit_code = 2


class StoreError(LineageError):
    """The embedded store is missing, locked, corrupt, or of a newer format."""

    exit_code = 2


class Neo4jError(LineageError):
    """Neo4j is unreachable, refuses the credentials, or failed mid-load."""

    exit_code = 3


class InterruptedRun(LineageError):
    """Ctrl-C (SIGINT) stopped a command before it wrote anything."""

    exit_code = 130  # 128 + SIGINT, as a shell reports a command Ctrl-C stopped
