"""Family portal: time to serve the story page of a class with 500 posts (20 per page).

A real `dojo-server serve` process (SQLite, 127.0.0.1) holds one class of 28 students
with 500 published class posts (every fifth with a photo), 200 awards and a school post,
all stored through the server's own push. One family joins with an invite code and keeps
a signed-in session. The figure: GET /portal/child/<id>/story?page=N over one keep-alive
connection, pages 1..25 in turn, measured from request to the last byte of the answer.
Goal: p95 at most 50 ms.

Baselines from the same run: GET /v1/health on the same connection (the HTTP floor), and
in this process, rendering a trivial Jinja2 template and the story template alone with
20 posts (no database).

    python benchmarks/portal_render.py [--requests 500] [--posts 500] [--keep]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from jinja2 import Environment

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dojo_protocol.models import PROTOCOL_VERSION, EnrollRequest, PushRequest, WireEvent
from dojo_server.db.session import Database
from dojo_server.domain import enrollment, family_auth, invites
from dojo_server.domain.auth import authenticate
from dojo_server.domain.family_view import Child, ClassRef, Post, StoryPage
from dojo_server.portal.rendering import Pages
from dojo_server.settings import sqlite_url
from dojo_server.sync.push import push
from sync_kit import ServerProcess, machine_line, percentile

GOAL_P95_MS = 50.0
STUDENTS = 28
TEXT = ("Today we planted beans in the school garden and measured how tall last week's "
        "seedlings have grown. Everyone wrote a prediction in their science book. ") * 2


def line(name: str, values_s: list[float]) -> str:
    ms = [v * 1000 for v in values_s]
    return (f"{name:<46} n={len(ms):<4} p50={percentile(ms, 50):7.2f} ms  "
            f"p95={percentile(ms, 95):7.2f} ms  max={max(ms):7.2f} ms")


def seed(db: Database, school_id: str, posts: int) -> tuple[str, str]:
    """The class and its history, pushed by one teacher device; (student id, session)."""
    code = enrollment.create_code(db, school_id, "teacher")
    answer = enrollment.enroll(db, EnrollRequest(code=code, device_id=str(uuid.uuid4()),
                                                 device_name="bench", client_version="9"))
    identity = authenticate(db, answer.token)
    now = int(time.time() * 1000)
    seq = 0

    def event(kind: str, **payload: Any) -> WireEvent:
        nonlocal seq
        seq += 1
        return WireEvent(event_id=str(uuid.uuid4()), device_id=identity.device_id, seq=seq,
                         kind=kind, hlc=f"{now:015d}-{seq:06d}-{identity.device_id}",
                         payload=payload)

    class_id, skill_id = str(uuid.uuid4()), str(uuid.uuid4())
    students = [str(uuid.uuid4()) for _ in range(STUDENTS)]
    events = [event("class_created", class_id=class_id, name="Maple", year_group="Y3"),
              event("skill_saved", skill_id=skill_id, name="Teamwork", icon="star",
                    polarity="positive", points=1)]
    events += [event("student_added", student_id=s, class_id=class_id,
                     first_name=f"Student {n:02d}") for n, s in enumerate(students)]
    events += [event("award_given", award_id=str(uuid.uuid4()), student_id=students[0],
                     class_id=class_id, skill_id=skill_id, points=1,
                     batch_id=str(uuid.uuid4()), at_ms=now - n * 60_000) for n in range(200)]
    events += [event("story_posted", story_id=str(uuid.uuid4()), scope="class",
                     class_id=class_id, text=f"Post {n}. {TEXT}", state="published",
                     author_name="Ms Rivera", at_ms=now - n * 3_600_000,
                     attachments=[f"{n:064x}"] if n % 5 == 0 else [])
               for n in range(posts)]
    events.append(event("story_posted", story_id=str(uuid.uuid4()), scope="school",
                        text="Sports day on Friday", state="published", at_ms=now))
    for start in range(0, len(events), 500):
        push(db, identity, PushRequest(protocol_version=PROTOCOL_VERSION,
                                       schema_version="bench", batch_id=str(uuid.uuid4()),
                                       device_id=identity.device_id,
                                       events=events[start:start + 500]), None)
    letter = invites.create_invites(db, school_id, class_id)[0]
    guardian_id, _school = invites.join(db, letter.code, "bench", new=invites.NewGuardian(
        "Grace", "grace@example.org", "a long password", "en"))
    return students[0], family_auth.start_session(db, guardian_id)


def timed(call: Callable[[], object], count: int) -> list[float]:
    times = []
    for _ in range(count):
        began = time.perf_counter()
        call()
        times.append(time.perf_counter() - began)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--keep", action="store_true", help="keep the data folder")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="dojo-portal-bench-"))
    try:
        server = ServerProcess(root)
        db = Database(sqlite_url(server.sqlite_path))
        began = time.perf_counter()
        student_id, session = seed(db, server.school_id, args.posts)
        db.dispose()
        print(f"seeded {args.posts} posts through push in {time.perf_counter() - began:.1f} s")
        with server, httpx.Client(base_url=server.url, cookies={"dojo_family": session},
                                  timeout=30) as http:
            pages = -(-(args.posts + 1) // 20)

            def story(n: list[int] = [0]) -> None:  # noqa: B006 (a counter kept between calls)
                n[0] += 1
                answer = http.get(f"/portal/child/{student_id}/story",
                                  params={"page": n[0] % pages + 1})
                assert answer.status_code == 200 and 'class="card post"' in answer.text

            def health() -> None:
                assert http.get("/v1/health").status_code == 200

            timed(story, 30)
            timed(health, 30)
            story_times = timed(story, args.requests)
            health_times = timed(health, args.requests)
            cpu = server.cpu_seconds()
        trivial = Environment().from_string("<p>{{ name }}</p>")
        fake = Child(student_id, "Ada", "Lovelace", (ClassRef("c", "Maple"),))
        posts = StoryPage([Post(str(n), "class", TEXT, [f"{n:064x}"] if n % 5 == 0 else [],
                                "Ms Rivera", 1_700_000_000_000 + n) for n in range(20)],
                          1, True)
        renderer = Pages()
        member = family_auth.FamilyMember("g", "s", "Grace", None, "en", "t", "School",
                                          "Europe/London")

        def template_only() -> None:
            renderer.render("story.html", "en", member=member, csrf="t", here="/", child=fake,
                            story=posts, tab="story", mail_on=False,
                            is_picture=lambda _sha: True)

        timed(template_only, 30)
        print(machine_line())
        print(f"server process CPU during the run: {cpu:.1f} s" if cpu else "")
        figure = line("GET story page (500 posts, 20 per page)", story_times)
        print(figure)
        print(line("baseline: GET /v1/health, same connection", health_times))
        print(line("baseline: story template alone, in process", timed(template_only,
                                                                        args.requests)))
        print(line("baseline: trivial Jinja2 template, in process",
                   timed(lambda: trivial.render(name="x"), args.requests)))
        p95 = percentile([t * 1000 for t in story_times], 95)
        verdict = "meets" if p95 <= GOAL_P95_MS else "MISSES"
        print(f"goal: story page p95 <= {GOAL_P95_MS:.0f} ms: {verdict} ({p95:.1f} ms)")
        return 0
    finally:
        if args.keep:
            print(f"data kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
