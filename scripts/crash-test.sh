#!/usr/bin/env bash
# The long crash test: a plan of many items (default 300 × a lead and a
# cooperating unit), the whole stack SIGKILLed at several moments of its
# fan-out and restarted on the same data, then each part (broker, every
# service) killed alone; every task and notification must exist exactly
# once. CI runs the short version (pkg/tests/e2e TestCrash*) with
# ./scripts/test.sh. Usage: scripts/crash-test.sh [items] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
items=${1:-300}
rounds=${2:-4}
if [ -z "${EOFFICE_BIN_DIR:-}" ]; then
  EOFFICE_BIN_DIR=$(mktemp -d)
  trap 'rm -rf "$EOFFICE_BIN_DIR"' EXIT
  EOFFICE_BIN_DIR=$EOFFICE_BIN_DIR ./scripts/build.sh >/dev/null
fi
cd pkg
EOFFICE_BIN_DIR=$EOFFICE_BIN_DIR EOFFICE_CRASH_ITEMS=$items EOFFICE_CRASH_ROUNDS=$rounds EOFFICE_CRASH_ALL_PARTS=1 \
  go test -count=1 -v -timeout 30m -run 'TestCrash' ./tests/e2e/ | grep -E '^(=== RUN|--- |PASS|FAIL|ok)|crash_test.go'
