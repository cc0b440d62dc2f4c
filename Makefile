# Two commands on a fresh machine: `make run` (install + serve) and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: install install-rasa install-otel install-dev run lint test test-topologies actions rasa-install rasa-data rasa-train rasa-run test-rasa
PIP := $(PY) -m pip install --quiet --disable-pip-version-check

# what the service needs to run (requirements.txt), then the project itself
install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements.txt
	$(PIP) --no-deps -e .
	touch $@

# the rasa-sdk action server's packages (assistant/)
install-rasa: $(VENV)/.installed-rasa

$(VENV)/.installed-rasa: requirements-rasa.txt $(VENV)/.installed
	$(PIP) -r requirements-rasa.txt
	touch $@

# optional OpenTelemetry traces (web/tracing.py: on when OTEL_EXPORTER_OTLP_ENDPOINT is set)
install-otel: $(VENV)/.installed-otel

$(VENV)/.installed-otel: requirements-otel.txt $(VENV)/.installed
	$(PIP) -r requirements-otel.txt
	touch $@

# tests, lint, type checks and the browser driver (the action server too: its tests run in `make test`)
install-dev: $(VENV)/.installed-dev

$(VENV)/.installed-dev: requirements-dev.txt requirements-rasa.txt requirements-otel.txt $(VENV)/.installed
	$(PIP) -r requirements-dev.txt
	touch $@

run: install
	$(VENV)/bin/flask --app app run

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .

test: lint
	$(PY) -m pytest -q

# the store, webhook and API tests again on a real Redis Cluster and a Sentinel set-up
STORE_TESTS := tests/test_service.py tests/test_consent.py tests/test_webhook.py tests/test_api.py \
	tests/test_store.py tests/test_dialogue.py tests/test_webhook_form.py tests/test_migrate.py tests/test_campaign_sends.py tests/test_feed.py tests/test_campaign_journey.py \
	tests/test_standing.py \
	tests/test_topologies.py::test_one_message_is_one_write_on_one_cluster_slot \
	tests/test_security.py::test_sessions_last_eight_hours_and_are_permanent \
	tests/test_security.py::test_a_wrong_form_token_is_refused_not_only_a_missing_one \
	tests/test_security.py::test_the_lockout_window_starts_at_the_first_wrong_password \
	tests/test_unsubscribe.py::test_links_expire_after_exactly_their_days \
	tests/test_unsubscribe.py::test_links_are_frozen_and_carry_64_random_bits
test-topologies: install-dev
	TEST_STORE=cluster $(PY) -m pytest -q $(STORE_TESTS)
	TEST_STORE=sentinel $(PY) -m pytest -q $(STORE_TESTS)

# rasa-sdk quirk: a SIGTERM in its first second can leave it spinning; stop it with Ctrl-C
# once it prints "Action endpoint is up and running" (tests SIGKILL its group after a grace).
actions: install-rasa
	SANIC_HOST=127.0.0.1 $(PY) -m rasa_sdk --actions assistant.actions --port 5055

# Real Rasa (Open Source 3.6.21 needs Python 3.10): its own venv, the example assistant in rasa/
RASA_VENV ?= .venv-rasa
RASA := $(RASA_VENV)/bin/rasa
PYTHON310 ?= $(shell for p in python3.10 $$(pyenv root 2>/dev/null)/versions/3.10*/bin/python $$HOME/.pyenv/versions/3.10*/bin/python; do \
	"$$p" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null && echo "$$p" && break; done)

rasa-install: $(RASA_VENV)/.installed

$(RASA_VENV)/.installed:
	@test -n "$(PYTHON310)" || { echo "error: Rasa 3.6 needs Python 3.10 (python3.10 or pyenv); set PYTHON310=/path/to/python3.10"; exit 1; }
	$(PYTHON310) -m venv $(RASA_VENV)
	$(RASA_VENV)/bin/pip install --quiet --disable-pip-version-check rasa==3.6.21
	touch $@

rasa-data: install
	$(PY) -m assistant.training nlu

rasa-train: rasa-install rasa-data
	$(PY) -m assistant.training model $(RASA)

# REST channel on 127.0.0.1:5005 (the Twilio channel wants TWILIO_ACCOUNT_SID/AUTH_TOKEN/FROM)
rasa-run: rasa-train
	RASA_TELEMETRY_ENABLED=false TWILIO_ACCOUNT_SID="$${TWILIO_ACCOUNT_SID:-unset}" \
		TWILIO_AUTH_TOKEN="$${TWILIO_AUTH_TOKEN:-unset}" TWILIO_FROM="$${TWILIO_FROM:-unset}" \
		$(RASA) run --enable-api --interface 127.0.0.1 --credentials rasa/credentials.yml \
		--endpoints rasa/endpoints.yml --model "$$($(PY) -m assistant.training model $(RASA))"

test-rasa: install-dev rasa-install rasa-data
	RASA_BIN=$(RASA) $(PY) -m pytest -q -m rasa tests/test_rasa_assistant.py
