# One place for the commands README gives: `make run` and `make check`.
# The virtual environment is created on first use; torch is pinned to its CPU build first, so
# nothing later pulls a multi-GB CUDA build.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
TORCH_SPEC ?= torch==2.13.0

.PHONY: install run report check format lint types contracts test bench clean

$(BIN)/claimcheck: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet "$(TORCH_SPEC)"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(BIN)/claimcheck

install: $(BIN)/claimcheck  ## create .venv and install claimcheck with its test tools

run: install  ## open the interface on the bundled story
	$(BIN)/claimcheck corpus/

report: install  ## print the Markdown report of the bundled story
	$(BIN)/claimcheck report corpus/

format: install
	$(BIN)/ruff format claimcheck tests benchmarks

lint: install
	$(BIN)/ruff format --check claimcheck tests benchmarks
	$(BIN)/ruff check claimcheck tests benchmarks

types: install
	$(BIN)/mypy

contracts: install
	$(BIN)/lint-imports

test: install
	$(BIN)/python -m pytest -q

check: lint types contracts test  ## everything CI runs: format, lint, types, import rules, tests

bench: install
	$(BIN)/python benchmarks/bench_encoder.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
