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

help: ## Liste les commandes
	@echo "Les commandes :"
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

html: $(VENV)/.docs ## Construit le site dans _build/html (un avertissement est une erreur)
	$(BIN)/sphinx-build -b html -c . -W --keep-going -n -d _build/doctrees $(SPHINXOPTS) docs _build/html

test: $(VENV)/.test node_modules/.installed ## Lance la suite de tests (elle construit aussi le site)
	$(BIN)/python -m pytest $(PYTESTOPTS)

.PHONY: bench
bench: $(VENV)/.docs bench/node_modules/.installed ## Scores Lighthouse et poids de l'accueil, face à furo nu
	$(BIN)/python bench/lighthouse.py

# Its links lead to itself: the local address is its public address.
live: $(VENV)/.docs ## Sert le site sur http://127.0.0.1:8000, reconstruit à chaque enregistrement
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/sphinx-autobuild -b html -c . -n --host 127.0.0.1 --port 8000 \
		--watch src $(SPHINXOPTS) docs _build/live

lock: $(VENV)/.test ## Recalcule les versions épinglées (requirements/*.txt) depuis pyproject.toml
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --no-header \
		--extra docs -o requirements/docs.txt
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --no-header \
		--extra docs --extra test -c requirements/docs.txt -o requirements/test.txt

# -- Sharing by email (README.md, « Partager le site ») -----------------------------
# Quiet builds (-q, stdout dropped): what goes wrong goes to stderr, and -W stops
# them. pitch and links need the public address: SITE_URL=https://…/, or
# site_url in conf.py; without it, they say so and stop.

pitch: $(VENV)/.docs ## Écrit le pitch pour un courriel : _build/pitch/pitch.txt et pitch.html
	$(BIN)/sphinx-build -b pitch -c . -W --keep-going -n -q $(SPHINXOPTS) docs _build/pitch >/dev/null
	@echo "_build/pitch/pitch.txt _build/pitch/pitch.html"

links: $(VENV)/.docs ## Affiche chaque page, section et entrée du lexique en « Titre — URL »
	@$(BIN)/sphinx-build -b links -c . -W --keep-going -n -q $(SPHINXOPTS) docs _build/links >/dev/null
	@cat _build/links/links.txt

published-links: $(VENV)/.docs ## Ajoute les pages, sections et termes d'aujourd'hui à docs/published-links.txt
	@$(BIN)/sphinx-build -b published-links -c . -W --keep-going -n -q $(SPHINXOPTS) docs _build/links >/dev/null
	@$(BIN)/python tools/published_links.py _build/links/published-links.txt docs/published-links.txt

# Sphinx compiles the interface's catalogue (.po) next to it, in the sources.
clean: ## Efface ce que les constructions ont écrit (garde .venv)
	rm -rf _build .pytest_cache .hypothesis locale/fr/LC_MESSAGES/sphinx.mo
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
