#!/usr/bin/env bash
# Runs every test of every module with -race. PostgreSQL-backed runs happen
# when EOFFICE_TEST_POSTGRES_DSN is set (.ci/run sets it).
set -euo pipefail
cd "$(dirname "$0")/.."
# Binaries built once, reused by the end-to-end tests.
export EOFFICE_BIN_DIR=${EOFFICE_BIN_DIR:-$PWD/.build/bin}
./scripts/build.sh >/dev/null
# playwright-core for the browser test, which skips without node or chromium.
if command -v npm >/dev/null && [ ! -d services/web/browsertest/node_modules ]; then
  (cd services/web/browsertest && npm ci --no-audit --no-fund)
fi
go vet github.com/eoffice-vn/eoffice/...
go test -race -count=1 -timeout 20m "$@" github.com/eoffice-vn/eoffice/...
