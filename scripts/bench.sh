#!/usr/bin/env bash
# Measures this machine's limits and the system against them, ending with
# one key=value line per figure. EOFFICE_BENCH_QUICK=1 keeps it under five
# minutes. EOFFICE_BIN_DIR=<dir> uses binaries built already;
# EOFFICE_BENCH_PROFILE_DIR=<dir> keeps CPU profiles of the services
# (go tool pprof -top <dir>/fanout-tasks.pprof). --province [--scale S]
# [--db sqlite|postgres] generates a province and prints its figures instead.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${EOFFICE_BIN_DIR:-}" ]; then
  EOFFICE_BIN_DIR=$(mktemp -d)
  trap 'rm -rf "$EOFFICE_BIN_DIR"' EXIT
  EOFFICE_BIN_DIR=$EOFFICE_BIN_DIR ./scripts/build.sh >/dev/null
fi
export EOFFICE_BIN_DIR
go run ./pkg/cmd/eoffice-bench "$@"
