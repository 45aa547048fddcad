#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers that take outside input (server/fuzz: the export's CSV
# rows and header, the catalog query string, storage keys), each target for a time budget.
# Usage: fuzz.sh [TARGET...]   (default: every target)
#   FUZZ_SECONDS    budget per target (default 60)
#   FUZZ_SANITIZER  address (default) or none (faster; panics and failed checks are still found)
# Prints "TARGET: N execs, 0 crashes" per target; a crash, failed check, timeout or leak stops
# the run with libFuzzer's report and the path of the input that caused it.
#
# libFuzzer needs nightly-only compiler flags (-Z sanitizer, sancov passes); the pinned stable
# toolchain accepts them with RUSTC_BOOTSTRAP=1, set for the fuzz build only. Builds go to
# $CARGO_TARGET_DIR/fuzz; the growing working corpus and crash artifacts too, so the clone only
# holds the committed seeds (server/fuzz/corpus/TARGET), which are read, never written.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

CARGO_FUZZ_VERSION=0.13.2
SECONDS_EACH="${FUZZ_SECONDS:-60}"
SANITIZER="${FUZZ_SANITIZER:-address}"
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(csv_row header catalog_query storage_key)
OUT="$CARGO_TARGET_DIR/fuzz"

if [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]; then
  log "installing cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

log "building the fuzz targets (sanitizer: $SANITIZER)"
# All targets (each link costs about a second). -O with -a: optimized, but with debug assertions
# and overflow checks, so an arithmetic overflow in a parser is a crash, not a wrapped value.
RUSTC_BOOTSTRAP=1 cargo fuzz build -O -a --sanitizer "$SANITIZER" \
  --fuzz-dir server/fuzz --target-dir "$OUT"

start=$(date +%s)
for t in "${TARGETS[@]}"; do
  bin="$OUT/x86_64-unknown-linux-gnu/release/$t"
  seeds="server/fuzz/corpus/$t"
  [ -x "$bin" ] && [ -d "$seeds" ] || { echo "unknown fuzz target $t" >&2; exit 2; }
  mkdir -p "$OUT/corpus/$t" "$OUT/artifacts/$t" "$OUT/logs"
  log "fuzzing $t for ${SECONDS_EACH}s"
  logf="$OUT/logs/$t.log"
  # Longest input tried: a few export rows, one header line (~750 bytes) with room to grow, a
  # long query string, a key past the 512-byte limit. (Left to itself libFuzzer starts at the
  # longest seed and grows slowly, so a header with one column more is out of reach for minutes.)
  case "$t" in
    csv_row) max_len=8192 ;;
    header) max_len=2048 ;;
    *) max_len=1024 ;;
  esac
  # New inputs go to the first corpus directory (outside the clone); the seeds are read only.
  # An input taking over 10 s is reported as a hang.
  if ! "$bin" -max_total_time="$SECONDS_EACH" -timeout=10 -max_len="$max_len" \
      -print_final_stats=1 -artifact_prefix="$OUT/artifacts/$t/" "$OUT/corpus/$t" "$seeds" >"$logf" 2>&1; then
    tail -n 60 "$logf" >&2
    echo "$t: CRASH; input: $(sed -n 's/.*Test unit written to \(.*\)/\1/p' "$logf" | tail -n 1)" >&2
    echo "reproduce: $bin <that file>" >&2
    exit 1
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\)/\1/p' "$logf" | tail -n 1)
  [ -n "$execs" ] || { tail -n 20 "$logf" >&2; echo "$t: no final stats in $logf" >&2; exit 1; }
  echo "$t: $execs execs, 0 crashes (corpus $(find "$OUT/corpus/$t" -type f | wc -l) inputs)"
done
echo "fuzzed ${#TARGETS[@]} target(s) in $(( $(date +%s) - start ))s"
