#!/usr/bin/env bash
# idle_bench.sh — CPU of a window left alone (frame pacing, core/frame_pacer.hpp):
# each binary in turn (same run, alternated) opens DB on each section, waits
# SETTLE s (data, badges, the daily backup), then the CPU it uses over WINDOW s
# is read from /proc/PID/stat. A benchmark, not a test (not run by CTest).
#   usage: tests/bench/idle_bench.sh DB BIN [BIN2 …]
#   env:   BENCH_DISPLAY=:95 (the Xvfb it starts), BENCH_SECTIONS="overview review",
#          BENCH_SETTLE=12, BENCH_WINDOW=30, BENCH_ROUNDS=1
# Compare with the old loop in one binary: JINGUO_FRAME_PACING=0 is passed
# for a BIN written as "nopacing:path/to/jinguo".
set -euo pipefail
db="${1:?usage: idle_bench.sh DB BIN [BIN2 …]}"; shift
[ $# -ge 1 ] || { echo "usage: idle_bench.sh DB BIN [BIN2 …]" >&2; exit 2; }
display="${BENCH_DISPLAY:-:95}"; settle="${BENCH_SETTLE:-12}"; window="${BENCH_WINDOW:-30}"
sections="${BENCH_SECTIONS:-overview review}"; rounds="${BENCH_ROUNDS:-1}"
work="$(mktemp -d /tmp/idle_bench.XXXXXX)"
xvfb_pid=""
cleanup() { [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
Xvfb "$display" -screen 0 1600x900x24 -nolisten tcp -noreset >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
export DISPLAY="$display"
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
cp "$db" "$work/bench.db"   # the app writes its daily backup beside the file: never the source
# One unmeasured open first: the copy's daily backup and damage check run then, not in a measured window.
first="${1#nopacing:}"
mkdir -p "$work/home0/config" "$work/home0/data"
HOME="$work/home0" XDG_CONFIG_HOME="$work/home0/config" XDG_DATA_HOME="$work/home0/data" \
  "$first" --db "$work/bench.db" >/dev/null 2>&1 &
warm=$!; sleep "$settle"; kill "$warm"; wait "$warm" 2>/dev/null || true
ticks="$(getconf CLK_TCK)"
cpu_of() { local s; s="$(sed 's/^.*) //' "/proc/$1/stat")"; set -- $s; echo $(( ${12} + ${13} )); }
echo "| binary | section | CPU % of a core over ${window} s idle |"
echo "|---|---|---|"
for _ in $(seq "$rounds"); do
  for section in $sections; do
    for spec in "$@"; do
      bin="${spec#nopacing:}"; pacing=1; [ "$bin" != "$spec" ] && pacing=0
      home="$work/home"; mkdir -p "$home/config" "$home/data"
      HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" JINGUO_FRAME_PACING="$pacing" \
        "$bin" --db "$work/bench.db" --section "$section" >"$work/log.txt" 2>&1 &
      pid=$!
      sleep "$settle"
      c0="$(cpu_of "$pid")"; t0="$(date +%s.%N)"
      sleep "$window"
      c1="$(cpu_of "$pid")"; t1="$(date +%s.%N)"
      kill "$pid"; wait "$pid" 2>/dev/null || true
      awk -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v tck="$ticks" -v b="$spec" -v s="$section" \
        'BEGIN { printf "| %s | %s | %.1f |\n", b, s, 100 * (c1 - c0) / tck / (t1 - t0) }'
    done
  done
done
