"""Files -> :class:`FileExtraction`: the extraction pipeline.

- :func:`extract_text` reads one file's content (bytes or text) into its documents;
- :func:`extract_file` reads one path;
- :func:`expand_paths` lists the files given and the text files of the folders given.

:func:`graph.reading.pool.extract_paths` runs :func:`extract_file` over many files in worker processes.
Nothing raises for a bad input: what went wrong is a :class:`~graph.model.Problem` of the file
(``error`` when the file could not be read at all, ``warning`` when something in it is doubtful,
such as a date that does not exist or a document without a recognisable header).
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterable
from pathlib import Path

from graph import problem_text as say
from graph.errors import InputError
from graph.model import Document, FileExtraction, Problem
from graph.reading.documents.documents import read_documents
from graph.reading.prepare import prepare
from graph.reading.tasks.read import read_tasks

#: larger files are refused at once (a document is rarely over 5 MB of text)
MAX_FILE_MB = 50
#: file name endings always taken from a folder; other files there are taken when they look like text
TEXT_SUFFIXES = (".txt", ".text")
_LINE_PREFIX = re.compile(r"line (\d+): ")


def extract_text(data: bytes | str, source: str) -> FileExtraction:
    """Extract every document of one file's content; problems are reported, never raised."""
    return _extract(data, source, None)


def _extract(data: bytes | str, source: str, path: str | None) -> FileExtraction:
    """:func:`extract_text`, the result made once with everything in it (``path`` too): each field set
    on a model afterwards would be validated again."""
    try:
        prep = prepare(data, source)
    except InputError as exc:
        return FileExtraction(source=source, path=path, problems=[_problem(source, exc)])
    problems: list[Problem] = []
    documents: list[Document] = []
    if prep.encoding and "replaced" in prep.encoding:
        detail = prep.encoding.split("(", 1)[-1].rstrip(")")
        problems.append(Problem(source=source, severity="warning",
                                message=say.NOT_VALID_UTF8.format(detail=detail)))
    problems.extend(_warning(source, message) for message in prep.warnings)
    try:
        spans = read_documents(prep)
        for span in spans:
            read_tasks(prep, span)
            for message in getattr(span, "problems", ()):
                problems.append(_warning(source, message))
        documents = [s.document for s in spans]
    except InputError as exc:
        problems.append(_problem(source, exc))
    except RecursionError:
        problems.append(Problem(source=source, message=say.TOO_DEEPLY_NESTED))
    if not documents and not any(p.severity == "error" for p in problems):
        problems.append(Problem(source=source, severity="warning", message=say.NO_DOCUMENT))
    return FileExtraction(source=source, path=path, encoding=prep.encoding, documents=documents,
                          problems=problems)


def _problem(source: str, exc: InputError) -> Problem:
    message = str(exc)
    if message.startswith(source + ": "):
        message = message[len(source) + 2:]
    if exc.hint:
        message += say.HINTED.format(hint=exc.hint)
    return Problem(source=source, message=message)


def _warning(source: str, message: str) -> Problem:
    m = _LINE_PREFIX.match(message)
    line = int(m.group(1)) if m else None
    return Problem(source=source, message=message[m.end():] if m else message, severity="warning", line=line)


def extract_file(path: str | Path) -> FileExtraction:
    """Extract one file; a file that cannot be read gives a result with an error problem."""
    p = Path(path)
    try:
        st = p.stat()
        if not stat.S_ISREG(st.st_mode):
            if stat.S_ISDIR(st.st_mode):
                return failed(p, say.IS_A_FOLDER)
            return failed(p, say.NOT_A_REGULAR_FILE)
        if st.st_size > MAX_FILE_MB * 1e6:
            return failed(p, say.TOO_LARGE.format(size=f"{st.st_size / 1e6:.0f}", limit=MAX_FILE_MB))
        data = p.read_bytes()
    except FileNotFoundError:
        return failed(p, say.NO_SUCH_FILE)
    except IsADirectoryError:
        return failed(p, say.IS_A_FOLDER)
    except PermissionError:
        return failed(p, say.PERMISSION_DENIED)
    except OSError as exc:
        return failed(p, say.CANNOT_BE_READ.format(error=exc.strerror or exc))
    return _extract(data, p.name, str(p))


def failed(p: Path, message: str) -> FileExtraction:
    """The result of a file that could not be read: no document, one error naming it."""
    return FileExtraction(source=p.name or str(p), path=str(p),
                          problems=[Problem(source=p.name or str(p), message=message)])


# ------------------------------------------------------------------------------ paths and folders

def _looks_like_text(p: Path) -> bool:
    try:
        with p.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    if not head or b"\x00" in head:
        return False
    return not head.startswith((b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff"))


def expand_paths(paths: Iterable[str | Path]) -> list[Path | FileExtraction]:
    """Files as given; folders replaced by their text files (sorted, recursively); a missing path or a
    folder without text files becomes a failed result in its place."""
    out: list[Path | FileExtraction] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and not any(
                part.startswith(".") for part in f.relative_to(p).parts))
            texts = [f for f in files if f.suffix.lower() in TEXT_SUFFIXES or _looks_like_text(f)]
            if texts:
                out.extend(texts)
            else:
                out.append(failed(p, say.NO_TEXT_FILES))
        elif p.exists():
            out.append(p)
        else:
            out.append(failed(p, say.NO_SUCH_PATH))
    return out
