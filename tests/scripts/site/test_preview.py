"""scripts/site/preview.py's ``started``: nginx serves the folder for the block only, and says why when it cannot."""

from __future__ import annotations

import socket
import urllib.request

import pytest

from benchmarks._net import fetch, free_port
from scripts.site import preview


@pytest.fixture
def site(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<h1>served by nginx</h1>", encoding="utf-8")
    return tmp_path / "site"


def test_the_site_answers_inside_the_block_and_not_after(site, tmp_path):
    port = free_port()
    with preview.started(site, port, tmp_path / "nginx") as url:
        assert url == f"http://127.0.0.1:{port}"
        with urllib.request.urlopen(f"{url}/") as response:
            assert response.status == 200 and response.headers["Server"].startswith("nginx")
            assert response.read() == b"<h1>served by nginx</h1>"
    assert fetch(f"{url}/", timeout=5) == ""  # stopped: nothing listens on the port any more


def test_a_port_already_taken_is_an_error_with_nginx_s_words(site, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(RuntimeError, match=r"(?s)nginx stopped: .*Address already in use"), preview.started(site, port, tmp_path / "nginx"):
            pytest.fail("the block ran although nginx could not listen")
