#!/usr/bin/env bash
# Fetch the pure-Python wheels that the calculator tests need inside Pyodide
# (pytest, Hypothesis and their dependencies). The npm `pyodide` package ships
# only the core, so tests/pyodide/run_in_pyodide.mjs unpacks these from disk.
#
# Idempotent: a wheel already in the cache is not fetched again, and one left
# from an older pin is removed. Versions are pinned; they are the host's
# (requirements.lock) except Hypothesis, see below.
set -euo pipefail

cd "$(dirname "$0")/.."
DEST="${PYODIDE_WHEELS_DIR:-.cache/pyodide-wheels}"
PYTHON="${PYODIDE_WHEELS_PYTHON:-.venv/bin/python}"  # any Python with pip

# name==version. Hypothesis is the last release with a pure-Python wheel
# (later ones ship a compiled extension); ruamel.yaml reads the translators'
# YAML because PyYAML has no pure-Python wheel either.
WHEELS=(
  pytest==9.2.0
  pluggy==1.7.0
  iniconfig==2.3.1
  packaging==26.3
  pygments==2.21.0
  hypothesis==6.155.7
  sortedcontainers==2.4.0
  ruamel.yaml==0.18.16
)

mkdir -p "$DEST"
shopt -s nullglob nocaseglob
missing=()
patterns=()
for spec in "${WHEELS[@]}"; do
  name="${spec%%==*}"
  version="${spec##*==}"
  # Wheel names spell the project with any of - _ . (ruamel.yaml keeps its dot).
  pattern="$(printf '%s' "$name" | sed 's/[-_.]/[-_.]/g')-${version}-*.whl"
  patterns+=("$pattern")
  if ! compgen -G "$DEST/$pattern" >/dev/null; then
    missing+=("$spec")
  fi
done

# The runner unpacks every wheel here: drop any left from an older pin.
for wheel in "$DEST"/*.whl; do
  pinned=false
  for pattern in "${patterns[@]}"; do
    # shellcheck disable=SC2053  # the pattern is meant to glob
    [[ "$(basename "$wheel")" == $pattern ]] && pinned=true
  done
  $pinned || { echo "removing unpinned $(basename "$wheel")"; rm -f "$wheel"; }
done

if ((${#missing[@]})); then
  "$PYTHON" -m pip download --quiet --disable-pip-version-check \
    --only-binary=:all: --no-deps \
    --python-version 3.14 --implementation py --abi none --platform any \
    -d "$DEST" "${missing[@]}"
fi
echo "pyodide wheels in $DEST: ${#WHEELS[@]} pinned, ${#missing[@]} fetched"
