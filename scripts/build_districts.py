"""Build ``graph/data/districts.json``: the units below the province before 1 July 2025, by province.

A district-level issuer block often names only its unit ("ỦY BAN NHÂN DÂN / HUYỆN BÌNH CHÁNH") and never
the province. Where a unit's kind and name are unique in the country, the name proves the province; the
file keeps only those (a name found in several provinces, such as "huyện Châu Thành", proves nothing).

Source: the PyPI package ``vietnamadminunits`` (MIT licence), its ``data/parser_legacy.json`` (the 63
provinces and their districts before the 2025 reorganisation). Run once, by hand, to refresh the file:

    pip download --no-deps vietnamadminunits==1.0.4 && unzip -o vietnamadminunits-1.0.4-*.whl
    python3 scripts/build_districts.py vietnamadminunits/data/parser_legacy.json
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

from graph.reading.documents.refdata import province_of
from graph.text import fold

OUT = Path(__file__).resolve().parents[1] / "graph" / "data" / "districts.json"


def build(legacy: dict) -> dict:
    provinces = legacy["DICT_PROVINCE"]
    seen: dict[str, set[str]] = defaultdict(set)
    for pkey, districts in legacy["DICT_PROVINCE_DISTRICT"].items():
        short = provinces[pkey]["provinceShort"]
        province = province_of(short)
        if province is None:
            raise SystemExit(f"unknown province {short!r}: add it to provinces.json")
        for d in districts.values():
            unit = unicodedata.normalize("NFC", f"{d['districtType'].lower()} {d['districtShort']}")
            seen[fold(unit)].add(province)
    unique = {unit: next(iter(ps)) for unit, ps in sorted(seen.items()) if len(ps) == 1}
    return {
        "_about": "Units below the province (huyện, quận, thị xã, thành phố thuộc tỉnh) before 1 July 2025 "
                  "whose kind and name are unique in the country, keyed by their folded name, with their "
                  "province. Built by scripts/build_districts.py.",
        "_source": "PyPI package vietnamadminunits 1.0.4 (MIT licence), data/parser_legacy.json",
        "_left_out": sorted(u for u, ps in seen.items() if len(ps) > 1),
        "units": unique,
    }


def main(argv: list[str]) -> None:
    data = build(json.loads(Path(argv[0]).read_text("utf-8")))
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(data['units'])} units, {len(data['_left_out'])} names shared by several provinces")


if __name__ == "__main__":
    main(sys.argv[1:])
