"""Generate a text corpus for the extraction benchmark from the sample documents.

Each generated file is a sample with its document numbers, dates and province changed
(deterministic from a seed); the damaged sample stays damaged (names are damaged the same way).
Files go to ``benchmarks/data/extract-corpus/`` (git-ignored).

    python3 -m benchmarks.make_corpus --mb 20
"""

from __future__ import annotations

import argparse
import calendar
import json
import random
import re
import shutil
from importlib import resources
from pathlib import Path

from graph.reading.restore.damage import damage_model, is_damaged

SAMPLES = Path(__file__).parent.parent / "graph" / "data" / "corpus"
OUT = Path(__file__).parent / "data" / "extract-corpus"
SAMPLE_PROVINCES = ("Kiên Giang", "Cà Mau", "Tiền Giang")

_NUMBER = re.compile(r"(?<![\d/])(\d{1,4})(?=(?:/\d{4})?/[A-ZĐ])")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})\b")
_SPELT_DATE = re.compile(r"ngày (\d{1,2}) tháng (\d{1,2}) năm ((?:19|20)\d{2})")


def _provinces() -> list[str]:
    data = json.loads(resources.files("graph.data").joinpath("provinces.json").read_text("utf-8"))
    return [p["name"] for p in data["provinces"]]


def _date(rng: random.Random) -> tuple[int, int, int]:
    y = rng.randint(2005, 2024)
    m = rng.randint(1, 12)
    return rng.randint(1, calendar.monthrange(y, m)[1]), m, y


def _damaged(name: str, dm) -> str:
    return re.sub(" +", " ", " ".join(" ".join(dm.skeleton(w)) for w in name.split()))


def vary(text: str, rng: random.Random, province: str, damaged: bool) -> str:
    """The sample with other numbers, dates and province."""
    text = _NUMBER.sub(lambda m: str(rng.randint(1, 2999)), text)

    def numeric(m: re.Match) -> str:
        d, mo, y = _date(rng)
        return f"{d:02d}/{mo}/{y}" if len(m.group(1)) == 2 else f"{d}/{mo}/{y}"

    def spelt(_m: re.Match) -> str:
        d, mo, y = _date(rng)
        return f"ngày {d} tháng {mo} năm {y}"

    text = _NUMERIC_DATE.sub(numeric, text)
    text = _SPELT_DATE.sub(spelt, text)
    dm = damage_model()
    for old in SAMPLE_PROVINCES:
        for a, b in ((old, province), (old.upper(), province.upper())):
            text = text.replace(a, b)
            if damaged:
                text = text.replace(_damaged(a, dm), _damaged(b, dm))
    return text


def generate(mb: float = 20.0, seed: int = 1, out: Path = OUT) -> list[Path]:
    """Write at least ``mb`` MB of varied samples to ``out``; returns the files."""
    rng = random.Random(seed)
    provinces = _provinces()
    samples = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.txt"))]
    damaged = {name: is_damaged(text) for name, text in samples}
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    files: list[Path] = []
    size = 0
    k = 0
    while size < mb * 1e6:
        for name, text in samples:
            body = vary(text, rng, rng.choice(provinces), damaged[name])
            path = out / f"{k:05d}_{name}"
            path.write_text(body, encoding="utf-8")
            size += path.stat().st_size
            files.append(path)
            k += 1
    return files


def ensure(mb: float = 20.0, seed: int = 1) -> list[Path]:
    """The corpus, generated if missing or too small."""
    files = sorted(OUT.glob("*.txt")) if OUT.exists() else []
    if sum(f.stat().st_size for f in files) < mb * 1e6:
        files = generate(mb, seed)
    return files


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=20.0, help="size to generate, in MB (default 20)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    files = generate(args.mb, args.seed)
    total = sum(f.stat().st_size for f in files)
    print(f"{len(files)} files, {total / 1e6:.1f} MB in {OUT}")


if __name__ == "__main__":
    main()
