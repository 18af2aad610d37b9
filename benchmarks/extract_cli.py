"""``lineage extract`` as a user runs it, for :mod:`benchmarks.extract`: real documents, CLI runs, summary.

- :func:`real_copies` writes the samples and ``../shared/dev/docs``, :data:`REAL_COPIES` times with
  their document numbers and dates varied (mostly short documents: headers, bases, citations);
- :func:`cli_rows` times ``lineage extract FOLDER --workers N --format json`` in a new process (its
  start included) on the generated corpus and on the real documents, with this tree's code and with a
  baseline revision's; for this tree also with one worker (the two-worker speed-up and the CPU the
  hand-off costs) and on one small file (the fixed cost of a run: interpreter, imports, warm-up);
- :func:`summary` prints the goal figures of issue 17 and these comparisons.

The CLI runs write and reuse bytecode in a temporary folder (``PYTHONPYCACHEPREFIX``), as an installed
package does (``pip install`` compiles it), even where ``PYTHONDONTWRITEBYTECODE`` is set: otherwise
each run would compile the project's ~90 modules from source first (~0.1 s of CPU a run).
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from benchmarks.make_corpus import vary

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
REAL_COPIES = 12  # copies of the samples and the dev documents (about 3.7 MB)
REAL_OUT = Path(__file__).parent / "data" / "real-copies"
GOAL_WALL, GOAL_CPU, GOAL_COLD = 10.0, 5.0, 2.0  # MB/s wall and MB per CPU-second with two workers; cold
Row = tuple[str, float, tuple[float, float]]
Timer = Callable[[Callable[[], object], int], tuple[float, float]]


def real_sources(shared: Path = SHARED) -> list[Path]:
    """The samples and the dev documents under ``shared``."""
    return sorted((shared / "corpus").glob("*.txt")) + sorted((shared / "dev" / "docs").glob("*.txt"))


def real_copies(shared: Path = SHARED, copies: int = REAL_COPIES, seed: int = 1) -> list[Path]:
    """The samples and the dev documents, ``copies`` times with their document numbers, dates and
    (sample) province varied as :func:`benchmarks.make_corpus.vary` does, written to :data:`REAL_OUT`."""
    from benchmarks.make_corpus import _provinces
    from graph.reading.restore.damage import is_damaged

    sources = real_sources(shared)
    if not sources:
        raise SystemExit(f"no samples or dev documents under {shared}")
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sources]
    damaged = {name: is_damaged(text) for name, text in texts}
    rng = random.Random(seed)
    provinces = _provinces()
    REAL_OUT.mkdir(parents=True, exist_ok=True)
    files = []
    for k in range(copies):
        for name, text in texts:
            path = REAL_OUT / f"{k:02d}_{name}"
            content = vary(text, rng, rng.choice(provinces), damaged[name])
            # the same seed gives the same copies: a file already right is left alone, a new one is
            # written whole and renamed into place (another run reading the folder never sees it half-made)
            if not path.is_file() or path.read_text(encoding="utf-8") != content:
                part = path.with_name(path.name + ".part")
                part.write_text(content, encoding="utf-8")
                os.replace(part, path)
            files.append(path)
    for stale in set(REAL_OUT.iterdir()) - set(files):
        stale.unlink()
    return files


def export_revision(rev: str, into: Path) -> Path:
    """Git revision ``rev`` of this repository as files under ``into`` (``git archive``: the
    repository and its work tree are not touched), its optional C extension built there as ``pip
    install`` would (without it the baseline would run the slower pure-Python twins)."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev], capture_output=True, check=True).stdout
    out = into / "baseline"
    out.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(out)], input=archive, check=True)
    if (out / "setup.py").exists():
        build = subprocess.run([sys.executable, "setup.py", "-q", "build_ext", "--inplace"], cwd=out,
                               capture_output=True)
        if build.returncode:
            print(f"note: the C extension of {rev} did not build; it runs its Python version")
    return out


def cli_env(tmp: Path) -> dict[str, str]:
    """The environment of the CLI runs: bytecode written to and read from a folder under ``tmp``."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


def cli_run(checkout: Path, folder: Path, workers: int,
            env: dict[str, str] | None = None) -> Callable[[], None]:
    """``lineage extract FOLDER --workers N --format json`` in a new process, with ``checkout``'s code
    (run from inside it), output discarded; its CPU and its workers' count as children's."""
    return lineage_run(checkout, env, "extract", str(folder), "--workers", str(workers), "--format", "json")


def lineage_run(checkout: Path, env: dict[str, str] | None, *args: str) -> Callable[[], None]:
    """``lineage ARGS`` in a new process, with ``checkout``'s code (run from inside it), output
    discarded; a failure (exit code above 1) stops the benchmark with what it wrote on stderr."""
    command = [sys.executable, "-m", "graph.cli", *args]

    def run() -> None:
        proc = subprocess.run(command, cwd=checkout, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed in {checkout}:\n{proc.stderr.decode()[-2000:]}")
    return run


def cli_rows(timed: Timer, files: list[Path], real: list[Path], workers: int, runs: int, baseline: str | None,
             tmp: Path) -> dict[str, Row]:
    """The CLI runs, keyed ``"{corpus|real|small} {side}"`` (``"… one worker"`` for this tree's runs with
    one worker); ``files`` are the generated corpus files measured, ``real`` the real-document copies."""
    mb = sum(f.stat().st_size for f in files) / 1e6
    real_mb = sum(f.stat().st_size for f in real) / 1e6
    corpus = tmp / "corpus"  # the files measured (the generated folder may hold more)
    corpus.mkdir()
    for f in files:
        (corpus / f.name).symlink_to(f.resolve())
    small = tmp / "small"  # one short real document: what any run costs before the first file
    small.mkdir()
    smallest = min(real_sources(), key=lambda p: p.stat().st_size, default=files[0])
    shutil.copy(smallest, small / smallest.name)
    env = cli_env(tmp)
    sides = [("this tree", REPO)]
    if baseline:
        sides.append((f"baseline {baseline}", export_revision(baseline, tmp)))
    rows: dict[str, Row] = {}
    for name, checkout in sides:
        cli_run(checkout, small, 1, env)()  # writes the bytecode; untimed
        counts = (workers, 1) if name == "this tree" and workers > 1 else (workers,)
        for w in counts:
            suffix = "" if w == workers else " one worker"
            rows[f"corpus {name}{suffix}"] = (f"CLI --workers {w}, corpus, {name}", mb,
                                             timed(cli_run(checkout, corpus, w, env), runs))
            if real:
                rows[f"real {name}{suffix}"] = (f"CLI --workers {w}, real docs x{REAL_COPIES}, {name}",
                                               real_mb, timed(cli_run(checkout, REAL_OUT, w, env), runs))
        rows[f"small {name}"] = (f"CLI, one small file ({smallest.stat().st_size} B), {name}",
                                 smallest.stat().st_size / 1e6, timed(cli_run(checkout, small, 1, env), runs))
    return rows


def reading_budget(size: float, reading: float, overhead: float, re_rate: float) -> str:
    """What the CPU goal leaves for reading ``size`` MB once a run's ``overhead`` (fixed cost, hand-off,
    warm-ups: CPU seconds) is paid, as the reading speed it would take, against today's (``reading``
    seconds) and a bare ``re`` pass (``re_rate`` MB/s)."""
    left = size / GOAL_CPU - overhead
    if left <= 0:
        return (f"the goal's {size / GOAL_CPU:.2f} s of CPU is spent before any reading: the rest of the run"
                f" alone takes {overhead:.2f} s")
    need = size / left
    return (f"the goal leaves {left:.2f} s of CPU for reading: {need:.1f} MB/s,"
            f" {need / (size / reading):.1f}x today's reading, {need / re_rate:.2f}x a bare re pass")


def summary(cli: dict[str, Row], re_rate: float, real_re_rate: float, baseline: str | None,
            cold_rate: float, in_process: dict[str, float] | None = None) -> None:
    """The goal figures of issue 17, the ratio to a bare ``re`` pass and to the baseline; the speed-up
    of two workers over one, the fixed cost of a run, and (given ``in_process``: CPU seconds of the
    same files read in one process, by ``"corpus"`` / ``"real"``) where a CLI run's CPU goes."""
    print(f"goal: >= {GOAL_WALL:g} MB/s wall and >= {GOAL_CPU:g} MB per CPU-second with two workers, on the"
          f" corpus and on real documents; >= {GOAL_COLD:g} MB/s per core on damaged files read cold")
    for key, (label, size, (wall, cpu)) in cli.items():
        if key.startswith("small") or key.endswith("one worker"):
            continue
        rate = re_rate if key.startswith("corpus") else real_re_rate
        print(f"  {label}: {size / wall:.2f} MB/s wall, {size / cpu:.2f} MB per CPU-second"
              f" ({rate / (size / cpu):.1f}x slower than a bare re pass)")
    if cold_rate == cold_rate:
        print(f"  damaged files read cold, one process: {cold_rate:.2f} MB per CPU-second")
    for what in ("corpus", "real"):
        two, one = cli.get(f"{what} this tree"), cli.get(f"{what} this tree one worker")
        if two and one:
            print(f"  {what}, two workers against one: {one[2][0] / two[2][0]:.2f}x the speed in wall time,"
                  f" {100 * (two[2][1] / one[2][1] - 1):+.0f}% CPU (hand-off, each worker's own warm-up)")
    small = cli.get("small this tree")
    if small:
        print(f"  fixed cost of a run (start, imports, one small file): {small[2][1]:.2f} s CPU,"
              f" {small[2][0]:.2f} s wall")
    for what, cpu in (in_process or {}).items():
        run = cli.get(f"{what} this tree")
        if run and small:
            rest = run[2][1] - cpu - small[2][1]
            print(f"  {what}, where the CPU of the CLI run goes: {run[2][1]:.2f} s = reading in one process"
                  f" {cpu:.2f} + fixed cost {small[2][1]:.2f} + JSON, hand-off, each worker's warm-up"
                  f" {rest:.2f}")
            print("    " + reading_budget(run[1], cpu, small[2][1] + rest,
                                          re_rate if what == "corpus" else real_re_rate))
    if baseline:
        for what in ("corpus", "real", "small"):
            now, base = cli.get(f"{what} this tree"), cli.get(f"{what} baseline {baseline}")
            if now and base:
                print(f"  {what}: this tree / baseline {baseline}: {base[2][0] / now[2][0]:.2f}x in wall"
                      f" time, {base[2][1] / now[2][1]:.2f}x in CPU time")
