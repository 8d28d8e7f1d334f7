# presslens: one command to try it, one to test it (see README).
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
EXAMPLE := examples/harbour_minister.txt

.PHONY: setup demo test check lint clean

# Install presslens and its test tools into .venv (re-run when pyproject.toml changes).
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

setup: $(VENV)/.installed

## Set up, then analyse the bundled example article.
demo: setup
	$(BIN)/presslens analyze $(EXAMPLE)

## Set up, then run the whole test suite (unit tests, model tests, data tests and eval gates).
test: setup
	$(BIN)/python -m pytest

## Linters and type checks.
check: setup
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	$(BIN)/ruff check src tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
