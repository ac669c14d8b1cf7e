"""Test helpers for the staff console: a school with staff of every role, a second school,
and a browser that keeps cookies and sends each form's CSRF token."""

from __future__ import annotations

import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from server_kit import Harness

from dojo_server.domain import invites, roster_admin, schools

PASSWORD = "a long staff password"
ROSTER_FIXTURES = Path(__file__).resolve().parents[1] / "roster_import" / "fixtures"
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


class StaffBrowser:
    """A browser of the console (and the portal): cookies kept, redirects not followed."""

    def __init__(self, url: str, accept_language: str = "en") -> None:
        self.http = httpx.Client(base_url=url, timeout=20, follow_redirects=False,
                                 headers={"Accept-Language": accept_language})

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.http.get(path, **kwargs)

    def csrf(self, path: str = "/staff/login") -> str:
        page = self.http.get(path)
        found = _CSRF.search(page.text)
        assert found, page.text
        return found.group(1)

    def post(self, path: str, data: dict[str, str], form_page: str = "/staff/login",
             files: dict[str, Any] | None = None) -> httpx.Response:
        return self.http.post(path, data={**data, "csrf": self.csrf(form_page)}, files=files)

    def log_in(self, email: str, password: str = PASSWORD) -> httpx.Response:
        return self.post("/staff/login", {"email": email, "password": password})

    def close(self) -> None:
        self.http.close()


@dataclass
class School:
    """A school built through the console's domain functions: staff of every role, two
    classes (Maple: Ada and Bo; Oak: Cy), an enrolled teacher device, and Ada's family."""

    harness: Harness
    school_id: str
    staff: dict[str, str]  # role -> email
    staff_ids: dict[str, str]  # role -> id
    maple: str
    oak: str
    ada: str
    bo: str
    cy: str
    device_id: str
    ada_code: str
    other_school: str
    other_leader: str
    other_class: str

    @property
    def url(self) -> str:
        return self.harness.url

    def browser(self, role: str) -> StaffBrowser:
        """A browser signed in as the school's member of staff with ``role``."""
        browser = StaffBrowser(self.url)
        answer = browser.log_in(self.staff[role])
        assert answer.status_code == 303, answer.text
        return browser


def build_school(harness: Harness) -> School:
    db, school_id = harness.db, harness.school_id
    staff, staff_ids = {}, {}
    for role in ("leader", "admin", "teacher", "ta"):
        staff[role] = f"{role}@hillside.example"
        staff_ids[role] = schools.add_staff(db, school_id, f"Hillside {role}", staff[role],
                                            role, PASSWORD)
    maple = roster_admin.add_class(db, school_id, "Maple", "Y3")
    oak = roster_admin.add_class(db, school_id, "Oak")
    ada = roster_admin.add_child(db, school_id, maple, "Ada", "Lovelace")
    bo = roster_admin.add_child(db, school_id, maple, "Bo")
    cy = roster_admin.add_child(db, school_id, oak, "Cy")
    device = harness.enroll("teacher", maple)
    [letter] = invites.create_invites(db, school_id, maple, student_id=ada)
    other = schools.create_school(db, "Valley School", default_skills=False)
    schools.add_staff(db, other, "Valley leader", "leader@valley.example", "leader", PASSWORD)
    other_class = roster_admin.add_class(db, other, "Willow")
    roster_admin.add_child(db, other, other_class, "Zed")
    return School(harness, school_id, staff, staff_ids, maple, oak, ada, bo, cy,
                  device.device_id, letter.code, other, "leader@valley.example", other_class)


def roster_zip(fixture: str, into: Path) -> Path:
    """A fixture OneRoster export of tests/server/roster_import, zipped in ``into``."""
    folder = into / fixture
    shutil.copytree(ROSTER_FIXTURES / fixture, folder)
    return zip_folder(folder)


def zip_folder(folder: Path) -> Path:
    """The folder's files in a zip beside it, at the zip's top."""
    target = folder.with_suffix(".zip")
    with zipfile.ZipFile(target, "w") as archive:
        for file in sorted(folder.iterdir()):
            archive.write(file, file.name)
    return target
