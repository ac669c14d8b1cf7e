"""Whose each skill is (a class's, or the whole school's), for the pushes of devices that
may change only the skills of a class."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, select, tuple_

from dojo_server.db.read_models import SkillView

SkillKey = tuple[str, str]  # (school_id, skill_id)


def stored_skill_classes(conn: Connection, keys: Iterable[SkillKey]) -> dict[SkillKey, str | None]:
    """The class of each skill the server knows among ``keys`` (None: school-wide); a skill
    it does not know yet is left out. No query when ``keys`` is empty."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    rows = conn.execute(select(SkillView.school_id, SkillView.id, SkillView.class_id)
                        .where(tuple_(SkillView.school_id, SkillView.id).in_(wanted)))
    return {(school_id, skill_id): class_id for school_id, skill_id, class_id in rows}
