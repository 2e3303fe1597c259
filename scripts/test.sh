#!/usr/bin/env bash
# Runs every test of every module with -race. PostgreSQL-backed runs happen
# when EOFFICE_TEST_POSTGRES_DSN is set (.ci/run sets it).
set -euo pipefail
cd "$(dirname "$0")/.."
# Binaries built once, reused by the end-to-end tests.
export EOFFICE_BIN_DIR=${EOFFICE_BIN_DIR:-$PWD/.build/bin}
./scripts/build.sh >/dev/null
go vet github.com/eoffice-vn/eoffice/...
go test -race -count=1 -timeout 20m "$@" github.com/eoffice-vn/eoffice/...
