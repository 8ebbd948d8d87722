#!/usr/bin/env bash
# On the demo database, the figures an organizer signs must not move when a
# roster comes in that holds nothing new:
#   1. `export --unmasked` then `import` of that very file changes no figure of
#      `leaderboard --json` (every board, metric and period) or `targets --json`;
#   2. a roster of 1,000 people new to Jinguo, with their lifetime totals,
#      changes no 2026 (or any year's) board or target figure, and does change
#      the all-time board (their totals are history).
#   usage: figures_stable_test.sh /path/to/jinguo /path/to/source
set -euo pipefail
jinguo="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/demo.db"
"$jinguo" demo --db "$db" >/dev/null

periods="all 2024 2025 2026 2026Q1 2026Q2 2026Q3 2026Q4 2026-01 2026-06 2026-11"
figures() {   # every board in every period, and the targets of three years
  local out="$1"
  : > "$out"
  for period in $periods; do
    for spec in "volunteers points" "volunteers hours" "communities points" "communities hours" "communities titles" \
                "communities rate" "streets points" "streets hours" "streets rate" "streets titles" "posts points" "posts score"; do
      set -- $spec
      echo "== $1 $2 $period" >> "$out"
      "$jinguo" leaderboard --db "$db" --board "$1" --metric "$2" --period "$period" --today 2026-12-05 --json >> "$out"
    done
  done
  for year in 2025 2026; do
    echo "== targets $year" >> "$out"
    "$jinguo" targets --db "$db" --year "$year" --today 2026-12-05 --json >> "$out"
  done
}

figures "$work/before.txt"
grep -q '"rows"' "$work/before.txt" || { echo "FAIL: no board rows read"; exit 1; }

# 1. The demo's own unchanged export, imported again.
"$jinguo" export --db "$db" --table volunteers --out "$work/export.xlsx" --unmasked >/dev/null
"$jinguo" import --db "$db" --kind volunteers --today 2026-12-05 "$work/export.xlsx" > "$work/import1.txt"
grep -q "新增0行，更新0行" "$work/import1.txt" || { echo "FAIL: re-importing an unchanged export changed people:"; cat "$work/import1.txt"; exit 1; }
figures "$work/after-export.txt"
if ! diff -q "$work/before.txt" "$work/after-export.txt" >/dev/null; then
  echo "FAIL: re-importing the demo's own export changed figures:"
  diff "$work/before.txt" "$work/after-export.txt" | head -40
  exit 1
fi
echo "ok: export → import changed no figure ($(grep -c '^==' "$work/before.txt") boards and target lists)"

# 2. 1,000 new people with lifetime totals (joined 2016–2024), as of today.
awk 'BEGIN {
  split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ");
  split("1 0 X 9 8 7 6 5 4 3 2", c, " ");
  print "姓名,身份证号,所属社区,服务时长,加入日期";
  for (i = 0; i < 1000; i++) {
    id = sprintf("320105%04d%02d%02d%03d", 1960 + i % 40, 1 + i % 12, 1 + i % 28, 100 + i % 900);
    sum = 0;
    for (k = 1; k <= 17; k++) sum += substr(id, k, 1) * w[k];
    printf "新志愿者%d,%s%s,,%d,%d-05-01\n", i, id, c[sum % 11 + 1], 50 + (i * 37) % 1200, 2016 + i % 9;
  }
}' > "$work/new.csv"
"$jinguo" import --db "$db" --kind volunteers --today 2026-12-05 "$work/new.csv" > "$work/import2.txt"
grep -q "新增1,000行" "$work/import2.txt" || { echo "FAIL: the 1,000-person roster did not import:"; cat "$work/import2.txt"; exit 1; }
figures "$work/after-new.txt"
# Everything but the all-time boards and the stock of registered volunteers
# (these people are on the roll: a stock counts them) stays the same.
filter() { awk '/^== / { keep = ($4 != "all") } keep' "$1" | grep -v '"metric":"volunteers"' ; }
strip_targets_volunteers() { sed -E 's/\{[^{}]*"metric":"volunteers"[^{}]*\}//g' "$1"; }
only_years() { awk '/^== / { keep = ($4 != "all") } keep' "$1"; }
only_years "$work/after-export.txt" | strip_targets_volunteers /dev/stdin > "$work/years-before.txt"
only_years "$work/after-new.txt" | strip_targets_volunteers /dev/stdin > "$work/years-after.txt"
if ! diff -q "$work/years-before.txt" "$work/years-after.txt" >/dev/null; then
  echo "FAIL: a roster of lifetime totals changed a period's figures:"
  diff "$work/years-before.txt" "$work/years-after.txt" | head -40
  exit 1
fi
awk '/^== / { keep = ($4 == "all") } keep' "$work/after-export.txt" > "$work/all-before.txt"
awk '/^== / { keep = ($4 == "all") } keep' "$work/after-new.txt" > "$work/all-after.txt"
if diff -q "$work/all-before.txt" "$work/all-after.txt" >/dev/null; then
  echo "FAIL: the all-time boards did not change after 1,000 people with their totals came in"
  exit 1
fi
grep -q "新志愿者" "$work/all-after.txt" || { echo "FAIL: no new volunteer on an all-time board"; exit 1; }
echo "ok: a roster of 1,000 lifetime totals changed no period figure, and the all-time boards"
