"""Run every benchmark module of this package (each has a ``main()``), in name order."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import benchmarks


def main() -> int:
    status = 0
    for module in sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__)):
        if module.startswith("_"):
            continue
        print(f"== benchmarks.{module}", flush=True)
        entry = getattr(importlib.import_module(f"benchmarks.{module}"), "main", None)
        if entry is None:
            print(f"   (no main() in benchmarks/{module}.py: skipped)")
            continue
        status = max(status, entry() or 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
