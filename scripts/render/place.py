"""The home page's ways in, and each guide's place in them.

The home page offers ways in, from site.yml's ``journeys``: for a company that wants to
become a Partner, for clients, for partners (each its guides in the order people do the
tasks), then "See also". A guide listed in no journey is still given a place: at the end
of its audience's ways in, by title. The home page and every guide page read the same
:func:`ways_in`, so a guide's previous and next are the guides the home page lists
around it.

A guide page shows its place (:func:`of`; scripts/render/markdown.py writes it into the
page's front matter, overrides/partials/kb-place.html shows it outside the searched text):

- a breadcrumb: the home page > the guide's way in > the guide. The way in of a guide
  listed in several: its audience's (a guide for both: the clients', then the partners'),
  else the first that lists it in the home page's order;
- for each way in that lists it in task order (not "See also"), that way in's previous
  and next guide, the breadcrumb's way in first.

Only the neighbours are named, never the whole list: a guide page's size does not
depend on the number of guides.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from scripts.sources.loader import Source, SourceError


@dataclass(frozen=True)
class WayIn:
    """One way in of the home page, as site.yml names it."""

    name: str  # its journey in site.yml's journeys
    heading: str  # the key of its heading in site.yml's home
    anchor: str  # the id of that heading on the home page
    audiences: frozenset[str]  # the audiences whose guides in no journey are added at its end
    ordered: bool  # a task order (previous and next guide); "See also" is not


WAYS_IN = (
    WayIn("become_partner", "become_partner", "become-partner", frozenset(), True),
    WayIn("clients", "for_clients", "clients", frozenset({"clients", "both"}), True),
    WayIn("partners", "for_partners", "partners", frozenset({"partners", "both"}), True),
    WayIn("more", "more", "more", frozenset(), False),
)
BY_NAME = {way.name: way for way in WAYS_IN}
# The way in a guide's breadcrumb names first, by the guide's audience; then the home page's order.
PREFERRED = {"clients": ("clients",), "partners": ("partners",), "both": ("clients", "partners")}


@dataclass(frozen=True)
class Way:
    """One way in as the home page lists it: its guides in order, and where each stands."""

    way: WayIn
    ids: tuple[str, ...]
    position: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Where each guide stands, looked up once per guide page (a list's index() would make the build quadratic).
        object.__setattr__(self, "position", {guide_id: index for index, guide_id in enumerate(self.ids)})

    def neighbours(self, guide_id: str) -> tuple[str | None, str | None]:
        index = self.position[guide_id]
        previous = self.ids[index - 1] if index > 0 else None
        following = self.ids[index + 1] if index + 1 < len(self.ids) else None
        return previous, following

    def __contains__(self, guide_id: str) -> bool:
        return guide_id in self.position


def journey(site: Source, name: str, known: Iterable[str]) -> list[str]:
    """The guide ids of one journey, in order; an unknown id is refused at its line."""
    known = set(known)
    ids = site.data.get("journeys", {}).get(name, [])
    for index, guide_id in enumerate(ids):
        if guide_id not in known:
            close = difflib.get_close_matches(guide_id, sorted(known), n=3, cutoff=0.5)
            fix = f"; did you mean {' or '.join(close)}?" if close else f"; no {guide_id!r} exists in this language"
            raise SourceError(
                site.path, site.line_of(("journeys", name, index)),
                f"journeys.{name}: guide '{guide_id}' does not exist{fix}",
            )
    return list(ids)


def ways_in(site: Source, guides: Iterable[Source], known: Iterable[str] | None = None) -> tuple[Way, ...]:
    """The home page's ways in, in its order, each with its guides (a guide in no journey: at its audience's ends).

    A journey may name only ``known`` guides (default: those of ``guides``): the language's guides.
    """
    guides = list(guides)
    known = set(g.data["id"] for g in guides) if known is None else set(known)
    journeys = {way.name: journey(site, way.name, known) for way in WAYS_IN}
    placed = {guide_id for ids in journeys.values() for guide_id in ids}
    unplaced = sorted((g for g in guides if g.data["id"] not in placed), key=lambda g: g.data["title"].casefold())
    ways = []
    for way in WAYS_IN:
        if way.name == "become_partner" and "journeys" not in site.data:
            continue  # (a site without journeys: its guides by audience, as they come)
        added = [g.data["id"] for g in unplaced if g.data["audience"] in way.audiences]
        ways.append(Way(way, tuple(dict.fromkeys(journeys[way.name] + added))))
    return tuple(ways)


@dataclass(frozen=True)
class Step:
    """A guide's place in one way in: its previous and next guide there (None at either end)."""

    way: WayIn
    previous: str | None
    next: str | None


@dataclass(frozen=True)
class Place:
    """Where a guide stands: the way in its breadcrumb names (None: listed nowhere), its steps in the ordered ones."""

    way: WayIn | None
    steps: tuple[Step, ...]


def of(ways: tuple[Way, ...], guide_id: str, audience: str) -> Place:
    """The place of one guide (see the module's rule for a guide listed in several ways in)."""
    listing = [w for w in ways if guide_id in w]
    order = {name: rank for rank, name in enumerate(PREFERRED.get(audience, ()))}
    # sorted() keeps the home page's order among equals: the audience's ways first, then that order.
    listing.sort(key=lambda w: order.get(w.way.name, len(order)))
    steps = []
    for w in listing:
        if w.way.ordered:
            previous, following = w.neighbours(guide_id)
            if previous or following:
                steps.append(Step(w.way, previous, following))
    return Place(listing[0].way if listing else None, tuple(steps))
