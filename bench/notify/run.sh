#!/usr/bin/env bash
# Notices benchmark, loopback only and bounded: import rate vs psql \copy, SMTP dispatch rate vs smtp-source, peak heap.
#   bench/notify/run.sh            # 100,000 recipients
#   BENCH_N=1000000 bench/notify/run.sh
#   BENCH_SMTP=0 bench/notify/run.sh   # import and heap only
# Overridable so that several benchmarks can share a machine (defaults in brackets):
#   BENCH_DB [breachline_bench], BENCH_PORT [18580], BENCH_ADMIN_PORT [18581], BENCH_SMTP_PORT [2525]
#   BENCH_COPY=0        skip the psql \copy comparison (the people are still imported: the campaign needs them)
#   BENCH_JAVA_OPTS     extra JVM options for the server, e.g. a JFR recording
#   BENCH_DRIVE=task    drive dispatch through POST /tasks/dispatch-notices in a loop instead of the background
#                       dispatcher that production runs (the default, BENCH_DRIVE=loop)
# Needs: target/breachline.jar (./mvnw -q -DskipTests package), PostgreSQL on 127.0.0.1:5432 as postgres/postgres,
# and for the SMTP part Debian's postfix (smtp-sink, smtp-source); that part is skipped without it.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${BENCH_N:-100000}
PG="postgresql://postgres:${PGPASSWORD:-postgres}@127.0.0.1:5432"
DB=${BENCH_DB:-breachline_bench}
WORK=$(mktemp -d)
PORT=${BENCH_PORT:-18580}; ADMIN=${BENCH_ADMIN_PORT:-18581}; SMTP_PORT=${BENCH_SMTP_PORT:-2525}
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

DRIVE=${BENCH_DRIVE:-loop}
echo "== $N recipients, dispatch driven by the $DRIVE, work dir $WORK"
echo "load at start: $(uptime)"
python3 - "$N" > "$WORK/people.csv" <<'PY'
import sys
n = int(sys.argv[1])
print("reference,name,email,phone,locale,jurisdiction")
for i in range(n):
    print(f"B-{i:07d},Person {i},person{i}@bench.example,,en-US,US-CA")
PY
ls -l "$WORK/people.csv" | awk '{print "file bytes:", $5}'

psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
export BREACHLINE_DB_DRIVER=org.postgresql.Driver BREACHLINE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" \
  BREACHLINE_DB_USER=postgres BREACHLINE_DB_PASSWORD=${PGPASSWORD:-postgres} BREACHLINE_PORT=$PORT BREACHLINE_ADMIN_PORT=$ADMIN \
  BREACHLINE_OUTBOX="$WORK/outbox" BREACHLINE_EMAIL_MODE=SMTP BREACHLINE_SMTP_PORT=$SMTP_PORT BREACHLINE_EMAIL_RATE=100000 \
  BREACHLINE_DISPATCHER=$([ "$DRIVE" = task ] && echo false || echo true) BREACHLINE_LOG_LEVEL=WARN
TOKEN=$(java -jar target/breachline.jar tokens create --name bench --role RESPONDER config.yml 2>/dev/null)
APPROVER=$(java -jar target/breachline.jar tokens create --name bench-dpo --role APPROVER config.yml 2>/dev/null)
# The GC log gives the peak heap for free: the heap is fullest just before each collection. (Polling jstat, as this
# script did before, started a JVM every half second and took half a core from the import it measured.)
java -Xmx512m -Xlog:gc:file="$WORK/gc.log" ${BENCH_JAVA_OPTS:-} -jar target/breachline.jar server config.yml > "$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 120); do curl -sf -o /dev/null http://127.0.0.1:$ADMIN/healthcheck && break; sleep 0.5; done
API=http://127.0.0.1:$PORT/api

curl -sf -X POST $API/incidents -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"title":"bench"}' > /dev/null
# A service that has run for a while has its import path compiled: warm the JIT with a smaller import into a second
# incident first (BENCH_WARMUP rows, 0 to measure a cold JVM). The timed import is still a first import.
WARMUP=${BENCH_WARMUP:-20000}
if [ "$WARMUP" -gt 0 ]; then
  curl -sf -X POST $API/incidents -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"title":"bench warm-up"}' > /dev/null
  head -n $((WARMUP + 1)) "$WORK/people.csv" | curl -sf -X POST $API/incidents/INC-$(date +%Y)-0002/people \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' --data-binary @- > /dev/null
  echo "warm-up: imported $WARMUP rows into INC-$(date +%Y)-0002"
fi
START=$(date +%s.%N)
curl -sf -X POST $API/incidents/INC-$(date +%Y)-0001/people -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' \
  --data-binary @"$WORK/people.csv" > "$WORK/import.json"
IMPORT=$(echo "$(date +%s.%N) - $START" | bc)
echo "breachline import: ${IMPORT}s ($(python3 -c "print(round($N/$IMPORT))") rows/s) $(head -c 160 "$WORK/import.json")"

if [ "${BENCH_COPY:-1}" = 1 ]; then
  psql "$PG/$DB" -qc "CREATE TABLE bench_copy (reference text, name text, email text, phone text, locale text, jurisdiction text)"
  START=$(date +%s.%N)
  psql "$PG/$DB" -qc "\\copy bench_copy FROM '$WORK/people.csv' CSV HEADER"
  COPY=$(echo "$(date +%s.%N) - $START" | bc)
  echo "psql \\copy: ${COPY}s; import/copy = $(python3 -c "print(round($IMPORT/$COPY, 2))")x (target <= 3x)"
  # The floor under any import of ours: \copy of the rows exactly as Breachline stores them (sealed contact fields,
  # the reference's keyed hash) into a table shaped and indexed like affected_person, with no validation or encryption at all.
  psql "$PG/$DB" -qc "\\copy (SELECT p.incident_id, p.reference_index, p.reference_sealed, p.name_sealed, p.email_sealed, p.phone_sealed, p.locale, p.jurisdiction, p.last_import_id, p.created_at, p.updated_at FROM affected_person p JOIN incident i ON i.id = p.incident_id WHERE i.incident_key = 'INC-$(date +%Y)-0001') TO '$WORK/stored.bin' (FORMAT binary)"
  # (LIKE … INCLUDING ALL copies the columns, the identity and every index, not the foreign key.)
  psql "$PG/$DB" -qc "CREATE TABLE bench_floor (LIKE affected_person INCLUDING ALL)"
  START=$(date +%s.%N)
  psql "$PG/$DB" -qc "\\copy bench_floor (incident_id, reference_index, reference_sealed, name_sealed, email_sealed, phone_sealed, locale, jurisdiction, last_import_id, created_at, updated_at) FROM '$WORK/stored.bin' (FORMAT binary)"
  FLOOR=$(echo "$(date +%s.%N) - $START" | bc)
  echo "floor: \\copy of the stored rows ($(( $(stat -c %s "$WORK/stored.bin") / N )) bytes/row vs $(( $(stat -c %s "$WORK/people.csv") / N )) in the CSV) into an affected_person-shaped table: ${FLOOR}s = $(python3 -c "print(round($FLOOR/$COPY, 2))")x the plain \\copy; import/floor = $(python3 -c "print(round($IMPORT/$FLOOR, 2))")x"
else
  echo "psql \\copy comparison skipped (BENCH_COPY=0)"
fi

if [ "${BENCH_SMTP:-1}" = 1 ] && command -v smtp-sink >/dev/null && command -v smtp-source >/dev/null; then
  smtp-sink -u nobody -c 127.0.0.1:$SMTP_PORT 1000 > "$WORK/sink.log" 2>&1 &
  sleep 1
  # Creates, approves and launches an e-mail campaign to every person of INC-<year>-<number>, waits until it is
  # COMPLETED and prints the seconds from the launch request: enqueueing the deliveries is part of the work, and the
  # background dispatcher starts on them as soon as the launch commits.
  send_campaign() {
    local c start
    c=$(curl -sf -X POST $API/incidents/INC-$(date +%Y)-$1/campaigns -H "Authorization: Bearer $TOKEN" \
      -H 'Content-Type: application/json' -d '{"noticeKind":"BREACH_NOTICE","channels":["EMAIL"],"variables":{"organizationName":"Bench","contactEmail":"b@bench.example","incidentDescription":"Benchmark."}}' \
      | sed -E 's/^\{"id":"([^"]+)".*/\1/')
    curl -sf -X POST $API/campaigns/$c/approve -H "Authorization: Bearer $APPROVER" > /dev/null
    start=$(date +%s.%N)
    curl -sf -X POST "$API/campaigns/$c/launch?overrideCapacity=true" -H "Authorization: Bearer $APPROVER" > /dev/null
    echo "$(date +%s.%N) - $start" | bc > "$WORK/launched.$1"
    if [ "$DRIVE" = task ]; then
      until [ "$(psql "$PG/$DB" -tAc "SELECT COUNT(*) FROM delivery WHERE campaign_id = '$c' AND status IN ('QUEUED','SENDING')")" = 0 ]; do
        curl -sf -X POST http://127.0.0.1:$ADMIN/tasks/dispatch-notices > /dev/null
      done
    else
      until [ "$(psql "$PG/$DB" -tAc "SELECT status FROM campaign WHERE id = '$c'")" = COMPLETED ]; do sleep 0.2; done
    fi
    echo "$(date +%s.%N) - $start" | bc
  }
  # As with the import, a service that has run for a while has its sending path compiled: without this warm-up
  # the JIT's compiler threads took a third of a core during the timed campaign (2026-12-07).
  if [ "$WARMUP" -gt 0 ]; then
    echo "warm-up: sent a campaign to the $WARMUP people of INC-$(date +%Y)-0002 in $(send_campaign 0002)s"
  fi
  START=$(date +%s.%N)
  smtp-source -s 20 -m "$N" -l 2000 127.0.0.1:$SMTP_PORT
  SRC=$(echo "$(date +%s.%N) - $START" | bc)
  echo "smtp-source: ${SRC}s ($(python3 -c "print(round($N/$SRC))") msg/s)"
  SEND=$(send_campaign 0001)
  LAUNCHED=$(cat "$WORK/launched.0001")
  echo "breachline SMTP dispatch: ${SEND}s ($(python3 -c "print(round($N/$SEND))") msg/s; launch request ${LAUNCHED}s of it); ratio to smtp-source $(python3 -c "print(round($SRC/$SEND, 2))") (target >= 0.5)"
  echo "deliveries: $(psql "$PG/$DB" -tAc "SELECT string_agg(status || ' ' || n, ', ') FROM (SELECT status, COUNT(*) n FROM delivery GROUP BY status) s"); messages the sink took in all (smtp-source's N, the warm-up's and ours): $(tr '\r' '\n' < "$WORK/sink.log" | grep -Eo '[0-9]+' | tail -1)"
  echo "measured EMAIL rate the capacity planner now uses: $(psql "$PG/$DB" -tAc "SELECT round(units_per_second) FROM channel_rate WHERE channel = 'EMAIL'") msg/s"
else
  echo "SMTP part skipped (BENCH_SMTP=0, or postfix's smtp-sink/smtp-source not installed)"
fi
# Before-GC sizes from the log, and what is in use now (after the last collection).
{ grep -o '[0-9]*M->' "$WORK/gc.log" | sed 's/M->//'; jstat -gc $SERVER 2>/dev/null | awk 'NR==2 {printf "%d\n", ($3+$4+$6+$8)/1024}'; } > "$WORK/heap.txt"
echo "peak heap used: $(sort -n "$WORK/heap.txt" | tail -1) MiB (max 512; $(grep -c 'Pause' "$WORK/gc.log") collections)"
echo "load at end: $(uptime)"
