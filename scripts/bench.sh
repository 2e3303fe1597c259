#!/usr/bin/env bash
# Measures this machine's limits and the system against them, ending with
# one key=value line per figure. EOFFICE_BENCH_QUICK=1 keeps it short.
set -euo pipefail
cd "$(dirname "$0")/.."
go run ./pkg/cmd/eoffice-bench
