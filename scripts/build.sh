#!/usr/bin/env bash
# Builds every binary of the stack into ${EOFFICE_BIN_DIR:-.build/bin}.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${EOFFICE_BIN_DIR:-$PWD/.build/bin}
mkdir -p "$out"
# The release is the first version heading of CHANGELOG.md; the commit is
# stamped too, since Go stamps no VCS data into workspace builds.
release=${EOFFICE_RELEASE:-$(sed -n 's/^## \[\([0-9][^]]*\)\].*/\1/p' CHANGELOG.md | head -1)}
revision=$(git rev-parse HEAD 2>/dev/null || true)
if [ -n "$revision" ] && [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  revision="$revision+modified"
fi
go build -ldflags "-X github.com/eoffice-vn/eoffice/pkg/version.Release=$release -X github.com/eoffice-vn/eoffice/pkg/version.Revision=$revision" -o "$out/" \
  ./pkg/cmd/eoffice ./pkg/cmd/eoffice-broker ./pkg/cmd/eoffice-stack ./pkg/cmd/eoffice-one \
  ./services/identity/cmd/identity ./services/documents/cmd/documents \
  ./services/tasks/cmd/tasks ./services/notifications/cmd/notifications \
  ./services/exchange/cmd/exchange ./services/exchange/cmd/eoffice-hub \
  ./services/web/cmd/web
echo "$out"
