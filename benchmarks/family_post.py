"""A class story post with a 4 MB photo: from "Post" in the app until a family sees it.

One app instance (its own data folder) is paired with a real `dojo-server serve` (SQLite,
child process on 127.0.0.1); one family has joined the portal with an invite code and is
signed in. Each round, in this order and all timed:

1. the app takes a 4 MB camera photo (12 megapixels, EXIF with a GPS position) the way
   the composer does: checked, re-encoded without its metadata, thumbnail made, stored
   (``classroom.attachments.add_bytes``);
2. posts it to the class story (``classroom.stories.post``: one transaction + outbox);
3. pushes, uploading the photo first (``engine.push_all()``, what the scheduler runs at
   once after a local write);
4. the family's browser asks for the child's story page every 5 ms until the post shows.

Goal: p95 under 1 s. Baselines measured in the same run: Pillow alone decoding and
re-encoding the photo, a plain HTTP PUT of the 4 MB file to the server's blob endpoint,
and one GET of the story page.

    python benchmarks/family_post.py [--posts 20] [--keep]
"""

from __future__ import annotations

import argparse
import io
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import httpx
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_server.db.session import Database
from dojo_server.domain import invites
from sync_kit import (
    ServerProcess,
    install_memory_keyring,
    machine_line,
    percentile,
    stop_on_sigterm,
)

GOAL_P95_MS = 1000.0
PHOTO_BYTES = 4_000_000
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def camera_photo(seed: int) -> bytes:
    """A 12-megapixel JPEG of about 4 MB, with a GPS position, different for each seed."""
    rng = random.Random(seed)
    width, height = 4000, 3000
    base = Image.linear_gradient("L").resize((width, height))
    noise = Image.effect_noise((width, height), 40 + rng.random())
    picture = Image.merge("RGB", (base, noise, Image.blend(base, noise, 0.5)))
    exif = Image.Exif()
    exif[0x8825] = {2: (51.0, 30.0, rng.random()), 1: "N"}
    quality = 90
    while True:
        out = io.BytesIO()
        picture.save(out, format="JPEG", quality=quality, exif=exif)
        if out.tell() <= PHOTO_BYTES * 1.05 or quality <= 60:
            return out.getvalue()
        quality -= 3


def line(name: str, values_s: list[float]) -> str:
    ms = [v * 1000 for v in values_s]
    return (f"{name:<38} n={len(ms):<3} p50={percentile(ms, 50):7.1f} ms  "
            f"p95={percentile(ms, 95):7.1f} ms  max={max(ms):7.1f} ms")


def join_portal(url: str, code: str) -> httpx.Client:
    """A family's browser: joins with the invite code and stays signed in."""
    browser = httpx.Client(base_url=url, timeout=30, follow_redirects=False)
    form = browser.get("/portal/join").text
    found = _CSRF.search(form)
    assert found, form
    answer = browser.post("/portal/join", data={
        "code": code, "name": "Sara Khan", "email": "", "password": "a long password",
        "csrf": found.group(1)})
    if answer.status_code != 303:
        raise RuntimeError(f"joining the portal failed: {answer.status_code} {answer.text}")
    return browser


def run(posts: int, root: Path) -> int:
    install_memory_keyring()
    server = ServerProcess(root)
    server.start()
    classroom: Classroom = open_classroom(root / "laptop")
    try:
        classroom.sync.pair(server.url, server.enroll_code())
        engine = classroom.sync.engine()
        assert engine is not None
        group, _ = classroom.roster.create_class("4B")
        amira, _ = classroom.roster.add_student(group.id, "Amira", "Khan")
        engine.push_all()
        db = Database(f"sqlite:///{server.sqlite_path}")
        [letter] = invites.create_invites(db, server.school_id, group.id)
        db.dispose()
        browser = join_portal(server.url, letter.code)
        story_page = f"/portal/child/{amira.id}/story"
        photos = [camera_photo(seed) for seed in range(posts + 2)]
        sizes = sorted(len(p) for p in photos)
        print(f"photos: {len(photos)} JPEGs, 4000x3000, {sizes[0] / 1e6:.2f}-"
              f"{sizes[-1] / 1e6:.2f} MB, each with a GPS position")

        phases: dict[str, list[float]] = {"total": [], "check+re-encode+store": [],
                                          "post (transaction)": [], "push (upload + events)": [],
                                          "until the portal shows it": []}
        for n, photo in enumerate(photos):
            text = f"Volcano day, part {n}"
            started = time.perf_counter()
            picture = classroom.attachments.add_bytes(photo, f"volcano-{n}.jpg")
            stored = time.perf_counter()
            classroom.stories.post(text, [group.id], [picture.sha256])
            posted = time.perf_counter()
            engine.push_all()
            pushed = time.perf_counter()
            while text not in browser.get(story_page).text:
                if time.perf_counter() - started > 30:
                    raise RuntimeError(f"post {n} never showed in the portal")
                time.sleep(0.005)
            seen = time.perf_counter()
            if n < 2:
                continue  # warm-up: first imports, first connections
            phases["total"].append(seen - started)
            phases["check+re-encode+store"].append(stored - started)
            phases["post (transaction)"].append(posted - stored)
            phases["push (upload + events)"].append(pushed - posted)
            phases["until the portal shows it"].append(seen - pushed)

        baselines: dict[str, list[float]] = {"Pillow decode + JPEG encode": [],
                                             "HTTP PUT of the 4 MB file": [],
                                             "GET of the story page": []}
        token = classroom.sync.token()
        uploader = httpx.Client(base_url=server.url, timeout=30,
                                headers={"Authorization": f"Bearer {token}"})
        import hashlib

        for n, photo in enumerate(photos[2:]):
            began = time.perf_counter()
            image = Image.open(io.BytesIO(photo))
            image.load()
            image.save(io.BytesIO(), format="JPEG", quality=88)
            baselines["Pillow decode + JPEG encode"].append(time.perf_counter() - began)
            raw = photo + n.to_bytes(4, "big")  # not yet on the server
            began = time.perf_counter()
            answer = uploader.put(f"/v1/blobs/{hashlib.sha256(raw).hexdigest()}", content=raw)
            baselines["HTTP PUT of the 4 MB file"].append(time.perf_counter() - began)
            if answer.status_code not in (200, 201):
                raise RuntimeError(f"blob PUT answered {answer.status_code}: {answer.text}")
            began = time.perf_counter()
            browser.get(story_page)
            baselines["GET of the story page"].append(time.perf_counter() - began)
        uploader.close()
        browser.close()
        engine.transport.close()

        print(machine_line())
        print(f"post with a 4 MB photo -> visible in the family portal (goal p95 <= "
              f"{GOAL_P95_MS:.0f} ms)")
        for name, values in phases.items():
            print("  " + line(name, values))
        print("baselines (same run):")
        for name, values in baselines.items():
            print("  " + line(name, values))
        p95 = percentile([v * 1000 for v in phases["total"]], 95)
        print(f"p95 {p95:.0f} ms: {'meets' if p95 <= GOAL_P95_MS else 'misses'} the goal")
        return 0
    finally:
        classroom.close()
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    stop_on_sigterm()
    root = Path(tempfile.mkdtemp(prefix="dojo-family-post-"))
    try:
        return run(args.posts, root)
    finally:
        if args.keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
