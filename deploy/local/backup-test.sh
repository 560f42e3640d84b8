#!/usr/bin/env bash
# The backup test (run by .ci/run after ./mvnw verify): ./run.sh --backup taken while a resident submits
# keyed requests at a steady pace, then restored with ./run.sh --restore into a fresh data directory (a new
# machine: empty Kafka, no database) and checked. Every submission acknowledged before the backup began must be
# there and dispatched, nothing offered or decided twice, and an order served before the backup must still be
# served, with the volunteer's time-bank statement exactly as it was. Tokens issued before the backup still work.
# Then, on the restored stack, a person's data: the resident's export has every service's part, and once the office
# erased them no row of any service nor any event recorded since names them or says where they live, and the
# month's KPIs are unchanged.
# Needs the built jars (./mvnw package, or after verify), curl and psql; takes three to five minutes.
#   deploy/local/backup-test.sh [--cluster]
set -euo pipefail
name=backup-test
cluster=false
[ "${1:-}" = --cluster ] && cluster=true
. "$(dirname "$0")/stack-test.sh"
post() { curl -sf -o /dev/null -X POST "$gateway$1" -H "Authorization: Bearer $2" -H 'Content-Type: application/json' -d '{}'; }

start_stack "$data/before"
sign_in_admin
sign_in_resident
warm_up

# A volunteer serves the last warm-up request, so that the time bank has hours to keep.
offer=
for _ in $(seq 1 60); do
  offer=$("${psql[@]}" -d volunteer -c "SELECT id || ' ' || volunteer_id FROM order_offer
    WHERE request_id = '$warm_id' AND status = 'OFFERED' LIMIT 1") && [ -n "$offer" ] && break
  sleep 1
done
[ -n "$offer" ] || fail "the warm-up request $warm_id was offered to nobody"
read -r order volunteer_id <<< "$offer"
volunteer=$(sign_in_by_phone "$(curl -sf "$gateway/api/v1/members/$volunteer_id" -H "Authorization: Bearer $admin" | field phone)")
[ -n "$volunteer" ] || fail "the volunteer could not sign in"
for step in acceptance check-in check-out; do
  post "/api/v1/orders/$order/$step" "$volunteer" || fail "the volunteer's $step of $order was refused"
done
statement() { curl -sf "$gateway/api/v1/volunteers/$volunteer_id/hours" -H "Authorization: Bearer $volunteer"; }
hours_before=$(statement) || fail "the volunteer's statement was refused"

start_submitting
sleep 5
# volunteer-service is frozen from a few seconds before the backup until after it, so that the backup holds
# submissions published by request-service and never handled: after the restore, only their events published
# again from the outbox can get them dispatched.
frozen=$(pgrep -f 'volunteer-service/target/app/volunteer-service.jar')
kill -STOP $frozen
sleep 5
backup_began=$(date +%s%3N)
DISPATCH_DATA_DIR="$data/before" java -Xmx256m -cp "deploy/local/target/local-stack.jar:deploy/local/target/lib/*" \
  community.dispatch.local.LocalStack --backup "$data/backup.zip" || fail "the backup failed"
backup_ended=$(date +%s%3N)
kill -CONT $frozen
sleep 5
stop_submitting
stop
total=$(wc -l < "$acked")
awk -v t="$backup_began" '$3 < t { print $2 }' "$acked" > "$data/before-ids.csv"
awk -v a="$backup_began" -v b="$backup_ended" '$3 >= a && $3 < b { print $2 }' "$acked" > "$data/during-ids.csv"
cut -d' ' -f2 "$acked" > "$data/all-ids.csv"
before=$(wc -l < "$data/before-ids.csv")
say "$total submissions acknowledged, $before before the backup began; backup of $(du -h "$data/backup.zip" | cut -f1) taken in $(awk -v ms=$((backup_ended - backup_began)) 'BEGIN { printf "%.1f", ms / 1000 }') s"
[ "$before" -ge 20 ] || fail "only $before submissions were acknowledged before the backup"

restore_began=$SECONDS
start_stack "$data/after" --restore "$data/backup.zip"
say "restored and up in $((SECONDS - restore_began)) s: $(grep -o 'restored .* in [0-9.]* s' "$stack_out" | sed 's/.* in /unpacked in /')"

stored=$(check request "$data/before-ids.csv" "SELECT count(*) FROM service_request WHERE id IN (SELECT id FROM acked)")
during=$(check request "$data/during-ids.csv" "SELECT count(*) FROM service_request WHERE id IN (SELECT id FROM acked)")
undispatched=$(await_dispatched "$data/before-ids.csv")
copies=$("${psql[@]}" -d request -c "SELECT count(*) - count(DISTINCT details->>'description') FROM service_request
  WHERE details->>'description' LIKE '$name %'")
read -r offered_twice events_twice <<< "$(twice "$data/all-ids.csv")"
handled_after=0
for database in request volunteer member; do
  handled_after=$((handled_after + $("${psql[@]}" -d "$database" -c "SELECT count(*) FROM processed_event
    WHERE processed_at >= to_timestamp($backup_ended / 1000.0)")))
done
served=$("${psql[@]}" -d volunteer -c "SELECT status FROM order_offer WHERE id = '$order'")
resolved=$(curl -sf "$gateway/api/v1/requests/$warm_id" -H "Authorization: Bearer $resident" | field status) \
  || fail "the resident's token from before the backup was refused after the restore"
hours_after=$(statement) || fail "the volunteer's statement was refused after the restore"
say "acknowledged before the backup $before, stored $stored ($((before - stored)) lost), $undispatched not dispatched; $during of $(wc -l < "$data/during-ids.csv") acknowledged during it kept; $copies stored twice, $offered_twice offered twice to one volunteer, $events_twice decisions published twice; $handled_after events handled only after the restore; order $served, request $resolved"
[ "$stored" = "$before" ] || fail "submissions acknowledged before the backup were lost"
[ "$undispatched" = 0 ] || fail "submissions acknowledged before the backup were not dispatched"
[ "$copies" = 0 ] || fail "a submission was stored twice"
[ "$handled_after" -gt 0 ] || fail "no event was left to handle after the restore: the test did not try the outboxes' replay"
[ "$offered_twice" = 0 ] || fail "a volunteer was offered the same request twice"
[ "$events_twice" = 0 ] || fail "a dispatch decision was published twice"
[ "$served" = COMPLETED ] && [ "$resolved" = RESOLVED ] || fail "the order served before the backup is $served, its request $resolved"
[ "$hours_after" = "$hours_before" ] || fail "the time bank changed: before $hours_before, after $hours_after"

# A person's data, on the restored stack: the resident's export holds every service's part; then the office erases
# them, each service confirms, and no row of any service and no event recorded since says who they were or where they
# live, while the month's KPIs stay as they were.
as_admin=(-H "Authorization: Bearer $admin" -H 'Content-Type: application/json')
document=$(curl -sf "$gateway/api/v1/members/$resident_id/export" -H "Authorization: Bearer $resident") \
  || fail "the resident's export was refused"
exported=$(grep -o '"categoryCode"' <<< "$document" | wc -l)
theirs=$("${psql[@]}" -d request -c "SELECT count(*) FROM service_request WHERE requester_id = '$resident_id'")
grep -q "\"phone\":\"$resident_phone\"" <<< "$document" && grep -q '"volunteering":{"memberId"' <<< "$document" \
  && [ "$exported" = "$theirs" ] || fail "the export has $exported of the $theirs requests stored, or lacks a part: ${document:0:300}"
# traces <since, ms>: rows of any table of any service naming the resident, and events recorded since then saying
# where they live.
traces() {
  local found=0 rows
  for database in request volunteer member; do
    for table in $("${psql[@]}" -d "$database" -c "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"); do
      rows=$("${psql[@]}" -d "$database" -c "SELECT count(*) FROM \"$table\" t
        WHERE t::text LIKE '%$resident_phone%' OR t::text LIKE '%$resident_name%'")
      found=$((found + rows))
    done
    rows=$("${psql[@]}" -d "$database" -c "SELECT count(*) FROM outbox_event WHERE created_at >= to_timestamp($1 / 1000.0)
      AND payload::text LIKE '%$resident_id%' AND (payload->'data' ?| array['building', 'latitude', 'phone', 'name'])")
    found=$((found + rows))
  done
  echo "$found"
}
kpis_before=$(curl -sf "$gateway/api/v1/requests/kpis?groupBy=GRID" "${as_admin[@]}")
traces_before=$(traces 0)
[ "$traces_before" -gt 0 ] || fail "no row named the resident even before the erasure: the search finds nothing"
erased_at=$(date +%s%3N)
curl -sf -o /dev/null "$gateway/api/v1/members/$resident_id/erasure" "${as_admin[@]}" -d '{"reason":"backup test: the resident asked"}' \
  || fail "the erasure was refused"
for _ in $(seq 1 60); do
  curl -sf "$gateway/api/v1/members/$resident_id/erasure" "${as_admin[@]}" | grep -q '"complete":true' && break
  sleep 1
done
curl -sf "$gateway/api/v1/members/$resident_id/erasure" "${as_admin[@]}" | grep -q '"complete":true' \
  || fail "not every service confirmed the erasure within a minute"
[ "$(curl -sf "$gateway/api/v1/requests/kpis?groupBy=GRID" "${as_admin[@]}")" = "$kpis_before" ] || fail "the month's KPIs changed"
curl -sf -G "$gateway/api/v1/members" --data-urlencode "name=$resident_name" "${as_admin[@]}" | grep -q '"total":0' \
  || fail "the register still finds them by name"
traces=$(traces "$erased_at")
homes=$(( $("${psql[@]}" -d member -c "SELECT count(*) FROM member WHERE id = '$resident_id' AND unit_id IS NOT NULL") \
  + $("${psql[@]}" -d volunteer -c "SELECT count(*) FROM dispatch WHERE requester_id = '$resident_id' AND building IS NOT NULL") \
  + $("${psql[@]}" -d request -c "SELECT count(*) FROM service_request WHERE requester_id = '$resident_id'
      AND details->'location'->>'buildingCode' IS NOT NULL") ))
say "export of $exported requests with every part; erased, confirmed by all three services, KPIs unchanged; $traces rows or events name them (before: $traces_before), $homes say where they live"
[ "$traces" = 0 ] && [ "$homes" = 0 ] || fail "the erased resident can still be found"
say "passed"
stop
trap - EXIT
rm -rf "$data"
