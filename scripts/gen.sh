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
  # A published schema must not break (API.md): compare with the commit
  # before this one (on CI's clean clone, the state before the newest commit).
  if git rev-parse -q --verify HEAD~1 >/dev/null; then
    buf breaking --against '../.git#ref=HEAD~1,subdir=proto'
  fi
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
# The integrators' event reference is generated from the schemas too.
(cd ../pkg && EOFFICE_UPDATE_DOCS=1 go test -count=1 ./eventdoc >/dev/null)
