"""Test helpers for the family portal: a teacher device that builds a school through events."""

from __future__ import annotations

import hashlib
import io
import re
import secrets
import time
from dataclasses import dataclass
from typing import Any

import httpx
from PIL import Image
from server_kit import Device, Harness, new_uuid

from dojo_server.domain import invites


def now_ms() -> int:
    return int(time.time() * 1000)


@dataclass
class Teacher:
    """A teacher device pushing roster, awards, stories and messages, checking each applies."""

    device: Device

    def send(self, *events: dict[str, Any]) -> None:
        answer = self.device.push(list(events))
        assert answer.status_code == 200, answer.text
        statuses = [r["status"] for r in answer.json()["results"]]
        assert statuses == ["applied"] * len(events), answer.text

    def ev(self, kind: str, **payload: Any) -> dict[str, Any]:
        return self.device.event(kind, payload)

    def new_class(self, name: str) -> str:
        class_id = new_uuid()
        self.send(self.ev("class_created", class_id=class_id, name=name, year_group="Y3"))
        return class_id

    def new_student(self, class_id: str, first_name: str, last_name: str = "") -> str:
        student_id = new_uuid()
        self.send(self.ev("student_added", student_id=student_id, class_id=class_id,
                          first_name=first_name, last_name=last_name))
        return student_id

    def join_class(self, student_id: str, class_id: str, first_name: str) -> None:
        self.send(self.ev("student_added", student_id=student_id, class_id=class_id,
                          first_name=first_name))

    def new_skill(self, name: str, points: int = 1, class_id: str | None = None) -> str:
        """A skill of one class, or (on a leader's device) of the whole school."""
        skill_id = new_uuid()
        polarity = "positive" if points > 0 else "needs_work"
        self.send(self.ev("skill_saved", skill_id=skill_id, name=name, icon="star",
                          polarity=polarity, points=points, class_id=class_id))
        return skill_id

    def award(self, student_id: str, class_id: str, skill_id: str, points: int = 1,
              at_ms: int | None = None) -> str:
        award_id = new_uuid()
        self.send(self.ev("award_given", award_id=award_id, student_id=student_id,
                          class_id=class_id, skill_id=skill_id, points=points,
                          batch_id=new_uuid(), at_ms=at_ms or now_ms()))
        return award_id

    def undo(self, *award_ids: str) -> None:
        self.send(self.ev("award_undone", award_ids=list(award_ids), at_ms=now_ms()))

    def story(self, text: str, scope: str = "class", class_ids: list[str] | None = None,
              student_id: str | None = None, state: str = "published",
              at_ms: int | None = None, attachments: list[str] | None = None) -> str:
        story_id = new_uuid()
        payload: dict[str, Any] = {"story_id": story_id, "scope": scope, "text": text,
                                   "state": state, "author_name": "Ms Rivera",
                                   "at_ms": at_ms or now_ms(),
                                   "attachments": attachments or []}
        if class_ids:
            payload["class_ids"] = class_ids
        if student_id:
            payload["student_id"] = student_id
        self.send(self.device.event("story_posted", payload))
        return story_id

    def message(self, body: str, student_id: str | None = None, class_id: str | None = None,
                thread_id: str | None = None, send_after_ms: int | None = None,
                attachments: list[str] | None = None,
                urgent: bool = False) -> tuple[str, str]:
        message_id, thread_id = new_uuid(), thread_id or new_uuid()
        payload: dict[str, Any] = {"message_id": message_id, "thread_id": thread_id,
                                   "body": body, "sender_name": "Ms Rivera", "at_ms": now_ms(),
                                   "send_after_ms": send_after_ms,
                                   "attachments": attachments or []}
        if urgent:
            payload["urgent"] = True
        if student_id:
            payload["student_id"] = student_id
        if class_id:
            payload["class_id"] = class_id
        self.send(self.device.event("message_sent", payload))
        return message_id, thread_id


_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
_TAG = re.compile(r"<[^>]*>")


def visible_text(html: str) -> str:
    """What a reader sees: tags and their attributes (ids, tokens) taken out."""
    return " ".join(_TAG.sub(" ", html).split())


class Family:
    """A browser of the family portal: keeps cookies and sends each form's CSRF token."""

    def __init__(self, url: str, accept_language: str = "en") -> None:
        self.login_name = ""  # the sign-in name the last join chose
        self.http = httpx.Client(base_url=url, timeout=20, follow_redirects=False,
                                 headers={"Accept-Language": accept_language})

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.http.get(path, **kwargs)

    def csrf(self, path: str = "/portal/login") -> str:
        page = self.http.get(path)
        found = _CSRF.search(page.text)
        assert found, page.text
        return found.group(1)

    def post(self, path: str, data: dict[str, str], form_page: str | None = None,
             files: dict[str, Any] | None = None) -> httpx.Response:
        token = self.csrf(form_page or path)
        return self.http.post(path, data={**data, "csrf": token}, files=files)

    def join(self, code: str, name: str = "Grace", email: str = "",
             password: str = "a long password",
             login_name: str | None = None) -> httpx.Response:
        """Join; with a password and no email, under a new sign-in name unless given."""
        if login_name is None:
            login_name = "" if email or not password else f"family-{secrets.token_hex(4)}"
        self.login_name = login_name
        return self.post("/portal/join", {"code": code, "name": name, "email": email,
                                          "password": password, "login_name": login_name})

    def log_in(self, login: str, password: str) -> httpx.Response:
        """Sign in with an email or a sign-in name."""
        return self.post("/portal/login", {"email": login, "password": password})

    def close(self) -> None:
        self.http.close()


def png(colour: str = "orange", size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def upload(device: Device, data: bytes) -> str:
    sha = hashlib.sha256(data).hexdigest()
    assert device.http.put(f"/v1/blobs/{sha}", content=data).status_code in (200, 201)
    return sha


@dataclass
class Scene:
    """Two classes and three children; Ada is in both classes, Cy's family is another one.

    Maple: Ada, Bo.  Oak: Ada, Cy.  Birch: Di (no family here).
    """

    harness: Harness
    teacher: Teacher
    maple: str
    oak: str
    birch: str
    ada: str
    bo: str
    cy: str
    codes: dict[str, str]
    ada_thread: str
    cy_thread: str
    maple_thread: str
    birch_thread: str
    cy_photo: str
    birch_photo: str
    bo_photo: str
    maple_photo: str


def build_scene(harness: Harness) -> Scene:
    teacher = Teacher(harness.enroll("leader"))  # it makes school-wide skills
    maple, oak, birch = (teacher.new_class(n) for n in ("Maple", "Oak", "Birch"))
    ada = teacher.new_student(maple, "Ada", "Lovelace")
    teacher.join_class(ada, oak, "Ada")
    bo = teacher.new_student(maple, "Bo")
    cy = teacher.new_student(oak, "Cy")
    di = teacher.new_student(birch, "Di")
    kind = teacher.new_skill("Kindness", 2)
    teacher.award(ada, maple, kind, 2)
    teacher.award(cy, oak, kind, 2)
    cy_photo, birch_photo, bo_photo, maple_photo = (
        upload(teacher.device, png(c)) for c in ("red", "green", "blue", "white"))
    teacher.story("Maple planted seeds", class_ids=[maple], attachments=[maple_photo])
    teacher.story("Birch went to the zoo", class_ids=[birch], attachments=[birch_photo])
    teacher.story("Bo's drawing", scope="student", class_ids=[maple], student_id=bo,
                  attachments=[bo_photo])
    _m, ada_thread = teacher.message("Ada helped a friend", student_id=ada)
    _m, cy_thread = teacher.message("Cy's trip form", student_id=cy, attachments=[cy_photo])
    _m, maple_thread = teacher.message("Maple: PE on Tuesday", class_id=maple)
    _m, birch_thread = teacher.message("Birch: bring boots", class_id=birch)
    teacher.message("Di's news", student_id=di)
    codes: dict[str, str] = {}
    for class_id in (maple, oak):
        letters = invites.create_invites(harness.db, harness.school_id, class_id)
        names = {"Ada Lovelace": ada, "Bo": bo, "Cy": cy}
        for letter in letters:
            codes[names[letter.student_name]] = letter.code  # the newest one works
    return Scene(harness, teacher, maple, oak, birch, ada, bo, cy, codes, ada_thread,
                 cy_thread, maple_thread, birch_thread, cy_photo, birch_photo, bo_photo,
                 maple_photo)
