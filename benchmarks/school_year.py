"""Builds a benchmark database: the demo class with one school year of awards."""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dojo_desktop.core import events as ev
from dojo_desktop.core.ids import uuid7
from dojo_desktop.services.classroom import Classroom, open_classroom

SCHOOL_YEAR_DAYS = 190
DAY_MS = 86_400_000


def build_school_year(data_dir: Path, awards: int = 100_000, chunk: int = 5_000) -> str:
    """Create the demo class and ``awards`` awards over the past school year; return the
    class id. Writes go through the real writer (domain rows + outbox), in chunks."""
    classroom = open_classroom(data_dir)
    try:
        demo = classroom.create_demo_class()
        _add_history(classroom, demo.id, awards, chunk)
        return demo.id
    finally:
        classroom.close()


def _add_history(classroom: Classroom, class_id: str, awards: int, chunk: int) -> None:
    rng = random.Random(2026)
    students = [s.id for s in classroom.roster.students(class_id)]
    skills = [(s.id, s.points) for s in classroom.skills.list()]
    now = int(time.time() * 1000)
    start = now - SCHOOL_YEAR_DAYS * DAY_MS
    ctx = classroom.ctx
    made = 0
    while made < awards:
        batch = []
        for _ in range(min(chunk, awards - made)):
            skill_id, points = rng.choice(skills)
            batch.append(ev.award_given(
                ctx.clock.now(), award_id=uuid7(), student_id=rng.choice(students),
                class_id=class_id, skill_id=skill_id, points=points, batch_id=uuid7(),
                at_ms=rng.randint(start, now)))
        ctx.record(batch)
        made += len(batch)


if __name__ == "__main__":
    target = Path(sys.argv[1])
    started = time.perf_counter()
    print(build_school_year(target))
    print(f"built in {time.perf_counter() - started:.1f} s", file=sys.stderr)
