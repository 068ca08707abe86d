# make run   : set everything up (first time only) and start the program
# make test  : set everything up and run lint, types and the whole test suite
# make lint  : ruff check, ruff format --check, mypy
# make bench : start-up, memory and timer-accuracy measurements
# make doctor: what this machine has and lacks for the program, and what to install
# make install / make uninstall: the program in (or out of) your applications menu
# make test-pythons: the whole suite on each of Python 3.11, 3.12 and 3.13 found here

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench doctor install uninstall test-pythons clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Hip & Core Coach needs Python 3.11 or newer (found: $$($(PYTHON) --version))."; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the project's metadata changed.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

run: $(STAMP)
	$(BIN)/coach $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/bench/run.py

doctor: $(STAMP)
	$(BIN)/coach doctor

install: $(STAMP)
	$(BIN)/coach desktop install

uninstall:
	@if [ -x $(BIN)/coach ]; then $(BIN)/coach desktop uninstall; else \
	  rm -fv "$${XDG_DATA_HOME:-$$HOME/.local/share}/applications/hip-core-coach.desktop" \
	    "$${XDG_DATA_HOME:-$$HOME/.local/share}/icons/hicolor/scalable/apps/hip-core-coach.svg"; fi

# Each Python in its own environment (.venv-3.12 ...); one that is not installed is said.
test-pythons:
	@for v in 3.11 3.12 3.13; do \
	  if python$$v -c '' >/dev/null 2>&1; then \
	    $(MAKE) --no-print-directory test PYTHON=python$$v VENV=.venv-$$v || exit 1; \
	  else echo "python$$v is not on this machine: not tested"; fi; \
	done

clean:
	rm -rf $(VENV) .venv-3.* build dist .mypy_cache .pytest_cache .ruff_cache
