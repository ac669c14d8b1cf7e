"""A child's own target in the family portal: reached or on the way, as a ring, never a
number beside anyone else's; kept in a read table the log rebuilds."""

from __future__ import annotations

from portal_kit import Family, Scene, now_ms, visible_text
from sqlalchemy import select

from dojo_protocol.periods import school_day
from dojo_server.db.read_models import TargetView
from dojo_server.domain import projections
from dojo_server.domain.school_settings import points_period

ON_THE_WAY, REACHED = "Today's target: on the way", "Today's target: reached!"


def _target(scene: Scene, scope: str, points: int, class_id: str | None = None,
            **more: object) -> None:
    t = scene.teacher
    t.send(t.ev("target_set", student_id=scene.ada, class_id=class_id or scene.maple,
                scope=scope, points=points, at_ms=now_ms(), **more))


def _today(scene: Scene) -> str:
    """Today in the school's timezone."""
    with scene.harness.db.read() as session:
        _period, timezone = points_period(session, scene.harness.school_id)
    return school_day(now_ms(), timezone).isoformat()


def _text(family: Family, scene: Scene) -> str:
    page = family.get(f"/portal/child/{scene.ada}").text
    return visible_text(page[page.index("<main>"):page.index("</main>")])


def test_the_family_sees_todays_target_reached_after_enough_points(
        scene: Scene, family: Family) -> None:
    assert "target" not in _text(family, scene)  # no target, nothing shown
    t, ada = scene.teacher, scene.ada
    _target(scene, "standing", 4)  # Ada has 2 points in Maple today (Kindness)
    assert ON_THE_WAY in _text(family, scene)
    reading = t.new_skill("Reading", 2)
    t.award(ada, scene.oak, reading, 2)  # in another class: the Maple target does not count it
    assert ON_THE_WAY in _text(family, scene)
    t.award(ada, scene.maple, reading, 2)
    text = _text(family, scene)
    assert REACHED in text and "4" not in text.split("Today's target")[1][:40]
    # Today's own target wins over the standing one; only the skills it names count.
    _target(scene, _today(scene), 2, skill_ids=[t.new_skill("Sharing", 1)])
    assert ON_THE_WAY in _text(family, scene)
    _target(scene, _today(scene), 2, cleared=True)
    assert REACHED in _text(family, scene)
    _target(scene, "standing", 4, cleared=True)
    assert "target" not in _text(family, scene)


def test_the_ring_is_in_spanish_and_the_read_table_rebuilds_the_same(
        scene: Scene) -> None:
    _target(scene, "standing", 8)
    browser = Family(scene.harness.url, accept_language="es")
    try:
        assert browser.join(scene.codes[scene.ada]).status_code == 303
        page = browser.get(f"/portal/child/{scene.ada}").text
        assert "Objetivo de hoy: en camino" in page
        assert 'stroke-dasharray="25 100"' in page  # 2 of 8 points: a quarter of the ring
    finally:
        browser.close()
    db, school_id = scene.harness.db, scene.harness.school_id

    def rows() -> list[tuple[object, ...]]:
        with db.read() as session:
            return [tuple(r) for r in session.execute(
                select(TargetView.student_id, TargetView.scope, TargetView.points,
                       TargetView.cleared, TargetView.hlc)
                .where(TargetView.school_id == school_id))]

    before = rows()
    assert [r[:4] for r in before] == [(scene.ada, "standing", 8, False)]
    with db.write() as session:
        projections.rebuild(session, school_id)
    assert rows() == before
