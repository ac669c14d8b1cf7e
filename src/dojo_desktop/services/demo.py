"""The demo class: 28 made-up students with drawn avatars and a week of points."""

from __future__ import annotations

import random
from collections.abc import Callable

from dojo_desktop.core import events as ev
from dojo_desktop.core.demo_class import DEMO_CLASS_NAME, DEMO_YEAR_GROUP, demo_names
from dojo_desktop.core.events import Event, EventKind
from dojo_desktop.core.ids import uuid7
from dojo_desktop.core.model import ClassGroup
from dojo_desktop.services.context import ServiceContext


def create_demo_class(ctx: ServiceContext, skill_ids: list[tuple[str, int]],
                      awards_per_student: int = 4,
                      texts: Callable[[str], str] = str) -> ClassGroup:
    """Create the demo class in one transaction, with a few points already this week;
    ``texts`` names it in the teacher's language."""
    rng = random.Random(28)
    class_id = uuid7()
    name, year_group = texts(DEMO_CLASS_NAME), texts(DEMO_YEAR_GROUP)
    events: list[Event] = [ctx.event(EventKind.CLASS_CREATED, {
        "class_id": class_id, "name": name, "year_group": year_group})]
    student_ids = []
    for index, (first, last) in enumerate(demo_names()):
        student_id = uuid7()
        student_ids.append(student_id)
        events.append(ctx.event(EventKind.STUDENT_ADDED, {
            "student_id": student_id, "class_id": class_id, "first_name": first,
            "last_name": last, "avatar": f"drawn:{index}"}))
    positive = [(sid, pts) for sid, pts in skill_ids if pts > 0]
    now = ctx.now_ms()
    for student_id in student_ids:
        for _ in range(rng.randint(0, awards_per_student)):
            skill_id, points = rng.choice(positive)
            events.append(ev.award_given(
                ctx.clock.now(), award_id=uuid7(), student_id=student_id, class_id=class_id,
                skill_id=skill_id, points=points, batch_id=uuid7(),
                at_ms=now - rng.randint(0, 3600_000)))
    ctx.record(events)
    return ClassGroup(class_id, name, year_group)
