"""The school's people, end to end: a real server, a real board (its window and dialogs)
and headless Chromium. A leader imports a OneRoster export in the console (preview, then
apply); the Oak class's board syncs the children; a second export renames one child and
moves another, and the preview says exactly that; a family joins the portal; Ms Rossi
picks her name on the board, types her PIN and posts, and the family sees her name; the
new school year moves the class on, the board offers its new class and every child's
totals and family follow them; the guardian unlinked can no longer open the child's page.

The rollover and the unlink are each one small helper (``_roll_over``, ``_unlink``): a
leader's steps that the console will offer, when these helpers can drive it there.
Screenshots go to test-artifacts/school-people (or $DOJO_TEST_ARTIFACTS)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_kit import LAPTOP, PHONE, artifacts_folder, launch_chromium, needs_chromium, open_page
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from school_export import ROSSI, school_export
from school_kit import School, lifetime_points, named, post_story
from sqlalchemy import select

from dojo_desktop.services.classroom import Classroom
from dojo_desktop.ui.main_window import MainWindow
from dojo_server.db.models import RejectedEvent
from dojo_server.db.read_models import ClassView
from dojo_server.domain import families_admin, invites, schools, staff_records
from dojo_server.domain.rollover import apply_rollover
from dojo_server.domain.rollover_plan import Promotion, RolloverRequest, RolloverSummary

WAIT_MS = 20_000  # a page's answer on a loaded machine; a person would wait as long

pytestmark = [pytest.mark.slow, needs_chromium]

LEADER, PASSWORD = "head@hillside.example", "a long staff password"

# The leader's steps that the console does not offer yet: one helper each. ---------------

def _roll_over(school: School) -> RolloverSummary:
    """The leader starts the new school year (as ``dojo-server rollover --promote 'Year
    3=Year 4' --school-year 2027-2028 --apply`` does)."""
    return apply_rollover(school.server.db, school.school_id, RolloverRequest(
        "2027-2028", (Promotion("Year 3", "Year 4"),)))


def _unlink(school: School, student_id: str, guardian_name: str) -> None:
    """The office takes a guardian off a child (the Families page's unlink, to come)."""
    db = school.server.db
    [guardian] = [g for g in families_admin.guardians_of(db, school.school_id, student_id)
                  if g.name == guardian_name]
    families_admin.unlink_guardian(db, school.school_id, guardian.guardian_id, student_id)


# The board. ----------------------------------------------------------------------------

class Board:
    """A class's board: its window, synced by one round of the real engine whose pulled
    pages it repaints, as the app's sync controller does."""

    def __init__(self, classroom: Classroom, qtbot: QtBot) -> None:
        self.classroom = classroom
        self.sync()
        self.window = MainWindow(classroom)
        qtbot.addWidget(self.window)
        self.window.resize(1280, 800)
        self.window.show()

    def sync(self) -> None:
        engine = self.classroom.sync.engine()
        assert engine is not None, "the board is not paired"
        try:
            report = engine.sync_once()
        finally:
            engine.transport.close()
        if hasattr(self, "window"):
            self.window.changes.publish(self.classroom.changes_from_sync(report.pulled))
        counts = self.classroom.sync.counts()
        assert counts.waiting == counts.rejected == 0, self.classroom.sync.rejected()

    def tiles(self) -> list[str]:
        """What a screen reader says of each tile, in the grid's order."""
        return [t.accessibleName() for t in self.window.grid.tiles()]

    def class_shown(self) -> str:
        return self.window.bar.class_combo.currentText()


def _class_id(school: School, name: str) -> str:
    with school.server.db.read() as session:
        return session.scalars(select(ClassView.id).where(ClassView.name == name)).one()


# The browser. --------------------------------------------------------------------------

@pytest.fixture
def chromium() -> Iterator[Any]:
    with launch_chromium() as browser:
        yield browser


@pytest.fixture
def artifacts() -> Path:
    return artifacts_folder("school-people")


def _open_page(browser: Any, viewport: dict[str, int], problems: list[str],
               console_errors: bool = True) -> Any:
    """A new browser's page; its script errors (and console errors, unless a page it opens
    is refused on purpose) go to ``problems``."""
    page = open_page(browser, viewport, problems, console_errors)
    page.set_default_timeout(WAIT_MS)
    return page


def _import(page: Any, base: str, export: Path) -> dict[str, list[str]]:
    """Upload ``export`` on the Imports page; returns the preview's sections (heading →
    lines) with nothing changed yet."""
    page.goto(f"{base}/staff/imports")
    page.get_by_label("The export (zip)").set_input_files(str(export))
    with page.expect_navigation():
        page.get_by_role("button", name="Show what it changes").click()
    shown = page.locator("main").inner_text()
    assert "This is a preview: nothing has changed yet." in shown, shown
    return _sections(page)


def _sections(page: Any) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    for card in page.locator("main section.card").all():
        heading = re.sub(r"\s+\d+$", "", card.locator("h2").inner_text().strip())
        sections[heading] = [line.strip() for line in card.locator("li").all_inner_texts()]
    return sections


def _apply(page: Any) -> dict[str, list[str]]:
    apply = page.get_by_role("button", name="Import these changes")
    apply.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("text=The roster is imported.")
    return _sections(page)


# The story. ----------------------------------------------------------------------------

def test_the_schools_people_from_import_to_a_new_year(
        qtbot: QtBot, school: School, chromium: Any, artifacts: Path,
        tmp_path: Path) -> None:
    db, base = school.server.db, school.url
    schools.add_staff(db, school.school_id, "Hana Head", LEADER, "leader", PASSWORD)
    problems: list[str] = []

    # 1. The leader signs into the console and imports the export.
    console = _open_page(chromium, LAPTOP, problems)
    console.goto(f"{base}/staff/")
    console.wait_for_url(f"{base}/staff/login")
    console.get_by_label("Email address").fill(LEADER)
    console.get_by_label("Password").fill(PASSWORD)
    console.keyboard.press("Enter")
    console.wait_for_url(f"{base}/staff/")
    preview = _import(console, base, school_export(tmp_path / "first"))
    assert preview == {
        "New classes": ["Year 3 Oak", "Year 3 Elm"],
        "New children": ["Ada Byron (Year 3 Oak)", "Ben Carter (Year 3 Oak)",
                         "Cy Dean (Year 3 Elm)"],
        "New staff (no password until one is set on the Staff page)": [
            "Maria Rossi (teacher, rossi@hillside.example)",
            "Tom Aide (ta, tom@hillside.example)"]}
    with db.read() as session:  # a preview changes nothing
        assert session.scalars(select(ClassView.id)).all() == []
    console.screenshot(path=str(artifacts / "1-first-preview.png"), full_page=True)
    assert _apply(console) == preview
    console.get_by_role("link", name="See the classes").click()
    console.wait_for_url(f"{base}/staff/classes")
    assert console.get_by_role("link", name="Year 3 Oak").count() == 1

    # 2. The Oak class's board, enrolled for that class, syncs and shows its children.
    oak, elm = _class_id(school, "Year 3 Oak"), _class_id(school, "Year 3 Elm")
    board = Board(school.device("oak-board", "teacher", class_id=oak), qtbot)
    assert board.class_shown() == "Year 3 Oak"
    assert [c.name for c in board.classroom.roster.classes()] == ["Year 3 Oak"]
    names = {s.first_name: s.id for s in board.classroom.roster.students(oak)}
    assert sorted(names) == ["Ada", "Ben"]
    ada, ben = names["Ada"], names["Ben"]
    assert board.tiles() == ["Ada Byron, 0 points", "Ben Carter, 0 points"]

    # 3. A second export: Ben is Benjamin now, and Cy moved to Oak. The preview says
    # exactly those two changes.
    second = school_export(tmp_path / "second", ben="Benjamin", cy_class="k-oak")
    preview = _import(console, base, second)
    assert preview == {"Renamed children": ["Ben Carter → Benjamin Carter"],
                       "Moved between classes": ["Cy Dean: Year 3 Elm → Year 3 Oak"]}
    console.screenshot(path=str(artifacts / "2-second-preview.png"), full_page=True)
    assert _apply(console) == preview
    board.sync()
    students = board.classroom.roster.students(oak)
    assert sorted((s.first_name, s.last_name) for s in students) == [
        ("Ada", "Byron"), ("Benjamin", "Carter"), ("Cy", "Dean")]
    cy = next(s.id for s in students if s.first_name == "Cy")
    assert elm not in {c.id for c in board.classroom.roster.classes()}
    assert board.tiles() == ["Ada Byron, 0 points", "Benjamin Carter, 0 points",
                             "Cy Dean, 0 points"]
    skill = next(s for s in board.classroom.skills.list() if s.points == 1)
    board.window.award([ada, ben, cy], skill.id)
    board.window.award([ada], skill.id)
    assert board.tiles() == ["Ada Byron, 2 points", "Benjamin Carter, 1 point",
                             "Cy Dean, 1 point"]
    board.sync()

    # 4. Ada's mother joins the portal with the code from her letter.
    letter = invites.create_invite_for(db, school.school_id, ada)
    family = _open_page(chromium, PHONE, problems, console_errors=False)  # a 404 at the end
    family.goto(f"{base}/portal/join")
    family.get_by_label("Invite code").fill(letter.code)
    family.get_by_label("Your name").fill("Sara Byron")
    family.locator("#login_name").fill("sara.b")
    family.locator("#password").fill("a long family password")
    family.get_by_role("button", name="Join").click()
    family.wait_for_url(f"{base}/portal/")
    assert "Year 3 Oak" in family.get_by_role("link", name=re.compile("Ada Byron")).inner_text()
    family.get_by_role("link", name=re.compile("Ada Byron")).click()
    family.wait_for_url(f"{base}/portal/child/{ada}")
    assert family.get_by_role("heading", name="Ada Byron").count() == 1
    assert family.locator("section.total .big").inner_text() == "2"
    family.screenshot(path=str(artifacts / "3-family-child.png"), full_page=True)

    # 5. IT gives Ms Rossi her PIN and the name families see (``dojo-server set-pin`` and
    # ``set-display-name``); on the board she picks her name, types her PIN and posts.
    staff_records.set_display_name(db, school.school_id, ROSSI, "Ms Rossi")
    staff_records.set_pin(db, school.school_id, ROSSI, "2468")
    board.sync()
    menu = board.window.teaching.menu
    assert board.window.teaching.button.text() == "Who is teaching?"
    [rossi] = [a for a in menu.actions() if a.text() == "Ms Rossi"]
    rossi.trigger()
    assert board.window.teaching.button.accessibleName() == "Teaching: Ms Rossi"
    story, pin = post_story(qtbot, board.classroom, oak, "We planted sunflowers!")
    assert pin.who.currentText() == "Ms Rossi"
    entry = named(pin, QLineEdit, "PIN")
    qtbot.keyClicks(entry, "2468")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    [posted] = board.classroom.stories.class_feed(oak)
    assert (posted.text, posted.author_name) == ("We planted sunflowers!", "Ms Rossi")
    story.close()
    board.sync()
    family.get_by_role("link", name="Story").click()
    family.wait_for_url(f"{base}/portal/child/{ada}/story")
    post = family.locator("article.post").first.inner_text()
    assert re.search(r"Class story · Ms Rossi · [^·]+\s+We planted sunflowers!", post), post
    family.screenshot(path=str(artifacts / "4-family-story.png"), full_page=True)

    # 6. The new school year: Oak becomes Year 4 Oak, and its board is moved with it.
    summary = _roll_over(school)
    assert summary.sections["boards moved"] == ["oak-board: Year 3 Oak → Year 4 Oak"], summary
    board.sync()
    box = board.window.new_class.box
    assert box is not None and box.isVisible()
    assert box.text() == "Year 4 Oak is this year's class for this board. Open it?"
    qtbot.keyClick(box, Qt.Key.Key_Return)  # the default button: Open Year 4 Oak
    qtbot.waitUntil(lambda: board.window.new_class.box is None, timeout=10_000)
    new_oak = _class_id(school, "Year 4 Oak")
    assert board.window.class_id == new_oak and board.class_shown() == "Year 4 Oak"
    assert [c.name for c in board.classroom.roster.classes()] == ["Year 4 Oak"]
    # This year's points start afresh; last year's stay in each child's history.
    assert board.tiles() == ["Ada Byron, 0 points", "Benjamin Carter, 0 points",
                             "Cy Dean, 0 points"]
    children = [ada, ben, cy]
    assert [g.name for g in board.classroom.messages.guardians(ada)] == ["Sara Byron"]
    assert lifetime_points(board.classroom, children) == school.server_totals(children) == {
        ada: 2, ben: 1, cy: 1}
    family.goto(f"{base}/portal/")
    assert "Year 4 Oak" in family.get_by_role("link", name=re.compile("Ada Byron")).inner_text()
    family.goto(f"{base}/portal/child/{ada}")
    assert family.locator("section.total .big").inner_text() == "2"  # as before
    assert family.get_by_text("Year 3 Oak ·").count() == 2  # last year's moments, kept

    # 7. The office unlinks Ada's mother: her next page load signs her out, and once
    # signed in again Ada is not hers to see.
    _unlink(school, ada, "Sara Byron")
    family.reload()
    family.wait_for_url(f"{base}/portal/login")
    family.locator("#email").fill("sara.b")
    family.locator("#password").fill("a long family password")
    family.get_by_role("button", name="Sign in").click()
    family.wait_for_url(f"{base}/portal/")
    assert "Ada" not in family.locator("main").inner_text()
    answer = family.goto(f"{base}/portal/child/{ada}")
    assert answer is not None and answer.status == 404
    assert "Ada" not in family.locator("main").inner_text()
    family.screenshot(path=str(artifacts / "5-after-unlink.png"), full_page=True)

    board.sync()
    assert board.classroom.messages.guardians(ada) == []
    with db.read() as session:
        assert session.scalars(select(RejectedEvent.reason)).all() == []
    assert problems == []
    board.window.close()  # before the fixtures close its database
