"""Blobs: upload once, check by HEAD, hashes verified, sizes limited, schools apart."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator

from server_kit import Harness, LiveServer

from dojo_server.domain.blobs import blob_path
from dojo_server.domain.schools import create_school
from dojo_server.settings import Settings

PHOTO = b"\x89PNG not really" * 1000
PHOTO_SHA = hashlib.sha256(PHOTO).hexdigest()


def test_put_then_head(harness: Harness) -> None:
    device = harness.enroll()
    assert device.http.head(f"/v1/blobs/{PHOTO_SHA}").status_code == 404
    first = device.http.put(f"/v1/blobs/{PHOTO_SHA}", content=PHOTO)
    assert first.status_code == 201
    assert first.json() == {"sha256": PHOTO_SHA, "size": len(PHOTO), "created": True}
    assert device.http.head(f"/v1/blobs/{PHOTO_SHA}").status_code == 200
    again = device.http.put(f"/v1/blobs/{PHOTO_SHA}", content=PHOTO)
    assert again.status_code == 200 and again.json()["created"] is False
    stored = blob_path(harness.server.settings.blobs_dir, PHOTO_SHA)
    assert stored.read_bytes() == PHOTO
    assert not [p for p in stored.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_damaged_upload_is_refused(harness: Harness) -> None:
    device = harness.enroll()
    answer = device.http.put(f"/v1/blobs/{PHOTO_SHA}", content=PHOTO[:-1])
    assert answer.status_code == 422
    assert answer.json()["error"] == "hash_mismatch"
    assert device.http.head(f"/v1/blobs/{PHOTO_SHA}").status_code == 404


def test_the_name_must_be_a_sha256(harness: Harness) -> None:
    device = harness.enroll()
    assert device.http.head("/v1/blobs/abc").status_code == 422
    assert device.http.put(f"/v1/blobs/{PHOTO_SHA.upper()}", content=PHOTO).status_code == 422


def test_another_school_does_not_see_the_blob(harness: Harness) -> None:
    mine = harness.enroll()
    theirs = harness.enroll(school_id=create_school(harness.db, "Riverside"))
    mine.http.put(f"/v1/blobs/{PHOTO_SHA}", content=PHOTO)
    assert theirs.http.head(f"/v1/blobs/{PHOTO_SHA}").status_code == 404
    assert theirs.http.put(f"/v1/blobs/{PHOTO_SHA}", content=PHOTO).json()["created"] is True


def test_too_large_blobs_answer_413(make_settings: Callable[..., Settings]) -> None:
    server = LiveServer(make_settings(max_blob_bytes=64 * 1024))
    harness = Harness(server)
    try:
        device = harness.enroll()
        big = b"x" * (64 * 1024 + 1)
        sha = hashlib.sha256(big).hexdigest()
        declared = device.http.put(f"/v1/blobs/{sha}", content=big)
        assert declared.status_code == 413 and declared.json()["error"] == "too_large"

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted while read
            for start in range(0, len(big), 8192):
                yield big[start:start + 8192]

        streamed = device.http.put(f"/v1/blobs/{sha}", content=chunks())
        assert streamed.status_code == 413
        small = big[:1000]
        ok = device.http.put(f"/v1/blobs/{hashlib.sha256(small).hexdigest()}", content=small)
        assert ok.status_code == 201
    finally:
        harness.close()
        server.stop()
