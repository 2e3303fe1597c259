#!/bin/sh
# Runs once, when the PostgreSQL volume is empty (docker-entrypoint-initdb.d):
# one database and one owner role per service, so no service can read
# another's tables (ARCHITECTURE.md, Data ownership).
set -eu
for svc in identity documents tasks notifications exchange hub; do
  var="EOFFICE_PG_PASSWORD_$(echo "$svc" | tr a-z A-Z)"
  eval "pw=\${$var:-}"
  if [ -z "$pw" ]; then echo "init-databases: $var is not set" >&2; exit 1; fi
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v svc="eoffice_$svc" -v db="$svc" -v pw="$pw" <<'SQL'
CREATE ROLE :"svc" LOGIN PASSWORD :'pw';
CREATE DATABASE :"db" OWNER :"svc";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
done
