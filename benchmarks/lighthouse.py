"""Lighthouse scores (accessibility, best practices, SEO) of the home, a guide and the pricing calculator.

Builds a copy of the project (strictly; or takes ``--site DIR``), serves it the way
it is deployed (Debian's nginx with the generated headers: scripts/site/preview.py)
on a free loopback port, and runs Lighthouse from ``node_modules`` (pinned in
package.json) with Debian's chromium, offline, for the desktop and the mobile
presets. Target: 95 or more everywhere. Run: ``python -m benchmarks.lighthouse
[--site DIR] [--lang fr]``; ``--details`` lists the audits that lost points.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks._chromium import ARGS, CHROMIUM
from benchmarks._net import free_port
from benchmarks._project import ROOT
from benchmarks.accessibility import build_site
from scripts.site import preview
from scripts.sources.tree import REFERENCE

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = {"home": "", "guide": "guides/discount-and-cashback/", "pricing": "calculators/pricing/"}
FORM_FACTORS = ("desktop", "mobile")
CATEGORIES = ("accessibility", "best-practices", "seo")
TARGET = 95


def lighthouse(url: str, form_factor: str, out: Path) -> dict:
    """Lighthouse's JSON report of ``url`` (only the three categories)."""
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(ARGS)}",
               "--disable-full-page-screenshot"]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)  # noqa: S603 - our pinned lighthouse
    return json.loads(out.read_text(encoding="utf-8"))


def scores(report: dict) -> dict[str, int]:
    return {name: round((report["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}


def lost_points(report: dict) -> list[str]:
    """The audits of the three categories that did not pass, with their titles."""
    lost = []
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) and audit.get("score") is not None and audit["score"] < 1:
                lost.append(f"{name}: {ref['id']} ({audit['title']})")
    return lost


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build a copy of the project)")
    parser.add_argument("--lang", default=REFERENCE, help="the language of the pages (default: fr)")
    parser.add_argument("--details", action="store_true", help="list the audits that lost points")
    args = parser.parse_args(argv)
    prefix = "" if args.lang == REFERENCE else f"{args.lang}/"
    below = 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        site = args.site or build_site(tmp)
        with preview.started(site.resolve(), free_port(), tmp / "nginx") as base:
            print(f"Lighthouse {json.loads((ROOT / 'node_modules/lighthouse/package.json').read_text())['version']}"
                  f" on {base} (nginx), language {args.lang}; target {TARGET}+")
            print(f"{'page':8} {'form':8} " + " ".join(f"{name:>14}" for name in CATEGORIES))
            for page, path in PAGES.items():
                for form_factor in FORM_FACTORS:
                    report = lighthouse(f"{base}/{prefix}{path}", form_factor, tmp / f"{page}-{form_factor}.json")
                    got = scores(report)
                    below += sum(score < TARGET for score in got.values())
                    print(f"{page:8} {form_factor:8} " + " ".join(f"{got[name]:>14}" for name in CATEGORIES), flush=True)
                    if args.details:
                        for line in lost_points(report):
                            print(f"    {line}")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
