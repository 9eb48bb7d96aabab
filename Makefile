# Everything sets itself up on a fresh machine: `make demo` and `make test` need nothing else.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
LINT_PATHS := $(wildcard src tests bench scripts)

.PHONY: demo test test-sqlite test-postgres test-deep lint format install clean bench-verify

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/.installed

demo: install
	$(BIN)/frontline demo

# The whole suite: lint and layering, then the tests on SQLite and on PostgreSQL.
test: install lint test-sqlite test-postgres

lint: install
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)
	$(BIN)/lint-imports

test-sqlite: install
	@echo "== tests on SQLite =="
	env -u FRONTLINE_DATABASE_URL FRONTLINE_ENVIRONMENT=test FRONTLINE_DATA_DIR=var/test-sqlite $(BIN)/pytest

test-postgres: install
	@if $(BIN)/python scripts/pg_ready.py "$(PG_URL)"; then \
		echo "== tests on PostgreSQL =="; \
		FRONTLINE_ENVIRONMENT=test FRONTLINE_DATA_DIR=var/test-postgres FRONTLINE_DATABASE_URL="$(PG_URL)" $(BIN)/pytest; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL at $(PG_URL) is not reachable, and CI must test on it." >&2; exit 1; \
	else \
		echo "SKIPPED: PostgreSQL at $(PG_URL) is not reachable; the PostgreSQL run did not happen."; \
	fi

# Many more generated examples for the property tests.
test-deep: install
	FRONTLINE_ENVIRONMENT=test FRONTLINE_DATA_DIR=var/test-sqlite HYPOTHESIS_PROFILE=deep $(BIN)/pytest

format: install
	$(BIN)/ruff format $(LINT_PATHS)
	$(BIN)/ruff check --fix $(LINT_PATHS)

bench-verify: install
	$(BIN)/python bench/verify/run.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
