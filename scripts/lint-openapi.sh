#!/usr/bin/env bash
# Checks every service's openapi.json, and the combined description of the
# whole system the console serves at /api/openapi.json (pkg/apidoc), with a
# validator nobody here wrote (@redocly/cli, pinned) and its recommended
# rules (redocly.yaml), as an integrator's client generator would read
# them: any error fails; warnings are printed (the accepted ones are in
# .redocly.lint-ignore.yaml). CI runs it (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
# A service's document lives in its public API package (services/<svc>/<svc>api)
# or, until it moves there, in its transport (internal/httpapi).
shopt -s nullglob
docs=(services/*/*api/openapi.json services/*/internal/httpapi/openapi.json)
mkdir -p .build/openapi
(cd pkg && go run ./cmd/eoffice-openapi) > .build/openapi/eoffice.json
exec npx --yes @redocly/cli@2.77.0 lint --config=redocly.yaml --format=stylish "${docs[@]}" .build/openapi/eoffice.json
