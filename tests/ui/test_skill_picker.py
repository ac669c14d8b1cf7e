"""SkillPicker: big buttons with criteria, privacy hides needs-work, picks by tap or key.

The picker is a panel inside its window, made once and shown again for each tap.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from dojo_desktop.core.model import Skill
from dojo_desktop.ui.main_window import MainWindow
from dojo_desktop.ui.resources import skill_icon, touch_target_px
from dojo_desktop.ui.skill_picker import SkillButton, SkillPicker

_hosts: list[QWidget] = []  # a host must outlive its test's picker; qtbot closes them


@pytest.fixture(autouse=True)
def _forget_hosts() -> Iterator[None]:
    yield
    _hosts.clear()


def make_host(qtbot: QtBot, width: int = 1366, height: int = 768) -> QWidget:
    host = QWidget()
    qtbot.addWidget(host)
    _hosts.append(host)
    host.resize(width, height)
    host.show()
    qtbot.waitExposed(host)
    return host


def open_picker(qtbot: QtBot, skills: list[Skill], *, hide_needs_work: bool = False) -> SkillPicker:
    picker = SkillPicker(make_host(qtbot))
    picker.present(skills, "Award Amira Khan", hide_needs_work=hide_needs_work)
    assert picker.isVisible()
    return picker


def button_named(picker: SkillPicker, accessible_name: str) -> SkillButton:
    matches = [b for b in picker.buttons() if b.accessibleName() == accessible_name]
    assert len(matches) == 1, accessible_name
    return matches[0]


def test_positive_skills_come_first_then_needs_work(qtbot: QtBot, skills: list[Skill]) -> None:
    picker = open_picker(qtbot, skills)
    shown = [b.skill for b in picker.buttons()]
    assert len(shown) == len(skills)
    polarities = [skill.is_positive for skill in shown]
    assert polarities == sorted(polarities, reverse=True)
    assert picker.windowTitle() == "Award Amira Khan"
    labels = {label.text() for label in picker.findChildren(QLabel)}
    assert {"Award Amira Khan", "Well done", "Needs work"} <= labels


def test_buttons_name_points_and_criteria(qtbot: QtBot, skills: list[Skill]) -> None:
    picker = open_picker(qtbot, skills)
    helping = button_named(picker, "Helping others, +1")
    assert helping.accessibleDescription() == skills[0].criteria
    off_task = button_named(picker, "Off task, \u22121")
    assert not off_task.skill.is_positive
    for button in picker.buttons():
        assert button.height() >= touch_target_px(picker)
        assert button.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_privacy_leaves_needs_work_out(qtbot: QtBot, skills: list[Skill]) -> None:
    picker = open_picker(qtbot, skills, hide_needs_work=True)
    assert all(b.skill.is_positive for b in picker.buttons())
    assert len(picker.buttons()) == sum(s.is_positive for s in skills)
    assert "Needs work" not in {label.text() for label in picker.findChildren(QLabel)}


def test_click_picks_the_skill(qtbot: QtBot, skills: list[Skill]) -> None:
    picker = open_picker(qtbot, skills)
    with qtbot.waitSignal(picker.skill_chosen, timeout=1000) as blocker:
        qtbot.mouseClick(button_named(picker, "Teamwork, +1"), Qt.MouseButton.LeftButton)
    assert blocker.args == [skills[2].id]
    assert picker.chosen_skill_id() == skills[2].id
    assert not picker.isVisible()


def test_a_finger_on_a_tile_then_on_a_skill_awards_it(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    tile = window.grid.tiles()[3]
    before = tile.points()
    device = QTest.createTouchDevice()

    def tap(widget: QWidget) -> None:
        QTest.touchEvent(widget, device).press(0, QPoint(20, 20), widget).commit()
        QTest.touchEvent(widget, device).release(0, QPoint(21, 21), widget).commit()

    tap(tile)
    qtbot.waitUntil(lambda: window.picker is not None, timeout=1000)
    picker = window.picker
    assert picker is not None
    with qtbot.waitSignal(picker.skill_chosen, timeout=1000):
        tap(picker.buttons()[0])
    assert window.picker is None
    assert tile.points() == before + picker.buttons()[0].skill.points


def test_a_press_shows_and_one_dragged_off_picks_nothing(
        qtbot: QtBot, skills: list[Skill]) -> None:
    picker = open_picker(qtbot, skills)
    button = button_named(picker, "Teamwork, +1")
    qtbot.wait(50)  # painted once, so the first grab below is the plain look
    plain = button.grab().toImage()
    qtbot.mousePress(button, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    assert button.isDown()
    assert button.grab().toImage() != plain  # the pressed look
    outside = QPoint(button.width() + 40, button.height() + 40)
    QApplication.sendEvent(button, QMouseEvent(
        QEvent.Type.MouseMove, QPointF(outside), QPointF(button.mapToGlobal(outside)),
        Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert not button.isDown()
    with qtbot.assertNotEmitted(picker.skill_chosen):
        qtbot.mouseRelease(button, Qt.MouseButton.LeftButton, pos=outside)
    assert picker.isVisible()


@pytest.mark.parametrize(
    ("key", "index"), [(Qt.Key.Key_1, 0), (Qt.Key.Key_2, 1), (Qt.Key.Key_7, 6)]
)
def test_number_keys_pick_the_nth_skill(
    qtbot: QtBot, skills: list[Skill], key: Qt.Key, index: int
) -> None:
    picker = open_picker(qtbot, skills)
    with qtbot.waitSignal(picker.skill_chosen, timeout=1000) as blocker:
        qtbot.keyClick(picker, key)
    assert blocker.args == [picker.buttons()[index].skill.id]


def test_number_past_the_last_skill_does_nothing(qtbot: QtBot, skills: list[Skill]) -> None:
    picker = open_picker(qtbot, skills[:2])
    with qtbot.assertNotEmitted(picker.skill_chosen):
        qtbot.keyClick(picker, Qt.Key.Key_5)
    assert picker.isVisible()


def test_arrows_move_and_enter_picks(qtbot: QtBot, skills: list[Skill]) -> None:
    picker = open_picker(qtbot, skills)
    buttons = picker.buttons()
    buttons[0].setFocus()
    qtbot.waitUntil(buttons[0].hasFocus, timeout=1000)
    qtbot.keyClick(buttons[0], Qt.Key.Key_Right)
    assert buttons[1].hasFocus()
    qtbot.keyClick(buttons[1], Qt.Key.Key_Down)
    below = next(b for b in buttons if b.hasFocus())
    assert below.x() == buttons[1].x()
    assert below.y() > buttons[1].y()
    qtbot.keyClick(below, Qt.Key.Key_Left)
    left = next(b for b in buttons if b.hasFocus())
    assert buttons.index(left) == buttons.index(below) - 1
    with qtbot.waitSignal(picker.skill_chosen, timeout=1000) as blocker:
        qtbot.keyClick(left, Qt.Key.Key_Return)
    assert blocker.args == [left.skill.id]


def test_down_crosses_into_the_needs_work_group(qtbot: QtBot, skills: list[Skill]) -> None:
    picker = open_picker(qtbot, skills)
    buttons = picker.buttons()
    positives = sum(b.skill.is_positive for b in buttons)
    last_positive = buttons[positives - 1]
    last_positive.setFocus()
    qtbot.waitUntil(last_positive.hasFocus, timeout=1000)
    qtbot.keyClick(last_positive, Qt.Key.Key_Down)
    focused = next(b for b in buttons if b.hasFocus())
    assert not focused.skill.is_positive


def test_escape_cancels(qtbot: QtBot, skills: list[Skill]) -> None:
    picker = open_picker(qtbot, skills)
    with qtbot.assertNotEmitted(picker.skill_chosen), qtbot.waitSignal(picker.cancelled):
        qtbot.keyClick(picker.buttons()[0], Qt.Key.Key_Escape)
    assert not picker.isVisible()
    assert picker.chosen_skill_id() is None


def test_sits_inside_its_window_centred(qtbot: QtBot, skills: list[Skill]) -> None:
    picker = open_picker(qtbot, skills)
    host = picker.parentWidget()
    assert host is not None
    assert picker.isWindow() is False
    assert host.rect().contains(picker.geometry())
    assert abs(picker.geometry().center().x() - host.rect().center().x()) <= 1


def test_a_press_outside_cancels_and_goes_no_further(qtbot: QtBot, skills: list[Skill]) -> None:
    host = make_host(qtbot)
    behind = QPushButton("behind", host)
    behind.setGeometry(0, 0, 60, 30)
    behind.show()
    picker = SkillPicker(host)
    picker.present(skills, "Award Amira Khan")
    with qtbot.assertNotEmitted(behind.clicked), qtbot.waitSignal(picker.cancelled):
        qtbot.mouseClick(behind, Qt.MouseButton.LeftButton)
    assert not picker.isVisible()
    with qtbot.waitSignal(behind.clicked, timeout=1000):  # closed: presses go through again
        qtbot.mouseClick(behind, Qt.MouseButton.LeftButton)


def test_tab_stays_inside_the_panel(qtbot: QtBot, skills: list[Skill]) -> None:
    picker = open_picker(qtbot, skills[:2])
    picker.buttons()[0].setFocus()
    qtbot.waitUntil(picker.buttons()[0].hasFocus, timeout=1000)
    for _ in range(4):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is not None and picker.isAncestorOf(focused)


def test_shown_again_reuses_its_buttons(qtbot: QtBot, skills: list[Skill]) -> None:
    picker = open_picker(qtbot, skills)
    first = picker.buttons()
    picker.reject()
    picker.present(skills, "Award Ben Okafor")
    assert picker.buttons() == first
    assert picker.accessibleName() == "Award Ben Okafor"
    picker.reject()
    picker.present(skills, "Award Ben Okafor", hide_needs_work=True)
    assert len(picker.buttons()) < len(first)


def test_picker_grows_with_a_big_window(qtbot: QtBot, skills: list[Skill]) -> None:
    heights = []
    for width, height in ((1366, 768), (3840, 2160)):
        picker = SkillPicker(make_host(qtbot, width, height))
        picker.present(skills, "Award the whole class")
        heights.append(picker.buttons()[0].minimumHeight())
    assert heights[0] >= touch_target_px()
    assert heights[1] > 1.8 * heights[0]


def test_unknown_icon_still_paints(qtbot: QtBot) -> None:
    from dojo_desktop.core.model import Polarity

    odd = Skill("s", "Kindness", "no-such-icon", Polarity.POSITIVE, 3, "Was kind.")
    picker = open_picker(qtbot, [odd])
    assert button_named(picker, "Kindness, +3").grab().isNull() is False


def test_an_unknown_icon_name_renders_the_star(qtbot: QtBot) -> None:
    star = skill_icon("star", 48).toImage()
    assert not star.isNull()
    assert skill_icon("no-such-icon", 48).toImage() == star
    assert skill_icon("../../etc/passwd", 48).toImage() == star
    assert skill_icon("heart", 48).toImage() != star
