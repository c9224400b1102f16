# Setup is part of every target: each one installs what is missing, then runs.
#   make serve   the site on http://127.0.0.1:8000 with live reload
#   make test    every test (unit, build, browser in Debian chromium, Pyodide under Node)
#   make build   the site into site/
#   make preview the built site on http://127.0.0.1:8080 with nginx, as the README deploys it
#   make check   the translators' cross-language check (python -m scripts.kb check)
#   make bench   figures: checker scale, calculator load and response times, axe-core and Lighthouse

SHELL := /bin/bash
.DEFAULT_GOAL := help
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

# Python 3.13.0 is selected by .python-version (pyenv); pyodide-build needs >= 3.12.
PYTHON ?= $(shell command -v pyenv >/dev/null && pyenv which python 2>/dev/null || command -v python3.13 || echo python3)
VENV := .venv
PY := $(VENV)/bin/python
CHROMIUM := /usr/bin/chromium
NGINX := /usr/sbin/nginx
# The spelling check's hunspell dictionaries, read through libenchant (scripts/checks/spelling.py).
DICTIONARIES := /usr/share/hunspell/es_ES.dic

.PHONY: help setup serve build preview test check status bench lint clean

help:
	@sed -n '2,8p' Makefile

$(VENV)/.installed: requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 12), "Python >= 3.12 needed (see .python-version)"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

$(NGINX):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null

$(DICTIONARIES):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libenchant-2-2 \
		hunspell-fr hunspell-en-us hunspell-de-de hunspell-it hunspell-es >/dev/null

.cache/pyodide-wheels/.fetched: scripts/fetch_pyodide_wheels.sh $(VENV)/.installed
	bash scripts/fetch_pyodide_wheels.sh
	touch $@

setup: $(VENV)/.installed node_modules/.installed $(DICTIONARIES)

# One full build, then a saved guide rebuilds only its pages (scripts/site/serve.py).
serve: setup
	$(PY) -m scripts.site.serve

build: setup
	$(PY) -m scripts.site.build

# Builds first when site/ is missing or older than a source; then nginx in the foreground (Ctrl-C stops it).
SOURCES_NEWER_THAN_SITE = find mkdocs.yml docs overrides calculators scripts pyproject.toml requirements.lock -newer site/index.html \
	-type f ! -name '*.md' ! -name '*.pyc' ! -path '*/__pycache__/*' -print -quit 2>/dev/null
preview: setup $(NGINX)
	@if [ ! -f site/index.html ] || [ -n "$$($(SOURCES_NEWER_THAN_SITE))" ]; then $(MAKE) --no-print-directory build; fi
	$(PY) -m scripts.site.preview --port 8080

check: setup
	$(PY) -m scripts.kb check

status: setup
	$(PY) -m scripts.kb status

lint: setup
	$(VENV)/bin/ruff check .

test: setup $(CHROMIUM) $(NGINX) .cache/pyodide-wheels/.fetched
	$(VENV)/bin/ruff check .
	$(PY) -m pytest

bench: setup $(CHROMIUM) $(NGINX)
	$(PY) -m benchmarks

clean:
	rm -rf site .cache dist build $(VENV) node_modules
