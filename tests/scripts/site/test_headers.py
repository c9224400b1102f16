"""The Content-Security-Policy allows the scripts the templates write, and nothing a built page happens to hold."""

from __future__ import annotations

from pathlib import Path

from scripts.site import headers

# Material's palette script and its scope script for a page two folders deep, as Material 9.8 writes them.
PALETTE_START = 'var palette=__md_get("__palette");'
SCOPE_TWO_DEEP = '__md_scope=new URL("../..",location),'


def _page(site: Path, relative: str, head: str) -> None:
    path = site / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><head>{head}</head><body></body></html>", encoding="utf-8")


def test_the_templates_scripts_are_intended_with_every_page_depth():
    intended = headers.intended_scripts()
    assert any(script.startswith(PALETTE_START) for script in intended)
    assert any(script.startswith(SCOPE_TWO_DEEP) for script in intended)
    assert not any("{{" in script or "{%" in script for script in intended)


def test_the_policy_does_not_follow_what_pages_contain(tmp_path):
    clean, dirty = tmp_path / "clean", tmp_path / "dirty"
    _page(clean, "index.html", "")
    _page(dirty, "index.html", "<script>alert(document.domain)</script>")
    policy = headers.for_path(headers.rules(clean), "/")["Content-Security-Policy"]
    assert headers.for_path(headers.rules(dirty), "/")["Content-Security-Policy"] == policy
    assert headers.script_hash("alert(document.domain)") not in policy


def test_a_page_with_a_script_no_template_writes_is_named_with_its_source(tmp_path):
    _page(tmp_path, "en/guides/end-a-partnership/index.html", "<title>End</title><script>alert(document.domain)</script>")
    _page(tmp_path, "guides/add-a-client/index.html", "<script type='application/json'>{}</script>")
    [problem] = headers.unexpected_scripts(tmp_path)
    assert problem.startswith("en/guides/end-a-partnership/index.html: ")
    assert problem.endswith("docs/en/guides/end-a-partnership.yml")


def test_a_page_with_only_the_templates_scripts_passes(tmp_path):
    palette = next(script for script in headers.intended_scripts() if script.startswith(PALETTE_START))
    _page(tmp_path, "de/index.html", f"<script>{palette}</script>")
    assert headers.unexpected_scripts(tmp_path) == []


def test_a_page_is_traced_to_the_file_a_translator_edits():
    assert headers.source_of(Path("index.html")) == "docs/fr/site.yml"
    assert headers.source_of(Path("it/calculators/pricing/index.html")) == "docs/it/calculators/pricing.yml"
    assert headers.source_of(Path("es/glossary/index.html")) == "docs/es/glossary.yml"
    assert headers.source_of(Path("guides/vat-number/index.html")) == "docs/fr/guides/vat-number.yml"
