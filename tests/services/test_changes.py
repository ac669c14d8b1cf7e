"""A write's ``Changes`` and the same events pulled by another device's ``Changes`` agree."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from service_helpers import School

from dojo_desktop.core.events import received_event
from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.services.views import Changes
from dojo_desktop.sync.sync_store import RemoteEvent
from dojo_protocol.periods import PeriodKind


class Relay:
    """Hands what one classroom recorded to another, as a pull would, page by page."""

    def __init__(self, source: Classroom, target: Classroom) -> None:
        self.source, self.target = source, target
        self._sent = 0

    def pull(self) -> Changes:
        items = self.source.sync.store.pending(10_000, after_seq=self._sent)
        events = [RemoteEvent(item.seq, received_event(item.kind, item.hlc, item.payload,
                                                       item.event_id),
                              self.source.ctx.device_id, item.hlc) for item in items]
        self._sent = items[-1].seq if items else self._sent
        page = self.target.sync.store.apply_page(events, f"c{self._sent}", "e")
        return self.target.changes_from_sync(page)


@pytest.fixture
def other(tmp_path: Path) -> Iterator[Classroom]:
    opened = open_classroom(tmp_path / "other")
    yield opened
    opened.close()


@pytest.fixture
def relay(school: School, other: Classroom) -> Relay:
    relay = Relay(school.room, other)
    relay.pull()  # the class, its students and the skills, as the other device knows them
    return relay


def _csv(school: School, text: str) -> Path:
    path = school.room.data_dir / "roster.csv"
    path.write_text(text, encoding="utf-8")
    return path


WRITES: dict[str, Callable[[School], Changes]] = {
    "award": lambda s: s.room.awards.give(s.class_id, s.student_ids[:2], s.positive.id).changes,
    "undo": lambda s: s.room.awards.undo_batch(
        s.room.awards.give(s.class_id, [s.student_ids[0]], s.positive.id).batch_id),
    "new class": lambda s: s.room.roster.create_class("5C")[1],
    "rename class": lambda s: s.room.roster.rename_class(s.class_id, "4 Blue"),
    "new student": lambda s: s.room.roster.add_student(s.class_id, "Eli", "Stone")[1],
    "rename student": lambda s: s.room.roster.rename_student(s.student_ids[1], "Benji", "O"),
    "archive student": lambda s: s.room.roster.archive_student(s.student_ids[2]),
    "skill": lambda s: s.room.skills.save(s.positive.__class__(
        "", "Kindness", "heart", s.positive.polarity, 2))[1],
    "points period": lambda s: s.room.settings.set_period(PeriodKind.DAILY),
    "time zone": lambda s: s.room.settings.set_timezone("Europe/Madrid"),
    "import": lambda s: s.room.roster.import_csv(_csv(s, "First name,Last name,Class\n"
                                                         "Fay,Lu,4B\nGus,Ray,5A\n"), None)[1],
    "post": lambda s: s.room.stories.post("Sports day", [s.class_id]).changes,
    "message": lambda s: s.room.messages.send(s.student_ids[0], "Well done today").changes,
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_a_write_and_its_pull_change_the_same(write: Callable[[School], Changes],
                                              school: School, relay: Relay) -> None:
    here = write(school)  # (an undo's award comes on the same page: the same students)
    assert here != Changes()
    assert relay.pull() == here
