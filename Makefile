# Blue Paper — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PROD := DJANGO_SETTINGS_MODULE=bluepaper.settings.prod SECRET_KEY="$$(cat .secret-key)" \
	ALLOWED_HOSTS=127.0.0.1,localhost SITE_URL=http://127.0.0.1:$(PORT) SERVE_MEDIA=on

.PHONY: run dev test lint format install install-dev browser fonts seed messages check clean backup restore \
	multi-instance-check bench audit

## run: set up, migrate, load the seed content, serve in production mode on 127.0.0.1:$(PORT)
run: install .secret-key fonts
	$(PROD) $(PY) manage.py migrate --noinput
	$(PROD) $(PY) manage.py load_seed
	$(PROD) $(PY) manage.py collectstatic --noinput -v0
	@echo
	@echo "Serving http://127.0.0.1:$(PORT)/ (Chinese) and http://127.0.0.1:$(PORT)/en/ (English)."
	@echo "First editor account: $(PY) manage.py createsuperuser  — then log in at http://127.0.0.1:$(PORT)/admin/"
	@echo
	$(PROD) exec $(VENV)/bin/gunicorn bluepaper.wsgi --bind 127.0.0.1:$(PORT) --workers 2 \
		--no-control-socket --access-logfile - --error-logfile -

## dev: Django's development server with DEBUG on
dev: install-dev
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_seed
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

## test: the whole suite, browser tests included (installs Chromium if missing); PYTEST_ARGS narrows it
test: install-dev browser
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest $(PYTEST_ARGS)

## check: Django's checks, migrations in step with the models, the seed's consistency report
check: install-dev
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check_consistency

## lint: ruff, and the layers of CRAFT.md (import-linter; contracts in pyproject.toml)
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## seed: load the seed content: add what is missing, update what no editor has changed since
seed: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_seed

## backup: every database row and every upload into backups/<time>/ (the database `make run` serves, or DATABASE_URL's)
backup: install .secret-key
	$(PROD) $(PY) manage.py backup --folder backups

## restore: put back a backup, after checking it: make restore BACKUP=backups/<time>
restore: install .secret-key
	@test -n "$(BACKUP)" || { echo "Which backup? make restore BACKUP=backups/<time>"; exit 2; }
	$(PROD) $(PY) manage.py restore "$(BACKUP)"

## multi-instance-check: nginx (docs/deployment/) in front of two gunicorn instances on a fresh PostgreSQL
## database and Redis; a change published through one shows through the other and nginx within 2 s
multi-instance-check: install
	$(PY) scripts/multi_instance_check.py

## bench: production mode on 100x the seed, measured with wrk beside a trivial view and nginx (docs/performance.md)
bench: install-dev
	@for tool in /usr/bin/wrk /usr/sbin/nginx; do test -x $$tool || { \
		echo "make bench needs $$tool: apt-get install -y wrk nginx-light"; exit 2; }; done
	$(PY) -m bench.run

## audit: Lighthouse (npm, pinned in package-lock.json) on the production-mode site, both languages → docs/audit.md
audit: install browser node_modules/.package-lock.json
	$(PY) -m scripts.audit

# npm ci installs exactly the lockfile's versions; npm writes node_modules/.package-lock.json as it finishes.
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund

## messages: extract and compile the interface translations (needs gettext)
messages: install
	$(PY) manage.py makemessages -l zh_Hans --ignore=.venv --ignore=staticfiles --ignore=node_modules
	$(PY) manage.py compilemessages --ignore=.venv

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

## browser: Debian's Chromium and a CJK font for the browser tests (Playwright's own download does not work here)
browser: fonts
	@if ! command -v chromium >/dev/null || [ -z "$$(fc-list :lang=zh 2>/dev/null)" ]; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-cjk; \
	fi

## fonts: a CJK font (Debian's fonts-noto-cjk), so that PNG charts draw Chinese instead of boxes
fonts:
	@if [ -z "$$(fc-list :lang=zh 2>/dev/null)" ] && ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q fonts-noto-cjk \
		|| echo "Could not install fonts-noto-cjk: PNG charts will draw Chinese text as boxes."; \
	fi

# A secret key generated once for `make run`, kept out of git, reused every time.
.secret-key:
	umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

clean:
	rm -rf staticfiles staticfiles-manifest .pytest_cache .ruff_cache
