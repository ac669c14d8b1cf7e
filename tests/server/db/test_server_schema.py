"""The migrated server schema is exactly what the models declare; upgrades keep data right."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from portal_kit import build_scene
from server_kit import Harness
from sqlalchemy import select

from dojo_server.db import session as session_module
from dojo_server.db.models import Base
from dojo_server.db.read_models import GuardianLink
from dojo_server.db.session import Database
from dojo_server.domain import invites

MIGRATIONS = Path(session_module.__file__).with_name("migrations")


def test_the_migrated_schema_matches_the_models(database_url: str) -> None:
    db = Database(database_url)
    try:
        db.migrate()
        with db.engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        db.dispose()
    assert differences == []


def _migrate(db: Database, revision: str, down: bool = False) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(config, revision)


def _links(db: Database) -> list[tuple[str, str, int]]:
    with db.read() as session:
        rows = session.execute(select(GuardianLink.guardian_id, GuardianLink.student_id,
                                      GuardianLink.linked_seq)).all()
    return sorted((g, s, seq) for g, s, seq in rows)


def test_upgrading_to_family_mail_dates_existing_links_from_the_log(harness: Harness) -> None:
    scene = build_scene(harness)
    for number, code in enumerate((scene.codes[scene.ada], scene.codes[scene.cy])):
        invites.join(harness.db, code, "10.0.0.7", new=invites.NewGuardian(
            "Grace", "", "a long password", "en", login_name=f"grace{number}"))
    before = _links(harness.db)
    assert len(before) == 2 and all(seq > 0 for _g, _s, seq in before)
    _migrate(harness.db, "0003_deployment_codes", down=True)
    _migrate(harness.db, "head")
    assert _links(harness.db) == before


def test_upgrading_to_event_classes_sorts_out_the_stored_log(harness: Harness) -> None:
    from server_kit import CLASS_ID, OTHER_CLASS_ID

    from dojo_server.db.models import EventRow

    device = harness.enroll()
    device.push([device.award(class_id=CLASS_ID), device.award(class_id=OTHER_CLASS_ID),
                 device.event("award_undone", {"award_ids": [CLASS_ID], "at_ms": 1})])
    _migrate(harness.db, "0004_family_mail", down=True)
    _migrate(harness.db, "head")
    with harness.db.read_rows() as conn:
        stored = conn.execute(select(EventRow.class_id).order_by(EventRow.server_seq))
        assert stored.scalars().all() == [CLASS_ID, OTHER_CLASS_ID, None]


def test_upgrading_gives_stored_family_messages_their_childs_class(harness: Harness) -> None:
    from portal_kit import Teacher, now_ms

    from dojo_server.db.models import EventRow

    teacher = Teacher(harness.enroll())
    maple = teacher.new_class("Maple")
    ada = teacher.new_student(maple, "Ada")
    message, _thread = teacher.message("Ada read beautifully", student_id=ada)
    teacher.send(teacher.ev("message_read", message_id=message, at_ms=now_ms()))
    story = teacher.story("Trip", class_ids=[maple])
    teacher.send(teacher.ev("story_updated", story_id=story, fields={"text": "Zoo trip"},
                            at_ms=now_ms()),
                 teacher.ev("setting_changed", key="week_starts", value='"monday"'))

    def stored() -> list[str | None]:
        with harness.db.read_rows() as conn:
            return list(conn.scalars(select(EventRow.class_id)
                                     .order_by(EventRow.server_seq)))

    pushed = stored()
    assert pushed == [maple, maple, maple, maple, maple, maple, None]
    _migrate(harness.db, "0005_event_class", down=True)
    assert stored() == [maple, maple, None, None, maple, None, None]  # as payloads tell
    _migrate(harness.db, "head")
    assert stored() == pushed


def test_upgrading_gives_stored_skills_their_class(harness: Harness) -> None:
    from portal_kit import Teacher

    from dojo_server.db.read_models import SkillView

    leader = Teacher(harness.enroll("leader"))
    maple = leader.new_class("Maple")
    kindness = leader.new_skill("Kindness")
    tidy = leader.new_skill("Tidy tables", class_id=maple)
    moved = leader.new_skill("Reading", class_id=maple)
    leader.send(leader.ev("skill_saved", skill_id=moved, name="Reading", icon="book",
                          polarity="positive", points=1))  # made school-wide later

    def classes() -> dict[str, str | None]:
        with harness.db.read_rows() as conn:
            return dict(conn.execute(select(SkillView.id, SkillView.class_id)).all())

    assert classes() == {kindness: None, tidy: maple, moved: None}
    _migrate(harness.db, "0007_device_machine", down=True)
    _migrate(harness.db, "head")
    assert classes() == {kindness: None, tidy: maple, moved: None}


def test_upgrading_to_field_clocks_keeps_classes_and_students(harness: Harness) -> None:
    from portal_kit import Teacher
    from sqlalchemy import text

    teacher = Teacher(harness.enroll())
    maple = teacher.new_class("Maple")
    ada = teacher.new_student(maple, "Ada")
    _migrate(harness.db, "0014_staff_on_devices", down=True)

    def rows(table: str) -> list[tuple[object, ...]]:
        with harness.db.read_rows() as conn:
            return [tuple(row) for row in conn.execute(text(f"SELECT * FROM {table}"))]

    classes, students = rows("class_view"), rows("student_view")
    assert [row[1] for row in classes] == [maple] and [row[1] for row in students] == [ada]
    _migrate(harness.db, "head")
    assert rows("class_view") == [(*row, "{}") for row in classes]
    assert rows("student_view") == [(*row, "{}") for row in students]
