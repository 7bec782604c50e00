# Everything a newcomer needs: `make demo` and `make test` create .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.geinstalleerd
DEMO_HOME := $(CURDIR)/demo-home

.PHONY: demo test test-sqlite test-postgresql lint typecheck bench lock clean schermafdrukken

# Line coverage (branches included) of workflow/, opslag/ and sjablonen/ over both halves of the
# suite, subprocesses included; `make test` fails below it.
DEKKING := 87

# The versions in constraints.txt are the ones the tests last passed with; `make lock` renews them.
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	rm -rf $(DEMO_HOME)
	ADVIES_HOME=$(DEMO_HOME) $(BIN)/advies init
	ADVIES_HOME=$(DEMO_HOME) $(BIN)/advies demo
	ADVIES_HOME=$(DEMO_HOME) $(BIN)/advies lijst
	ADVIES_HOME=$(DEMO_HOME) $(BIN)/advies toon "$$(ADVIES_HOME=$(DEMO_HOME) $(BIN)/advies lijst --status beantwoord --json \
		| $(BIN)/python -c 'import json, sys; print(json.load(sys.stdin)[0]["kenmerk"])')"
	ADVIES_HOME=$(DEMO_HOME) $(BIN)/advies achterstallig
	@echo "De demodatabase staat in $(DEMO_HOME); probeer: ADVIES_HOME=$(DEMO_HOME) $(BIN)/advies --help"

# The README's screenshots of the web page, from the demo register (Playwright, /usr/bin/chromium).
schermafdrukken: $(STAMP)
	$(BIN)/python docs/schermafdrukken.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# Two halves of one suite, SQLite and PostgreSQL (skipped with its reason when no server answers,
# except when CI is set), run side by side with lint and mypy: the machine has two cores, and the
# PostgreSQL half waits on its server, LibreOffice and subprocesses often enough to share them.
# -Otarget prints each part whole when it ends. ADVIES_TEST_BACKEND=postgresql with
# ADVIES_TEST_PG_URL names another server than the local one. Coverage is measured over the SQLite
# half, into its subprocesses (commands, the web server, the render worker): the PostgreSQL half
# runs the same lines, less the tests marked `een_backend`, which cannot depend on the database.
test: $(STAMP)
	$(BIN)/coverage erase
	$(MAKE) --no-print-directory -j4 -Otarget lint typecheck test-sqlite test-postgresql
	$(BIN)/coverage report --fail-under=$(DEKKING)

test-sqlite: $(STAMP)
	$(BIN)/pytest -n 3 --dist worksteal --cov --cov-report=

test-postgresql: $(STAMP)
	ADVIES_TEST_BACKEND=postgresql $(BIN)/pytest -n 2 --dist worksteal -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/web.py

# Newest versions within pyproject.toml's ranges, resolved in a fresh environment, written as
# constraints.txt. Run it, then `make test`, and commit both files together.
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet -e ".[dev]"
	echo "# Written by 'make lock' from pyproject.toml; do not edit by hand." > constraints.txt
	.venv-lock/bin/python -m pip freeze --exclude-editable >> constraints.txt
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) $(DEMO_HOME) .pytest_cache .mypy_cache .ruff_cache .coverage .coverage.*
