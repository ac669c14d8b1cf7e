"""A local RFC 3161 timestamp authority for signing tests: ``openssl ts -reply`` behind HTTP."""

from __future__ import annotations

import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pki import Issued

_CONFIG = """\
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
serial = {folder}/tsa-serial
crypto_device = builtin
signer_digest = sha256
default_policy = 1.3.6.1.4.1.4146.2.3
digests = sha1, sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""


@contextmanager
def timestamp_server(signer: Issued, ca: Issued, folder: Path) -> Iterator[str]:
    """Serve timestamps signed by ``signer`` on 127.0.0.1; yields the URL to POST to."""
    config = folder / "tsa.cnf"
    config.write_text(_CONFIG.format(folder=folder), encoding="ascii")
    (folder / "tsa-serial").write_text("01\n", encoding="ascii")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            query = self.rfile.read(int(self.headers["Content-Length"]))
            with tempfile.TemporaryDirectory(dir=folder) as work:
                request, reply = Path(work, "request.tsq"), Path(work, "reply.tsr")
                request.write_bytes(query)
                done = subprocess.run(
                    ["openssl", "ts", "-reply", "-config", str(config), "-queryfile",
                     str(request), "-signer", str(signer.cert), "-inkey", str(signer.key),
                     "-chain", str(ca.cert), "-out", str(reply)],
                    capture_output=True, timeout=60)
                answer = reply.read_bytes() if done.returncode == 0 else b""
            self.send_response(200 if answer else 500)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format: str, *args: object) -> None:
            return  # keep the test output for failures

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
