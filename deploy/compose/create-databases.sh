#!/usr/bin/env bash
# Run once by the postgres image on an empty data directory: a database per service (ARCHITECTURE.md), each
# owned by a role of its own that can do nothing elsewhere — no service connects as the superuser. The tables are
# made by the services' migrations. The passwords come from the user's environment (compose.yaml).
set -euo pipefail
for service in request volunteer member; do
  variable="${service^^}_DB_PASSWORD"
  password="${!variable:?set $variable}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    --set=name="$service" --set=password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
done
