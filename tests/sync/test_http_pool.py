"""The sync goes through the proxy the computer's settings name, with its credentials,
and straight to the server where the settings say so."""

from __future__ import annotations

import base64
import http.server
import threading
from collections.abc import Iterator

import pytest
from json_answers import JsonHandler

from dojo_desktop.sync.http_pool import proxy_for
from dojo_desktop.sync.transport import HttpTransport

HEALTH = {"server_time_ms": 1, "epoch": "e", "min_client_version": "0.1.0",
          "protocol_version": 1}
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


class _Proxy(JsonHandler):
    """A forward proxy that answers for the server itself, noting what it was asked."""

    seen: list[tuple[str, str]]

    def do_GET(self) -> None:
        self.seen.append((self.path, self.headers.get("Proxy-Authorization", "")))
        self.answer(200, HEALTH)


@pytest.fixture
def proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    seen: list[tuple[str, str]] = []
    handler = type("Proxy", (_Proxy,), {"seen": seen})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def test_the_settings_proxy_carries_the_sync_with_its_credentials(
        proxy: tuple[str, list[tuple[str, str]]], monkeypatch: pytest.MonkeyPatch) -> None:
    address, seen = proxy
    monkeypatch.setenv("HTTP_PROXY", f"http://office:p%40ss@{address}")
    transport = HttpTransport("http://dojo.school.example:8000")
    try:
        assert transport.health().epoch == "e"
    finally:
        transport.close()
    credentials = base64.b64encode(b"office:p@ss").decode()
    assert seen == [("http://dojo.school.example:8000/v1/health", f"Basic {credentials}")]


def test_no_proxy_and_no_settings_go_straight_to_the_server(
        proxy: tuple[str, list[tuple[str, str]]], monkeypatch: pytest.MonkeyPatch) -> None:
    address, _seen = proxy
    assert proxy_for("https://dojo.school.example") is None
    monkeypatch.setenv("HTTPS_PROXY", address)
    assert proxy_for("https://dojo.school.example") == f"http://{address}"
    monkeypatch.setenv("NO_PROXY", "school.example")
    assert proxy_for("https://dojo.school.example") is None
