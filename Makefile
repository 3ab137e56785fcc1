# The two everyday commands: `make run` (demo site) and `make test` (whole suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
WORKERS ?= 2
CHROMIUM ?= /usr/bin/chromium
SECRET_KEY_FILE ?= .secret-key
PRIVACY_KEY_FILE ?= .privacy-key
BACKUP_DIR ?= backups
# The production settings take their secrets from the environment or the key files.
PROD_ENV = SECRET_KEY="$${SECRET_KEY:-$$(cat $(SECRET_KEY_FILE))}" PRIVACY_KEY="$${PRIVACY_KEY:-$$(cat $(PRIVACY_KEY_FILE))}" \
	DJANGO_SETTINGS_MODULE=portal.settings.production
# The demo is encrypted with the same PRIVACY_KEY as `make serve` uses, so that
# `make run` then `make serve` on one database still decrypts ID numbers and phones.
DEV_ENV = PRIVACY_KEY="$${PRIVACY_KEY:-$$(cat $(PRIVACY_KEY_FILE))}" DJANGO_SETTINGS_MODULE=portal.settings.dev

.PHONY: help venv run serve keys backup restore test test-fast lint format migrate demo browser-deps bench-deps bench clean

help:
	@echo "make run    - install, migrate, load demo content, serve at http://127.0.0.1:$(PORT)/"
	@echo "make test   - install (incl. Debian chromium + redis-server if missing) and run the suite"
	@echo "make test-fast - the suite without browser, live-server, subprocess and whole-demo tests"
	@echo "make serve  - production-style: migrate, collectstatic, gunicorn ($(WORKERS) workers) + WhiteNoise"
	@echo "              on port $(PORT); serves what the database holds (no demo, no accounts);"
	@echo "              runs scheduled publishing (manage.py run_scheduler) beside it"
	@echo "make demo   - load the demo content and accounts into the database DATABASE_URL names"
	@echo "make backup - database + media + private files into $(BACKUP_DIR)/site-<time>.tar.gz"
	@echo "make restore BACKUP=<archive> [FORCE=1] - restore an archive into an empty database"
	@echo "make bench  - benchmarks/http_bench.py against the demo site (installs Debian wrk if missing);"
	@echo "              BENCH_ARGS='--reference http://127.0.0.1:18801' compares with a bakerydemo beside it"
	@echo "make lint / make format"

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

venv: $(VENV)/.installed

migrate: venv keys
	$(DEV_ENV) $(PY) manage.py migrate --noinput

demo: migrate
	$(DEV_ENV) $(PY) manage.py load_demo

run: demo
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production-style serving of what the database holds (SQLite by default):
# migrate and collect static files, never demo content or accounts.
# Load the demo first with `make run` or `make demo` if you want it.
# Beside gunicorn runs the scheduler (manage.py run_scheduler: scheduled publishing
# every minute); it stops when gunicorn does, or with the whole process group.
serve: migrate keys
	$(PROD_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(PROD_ENV) $(PY) manage.py run_scheduler & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null; wait $$scheduler 2>/dev/null' EXIT; \
	$(PROD_ENV) $(PY) -m gunicorn portal.wsgi:application --workers $(WORKERS) --bind 127.0.0.1:$(PORT) \
		--access-logfile - --error-logfile -

# SECRET_KEY and PRIVACY_KEY from the environment, else from files made once,
# readable by their owner only (two different keys: production refuses equal ones).
keys:
	@umask 077; \
	if [ -z "$$SECRET_KEY" ] && [ ! -s $(SECRET_KEY_FILE) ]; then \
		$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $(SECRET_KEY_FILE); \
		echo "已生成 $(SECRET_KEY_FILE)（SECRET_KEY，仅本人可读）"; \
	fi; \
	if [ -z "$$PRIVACY_KEY" ] && [ ! -s $(PRIVACY_KEY_FILE) ]; then \
		$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $(PRIVACY_KEY_FILE); \
		echo "已生成 $(PRIVACY_KEY_FILE)（PRIVACY_KEY，仅本人可读；请与数据库备份分开妥善保管）"; \
	fi; \
	for file in $(SECRET_KEY_FILE) $(PRIVACY_KEY_FILE); do if [ -f $$file ]; then chmod 600 $$file; fi; done

# Backups of the database, MEDIA_ROOT and PRIVATE_MEDIA_ROOT in one archive.
# The keys are not in it: keep PRIVACY_KEY (.privacy-key) somewhere else, safe.
backup: venv keys
	$(PROD_ENV) $(PY) manage.py backup_site --output-dir $(BACKUP_DIR)

restore: venv keys
	@test -n "$(BACKUP)" || { echo "用法：make restore BACKUP=backups/site-….tar.gz [FORCE=1]"; exit 2; }
	$(PROD_ENV) $(PY) manage.py restore_site "$(BACKUP)" $(if $(FORCE),--force)

# Debian's Chromium for Playwright (it cannot download browsers here), a
# Redis server binary so the Redis-backed cache tests run on a bare machine,
# and nginx, which tests/deploy/ runs on deploy/nginx.conf.
browser-deps:
	@if [ ! -x $(CHROMIUM) ] || ! command -v redis-server >/dev/null || [ ! -x /usr/sbin/nginx ]; then \
		echo "Installing Debian packages chromium redis-server nginx..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium redis-server nginx >/dev/null; \
	fi

# Both cores (pytest-xdist). `--dist load` keeps pytest-django's order on each worker:
# tests in real transactions, which flush what migrations wrote, run after the others.
TEST_WORKERS ?= 2
PYTEST_PARALLEL = -n $(TEST_WORKERS) --dist load

test: venv browser-deps
	$(PY) -m pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)

# The inner loop: no browser, no live server, no subprocess servers, no whole demo.
test-fast: venv
	$(PY) -m pytest $(PYTEST_PARALLEL) -m "not browser and not slow" $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# wrk (Debian package) is the benchmark's load generator; the Python client is the fallback.
bench-deps:
	@if ! command -v wrk >/dev/null; then \
		echo "Installing Debian package wrk..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	fi

bench: venv bench-deps
	$(PY) benchmarks/http_bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
