# The two everyday commands: `make run` (demo site) and `make test` (whole suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
WORKERS ?= 2
CHROMIUM ?= /usr/bin/chromium

.PHONY: help venv run serve test lint format migrate demo browser-deps bench clean

help:
	@echo "make run    - install, migrate, load demo content, serve at http://127.0.0.1:$(PORT)/"
	@echo "make test   - install (incl. Debian chromium + redis-server if missing) and run the suite"
	@echo "make serve  - production-style: gunicorn ($(WORKERS) workers) + WhiteNoise on port $(PORT)"
	@echo "make bench  - benchmarks/http_bench.py against the demo site"
	@echo "make lint / make format"

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

venv: $(VENV)/.installed

migrate: venv
	DJANGO_SETTINGS_MODULE=portal.settings.dev $(PY) manage.py migrate --noinput

demo: migrate
	DJANGO_SETTINGS_MODULE=portal.settings.dev $(PY) manage.py load_demo

run: demo
	DJANGO_SETTINGS_MODULE=portal.settings.dev $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production-style serving of the same (SQLite by default) database.
# Production needs its own PRIVACY_KEY; the demo was encrypted with the development key,
# so rotate_privacy_key carries it over (harmless on later runs).
SERVE_ENV = SECRET_KEY="$${SECRET_KEY:-$$(cat .secret-key)}" PRIVACY_KEY="$${PRIVACY_KEY:-$$(cat .privacy-key)}" \
	DJANGO_SETTINGS_MODULE=portal.settings.production
serve: demo
	@test -n "$$SECRET_KEY" || test -f .secret-key || $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > .secret-key
	@test -n "$$PRIVACY_KEY" || test -f .privacy-key || $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > .privacy-key
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(SERVE_ENV) PRIVACY_PREVIOUS_KEYS=dev-only-insecure-key-change-me $(PY) manage.py rotate_privacy_key >/dev/null
	$(SERVE_ENV) \
		$(VENV)/bin/gunicorn portal.wsgi:application --workers $(WORKERS) --bind 127.0.0.1:$(PORT) \
		--access-logfile - --error-logfile -

# Debian's Chromium for Playwright (it cannot download browsers here) and a
# Redis server binary so the Redis-backed cache tests run on a bare machine.
browser-deps:
	@if [ ! -x $(CHROMIUM) ] || ! command -v redis-server >/dev/null; then \
		echo "Installing Debian packages chromium redis-server..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium redis-server >/dev/null; \
	fi

test: venv browser-deps
	$(PY) -m pytest $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: venv
	$(PY) benchmarks/http_bench.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
