"""Authorisation matrix: a family reaches its own children's pages and nothing else."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.routing import APIRoute
from portal_kit import Family, Scene, png, upload, visible_text
from server_kit import new_uuid

from dojo_server.domain import families_admin, invites, schools
from dojo_server.portal import routes_account, routes_child

# Every portal route, as "METHOD path-template"; the matrix below must visit each one.
OPEN_ROUTES = {"GET /portal", "GET /portal/login", "POST /portal/login", "GET /portal/join",
               "POST /portal/join", "POST /portal/login/link",
               "GET /portal/login/link/{token}", "POST /portal/login/link/{token}",
               "POST /portal/language", "GET /portal/unsubscribe/{guardian_id}/{token}",
               "POST /portal/unsubscribe/{guardian_id}/{token}"}
CHILD_ROUTES = {"GET /portal/", "POST /portal/logout", "GET /portal/child/{student_id}",
                "GET /portal/child/{student_id}/story",
                "GET /portal/child/{student_id}/messages",
                "POST /portal/child/{student_id}/messages",
                "GET /portal/child/{student_id}/messages/{thread_id}",
                "POST /portal/child/{student_id}/messages/{thread_id}",
                "GET /portal/child/{student_id}/files/{sha256}"}


@pytest.fixture
def ada_family(scene: Scene) -> Iterator[Family]:
    family = Family(scene.harness.url)
    assert family.join(scene.codes[scene.ada], email="ada@example.org").status_code == 303
    yield family
    family.close()


def test_the_matrix_names_every_portal_route() -> None:
    routes = {f"{method} {route.path}"
              for router in (routes_account.router, routes_child.router)
              for route in router.routes if isinstance(route, APIRoute)
              for method in route.methods - {"HEAD"}}
    assert routes == OPEN_ROUTES | CHILD_ROUTES


def _forbidden_targets(scene: Scene) -> list[tuple[str, str]]:
    """(method, path) pairs that Ada's family must not reach."""
    ada, cy, unknown = scene.ada, scene.cy, new_uuid()
    targets: list[tuple[str, str]] = []
    for other in (cy, scene.bo, unknown, "not-an-id"):
        targets += [("GET", f"/portal/child/{other}"), ("GET", f"/portal/child/{other}/story"),
                    ("GET", f"/portal/child/{other}/messages"),
                    ("POST", f"/portal/child/{other}/messages"),
                    ("GET", f"/portal/child/{other}/messages/{scene.cy_thread}"),
                    ("POST", f"/portal/child/{other}/messages/{scene.cy_thread}"),
                    ("GET", f"/portal/child/{other}/messages/{scene.ada_thread}"),
                    ("GET", f"/portal/child/{other}/files/{scene.cy_photo}"),
                    ("GET", f"/portal/child/{other}/files/{scene.maple_photo}")]
    # Ada's own pages, pointed at threads and files that are not hers.
    for thread in (scene.cy_thread, scene.birch_thread, unknown):
        targets += [("GET", f"/portal/child/{ada}/messages/{thread}"),
                    ("POST", f"/portal/child/{ada}/messages/{thread}")]
    for sha in (scene.cy_photo, scene.birch_photo, scene.bo_photo, "0" * 64, "../../x"):
        targets.append(("GET", f"/portal/child/{ada}/files/{sha}"))
    return targets


def test_a_family_gets_not_found_for_everything_not_theirs(scene: Scene,
                                                            ada_family: Family) -> None:
    token = ada_family.csrf("/portal/")
    for method, path in _forbidden_targets(scene):
        if method == "GET":
            answer = ada_family.get(path)
        else:
            answer = ada_family.http.post(path, data={"csrf": token, "body": "hello"},
                                          files={"photo": ("p.png", png(), "image/png")})
        assert answer.status_code in (403, 404), (method, path, answer.status_code)
        seen = visible_text(answer.text)
        assert not re.search(r"\bCy\b|Birch", seen), (method, path)
    pulled = [c for c in scene.teacher.device.pull_all() if c["kind"] == "message_sent"
              and c["payload"].get("sender") == "guardian"]
    assert pulled == []


def test_a_family_reaches_its_own_child(scene: Scene, ada_family: Family) -> None:
    ada = scene.ada
    for path in (f"/portal/child/{ada}", f"/portal/child/{ada}/story",
                 f"/portal/child/{ada}/messages", f"/portal/child/{ada}/messages/"
                 f"{scene.ada_thread}", f"/portal/child/{ada}/messages/{scene.maple_thread}",
                 f"/portal/child/{ada}/files/{scene.maple_photo}", "/portal/"):
        assert ada_family.get(path).status_code == 200, path
    answer = ada_family.post(f"/portal/child/{ada}/messages/{scene.ada_thread}",
                             {"body": "Thank you"})
    assert answer.status_code == 303


def test_signed_out_browsers_are_sent_to_sign_in(scene: Scene) -> None:
    stranger = Family(scene.harness.url)
    token = stranger.csrf()
    ada = scene.ada
    for method, path in [("GET", "/portal/"), ("GET", f"/portal/child/{ada}"),
                         ("GET", f"/portal/child/{ada}/story"),
                         ("GET", f"/portal/child/{ada}/messages"),
                         ("GET", f"/portal/child/{ada}/messages/{scene.ada_thread}"),
                         ("POST", f"/portal/child/{ada}/messages/{scene.ada_thread}"),
                         ("GET", f"/portal/child/{ada}/files/{scene.maple_photo}"),
                         ("POST", "/portal/logout")]:
        answer = stranger.http.request(method, path, data={"csrf": token, "body": "x"}
                                       if method == "POST" else None)
        assert answer.status_code == 303, (method, path)
        assert answer.headers["location"] == "/portal/login"
    stranger.close()


def test_an_unsubscribe_link_needs_the_guardians_own_token(scene: Scene,
                                                          ada_family: Family) -> None:
    guardian = ada_family.get("/portal/").text  # signed in: the page works for anyone
    assert guardian
    for guardian_id, token in ((new_uuid(), "0" * 64), ("x", "y")):
        path = f"/portal/unsubscribe/{guardian_id}/{token}"
        assert ada_family.get(path).status_code == 200  # a page that only asks
        assert ada_family.post(path, {}).status_code == 404


def test_a_device_token_is_not_a_portal_session(scene: Scene) -> None:
    device = scene.teacher.device
    assert device.http.get(f"/portal/child/{scene.ada}", follow_redirects=False) \
        .status_code == 303


def test_forms_without_the_right_token_are_refused(scene: Scene, ada_family: Family) -> None:
    path = f"/portal/child/{scene.ada}/messages/{scene.ada_thread}"
    for token in ("", "guess"):
        answer = ada_family.http.post(path, data={"csrf": token, "body": "hi"})
        assert answer.status_code in (403, 422)
    stranger = Family(scene.harness.url)
    answer = stranger.http.post("/portal/join", data={"csrf": "x", "code": scene.codes[
        scene.bo], "name": "Mallory", "password": "a long password"})
    assert answer.status_code == 403
    assert stranger.join(scene.codes[scene.bo]).status_code == 303  # the code still works
    stranger.close()


def _child_routes(scene: Scene, student_id: str, thread: str, sha: str) -> list[tuple[str, str]]:
    return [("GET", f"/portal/child/{student_id}"), ("GET", f"/portal/child/{student_id}/story"),
            ("GET", f"/portal/child/{student_id}/messages"),
            ("POST", f"/portal/child/{student_id}/messages"),
            ("GET", f"/portal/child/{student_id}/messages/{thread}"),
            ("POST", f"/portal/child/{student_id}/messages/{thread}"),
            ("GET", f"/portal/child/{student_id}/files/{sha}")]


def test_an_unlinked_family_is_signed_out_and_then_finds_nothing_of_the_child(
        scene: Scene, ada_family: Family) -> None:
    db, school = scene.harness.db, scene.harness.school_id
    bo_letter = next(x for x in invites.create_invites(db, school, scene.maple)
                     if x.student_name == "Bo")
    assert ada_family.join(bo_letter.code).status_code == 303  # Bo's too, signed in
    routes = _child_routes(scene, scene.ada, scene.ada_thread, scene.maple_photo)
    assert ada_family.get(routes[-1][1]).status_code == 200
    [grace] = families_admin.guardians_of(db, school, scene.ada)
    families_admin.unlink_guardian(db, school, grace.guardian_id, scene.ada)
    token = ada_family.csrf("/portal/login")
    for method, path in [*routes, ("GET", "/portal/")]:
        answer = ada_family.http.request(method, path, data={"csrf": token, "body": "x"}
                                         if method == "POST" else None)
        assert answer.status_code == 303, (method, path)
        assert answer.headers["location"] == "/portal/login"
    assert ada_family.log_in("ada@example.org", "a long password").status_code == 303
    token = ada_family.csrf("/portal/")
    for method, path in routes:
        answer = ada_family.http.request(method, path, data={"csrf": token, "body": "x"}
                                         if method == "POST" else None)
        assert answer.status_code == 404, (method, path)
        assert "Ada" not in visible_text(answer.text)
    home = visible_text(ada_family.get("/portal/").text)
    assert "Bo" in home and "Ada" not in home
    assert ada_family.get(f"/portal/child/{scene.bo}").status_code == 200


def test_a_file_another_school_stored_is_not_served(scene: Scene, ada_family: Family) -> None:
    harness = scene.harness
    other = schools.create_school(harness.db, "Riverside", "UTC")
    secret = b"%PDF-1.4 Riverside's report on a child"
    sha = upload(harness.enroll("teacher", school_id=other), secret)
    scene.teacher.story("A file we never uploaded", class_ids=[scene.maple], attachments=[sha])
    answer = ada_family.get(f"/portal/child/{scene.ada}/files/{sha}")
    assert answer.status_code == 404 and b"Riverside" not in answer.content


def test_files_come_with_their_name_and_type(scene: Scene, ada_family: Family) -> None:
    document = b"%PDF-1.4 The trip letter"
    sha = upload(scene.teacher.device, document)
    scene.teacher.story("The trip letter", class_ids=[scene.maple], attachments=[sha])
    answer = ada_family.get(f"/portal/child/{scene.ada}/files/{sha}")
    assert answer.status_code == 200 and answer.content == document
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-disposition"] == \
        f'attachment; filename="document-{sha[:8]}.pdf"'
    picture = ada_family.get(f"/portal/child/{scene.ada}/files/{scene.maple_photo}")
    assert picture.headers["content-type"] == "image/png"
    assert picture.headers["content-disposition"] == \
        f'inline; filename="picture-{scene.maple_photo[:8]}.png"'
    assert picture.headers["x-content-type-options"] == "nosniff"
