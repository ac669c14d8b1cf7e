"""Every endpoint but health and enroll needs a valid token of the right school."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import httpx
import pytest
from server_kit import Device, Harness, new_uuid

from dojo_server.domain.schools import create_school, revoke_device

SHA = hashlib.sha256(b"x").hexdigest()
Call = Callable[[httpx.Client, Device], httpx.Response]

ENDPOINTS: dict[str, Call] = {
    "push": lambda http, d: http.post("/v1/sync/push", json={
        "protocol_version": 1, "schema_version": "1", "batch_id": "b",
        "device_id": d.device_id, "events": [d.award()]}),
    "pull": lambda http, _d: http.get("/v1/sync/pull"),
    "pull-wait": lambda http, _d: http.get("/v1/sync/pull", params={"wait": 5}),
    "head-blob": lambda http, _d: http.head(f"/v1/blobs/{SHA}"),
    "get-blob": lambda http, _d: http.get(f"/v1/blobs/{SHA}"),
    "put-blob": lambda http, _d: http.put(f"/v1/blobs/{SHA}", content=b"x"),
}


def _client(device: Device, authorization: str | None) -> httpx.Client:
    headers = {"Authorization": authorization} if authorization else {}
    return httpx.Client(base_url=device.url, headers=headers, timeout=10)


@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
def test_refused_without_a_valid_token(harness: Harness, endpoint: str) -> None:
    device = harness.enroll()
    call = ENDPOINTS[endpoint]
    for authorization in (None, "Bearer " + "A" * 43, f"Basic {device.token}", "Bearer"):
        with _client(device, authorization) as http:
            answer = call(http, device)
        assert answer.status_code == 401, (authorization, answer.text)
        assert answer.headers["WWW-Authenticate"] == "Bearer"
        if answer.request.method != "HEAD":
            assert answer.json()["error"] == "unauthorized"
    revoke_device(harness.db, device.device_id)
    with _client(device, f"Bearer {device.token}") as http:
        answer = call(http, device)
    assert answer.status_code == 403
    if answer.request.method != "HEAD":
        assert answer.json()["error"] == "revoked"


def test_a_token_only_reaches_its_own_school(harness: Harness) -> None:
    mine = harness.enroll()
    mine.push([mine.award()])
    mine.http.put(f"/v1/blobs/{SHA}", content=b"x")
    theirs = harness.enroll(school_id=create_school(harness.db, "Riverside",
                                                     default_skills=False))
    assert theirs.pull().json()["changes"] == []
    assert theirs.http.head(f"/v1/blobs/{SHA}").status_code == 404
    assert theirs.http.get(f"/v1/blobs/{SHA}").status_code == 404
    assert mine.http.get(f"/v1/blobs/{SHA}").content == b"x"
    forged = theirs.push([mine.award()], device_id=mine.device_id)
    assert forged.status_code == 403
    smuggled = theirs.push([mine.award(seq=1)])
    assert smuggled.json()["results"][0]["status"] == "rejected"
    assert len(mine.pull_all()) == 1


def test_enroll_and_health_need_no_token(harness: Harness) -> None:
    assert httpx.get(f"{harness.url}/v1/health").status_code == 200
    answer = httpx.post(f"{harness.url}/v1/devices/enroll", json={
        "code": harness.code(), "device_id": new_uuid(), "device_name": "x",
        "client_version": "1.0"})
    assert answer.status_code == 200
