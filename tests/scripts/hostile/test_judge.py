"""The judge of the hostile-translator properties sees what it must see: otherwise every property would pass."""

from __future__ import annotations

import pytest

from tests.scripts.hostile.support import judge, with_theme

EXECUTABLE = [
    "<p>x</p><script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    '<a href="&#106;ava&#x73;cript&colon;alert(1)">x</a>',
    '<a href=" JaVa&#9;Script:alert(1)">x</a>',
    '<a href="data:text/html,x">x</a>',
    '<form data-worker="javascript:x"></form>',
    '<script type="application/json" class="kb-setup">alert(1)</script>',
    '<script src="https://evil.example/calculators.js"></script>',
    "<iframe></iframe>",
    "<svg><script>alert(1)</script></svg>",
    '<svg onload="alert(1)"></svg>',
    '<svg><use href="other.svg#a"></use></svg>',
    "<svg><foreignObject><p>x</p></foreignObject></svg>",
    '<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>',
]


@pytest.mark.parametrize("html", EXECUTABLE, ids=range(len(EXECUTABLE)))
def test_the_judge_sees_what_could_run(html):
    assert judge(html).executable


def test_the_judge_passes_the_widgets_own_scripts_and_plain_text():
    html = ('<p>a &lt;script&gt; b</p><a href="https://x.example/javascript:1">x</a>'
            '<script type="application/json" class="kb-setup">{"a": "</b>"}</script>'
            '<script src="../../../assets/javascripts/calculators.js"></script>')
    found = judge(html)
    assert found.executable == [] and found.characters == []


def test_the_judge_passes_a_plain_drawing():
    """The calculators' pictures are SVG drawings built by the renderer: shapes and text run nothing."""
    html = '<figure><svg viewBox="0 0 10 10" role="img"><rect width="5" height="2"></rect><text x="1">1</text></svg></figure>'
    assert judge(html).executable == []


def test_the_theme_places_a_decoded_title_and_an_unescaped_site_name():
    """The two holes of issue 11 (findings 1 and 2) are visible to the judge once placed as the theme does."""
    title = '<h1 id="t">Fin &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;<a class="headerlink" href="#t">¶</a></h1>'
    assert judge(with_theme(title, "Site")).executable
    assert judge(with_theme("<h1>Fin</h1>", 'Site" autofocus onfocus="alert(1)" x="')).executable
    assert judge(with_theme("<h1>Fin</h1>", "Site")).executable == []


@pytest.mark.parametrize("char", ["\u202e", "\x1b", "\x00", "\U000e0041", "\u200f", "\ufeff"])
def test_the_judge_sees_forbidden_characters_in_text_and_attributes(char):
    assert judge(f"<p>a{char}b</p>").characters
    assert judge(f'<a title="a{char}b">x</a>').characters
    assert judge(f"<p>a&#{ord(char)};b</p>").characters  # a browser decodes the reference to the character
    assert judge(f'<a title="a&#x{ord(char):x}">x</a>').characters
