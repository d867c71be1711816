-- wrk script for the baseline: GET /hooks/ping, reporting in the same one-line form as sign.lua.
function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT rps=%.1f p99_ms=%.2f p50_ms=%.2f requests=%d errors=%d non2xx=%d\n",
      summary.requests / seconds, latency:percentile(99) / 1000, latency:percentile(50) / 1000,
      summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout, summary.errors.status))
end
