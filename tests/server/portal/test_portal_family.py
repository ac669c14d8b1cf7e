"""The family portal end to end: join, sign in, points, story, messages, receipts, limits."""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from typing import Any

import httpx
from portal_kit import Family, Scene, now_ms, png, visible_text
from server_kit import Harness, LiveServer, new_uuid

from dojo_protocol.periods import SchoolPeriod
from dojo_server.domain import rate_limits

DAY_MS = 86_400_000


def _main(html: str) -> str:
    return html[html.index("<main>"):html.index("</main>")]


def test_joining_links_the_child_and_a_code_works_once(scene: Scene, family: Family) -> None:
    home = family.get("/portal/")
    names = visible_text(_main(home.text))
    assert home.status_code == 200 and "Ada Lovelace" in names and not re.search(r"\bBo\b",
                                                                                 names)
    again = Family(scene.harness.url)
    refused = again.join(scene.codes[scene.ada], name="Someone else")
    assert refused.status_code == 400 and "already used" in refused.text
    assert family.post("/portal/join", {"code": scene.codes[scene.bo]}).status_code == 303
    home = _main(family.get("/portal/").text)
    assert home.index("Ada Lovelace") < home.index("Bo")
    again.close()


def test_signing_in_and_out(scene: Scene, family: Family) -> None:
    family.post("/portal/logout", {}, form_page="/portal/")
    assert family.get("/portal/").status_code == 303
    wrong = family.log_in("grace@example.org", "not the password")
    assert wrong.status_code == 400 and "do not match" in wrong.text
    right = family.log_in("GRACE@example.org ", "a long password")
    assert right.status_code == 303
    cookie = right.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/portal" in cookie
    assert family.get("/portal/").status_code == 200


def test_cookies_are_secure_when_the_portal_is_served_over_https(
        make_settings: Any, harness: Harness) -> None:
    server = LiveServer(make_settings(cookie_secure=True))
    try:
        answer = httpx.get(f"{server.url}/portal/login")
        assert "; Secure" in answer.headers["set-cookie"]
    finally:
        server.stop()
    plain = httpx.get(f"{harness.url}/portal/login")
    assert "Secure" not in plain.headers["set-cookie"]


def test_points_this_week_and_a_friendly_history(scene: Scene, family: Family) -> None:
    t, ada = scene.teacher, scene.ada
    listening = t.new_skill("Listening", -1)
    helping = t.new_skill("Helping", 3)
    t.award(ada, scene.oak, listening, -1)
    t.undo(t.award(ada, scene.oak, helping, 3))
    t.award(ada, scene.maple, helping, 3, at_ms=now_ms() - 8 * DAY_MS)  # last week
    page = _main(family.get(f"/portal/child/{ada}").text)
    text = visible_text(page)
    assert re.search(r'class="big">1<', page)  # 2 (Kindness) - 1 (Listening) this week
    assert "Working on: Listening" in text and "-1" not in text
    assert text.count("Helping") == 1 and "Kindness" in text
    assert not re.search(r"\bCy\b", text) and "rank" not in text.lower()


def test_an_award_whose_skill_the_server_never_heard_of_still_says_something(
        scene: Scene, family: Family) -> None:
    t, ada = scene.teacher, scene.ada
    t.award(ada, scene.oak, new_uuid(), 2)
    t.award(ada, scene.oak, new_uuid(), -1)
    items = re.findall(r"<li .*?</li>", _main(family.get(f"/portal/child/{ada}").text), re.S)
    texts = [visible_text(item) for item in items]
    assert any(text.startswith("+2 A point for doing well") for text in texts)
    assert any(text.startswith("Something to work on") for text in texts)


def test_by_default_the_week_starts_on_monday_in_school_time() -> None:
    # Sunday 23:30 UTC in July is Monday 00:30 in London.
    sunday_night = int(dt.datetime(2025, 7, 13, 23, 30, tzinfo=dt.UTC).timestamp() * 1000)
    week = SchoolPeriod()
    assert week.first_day(sunday_night, "Europe/London") == dt.date(2025, 7, 14)
    assert week.start_ms(sunday_night, "Europe/London") == int(
        dt.datetime(2025, 7, 13, 23, 0, tzinfo=dt.UTC).timestamp() * 1000)
    assert week.first_day(sunday_night, "UTC") == dt.date(2025, 7, 7)


def test_the_story_is_paged_and_shows_only_what_the_family_may_see(
        scene: Scene, family: Family) -> None:
    t, ada = scene.teacher, scene.ada
    start = now_ms() - 100_000
    for n in range(45):
        t.story(f"Maple post {n:02d}", class_ids=[scene.maple], at_ms=start + n)
    t.story("Oak post", class_ids=[scene.oak], at_ms=start + 50)
    t.story("Whole school assembly", scope="school", at_ms=start + 60)
    t.story("Ada's poem", scope="student", class_ids=[scene.maple], student_id=ada,
            at_ms=start + 70)
    t.story("Ada's draft", scope="student", class_ids=[scene.maple], student_id=ada,
            state="pending", at_ms=start + 80)
    gone = t.story("Deleted post", class_ids=[scene.maple], at_ms=start + 90)
    t.send(t.ev("story_deleted", story_id=gone, at_ms=now_ms()))
    pages = [_main(family.get(f"/portal/child/{ada}/story?page={n}").text) for n in (1, 2, 3)]
    assert [p.count('class="card post"') for p in pages] == [20, 20, 9]
    first = pages[0]
    assert first.index("Ada&#39;s poem") < first.index("Whole school assembly") \
        < first.index("Oak post") < first.index("Maple post 44")
    seen = "".join(pages)
    for hidden in ("Ada&#39;s draft", "Deleted post", "Birch went", "Bo&#39;s drawing"):
        assert hidden not in seen
    assert "Older posts" in pages[0] and "Older posts" not in pages[2]
    assert "Maple planted seeds" in pages[0]  # posted by the scene, just now


def test_quiet_hours_receipts_and_a_reply_with_a_photo(scene: Scene, family: Family) -> None:
    t, ada, device = scene.teacher, scene.ada, scene.teacher.device
    t.message("Sent at 7 tomorrow", student_id=ada, thread_id=scene.ada_thread,
              send_after_ms=now_ms() + DAY_MS)
    listing = _main(family.get(f"/portal/child/{ada}/messages").text)
    assert "Conversation about Ada" in listing and "Announcements: Maple" in listing
    assert "Sent at 7 tomorrow" not in listing and "Birch" not in visible_text(listing)
    thread_path = f"/portal/child/{ada}/messages/{scene.ada_thread}"
    assert "Sent at 7 tomorrow" not in family.get(thread_path).text
    cursor = device.pull_all() and device.pull("", limit=1000).json()["next_cursor"]

    woken: dict[str, Any] = {}

    def long_poll() -> None:
        began = time.monotonic()
        woken["body"] = device.pull(cursor, wait=10).json()
        woken["after_s"] = time.monotonic() - began

    poller = threading.Thread(target=long_poll)
    poller.start()
    time.sleep(0.3)
    answer = family.post(thread_path, {"body": "We will practise at home"},
                         files={"photo": ("p.png", png("purple", (800, 600)), "image/png")})
    assert answer.status_code == 303
    poller.join(timeout=15)
    assert woken["after_s"] < 5
    kinds = [(c["kind"], c["payload"].get("sender")) for c in woken["body"]["changes"]]
    assert kinds == [("message_sent", "guardian")]  # the receipt came before the cursor
    family_events = [c for c in device.pull("", limit=1000).json()["changes"]
                     if c["device_id"].startswith("portal-")]
    reads = [c["payload"] for c in family_events if c["kind"] == "message_read"]
    assert len(reads) == 1 and reads[0]["reader"] == "guardian"
    sent = [c["payload"] for c in family_events if c["kind"] == "message_sent"]
    assert sent[0]["body"] == "We will practise at home" and len(sent[0]["attachments"]) == 1
    thread = family.get(thread_path).text
    assert "We will practise at home" in thread and sent[0]["attachments"][0] in thread
    photo = family.get(f"/portal/child/{ada}/files/{sent[0]['attachments'][0]}")
    assert photo.status_code == 200 and photo.headers["content-type"] == "image/jpeg"


def test_a_family_can_start_the_conversation(scene: Scene) -> None:
    browser = Family(scene.harness.url)
    browser.join(scene.codes[scene.bo])
    listing = browser.get(f"/portal/child/{scene.bo}/messages").text
    assert "Write to the teacher" in listing and "Conversation about" not in listing
    started = browser.post(f"/portal/child/{scene.bo}/messages", {"body": "Bo lost a shoe"},
                           form_page=f"/portal/child/{scene.bo}/messages")
    assert started.status_code == 303
    sent = [c["payload"] for c in scene.teacher.device.pull_all()
            if c["kind"] == "message_sent" and c["payload"].get("sender") == "guardian"]
    assert [(m["student_id"], m["body"]) for m in sent] == [(scene.bo, "Bo lost a shoe")]
    assert started.headers["location"].endswith(f"/messages/{sent[0]['thread_id']}")
    listing = browser.get(f"/portal/child/{scene.bo}/messages").text
    assert "Conversation about Bo" in listing and "Write to the teacher" not in listing
    empty = browser.post(f"/portal/child/{scene.bo}/messages", {"body": " "},
                         form_page=f"/portal/child/{scene.bo}/messages")
    assert empty.status_code == 400 and "Please write a message" in empty.text
    browser.close()


def test_a_bad_photo_keeps_the_reply_on_the_page(scene: Scene, family: Family) -> None:
    path = f"/portal/child/{scene.ada}/messages/{scene.ada_thread}"
    answer = family.post(path, {"body": "Here is the form"},
                         files={"photo": ("form.pdf", b"%PDF-1.4", "application/pdf")})
    assert answer.status_code == 400 and "not a photo" in answer.text
    assert "Here is the form" in answer.text


def test_wrong_invite_codes_are_rate_limited(scene: Scene) -> None:
    guesser = Family(scene.harness.url)
    limit = rate_limits.INVITE_FAILURES_PER_ADDRESS
    for _ in range(limit.attempts - 2):  # counted as the portal counts them, but quicker
        rate_limits.record(scene.harness.db, limit, "127.0.0.1")
    for _ in range(2):
        assert guesser.join("AAAA-BBBB-CCCC").status_code == 400
    limited = guesser.join(scene.codes[scene.bo])
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
    guesser.close()


def test_wrong_passwords_are_rate_limited_per_email(scene: Scene, family: Family) -> None:
    family.post("/portal/logout", {}, form_page="/portal/")
    for _ in range(5):
        assert family.log_in("grace@example.org", "wrong password!").status_code == 400
    limited = family.log_in("grace@example.org", "a long password")
    assert limited.status_code == 429
    assert family.log_in("nobody@example.org", "whatever else").status_code == 400


def test_languages_accept_language_choice_and_right_to_left(scene: Scene) -> None:
    browser = Family(scene.harness.url, accept_language="es-MX,es;q=0.9,en;q=0.5")
    login = browser.get("/portal/login").text
    assert '<html lang="es" dir="ltr">' in login and "Iniciar sesión" in login
    assert browser.join(scene.codes[scene.cy], email="lina@example.org").status_code == 303
    assert "Elija a su hijo o hija" in browser.get("/portal/").text
    switched = browser.post("/portal/language", {"language": "ar",
                                                 "back": f"/portal/child/{scene.cy}"},
                            form_page="/portal/")
    assert switched.headers["location"] == f"/portal/child/{scene.cy}"
    child = browser.get(f"/portal/child/{scene.cy}").text
    assert '<html lang="ar" dir="rtl">' in child and "النقاط" in child
    fresh = Family(scene.harness.url, accept_language="en")
    fresh.log_in("lina@example.org", "a long password")
    assert 'lang="ar"' in fresh.get("/portal/").text  # saved with the account
    outside = browser.post("/portal/language", {"language": "en", "back": "//evil.example"},
                           form_page="/portal/")
    assert outside.headers["location"] == "/portal/"
    browser.close()
    fresh.close()
