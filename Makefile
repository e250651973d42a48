# Nuanxin: `make run` serves the demo, `make test` runs the whole suite. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Re-install whenever pyproject.toml changes.
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3
# The settings refuse to start without a secret key: this checkout makes a random one once and
# keeps it in var/secret_key (not in git), unless SECRET_KEY is already set.
ifndef SECRET_KEY
SECRET_KEY := $(shell test -s var/secret_key || $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key; cat var/secret_key)
endif
export SECRET_KEY
# `make run` is a development run: sign-in codes are shown on the terminal.
export NUANXIN_SMS_BACKEND ?= nuanxin.accounts.sms.ConsoleSmsBackend

.PHONY: setup run test test-fast soak bench lint format messages clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

setup: $(STAMP)

run: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py load_demo
	@echo "Serving Nuanxin on http://$(HOST):$(PORT)/ with the task worker beside it  (Ctrl-C stops both)"
# The worker draws lotteries at their close, releases wages, escalates cases; when the
# server stops (Ctrl-C, or it fails to start) the trap stops the worker too.
	@$(BIN)/python manage.py worker & worker=$$!; \
	trap 'kill -INT $$worker 2>/dev/null; wait $$worker' EXIT; \
	$(BIN)/gunicorn nuanxin.wsgi:application --bind $(HOST):$(PORT) --workers $(WORKERS) \
		--access-logfile - --forwarded-allow-ips 127.0.0.1

test: setup
	$(BIN)/python manage.py makemigrations --check --dry-run --verbosity 1
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/pytest

test-fast: setup
	$(BIN)/pytest -m "not browser" -x -q

# The crowd tests again, many more rounds: races that show once in hundreds of tries.
soak: setup
	NUANXIN_CROWD_REPEATS=50 $(BIN)/pytest -q nuanxin/bookings/tests/test_concurrency.py \
		nuanxin/housing/tests/test_concurrency.py nuanxin/jobs/tests/test_fairs_concurrency.py

bench: setup
	$(BIN)/python bench/places_nearby.py
	$(BIN)/python bench/gigs.py
	$(BIN)/python bench/wages.py
	$(BIN)/python bench/bookings.py
	$(BIN)/python bench/fairness.py
	$(BIN)/python bench/fairness.py --data bench/data/posting_ads_holdout.jsonl
	$(BIN)/python bench/dashboard.py

lint: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports

format: setup
	$(BIN)/ruff format .

messages: setup
	cd nuanxin && ../$(BIN)/python ../manage.py makemessages -l zh_Hans --no-obsolete && \
		../$(BIN)/python ../manage.py compilemessages -l zh_Hans

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .hypothesis .ruff_cache
