#!/usr/bin/env bash
# sections_bench.sh — what each section costs on an empty database, the demo
# and a big one: time to the first frame, time to data (the first frame after
# which no view waits for a Task), the longest frame, peak memory.
#
# A benchmark, not a test (not run by CTest): it prints a markdown table.
#   usage: tests/bench/sections_bench.sh [BIG.db]      (default /work/bench/big.db)
#   env:   JINGUO=path/to/jinguo (default build/jinguo beside this script's tree)
#          BENCH_DISPLAY=:93 (the Xvfb display it starts), BENCH_CAP=60 (s per run)
#          BENCH_SECTIONS="overview volunteers …" (default: every section)
#
# Every run gets a fresh HOME/XDG_CONFIG_HOME/XDG_DATA_HOME. The databases are
# copies made once (the app may migrate one, or write its daily backup beside
# it); the big one is never opened in place.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jinguo="${JINGUO:-$root/build/jinguo}"
big_src="${1:-/work/bench/big.db}"
display="${BENCH_DISPLAY:-:93}"
cap="${BENCH_CAP:-60}"
sections="${BENCH_SECTIONS:-overview volunteers families posts honours review units targets leaderboards import presentation settings help}"

[ -x "$jinguo" ] || { echo "jinguo not found at $jinguo (build it, or set JINGUO)" >&2; exit 1; }
[ -f "$big_src" ] || { echo "big database not found: $big_src" >&2; exit 1; }
command -v Xvfb >/dev/null || { echo "Xvfb is missing" >&2; exit 1; }

work="$(mktemp -d /tmp/sections_bench.XXXXXX)"
xvfb_pid=""
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

Xvfb "$display" -screen 0 1600x900x24 -nolisten tcp -noreset >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
export DISPLAY="$display" MESA_SHADER_CACHE_DISABLE=true
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
xdpyinfo >/dev/null 2>&1 || { echo "Xvfb did not start on $display" >&2; cat "$work/xvfb.log" >&2; exit 1; }

# The three databases, each made or copied once; runs open them (a migration
# or a daily backup touches the copy, never the source).
mkdir -p "$work/db"
HOME="$work/home0" XDG_DATA_HOME="$work/home0/data" XDG_CONFIG_HOME="$work/home0/config" \
  "$jinguo" demo --db "$work/db/demo.db" >/dev/null
# An empty Jinguo database: the app creates and migrates it in a first, unmeasured run.
HOME="$work/home0" XDG_DATA_HOME="$work/home0/data" XDG_CONFIG_HOME="$work/home0/config" \
  "$jinguo" --db "$work/db/empty.db" --screenshot "$work/empty.png" --frames 1 >/dev/null 2>&1
cp "$big_src" "$work/db/big.db"
[ -f "$big_src-wal" ] && cp "$big_src-wal" "$work/db/big.db-wal"

# One run: prints "first data longest peak" (ms ms ms MiB) or dashes.
run_one() {   # db section tag
  local db="$1" section="$2" tag="$3"
  local home="$work/home-$tag-$section" measure="$work/measure-$tag-$section.txt"
  rm -rf "$home"; mkdir -p "$home/data" "$home/config"
  HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" \
    timeout -s TERM "$cap" "$jinguo" --db "$db" --section "$section" --measure "$measure" --frames 100000 \
    >"$work/log-$tag-$section.txt" 2>&1 || true
  awk '
    /^#/ { next }
    $1 == "peak_rss_mib" { peak = $2; next }
    NF >= 4 {
      n++
      if (n == 1) first = $2 + $3   # a frame ends at its start + its duration
      if ($3 > longest) longest = $3
      if ($4 != 0) lastWaiting = n
      end[n] = $2 + $3
    }
    END {
      if (n == 0) { print "none none none -"; exit }   # stopped before its first frame
      data = (lastWaiting == 0) ? end[1] : (lastWaiting < n ? end[lastWaiting + 1] : -1)
      printf "%.0f %s %.0f %s\n", first, (data < 0 ? "timeout" : sprintf("%.0f", data)), longest, (peak == "" ? "-" : peak)
    }' "$measure" 2>/dev/null || echo "- - - -"
}

echo "| section | empty: first frame / data / longest frame / peak MiB | demo: first / data / longest / peak | big: first / data / longest / peak | big/empty time to data |"
echo "|---|---|---|---|---|"
for section in $sections; do
  read -r e1 e2 e3 e4 <<<"$(run_one "$work/db/empty.db" "$section" empty)"
  read -r d1 d2 d3 d4 <<<"$(run_one "$work/db/demo.db" "$section" demo)"
  read -r b1 b2 b3 b4 <<<"$(run_one "$work/db/big.db" "$section" big)"
  ratio="-"
  if [[ "$e2" =~ ^[0-9]+$ && "$b2" =~ ^[0-9]+$ && "$e2" -gt 0 ]]; then
    ratio="$(awk -v b="$b2" -v e="$e2" 'BEGIN { printf "%.1f", b / e }')"
  fi
  cell() { if [ "$1" = none ]; then echo "no frame in ${cap} s"; else echo "$1 / $2 / $3 ms / $4"; fi; }
  echo "| $section | $(cell "$e1" "$e2" "$e3" "$e4") | $(cell "$d1" "$d2" "$d3" "$d4") | $(cell "$b1" "$b2" "$b3" "$b4") | $ratio |"
done
echo
echo "Times in ms since process start (first frame, data) and per frame (longest); peak = VmHWM at exit."
echo "data = the end of the first frame after which no view waits for a Task; timeout = still waiting after ${cap} s."
echo "jinguo: $jinguo ($(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')), big: $big_src ($(du -m "$big_src" | cut -f1) MiB), $(date -u '+%Y-%m-%d %H:%M UTC')"
