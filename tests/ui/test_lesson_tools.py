"""The lesson tools on the board, by touch and by keyboard: the sheet over the grid, the
timer, the fair picker, the group maker and the class goal."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QFrame, QLabel, QWidget
from pytestqt.qtbot import QtBot
from screen_helpers import click, named

from dojo_desktop.core.events import Event, kind_named
from dojo_desktop.core.hlc import Hlc
from dojo_desktop.core.ids import uuid7
from dojo_desktop.services.attendance import Attendance
from dojo_desktop.sync.sync_store import RemoteEvent
from dojo_desktop.ui.lesson_tools.goal_tool import GoalTool
from dojo_desktop.ui.lesson_tools.group_tool import GroupTool
from dojo_desktop.ui.lesson_tools.picker_tool import PickerTool
from dojo_desktop.ui.lesson_tools.sheet import LessonToolsSheet, Tool
from dojo_desktop.ui.lesson_tools.timer_tool import TimerTool
from dojo_desktop.ui.main_window import MainWindow


def sheet_of(window: MainWindow) -> LessonToolsSheet:
    sheet = window.screens.lesson_tools
    assert sheet is not None
    return sheet


def open_with_tools_button(qtbot: QtBot, window: MainWindow) -> LessonToolsSheet:
    qtbot.mouseClick(window.bar.tools, Qt.MouseButton.LeftButton)
    sheet = sheet_of(window)
    qtbot.waitUntil(sheet.isVisible)
    return sheet


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


class FakeClock:
    """A monotonic clock the test moves: seconds."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_tools_fill_the_grid_and_escape_gives_the_board_back(qtbot: QtBot,
                                                             window: MainWindow) -> None:
    sheet = open_with_tools_button(qtbot, window)
    assert sheet.geometry() == window.pages.rect()
    assert sheet.current_tool() is Tool.TIMER
    qtbot.waitUntil(lambda: focused() is sheet.tools[Tool.TIMER].main_control())
    assert all(b.accessibleName() for b in sheet.findChildren(QAbstractButton))
    # Big type from the back of the room: the digits are a third of the sheet's height.
    timer = sheet.tools[Tool.TIMER]
    assert isinstance(timer, TimerTool)
    assert timer.display.font().pixelSize() >= sheet.height() / 4
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: sheet.geometry() == window.pages.rect())
    # Tab stays on the sheet.
    for _ in range(20):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        assert sheet.isAncestorOf(focused())
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert not sheet.isVisible()
    assert focused() is window.bar.tools  # back where the tap came from


def test_the_timer_by_touch_counts_from_the_clock_and_chimes_once(qtbot: QtBot,
                                                                   window: MainWindow) -> None:
    sheet = open_with_tools_button(qtbot, window)
    timer = sheet.tools[Tool.TIMER]
    assert isinstance(timer, TimerTool)
    clock, chimes = FakeClock(), []
    timer.clock = clock
    timer.board = replace(timer.board, chime=lambda: chimes.append(clock.now))
    click(qtbot, sheet, "Set the timer to 1 min")
    click(qtbot, sheet, "Add ten seconds")
    click(qtbot, sheet, "Add one minute")
    assert timer.display.text() == "02:10"
    click(qtbot, sheet, "Start")
    # The app was busy for 65 s: the next tick shows the right time all the same.
    clock.now += 65
    qtbot.waitUntil(lambda: timer.display.text() == "01:05")
    click(qtbot, sheet, "Pause")
    clock.now += 600
    timer.tick()
    assert timer.display.text() == "01:05"
    click(qtbot, sheet, "Start")
    clock.now += 70
    qtbot.waitUntil(lambda: timer.status.text() == "Time is up!")
    assert timer.display.text() == "00:00"
    clock.now += 5
    timer.tick()
    assert chimes == [1000.0 + 65 + 600 + 70]
    # It keeps counting with the sheet closed, and a reset starts again from the top.
    click(qtbot, sheet, "Reset the timer")
    assert timer.display.text() == "02:10" and timer.status.text() == "Ready"
    click(qtbot, sheet, "Start")
    sheet.close_sheet()
    clock.now += 130
    qtbot.waitUntil(lambda: len(chimes) == 2)


def test_the_timer_by_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    window.grid.focus_first()
    tile = focused()
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    sheet = sheet_of(window)
    timer = sheet.tools[Tool.TIMER]
    assert isinstance(timer, TimerTool)
    qtbot.waitUntil(lambda: focused() is timer.start_pause)
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert timer.countdown.running and timer.start_pause.text() == "Pause"
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert not timer.countdown.running
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert not sheet.isVisible()
    assert focused() is tile


def test_the_picker_skips_the_absent_and_awards_through_the_skill_picker(
        qtbot: QtBot, window: MainWindow) -> None:
    assert window.class_id is not None
    students = window.classroom.roster.students(window.class_id)
    away = students[0]
    window.classroom.attendance.mark(window.class_id, {away.id: Attendance.ABSENT})
    sheet = open_with_tools_button(qtbot, window)
    click(qtbot, sheet, "Random picker")
    picker = sheet.tools[Tool.PICKER]
    assert isinstance(picker, PickerTool)
    assert focused() is picker.pick_button
    seen = []
    for _ in range(len(students) - 1):
        click(qtbot, sheet, "Pick a child")
        assert picker.picked is not None
        seen.append(picker.picked.id)
        assert picker.name.text() == picker.picked.display_name
        assert picker.avatar.pixmap() is not None and not picker.avatar.pixmap().isNull()
    assert sorted(seen) == sorted(s.id for s in students[1:])
    child = picker.picked
    assert child is not None
    before = window.classroom.awards.totals(window.class_id).get(child.id, 0)
    click(qtbot, sheet, f"Award {child.display_name}")
    skill_picker = window.picker
    assert skill_picker is not None and skill_picker.isVisible()
    assert skill_picker.accessibleName() == f"Award {child.display_name}"
    qtbot.mouseClick(skill_picker.buttons()[0], Qt.MouseButton.LeftButton)
    points = skill_picker.buttons()[0].skill.points
    assert window.classroom.awards.totals(window.class_id)[child.id] == before + points
    assert window.toast.isVisible() and child.display_name in window.toast.text()
    assert window.grid.tile(child.id).points() == before + points
    assert sheet.isVisible()  # back on the picker for the next child


def test_the_picker_by_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    assert window.class_id is not None
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    sheet = sheet_of(window)
    picker = sheet.tools[Tool.PICKER]
    assert isinstance(picker, PickerTool)
    qtbot.waitUntil(lambda: focused() is picker.pick_button)
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    child = picker.picked
    assert child is not None
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is picker.award_button
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert window.picker is not None
    qtbot.keyClick(focused(), Qt.Key.Key_1)
    assert window.classroom.awards.history(child.id, window.class_id)
    assert focused() is picker.award_button  # the skill picker hands focus back


def test_groups_are_cards_and_a_group_is_awarded_as_one_batch(qtbot: QtBot,
                                                              window: MainWindow) -> None:
    assert window.class_id is not None
    class_id = window.class_id
    students = window.classroom.roster.students(class_id)
    sheet = open_with_tools_button(qtbot, window)
    click(qtbot, sheet, "Groups")
    groups = sheet.tools[Tool.GROUPS]
    assert isinstance(groups, GroupTool)
    assert focused() is groups.make
    groups.first.setCurrentIndex(0)
    groups.second.setCurrentIndex(1)
    click(qtbot, sheet, "Keep apart")
    click(qtbot, sheet, "Number of groups")
    for _ in range(3):
        click(qtbot, sheet, "One fewer")
    assert named(sheet, QLabel, "Number of groups: 2").text() == "2"
    click(qtbot, sheet, "Make groups")
    assert len(groups.groups) == 2
    assert {len(g) for g in groups.groups} <= {len(students) // 2, (len(students) + 1) // 2}
    pair = {students[0].id, students[1].id}
    assert not any(pair <= {s.id for s in g} for g in groups.groups)
    def cards() -> list[QFrame]:
        return [c for c in groups.cards.findChildren(QFrame, "GroupCard") if c.isVisible()]

    qtbot.waitUntil(lambda: len(cards()) == 2)
    viewport = groups.cards.parentWidget()
    assert viewport is not None
    assert all(card.geometry().bottom() <= viewport.height() for card in cards())  # no scroll
    first = [s.id for s in groups.groups[0]]
    click(qtbot, sheet, "Award group 1")
    skill_picker = window.picker
    assert skill_picker is not None
    qtbot.mouseClick(skill_picker.buttons()[0], Qt.MouseButton.LeftButton)
    batches = {window.classroom.awards.history(sid, class_id)[0].award.batch_id for sid in first}
    assert len(batches) == 1
    # One undo takes the whole group's award back.
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert all(window.classroom.awards.history(sid, class_id)[0].undone for sid in first)
    # Balanced: the children of the pair are still apart.
    click(qtbot, sheet, "Balanced by points")
    click(qtbot, sheet, "Make groups")
    assert not any(pair <= {s.id for s in g} for g in groups.groups)


def test_the_class_goal_is_set_by_keyboard_and_moves_with_every_award(
        qtbot: QtBot, window: MainWindow) -> None:
    assert window.class_id is not None
    class_id = window.class_id
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    sheet = sheet_of(window)
    goal = sheet.tools[Tool.GOAL]
    assert isinstance(goal, GoalTool)
    qtbot.waitUntil(lambda: focused() is goal.reward_edit)
    total = window.classroom.goals.progress(class_id)
    skill = window.classroom.skills.list(class_id)[0]
    target = total + skill.points + 3
    goal.target.setValue(target)
    qtbot.keyClicks(focused(), "Pyjama day")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    stored = window.classroom.goals.goal(class_id)
    assert stored is not None and (stored.target, stored.reward) == (target, "Pyjama day")
    assert goal.reward.text() == "Pyjama day"
    assert goal.progress.text() == f"{total} of {target} points"
    # A tap on a tile behind the sheet moves the bar at once.
    window.award([window.grid.student_ids()[0]], skill.id)
    assert goal.progress.text() == f"{total + skill.points} of {target} points"
    assert goal.bar.value() == total + skill.points
    # So does an award pulled from another device.
    award = Event(kind_named("award_given"), Hlc(window.classroom.ctx.now_ms(), 0, "ta"), {
        "award_id": uuid7(), "student_id": window.grid.student_ids()[1],
        "class_id": class_id, "skill_id": skill.id, "points": 5, "batch_id": uuid7(),
        "at_ms": window.classroom.ctx.now_ms()})
    page = window.classroom.sync.store.apply_page([RemoteEvent(1, award, "ta")], "c", "e")
    window.changes.publish(window.classroom.changes_from_sync(page))
    assert goal.progress.text() == (f"Goal reached! {total + skill.points + 5} of "
                                    f"{target} points")
    assert goal.bar.value() == goal.bar.maximum()


def test_a_goal_too_long_is_refused_in_plain_words(qtbot: QtBot, window: MainWindow) -> None:
    assert window.class_id is not None
    window.screens.open_lesson_tools("goal")
    goal = sheet_of(window).tools[Tool.GOAL]
    assert isinstance(goal, GoalTool)
    goal.reward_edit.setMaxLength(500)
    goal.reward_edit.setText("x" * 200)
    click(qtbot, sheet_of(window), "Save goal")
    assert goal.error.isVisible()
    assert goal.error.text() == "Write the reward in 120 characters or fewer."
    assert window.classroom.goals.goal(window.class_id) is None


def test_the_tools_follow_the_class_on_the_board(qtbot: QtBot, window: MainWindow) -> None:
    other, _ = window.classroom.roster.create_class("5C", "Year 5")
    window.classroom.roster.add_student(other.id, "Solo", "Child")
    window.reload_classes()
    sheet = open_with_tools_button(qtbot, window)
    click(qtbot, sheet, "Random picker")
    window.bar.class_combo.setCurrentIndex(window.bar.class_combo.findData(other.id))
    window.bar.class_combo.activated.emit(window.bar.class_combo.currentIndex())
    assert window.class_id == other.id
    click(qtbot, sheet, "Pick a child")
    picker = sheet.tools[Tool.PICKER]
    assert isinstance(picker, PickerTool)
    assert picker.picked is not None and picker.picked.first_name == "Solo"


def test_the_sheet_made_ahead_stays_hidden_until_the_tap(qtbot: QtBot,
                                                          window: MainWindow) -> None:
    window.screens.prepare_lesson_tools()  # what the app does after its first paint
    sheet = sheet_of(window)
    assert not sheet.isVisible() and set(sheet.tools) == {Tool.TIMER}
    qtbot.waitUntil(lambda: set(sheet.tools) == set(Tool))  # the others when idle
    assert not sheet.isVisible() and sheet.current_tool() is Tool.TIMER
    timer = sheet.tools[Tool.TIMER]
    assert isinstance(timer, TimerTool)
    assert timer.display.font().pixelSize() > 100  # already sized for the board
    window.grid.focus_first()
    tile = focused()
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert sheet.isVisible() and sheet.current_tool() is Tool.GROUPS
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert focused() is tile


def test_the_noise_meter_says_plainly_when_there_is_no_microphone(
        qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtMultimedia import QMediaDevices

    from dojo_desktop.ui.lesson_tools.noise_tool import NoiseTool

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    sheet = sheet_of(window)
    noise = sheet.tools[Tool.NOISE]
    assert isinstance(noise, NoiseTool)
    qtbot.waitUntil(lambda: focused() is noise.listen)
    if not QMediaDevices.defaultAudioInput().isNull():
        return  # a machine with a microphone: nothing to say
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert not noise.listening
    assert noise.status.text() == ("No microphone was found, so the noise meter cannot "
                                   "listen. Plug one in and try again.")


def test_the_noise_meter_shows_the_level_against_the_quiet_line(
        qtbot: QtBot, window: MainWindow) -> None:
    from dojo_desktop.ui.lesson_tools.noise_tool import NoiseTool

    window.screens.open_lesson_tools("noise")
    noise = sheet_of(window).tools[Tool.NOISE]
    assert isinstance(noise, NoiseTool)
    assert noise.status.text() == "Press Start listening to show how loud the room is."
    # What the microphone hears, handed over as the audio device would.
    noise.show_level(30)
    assert noise.status.text() == "Nice and quiet"
    noise.show_level(70)
    assert noise.status.text() == "Too loud"
    for _ in range(5):
        click(qtbot, sheet_of(window), "Move the quiet line higher")
    assert noise.bar.quiet == 75 and noise.status.text() == "Nice and quiet"
    assert noise.bar.accessibleDescription() == "Level 70 of 100, quiet line at 75"
    noise.bar.grab()  # it paints
    sheet_of(window).close_sheet()
    assert noise.bar.level == 0 and not noise.listening  # out of view, the microphone is off


def test_the_timer_keeps_real_time_while_the_app_is_busy(qtbot: QtBot,
                                                         window: MainWindow) -> None:
    import time

    window.screens.open_lesson_tools("timer")
    timer = sheet_of(window).tools[Tool.TIMER]
    assert isinstance(timer, TimerTool)
    click(qtbot, sheet_of(window), "Set the timer to 1 min")
    click(qtbot, sheet_of(window), "Start")
    time.sleep(1.5)  # the GUI thread is busy: no tick is delivered meanwhile
    qtbot.waitUntil(lambda: timer.display.text() <= "00:59")
    assert timer.countdown.remaining(time.monotonic()) <= 58.5


def test_no_two_menu_entries_share_a_shortcut(window: MainWindow) -> None:
    shortcuts = [a.shortcut().toString() for a in window.actions() if not a.shortcut().isEmpty()]
    assert len(shortcuts) == len(set(shortcuts)), sorted(shortcuts)
    assert len(window.menu.tool_actions) == 5
