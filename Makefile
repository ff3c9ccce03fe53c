# Parallax: `make run` serves the app and its worker, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
MACHINE_PG := postgres://postgres@127.0.0.1:5432/test
# Where `make run` serves: `make run PORT=8001`, `make run ADDR=0.0.0.0`.
ADDR ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test test-fast lint bench bench-scaling stop-db clean-db

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: install
	$(PY) -m coverage_app.database ensure
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py serve $(ADDR):$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The suite runs on the embedded server (or $DATABASE_URL when set), then once more
# on the machine's PostgreSQL at 127.0.0.1:5432 when one answers there.
test: lint
	$(PY) -m pytest
	@if [ -z "$$DATABASE_URL" ] && $(PY) -m coverage_app.embedded_db ping-machine; then \
		echo "--- again on the machine's PostgreSQL ($(MACHINE_PG))"; \
		DATABASE_URL=$(MACHINE_PG) $(PY) -m pytest; \
	fi

# The quick loop: every test but the browser ones, on one database.
test-fast: lint
	$(PY) -m pytest -m "not browser"

bench: install
	$(PY) manage.py migrate --noinput
	$(PY) -m benchmarks

# Extraction at 10k, 100k and 1M characters of one article (several minutes: not in `bench`).
bench-scaling: install
	$(PY) -m benchmarks extract_scaling

# Stop the embedded PostgreSQL and keep its data (the next command starts it again).
stop-db:
	$(PY) -m coverage_app.embedded_db stop

clean-db:
	-$(PY) -m coverage_app.embedded_db stop
	rm -rf .pgdata
