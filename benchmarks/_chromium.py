"""Debian's chromium as the benchmarks and the browser tests launch it (through Playwright, or Lighthouse's flags).

Never ``playwright install``: ``CHROMIUM`` is the Debian package's binary. ``ARGS`` keep it headless,
sandbox-free (containers), and quiet on the network: no QUIC, no background, component or sync requests,
so that the only requests are the ones a page makes (the tests count those that leave the site).
"""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
