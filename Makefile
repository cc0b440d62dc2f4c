# Two commands on a fresh machine: `make run` (install + serve) and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: install run test evaluate benchmark train

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

run: install
	$(VENV)/bin/flask --app app run

test: install
	$(PY) -m pytest -q
