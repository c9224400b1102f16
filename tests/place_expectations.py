"""What a guide's place should be, read from the YAML sources with plain PyYAML (not the site's own readers).

Shared by the build test (tests/site_build/test_guide_place.py) and the browser test
(tests/browser/test_guide_place.py). The rule is the one scripts/render/place.py states: a guide's way
in is its audience's (for both: the clients', then the partners'), else the first of the home page's
ways in that lists it.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from scripts.sources.tree import Tree

TREE = Tree()
HOME_ORDER = ("become_partner", "clients", "partners", "more")  # the home page's ways in, top to bottom
ORDERED = ("become_partner", "clients", "partners")  # "more" (See also) is not a task order
HEADING = {"become_partner": "become_partner", "clients": "for_clients", "partners": "for_partners", "more": "more"}
ANCHOR = {"become_partner": "become-partner", "clients": "clients", "partners": "partners", "more": "more"}
PREFERRED = {"clients": ("clients",), "partners": ("partners",), "both": ("clients", "partners")}


def read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def site_of(lang: str) -> dict:
    return read(TREE.site_source(lang))


def guides_of(lang: str) -> dict[str, dict]:
    return {path.stem: read(path) for path in TREE.guide_sources(lang)}


def expected_way(journeys: dict, guide_id: str, audience: str) -> str:
    order = list(PREFERRED[audience]) + [name for name in HOME_ORDER if name not in PREFERRED[audience]]
    return next(name for name in order if guide_id in journeys[name])
