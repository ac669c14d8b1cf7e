"""The school's families: guardians and codes of a child, unlinking, cancelling, letters
again, and the children no family has joined for."""

from __future__ import annotations

import pytest
from portal_kit import Family, Scene
from server_kit import new_uuid
from sqlalchemy import func, select

from dojo_server.db.family_models import InviteCode, PortalSession
from dojo_server.db.models import EventRow
from dojo_server.domain import families_admin, family_auth, invites, schools
from dojo_server.domain.family_auth import FamilyError
from dojo_server.domain.schools import AdminError


def _join(scene: Scene, student_id: str, **details: str) -> Family:
    family = Family(scene.harness.url)
    assert family.join(scene.codes[student_id], **details).status_code == 303
    return family


def _open_code_count(scene: Scene, student_id: str) -> int:
    return len(families_admin.open_codes(scene.harness.db, scene.harness.school_id, student_id))


def test_a_childs_guardians_and_open_codes(scene: Scene) -> None:
    db, school = scene.harness.db, scene.harness.school_id
    assert families_admin.guardians_of(db, school, scene.ada) == []
    [code] = families_admin.open_codes(db, school, scene.ada)
    assert len(code.code_id) == families_admin.CODE_ID_LENGTH and code.student_id == scene.ada
    grace = _join(scene, scene.ada, name="Grace", email="grace@example.org")
    second = invites.create_invites(db, school, scene.maple)
    alan_code = next(x.code for x in second if x.student_name.startswith("Ada"))
    alan = Family(scene.harness.url)
    assert alan.join(alan_code, name="Alan", login_name="alan.t").status_code == 303
    found = families_admin.guardians_of(db, school, scene.ada)
    assert [(g.name, g.email, g.login_name, g.has_password) for g in found] == [
        ("Grace", "grace@example.org", None, True), ("Alan", None, "alan.t", True)]
    assert families_admin.open_codes(db, school, scene.ada) == []
    with pytest.raises(AdminError):
        families_admin.guardians_of(db, school, new_uuid())
    maple = families_admin.class_families(db, school, scene.maple)
    assert [(c.first_name, [g.name for g in c.guardians], c.open_codes) for c in maple] == [
        ("Ada", ["Grace", "Alan"], 0), ("Bo", [], 1)]
    with pytest.raises(AdminError):
        families_admin.class_families(db, school, new_uuid())
    grace.close()
    alan.close()


def test_unlinking_writes_the_event_ends_sessions_and_hides_the_child(scene: Scene) -> None:
    db, school = scene.harness.db, scene.harness.school_id
    family = _join(scene, scene.ada, email="grace@example.org")
    assert family.get(f"/portal/child/{scene.ada}").status_code == 200
    [guardian] = families_admin.guardians_of(db, school, scene.ada)
    watcher = scene.harness.enroll("teacher", scene.maple)
    seq = families_admin.unlink_guardian(db, school, guardian.guardian_id, scene.ada)
    with db.read() as session:
        kinds = session.scalars(select(EventRow.kind).where(
            EventRow.school_id == school).order_by(EventRow.server_seq)).all()
        assert session.scalar(select(EventRow.kind).where(
            EventRow.school_id == school, EventRow.server_seq == seq)) == "guardian_unlinked"
        sessions = session.scalar(select(func.count()).select_from(PortalSession).where(
            PortalSession.guardian_id == guardian.guardian_id))
    assert kinds[-1] == "guardian_unlinked" and sessions == 0
    pulled = [e for e in watcher.pull_all() if e["kind"] == "guardian_unlinked"]
    assert [e["payload"]["guardian_id"] for e in pulled] == [guardian.guardian_id]
    assert families_admin.guardians_of(db, school, scene.ada) == []
    signed_out = family.get(f"/portal/child/{scene.ada}")
    assert signed_out.status_code == 303 and signed_out.headers["location"] == "/portal/login"
    assert family.log_in("grace@example.org", "a long password").status_code == 303
    assert family.get(f"/portal/child/{scene.ada}").status_code == 404
    assert scene.ada not in family.get("/portal/").text
    with pytest.raises(AdminError):  # not linked any more
        families_admin.unlink_guardian(db, school, guardian.guardian_id, scene.ada)
    family.close()


def test_another_schools_guardian_child_or_code_is_not_found(scene: Scene) -> None:
    db, school = scene.harness.db, scene.harness.school_id
    family = _join(scene, scene.ada, email="grace@example.org")
    [guardian] = families_admin.guardians_of(db, school, scene.ada)
    other = schools.create_school(db, "Riverside", "UTC")
    with pytest.raises(AdminError):
        families_admin.unlink_guardian(db, other, guardian.guardian_id, scene.ada)
    with pytest.raises(AdminError):
        families_admin.open_codes(db, other, scene.bo)
    with pytest.raises(AdminError):
        families_admin.cancel_codes(db, other, code=scene.codes[scene.bo])
    with pytest.raises(AdminError):
        families_admin.set_sign_in_name(db, other, guardian.guardian_id, "grace")
    assert _open_code_count(scene, scene.bo) == 1
    family.close()


def test_cancelling_codes_by_child_by_id_and_as_printed(scene: Scene) -> None:
    db, school = scene.harness.db, scene.harness.school_id
    [bo_code] = families_admin.open_codes(db, school, scene.bo)
    assert families_admin.cancel_codes(db, school, code_id=bo_code.code_id) == 1
    assert families_admin.cancel_codes(db, school, code=scene.codes[scene.cy].lower()) == 1
    assert families_admin.cancel_codes(db, school, student_id=scene.ada) == 1
    assert families_admin.cancel_codes(db, school, student_id=scene.ada) == 0
    for student in (scene.ada, scene.bo, scene.cy):
        assert _open_code_count(scene, student) == 0
        joined = Family(scene.harness.url).join(scene.codes[student])
        assert joined.status_code == 400 and "not right" in joined.text
    with pytest.raises(AdminError):
        families_admin.cancel_codes(db, school, code_id="0" * 16)
    with pytest.raises(AdminError):
        families_admin.cancel_codes(db, school, code_id="%")
    with pytest.raises(AdminError):
        families_admin.cancel_codes(db, school, student_id=scene.ada, code="x")


def test_a_letter_printed_again_cancels_the_childs_earlier_codes(scene: Scene) -> None:
    db, school = scene.harness.db, scene.harness.school_id
    again = invites.create_invite_for(db, school, scene.bo, expires_days=10)
    assert again.student_name == "Bo" and again.class_name == "Maple"
    assert _open_code_count(scene, scene.bo) == 1
    assert Family(scene.harness.url).join(scene.codes[scene.bo]).status_code == 400
    assert Family(scene.harness.url).join(again.code).status_code == 303
    with db.read() as session:  # the used code is kept: it says who joined when
        used = session.scalar(select(func.count()).select_from(InviteCode).where(
            InviteCode.student_id == scene.bo, InviteCode.used_by.is_not(None)))
    assert used == 1
    invites.create_invites(db, school, scene.maple)  # Ada and Bo again: Ada's old code goes
    assert _open_code_count(scene, scene.ada) == 1 and _open_code_count(scene, scene.bo) == 1
    with pytest.raises(AdminError):
        invites.create_invite_for(db, school, new_uuid())


def test_children_without_a_family(scene: Scene) -> None:
    db, school = scene.harness.db, scene.harness.school_id
    everyone = families_admin.children_without_family(db, school)
    assert [(c.first_name, c.class_names, c.open_codes) for c in everyone] == [
        ("Ada", ("Maple", "Oak"), 1), ("Bo", ("Maple",), 1), ("Cy", ("Oak",), 1),
        ("Di", ("Birch",), 0)]
    family = _join(scene, scene.ada, email="grace@example.org")
    maple = families_admin.children_without_family(db, school, scene.maple)
    assert [c.first_name for c in maple] == ["Bo"]
    with pytest.raises(AdminError):
        families_admin.children_without_family(db, school, new_uuid())
    family.close()


def test_a_sign_in_name_given_by_the_school(scene: Scene) -> None:
    db, school = scene.harness.db, scene.harness.school_id
    family = _join(scene, scene.ada, login_name="grace")
    _join(scene, scene.bo, login_name="alan").close()
    [guardian] = families_admin.guardians_of(db, school, scene.ada)
    assert families_admin.set_sign_in_name(db, school, guardian.guardian_id,
                                           " Grace.H ") == "grace.h"
    for bad in ("", "a@b", "x", "two words"):
        with pytest.raises(AdminError):
            families_admin.set_sign_in_name(db, school, guardian.guardian_id, bad)
    with pytest.raises(AdminError, match="Another family"):
        families_admin.set_sign_in_name(db, school, guardian.guardian_id, "alan")
    assert family_auth.log_in(db, "GRACE.H", "a long password", "10.0.0.1") \
        == guardian.guardian_id
    with pytest.raises(FamilyError):
        family_auth.log_in(db, "grace", "a long password", "10.0.0.1")
    family.close()
