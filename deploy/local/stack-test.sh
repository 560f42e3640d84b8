# What the stack tests (fault-test.sh, backup-test.sh) share; sourced, not run. The caller sets `name` (how it
# introduces itself) and `cluster` (true or false) first. The stack runs on ports of its own, with its data under
# $data (a fresh temporary folder), so a developer's ./run.sh may keep running beside it.
# Needs the built jars (./mvnw package, or after verify), curl and psql.
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

data=$(mktemp -d)
export DISPATCH_ADMIN_PASSWORD=stack-test-admin-1 \
  DISPATCH_GATEWAY_PORT=28080 DISPATCH_REQUEST_SERVICE_PORT=28081 DISPATCH_VOLUNTEER_SERVICE_PORT=28082 \
  DISPATCH_MEMBER_SERVICE_PORT=28083 DISPATCH_POSTGRES_PORT=25432 DISPATCH_KAFKA_PORT=29192 \
  DISPATCH_REDIS_PORT=26379 DISPATCH_RATE_LIMIT=1000000 DISPATCH_SIGN_IN_RATE_LIMIT=1000
gateway=http://localhost:28080
psql=(psql -h localhost -p 25432 -U postgres -qtAX)
mode=()
$cluster && mode=(--cluster)
launcher=
submitter=
stack_out=

say() { echo "$name$($cluster && echo ' --cluster') $(date +%H:%M:%S)  $*"; }
field() { grep -o "\"$1\":\"[^\"]*\"" | head -1 | cut -d'"' -f4; }

stop() {
  [ -n "$submitter" ] && kill "$submitter" 2>/dev/null || true
  [ -n "$phone" ] && kill "$phone" 2>/dev/null || true
  submitter=
  phone=
  [ -n "$launcher" ] && kill -TERM "$launcher" 2>/dev/null && wait "$launcher" 2>/dev/null || true
  launcher=
}
fail() {
  say "FAILED: $*"
  [ -n "$stack_out" ] && { echo "--- launcher output"; cat "$stack_out"; }
  stop
  exit 1
}
trap stop EXIT

# start_stack <data folder> [launcher option…]: the launcher in the background; returns once the stack is up.
start_stack() {
  local folder=$1
  shift
  mkdir -p "$folder"
  stack_out="$folder/stack.out"
  DISPATCH_DATA_DIR="$folder" java -Xmx256m -cp "deploy/local/target/local-stack.jar:deploy/local/target/lib/*" \
    community.dispatch.local.LocalStack "${mode[@]+"${mode[@]}"}" "$@" > "$stack_out" 2>&1 &
  launcher=$!
  for _ in $(seq 1 600); do
    grep -q "community-dispatch is up" "$stack_out" && return
    kill -0 "$launcher" 2>/dev/null || fail "the stack did not start"
    sleep 1
  done
  fail "the stack did not start in 600 s"
}

# Right after start-up on a small machine the first sign-ins (Argon2id on cold JVMs) may exceed their
# time limit; the set-up tries again as a person would. Sets $admin.
sign_in_admin() {
  admin=
  for _ in $(seq 1 10); do
    admin=$(curl -sf "$gateway/api/v1/auth/login" -H 'Content-Type: application/json' \
      -d "{\"username\":\"admin\",\"password\":\"$DISPATCH_ADMIN_PASSWORD\"}" | field access_token) && [ -n "$admin" ] && return
    sleep 3
  done
  fail "the admin could not sign in"
}

# sign_in_by_phone <phone>: prints a token for the member with that phone, signed in with a texted code.
sign_in_by_phone() {
  local phone=$1 code=
  curl -sf -o /dev/null "$gateway/api/v1/auth/codes" -H 'Content-Type: application/json' -d "{\"phone\":\"$phone\"}"
  # Codes are texted from a queue just after the request is answered: wait for it.
  for _ in $(seq 1 50); do
    code=$(curl -sf "$gateway/api/v1/auth/sms-sandbox?phone=$phone" -H "Authorization: Bearer $admin" \
      | grep -o '验证码 [0-9]\{6\}' | head -1 | grep -o '[0-9]\{6\}') && [ -n "$code" ] && break
    sleep 0.2
  done
  curl -sf "$gateway/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"phone\":\"$phone\",\"code\":\"$code\"}" | field access_token
}

# Registers the test's resident, living in the first household of compound C01, and signs them in: sets
# $resident (their token), $resident_id, $resident_phone and $resident_name.
resident_phone=19955500001
resident_name="测试居民$$"
sign_in_resident() {
  local unit
  unit=$(curl -sf "$gateway/api/v1/places/compounds/C01/units" -H "Authorization: Bearer $admin" | field id)
  resident_id=$(curl -sf "$gateway/api/v1/members" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$resident_name\",\"phone\":\"$resident_phone\",\"roles\":[\"RESIDENT\"],\"unitId\":\"$unit\"}" | field id)
  [ -n "$resident_id" ] || fail "the resident could not be registered"
  resident=$(sign_in_by_phone "$resident_phone")
  [ -n "$resident" ] || fail "the resident could not sign in"
}

# Cold JVMs (eight of them and three brokers in cluster mode, on two cores) may answer the first
# submissions after the route's time limit (504) whether or not anything is killed; the set-up submits
# until five in a row are acknowledged within a second, so that a refusal in the test proper means a fault
# was not survived. These submissions are not counted. Sets $warm_id to the last one's id.
warm_up() {
  local warm=0
  for w in $(seq 1 60); do
    if warm_id=$(curl -sf --max-time 1 "$gateway/api/v1/requests" -H "Authorization: Bearer $resident" \
        -H 'Content-Type: application/json' -H "Idempotency-Key: $name-warm-up-$w" \
        -d "{\"categoryCode\":\"sewing-mending\",\"description\":\"warm-up $w: a button to sew on\"}" | field id); then
      warm=$((warm + 1))
      [ "$warm" -ge 5 ] && return
    else
      warm=0
      sleep 1
    fi
  done
  fail "submissions were not acknowledged at once after 60 warm-up attempts"
}

# The resident: one submission every $pace s, each retried with its key until acknowledged (2xx); every
# attempt not acknowledged (an error status, or no answer within 10 s) is noted in $refused. Each
# acknowledged one is a line of $acked: its number, its id and when it was acknowledged (ms since the epoch).
acked="$data/acked"
refused="$data/refused"
pace="${STACK_TEST_PACE:-0.1}"
start_submitting() {
  : > "$acked"
  : > "$refused"
  rm -f "$data/stop-submitting"
  (
    n=0
    while [ ! -f "$data/stop-submitting" ]; do
      n=$((n + 1))
      for attempt in $(seq 1 120); do
        id=$(curl -s --max-time 10 -o - -w '\n%{http_code}' "$gateway/api/v1/requests" -H "Authorization: Bearer $resident" \
          -H 'Content-Type: application/json' -H "Idempotency-Key: $name-$n" \
          -d "{\"categoryCode\":\"sewing-mending\",\"description\":\"$name $n: a sleeve to mend\"}" \
          | { read -r body; read -r status; [ "${status:0:1}" = 2 ] && field id <<< "$body" \
              || { echo "$n ${status:-none} $(date +%H:%M:%S)" >> "$refused"; false; }; } ) && break
        sleep 0.5
      done
      [ -n "${id:-}" ] && echo "$n $id $(date +%s%3N)" >> "$acked"
      sleep "$pace"
    done
  ) &
  submitter=$!
}
stop_submitting() {
  touch "$data/stop-submitting"
  wait "$submitter" || true
  submitter=
  if [ -n "$phone" ]; then
    wait "$phone" || true
    phone=
  fi
}

# A resident's phone that does not retry: $phone_rate keyed submissions a second (STACK_TEST_PHONE_RATE, 5 by default:
# what this 2-core machine serves in cluster mode with room to spare — deploy/README.md has the figures at 20), each
# sent once, whatever comes back.
# Each is a line of $phone_log: its number, its status (000: no answer within 10 s), when it was sent (ms since the
# epoch) and, when acknowledged, the request's id. Stopped with the resident's submissions (stop_submitting).
phone_log="$data/phone"
phone_rate="${STACK_TEST_PHONE_RATE:-5}"
phone=
start_phone() {
  : > "$phone_log"
  (
    n=0
    first=${EPOCHREALTIME/./}
    while [ ! -f "$data/stop-submitting" ]; do
      n=$((n + 1))
      (
        sent=${EPOCHREALTIME/./}
        answer=$(curl -s --max-time 10 -o - -w '\n%{http_code}' "$gateway/api/v1/requests" -H "Authorization: Bearer $resident" \
          -H 'Content-Type: application/json' -H "Idempotency-Key: $name-phone-$n" \
          -d "{\"categoryCode\":\"sewing-mending\",\"description\":\"phone-$name $n: a zip to fix\"}")
        status=${answer##*$'\n'}
        echo "$n ${status:-000} ${sent:0:13} $(field id <<< "${answer%$'\n'*}")" >> "$phone_log"
      ) &
      # Call n + 1 is due n / rate seconds after the first: sleeping until then, not for a fixed gap, keeps the rate
      # whatever each call costs to start.
      due=$((first + n * 1000000 / phone_rate - ${EPOCHREALTIME/./}))
      [ "$due" -le 0 ] || sleep "$((due / 1000000)).$(printf '%06d' $((due % 1000000)))"
    done
    wait
  ) &
  phone=$!
}

# phone_warm: returns once the phone's calls sent between 10 and 6 s ago (all answered by now, or timed out at the
# gateway) were all acknowledged, at least three seconds' worth of them: the JVMs are warm at the phone's rate. Fails
# after two minutes.
phone_warm() {
  local now
  for _ in $(seq 1 120); do
    sleep 1
    now=$(( ${EPOCHREALTIME/./} / 1000 ))
    if awk -v from=$((now - 10000)) -v to=$((now - 6000)) -v least=$((3 * phone_rate)) \
        '$3 >= from && $3 < to { sent++; if ($2 !~ /^2/) refused++ } END { exit !(sent >= least && refused == 0) }' "$phone_log"; then
      return
    fi
  done
  fail "the phone's calls were not all acknowledged after two minutes of warming up"
}

# phase <label>: from now on the phone's calls count in this phase (refused_by_phase).
phases="$data/phases"
phase() { echo "${EPOCHREALTIME/./} $*" | cut -c1-13,17- >> "$phases"; }

# refused_by_phase: per phase, how many of the phone's calls were sent and how many refused (not 2xx), with the
# statuses of the refused; one line each.
refused_by_phase() {
  awk 'NR == FNR { start[NR] = $1; $1 = ""; label[NR] = substr($0, 2); phases = NR; next }
       { p = 0; for (i = 1; i <= phases; i++) if ($3 >= start[i]) p = i
         sent[p]++; if ($2 !~ /^2/) { refused[p]++; count[p, $2]++; if (!((p, $2) in seen)) { seen[p, $2]; codes[p] = codes[p] " " $2 } } }
       END { for (i = 1; i <= phases; i++) {
               detail = ""; n = split(substr(codes[i], 2), list, " ")
               for (c = 1; c <= n; c++) detail = detail (c > 1 ? ", " : "") count[i, list[c]] " × " list[c]
               printf "%s: %d sent, %d refused%s\n", label[i], sent[i], refused[i] + 0, detail == "" ? "" : " (" detail ")" } }' \
    "$phases" "$phone_log"
}

# check <database> <ids file> <query over temp table acked(id)>: prints the number the query answers.
check() {
  "${psql[@]}" -d "$1" -c "CREATE TEMP TABLE acked (id uuid)" -c "\\copy acked FROM '$2' CSV" -c "$3"
}

# await_dispatched <ids file>: waits up to two minutes until volunteer-service has a dispatch for each; prints
# how many have none.
await_dispatched() {
  local undispatched
  for _ in $(seq 1 60); do
    undispatched=$(check volunteer "$1" "SELECT count(*) FROM acked WHERE id NOT IN (SELECT request_id FROM dispatch)")
    [ "$undispatched" = 0 ] && break
    sleep 2
  done
  echo "$undispatched"
}

# No volunteer offered the same request twice, nor any dispatch decision published twice: prints "<offered
# twice> <published twice>" for the ids file's requests.
twice() {
  echo "$(check volunteer "$1" "SELECT count(*) FROM (SELECT 1 FROM order_offer WHERE request_id IN (SELECT id FROM acked)
    GROUP BY request_id, volunteer_id HAVING count(*) > 1) twice")" \
    "$(check volunteer "$1" "SELECT count(*) FROM (SELECT 1 FROM outbox_event WHERE event_type LIKE '%order.offered%'
    OR event_type LIKE '%order.unassignable%' GROUP BY payload->>'subject', event_type, payload->'data'->>'volunteerId'
    HAVING count(*) > 1) twice")"
}
