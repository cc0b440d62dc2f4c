# Two commands on a fresh machine: `make run` (install + serve) and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: install run lint test test-topologies actions

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

run: install
	$(VENV)/bin/flask --app app run

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy .

test: lint
	$(PY) -m pytest -q

# the store, webhook and API tests again on a real Redis Cluster and a Sentinel set-up
STORE_TESTS := tests/test_service.py tests/test_consent.py tests/test_webhook.py tests/test_api.py \
	tests/test_edges.py tests/test_migrate.py tests/test_topologies.py::test_one_message_is_one_write_on_one_cluster_slot
test-topologies: install
	TEST_STORE=cluster $(PY) -m pytest -q $(STORE_TESTS)
	TEST_STORE=sentinel $(PY) -m pytest -q $(STORE_TESTS)

actions: install
	SANIC_HOST=127.0.0.1 $(PY) -m rasa_sdk --actions assistant.actions --port 5055
