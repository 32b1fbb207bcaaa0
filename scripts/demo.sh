#!/usr/bin/env bash
# The one-command demo: builds what is missing, runs the daily pipeline on the bundled example
# events (examples/events, 2 tenants x 2 surfaces, 3 days) for one day, and prints where the
# manifests are, the top items per (tenant, surface), and their freshness. Everything it writes is under .out/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

date="${1:-2026-01-02}"
echo "== recsys-pipelines demo: run --date $date on examples/events"
./scripts/recsys-pipelines run --date "$date"

echo
echo "== live manifests (what the service reads)"
for manifest in .out/registry/current/*/*/manifest.json; do
  echo "$manifest"
  cat "$manifest"; echo
done

echo
echo "== freshness (manifest status) and the metrics file the run left for Prometheus"
./scripts/recsys-pipelines manifest status --max-age 48h
echo ".out/metrics/recsys_pipelines.prom:"
grep -E '^recsys_pipelines_(last_success_timestamp_seconds|manifest_age_seconds)' .out/metrics/recsys_pipelines.prom
