"""Screenshots of every page kind in every language, desktop and phone, and a contact sheet to look at them.

Builds a copy of the project (strictly; or takes ``--built SITE_DIR``), serves it
locally as the tests do (every ``*/sitemap.xml`` is the root one; a missing page
under ``/<lang>/`` answers that language's 404 page, as the README's nginx does),
and saves a full-page PNG of each page kind in Debian's chromium at 1280x800 and
390x844 (a phone: mobile viewport, touch, device scale factor 1 to keep files
small), plus the dark scheme of the home and pricing pages in French. The search
dialog is shot as the screen shows it (it is fixed over the page), with a query
typed key by key. ``DIR/index.html`` lists every shot by page kind, with what
overflows in it (the page, a table that scrolls sideways, the header's title cut),
as measured in the page; the same notes are printed as the shots are taken.

Nothing waits a fixed time: a page is shot once loaded (its fonts too), a
calculator once its form is ``ready`` with nothing ``aria-busy``, the search once
it shows results. Run: ``python -m benchmarks.screenshots --out DIR [--lang fr ...]
[--kind pricing ...] [--built SITE_DIR] [--dry-run]``. Exit status 1 when a shot failed.
"""

from __future__ import annotations

import argparse
import html
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks._site_server import serve_folder
from benchmarks.accessibility import ARGS, CHROMIUM, build_site
from scripts.sources.tree import LANGUAGES, REFERENCE

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@dataclass(frozen=True)
class Kind:
    path: str  # inside a language's folder
    action: str = "page"  # "page" | "calculator" | "quantity" | "search" | "not-found"


# One page of each kind; a guide per audience (clients, partners, both: the last two with tables and tabs).
KINDS = {
    "home": Kind(""),
    "guide-index": Kind("guides/"),
    "guide-clients": Kind("guides/authorize-a-partner/"),
    "guide-partners": Kind("guides/discount-and-cashback/"),
    "guide-both": Kind("guides/end-a-partnership/"),
    "glossary": Kind("glossary/"),
    "eligibility": Kind("calculators/eligibility/", "calculator"),
    "access": Kind("calculators/access/", "calculator"),
    "pricing": Kind("calculators/pricing/", "calculator"),
    "pricing-quantity": Kind("calculators/pricing/", "quantity"),
    "status": Kind("status/"),
    "404": Kind("guides/no-such-guide/", "not-found"),
    "search": Kind("", "search"),
}
# The page kinds also shot in the dark scheme, and in which languages.
DARK = {"kinds": ("home", "pricing"), "languages": (REFERENCE,)}
# Typed into the pricing calculator's quantity: a quantity no sourced volume rate covers (the seeds give 35 only).
QUANTITY = "12"
# Typed into the search, a word each language's guides use; fr without its accent (the page writes "dégressif").
QUERIES = {"fr": "degressif", "en": "discount", "de": "Rabatt", "it": "sconto", "es": "descuento"}

FORM = "form[data-calculator]"
READY_MS = 120_000  # the calculators' runtime, first start on a busy, shared machine
REPLY_MS = 60_000
# A calculator shows the answer to its inputs: the runtime is ready and no result is marked out of date.
SETTLED = f"""() => {{
  const form = document.querySelector('{FORM}');
  return form && form.dataset.state === 'ready' && !form.querySelector('[aria-busy="true"]');
}}"""
# What a reader cannot see without scrolling sideways: the page, each scrolling box (tables), the header's title.
OVERFLOW = """() => {
  const notes = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth) notes.push(`page ${doc.scrollWidth} px wide in ${doc.clientWidth}`);
  const boxes = [...document.querySelectorAll(".md-content .kb-scroll, .md-content .md-typeset__scrollwrap")]
    .filter((box) => box.scrollWidth > box.clientWidth + 1);
  for (const box of boxes) {
    if (boxes.some((other) => other !== box && box.contains(other))) continue;  // the inner box says it
    const name = box.closest("[aria-label]")?.getAttribute("aria-label") || box.querySelector("caption, th")?.textContent.trim() || "a table";
    notes.push(`"${name.slice(0, 40)}" scrolls sideways: ${box.scrollWidth} px in ${box.clientWidth}`);
  }
  const title = document.querySelector(".md-header__topic .md-ellipsis");
  if (title && title.scrollWidth > title.clientWidth + 1) notes.push(`header title cut: ${title.scrollWidth} px in ${title.clientWidth}`);
  return notes;
}"""


@dataclass(frozen=True)
class Shot:
    lang: str
    viewport: str
    scheme: str
    kind: str

    @property
    def name(self) -> str:
        scheme = "" if self.scheme == "light" else f"-{self.scheme}"
        return f"{self.lang}-{self.viewport}{scheme}-{self.kind}.png"

    def url(self, base: str) -> str:
        prefix = "" if self.lang == REFERENCE else f"{self.lang}/"
        return f"{base}/{prefix}{KINDS[self.kind].path}"


def plan(languages=tuple(LANGUAGES), kinds=tuple(KINDS)) -> list[Shot]:
    """Every shot, in the order taken: per viewport and scheme, per language, per page kind."""
    shots = [Shot(lang, viewport, "light", kind) for viewport in VIEWPORTS for lang in languages for kind in kinds]
    shots += [Shot(lang, viewport, "dark", kind) for viewport in VIEWPORTS for lang in languages for kind in kinds
              if lang in DARK["languages"] and kind in DARK["kinds"]]
    return shots


def new_context(browser, viewport: str, scheme: str):
    phone = viewport == "phone"
    return browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme, is_mobile=phone, has_touch=phone,
                               device_scale_factor=1)


def _loaded(page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_selector(".md-content", state="attached")
    page.evaluate("() => document.fonts.ready.then(() => true)")


def _open_search(page, query: str, phone: bool) -> None:
    """Open Material's search as a reader does (the box on a desktop, a tap on the magnifier on a phone) and type."""
    page.wait_for_load_state("networkidle")  # the search worker has fetched its index
    box = page.locator(".md-search__input").first
    if phone:
        # Where the reader's finger lands (Material lays a transparent label for the same toggle over the button).
        button = page.locator('label.md-header__button[for="__search"] >> visible=true').first.bounding_box()
        page.touchscreen.tap(button["x"] + button["width"] / 2, button["y"] + button["height"] / 2)
        page.wait_for_function("() => document.getElementById('__search').checked")
        box.focus()
    else:
        box.click()
    box.press_sequentially(query, delay=30)  # Material searches on key presses, not on fill()
    page.locator(".md-search-result__item").first.wait_for(timeout=REPLY_MS)


def _type_quantity(page, quantity: str) -> None:
    """Type a quantity by keyboard once the calculator is ready; wait until the result answers it."""
    page.wait_for_function(SETTLED, timeout=READY_MS)
    field = page.locator(f"{FORM} input[name=quantity]")
    field.focus()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(quantity)
    page.keyboard.press("Tab")  # leaving the field commits the edit
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('quantity') === '{quantity}'", timeout=REPLY_MS)
    page.wait_for_function(SETTLED, timeout=REPLY_MS)


def take(page, shot: Shot, base: str, out: Path) -> list[str]:
    """Save the shot; what overflows in it (OVERFLOW)."""
    kind = KINDS[shot.kind]
    _loaded(page, shot.url(base))
    if kind.action == "calculator":
        page.wait_for_function(SETTLED, timeout=READY_MS)
    elif kind.action == "quantity":
        _type_quantity(page, QUANTITY)
    elif kind.action == "search":
        _open_search(page, QUERIES.get(shot.lang, "partner"), shot.viewport == "phone")
    # Back to the top of the page (typing or searching may have scrolled), then the whole page.
    if kind.action != "search":
        page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=str(out / shot.name), full_page=kind.action != "search", animations="disabled", caret="initial")
    return page.evaluate(OVERFLOW)


def run(site: Path, out: Path, shots: list[Shot]) -> tuple[list[tuple[Shot, str]], dict[Shot, list[str]]]:
    """Take every shot into ``out``; the shots that failed, with why, and what overflows in each."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    failed, notes = [], {}
    with serve_folder(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        groups: dict[tuple[str, str], list[Shot]] = {}
        for shot in shots:
            groups.setdefault((shot.viewport, shot.scheme), []).append(shot)
        for (viewport, scheme), group in groups.items():
            context = new_context(browser, viewport, scheme)
            for shot in group:
                page = context.new_page()  # a fresh page: no search left open, no calculator state
                try:
                    notes[shot] = take(page, shot, base, out)
                    print(f"  {shot.name}" + "".join(f"\n    {note}" for note in notes[shot]), flush=True)
                except PlaywrightError as error:
                    failed.append((shot, str(error).splitlines()[0]))
                    print(f"  {shot.name}: FAILED {str(error).splitlines()[0]}", flush=True)
                finally:
                    page.close()
            context.close()
        browser.close()
    return failed, notes


def contact_sheet(shots: list[Shot], failed: list[tuple[Shot, str]], notes: dict[Shot, list[str]] | None = None) -> str:
    """index.html: per page kind, a row per language, desktop then phone (same scale, the top of long pages),
    each picture a link to the full-size file."""
    why = {shot: reason for shot, reason in failed}
    kinds = list(dict.fromkeys(shot.kind for shot in shots))
    parts = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8"><title>Screenshots</title>',
             "<style>body{font:14px system-ui,sans-serif;margin:1rem}figure{display:inline-block;vertical-align:top;"
             "margin:0 .75rem .75rem 0}figure a{display:inline-block;max-height:640px;overflow:hidden;border:1px solid #888}"
             "img{display:block;width:320px}img.phone{width:98px}"
             "figcaption{font-family:monospace;max-width:320px}.failed,.notes{color:#a00}</style></head><body>",
             f"<h1>Screenshots: {len(shots)} shots, {len(failed)} failed</h1>",
             "<nav>" + " · ".join(f'<a href="#{html.escape(k)}">{html.escape(k)}</a>' for k in kinds) + "</nav>"]
    for kind in kinds:
        parts.append(f'<h2 id="{html.escape(kind)}">{html.escape(kind)} <small>/{html.escape(KINDS[kind].path)}</small></h2>')
        for lang in dict.fromkeys(shot.lang for shot in shots if shot.kind == kind):
            parts.append("<div>")
            for shot in (s for s in shots if s.kind == kind and s.lang == lang):
                name = html.escape(shot.name)
                if shot in why:
                    parts.append(f'<figure><figcaption class="failed">{name}: {html.escape(why[shot])}</figcaption></figure>')
                else:
                    parts.append(f'<figure><a href="{name}"><img src="{name}" alt="{name}" class="{shot.viewport}" loading="lazy"></a>'
                                 f"<figcaption>{name}" + "".join(f'<br><span class="notes">{html.escape(note)}</span>'
                                                                 for note in (notes or {}).get(shot, [])) + "</figcaption></figure>")
            parts.append("</div>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


# Not named main(): `python -m benchmarks` (make bench) runs every module's main(), and this one gives
# pictures to look at, not figures; it runs only when asked for.
def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="the folder of the PNG files and index.html")
    parser.add_argument("--lang", action="append", choices=list(LANGUAGES), help="only this language (repeatable)")
    parser.add_argument("--kind", action="append", choices=list(KINDS), help="only this page kind (repeatable)")
    parser.add_argument("--built", type=Path, help="an already built site (default: build a copy of the project)")
    parser.add_argument("--dry-run", action="store_true", help="print the planned file names and addresses, take nothing")
    args = parser.parse_args(argv)
    shots = plan(tuple(args.lang or LANGUAGES), tuple(args.kind or KINDS))
    if args.dry_run:
        for shot in shots:
            print(f"{shot.name}\t{shot.url('')}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        site = args.built or build_site(Path(tmp))
        failed, notes = run(site, args.out, shots)
    (args.out / "index.html").write_text(contact_sheet(shots, failed, notes), encoding="utf-8")
    print(f"{len(shots) - len(failed)} of {len(shots)} shots in {args.out}; contact sheet: {args.out / 'index.html'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(cli(sys.argv[1:]))
