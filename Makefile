# Pantau: every target creates .venv when it is missing (only python3 and make are needed).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared

.PHONY: install dev demo test models bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# one analysis builds the resource caches (~/.cache/pantau, see docs/architecture.md), so that
# the first real run does not pay for them (~4 s once)
WARM = $(BIN)/pantau analyze src/pantau/samples/articles/01-retno-jepang-maritim.txt --format json > /dev/null

# .venv with the core and the corpus extras (store, web)
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[corpus]'
	$(WARM)
	touch $@

# .venv with dev extras (tests)
$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	$(WARM)
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

dev: $(VENV)/.dev-installed

demo: $(VENV)/.installed
	$(BIN)/pantau demo

test: $(VENV)/.dev-installed
	$(BIN)/python -m pytest

models: $(VENV)/.dev-installed
	$(BIN)/pantau train ner --shared $(SHARED)

bench: $(VENV)/.dev-installed
	$(BIN)/python benchmarks/analyze.py --n 2000

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache
