"""The project's own sources pass the translators' check: no error in any language (warnings allowed)."""

from __future__ import annotations

from scripts.checks import runner as checks


def test_the_project_s_sources_have_no_error():
    errors = [finding for finding in checks.run() if finding.is_error]
    assert errors == [], "\n" + "\n".join(map(str, errors))
