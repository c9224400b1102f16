"""Cross-language checks of the sources, one module per family (Weblate's ``weblate/checks/`` layout)."""

from scripts.checks.base import REGISTRY, CannotRun, Check, Context, Finding, register, table_markdown
from scripts.checks.runner import SEVERITIES, Report, known_facts, report, run

__all__ = [
    "REGISTRY", "SEVERITIES", "CannotRun", "Check", "Context", "Finding", "Report",
    "known_facts", "register", "report", "run", "table_markdown",
]
