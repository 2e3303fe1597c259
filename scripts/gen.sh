#!/usr/bin/env bash
# Regenerates Go code from proto/ with buf and protoc-gen-go, both fetched
# through the Go module proxy (no other download), then lints the schemas.
set -euo pipefail
cd "$(dirname "$0")/../proto"
BUF_VERSION=v1.75.0
buf() { GOFLAGS= go run "github.com/bufbuild/buf/cmd/buf@${BUF_VERSION}" "$@"; }
buf lint
rm -rf gen/go
buf generate
