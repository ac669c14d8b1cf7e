"""The new school year with a board offline across it: the rollover is applied on the
server while the board holds awards (and an undo) it has not sent, made for last year's
class. When it comes back, every award is kept where it was given, the children are in
this year's class on every device, and each child's totals are the same on the board, on
the TA's laptop (online throughout), on the office's laptop and in the server's read
tables."""

from __future__ import annotations

from collections.abc import Callable

from school_kit import School, lifetime_points
from sqlalchemy import select

from dojo_desktop.services.classroom import Classroom
from dojo_server.db.read_models import ClassView
from dojo_server.domain.rollover import apply_rollover
from dojo_server.domain.rollover_plan import Promotion, RolloverRequest

CHILDREN = ("Ada", "Ben", "Cy")


def _give(device: Classroom, class_id: str, student_ids: list[str]) -> str:
    skill = next(s for s in device.skills.list() if s.points == 1)
    return device.awards.give(class_id, student_ids, skill.id).batch_id


def test_a_board_offline_across_the_rollover_catches_up(
        school: School, sync: Callable[[Classroom], None]) -> None:
    office = school.device("office", "leader")
    sync(office)
    oak, _ = office.roster.create_class("Year 3 Oak", "Year 3")
    children = [office.roster.add_student(oak.id, name)[0].id for name in CHILDREN]
    elm, _ = office.roster.create_class("Year 4 Elm", "Year 4")
    leaver = office.roster.add_student(elm.id, "Dee")[0].id
    sync(office)
    laptop = school.device("ta-laptop", "teacher", class_id=oak.id)
    board = school.device("oak-board", "teacher", class_id=oak.id)
    sync(laptop)
    sync(board)
    assert [c.name for c in board.roster.classes()] == ["Year 3 Oak"]

    # The board goes offline; the laptop and the office go on giving points.
    _give(board, oak.id, children)
    undone = _give(board, oak.id, children[:1])
    board.awards.undo_batch(undone)
    _give(laptop, oak.id, children[1:])
    _give(office, oak.id, children[2:])
    _give(office, elm.id, [leaver])
    for device in (laptop, office):
        sync(device)

    summary = apply_rollover(school.server.db, school.school_id, RolloverRequest(
        "2027-2028", (Promotion("Year 3", "Year 4"),)))
    assert summary.sections["boards moved"] == ["oak-board: Year 3 Oak → Year 4 Oak",
                                                "ta-laptop: Year 3 Oak → Year 4 Oak"]
    assert summary.sections["leavers (archived)"] == ["Dee (Year 4 Elm)"]
    with school.server.db.read() as session:
        new = session.scalars(select(ClassView.id).where(ClassView.name == "Year 4 Oak")).one()

    sync(laptop)  # online across the rollover: this year's class at once
    assert [c.name for c in laptop.roster.classes()] == ["Year 4 Oak"]
    _give(laptop, new, children[:2])
    sync(laptop)
    _give(board, oak.id, children)  # still offline: last year's class, for all it knows
    assert board.sync.counts().waiting > 0

    for device in (board, laptop, office, board):
        sync(device)

    for device in (board, laptop, office):
        assert device.sync.counts().waiting == 0, device.sync.rejected()
        assert device.sync.counts().rejected == 0, device.sync.rejected()
        assert [c.name for c in device.roster.classes()] == ["Year 4 Oak"]
        assert [s.id for s in device.roster.students(new)] == children
    expected = school.server_totals(children)
    assert expected == {children[0]: 3, children[1]: 4, children[2]: 4}
    for device in (board, laptop, office):
        assert lifetime_points(device, children) == expected, device.data_dir.name
        # Last year's points stay in last year's class; this year's start afresh.
        assert device.awards.totals(oak.id) == {children[0]: 2, children[1]: 3,
                                                children[2]: 4}
        assert device.awards.totals(new) == {children[0]: 1, children[1]: 1}
    assert office.roster.student(leaver).archived  # type: ignore[union-attr]
    offer = board.school_year.offer(oak.id)
    assert offer is not None and offer.name == "Year 4 Oak"
