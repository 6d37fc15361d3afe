#!/bin/sh
# Writes Prometheus file_sd target files from DNS: every REFRESH_SECONDS it resolves the A records of
# CONNECT_DNS_NAME (the Connect service's Cloud Map name) and BOT_DNS_NAME, and replaces
# $TARGETS_DIR/kafka-connect.json and mm2-bot.json atomically. A failed lookup keeps the last good
# file, so a DNS hiccup does not drop every target. REFRESH_ONCE=1 does one pass (for tests).
set -u

TARGETS_DIR="${TARGETS_DIR:-/etc/prometheus/targets}"
REFRESH_SECONDS="${REFRESH_SECONDS:-30}"
RESOLVER="${RESOLVER:-nslookup}"

# IPv4 addresses of a name, one a line, sorted. nslookup prints the server's address first, then
# "Name:" and the answers ("Address: 10.0.1.5", or "Address 1: 10.0.1.5 host" in older busybox).
resolve() {
  "$RESOLVER" "$1" 2>/dev/null | awk '
    /^Name:/ { answers = 1; next }
    answers && /^Address/ {
      for (i = 2; i <= NF; i++) if ($i ~ /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/) print $i
    }' | sort -u
}

# write_targets <file> <dns name> <port> <service label>
write_targets() {
  file="$TARGETS_DIR/$1"
  ips=$(resolve "$2")
  if [ -z "$ips" ]; then
    echo "refresh-targets: no A records for $2; keeping $file" >&2
    return 0
  fi
  list=""
  for ip in $ips; do
    list="${list:+$list, }\"$ip:$3\""
  done
  printf '[{"targets": [%s], "labels": {"service": "%s"}}]\n' "$list" "$4" >"$file.tmp" && mv "$file.tmp" "$file"
}

# write_brokers: MSK open monitoring on every broker of MSK_BROKERS (bootstrap strings, comma-separated):
# the JMX exporter on 11001 and the node exporter on 11002, by broker host name.
write_brokers() {
  jmx=""
  node=""
  for broker in $(printf '%s' "$MSK_BROKERS" | tr ',' ' '); do
    host="${broker%:*}"
    jmx="${jmx:+$jmx, }\"$host:11001\""
    node="${node:+$node, }\"$host:11002\""
  done
  printf '[{"targets": [%s], "labels": {"service": "msk"}}]\n' "$jmx" >"$TARGETS_DIR/msk-jmx.json.tmp" &&
    mv "$TARGETS_DIR/msk-jmx.json.tmp" "$TARGETS_DIR/msk-jmx.json"
  printf '[{"targets": [%s], "labels": {"service": "msk"}}]\n' "$node" >"$TARGETS_DIR/msk-node.json.tmp" &&
    mv "$TARGETS_DIR/msk-node.json.tmp" "$TARGETS_DIR/msk-node.json"
}

mkdir -p "$TARGETS_DIR"
[ -n "${MSK_BROKERS:-}" ] && write_brokers
while :; do
  [ -n "${CONNECT_DNS_NAME:-}" ] && write_targets kafka-connect.json "$CONNECT_DNS_NAME" "${CONNECT_METRICS_PORT:-9404}" kafka-connect
  [ -n "${BOT_DNS_NAME:-}" ] && write_targets mm2-bot.json "$BOT_DNS_NAME" "${BOT_METRICS_PORT:-9102}" mm2-bot
  [ "${REFRESH_ONCE:-}" = "1" ] && exit 0
  sleep "$REFRESH_SECONDS"
done
