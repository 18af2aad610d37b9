"""Whether two versions of the extractor give byte-identical extraction of the samples and the dev set.

Each side is a checkout (a folder holding ``graph/``) or a git revision of this repository (exported
with ``git archive`` into a temporary folder; the repository itself is not touched). Each side's own
code extracts ``../shared/corpus`` and ``../shared/dev/docs`` (``python3 -m graph.cli extract FILES
--format json``, run from inside the side, so its ``graph`` package is the one imported); the JSON of
every file, the warnings on stderr and the exit code are compared.

    python3 scripts/check_identical_extraction.py HEAD .          # the last commit against the work tree
    python3 scripts/check_identical_extraction.py /work/other /work/main --shared ../shared

Prints ``identical`` (exit 0), or the first file that differs with the first lines that differ
(exit 1); exit 2 when a side cannot be used.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SETS = {"samples": "corpus", "dev": "dev/docs"}
DIFF_LINES = 20


@dataclass
class Extraction:
    """What one side printed for one set of files."""

    files: dict[str, str]  # file name -> its JSON object
    stdout: str
    stderr: str
    code: int


def _side(spec: str, tmp: Path) -> Path:
    """The folder whose ``graph/`` runs: ``spec`` itself when it is a checkout, else the git
    revision ``spec`` exported into ``tmp``."""
    folder = Path(spec)
    if (folder / "graph" / "__init__.py").is_file():
        return folder.resolve()
    rev = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}"],
                         capture_output=True, text=True)
    if rev.returncode != 0:
        raise SystemExit(f"error: {spec!r} is neither a checkout (a folder with graph/) nor a git revision")
    out = tmp / rev.stdout.strip()[:12]
    out.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev.stdout.strip()], capture_output=True,
                             check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(out)], input=archive, check=True)
    return out


def _split(text: str) -> dict[str, str]:
    """The printed JSON list, one entry per file: its name -> its object (indented, for a readable diff)."""
    files: dict[str, str] = {}
    for item in json.loads(text) if text.strip() else []:
        name = item.get("path") or item["source"]
        files[Path(name).name] = json.dumps(item, ensure_ascii=False, indent=2)
    return files


def extract(side: Path, files: list[Path]) -> Extraction:
    """``side``'s extraction of ``files`` through its own CLI."""
    command = [sys.executable, "-m", "graph.cli", "extract", *map(str, files), "--format", "json"]
    # one language for both sides: the messages' words, not the language chosen, are compared
    env = {**os.environ, "LINEAGE_LANG": "en"}
    proc = subprocess.run(command, cwd=side, capture_output=True, env=env)
    stdout = proc.stdout.decode("utf-8")
    try:
        parsed = _split(stdout)
    except (ValueError, KeyError):
        raise SystemExit(f"error: {side} printed no JSON list (exit {proc.returncode}):\n"
                         + proc.stderr.decode("utf-8", "replace")[-2000:]) from None
    return Extraction(parsed, stdout, proc.stderr.decode("utf-8"), proc.returncode)


def _first_difference(name: str, a: str, b: str, label_a: str, label_b: str) -> str:
    diff = list(difflib.unified_diff(a.splitlines(), b.splitlines(), label_a, label_b, lineterm="", n=2))
    more = f"\n... ({len(diff) - DIFF_LINES} more diff lines)" if len(diff) > DIFF_LINES else ""
    return f"first file that differs: {name}\n" + "\n".join(diff[:DIFF_LINES]) + more


def compare(a: Extraction, b: Extraction, label_a: str, label_b: str) -> str | None:
    """The first difference of two extractions of the same files, said plainly; None when identical."""
    for name in sorted(a.files.keys() | b.files.keys()):
        if name not in a.files or name not in b.files:
            return f"first file that differs: {name} (extracted by only one side)"
        if a.files[name] != b.files[name]:
            return _first_difference(name, a.files[name], b.files[name], label_a, label_b)
    if a.stdout != b.stdout:  # the same values written differently (spacing, number format)
        return _first_difference("(the JSON as printed)", a.stdout, b.stdout, label_a, label_b)
    if a.stderr != b.stderr:
        return _first_difference("(warnings on stderr)", a.stderr, b.stderr, label_a, label_b)
    if a.code != b.code:
        return f"exit codes differ: {a.code} and {b.code}"
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("a", help="a checkout folder or a git revision (the reference)")
    ap.add_argument("b", nargs="?", default=str(REPO),
                    help="a checkout or a revision (default: this work tree)")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                    help="the shared folder with corpus/ and dev/docs/ (default: ../shared)")
    args = ap.parse_args()
    sets = {name: sorted((args.shared.resolve() / sub).glob("*.txt")) for name, sub in SETS.items()}
    if not all(sets.values()):
        print(f"error: no samples or dev documents under {args.shared}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="identical-") as tmp:
        try:
            side_a, side_b = _side(args.a, Path(tmp)), _side(args.b, Path(tmp))
            for name, files in sets.items():
                found = compare(extract(side_a, files), extract(side_b, files), args.a, args.b)
                if found:
                    print(f"{name}: DIFFERENT\n{found}")
                    return 1
                print(f"{name}: identical ({len(files)} files)")
        except SystemExit as exc:
            print(exc, file=sys.stderr)
            return 2
    print("identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
