#!/usr/bin/env bash
# Submission → the offer on the volunteer's phone: every Weaver volunteer of the demo community watches
# their live stream through the gateway (GET /api/v1/orders/stream, as curl -N does); a demo resident
# submits sewing requests one after another; for each, the time from sending the submission to the
# first "offered" event naming it on any stream (the clock of this machine; each line stamped as it
# arrives). Each request is withdrawn once seen, so the volunteers' slots stay free.
#   DISPATCH_ADMIN_PASSWORD=… bench/stream-latency.sh [requests=30]
# Needs the single-node stack with its demo community and raised sign-in limit (nine codes and
# sign-ins): DISPATCH_SIGN_IN_RATE_LIMIT=100000 ./run.sh. Needs curl.
set -euo pipefail
requests="${1:-30}"
gateway="${GATEWAY:-http://localhost:8080}"
work="$(dirname "$0")/.work/stream"
: "${DISPATCH_ADMIN_PASSWORD:?set DISPATCH_ADMIN_PASSWORD to the admin password of the stack}"
rm -rf "$work" && mkdir -p "$work"

field() { grep -o "\"$1\":\"[^\"]*\"" | head -1 | cut -d'"' -f4; }
call() { curl -sS --fail-with-body "$@"; }
admin=$(call "$gateway/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$DISPATCH_ADMIN_PASSWORD\"}" | field access_token)
sign_in() { # <phone> → access token, with a code from the SMS sandbox
  local code before i
  before=$(call "$gateway/api/v1/auth/sms-sandbox?phone=$1&limit=200" -H "Authorization: Bearer $admin" | grep -o '验证码 [0-9]\{6\}' | wc -l)
  call -o /dev/null "$gateway/api/v1/auth/codes" -H 'Content-Type: application/json' -d "{\"phone\":\"$1\"}"
  # Codes are texted from a queue just after the request is answered: wait for the new one.
  for i in $(seq 1 50); do
    [ "$(call "$gateway/api/v1/auth/sms-sandbox?phone=$1&limit=200" -H "Authorization: Bearer $admin" \
      | grep -o '验证码 [0-9]\{6\}' | wc -l)" -gt "$before" ] && break
    sleep 0.2
  done
  code=$(call "$gateway/api/v1/auth/sms-sandbox?phone=$1" -H "Authorization: Bearer $admin" \
    | grep -o '验证码 [0-9]\{6\}' | head -1 | grep -o '[0-9]\{6\}')
  call "$gateway/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"phone\":\"$1\",\"code\":\"$code\"}" | field access_token
}

watchers=()
cleanup() { for pid in "${watchers[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
for n in $(seq 46 53); do # the Weaver team's eight volunteers
  token=$(sign_in "100000000$n")
  ( curl -sN "$gateway/api/v1/orders/stream" -H "Authorization: Bearer $token" \
      | while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done > "$work/volunteer-$n.log" ) &
  watchers+=("$!")
done
resident=$(sign_in 10000000300)
sleep 2

times=()
for i in $(seq 1 "$requests"); do
  sent=$EPOCHREALTIME
  id=$(call "$gateway/api/v1/requests" -H "Authorization: Bearer $resident" -H 'Content-Type: application/json' \
    -d "{\"categoryCode\":\"sewing-mending\",\"description\":\"压测 stream bench $i\"}" | field id)
  seen=""
  for _ in $(seq 1 200); do # up to 10 s
    seen=$(grep -h "\"change\":\"offered\".*\"requestId\":\"$id\"" "$work"/volunteer-*.log | sort -n | head -1 | cut -d' ' -f1 || true)
    [ -n "$seen" ] && break
    sleep 0.05
  done
  if [ -z "$seen" ]; then times+=("missed"); else times+=("$(awk -v seen="$seen" -v sent="$sent" 'BEGIN { print seen - sent }')"); fi
  call -o /dev/null "$gateway/api/v1/requests/$id/cancellation" -H "Authorization: Bearer $resident" \
    -H 'Content-Type: application/json' -d '{"reason":"bench"}'
done

missed=$(printf '%s\n' "${times[@]}" | grep -c missed || true)
printf '%s\n' "${times[@]}" | grep -v missed | sort -n | awk -v missed="$missed" '
  { t[NR] = $1 * 1000 }
  END { if (NR == 0) { print "no offer reached a stream"; exit 1 }
        printf "submission → offer on the stream, %d requests: p50 %.0f ms, p95 %.0f ms, max %.0f ms, missed %d\n",
          NR + missed, t[int((NR + 1) / 2)], t[int(NR * 0.95 + 0.999)], t[NR], missed }'
