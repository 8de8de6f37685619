# danvan — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup venv lint i18n messages pytest pytest-sqlite pytest-pg bench faults lock clean serve

run: setup ## set up everything and serve on http://127.0.0.1:8000 with SQLite and demo data
	$(MANAGE) demo
	@echo "danvan: http://$(HOST):$(PORT)/"
	$(MANAGE) serve --host $(HOST) --port $(PORT)

setup: venv
	$(MANAGE) compile_translations
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) load_units

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; v=sys.version_info; sys.exit(0 if v >= (3, 11) else "danvan cần Python 3.11 trở lên; máy này có %d.%d. Cài Python mới hơn hoặc chạy: make PYTHON=python3.12 ..." % (v[0], v[1]))'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

test: venv lint i18n pytest ## every test: lint, migrations, translations, pytest on SQLite (and PostgreSQL when DATABASE_URL is set)

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	DATABASE_URL= $(MANAGE) makemigrations --check --dry-run

i18n:
	$(MANAGE) check_translations

messages: venv ## refresh the translation catalogues after changing strings
	$(MANAGE) makemessages -l vi --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'static/*' --ignore 'bench/*' --ignore 'docs/*'

pytest: pytest-sqlite pytest-pg

pytest-sqlite: venv
	$(MANAGE) compile_translations
	DATABASE_URL= $(PY) -m pytest -n 2 -q $(PYTEST_ARGS)

pytest-pg: venv
	@if [ -n "$$DATABASE_URL" ]; then \
		echo "== pytest on PostgreSQL ($$DATABASE_URL)"; \
		$(PY) -m pytest -n 2 -q $(PYTEST_ARGS); \
	else echo "DATABASE_URL is not set: PostgreSQL run skipped (CI sets it)"; fi

bench: venv ## national-scale benchmarks on PostgreSQL (see bench/README.md)
	$(PY) bench/units.py
	$(PY) bench/api.py
	$(PY) bench/reminders.py
	$(PY) bench/documents.py
	$(PY) bench/plans.py
	$(PY) bench/exemplars.py
	$(PY) bench/reports.py
	$(PY) bench/petitions.py
	$(PY) bench/oversight.py
	$(PY) bench/democracy.py

faults: venv ## the fault suite (not part of make test): see docs/operations.md
	$(MANAGE) compile_translations
	$(PY) faults/run.py

lock: ## re-pin requirements.lock from pyproject.toml
	$(PY) -m pip install --quiet uv==0.13.8
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev -o requirements.lock --python-version 3.11

clean:
	rm -rf $(VENV) var/*.sqlite3 staticfiles
