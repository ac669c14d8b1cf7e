"""In a real headless Chromium: a family without email joins with a sign-in name, signs in
with it again, and once the school unlinks them can no longer open the child's page.
Screenshots go to test-artifacts/portal-unlink (or $DOJO_TEST_ARTIFACTS)."""

from __future__ import annotations

import pytest
from browser_kit import PHONE, artifacts_folder, launch_chromium, needs_chromium, open_page
from portal_kit import Scene, build_scene
from server_kit import Harness

from dojo_server.domain import families_admin


@pytest.fixture
def scene(sqlite_harness: Harness) -> Scene:
    return build_scene(sqlite_harness)


@needs_chromium
def test_an_unlinked_family_cannot_open_the_childs_page(scene: Scene) -> None:
    base, db, school = scene.harness.url, scene.harness.db, scene.harness.school_id
    artifacts = artifacts_folder("portal-unlink")
    problems: list[str] = []
    with launch_chromium() as browser:
        page = open_page(browser, PHONE, problems, console_errors=False)

        page.goto(f"{base}/portal/join")
        page.fill("#code", scene.codes[scene.ada])
        page.fill("#name", "Grace Hopper")
        page.fill("#login_name", "grace.h")
        page.fill("#password", "a long password")
        page.click("button.primary")
        page.wait_for_url(f"{base}/portal/")
        page.click("button.link")  # sign out
        page.wait_for_url(f"{base}/portal/login")
        page.fill("#email", "Grace.H")
        page.fill("#password", "a long password")
        page.click("button.primary")
        page.wait_for_url(f"{base}/portal/")
        page.click("text=Ada Lovelace")
        page.wait_for_url(f"{base}/portal/child/{scene.ada}")
        page.screenshot(path=str(artifacts / "1-child.png"), full_page=True)

        [grace] = families_admin.guardians_of(db, school, scene.ada)
        families_admin.unlink_guardian(db, school, grace.guardian_id, scene.ada)
        page.reload()
        page.wait_for_url(f"{base}/portal/login")  # signed out at once
        page.fill("#email", "grace.h")
        page.fill("#password", "a long password")
        page.click("button.primary")
        page.wait_for_url(f"{base}/portal/")
        assert "Ada" not in page.locator("main").inner_text()
        answer = page.goto(f"{base}/portal/child/{scene.ada}")
        assert answer is not None and answer.status == 404
        assert "Ada" not in page.locator("main").inner_text()
        page.screenshot(path=str(artifacts / "2-after-unlink.png"), full_page=True)
    assert problems == []
