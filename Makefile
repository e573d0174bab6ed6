# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO := .demo/demo.json
BOARD ?= $(DEMO)

.PHONY: run demo-reset test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

# `make run` opens a working copy of the demo board in the ignored .demo/ folder, made from
# boards/demo.json on first run (order-only: a newer demo never overwrites your experiments),
# so trying things out never changes a tracked file. `make demo-reset` starts over.
$(DEMO): | boards/demo.json
	mkdir -p $(@D)
	cp boards/demo.json $@

# Bytecode is cached even where PYTHONDONTWRITEBYTECODE is set: else every start compiles regietui
# anew, a fifth of a second before the first screen.
run: $(VENV)/.installed $(filter $(DEMO),$(BOARD))
	PYTHONDONTWRITEBYTECODE= $(BIN)/regietui $(BOARD)

demo-reset:
	rm -f $(DEMO)
	$(MAKE) --no-print-directory $(DEMO)

# Bytecode is cached even where PYTHONDONTWRITEBYTECODE is set (as on the shared machine): else
# every test worker compiles regietui and rewrites the test modules' asserts again, and every
# `regietui` process a test starts compiles regietui anew (0.4 s instead of 0.2 s).
test: $(VENV)/.installed-test
	$(BIN)/ruff check regietui tests bench scripts
	$(BIN)/ruff format --check regietui tests bench scripts
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest

# regietui beside the floor (a bare Textual app, `python -c pass`); `bench/run.py` has the detail.
bench: $(VENV)/.installed
	$(BIN)/python -m compileall -q regietui bench
	$(BIN)/python bench/headline.py

clean:
	rm -rf $(VENV) .pytest_cache
