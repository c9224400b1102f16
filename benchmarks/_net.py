"""Loopback helpers shared by the benchmarks and the tests that start a server: a free port, a page.

``free_port()`` asks the system for a port no one listens on (the server started next binds it);
``fetch(url)`` is the page's text, or "" while the server does not answer (not started yet,
restarting, a connection dropped): callers poll until the text they wait for shows.
"""

from __future__ import annotations

import http.client
import socket
import urllib.error
import urllib.request

FETCH_TIMEOUT_S = 120  # one request to a busy server (a save being rebuilt) on a loaded machine


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
