# ScanPrix support site. `make serve` and `make test` do all the set-up themselves.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# Material 9.8 prints a notice about its successor on every run; it is not a warning.
export NO_MKDOCS_2_WARNING := 1
# Debian's Chromium: the headless shell for the tests, the full browser for make bench (page
# weights, Lighthouse). harness/chromium.py says why.
export CHROMIUM_PATH ?= /usr/lib/chromium/chromium-headless-shell
export FULL_CHROMIUM_PATH ?= /usr/lib/chromium/chromium
SERVE_ADDR := 127.0.0.1:8000

.PHONY: serve build check test review bench dist dist-preview check-external lock system-deps bench-deps clean

## serve: build and serve both languages on http://127.0.0.1:8000 (reloads on changes to docs/,
## data/, overrides/ and mkdocs.yml), with the editor's marks and the review page (review.html)
serve: $(VENV)/.installed node_modules/.installed
	SITE_URL=http://$(SERVE_ADDR)/ $(BIN)/mkdocs serve --strict -a $(SERVE_ADDR)

## build: write the site to site/ (strict: any warning fails; node_modules: PurgeCSS). MkDocs
## renders, then the post-build pipeline (helpsite/pipeline, run by hooks/post_build.py) writes site/
build: $(VENV)/.installed node_modules/.installed
	$(BIN)/mkdocs build --strict

## check: links, content, HTML and spelling checks on the built site (no browser);
## make test runs the same checks on the clean site and on planted defects (tests/checks/)
check: build node_modules/.installed
	$(BIN)/python -m checks --site site

## test: everything: strict build, checks, browser, nginx and offline-bundle tests
test: build node_modules/.installed system-deps
	$(BIN)/pytest -n auto --dist loadgroup tests

## review: what blocks a release first (make dist names the same), then the content review list
review: $(VENV)/.installed
	$(BIN)/python -m scripts.review

## bench: build time, page weight, search index size, Lighthouse (prints a table)
bench: build node_modules/.installed system-deps bench-deps
	$(BIN)/python -m scripts.bench

## dist: a release: web-server archive and offline help ZIP in dist/, for SITE_URL (required).
## Refuses, listing each unconfirmed fact and page, until the release is ready (make review).
dist: $(VENV)/.installed node_modules/.installed
	$(BIN)/python -m scripts.dist

## dist-preview: the same archives for a staging address with unconfirmed content, for the
## company's reviewers only: SITE_URL=https://<staging host>/ PREVIEW_HTPASSWD=/etc/nginx/<name>.htpasswd
## make dist-preview. Every page says it is a preview (noindex), open facts are marked, review.html
## lists the open items, and nginx asks for a user and password on every path.
dist-preview: $(VENV)/.installed node_modules/.installed
	$(BIN)/python -m scripts.dist --preview

## check-external: check external links (needs internet; not part of make test)
check-external: build
	$(BIN)/python -m checks.links --external

## lock: re-pin every Python package after editing pyproject.toml
lock: $(VENV)/.installed
	$(BIN)/pip install -q pip-tools
	$(BIN)/pip-compile -q --extra test --generate-hashes --strip-extras --allow-unsafe \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

# The pinned packages, then the project's own packages (pyproject.toml) as an editable install,
# built with the pinned setuptools (no download outside the lock).
$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --require-hashes -r requirements.lock
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	touch $@

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Installs the Debian packages whose program is missing. $(1): program:package pairs (a program
# is a path or a command). Needs root, as in CI.
define debian-packages
	@missing=""; \
	for pair in $(1); do \
	  program=$${pair%%:*}; package=$${pair#*:}; \
	  test -x "$$program" || command -v "$$program" >/dev/null || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ]; then echo "Install as root:$$missing (apt-get install -y$$missing)"; exit 1; fi; \
	  echo "Installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

# What the tests need: Chromium's headless shell, nginx, Java for the HTML checker.
system-deps:
	$(call debian-packages,$(CHROMIUM_PATH):chromium-headless-shell /usr/sbin/nginx:nginx java:default-jre-headless)

# What make bench needs on top: the full Chromium for Lighthouse.
bench-deps:
	$(call debian-packages,$(FULL_CHROMIUM_PATH):chromium)

clean:
	rm -rf site dist test-output .pytest_cache
