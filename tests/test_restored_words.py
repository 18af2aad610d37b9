"""Citing words from a damaged text layer are shown restored; the words as they stand stay on demand."""

from __future__ import annotations

import json
from pathlib import Path

from graph.ingest import ingest
from graph.queries.bases import bases
from graph.queries.sqlite_backend import SQLiteBackend
from graph.reading.extract import extract_file
from visualizations.render import build_payload

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "graph" / "data" / "corpus" / "000_5ff91108e71e8f83.txt"
CLEAN = "Căn cứ Luật Công nghệ thông tin ngày 29/6/2006;"
GLUED = "Căn cứ Luật Công nghệthông tin ngày 29/6/2006;"  # words glued, as PDF text layers lose the space


def _damaged(tmp_path: Path) -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    assert CLEAN in text
    path = tmp_path / "damaged.txt"
    path.write_text(text.replace(CLEAN, GLUED), encoding="utf-8")
    return path


def test_the_citation_keeps_both_the_words_as_they_stand_and_as_restored(tmp_path):
    x = extract_file(_damaged(tmp_path))
    law = next(c for c in x.documents[0].bases if "Công nghệ" in c.text)
    assert law.text == "Luật Công nghệthông tin ngày 29/6/2006"
    assert law.text_restored == "Luật Công nghệ thông tin ngày 29/6/2006"
    clean = next(c for c in x.documents[0].bases if "chính quyền" in c.text)
    assert clean.text_restored is None and "text_restored" not in clean.model_dump()


def test_answers_show_the_restored_words_and_the_raw_ones_on_demand(tmp_path):
    store = tmp_path / "s.db"
    ingest([_damaged(tmp_path)], store)
    backend = SQLiteBackend(store)
    doc = next(n for n in backend.all_documents() if n.props.get("source") == "damaged.txt")
    result = bases(backend, doc.key)
    links = [lk for lk in result.links if "Công nghệ" in (lk.text or "")]
    assert links and links[0].text == "Luật Công nghệ thông tin ngày 29/6/2006"
    assert links[0].raw_text == "Luật Công nghệthông tin ngày 29/6/2006"
    assert all(lk.raw_text is None for lk in result.links if lk is not links[0])
    data = json.loads(result.model_dump_json())
    assert [lk["raw_text"] for lk in data["links"] if lk["raw_text"]] == [links[0].raw_text]
    page = json.dumps(build_payload(result.to_subgraph()), ensure_ascii=False)
    assert "Nguyên văn (trước khôi phục)" in page and "Công nghệthông tin" in page


def test_restored_words_stay_with_the_citation_they_belong_to(tmp_path):
    """Two files cite one law, one of them damaged: a relationship keeps the provenance of the first
    file and never the restored words of the other (they would quote a line that does not say them)."""
    corpus = sorted((ROOT / "graph" / "data" / "corpus").glob("*.txt"))
    said = {}
    for path in corpus:
        for doc in extract_file(path).documents:
            cited = [*doc.bases, *doc.references, *(n.doc for n in doc.nested), *doc.supersedes]
            for c in [*cited, *([doc.attached_to] if doc.attached_to else [])]:
                said.setdefault((path.name, c.line, c.text), set()).add(c.text_restored)
    store = tmp_path / "s.db"
    ingest(corpus, store, workers=1)
    from graph.stores.embedded import load_graph

    g = load_graph(store)
    restored = [d for _, _, d in g.edges(data=True) if d.get("text_restored")]
    assert restored  # the damaged sample's citations
    for d in restored:
        assert d["text_restored"] in said[(d["source"], d["line"], d["text"])], d
