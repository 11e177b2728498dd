# 天水市诉源治理案件管理系统 — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP := $(VENV)/.dev-installed
PYTEST_WORKERS ?= 2
# The web server's port: `PORT=8001 make run` when 8000 is taken.
PORT ?= 8000

.PHONY: run test lint bench load backup restore install install-dev migrate seed clean-var help

help:
	@echo "make run    — (PORT=8001 make run for another port) install, migrate, load demo data once, start web + Celery worker + beat (SQLite, filesystem broker)"
	@echo "make test   — install test tools and run the whole suite (PostgreSQL if DATABASE_URL is set, else SQLite)"
	@echo "make lint   — ruff, manage.py check, makemigrations --check, check --deploy on production settings"
	@echo "make bench  — benchmark on PostgreSQL (DATABASE_URL required)"
	@echo "make load   — 50 concurrent users for 5 minutes against gunicorn on PostgreSQL + Redis (DATABASE_URL required)"
	@echo "make backup / make restore BACKUP=dir — pg_dump + attachments, and a verified restore (PostgreSQL)"

# The pinned requirements are read from pyproject.toml (no build step: the project runs from its checkout).
REQS = $(PY) -c 'import sys, tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
	print("\n".join(p["dependencies"] + (p["optional-dependencies"]["dev"] if sys.argv[1:] == ["dev"] else [])))'

$(PY):
	$(PYTHON) -m venv $(VENV)

$(RUNTIME_STAMP): pyproject.toml | $(PY)
	$(REQS) > $(VENV)/requirements.txt
	$(PIP) install --quiet --disable-pip-version-check -r $(VENV)/requirements.txt
	@touch $@

$(DEV_STAMP): pyproject.toml | $(PY)
	$(REQS) dev > $(VENV)/requirements-dev.txt
	$(PIP) install --quiet --disable-pip-version-check -r $(VENV)/requirements-dev.txt
	@touch $(RUNTIME_STAMP) $@

install: $(RUNTIME_STAMP)
install-dev: $(DEV_STAMP)

var:
	@mkdir -p var/celery/queue var/celery/processed var/media var/staticfiles

migrate: install var
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

run: migrate
	@test -f var/.demo-seeded || ($(PY) manage.py seed_demo && touch var/.demo-seeded)
	@echo ""
	@echo "  天水市诉源治理案件管理系统: http://127.0.0.1:$(PORT)/accounts/login/"
	@echo "  演示账号（密码均为 Tianshui@2026）: admin fzsh fzsh_head fuyi fuyi_head jiandu zhifa_scj tiaojie yingsu leader auditor anquan fuyi_qinzhou fuyi_maiji fuyi_head_qinzhou fuyi_head_maiji fuyi_head_qingshui fuyi_head_qinan fuyi_head_gangu fuyi_head_wushan fuyi_head_zhangjiachuan"
	@echo "  按 Ctrl-C 停止 web、worker 与 beat。"
	@echo ""
	@bash -c 'trap "kill \$$(jobs -p) 2>/dev/null; wait" EXIT; trap "exit 130" INT TERM; \
	  $(VENV)/bin/celery -A tianshui_cases worker --loglevel=INFO --concurrency=2 & \
	  $(VENV)/bin/celery -A tianshui_cases beat --loglevel=INFO & \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT) --noreload & \
	  wait -n'

test: $(DEV_STAMP)
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadfile -q

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=tianshui_cases.settings.production SECRET_KEY=lint-only-dummy-secret-key-0123456789-abcdefghijklmnopqrstuv \
	  DATABASE_URL=sqlite:////tmp/tianshui-lint.sqlite3 ALLOWED_HOSTS=cases.example.gov.cn \
	  $(PY) manage.py check --deploy --fail-level WARNING

bench: $(DEV_STAMP)
	@test -n "$$DATABASE_URL" || (echo "make bench 需要 PostgreSQL：请设置 DATABASE_URL" && exit 2)
	DJANGO_SETTINGS_MODULE=tianshui_cases.settings.base $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=tianshui_cases.settings.base $(PY) -m bench.run --scale $${SCALE:-10}

# 50 users for 5 minutes against gunicorn (4 workers); locust in var/load-venv (README, "Load").
LOAD_VENV := var/load-venv
$(LOAD_VENV)/bin/locust: pyproject.toml | $(PY) var
	$(PYTHON) -m venv $(LOAD_VENV)
	$(PY) -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["load"]))' > $(LOAD_VENV)/requirements.txt
	$(LOAD_VENV)/bin/pip install --quiet --disable-pip-version-check -r $(LOAD_VENV)/requirements.txt
	@touch $@

load: install-dev $(LOAD_VENV)/bin/locust
	@test -n "$$DATABASE_URL" || (echo "make load 需要 PostgreSQL：请设置 DATABASE_URL" && exit 2)
	DJANGO_SETTINGS_MODULE=tianshui_cases.settings.base $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=tianshui_cases.settings.base $(PY) -m load.run --users $${USERS:-50} --minutes $${MINUTES:-5}

backup: install var
	$(PY) manage.py backup_db

restore: install
	@test -n "$(BACKUP)" || (echo "用法：make restore BACKUP=var/backups/<时间>" && exit 2)
	$(PY) manage.py restore_db "$(BACKUP)" --yes

clean-var:
	rm -rf var
