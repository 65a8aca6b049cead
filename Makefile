# Two commands do everything on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT

.PHONY: run test install lint format bench bench-scale setup clean-var messages stop chaos

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

# ruff, then the layering contracts and the types (issue 17; configured in pyproject.toml).
# mypy's django-stubs plugin imports perfony.settings.test; the placeholder URLs stop that import
# from starting the embedded PostgreSQL and Redis (the settings use DATABASE_URL / REDIS_URL when
# set). Nothing connects to them.
LINT_ENV := DATABASE_URL=postgres://lint@db.invalid/lint REDIS_URL=redis://redis.invalid:6379/0

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(LINT_ENV) $(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: setup
	$(PY) bench/run_all.py

# A thousand extranets in a throwaway database (BENCH_TENANTS, default 1000; see bench/scale.py).
bench-scale: install
	$(PY) bench/scale.py

# Translation catalogs (.po and compiled .mo) are committed; this regenerates them (GNU gettext).
messages: install
	$(PY) manage.py makemessages -l nl -l fr --ignore '.venv/*' --ignore '.var/*'
	$(PY) manage.py compilemessages --ignore '.venv/*'

# Stop the embedded PostgreSQL and Redis of this checkout (.var/); `make run` starts them again.
stop:
	$(PY) -m perfony.devservices stop

# Fault injection against a live instance on loopback (issue 18); exits non-zero on any loss.
chaos: setup
	$(PY) chaos/run.py
