"""The grammar of what translators write inside a text: placeholders and links.

One definition, read by the checker (``scripts/checks``), the renderer
(``scripts/render``), the safety rules (``scripts/render/safety.py``) and the
widgets (``calculators.present``), so that what one accepts the others fill.
Standard library only: this module also runs in Pyodide.

- ``{{ name }}``: a fact of the program, filled at build time in the page's
  locale (``calculators.placeholders``). Names: letters, digits, ``_ . -``.
- ``{name}``: a parameter of a calculator text, filled at run time by the
  widget (:func:`fill_parameters`, called by ``calculators.present``). Names:
  lower-case snake_case, the only form it replaces; ``{Min}`` is not a parameter.
- ``[text](guide:<id>)``, ``[text](guide:<id>#<anchor>)``,
  ``[text](calculator:<name>)``: links to the site's own pages; other links
  are full ``https://`` or ``mailto:`` addresses.
"""

from __future__ import annotations

import re

# {{ name }}: a program fact, filled at build time.
FACT = re.compile(r"\{\{\s*([A-Za-z0-9_.-]*)\s*\}\}")
# {name}: a calculator text parameter, filled at run time (never next to another brace).
PARAMETER = re.compile(r"(?<!\{)\{([a-z_][a-z0-9_]*)\}(?!\})")
# Anything in single braces that looks like a parameter name but is not one ({Min}, {2}).
PARAMETER_LIKE = re.compile(r"(?<!\{)\{([A-Za-z0-9_]+)\}(?!\})")
# The destination of an inline Markdown link or image: ](dest) or ](<dest> "title").
LINK_DESTINATION = re.compile(r"\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
# A link to the site's own pages: guide:<id>[#anchor] or calculator:<name>.
INTERNAL_TARGET = re.compile(r"^(guide|calculator):([a-z0-9-]*)(?:#([A-Za-z0-9_-]+))?$")
# An inline link whose destination is the site's own page, as the renderer rewrites it.
INTERNAL_LINK = re.compile(r"\]\((guide|calculator):([a-z0-9-]*)(#[A-Za-z0-9_-]+)?\)")
# A full address to another site.
EXTERNAL_TARGET = re.compile(r"^(?:https?://\S+|mailto:\S+)$")


def fill_parameters(template: str, params: dict[str, str]) -> str:
    """``{name}`` replaced from ``params``; unknown names stay as written (never ``str.format`` on translated text)."""
    return PARAMETER.sub(lambda m: params.get(m.group(1), m.group(0)), template)


def link_destinations(text: str) -> list[str]:
    """Every inline link destination written in ``text``, in order."""
    return LINK_DESTINATION.findall(text)
