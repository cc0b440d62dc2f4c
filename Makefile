# Two commands on a fresh machine: `make run` (install + serve) and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: install run test actions

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

run: install
	$(VENV)/bin/flask --app app run

test: install
	$(PY) -m pytest -q

actions: install
	SANIC_HOST=127.0.0.1 $(PY) -m rasa_sdk --actions handlers.rasa_actions --port 5055
