# 天水市诉源治理案件管理系统 — one image for web (gunicorn), worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=tianshui_cases.settings.production

RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-noto-cjk gettext libpango-1.0-0 libpangoft2-1.0-0 \
      libharfbuzz-subset0 curl \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml ./
RUN pip install --no-cache-dir . && rm -rf build *.egg-info
COPY . .
RUN useradd --system --home /app tianshui && mkdir -p /app/var/media /app/var/staticfiles \
 && chown -R tianshui /app/var
USER tianshui

EXPOSE 8000
CMD ["gunicorn", "tianshui_cases.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
