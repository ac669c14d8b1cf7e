"""The push route reads its own body: every body gets the answer FastAPI's reading gave."""

from __future__ import annotations

import asyncio
import json
from typing import Annotated, Any

import httpx
from fastapi import Depends, FastAPI, Response
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from server_kit import Harness

from dojo_protocol.models import PushRequest
from dojo_server.api.errors import install_error_handlers
from dojo_server.api.push_body import push_request


def _app(reads_itself: bool) -> FastAPI:
    """A bare app with the server's error answers and one push route, read either way."""
    app = FastAPI()
    install_error_handlers(app)
    if reads_itself:
        @app.post("/push")
        async def push(body: Annotated[PushRequest, Depends(push_request)]) -> Response:
            return Response(repr(body.model_dump()))
    else:
        @app.post("/push")
        async def push(body: PushRequest) -> Response:  # FastAPI reads it
            return Response(repr(body.model_dump()))
    return app


FASTAPI_READS = _app(reads_itself=False)
ROUTE_READS = _app(reads_itself=True)

EVENT: dict[str, Any] = {
    "event_id": "0190a0b0-0000-7000-8000-000000000001", "device_id": "d1", "seq": 1,
    "kind": "award_given", "hlc": "001700000000000-000001-d1",
    "payload": {"points": 1, "note": "Well done", "nested": {"list": [1, 2.5, None]}}}
BODY: dict[str, Any] = {"protocol_version": 1, "schema_version": "0005", "batch_id": "b1",
                        "device_id": "d1", "events": [EVENT, {**EVENT, "seq": 2}]}

_odd = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                 st.text(max_size=4), st.sampled_from(["1", "1.0", 1.0, 1.5, 2**63, "x" * 70,
                                                       [], {}, [1], {"a": 1}]))


@st.composite
def _bodies(draw: st.DrawFn) -> bytes:
    """A push body with some of its fields (or its events' fields) dropped or changed,
    written out as JSON or broken in one of the ways a body can break."""
    body = json.loads(json.dumps(BODY))
    targets = [body, *body["events"]]
    for target in targets:
        for key in list(target):
            change = draw(st.sampled_from(["keep"] * 6 + ["drop", "replace"]))
            if change == "drop":
                del target[key]
            elif change == "replace":
                target[key] = draw(_odd)
    text = json.dumps(body)
    damage = draw(st.sampled_from(["none"] * 4 + ["cut", "utf16", "bom", "nan", "surrogate",
                                                  "latin1", "trailing", "not json"]))
    if damage == "cut":
        return text.encode()[:draw(st.integers(0, len(text) - 1))]
    if damage == "utf16":
        return text.encode("utf-16")
    if damage == "bom":
        return b"\xef\xbb\xbf" + text.encode()
    if damage == "nan":
        return text.replace('"Well done"', "NaN").encode()
    if damage == "surrogate":
        return text.replace("Well done", "\\ud800").encode()
    if damage == "latin1":
        return text.replace("Well done", "caf\u00e9").encode("latin-1")
    if damage == "trailing":
        return text.encode() + b" ,"
    if damage == "not json":
        return draw(st.binary(max_size=20))
    return text.encode()


_CONTENT_TYPES = st.sampled_from([
    "application/json", "application/json; charset=utf-8", "application/vnd.dojo+json",
    "text/plain", "application/x-www-form-urlencoded", None])


def _answer(app: FastAPI, body: bytes, content_type: str | None) -> tuple[int, str]:
    async def post() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://test") as client:
            headers = {"content-type": content_type} if content_type else {}
            return await client.post("/push", content=body, headers=headers)

    response = asyncio.run(post())
    return response.status_code, response.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_bodies(), _CONTENT_TYPES)
@example(json.dumps(BODY).encode(), "application/json")
@example(b"", "application/json")
@example(json.dumps({**BODY, "protocol_version": 2, "events": [{}]}).encode(),
         "application/json")
@example(json.dumps({**BODY, "events": [EVENT] * 501}).encode(), "application/json")
def test_the_route_answers_every_body_as_fastapi_did(body: bytes,
                                                      content_type: str | None) -> None:
    assert _answer(ROUTE_READS, body, content_type) == \
        _answer(FASTAPI_READS, body, content_type)


def test_the_openapi_document_still_declares_the_body(harness: Harness) -> None:
    document = httpx.get(f"{harness.url}/openapi.json").json()
    body = document["paths"]["/v1/sync/push"]["post"]["requestBody"]
    schema = body["content"]["application/json"]["schema"]
    assert body["required"] is True
    assert set(schema["required"]) == {"protocol_version", "schema_version", "batch_id",
                                       "device_id", "events"}
    assert schema["properties"]["events"]["maxItems"] == 500
    assert "payload" in schema["properties"]["events"]["items"]["properties"]
    assert "$ref" not in json.dumps(schema)


def test_a_broken_body_is_answered_422_as_before(harness: Harness) -> None:
    device = harness.enroll()
    headers = {"content-type": "application/json"}
    cut = device.http.post("/v1/sync/push", content=b'{"protocol_version": 1, "ev',
                           headers=headers)
    assert cut.status_code == 422
    assert cut.json() == {"error": "invalid_request",
                          "message": "The request is not valid: body.24: JSON decode error"}
    missing = device.http.post("/v1/sync/push", json={"protocol_version": 1})
    assert missing.status_code == 422
    assert missing.json()["message"] == \
        "The request is not valid: body.schema_version: Field required"
    assert device.http.post("/v1/sync/push", content=b"").status_code == 422
    assert device.push([device.award()]).status_code == 200
