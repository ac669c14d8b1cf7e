"""For engine tests that need a server answering exactly so: a request handler that writes
one JSON answer, on a tiny HTTP server on 127.0.0.1."""

from __future__ import annotations

import http.server
import json


class JsonHandler(http.server.BaseHTTPRequestHandler):
    """Subclasses decide the answer in ``do_GET``/``do_POST`` and write it with ``answer``."""

    def answer(self, status: int, body: object) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_args: object) -> None:
        pass
