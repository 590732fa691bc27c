# The site and its Sphinx extension. Two commands do everything:
#   make html   builds the site into _build/html
#   make test   runs the test suite
# Both create .venv (again, when pyproject.toml or a lock file changes) and
# install the pinned versions from requirements/ before they run.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Extra options only: the source, config folder and strict flags are in the rules.
SPHINXOPTS ?=
PYTESTOPTS ?=

.DEFAULT_GOAL := help
.PHONY: help html test live lock clean pitch links published-links

help: ## List the targets
	@echo "Targets:"
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-15s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

html: $(VENV)/.docs ## Build the site into _build/html (warnings are errors)
	$(BIN)/sphinx-build -b html -c . -W --keep-going -n $(SPHINXOPTS) docs _build/html

test: $(VENV)/.test node_modules/.installed ## Run the test suite (builds the real site too)
	$(BIN)/python -m pytest $(PYTESTOPTS)

.PHONY: bench
bench: $(VENV)/.docs bench/node_modules/.installed ## Lighthouse's scores and the landing page's weight, against bare furo
	$(BIN)/python bench/lighthouse.py

live: $(VENV)/.docs ## Serve the site on http://127.0.0.1:8000, rebuilt as you write
	$(BIN)/sphinx-autobuild -b html -c . -n --host 127.0.0.1 --port 8000 \
		--watch src $(SPHINXOPTS) docs _build/live

lock: $(VENV)/.test ## Pin the dependencies again (requirements/*.txt) from pyproject.toml
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --no-header \
		--extra docs -o requirements/docs.txt
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --no-header \
		--extra docs --extra test -c requirements/docs.txt -o requirements/test.txt

# -- Sharing by email (README.md, « Partager le site ») -----------------------------
# sphinxext-opengraph prints a line about matplotlib on stdout: the builds of
# pitch and links keep stdout quiet (warnings go to stderr, and -W stops them).

pitch: $(VENV)/.docs ## Write the pitch for email: _build/pitch/pitch.txt and pitch.html
	$(BIN)/sphinx-build -b pitch -c . -W --keep-going -n -q $(SPHINXOPTS) docs _build/pitch >/dev/null
	@echo "_build/pitch/pitch.txt _build/pitch/pitch.html"

links: $(VENV)/.docs ## Print each page, section and lexicon entry as « Titre — URL »
	@$(BIN)/sphinx-build -b links -c . -W --keep-going -n -q $(SPHINXOPTS) docs _build/links >/dev/null
	@cat _build/links/links.txt

published-links: $(VENV)/.docs ## Add the current pages, sections and terms to docs/published-links.txt
	@$(BIN)/sphinx-build -b links -c . -W --keep-going -n -q $(SPHINXOPTS) docs _build/links >/dev/null
	@$(BIN)/python tools/published_links.py _build/links/published-links.txt docs/published-links.txt

clean: ## Remove what the builds wrote (keeps .venv)
	rm -rf _build .pytest_cache .hypothesis
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +

# -- Set-up ---------------------------------------------------------------------

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv --clear $(VENV)

$(VENV)/.docs: $(BIN)/python pyproject.toml requirements/docs.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/docs.txt -e .
	@touch $@

$(VENV)/.test: $(BIN)/python pyproject.toml requirements/test.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/test.txt -e .
	@touch $@

# The checkers the tests run (axe-core, vnu.jar: package.json) and the benchmark's
# Lighthouse (bench/package.json), from npm at the versions of the lock files.
# Without install scripts: none is needed (vnu-jar's would fetch a Java runtime).
define npm-ci
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js 20 and npm" \
		"(Debian: sudo apt-get install nodejs npm)" >&2; exit 1; }
	npm ci --prefix $(1) --no-audit --no-fund --ignore-scripts
	@touch $@
endef

node_modules/.installed: package.json package-lock.json
	$(call npm-ci,.)

bench/node_modules/.installed: bench/package.json bench/package-lock.json
	$(call npm-ci,bench)
