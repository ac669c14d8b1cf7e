"""What a stored attachment is, from its bytes: the name and type a browser gets."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from portal_kit import png

from dojo_server.domain.file_kinds import describe


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


CASES = [
    (b"%PDF-1.7\n...", "document", ".pdf", "application/pdf"),
    (_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}), "document",
     ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"}), "document",
     ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    (_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<o/>"}),
     "document", ".odt", "application/vnd.oasis.opendocument.text"),
    ("Trip: bring boots and a coat. ¡Gracias!".encode(), "document", ".txt",
     "text/plain; charset=utf-8"),
    (png(), "picture", ".png", "image/png"),
    (_zip({"game.exe": b"MZ"}), "file", "", "application/octet-stream"),
    (b"\x00\x01\x02binary", "file", "", "application/octet-stream"),
]


@pytest.mark.parametrize(("data", "stem", "suffix", "media"), CASES)
def test_each_kind_gets_its_ending_and_type(tmp_path: Path, data: bytes, stem: str,
                                            suffix: str, media: str) -> None:
    sha = hashlib.sha256(data).hexdigest()
    path = tmp_path / sha
    path.write_bytes(data)
    kind = describe(path, sha)
    assert kind.name == f"{stem}-{sha[:8]}{suffix}" and kind.media_type == media
    assert kind.is_picture == (stem == "picture")


def test_a_missing_file_is_a_plain_file(tmp_path: Path) -> None:
    assert describe(tmp_path / "gone", "ab" * 32).media_type == "application/octet-stream"
