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

    def code(self, role: str = "teacher") -> str:
        return enrollment.create_code(self.server.db, self.school_id, role)

    def device(self, name: str, role: str = "teacher") -> Classroom:
        classroom = open_classroom(self.root / name)
        classroom.sync.pair(self.url, self.code(role), device_name=name)
        self.devices.append(classroom)
        return classroom

    def close(self) -> None:
        for classroom in self.devices:
            classroom.close()
