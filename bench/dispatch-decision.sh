#!/usr/bin/env bash
# How long one dispatch decision takes with thousands of volunteers. Needs the single-node stack
# running (./run.sh) and its admin password. Adds N synthetic volunteers to one team, asks the
# dispatch preview (the same candidate query and scoring as a real offer) M times through the
# gateway, prints the latency percentiles, then removes the synthetic volunteers.
#   DISPATCH_ADMIN_PASSWORD=… bench/dispatch-decision.sh [volunteers=5000] [calls=200]
set -euo pipefail
volunteers="${1:-5000}"
calls="${2:-200}"
gateway="${GATEWAY:-http://localhost:8080}"
psql=(psql -h localhost -p "${DISPATCH_POSTGRES_PORT:-15432}" -U postgres -d volunteer -qtA)
: "${DISPATCH_ADMIN_PASSWORD:?set DISPATCH_ADMIN_PASSWORD to the admin password of the stack}"

token=$(curl -sf "$gateway/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$DISPATCH_ADMIN_PASSWORD\"}" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')

cleanup() { "${psql[@]}" -c "DELETE FROM volunteer WHERE compound_code LIKE 'DECIDE-%'" >/dev/null; }
trap cleanup EXIT
"${psql[@]}" -c "
  INSERT INTO volunteer (member_id, compound_code, grid_code, teams, skills, max_concurrent)
  SELECT gen_random_uuid(), 'DECIDE-' || (n % 12), 'G0' || (n % 6 + 1), '{angel}',
         jsonb_build_object('nursing', n % 5 + 1), 2
  FROM generate_series(1, $volunteers) AS n;
  ANALYZE volunteer;" >/dev/null
echo "volunteers in team angel: $("${psql[@]}" -c "SELECT count(*) FROM volunteer WHERE 'angel' = ANY(teams) AND active")"

times=()
for _ in $(seq 1 "$calls"); do
  times+=("$(curl -sf -o /dev/null -w '%{time_total}' "$gateway/api/v1/dispatch-rules/preview" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"categoryCode":"free-clinic","urgency":"URGENT","compoundCode":"DECIDE-3","gridCode":"G04"}')")
done
printf '%s\n' "${times[@]}" | sort -n | awk -v n="$calls" '
  { t[NR] = $1 * 1000 }
  END { printf "preview through the gateway, %d calls: p50 %.1f ms, p95 %.1f ms, max %.1f ms\n", n, t[int(n*0.5)], t[int(n*0.95)], t[n] }'
