#!/usr/bin/env bash
# The performance harness: loads the running single-node stack (./run.sh) with wrk and prints one
# table — submissions and two reads through the gateway and direct, submission → first offer at
# paced rates with a small and a large team, and the CPU each process spent per call.
#
#   DISPATCH_RATE_LIMIT=100000000 DISPATCH_SIGN_IN_RATE_LIMIT=100000 ./run.sh   # limits raised for a load test
#   DISPATCH_ADMIN_PASSWORD=… bench/run.sh          # the admin password after its first change
#
# Settings (defaults in brackets): BENCH_WARMUP seconds per scenario of the unrecorded pass [10],
# BENCH_DURATION seconds per closed-loop run [15], BENCH_CONNECTIONS [64], BENCH_PACED_DURATION
# seconds per paced run [10], BENCH_RATES [50 100 200], BENCH_TEAMS volunteer counts [400 3000],
# BENCH_ONLY [all] (throughput | dispatch). Needs wrk, curl and psql
# (Debian: apt-get install wrk curl postgresql-client). It adds 16 bench residents, their requests
# and synthetic volunteers of the Weaver team to the stack's data: bench a stack you can reset.
set -euo pipefail
cd "$(dirname "$0")/.."

gateway="http://localhost:${DISPATCH_GATEWAY_PORT:-8080}"
request_service="http://localhost:${DISPATCH_REQUEST_SERVICE_PORT:-8081}"
duration="${BENCH_DURATION:-15}"
paced_duration="${BENCH_PACED_DURATION:-10}"
connections="${BENCH_CONNECTIONS:-64}"
read -r -a rates <<< "${BENCH_RATES:-50 100 200}"
read -r -a teams <<< "${BENCH_TEAMS:-400 3000}"
only="${BENCH_ONLY:-all}"
work=bench/.work
script=bench/wrk/calls.lua
psql=(psql -h localhost -p "${DISPATCH_POSTGRES_PORT:-15432}" -U postgres -qtAX)

for tool in wrk curl psql; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (Debian: apt-get install wrk curl postgresql-client)" >&2; exit 1; }
done
: "${DISPATCH_ADMIN_PASSWORD:?set DISPATCH_ADMIN_PASSWORD to the admin password of the stack}"
mkdir -p "$work"

field() { grep -o "\"$1\":\"[^\"]*\"" | head -1 | cut -d'"' -f4; }
call() { curl -sS --fail-with-body "$@"; }

admin=$(call "$gateway/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$DISPATCH_ADMIN_PASSWORD\"}" | field access_token)

# Sixteen residents, signed in once with codes from the SMS sandbox (a network may ask for only 20
# codes in 15 minutes); later runs refresh their tokens.
tokens="$work/tokens"
refresh="$work/refresh-tokens"
codes_to() { # <phone> → how many sign-in codes the SMS sandbox holds for it
  call "$gateway/api/v1/auth/sms-sandbox?phone=$1&limit=200" -H "Authorization: Bearer $admin" | grep -o '验证码 [0-9]\{6\}' | wc -l
}
new_code() { # <phone> → a new code for it: asked for, then waited for (codes are texted from a queue)
  local before i
  before=$(codes_to "$1")
  call -o /dev/null "$gateway/api/v1/auth/codes" -H 'Content-Type: application/json' -d "{\"phone\":\"$1\"}"
  for i in $(seq 1 50); do
    [ "$(codes_to "$1")" -gt "$before" ] && break
    sleep 0.2
  done
  call "$gateway/api/v1/auth/sms-sandbox?phone=$1" -H "Authorization: Bearer $admin" \
    | grep -o '验证码 [0-9]\{6\}' | head -1 | grep -o '[0-9]\{6\}'
}
sign_in_residents() {
  : > "$tokens.new"; : > "$refresh.new"
  local n phone code answer
  for n in $(seq 1 16); do
    phone=$(printf '1990000%04d' "$n")
    curl -sS -o /dev/null "$gateway/api/v1/members" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
      -d "{\"name\":\"压测居民$n\",\"phone\":\"$phone\",\"roles\":[\"RESIDENT\"]}"
    code=$(new_code "$phone")
    answer=$(call "$gateway/api/v1/auth/login" -H 'Content-Type: application/json' -d "{\"phone\":\"$phone\",\"code\":\"$code\"}")
    field access_token <<< "$answer" >> "$tokens.new"
    field refresh_token <<< "$answer" >> "$refresh.new"
  done
}
refresh_residents() {
  : > "$tokens.new"; : > "$refresh.new"
  local token answer
  while read -r token; do
    answer=$(call "$gateway/oauth2/token" -d grant_type=refresh_token --data-urlencode "refresh_token=$token") || return 1
    field access_token <<< "$answer" >> "$tokens.new"
    field refresh_token <<< "$answer" >> "$refresh.new"
  done < "$refresh"
}
# Fresh tokens (they last 10 minutes): before the run and again before any load that starts later.
fresh_tokens() {
  if [ ! -s "$refresh" ] || ! refresh_residents 2>/dev/null; then
    sign_in_residents
    rm -f "$work/own-requests" # new residents (e.g. a stack started with --reset): the old requests are not theirs
  fi
  mv "$tokens.new" "$tokens"; mv "$refresh.new" "$refresh"
  touch "$work/tokens-at"
  # Each resident's own request (made once), for the authenticated read; and the catalogue.
  if [ ! -s "$work/own-requests" ]; then
    while read -r token; do
      call "$gateway/api/v1/requests" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d '{"categoryCode":"sewing-mending","description":"bench: a coat to mend"}' | field id
    done < "$tokens" > "$work/own-requests"
  fi
  paste -d' ' "$tokens" <(sed 's|^|/api/v1/requests/|' "$work/own-requests") > "$reads"
  sed 's|$| /api/v1/categories|' "$tokens" > "$work/catalogue"
}
reads="$work/reads"
fresh_tokens

# CPU time (ms) each process of the stack has used so far: gateway request volunteer member kafka postgres.
tick=$(getconf CLK_TCK)
cpu_of() {
  local total=0 pid
  for pid in $(pgrep "$@" || true); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo $((total * 1000 / tick))
}
cpu_now() {
  echo "$(cpu_of -f 'gateway/target/gateway.jar') $(cpu_of -f 'request-service/target/request-service.jar')" \
    "$(cpu_of -f 'volunteer-service/target/volunteer-service.jar') $(cpu_of -f 'member-service/target/member-service.jar')" \
    "$(cpu_of -f 'kafka.Kafka') $(cpu_of -x postgres)"
}

# Waits until the stack has worked off what the last run left (dispatching, relaying): below 25 % of a core.
settle() {
  local before after
  for _ in $(seq 1 60); do
    before=$(cpu_now | awk '{ for (i = 1; i <= NF; i++) s += $i; print s }')
    sleep 2
    after=$(cpu_now | awk '{ for (i = 1; i <= NF; i++) s += $i; print s }')
    [ $((after - before)) -lt 500 ] && return
  done
  echo "bench: the stack is still busy; measuring anyway" >&2
}

results="$work/results.md"
{
  echo "| scenario | via | calls/s | p50 ms | p99 ms | non-2xx | CPU ms per call: gateway / request / volunteer / member / kafka / postgres |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | --- |"
} > "$results"

# load <label> <via> <base url> <kind> <file> <connections> <calls/s per thread, 0 = closed loop> <seconds> [tag]
load() {
  local label=$1 via=$2 url=$3 kind=$4 file=$5 conns=$6 rate=$7 seconds=$8 tag=${9:-}
  local before after result
  settle
  [ -z "$(find "$work/tokens-at" -mmin +5)" ] || fresh_tokens
  read -r -a before <<< "$(cpu_now)"
  result=$(wrk -t2 -c"$conns" -d"${seconds}s" --timeout 10s -s "$script" "$url" -- \
    "$kind" "$file" "$rate" sewing-mending "$tag" | grep '^RESULT')
  read -r -a after <<< "$(cpu_now)"
  local calls seconds_taken non2xx p50 p99 errors
  calls=$(sed 's/.*calls=\([0-9]*\).*/\1/' <<< "$result")
  seconds_taken=$(sed 's/.*seconds=\([0-9.]*\).*/\1/' <<< "$result")
  non2xx=$(sed 's/.*non2xx=\([0-9]*\).*/\1/' <<< "$result")
  errors=$(sed 's/.*socket_errors=\([0-9]*\).*timeouts=\([0-9]*\).*/\1+\2/' <<< "$result")
  p50=$(sed 's/.*p50_ms=\([0-9.]*\).*/\1/' <<< "$result")
  p99=$(sed 's/.*p99_ms=\([0-9.]*\).*/\1/' <<< "$result")
  local cpu="" i
  for i in 0 1 2 3 4 5; do
    cpu+="$(awk -v a="${after[$i]}" -v b="${before[$i]}" -v n="$calls" 'BEGIN { printf "%.2f", n ? (a - b) / n : 0 }')"
    [ "$i" -lt 5 ] && cpu+=" / "
  done
  [ "$errors" = "0+0" ] || non2xx="$non2xx (+$errors socket)"
  printf '| %s | %s | %.0f | %s | %s | %s | %s |\n' "$label" "$via" "$(awk -v c="$calls" -v s="$seconds_taken" 'BEGIN { print c / s }')" \
    "$p50" "$p99" "$non2xx" "$cpu"
}

# A freshly started stack runs interpreted code at first, and its compilers compete for the same two
# cores for minutes: every closed-loop scenario runs once unrecorded before the measured pass.
warmup="${BENCH_WARMUP:-10}"
throughput() { # <seconds> → table rows
  local via url
  for via in gateway direct; do
    url=$gateway; [ "$via" = direct ] && url=$request_service
    load "submit a request" "$via" "$url" submit "$tokens" "$connections" 0 "$1" "t$(date +%s)"
    load "read the catalogue" "$via" "$url" get "$work/catalogue" "$connections" 0 "$1"
    load "read an own request" "$via" "$url" get "$reads" "$connections" 0 "$1"
  done
}
[ "$warmup" -gt 0 ] && throughput "$warmup" > /dev/null

if [ "$only" = all ] || [ "$only" = throughput ]; then
  throughput "$duration" | tee -a "$results"
fi

# Submission → first offer, from the databases' own clocks (service_request.created_at, order_offer.offered_at).
bench_volunteers() { # keep exactly $1 synthetic Weaver volunteers active, their earlier offers withdrawn
  "${psql[@]}" -d volunteer -c "
    UPDATE order_offer SET status = 'WITHDRAWN' WHERE status = 'OFFERED'
      AND volunteer_id IN (SELECT member_id FROM volunteer WHERE compound_code LIKE 'BENCH-%');
    INSERT INTO volunteer (member_id, compound_code, grid_code, teams, skills, max_concurrent)
    SELECT gen_random_uuid(), 'BENCH-' || (n % 12), 'G0' || (n % 6 + 1), '{weaver}', '{\"sewing\": 3}', 10
    FROM generate_series(1, $1 - (SELECT count(*) FROM volunteer WHERE compound_code LIKE 'BENCH-%')) AS n;
    UPDATE volunteer SET active = (member_id IN (SELECT member_id FROM volunteer WHERE compound_code LIKE 'BENCH-%'
      ORDER BY member_id LIMIT $1)) WHERE compound_code LIKE 'BENCH-%';" >/dev/null
}
offer_latency() { # <tag> → "offered/submitted p50 p95 p99 max" once offers stop coming
  local tag=$1 last=-1 now
  for _ in $(seq 1 60); do
    "${psql[@]}" -d request -c "\\copy (SELECT id, created_at FROM service_request WHERE details->>'description' LIKE 'bench $tag %') TO '$PWD/$work/submitted.csv' CSV"
    now=$("${psql[@]}" -d volunteer -c "CREATE TEMP TABLE s (id uuid, at timestamptz)" \
      -c "\\copy s FROM '$PWD/$work/submitted.csv' CSV" \
      -c "SELECT count(DISTINCT s.id) FROM s JOIN order_offer o ON o.request_id = s.id")
    [ "$now" = "$last" ] && break
    last=$now
    sleep 2
  done
  "${psql[@]}" -d volunteer -F' ' -c "CREATE TEMP TABLE s (id uuid, at timestamptz)" \
    -c "\\copy s FROM '$PWD/$work/submitted.csv' CSV" \
    -c "WITH firsts AS (SELECT s.id, extract(epoch FROM min(o.offered_at) - s.at) * 1000 AS ms
                    FROM s LEFT JOIN order_offer o ON o.request_id = s.id GROUP BY s.id, s.at)
    SELECT count(ms) || '/' || count(*),
           round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)), round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)),
           round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)), round(max(ms)) FROM firsts"
}

if [ "$only" = all ] || [ "$only" = dispatch ]; then
  {
    echo
    echo "| submission → first offer | team | target/s | achieved/s | offered | p50 ms | p95 ms | p99 ms | max ms |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  } >> "$results"
  for team in "${teams[@]}"; do
    for rate in "${rates[@]}"; do
      bench_volunteers "$team"
      tag="d$(date +%s)r$rate"
      row=$(load "paced submissions" gateway "$gateway" submit "$tokens" "$(( rate / 10 > 4 ? rate / 10 : 4 ))" \
        "$(( rate / 2 ))" "$paced_duration" "$tag")
      achieved=$(cut -d'|' -f4 <<< "$row" | tr -d ' ')
      read -r offered p50 p95 p99 max <<< "$(offer_latency "$tag")"
      printf '| via gateway | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$team" "$rate" "$achieved" "$offered" \
        "$p50" "$p95" "$p99" "$max" | tee -a "$results"
    done
  done
  bench_volunteers 0
fi

echo
echo "$(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(java -version 2>&1 | head -1); table in $results:"
cat "$results"
