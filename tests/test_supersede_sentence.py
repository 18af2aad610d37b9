"""What a document says of the one it replaces is read with the text, not again from the file later:
extraction JSON ingested without its text file gives the same event and day as the text."""

from __future__ import annotations

import json
from pathlib import Path

from graph.ingest import ingest
from graph.reading.extract import extract_file
from graph.stores.embedded import load_graph
from graph.vocabulary import SUPERSEDES

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "graph" / "data" / "corpus" / "003_a7a611ee86822b52.txt"
CLOSING = "Quyết định này có hiệu lực thi hành kể từ ngày\nký./."
REPLACING = ("Quyết định này có hiệu lực thi hành sau 10 ngày kể từ ngày\nký và thay thế Quyết định số "
             "12/2005/QĐ-UBND ngày 05/4/2005 của Ủy ban nhân dân tỉnh Cà Mau./.")


def _replacing(folder: Path) -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    assert CLOSING in text  # the sentence broken over two lines, as the sample has it
    path = folder / "replacing.txt"
    path.write_text(text.replace(CLOSING, REPLACING), encoding="utf-8")
    return path


def _supersedes(store: Path) -> list[dict]:
    g = load_graph(store)
    return [d for _, _, t, d in g.edges(keys=True, data=True)
            if t == SUPERSEDES and d["source"] == "replacing.txt"]


def test_the_replacing_sentence_travels_with_the_extraction(tmp_path):
    text = _replacing(tmp_path)
    x = extract_file(text)
    (old,) = x.documents[0].supersedes
    assert old.sentence is not None and "sau 10 ngày kể từ ngày ký và thay thế" in old.sentence
    from_text = tmp_path / "text.db"
    ingest([text], from_text)
    saved = tmp_path / "json" / "replacing.json"
    saved.parent.mkdir()
    saved.write_text(json.dumps(x.model_dump(mode="json"), ensure_ascii=False), encoding="utf-8")
    text.unlink()  # the text file is gone: only the extraction is left
    from_json = tmp_path / "json.db"
    ingest([saved], from_json)
    (a,), (b,) = _supersedes(from_text), _supersedes(from_json)
    assert a["effective_text"] is not None and a["event"] == "replaced"
    assert {k: a[k] for k in ("event", "words", "effective_text")} == \
        {k: b[k] for k in ("event", "words", "effective_text")}
