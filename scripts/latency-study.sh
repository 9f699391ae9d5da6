#!/usr/bin/env bash
# The exactly-once latency study of docs/performance.md: for each Streams setting, a fresh `dev` engine on the
# embedded runtime, then `load` at a fixed rate; prints one line of figures per setting.
#
#   scripts/latency-study.sh        # the default matrix, Kafka target, 1,000 orders/s, 30 s after 30 s warm-up
#   RATE=500 TARGET=rest DURATION=20 WARMUP=10 scripts/latency-study.sh "5:1:0" "20:1:5"
#
# Each argument is COMMIT_INTERVAL_MS:STREAM_THREADS:STREAMS_LINGER_MS[:STREAMS_POLL_MS] (poll defaults to 100). Run it on a quiet machine: the broker,
# the engine and the load generator share the cores, and anything else running shows up in the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
RATE="${RATE:-1000}"
TARGET="${TARGET:-kafka}"
DURATION="${DURATION:-30}"
WARMUP="${WARMUP:-30}"   # seconds of unmeasured load first: a fresh engine is still compiling its hot paths
STUDY_DIR="${STUDY_DIR:-$(mktemp -d -t latency-study.XXXXXX)}"
SETTINGS=("$@")
if [[ ${#SETTINGS[@]} -eq 0 ]]; then
  SETTINGS=("100:1:5" "50:1:5" "20:1:5" "10:1:5" "5:1:5" "5:1:0" "20:2:5" "5:2:0")
fi
./trading-engine --help > /dev/null   # builds once, before the first measurement
printf '%-22s %s\n' "commit:threads:linger:poll" "result of load --target $TARGET --rate $RATE --duration $DURATION --warmup $WARMUP"
for setting in "${SETTINGS[@]}"; do
  IFS=: read -r commit threads linger poll <<< "$setting"
  poll="${poll:-100}"
  data="$STUDY_DIR/$commit-$threads-$linger-$poll"
  rm -rf "$data"
  DATA_DIR="$data" COMMIT_INTERVAL_MS="$commit" STREAM_THREADS="$threads" STREAMS_LINGER_MS="$linger" STREAMS_POLL_MS="$poll" \
    ./trading-engine dev > "$data.log" 2>&1 &
  engine=$!
  for _ in $(seq 1 120); do
    grep -q '^ready in' "$data.log" 2>/dev/null && break
    sleep 1
  done
  out=$(DATA_DIR="$data" ./trading-engine load --target "$TARGET" --rate "$RATE" --duration "$DURATION" \
        --warmup "$WARMUP" 2>&1 \
        | grep -E '^(throughput|order-to-result|sent)' | tr '\n' ' ')
  printf '%-22s %s\n' "$setting" "$out"
  kill "$engine"
  wait "$engine" 2>/dev/null || true
done
