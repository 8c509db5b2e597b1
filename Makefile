# The two commands of the README: `make demo` (set up, build the demo, serve the web app)
# and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test setup bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/whoknows demo
	$(BIN)/whoknows serve

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy --strict src
	$(BIN)/python -m pytest -q -n 2 -m "not full and not slow"   # the fast layer, first
	$(BIN)/python -m pytest -q -m "full and not slow"       # the whole pipeline

bench: $(STAMP)
	$(BIN)/python benchmarks/se_cardano.py --out benchmarks/results/se_cardano.json
	$(BIN)/python benchmarks/se_rolling.py --out benchmarks/results/se_rolling.json
	$(BIN)/python benchmarks/scale.py --out benchmarks/results/scale.json
	$(BIN)/python benchmarks/connectors.py
	$(BIN)/python benchmarks/kill_test.py --out benchmarks/results/kill_test.json
	$(BIN)/python benchmarks/api_fuzz.py
	$(BIN)/python benchmarks/load.py --out benchmarks/results/load.json

clean:
	rm -rf $(VENV) whoknows-data .pytest_cache .ruff_cache .mypy_cache
