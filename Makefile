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
.PHONY: help html test live lock clean

help: ## List the targets
	@echo "Targets:"
	@awk 'BEGIN {FS = ":.*## "} /^[a-z]+:.*## / {printf "  make %-6s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

html: $(VENV)/.docs ## Build the site into _build/html (warnings are errors)
	$(BIN)/sphinx-build -b html -c . -W --keep-going -n $(SPHINXOPTS) docs _build/html

test: $(VENV)/.test ## Run the test suite (builds the real site too)
	$(BIN)/python -m pytest $(PYTESTOPTS)

live: $(VENV)/.docs ## Serve the site on http://127.0.0.1:8000, rebuilt as you write
	$(BIN)/sphinx-autobuild -b html -c . -n --host 127.0.0.1 --port 8000 \
		--watch src $(SPHINXOPTS) docs _build/live

lock: $(VENV)/.test ## Pin the dependencies again (requirements/*.txt) from pyproject.toml
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --no-header \
		--extra docs -o requirements/docs.txt
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --no-header \
		--extra docs --extra test -c requirements/docs.txt -o requirements/test.txt

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
