"""The portal in a real headless Chromium on a small phone screen: join, read, reply,
switch to Arabic. Screenshots go to test-artifacts/portal-browser (or $DOJO_TEST_ARTIFACTS).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_kit import PHONE, artifacts_folder, launch_chromium, needs_chromium, open_page
from portal_kit import Scene, build_scene, png
from server_kit import Harness


@pytest.fixture
def artifacts() -> Path:
    return artifacts_folder("portal-browser")


@pytest.fixture
def scene(sqlite_harness: Harness) -> Scene:
    return build_scene(sqlite_harness)


@needs_chromium
def test_a_family_on_a_phone(scene: Scene, artifacts: Path, tmp_path: Path) -> None:
    base = scene.harness.url
    photo = tmp_path / "garden.png"
    photo.write_bytes(png("green", (1200, 900)))
    problems: list[str] = []
    with launch_chromium() as browser:
        page = open_page(browser, PHONE, problems)

        page.goto(f"{base}/portal/join")
        page.fill("#code", scene.codes[scene.ada].lower())
        page.fill("#name", "Grace Hopper")
        page.fill("#email", "grace@example.org")
        page.fill("#password", "a long password")
        page.click("button.primary")
        page.wait_for_url(f"{base}/portal/")
        page.screenshot(path=str(artifacts / "1-children.png"), full_page=True)

        page.click("text=Ada Lovelace")
        assert page.locator(".big").inner_text() == "2"
        page.screenshot(path=str(artifacts / "2-points.png"), full_page=True)

        page.click("nav.tabs >> text=Story")
        page.wait_for_selector("text=Maple planted seeds")
        image = page.locator("article.post img").first
        image.wait_for()
        assert page.evaluate("img => img.complete && img.naturalWidth", image.element_handle())
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.screenshot(path=str(artifacts / "3-story.png"), full_page=True)

        page.click("nav.tabs >> text=Messages")
        page.click("text=Conversation about Ada")
        page.fill("#body", "Thank you! She loved it.")
        page.set_input_files("#photo", str(photo))
        page.click("button.primary")
        page.wait_for_selector("text=Thank you! She loved it.")
        assert page.locator(".bubble.mine img").count() == 1
        page.screenshot(path=str(artifacts / "4-reply.png"), full_page=True)

        page.select_option("#language", "ar")
        page.click("footer button")
        page.wait_for_selector("html[dir=rtl]")
        assert page.locator("html").get_attribute("lang") == "ar"
        assert "الرسائل" in page.locator("nav.tabs").inner_text()
        page.screenshot(path=str(artifacts / "5-arabic.png"), full_page=True)
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth, "
                               "[...document.querySelectorAll('*')].filter(e => "
                               "e.getBoundingClientRect().left < 0 || "
                               "e.getBoundingClientRect().right > window.innerWidth)"
                               ".map(e => e.tagName + '.' + e.className)]")
        assert widths[0] <= widths[1], widths
    assert problems == []
    replies = [c["payload"] for c in scene.teacher.device.pull_all()
               if c["kind"] == "message_sent" and c["payload"].get("sender") == "guardian"]
    assert [r["body"] for r in replies] == ["Thank you! She loved it."]
    assert len(replies[0]["attachments"]) == 1
