# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BOARD ?= boards/demo.json

.PHONY: run test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/regietui $(BOARD)

test: $(VENV)/.installed-test
	$(BIN)/ruff check regietui tests bench scripts
	$(BIN)/ruff format --check regietui tests bench scripts
	$(BIN)/python -m pytest

# regietui beside the floor (a bare Textual app, `python -c pass`); `bench/run.py` has the detail.
bench: $(VENV)/.installed
	$(BIN)/python -m compileall -q regietui bench
	$(BIN)/python bench/headline.py

clean:
	rm -rf $(VENV) .pytest_cache
