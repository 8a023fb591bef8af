# Engage: `make run` sets everything up and serves the demo; `make test` runs the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
PYTEST_ARGS ?=

.PHONY: run test install install-dev assets translations check-translations lint clean

run: install assets translations
	$(FLASK) db upgrade
	$(FLASK) demo load
	$(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

test: install-dev assets translations
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/activate requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

assets: node_modules/.package-lock.json
	npm run --silent build

# Compiled catalogs are build output; the .po files are the source.
translations: install
	$(BIN)/pybabel -q compile -d translations

# Re-extract every string (interface and survey content) into the committed template, then update catalogs.
check-translations: install
	PYTHONPATH=. $(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_ngettext:1,2 --no-location --sort-output --project Engage -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete

lint: install-dev
	$(BIN)/ruff check engage tests bench
	$(BIN)/ruff format --check engage tests bench

clean:
	rm -rf $(VENV) node_modules engage/static/dist
