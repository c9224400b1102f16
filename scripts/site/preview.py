"""The built site served the way the README tells people to deploy it: Debian's nginx.

``make preview`` (``python -m scripts.site.preview [--port N] [--site DIR]``)
writes an nginx configuration into ``.cache/preview/`` and runs nginx in the
foreground on it (Ctrl-C stops it). The ``server`` block is :func:`server_block`,
the very block README's "Deploying" shows (with ``/srv/kb/site`` for the root and
``listen 80``): the headers the build computed
(``python -m scripts.site.headers --nginx``, included from
``snippets/kb-headers.conf``), the MIME types the Pyodide worker needs, gzip (the
runtime's precompressed copies, the rest on the fly), a 404 page
per language and the ``sitemap.xml`` answer Material's language selector asks
for. Around it, only what lets nginx run as any user without touching ``/etc``
or ``/var``: pid file, logs and temporary files under the preview folder.
:func:`started` runs it for a block (the browser tests, the hostile and Lighthouse benchmarks).
"""

from __future__ import annotations

import argparse
import grp
import os
import pwd
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scripts.site import headers
from scripts.sources.tree import LANGUAGES, REFERENCE, ROOT

FOLDER = ROOT / ".cache" / "preview"
PORT = 8080
HEADERS_INCLUDE = "snippets/kb-headers.conf"
SYSTEM_MIME_TYPES = Path("/etc/nginx/mime.types")
# Non-root users' PATH has no /usr/sbin on Debian.
NGINX_PATHS = ("/usr/sbin/nginx", "/usr/local/sbin/nginx")
START_TIMEOUT_S = 30  # until nginx answers, on a busy machine


def server_block(root: str | Path, listen: str = "80") -> str:
    """The nginx ``server`` block for the built site in ``root`` (README, "Deploying")."""
    not_found = [f"    location /{lang}/ {{ error_page 404 /{lang}/404.html; }}" for lang in LANGUAGES if lang != REFERENCE]
    return "\n".join([
        "server {",
        f"    listen {listen};",
        f"    root {root};",
        f"    include {HEADERS_INCLUDE};  # python -m scripts.site.headers --nginx site: add_header lines, a location per runtime file",
        "    # Module workers need a JavaScript type for .mjs (nosniff refuses anything else), and .wasm application/wasm.",
        "    include mime.types;",
        "    types { text/javascript mjs; application/wasm wasm; }",
        "    # The runtime's gzip copies (pyodide.asm.wasm.gz, ...: scripts/site/runtime.py) sent as Content-Encoding: gzip,",
        "    # the browser decoding them; pages, styles, scripts and search indexes compressed on the fly.",
        "    gzip_static on;",
        "    gzip on;",
        "    gzip_vary on;",
        "    gzip_types text/css text/javascript application/javascript application/json image/svg+xml;",
        "    # A 404 page per language, French at the root (README: \"Search and 404 per language\").",
        *not_found,
        "    error_page 404 /404.html;",
        "    # Material's language selector and links fetch sitemap.xml next to each alternate page and next to",
        "    # the language's root: every one of them is the root sitemap, which lists each page with its languages.",
        "    location ~ /sitemap\\.xml$ { try_files /sitemap.xml =404; }",
        "}",
    ]) + "\n"  # fmt: skip


def write_config(site_dir: str | Path = ROOT / "site", port: int = PORT, folder: str | Path = FOLDER) -> Path:
    """Write ``folder/nginx.conf`` serving ``site_dir`` on 127.0.0.1:``port``; return its path.

    Everything nginx writes (pid, logs, request bodies) stays in ``folder``. Run as root, nginx's workers
    run as root too, so they can read a site in a private folder (a test's temporary copy).
    """
    site_dir, folder = Path(site_dir).resolve(), Path(folder).resolve()
    if not (site_dir / "index.html").is_file():
        raise FileNotFoundError(f"{site_dir}: no built site here; run `make build` first")
    (folder / "snippets").mkdir(parents=True, exist_ok=True)
    (folder / "temp").mkdir(exist_ok=True)
    (folder / HEADERS_INCLUDE).write_text(headers.nginx(headers.rules(site_dir)), encoding="utf-8")
    # `include mime.types` is relative to the configuration's folder, as in /etc/nginx.
    mime = folder / "mime.types"
    mime.unlink(missing_ok=True)
    mime.symlink_to(SYSTEM_MIME_TYPES)
    user = []
    if os.geteuid() == 0:
        user = [f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};"]
    temp = folder / "temp"
    conf = folder / "nginx.conf"
    conf.write_text("\n".join([
        "# Written by `python -m scripts.site.preview` (make preview): regenerated at each start.",
        *user,
        "worker_processes 1;",
        f"pid {folder / 'nginx.pid'};",
        f"error_log {folder / 'error.log'} warn;",
        "events { worker_connections 256; }",
        "http {",
        f"    access_log {folder / 'access.log'};",
        *(f"    {kind}_temp_path {temp / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")),
        *("    " + line if line else "" for line in server_block(site_dir, f"127.0.0.1:{port}").splitlines()),
        "}",
    ]) + "\n", encoding="utf-8")  # fmt: skip
    return conf


def nginx_executable() -> str:
    found = shutil.which("nginx") or next((p for p in NGINX_PATHS if os.access(p, os.X_OK)), None)
    if not found:
        raise FileNotFoundError("nginx is not installed: apt-get install -y nginx (make preview does)")
    return found


def command(conf: str | Path) -> list[str]:
    """nginx in the foreground on ``conf``; -e sends even its first messages to the preview folder's log."""
    conf = Path(conf)
    return [nginx_executable(), "-e", str(conf.parent / "error.log"), "-c", str(conf), "-g", "daemon off;"]


def check(conf: str | Path) -> None:
    """``nginx -t`` on ``conf``: a RuntimeError with nginx's words if it refuses it."""
    result = subprocess.run([*command(conf)[:-2], "-t", "-q"], capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise RuntimeError(f"nginx refuses {conf}:\n{result.stderr}")


def start(conf: str | Path, **popen) -> subprocess.Popen:
    """Start nginx on ``conf`` in the background; stop it with ``terminate()`` then ``wait()`` (or use :func:`started`)."""
    check(conf)
    return subprocess.Popen(command(conf), **popen)  # noqa: S603 - nginx, our own configuration


@contextmanager
def started(site_dir: str | Path, port: int, folder: str | Path, timeout: float = START_TIMEOUT_S) -> Iterator[str]:
    """nginx serving ``site_dir`` on 127.0.0.1:``port`` (configuration, pid and logs in ``folder``) for the block.

    Gives the address (``http://127.0.0.1:PORT``, no trailing slash) once ``/`` answers; a RuntimeError with
    nginx's error log if it stops or does not answer within ``timeout`` seconds. Stopped when the block ends.
    """
    conf = write_config(site_dir, port, folder)
    url = f"http://127.0.0.1:{port}"
    log = Path(conf).parent / "error.log"

    def said() -> str:
        return log.read_text(encoding="utf-8", errors="replace") if log.is_file() else "(no error.log)"

    process = start(conf, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"nginx stopped: {said()}")
            try:
                urllib.request.urlopen(f"{url}/", timeout=5).close()  # noqa: S310 - our loopback nginx
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"nginx not answering after {timeout} s: {said()}") from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def run(conf: str | Path) -> None:
    """Become nginx on ``conf``, in the foreground: Ctrl-C (or any signal) reaches nginx itself and stops it."""
    check(conf)
    arguments = command(conf)
    os.execv(arguments[0], arguments)  # noqa: S606 - nginx, our own configuration


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.site.preview", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=PORT, help=f"port on 127.0.0.1 (default: {PORT})")
    parser.add_argument("--site", default=str(ROOT / "site"), help="the built site (default: site)")
    parser.add_argument("--folder", default=str(FOLDER), help="where the configuration, pid and logs go (default: .cache/preview)")
    args = parser.parse_args(argv)
    try:
        conf = write_config(args.site, args.port, args.folder)
        print(f"serving {Path(args.site).resolve()} on http://127.0.0.1:{args.port}/ with nginx ({conf}); Ctrl-C stops it", file=sys.stderr, flush=True)
        run(conf)
        return 0  # not reached: run() becomes nginx
    except (FileNotFoundError, RuntimeError) as error:
        print(error, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
