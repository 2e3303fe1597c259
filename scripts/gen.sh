#!/usr/bin/env bash
# Regenerates Go code from proto/ with buf and protoc-gen-go, both fetched
# through the Go module proxy (no other download), after linting the
# schemas. With --check, fails if the committed code differs from a fresh
# generation (CI runs that).
set -euo pipefail
cd "$(dirname "$0")/../proto"
BUF_VERSION=v1.75.0
buf() { GOFLAGS= go run "github.com/bufbuild/buf/cmd/buf@${BUF_VERSION}" "$@"; }
buf lint
if [ "${1:-}" = "--check" ]; then
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  buf generate -o "$tmp"
  if ! diff -r "$tmp/gen/go" gen/go; then
    echo "generated code in proto/gen is stale: run ./scripts/gen.sh and commit" >&2
    exit 1
  fi
  echo "generated code is current"
  exit 0
fi
rm -rf gen/go
buf generate
