# Guidance Review — the two commands of the README, and the developer's helpers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The audit tools live apart from the application's dependencies (requirements-audit.txt).
AUDIT_VENV := .venv-audit
AUDIT_STAMP := $(AUDIT_VENV)/.installed
# Two workers by default (the machines have two cores); override with PYTEST_ARGS="-n 0 -k …".
PYTEST_ARGS ?= -n 2

.PHONY: run test lint audit messages compilemessages bench clean

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

install: $(STAMP)

compilemessages: $(STAMP)
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0

# Where `make run` serves; links in e-mails use the same address unless SITE_URL is set.
RUN_ADDRESS ?= 127.0.0.1:8000

run: $(STAMP) compilemessages
	$(BIN)/python manage.py migrate --no-input -v0
	$(BIN)/python manage.py seed_demo
	@echo "Links in e-mails: $${SITE_URL:-http://$(RUN_ADDRESS)} (e-mails are printed on this console)"
	SITE_URL="$${SITE_URL:-http://$(RUN_ADDRESS)}" $(BIN)/python manage.py runserver $(RUN_ADDRESS)

# --reuse-db keeps the test databases between runs (SQLite: files in .pytest_cache/, one per worker);
# after a migration was edited or removed, or on another branch: PYTEST_ARGS="-n 2 --create-db".
test: $(STAMP) compilemessages
	$(BIN)/python -m pytest --reuse-db $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

$(AUDIT_STAMP): requirements-audit.txt
	@test -x $(AUDIT_VENV)/bin/python || $(PYTHON) -m venv $(AUDIT_VENV)
	@echo '*' > $(AUDIT_VENV)/.gitignore
	$(AUDIT_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(AUDIT_VENV)/bin/python -m pip install --quiet -r requirements-audit.txt
	@touch $(AUDIT_STAMP)

# bandit on our code, pip-audit on the installed dependencies (.ci/audit, docs/security.md).
audit: $(STAMP) $(AUDIT_STAMP)
	bash .ci/audit

messages: $(STAMP)
	$(BIN)/python manage.py makemessages --no-obsolete --ignore=.venv --ignore=bench --ignore=tests --ignore=node_modules -l fr -l es
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(AUDIT_VENV) staticfiles .pytest_cache
