"""The console in a real headless Chromium: a leader signs in with the keyboard, imports a
OneRoster export (preview, then apply), and finds the new class; a leader starts the new
school year (preview, then apply). Screenshots go to test-artifacts/console-browser (or
$DOJO_TEST_ARTIFACTS)."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_kit import LAPTOP, artifacts_folder, launch_chromium, needs_chromium, open_page
from console_kit import PASSWORD, School, roster_zip


@pytest.fixture
def artifacts() -> Path:
    return artifacts_folder("console-browser")


UNNAMED = ("[...document.querySelectorAll('input:not([type=hidden]), select, button')]"
           ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')"
           " && !e.textContent.trim()).map(e => e.outerHTML)")


@needs_chromium
def test_a_leader_signs_in_and_imports_a_roster(school: School, artifacts: Path,
                                                 tmp_path: Path) -> None:
    base = school.url
    export = roster_zip("oneroster_1_2", tmp_path)
    problems: list[str] = []
    with launch_chromium() as browser:
        page = open_page(browser, LAPTOP, problems)

        page.goto(f"{base}/staff/")
        page.wait_for_url(f"{base}/staff/login")
        page.get_by_label("Email address").fill(school.staff["leader"])
        page.get_by_label("Password").fill(PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(f"{base}/staff/")
        page.screenshot(path=str(artifacts / "1-start.png"), full_page=True)

        page.get_by_role("navigation", name="Console").get_by_role(
            "link", name="Imports").click()
        page.wait_for_url(f"{base}/staff/imports")
        page.get_by_label("The export (zip)").set_input_files(str(export))
        page.get_by_role("button", name="Show what it changes").click()
        page.wait_for_selector("text=This is a preview: nothing has changed yet.")
        assert page.get_by_role("heading", name="New classes").count() == 1
        assert page.get_by_text("Robins").count() >= 1
        page.screenshot(path=str(artifacts / "2-preview.png"), full_page=True)

        apply = page.get_by_role("button", name="Import these changes")
        apply.focus()
        page.keyboard.press("Enter")
        page.wait_for_selector("text=The roster is imported.")
        page.screenshot(path=str(artifacts / "3-imported.png"), full_page=True)

        page.get_by_role("link", name="See the classes").click()
        page.wait_for_url(f"{base}/staff/classes")
        assert page.get_by_role("link", name="Robins").count() == 1
        assert page.get_by_role("link", name="Classes and children").get_attribute(
            "aria-current") == "page"
        page.get_by_role("link", name="Robins").click()
        page.wait_for_selector("text=Amira Haddad")
        page.screenshot(path=str(artifacts / "4-class.png"), full_page=True)
        assert page.evaluate(UNNAMED) == []

        for number, path in enumerate(("people", f"families/{school.maple}", "devices"), 5):
            page.goto(f"{base}/staff/{path}")
            page.screenshot(path=str(artifacts / f"{number}-{path.split('/')[0]}.png"),
                            full_page=True)
        page.select_option("#language", "ar")
        page.get_by_role("button", name="Change").click()
        page.wait_for_selector("html[dir=rtl]")
        assert "الموظفون" in page.locator("nav.areas").inner_text()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.screenshot(path=str(artifacts / "8-arabic.png"), full_page=True)
        page.select_option("#language", "en")
        page.get_by_role("button", name="تغيير").click()
        page.wait_for_selector("html[dir=ltr]")

        page.get_by_role("button", name="Sign out").click()
        page.wait_for_url(f"{base}/staff/login")
        page.goto(f"{base}/staff/classes")
        page.wait_for_url(f"{base}/staff/login")
    assert problems == []


@needs_chromium
def test_a_leader_starts_the_new_school_year(school: School, artifacts: Path) -> None:
    base = school.url
    problems: list[str] = []
    with launch_chromium() as browser:
        page = open_page(browser, LAPTOP, problems)
        page.goto(f"{base}/staff/login")
        page.get_by_label("Email address").fill(school.staff["leader"])
        page.get_by_label("Password").fill(PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(f"{base}/staff/")

        page.get_by_role("navigation", name="Console").get_by_role(
            "link", name="New school year").click()
        page.wait_for_url(f"{base}/staff/rollover")
        assert page.get_by_label("What Y3 becomes").input_value() == "Y4"
        assert page.evaluate(UNNAMED) == []
        page.get_by_label("The new school year, e.g. 2027-2028").fill("2027-2028")
        page.screenshot(path=str(artifacts / "9-new-year.png"), full_page=True)
        page.get_by_role("button", name="Show what it changes").click()
        page.wait_for_selector("text=This is a preview: nothing has changed yet.")
        assert page.get_by_text("Maple → Maple (2027-2028)").count() == 1
        page.screenshot(path=str(artifacts / "10-new-year-preview.png"), full_page=True)

        start = page.get_by_role("button", name="Start the new school year")
        start.focus()
        page.keyboard.press("Enter")
        page.wait_for_selector("text=The new school year has started.")
        assert page.get_by_role("heading", name="The school is in 2027-2028").count() == 1
        page.screenshot(path=str(artifacts / "11-new-year-started.png"), full_page=True)
    assert problems == []
