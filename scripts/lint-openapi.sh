#!/usr/bin/env bash
# Checks every service's openapi.json with a validator nobody here wrote
# (@redocly/cli, pinned), as an integrator's client generator would read
# it: any error fails; warnings are printed. CI runs it (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
# A service's document lives in its public API package (services/<svc>/<svc>api)
# or, until it moves there, in its transport (internal/httpapi).
shopt -s nullglob
docs=(services/*/*api/openapi.json services/*/internal/httpapi/openapi.json)
exec npx --yes @redocly/cli@2.77.0 lint --config=redocly.yaml --format=stylish "${docs[@]}"
