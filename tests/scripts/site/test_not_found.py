"""The 404 page's language switcher leads to each language's home page, not to the last page built."""

from __future__ import annotations

from mkdocs.config.base import LegacyConfig

from scripts.site import not_found

HOMES = [{"name": "Français", "link": "/", "lang": "fr"}, {"name": "Deutsch", "link": "/de/", "lang": "de"}]


class Plugins(dict):
    pass


class Plugin:
    extra_alternate = HOMES


class Config(dict):
    def __init__(self):
        super().__init__()
        self.extra = LegacyConfig(())
        self.plugins = Plugins(i18n=Plugin())


def test_the_links_of_the_last_page_are_replaced_by_the_homes_item_and_attribute():
    config = Config()
    last_page = [{"name": "Français", "link": "guides/x/", "lang": "fr"}, {"name": "Deutsch", "link": "de/guides/x/", "lang": "de"}]
    config.extra["alternate"] = last_page
    config.extra.alternate = last_page  # mkdocs-static-i18n sets the attribute, which Jinja reads first
    not_found.home_language_links(config)
    assert config.extra["alternate"] == HOMES and config.extra.alternate == HOMES
    config.extra.alternate[0]["link"] = "changed"
    assert Plugin.extra_alternate[0]["link"] == "/", "a copy: rendering cannot change the plugin's own list"


def test_without_the_plugin_nothing_changes():
    config = Config()
    config.plugins = Plugins()
    config.extra["alternate"] = ["kept"]
    not_found.home_language_links(config)
    assert config.extra["alternate"] == ["kept"]
