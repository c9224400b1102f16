"""All families at once through `make build`'s command: one copy holding one hostile attempt per file
(benchmarks/hostile.py's catalogue) must fail to build, naming each at path:line, with no traceback
and no file left behind; the attempts `kb check` accepts, built into a second copy, stay inert on
every built page (read with an HTML parser)."""

from __future__ import annotations

import pytest

from benchmarks import hostile


@pytest.mark.build
def test_hostile_attempts_are_refused_at_their_line_or_built_inert(tmp_path):
    first_round = hostile._place(hostile.catalogue())[0]  # one attempt per (language, file)
    notes: list[str] = []
    hostile.check_round(tmp_path, 0, first_round, notes)
    accepted = [attempt for attempt in first_round if attempt.outcome == "passed check"]
    assert accepted, "no attempt reaches the build: the sanitizer would not be exercised"
    for attempt in accepted:
        attempt.placed = ("", "")
    for index, batch in enumerate(hostile._place(accepted)):
        hostile.build_round(tmp_path, index, batch, notes)
    outcomes = {f"{a.family}. {a.name}": (a.outcome, a.detail) for a in first_round}
    expected_elsewhere = {"6. double quote closed by a later line"}  # the loader's known gap (see test_unterminated_quotes)
    wrong = {name: found for name, found in outcomes.items()
             if found[0] not in ("refused", "sanitized") and name not in expected_elsewhere}  # fmt: skip
    assert wrong == {}
    assert notes == []
