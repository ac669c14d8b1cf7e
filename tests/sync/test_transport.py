"""The transport against servers that misbehave: every failure becomes plain words."""

from __future__ import annotations

import hashlib
import http.server
import ssl
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dojo_desktop.sync.errors import (
    BadResponse,
    EpochChanged,
    Gap,
    Offline,
    RetryLater,
    Revoked,
    ServerRefused,
    SyncError,
    Unauthorized,
    UpgradeRequired,
)
from dojo_desktop.sync.transport import HttpTransport

Reply = tuple[int, dict[str, str], bytes]


class _Handler(http.server.BaseHTTPRequestHandler):
    reply: Callable[[str], Reply]

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        status, headers, body = self.server.reply(self.path)  # type: ignore[attr-defined]
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_HEAD = _answer  # noqa: N815 (http.server names them)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def fake_server() -> Iterator[Callable[[Callable[[str], Reply]], str]]:
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(reply: Callable[[str], Reply], tls: ssl.SSLContext | None = None) -> str:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        server.reply = reply  # type: ignore[attr-defined]
        if tls is not None:
            server.socket = tls.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        scheme = "https" if tls else "http"
        return f"{scheme}://127.0.0.1:{server.server_address[1]}"

    yield start  # type: ignore[misc]
    for server in servers:
        server.shutdown()
        server.server_close()


def json_reply(status: int, body: str, **headers: str) -> Callable[[str], Reply]:
    return lambda _path: (status, {"Content-Type": "application/json", **headers},
                          body.encode())


@pytest.mark.parametrize(("reply", "error", "words"), [
    (json_reply(200, "<html>Wi-Fi login</html>"), BadResponse, "does not understand"),
    (json_reply(200, '{"epoch": 5}'), BadResponse, "proxy"),
    (json_reply(502, "Bad gateway"), RetryLater, "had a problem"),
    (json_reply(503, '{"error":"busy","message":"Busy."}', **{"Retry-After": "7"}),
     RetryLater, "Busy"),
    (json_reply(401, '{"error":"unauthorized","message":"no"}'), Unauthorized,
     "does not recognise"),
    (json_reply(403, '{"error":"revoked","message":"no"}'), Revoked, "disconnected"),
    (json_reply(426, '{"error":"upgrade_required","message":"Update to 2.0."}'),
     UpgradeRequired, "Update to 2.0"),
    (json_reply(410, '{"error":"epoch_changed","message":"Restored."}'), EpochChanged,
     "Restored"),
    # An http address IT moved to https: no redirect is followed, the new address is said.
    (json_reply(301, "", Location="https://dojo.school.example/v1/health"), ServerRefused,
     "on to https://dojo.school.example/v1/health"),
])
def test_each_failure_has_its_own_error_in_plain_words(
        fake_server: Callable[[Callable[[str], Reply]], str], reply: Callable[[str], Reply],
        error: type[SyncError], words: str) -> None:
    transport = HttpTransport(fake_server(reply), token="t")
    with pytest.raises(error) as caught:
        transport.pull("", 10)
    assert words in str(caught.value)
    if isinstance(caught.value, RetryLater) and "Busy" in words:
        assert caught.value.retry_after == 7.0


def test_gap_carries_the_servers_last_seq(
        fake_server: Callable[[Callable[[str], Reply]], str]) -> None:
    url = fake_server(json_reply(409, '{"error":"gap","message":"m","last_seq":41}'))
    from dojo_protocol import PROTOCOL_VERSION, PushRequest

    with pytest.raises(Gap) as caught:
        HttpTransport(url, token="t").push(PushRequest(
            protocol_version=PROTOCOL_VERSION, schema_version="x", batch_id="b",
            device_id="d", events=[]))
    assert caught.value.last_seq == 41


def test_a_fetched_file_must_hash_to_its_name(
        fake_server: Callable[[Callable[[str], Reply]], str]) -> None:
    good = b"a photo's bytes"
    sha = hashlib.sha256(good).hexdigest()
    files = {f"/v1/blobs/{sha}": good}

    def reply(path: str) -> Reply:
        if path in files:
            return 200, {"Content-Type": "application/octet-stream"}, files[path]
        return 404, {}, b""

    transport = HttpTransport(fake_server(reply), token="t")
    assert transport.get_blob(sha) == good
    assert transport.get_blob("0" * 64) is None
    files[f"/v1/blobs/{sha}"] = b"a proxy's error page"
    with pytest.raises(BadResponse, match="arrived damaged"):
        transport.get_blob(sha)


def test_nobody_listening_is_offline() -> None:
    with pytest.raises(Offline, match="cannot be reached"):
        HttpTransport("http://127.0.0.1:9").health()


@pytest.fixture(scope="module")
def school_ca(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ssl.SSLContext]:
    """A school's own CA and a server certificate it signed (openssl, throwaway)."""
    folder = tmp_path_factory.mktemp("ca")

    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True)

    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out",
            "ca.pem", "-days", "2", "-subj", "/CN=Hillside School CA")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out",
            "server.csr", "-subj", "/CN=127.0.0.1")
    (folder / "san.ext").write_text("subjectAltName=IP:127.0.0.1\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
            "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "san.ext")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "server.pem", folder / "server.key")
    return folder / "ca.pem", context


def test_tls_is_verified_and_a_school_ca_bundle_is_honoured(
        fake_server: Callable[..., str], school_ca: tuple[Path, ssl.SSLContext]) -> None:
    ca_bundle, context = school_ca
    url = fake_server(json_reply(200, '{"server_time_ms":1,"epoch":"e",'
                                      '"min_client_version":"0.1.0","protocol_version":1}'),
                      context)
    with pytest.raises(SyncError, match="certificate could not be verified"):
        HttpTransport(url).health()
    assert HttpTransport(url, ca_bundle=str(ca_bundle)).health().epoch == "e"
