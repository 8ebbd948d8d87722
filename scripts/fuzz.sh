#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz) with clang and runs each for
# SECONDS (default 45). Usage: scripts/fuzz.sh [SECONDS] [HARNESS…]
#   build dir:  $JINGUO_FUZZ_BUILD, default build-fuzz (clang, JINGUO_FUZZ=ON)
#   corpora:    <build dir>/corpus/<harness>/  (seeded from tests/fuzz/seeds and
#               tests/data/rosters on the first run, then grown by each run)
#   crashes:    <build dir>/crashes/<harness>/crash-… (also leak-, timeout-, oom-)
# Exit status: 0 clean, 1 a harness found something (or the build failed),
# 77 clang is not installed (CTest's fuzz_short reports that as skipped).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:-45}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(fuzz_spreadsheet_csv fuzz_spreadsheet_xlsx fuzz_fields)
build=${JINGUO_FUZZ_BUILD:-$root/build-fuzz}
jobs=${JOBS:-2}

cxx=""
for c in clang++ clang++-14; do
  if command -v "$c" >/dev/null; then cxx=$(command -v "$c"); break; fi
done
if [ -z "$cxx" ]; then
  echo "fuzz.sh: clang++ is not installed (scripts/install-deps.sh installs it); skipped." >&2
  exit 77
fi

# Only the core and the harnesses are built: no tests, no GUI.
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" \
  -DJINGUO_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" -j"$jobs" --target "${harnesses[@]}"

# Seeds, copied once: the corpus directory is written by libFuzzer.
seed() {   # seed HARNESS FILES…
  local dir="$build/corpus/$1"
  shift
  mkdir -p "$dir"
  [ -n "$(ls -A "$dir")" ] && return 0
  cp "$@" "$dir/"
}
rosters=$root/tests/data/rosters
seed fuzz_spreadsheet_csv "$rosters"/*.csv "$rosters"/*.tsv "$rosters"/*.txt "$root"/tests/fuzz/seeds/csv/*
seed fuzz_spreadsheet_xlsx "$rosters"/*.xlsx "$rosters"/*.docx "$rosters"/*.xls "$rosters"/*.et "$root"/tests/fuzz/seeds/xlsx/*
seed fuzz_fields "$root"/tests/fuzz/seeds/fields/*

export ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
status=0
for h in "${harnesses[@]}"; do
  mkdir -p "$build/crashes/$h"
  log=$build/$h.log
  echo "fuzz.sh: $h for ${seconds} s (log: $log)"
  # -max_len 64 KiB: the largest roster seed is 12 KB; bigger inputs only slow it down.
  if "$build/tests/fuzz/$h" "$build/corpus/$h" -max_total_time="$seconds" -rss_limit_mb=2560 \
       -timeout=20 -max_len=65536 -print_final_stats=1 -artifact_prefix="$build/crashes/$h/" >"$log" 2>&1; then
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|^stat::new_units_added' "$log" | sed "s/^/  $h /"
  else
    status=1
    echo "fuzz.sh: $h FAILED; the end of its log:" >&2
    tail -n 60 "$log" >&2
    ls "$build/crashes/$h" >&2
  fi
done
exit $status
