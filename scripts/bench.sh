#!/usr/bin/env bash
# Measures this machine's limits and the system against them, ending with
# one key=value line per figure. EOFFICE_BENCH_QUICK=1 keeps it under five
# minutes. EOFFICE_BIN_DIR=<dir> uses binaries built already;
# EOFFICE_BENCH_PROFILE_DIR=<dir> keeps CPU profiles of the services
# (go tool pprof -top <dir>/fanout-tasks.pprof). --province [--scale S]
# [--db sqlite|postgres] generates a province and prints its figures instead
# (EOFFICE_BENCH_PROFILE_AT=15,300 profiles it 15 s and 300 s in; heap
# profiles after its queries are <dir>/province-queries-<service>.heap.pprof).
# The stack runs in one process (eoffice-one), as scripts/up.sh runs it;
# its profiles are then of that one process, taken once.
# EOFFICE_STACK_PROCESSES=many measures a process per part.
#
# Against real infrastructure (deploy/SIZING.md, "Checking it"):
#   EOFFICE_BENCH_POSTGRES_DSN=postgres://user:pw@host:5432/postgres?sslmode=disable
#     runs every service on PostgreSQL: each stack gets one fresh database
#     per service (eo_bench_<random>_<service>; the role needs CREATEDB),
#     dropped at the end (EOFFICE_BENCH_KEEP_DB=1 keeps them).
#   EOFFICE_KAFKA_BROKERS=host:9092[,host:9092] (with EOFFICE_KAFKA_SASL_*
#     and EOFFICE_KAFKA_TLS_* as the services take them) replaces the
#     embedded broker. Topic and consumer-group names are fixed
#     (eoffice.<service>.v1, groups "tasks", ...) and cannot be prefixed,
#     so give it a cluster no eoffice deployment uses, and delete the
#     eoffice topics and groups between runs: another deployment's
#     consumers would see the bench's events, and a run would replay the
#     previous run's events into its fresh databases. The services do
#     not create topics: create them (and their .dlq) as deploy/'s topic
#     job does, unless the cluster creates them on first use.
#   raw_broker_roundtrip_per_s and raw_store_tx_per_s always measure the
#   embedded broker and SQLite here; the stack's figures measure the
#   infrastructure it was given.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${EOFFICE_BIN_DIR:-}" ]; then
  EOFFICE_BIN_DIR=$(mktemp -d)
  trap 'rm -rf "$EOFFICE_BIN_DIR"' EXIT
  EOFFICE_BIN_DIR=$EOFFICE_BIN_DIR ./scripts/build.sh >/dev/null
fi
export EOFFICE_BIN_DIR
go run ./pkg/cmd/eoffice-bench "$@"
