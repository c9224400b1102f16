"""The HTTP headers the built site needs, written next to it as ``site/_headers``.

``_headers`` is the format of Netlify and Cloudflare Pages;
``python -m scripts.site.headers --nginx site`` prints the same headers for nginx
(README, "Deploying"). Both come from ``rules()``, so they cannot drift.

The Content-Security-Policy lets scripts come only from the site itself, plus the
few inline scripts Material writes into its pages, each allowed by the sha256 of
its text (computed from the built HTML, so a Material upgrade is followed).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import re
import sys
from pathlib import Path

from scripts.site.runtime import CORE_FILES, RUNTIME_DIR

# directive -> sources; script-src also gets the hashes of the inline scripts.
CSP: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    # 'wasm-unsafe-eval' lets Pyodide compile its WebAssembly; it does not allow eval() or new Function().
    "script-src": ("'self'", "'wasm-unsafe-eval'"),
    # Pyodide's module Web Worker (and Material's search worker) come from the site.
    "worker-src": ("'self'",),
    # fetch() of pyodide-lock.json, the wheel, the standard library and the search index.
    "connect-src": ("'self'",),
    # Material's icons (admonitions, lists, search) are data: SVG images in its stylesheet.
    "img-src": ("'self'", "data:"),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
    "frame-ancestors": ("'none'",),
}
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
# The Pyodide core changes only with its version (package-lock.json) but is served
# under fixed names: cached for a day, not forever. The lock file and the
# calculators wheel change together with every calculators release (the lock holds
# the wheel's sha256): always revalidated, so they never disagree.
CACHE_CORE = "public, max-age=86400"
CACHE_LOCKED = "no-cache"

_JS_TYPES = frozenset({"", "module", "text/javascript", "application/javascript"})


# A script element and its text, as the HTML tokenizer ends it (at the first "</script").
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script[\s/>]", re.IGNORECASE | re.DOTALL)
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script of ``html`` that a browser would run (not JSON data, not src=)."""
    found = []
    for match in _SCRIPT.finditer(html):
        attributes = {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or "" for m in _ATTRIBUTE.finditer(match.group(1))}
        if "src" not in attributes and attributes.get("type", "").strip().lower() in _JS_TYPES:
            found.append(match.group(2))
    return found


def script_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_script_hashes(site_dir: str | Path) -> list[str]:
    """The CSP source of every distinct inline script in the built pages, sorted."""
    found = set()
    for page in Path(site_dir).rglob("*.html"):
        found.update(script_hash(s) for s in inline_scripts(page.read_text(encoding="utf-8")))
    return sorted(found)


def content_security_policy(hashes: list[str]) -> str:
    return "; ".join(" ".join((directive, *sources, *(hashes if directive == "script-src" else ()))) for directive, sources in CSP.items())


def rules(site_dir: str | Path) -> list[tuple[str, dict[str, str]]]:
    """(path pattern, headers) for the site in ``site_dir``; ``*`` matches any characters."""
    site_dir = Path(site_dir)
    everywhere = {"Content-Security-Policy": content_security_policy(inline_script_hashes(site_dir)), **SECURITY_HEADERS}
    runtime = site_dir / RUNTIME_DIR
    result = [("/*", everywhere)]
    if runtime.is_dir():
        for path in sorted(runtime.iterdir()):
            cache = CACHE_CORE if path.name in CORE_FILES else CACHE_LOCKED
            result.append((f"/{RUNTIME_DIR.as_posix()}/{path.name}", {"Cache-Control": cache}))
    return result


def headers_file(site_rules: list[tuple[str, dict[str, str]]]) -> str:
    """Netlify / Cloudflare Pages ``_headers``."""
    lines = ["# Written by the build (scripts/site/headers.py): do not edit."]
    for pattern, headers in site_rules:
        lines.append(pattern)
        lines.extend(f"  {name}: {value}" for name, value in headers.items())
    return "\n".join(lines) + "\n"


def parse(text: str) -> list[tuple[str, dict[str, str]]]:
    """Read a ``_headers`` file back (the tests serve the site with it)."""
    result: list[tuple[str, dict[str, str]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            result.append((line.strip(), {}))
        else:
            name, _, value = line.strip().partition(":")
            result[-1][1][name.strip()] = value.strip()
    return result


def for_path(site_rules: list[tuple[str, dict[str, str]]], path: str) -> dict[str, str]:
    """Every header that applies to ``path``; later rules add to earlier ones, as on Netlify."""
    headers: dict[str, str] = {}
    for pattern, values in site_rules:
        if re.fullmatch(".*".join(map(re.escape, pattern.split("*"))), path):
            headers.update(values)
    return headers


def nginx(site_rules: list[tuple[str, dict[str, str]]]) -> str:
    """The same headers as nginx directives (an ``add_header`` in a location replaces the server's, so each repeats them)."""
    (_, everywhere), *specific = site_rules

    def adds(headers: dict[str, str], pad: str) -> list[str]:
        return [f'{pad}add_header {name} "{value}" always;' for name, value in headers.items()]

    lines = ["# Written by `python -m scripts.site.headers --nginx site`: regenerate after each build.", *adds(everywhere, "")]
    for pattern, headers in specific:
        lines += [f"location = {pattern} {{", *adds({**everywhere, **headers}, "    "), "}"]
    return "\n".join(lines) + "\n"


def write(site_dir: str | Path) -> Path:
    """Write ``site_dir/_headers``; return its path."""
    target = Path(site_dir) / "_headers"
    target.write_text(headers_file(rules(site_dir)), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.site.headers", description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", help="the built site (default: site)")
    parser.add_argument("--nginx", action="store_true", help="print nginx add_header lines instead of writing _headers")
    args = parser.parse_args(argv)
    if not Path(args.site).is_dir():
        print(f"{args.site}: no built site here; run `make build` first", file=sys.stderr)
        return 2
    if args.nginx:
        sys.stdout.write(nginx(rules(args.site)))
    else:
        print(write(args.site))
    return 0


if __name__ == "__main__":
    sys.exit(main())
