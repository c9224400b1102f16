"""axe-core on every page kind in every language, desktop and phone, light and dark schemes.

Builds a copy of the project (strictly), serves it locally, opens each page in
Debian's chromium, injects axe-core from ``node_modules`` and runs ``axe.run()``;
prints the violations by rule and impact (rule, impact, page views, nodes).
Run: ``python -m benchmarks.accessibility [--site DIR]`` (``--site``: an already
built site instead of a fresh build). Exit status 1 when a serious or critical
violation remains. tests/browser/test_accessibility.py asserts the same pages.
"""

from __future__ import annotations

import argparse
import collections
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks._chromium import ARGS, CHROMIUM
from benchmarks._project import ROOT, copy_project
from benchmarks._site_server import serve_folder
from scripts.sources.tree import LANGUAGES, REFERENCE

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
SCHEMES = ("light", "dark")
# One page of each kind (a guide with tables), as a path inside a language's folder.
PAGE_KINDS = {
    "home": "",
    "guide-index": "guides/",
    "guide": "guides/discount-and-cashback/",
    "eligibility": "calculators/eligibility/",
    "access": "calculators/access/",
    "pricing": "calculators/pricing/",
    "glossary": "glossary/",
    "status": "status/",
    "404": "404.html",  # the language's own 404 page, as the server answers a missing page
}
FAILING = ("serious", "critical")


def url_of(base: str, lang: str, kind: str) -> str:
    prefix = "" if lang == REFERENCE else f"{lang}/"
    return f"{base}/{prefix}{PAGE_KINDS[kind]}"


def build_site(tmp: Path) -> Path:
    project = copy_project(tmp / "project")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=project, env=env, check=True
    )
    return project / "site"


def new_context(browser, viewport: str, scheme: str):
    """A browser context at this size and colour scheme (Material follows prefers-color-scheme)."""
    return browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme, bypass_csp=True,
                               is_mobile=viewport == "phone", has_touch=viewport == "phone")


def axe_violations(page, url: str | None) -> list[dict]:
    """axe.run() on ``url`` once loaded (None: the page as it is now): the violations, each with its
    rule id, impact and node targets."""
    if url is not None:
        page.goto(url, wait_until="load")
        page.wait_for_function("() => document.querySelector('.md-content') !== null")
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ["violations"]});
        return r.violations.map(v => ({id: v.id, impact: v.impact,
            nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary}))}));
    }""")
    return result


def run(site: Path, languages=tuple(LANGUAGES), kinds=tuple(PAGE_KINDS)) -> list[dict]:
    """Every violation of every page view: dicts with lang, kind, viewport, scheme, id, impact, nodes."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    rows = []
    with serve_folder(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for viewport in VIEWPORTS:
            for scheme in SCHEMES:
                context = new_context(browser, viewport, scheme)
                page = context.new_page()
                for lang in languages:
                    for kind in kinds:
                        try:
                            violations = axe_violations(page, url_of(base, lang, kind))
                        except PlaywrightError:  # a renderer that crashed on a busy machine: once more, afresh
                            page.close()
                            page = context.new_page()
                            violations = axe_violations(page, url_of(base, lang, kind))
                        rows.extend({"lang": lang, "kind": kind, "viewport": viewport, "scheme": scheme, **violation}
                                    for violation in violations)
                context.close()
        browser.close()
    return rows


def table(rows: list[dict], views: int) -> str:
    by_rule: dict[tuple[str, str], list] = collections.defaultdict(lambda: [set(), 0])
    for row in rows:
        entry = by_rule[(row["id"], row["impact"])]
        entry[0].add((row["lang"], row["kind"], row["viewport"], row["scheme"]))
        entry[1] += len(row["nodes"])
    order = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}
    lines = [f"{views} page views (9 page kinds x {len(LANGUAGES)} languages x desktop/phone x light/dark)",
             f"{'rule':32} {'impact':9} {'views':>6} {'nodes':>6}"]
    for (rule, impact), (seen, nodes) in sorted(by_rule.items(), key=lambda item: (order.get(item[0][1], 9), item[0][0])):
        lines.append(f"{rule:32} {impact:9} {len(seen):6} {nodes:6}")
    serious = sum(n for (_, impact), (_, n) in by_rule.items() if impact in FAILING)
    lines.append(f"serious or critical nodes: {serious}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build a copy of the project)")
    parser.add_argument("--details", action="store_true", help="also print every serious or critical node")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_site(Path(tmp))
        rows = run(site)
    views = len(PAGE_KINDS) * len(LANGUAGES) * len(VIEWPORTS) * len(SCHEMES)
    print(table(rows, views))
    if args.details:
        for row in rows:
            if row["impact"] in FAILING:
                for node in row["nodes"]:
                    print(f"{row['lang']} {row['kind']} {row['viewport']} {row['scheme']} {row['id']}: {node['target']}"
                          f" | {node['summary'].splitlines()[-1].strip()}")
    return 1 if any(row["impact"] in FAILING for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
