#!/usr/bin/env bash
# Runs the whole system on this machine with embedded defaults: a durable
# Kafka-protocol broker and the four services on SQLite, data in
# ${EOFFICE_DATA_DIR:-./data}. Prints where each part listens; Ctrl-C or
# SIGTERM stops everything cleanly. Settings: see README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(./scripts/build.sh)
# The demo organisation's units and people (no documents), so that the web
# console has someone to log in as; EOFFICE_DEMO_SEED= (empty) skips it.
export EOFFICE_DEMO_SEED=${EOFFICE_DEMO_SEED-$PWD/scripts/demo/papi-khanhhoa-2022.json}
exec "$bin/eoffice-stack"
