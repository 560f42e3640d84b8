-- wrk script for every bench scenario (bench/run.sh passes the arguments after "--"):
--   1 kind       submit | day | get   (day: a community day's mix, see below)
--   2 file       one line per caller: "<token>" (submit) or "<token> <path>" (get)
--   3 rate       calls per second per wrk thread (run.sh runs two); 0 = as fast as the answers come (closed loop)
--   4 category   category code of submissions
--   5 tag        marks this run's submissions in their description
-- Paced connections keep a schedule (call n at start + n / rate), so a slow answer does not lower
-- the rate that follows it. At the end one line "RESULT key=value ..." is printed for run.sh.
local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_usec; } bench_timeval;
  int gettimeofday(bench_timeval *tv, void *tz);
]]
local now_tv = ffi.new("bench_timeval")
local function now_ms()
  ffi.C.gettimeofday(now_tv, nil)
  return tonumber(now_tv.tv_sec) * 1000 + tonumber(now_tv.tv_usec) / 1000
end

local threads = {}

-- A community day in twenty submissions (kind "day"), by the teams that take them: household help (Red Steward)
-- 6, sewing and mending (Weaver) 4, the free clinic (Angel, nursing) 3, childcare (Lebei) 2, study visits
-- (Dawn, Red Steward) 2, a health talk (Angel) 1, something else (Dawn) 1, and a neighbour dispute 1, which goes
-- to the deliberation ladder, not to dispatch (it escalates). Patrols and straw burning are left out: they are
-- offered to every able volunteer at once (a pool), which with thousands of synthetic volunteers measures
-- the pool's size, not a day. Every other submission names its place (compound and building), every tenth
-- is urgent, and every second carries an Idempotency-Key, as a phone that may retry does.
local day = {
  { "household-help", '"attributes":{"kind":"errand"}' }, { "sewing-mending", nil },
  { "free-clinic", '"attributes":{"home-visit":"yes"}' }, { "household-help", '"attributes":{"kind":"repair"}' },
  { "childcare", '"attributes":{"children":2,"when":"2027-03-01T09:00:00+08:00"}' }, { "study-visit", nil },
  { "sewing-mending", nil }, { "household-help", '"attributes":{"kind":"property"}' },
  { "free-clinic", '"attributes":{"home-visit":"no"}' }, { "neighbour-dispute", '"attributes":{"other-party":"302"}' },
  { "household-help", '"attributes":{"kind":"errand"}' }, { "health-talk", '"attributes":{"audience":30}' },
  { "sewing-mending", nil }, { "household-help", '"attributes":{"kind":"repair"}' },
  { "childcare", '"attributes":{"children":1,"when":"2027-03-01T14:00:00+08:00"}' }, { "free-clinic", '"attributes":{"home-visit":"yes"}' },
  { "other", nil }, { "household-help", '"attributes":{"kind":"errand"}' }, { "study-visit", nil }, { "sewing-mending", nil },
}

function setup(thread)
  thread:set("thread_no", #threads)
  table.insert(threads, thread)
end

function init(args)
  kind, file, rate, category, tag = args[1], args[2], tonumber(args[3] or "0"), args[4] or "", args[5] or ""
  callers = {}
  for line in io.lines(file) do
    local token, path = line:match("^(%S+)%s*(%S*)$")
    if token then table.insert(callers, { token = token, path = path }) end
  end
  counter = thread_no * 1000000
  started, sent, statuses = nil, 0, 0
end

function request()
  counter = counter + 1
  local caller = callers[(counter % #callers) + 1]
  local headers = { ["Authorization"] = "Bearer " .. caller.token }
  if kind == "submit" then
    headers["Content-Type"] = "application/json"
    local body = string.format('{"categoryCode":"%s","description":"bench %s %d: a seam to mend"}',
      category, tag, counter)
    return wrk.format("POST", "/api/v1/requests", headers, body)
  end
  if kind == "day" then
    headers["Content-Type"] = "application/json"
    local need = day[(counter % #day) + 1]
    local fields = { string.format('"categoryCode":"%s","description":"bench %s %d: a community day"', need[1], tag, counter) }
    if need[2] then table.insert(fields, need[2]) end
    -- a hash of the counter, so place, key and urgency fall on every category alike
    local h = (counter * 2654435761) % 4294967296
    if h % 2 == 0 then
      table.insert(fields, string.format('"location":{"compoundCode":"C%02d","buildingCode":"%d","unitCode":"%d0%d"}',
        counter % 12 + 1, counter % 6 + 1, counter % 4 + 1, counter % 2 + 1))
    end
    if math.floor(h / 4) % 10 == 0 then table.insert(fields, '"urgency":"URGENT"') end
    if math.floor(h / 2) % 2 == 0 then headers["Idempotency-Key"] = string.format("bench-%s-%d", tag, counter) end
    return wrk.format("POST", "/api/v1/requests", headers, "{" .. table.concat(fields, ",") .. "}")
  end
  return wrk.format("GET", caller.path, headers)
end

function delay()
  if rate <= 0 then return 0 end
  local at = now_ms()
  started = started or at
  sent = sent + 1
  local due = started + (sent - 1) * 1000 / rate
  return math.max(0, due - at)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "RESULT calls=%d seconds=%.2f non2xx=%d socket_errors=%d timeouts=%d p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f\n",
    summary.requests, summary.duration / 1e6, errors.status, errors.connect + errors.read + errors.write,
    errors.timeout, latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
