"""The `dojo-server` families commands: everything the console's families page does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from portal_kit import Family, Scene
from pypdf import PdfReader
from server_kit import Harness

from dojo_server.cli import main


def _run(harness: Harness, capsys: pytest.CaptureFixture[str], *args: str,
         status: int = 0) -> str:
    settings = harness.server.settings
    assert main([args[0], "--data-dir", str(settings.data_dir), "--database-url",
                 settings.database_url, "--school", harness.school_id, *args[1:]]) == status
    captured = capsys.readouterr()
    return captured.out if status == 0 else captured.err


def test_a_schools_families_from_the_command_line(scene: Scene, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    h = scene.harness
    lines = _run(h, capsys, "no-family", "--class", scene.maple).splitlines()
    assert lines[-1] == "2 children have no family joined."
    assert f"{scene.ada}  1 open code  Ada Lovelace  (Maple, Oak)" in lines
    family = Family(h.url)
    assert family.join(scene.codes[scene.ada], login_name="grace").status_code == 303
    maple = _run(h, capsys, "families", "--class", scene.maple).splitlines()
    assert maple == [f"{scene.ada}  0 open codes  Ada Lovelace: Grace",
                     f"{scene.bo}  1 open code  Bo: no family joined"]
    [line] = _run(h, capsys, "guardians", "--student", scene.ada).splitlines()
    guardian_id = line.split()[0]
    assert "password" in line and "grace" in line and "Grace" in line
    assert "no unused invite code" in _run(h, capsys, "invite-codes", "--student", scene.ada)

    [code_line] = _run(h, capsys, "invite-codes", "--student", scene.bo).splitlines()
    code_id = code_line.split()[0]
    assert _run(h, capsys, "cancel-codes", "--code-id", code_id) == "Cancelled 1 invite code.\n"
    assert "no unused" in _run(h, capsys, "invite-codes", "--student", scene.bo)
    assert "no unused code like that" in _run(h, capsys, "cancel-codes", "--code-id", code_id,
                                              status=2)
    out = tmp_path / "bo.pdf"
    assert "Wrote 1 invite letters" in _run(h, capsys, "invites", "--student", scene.bo,
                                            "--out", str(out))
    [page] = [p.extract_text() for p in PdfReader(out).pages]
    found = re.search(r"\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b", page)
    assert found and "Bo" in page and "Maple" in page
    assert _run(h, capsys, "cancel-codes", "--student", scene.cy) == \
        "Cancelled 1 invite code.\n"

    assert "sign in as grace.h" in _run(h, capsys, "sign-in-name", "--guardian",
                                        guardian_id, "Grace.H")
    assert "Unlinked" in _run(h, capsys, "unlink-guardian", "--guardian", guardian_id,
                              "--student", scene.ada)
    assert "No family has joined" in _run(h, capsys, "guardians", "--student", scene.ada)
    assert "not linked" in _run(h, capsys, "unlink-guardian", "--guardian", guardian_id,
                                "--student", scene.ada, status=2)
    assert Family(h.url).join(found.group(1)).status_code == 303  # the reprinted code works
    family.close()
