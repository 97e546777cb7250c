# Two commands for a fresh machine with Python 3.11: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test install compile migrate seed lint format messages clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

# Bytecode for the project's own modules (pip compiles the dependencies as it installs them).
# The web service cannot write it (its unit keeps the code read-only): whatever no earlier
# command wrote, each start of gunicorn compiles again before it answers. Run after each update.
compile: install
	$(BIN)/python -m compileall -q -j 0 cms home storefront legal analytics

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo

run: seed
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the gettext catalogues after changing user-facing strings (needs GNU gettext);
# the compiled .mo files are committed so that users need no gettext tools.
messages: install
	$(BIN)/python manage.py makemessages -l ru -l kk -l en --ignore=.venv --ignore=var --ignore=static_collected --ignore=node_modules
	$(BIN)/python manage.py compilemessages --ignore=.venv

# Load benchmark (not part of the tests): BENCH_PRODUCTS, BENCH_SECONDS, BENCH_DB=postgres, ...
# see bench/run.py. Writes var/bench/report-<products>-<db>.md.
bench: compile
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) static_collected
