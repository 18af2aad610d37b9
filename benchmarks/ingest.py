"""``lineage ingest`` and ``lineage remove`` of a folder as a user runs them, week after week.

Prints the CPU and wall seconds (median of ``--runs`` runs, each a new process, its start included) of:

- the first ingest of the folder into a new store;
- the same folder ingested again into that store, nothing changed (what users do every week: a file
  left as it was is not read again);
- the same, every file read again (``--reread``, where the revision has it: a revision without
  incremental ingest reads every file anyway) -- what retracting and settling each file costs;
- the folder ingested again with some files edited (a citation taken out, a document's year changed,
  a project dropped: real text edited where the extraction says those facts are) and one renamed;
- ``lineage remove`` of one file.

The folder is the real-document copies (``benchmarks/data/real-copies``: the samples and the dev
documents, :data:`benchmarks.extract_cli.REAL_COPIES` times, varied), or its first ``--files``.
With ``--baseline REV`` the same runs use git revision REV's code (``git archive``, in a temporary
folder) in the same invocation, and the stores each side leaves are compared whole (every node and
relationship with its properties, row id and ``seq``, and the meta table with the ``retracted`` log):
"same store" says whether the two revisions leave the store byte for byte alike (a revision without
incremental ingest re-reads the unchanged files, which gives their projects and targets new row ids).

    python3 -m benchmarks.ingest --files 130 --baseline HEAD
    python3 -m benchmarks.ingest --runs 1 --baseline HEAD        # all 780 copies (the baseline is slow)
"""

from __future__ import annotations

import argparse
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks.extract import _timed
from benchmarks.extract_cli import REAL_OUT, REPO, SHARED, cli_env, export_revision, lineage_run, real_copies

# Which of the nodes a retraction touched is looked at first (so the order of the ``retracted`` log)
# follows Python's string hashing, different in every process: both sides run with the same seed.
SAME_SEED = "0"
SCENARIOS = ("first ingest", "again, unchanged", "again, all read again", "again, some changed",
             "remove one file")
Dump = dict[str, list[tuple[object, ...]]]
#: tables left out of the comparison: which files were read, and by which reader (a revision without
#: incremental ingest has none)
UNCOMPARED = frozenset({"ingested_files"})


def dump(store: Path) -> Dump:
    """Every row of every table of the store but :data:`UNCOMPARED`, in a fixed order."""
    conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'doc_search_%' ORDER BY name")]
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables
                if t not in UNCOMPARED}
    finally:
        conn.close()


# --- the edited folder -------------------------------------------------------------------------------

_DATE = re.compile(r"(ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+)(\d{4})")


def _drop_line(text: str, line: int | None) -> str | None:
    lines = text.split("\n")
    if not line or not 0 < line <= len(lines) or not lines[line - 1].strip():
        return None
    return "\n".join(lines[:line - 1] + lines[line:])


def drop_citation(text: str, x: object) -> str | None:
    """``text`` without the line of its first document's first legal basis (None if it has none)."""
    bases = [b for d in x.documents for b in d.bases if b.line]  # type: ignore[attr-defined]
    return _drop_line(text, bases[0].line) if bases else None


def drop_project(text: str, x: object) -> str | None:
    """``text`` without the line of its first project (None if it has none)."""
    projects = [p for d in x.documents for p in d.projects if p.line]  # type: ignore[attr-defined]
    return _drop_line(text, projects[0].line) if projects else None


def change_year(text: str, x: object) -> str | None:
    """``text`` with the year of its first document's date one later (None if it is not written out)."""
    dates = [d.date for d in x.documents if d.date]  # type: ignore[attr-defined]
    if not dates:
        return None
    year = str(dates[0].year)
    for m in _DATE.finditer(text):
        if m.group(2) == year:
            return text[:m.start(2)] + str(int(year) + 1) + text[m.end(2):]
    return None


EDITS: tuple[Callable[[str, object], str | None], ...] = (drop_citation, change_year, drop_project)


def edited_folder(files: list[Path], into: Path, changed: int) -> tuple[dict[str, str], str]:
    """``files`` under ``into``: ``changed`` of them edited, one renamed, the others as they are. The
    edits are made in turn (the least made yet, where it applies), on files spread over the folder
    first. Returns the edited files' names (-> the edit's name) and the renamed file's new name."""
    from graph.reading.extract import extract_file

    step = max(1, len(files) // max(1, changed))
    spread = sorted(range(len(files)), key=lambda i: (i % step != step // 2, i))
    texts = {f.name: f.read_text(encoding="utf-8") for f in files}
    done: dict[str, str] = {}
    used = dict.fromkeys(EDITS, 0)
    for balanced in (True, False):  # an edit that applies to few files gets its turn before another's second
        for f in (files[i] for i in spread if files[i].name not in done):
            if len(done) == changed:
                break
            x = extract_file(f)
            for how in sorted(EDITS, key=lambda e: used[e]):
                if balanced and used[how] > min(used.values()):
                    break
                new = how(texts[f.name], x)
                if new is not None and new != texts[f.name]:
                    used[how] += 1
                    done[f.name], texts[f.name] = how.__name__, new
                    break
    into.mkdir(parents=True)
    for f in files:
        (into / f.name).write_text(texts[f.name], encoding="utf-8")
    renamed = next(f for f in files if f.name not in done)
    (into / renamed.name).rename(into / f"moved_{renamed.name}")
    return done, f"moved_{renamed.name}"


# --- the runs ----------------------------------------------------------------------------------------

def _has_option(checkout: Path, env: dict[str, str], command: str, option: str) -> bool:
    """Does ``checkout``'s ``lineage COMMAND`` take ``option`` (an older revision may not)?"""
    shown = subprocess.run([sys.executable, "-m", "graph.cli", "--lang", "en", command, "--help"],
                           cwd=checkout, env={**env, "COLUMNS": "200"}, capture_output=True, text=True)
    return option in shown.stdout


def _clear(store: Path) -> None:
    for f in store.parent.glob(store.name + "*"):
        f.unlink()


def _copy_store(src: Path, dst: Path) -> None:
    _clear(dst)
    shutil.copy(src, dst)


def side(checkout: Path, folder: Path, edited: Path, removed: str, work: Path, runs: int,
         env: dict[str, str]) -> tuple[dict[str, tuple[float, float]], dict[str, Dump]]:
    """The scenarios with ``checkout``'s code: their times, and the stores they leave (dumped)."""
    work.mkdir()
    first, store = work / "first.db", work / "store.db"
    times: dict[str, tuple[float, float]] = {}
    stores: dict[str, Dump] = {}
    lineage_run(checkout, env, "--help")()  # writes the bytecode; untimed
    first_run = lineage_run(checkout, env, "ingest", str(folder), "--store", str(first))
    times[SCENARIOS[0]] = _timed(first_run, runs, lambda: _clear(first))
    stores[SCENARIOS[0]] = dump(first)
    reread = ("--reread",) if _has_option(checkout, env, "ingest", "--reread") else ()
    commands = {SCENARIOS[1]: ("ingest", str(folder), "--store", str(store)),
                SCENARIOS[2]: ("ingest", str(folder), "--store", str(store), *reread),
                SCENARIOS[3]: ("ingest", str(edited), "--store", str(store)),
                SCENARIOS[4]: ("remove", removed, "--store", str(store))}
    for name, args in commands.items():
        times[name] = _timed(lineage_run(checkout, env, *args), runs, lambda: _copy_store(first, store))
        stores[name] = dump(store)
    return times, stores


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=0, help="only the first N real copies (default: all)")
    ap.add_argument("--changed", type=int, default=12, help="files edited for the third run (default 12)")
    ap.add_argument("--runs", type=int, default=3, help="runs per measure; the median is printed (default 3)")
    ap.add_argument("--baseline", metavar="REV", help="also run git revision REV's code, and compare stores")
    ap.add_argument("--shared", type=Path, default=SHARED, help="folder of corpus/ and dev/docs/ (../shared)")
    args = ap.parse_args()

    files = sorted(REAL_OUT.glob("*.txt")) or real_copies(args.shared)  # made once (benchmarks.extract)
    files = files[:args.files] if args.files else files
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as name:
        tmp = Path(name)
        folder = tmp / "folder"
        folder.mkdir()
        for f in files:
            (folder / f.name).symlink_to(f.resolve())
        done, moved = edited_folder(files, tmp / "edited", args.changed)
        removed = files[len(files) // 2].name
        mb = sum(f.stat().st_size for f in files) / 1e6
        print(f"{len(files)} files ({mb:.1f} MB), {len(done)} edited and 1 renamed ({moved}) for the third "
              f"run, {removed} removed; median of {args.runs} run(s), CPU of lineage and its workers")
        env = {**cli_env(tmp), "PYTHONHASHSEED": SAME_SEED}
        sides = [("this tree", REPO)]
        if args.baseline:
            sides.append((f"baseline {args.baseline}", export_revision(args.baseline, tmp)))
        results = [side(checkout, folder, tmp / "edited", removed, tmp / f"side{i}", args.runs, env)
                   for i, (_label, checkout) in enumerate(sides)]
    heads = "".join(f"{label:>26}" for label, _ in sides)
    print(f"{'':22}{heads}" + ("   same store" if args.baseline else ""))
    for name in SCENARIOS:
        cells = "".join(f"{times[name][1]:>9.2f} s CPU {times[name][0]:>6.2f} s" for times, _ in results)
        same = ("   yes" if results[0][1][name] == results[1][1][name] else "   NO") if args.baseline else ""
        print(f"{name:22}{cells}{same}")


if __name__ == "__main__":
    main()
