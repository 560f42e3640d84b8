#!/usr/bin/env bash
# Starts the whole community-dispatch system on this machine: PostgreSQL, a Kafka broker and the four
# services, each in its own process. Needs only a JDK 17+. Ctrl-C stops everything.
#   ./run.sh            start (data kept between runs in .data/)
#   ./run.sh --cluster  cluster mode: 3 Kafka brokers, 2 instances of each service, Redis (deploy/README.md)
#   ./run.sh --reset    start from empty
#   ./run.sh --build    rebuild the services first (otherwise only what is missing is built)
#   ./run.sh --backup [FILE]   with the stack running: write a backup (docs/data.md)
#   ./run.sh --restore FILE    start from a backup, on an empty data directory
#   ./run.sh --help     list the options and environment variables
set -euo pipefail
caller="$PWD"
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v "$java_bin" >/dev/null 2>&1; then
  echo "run.sh: no java found; install a JDK 17 or newer (or set JAVA_HOME)" >&2
  exit 1
fi
java_major="$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if [ "${java_major%%.*}" -lt 17 ] 2>/dev/null; then
  echo "run.sh: Java $java_major found; community-dispatch needs Java 17 or newer" >&2
  exit 1
fi

build=false
args=()
previous=
for arg in "$@"; do
  case "$previous:$arg" in
    --backup:-*) ;;
    --backup:*|--restore:*) arg="$(cd "$caller" && realpath -m -- "$arg")" ;;
  esac
  case "$arg" in
    --build) build=true ;;
    -h|--help) args+=("--help") ;;
    *) args+=("$arg") ;;
  esac
  previous="$arg"
done

artifacts=(gateway/target/gateway.jar request-service/target/request-service.jar
  volunteer-service/target/volunteer-service.jar member-service/target/member-service.jar
  deploy/local/target/local-stack.jar)
for artifact in "${artifacts[@]}"; do
  [ -f "$artifact" ] || build=true
done
if [ "$build" = true ]; then
  echo "run.sh: building the services (tests are run by ./mvnw verify)"
  # Jars re-made even when a module's own classes did not change: a service's jar must carry the platform
  # libraries just built, not the ones of its last build.
  ./mvnw -B -q -DskipTests -Dmaven.jar.forceCreation=true package
fi

export DISPATCH_ROOT="$root"
exec "$java_bin" -Xms16m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "deploy/local/target/local-stack.jar:deploy/local/target/lib/*" \
  community.dispatch.local.LocalStack "${args[@]+"${args[@]}"}"
