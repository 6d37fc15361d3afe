#!/bin/sh
# Runs the target refresher in the background and Prometheus in the foreground.
set -eu
/etc/prometheus/refresh-targets.sh &
exec /bin/prometheus \
  --config.file=/etc/prometheus/prometheus.yml \
  --storage.tsdb.path=/prometheus \
  --storage.tsdb.retention.time="${PROMETHEUS_RETENTION:-15d}" \
  --web.listen-address=0.0.0.0:9090 \
  "$@"
