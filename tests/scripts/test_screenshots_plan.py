"""benchmarks/screenshots.py's pure parts: the shots it plans, their file names and addresses, its 404 answers."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from benchmarks import screenshots
from benchmarks._site_server import serve_folder

LANGUAGES = ("fr", "en", "de", "it", "es")
# The page kinds the brief asks for (issue 13, "Tests and report"), one guide per audience.
KINDS = {"home", "guide-index", "guide-clients", "guide-partners", "guide-both", "glossary", "eligibility", "access",
         "pricing", "pricing-quantity", "status", "404", "search"}


def test_every_page_kind_in_every_language_desktop_and_phone_and_the_dark_ones():
    names = [shot.name for shot in screenshots.plan()]
    assert len(names) == len(set(names))
    expected = {f"{lang}-{viewport}-{kind}.png" for lang in LANGUAGES for viewport in ("desktop", "phone") for kind in KINDS}
    expected |= {f"fr-{viewport}-dark-{kind}.png" for viewport in ("desktop", "phone") for kind in ("home", "pricing")}
    assert set(names) == expected


def test_a_plan_for_some_languages_and_kinds_holds_only_those():
    names = {shot.name for shot in screenshots.plan(("de",), ("pricing", "search"))}
    assert names == {"de-desktop-pricing.png", "de-phone-pricing.png", "de-desktop-search.png", "de-phone-search.png"}


def test_french_is_at_the_root_and_the_others_under_their_code():
    shot = screenshots.Shot("fr", "desktop", "light", "pricing")
    assert shot.url("http://h") == "http://h/calculators/pricing/"
    assert screenshots.Shot("it", "phone", "light", "home").url("http://h") == "http://h/it/"
    assert screenshots.Shot("es", "phone", "light", "404").url("http://h").startswith("http://h/es/")


def test_the_sizes_are_the_briefs():
    assert screenshots.VIEWPORTS == {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def test_dry_run_prints_the_plan_and_takes_nothing(tmp_path, capsys):
    out = tmp_path / "shots"
    assert screenshots.cli(["--out", str(out), "--lang", "en", "--kind", "home", "--dry-run"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["en-desktop-home.png\t/en/", "en-phone-home.png\t/en/"]
    assert not out.exists()


@pytest.fixture
def served(tmp_path):
    for folder, text in (("", "fr 404"), ("de/", "de 404")):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / "404.html").write_text(f"<p>{text}</p>", encoding="utf-8")
    (tmp_path / "de" / "index.html").write_text("<p>de home</p>", encoding="utf-8")
    with serve_folder(tmp_path) as base:  # the server screenshots.run uses
        yield base


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our loopback server
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_a_missing_page_answers_its_languages_404_page(served):
    assert fetch(f"{served}/de/") == (200, "<p>de home</p>")
    assert fetch(f"{served}/de/guides/no-such-guide/") == (404, "<p>de 404</p>")
    assert fetch(f"{served}/guides/no-such-guide/") == (404, "<p>fr 404</p>")
    assert fetch(f"{served}/xx/nothing") == (404, "<p>fr 404</p>")


def test_the_contact_sheet_links_every_shot_and_says_what_failed_or_overflows():
    ok, cut, broken = (screenshots.Shot("de", "phone", "light", kind) for kind in ("home", "access", "search"))
    sheet = screenshots.contact_sheet([ok, cut, broken], [(broken, "Timeout <30000ms>")],
                                      {ok: [], cut: ['"Vergleich" scrolls sideways: 477 px in 358']})
    assert '<a href="de-phone-home.png"><img src="de-phone-home.png"' in sheet
    assert "&quot;Vergleich&quot; scrolls sideways: 477 px in 358" in sheet
    assert "Timeout &lt;30000ms&gt;" in sheet and 'src="de-phone-search.png"' not in sheet
