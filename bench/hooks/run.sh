#!/usr/bin/env bash
# Benchmark of the alert hook: wrk posts Standard-Webhooks-signed GENERIC alerts to /hooks/bench and, in the same
# run, GETs the trivial /hooks/ping of the same service; prints both rates, their ratio and the p99 latencies.
# Loopback only, bounded: WARMUP seconds of alternating warm-up (default 120), then ROUNDS rounds of DURATION seconds.
#   bench/hooks/run.sh                 # H2 file database in a temporary directory
#   BENCH_DB_URL=jdbc:postgresql://127.0.0.1:5432/breachline_bench BENCH_DB_USER=postgres BENCH_DB_PASSWORD=postgres \
#     bench/hooks/run.sh               # an existing, empty PostgreSQL database
set -euo pipefail
cd "$(dirname "$0")/../.."
here=bench/hooks

DURATION=${DURATION:-10}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
FINGERPRINTS=${FINGERPRINTS:-50}
PROCESSING=${PROCESSING:-DEFERRED}
PORT=${BENCH_PORT:-18080}
ADMIN_PORT=${BENCH_ADMIN_PORT:-18081}

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
if [ ! -f target/breachline.jar ] || [ -n "${BUILD:-}" ]; then
  ./mvnw -q -DskipTests package
fi

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  [ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"
}
trap cleanup EXIT

# A fresh signing key per run: hex for the Lua signer, whsec_<base64> for the server.
head -c 32 /dev/urandom > "$work/key"
key_hex=$(od -An -tx1 -v "$work/key" | tr -d ' \n')
secret="whsec_$(base64 -w0 "$work/key")"
nonce=$(date +%s%N)

if [ -n "${BENCH_DB_URL:-}" ]; then
  db_driver=org.postgresql.Driver; db_url=$BENCH_DB_URL
  db_user=${BENCH_DB_USER:-postgres}; db_password=${BENCH_DB_PASSWORD:-postgres}
else
  db_driver=org.h2.Driver
  db_url="jdbc:h2:file:$work/bench;MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH"
  db_user=sa; db_password=""
fi

cat > "$work/bench.yml" <<YAML
database:
  driverClass: $db_driver
  url: "$db_url"
  user: $db_user
  password: "$db_password"
  validationQuery: "SELECT 1"
  autoCommitByDefault: true
  minSize: 8
  maxSize: 32
migrateOnStart: true
hooks:
  processing: $PROCESSING
  # The benchmark measures processing, not queueing or refusing: the rate and ceiling are above what wrk can send.
  ratePerSecond: 1000000
  rateBurst: 1000000
  maxPerSecond: 1000000
  maxBurst: 1000000
  sources:
    - name: bench
      format: GENERIC
      auth: STANDARD_WEBHOOKS
      secret: $secret
      dedupWindow: 1h
server:
  registerDefaultExceptionMappers: false
  applicationConnectors:
    - {type: http, bindHost: 127.0.0.1, port: $PORT}
  adminConnectors:
    - {type: http, bindHost: 127.0.0.1, port: $ADMIN_PORT}
  requestLog:
    appenders: []
logging:
  level: WARN
YAML

java ${BENCH_JAVA_OPTS:-} -jar target/breachline.jar server "$work/bench.yml" > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/hooks/ping" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { echo "the server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }
  sleep 0.5
done

base="http://127.0.0.1:$PORT"
# Signs a hook run's deliveries ahead (see presign.py): enough for 10,000 requests per second per wrk thread, more than
# any machine here has reached; past that, sign.lua signs live and the RESULT line counts those requests.
presign() { # seconds, nonce
  python3 $here/presign.py "$work/signed_$2" "$key_hex" "$2" "$FINGERPRINTS" "$THREADS" $(( $1 * 10000 ))
  echo "$work/signed_$2"
}
run() { # label, wrk arguments...
  local label=$1; shift
  # wrk shares the cores with the server: its own CPU time (user + system seconds) is kept to report.
  { TIMEFORMAT='%U %S'; time wrk -t"$THREADS" -c"$CONNECTIONS" "$@" > "$work/$label.out"; } 2> "$work/$label.cpu"
  grep '^RESULT' "$work/$label.out" | sed "s/^RESULT/$label/"
}

# The JIT needs minutes on this many classes with two cores, and C2 compiles the endpoint measured last while the
# first is measured: warm both, alternately, then measure in alternating rounds and add the rounds up, so that both
# rates come from the same stretch of the JVM's life.
WARMUP=${WARMUP:-120}
echo "warming up (${WARMUP} s, alternating)…"
for round in 1 2 3; do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$(( WARMUP / 6 ))s" -s $here/ping.lua "$base/hooks/ping" >/dev/null
  signed=$(presign $(( WARMUP / 6 )) "w${round}_$nonce")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$(( WARMUP / 6 ))s" -s $here/sign.lua "$base" -- bench "$key_hex" \
    "w${round}_$nonce" "$FINGERPRINTS" "$signed" >/dev/null
  rm -f "$signed".*
done

ROUNDS=${ROUNDS:-3}
echo "measuring $ROUNDS rounds of ${DURATION}s each, $THREADS threads, $CONNECTIONS connections, $FINGERPRINTS fingerprints, processing $PROCESSING"
# CPU ticks per server thread (by name, numbered pool threads summed) and of all PostgreSQL processes.
cpu_ticks() {
  for t in /proc/"$server"/task/*; do
    # Pool threads' numbers go ("dw-45 - POST /h" is a Jetty thread renamed for its request, truncated).
    name=$(tr ' ' '_' < "$t/comm" | sed -E 's/[-#][0-9]+.*$//; s/[0-9]+$//')
    awk -v n="$name" '{ sub(/^.*\) /, ""); print n, $12 + $13 }' "$t/stat" 2>/dev/null
  done
  for p in $(pgrep -x postgres || true); do
    awk '{ sub(/^.*\) /, ""); print "postgres(all)", $12 + $13 }' /proc/"$p"/stat 2>/dev/null
  done
}
: > "$work/cpu.hook"
for round in $(seq 1 "$ROUNDS"); do
  run "ping$round" -d"${DURATION}s" -s $here/ping.lua "$base/hooks/ping"
  cpu_ticks | sed 's/^/- /' >> "$work/cpu.hook"
  signed=$(presign "$DURATION" "m${round}_$nonce")
  run "hook$round" -d"${DURATION}s" -s $here/sign.lua "$base" -- bench "$key_hex" "m${round}_$nonce" "$FINGERPRINTS" \
    "$signed"
  rm -f "$signed".*
  cpu_ticks | sed 's/^/+ /' >> "$work/cpu.hook"
done
# Threads that ended in between are lost; pool threads live the whole run.
echo "CPU during the hook rounds, % of one core (server threads by name, and PostgreSQL when local):"
awk -v secs="$(( ROUNDS * DURATION ))" -v hz="$(getconf CLK_TCK)" '
  { v[$2] += ($1 == "+" ? $3 : -$3) }
  END { for (n in v) if (v[n] > 0) printf "  %-32s %5.1f\n", n, 100 * v[n] / hz / secs }' "$work/cpu.hook" | sort -k2 -nr | head -12
for kind in ping hook; do
  cat "$work"/$kind[0-9]*.cpu | awk -v k=$kind -v secs="$(( ROUNDS * DURATION ))" '{ c += $1 + $2 }
    END { printf "  wrk itself, %s rounds            %5.1f\n", k, 100 * c / secs }'
done
# Totals over all rounds: requests over seconds; the p99 is the worst round's.
total() { # prefix
  cat "$work"/$1[0-9]*.out | grep '^RESULT' | awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    req += v["requests"]; secs += v["requests"] / v["rps"]; if (v["p99_ms"] > p99) p99 = v["p99_ms"]; non += v["non2xx"] }
    END { printf "rps=%.1f p99_ms=%.2f requests=%d non2xx=%d\n", req / secs, p99, req, non }'
}
ping="ping $(total ping)"
hook="hook $(total hook)"
echo "$ping"
echo "$hook"

field() { echo "$1" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2; }
ping_rps=$(field "$ping" rps); hook_rps=$(field "$hook" rps)
non2xx=$(field "$hook" non2xx)
meter() { # the count of one meter on the admin port
  curl -s "http://127.0.0.1:$ADMIN_PORT/metrics" | tr '{}' '\n\n' | grep -A1 "\"$1\"" | grep -o '"count":[0-9]*' \
    | head -1 | cut -d: -f2
}
awk -v h="$hook_rps" -v p="$ping_rps" -v hp="$(field "$hook" p99_ms)" -v pp="$(field "$ping" p99_ms)" 'BEGIN {
  printf "hooks/ping requests/s ratio: %.2f (target >= 0.5)   p99: hook %.2f ms, ping %.2f ms\n", h / p, hp, pp }'
echo "hook deliveries answered non-2xx: ${non2xx}"
if [ "$PROCESSING" = DEFERRED ]; then
  # The 202 came once the delivery was stored; report how long the worker takes to apply what is queued.
  start=$(date +%s)
  for _ in $(seq 1 240); do
    queued=$(meter hooks.bench.queued); applied=$(meter hooks.bench.applied-from-queue)
    [ "${applied:-0}" -ge "${queued:-0}" ] && break
    sleep 0.5
  done
  echo "worker: ${applied:-0} of ${queued:-0} queued deliveries applied to incidents $(( $(date +%s) - start )) s after wrk stopped"
fi
if [ "${non2xx:-0}" != "0" ]; then
  echo "some deliveries were refused; server log:" >&2; tail -20 "$work/server.log" >&2
fi
