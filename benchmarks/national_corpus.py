"""A synthetic national corpus: 63 provinces, 2005-2025, ~160,000 documents, deterministic from a seed.

About one third central (laws, decrees, Government resolutions, Prime Minister's decisions,
ministries' circulars and letters, Party resolutions), two thirds provincial (decisions, plans,
programmes of UBND, HĐND resolutions, Party committees' programmes). Every document cites earlier
ones: central documents a few central bases; provincial documents central bases drawn from a
popularity-skewed pool (a few thousand documents take most citations, as the real ones do) plus
earlier documents of their own province. Plans carry projects and targets; decisions name who
proposed them; agencies are each province's departments plus the national bodies.

Use::

    from benchmarks.national_corpus import generate, national_store
    for extraction in generate(160_000, seed=1): ...     # FileExtraction objects, oldest first
    path = national_store()                              # build once, cached in benchmarks/data/

Run ``python3 -m benchmarks.national_corpus --help`` to write JSON lines or a store file.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from graph.loaders.keys import rules
from graph.model import Assignment, Citation, Document, FileExtraction, Project, Proposal, Target

DATA = Path(__file__).parent / "data"
YEARS = range(2005, 2026)
CENTRAL_SHARE = 1 / 3

DEPARTMENTS = (
    "Sở Thông tin và Truyền thông",
    "Sở Kế hoạch và Đầu tư",
    "Sở Tài chính",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Công Thương",
    "Sở Xây dựng",
    "Sở Giao thông vận tải",
    "Sở Tài nguyên và Môi trường",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Khoa học và Công nghệ",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Công an tỉnh",
    "Văn phòng Ủy ban nhân dân tỉnh",
    "Thanh tra tỉnh",
    "Ban Dân tộc",
    "Đài Phát thanh và Truyền hình",
)
MINISTRIES = (
    ("Bộ Thông tin và Truyền thông", "BTTTT"),
    ("Bộ Kế hoạch và Đầu tư", "BKHĐT"),
    ("Bộ Tài chính", "BTC"),
    ("Bộ Nội vụ", "BNV"),
    ("Bộ Tư pháp", "BTP"),
    ("Bộ Y tế", "BYT"),
    ("Bộ Giáo dục và Đào tạo", "BGDĐT"),
    ("Bộ Công Thương", "BCT"),
    ("Bộ Xây dựng", "BXD"),
    ("Bộ Tài nguyên và Môi trường", "BTNMT"),
)
TOPICS = (
    "ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước",
    "chuyển đổi số",
    "cải cách hành chính",
    "phát triển Chính phủ điện tử",
    "bảo đảm an toàn thông tin mạng",
    "phát triển nguồn nhân lực",
    "xây dựng nông thôn mới",
    "phát triển du lịch",
    "quản lý đầu tư công",
    "phát triển kinh tế số",
    "cung cấp dịch vụ công trực tuyến",
    "xây dựng đô thị thông minh",
    "bảo vệ môi trường",
    "phát triển giáo dục và đào tạo",
    "chăm sóc sức khỏe nhân dân",
    "phát triển kinh tế biển",
)
METRICS = (
    ("hồ sơ thủ tục hành chính được giải quyết trực tuyến", "%"),
    ("văn bản được trao đổi dưới dạng điện tử", "%"),
    ("cán bộ, công chức sử dụng thư điện tử", "%"),
    ("dịch vụ công trực tuyến mức độ 4", "dịch vụ"),
    ("xã đạt chuẩn nông thôn mới", "xã"),
    ("doanh nghiệp sử dụng hóa đơn điện tử", "%"),
)

# Central kinds: (doc_type, issuer, code, share, year in number, cites between)
CENTRAL_KINDS = (
    ("Luật", "Quốc hội", "QH", 0.02, True, (0, 2)),
    ("Nghị định", "Chính phủ", "NĐ-CP", 0.12, True, (1, 4)),
    ("Nghị quyết", "Chính phủ", "NQ-CP", 0.06, False, (1, 4)),
    ("Quyết định", "Thủ tướng Chính phủ", "QĐ-TTg", 0.30, False, (1, 5)),
    ("Thông tư", None, "TT", 0.20, True, (1, 4)),
    ("Công văn", None, "CV", 0.28, False, (0, 3)),
    ("Nghị quyết", "Bộ Chính trị", "NQ/TW", 0.02, False, (0, 2)),
)
PROVINCIAL_KINDS = (
    ("Quyết định", "UBND", "QĐ-UBND", 0.55),
    ("Kế hoạch", "UBND", "KH-UBND", 0.30),
    ("Nghị quyết", "HĐND", "NQ-HĐND", 0.07),
    ("Chương trình hành động", "Tỉnh ủy", "CTr/TU", 0.04),
    ("Chỉ thị", "UBND", "CT-UBND", 0.04),
)


@dataclass
class _Doc:
    number: str
    doc_type: str
    date: dt.date
    issuer: str
    province: str | None
    level: str
    title: str
    name: str | None = None  # laws


def _date(rng: random.Random, year: int) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))


def _text(d: _Doc) -> str:
    if d.name:
        return f"{d.name} ngày {d.date.day:02d}/{d.date.month:02d}/{d.date.year}"
    return f"{d.doc_type} số {d.number} ngày {d.date.day:02d}/{d.date.month:02d}/{d.date.year} của {d.issuer}"


def _citation(d: _Doc, line: int) -> Citation:
    return Citation.model_construct(
        doc_type=d.doc_type,
        number=None if d.name else d.number,
        date=d.date,
        issuer=d.issuer,
        title=d.name or d.title,
        text=_text(d),
        line=line,
        province=d.province,
        level=d.level,
        restored=[],
    )


def _central_docs(rng: random.Random, n: int) -> list[_Doc]:
    docs: list[_Doc] = []
    weights = [k[3] for k in CENTRAL_KINDS]
    counters: dict[tuple[str, int], int] = {}
    for _ in range(n):
        doc_type, issuer, code, _, year_in, _ = rng.choices(CENTRAL_KINDS, weights)[0]
        year = rng.choice(YEARS)
        seq = counters[(code, year)] = counters.get((code, year), 0) + 1 + rng.randrange(3)
        topic = rng.choice(TOPICS)
        name = None
        if code == "QH":
            number = f"{seq}/{year}/QH{11 + (year - 2002) // 5}"
            name = f"Luật {topic[:1].upper()}{topic[1:]} {seq}"
        elif code in ("TT", "CV"):
            ministry, short = rng.choice(MINISTRIES)
            issuer = ministry
            number = (
                f"{seq}/{year}/TT-{short}" if code == "TT" else f"{seq}/{short}-{rng.choice(('THH', 'KHTC'))}"
            )
        elif code == "NQ/TW":
            number = f"{seq}-NQ/TW"
        else:
            number = f"{seq}/{year}/{code}" if year_in else f"{seq}/{code}"
        level = "party" if code == "NQ/TW" else "central"
        docs.append(_Doc(number, doc_type, _date(rng, year), issuer, None, level, f"về {topic}", name))
    docs.sort(key=lambda d: d.date)
    return docs


def _provincial_docs(rng: random.Random, n: int) -> list[_Doc]:
    docs: list[_Doc] = []
    provinces = list(rules()["provinces"])
    weights = [k[3] for k in PROVINCIAL_KINDS]
    counters: dict[tuple[str, str, int], int] = {}
    for _ in range(n):
        province = rng.choice(provinces)
        doc_type, body, code, _ = rng.choices(PROVINCIAL_KINDS, weights)[0]
        year = rng.choice(YEARS)
        seq = counters[(province, code, year)] = (
            counters.get((province, code, year), 0) + 1 + rng.randrange(8)
        )
        issuer = f"{'Tỉnh ủy' if body == 'Tỉnh ủy' else body + ' tỉnh'} {province}"
        number = (
            f"{seq}-CTr/TU"
            if code == "CTr/TU"
            else (f"{seq}/{year}/{code}" if code == "NQ-HĐND" else f"{seq}/{code}")
        )
        level = "party" if body == "Tỉnh ủy" else "provincial"
        topic = rng.choice(TOPICS)
        docs.append(
            _Doc(
                number,
                doc_type,
                _date(rng, year),
                issuer,
                province,
                level,
                f"{doc_type} {topic} tỉnh {province} năm {year}",
            )
        )
    docs.sort(key=lambda d: d.date)
    return docs


def _pick_earlier(
    rng: random.Random, pool: list[_Doc], cum: list[float], dates: list[dt.date], before: dt.date, k: int
) -> list[_Doc]:
    """``k`` distinct documents dated before ``before``, popularity-weighted."""
    end = bisect.bisect_left(dates, before)
    if end == 0 or k == 0:
        return []
    total = cum[end - 1]
    chosen = {}
    for _ in range(k * 2):
        i = bisect.bisect_left(cum, rng.random() * total, 0, end)
        chosen[id(pool[i])] = pool[i]
        if len(chosen) == k:
            break
    return list(chosen.values())


def generate(n_documents: int = 160_000, seed: int = 1) -> Iterator[FileExtraction]:
    """The synthetic national corpus as one ``FileExtraction`` per document, oldest first."""
    rng = random.Random(seed)
    n_central = round(n_documents * CENTRAL_SHARE)
    central = _central_docs(rng, n_central)
    provincial = _provincial_docs(rng, n_documents - n_central)
    # popularity: a few thousand central documents (laws, decrees, key decisions) take most citations
    popularity = [
        (8.0 if d.doc_type in ("Luật", "Nghị định") or d.level == "party" else 1.0)
        * (1.0 / (1 + (i * 7919 % 997)))
        for i, d in enumerate(central)
    ]
    cum = list(accumulate(popularity))
    cdates = [d.date for d in central]
    by_province: dict[str, list[_Doc]] = {}
    kinds = {k[0]: k for k in CENTRAL_KINDS}
    ci = pi = 0
    serial = 0
    while ci < len(central) or pi < len(provincial):
        take_central = pi >= len(provincial) or (
            ci < len(central) and central[ci].date <= provincial[pi].date
        )
        serial += 1
        if take_central:
            d = central[ci]
            ci += 1
            lo, hi = next(
                (k[5] for k in CENTRAL_KINDS if k[0] == d.doc_type and k[1] in (d.issuer, None)),
                kinds[d.doc_type][5],
            )
            bases = _pick_earlier(rng, central, cum, cdates, d.date, rng.randint(lo, hi))
            refs: list[_Doc] = []
        else:
            d = provincial[pi]
            pi += 1
            bases = _pick_earlier(rng, central, cum, cdates, d.date, rng.randint(2, 7))
            own = by_province.setdefault(d.province or "", [])
            local = (
                [own[-1 - rng.randrange(min(len(own), 40))] for _ in range(rng.randint(0, 3))] if own else []
            )
            bases += local[:1]
            refs = list({id(x): x for x in local[1:]}.values())
            own.append(d)
        yield _extraction(rng, d, bases, refs, serial)


def _extraction(
    rng: random.Random, d: _Doc, bases: list[_Doc], refs: list[_Doc], serial: int
) -> FileExtraction:
    source = f"national_{serial:06d}.txt"
    line = 10
    doc = Document.model_construct(
        number=d.number,
        doc_type=d.doc_type,
        date=d.date,
        issuer=d.issuer,
        province=d.province,
        level=d.level,
        title=d.name or d.title,
        signer=None,
        signer_title=None,
        bases=[_citation(b, line + i) for i, b in enumerate(bases)],
        nested=[],
        references=[_citation(r, 60 + i) for i, r in enumerate(refs)],
        attached_to=None,
        proposals=[],
        assignments=[],
        projects=[],
        targets=[],
        supersedes=[],
        line_start=1,
        line_end=200,
        restored=[],
    )
    if d.province and d.level == "provincial":
        dept = rng.choice(DEPARTMENTS)
        if d.doc_type == "Quyết định":
            doc.proposals = [
                Proposal.model_construct(
                    agency=dept,
                    number=f"{rng.randint(1, 400)}/TTr-S",
                    date=d.date - dt.timedelta(days=7),
                    text=f"Xét đề nghị của {dept}",
                    line=30,
                )
            ]
        doc.assignments = [
            Assignment.model_construct(
                agency=a,
                role="lead" if i == 0 else "coordinate",
                task=f"Triển khai {d.title[:40]}",
                text=f"{a} chủ trì" if i == 0 else f"{a} phối hợp",
                line=120 + i,
            )
            for i, a in enumerate(rng.sample(DEPARTMENTS, rng.randint(1, 4)))
        ]
        if d.doc_type == "Kế hoạch":
            doc.projects = [_project(rng, d, j) for j in range(rng.randint(0, 10))]
            doc.targets = [_target(rng, d, j) for j in range(rng.randint(1, 8))]
    return FileExtraction.model_construct(
        source=source, path=None, encoding="utf-8", documents=[doc], problems=[]
    )


def _project(rng: random.Random, d: _Doc, j: int) -> Project:
    budget = float(rng.randint(1, 500) * 100)
    return Project.model_construct(
        name=f"Dự án {j + 1}: {rng.choice(TOPICS)} ({d.number})",
        lead=rng.choice(DEPARTMENTS),
        coordinators=rng.sample(DEPARTMENTS, rng.randint(0, 2)),
        period=f"{d.date.year}-{d.date.year + 2}",
        budget=budget,
        budget_unit="triệu đồng",
        budget_dong=budget * 1e6,
        funding=rng.choice(("Ngân sách tỉnh", "Ngân sách trung ương", "Vốn sự nghiệp")),
        line=150 + j,
    )


def _target(rng: random.Random, d: _Doc, j: int) -> Target:
    metric, unit = rng.choice(METRICS)
    value = float(rng.randint(10, 100))
    deadline = d.date.year + rng.randint(1, 5)
    return Target.model_construct(
        text=f"{value:g}{unit if unit == '%' else ' ' + unit} {metric} đến năm {deadline}",
        value=value,
        unit=unit,
        deadline=deadline,
        metric=metric,
        line=100 + j,
    )


def national_store(
    n_documents: int = 160_000, seed: int = 1, path: Path | None = None, rebuild: bool = False
) -> Path:
    """Build (once) and save the national graph; returns the store path (cached in benchmarks/data/)."""
    from graph.loaders.build import build_graph
    from graph.stores.embedded import save_graph

    path = path or DATA / f"national-{n_documents}-{seed}.graph"
    if rebuild or not path.exists():
        save_graph(build_graph(generate(n_documents, seed)), path)
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], epilog="Example: python3 -m benchmarks.national_corpus --store"
    )
    parser.add_argument("-n", "--documents", type=int, default=160_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jsonl", type=Path, help="write the extractions as JSON lines here")
    parser.add_argument("--store", action="store_true", help="build and cache the national store")
    args = parser.parse_args(argv)
    if args.jsonl:
        with args.jsonl.open("w", encoding="utf-8") as out:
            for x in generate(args.documents, args.seed):
                out.write(json.dumps(x.model_dump(mode="json"), ensure_ascii=False) + "\n")
    if args.store or not args.jsonl:
        print(national_store(args.documents, args.seed, rebuild=True), file=sys.stderr)


if __name__ == "__main__":
    main()
