"""The HTTP headers the built site needs, written next to it as ``site/_headers``.

``_headers`` is the format of Netlify and Cloudflare Pages;
``python -m scripts.site.headers --nginx site`` prints the same headers for nginx
(README, "Deploying"). Both come from ``rules()``, so they cannot drift.

The Content-Security-Policy lets scripts come only from the site itself, plus the
few inline scripts the theme's templates write into pages, each allowed by the
sha256 of its text. Those hashes come from the templates (Material's and
``overrides/``), known before the build: never from what the built pages happen
to contain. A built page holding any other inline script fails the build
(:func:`unexpected_scripts`), named with the source that produced it.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import re
import sys
from pathlib import Path

import jinja2
import material

from scripts.site.runtime import CORE_FILES, RUNTIME_DIR
from scripts.sources.tree import LANGUAGES, REFERENCE, ROOT

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


# The theme's templates: Material's own, then this project's overrides (mkdocs.yml custom_dir).
TEMPLATE_DIRS = (Path(material.__file__).resolve().parent / "templates", ROOT / "overrides")
# A template's inline script may print the page's base_url (Material's __md_scope): the values a page
# of this site can have: "/" (404 pages), "." (a language's home) and "../" repeated per folder level.
MAX_PAGE_DEPTH = 8
BASE_URLS = ("/", ".", *("/".join([".."] * depth) for depth in range(1, MAX_PAGE_DEPTH + 1)))


def intended_scripts(template_dirs: tuple[Path, ...] = TEMPLATE_DIRS) -> frozenset[str]:
    """The text of every inline script the templates can write, each base_url filled in."""
    environment = jinja2.Environment(autoescape=False, undefined=jinja2.ChainableUndefined)  # noqa: S701 - script text, not HTML
    found: set[str] = set()
    for folder in template_dirs:
        for template in sorted(folder.rglob("*.html")) if folder.is_dir() else ():
            for body in inline_scripts(template.read_text(encoding="utf-8")):
                if "{{" not in body and "{%" not in body:
                    found.add(body)
                    continue
                compiled = environment.from_string(body)
                found.update(compiled.render(config={"extra": {}}, base_url=base) for base in BASE_URLS)
    return frozenset(found)


def inline_script_hashes(intended: frozenset[str] | None = None) -> list[str]:
    """The CSP source of every inline script the site means to have (``intended_scripts()``), sorted."""
    return sorted(script_hash(script) for script in (intended_scripts() if intended is None else intended))


def unexpected_scripts(site_dir: str | Path, intended: frozenset[str] | None = None) -> list[str]:
    """``page: the source that made it`` for each built page holding an inline script the templates do not write."""
    site_dir = Path(site_dir)
    intended = intended_scripts() if intended is None else intended
    found = []
    for page in sorted(site_dir.rglob("*.html")):
        if any(script not in intended for script in inline_scripts(page.read_text(encoding="utf-8"))):
            found.append(f"{page.relative_to(site_dir).as_posix()}: an inline script no template writes — look at {source_of(page.relative_to(site_dir))}")
    return found


def source_of(page: Path) -> str:
    """The translator's file a built page comes from (site/de/guides/x/index.html -> docs/de/guides/x.yml)."""
    parts = list(page.parts)
    lang = parts.pop(0) if parts and parts[0] in LANGUAGES and parts[0] != REFERENCE else REFERENCE
    folders = parts[:-1]  # index.html
    if not folders:
        return f"docs/{lang}/site.yml"
    if folders[0] in ("guides", "calculators") and len(folders) == 2:
        return f"docs/{lang}/{folders[0]}/{folders[1]}.yml"
    if folders == ["glossary"]:
        return f"docs/{lang}/glossary.yml"
    return f"docs/{lang}/site.yml"


def content_security_policy(hashes: list[str]) -> str:
    return "; ".join(" ".join((directive, *sources, *(hashes if directive == "script-src" else ()))) for directive, sources in CSP.items())


def rules(site_dir: str | Path, intended: frozenset[str] | None = None) -> list[tuple[str, dict[str, str]]]:
    """(path pattern, headers) for the site in ``site_dir``; ``*`` matches any characters."""
    site_dir = Path(site_dir)
    everywhere = {"Content-Security-Policy": content_security_policy(inline_script_hashes(intended)), **SECURITY_HEADERS}
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


def write(site_dir: str | Path, intended: frozenset[str] | None = None) -> Path:
    """Write ``site_dir/_headers``; return its path."""
    target = Path(site_dir) / "_headers"
    target.write_text(headers_file(rules(site_dir, intended)), encoding="utf-8")
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
