#!/usr/bin/env bash
# Builds every binary of the stack into ${EOFFICE_BIN_DIR:-.build/bin}.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${EOFFICE_BIN_DIR:-$PWD/.build/bin}
mkdir -p "$out"
go build -o "$out/" \
  ./pkg/cmd/eoffice ./pkg/cmd/eoffice-broker ./pkg/cmd/eoffice-stack \
  ./services/identity/cmd/identity ./services/documents/cmd/documents \
  ./services/tasks/cmd/tasks ./services/notifications/cmd/notifications \
  ./services/exchange/cmd/exchange ./services/exchange/cmd/eoffice-hub \
  ./services/web/cmd/web
echo "$out"
