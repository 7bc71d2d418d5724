-- wrk script: at the end of the run, print one JSON line with what a test asserts on.
--
--   wrk --latency -c 16 -t 2 -d 6s --timeout 10s -H 'Host: res.test' \
--       -s wrk-report.lua http://127.0.0.1/release
--
-- The line starts with "WRK_JSON " (wrk prints its own summary before it): requests, the
-- socket errors (connect, read, write, timeout), non-2xx answers (wrk's "status" counts
-- answers above 399; this script counts every answer outside 200-299 itself), and the
-- latency (max, p99, mean) in milliseconds.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local non2xx_total = 0
  for _, thread in ipairs(threads) do
    non2xx_total = non2xx_total + (thread:get("non2xx") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_s": %.3f, "errors": {"connect": %d, "read": %d, '
      .. '"write": %d, "status": %d, "timeout": %d}, "non2xx": %d, "latency_ms": '
      .. '{"max": %.1f, "p99": %.1f, "mean": %.1f}}\n',
    summary.requests, summary.duration / 1e6, e.connect, e.read, e.write, e.status, e.timeout,
    non2xx_total, latency.max / 1000, latency:percentile(99) / 1000, latency.mean / 1000))
end
