"""A live school server and paired app instances, for end-to-end tests."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "server"))

from server_kit import LiveServer

from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_server.domain import enrollment, schools


class School:
    """A live server with one school; ``device(role)`` opens and pairs an app instance."""

    def __init__(self, server: LiveServer, root: Path) -> None:
        self.server = server
        self.root = root
        self.school_id = schools.create_school(server.db, "Hillside Primary", "Europe/London")
        self.devices: list[Classroom] = []

    @property
    def url(self) -> str:
        return self.server.url

    def code(self, role: str = "teacher", class_id: str | None = None) -> str:
        return enrollment.create_code(self.server.db, self.school_id, role, class_id)

    def device(self, name: str, role: str = "teacher",
               class_id: str | None = None) -> Classroom:
        """An app instance paired for the whole school, or for ``class_id`` alone."""
        classroom = open_classroom(self.root / name)
        classroom.sync.pair(self.url, self.code(role, class_id), device_name=name)
        self.devices.append(classroom)
        return classroom

    def close(self) -> None:
        for classroom in self.devices:
            classroom.close()
