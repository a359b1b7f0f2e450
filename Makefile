# Everything a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install migrate seed lint check clean serve bench bench-compare bench-scaling

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

# axe-core for the browser tests (tests/browser); npm writes this file on every install.
NODE_STAMP := node_modules/.package-lock.json
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

run: export DJANGO_DEBUG = 1
run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	@# Exit 1 = some seed files were rejected (listed above): start anyway. Exit 2 or a crash stops here.
	$(BIN)/python manage.py import_seeds seeds/ || { test $$? -eq 1 && echo "make run: some seed files were rejected (see above); starting anyway." >&2; }
	$(BIN)/python manage.py create_demo_editor
	$(BIN)/python manage.py create_edition_pages
	@# Three Pashto and three Dari stories, so /ps/ and /fa-af/ are not empty (remove_sample_stories deletes them).
	$(BIN)/python manage.py load_sample_stories
	@# The background worker beside the server (photos' copies, newsletters and their sign-up mail,
	@# scheduled changes; its mail prints here): without it a reader's sign-up never got its mail.
	@# Ctrl-C stops both (a signal to make alone would wait for the server: signal the whole group).
	$(BIN)/python manage.py db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python manage.py check --settings=newsroom.settings_test
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=newsroom.settings_test
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/pytest $(PYTEST_ARGS)

# Production server: gunicorn with gunicorn.conf.py, static files from WhiteNoise.
# Needs the production environment (DJANGO_SECRET_KEY, DATABASE_URL, REDIS_URL, ...; docs/deploy.md).
serve: $(STAMP)
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/gunicorn -c gunicorn.conf.py

# Development-only tools (devtools/) run with their own settings, which add them to INSTALLED_APPS.
DEV := --settings=devtools.settings

# Load test on loopback (a few minutes; not part of `make test`). Uses DATABASE_URL/REDIS_URL as set;
# generates BENCH_ARTICLES demo articles if the database lacks them. Report: var/bench/*.json.
# BENCH_ARGS=--quick for a smoke run.
BENCH_ARTICLES ?= 100000
bench: export DJANGO_SECRET_KEY ?= benchmark-only-secret-key-not-for-production
bench: $(STAMP)
	$(BIN)/python manage.py bench $(DEV) --articles $(BENCH_ARTICLES) $(BENCH_ARGS)

# 1,000 against 100,000 articles: the newest report of each size in var/bench/ (docs/performance.md).
# First: make bench BENCH_ARTICLES=1000 DATABASE_URL=<a second database>, and make bench.
bench-compare: export DJANGO_SECRET_KEY ?= benchmark-only-secret-key-not-for-production
bench-compare: $(STAMP)
	$(BIN)/python manage.py bench_compare $(DEV) $(BENCH_COMPARE_ARGS)

# The same, steadier: BENCH_ROUNDS alternating runs of each size with the page cache off (a hit does
# not read the archive), compared by their medians. SMALL_DATABASE_URL (and SMALL_REDIS_URL, else
# REDIS_URL) name the 1,000-article archive's databases; DATABASE_URL the 100,000's. About 5 minutes a round.
BENCH_ROUNDS ?= 3
bench-scaling: $(STAMP)
	@test -n "$(SMALL_DATABASE_URL)" || { echo "Set SMALL_DATABASE_URL to a second database for the 1,000-article archive." >&2; exit 2; }
	for round in $$(seq $(BENCH_ROUNDS)); do \
	  $(MAKE) bench BENCH_ARTICLES=1000 DATABASE_URL="$(SMALL_DATABASE_URL)" REDIS_URL="$(or $(SMALL_REDIS_URL),$(REDIS_URL))" \
	    BENCH_ARGS="--modes uncached $(BENCH_ARGS)" && \
	  $(MAKE) bench BENCH_ARGS="--modes uncached $(BENCH_ARGS)" || exit 1; \
	done
	$(MAKE) bench-compare BENCH_COMPARE_ARGS="--rounds $(BENCH_ROUNDS)"

# Pashto and Dari catalogues: collect new strings (needs GNU gettext: apt-get install gettext),
# translate the empty msgstr lines in locale/*/LC_MESSAGES/django.po, run again to compile, commit both.
.PHONY: messages
messages: $(STAMP)
	$(BIN)/python manage.py makemessages --settings=newsroom.settings_test -l ps -l fa_AF --no-obsolete --add-location=file --ignore='tests/*' --ignore='seeds/*' \
		--ignore='var/*' --ignore='staticfiles/*' --ignore='node_modules/*' --ignore='media/*'
	$(BIN)/python manage.py compilemessages --settings=newsroom.settings_test -l ps -l fa_AF --ignore='.venv'

# Page-weight budgets (docs/performance.md): the production server on a demo archive, each page
# type in en and ps opened cold in headless Chromium; prints bytes by type, fails over budget (~40 s).
.PHONY: budgets
budgets: $(STAMP)
	$(BIN)/pytest tests/browser/test_page_weight.py -m budgets

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) var staticfiles
