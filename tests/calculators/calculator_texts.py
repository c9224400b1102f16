"""The widget texts on disk (docs/<lang>/calculators/<name>.yml), read the same way on the host and in Pyodide.

Shared by the calculator tests that compare with what translators wrote; read with plain
YAML, independently of the project's strict loader.
"""

from __future__ import annotations

from pathlib import Path

try:
    import yaml

    def parse(text: str):
        return yaml.safe_load(text)

except ImportError:  # inside Pyodide, where PyYAML has no pure-Python wheel
    from ruamel.yaml import YAML

    def parse(text: str):
        return YAML(typ="safe", pure=True).load(text)


ROOT = Path(__file__).resolve().parents[2]


def path(lang: str, name: str) -> Path:
    return ROOT / "docs" / lang / "calculators" / f"{name}.yml"


def texts(lang: str, name: str) -> dict:
    """The texts of one file, without `source_hash` (translation bookkeeping written by `kb stamp`)."""
    data = parse(path(lang, name).read_text(encoding="utf-8"))
    data.pop("source_hash", None)
    return data
