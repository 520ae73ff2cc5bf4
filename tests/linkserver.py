"""A web server on this machine for the links tests: fixed answers, every request counted.

``Site()`` serves plain HTTP on 127.0.0.1 from threads of the test process; ``Site(tls)``
serves HTTPS with a self-signed certificate (made by the openssl program), which a link
checker must refuse. Nothing here reaches any other machine.
"""

from __future__ import annotations

import shutil
import ssl
import subprocess
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType

#: how long /slow takes to answer (the tests give the checker 2 s)
SLOW = 6.0


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    hits: Counter[str]
    lock: threading.Lock

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hung up on /slow, or refused the certificate: expected here."""


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the tests count requests instead."""

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        path = self.path
        with self.server.lock:
            self.server.hits[path] += 1
            seen = self.server.hits[path]
        if path in ("/ok", "/secure"):
            self._answer(200)
        elif path == "/moved":
            self._answer(301, Location="/moved-again")
        elif path == "/moved-again":
            self._answer(301, Location="/ok")
        elif path == "/busy":
            self._answer(429, **{"Retry-After": "1"}) if seen == 1 else self._answer(200)
        elif path == "/slow":
            time.sleep(SLOW)
            self._answer(200)
        else:
            self._answer(404)

    def _answer(self, code: int, **headers: str) -> None:
        body = b"<!doctype html><title>test page</title>\n"
        self.send_response(code)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def certificate(folder: Path) -> tuple[Path, Path] | None:
    """A self-signed certificate and key for 127.0.0.1, or None without openssl."""
    openssl = shutil.which("openssl")
    if openssl is None:
        return None
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"),
            *("-addext", "subjectAltName=IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


class Site:
    """A running server: ``url(path)``, ``hits`` per path, ``total`` requests."""

    def __init__(self, tls: tuple[Path, Path] | None = None) -> None:
        self.server = _Server(("127.0.0.1", 0), _Handler)
        self.server.hits = Counter()
        self.server.lock = threading.Lock()
        self.scheme = "http"
        if tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
            self.scheme = "https"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def hits(self) -> Counter[str]:
        with self.server.lock:
            return Counter(self.server.hits)

    @property
    def total(self) -> int:
        return sum(self.hits.values())

    def url(self, path: str) -> str:
        return f"{self.scheme}://127.0.0.1:{self.server.server_address[1]}{path}"
