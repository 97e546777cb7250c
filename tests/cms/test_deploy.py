"""The proxy in deploy/ as shipped, run for real on loopback (Debian's caddy).

Without caddy the test is skipped with a reason, except under CI=true (`.ci/run` installs it),
where it fails.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from django.conf import settings

CADDYFILE = Path(settings.BASE_DIR) / "deploy" / "Caddyfile"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def loopback_caddyfile(proxy_port: int, app_port: int) -> str:
    """The shipped Caddyfile on a loopback address over plain HTTP, proxying to `app_port`."""
    text = CADDYFILE.read_text()
    site = f"http://127.0.0.1:{proxy_port} {{"
    text = text.replace("shop.example.com {", site, 1)
    text = text.replace("reverse_proxy 127.0.0.1:8000 ", f"reverse_proxy 127.0.0.1:{app_port} ", 1)
    assert site in text and f"127.0.0.1:{app_port}" in text, (
        "the Caddyfile's site or upstream moved"
    )
    return "{\n\tadmin off\n}\n" + text


class NewRelease(BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"the new release"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy(tmp_path):
    """Caddy with the shipped Caddyfile, in front of an app port where nothing listens yet."""
    caddy = shutil.which("caddy")
    if caddy is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs Debian's caddy package for the proxy test.")
        pytest.skip("The proxy test needs Debian's caddy (apt-get install caddy).")
    proxy_port, app_port = free_port(), free_port()
    config = tmp_path / "Caddyfile"
    config.write_text(loopback_caddyfile(proxy_port, app_port))
    process = subprocess.Popen(  # noqa: S603
        [caddy, "run", "--config", str(config), "--adapter", "caddyfile"],
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 15
        while not answers(proxy_port):
            assert process.poll() is None, "caddy did not start"
            assert time.monotonic() < deadline, "caddy did not listen"
            time.sleep(0.05)
        yield proxy_port, app_port
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_proxy_holds_requests_while_the_app_restarts_instead_of_answering_502(proxy):
    # `systemctl restart nera-web` (an update): for a second or two nothing listens while the new
    # master imports the application. A shopper's request made then must wait for it.
    proxy_port, app_port = proxy
    servers: list[HTTPServer] = []

    def start_release():
        time.sleep(1.5)
        servers.append(HTTPServer(("127.0.0.1", app_port), NewRelease))
        servers[0].serve_forever()

    release = threading.Thread(target=start_release, daemon=True)
    started = time.monotonic()
    release.start()
    try:
        url = f"http://127.0.0.1:{proxy_port}/en/"
        with urllib.request.urlopen(url, timeout=15) as response:  # noqa: S310 - loopback
            status, body = response.status, response.read()
    finally:
        while release.is_alive() and not servers:
            time.sleep(0.05)
        if servers:
            servers[0].shutdown()
            servers[0].server_close()
    assert status == 200
    assert body == b"the new release"
    assert time.monotonic() - started >= 1.5
