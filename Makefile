# Rounds: `make run` serves the site, `make test` runs lint and the test suite.
# Both set everything up on a fresh machine that has python3 (>= 3.11) and make.

SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
PYTHON := .venv/bin/python
MANAGE := $(PYTHON) manage.py
PYTEST_ARGS ?=
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in emails and feeds point at the address `make run` serves (another PORT, another link);
# set SITE_URL yourself to override it.
SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: FORCE run test install scanner messages gettext lint typecheck format migrate seed worker beat clean help chromium tesseract java spamassassin bench bench-images soak

help:
	@echo "make run    set up, migrate, load demo content, serve http://$(HOST):$(PORT)"
	@echo "make test   set up, ruff check, mypy, run the whole pytest suite"
	@echo "make lint | typecheck | format | migrate | seed | worker | beat | clean"

.tools/bin/uv:
	python3 .ci/get-uv.py

# The interpreter the venv is built on (.ci/pick-python: the distribution's python3 when it is
# 3.11 or newer, built with PGO and LTO; README "Which Python the venv uses"). UV_PYTHON=...
# chooses another.
UV_PYTHON ?= $(shell .ci/pick-python)

FORCE:

# Which interpreter the venv was built on: another choice rebuilds the venv.
.build/venv-python: FORCE
	@mkdir -p .build; [ "$$(cat $@ 2>/dev/null)" = "$(UV_PYTHON)" ] || echo "$(UV_PYTHON)" > $@

# The venv is rebuilt only when the lock, the project file or the interpreter changes.
.venv/.synced: pyproject.toml uv.lock .build/venv-python | $(UV)
	$(UV) sync --frozen $(if $(UV_PYTHON),--python "$(UV_PYTHON)")
	@touch $@

install: .venv/.synced scanner

# The identifier scanner compiled with mypyc (cases/native.py); a no-op when the build of its
# current files exists, about a minute and a half when they changed. Installs gcc and the Python
# headers when missing (needs root or sudo; without them the scanner runs from its sources).
scanner: .venv/.synced
	@.venv/bin/python -c "from cases import native; raise SystemExit(not native.built())" \
		|| { .ci/ensure-compiler .venv/bin/python; .venv/bin/python -c "from cases import native; native.main()"; }

# Case images are read with Debian's tesseract; install it when missing (needs root or sudo;
# without it the site still runs and holds every new case image for a moderator).
tesseract:
	@.ci/ensure-tesseract

migrate: install tesseract
	$(MANAGE) migrate --noinput

seed: migrate
	$(MANAGE) seed_demo

run: seed
	@echo "Serving Rounds at http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	SITE_URL=$(SITE_URL) $(MANAGE) runserver $(HOST):$(PORT)

# Translations (README "Languages and time zones"): gather every marked string into the .po
# catalogs of each language (config/locale for templates/ and static/js, <app>/locale for the
# apps), then compile the .mo files Django reads (committed, so serving needs no gettext).
MESSAGE_LANGUAGES ?= es
IGNORED := --ignore=.venv --ignore=.tools --ignore=var --ignore=tests --ignore=node_modules
messages: install gettext
	$(MANAGE) makemessages --no-obsolete --add-location=file $(IGNORED) $(addprefix -l ,$(MESSAGE_LANGUAGES))
	$(MANAGE) makemessages --no-obsolete --add-location=file -d djangojs $(IGNORED) $(addprefix -l ,$(MESSAGE_LANGUAGES))
	$(MANAGE) compilemessages $(IGNORED)

# makemessages and compilemessages need GNU gettext; install it when missing (needs root or sudo).
gettext:
	@.ci/ensure-gettext

lint: install
	.venv/bin/ruff check .

# mypy with django-stubs on the files pyproject.toml lists (services, selectors, the sharing layer,
# sessions). The settings are imported, never connected: a placeholder DATABASE_URL keeps the
# embedded PostgreSQL from starting for it.
typecheck: install
	DATABASE_URL=$${DATABASE_URL:-postgres://typecheck@127.0.0.1/typecheck} .venv/bin/mypy

format: install
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

# Browser tests drive Debian's chromium; install it when missing (needs root or sudo).
chromium:
	@.ci/ensure-chromium

# The browser tests validate the pages they visit with vnu.jar, which needs Java.
java:
	@.ci/ensure-java

# The mail tests score every kind of email with Debian's SpamAssassin, offline.
spamassassin:
	@.ci/ensure-spamassassin

test: lint typecheck chromium tesseract java spamassassin
	ROUNDS_SCANNER_REQUIRED=1 .venv/bin/pytest $(PYTEST_ARGS)

# Benchmark pages under gunicorn against the hello view (installs Debian's wrk when missing).
bench: migrate
	@.ci/ensure-wrk
	$(MANAGE) bench

# Ten minutes of mixed load on gunicorn, Celery, Redis and PostgreSQL, in a database of its own
# (README "Soak test"); pass e.g. SOAK_ARGS="--minutes 2".
SOAK_ARGS ?= --minutes 10
soak: migrate
	$(MANAGE) soak $(SOAK_ARGS)

# OCR recall on generated case images, and time per 2,000-pixel image for OCR and faces.
bench-images: install tesseract
	$(MANAGE) image_scan_report

worker: install
	.venv/bin/celery -A config worker --loglevel=info

beat: install
	.venv/bin/celery -A config beat --loglevel=info

clean:
	rm -rf .venv .tools .build var/staticfiles var/test-media
