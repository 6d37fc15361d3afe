#!/bin/sh
# Runs the target refresher in the background and Prometheus in the foreground.
# The defaults are the image's layout; the task-definition rehearsal (test/integration/infra) runs this
# script natively with PROMETHEUS_HOME, PROMETHEUS_BIN and PROMETHEUS_DATA_DIR pointing at a copy.
set -eu
HOME_DIR="${PROMETHEUS_HOME:-/etc/prometheus}"
"$HOME_DIR/refresh-targets.sh" &
exec "${PROMETHEUS_BIN:-/bin/prometheus}" \
  --config.file="$HOME_DIR/prometheus.yml" \
  --storage.tsdb.path="${PROMETHEUS_DATA_DIR:-/prometheus}" \
  --storage.tsdb.retention.time="${PROMETHEUS_RETENTION:-15d}" \
  --web.listen-address="0.0.0.0:${PROMETHEUS_PORT:-9090}" \
  "$@"
