#!/usr/bin/env bash
# A write made elsewhere reaches the open window, as a person would see it:
# the real app runs under Xvfb on a demo database showing 志愿者; meanwhile
# `jinguo import` adds a roster from "the terminal" (its own process and
# connection). The window must notice within a second (PRAGMA data_version,
# polled every frame): JINGUO_DEBUG_REVISION=1 makes it print a line with the
# wall-clock time when it does, and the screen must change. The app runs with
# JINGUO_CHECK_SQL=1, so a statement left open between frames would stop it.
# Screenshots before and after stay in $JINGUO_SCREENSHOT_DIR (default: the
# test's working folder) to be looked at.
#   usage: outside_write_test.sh /path/to/jinguo /path/to/source
set -euo pipefail
jinguo="$1"
source_dir="$2"
out_dir="${JINGUO_SCREENSHOT_DIR:-$PWD}"
limit="${JINGUO_OUTSIDE_WRITE_LIMIT:-1.0}"   # seconds from the import's end to the window noticing
for tool in Xvfb import convert compare xdotool; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (scripts/install-deps.sh installs it)"; exit 1; }
done

source "$(dirname "${BASH_SOURCE[0]}")/xvfb_lib.sh"
start_xvfb 151 180 1600x900x24

"$jinguo" demo --db "$work/demo.db" >"$work/demo.log"
grep -q "已写入演示数据" "$work/demo.log" || { echo "FAIL: demo did not report"; cat "$work/demo.log"; exit 1; }

JINGUO_DEBUG_REVISION=1 JINGUO_CHECK_SQL=1 "$jinguo" --db "$work/demo.db" --section volunteers \
  >"$work/app.log" 2>&1 &
app=$!
pids+=("$app")
wait_for_window "$app" "$work/app.log"
before="$out_dir/outside_write_before.png"
shoot_when_drawn "$before"
[ "$(colours "$before")" -ge 200 ] || { echo "FAIL: the window stayed blank"; cat "$work/app.log"; exit 1; }
sleep 1   # the badge announcer's first evaluation (30 frames in) may write too: let it settle
seen_before="$(grep -c '数据库已被其他连接修改' "$work/app.log" || true)"
import -window root "$before"

# The terminal: a roster imported into the open database.
"$jinguo" import --db "$work/demo.db" --kind volunteers "$source_dir/tests/data/rosters/gen_utf8.csv" \
  >"$work/import.log" 2>&1 || { echo "FAIL: import"; cat "$work/import.log"; exit 1; }
imported_at="$(date +%s.%N)"
grep -q "导入" "$work/import.log" || { echo "FAIL: the import said nothing"; cat "$work/import.log"; exit 1; }

noticed=""
for _ in $(seq 50); do
  now_seen="$(grep -c '数据库已被其他连接修改' "$work/app.log" || true)"
  if [ "$now_seen" -gt "$seen_before" ]; then noticed=1; break; fi
  sleep 0.05
done
[ -n "$noticed" ] || { echo "FAIL: the window did not notice the import within 2.5 s"; cat "$work/app.log"; exit 1; }
line="$(grep '数据库已被其他连接修改' "$work/app.log" | sed -n "$((seen_before + 1))p")"
seen_at="$(sed -E 's/.*时间 ([0-9.]+).*/\1/' <<<"$line")"
delay="$(awk -v a="$seen_at" -v b="$imported_at" 'BEGIN { printf "%.3f", a - b }')"
echo "import finished at $imported_at; the window noticed at $seen_at: $delay s later"
echo "  $line"
# The import's process ends a moment after its commit: the window may notice first.
awk -v d="$delay" -v l="$limit" 'BEGIN { exit !(d < l) }' \
  || { echo "FAIL: noticed $delay s after the import (limit $limit s)"; exit 1; }

sleep 0.5   # a frame or two to draw the reloaded list
after="$out_dir/outside_write_after.png"
import -window root "$after"
differing="$(compare -metric AE "$before" "$after" null: 2>&1 || true)"
echo "pixels changed on screen: $differing"
[ "${differing%%.*}" -gt 0 ] 2>/dev/null || { echo "FAIL: the screen did not change"; exit 1; }

kill -0 "$app" 2>/dev/null || { echo "FAIL: the app stopped"; cat "$work/app.log"; exit 1; }
if grep -q "数据库正忙\|内部错误" "$work/app.log"; then echo "FAIL: the app reported"; cat "$work/app.log"; exit 1; fi
kill "$app"
wait "$app" 2>/dev/null || true
echo "outside write test passed"
