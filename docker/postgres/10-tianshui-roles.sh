#!/bin/sh
# First start of the postgres service (docker-entrypoint-initdb.d): the two roles of the application.
#   tianshui      OWNER — owns the database and its tables, runs migrations, grant_runtime_role, prune_logs
#   tianshui_app  RUNTIME — web, worker and beat; owns nothing, may only read and append the logs
# Neither is a superuser; the superuser `postgres` is used by nothing but this script and the DBA.
set -eu
: "${TIANSHUI_OWNER_PASSWORD:?set POSTGRES_OWNER_PASSWORD in .env}"
: "${TIANSHUI_APP_PASSWORD:?set POSTGRES_APP_PASSWORD in .env}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_pw="$TIANSHUI_OWNER_PASSWORD" -v app_pw="$TIANSHUI_APP_PASSWORD" <<'SQL'
CREATE ROLE tianshui LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_pw';
CREATE ROLE tianshui_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD :'app_pw';
CREATE DATABASE tianshui OWNER tianshui;
REVOKE ALL ON DATABASE tianshui FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE tianshui TO tianshui_app;
\connect tianshui
-- only the owner creates objects in the schema (PostgreSQL 15+ already denies PUBLIC)
ALTER SCHEMA public OWNER TO tianshui;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO tianshui_app;
SQL
