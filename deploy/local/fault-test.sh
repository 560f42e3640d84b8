#!/usr/bin/env bash
# The fault test (run by .ci/run after ./mvnw verify): the stack on ports of its own, a resident
# submitting keyed requests at a steady pace (each retried with the same Idempotency-Key until it is
# acknowledged, as the app does), while volunteer-service, request-service, member-service and a
# Kafka broker are each killed with SIGKILL in turn and started again by the launcher. Then every
# acknowledged submission must be stored once and dispatched once, and no volunteer offered the same
# request twice, nor any dispatch decision published twice.
# Beside the resident, a phone that does not retry sends keyed submissions at a steady rate
# (STACK_TEST_PHONE_RATE, 5 a second by default); once its calls are all acknowledged (the JVMs warm at
# that rate), its refused calls are counted per phase: before any kill, after each kill. In cluster mode
# (--cluster: three brokers, two instances of each service) one instance of each and one broker are
# killed, and moreover none of the resident's calls nor of the phone's after its warm-up may be refused: the
# gateway moves to the other instance (deploy/README.md has the figures).
# Needs the built jars (./mvnw package, or after verify), curl and psql; takes four to eight minutes.
#   deploy/local/fault-test.sh [--cluster]
set -euo pipefail
name=fault-test
cluster=false
[ "${1:-}" = --cluster ] && cluster=true
. "$(dirname "$0")/stack-test.sh"

start_stack "$data/stack"
sign_in_admin
sign_in_resident
warm_up
start_phone
phase "warm-up at the phone's rate (not counted)"
phone_warm
phase "before any kill"
counted_from=$(( ${EPOCHREALTIME/./} / 1000 ))
start_submitting

pid_of() { # <command-line pattern> [SERVER_PORT]: with a port, the instance serving on it
  local pid
  for pid in $(pgrep -f "$1"); do
    if [ -z "${2:-}" ] || tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null | grep -qx "SERVER_PORT=$2"; then
      echo "$pid"
      return
    fi
  done
  return 1
}
ready() { curl -sf -o /dev/null "http://localhost:$1/readyz"; }
kill_and_await() { # <name> <pattern> <readiness port, or none for a broker>
  local process=$1 pattern=$2 port=$3 pid
  sleep 8
  pid=$(pid_of "$pattern" "${port#none}") || fail "no process for $process"
  say "kill -9 $process (pid $pid) after $(wc -l < "$acked") acknowledged submissions"
  phase "after the kill of $process"
  kill -9 "$pid"
  local killed_at=$SECONDS
  # A service is started again at a lower priority until ready, a minute at most (the survivors keep the CPU):
  # on two cores under load it may take two minutes or more.
  for _ in $(seq 1 240); do
    if grep -q "$process started again" "$stack_out" && { [ "$port" = none ] || ready "$port"; }; then
      say "$process is back after $((SECONDS - killed_at)) s"
      return
    fi
    sleep 1
  done
  fail "$process was not started again and ready within 240 s"
}
if $cluster; then
  kill_and_await volunteer-service-1 'volunteer-service/target/app/volunteer-service.jar' 28082
  kill_and_await request-service-2 'request-service/target/app/request-service.jar' 28091
  kill_and_await member-service-1 'member-service/target/app/member-service.jar' 28083
  kill_and_await kafka-2 'kafka.Kafka .*broker-2/' none
else
  kill_and_await volunteer-service 'volunteer-service/target/app/volunteer-service.jar' 28082
  kill_and_await request-service 'request-service/target/app/request-service.jar' 28081
  kill_and_await member-service 'member-service/target/app/member-service.jar' 28083
  kill_and_await kafka 'kafka.Kafka' none
fi
sleep 10
stop_submitting
total=$(wc -l < "$acked")
say "$total submissions acknowledged; checking them"
[ "$total" -ge 100 ] || fail "only $total submissions were acknowledged"

phone_acked=$(awk '$2 ~ /^2/ && $4 != ""' "$phone_log" | wc -l)
say "the phone that does not retry, per phase:"
refused_by_phase | sed 's/^/  /'
ids="$data/acked-ids.csv"
{ cut -d' ' -f2 "$acked"; awk '$2 ~ /^2/ && $4 != "" { print $4 }' "$phone_log"; } > "$ids"
total_acked=$((total + phone_acked))
undispatched=$(await_dispatched "$ids")
stored=$(check request "$ids" "SELECT count(*) FROM service_request WHERE id IN (SELECT id FROM acked)")
phone_refused=$(awk -v from="$counted_from" '$3 >= from && $2 !~ /^2/' "$phone_log" | wc -l)
copies=$(check request "$ids" "SELECT count(*) FROM service_request WHERE details->>'description' LIKE '$name %'")
read -r offered_twice events_twice <<< "$(twice "$ids")"
refusals=$(wc -l < "$refused")
say "acknowledged $total (the resident) + $phone_acked (the phone), stored $stored ($((total_acked - stored)) lost), $copies of the resident's stored in all, $undispatched not dispatched, $refusals of the resident's attempts and $phone_refused of the phone's calls after its warm-up refused, $offered_twice offered twice to one volunteer, $events_twice decisions published twice"
[ "$stored" = "$total_acked" ] || fail "acknowledged submissions were lost"
[ "$copies" = "$total" ] || fail "a retried submission was stored twice"
[ "$undispatched" = 0 ] || fail "acknowledged submissions were not dispatched"
[ "$offered_twice" = 0 ] || fail "a volunteer was offered the same request twice"
[ "$events_twice" = 0 ] || fail "a dispatch decision was published twice"
if $cluster && [ "$refusals" != 0 ]; then
  fail "calls were refused while another instance was up: $(tr '\n' ';' < "$refused")"
fi
if $cluster && [ "$phone_refused" != 0 ]; then
  fail "the phone's calls were refused while another instance was up: $(awk -v from="$counted_from" '$3 >= from && $2 !~ /^2/ { printf "%s ", $2 }' "$phone_log")"
fi
say "passed"
stop
trap - EXIT
rm -rf "$data"
