"""ICU's data package: read and written back as ICU lays it out, filtered, and rebuilt as a
library with the same soname and symbol."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import icu_data  # packaging/, on the path from bundle_kit (conftest imports it first)
import pytest
from bundle_kit import bundle_rules

HEADER = struct.pack("<HBB", 32, 0xDA, 0x27) + struct.pack("<HHBBBB", 20, 0, 0, 0, 2, 0) \
    + b"CmnD" + bytes([1, 0, 0, 0]) + bytes([73, 0, 0, 0])
HEADER += b"\0" * (32 - len(HEADER))
ITEMS = {"icudt73l/root.res": b"R" * 40, "icudt73l/coll/es.res": b"E" * 16,
         "icudt73l/af.res": b"A" * 3, "icudt73l/cnvalias.icu": b"C" * 17}


def test_a_package_is_written_sorted_aligned_and_read_back() -> None:
    package = icu_data.write_package(HEADER, ITEMS)
    header, items = icu_data.read_package(package)
    assert header == HEADER
    assert list(items) == sorted(ITEMS)
    for name, data in ITEMS.items():
        assert items[name].startswith(data)
        assert items[name][len(data):] == icu_data.PAD * (len(items[name]) - len(data))
    toc = package[len(HEADER):]
    offsets = [struct.unpack_from("<II", toc, 4 + 8 * i)[1] for i in range(len(ITEMS))]
    assert all(offset % icu_data.ALIGN == 0 for offset in offsets)
    assert icu_data.write_package(header, items) == package


def test_anything_else_is_refused() -> None:
    with pytest.raises(ValueError, match="ICU common data"):
        icu_data.read_package(b"\x20\x00\xda\x28" + HEADER[4:])


@pytest.mark.parametrize(("name", "kept"), [
    ("coll/root.res", True), ("coll/ucadata.icu", True), ("coll/es.res", True),
    ("cnvalias.icu", True), ("nfkc.nrm", True), ("root.res", True), ("pool.res", True),
    ("es.res", False), ("ar_SA.res", False), ("zone/es.res", False), ("brkitr/cjdict.dict", False),
    ("ibm-943_P15A-2003.cnv", False), ("unames.icu", False), ("translit/root.res", False),
])
def test_the_kept_items_are_collation_aliases_normalisation_and_locale_fallback(
        name: str, kept: bool) -> None:
    assert bundle_rules.keeps_icu_item(name) is kept


@pytest.mark.skipif(shutil.which("as") is None or shutil.which("readelf") is None,
                    reason="needs binutils (apt-get install binutils)")
def test_a_slimmed_library_keeps_its_soname_symbol_and_the_kept_items(tmp_path: Path) -> None:
    library = tmp_path / "libicudata.so.73"
    icu_data.build_library("icudt73_dat", icu_data.write_package(HEADER, ITEMS),
                           library.name, library)
    assert icu_data.slim_library(library, bundle_rules.keeps_icu_item) == (3, 4)
    symbol, package = icu_data.data_symbol(library)
    assert symbol == "icudt73_dat"
    assert sorted(icu_data.read_package(package)[1]) == [
        "icudt73l/cnvalias.icu", "icudt73l/coll/es.res", "icudt73l/root.res"]
    assert "Library soname: [libicudata.so.73]" in icu_data._readelf("-d", str(library))
