"""What the fast-path tests read: the sample corpus with each test file's own edge cases, and random
windows of a text (the fast form must find what the plain pattern finds in any range)."""

from __future__ import annotations

import random
from pathlib import Path

from graph.text import nfc, unify_tones

CORPUS = Path(__file__).resolve().parents[1] / "graph" / "data" / "corpus"
#: the development documents beside the repository (read when present)
DEV = Path(__file__).resolve().parents[2] / "shared" / "dev" / "docs"


def sample_texts(edges: list[str], *, as_read: bool = True) -> list[str]:
    """The sample corpus, then ``edges``; ``as_read``: NFC with one tone-mark style, as the readers get it."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))] + list(edges)
    return [unify_tones(nfc(t)) for t in texts] if as_read else texts


def texts_with_dev(edges: list[str]) -> list[str]:
    """:func:`sample_texts` (as read), then the development documents when they are beside the repository."""
    texts = sample_texts(edges)
    if DEV.is_dir():
        texts += [unify_tones(nfc(p.read_text(encoding="utf-8", errors="replace")))
                  for p in sorted(DEV.glob("*.txt"))]
    return texts


def random_windows(text: str, rnd: random.Random, n: int, lengths: tuple[int, ...]) -> list[tuple[int, int]]:
    """The whole text, then ``n`` windows at random starts, each one of ``lengths`` long (cut at the end)."""
    out = [(0, len(text))]
    for _ in range(n):
        a = rnd.randrange(len(text) + 1)
        out.append((a, min(len(text), a + rnd.choice(lengths))))
    return out
