"""Fuzz the live server from its own OpenAPI document: no 5xx, answers as documented."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.core.result import Ok
from server_kit import Harness

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
EXAMPLES = 25


def test_docs_are_published(harness: Harness) -> None:
    assert httpx.get(f"{harness.url}/docs").status_code == 200
    document = httpx.get(f"{harness.url}/openapi.json").json()
    assert {"/v1/health", "/v1/devices/enroll", "/v1/sync/push", "/v1/sync/pull",
            "/v1/sync/digest", "/v1/blobs/{sha256}"} <= set(document["paths"])
    push = document["paths"]["/v1/sync/push"]["post"]["responses"]
    assert {"200", "401", "403", "409", "413", "422", "426"} <= set(push)
    assert document["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_fuzzing_finds_no_server_errors(harness: Harness, mode: GenerationMode) -> None:
    device = harness.enroll()
    device.push([device.award() for _ in range(3)])
    schema = schemathesis.openapi.from_url(f"{harness.url}/openapi.json")
    auth = {"Authorization": f"Bearer {device.token}"}
    results = list(schema.get_all_operations())
    assert all(isinstance(result, Ok) for result in results), results
    operations = [result.ok() for result in results if isinstance(result, Ok)]
    assert len(operations) == 8
    nothing_to_break: list[str] = []

    for operation in operations:
        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(generation_mode=mode))
        def check(case: Any) -> None:
            headers = dict(case.headers or {})
            headers.setdefault("Authorization", auth["Authorization"])
            if "wait" in (case.query or {}):
                case.query["wait"] = 0  # keep long polls from eating the time budget
            response = case.call(base_url=harness.url, headers=headers, timeout=10)
            case.validate_response(response, checks=CHECKS)

        try:
            check()
        except Unsatisfiable:
            if mode is not GenerationMode.NEGATIVE:
                raise
            nothing_to_break.append(operation.label)
    assert nothing_to_break in ([], ["GET /v1/health"])
