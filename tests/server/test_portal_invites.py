"""`dojo-server invites`: letters as a PDF, one page per student, with codes that work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from portal_kit import Family, Teacher
from pypdf import PdfReader
from server_kit import Harness

from dojo_server.cli import main


def _invites(harness: Harness, class_id: str, out: Path, *extra: str) -> int:
    settings = harness.server.settings
    return main(["invites", "--data-dir", str(settings.data_dir), "--database-url",
                 settings.database_url, "--school", harness.school_id, "--class", class_id,
                 "--out", str(out), *extra])


def test_letters_one_page_per_student_with_working_codes(
        harness: Harness, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    teacher = Teacher(harness.enroll("teacher"))
    maple = teacher.new_class("Maple")
    names = ["Zoë Ångström", "Ada Lovelace", "Bo"]
    for name in names:
        first, _, last = name.partition(" ")
        teacher.new_student(maple, first, last)
    archived = teacher.new_student(maple, "Left", "Already")
    teacher.send(teacher.ev("student_updated", student_id=archived,
                            fields={"archived": True}))
    settings = harness.server.settings
    assert main(["classes", "--data-dir", str(settings.data_dir), "--database-url",
                 settings.database_url, "--school", harness.school_id]) == 0
    assert capsys.readouterr().out.split() == [maple, "3", "students", "Maple"]
    out = tmp_path / "letters.pdf"
    assert _invites(harness, maple, out, "--portal-url", "https://dojo.school.example/portal/") \
        == 0
    assert "Wrote 3 invite letters" in capsys.readouterr().out
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert len(pages) == 3
    assert [next(n for n in names if n in page) for page in pages] == sorted(names)
    codes = []
    for page in pages:
        assert "https://dojo.school.example/portal/join" in page and "Maple" in page
        found = re.search(r"\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b", page)
        assert found, page
        codes.append(found.group(1))
    assert len(set(codes)) == 3
    family = Family(harness.url)
    assert family.join(codes[0]).status_code == 303
    assert "Ada Lovelace" in family.get("/portal/").text
    family.close()


def test_an_unknown_class_is_refused(harness: Harness, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert _invites(harness, "0190a0b0-0000-7000-8000-00000000ffff",
                    tmp_path / "x.pdf") == 2
    assert "no class" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
