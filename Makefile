# Two commands do everything on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT

.PHONY: run test install lint format bench setup clean-var messages stop chaos

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet '.[dev]'
	touch $@

install: $(VENV)/.installed

setup: install
	$(PY) manage.py migrate_schemas --noinput -v 0
	$(PY) manage.py bootstrap_platform
	$(PY) manage.py seed_demo
	$(PY) manage.py purge_expired

run: setup
	$(PY) -m perfony.devrun

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: setup
	$(PY) bench/run_all.py

# Translation catalogs (.po and compiled .mo) are committed; this regenerates them (GNU gettext).
messages: install
	$(PY) manage.py makemessages -l nl -l fr --ignore '.venv/*' --ignore '.var/*'
	$(PY) manage.py compilemessages --ignore '.venv/*'

# Stop the embedded PostgreSQL and Redis of this checkout (.var/); `make run` starts them again.
stop:
	$(PY) -m perfony.devservices stop

# Fault injection against a live instance on loopback (issue 18); exits non-zero on any loss.
chaos:
	$(PY) chaos/run.py
