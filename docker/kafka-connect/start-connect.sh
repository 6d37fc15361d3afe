#!/bin/sh
# Starts one Kafka Connect distributed worker running MirrorMaker 2: renders the worker config from
# the environment, then runs ConnectDistributed with an explicit heap and the JMX exporter agent.
# Plain POSIX sh: the image runs it as its entrypoint and the lab runs it natively.
#
# Required:  CONNECT_BOOTSTRAP_SERVERS
# Optional (defaults are the image's layout):
#   CONNECT_AUTH_MODE         plaintext | sasl-scram | mtls | iam (default iam): picks the worker file
#   CONNECT_WORKERS_DIR       folder of <auth mode>.properties worker templates (/opt/connect/workers)
#   CONNECT_WORKER_TEMPLATE   one worker template file; wins over CONNECT_AUTH_MODE
#   CONNECT_WORKER_EXTRA      a properties file appended to the rendered config (later keys win)
#   CONNECT_GROUP_ID          (mm2-connect)   CONNECT_REST_PORT (8083)
#   CONNECT_REST_HOST         the address peers reach this worker at (first address of `hostname -i`)
#   CONNECT_REST_LISTEN_HOST  the address the REST server binds (0.0.0.0: every interface, so the task's
#                             own health check on 127.0.0.1 and its peers on the task IP both reach it)
#   CONNECT_CONFIG_TOPIC / CONNECT_OFFSET_TOPIC / CONNECT_STATUS_TOPIC (mm2-connect-configs|offsets|status)
#   CONNECT_REPLICATION_FACTOR (3)   CONNECT_PLUGIN_PATH (<run dir>/plugins, kept empty)
#   CONNECT_CLASSPATH_DIR     folder of the jars from docker/kafka-connect/pom.xml (/opt/connect/libs)
#   JMX_EXPORTER_JAR          the agent jar (found in the classpath folder); "none" turns it off
#   JMX_EXPORTER_HOST / JMX_EXPORTER_PORT (0.0.0.0 / 9404)   JMX_EXPORTER_CONFIG (/opt/connect/jmx-exporter.yml)
#   KAFKA_HEAP_OPTS           (-Xms1g -Xmx1g)   KAFKA_JVM_OPTS (extra JVM flags)   JAVA (java)
#   CONNECT_LOG4J_CONFIG      log4j2 config file (a console-only one is written to the run dir)
#   CONNECT_RUN_DIR           writable folder for the rendered files (/tmp/connect)
#   CONNECT_SECRET_FILES      "file=VARIABLE[:base64] ..." pairs: writes each variable's value (injected
#                             from a secret store) byte for byte to CONNECT_SECRETS_DIR/file, mode 600, for
#                             Connect's file and directory config providers; file may be folder/name;
#                             :base64 decodes a binary file; CONNECT_SECRETS_DIR defaults to /opt/secrets
#   CONNECT_DRY_RUN=1         print the rendered config and the java command instead of starting
set -eu

fail() {
  echo "start-connect: $*" >&2
  exit 2
}

[ -n "${CONNECT_BOOTSTRAP_SERVERS:-}" ] || fail "set CONNECT_BOOTSTRAP_SERVERS to the target cluster's bootstrap servers"

AUTH_MODE="${CONNECT_AUTH_MODE:-iam}"
case "$AUTH_MODE" in
  plaintext | sasl-scram | mtls | iam) ;;
  *) fail "CONNECT_AUTH_MODE=$AUTH_MODE is not one of: plaintext, sasl-scram, mtls, iam" ;;
esac

WORKERS_DIR="${CONNECT_WORKERS_DIR:-/opt/connect/workers}"
TEMPLATE="${CONNECT_WORKER_TEMPLATE:-$WORKERS_DIR/$AUTH_MODE.properties}"
[ -r "$TEMPLATE" ] || fail "worker template $TEMPLATE is missing: set CONNECT_WORKER_TEMPLATE or CONNECT_WORKERS_DIR"

RUN_DIR="${CONNECT_RUN_DIR:-/tmp/connect}"
CLASSPATH_DIR="${CONNECT_CLASSPATH_DIR:-/opt/connect/libs}"
[ -d "$CLASSPATH_DIR" ] || fail "CONNECT_CLASSPATH_DIR=$CLASSPATH_DIR is not a folder of Connect jars"

REST_PORT="${CONNECT_REST_PORT:-8083}"
case "$REST_PORT" in
  '' | *[!0-9]*) fail "CONNECT_REST_PORT=$REST_PORT is not a port number" ;;
esac
# Fargate (awsvpc) gives each task its own IP: peers reach the worker there, not at localhost.
REST_HOST="${CONNECT_REST_HOST:-$(hostname -i 2>/dev/null | awk '{print $1}')}"
[ -n "$REST_HOST" ] || fail "could not find this host's IP: set CONNECT_REST_HOST"
REST_LISTEN_HOST="${CONNECT_REST_LISTEN_HOST:-0.0.0.0}"

mkdir -p "$RUN_DIR" "${CONNECT_PLUGIN_PATH:-$RUN_DIR/plugins}"

# Secrets arrive as environment variables (ECS injects them from Secrets Manager); connector configs
# read them as files through ${file:...}, so they never pass through the Connect REST API.
if [ -n "${CONNECT_SECRET_FILES:-}" ]; then
  SECRETS_DIR="${CONNECT_SECRETS_DIR:-/opt/secrets}"
  mkdir -p "$SECRETS_DIR"
  for pair in $CONNECT_SECRET_FILES; do
    file="${pair%%=*}"
    variable="${pair#*=}"
    encoding=text
    case "$variable" in
      *:base64) variable="${variable%:base64}" encoding=base64 ;;
    esac
    # A name, or one folder and a name (the directory: provider reads a folder of files).
    case "$file" in
      '' | /* | .* | */*/* | */.* | */ | *..*) fail "CONNECT_SECRET_FILES entry $pair: give file=VARIABLE with a file name or folder/file name" ;;
    esac
    case "$variable" in
      '' | *[!A-Za-z0-9_]*) fail "CONNECT_SECRET_FILES entry $pair: give file=VARIABLE[:base64] with a variable name" ;;
    esac
    eval "[ -n \"\${$variable:-}\" ]" || fail "CONNECT_SECRET_FILES names $variable, which is empty or unset"
    case "$file" in */*) (umask 077 && mkdir -p "$SECRETS_DIR/${file%/*}") ;; esac
    # Byte for byte: no newline added or removed (the directory: provider returns the whole file), and a
    # binary file (a PKCS12 keystore) arrives base64-encoded, since an environment variable holds text.
    if [ "$encoding" = base64 ]; then
      (umask 077 && eval "printf '%s' \"\${$variable}\"" | base64 -d >"$SECRETS_DIR/$file") ||
        fail "CONNECT_SECRET_FILES: $variable is not valid base64 (for $file)"
    else
      (umask 077 && eval "printf '%s' \"\${$variable}\"" >"$SECRETS_DIR/$file")
    fi
  done
fi

# sed replacement text: escape the delimiter, backslashes and ampersands of a value.
escape() {
  printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'
}

# Only ${UPPER_CASE} placeholders are ours; ${provider:...} references are left to Connect.
render() {
  sed \
    -e "s|\${BOOTSTRAP_SERVERS}|$(escape "$CONNECT_BOOTSTRAP_SERVERS")|g" \
    -e "s|\${GROUP_ID}|$(escape "${CONNECT_GROUP_ID:-mm2-connect}")|g" \
    -e "s|\${REST_HOST}|$(escape "$REST_HOST")|g" \
    -e "s|\${REST_LISTEN_HOST}|$(escape "$REST_LISTEN_HOST")|g" \
    -e "s|\${REST_PORT}|$REST_PORT|g" \
    -e "s|\${CONFIG_TOPIC}|$(escape "${CONNECT_CONFIG_TOPIC:-mm2-connect-configs}")|g" \
    -e "s|\${OFFSET_TOPIC}|$(escape "${CONNECT_OFFSET_TOPIC:-mm2-connect-offsets}")|g" \
    -e "s|\${STATUS_TOPIC}|$(escape "${CONNECT_STATUS_TOPIC:-mm2-connect-status}")|g" \
    -e "s|\${REPLICATION_FACTOR}|$(escape "${CONNECT_REPLICATION_FACTOR:-3}")|g" \
    -e "s|\${PLUGIN_PATH}|$(escape "${CONNECT_PLUGIN_PATH:-$RUN_DIR/plugins}")|g" \
    "$TEMPLATE"
  if [ -n "${CONNECT_WORKER_EXTRA:-}" ]; then
    [ -r "$CONNECT_WORKER_EXTRA" ] || fail "CONNECT_WORKER_EXTRA=$CONNECT_WORKER_EXTRA cannot be read"
    printf '\n# From %s\n' "$CONNECT_WORKER_EXTRA"
    cat "$CONNECT_WORKER_EXTRA"
  fi
}

WORKER="$RUN_DIR/worker.properties"
render >"$WORKER.tmp"
LEFT=$(grep -v '^[[:space:]]*#' "$WORKER.tmp" | grep -o '\${[A-Z][A-Z0-9_]*}' | sort -u | tr '\n' ' ' || true)
[ -z "$LEFT" ] || fail "$TEMPLATE has placeholders this script does not fill: $LEFT"
mv "$WORKER.tmp" "$WORKER"

LOG4J="${CONNECT_LOG4J_CONFIG:-$RUN_DIR/log4j2.properties}"
if [ -z "${CONNECT_LOG4J_CONFIG:-}" ]; then
  cat >"$LOG4J" <<'LOG4J2'
status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.stdout.ref = STDOUT
logger.reflections.name = org.reflections
logger.reflections.level = ERROR
LOG4J2
fi

# The classpath is every jar of the jar set except the agent, which loads through -javaagent.
CLASSPATH=""
for jar in "$CLASSPATH_DIR"/*.jar; do
  [ -e "$jar" ] || fail "no jars in $CLASSPATH_DIR: run mvn dependency:copy-dependencies on docker/kafka-connect/pom.xml"
  case "$(basename "$jar")" in
    jmx_prometheus_javaagent*) continue ;;
  esac
  CLASSPATH="${CLASSPATH:+$CLASSPATH:}$jar"
done

AGENT_OPTS=""
AGENT_JAR="${JMX_EXPORTER_JAR:-}"
if [ -z "$AGENT_JAR" ]; then
  for jar in "$CLASSPATH_DIR"/jmx_prometheus_javaagent*.jar; do
    [ -e "$jar" ] && AGENT_JAR="$jar"
  done
  [ -n "$AGENT_JAR" ] || fail "no jmx_prometheus_javaagent jar in $CLASSPATH_DIR: set JMX_EXPORTER_JAR (or none)"
fi
if [ "$AGENT_JAR" != "none" ]; then
  [ -r "$AGENT_JAR" ] || fail "JMX_EXPORTER_JAR=$AGENT_JAR cannot be read"
  EXPORTER_CONFIG="${JMX_EXPORTER_CONFIG:-/opt/connect/jmx-exporter.yml}"
  [ -r "$EXPORTER_CONFIG" ] || fail "JMX_EXPORTER_CONFIG=$EXPORTER_CONFIG cannot be read"
  AGENT_OPTS="-javaagent:$AGENT_JAR=${JMX_EXPORTER_HOST:-0.0.0.0}:${JMX_EXPORTER_PORT:-9404}:$EXPORTER_CONFIG"
fi

# Word splitting of the *_OPTS variables is wanted: each holds several JVM flags.
# shellcheck disable=SC2086
set -- ${KAFKA_HEAP_OPTS:--Xms1g -Xmx1g} -XX:+UseG1GC -XX:MaxGCPauseMillis=50 \
  -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true "-Dlog4j2.configurationFile=$LOG4J" \
  ${KAFKA_JVM_OPTS:-} $AGENT_OPTS -cp "$CLASSPATH" org.apache.kafka.connect.cli.ConnectDistributed "$WORKER"

if [ "${CONNECT_DRY_RUN:-}" = "1" ]; then
  cat "$WORKER"
  printf '\n# command: %s' "${JAVA:-java}"
  printf ' %s' "$@"
  printf '\n'
  exit 0
fi
exec "${JAVA:-java}" "$@"
