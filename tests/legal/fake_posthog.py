"""A loopback stand-in for PostHog's ingestion API: records payloads, refuses, or hangs."""

from __future__ import annotations

import gzip
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class RecordingPostHog:
    """Accepts every POST and keeps the decoded JSON bodies."""

    def __init__(self, hang_seconds: float = 0.0):
        self.payloads: list[dict] = []
        self.raw: list[bytes] = []
        self.hang_seconds = hang_seconds
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                if self.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                if owner.hang_seconds:
                    time.sleep(owner.hang_seconds)
                owner.raw.append(body)
                try:
                    owner.payloads.append(json.loads(body))
                except ValueError:
                    owner.payloads.append({"undecodable": body.decode("latin-1")})
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"status": 1}')

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def events(self) -> list[dict]:
        found = []
        for payload in self.payloads:
            batch = payload.get("batch") if isinstance(payload, dict) else None
            found.extend(batch if isinstance(batch, list) else [payload])
        return found

    def wait_for_events(self, count: int = 1, timeout: float = 5.0) -> list[dict]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(self.events()) < count:
            time.sleep(0.05)
        return self.events()


def refusing_url() -> str:
    """A loopback port with nothing listening: every connection is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# How long a broken client waits on a hanging host: the timeout the tests give it, or the
# HangingServer `hold` for clients without one.
STALL = 5.0
# What a request may take when its call to the outside is made off the request: far below STALL,
# with room for a busy machine (CI runs two suites side by side on two cores); a request takes
# 0.02-0.3 s here.
QUICK = 2.5


class HangingServer:
    """Accepts connections and never answers; with `hold`, hangs up after that many seconds, so a
    client without a timeout fails late instead of blocking the test for good."""

    def __init__(self, hold: float | None = None):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(50)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.connections: list[socket.socket] = []
        self.hold = hold
        self._stop = False
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self):
        self.sock.settimeout(0.2)
        accepted_at: dict[socket.socket, float] = {}
        while not self._stop:
            if self.hold is not None:
                for conn, at in list(accepted_at.items()):
                    if time.monotonic() - at >= self.hold:
                        conn.close()
                        del accepted_at[conn]
            try:
                conn, _addr = self.sock.accept()
            except OSError:
                continue
            accepted_at[conn] = time.monotonic()
            self.connections.append(conn)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self._stop = True
        self.thread.join(timeout=2)
        for conn in self.connections:
            conn.close()
        self.sock.close()
