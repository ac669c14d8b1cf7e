"""ICU's data library cut down to the items the app uses: read, filter and rebuild it.

Qt's ``libicudata.so.NN`` is one ELF symbol, ``icudtNN_dat``, holding an ICU *common data*
package: a header, a table of contents (item name -> offset) and the items, each 16-byte
aligned. ``slim_library`` reads that package, keeps the items ``bundle_rules.keeps_icu_item``
names, and writes a library with the same soname and symbol (assembled with binutils' ``as``
and ``ld``), so ``libicuuc`` loads it unchanged.

    python packaging/icu_data.py BUNDLE_DIR     # slims the ICU data library found in it
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ALIGN = 16
PAD = b"\xaa"  # what ICU's own tools pad with, so an unfiltered package is written back as it was
_MAGIC = (0xDA, 0x27)


def read_package(blob: bytes) -> tuple[bytes, dict[str, bytes]]:
    """The package's header bytes and its items by name (``icudt73l/coll/root.res``)."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != _MAGIC or blob[12:16] != b"CmnD" or blob[8] != 0:
        raise ValueError("not a little-endian ICU common data package")
    toc = blob[header_size:]
    (count,) = struct.unpack_from("<I", toc, 0)
    entries = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    ends = [data for _name, data in entries[1:]] + [len(toc)]
    items = {}
    for (name_at, data_at), end in zip(entries, ends, strict=True):
        name = toc[name_at:toc.index(b"\0", name_at)].decode("ascii")
        items[name] = toc[data_at:end]
    return blob[:header_size], items


def _padded(data: bytes) -> bytes:
    return data + PAD * (-len(data) % ALIGN)


def write_package(header: bytes, items: dict[str, bytes]) -> bytes:
    """A package ICU can read: the table sorted by name (ICU searches it by bisection)."""
    names = sorted(items, key=lambda name: name.encode("ascii"))
    name_block = b"".join(name.encode("ascii") + b"\0" for name in names)
    names_at = 4 + 8 * len(names)
    data_at = names_at + len(name_block) + (-(names_at + len(name_block)) % ALIGN)
    table, name_offset, data_offset = [], names_at, data_at
    for name in names:
        table.append(struct.pack("<II", name_offset, data_offset))
        name_offset += len(name.encode("ascii")) + 1
        data_offset += len(_padded(items[name]))
    toc = struct.pack("<I", len(names)) + b"".join(table) + name_block
    toc += PAD * (data_at - len(toc))
    return header + toc + b"".join(_padded(items[name]) for name in names)


def _readelf(*args: str) -> str:
    return subprocess.run(["readelf", "-W", *args], capture_output=True, text=True,
                          check=True).stdout


def data_symbol(library: Path) -> tuple[str, bytes]:
    """The ``icudtNN_dat`` symbol of ``library`` and the package it holds."""
    symbol = re.search(r"\s([0-9a-f]+)\s+(\d+|0x[0-9a-f]+)\s+OBJECT\s+GLOBAL\s+\w+\s+(\d+)\s+"
                       r"(icudt\d+_dat)\b", _readelf("--dyn-syms", str(library)))
    if symbol is None:
        raise ValueError(f"{library} has no icudtNN_dat symbol")
    address, size, section = int(symbol[1], 16), int(symbol[2], 0), int(symbol[3])
    header = re.search(rf"\[\s*{section}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)",
                       _readelf("-S", str(library)))
    if header is None:
        raise ValueError(f"{library}: section {section} not found")
    offset = address - int(header[1], 16) + int(header[2], 16)
    return symbol[4], library.read_bytes()[offset:offset + size]


def build_library(symbol: str, package: bytes, soname: str, out: Path) -> None:
    """A shared library exporting ``symbol`` = ``package``, read-only and 16-byte aligned."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "data.dat").write_bytes(package)
        (folder / "data.s").write_text(
            f'\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n'
            f'\t.balign {ALIGN}\n{symbol}:\n\t.incbin "{folder / "data.dat"}"\n'
            f'\t.size {symbol}, . - {symbol}\n\t.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii")
        subprocess.run(["as", "-o", str(folder / "data.o"), str(folder / "data.s")], check=True)
        subprocess.run(["ld", "-shared", "--strip-all", "-z", "noexecstack", f"-soname={soname}",
                        "-o", str(out), str(folder / "data.o")], check=True)


def slim_library(library: Path, keep: Callable[[str], bool]) -> tuple[int, int]:
    """Rewrites ``library`` with the items ``keep`` accepts: (items kept, items in all).

    ``keep`` sees each name without the package prefix (``coll/root.res``)."""
    symbol, package = data_symbol(library)
    header, items = read_package(package)
    kept = {name: data for name, data in items.items() if keep(name.split("/", 1)[1])}
    slimmed = library.with_name(library.name + ".slim")
    build_library(symbol, write_package(header, kept), library.name, slimmed)
    slimmed.replace(library)
    return len(kept), len(items)


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import bundle_rules

    libraries = [p for p in Path(sys.argv[1]).rglob("libicudata.so.*") if not p.is_symlink()]
    for library in libraries:
        before = library.stat().st_size
        kept, total = slim_library(library, bundle_rules.keeps_icu_item)
        print(f"{library.name}: kept {kept} of {total} ICU data items, "
              f"{before / 1e6:.1f} MB -> {library.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
