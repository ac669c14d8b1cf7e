"""A device with awards waiting in its outbox, for the outbox tests."""

from __future__ import annotations

from pathlib import Path

from dojo_desktop.services.classroom import Classroom, open_classroom


def device_with_awards(folder: Path, count: int) -> Classroom:
    """A device on the demo class with ``count`` awards to its first student, unsent."""
    classroom = open_classroom(folder)
    demo = classroom.create_demo_class()
    student = classroom.roster.students(demo.id)[0].id
    skill = classroom.skills.list()[0].id
    for _ in range(count):
        classroom.awards.give(demo.id, [student], skill)
    return classroom
