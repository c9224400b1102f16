"""Does a guide page stay the same size, and the build linear, as guides are added?

Copies the project into a temporary folder, multiplies each language's guides
to about N per language (copies of the real ones under new ids), runs the
strict build, and prints build time, site size and the median guide page size,
for the real project and for N guides. Run: python -m benchmarks.site_scale [N]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._project import copy_project


def make_tree(target: Path, per_language: int) -> None:
    copy_project(target)
    for lang_dir in (target / "docs").iterdir():
        guides = sorted((lang_dir / "guides").glob("*.yml"))
        if not guides:
            continue  # docs/assets
        copies = max(0, per_language - len(guides))
        for index in range(copies):
            original = guides[index % len(guides)]
            new_id = f"{original.stem}-copy-{index}"
            text = original.read_text(encoding="utf-8").replace(f"id: {original.stem}\n", f"id: {new_id}\n", 1)
            (lang_dir / "guides" / f"{new_id}.yml").write_text(text, encoding="utf-8")


def build(tree: Path) -> dict[str, float]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=tree, env=env, check=True
    )
    seconds = time.perf_counter() - start
    site = tree / "site"
    files = [p for p in site.rglob("*") if p.is_file()]
    guide_pages = [p.stat().st_size for p in site.glob("guides/*/index.html")]
    return {
        "seconds": seconds,
        "site_mb": sum(p.stat().st_size for p in files) / 1e6,
        "guide_pages_fr": len(guide_pages),
        "median_guide_kb": statistics.median(guide_pages) / 1e3,
    }


def main(per_language: int = 1000) -> None:
    results = {}
    for label, count in (("project", 0), (f"{per_language}/language", per_language)):
        with tempfile.TemporaryDirectory() as tmp:
            tree = Path(tmp)
            make_tree(tree, count)
            results[label] = build(tree)
        r = results[label]
        print(
            f"site_scale {label:>16}: {r['guide_pages_fr']:5d} guides/language, build {r['seconds']:7.1f} s,"
            f" site {r['site_mb']:8.1f} MB, median guide page {r['median_guide_kb']:6.1f} kB"
        )
    small, large = results.values()
    print(
        f"site_scale ratio: guide page size x{large['median_guide_kb'] / small['median_guide_kb']:.2f} "
        f"for x{large['guide_pages_fr'] / small['guide_pages_fr']:.0f} guides"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
