"""The school's skills live on the server: its defaults are events in its log, and only a
leader changes a skill every class uses."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from portal_kit import Teacher
from server_kit import Harness, LiveServer, new_uuid
from sqlalchemy import select

from dojo_protocol.default_skills import (
    DEFAULT_SKILL_HLC,
    DEFAULT_SKILLS,
    default_skill_id,
    default_skill_payloads,
)
from dojo_server.db.models import EventRow, School, SchoolCounter
from dojo_server.db.read_models import ProjectionState, SkillView
from dojo_server.domain.clock import new_id, now_ms
from dojo_server.domain.permissions import ANOTHER_CLASS_SKILL, SCHOOL_WIDE_SKILL
from dojo_server.domain.school_skills import defaults_device_id
from dojo_server.domain.schools import create_school
from dojo_server.sync.epoch import prepare_database

TEAMWORK = default_skill_id("Teamwork")


@pytest.fixture
def harness(live_server: LiveServer) -> Iterator[Harness]:
    """A live server with one school made as ``dojo-server create-school`` makes it."""
    h = Harness(live_server, default_skills=True)
    yield h
    h.close()


def _skill_events(harness: Harness, school_id: str) -> list[tuple[str, dict[str, Any], str]]:
    with harness.db.read() as session:
        rows = session.execute(
            select(EventRow.device_id, EventRow.payload, EventRow.hlc)
            .where(EventRow.school_id == school_id, EventRow.kind == "skill_saved")
            .order_by(EventRow.server_seq)).all()
    return [(device, json.loads(payload), hlc) for device, payload, hlc in rows]


def _skill_names(harness: Harness, school_id: str) -> dict[str, str]:
    with harness.db.read() as session:
        rows = session.execute(select(SkillView.id, SkillView.name)
                               .where(SkillView.school_id == school_id)).all()
    return dict(rows)


def _school_made_before_the_upgrade(harness: Harness) -> str:
    """A school as ``create_school`` made one before the server kept the default skills."""
    school_id = new_id()
    with harness.db.write() as session:
        session.add(School(id=school_id, name="Riverside", timezone="UTC",
                           created_ms=now_ms()))
        session.flush()
        session.add(SchoolCounter(school_id=school_id, next_seq=1))
        session.add(ProjectionState(school_id=school_id, applied_seq=0))
    return school_id


def _skill(name: str, class_id: str | None = None, skill_id: str | None = None,
           points: int = 1) -> dict[str, Any]:
    return {"skill_id": skill_id or new_uuid(), "name": name, "icon": "team",
            "polarity": "positive", "points": points, "criteria": "", "position": 2,
            "archived": False, "class_id": class_id}


def test_a_new_school_has_its_default_skills_as_events_and_read_rows(
        harness: Harness) -> None:
    events = _skill_events(harness, harness.school_id)
    assert [payload for _, payload, _ in events] == default_skill_payloads()
    assert {device for device, _, _ in events} == {defaults_device_id(harness.school_id)}
    assert {hlc for _, _, hlc in events} == {DEFAULT_SKILL_HLC}  # any edit wins over them
    assert _skill_names(harness, harness.school_id) == {
        default_skill_id(name): name for name, *_ in DEFAULT_SKILLS}
    # A device pulls them like any other event of the school.
    pulled = [c for c in harness.enroll("teacher").pull_all() if c["kind"] == "skill_saved"]
    assert [c["payload"]["skill_id"] for c in pulled] == [
        default_skill_id(name) for name, *_ in DEFAULT_SKILLS]


def test_a_school_made_before_gets_its_default_skills_once_at_start_up(
        harness: Harness) -> None:
    old = _school_made_before_the_upgrade(harness)
    leader = harness.enroll("leader", school_id=old)
    # Renamed on a device before the server kept the defaults: that edit stays.
    renamed = leader.push([leader.event("skill_saved", _skill("Team players",
                                                              skill_id=TEAMWORK))])
    assert renamed.json()["results"][0]["status"] == "applied", renamed.text
    for _start in range(2):
        prepare_database(harness.db, harness.server.settings)

    events = _skill_events(harness, old)
    defaults = [payload for device, payload, _ in events if device == defaults_device_id(old)]
    assert defaults == default_skill_payloads()
    names = _skill_names(harness, old)
    assert names[TEAMWORK] == "Team players"
    assert names[default_skill_id("Off task")] == "Off task"
    # The school made after the upgrade got none twice, nor one that chose its own.
    assert len(_skill_events(harness, harness.school_id)) == len(DEFAULT_SKILLS)
    own = create_school(harness.db, "Oakfield", default_skills=False)
    prepare_database(harness.db, harness.server.settings)
    assert _skill_events(harness, own) == []


def test_only_a_leader_changes_a_school_wide_skill(harness: Harness) -> None:
    leader = Teacher(harness.enroll("leader"))
    maple = leader.new_class("Maple")
    teacher = harness.enroll("teacher", class_id=maple)

    refused = teacher.push([teacher.event("skill_saved", _skill("Teamwork!!",
                                                                skill_id=TEAMWORK))])
    result = refused.json()["results"][0]
    assert (result["status"], result["reason"]) == ("rejected", SCHOOL_WIDE_SKILL), refused.text
    own = _skill("Tidy tables", class_id=maple)
    applied = teacher.push([teacher.event("skill_saved", own)])
    assert applied.json()["results"][0]["status"] == "applied", applied.text
    leader.send(leader.ev("skill_saved", **_skill("Great teamwork", skill_id=TEAMWORK)))

    # Nor may it take a school-wide skill, or another class's, into its class.
    oak = leader.new_class("Oak")
    oaks = leader.new_skill("Oak points", class_id=oak)
    moves = teacher.push([teacher.event("skill_saved", _skill("Mine", maple, TEAMWORK)),
                          teacher.event("skill_saved", _skill("Mine too", maple, oaks))])
    assert [(r["status"], r["reason"]) for r in moves.json()["results"]] == [
        ("rejected", SCHOOL_WIDE_SKILL), ("rejected", ANOTHER_CLASS_SKILL)], moves.text

    names = _skill_names(harness, harness.school_id)
    assert names[TEAMWORK] == "Great teamwork"
    assert names[oaks] == "Oak points"
    assert names[own["skill_id"]] == "Tidy tables"
    with harness.db.read() as session:
        kept = session.scalar(select(EventRow.event_id).where(
            EventRow.school_id == harness.school_id, EventRow.payload.contains("Teamwork!!")))
    assert kept is None
