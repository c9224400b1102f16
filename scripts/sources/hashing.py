"""The fingerprint of a reference (fr) text that a translation records as ``source_hash``.

It hashes the loaded data, not the bytes, so re-indenting or re-wrapping the
fr file does not make every translation stale; changing a word does.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

KEY = "source_hash"
LENGTH = 12  # the schemas' pattern: ^[0-9a-f]{12}$
PATTERN = re.compile(rf"^[0-9a-f]{{{LENGTH}}}$")


def source_hash(data: Any) -> str:
    """First 12 hex digits of the sha256 of the canonical JSON of ``data`` (its own ``source_hash`` left out)."""
    if isinstance(data, dict):
        data = {key: value for key, value in data.items() if key != KEY}
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:LENGTH]
