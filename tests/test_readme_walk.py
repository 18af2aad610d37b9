"""Walk the README as a new user would: every ``lineage …`` command of its shell blocks, in order, as shown.

The commands run in a temporary working folder holding a copy of the sample corpus (as in a fresh clone),
with an empty home (no store yet, ``LINEAGE_STORE`` unset), through ``bash`` so that quoting, globs,
redirections and the README's own ``export`` lines behave as in a terminal. ``--open`` runs with a
browser that does nothing (``BROWSER=true``). Skipped, with the reason: commands that need a Neo4j
server, and everything that is not ``lineage`` (pip, pytest, python tools).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
NEEDS_NEO4J = "needs a Neo4j server"
NOT_LINEAGE = "not a lineage command (pip, pytest or a python tool)"


@dataclass
class Command:
    line: int  # line number in README.md
    text: str  # the shell text, comment removed


def strip_comment(text: str) -> str:
    """``text`` without a trailing shell comment (a ``#`` after a blank, outside quotes)."""
    quote = ""
    for i, ch in enumerate(text):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or text[i - 1].isspace()):
            return text[:i].rstrip()
    return text.rstrip()


def shell_blocks(markdown: str) -> list[list[tuple[int, str]]]:
    """The shell code blocks (fenced ``bash``/``sh``/``shell``/``console``, or indented), numbered."""
    blocks: list[list[tuple[int, str]]] = []
    fence: str | None = None
    current: list[tuple[int, str]] = []
    previous_blank = True
    for number, line in enumerate(markdown.splitlines(), 1):
        if fence is not None:
            if line.startswith("```"):
                if fence in ("bash", "sh", "shell", "console"):
                    blocks.append(current)
                fence, current = None, []
            else:
                current.append((number, line))
            continue
        if line.startswith("```"):
            fence = line[3:].strip()
            continue
        if line.startswith("    ") and (current or previous_blank):
            current.append((number, line[4:]))
        elif current and not line.strip():
            current.append((number, ""))
        else:
            if current:
                blocks.append(current)
            current = []
        previous_blank = not line.strip()
    if current:
        blocks.append(current)
    return blocks


def commands(markdown: str) -> list[Command]:
    """Every command of the shell blocks in order; in a block of ``$ `` prompts only the prompted lines."""
    found = []
    for block in shell_blocks(markdown):
        prompted = any(text.startswith("$ ") for _, text in block)
        pending: tuple[int, str] | None = None
        for number, text in block:
            if pending:  # a line continued with a backslash
                number, text = pending[0], pending[1] + " " + text.strip()
                pending = None
            elif prompted:
                if not text.startswith("$ "):
                    continue
                text = text[2:]
            text = strip_comment(text)
            if text.endswith("\\"):
                pending = (number, text[:-1].rstrip())
                continue
            if text.strip():
                found.append(Command(number, text.strip()))
    return found


def skip_reason(segment: str) -> str | None:
    """Why a command segment is not run (None: run it)."""
    words = segment.split()
    if not words:
        return None
    if words[0] == "export":
        return NEEDS_NEO4J if "NEO4J" in segment else None
    if words[0] != "lineage":
        return NOT_LINEAGE
    if "push" in words[1:2] or "--neo4j" in words or "--uri" in words:
        return NEEDS_NEO4J
    return None


def test_commands_are_read_from_the_readme_in_order():
    text = "intro\n\n    lineage a   # one\n    pip x && lineage b\n\n```bash\nlineage c '#x'\n```\n" \
           "\n    $ lineage d --x \\\n    --y\n    output # not run\n"
    assert [c.text for c in commands(text)] == ["lineage a", "pip x && lineage b", "lineage c '#x'",
                                                "lineage d --x --y"]
    assert [c.line for c in commands(text)] == [3, 4, 7, 10]


def walk_environment(tmp: Path) -> dict[str, str]:
    """A fresh user's environment: empty home, no store, ``lineage`` on PATH running this checkout."""
    bin_dir = tmp / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "lineage"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m graph.cli "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    env = {k: val for k, val in os.environ.items() if not k.startswith(("LINEAGE_", "NEO4J_"))}
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
        PYTHONPATH=str(ROOT),
        HOME=str(tmp / "home"),
        XDG_DATA_HOME=str(tmp / "home" / ".local" / "share"),
        BROWSER="true",
        COLUMNS="120",
    )
    return env


def test_every_readme_command_runs_as_shown(tmp_path):
    if shutil.which("bash") is None:
        pytest.skip("bash not installed")
    work = tmp_path / "clone"
    shutil.copytree(ROOT / "graph" / "data" / "corpus", work / "graph" / "data" / "corpus")
    env = walk_environment(tmp_path)
    exports: list[str] = []
    ran, skipped, failures = [], [], []
    for command in commands(README.read_text(encoding="utf-8")):
        for segment in re.split(r"\s*&&\s*", command.text):
            reason = skip_reason(segment)
            if reason:
                skipped.append((command.line, segment, reason))
                continue
            if segment.startswith("export "):
                exports.append(segment)
                continue
            script = "; ".join([*exports, segment])
            proc = subprocess.run(["bash", "-c", script], cwd=work, env=env, capture_output=True, text=True,
                                  timeout=300)
            ran.append(segment)
            if proc.returncode != 0:
                failures.append(f"README.md:{command.line}: `{segment}` exited {proc.returncode}: "
                                f"{proc.stderr.strip()[-400:]}")
    assert not failures, "\n".join(failures)
    assert len(ran) >= 15 and ran[0].startswith("lineage demo")
    assert {reason for *_, reason in skipped} <= {NEEDS_NEO4J, NOT_LINEAGE}


def run_lineage(args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", f"lineage {args}"], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)


def test_after_the_demo_the_hint_and_the_demo_name_its_store(tmp_path):
    """Item 6: the README's next command after ``lineage demo`` finds its way to the demo's store."""
    from graph.stores.location import DEMO_FOLDER, STORE_FILE

    work = tmp_path / "work"
    work.mkdir()
    env = walk_environment(tmp_path)
    demo = run_lineage("demo", work, env)
    assert demo.returncode == 0, demo.stderr
    store = f"{DEMO_FOLDER}/{STORE_FILE}"
    assert (work / store).is_file()
    assert f"--store {store}" in demo.stdout.splitlines()[-1]
    assert f"export LINEAGE_STORE={work / store}" in demo.stdout.splitlines()[-1]
    # the pages it wrote, dated the way a Vietnamese reader writes dates
    assert "Quyết định 2174/QĐ-UBND (26/08/2022)" in demo.stdout, demo.stdout

    missing = run_lineage("bases 2174", work, env)
    # a fresh user's machine (no language set): Vietnamese
    assert missing.returncode == 2 and "không có kho dữ liệu lineage ở đây" in missing.stderr
    hint = next(line for line in missing.stderr.splitlines() if line.startswith("gợi ý:"))
    assert f"--store {store}" in hint
    export = re.search(r"export LINEAGE_STORE=\S+", hint)
    assert export
    answered = subprocess.run(["bash", "-c", f"{export.group(0)}; lineage bases 2174"], cwd=work, env=env,
                              capture_output=True, text=True, timeout=300)
    assert answered.returncode == 0, answered.stderr
    assert "52-NQ/TW" in answered.stdout
    with_store = run_lineage(f"bases 2174 --store {store}", work, env)
    assert with_store.returncode == 0, with_store.stderr

    # Elsewhere (no demo folder) the hint stays the general one.
    elsewhere = run_lineage("bases 2174", tmp_path, env)
    assert elsewhere.returncode == 2 and DEMO_FOLDER not in elsewhere.stderr


def test_the_demo_folder_and_store_side_files_stay_out_of_git_status():
    from graph.stores.location import DEMO_FOLDER, STORE_FILE

    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    paths = [f"{DEMO_FOLDER}/index.html", f"{DEMO_FOLDER}/{STORE_FILE}", f"{DEMO_FOLDER}/2174-2022.html",
             f"{STORE_FILE}.lock", "lineage.db-wal", "lineage.db-shm", "lineage.db-journal",
             "lineage.db.lock"]
    proc = subprocess.run(["git", "check-ignore", "--no-index", *paths], cwd=ROOT, capture_output=True,
                          text=True)
    assert sorted(proc.stdout.split()) == sorted(paths)
