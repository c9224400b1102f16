"""Loopback helpers shared by the benchmarks and the tests that start a server: a free port, a page, a stop.

``free_port()`` asks the system for a port no one listens on (the server started next binds it);
``fetch(url)`` is the page's text, or "" while the server does not answer (not started yet,
restarting, a connection dropped): callers poll until the text they wait for shows.
``stop(process)`` ends a server started in its own session (``start_new_session=True``) as a
translator does, Ctrl-C, and harder only if it does not stop.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import urllib.error
import urllib.request

FETCH_TIMEOUT_S = 120  # one request to a busy server (a save being rebuilt) on a loaded machine
STOP_WAIT_S = 60  # for each signal: a server deleting its temporary site on a loaded machine


def free_port() -> int:
    """A loopback port free right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, timeout: float = FETCH_TIMEOUT_S) -> str:
    """The text at ``url`` (UTF-8, undecodable bytes replaced); "" when the server does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - our own loopback server
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, http.client.HTTPException, OSError):
        return ""


def stop(process: subprocess.Popen, wait: float = STOP_WAIT_S) -> None:
    """SIGINT to ``process``'s group (Ctrl-C: ``make serve`` and ``mkdocs serve`` then delete their temporary
    site), then SIGTERM, then SIGKILL, each only if the process has not ended ``wait`` seconds after the last."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
        if process.poll() is not None:
            return
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue
