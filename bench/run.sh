#!/usr/bin/env bash
# The performance harness: loads the running single-node stack (./run.sh) with wrk and prints one
# table — submissions and two reads through the gateway and direct, submission → first offer at
# paced rates with a small and a large team, and the CPU each process spent per call.
#
#   DISPATCH_RATE_LIMIT=100000000 DISPATCH_SIGN_IN_RATE_LIMIT=100000 ./run.sh   # limits raised for a load test
#   DISPATCH_ADMIN_PASSWORD=… bench/run.sh          # the admin password after its first change
#
# Settings (defaults in brackets): BENCH_WARMUP seconds per window of the unrecorded warm-up [10],
# BENCH_WARMUP_ROUNDS at most this many windows of submissions until two agree within 5 % [8],
# BENCH_DURATION seconds per closed-loop run [15], BENCH_CONNECTIONS [64], BENCH_PACED_DURATION
# seconds per paced run [10], BENCH_RATES [50 100 200], BENCH_TEAMS volunteer counts [400 3000],
# BENCH_READ_RATE the paced read through the gateway and direct [500], BENCH_DAY_RATE the community day's paced
# rate [100] (0: none), BENCH_ONLY [all] (throughput | dispatch | surge | soak: not in all, see below),
# BENCH_SOAK_RATE [20] and BENCH_SOAK_MINUTES [10],
# BENCH_SURGE_BASE the surge's steady rate [20], BENCH_IDLE seconds
# the idle stack is measured [20]. Needs wrk, curl and psql
# (Debian: apt-get install wrk curl postgresql-client). It adds 16 bench residents, their requests
# and synthetic volunteers of the Weaver team to the stack's data: bench a stack you can reset.
set -euo pipefail
# A step that fails stops the bench: say so, and what failed (an unrecorded pass sends its output to /dev/null).
trap 'status=$?; [ "$status" -eq 0 ] || echo "bench: stopped (status $status) at: $BASH_COMMAND" >&2' EXIT
cd "$(dirname "$0")/.."
export LC_ALL=C # join and sort agree on the order

gateway="http://localhost:${DISPATCH_GATEWAY_PORT:-8080}"
request_service="http://localhost:${DISPATCH_REQUEST_SERVICE_PORT:-8081}"
duration="${BENCH_DURATION:-15}"
paced_duration="${BENCH_PACED_DURATION:-10}"
connections="${BENCH_CONNECTIONS:-64}"
read_rate="${BENCH_READ_RATE:-500}"
day_rate="${BENCH_DAY_RATE:-100}"
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
processes=(gateway request volunteer member kafka postgres)
pids_of() { # <process> → its pids
  case $1 in
    kafka) pgrep -f 'kafka.Kafka' || true ;;
    postgres) pgrep -x postgres || true ;;
    *) pgrep -f "$1-service/target/app/$1-service.jar|$1/target/app/$1.jar" || true ;;
  esac
}
# One line per process and thread kind: "<process> <kind> <user ms> <system ms>". A JVM's threads are told
# apart by name: the JIT's compilers, GC and VM (Serial GC collects in the VM Thread), and the rest — the
# application's event loops, Kafka clients and timers — counted as the process's whole time less those, so a
# thread that ended within the window (an idle worker let go) still counts. PostgreSQL's backends are one kind.
cpu_snapshot() {
  local process pid
  for process in "${processes[@]}"; do
    for pid in $(pids_of "$process"); do
      # A thread (or the process) may end between listing and reading: what is left is read, and that is no failure.
      { cat /proc/"$pid"/stat /proc/"$pid"/task/*/stat 2>/dev/null || true; } | awk -v p="$process" -v tick="$tick" '
        { name = substr($0, index($0, "(") + 1); name = substr(name, 1, index(name, ")") - 1)
          split(substr($0, index($0, ") ") + 2), f, " ") }
        NR == 1 { total_u = f[12]; total_s = f[13]; next }
        p != "postgres" && name ~ /Compiler/ { user["compiler"] += f[12]; sys["compiler"] += f[13] }
        p != "postgres" && name ~ /GC|VM Thread|VM Periodic/ { user["gc"] += f[12]; sys["gc"] += f[13] }
        END { u = total_u; x = total_s
              for (k in user) { u -= user[k]; x -= sys[k] }
              rest = p == "postgres" ? "all" : "app"; user[rest] = u; sys[rest] = x
              for (k in user) printf "%s %s %d %d\n", p, k, user[k] * 1000 / tick, sys[k] * 1000 / tick }'
    done
  done | awk '{ u[$1 " " $2] += $3; s[$1 " " $2] += $4 } END { for (k in u) print k, u[k], s[k] }' | sort
}
cpu_now() { # each process's user + system ms, in the order of $processes
  local snapshot
  snapshot=$(cpu_snapshot)
  for process in "${processes[@]}"; do
    awk -v p="$process" '$1 == p { t += $3 + $4 } END { printf "%d ", t }' <<< "$snapshot"
  done
  echo
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

# The database's counters so far: "<statements> <commits> <WAL bytes>" — statements only where the stack counts them
# (DISPATCH_POSTGRES_STATEMENTS=true ./run.sh; otherwise 0), commits of the services' three databases.
db_counters() {
  "${psql[@]}" -d postgres -F' ' -c "
    SELECT (SELECT coalesce(sum(calls), 0) FROM pg_stat_statements
              WHERE EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements')),
           (SELECT sum(xact_commit) FROM pg_stat_database WHERE datname IN ('request', 'volunteer', 'member')),
           (SELECT wal_bytes FROM pg_stat_wal)" 2>/dev/null \
  || "${psql[@]}" -d postgres -F' ' -c "
    SELECT 0, (SELECT sum(xact_commit) FROM pg_stat_database WHERE datname IN ('request', 'volunteer', 'member')),
           (SELECT wal_bytes FROM pg_stat_wal)"
}

# What the idle stack spends per second (timers, pollers, heartbeats), by process and thread kind: measured
# once, settled, and taken off each run's CPU, so a slow scenario is not charged for the clock ticking.
idle="$work/idle"
: > "$idle" # nothing taken off until measured (the unrecorded pass)
echo "0 0 0" > "$idle.db"
measure_idle() {
  local seconds=${BENCH_IDLE:-20}
  settle
  cpu_snapshot > "$idle.before"
  db_counters > "$idle.db-before"
  sleep "$seconds"
  cpu_snapshot > "$idle.after"
  db_counters > "$idle.db-after"
  paste -d' ' "$idle.db-before" "$idle.db-after" | awk -v s="$seconds" '{ printf "%.3f %.3f %.1f\n", ($4 - $1) / s, ($5 - $2) / s, ($6 - $3) / s }' > "$idle.db"
  join <(awk '{ print $1 "/" $2, $3, $4 }' "$idle.before" | sort) <(awk '{ print $1 "/" $2, $3, $4 }' "$idle.after" | sort) \
    | awk -v s="$seconds" '{ printf "%s %.3f %.3f\n", $1, ($4 - $2) / s, ($5 - $3) / s }' > "$idle"
}
# cpu_per_call <before snapshot> <after snapshot> <seconds> <calls> → "<process/kind> <user ms> <system ms>" per
# call, idle taken off
cpu_per_call() {
  join <(awk '{ print $1 "/" $2, $3, $4 }' "$1" | sort) <(awk '{ print $1 "/" $2, $3, $4 }' "$2" | sort) | join -a1 - "$idle" \
    | awk -v s="$3" -v n="$4" '{ u = $4 - $2 - s * ($6 + 0); x = $5 - $3 - s * ($7 + 0)
        printf "%s %.2f %.2f\n", $1, n ? (u > 0 ? u : 0) / n : 0, n ? (x > 0 ? x : 0) / n : 0 }'
}

results="$work/results.md"
{
  echo "| scenario | via | calls/s | p50 ms | p99 ms | non-2xx | CPU ms per call: gateway / request / volunteer / member / kafka / postgres |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | --- |"
} > "$results"

details="$work/cpu-details.md"
details_header() {
  echo "| scenario | via | calls/s | user / system ms per call, by process | JVM threads ms per call: application / GC and VM / JIT | wrk ms per call | statements / commits / WAL kB per call |"
  echo "| --- | --- | ---: | --- | --- | ---: | --- |"
}

# load <label> <via> <base url> <kind> <file> <connections> <calls/s per thread, 0 = closed loop> <seconds> [tag]
# → one row of the results table (CPU per call by process, the idle stack's share taken off); one row of the
# details table goes to $details.
load() {
  local label=$1 via=$2 url=$3 kind=$4 file=$5 conns=$6 rate=$7 seconds=$8 tag=${9:-}
  local result wrk_cpu
  settle
  [ -z "$(find "$work/tokens-at" -mmin +5)" ] || fresh_tokens
  cpu_snapshot > "$work/before"
  db_counters > "$work/db-before"
  # The load generator's own CPU (user and system seconds): it shares the two cores with the stack.
  wrk_cpu=$( { TIMEFORMAT='%U %S'; time wrk -t2 -c"$conns" -d"${seconds}s" --timeout 10s -s "$script" "$url" -- \
    "$kind" "$file" "$rate" sewing-mending "$tag" > "$work/wrk.out"; } 2>&1 )
  cpu_snapshot > "$work/after"
  db_counters > "$work/db-after"
  result=$(grep '^RESULT' "$work/wrk.out")
  local calls seconds_taken non2xx p50 p99 errors
  calls=$(sed 's/.*calls=\([0-9]*\).*/\1/' <<< "$result")
  seconds_taken=$(sed 's/.*seconds=\([0-9.]*\).*/\1/' <<< "$result")
  non2xx=$(sed 's/.*non2xx=\([0-9]*\).*/\1/' <<< "$result")
  errors=$(sed 's/.*socket_errors=\([0-9]*\).*timeouts=\([0-9]*\).*/\1+\2/' <<< "$result")
  p50=$(sed 's/.*p50_ms=\([0-9.]*\).*/\1/' <<< "$result")
  p99=$(sed 's/.*p99_ms=\([0-9.]*\).*/\1/' <<< "$result")
  cpu_per_call "$work/before" "$work/after" "$seconds_taken" "$calls" > "$work/per-call"
  local cpu="" split="" threads="" process
  for process in "${processes[@]}"; do
    cpu+="$(awk -v p="$process" 'index($1, p "/") == 1 { t += $2 + $3 } END { printf "%.2f", t }' "$work/per-call") / "
    split+="$process $(awk -v p="$process" 'index($1, p "/") == 1 { u += $2; s += $3 } END { printf "%.2f/%.2f", u, s }' "$work/per-call"), "
    [ "$process" = postgres ] || threads+="$process $(awk -v p="$process" '
      $1 == p "/app" { a = $2 + $3 } $1 == p "/gc" { g = $2 + $3 } $1 == p "/compiler" { c = $2 + $3 }
      END { printf "%.2f/%.2f/%.2f", a, g, c }' "$work/per-call"), "
  done
  [ "$errors" = "0+0" ] || non2xx="$non2xx (+$errors socket)"
  local per_second
  per_second=$(awk -v c="$calls" -v s="$seconds_taken" 'BEGIN { printf "%.0f", c / s }')
  local database
  database=$(paste -d' ' "$work/db-before" "$work/db-after" "$idle.db" | awk -v s="$seconds_taken" -v n="$calls" '
    { printf "%.1f / %.2f / %.1f", n ? ($4 - $1 - s * $7) / n : 0, n ? ($5 - $2 - s * $8) / n : 0, n ? ($6 - $3 - s * $9) / n / 1024 : 0 }')
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$via" "$per_second" "${split%, }" "${threads%, }" \
    "$(awk -v t="$wrk_cpu" -v n="$calls" 'BEGIN { split(t, x, " "); printf "%.2f", n ? (x[1] + x[2]) * 1000 / n : 0 }')" \
    "$database" >> "$details"
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$via" "$per_second" "$p50" "$p99" "$non2xx" "${cpu% / }"
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
    # The same read at one paced rate through both: CPU per call compared where fixed costs per second weigh the same.
    load "read an own request at ${read_rate}/s" "$via" "$url" get "$reads" 16 "$(( read_rate / 2 ))" "$1"
  done
}
# Warm until two consecutive windows of the heaviest call (submitting through the gateway) agree within 5 %
# (at most BENCH_WARMUP_ROUNDS windows), then once through every scenario.
warm() {
  local previous=0 now round
  for round in $(seq 1 "${BENCH_WARMUP_ROUNDS:-8}"); do
    now=$(load "submit a request" gateway "$gateway" submit "$tokens" "$connections" 0 "$warmup" "w$(date +%s)" | cut -d'|' -f4 | tr -d ' ')
    echo "bench: warm-up window $round: $now submissions/s" >&2
    awk -v a="$previous" -v b="$now" 'BEGIN { exit !(a > 0 && (b - a) / a <= 0.05 && (a - b) / a <= 0.05) }' && break
    previous=$now
  done
  throughput "$warmup" > /dev/null
}
[ "$warmup" -gt 0 ] && warm
measure_idle
details_header > "$details" # the measured pass only

if [ "$only" = all ] || [ "$only" = throughput ]; then
  throughput "$duration" | tee -a "$results"
fi

# Submission → first offer, from the databases' own clocks (service_request.created_at, order_offer.offered_at).
# Synthetic volunteers: bench_volunteers <count> keeps exactly that many active in the Weaver team (compounds
# BENCH-*), their earlier offers withdrawn; bench_volunteers <count> DAY spreads them over the five teams of the
# community day (compounds DAY-*, able to nurse and sew). 0 deactivates them.
bench_volunteers() {
  local prefix=${2:-BENCH} teams="'{weaver}'"
  [ "$prefix" = DAY ] && teams="ARRAY[(ARRAY['angel', 'weaver', 'dawn', 'red-steward', 'lebei'])[n % 5 + 1]]"
  "${psql[@]}" -d volunteer -c "
    UPDATE order_offer SET status = 'WITHDRAWN' WHERE status = 'OFFERED'
      AND volunteer_id IN (SELECT member_id FROM volunteer WHERE compound_code LIKE '$prefix-%');
    INSERT INTO volunteer (member_id, compound_code, grid_code, teams, skills, max_concurrent)
    SELECT gen_random_uuid(), '$prefix-' || (n % 12), 'G0' || (n % 6 + 1), $teams, '{\"sewing\": 3, \"nursing\": 3}', 10
    FROM generate_series(1, $1 - (SELECT count(*) FROM volunteer WHERE compound_code LIKE '$prefix-%')) AS n;
    UPDATE volunteer SET active = (member_id IN (SELECT member_id FROM volunteer WHERE compound_code LIKE '$prefix-%'
      ORDER BY member_id LIMIT $1)) WHERE compound_code LIKE '$prefix-%';" >/dev/null
  # As an operator would after a bulk import: a table that grew from eight rows to thousands in one statement is
  # otherwise planned for eight until autovacuum next looks (the first run measured that, not dispatch).
  "${psql[@]}" -d volunteer -c "ANALYZE volunteer; ANALYZE order_offer" >/dev/null
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
    echo "| submission → first offer | team | target/s | achieved/s | offered | p50 ms | p95 ms | p99 ms | max ms | CPU ms per submission until offered (by process) | statements | commits |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |"
  } >> "$results"
  # paced <label> <team> <rate> <kind> → one row: everything the submissions cause until their offers are made —
  # the load's own window and the dispatch that follows it — counted from before the load until offers stop
  # coming, the idle stack's share taken off.
  paced() {
    local label=$1 team=$2 rate=$3 kind=$4 tag row achieved refused offered p50 p95 p99 max started elapsed submitted until_cpu until_db
    tag="d$(date +%s)r$rate"
    settle
    cpu_snapshot > "$work/until-before"; db_counters > "$work/until-db-before"; started=$(date +%s.%N)
    row=$(load "paced submissions" gateway "$gateway" "$kind" "$tokens" "$(( rate / 10 > 4 ? rate / 10 : 4 ))" \
      "$(( rate / 2 ))" "$paced_duration" "$tag")
    achieved=$(cut -d'|' -f4 <<< "$row" | tr -d ' ')
    refused=$(cut -d'|' -f7 <<< "$row" | tr -d ' ')
    [ "$refused" = 0 ] || achieved="$achieved ($refused refused)"
    read -r offered p50 p95 p99 max <<< "$(offer_latency "$tag")"
    cpu_snapshot > "$work/until-after"; db_counters > "$work/until-db-after"
    elapsed=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
    submitted=${offered#*/}
    cpu_per_call "$work/until-before" "$work/until-after" "$elapsed" "$submitted" > "$work/until-per-call"
    until_cpu=$(awk '{ t[substr($1, 1, index($1, "/") - 1)] += $2 + $3; all += $2 + $3 }
      END { printf "%.1f (g %.1f r %.1f v %.1f m %.1f k %.1f p %.1f)", all, t["gateway"], t["request"], t["volunteer"],
            t["member"], t["kafka"], t["postgres"] }' "$work/until-per-call")
    until_db=$(paste -d' ' "$work/until-db-before" "$work/until-db-after" "$idle.db" | awk -v s="$elapsed" -v n="$submitted" '
      { printf "%.1f | %.1f", n ? ($4 - $1 - s * $7) / n : 0, n ? ($5 - $2 - s * $8) / n : 0 }')
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$team" "$rate" "$achieved" "$offered" \
      "$p50" "$p95" "$p99" "$max" "$until_cpu" "$until_db" | tee -a "$results"
  }
  for team in "${teams[@]}"; do
    for rate in "${rates[@]}"; do
      bench_volunteers "$team"
      paced "via gateway" "$team" "$rate" submit
    done
  done
  bench_volunteers 0
  # A community day at one paced rate: several categories and teams, places, keys, a share that escalates.
  # Disputes go to deliberation and are never offered: "offered" counts the others against all submitted.
  if [ "$day_rate" -gt 0 ]; then
    bench_volunteers "${teams[${#teams[@]}-1]}" DAY
    paced "community day" "${teams[${#teams[@]}-1]} in 5" "$day_rate" day
    bench_volunteers 0 DAY
  fi
fi

# Surge: a steady rate for 30 s, ten times it for a minute (a flood, a lockdown: every household asking at once),
# then the steady rate again for a minute — one schedule, no pause between the phases. For each phase: the calls
# refused and submission → first offer; and how long after the surge ended offers came within a second again (the
# last submission of the after-phase whose offer took a second or more, counted from the surge's end).
if [ "$only" = all ] || [ "$only" = surge ]; then
  steady="${BENCH_SURGE_BASE:-20}"
  bench_volunteers "${teams[${#teams[@]}-1]}"
  settle
  [ -z "$(find "$work/tokens-at" -mmin +3)" ] || fresh_tokens
  tag="s$(date +%s)"
  surge_phase() { # <phase> <calls/s> <seconds>
    wrk -t2 -c"$(( $2 / 10 > 4 ? $2 / 10 : 4 ))" -d"$3s" --timeout 10s -s "$script" "$gateway" -- \
      submit "$tokens" "$(( $2 / 2 ))" sewing-mending "$tag-$1" > "$work/surge-$1.out"
  }
  surge_phase before "$steady" 30
  surge_phase surge "$(( steady * 10 ))" 60
  surge_end=$(date +%s.%N)
  surge_phase after "$steady" 60
  {
    echo
    echo "| surge (team ${teams[${#teams[@]}-1]}) | target/s | achieved/s | refused | offered | p50 ms | p95 ms | p99 ms | max ms |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  } >> "$results"
  for phase in before surge after; do
    result=$(grep '^RESULT' "$work/surge-$phase.out")
    calls=$(sed 's/.*calls=\([0-9]*\).*/\1/' <<< "$result")
    seconds_taken=$(sed 's/.*seconds=\([0-9.]*\).*/\1/' <<< "$result")
    refused=$(sed 's/.*non2xx=\([0-9]*\).*socket_errors=\([0-9]*\).*timeouts=\([0-9]*\).*/\1 + \2 + \3/' <<< "$result")
    target=$steady; [ "$phase" = surge ] && target=$(( steady * 10 ))
    read -r offered p50 p95 p99 max <<< "$(offer_latency "$tag-$phase")"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$phase" "$target" \
      "$(awk -v c="$calls" -v s="$seconds_taken" 'BEGIN { printf "%.0f", c / s }')" "$(( refused ))" "$offered" \
      "$p50" "$p95" "$p99" "$max" | tee -a "$results"
  done
  "${psql[@]}" -d request -c "\\copy (SELECT id, created_at FROM service_request WHERE details->>'description' LIKE 'bench $tag-after %') TO '$PWD/$work/submitted.csv' CSV"
  drained=$("${psql[@]}" -d volunteer -c "CREATE TEMP TABLE s (id uuid, at timestamptz)" \
    -c "\\copy s FROM '$PWD/$work/submitted.csv' CSV" \
    -c "WITH firsts AS (SELECT s.at, min(o.offered_at) - s.at AS took FROM s LEFT JOIN order_offer o ON o.request_id = s.id
                       GROUP BY s.id, s.at)
        SELECT round(greatest(0, coalesce(extract(epoch FROM max(at) FILTER (WHERE took IS NULL OR took >= interval '1 second')),
                                          $surge_end) - $surge_end)::numeric, 1) FROM firsts")
  echo "offers within a second again ${drained} s after the surge ended" | tee -a "$results"
  bench_volunteers 0
fi

# Soak (BENCH_ONLY=soak only): a community day's mix at BENCH_SOAK_RATE for BENCH_SOAK_MINUTES, a minute at a time,
# and the rows of the tables that grow after each minute. Start the stack with short keeps, so that a month's
# retention plays out in minutes:
#   DISPATCH_RETENTION_INTERVAL=15s \
#   DISPATCH_RETENTION_KEEP=processed_event=2m,outbox_event=2m,idempotent_response=2m,notification=2m ./run.sh --reset
# The aged tables level off at about rate × keep; requests and orders, the community's record, grow by design.
if [ "$only" = soak ]; then
  soak_rate="${BENCH_SOAK_RATE:-20}"
  rows() { # <database> <table> → its rows
    "${psql[@]}" -d "$1" -c "SELECT count(*) FROM $2"
  }
  bench_volunteers "${teams[${#teams[@]}-1]}" DAY
  {
    echo
    echo "| soak, ${soak_rate}/s | request: processed / answers / outbox | volunteer: processed / outbox | member: processed / outbox / notifications | requests | orders |"
    echo "| ---: | --- | --- | --- | ---: | ---: |"
  } | tee -a "$results"
  for minute in $(seq 1 "${BENCH_SOAK_MINUTES:-10}"); do
    [ -z "$(find "$work/tokens-at" -mmin +5)" ] || fresh_tokens
    wrk -t2 -c"$(( soak_rate / 10 > 4 ? soak_rate / 10 : 4 ))" -d60s --timeout 10s -s "$script" "$gateway" -- \
      day "$tokens" "$(( soak_rate / 2 ))" - "k$(date +%s)" > "$work/soak.out"
    printf '| %s min | %s / %s / %s | %s / %s | %s / %s / %s | %s | %s |\n' "$minute" \
      "$(rows request processed_event)" "$(rows request idempotent_response)" \
      "$(rows request outbox_event)" "$(rows volunteer processed_event)" "$(rows volunteer outbox_event)" \
      "$(rows member processed_event)" "$(rows member outbox_event)" "$(rows member notification)" \
      "$(rows request service_request)" "$(rows volunteer order_offer)" | tee -a "$results"
  done
  bench_volunteers 0 DAY
fi

echo
echo "$(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(java -version 2>&1 | head -1); tables in $results and $details:"
echo "JVM options of the services: $(tr '\0' ' ' < "/proc/$(pids_of request | head -1)/cmdline" | grep -o -- '-X[^ ]*' | tr '\n' ' ')"
echo "idle stack, CPU ms per second: $(awk '{ t[substr($1, 1, index($1, "/") - 1)] += $2 + $3 } END { for (p in t) printf "%s %.1f  ", p, t[p] }' "$idle")"
cat "$results"
echo
cat "$details"
