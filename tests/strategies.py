"""Hypothesis strategies: Vietnamese policy documents generated from the grammar of real ones, and the
damage real files carry (lost PDF glyphs, broken lines, stray '|', truncation, impossible dates).

A generated document is a :class:`Generated`: its text plus what the generator knows about it (the
dates it wrote, its own number), so tests can state invariants without re-parsing the text.

The pieces follow the sample corpus (``graph/data/corpus/``): the two-column header (issuer /
"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "Số: 2174/QĐ-UBND", "Kiên Giang, ngày 26 tháng 8 năm 2022",
"Căn cứ Nghị định số 64/2007/NĐ-CP ngày 10/4/2007 của Chính phủ về …;", "Xét đề nghị của Giám đốc Sở …
tại Tờ trình số 85/TTr-STTTT ngày …", articles with "chủ trì, phối hợp", '|' / tab tables of projects
with budgets, targets "95% … đến năm 2020", and the signature block.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass, field

from hypothesis import strategies as st

PROVINCES = ("Kiên Giang", "Cà Mau", "Tiền Giang", "Lâm Đồng", "Đắk Lắk", "Thừa Thiên Huế", "Quảng Ninh",
             "Bà Rịa - Vũng Tàu", "Hà Giang", "Điện Biên")

# (document type, number pattern, issuer); {n} a number, {y} a year, {P} the province
CITED_KINDS = (
    ("Nghị định", "{n}/{y}/NĐ-CP", "Chính phủ"),
    ("Nghị quyết", "{n}/NQ-CP", "Chính phủ"),
    ("Quyết định", "{n}/QĐ-TTg", "Thủ tướng Chính phủ"),
    ("Quyết định", "{n}/{y}/QĐ-TTg", "Thủ tướng Chính phủ"),
    ("Nghị quyết", "{n}-NQ/TW", "Bộ Chính trị"),
    ("Chỉ thị", "{n}/CT-TTg", "Thủ tướng Chính phủ"),
    ("Thông tư", "{n}/{y}/TT-BTTTT", "Bộ Thông tin và Truyền thông"),
    ("Quyết định", "{n}/QĐ-BTTTT", "Bộ Thông tin và Truyền thông"),
    ("Công văn", "{n}/BTTTT-THH", "Bộ Thông tin và Truyền thông"),
    ("Chương trình hành động", "{n}-CTr/TU", "Tỉnh ủy {P}"),
    ("Nghị quyết", "{n}-NQ/TU", "Ban Thường vụ Tỉnh ủy {P}"),
    ("Kế hoạch", "{n}/KH-UBND", "Ủy ban nhân dân tỉnh {P}"),
    ("Quyết định", "{n}/QĐ-UBND", "Ủy ban nhân dân tỉnh {P}"),
    ("Quyết định", "{n}/QĐ-UBND", "UBND tỉnh"),
)
LAWS = (
    ("Luật Công nghệ thông tin", dt.date(2006, 6, 29)),
    ("Luật Tổ chức chính quyền địa phương", dt.date(2015, 6, 19)),
    ("Luật Giao dịch điện tử", dt.date(2005, 11, 29)),
    ("Luật Ngân sách nhà nước", dt.date(2015, 6, 25)),
    ("Luật Ban hành văn bản quy phạm pháp luật", dt.date(2015, 6, 22)),
)
SUBJECTS = (
    "ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước",
    "việc phê duyệt “Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030”",
    "Chính phủ điện tử",
    "một số chủ trương, chính sách chủ động tham gia cuộc cách mạng công nghiệp lần thứ tư",
    "chuyển đổi số tỉnh {P} đến năm 2025 và định hướng đến năm 2030",
    "quy định chi tiết thi hành một số điều của Luật Công nghệ thông tin",
    "đẩy mạnh cải cách hành chính",
)
NESTED_VERBS = ("sửa đổi, bổ sung", "hướng dẫn", "thực hiện", "quy định chi tiết")
AGENCIES = (
    "Sở Thông tin và Truyền thông", "Sở Kế hoạch và Đầu tư", "Sở Tài chính", "Sở Nội vụ",
    "Sở Khoa học và Công nghệ", "Văn phòng Ủy ban nhân dân tỉnh", "Sở Tư pháp", "Công an tỉnh",
    "Sở TT&TT", "Sở KH&ĐT", "VP.UBND tỉnh", "Trung tâm PVHCC", "Ủy ban nhân dân các huyện, thành phố",
)
PROPOSERS = ("Giám đốc Sở Thông tin và Truyền thông", "Sở Kế hoạch và Đầu tư", "Giám đốc Sở Nội vụ",
             "Chánh Văn phòng Ủy ban nhân dân tỉnh")
TASKS = (
    "triển khai thực hiện Kế hoạch này",
    "hướng dẫn các đơn vị, địa phương thực hiện chuẩn hóa, tái cấu trúc quy trình nghiệp vụ",
    "bố trí kinh phí thực hiện các dự án",
    "kiểm tra, rà soát các thủ tục hành chính công bố trên Cổng dịch vụ công của tỉnh",
    "tham mưu Ủy ban nhân dân tỉnh ban hành quy chế quản lý, vận hành",
)
PROJECTS = (
    "Xây dựng Trung tâm dữ liệu tỉnh", "Nâng cấp Cổng thông tin điện tử tỉnh",
    "Triển khai hệ thống quản lý văn bản và điều hành", "Xây dựng cơ sở dữ liệu đất đai",
    "Đào tạo kỹ năng số cho cán bộ, công chức",
)
METRICS = (
    "văn bản được trao đổi dưới dạng điện tử",
    "thủ tục hành chính đủ điều kiện được cung cấp dịch vụ công trực tuyến mức độ 4",
    "hồ sơ công việc cấp tỉnh được xử lý trên môi trường mạng",
    "cán bộ, công chức được đào tạo kỹ năng số cơ bản",
)
SIGNERS = ("Nguyễn Văn Hùng", "Trần Thị Thu Hà", "Lê Quốc Việt", "Phạm Đức Thắng", "Võ Quốc Việt")
# Days that no month has, or not this month: what a slip of the typist or of OCR produces.
IMPOSSIBLE = ((31, 2), (30, 2), (29, 2), (31, 4), (31, 6), (31, 9), (31, 11), (32, 1), (0, 5), (15, 13),
              (12, 0))


CONTROLS = ("\x0b", "\x0c", "\x1a", "\x00", "\ufeff", "\u00ad", "\u200b", "\u200d", "\u00a0", "\r")


@dataclass
class Generated:
    """A generated document (or file) and what the generator wrote into it."""

    text: str
    number: str | None = None
    province: str | None = None
    dates: set[dt.date] = field(default_factory=set)  # every valid date written, in any form
    impossible: list[str] = field(default_factory=list)  # impossible dates written ("31/02/2017")
    cites_itself: bool = False


@dataclass
class Mutated:
    """A generated text after damage, with whether the damage could have touched a number."""

    text: str
    source: Generated
    digits_intact: bool  # no edit next to a digit: every date of the output must be one written
    edits: list[str] = field(default_factory=list)


# --- dates ------------------------------------------------------------------------------------------

def _fmt_date(draw, d: int, m: int, y: int) -> str:
    form = draw(st.sampled_from(("words", "slash", "slash0", "spaced", "dash")))
    if form == "words":
        return f"ngày {d:02d} tháng {m} năm {y}" if draw(st.booleans()) else f"ngày {d} tháng {m} năm {y}"
    if form == "slash":
        return f"ngày {d}/{m}/{y}"
    if form == "slash0":
        return f"ngày {d:02d}/{m:02d}/{y}"
    if form == "spaced":
        return f"ngày {d} / {m} /{y}"
    return f"ngày {d:02d}-{m:02d}-{y}"


@st.composite
def date_phrase(draw, year: int | None = None,
                allow_impossible: bool = True) -> tuple[str, dt.date | None, str | None]:
    """("ngày 26 tháng 8 năm 2022", the date or None, the impossible date as d/m/y or None)."""
    y = year if year is not None else draw(st.integers(1990, 2025))
    if allow_impossible and draw(st.integers(0, 9)) == 0:
        d, m = draw(st.sampled_from(IMPOSSIBLE))
        try:
            real = dt.date(y, m, d)  # 29/02 of a leap year is a real date
        except ValueError:
            real = None
        return _fmt_date(draw, d, m, y), real, None if real else f"{d}/{m}/{y}"
    date = draw(st.dates(dt.date(y, 1, 1), dt.date(y, 12, 31)))
    return _fmt_date(draw, date.day, date.month, date.year), date, None


# --- citations --------------------------------------------------------------------------------------

@st.composite
def citation(draw, province: str, gen: Generated, own: tuple[str, str, int] | None = None,
             with_subject: bool = True) -> str:
    """One citation: "Nghị định số 64/2007/NĐ-CP ngày 10/4/2007 của Chính phủ về …".

    ``own`` = (doc type, number, year): cite exactly that document (a self-citation or a cycle).
    """
    if own is None and draw(st.integers(0, 6)) == 0:
        name, date = draw(st.sampled_from(LAWS))
        gen.dates.add(date)
        return f"{name} {_fmt_date(draw, date.day, date.month, date.year)}"
    if own is not None:
        doc_type, number, year = own
        issuer = f"Ủy ban nhân dân tỉnh {province}"
    else:
        doc_type, pattern, issuer = draw(st.sampled_from(CITED_KINDS))
        year = draw(st.integers(1995, 2024))
        number = pattern.format(n=draw(st.integers(1, 2999)), y=year, P=province)
        issuer = issuer.format(P=province)
    parts = [doc_type]
    if draw(st.integers(0, 4)):
        parts.append("số")
    parts.append(number)
    if own is not None or draw(st.integers(0, 5)):  # sometimes a number without a date (nor year)
        # the cited date of a document of the run is written right: a yearless citation of it is a
        # separate case (tests/test_fuzz_extract.py::test_a_yearless_citation_made_first_...)
        phrase, date, bad = draw(date_phrase(year, allow_impossible=own is None))
        parts.append(phrase)
        if date:
            gen.dates.add(date)
        if bad:
            gen.impossible.append(bad)
    if draw(st.integers(0, 3)):
        parts.append(f"của {issuer}")
    if with_subject and draw(st.booleans()):
        parts.append("về " + draw(st.sampled_from(SUBJECTS)).format(P=province))
    return " ".join(parts)


@st.composite
def basis_clause(draw, province: str, gen: Generated, own: tuple[str, str, int] | None = None) -> str:
    """'Căn cứ A;' or 'Căn cứ A và B;' or a basis with a nested document, or 'Thực hiện …'."""
    # a document of the run (self-citation, cycle) is cited as a basis: "Thực hiện …" is a reference
    head = "Căn cứ" if own else draw(st.sampled_from(("Căn cứ", "Căn cứ", "Căn cứ", "Thực hiện")))
    first = draw(citation(province, gen, own))
    shape = draw(st.integers(0, 3))
    if shape == 1:
        second = draw(citation(province, gen, with_subject=False))
        return f"{head} {first} và {second};"
    if shape == 2:
        verb = draw(st.sampled_from(NESTED_VERBS))
        nested = draw(citation(province, gen, with_subject=False))
        return f"{head} {first} {verb} {nested};"
    return f"{head} {first};"


# --- the body ---------------------------------------------------------------------------------------

@st.composite
def assignment(draw) -> str:
    lead, other = draw(st.sampled_from(AGENCIES)), draw(st.sampled_from(AGENCIES))
    task = draw(st.sampled_from(TASKS))
    form = draw(st.integers(0, 2))
    if form == 0:
        return f"- {lead}: Chủ trì, phối hợp với {other} {task}."
    if form == 1:
        return f"Giao {lead} chủ trì, phối hợp với {other} và các đơn vị có liên quan {task}."
    return f"{lead}\nPhối hợp với {other} {task}."


@st.composite
def project_table(draw) -> str:
    sep = draw(st.sampled_from((" | ", "\t", "|")))
    unit = draw(st.sampled_from(("triệu đồng", "tỷ đồng", "đồng")))
    rows = [sep.join(("STT", "Tên dự án", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện",
                      f"Kinh phí ({unit})"))]
    for i in range(1, draw(st.integers(1, 5)) + 1):
        start = draw(st.integers(2010, 2025))
        budget = draw(st.sampled_from(("15.000", "2.500,5", "120", "1.200.000.000", "", "Lồng ghép")))
        rows.append(sep.join((str(i), draw(st.sampled_from(PROJECTS)), draw(st.sampled_from(AGENCIES)),
                              draw(st.sampled_from(AGENCIES)), f"{start}-{start + draw(st.integers(0, 5))}",
                              budget)))
    return "\n".join(rows)


@st.composite
def target(draw) -> str:
    value = draw(st.sampled_from(("95%", "100%", "80 %", "50%", "70,5%", "tối thiểu 90%")))
    return f"- {value} {draw(st.sampled_from(METRICS))} đến năm {draw(st.integers(2015, 2035))};"


@st.composite
def signature(draw, province: str) -> str:
    head = draw(st.sampled_from(("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "GIÁM ĐỐC")))
    return (f"Nơi nhận:\n- Như Điều 3;\n- TT.TU, TT.HĐND tỉnh {province};\n- Lưu: VT, P.KGVX.\n"
            f"{head}\n\n{draw(st.sampled_from(SIGNERS))}")


@st.composite
def document(draw, province: str | None = None, own: tuple[str, int, int] | None = None,
             cites: list[tuple[str, str, int]] | None = None) -> Generated:
    """A whole document: header, bases, proposal, articles with assignments, tables, targets, signature.

    ``own`` = (doc type code "QĐ"/"KH", number, year) fixes the document's own number;
    ``cites`` adds bases citing those documents (for cycles across files).
    """
    province = province or draw(st.sampled_from(PROVINCES))
    gen = Generated(text="", province=province)
    code, n, year = own or (draw(st.sampled_from(("QĐ", "KH"))), draw(st.integers(1, 3999)),
                            draw(st.integers(2000, 2025)))
    doc_type = {"QĐ": "Quyết định", "KH": "Kế hoạch"}[code]
    number = f"{n}/{code}-UBND"
    gen.number = number
    date_text, date, bad = draw(date_phrase(year, allow_impossible=own is None))
    if date:
        gen.dates.add(date)
    if bad:
        gen.impossible.append(bad)
    lines = [
        "ỦY BAN NHÂN DÂN\nTỈNH " + province.upper() if draw(st.booleans()) else
        f"ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH {province.upper()}",
        "-------",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------",
        f"Số: {number}" if draw(st.integers(0, 5)) else f"Số:   {n} /{code}-UBND",
        f"{province}, {date_text}",
        "",
        doc_type.upper(),
        draw(st.sampled_from(("Về việc ban hành Kế hoạch ", "Phê duyệt ", "Ứng dụng và phát triển ")))
        + draw(st.sampled_from(SUBJECTS)).format(P=province),
    ]
    if code == "QĐ":
        lines.append(f"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH {province.upper()}")
    self_cite = draw(st.integers(0, 4 if own is not None else 9)) == 0
    bases = [draw(basis_clause(province, gen)) for _ in range(draw(st.integers(0, 6)))]
    for other in cites or []:
        bases.insert(draw(st.integers(0, len(bases))), draw(basis_clause(province, gen, other)))
    if self_cite:
        gen.cites_itself = True
        clause = draw(basis_clause(province, gen, (doc_type, number, year)))
        bases.insert(draw(st.integers(0, len(bases))), clause)
    lines += bases
    if draw(st.booleans()):
        phrase, pdate, pbad = draw(date_phrase())
        if pdate:
            gen.dates.add(pdate)
        if pbad:
            gen.impossible.append(pbad)
        lines.append(f"Xét đề nghị của {draw(st.sampled_from(PROPOSERS))} tại Tờ trình số "
                     f"{draw(st.integers(1, 400))}/TTr-STTTT {phrase}.")
    if code == "QĐ":
        lines += ["QUYẾT ĐỊNH:", "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch "
                  + draw(st.sampled_from(SUBJECTS)).format(P=province) + "."]
    lines.append("I. MỤC TIÊU")
    lines += [draw(target()) for _ in range(draw(st.integers(0, 4)))]
    lines.append("II. NHIỆM VỤ VÀ GIẢI PHÁP")
    for _ in range(draw(st.integers(0, 2))):
        lines.append(draw(project_table()))
    lines.append("III. TỔ CHỨC THỰC HIỆN")
    lines += [draw(assignment()) for _ in range(draw(st.integers(0, 5)))]
    if draw(st.integers(0, 4)) == 0:
        old = draw(citation(province, gen, with_subject=False))
        lines.append(f"Điều 3. Quyết định này có hiệu lực kể từ ngày ký và thay thế {old}.")
    lines.append(draw(signature(province)))
    gen.text = "\n".join(lines) + "\n"
    return gen


@st.composite
def citation_cycle(draw) -> list[Generated]:
    """2–4 documents of one province, each citing the next as a basis, the last citing the first."""
    province = draw(st.sampled_from(PROVINCES))
    size = draw(st.integers(2, 4))
    owns = [(draw(st.sampled_from(("QĐ", "KH"))), 100 + i * draw(st.integers(1, 50)),
             draw(st.integers(2015, 2024))) for i in range(size)]
    owns = list({(c, n, y): None for c, n, y in owns})  # distinct numbers
    if len(owns) < 2:
        owns.append(("KH", 9999, 2020))
    docs = []
    for i, own in enumerate(owns):
        code, n, year = owns[(i + 1) % len(owns)]
        nxt = ({"QĐ": "Quyết định", "KH": "Kế hoạch"}[code], f"{n}/{code}-UBND", year)
        docs.append(draw(document(province=province, own=own, cites=[nxt])))
    return docs


# --- damage -----------------------------------------------------------------------------------------

def _toned(c: str) -> bool:
    """Letters that PDF extraction loses with their font glyph: any letter with a diacritic, and đ."""
    return c in "đĐ" or (c.isalpha() and len(unicodedata.normalize("NFD", c)) > 1)


def _near_digit(chars: list[str] | str, i: int) -> bool:
    """Whether the character before or at ``i`` is a digit."""
    return any(0 <= j < len(chars) and chars[j].isdigit() for j in (i - 1, i))


@st.composite
def mutated(draw, base: st.SearchStrategy[Generated] | None = None) -> Mutated:
    """A generated document after 0–5 kinds of damage seen in real files."""
    gen = draw(base if base is not None else document())
    text = gen.text
    intact = True
    edits: list[str] = []
    kinds = draw(st.lists(st.sampled_from(("glyphs", "breaks", "spaces", "pipes", "truncate", "unbreak",
                                           "controls")), max_size=5))
    for kind in kinds:
        seed = draw(st.integers(0, 2**32 - 1))
        rnd = random.Random(seed)
        if kind == "glyphs":
            # A font's missing glyphs: the same few toned letters lost everywhere, as nothing or a space.
            toned = sorted({c for c in text if _toned(c)})
            if not toned:
                continue
            lost = set(rnd.sample(toned, max(1, len(toned) * draw(st.integers(1, 100)) // 100)))
            repl = draw(st.sampled_from(("", " ")))
            text = "".join(repl if c in lost else c for c in text)
            edits.append(f"glyphs {''.join(sorted(lost))!r}->{repl!r}")
        elif kind == "controls":
            # what Word, PDF and web copies leave in text: manual line break, form feed, DOS end of file,
            # NUL, BOM, soft hyphen, zero-width space and joiner, non-breaking space
            chars = list(text)
            for _ in range(draw(st.integers(1, 10))):
                i = rnd.randrange(len(chars) + 1)
                intact &= not _near_digit(chars, i)
                chars.insert(i, rnd.choice(CONTROLS))
            text = "".join(chars)
            edits.append(f"controls seed={seed}")
        elif kind in ("breaks", "pipes", "spaces"):
            count = draw(st.integers(1, 40))
            chars = list(text)
            for _ in range(count):
                if not chars:
                    break
                i = rnd.randrange(len(chars) + 1)
                if kind == "spaces" and rnd.random() < 0.5:
                    spaces = [j for j, c in enumerate(chars) if c == " "]
                    if spaces:
                        j = rnd.choice(spaces)
                        intact &= not _near_digit(chars, j) and not _near_digit(chars, j + 1)
                        del chars[j]
                    continue
                insert = {"breaks": "\n", "pipes": rnd.choice(("|", " | ", "||")), "spaces": " "}[kind]
                intact &= not (0 < i < len(chars) and chars[i - 1].isdigit() and chars[i].isdigit())
                if kind == "pipes" and _near_digit(chars, i):
                    intact = False
                chars.insert(i, insert)
            text = "".join(chars)
            edits.append(f"{kind} x{count} seed={seed}")
        elif kind == "unbreak":
            # line breaks lost: joined lines (a web page copied as one paragraph)
            lines = text.split("\n")
            k = rnd.randrange(len(lines))
            j = k + draw(st.integers(2, 30))
            text = "\n".join([*lines[:k], " ".join(lines[k:j]), *lines[j:]])
            intact = False  # "2020" + " " + "15/3" joined may read as one date
            edits.append(f"unbreak at line {k}")
        elif kind == "truncate":
            cut = draw(st.integers(0, len(text)))
            intact &= not (0 < cut < len(text) and text[cut - 1].isdigit() and text[cut].isdigit())
            text = text[:cut]
            edits.append(f"truncate at {cut}")
    return Mutated(text=text, source=gen, digits_intact=intact, edits=edits)
