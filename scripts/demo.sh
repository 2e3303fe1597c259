#!/usr/bin/env bash
# Plays the PAPI story of scripts/demo/papi-khanhhoa-2022.json against a
# running stack (start it with ./scripts/up.sh in another terminal): seeds
# the units and people as the administrator, the UBND issues the directive,
# the Department of Information and Communications issues its plan, the
# units accept their tasks and report, the department reviews them and
# issues the consolidated report back to the UBND. Prints the notations and
# the plan's progress in the four follow-up classes.
#
# Uses the same EOFFICE_*_ADDR variables as scripts/up.sh; the
# administrator's password comes from EOFFICE_BOOTSTRAP_ADMIN_PASSWORD or
# ${EOFFICE_DATA_DIR:-./data}/admin-password. Running it again on the same
# stack plays the story again with new documents and the same people.
# Extra arguments go to `eoffice demo` (e.g. --json, or another scenario file).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${EOFFICE_BIN_DIR:-$PWD/.build/bin}
mkdir -p "$out"
go build -o "$out/" ./pkg/cmd/eoffice
exec "$out/eoffice" demo "$@"
