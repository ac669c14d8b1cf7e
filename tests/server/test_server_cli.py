"""The dojo-server command: init, schools, staff, codes, devices, epochs, serve."""

from __future__ import annotations

import io
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest

from dojo_server.cli import main
from dojo_server.db.models import Staff
from dojo_server.db.session import Database
from dojo_server.domain.auth import verify_password
from dojo_server.settings import DATA_DIR_ENV, Settings, remember_database_url


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out.strip()


def test_setting_up_a_school(tmp_path: Path, database_url: str,
                             capsys: pytest.CaptureFixture[str],
                             monkeypatch: pytest.MonkeyPatch) -> None:
    data = str(tmp_path / "data")
    out = _run(capsys, "init", "--data-dir", data, "--database-url", database_url)
    assert f"Data folder: {data}" in out
    monkeypatch.setenv(DATA_DIR_ENV, data)  # later commands find the database by itself
    school = _run(capsys, "create-school", "Hillside Primary", "--timezone", "Europe/London")
    monkeypatch.setattr(sys, "stdin", io.StringIO("correct horse battery\n"))
    staff = _run(capsys, "add-staff", "--school", school, "--name", "Ms Rivera",
                 "--email", "Rivera@School.example", "--role", "teacher", "--password-stdin")
    settings = Settings.load()
    assert settings.database_url == database_url
    db = Database(settings.database_url)
    with db.read() as session:
        row = session.get(Staff, staff)
        assert row is not None and row.email == "rivera@school.example"
        assert verify_password(row.password_hash, "correct horse battery")
        assert not verify_password(row.password_hash, "wrong")
    db.dispose()
    code = _run(capsys, "enroll-code", "--school", school, "--role", "ta", "--class",
                "0190a0b0-0000-7000-8000-000000000001")
    assert len(code) == 9
    assert len(_run(capsys, "enroll-code", "--school", school, "--role", "teacher",
                    "--uses", "30")) == 9
    assert main(["enroll-code", "--school", school, "--role", "ta", "--uses", "0"]) == 2
    assert "--uses must be at least 1" in capsys.readouterr().err
    assert _run(capsys, "devices") == ""
    assert _run(capsys, "new-epoch").startswith("New epoch")
    assert main(["create-school", "X", "--timezone", "Mars/Olympus"]) == 2
    assert "not a timezone" in capsys.readouterr().err
    assert main(["revoke", "nope"]) == 2
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert main(["add-staff", "--school", school, "--name", "A", "--email", "a@b.c",
                 "--role", "ta", "--password-stdin"]) == 2


def test_a_school_starts_with_the_default_skills_unless_it_brings_its_own(
        tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy import func, select

    from dojo_protocol.default_skills import DEFAULT_SKILLS
    from dojo_server.db.models import EventRow

    data = str(tmp_path / "data")
    _run(capsys, "init", "--data-dir", data, "--database-url", database_url)
    monkeypatch.setenv(DATA_DIR_ENV, data)
    usual = _run(capsys, "create-school", "Hillside Primary")
    own = _run(capsys, "create-school", "Riverside", "--own-skills")
    db = Database(database_url)
    try:
        with db.read() as session:
            counts = dict(session.execute(
                select(EventRow.school_id, func.count()).where(EventRow.kind == "skill_saved")
                .group_by(EventRow.school_id)).all())
    finally:
        db.dispose()
    assert counts == {usual: len(DEFAULT_SKILLS)} and own not in counts


def test_a_school_names_its_default_skills_in_its_language(
        tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from sqlalchemy import select

    from dojo_protocol.default_skills import default_skill_id
    from dojo_server.db.models import EventRow

    data = str(tmp_path / "data")
    _run(capsys, "init", "--data-dir", data, "--database-url", database_url)
    monkeypatch.setenv(DATA_DIR_ENV, data)
    school = _run(capsys, "create-school", "Colegio Sierra", "--language", "es")
    db = Database(database_url)
    try:
        with db.read() as session:
            payloads = [json.loads(p) for p in session.scalars(
                select(EventRow.payload).where(EventRow.school_id == school,
                                               EventRow.kind == "skill_saved"))]
    finally:
        db.dispose()
    skills = {p["skill_id"]: p for p in payloads}
    teamwork = skills[default_skill_id("Teamwork")]  # the same id as every device's
    assert teamwork["name"] == "Trabajo en equipo"
    assert teamwork["criteria"] == "Escuchó al grupo y repartió el trabajo de forma justa."


def test_every_default_skill_text_is_marked_for_the_portals_catalogues() -> None:
    from dojo_protocol.default_skills import DEFAULT_SKILLS
    from dojo_server.portal.default_skill_words import MARKED, skill_words

    assert set(MARKED) == {text for name, _i, _p, _n, criteria in DEFAULT_SKILLS
                           for text in (name, criteria)}
    assert all(skill_words(language)(text) != text
               for language in ("es", "ar") for text in MARKED)
    assert skill_words("en")("Teamwork") == "Teamwork"


def test_serve_prints_where_it_runs_and_answers(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "dojo_server.cli", "serve", "--data-dir", str(tmp_path),
         "--port", str(port), "--log-level", "warning"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline(), process.stdout.readline()]
        assert lines[0].strip() == f"Data folder: {tmp_path}"
        assert f"http://127.0.0.1:{port}/v1" in lines[1]
        for _ in range(100):
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert answer.status_code == 200
        assert httpx.get(f"http://127.0.0.1:{port}/docs").status_code == 200
    finally:
        process.terminate()
        process.wait(10)


def test_serve_stops_promptly_with_a_long_poll_open(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    school = _run(capsys, "create-school", "Hillside", "--data-dir", str(tmp_path)).strip()
    code = _run(capsys, "enroll-code", "--school", school, "--role", "teacher",
                "--data-dir", str(tmp_path)).strip()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "dojo_server.cli", "serve", "--data-dir", str(tmp_path),
         "--port", str(port), "--log-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    poll: list[BaseException] = []
    try:
        for _ in range(100):
            try:
                enrolled = httpx.post(f"{url}/v1/devices/enroll", timeout=2, json={
                    "code": code, "device_id": str(uuid.uuid4()), "device_name": "board",
                    "client_version": "0.1.0"})
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert enrolled.status_code == 200, enrolled.text
        token = enrolled.json()["token"]

        def long_poll() -> None:
            try:
                httpx.get(f"{url}/v1/sync/pull", params={"wait": 25}, timeout=40,
                          headers={"Authorization": f"Bearer {token}"})
            except httpx.TransportError as exc:  # the server closed it: expected
                poll.append(exc)

        waiter = threading.Thread(target=long_poll)
        waiter.start()
        time.sleep(0.5)
        stopping = time.monotonic()
        process.terminate()
        process.wait(15)
        assert time.monotonic() - stopping < 6
        waiter.join(10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)


def test_a_restore_marker_starts_a_new_epoch(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path)
    _run(capsys, "init", "--data-dir", data)
    settings = Settings.load(data)
    from dojo_server.sync.epoch import prepare_database

    db = Database(settings.database_url)
    before = prepare_database(db, settings)
    assert prepare_database(db, settings) == before
    settings.new_epoch_marker.touch()
    after = prepare_database(db, settings)
    assert after != before and not settings.new_epoch_marker.exists()
    db.dispose()


def test_the_oldest_app_it_wants_comes_from_server_json_or_the_environment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DOJO_SERVER_MIN_CLIENT_VERSION", raising=False)
    assert Settings.load(tmp_path).min_client_version == "0.1.0"
    (tmp_path / "server.json").write_text('{"min_client_version": "0.3.0"}', encoding="utf-8")
    remember_database_url(tmp_path, "sqlite:///elsewhere.sqlite3")
    loaded = Settings.load(tmp_path)
    assert loaded.min_client_version == "0.3.0", "remembering the database kept it"
    assert loaded.database_url == "sqlite:///elsewhere.sqlite3"
    monkeypatch.setenv("DOJO_SERVER_MIN_CLIENT_VERSION", "0.4.0")
    assert Settings.load(tmp_path).min_client_version == "0.4.0"


@pytest.mark.parametrize(("missing", "command"), [("argon2", "--help"),
                                                  ("fastapi", "serve --port 0")])
def test_without_the_server_libraries_the_command_says_which_extra_to_install(
        missing: str, command: str, tmp_path: Path) -> None:
    """``pip install -e .`` alone brings the app, not the server's libraries."""
    argv = [*command.split(), "--data-dir", str(tmp_path)] if command != "--help" else [command]
    done = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.modules[{missing!r}] = None; "
         f"from dojo_server.command import main; sys.exit(main({argv!r}))"],
        capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1, done.stderr
    assert f"(no module named {missing!r})" in done.stderr
    assert 'pip install -e ".[server]"' in done.stderr


def test_the_installed_command_runs_the_cli() -> None:
    done = subprocess.run([sys.executable, "-c", "import sys; from dojo_server.command import "
                           "main; sys.exit(main(['--help']))"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "serve" in done.stdout and "enroll-code" in done.stdout
